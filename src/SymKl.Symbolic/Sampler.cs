namespace SymKl.Symbolic;

/// <summary>
/// Draws generic values for symbols within their domains: away from 0, ±1 and integers for reals, so that
/// identities that hold only at special points are not mistaken for identities.
/// </summary>
public sealed class Sampler(IUniformSource random, Assumptions assumptions)
{
    private readonly IUniformSource _random = random;

    /// <summary>Draws with <see cref="Random"/> seeded by <paramref name="seed"/> (the verifier's points).</summary>
    public Sampler(int seed, Assumptions assumptions) : this(new SeededRandom(seed), assumptions)
    {
    }

    public double Draw(Sym s) => Draw(assumptions.DomainOf(s));

    public double Draw(Domain d)
    {
        switch (d)
        {
            case Domain.Positive:
            case Domain.NonNegative:
                // Log-uniform over about [0.05, 20]: small and large scales both get tested.
                return Math.Exp(-3 + 6 * _random.NextDouble());
            case Domain.Negative:
                return -Math.Exp(-3 + 6 * _random.NextDouble());
            case Domain.UnitInterval:
                return 0.02 + 0.96 * _random.NextDouble();
            case Domain.Integer:
                return _random.Next(-6, 7);
            case Domain.PositiveInteger:
                return _random.Next(1, 9);
            case Domain.NonNegativeInteger:
                return _random.Next(0, 9);
            default:
                {
                    // Mostly moderate reals of both signs, sometimes large ones.
                    var u = _random.NextDouble();
                    var v = u < 0.8 ? -4 + 8 * _random.NextDouble() : (_random.NextDouble() < 0.5 ? -1 : 1) * Math.Exp(1 + 3 * _random.NextDouble());
                    return v;
                }
        }
    }
}

/// <summary>
/// Uniform random numbers for <see cref="Sampler"/>. The verifier draws with <see cref="Random"/>; the source generator,
/// which may not use <see cref="Random"/> (analyzers must be deterministic across hosts), brings a generator of its own.
/// </summary>
public interface IUniformSource
{
    /// <summary>Uniform in [0, 1).</summary>
    double NextDouble();

    /// <summary>Uniform integer in [min, max).</summary>
    int Next(int min, int max);
}

internal sealed class SeededRandom(int seed) : IUniformSource
{
    private readonly Random _random = new(seed);

    public double NextDouble() => _random.NextDouble();

    public int Next(int min, int max) => _random.Next(min, max);
}
