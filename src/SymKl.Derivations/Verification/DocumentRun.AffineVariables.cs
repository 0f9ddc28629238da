using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A random variable given as an affine image of another (Y = aX + b), given a new affine formula in a later section
/// ("Proposition: if Y = X + b then h(Y) = h(X)"): each proposition states its own Y, so the later formula defines it anew
/// rather than being a claim about the earlier Y.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Random variables defined as affine images, with the section of their last definition.</summary>
    private readonly Dictionary<string, int> _affineVariableSection = new(StringComparer.Ordinal);

    private bool RedefinedAffineVariable(SyntaxNode node, SyntaxNode formula, ParseResult parsed) =>
        AffineVariableName(node, formula, parsed) is { } name && _affineVariableSection.TryGetValue(name, out var section) && section != _section;

    private void NoteAffineVariable(SyntaxNode node, SyntaxNode formula, ParseResult parsed)
    {
        if (AffineVariableName(node, formula, parsed) is { } name) _affineVariableSection[name] = _section;
    }

    /// <summary>
    /// "If Y = aX + b, then …" with Y new, or an affine image of an earlier section: the proposition's own Y, defined for
    /// what follows (as a premise Y = X + c would leave an earlier Y = 2X in force, and the claims after it would be about
    /// that one).
    /// </summary>
    private bool AffineHypothesis(LatexRelation chain, List<Operand> operands, Cue cue)
    {
        if (chain.Operators is not [{ Kind: RelationKind.Equal, Negated: false } op] || operands.Count != 2) return false;
        var (left, right) = (operands[0], operands[1]);
        var parsed = left.Parsed;
        if (AffineVariableName(left.Node, right.Node, parsed) is not { } name) return false;
        var anew = _affineVariableSection.TryGetValue(name, out var section) ? section != _section : !_scope.HasSeen(name) && !_scope.IsDefinedFunction(name);
        if (!anew || Mentions(right.Node, left.Node, parsed)) return false;
        var before = Definitions.Count;
        if (!TryDefine(left.Node, right.Node, parsed, off => ToSource(left.At(off)), explicitDefinition: false) || Definitions.Count == before) return false;
        NoteAffineVariable(left.Node, right.Node, parsed);
        Unchecked(left, op, right, StatementRole.Hypothesis, "'" + cue.Text + "' before a random variable given as an affine image",
            "hypothesis ('" + cue.Text + "'): defines " + name + " as " + right.Text.Trim() + " for the statements after it", snapshot: false);
        return true;
    }

    private static string? AffineVariableName(SyntaxNode node, SyntaxNode formula, ParseResult parsed) =>
        node is Identifier id && ExprBinder.IsRandomVariableName(id) && ExprBinder.IsAffineImage(formula) ? MathBinder.SymbolName(id, parsed) : null;
}
