namespace SymKl.Symbolic;

/// <summary>
/// Draws generic values for symbols within their domains: away from 0, ±1 and integers for reals, so that
/// identities that hold only at special points are not mistaken for identities.
/// </summary>
public sealed class Sampler(int seed, Assumptions assumptions)
{
    private readonly Random _random = new(seed);

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
