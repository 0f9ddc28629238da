using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Divergences;

/// <summary>
/// The continuous Bernoulli distribution on [0, 1] (Loaiza-Ganem and Cunningham, 2019; torch's ContinuousBernoulli):
/// density C(λ)·λˣ(1 − λ)¹⁻ˣ for λ in (0, 1). As an exponential family in x with natural parameter η = logit λ it is
/// p(x) = e^{ηx − A(η)} with A(η) = log((e^η − 1)/η), so its mean is A′(η) and its variance A″(η) (see
/// derivations/continuous-bernoulli.md). Near λ = ½ (η = 0) these are 0/0 forms; they are computed from their
/// series there and from a form without overflow far out.
/// </summary>
public sealed record ContinuousBernoulli : IDistribution
{
    public ContinuousBernoulli(double probability)
    {
        if (!(probability > 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "probability must be in (0, 1).");
        Probability = probability;
        Logit = ContinuousBernoulliMath.Logit(probability);
        GivenByProbability = true;
    }

    private ContinuousBernoulli(double probability, double logit)
    {
        Probability = probability;
        Logit = logit;
    }

    /// <summary>
    /// True when λ is the exact parameter (η rounded from it), false when η is (<see cref="FromLogit"/>): the
    /// difference of two logits is taken from the exact parameters, so that laws 1e-9 apart keep their KL's digits.
    /// </summary>
    internal bool GivenByProbability { get; }

    /// <summary>From the logit η = log(λ/(1 − λ)), any finite number (torch's <c>logits</c>).</summary>
    public static ContinuousBernoulli FromLogit(double logit) =>
        new(1 / (1 + Math.Exp(-Check.Finite(logit, nameof(logit)))), logit);

    /// <summary>λ, the shape parameter (torch's <c>probs</c>); not the mean.</summary>
    public double Probability { get; }

    /// <summary>η = log(λ/(1 − λ)).</summary>
    public double Logit { get; }

    public double Mean => ContinuousBernoulliMath.Mean(Logit);

    public double Variance => ContinuousBernoulliMath.Variance(Logit);

    /// <summary>The log-normaliser A(η) = log((e^η − 1)/η): log p(x) = ηx − A(η) on [0, 1].</summary>
    public double LogNormalizer => ContinuousBernoulliMath.LogNormalizer(Logit);

    public double LogProb(double x) => x < 0 || x > 1 ? double.NegativeInfinity : Logit * x - LogNormalizer;

    /// <summary>Inverse CDF: x = log1p(u·(e^η − 1))/η (u itself at η = 0), computed without overflow for large |η|.</summary>
    public double Sample(Random random)
    {
        var u = Draw.Open(random);
        var eta = Logit;
        if (Math.Abs(eta) < 1e-8) return u;
        // log(1 − u + u·e^η)/η: for η > 0 write it as 1 + log(u + (1 − u)e^{−η})/η so e^η never overflows.
        return eta > 0 ? 1 + Math.Log(u + (1 - u) * Math.Exp(-eta)) / eta : Math.Log(1 - u + u * Math.Exp(eta)) / eta;
    }
}

/// <summary>The log-normaliser of the continuous Bernoulli and its derivatives, accurate at every η.</summary>
internal static class ContinuousBernoulliMath
{
    // With y = η/2: A(η) = y + S(y), A′(η) = ½ + ½G(y), A″(η) = ¼V(y), where S(y) = log(sinh y / y),
    // G(y) = coth y − 1/y, V(y) = 1/y² − 1/sinh² y. Their Maclaurin series (Bernoulli numbers) converge for
    // |y| < π; below |y| = ½ ten terms reach double precision ((½/π)²⁰ ≈ 1e-16).
    private static readonly double[] SSeries =
    [
        1.0 / 6, -1.0 / 180, 1.0 / 2835, -1.0 / 37800, 1.0 / 467775, -691.0 / 3831077250, 2.0 / 127702575,
        -3617.0 / 2605132530000, 43867.0 / 350813659321125, -174611.0 / 15313294652906250,
    ];

