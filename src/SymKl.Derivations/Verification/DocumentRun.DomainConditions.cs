using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// f(y) = \frac{1}{y} e^{-y}, \quad y > 0: a comparison after a formula in the same row, set off by a comma, \quad or
/// words (\text{for}), between plain quantities of which one is a letter the formula uses. It is the domain the formula is
/// stated on, never a claim of its own (read as one, "y > 0" fails at y = −1). It is assumed before the formula is checked,
/// and to the end of the section, as a condition the prose states would be.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Cue DomainConditionCue = new(CueKind.Hypothesis, "a condition after the formula it is stated for", false);

    /// <summary>The relations of a row that are domain conditions of a formula before them.</summary>
    private static HashSet<LatexRelation> DomainConditions(IReadOnlyList<SyntaxNode> items, ParseResult parsed)
    {
        var found = new HashSet<LatexRelation>();
        LatexRelation? formula = null;
        LatexRelation? previous = null;
        var cued = false;
        foreach (var item in items)
        {
            if (item is not LatexRelation relation) continue;
            // "…, \quad x > 0, y > 0" and 0 < a, b < 1 read name by name: a condition right after a condition is one too;
            // after a condition set off by words ("\text{if} \; a < 1 \; \text{and} \; b > 2 - a") whatever its sides.
            var afterCondition = previous is not null && found.Contains(previous) && relation.Operands[0] is not Continuation && relation.Operators.All(IsCondition)
                && (relation.Operands.All(o => PlainQuantity(o) || ConstantQuantity(o, parsed)) || cued && JoinsConditions(previous, relation, parsed));
            if (formula is not null && !IndexCondition(relation, formula, parsed) && (afterCondition || IsDomainCondition(relation, formula, parsed) || CuedCondition(relation, previous ?? formula, parsed) is not null))
            {
                cued = afterCondition ? cued : CuedCondition(relation, previous ?? formula, parsed) is not null;
                found.Add(relation);
            }
            else formula = relation;
            previous = relation;
        }
        return found;
    }

    private static bool IsDomainCondition(LatexRelation relation, LatexRelation formula, ParseResult parsed)
    {
        if (relation.Operands[0] is Continuation || !relation.Operators.All(o => IsCondition(o) && o.Kind != RelationKind.Subset && o.Kind != RelationKind.SubsetEqual)) return false;
        if (relation.Span.Start <= formula.Span.End) return false;
        var gap = parsed.GetText(TextSpan.FromBounds(formula.Span.End, relation.Span.Start));
        if (gap.Contains("\\\\", StringComparison.Ordinal)) return false;
        if (!gap.Contains(',') && !gap.Contains("quad", StringComparison.Ordinal) && !gap.Contains("\\text", StringComparison.Ordinal) && !gap.Contains("\\mbox", StringComparison.Ordinal)) return false;
        // x ∈ ℝ, 0 < a < 1, |r| < 1, t ≥ 1: letters, numbers, ±∞, absolute values and sets; no formula of its own.
        for (var i = 0; i < relation.Operands.Count; i++)
        {
            var setSide = i > 0 && relation.Operators[i - 1].Kind == RelationKind.In;
            // t < \frac{1}{2}, 0 \le x < 2\pi: a bound may be a constant written as a formula.
            if (!setSide && !PlainQuantity(relation.Operands[i]) && !ConstantQuantity(relation.Operands[i], parsed)) return false;
        }
        var used = new HashSet<string>(formula.Operands.SelectMany(o => o.DescendantsAndSelf()).OfType<Identifier>().Select(id => MathBinder.SymbolName(id, parsed)), StringComparer.Ordinal);
        return relation.Operands.Where((_, i) => i == 0 || relation.Operators[i - 1].Kind != RelationKind.In)
            .SelectMany(o => o.DescendantsAndSelf()).OfType<Identifier>().Any(id => used.Contains(MathBinder.SymbolName(id, parsed)));
    }

    private static bool PlainQuantity(SyntaxNode node) => node switch
    {
        Number or Infinity => true,
        Identifier { Primes: 0 } => true,
        Unary { Operand: var o } => PlainQuantity(o),
        Abs { Body: var b } => PlainQuantity(b),
        Sequence { Items: var items } => items.All(i => PlainQuantity(i) || i is Ellipsis),
        _ => false,
    };
}
