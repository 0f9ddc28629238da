using System.Text.RegularExpressions;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "If two orthogonal vectors x and y additionally have unit length (i.e. $\|x\| = \|y\| = 1$), then …": a restatement in
/// math of a condition still open in its sentence (an "if", "when", "suppose" … clause with no "then" yet) is that
/// condition, not a consequence drawn in the prose. A comparison is read as after "if"; an equation is that sentence's
/// condition only: not claimed, not a premise, and a name it sets (x = t y) is no free value of later statements.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex OpenConditionBefore = new(
        @"\b(?<cue>if|when|whenever|suppose|supposing|assume|assuming|provided)\b(?:(?!\bthen\b)[^!?;])*\(\s*i\.e\.?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// An equation restated inside an open condition ("parallel (i.e. $x = t y$ for some t)", "(i.e. $\|x\| = \|y\| = 1$)"):
    /// the condition of that sentence only, neither claimed nor carried to the statements after it as an equation.
    /// </summary>
    private static readonly Cue RestatedEquationCue = new(CueKind.Hypothesis, "a condition restated inside an open 'if' clause", false);

    private static Cue RestatedInCondition(Cue cue, LatexRelation chain, MathBlock block, bool continued)
    {
        if (continued || block.Kind != MathBlockKind.Inline || cue is not { Kind: CueKind.Implication, Text: "i.e." }) return cue;
        if (OpenConditionBefore.Match(block.SentenceBefore.TrimEnd()) is not { Success: true } m) return cue;
        if (!chain.Operators.All(IsCondition)) return chain.Operators.All(o => o.Kind == RelationKind.Equal && !o.Negated) ? RestatedEquationCue : cue;
        var word = m.Groups["cue"].Value.ToLowerInvariant();
        return new Cue(CueKind.Hypothesis, word is "supposing" ? "suppose" : word is "assuming" ? "assume" : word, false, cue.WordsAfter);
    }
    /// <summary>
    /// A name an equation of an open condition sets (x in "x = t y"): no longer a free value of later statements, which may
    /// be made under that condition; an expression in undefined names set to a constant (‖y‖ = 1) is a property stated of them.
    /// </summary>
    private void RestatedEquationNames(LatexRelation chain, List<Operand> operands, ParseResult parsed)
    {
        for (var i = 0; i < chain.Operators.Count; i++)
        {
            foreach (var side in new[] { operands[i], operands[i + 1] })
                if (side.Node is Identifier { Subscript: null } name) UnreadableValue(MathBinder.SymbolName(name, parsed), side.At(side.Node.Span.Start).Line);
            if (ConditionOnNamedObjects(operands[i + 1], operands[i]) is not null) StatedProperty(operands[i], operands[i + 1]);
        }
    }
}
