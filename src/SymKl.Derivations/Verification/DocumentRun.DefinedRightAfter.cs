using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "$$… = \sqrt{c} Q Λ^{-1/2} \tilde{z}$$ where $\tilde{z} = Q^\top \hat{z}$ …": the math right after a display, opened by
/// "where", gives a name of the display a formula. The name is then no free draw: a failure that rests on it (its residue
/// holds the name) is withheld, naming the words that define it. Only the sentence that follows the display, and only a
/// relation with the lone name on its left.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>"\tilde{z} = Q^\top \hat{z}" when the math after "where" right after the current display gives one of the
    /// statement's names (a name in the failure's residue) a formula, else null.</summary>
    private string? DefinedRightAfter(Verdict verdict, Operand left, Operand right)
    {
        if (left.Parsed != right.Parsed || WhereMathAfterDisplay() is not { } where) return null;
        var (text, shown) = (where.Text, where.Parsed);
        if (shown.Root?.Rows is not [{ Items: [Latex.Syntax.Relation { Operands: [var head, _, ..], Operators: [var op, ..] }] }]
            || op.Kind is not (RelationKind.Equal or RelationKind.Define) || op.Negated || MatrixScope.Unwrap(head) is not Identifier named) return null;
        var key = MatrixScope.Key(named, shown);
        var written = false;
        foreach (var side in new[] { left, right })
            MatrixScope.Visit(side.Node, n => written |= n is Identifier id && MatrixScope.Key(id, side.Parsed) == key);
        if (!written || !InResidue(verdict, key) && !InResidue(verdict, MathBinder.SymbolName(named, shown))) return null;
        return text.Trim();
    }
}
