using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// Integrals, expectations and series that diverge on part of the admissible parameters, or converge too slowly
/// for the numeric side: their numeric value must never confirm a step (a huge error bound agrees with any right
/// side) nor refute one (a partial sum is not the value). Found when a Pareto derivation with too weak an
/// assumption (α &gt; 0 instead of α &gt; 1) was confirmed.
/// </summary>
public class DivergentNumericsTests
{
    public static TheoryData<string, string, string, string> Steps() => new()
    {
        // lhs, rhs, assumptions, verdicts allowed
        { @"\int_1^\infty \frac{a}{x^{a}} \, dx", @"\frac{a}{a-1}", "a > 0", "refuted unsupported" },
        // Heavy tails converge after the substitution x = eᵘ: the true step holds, a wrong one is refuted.
        { @"\int_1^\infty \frac{a}{x^{a}} \, dx", @"\frac{a}{a-1} + \frac{1}{1000}", "a > 1", "refuted" },
        { @"\int_1^\infty \frac{a}{x^{a}} \, dx", @"\frac{a}{a-1}", "a > 1", "proved confirmed" },
        { @"\int_2^\infty \frac{1}{x \log^2 x} \, dx", @"\frac{1}{\log 2}", "", "proved confirmed unsupported" },
        { @"\int_{-\infty}^{-1} \frac{1}{x^2} \, dx", "1", "", "proved confirmed" },
        { @"\sum_{k=1}^{\infty} \frac{1}{k}", "10", "", "refuted unsupported" },
        { @"\sum_{k=1}^{\infty} \frac{1}{k^2}", @"\frac{\pi^2}{6}", "", "proved confirmed unsupported" },
        { @"\sum_{k=1}^{\infty} \frac{1}{k^2}", @"\frac{\pi^2}{6} + \frac{1}{10^{6}}", "", "refuted unsupported" },
        { @"\sum_{k=0}^{\infty} \frac{1}{2^k}", "2", "", "proved confirmed" },
        // A narrow peak far from 0 in an integrand that is no known density (N(x; μ, σ²) times a sigmoid, ∫ = ½ by
        // symmetry): quadrature from 0 used to miss it at μ = −26.7, σ = 0.12 and refute the true step.
        { @"\int_{-\infty}^{\infty} \frac{1}{\sigma\sqrt{2\pi}} e^{-(x-\mu)^2/(2\sigma^2)} \frac{1}{1+e^{x-\mu}} dx", @"\frac{1}{2}", "", "proved confirmed" },
        { @"\int_{-\infty}^{\infty} \frac{1}{\sigma\sqrt{2\pi}} e^{-(x-\mu)^2/(2\sigma^2)} \frac{1}{1+e^{x-\mu}} dx", @"\frac{1}{3}", "", "refuted" },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void DivergenceAndSlowConvergenceNeverDecideAStepTheWrongWay(string lhs, string rhs, string assumptions, string allowed)
    {
        var result = SingleStep.Check(lhs, rhs, assumptions.Length == 0 ? [] : [assumptions], [], "=");
        Assert.NotNull(result.Step);
        var verdict = result.Step!.Verdict;
        var name = verdict.Kind.ToString().ToLowerInvariant();
        Assert.True(allowed.Split(' ').Contains(name), $"{lhs} = {rhs} [{assumptions}]: {name} ({verdict.Reason})");
    }

    [Fact]
    public void TheReasonNamesThePointWhereTheIntegralDidNotConverge()
    {
        var result = SingleStep.Check(@"\int_1^\infty \frac{a}{x^{a}} \, dx", @"\frac{a}{a-1}", ["a > 0"], [], "=");
        var verdict = result.Step!.Verdict;
        Assert.Equal(VerdictKind.Unsupported, verdict.Kind);
        Assert.Contains("did not converge at a = ", verdict.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("infinity =", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntropyIntegralOfAWrittenOutDensityIsDecidedDespiteUnderflowInTheTails()
    {
        // p log p is 0·(−∞) where p underflows far out; the integrand is simplified (log p is its exponent) first.
        string[] density = [@"p(x) = \frac{1}{2b} e^{-|x - m|/b}"];
        var right = SingleStep.Check(@"-\int_{-\infty}^{\infty} p(x) \log p(x) \, dx", @"\log(2 e b)", ["b > 0"], density, "=");
        Assert.True(right.Step!.Verdict.Holds, right.Step.Verdict.Kind + ": " + right.Step.Verdict.Reason);
        var wrong = SingleStep.Check(@"-\int_{-\infty}^{\infty} p(x) \log p(x) \, dx", @"\log(2 b)", ["b > 0"], density, "=");
        Assert.Equal(VerdictKind.Refuted, wrong.Step!.Verdict.Kind);
    }
}
