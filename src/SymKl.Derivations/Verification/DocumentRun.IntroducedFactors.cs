using SymKl.Derivations.Matrices;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "the singular value decomposition of $X$ is $$X = U D V^\top$$": a matrix set equal to a product of matrices that are all
/// first written in this display. The display says there are such factors (and what they are: orthogonal, diagonal), it
/// introduces them; it is no identity that free draws of U, D and V could refute. A product with a factor the text has
/// written before (X = A Bᵀ with A defined earlier) is a claim as before, and so is a factorization whose left side is
/// itself first written here (that is the definition of the left side).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>"X as the product of U, D, V" when <paramref name="product"/> is made only of matrices first written here, else null.</summary>
    private string? IntroducedFactors(Operand whole, Operand product)
    {
        if (!ReferenceEquals(whole.Parsed, product.Parsed) || MatrixScope.Unwrap(whole.Node) is not Identifier named) return null;
        if (FirstWrittenHere(named, whole.Parsed) || StatementShapes.IsIdentity(named)) return null;
        if (Factors(product.Node) is not { Count: >= 2 } factors) return null;
        var names = new List<string>();
        foreach (var factor in factors)
        {
            // U, Vᵀ, D², D^{1/2}, L⁻¹: a name, possibly transposed or raised to a number.
            var node = MatrixScope.Unwrap(factor);
            if (node is Power { Base: var b, Exponent: var e } && (StatementShapes.IsTransposeMarker(e) || StatementShapes.IsT(e) || !MatrixScope.Unwrap(e).DescendantsAndSelf().OfType<Identifier>().Any()))
                node = MatrixScope.Unwrap(b);
            if (node is not Identifier id || StatementShapes.IsIdentity(id) || !IsMatrixCapital(id) || !FirstWrittenHere(id, product.Parsed)) return null;
            var key = MatrixScope.Key(id, product.Parsed);
            if (_matrices.Definitions.ContainsKey(key) || _scope.DefinesSymbol(MathBinder.SymbolName(id, product.Parsed))) return null;
            if (!names.Contains(key)) names.Add(key);
        }
        if (names.Contains(MatrixScope.Key(named, whole.Parsed))) return null;
        return MatrixScope.Key(named, whole.Parsed) + " as the product of " + string.Join(", ", names);
    }
}
