using SymKl.Symbolic;

namespace SymKl.Derivations.Matrices;

internal sealed partial class MatrixReader
{
    /// <summary>
    /// z_i left a symbol by the scalar reading (the p of p(1 − p), or σ(z_i) that a definition of p brought in): replaced
    /// by its formula in vectors (<see cref="MatrixScope.ScalarDefinitions"/>), so that it moves with them under ∇_w.
    /// </summary>
    private Expr ThroughNumbers(Expr e)
    {
        if (scope.ScalarDefinitions.Count == 0) return e;
        var map = new Dictionary<Sym, Expr>();
        foreach (var s in Traversal.FreeSymbols(e))
        {
            if (!scope.ScalarDefinitions.TryGetValue(s.Name, out var number) || !_expanding.Add(s.Name)) continue;
            try { if (Read(number.Formula, number.Parsed).AsScalar() is { } value) map[s] = value; }
            finally { _expanding.Remove(s.Name); }
        }
        return map.Count == 0 ? e : Traversal.Substitute(e, map);
    }

    /// <summary>The document's functions written out (σ(z) = 1/(1 + e^{−z})), then its numbers defined in vectors.</summary>
    private Expr Expand(Expr e) => ThroughNumbers(binding.Expand(e));
}
