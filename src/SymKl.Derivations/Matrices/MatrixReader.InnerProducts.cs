using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Matrices;

internal sealed partial class MatrixReader
{
    /// <summary>⟨u, v⟩ written with angle brackets around two items set apart by a comma: the Euclidean inner product.</summary>
    private static bool IsInnerProduct(Group g) =>
        g is { Left: Bracket.Angle, Right: Bracket.Angle, Body: Sequence { Items.Count: 2 } pair } && pair.Separators.All(s => s.Text.Trim() == ",");

    /// <summary>
    /// ⟨u, v⟩ = uᵀv = Σᵢ uᵢvᵢ for two vectors of one length (two numbers: their product). Other shapes are not read: an
    /// inner product of matrices (tr AᵀB) or of a row and a column is a convention the text would have to state.
    /// </summary>
    private MatrixValue InnerProduct(Group g, ParseResult parsed)
    {
        var pair = (Sequence)g.Body;
        var (u, v) = (Read(pair.Items[0], parsed), Read(pair.Items[1], parsed));
        if (u.AsScalar() is { } a && v.AsScalar() is { } b) return MatrixValue.Of(Ex.Mul(a, b));
        if (!u.IsVector || !v.IsVector || u.Rows != v.Rows)
            throw new MatrixReadException("an inner product ⟨…, …⟩ of a " + u.Shape + " and a " + v.Shape + " value ('" + parsed.GetText(g.Span).Trim() + "')");
        var terms = new List<Expr>();
        for (var i = 0; i < u.Rows; i++) terms.Add(Ex.Mul(u[i, 0], v[i, 0]));
        return MatrixValue.Of(Ex.Add(terms));
    }
}
