using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Taking the derivative with respect to β, we get ∂Z/∂β = −E_i e^{−βE_i}": the derivative of a quantity the text
/// defines, equated to an expression in that quantity's own terms, states what the derivative is — a computation,
/// claimed whatever the unknowns of the text are. It is not an equation being solved: such an equation brings in
/// something the derivative does not have (∂f/∂x = λ ∂g/∂x, a multiplier), and a derivative set to a constant is
/// read elsewhere as the condition it is.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>
    /// True when every symbol of the right side occurs in the computed derivative on the left, an indexed value counting
    /// when the left side has its family (E_i beside Σ_k E_k e^{−βE_k}): the index then picks one of the values the
    /// derivative is written in, and the statement says nothing about a quantity of its own.
    /// </summary>
    private static bool InOwnTerms(Expr derivative, Expr value)
    {
        if (Traversal.FreeSymbols(value).Count == 0) return false;
        // Densities and functions SymKl instantiates at random, integrals and expectations: a failure there may be a
        // property of the text's own functions (its review decides); only plain algebra and sums are claimed outright.
        if (new[] { derivative, value }.Any(side => Traversal.Any(side, n => n is Apply or Functional or Expectation or Integral))) return false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var families = new HashSet<string>(StringComparer.Ordinal);
        Traversal.Any(derivative, e =>
        {
            if (e is Sym s) names.Add(s.Name);
            // The families summed over (E in Σ_k E_k e^{−βE_k}), not names that merely share a letter (λ₀ beside λ₁).
            if (e is Summation or IndexedProduct && e is BinderNode sum)
                Traversal.Any(sum.Body, x =>
                {
                    if (x is Sym member && IndexedSums.Split(member.Name) is { } parts && IndexedSums.KeyTokens(parts.Key).Contains(sum.Variable.Name)) families.Add(parts.Base);
                    return false;
                });
            return false;
        });
        return Traversal.FreeSymbols(value).All(s => names.Contains(s.Name)
            || IndexedSums.Split(s.Name) is { } parts && families.Contains(parts.Base) && IndexedSums.KeyTokens(parts.Key).All(t => t.Length > 0 && char.IsLetter(t[0])));
    }
}
