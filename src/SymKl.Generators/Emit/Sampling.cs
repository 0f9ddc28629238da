using SymKl.Symbolic;

namespace SymKl.Generators.Emit;

/// <summary>A claimed relation between two expressions: a condition for a finite KL (finite-when).</summary>
internal sealed record Constraint(Expr Lhs, Relation Relation, Expr Rhs)
{
    public bool Holds(Func<Expr, double> evaluate)
    {
        var l = evaluate(Lhs);
        var r = evaluate(Rhs);
        if (double.IsNaN(l) || double.IsNaN(r)) return false;
        return Relation switch
        {
            Relation.Less => l < r,
            Relation.LessOrEqual => l <= r,
            Relation.Greater => l > r,
            Relation.GreaterOrEqual => l >= r,
            Relation.NotEqual => l != r,
            Relation.Equal => l == r,
            _ => true,
        };
    }
}

/// <summary>
/// Random points in the parameters' domains (satisfying the assumptions' orderings and bounds, and the conditions for a finite KL), for the numeric
/// self-checks of emitted code: a careful rewrite, a gradient, a lowering must agree with the verified
/// result at every point. Seeded: the same derivation always gets the same points.
/// </summary>
internal static class Sampling
{
    public static List<Dictionary<Sym, double>> Points(IReadOnlyList<Sym> symbols, Assumptions a, IReadOnlyList<Constraint> constraints, int count, int seed = 20240501)
    {
        // The verifier's sampler (the same ranges per domain), drawing from a generator analyzers may use.
        var sampler = new Sampler(new SplitMix(seed), a);
        var points = new List<Dictionary<Sym, double>>();
        for (var attempt = 0; attempt < count * 200 && points.Count < count; attempt++)
        {
            var p = new Dictionary<Sym, double>();
            foreach (var s in symbols) p[s] = sampler.Draw(s);
            if (a.HasRelations && !a.Admits(n => p.FirstOrDefault(kv => kv.Key.Name == n) is { Key: not null } kv ? kv.Value : null)) continue;
            if (constraints.All(c => c.Holds(e => Evaluate(e, p)))) points.Add(p);
        }
        return points;
    }

    /// <summary>The value of an expression (markers expanded, trigamma evaluated) at a point; NaN where undefined.</summary>
    public static double Evaluate(Expr e, IReadOnlyDictionary<Sym, double> point) => EvaluateApprox(e, point).Value;

    public static Approx EvaluateApprox(Expr e, IReadOnlyDictionary<Sym, double> point)
    {
        var evaluator = new NumericEvaluator(s => point.TryGetValue(s, out var v) ? v : double.NaN, Opaque(point));
        try
        {
            return evaluator.Evaluate(Markers.Expand(e));
        }
        catch (NotEvaluableException)
        {
            return Approx.Undefined;
        }
    }

    private static Func<Expr, Approx> Opaque(IReadOnlyDictionary<Sym, double> point) => e =>
    {
        if (e is Apply { Name: Markers.Trigamma } t)
        {
            var x = EvaluateApprox(t.Args[0], point);
            var v = SpecialFunctions.Trigamma(x.Value);
            // |ψ″(x)| ≤ 2ψ′(x)/x + ψ′(x)², a generous first-order bound on the propagated error.
            return new Approx(v, Math.Abs(v) * 1e-13 + x.Error * Math.Abs(v) * (2 / Math.Max(x.Value, 1e-300) + Math.Abs(v)));
        }
        return Approx.Undefined;
    };

    /// <summary>True when the expression is negative at every sample point where it is defined (and defined at some).</summary>
    public static bool IsSurelyNegative(Expr e, Assumptions a)
    {
        var symbols = Traversal.FreeSymbols(e);
        if (symbols.Count == 0)
        {
            var v = Evaluate(e, new Dictionary<Sym, double>());
            return v < 0;
        }
        var defined = 0;
        foreach (var p in Points(symbols, a, [], 24))
        {
            var v = Evaluate(e, p);
            if (double.IsNaN(v)) continue;
            if (v >= 0) return false;
            defined++;
        }
        return defined > 0;
    }
}

/// <summary>SplitMix64: a small seeded generator (analyzers may not use System.Random; results must be deterministic).</summary>
internal sealed class SplitMix(long seed) : IUniformSource
{
    private ulong _state = (ulong)seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform integer in [min, max).</summary>
    public int Next(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min));

}
