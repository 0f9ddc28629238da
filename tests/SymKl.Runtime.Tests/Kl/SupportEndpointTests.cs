using SymKl.Runtime.Divergences;
using SymKl.Runtime.Generated;
using KlApi = SymKl.Runtime.Divergences.Kl;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// The cross-family pairs with support conditions: +∞ outside, and at the ends of the finite region (a uniform
/// starting at 0, ending at 1) the limit of the closed form, with 0·log 0 = 0, not NaN.
/// </summary>
public class SupportEndpointTests
{
    [Fact]
    public void UniformBetaAtTheEndsOfTheUnitInterval()
    {
        var (alpha, beta) = (2.0, 3.0);
        var whole = KlGenerated.UniformBeta(0.0, 1.0, alpha, beta);
        // E[log x] = E[log(1 − x)] = −1 under U(0, 1).
        var logB = Math.Log(1.0 / 12); // B(2, 3) = Γ(2)Γ(3)/Γ(5) = 2/24
        Assert.Equal(logB + (alpha - 1) + (beta - 1), whole, 12);
        Assert.Equal(KlGenerated.UniformBeta(1e-12, 1 - 1e-12, alpha, beta), whole, 9);
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Uniform(-0.1, 0.5), new Beta(alpha, beta)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Uniform(0.5, 1.1), new Beta(alpha, beta)));
    }

    [Fact]
    public void UniformGammaAndExponentialFromZero()
    {
        Assert.Equal(KlGenerated.UniformGamma(1e-13, 2.0, 1.5, 0.8), KlGenerated.UniformGamma(0.0, 2.0, 1.5, 0.8), 9);
        Assert.True(double.IsFinite(KlGenerated.UniformGamma(0.0, 2.0, 1.5, 0.8)));
        Assert.Equal(0.5 * 0.8 * 2.0 - Math.Log(0.8 * 2.0), KlGenerated.UniformExponential(0.0, 2.0, 0.8), 14);
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Uniform(-1.0, 2.0), new Gamma(1.5, 0.8)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Uniform(-1.0, 2.0), new Exponential(0.8)));
    }

    [Fact]
    public void BetaUniformNeedsTheUnitIntervalCovered()
    {
        var exact = KlApi.Divergence(new Beta(2.0, 3.0), new Uniform(0.0, 1.0));
        Assert.Equal(KlApi.Divergence(new Beta(2.0, 3.0), new Uniform(-1.0, 2.0)) - Math.Log(3.0), exact, 12);
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Beta(2.0, 3.0), new Uniform(0.1, 2.0)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Beta(2.0, 3.0), new Uniform(-1.0, 0.9)));
    }

    [Fact]
    public void UniformParetoNeedsTheIntervalAboveTheScale()
    {
        // From the scale itself the closed form holds (the Pareto density is positive at m).
        var atScale = KlApi.Divergence(new Uniform(2.0, 2.5), new Pareto(2.0, 1.5));
        Assert.True(double.IsFinite(atScale) && atScale > 0);
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Uniform(1.9, 2.5), new Pareto(2.0, 1.5)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Uniform(-1.0, 2.5), new Pareto(0.5, 1.5)));
    }

    [Fact]
    public void ParetoGammaNeedsAMean()
    {
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Pareto(1.0, 1.0), new Gamma(2.0, 1.0)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Pareto(1.0, 0.5), new Gamma(2.0, 1.0)));
        // Against Gamma(1, λ) = Exponential(λ) the two derivations agree.
        Assert.Equal(KlApi.Divergence(new Pareto(1.0, 3.0), new Exponential(0.7)), KlApi.Divergence(new Pareto(1.0, 3.0), new Gamma(1.0, 0.7)), 12);
    }
}
