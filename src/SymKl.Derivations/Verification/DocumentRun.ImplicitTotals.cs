using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// N log N − N − Σ_m (n_m log n_m − n_m) = −Σ_m (n_m log n_m − n_m log N): true when the counts n_m add up to N, which
/// texts about occupation numbers, weights or probabilities take for granted without writing it. Before a step is
/// refuted as not following from the equations the text works with, it is checked again with Σ_m n_m equal to 1 or to
/// a plain quantity of the statement (N); when it then follows, the failure shows nothing.
/// </summary>
internal sealed partial class DocumentRun
{
    private const int MaxImplicitTotals = 6;

    /// <summary>The sums over the indexed families of the statement, each with the totals they might be taken to have.</summary>
    private static List<(Expr Sum, Expr Total)> ImplicitTotals(Expr lhs, Expr rhs)
    {
        var found = new List<(Expr, Expr)>();
        var families = new List<(Sym Variable, Expr? Lower, Expr? Upper, Sym Member)>();
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, n =>
            {
                if (n is Summation s)
                    foreach (var member in Traversal.FreeSymbols(s.Body))
                        if (IndexedSums.Split(member.Name) is { } parts && parts.Key == s.Variable.Name && !families.Any(f => f.Member.Equals(member)))
                            families.Add((s.Variable, s.Lower, s.Upper, member));
                return false;
            });
        if (families.Count == 0) return found;
        // Totals: 1, and the plain quantities of the statement (not indexed, not a bound of a sum).
        var bounds = new HashSet<Sym>(families.SelectMany(f => new[] { f.Lower, f.Upper }).Where(b => b is not null).SelectMany(b => Traversal.FreeSymbols(b!)));
        var totals = new List<Expr> { Ex.One };
        totals.AddRange(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Distinct()
            .Where(s => IndexedSums.Split(s.Name) is null && !bounds.Contains(s) && !families.Any(f => f.Variable.Equals(s))));
        foreach (var (variable, lower, upper, member) in families)
            foreach (var total in totals)
                if (found.Count < MaxImplicitTotals) found.Add((Ex.Summation(member, variable, lower, upper), total));
        return found;
    }
}
