using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Using the relationship between correlation and slope, we conclude R² = (s_x/s_y β̂₁)² = r_{xy}²": a side written in one
/// name the other side lacks, a name that the document never gives a value, never uses in a definition and never solves
/// for, says what the quantity is called (r_xy, defined in another text) rather than claiming an identity in free
/// parameters: a free r_xy can never equal an expression without it, so a random value "refutes" every such link. Such a
/// name is not a genuine free parameter of a counterexample; the step is unsupported, naming it. Only a side that is the
/// name itself or a power of it (not H(p), not a formula in it), judged after every other reading of the step.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Why the counterexample's value for a one-sided name shows nothing (see the type's summary), or null.</summary>
    private string? OneSidedQuantity(Counterexample? ce, Expr lhs, Expr rhs)
    {
        if (ce is null) return null;
        foreach (var (own, other) in new[] { (lhs, rhs), (rhs, lhs) })
        {
            // The side is the name itself or a power of it (r_xy², E_tot); the other side has symbols, none of them this one.
            var name = own switch { Sym s => s, Pow { Base: Sym b, Exponent: Num } => b, _ => null };
            if (name is null || name == Ex.Infinity) continue;
            var others = Traversal.FreeSymbols(other);
            if (others.Count == 0 || others.Contains(name) || !ce.Values.Any(v => v.Key == name.Name)) continue;
            var n = name.Name;
            // Undefined, never solved for or declared.
            if (_givenNames.Contains(n) || _scope.DefinesSymbol(n) || _scope.UsedInDefinitions(n) || _unknowns.ContainsKey(n)
                || _scope.Assumptions.Declared.ContainsKey(n) || _solvedValues.ContainsKey(n))
                continue;
            return "one side is only " + n + ", a name the other side does not write and the document never defines, uses in a definition or solves for: "
                + "the step says what the quantity " + n + " (defined elsewhere) is, rather than claiming an identity in a free parameter; not refuted";
        }
        return null;
    }
}
