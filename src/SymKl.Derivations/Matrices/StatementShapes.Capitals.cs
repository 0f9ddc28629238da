using SymKl.Latex;
using SymKl.Latex.Syntax;
using SyntaxPower = SymKl.Latex.Syntax.Power;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// X, Y, Z are read as vectors when a reading needs one there (yᵀX: a random vector's letter after a transposed vector). In
/// regression texts the same letters name design matrices (yᵀXβ, (y − Xβ)ᵀ(y − Xβ)): when the reading with such a letter a
/// vector then multiplies a vector by a vector, the letter is read again as a matrix of a kind the text leaves open (any
/// matrix first; a failure is then checked with a symmetric positive definite one, as for any undeclared capital). Not when
/// the statement or a formula it reads through inverts an expression in that letter ((XᵀX)⁻¹Xᵀy): a design matrix is
/// n × p, and read square it would be invertible, making X(XᵀX)⁻¹Xᵀ = I and confirming what holds only for a zero residual.
/// </summary>
internal sealed partial class StatementShapes
{
    /// <summary>Capitals made vectors while the statement was read (not declared so by the document).</summary>
    private readonly HashSet<string> _capitalVectors = new(StringComparer.Ordinal);

    /// <summary>A capital letter read as a vector only because the reading needed one (see <see cref="MakeVector"/>).</summary>
    private void NoteCapitalVector(string key)
    {
        if (key.Length > 0 && char.IsUpper(key[0]) && !_scope.Shapes.ContainsKey(key)) _capitalVectors.Add(key);
    }

    /// <summary>A capital the reading made a vector and that is one still; null when there is none.</summary>
    public string? CapitalReadAsVector() => _capitalVectors.FirstOrDefault(k => _shapes.TryGetValue(k, out var s) && s.IsVector && !Inverted(k));

    /// <summary>A power −1 of an expression that holds the name, in the sides or in the formulas of the names they use (one level).</summary>
    private bool Inverted(string key)
    {
        var formulas = _sides.ToList();
        foreach (var (node, parsed) in _sides)
            MatrixScope.Visit(node, n =>
            {
                if (n is Identifier id && formulas.Count < 64 && _scope.Definitions.TryGetValue(MatrixScope.Key(id, parsed), out var d)) formulas.Add((d.Formula, d.Parsed));
            });
        var found = false;
        foreach (var (node, parsed) in formulas)
            MatrixScope.Visit(node, n =>
            {
                if (found || n is not SyntaxPower p || !IsMinusOne(p.Exponent, parsed)) return;
                MatrixScope.Visit(p.Base, m => found |= m is Identifier id && MatrixScope.Key(id, parsed) == key);
            });
        return found;
    }

    private static bool IsMinusOne(SyntaxNode exponent, ParseResult parsed) =>
        parsed.GetText(exponent.Span).Replace("{", "").Replace("}", "").Replace(" ", "") == "-1";

    /// <summary>The capital read again as a square matrix of the common dimension, of an open kind.</summary>
    public void MakeOpenMatrix(string key)
    {
        _capitalVectors.Remove(key);
        _openKinds.Add(key);
        _shapes[key] = MatrixShape.Square(MatrixScope.Common, MatrixKind.General);
    }
}
