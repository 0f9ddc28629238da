using SymKl.Runtime.Divergences;
using KlApi = SymKl.Runtime.Divergences.Kl;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// The continuous Bernoulli pairs, Cauchy ‖ Cauchy and Bernoulli ‖ Poisson: against torch.distributions' values
/// (torch 1.13, float64), against torch's formulas written out here in the shape parameter λ (its log-normaliser
/// with the Taylor branch within 10⁻³ of ½), against quadrature of p·log(p/q), and against 10⁶ Monte Carlo draws at 1%.
/// Near λ = ½ and at the ends of (0, 1) in particular.
/// </summary>
public sealed class ContinuousBernoulliTests
{
    private const int Samples = 1_000_000;

    private static ContinuousBernoulli Cb(double l) => new(l);

    public static TheoryData<string, double, double, double> TorchValues() => new()
    {
        { "cbcb", 0.3, 0.8, 0.20494920355937252 },
        { "cbcb", 0.2, 0.5, 0.07641445280335901 },
        { "cbcb", 1e-4, 0.9999, 7.212082783532642 },
        { "cbcb", 0.9, 0.6, 0.11759126775057649 },
        { "cbexp", 0.3, 0, 0.26925484583970766 }, { "cbexp", 0.5, 0, 0.3445348918918356 }, { "cbexp", 0.5003, 0, 0.3446849519062478 }, { "cbexp", 0.9, 0, 0.778986587921763 },
        { "cbnorm", 0.3, 0, 0.72780035500737 }, { "cbnorm", 0.5, 0, 0.7391343375652599 }, { "cbnorm", 0.5003, 0, 0.7391956261425815 }, { "cbnorm", 0.9, 0, 1.0350543381387376 },
        { "cbunif", 0.3, 0, 0.7225333827920744 }, { "cbunif", 0.5, 0, 0.6931471805599453 }, { "cbunif", 0.5003, 0, 0.6931472405599576 }, { "cbunif", 0.9, 0, 0.8727782965600007 },
        { "betacb", 0.3, 0, 0.17991298700115543 }, { "betacb", 0.5, 0, 0.23490664978800035 }, { "betacb", 0.5003, 0, 0.23502670980241402 }, { "betacb", 0.9, 0, 0.6482633523567043 },
        { "unifcb", 0.3, 0, 0.6805184107924604 }, { "unifcb", 0.5, 0, 0.6931471805599455 }, { "unifcb", 0.5003, 0, 0.693207240567159 }, { "unifcb", 0.9, 0, 0.9966426542618385 },
    };

