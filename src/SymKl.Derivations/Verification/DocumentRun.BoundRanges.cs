using System.Text.RegularExpressions;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Math that gives the range of a bound variable, not a claim about it. "for every $i = 1, …, k-1$ we have …": the values
/// the quantifier runs over (an equation naming a plain index), never a claim and never a value for the rest of the text.
/// "there exists a small step $\alpha > 0$ such that …", "there exists $t \in (0,1)$ such that": the range of the variable
/// whose existence is claimed; the variable so chosen keeps it for what follows (a hypothesis, as after "let").
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>"for every", "for each", "for all", "for any" right before the math.</summary>
    private static readonly Regex QuantifierBefore = new(@"\bfor\s+(?:every|each|all|any)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>"there exists", "there always exists a sufficiently small step", "there is some": an existential clause reaching the math.</summary>
    private static readonly Regex ExistentialBefore = new(@"\bthere\s+(?:\w+\s+)?(?:exists?|is|are)\b(?<between>[^,;:.!?()]*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Cue ExistentialCue = new(CueKind.Hypothesis, "there exists", false);

    /// <summary>
    /// "for every $i = 1, …, k-1$": inline math right after a quantifier phrase that sets a plain name equal to something
    /// (the first value of its range, or a list) bounds the name; it is not claimed.
    /// </summary>
    private static bool RangeOfBoundVariable(LatexRelation chain, MathBlock block) =>
        block.Kind == MathBlockKind.Inline && QuantifierBefore.IsMatch(block.ProseBefore.TrimEnd())
        && chain.Operators[0] is { Kind: RelationKind.Equal, Negated: false } && chain.Operators.All(o => IsCondition(o) || o.Kind == RelationKind.Equal && !o.Negated)
        && PlainName(chain.Operands[0]);

    /// <summary>(0, 1), [a, b), ]0, 1[: an interval written with its two ends.</summary>
    private static bool IntervalText(string text)
    {
        var t = text.Replace("\\left", "").Replace("\\right", "").Trim();
        return t.Length > 2 && t[0] is '(' or '[' or ']' && t[t.Length - 1] is ')' or ']' or '[' && t.IndexOf(',') > 0;
    }

    private static bool PlainName(SyntaxNode node) => node is Identifier or Subscript { Base: Identifier };

    /// <summary>
    /// The cue of inline conditions after "there exists … ": the range of the variable whose existence the sentence claims.
    /// Only where no other cue stands nearer the math (the words between hold none) and the math is a comparison or membership.
    /// </summary>
    private static Cue ExistentialRange(Cue cue, LatexRelation chain, ParseResult parsed, MathBlock block)
    {
        if (cue.Kind != CueKind.None || block.Kind != MathBlockKind.Inline || !chain.Operators.All(IsCondition)) return cue;
        // "there is a unique matrix $X^+ \in \mathbb{R}^{d \times n}$": a membership in a space declares the object; only an interval is a range.
        for (var i = 0; i < chain.Operators.Count; i++)
            if (chain.Operators[i].Kind is RelationKind.In && !IntervalText(parsed.GetText(chain.Operands[i + 1].Span))) return cue;
        if (ExistentialBefore.Match(block.ProseBefore.TrimEnd()) is not { Success: true } m) return cue;
        return RoleCues.Find(m.Groups["between"].Value).Kind == CueKind.None ? ExistentialCue : cue;
    }
}