    private static readonly double[] GSeries =
    [
        1.0 / 3, -1.0 / 45, 2.0 / 945, -1.0 / 4725, 2.0 / 93555, -1382.0 / 638512875, 4.0 / 18243225,
        -3617.0 / 162820783125, 87734.0 / 38979295480125, -349222.0 / 1531329465290625,
    ];

    private static readonly double[] VSeries =
    [
        1.0 / 3, -1.0 / 15, 2.0 / 189, -1.0 / 675, 2.0 / 10395, -1382.0 / 58046625, 4.0 / 1403325,
        -3617.0 / 10854718875, 87734.0 / 2292899734125, -349222.0 / 80596287646875,
    ];

    private const double SeriesLimit = 0.5;

    /// <summary>η = log(λ/(1 − λ)); from 2·artanh(2λ − 1) near ½, where 2λ − 1 is exact.</summary>
    public static double Logit(double probability) =>
        Math.Abs(2 * probability - 1) < 0.5 ? 2 * Math.Atanh(2 * probability - 1) : Math.Log(probability) - KlMath.Log1p(-probability);

    /// <summary>A(η) = log((e^η − 1)/η), with A(0) = 0.</summary>
    public static double LogNormalizer(double eta) => 0.5 * eta + LogNormalizerExcess(eta);

    /// <summary>A(η) − η/2 = log(sinh(η/2)/(η/2)) ≥ 0, the part of A that is even in η (η²/24 near 0, kept to full relative precision there).</summary>
    public static double LogNormalizerExcess(double eta)
    {
        var a = Math.Abs(0.5 * eta);
        if (a < SeriesLimit) return a * a * Horner(SSeries, a * a);
        // log1p of (sinh a − a)/a from its series: the logarithm of a rounded ratio near 1 (1.07 at a = ⅔) would lose the
        // small result's last digits (1e-16 absolute on 0.07; Beta ‖ continuous Bernoulli then 1.1e-14 relative).
        if (a < 1) return KlMath.Log1p(SinhMinusArgument(a) / a);
        return a - Math.Log(2 * a) + KlMath.Log1p(-Math.Exp(-2 * a));
    }

    /// <summary>sinh a − a for |a| ≤ 1: a³/3! + a⁵/5! + …, nested (the terms fall by a²/((2k + 2)(2k + 3)) at least 20-fold).</summary>
    private static double SinhMinusArgument(double a)
    {
        var a2 = a * a;
        var r = 1.0;
        for (var k = 11; k >= 1; k--) r = 1.0 + r * a2 / ((2 * k + 2) * (2 * k + 3));
        return a * a2 / 6 * r;
    }

    /// <summary>
    /// η₂ − η₁ from the probabilities: log1p(d/λ₁) − log1p(−d/(1 − λ₁)) with d = λ₂ − λ₁ (exact when the two are
    /// close), where the difference of the rounded logits would lose the digits that the two share.
    /// </summary>
    public static double LogitDifference(double probability1, double probability2)
    {
        var d = probability2 - probability1;
        return KlMath.Log1p(d / probability1) - KlMath.Log1p(-d / (1 - probability1));
    }

    /// <summary>A′(η), the mean: 1/(1 − e^{−η}) − 1/η, ½ at η = 0.</summary>
    public static double Mean(double eta)
    {
        var y = 0.5 * eta;
        var g = Math.Abs(y) < SeriesLimit ? y * Horner(GSeries, y * y) : 1 / Math.Tanh(y) - 1 / y;
        return 0.5 + 0.5 * g;
    }

    /// <summary>A″(η), the variance: 1/η² − 1/(4 sinh²(η/2)), 1/12 at η = 0.</summary>
    public static double Variance(double eta)
    {
        var y = 0.5 * eta;
        double v;
        if (Math.Abs(y) < SeriesLimit) v = Horner(VSeries, y * y);
        else
        {
            var sh = Math.Sinh(y);
            v = 1 / (y * y) - (double.IsInfinity(sh) ? 0 : 1 / (sh * sh));
        }
        return 0.25 * v;
    }

    // Gauss–Legendre on [0, 1], 10 points.
    private static readonly double[] Nodes =
    [
        0.013046735741414139961, 0.067468316655507744633, 0.16029521585048779688, 0.28330230293537640460, 0.42556283050918439456,
        0.57443716949081560544, 0.71669769706462359540, 0.83970478414951220312, 0.93253168334449225537, 0.98695326425858586004,
    ];

