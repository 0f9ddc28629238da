using SymKl.Symbolic;

namespace SymKl.Symbolic.Tests;

/// <summary>Random expression trees over a few symbols, for property tests (seeded, so failures reproduce).</summary>
public sealed class RandomExpressions(int seed)
{
    private readonly Random _random = new(seed);
    public static readonly Sym[] Symbols = [Ex.Sym("x"), Ex.Sym("y"), Ex.Sym("sigma"), Ex.Sym("mu_1")];

    public Expr Next(int depth)
    {
        if (depth <= 0 || _random.NextDouble() < 0.25) return Leaf();
        return _random.Next(9) switch
        {
            0 or 1 => Ex.Add(Next(depth - 1), Next(depth - 1)),
            2 => Ex.Sub(Next(depth - 1), Next(depth - 1)),
            3 or 4 => Ex.Mul(Next(depth - 1), Next(depth - 1)),
            5 => Ex.Div(Next(depth - 1), Ex.Add(Next(depth - 1), Ex.Pow(Symbols[2], Ex.Two))),
            6 => Ex.Pow(Next(depth - 1), Ex.Num(_random.Next(2, 4))),
            7 => Ex.Log(Ex.Add(Ex.Pow(Next(depth - 1), Ex.Two), Ex.One)),
            _ => Ex.Exp(Ex.Mul(Ex.Num(new Rational(1, _random.Next(2, 5))), Next(depth - 1))),
        };
    }

    private Expr Leaf() => _random.Next(4) switch
    {
        0 => Ex.Num(new Rational(_random.Next(-9, 10), _random.Next(1, 5))),
        1 => _random.Next(5) == 0 ? Ex.Pi : Ex.Num(_random.Next(1, 6)),
        _ => Symbols[_random.Next(Symbols.Length)],
    };
}
