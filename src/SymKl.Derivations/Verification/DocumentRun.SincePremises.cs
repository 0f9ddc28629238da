using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Since $f(x) \leq b$ and $f(x') \leq b$, … we have": a comparison after "since" or "because" is a fact the sentence
/// builds on. It is both checked and assumed. Checked like any claim: one about what the document defines, or about
/// numbers ("since $\log 1 = 1$"), stands or falls on its own. But when it fails only at values of names the document
/// leaves open, and holds at others, it is a premise about those names (which b, which x), not a mistake: it becomes a
/// hypothesis, never refuted. Either way it is assumed for the rest of its section: as a domain when SymKl can read it
/// so (k &gt; 2), otherwise as a premise no counterexample may break (a point where f(x) &gt; b refutes nothing the text
/// says under f(x) ≤ b).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>A stated premise SymKl could not assume: its sides (definitions put in), its line and its section level.</summary>
    private sealed record StatedPremise(Expr Lhs, Symbolic.Relation Relation, Expr Rhs, string Text, int Line, int Level);

    private readonly List<StatedPremise> _statedPremises = [];

    /// <summary>The last inline math read as a premise after "since": "and $…$" right after it is one too.</summary>
    private MathBlock? _premiseBlock;

    /// <summary>The math states a premise: "since" or "because" right before it, or joined by "and" to the math that does.</summary>
    private bool StatesPremise(MathBlock block)
    {
        if (block.Kind != MathBlockKind.Inline) return false;
        if (ReferenceEquals(_premiseBlock, block)) return true;
        var index = BlockIndex(block);
        var joined = block.ContinuesSentence && RoleCues.IsJoin(block.ProseBefore) && index > 0 && ReferenceEquals(document.Blocks[index - 1], _premiseBlock);
        if (!joined && !RoleCues.StatesPremise(block.ProseBefore)) return false;
        _premiseBlock = block;
        return true;
    }

    /// <summary>
    /// After an inline comparison was checked as a claim (at <paramref name="recorded"/>): when it is a premise after "since",
    /// a failure at values of open names only becomes a hypothesis, and the premise is assumed for what follows.
    /// </summary>
    private void ReviewPremise(int recorded, Operand left, RelationOperator op, Operand right)
    {
        if (recorded >= Steps.Count || Steps[recorded].Role != StatementRole.Claim || _block is not { } block) return;
        if (op.Negated || op.Kind is not (RelationKind.Less or RelationKind.LessEqual or RelationKind.Greater or RelationKind.GreaterEqual)) return;
        if (!StatesPremise(block)) return;
        var step = Steps[recorded];
        var relation = MapRelation(op)!.Value;
        var l = MathBinder.Bind(left.Node, left.Parsed, _scope).Value;
        var r = MathBinder.Bind(right.Node, right.Parsed, _scope).Value;
        if (l is null || r is null) return;
        var (lhs, rhs) = (_scope.SubstituteSymbols(l), _scope.SubstituteSymbols(r));
        var verdict = step.Verdict;
        if (verdict.Kind == VerdictKind.Refuted)
        {
            // A failure with no values (numbers only) or one no value avoids is the text's mistake.
            if (verdict.Counterexample is not { Values.Count: > 0 } point || !HoldsSomewhere(lhs, relation, rhs)) return;
            var open = string.Join(", ", point.Values.Select(v => v.Key));
            Steps[recorded] = step with
            {
                Role = StatementRole.Hypothesis,
                RoleCue = "a premise after 'since'",
                Verdict = new Verdict(VerdictKind.Skipped, "hypothesis: a premise after 'since' about " + open + ", which the document leaves open; it holds for some of their values, and the text builds on it as given (assumed, not refuted: " + verdict.Reason + ")", null, null, verdict.PointsChecked),
            };
        }
        // Assumed for the rest of the section: as a domain when it reads as one, else as a premise counterexamples must keep.
        var link = new LatexRelation(TextSpan.FromBounds(left.Node.Span.Start, right.Node.Span.End), [left.Node, right.Node], [op]);
        if (ReferenceEquals(left.Parsed, right.Parsed) && _scope.Assume(link, left.Parsed, out _))
        {
            _assumed.Add(new AssumedCondition(link, left.Parsed, _level));
            return;
        }
        if (!verdict.Holds) _statedPremises.Add(new StatedPremise(lhs, relation, rhs, left.Text + " " + op.Symbol + " " + right.Text, step.Start.Line, _level));
    }

    /// <summary>Some values of its names satisfy the comparison: its opposite fails at a sample point.</summary>
    private bool HoldsSomewhere(Expr lhs, Symbolic.Relation relation, Expr rhs)
    {
        var opposite = relation switch
        {
            Symbolic.Relation.Less => Symbolic.Relation.GreaterOrEqual,
            Symbolic.Relation.LessOrEqual => Symbolic.Relation.Greater,
            Symbolic.Relation.Greater => Symbolic.Relation.LessOrEqual,
            _ => Symbolic.Relation.Less,
        };
        // A check of its own, so with a budget of its own: a premise must not hang the run.
        using var budget = StepBudget.Open(options);
        try
        {
            return StepChecker.Check(lhs, opposite, rhs, _scope.Assumptions, _scope.Context, options.Seed, budget?.Token ?? default) is { Kind: VerdictKind.Refuted, Counterexample: not null };
        }
        catch (Exception ex) when (ex is BudgetExceededException or OperationCanceledException or ArithmeticException or NotEvaluableException)
        {
            return false;
        }
    }

    /// <summary>The premises stated in this section or an enclosing one (a heading of their level or higher ends them).</summary>
    private void ForgetStatedPremises(int level) => _statedPremises.RemoveAll(p => p.Level > 0 && p.Level >= level);

    /// <summary>
    /// A counterexample must keep the premises the text stated before the statement: at a point where one fails (or where
    /// SymKl cannot tell, because the premise names what the point does not give) the statement is not shown wrong.
    /// </summary>
    private Verdict UnderStatedPremise(Verdict v)
    {
        if (v.Kind != VerdictKind.Refuted || v.Counterexample is not { Values.Count: > 0 } point || _statedPremises.Count == 0) return v;
        // Another premise of the same sentence is reviewed as a premise itself (ReviewPremise), not against this one.
        if (_block is { Kind: MathBlockKind.Inline } here && StatesPremise(here)) return v;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var kv in point.Values) values[kv.Key] = kv.Value;
        foreach (var premise in _statedPremises)
        {
            var names = Traversal.FreeSymbols(premise.Lhs).Concat(Traversal.FreeSymbols(premise.Rhs)).Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList();
            if (!names.Any(values.ContainsKey)) continue;
            if (names.All(values.ContainsKey) && KeptAt(premise, values)) continue;
            var line = premise.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new Verdict(VerdictKind.Unsupported, "the point where it fails need not keep the premise " + premise.Text + " stated on line " + line + ", which SymKl cannot assume; not refuted (" + v.Reason + ")", v.Residue, null, v.PointsChecked);
        }
        return v;
    }

    /// <summary>The premise holds at the point: its sides at the point's values (the document's functions put in) decide it.</summary>
    private bool KeptAt(StatedPremise premise, Dictionary<string, double> values)
    {
        var map = new Dictionary<Sym, Expr>();
        foreach (var s in Traversal.FreeSymbols(premise.Lhs).Concat(Traversal.FreeSymbols(premise.Rhs)))
        {
            var text = values[s.Name].ToString("0.##################", System.Globalization.CultureInfo.InvariantCulture);
            if (!Rational.TryParseDecimal(text, out var value)) return false;
            map[s] = Ex.Num(value);
        }
        using var budget = StepBudget.Open(options);
        try
        {
            return StepChecker.Check(Traversal.Substitute(premise.Lhs, map), premise.Relation, Traversal.Substitute(premise.Rhs, map), _scope.Assumptions, _scope.Context, options.Seed, budget?.Token ?? default).Holds;
        }
        catch (Exception ex) when (ex is BudgetExceededException or OperationCanceledException or ArithmeticException or NotEvaluableException)
        {
            return false;
        }
    }
}
