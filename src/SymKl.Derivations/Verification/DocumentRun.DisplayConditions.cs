using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "− (a−1) − (b−1) &lt; 0, \quad \text{if} \quad a &gt; 1 \quad \text{and} \quad b &gt; 1", "t \sim t(n), \quad \text{if} \quad
/// c^T β = 0": a relation that words of condition (\text{if}, \text{for}, \text{when} …) set off after a formula in the same
/// row is the condition that formula is stated under, whatever its sides; never a claim of its own. A comparison is assumed
/// before the formula is checked; a condition introduced by "if", "when" or "provided" is a case, which holds for its row
/// only (the next row may state another case). An equation so introduced is stated, not used; and when a condition SymKl
/// cannot use, the formula it qualifies may hold under it, so a failure found without it refutes nothing.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The words of \text{…}, \mbox{…}, \textrm{…} in a stretch of LaTeX.</summary>
    private static readonly Regex TextWords = new(@"\\(?:text|mbox|textrm|textit|textnormal|mathrm)\s*\{(?<words>[^{}]*)\}", RegexOptions.CultureInvariant);

    /// <summary>Words that open a condition on what stands before them.</summary>
    private static readonly HashSet<string> ConditionOpeners = new(StringComparer.OrdinalIgnoreCase)
    {
        "if", "when", "whenever", "provided", "assuming", "given", "for", "where", "with", "unless",
    };

    /// <summary>Of those, the ones that state a case of the formula (its row only) rather than its domain.</summary>
    private static readonly HashSet<string> CaseOpeners = new(StringComparer.OrdinalIgnoreCase) { "if", "when", "whenever", "provided", "assuming", "given", "unless" };

    /// <summary>The words written between two items of a row (in \text{…} and the like), lower case, in order.</summary>
    private static List<string> GapWords(SyntaxNode before, SyntaxNode after, ParseResult parsed)
    {
        var words = new List<string>();
        if (after.Span.Start <= before.Span.End) return words;
        var gap = parsed.GetText(TextSpan.FromBounds(before.Span.End, after.Span.Start));
        if (gap.Contains("\\\\", StringComparison.Ordinal)) return words;
        foreach (Match m in TextWords.Matches(gap))
            words.AddRange(m.Groups["words"].Value.Split([' ', '\t', '\n', ',', '~'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()));
        return words;
    }

    /// <summary>
    /// The condition word (if, for, when …) that opens the words right before <paramref name="relation"/> in its row, when the
    /// relation is one a condition can be: comparisons, memberships, ≠, and, after a case word, equations. Null otherwise.
    /// "\text{for all}" and "\text{for at least one}" open conditions on indices, which read the same way.
    /// </summary>
    private static string? CuedCondition(LatexRelation relation, SyntaxNode before, ParseResult parsed)
    {
        if (relation.Operands[0] is Continuation) return null;
        var words = GapWords(before, relation, parsed);
        var opener = words.FirstOrDefault(ConditionOpeners.Contains);
        if (opener is null) return null;
        if (relation.Operators.All(o => IsCondition(o) || o.Kind == RelationKind.Approx) && relation.Operators.Any(IsCondition)) return opener;
        return CaseOpeners.Contains(opener) && relation.Operators.All(o => o.Kind == RelationKind.Equal && !o.Negated) ? opener : null;
    }

    /// <summary>Only "and", commas and spacing between two conditions: the second continues the first.</summary>
    private static bool JoinsConditions(LatexRelation first, LatexRelation second, ParseResult parsed)
    {
        if (second.Span.Start <= first.Span.End) return false;
        var gap = parsed.GetText(TextSpan.FromBounds(first.Span.End, second.Span.Start));
        if (gap.Contains("\\\\", StringComparison.Ordinal)) return false;
        var rest = TextWords.Replace(gap, m => m.Groups["words"].Value.Trim().ToLowerInvariant() is "and" or "" ? " " : "#");
        rest = Regex.Replace(rest, @"\\(?:quad|qquad|[,;:! ])", " ", RegexOptions.CultureInvariant);
        return rest.All(c => char.IsWhiteSpace(c) || c == ',');
    }

    /// <summary>A constant written as a formula: \frac{1}{2}, 2\pi, \frac{1}{2}\ln 2 (no letter but π and e).</summary>
    private static bool ConstantQuantity(SyntaxNode node, ParseResult parsed) =>
        node is not Continuation && MathBinder.Bind(node, parsed, new ScopeState()).Value is { } value && Traversal.FreeSymbols(value).Count == 0;

    /// <summary>A condition stated under a case word ("if a > 1 and b > 1": both are cases): it holds for its row only.</summary>
    private static bool IsCaseCondition(LatexRelation condition, IReadOnlyList<SyntaxNode> items, HashSet<LatexRelation> domains, ParseResult parsed)
    {
        var relations = items.OfType<LatexRelation>().ToList();
        for (var k = relations.FindIndex(r => ReferenceEquals(r, condition)); k > 0; k--)
        {
            if (GapWords(relations[k - 1], relations[k], parsed).FirstOrDefault(ConditionOpeners.Contains) is { } opener) return CaseOpeners.Contains(opener);
            if (!domains.Contains(relations[k - 1])) return false;
        }
        return false;
    }

    /// <summary>
    /// Assumes the conditions of a row (<see cref="DomainConditions"/>); an equation stated as a case is listed, not used.
    /// Returns what to undo after the row: the assumptions before it when a case was assumed, and whether a condition
    /// could not be used.
    /// </summary>
    private (Assumptions? Restore, int AssumedBefore, bool Unused) AssumeRowConditions(HashSet<LatexRelation> domains, IReadOnlyList<SyntaxNode> items, ParseResult parsed, Func<int, FilePosition> at)
    {
        var saved = _scope.Assumptions;
        var assumedBefore = _assumed.Count;
        var cases = false;
        var unused = false;
        foreach (var domain in domains)
        {
            var operands = domain.Operands.Select(o => new Operand(o, parsed, at)).ToList();
            if (!domain.Operators.All(o => IsCondition(o) || o.Kind == RelationKind.Approx))
            {
                // c^T β = 0 after "if": the case the formula is stated for; an equation between its symbols is not a rule to use.
                for (var i = 0; i < domain.Operators.Count; i++)
                    Unchecked(operands[i], domain.Operators[i], operands[i + 1], StatementRole.Hypothesis, DomainConditionCue.Text,
                        "hypothesis: the condition the formula before it in the row is stated under; not used");
                unused = true;
                continue;
            }
            var count = _assumed.Count;
            var listed = Steps.Count;
            // κ < \frac12 \ln 2 \approx 0.347: the approximate value is a remark; the comparison is the condition.
            var chain = domain.Operators.Any(o => o.Kind == RelationKind.Approx) ? WithoutApproximation(domain) : domain;
            Hypothesize(chain, [.. chain.Operands.Select(o => new Operand(o, parsed, at))], DomainConditionCue);
            if (_assumed.Count == count) unused = true;
            else if (IsCaseCondition(domain, items, domains, parsed))
            {
                cases = true;
                for (var i = listed; i < Steps.Count; i++)
                    if (Steps[i].Role == StatementRole.Hypothesis)
                        Steps[i] = Steps[i] with { Verdict = Steps[i].Verdict with { Reason = "hypothesis: a case the formula before it in the row is stated for ('if'); assumed for that row only" } };
            }
        }
        return (cases ? saved : null, assumedBefore, unused);
    }

    /// <summary>Undoes a row's case assumptions, and withdraws a refutation of the row's formula made without a condition it states.</summary>
    private void EndRowConditions((Assumptions? Restore, int AssumedBefore, bool Unused) row, int stepsBefore)
    {
        if (row.Restore is { } saved)
        {
            _scope.RestoreAssumptions(saved);
            if (_assumed.Count > row.AssumedBefore) _assumed.RemoveRange(row.AssumedBefore, _assumed.Count - row.AssumedBefore);
        }
        if (!row.Unused) return;
        for (var i = stepsBefore; i < Steps.Count; i++)
            if (Steps[i].Verdict is { Kind: VerdictKind.Refuted } v)
                Steps[i] = Steps[i] with { Verdict = new Verdict(VerdictKind.Unsupported, "the row states a condition it holds under, which SymKl could not use; not refuted (" + v.Reason + ")", v.Residue, null, v.PointsChecked) };
    }

    /// <summary>a &lt; b ≈ 0.3 without its approximate value: a &lt; b.</summary>
    private static LatexRelation WithoutApproximation(LatexRelation relation)
    {
        var operands = new List<SyntaxNode> { relation.Operands[0] };
        var operators = new List<RelationOperator>();
        for (var i = 0; i < relation.Operators.Count; i++)
        {
            if (relation.Operators[i].Kind == RelationKind.Approx) continue;
            operators.Add(relation.Operators[i]);
            operands.Add(relation.Operands[i + 1]);
        }
        return new LatexRelation(relation.Span, operands, operators);
    }
}
