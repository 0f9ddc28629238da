using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// The variables the kernel introduces (the point of a KL integral, the random parameters given to a density the
/// text leaves abstract, ∞ in a limit) have names no input can write: a user's x_{kl}, \mu_p or v_q is always the
/// user's own symbol, and a counterexample never lists ∞ as if it were a variable.
/// </summary>
public class KernelNameTests
{
    private static IReadOnlyList<Verdict> Verdicts(string math) =>
        [.. DocumentVerifier.Verify(MarkdownReader.Parse("$$\n" + math + "\n$$\n", "snippet.md")).Steps.Select(s => s.Verdict)];

    public static TheoryData<string> RightStepsWithNamesLikeTheKernels => new()
    {
        // The closed form of KL is computed with an integration variable of its own.
        @"\mathrm{KL}(\mathcal{N}(x_{kl}, 1) \,\|\, \mathcal{N}(0, 1)) = \frac{x_{kl}^2}{2}",
        @"\mathrm{KL}(\mathcal{N}(x_{KL}, 1) \,\|\, \mathcal{N}(0, 1)) = \frac{x_{KL}^2}{2}",
        @"\mathrm{KL}(\mathcal{N}(\mu, x_{functional}) \,\|\, \mathcal{N}(\mu, 1)) = \frac{1}{2}\left(x_{functional} - 1 - \log x_{functional}\right)",
    };

    [Theory]
    [MemberData(nameof(RightStepsWithNamesLikeTheKernels))]
    public void AUsersSymbolIsNeverTheKernelsVariable(string math)
    {
        var verdict = Assert.Single(Verdicts(math));
        Assert.True(verdict.Kind is VerdictKind.Proved or VerdictKind.Confirmed, math + ": " + verdict.Kind + " (" + verdict.Reason + ")");
    }

    public static TheoryData<string> WrongStepsWritingTheRandomParameters => new()
    {
        // KL between two densities nothing defines is not the Gaussian formula in the names of their random parameters.
        @"\mathrm{KL}(p \,\|\, q) = \frac{1}{2}\left(\log\frac{v_q}{v_p} + \frac{v_p + (\mu_p - \mu_q)^2}{v_q} - 1\right)",
        @"\mathrm{KL}(p \,\|\, q) = \frac{1}{2}\left(\log\frac{v_{q}}{v_{p}} + \frac{v_{p} + (mu_{p} - mu_{q})^2}{v_{q}} - 1\right)",
    };

    [Theory]
    [MemberData(nameof(WrongStepsWritingTheRandomParameters))]
    public void TheRandomParametersOfAnAbstractDensityCannotBeWritten(string math)
    {
        var verdict = Assert.Single(Verdicts(math));
        Assert.False(verdict.Kind is VerdictKind.Proved or VerdictKind.Confirmed, math + ": " + verdict.Kind + " (" + verdict.Reason + ")");
    }

    [Fact]
    public void ACounterexampleNeverListsInfinity()
    {
        var verdict = Assert.Single(Verdicts(@"\int_{-\infty}^{\infty} e^{-x^2} \, dx = \sqrt{\pi} + a^2 + 1"));
        Assert.Equal(VerdictKind.Refuted, verdict.Kind);
        Assert.NotNull(verdict.Counterexample);
        Assert.Equal(["a"], verdict.Counterexample!.Values.Select(kv => kv.Key));
    }

    [Fact]
    public void InfinityPrintsAsInfinityAndIsNotAName()
    {
        Assert.Equal(@"\infty", LatexPrinter.Print(Ex.Infinity));
        Assert.True(Ex.IsInfinity(Ex.Infinity, 1));
        Assert.True(Ex.IsInfinity(Ex.Neg(Ex.Infinity), -1));
        Assert.False(Ex.IsInfinity(Ex.Sym("infinity"), 1));
        Assert.Throws<ArgumentException>(() => Ex.Fresh("x_kl"));
        Assert.Throws<ArgumentException>(() => Ex.Fresh(@"\mathcal{L}"));
    }
}
