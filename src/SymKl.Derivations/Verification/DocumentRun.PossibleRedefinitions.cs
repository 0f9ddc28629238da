using System.Globalization;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Try out the method for $f(x) = 0.1x_1^2 + 2x_2^2$ and for the objective rotated by 45 degrees, i.e., $f(x) = …$",
/// "we distort this function further via $$f(x) = …$$": a name the document already gave a formula, given another formula
/// with no word that draws it as a result. Texts reuse a name for a new object (a second objective, a more general model's
/// kernel) as often as they restate a value; with nothing in the words to tell which, a failure against the earlier
/// formula shows no mistake. The statement is withheld (unsupported, saying it may be a redefinition), never turned into a
/// definition (which would hide a wrong restatement). A result cue ("so", "which gives", "hence", "we have", "is") keeps it
/// a claim, refuted as before.
/// </summary>
internal sealed partial class DocumentRun
{
    private void PossibleRedefinition(Operand left, RelationOperator op, Operand right, int recorded, Cue cue)
    {
        if (Steps.Count != recorded + 1 || Steps[recorded].Verdict is not { Kind: VerdictKind.Refuted } refuted) return;
        if (op.Kind != RelationKind.Equal || op.Negated || _chainContinued) return;
        if (RedefinedName(left.Node, left.Parsed) is not { } name || Mentions(right.Node, left.Node, left.Parsed)) return;
        // Words that name the new object must be there ("the objective rotated by 45 degrees, i.e.", "functions looking like"):
        // a formula written with no words before it, or after a condition ("for all x"), is a claim as it always was.
        var prose = _block?.ProseBefore ?? "";
        if (cue.Kind is CueKind.Hypothesis or CueKind.Definition || ResultCue(cue, prose)) return;
        if (prose.Split([' ', '\t', '\n', ',', ';', ':', '(', ')', '.'], StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter)) < 2) return;
        var at = Steps[recorded].Start;
        var line = Definitions.LastOrDefault(d => d.Name == name && (d.Position.Line < at.Line || d.Position.Line == at.Line && d.Position.Column < at.Column))?.Position.Line;
        if (line is null) return;
        // Two rows of one display that give the name two formulas (F = … \\ F = …) are a chain of claims, not a new object.
        if (_block is { } block && ToFile(block.GetPosition(0)) is var opened
            && (line.Value > opened.Line || Definitions.Any(d => d.Name == name && d.Position.Line == opened.Line && d.Position.Column >= opened.Column))) return;
        Steps[recorded] = Steps[recorded] with
        {
            Verdict = new Verdict(VerdictKind.Unsupported, name + " was given another formula on line " + line.Value.ToString(CultureInfo.InvariantCulture)
                + ", and no word here draws this one as a result: it may be a redefinition (a new object under the same name), so it is not refuted ("
                + refuted.Reason + ")", refuted.Residue, null, refuted.PointsChecked),
        };
    }

    /// <summary>
    /// The name a side gives a formula when the document defined it before: a defined function applied to plain names (its
    /// formula, not a value at a point) or a defined symbol. Null otherwise.
    /// </summary>
    private string? RedefinedName(SyntaxNode node, Latex.ParseResult parsed)
    {
        if (node is Call { Callee: Identifier f } call && call.Arguments.Count > 0 && call.Arguments.All(a => a is Identifier)
            && MathBinder.FunctionName(f, parsed) is var function && _definedInSection.ContainsKey(function))
            return function;
        if (node is Identifier id && MathBinder.SymbolName(id, parsed) is var symbol && _scope.DefinesSymbol(symbol)) return symbol;
        return null;
    }

    /// <summary>
    /// Words that draw the math as a result or state it: an implication or solving cue ("so", "which gives", "setting"), or
    /// a plain statement ("we have", "is", "becomes") nearest the math. "i.e." after words that name an object ("the
    /// objective rotated by 45 degrees, i.e.") describes that object and draws nothing.
    /// </summary>
    private static bool ResultCue(Cue cue, string prose) =>
        cue.Kind == CueKind.Solving
        || cue.Kind == CueKind.Implication && !(cue.Text == "i.e." && !cue.OnlyConnectives)
        || RoleCues.States(prose)
        || prose.Split([' ', '\t', '\n', ',', ';', ':', '(', ')', '.'], StringSplitOptions.RemoveEmptyEntries).Any(DerivationWords.Contains);

    /// <summary>Words that say the math is worked out from what came before ("we plug back into the first equation", "substituting").</summary>
    private static readonly HashSet<string> DerivationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "plug", "plugging", "plugged", "substitute", "substituting", "substituted", "substitution", "insert", "inserting", "inserted",
        "rewrite", "rewriting", "rewritten", "simplify", "simplifying", "simplified", "expand", "expanding", "expanded", "so", "hence",
        "thus", "therefore", "gives", "giving", "yields", "get", "obtain", "find", "follows", "solving", "solve", "solved", "factoring", "factorising", "factorizing",
    };
}
