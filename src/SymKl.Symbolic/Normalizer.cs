namespace SymKl.Symbolic;

/// <summary>
/// The normal form used to decide equality: simplify under the assumptions and expand, to a fixed point;
/// then, if denominators remain, clear them (a/b − c/d = 0 iff a·d − c·b = 0 where b, d ≠ 0).
/// </summary>
public static class Normalizer
{
    public static Expr Normalize(Expr e, Assumptions a, Budget? budget = null)
    {
        budget ??= new Budget();
        var current = e;
        for (var i = 0; i < 16; i++)
        {
            budget.Charge(1, "normalisation");
            var next = Expander.Expand(Simplifier.Simplify(current, a, budget), budget);
            if (next.Equals(current)) return next;
            current = next;
        }
        return current;
    }

    /// <summary>True when <paramref name="normalized"/> (already in normal form) is zero wherever it is defined.</summary>
    public static bool IsZero(Expr normalized, Assumptions a, Budget budget)
    {
        if (normalized.IsZero) return true;
        var denominators = Denominators(normalized);
        if (denominators.Count == 0) return false;
        var multiplier = Ex.Mul(denominators.Select(d => Ex.Pow(d.Key, Ex.Num(d.Value))));
        // Multiply term by term, so each denominator meets its own power in one product and cancels there.
        var terms = normalized is Add s ? (IReadOnlyList<Expr>)s.Terms : [normalized];
        var cleared = Normalize(Ex.Add(terms.Select(t => Ex.Mul(t, multiplier))), a, budget);
        return cleared.IsZero;
    }

    /// <summary>Sums raised to negative integer powers in any term, with the largest power of each.</summary>
    private static Dictionary<Expr, long> Denominators(Expr e)
    {
        var result = new Dictionary<Expr, long>();
        var terms = e is Add s ? (IReadOnlyList<Expr>)s.Terms : [e];
        foreach (var t in terms)
        {
            var factors = t is Mul m ? (IReadOnlyList<Expr>)m.Factors : [t];
            foreach (var f in factors)
            {
                if (f is Pow { Base: Add b, Exponent: Num n } && n.Value.IsInteger && n.Value.Sign < 0)
                {
                    var k = (long)-n.Value.Numerator;
                    if (!result.TryGetValue(b, out var old) || old < k) result[b] = k;
                }
            }
        }
        return result;
    }
}
