using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Using the relationship between correlation and slope, we conclude R² = (s_x/s_y β̂₁)² = r_{xy}²": a side written only in
/// names the other side lacks, names that the document never gives a value, never uses in a definition and never solves
/// for, says what the quantity is called (r_xy, defined in another text) rather than claiming an identity in free
/// parameters: a free r_xy can never equal an expression without it, so a random value "refutes" every such link. Such a
/// name is not a genuine free parameter of a counterexample; the step is unsupported, naming it.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Why <paramref name="name"/> is no free parameter of the step (see the type's summary), or null.</summary>
    private string? OneSidedQuantity(string name, Expr lhs, Expr rhs)
    {
        var left = new HashSet<string>(Traversal.FreeSymbols(lhs).Where(s => s != Ex.Infinity).Select(s => s.Name), StringComparer.Ordinal);
        var right = new HashSet<string>(Traversal.FreeSymbols(rhs).Where(s => s != Ex.Infinity).Select(s => s.Name), StringComparer.Ordinal);
        var (own, other) = left.Contains(name) ? (left, right) : (right, left);
        if (other.Contains(name) || other.Count == 0) return null;
        // The whole side is in such names: none of them on the other side, each undefined, never solved for or declared.
        foreach (var n in own)
            if (other.Contains(n) || _givenNames.Contains(n) || _scope.DefinesSymbol(n) || _scope.UsedInDefinitions(n) || _unknowns.ContainsKey(n)
                || _scope.Assumptions.Declared.ContainsKey(n) || _solvedValues.ContainsKey(n))
                return null;
        return "a name written on one side of the step only, whose other side is in other names, and which the document never defines, "
            + "uses in a definition or solves for: the step names a quantity (defined elsewhere) rather than claiming an identity in a free parameter";
    }
}