    private static readonly double[] Weights =
    [
        0.033335672154344068797, 0.074725674575290296572, 0.10954318125799102199, 0.13463335965499817755, 0.14776211235737643509,
        0.14776211235737643509, 0.13463335965499817755, 0.10954318125799102199, 0.074725674575290296572, 0.033335672154344068797,
    ];

    /// <summary>
    /// A(ηq) − A(ηp) − (ηq − ηp)·A′(ηp) ≥ 0, the Bregman divergence of A, which is KL(CB(ηp) ‖ CB(ηq)). Within a
    /// distance 1 it is h²∫₀¹(1 − s)A″(ηp + sh) ds (h = ηq − ηp), by Gauss–Legendre, so nothing large cancels and it is
    /// exactly 0 at h = 0 (A″ is analytic in the strip |Im η| &lt; 2π: ten points are exact to rounding).
    /// </summary>
    public static double Bregman(double etaQ, double etaP) => Bregman(etaQ, etaP, etaQ - etaP);

    /// <summary>The Bregman divergence with h = ηq − ηp given (computed more accurately than from the rounded logits).</summary>
    public static double Bregman(double etaQ, double etaP, double h)
    {
        if (h == 0) return 0;
        if (Math.Abs(h) > 1) return Math.Max(0, LogNormalizer(etaQ) - LogNormalizer(etaP) - h * Mean(etaP));
        var sum = 0.0;
        for (var i = 0; i < Nodes.Length; i++) sum += Weights[i] * (1 - Nodes[i]) * Variance(etaP + Nodes[i] * h);
        return h * h * sum;
    }

    private static double Horner(double[] c, double x)
    {
        var r = 0.0;
        for (var i = c.Length - 1; i >= 0; i--) r = r * x + c[i];
        return r;
    }
}

/// <summary>Cauchy distribution with location μ and scale γ &gt; 0: density 1/(πγ(1 + ((x − μ)/γ)²)). It has no mean.</summary>
public sealed record Cauchy : IDistribution
{
    public Cauchy(double location, double scale)
    {
        Location = Check.Finite(location, nameof(location));
        Scale = Check.Positive(scale, nameof(scale));
    }

    public double Location { get; }
    public double Scale { get; }

    /// <summary>Undefined: NaN.</summary>
    public double Mean => double.NaN;

    public double LogProb(double x)
    {
        var z = (x - Location) / Scale;
        return -Math.Log(Math.PI * Scale) - KlMath.Log1p(z * z);
    }

    /// <summary>Inverse CDF: μ + γ·tan(π(u − ½)).</summary>
    public double Sample(Random random) => Location + Scale * Math.Tan(Math.PI * (Draw.Open(random) - 0.5));
}

public static partial class Kl
{
    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>KL(CB(λ₁) ‖ CB(λ₂)) = A(η₂) − A(η₁) − (η₂ − η₁)A′(η₁), the Bregman divergence of the log-normaliser.</summary>
    public static double Divergence(ContinuousBernoulli p, ContinuousBernoulli q)
    {
        var h = p.GivenByProbability && q.GivenByProbability && Math.Abs(q.Logit - p.Logit) <= 1
            ? ContinuousBernoulliMath.LogitDifference(p.Probability, q.Probability)
            : q.Logit - p.Logit;
        return ContinuousBernoulliMath.Bregman(q.Logit, p.Logit, h);
    }

    /// <summary>−H(p) − log r + r·E[x]; −H(p) = KL(p ‖ Uniform(0, 1)) = A(0) − A(η) + η·A′(η).</summary>
    public static double Divergence(ContinuousBernoulli p, Exponential q) =>
        ContinuousBernoulliMath.Bregman(0, p.Logit) - Math.Log(q.Rate) + q.Rate * p.Mean;

    public static double Divergence(ContinuousBernoulli p, Normal q)
    {
        var d = (p.Mean - q.Mean) / q.StdDev;
        return ContinuousBernoulliMath.Bregman(0, p.Logit) + HalfLogTwoPi + Math.Log(q.StdDev) + 0.5 * (p.Variance / (q.StdDev * q.StdDev) + d * d);
    }

