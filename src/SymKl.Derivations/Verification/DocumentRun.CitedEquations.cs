using System.Text.RegularExpressions;
using SymKl.Derivations.Checking;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// a \overset{\eqref{h0}}{=} b, a \stackrel{(\ref{h0})}{=} b: a link whose sign carries a reference to a labelled display
/// of the same document says it holds by that display (a hypothesis such as σ₁² = σ₂², a value found earlier). When it
/// fails as an identity, it is checked again as a consequence of the equations of the cited display; if it follows from
/// them it is confirmed as such, and a failure there refutes nothing (the cited display may hold only in a case). So is a
/// link withheld after failing at a point (an equation in the text's unknowns): the display it cites may settle it. A link
/// that cites nothing, or cites a display SymKl cannot read, keeps its verdict.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex CitedLabel = new(@"\\(?:eq)?ref\s*\{([^{}]+)\}", RegexOptions.CultureInvariant);
    private const int MaxCitedEquations = 12;
    private static readonly TimeSpan CitedRecheckBudget = TimeSpan.FromSeconds(5);

    private Verdict? ByCitedDisplay(Operand left, RelationOperator op, Operand right, Symbolic.Relation relation, Verdict refuted)
    {
        // Refuted, or withheld after failing at a point (as an equation in unknowns, say): either way it failed as an identity.
        if (refuted.Kind != VerdictKind.Refuted && (refuted.Kind != VerdictKind.Unsupported || refuted.Counterexample is null) || relation != Symbolic.Relation.Equal) return null;
        var sign = op.Span.Start >= 0 && op.Span.End <= right.Parsed.Text.Length ? right.Parsed.GetText(op.Span) : string.Empty;
        if (!sign.Contains("\\overset", StringComparison.Ordinal) && !sign.Contains("\\stackrel", StringComparison.Ordinal)) return null;
        var labels = CitedLabel.Matches(sign).Cast<Match>().Select(m => m.Groups[1].Value.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (labels.Count == 0) return null;
        var premises = new List<(Expr Lhs, Expr Rhs)>();
        foreach (var label in labels)
        {
            var cited = document.Blocks.FirstOrDefault(b => b != _block && b.Text.Contains("\\label{" + label + "}", StringComparison.Ordinal));
            if (cited is null) return null;
            premises.AddRange(CitedEquations(cited));
        }
        if (premises.Count == 0) return null;
        var l = MathBinder.Bind(left.Node, left.Parsed, _scope).Value;
        var r = MathBinder.Bind(right.Node, right.Parsed, _scope).Value;
        if (l is null || r is null) return null;
        using var budget = new WorkBudget("the re-check by the cited display", WorkBudget.Seconds(CitedRecheckBudget.TotalSeconds), StepBudget.Guard(CitedRecheckBudget));
        try
        {
            var (lhs, rhs) = (ResolveExpectations(_scope.SubstituteSymbols(l)), ResolveExpectations(_scope.SubstituteSymbols(r)));
            var follows = ImplicationChecker.Check(premises, lhs, rhs, _scope.Assumptions, mayRefute: false, "the display it cites", options.Seed, _scope.Context.IsKnownFunction);
            if (follows.Kind != VerdictKind.Confirmed) return null;
            return follows with { Reason = "by the display it cites (" + string.Join(", ", labels) + "): " + follows.Reason + "; as an identity it fails (" + refuted.Reason + ")" };
        }
        catch (Exception e) when (e is OperationCanceledException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException or InsufficientExecutionStackException)
        {
            return null;
        }
    }

    /// <summary>
    /// The equations of a display, each link as one (σ₁² = σ₂²; f = g = h gives f = g and g = h), those SymKl can read;
    /// an operand it cannot read is stepped over (f = g(m) = h gives f = h when g(m) is unreadable: equal to both).
    /// </summary>
    private List<(Expr Lhs, Expr Rhs)> CitedEquations(Markdown.MathBlock block)
    {
        var found = new List<(Expr, Expr)>();
        var parsed = LatexParser.ParseMath(block.Text);
        foreach (var row in parsed.Root?.Rows ?? [])
            foreach (var chain in row.Items.OfType<LatexRelation>())
            {
                Expr? last = null;
                for (var i = 0; i < chain.Operands.Count && found.Count < MaxCitedEquations; i++)
                {
                    // Only a run of equalities ties its operands together.
                    if (i > 0 && chain.Operators[i - 1] is not { Kind: RelationKind.Equal or RelationKind.Define, Negated: false }) last = null;
                    if (chain.Operands[i] is Continuation) { last = null; continue; }
                    var value = MathBinder.Bind(chain.Operands[i], parsed, _scope).Value;
                    if (value is null) continue;
                    var resolved = ResolveExpectations(_scope.SubstituteSymbols(value));
                    if (last is not null) found.Add((last, resolved));
                    last = resolved;
                }
            }
        return found;
    }
}
