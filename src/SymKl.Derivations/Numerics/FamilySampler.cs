using MathNet.Numerics.Distributions;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Numerics;

/// <summary>
/// Draws from a family member with numeric parameters (MathNet's samplers, our parameterisations): one row per family
/// of <see cref="Families.All"/>, keyed by the family. Everything else a family is lives on <see cref="Family"/>;
/// sampling is here because the kernel references no numerics library.
/// </summary>
internal static class FamilySampler
{
    /// <summary>The sampler of a member, from its parameters θ in the family's order.</summary>
    private static readonly Dictionary<Family, Func<double[], Func<Random, double>>> Samplers = new()
    {
        [Families.Normal] = θ => r => Normal.Sample(r, θ[0], Math.Sqrt(θ[1])),
        [Families.Exponential] = θ => r => Exponential.Sample(r, θ[0]),
        [Families.Gamma] = θ => r => Gamma.Sample(r, θ[0], θ[1]),
        [Families.Beta] = θ => r => Beta.Sample(r, θ[0], θ[1]),
        [Families.Laplace] = θ => r => Laplace.Sample(r, θ[0], θ[1]),
        [Families.Uniform] = θ => r => ContinuousUniform.Sample(r, θ[0], θ[1]),
        [Families.Bernoulli] = θ => r => Bernoulli.Sample(r, θ[0]),
        [Families.Poisson] = θ => r => Poisson.Sample(r, θ[0]),
        // MathNet counts trials (1, 2, …); the family counts failures before the first success (0, 1, …).
        [Families.Geometric] = θ => r => Geometric.Sample(r, θ[0]) - 1,
        [Families.Binomial] = θ => r => Binomial.Sample(r, θ[1], (int)θ[0]),
        // Inverse CDF: x = μ − β log(−log u) for u uniform on (0, 1).
        [Families.Gumbel] = θ => r => θ[0] - θ[1] * Math.Log(-Math.Log(OpenUnit(r))),
        [Families.HalfNormal] = θ => r => Math.Abs(Normal.Sample(r, 0, θ[0])),
        [Families.Pareto] = θ => r => Pareto.Sample(r, θ[0], θ[1]),
    };

    /// <summary>The families that have a sampler (for the test that every family of the catalog has one).</summary>
    public static IReadOnlyCollection<Family> Covered => Samplers.Keys;

    public static Func<Random, double>? For(Family family, double[] θ) =>
        Samplers.TryGetValue(family, out var sampler) ? sampler(θ) : null;

    private static double OpenUnit(Random r)
    {
        var u = r.NextDouble();
        return u > 0 ? u : double.Epsilon;
    }
}
