using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Divergences;

/// <summary>Binomial distribution: the number of successes in n trials with success probability p in [0, 1].</summary>
public sealed record Binomial : IDistribution
{
    public Binomial(int trials, double probability)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), trials, "trials must be at least 1.");
        Trials = trials;
        Probability = Check.Probability(probability, nameof(probability));
    }

    public int Trials { get; }
    public double Probability { get; }
    public double Mean => Trials * Probability;

    public double LogProb(double x)
    {
        if (x < 0 || x > Trials || x != Math.Floor(x)) return double.NegativeInfinity;
        var choose = SpecialMath.LogGamma(Trials + 1) - SpecialMath.LogGamma(x + 1) - SpecialMath.LogGamma(Trials - x + 1);
        return choose + KlMath.XLogY(x, Probability) + KlMath.XLogY(Trials - x, 1 - Probability);
    }

    public double Sample(Random random)
    {
        var k = 0;
        for (var i = 0; i < Trials; i++) if (random.NextDouble() < Probability) k++;
        return k;
    }
}

public static partial class Kl
{
    /// <summary>KL between binomials with the same number of trials; +∞ when the numbers differ (q cannot produce some counts of p, or the reverse).</summary>
    public static double Divergence(Binomial p, Binomial q) =>
        p.Trials != q.Trials ? double.PositiveInfinity : KlGenerated.Binomial(p.Trials, p.Probability, q.Probability);

    public static double Divergence(Exponential p, Gamma q) => KlGenerated.ExponentialGamma(p.Rate, q.Shape, q.Rate);

    public static double Divergence(Gamma p, Exponential q) => KlGenerated.GammaExponential(p.Shape, p.Rate, q.Rate);

    public static double Divergence(Exponential p, Normal q) => KlGenerated.ExponentialNormal(p.Rate, q.Mean, q.StdDev);

    public static double Divergence(Gamma p, Normal q) => KlGenerated.GammaNormal(p.Shape, p.Rate, q.Mean, q.StdDev);

    public static double Divergence(Beta p, Normal q) => KlGenerated.BetaNormal(p.Alpha, p.BetaParameter, q.Mean, q.StdDev);

    public static double Divergence(Laplace p, Normal q) => KlGenerated.LaplaceNormal(p.Location, p.Scale, q.Mean, q.StdDev);

    public static double Divergence(Normal p, Laplace q) => KlGenerated.NormalLaplace(p.Mean, p.StdDev, q.Location, q.Scale);

    public static double Divergence(Uniform p, Normal q) => KlGenerated.UniformNormal(p.Low, p.High, q.Mean, q.StdDev);

    /// <summary>+∞ unless the interval of p starts at or above 0.</summary>
    public static double Divergence(Uniform p, Exponential q) => KlGenerated.UniformExponential(p.Low, p.High, q.Rate);

    /// <summary>+∞ unless the interval of p starts at or above 0.</summary>
    public static double Divergence(Uniform p, Gamma q) => KlGenerated.UniformGamma(p.Low, p.High, q.Shape, q.Rate);

    /// <summary>+∞ unless the interval of p lies in [0, 1].</summary>
    public static double Divergence(Uniform p, Beta q) => KlGenerated.UniformBeta(p.Low, p.High, q.Alpha, q.BetaParameter);

    /// <summary>+∞ unless the interval of q covers [0, 1].</summary>
    public static double Divergence(Beta p, Uniform q) => KlGenerated.BetaUniform(p.Alpha, p.BetaParameter, q.Low, q.High);

    public static double Divergence(Beta p, Exponential q) => KlGenerated.BetaExponential(p.Alpha, p.BetaParameter, q.Rate);

    public static double Divergence(Beta p, Gamma q) => KlGenerated.BetaGamma(p.Alpha, p.BetaParameter, q.Shape, q.Rate);
}

/// <summary>
/// The pairs <see cref="KlPairs"/> (generated from the derivations' <c>pair:</c>) does not cover: closed forms composed in
/// this library from generated ones, and pairs whose supports make the divergence +∞.
/// </summary>
internal static class CrossFamilyPairs
{
    public static double? Divergence(IDistribution p, IDistribution q) => (p, q) switch
    {
        // Binomials with different numbers of trials (the generated arm needs equal ones).
        (Binomial a, Binomial b) => Kl.Divergence(a, b),
        (ContinuousBernoulli a, ContinuousBernoulli b) => Kl.Divergence(a, b),
        (Cauchy a, Cauchy b) => Kl.Divergence(a, b),
        (ContinuousBernoulli a, Exponential b) => Kl.Divergence(a, b),
        (ContinuousBernoulli a, Normal b) => Kl.Divergence(a, b),
        (ContinuousBernoulli a, Uniform b) => Kl.Divergence(a, b),
        (Beta a, ContinuousBernoulli b) => Kl.Divergence(a, b),
        (Uniform a, ContinuousBernoulli b) => Kl.Divergence(a, b),
        (Bernoulli a, Poisson b) => Kl.Divergence(a, b),
        // A continuous p against a discrete q, or a distribution on the line against one on the half-line or the
        // interval, or on the half-line against a Pareto's [m, ∞): q is zero where p has mass.
        (Normal or Laplace or Gumbel, Exponential or Gamma or Beta or Uniform or HalfNormal or Pareto) => double.PositiveInfinity,
        (Exponential or Gamma or HalfNormal, Beta or Uniform or Pareto) => double.PositiveInfinity,
        // The continuous Bernoulli lives on [0, 1]: anything with mass beyond it, and a Pareto's [m, ∞) against it.
        (Normal or Laplace or Gumbel or Exponential or Gamma or HalfNormal or Pareto, ContinuousBernoulli) => double.PositiveInfinity,
        (ContinuousBernoulli or Beta, Pareto) => double.PositiveInfinity,
        // A Pareto law is unbounded above: infinite against laws on bounded intervals.
        (Pareto, Beta or Uniform or ContinuousBernoulli) => double.PositiveInfinity,
        // A Poisson has mass on every count; a Bernoulli or binomial on finitely many.
        (Poisson, Bernoulli or Binomial) => double.PositiveInfinity,
        _ => null,
    };
}
