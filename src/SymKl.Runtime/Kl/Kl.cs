using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Divergences;

/// <summary>
/// Kullback–Leibler divergences KL(p ‖ q) in nats. Every closed form here is a method that the SymKl source
/// generator emitted from a verified derivation in the repository's derivations folder (see
/// <see cref="KlGenerated.Catalog"/> for which file and line); this class only picks the method for a pair
/// of distributions. The generated code is numerically careful: KL(p ‖ p) is exactly 0, small divergences keep
/// their relative accuracy, 0·log 0 is 0, and a divergence that is infinite (q rules out what p allows) is +∞.
/// Batched, vectorised and gradient forms are on <see cref="KlGenerated"/> (for example
/// <see cref="KlGenerated.NormalNormal(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>).
/// </summary>
public static partial class Kl
{
    public static double Divergence(Normal p, Normal q) => KlGenerated.NormalNormal(p.Mean, p.StdDev, q.Mean, q.StdDev);

    public static double Divergence(Exponential p, Exponential q) => KlGenerated.Exponential(p.Rate, q.Rate);

    public static double Divergence(Gamma p, Gamma q) => KlGenerated.Gamma(p.Shape, p.Rate, q.Shape, q.Rate);

    public static double Divergence(Beta p, Beta q) => KlGenerated.Beta(p.Alpha, p.BetaParameter, q.Alpha, q.BetaParameter);

    public static double Divergence(Laplace p, Laplace q) => KlGenerated.Laplace(p.Location, p.Scale, q.Location, q.Scale);

    public static double Divergence(Uniform p, Uniform q) => KlGenerated.Uniform(p.Low, p.High, q.Low, q.High);

    public static double Divergence(Bernoulli p, Bernoulli q) => KlGenerated.Bernoulli(p.Probability, q.Probability);

    public static double Divergence(Poisson p, Poisson q) => KlGenerated.Poisson(p.Rate, q.Rate);

    public static double Divergence(Geometric p, Geometric q) => KlGenerated.Geometric(p.Probability, q.Probability);

    public static double Divergence(Categorical p, Categorical q)
    {
        if (p.Count != q.Count) throw new ArgumentException("p has " + p.Count + " outcomes and q " + q.Count + ".", nameof(q));
        return KlGenerated.Categorical(p.Probabilities, q.Probabilities);
    }

    /// <summary>KL between one-hot categoricals: the categorical divergence of the same probabilities (torch's _kl_onehotcategorical_onehotcategorical).</summary>
    public static double Divergence(OneHotCategorical p, OneHotCategorical q) => Divergence(p.Categorical, q.Categorical);

    public static double Divergence(DiagonalNormal p, DiagonalNormal q)
    {
        if (p.Dimension != q.Dimension) throw new ArgumentException("p has " + p.Dimension + " dimensions and q " + q.Dimension + ".", nameof(q));
        return KlGenerated.DiagonalNormalDiagonalNormal(p.Mean, p.StdDev, q.Mean, q.StdDev);
    }

    /// <summary>
    /// KL(p ‖ q) for any pair with a verified closed form; <see cref="NotSupportedException"/> for others. The pairs with a
    /// generated method come from the derivations themselves (<see cref="KlPairs"/>, written by the generator from each
    /// derivation's <c>pair:</c>); the rest are the pairs whose closed form is composed here and the pairs whose supports
    /// make the divergence +∞.
    /// </summary>
    public static double Divergence(IDistribution p, IDistribution q) =>
        TryDivergence(p, q) ?? throw new NotSupportedException("No verified closed form for KL(" + p.GetType().Name + " ‖ " + q.GetType().Name + ").");

    /// <summary>True when <see cref="Divergence(IDistribution, IDistribution)"/> has a closed form for the pair.</summary>
    public static bool IsSupported(IDistribution p, IDistribution q) => KlPairs.Covers(p, q) || CrossFamilyPairs.Divergence(p, q) is not null;

    private static double? TryDivergence(IDistribution p, IDistribution q) => KlPairs.Divergence(p, q) ?? CrossFamilyPairs.Divergence(p, q);

    /// <summary>
    /// The VAE regulariser: KL(N(μ, diag e^{logVar}) ‖ N(0, I)) summed over the dimensions, computed in double and
    /// vectorised, with its gradient written to <paramref name="dMu"/> and <paramref name="dLogVar"/>.
    /// </summary>
    public static double StandardNormalPrior(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar, Span<float> dMu, Span<float> dLogVar) =>
        KlGenerated.DiagonalNormalStandardNormalGradient(mu, logVar, dMu, dLogVar);

    /// <summary>The VAE regulariser KL(N(μ, diag e^{logVar}) ‖ N(0, I)), summed over the dimensions.</summary>
    public static double StandardNormalPrior(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar) =>
        KlGenerated.DiagonalNormalStandardNormal(mu, logVar);

    /// <summary>KL(p ‖ q) between two categorical distributions given as probability vectors (no checks; see <see cref="Histograms"/>).</summary>
    public static double Categorical(ReadOnlySpan<double> p, ReadOnlySpan<double> q) => KlGenerated.Categorical(p, q);
}


/// <summary>Special functions for densities, from the generated helpers (the same code the KL methods use).</summary>
internal static class SpecialMath
{
    public static double LogGamma(double x) => KlMath.LogGamma(x);

    public static double LogBeta(double a, double b) => KlMath.LogGamma(a) + KlMath.LogGamma(b) - KlMath.LogGamma(a + b);
}
