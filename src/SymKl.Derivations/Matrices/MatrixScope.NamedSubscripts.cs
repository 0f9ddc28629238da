using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// I_P = \int_0^P e^{-x^2} dx: a subscripted I that the text itself sets equal to a formula without vectors or matrices is
/// a number it named (an integral up to P, a partial sum), not the P × P identity. Read as the identity, P became a
/// dimension and every statement about I_P was checked at P = 1 as a matrix equation.
/// </summary>
internal sealed partial class MatrixScope
{
    private readonly HashSet<string> _numberedIdentities = new(StringComparer.Ordinal);

    /// <summary>True when the text gave this subscripted I (its key, I_P) a formula of numbers: not an identity matrix.</summary>
    public bool NamesNumber(string key) => _numberedIdentities.Contains(key);

    private void ObserveNumberedIdentity(LatexRelation r, ParseResult parsed)
    {
        if (r.Operators.Count == 0 || r.Operators[0] is not { Kind: RelationKind.Equal or RelationKind.Define, Negated: false }) return;
        if (Unwrap(r.Operands[0]) is not Identifier { Name: "I", Subscript: not null } id || !StatementShapes.IsIdentity(id)) return;
        var formula = r.Operands[1];
        // A formula with a transpose, a written-out matrix or a matrix letter other than I may still be a matrix.
        if (formula is Continuation || HasTranspose(formula) || Contains(formula, n => n is Matrix || n is Identifier o && IsMatrixLetter(o) && !StatementShapes.IsIdentity(o))) return;
        _numberedIdentities.Add(Key(id, parsed));
    }
}
