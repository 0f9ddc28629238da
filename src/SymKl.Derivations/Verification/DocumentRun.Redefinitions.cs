using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Symbolic;
using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A name given a formula in a section that has ended, given a new formula at the head of a display in a later
/// section (the hinge loss L_i of an SVM section, then "the softmax classifier … has the form L_i = −log(…)"): a new
/// definition for what follows, as for functions. The earlier section must be closed by a heading of its level or
/// higher; a subsection inside it keeps the name's meaning, and a formula there is a claim about it.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Where each name was last given a formula: the section and its heading level.</summary>
    private readonly Dictionary<string, (int Section, int Level)> _symbolDefinedIn = new(StringComparer.Ordinal);

    private void NoteDefinedSymbol(SyntaxNode node, ParseResult parsed)
    {
        if (node is Identifier id) _symbolDefinedIn[MathBinder.SymbolName(id, parsed)] = (_section, _level);
    }

    /// <summary>
    /// The name was defined in a section a later heading of its level or higher has closed, and the display gives it a
    /// formula with no word that makes it a consequence ("so", "hence") or an equation to solve.
    /// </summary>
    private bool RedefinedSymbol(SyntaxNode node, SyntaxNode formula, RelationOperator op, ParseResult parsed, Cue cue) =>
        op.Kind == RelationKind.Equal && !op.Negated && node is Identifier id && _block is { Kind: not MathBlockKind.Inline }
        && cue.Kind is not (CueKind.Implication or CueKind.Solving)
        && _symbolDefinedIn.TryGetValue(MathBinder.SymbolName(id, parsed), out var at) && at.Section != _section && _level > 0 && _level <= at.Level
        && Disagrees(node, formula, parsed);

    /// <summary>
    /// The new formula is not shown to agree with the name's value. One that agrees restates it ("recall β = 1/(k_B T)",
    /// a claim that holds); a value that was a number is an example's, and a formula later is the general case the
    /// text may be solving for (an equation, not a new meaning).
    /// </summary>
    private bool Disagrees(SyntaxNode node, SyntaxNode formula, ParseResult parsed)
    {
        if (MathBinder.Bind(node, parsed, _scope).Value is not { } name || MathBinder.Bind(formula, parsed, _scope).Value is not { } value) return false;
        var old = _scope.SubstituteSymbols(name);
        if (old is Num || old.Equals(name)) return false;
        try
        {
            return StepChecker.Check(old, Symbolic.Relation.Equal, _scope.SubstituteSymbols(value), _scope.Assumptions, _scope.Context, options.Seed).Holds is false;
        }
        catch (Exception e) when (e is OperationCanceledException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
