using SymKl.Runtime.Divergences;
using SymKl.Runtime.Generated;
using KlApi = SymKl.Runtime.Divergences.Kl;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>The Gumbel, half-normal and Pareto pairs where the divergence is infinite, and values from torch's formulas.</summary>
public sealed class ExtremeValueTests
{
    [Fact]
    public void ParetoAgainstAParetoWithALargerScaleIsInfinite()
    {
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Pareto(1.0, 2.0), new Pareto(1.5, 2.0)));
        Assert.Equal(0.0, KlApi.Divergence(new Pareto(1.5, 2.0), new Pareto(1.5, 2.0)));
        Assert.Equal(0.0, KlGenerated.ParetoGradient(1.0, 2.0, 1.5, 2.0, out var d1, out var d2, out var d3, out var d4) == double.PositiveInfinity ? d1 + d2 + d3 + d4 : double.NaN);
    }

    [Fact]
    public void ParetoWithoutTheNeededMomentIsInfinite()
    {
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Pareto(1.0, 1.0), new Exponential(1.0)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Pareto(1.0, 0.5), new Exponential(1.0)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Pareto(1.0, 2.0), new Normal(0.0, 1.0)));
        Assert.True(double.IsFinite(KlApi.Divergence(new Pareto(1.0, 1.5), new Exponential(1.0))));
        Assert.True(double.IsFinite(KlApi.Divergence(new Pareto(1.0, 2.5), new Normal(0.0, 1.0))));
    }

    [Fact]
    public void SupportsThatDoNotNestGiveInfinity()
    {
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Gumbel(0, 1), new HalfNormal(1)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Gumbel(0, 1), new Exponential(1)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new HalfNormal(1), new Pareto(0.5, 2)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Normal(0, 1), new Pareto(0.5, 2)));
        Assert.False(KlApi.IsSupported(new Pareto(1, 3), new Laplace(0, 1)));
    }

    /// <summary>The closed forms of torch.distributions.kl, written out independently (γ is Euler's constant).</summary>
    [Theory]
    [InlineData(0.0, 1.0, 0.5, 1.5)]
    [InlineData(-1.0, 0.5, 0.5, 1.0)]
    public void GumbelMatchesTheTorchFormula(double mu1, double b1, double mu2, double b2)
    {
        const double gamma = 0.57721566490153286061;
        var ratio = b1 / b2;
        var torch = -Math.Log(ratio) - mu2 / b2 + mu1 / b2 + ratio * gamma
            + Math.Exp(mu2 / b2 + LogGamma(1 + ratio) - mu1 / b2) - (1 + gamma);
        Assert.Equal(torch, KlApi.Divergence(new Gumbel(mu1, b1), new Gumbel(mu2, b2)), 1e-12);
    }

    [Fact]
    public void GumbelNormalAndNormalGumbelMatchTheTorchFormulas()
    {
        const double gamma = 0.57721566490153286061;
        var (loc, scale, mean, sd) = (0.3, 1.2, -0.4, 0.9);
        var r = scale / sd;
        var gumbelNormal = -Math.Log(r / Math.Sqrt(2 * Math.PI)) + Math.Pow(Math.PI * r * 0.5, 2) / 3
            + 0.5 * Math.Pow((loc + scale * gamma - mean) / sd, 2) - (gamma + 1);
        Assert.Equal(gumbelNormal, KlApi.Divergence(new Gumbel(loc, scale), new Normal(mean, sd)), 1e-12);
        var m = mean / scale;
        var v = Math.Pow(sd / scale, 2);
        var normalGumbel = -0.5 * Math.Log(v) + m - loc / scale + Math.Exp(-m + 0.5 * v + loc / scale) - 0.5 * (1 + Math.Log(2 * Math.PI));
        Assert.Equal(normalGumbel, KlApi.Divergence(new Normal(mean, sd), new Gumbel(loc, scale)), 1e-12);
    }

    [Fact]
    public void ParetoPairsMatchTheTorchFormulas()
    {
        var (m, alpha, rate, mean, sd) = (0.7, 3.5, 1.3, 0.4, 1.1);
        var k = m * rate;
        var exponential = Math.Log(alpha / k) - 1 / alpha + alpha * k / (alpha - 1) - 1;
        Assert.Equal(exponential, KlApi.Divergence(new Pareto(m, alpha), new Exponential(rate)), 1e-12);
        var common = m / (alpha - 1);
        var normal = Math.Log(Math.Sqrt(2 * Math.PI) * sd * alpha / m) - 1 / alpha
            + (alpha * common * common / (alpha - 2) + Math.Pow(alpha * common - mean, 2)) / (2 * sd * sd) - 1;
        Assert.Equal(normal, KlApi.Divergence(new Pareto(m, alpha), new Normal(mean, sd)), 1e-12);
        var pareto = 2.5 * Math.Log(1.5 / 0.9) - Math.Log(2.5 / 3.0) + 2.5 / 3.0 - 1;
        Assert.Equal(pareto, KlApi.Divergence(new Pareto(1.5, 3.0), new Pareto(0.9, 2.5)), 1e-12);
    }

    [Fact]
    public void GammaGumbelAndParetoGammaMatchTheTorchFormulas()
    {
        var (shape, rate, loc, scale) = (2.3, 1.7, -0.4, 0.8);
        var c = rate * scale;
        var gammaGumbel = (shape - 1) * KlMath.Digamma(shape) - LogGamma(shape) - shape
            + Math.Log(c) + shape / c + Math.Pow(1 + 1 / c, -shape) * Math.Exp(loc / scale) - loc / scale;
        Assert.Equal(gammaGumbel, KlApi.Divergence(new Gamma(shape, rate), new Gumbel(loc, scale)), 1e-12);
        var (m, alpha) = (0.6, 3.2);
        var logMean = Math.Log(m) + 1 / alpha;
        var paretoGamma = Math.Log(alpha) - logMean + LogGamma(shape) - shape * Math.Log(rate)
            + (1 - shape) * logMean + rate * alpha * m / (alpha - 1) - 1;
        Assert.Equal(paretoGamma, KlApi.Divergence(new Pareto(m, alpha), new Gamma(shape, rate)), 1e-12);
    }

    [Fact]
    public void UniformParetoAndUniformGumbelMatchTheTorchFormulas()
    {
        var (low, high, m, alpha) = (0.9, 2.6, 0.5, 1.8);
        double Antiderivative(double x) => x * Math.Log(x) - x;
        var uniformPareto = (Antiderivative(high) - Antiderivative(low)) * (alpha + 1) / (high - low)
            - Math.Log(alpha * Math.Pow(m, alpha) * (high - low));
        Assert.Equal(uniformPareto, KlApi.Divergence(new Uniform(low, high), new Pareto(m, alpha)), 1e-12);
        var (loc, scale) = (0.7, 1.4);
        var ratio = scale / (high - low);
        var (upper, lower) = ((high - loc) / scale, (low - loc) / scale);
        var uniformGumbel = Math.Log(ratio) + 0.5 * (upper + lower) - ratio * (Math.Exp(-upper) - Math.Exp(-lower));
        Assert.Equal(uniformGumbel, KlApi.Divergence(new Uniform(low, high), new Gumbel(loc, scale)), 1e-12);
        // An interval reaching below 0 is fine against the Gumbel.
        Assert.True(double.IsFinite(KlApi.Divergence(new Uniform(-3.0, -1.0), new Gumbel(loc, scale))));
    }

    private static double LogGamma(double x) => KlMath.LogGamma(x);
}