    /// <summary>+∞ unless [0, 1] ⊆ [a, b].</summary>
    public static double Divergence(ContinuousBernoulli p, Uniform q) =>
        q.Low <= 0 && q.High >= 1 ? ContinuousBernoulliMath.Bregman(0, p.Logit) + Math.Log(q.High - q.Low) : double.PositiveInfinity;

    /// <summary>
    /// −H(Beta) − η·E[x] + A(η), with −H(Beta) from the generated Beta ‖ Uniform(0, 1), written −H(Beta) +
    /// (A(η) − η/2) − η(E[x] − ½): near Beta(1, 1) ‖ CB(½) every term is small, so none is lost in rounding a larger one.
    /// </summary>
    public static double Divergence(Beta p, ContinuousBernoulli q) =>
        KlGenerated.BetaUniform(p.Alpha, p.BetaParameter, 0, 1) + ContinuousBernoulliMath.LogNormalizerExcess(q.Logit)
        - q.Logit * ((p.Alpha - p.BetaParameter) / (2 * (p.Alpha + p.BetaParameter)));

    /// <summary>+∞ unless [a, b] ⊆ [0, 1]; −log(b − a) + (A(η) − η/2) − η((a + b)/2 − ½), small terms kept apart as for the Beta.</summary>
    public static double Divergence(Uniform p, ContinuousBernoulli q) =>
        p.Low >= 0 && p.High <= 1
            ? -Math.Log(p.High - p.Low) + ContinuousBernoulliMath.LogNormalizerExcess(q.Logit) - q.Logit * ((p.Low - 0.5 + p.High - 0.5) * 0.5)
            : double.PositiveInfinity;

    /// <summary>KL between Cauchy laws: log(((γ₁ + γ₂)² + (μ₁ − μ₂)²)/(4γ₁γ₂)), written log1p(((γ₁ − γ₂)² + (μ₁ − μ₂)²)/(4γ₁γ₂)) so that it is exactly 0 at p = q.</summary>
    public static double Divergence(Cauchy p, Cauchy q)
    {
        double ds = p.Scale - q.Scale, dm = p.Location - q.Location;
        // Scaled by the larger scale so that neither the squares nor the product overflow.
        var s = Math.Max(p.Scale, q.Scale);
        double a = ds / s, b = dm / s;
        var r = (a * a + b * b) / (4 * (p.Scale / s) * (q.Scale / s));
        return double.IsFinite(r) ? KlMath.Log1p(r) : 2 * Math.Log(double.Hypot(a, b)) - Math.Log(4 * (p.Scale / s) * (q.Scale / s));
    }

    /// <summary>
    /// KL(Bernoulli(p) ‖ Poisson(λ)) = p log p + (1 − p) log(1 − p) − p log λ + λ (the Poisson's mass at 0 and 1),
    /// computed as the sum of two nonnegative parts: KL(Poisson(p) ‖ Poisson(λ)) = p log(p/λ) − p + λ (the generated
    /// careful form) and (1 − p) log(1 − p) + p = Σ_{k≥2} p^k/(k(k − 1)) (≈ p²/2, by its series for small p), so that
    /// nothing cancels at λ = p and the value is never negative.
    /// </summary>
    public static double Divergence(Bernoulli p, Poisson q)
    {
        var t = p.Probability;
        var poisson = t == 0 ? q.Rate : KlGenerated.Poisson(t, q.Rate);
        return poisson + OneMinusLogOneMinusPlus(t);
    }

    /// <summary>(1 − p) log(1 − p) + p for p in [0, 1]; Σ_{k≥2} p^k/(k(k − 1)) below ¼, where the two terms nearly cancel.</summary>
    internal static double OneMinusLogOneMinusPlus(double p)
    {
        if (p >= 0.25) return KlMath.XLogY(1 - p, 1 - p) + p;
        // ¼^k/k² < 1e-17·p²/2 relative to the first term by k = 30: the loop is bounded.
        double sum = 0, power = p * p;
        for (var k = 2; k <= 40; k++)
        {
            var term = power / (k * (k - 1.0));
            sum += term;
            if (term <= 1e-17 * sum) break;
            power *= p;
        }
        return sum;
    }
}
