using SymKl.Latex;
using SymKl.Latex.Syntax;
using SyntaxPower = SymKl.Latex.Syntax.Power;

namespace SymKl.Derivations.Matrices;

internal sealed partial class StatementShapes
{
    /// <summary>
    /// Block matrices written out (\begin{bmatrix} A & B \\ C & D \end{bmatrix}) say more of their entries than the letters do:
    /// a dimension letter alone in a block place (the D beside A, B, C) is a block, any matrix, not a dimension; and a block
    /// whose transpose stands in the mirrored place (B and Bᵀ in [[Λ_a, B], [Bᵀ, Λ_b]]) is the cross block of a symmetric
    /// matrix: any matrix, never narrowed to a symmetric one (whatever its letter), and no longer a kind the text leaves open.
    /// Names the document declares keep their declaration.
    /// </summary>
    private void MarkBlocks(SyntaxNode root, ParseResult parsed) => MatrixScope.Visit(root, n =>
    {
        // D in B D^{-1} C after the document wrote D as a block (M = [[A, B], [C, D]]).
        if (n is Identifier { Subscript: null } letter && MatrixScope.DimensionLetters.Contains(letter.Name) && letter.IsUndecorated
            && MatrixScope.Key(letter, parsed) is var blockKey && _scope.IsBlockLetter(blockKey) && !_shapes.ContainsKey(blockKey) && !_limits.Contains(blockKey))
        {
            _shapes[blockKey] = MatrixShape.Square(MatrixScope.Common, MatrixKind.General);
            _openKinds.Add(blockKey);
        }
        if (n is not Matrix m || !IsExplicitMatrix(m) || m.Rows.Count == 0) return;
        var entries = m.Rows.SelectMany(r => r).ToList();
        if (!entries.Any(e => Leaves(e).Any(id => !IsIdentity(id) && (MatrixScope.IsMatrixLetter(id) || ShapeOf(MatrixScope.Key(id, parsed)) is { IsVector: false })))) return;
        foreach (var e in entries)
            if (MatrixScope.Unwrap(e) is Identifier { Subscript: null } id && MatrixScope.DimensionLetters.Contains(id.Name) && id.IsUndecorated
                && MatrixScope.Key(id, parsed) is var key && !_shapes.ContainsKey(key) && !_scope.IsDeclaredScalar(key) && !_scope.Shapes.ContainsKey(key))
            {
                _shapes[key] = MatrixShape.Square(MatrixScope.Common, MatrixKind.General);
                _openKinds.Add(key);
            }
        var size = m.Rows.Count;
        if (m.Rows.Any(r => r.Count != size)) return;
        for (var i = 0; i < size; i++)
            for (var j = 0; j < size; j++)
            {
                if (i == j || MatrixScope.Unwrap(m.Rows[i][j]) is not Identifier block || MatrixScope.Unwrap(m.Rows[j][i]) is not SyntaxPower { Base: var b, Exponent: var t }
                    || MatrixScope.Unwrap(b) is not Identifier mirrored || !(IsTransposeMarker(t) || IsT(t))) continue;
                var key = MatrixScope.Key(block, parsed);
                if (key != MatrixScope.Key(mirrored, parsed) || _scope.Shapes.ContainsKey(key) || ShapeOf(key) is not { IsVector: false }) continue;
                _shapes[key] = MatrixShape.Square(MatrixScope.Common, MatrixKind.Cross);
                _openKinds.Remove(key);
            }
    });
}
