using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// An accented name the document never defines but uses beside its base (x̄ with x_1, ᾱ_{t−1} with α_t) is derived from
/// the base by a convention: a failure at independent values is not a mistake. Defined, the same name is checked
/// through its definition, and a wrong link is refuted.
/// </summary>
public class DerivedNameTests
{
    private static List<StepResult> Verify(string markdown) => [.. DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps];

    private const string Chain = "$$\n(x_1 - \\bar{x})^2 + (x_2 - \\bar{x})^2 = x_1^2 - 2x_1\\bar{x} + x_2^2 - 2x_2\\bar{x} + 2\\bar{x}^2 = x_1^2 + x_2^2 - 2\\bar{x}^2\n$$\n";

    [Fact]
    public void AnUndefinedMeanBesideItsSampleIsNotGivenAFreeValue()
    {
        var steps = Verify("For the two observations,\n\n" + Chain).Where(s => s.Verdict.Kind != VerdictKind.Skipped).ToList();
        Assert.Equal(2, steps.Count);
        Assert.True(steps[0].Verdict.Holds);
        Assert.Equal(VerdictKind.Unsupported, steps[1].Verdict.Kind);
        Assert.Contains("never defines \\bar{x}", steps[1].Verdict.Reason);
    }

    [Fact]
    public void ADefinedMeanIsCheckedThroughItsDefinition()
    {
        var steps = Verify("With the sample mean $\\bar{x} = \\frac{x_1 + x_2}{2}$,\n\n" + Chain).Where(s => s.Verdict.Kind != VerdictKind.Skipped).ToList();
        Assert.All(steps, s => Assert.True(s.Verdict.Holds, s.Verdict.Reason));
    }

    [Fact]
    public void AWrongLinkWithADefinedMeanIsRefuted()
    {
        var wrong = Chain.Replace("- 2\\bar{x}^2\n", "- 2\\bar{x}\n", StringComparison.Ordinal);
        var steps = Verify("With the sample mean $\\bar{x} = \\frac{x_1 + x_2}{2}$,\n\n" + wrong);
        Assert.Contains(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
    }

    [Fact]
    public void AnUndefinedRunningProductBesideItsFactorsIsNotGivenAFreeValue()
    {
        var steps = Verify("$$\na = \\frac{\\gamma_k}{\\delta_k} + \\frac{1}{1-\\bar{\\gamma}_{k-1}} = \\frac{\\gamma_k(1-\\bar{\\gamma}_{k-1}) + \\delta_k}{(1-\\bar{\\gamma}_{k-1})\\delta_k} = \\frac{1-\\bar{\\gamma}_k}{(1-\\bar{\\gamma}_{k-1})\\delta_k}\n$$\n");
        Assert.DoesNotContain(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
        Assert.Contains(steps, s => s.Verdict.Reason.Contains("never defines \\bar{gamma}", StringComparison.Ordinal));
    }

    /// <summary>The base defined through another name (γ_k := 1 − δ_k, α_t := 1 − β_t): the undefined γ̄ is as untied from it (a false alarm once).</summary>
    [Fact]
    public void AnUndefinedRunningProductBesideAFactorDefinedThroughAnotherNameIsNotGivenAFreeValue()
    {
        var steps = Verify("Define $\\gamma_k := 1 - \\delta_k$.\n\n$$\na = \\frac{\\gamma_k}{\\delta_k} + \\frac{1}{1-\\bar{\\gamma}_{k-1}} = \\frac{\\gamma_k(1-\\bar{\\gamma}_{k-1}) + \\delta_k}{(1-\\bar{\\gamma}_{k-1})\\delta_k} = \\frac{1-\\bar{\\gamma}_k}{(1-\\bar{\\gamma}_{k-1})\\delta_k}\n$$\n");
        Assert.DoesNotContain(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
        Assert.Contains(steps, s => s.Verdict.Reason.Contains("never defines \\bar{gamma}", StringComparison.Ordinal));
    }

    /// <summary>A model's chain that defines a name and goes on through another, first written there, says what that one is.</summary>
    [Theory]
    [InlineData("$$\nm = s + n = W c + n\n$$\n")]
    [InlineData("$$\n\\begin{aligned}\nu_t &= A u_{t-1} + e_t \\\\\nr_t &= g_t + f_t = B u_t + f_t\n\\end{aligned}\n$$\n")]
    public void AChainThroughANameFirstWrittenThereIsNotRefuted(string math)
    {
        var steps = Verify("Consider the following model.\n\n" + math);
        Assert.DoesNotContain(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
        Assert.Contains(steps, s => s.Verdict.Reason.Contains("a name first written here and given no value anywhere", StringComparison.Ordinal));
    }

    /// <summary>The same shape with the carried names on both sides is a claim about them, and a wrong one is refuted.</summary>
    [Theory]
    [InlineData("$$\nm = s + n = (s + n)^2\n$$\n")]
    [InlineData("$$\nm = s + n = 2s + n\n$$\n")]
    [InlineData("$$\nm = s + n = s\n$$\n")]
    [InlineData("$$\nm = s + n = s + n + c = s + c\n$$\n")]
    public void AWrongChainOverItsOwnNamesIsRefuted(string math)
    {
        var steps = Verify("Consider the following model.\n\n" + math);
        Assert.Contains(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
    }
}
