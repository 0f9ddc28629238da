namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// A divergence whose p may put mass outside q's support: without assumptions that rule it out, the steps that
/// replace log q(x) by its formula are not accepted (symbolically or at sample points); with them they are.
/// </summary>
public sealed class SupportConditionTests
{
    private static string[] Verdicts(string assumptions, string q, string rhs) =>
    [
        .. JsonSteps.Of($$"""
            ---
            title: t
            symkl:
            {{assumptions}}
            ---

            $$
            p \sim \mathrm{Uniform}(a, b), \qquad q \sim {{q}}
            $$

            $$
            \begin{aligned}
            D_{KL}(p \parallel q) &= \mathbb{E}_{x \sim p}\left[\log p(x) - \log q(x)\right] \\
            &= {{rhs}}
            \end{aligned}
            $$
            """).Where(s => s.GetProperty("role").GetString() is "step" or "claim" or "implication").Select(s => s.GetProperty("verdict").GetString()!),
    ];

    private const string Exponential = @"\mathrm{Exponential}(\lambda)";
    private const string ExponentialKl = @"\frac{\lambda(a + b)}{2} - \log(\lambda(b - a))";

    [Fact]
    public void AUniformThatMayReachBelowZeroHasNoFiniteDivergenceFromAnExponential()
    {
        var open = Verdicts("  - assume a < b\n  - assume \\lambda > 0", Exponential, ExponentialKl);
        Assert.All(open, v => Assert.Equal("unsupported", v));
        var above = Verdicts("  - assume 0 < a < b\n  - assume \\lambda > 0", Exponential, ExponentialKl);
        Assert.All(above, v => Assert.Contains(v, new[] { "proved", "confirmed" }));
    }

    [Fact]
    public void AUniformInsideTheUnitIntervalNeedsTheUpperBoundStated()
    {
        const string beta = @"\mathrm{Beta}(\alpha, \beta)";
        const string kl = @"-\log(b - a) + \log\Gamma(\alpha) + \log\Gamma(\beta) - \log\Gamma(\alpha + \beta) - (\alpha - 1)\left(\frac{b\log b - a\log a}{b - a} - 1\right) - (\beta - 1)\left(\frac{(1 - a)\log(1 - a) - (1 - b)\log(1 - b)}{b - a} - 1\right)";
        var inside = Verdicts("  - assume 0 < a < b < 1\n  - assume \\alpha > 0\n  - assume \\beta > 0", beta, kl);
        Assert.All(inside, v => Assert.Contains(v, new[] { "proved", "confirmed" }));
        var open = Verdicts("  - assume 0 < a < b\n  - assume \\alpha > 0\n  - assume \\beta > 0", beta, kl);
        Assert.DoesNotContain(open, v => v is "proved" or "confirmed");
    }

    [Fact]
    public void AUniformAgainstAParetoNeedsTheIntervalAboveTheScale()
    {
        const string pareto = @"\mathrm{Pareto}(m, \alpha)";
        const string kl = @"(\alpha + 1)\left(\frac{b\log b - a\log a}{b - a} - 1\right) - \alpha\log m - \log(\alpha(b - a))";
        var inside = Verdicts("  - assume 0 < m \\le a < b\n  - assume \\alpha > 0", pareto, kl);
        Assert.All(inside, v => Assert.Contains(v, new[] { "proved", "confirmed" }));
        // 0 < a and 0 < m, but nothing relates them: the interval may start below the scale.
        var open = Verdicts("  - assume 0 < m\n  - assume 0 < a < b\n  - assume \\alpha > 0", pareto, kl);
        Assert.All(open, v => Assert.Equal("unsupported", v));
    }
}
