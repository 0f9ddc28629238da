using MathNet.Numerics.Distributions;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Numerics;

/// <summary>
/// Draws from a family member with numeric parameters (MathNet's samplers, our parameterisations). Everything else a
/// family is lives on <see cref="Family"/>; sampling is here because the kernel references no numerics library.
/// </summary>
internal static class FamilySampler
{
    public static Func<Random, double>? For(Family family, double[] θ)
    {
        if (family == Families.Normal) return r => Normal.Sample(r, θ[0], Math.Sqrt(θ[1]));
        if (family == Families.Exponential) return r => Exponential.Sample(r, θ[0]);
        if (family == Families.Gamma) return r => Gamma.Sample(r, θ[0], θ[1]);
        if (family == Families.Beta) return r => Beta.Sample(r, θ[0], θ[1]);
        if (family == Families.Laplace) return r => Laplace.Sample(r, θ[0], θ[1]);
        if (family == Families.Uniform) return r => ContinuousUniform.Sample(r, θ[0], θ[1]);
        if (family == Families.Bernoulli) return r => Bernoulli.Sample(r, θ[0]);
        if (family == Families.Poisson) return r => Poisson.Sample(r, θ[0]);
        // MathNet counts trials (1, 2, …); the family counts failures before the first success (0, 1, …).
        if (family == Families.Geometric) return r => Geometric.Sample(r, θ[0]) - 1;
        if (family == Families.Binomial) return r => Binomial.Sample(r, θ[1], (int)θ[0]);
        // Inverse CDF: x = μ − β log(−log u) for u uniform on (0, 1).
        if (family == Families.Gumbel) return r => θ[0] - θ[1] * Math.Log(-Math.Log(OpenUnit(r)));
        if (family == Families.HalfNormal) return r => Math.Abs(Normal.Sample(r, 0, θ[0]));
        if (family == Families.Pareto) return r => Pareto.Sample(r, θ[0], θ[1]);
        return null;
    }

    private static double OpenUnit(Random r)
    {
        var u = r.NextDouble();
        return u > 0 ? u : double.Epsilon;
    }
}
