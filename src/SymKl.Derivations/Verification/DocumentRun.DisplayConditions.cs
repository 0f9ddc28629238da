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
        // "\text{with} \; a = b = 1": names set to the values the formula is stated at (DocumentRun.RowValues.cs).
        if (ValueOpeners.Contains(opener) && SetsNamesToValue(relation, parsed)) return opener;
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
    private (Assumptions? Restore, int AssumedBefore, List<LatexRelation> Unused) AssumeRowConditions(HashSet<LatexRelation> domains, IReadOnlyList<SyntaxNode> items, ParseResult parsed, Func<int, FilePosition> at)
    {
        var saved = _scope.Assumptions;
        var assumedBefore = _assumed.Count;
        var cases = false;
        var unused = new List<LatexRelation>();
        foreach (var domain in domains)
        {
            var operands = domain.Operands.Select(o => new Operand(o, parsed, at)).ToList();
            if (!domain.Operators.All(o => IsCondition(o) || o.Kind == RelationKind.Approx))
            {
                // c^T β = 0 after "if": the case the formula is stated for; an equation between its symbols is not a rule to use.
                for (var i = 0; i < domain.Operators.Count; i++)
                    Unchecked(operands[i], domain.Operators[i], operands[i + 1], StatementRole.Hypothesis, DomainConditionCue.Text,
                        "hypothesis: the condition the formula before it in the row is stated under; not used");
                unused.Add(domain);
                continue;
            }
            var count = _assumed.Count;
            var listed = Steps.Count;
            // κ < \frac12 \ln 2 \approx 0.347: the approximate value is a remark; the comparison is the condition.
            var chain = domain.Operators.Any(o => o.Kind == RelationKind.Approx) ? WithoutApproximation(domain) : domain;
            Hypothesize(chain, [.. chain.Operands.Select(o => new Operand(o, parsed, at))], DomainConditionCue);
            if (_assumed.Count == count) unused.Add(chain);
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

    /// <summary>
    /// Undoes a row's case assumptions, and withdraws a refutation of the row's formula made without a condition it states,
    /// unless the counterexample satisfies that condition (then the formula fails where the text claims it).
    /// </summary>
    private void EndRowConditions((Assumptions? Restore, int AssumedBefore, List<LatexRelation> Unused) row, int stepsBefore, ParseResult parsed)
    {
        if (row.Restore is { } saved)
        {
            _scope.RestoreAssumptions(saved);
            if (_assumed.Count > row.AssumedBefore) _assumed.RemoveRange(row.AssumedBefore, _assumed.Count - row.AssumedBefore);
        }
        if (row.Unused.Count == 0) return;
        for (var i = stepsBefore; i < Steps.Count; i++)
            if (Steps[i].Verdict is { Kind: VerdictKind.Refuted } refuted && !row.Unused.All(c => SatisfiedAt(c, parsed, refuted.Counterexample) == true) && AtRowValues(Steps[i], row.Unused, parsed) is { } atValues)
                Steps[i] = Steps[i] with { Verdict = atValues };
            else if (Steps[i].Verdict is { Kind: VerdictKind.Refuted } v && !row.Unused.All(c => SatisfiedAt(c, parsed, v.Counterexample) == true))
                Steps[i] = Steps[i] with { Verdict = new Verdict(VerdictKind.Unsupported, "the row states a condition it holds under, which SymKl could not use, and the point found may not satisfy it; not refuted (" + v.Reason + ")", v.Residue, null, v.PointsChecked) };
    }

    /// <summary>Whether a condition holds at a counterexample's values: null when a side cannot be evaluated there.</summary>
    private bool? SatisfiedAt(LatexRelation condition, ParseResult parsed, Counterexample? point)
    {
        if (point is null) return null;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var kv in point.Values) values[kv.Key] = kv.Value;
        var sides = new List<double>();
        foreach (var operand in condition.Operands)
        {
            if (MathBinder.Bind(operand, parsed, _scope).Value is not { } bound) return null;
            var e = _scope.SubstituteSymbols(bound);
            var free = Traversal.FreeSymbols(e).ToList();
            // P ≠ Q between laws the check chose itself (distinct tables): the point gives none of the condition's names a
            // value, so the condition does not bear on the failure as found.
            if (free.Count > 0 && free.All(f => !values.ContainsKey(f.Name)) && condition.Operands.Count == 2) return operand == condition.Operands[0] ? NotChosen(condition, parsed, values) : null;
            if (free.Any(f => !values.ContainsKey(f.Name))) return null;
            try
            {
                var value = ExprCompiler.Compile(e, free)([.. free.Select(f => values[f.Name])]);
                if (double.IsNaN(value)) return null;
                sides.Add(value);
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
            {
                return null;
            }
        }
        for (var k = 0; k < condition.Operators.Count; k++)
        {
            var (a, b) = (sides[k], sides[k + 1]);
            var margin = 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
            var op = condition.Operators[k];
            var holds = (op.Kind, op.Negated) switch
            {
                (RelationKind.Less, false) => a < b - margin,
                (RelationKind.LessEqual, false) => a <= b + margin,
                (RelationKind.Greater, false) => a > b + margin,
                (RelationKind.GreaterEqual, false) => a >= b - margin,
                (RelationKind.Equal, false) => Math.Abs(a - b) <= margin,
                (RelationKind.Equal, true) => Math.Abs(a - b) > margin,
                _ => (bool?)null,
            };
            if (holds != true) return holds;
        }
        return true;
    }

    /// <summary>True when no name of the condition is given a value by the point (see <see cref="SatisfiedAt"/>).</summary>
    private bool? NotChosen(LatexRelation condition, ParseResult parsed, Dictionary<string, double> values)
    {
        foreach (var operand in condition.Operands)
        {
            if (MathBinder.Bind(operand, parsed, _scope).Value is not { } bound) return null;
            if (Traversal.FreeSymbols(_scope.SubstituteSymbols(bound)).Any(f => values.ContainsKey(f.Name))) return null;
        }
        return true;
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