    /// <summary>The pairs torch was run on: CB(λ) against Exponential(1.5), Normal(0.2, 0.7), Uniform(−0.5, 1.5); Beta(2, 3) and Uniform(0.2, 0.7) against CB(λ).</summary>
    private static (IDistribution P, IDistribution Q) Pair(string kind, double a, double b) => kind switch
    {
        "cbcb" => (Cb(a), Cb(b)),
        "cbexp" => (Cb(a), new Exponential(1.5)),
        "cbnorm" => (Cb(a), new Normal(0.2, 0.7)),
        "cbunif" => (Cb(a), new Uniform(-0.5, 1.5)),
        "betacb" => (new Beta(2, 3), Cb(a)),
        "unifcb" => (new Uniform(0.2, 0.7), Cb(a)),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(TorchValues))]
    public void MatchesTorchValues(string kind, double a, double b, double torch)
    {
        var (p, q) = Pair(kind, a, b);
        AssertRelative(torch, KlApi.Divergence(p, q), 1e-12);
    }

    [Fact]
    public void NearOneHalfTheDivergenceKeepsItsRelativeAccuracy()
    {
        // KL(CB(½ + δ) ‖ CB(½ − δ)) = A(η₂) − A(η₁) − (η₂ − η₁)A′(η₁) with η = ±2 artanh(2δ): about (η₂ − η₁)²/24 = (8δ)²/24 … to
        // leading order; torch reports 2.666666730667547e-08 at δ = 10⁻⁴ (its Taylor branch, accurate there to ~1e-8 relative).
        AssertRelative(2.666666730667547e-08, KlApi.Divergence(Cb(0.5001), Cb(0.4999)), 1e-7);
        foreach (var delta in new[] { 1e-3, 1e-5, 1e-8, 1e-12 })
        {
            // λ = ½ ± δ as stored (½ + 10⁻⁸ is not a double): the offsets from ½ are exact differences.
            double l1 = 0.5 + delta, l2 = 0.5 - delta;
            double eta1 = 2 * Math.Atanh(2 * (l1 - 0.5)), eta2 = -2 * Math.Atanh(2 * (0.5 - l2));
            // The Bregman divergence of A, with A″ = 1/12 − η²/240 + … between η₁ and η₂: (η₂ − η₁)²/24 to leading order.
            var kl = KlApi.Divergence(Cb(l1), Cb(l2));
            var h = eta2 - eta1;
            AssertRelative(h * h / 24, kl, eta1 * eta1 + 1e-12);
        }
        Assert.Equal(0.0, KlApi.Divergence(Cb(0.5), Cb(0.5)));
        Assert.Equal(0.0, KlApi.Divergence(Cb(0.123), Cb(0.123)));
    }

    public static TheoryData<double> Shapes() => [1e-9, 1e-6, 0.01, 0.3, 0.499, 0.4999999, 0.5, 0.5000001, 0.50049, 0.5011, 0.7, 0.99, 1 - 1e-6, 1 - 1e-9];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MeanVarianceAndNormaliserMatchTorchsFormulasAndQuadrature(double l)
    {
        var p = Cb(l);
        var (logNorm, mean, variance) = TorchStyle(l);
        // torch's log C(λ) is our −A(η) − log(1 − λ).
        // torch's closed forms cancel near ½ (terms of size 1/|1 − 2λ| and its square): the tolerance follows them.
        var closeness = Math.Abs(1 - 2 * l);
        AssertClose(logNorm, -p.LogNormalizer - Math.Log(1 - l), 1e-12);
        AssertClose(mean, p.Mean, 1e-12 + 1e-14 / closeness);
        AssertClose(variance, p.Variance, 1e-10 + 1e-14 / (closeness * closeness));
        // The density integrates to 1 and has that mean and variance.
        double Density(double x) => Math.Exp(p.LogProb(x));
        AssertClose(1, Quadrature.Finite(Density, 0, 1), 1e-11);
        AssertClose(p.Mean, Quadrature.Finite(x => x * Density(x), 0, 1), 1e-11);
        AssertClose(p.Variance, Quadrature.Finite(x => (x - p.Mean) * (x - p.Mean) * Density(x), 0, 1), 1e-11);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryPairMatchesQuadratureAndTorchsFormulas(double l)
    {
        var (logNorm, mean, variance) = TorchStyle(l);
        var logit = Math.Log(l) - Math.Log(1 - l);
        var negEntropy = logNorm + mean * logit + Math.Log(1 - l);
        double betaNegEntropy = KlApi.Divergence(new Beta(2, 3), new Uniform(0, 1));
        var torch = new (string Kind, IDistribution P, IDistribution Q, double Value)[]
        {
            ("cbexp", Cb(l), new Exponential(1.5), negEntropy - Math.Log(1.5) + 1.5 * mean),
            ("cbnorm", Cb(l), new Normal(0.2, 0.7), negEntropy + 0.5 * (Math.Log(2 * Math.PI) + Math.Pow(0.2 / 0.7, 2)) + Math.Log(0.7) + (variance + mean * mean - 2 * 0.2 * mean) / (2 * 0.49)),
            ("cbunif", Cb(l), new Uniform(-0.5, 1.5), negEntropy + Math.Log(2)),
            ("betacb", new Beta(2, 3), Cb(l), betaNegEntropy - 0.4 * logit - Math.Log(1 - l) - logNorm),
            ("unifcb", new Uniform(0.2, 0.7), Cb(l), -Math.Log(0.5) - 0.45 * logit - Math.Log(1 - l) - logNorm),
            ("cbcb", Cb(l), Cb(0.35), TorchCbCb(l, 0.35)),
            ("cbcb", Cb(0.35), Cb(l), TorchCbCb(0.35, l)),
        };
        foreach (var (kind, p, q, value) in torch)
        {
            var kl = KlApi.Divergence(p, q);
            // torch's own formula cancels near p = q and far out; judge it against the size of its terms.
            AssertClose(value, kl, 1e-9 * (1 + Math.Abs(logit)) + 1e-14 / ((1 - 2 * l) * (1 - 2 * l)));
            double Integrand(double x)
            {
                var lp = p.LogProb(x);
                return double.IsNegativeInfinity(lp) ? 0 : Math.Exp(lp) * (lp - q.LogProb(x));
            }
            var (lo, hi) = p is Uniform u ? (u.Low, u.High) : (0.0, 1.0);
            // Far from ½ the density piles up at one end: split there so that the quadrature resolves it.
            var reference = Math.Abs(logit) > 20
                ? Quadrature.Finite(Integrand, lo, lo + (hi - lo) * 1e-3) + Quadrature.Finite(Integrand, lo + (hi - lo) * 1e-3, hi - (hi - lo) * 1e-3) + Quadrature.Finite(Integrand, hi - (hi - lo) * 1e-3, hi)
                : Quadrature.Finite(Integrand, lo, hi);
            Assert.True(Math.Abs(reference - kl) <= 1e-9 * Math.Max(1, kl), $"{kind} at λ = {l}: closed form {kl:R}, quadrature {reference:R}");
            Assert.True(kl >= 0, kind + " negative at " + l);
        }
    }

    /// <summary>
    /// Beta ‖ continuous Bernoulli where its terms (0.035, 0.071, −0.094) cancel to 0.012 (80-digit reference): the
    /// normaliser's even part log(sinh a / a) taken as the logarithm of a rounded ratio lost 1e-16 absolute, 1.1e-14 of the
    /// divergence (torch 3.2e-15); from log1p((sinh a − a)/a) with sinh a − a from its series it keeps the digits.
    /// </summary>
    [Fact]
    public void BetaAgainstContinuousBernoulliKeepsItsDigitsWhereItsTermsCancel() =>
        AssertRelative(1.1890538557333612e-2, KlApi.Divergence(new Beta(1.263, 0.947), Cb(0.789)), 2e-15);

    [Fact]
    public void SupportsDecideInfinity()
    {
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(Cb(0.3), new Uniform(0.1, 1.5)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Uniform(-0.1, 0.5), Cb(0.3)));
        // The closed ends are finite (torch reports +∞ there; the densities are positive on all of [0, 1]).
        Assert.True(double.IsFinite(KlApi.Divergence(Cb(0.3), new Uniform(0, 1))));
        Assert.True(double.IsFinite(KlApi.Divergence(new Uniform(0, 1), Cb(0.3))));
        foreach (IDistribution p in new IDistribution[] { new Normal(0, 1), new Exponential(1), new Gamma(2, 1), new Laplace(0, 1), new Gumbel(0, 1), new HalfNormal(1), new Pareto(1, 2) })
            Assert.Equal(double.PositiveInfinity, KlApi.Divergence(p, Cb(0.3)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(Cb(0.3), new Pareto(0.5, 2)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Poisson(2), new Bernoulli(0.5)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Poisson(2), new Binomial(5, 0.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cb(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cb(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cb(double.NaN));
        AssertRelative(0.3, ContinuousBernoulli.FromLogit(Math.Log(0.3 / 0.7)).Probability, 1e-15);
    }

    /// <summary>The 33 pairs torch registers as +∞ (_kl_*_infinity in torch 1.13), with ordinary parameters.</summary>
    [Fact]
    public void TorchsInfinitePairsAreInfinite()
    {
        var members = new Dictionary<string, IDistribution>
        {
            ["Beta"] = new Beta(2, 3), ["ContinuousBernoulli"] = Cb(0.3), ["Exponential"] = new Exponential(1.5), ["Gamma"] = new Gamma(2, 1),
            ["Gumbel"] = new Gumbel(0, 1), ["Laplace"] = new Laplace(0, 1), ["Normal"] = new Normal(0, 1), ["Pareto"] = new Pareto(0.5, 3),
            ["Uniform"] = new Uniform(0.2, 0.7), ["Poisson"] = new Poisson(2), ["Bernoulli"] = new Bernoulli(0.4), ["Binomial"] = new Binomial(5, 0.4),
        };
        (string, string[])[] pairs =
        [
            ("Beta", ["Pareto"]), ("ContinuousBernoulli", ["Pareto"]),
            ("Exponential", ["Beta", "ContinuousBernoulli", "Pareto", "Uniform"]), ("Gamma", ["Beta", "ContinuousBernoulli", "Pareto", "Uniform"]),
            ("Gumbel", ["Beta", "ContinuousBernoulli", "Exponential", "Gamma", "Pareto", "Uniform"]),
            ("Laplace", ["Beta", "ContinuousBernoulli", "Exponential", "Gamma", "Pareto", "Uniform"]),
            ("Normal", ["Beta", "ContinuousBernoulli", "Exponential", "Gamma", "Pareto", "Uniform"]),
            ("Pareto", ["Beta", "ContinuousBernoulli", "Uniform"]), ("Poisson", ["Bernoulli", "Binomial"]),
        ];
        var count = 0;
        foreach (var (p, qs) in pairs)
            foreach (var q in qs)
            {
                Assert.True(double.IsPositiveInfinity(KlApi.Divergence(members[p], members[q])), p + " ‖ " + q);
                count++;
            }
        Assert.Equal(33, count);
    }

    // ------------------------------------------------------------------ Cauchy and Bernoulli ‖ Poisson

    [Fact]
    public void CauchyAndBernoulliPoissonMatchTorch()
    {
        AssertRelative(0.2980448594873275, KlApi.Divergence(new Cauchy(0.3, 1.2), new Cauchy(-0.5, 0.6)), 1e-14);
        AssertRelative(0.2560787633393695, KlApi.Divergence(new Bernoulli(0.3), new Poisson(0.8)), 1e-14);
        // torch's Cauchy formula: log((γ₁ + γ₂)² + (μ₁ − μ₂)²) − log(4γ₁γ₂).
        var random = new Random(9);
        for (var i = 0; i < 50; i++)
        {
            double m1 = 4 * random.NextDouble() - 2, g1 = 0.1 + 3 * random.NextDouble(), m2 = 4 * random.NextDouble() - 2, g2 = 0.1 + 3 * random.NextDouble();
            var torch = Math.Log((g1 + g2) * (g1 + g2) + (m1 - m2) * (m1 - m2)) - Math.Log(4 * g1 * g2);
            AssertClose(torch, KlApi.Divergence(new Cauchy(m1, g1), new Cauchy(m2, g2)), 1e-14 * (1 + Math.Abs(Math.Log(4 * g1 * g2))));
            double p = random.NextDouble(), rate = 0.1 + 5 * random.NextDouble();
            // torch: −H(p) − (p log λ − λ).
            var entropy = -(p * Math.Log(p) + (1 - p) * Math.Log(1 - p));
            AssertClose(-entropy - (p * Math.Log(rate) - rate), KlApi.Divergence(new Bernoulli(p), new Poisson(rate)), 1e-14 * (1 + rate));
        }
        Assert.Equal(0.0, KlApi.Divergence(new Cauchy(1e8, 3), new Cauchy(1e8, 3)));
        AssertRelative(2 * Math.Log(1e300), KlApi.Divergence(new Cauchy(-1e300, 1), new Cauchy(1e300, 1)), 1e-12);
        Assert.Equal(0.8, KlApi.Divergence(new Bernoulli(0), new Poisson(0.8)), 15);
    }

    // ------------------------------------------------------------------ Monte Carlo

    public static TheoryData<string, double> MonteCarloCases() => new()
    {
        { "cbcb", 0.1 }, { "cbexp", 0.3 }, { "cbnorm", 0.7 }, { "cbunif", 0.9 }, { "betacb", 0.8 }, { "unifcb", 0.15 }, { "cauchy", 0 }, { "bernpois", 0 },
    };

    [Theory]
    [MemberData(nameof(MonteCarloCases))]
    public void MatchesAMillionSamples(string kind, double l)
    {
        var (p, q) = kind switch
        {
            "cbcb" => (Cb(l), Cb(0.9)),
            "cauchy" => ((IDistribution)new Cauchy(0.3, 1.2), (IDistribution)new Cauchy(-0.5, 0.6)),
            "bernpois" => (new Bernoulli(0.3), new Poisson(0.8)),
            _ => Pair(kind, l, 0),
        };
        var exact = KlApi.Divergence(p, q);
        var random = new Random(20261204 + kind.Length);
        double sum = 0, sumSq = 0;
        for (var i = 0; i < Samples; i++)
        {
            var x = p.Sample(random);
            var term = p.LogProb(x) - q.LogProb(x);
            sum += term;
            sumSq += term * term;
        }
        var mean = sum / Samples;
        var se = Math.Sqrt(Math.Max(0, sumSq / Samples - mean * mean) / Samples);
        Assert.True(Math.Abs(mean - exact) < 0.01 * exact, $"{kind}: closed form {exact}, Monte Carlo {mean} ± {se}");
        Assert.True(4 * se < 0.01 * exact, $"{kind}: standard error {se} too large for a 1% check of {exact}");
    }

    // ------------------------------------------------------------------ torch's formulas, written in λ

    /// <summary>torch's log C(λ), mean and variance: closed forms outside (0.499, 0.501), its Taylor polynomials inside.</summary>
    private static (double LogNorm, double Mean, double Variance) TorchStyle(double l)
    {
        if (l <= 0.499 || l >= 0.501)
        {
            var logNorm = Math.Log(Math.Abs(Math.Log(1 - l) - Math.Log(l))) - Math.Log(Math.Abs(1 - 2 * l));
            var mean = l / (2 * l - 1) + 1 / (Math.Log(1 - l) - Math.Log(l));
            var variance = l * (l - 1) / ((1 - 2 * l) * (1 - 2 * l)) + 1 / Math.Pow(Math.Log(1 - l) - Math.Log(l), 2);
            return (logNorm, mean, variance);
        }
        var x = l - 0.5;
        return (Math.Log(2) + (4.0 / 3 + 104.0 / 45 * x * x) * x * x, 0.5 + (1.0 / 3 + 16.0 / 45 * x * x) * x, 1.0 / 12 - (1.0 / 15 - 128.0 / 945 * x * x) * x * x);
    }

    /// <summary>torch: mean₁(logit₁ − logit₂) + log C₁ + log(1 − λ₁) − log C₂ − log(1 − λ₂).</summary>
    private static double TorchCbCb(double l1, double l2)
    {
        var (c1, m1, _) = TorchStyle(l1);
        var (c2, _, _) = TorchStyle(l2);
        return m1 * (Math.Log(l1 / (1 - l1)) - Math.Log(l2 / (1 - l2))) + c1 + Math.Log(1 - l1) - c2 - Math.Log(1 - l2);
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative {Math.Abs(actual - expected) / Math.Abs(expected):E2})");

    private static void AssertClose(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}
