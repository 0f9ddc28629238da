using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Divergences;

/// <summary>Gumbel distribution with location μ and scale β &gt; 0: density e^{−z − e^{−z}} / β, z = (x − μ)/β.</summary>
public sealed record Gumbel : IDistribution
{
    /// <summary>Euler's constant γ.</summary>
    private const double EulerGamma = 0.57721566490153286061;

    public Gumbel(double location, double scale)
    {
        Location = Check.Finite(location, nameof(location));
        Scale = Check.Positive(scale, nameof(scale));
    }

    public double Location { get; }
    public double Scale { get; }
    public double Mean => Location + EulerGamma * Scale;

    public double LogProb(double x)
    {
        var z = (x - Location) / Scale;
        return -z - Math.Exp(-z) - Math.Log(Scale);
    }

    /// <summary>Inverse CDF: μ − β log(−log u).</summary>
    public double Sample(Random random) => Location - Scale * Math.Log(-Math.Log(Draw.Open(random)));
}

/// <summary>Half-normal distribution with scale σ &gt; 0: |y| for y ~ N(0, σ²).</summary>
public sealed record HalfNormal : IDistribution
{
    public HalfNormal(double scale) => Scale = Check.Positive(scale, nameof(scale));

    public double Scale { get; }
    public double Mean => Scale * Math.Sqrt(2 / Math.PI);

    public double LogProb(double x) =>
        x < 0 ? double.NegativeInfinity : 0.5 * Math.Log(2 / Math.PI) - Math.Log(Scale) - x * x / (2 * Scale * Scale);

    public double Sample(Random random) => Math.Abs(Scale * Draw.StandardNormal(random));
}

/// <summary>Pareto distribution with scale m &gt; 0 (the minimum) and shape α &gt; 0: density α m^α / x^{α+1} on x ≥ m.</summary>
public sealed record Pareto : IDistribution
{
    public Pareto(double scale, double alpha)
    {
        Scale = Check.Positive(scale, nameof(scale));
        Alpha = Check.Positive(alpha, nameof(alpha));
    }

    public double Scale { get; }
    public double Alpha { get; }

    /// <summary>α m / (α − 1); +∞ for α ≤ 1.</summary>
    public double Mean => Alpha > 1 ? Alpha * Scale / (Alpha - 1) : double.PositiveInfinity;

    public double LogProb(double x) =>
        x < Scale ? double.NegativeInfinity : Math.Log(Alpha) + Alpha * Math.Log(Scale) - (Alpha + 1) * Math.Log(x);

    /// <summary>Inverse CDF: m u^{−1/α}.</summary>
    public double Sample(Random random) => Scale * Math.Pow(Draw.Open(random), -1 / Alpha);
}

public static partial class Kl
{
    public static double Divergence(Gumbel p, Gumbel q) => KlGenerated.Gumbel(p.Location, p.Scale, q.Location, q.Scale);

    public static double Divergence(HalfNormal p, HalfNormal q) => KlGenerated.HalfNormal(p.Scale, q.Scale);

    /// <summary>+∞ when the scale of q is above the scale of p (p has mass where q has none).</summary>
    public static double Divergence(Pareto p, Pareto q) => KlGenerated.Pareto(p.Scale, p.Alpha, q.Scale, q.Alpha);

    public static double Divergence(Exponential p, Gumbel q) => KlGenerated.ExponentialGumbel(p.Rate, q.Location, q.Scale);

    public static double Divergence(Normal p, Gumbel q) => KlGenerated.NormalGumbel(p.Mean, p.StdDev, q.Location, q.Scale);

    public static double Divergence(Gumbel p, Normal q) => KlGenerated.GumbelNormal(p.Location, p.Scale, q.Mean, q.StdDev);

    /// <summary>+∞ for α ≤ 1 (p has no mean).</summary>
    public static double Divergence(Pareto p, Exponential q) => KlGenerated.ParetoExponential(p.Scale, p.Alpha, q.Rate);

    /// <summary>+∞ for α ≤ 2 (p has no variance).</summary>
    public static double Divergence(Pareto p, Normal q) => KlGenerated.ParetoNormal(p.Scale, p.Alpha, q.Mean, q.StdDev);

    public static double Divergence(Gamma p, Gumbel q) => KlGenerated.GammaGumbel(p.Shape, p.Rate, q.Location, q.Scale);

    /// <summary>+∞ for α ≤ 1 (p has no mean).</summary>
    public static double Divergence(Pareto p, Gamma q) => KlGenerated.ParetoGamma(p.Scale, p.Alpha, q.Shape, q.Rate);

    /// <summary>+∞ unless the interval of p starts at or above the scale of q.</summary>
    public static double Divergence(Uniform p, Pareto q) => KlGenerated.UniformPareto(p.Low, p.High, q.Scale, q.Alpha);

    public static double Divergence(Uniform p, Gumbel q) => KlGenerated.UniformGumbel(p.Low, p.High, q.Location, q.Scale);
}
