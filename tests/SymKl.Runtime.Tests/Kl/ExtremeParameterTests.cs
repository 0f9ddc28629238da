using SymKl.Runtime.Divergences;
using SymKl.Runtime.Generated;
using KlApi = SymKl.Runtime.Divergences.Kl;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// Divergences at extreme parameters where the generated code once returned NaN, a negative value, a wrong
/// infinity or a gross error (references: 80-digit mpmath, at the double parameters shown). Each pair is checked
/// through <see cref="KlApi.Divergence(IDistribution, IDistribution)"/>, the scalar method and its span form.
/// </summary>
public sealed class ExtremeParameterTests
{
    public static TheoryData<string, IDistribution, IDistribution, double> Rows() => new()
    {
        // e^{(μ₂−μ₁)/β₂}·Γ(1 + β₁/β₂) is 0·∞ or ∞ on its own: evaluated as one exponential.
        { "gumbel-underflow", new Gumbel(0, 1), new Gumbel(-5, 0.005), 1108.5675999488569 },
        { "gumbel-tiny-scale", new Gumbel(0, 1), new Gumbel(-1e8, 1e-8), 1.0000000057721546e16 },
        { "gumbel-near-overflow", new Gumbel(0, 1), new Gumbel(-1, 0.005), 1.0914208834297167e288 },
        // r − 1 − log r with r = 2b²/σ² evaluated from r where r is tiny.
        { "laplace-normal-narrow", new Laplace(0, 1e-8), new Normal(0, 2.5), 18.562762828471246 },
        { "laplace-normal-narrower", new Laplace(0, 1e-10), new Normal(0, 1), 22.251642282585184 },
        // the ends' distances from the mean are taken before squaring.
        { "uniform-normal-far", new Uniform(1e8, 1e8 + 2.5), new Normal(1e8, 1), 1.0443144679971843 },
        // u − 1 − log u with u = σg/b: no 1e32-sized terms that cancel.
        { "normal-laplace-narrow", new Normal(0, 1), new Laplace(0, 1e-16), 7978845608028616 },
        // near p = q: sums of terms that are each small there.
        { "gumbel-near-equal", new Gumbel(0, 1), new Gumbel(0, 1.00000001), 9.118403036238315e-17 },
        { "exponential-gamma-near-equal", new Exponential(0.4), new Gamma(0.99999999, 0.4), 8.2246704569636743e-17 },
        { "uniform-beta-near-equal", new Uniform(0, 1), new Beta(0.99999999, 0.99999999), 3.5506593934554391e-17 },
        // moderate points that lost six digits.
        { "laplace-normal-moderate", new Laplace(0, 1e-6), new Normal(0, 1), 13.041301910610002 },
        { "gamma-tiny-rate", new Gamma(2.7, 1), new Gamma(0.5, 1e-12), 13.00597791901708 },
        { "gumbel-normal-far", new Gumbel(1e6, 1), new Normal(1e6, 1), 0.33077886363111244 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void MatchesTheReference(string name, IDistribution p, IDistribution q, double expected)
    {
        var actual = KlApi.Divergence(p, q);
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected),
            $"{name}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / expected:E2})");
    }

    /// <summary>
    /// Pareto pairs at scales far from 1: the careful forms once paired log α with log λ (or log m), leaving terms of
    /// size 1e8 that cancel, and expanded E[(x − μ)²] into moments of size 1e16 (6.7e-9 and 2.7e-12 relative error).
    /// </summary>
    [Theory]
    [InlineData("pareto-exponential", 1.1725373992874507)]
    [InlineData("pareto-normal-far", 6.8256948151938248)]
    public void ParetoPairsAtLargeScalesKeepFullPrecision(string pair, double expected)
    {
        var actual = pair == "pareto-exponential" ? KlGenerated.ParetoExponential(1e-8, 2.393, 1e8) : KlGenerated.ParetoNormal(1e8, 1000, 1e8, 1e8);
        Assert.True(Math.Abs(actual - expected) <= 1e-14 * expected, $"{pair}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>log(1 + x) where 1 + x is a tiny ratio (β/λ = 4e-9): taken from the ratio, not from x ≈ −1 (which lost 7e-10).</summary>
    [Theory]
    [InlineData("exponential-gamma", 8.9522428523871939)]
    [InlineData("gumbel", 18.421917451776036)]
    public void LogarithmsOfTinyRatiosKeepFullPrecision(string pair, double expected)
    {
        var actual = pair == "gumbel" ? KlGenerated.Gumbel(0, 1e-8, 0.5, 1.7) : KlGenerated.ExponentialGamma(2.5, 0.5, 1e-8);
        Assert.True(Math.Abs(actual - expected) <= 1e-14 * expected, $"{pair}: expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void GumbelOfItselfIsExactlyZero()
    {
        foreach (var (loc, scale) in new[] { (0.0, 1.0), (-3.5, 0.01), (1e8, 1e-3), (2.0, 1e6) })
            Assert.Equal(0.0, KlGenerated.Gumbel(loc, scale, loc, scale));
    }

    /// <summary>Divergences that exceed the double range are +∞, not NaN; finite ones just below stay finite.</summary>
    [Fact]
    public void DivergencesBeyondTheDoubleRangeAreInfinite()
    {
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Gumbel(0, 1), new Gumbel(-1, 0.001)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Gumbel(0, 1), new Gumbel(1e3, 1e-3)));
        Assert.Equal(1000568.7306939577, KlApi.Divergence(new Gumbel(0, 1), new Gumbel(-1e3, 1e-3)), 1e-9 * 1e6);
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Uniform(0, 1), new Gumbel(1000, 1)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Gamma(2, 1), new Gumbel(1000, 1)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Exponential(1), new Gumbel(1000, 1)));
        Assert.True(double.IsFinite(KlApi.Divergence(new Uniform(0, 1), new Gumbel(700, 1))));
        Assert.True(double.IsFinite(KlApi.Divergence(new Gamma(2, 1), new Gumbel(700, 1))));
    }

    /// <summary>The textbook twins give 0·log 0 = 0 where p₁ = 1 (they were NaN).</summary>
    [Fact]
    public void FastTwinsAreFiniteWhereTheFirstProbabilityIsOne()
    {
        Assert.Equal(Math.Log(1 / 0.3), KlGenerated.BernoulliFast(1.0, 0.3), 15);
        Assert.Equal(0.0, KlGenerated.BernoulliFast(1.0, 1.0));
        Assert.Equal(5 * Math.Log(1 / 0.3), KlGenerated.BinomialFast(5, 1.0, 0.3), 14);
        Assert.Equal(Math.Log(1 / 0.3), KlGenerated.GeometricFast(1.0, 0.3), 15);
        Assert.Equal(0.0, KlGenerated.GeometricFast(1.0, 1.0));
    }

    /// <summary>The textbook twin of the Gumbel pair keeps e^u·Γ(v) in the log domain too: no NaN.</summary>
    [Fact]
    public void GumbelFastHasNoNaNWhereTheExponentialUnderflows()
    {
        var v = KlGenerated.GumbelFast(0, 1, -5, 0.005);
        Assert.True(Math.Abs(v - 1108.5675999488569) <= 1e-9 * 1108.6, v.ToString("R"));
    }
}
