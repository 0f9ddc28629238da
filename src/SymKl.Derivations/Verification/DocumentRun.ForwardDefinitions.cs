using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "log p(D) = ELBO(q) + KL(q ‖ p(θ | D))" on line 54, "ELBO(q) = E_q[log p(D, θ)/q(θ)]" on line 96: a function used
/// before the document defines it (or in a section its definition does not reach). A reader takes the definition given
/// later; so does SymKl, but only to confirm: a step that holds with that definition is confirmed, saying so, and one that
/// fails with it stays unsupported, since the definition is not in force where the step stands.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The definition as written, for the abstract-model checks, which write definitions out in the formula's own notation.</summary>
    public sealed record DefinitionSyntax(SyntaxNode Target, SyntaxNode Formula, Latex.ParseResult Parsed);

    /// <summary>Every function the walk defined, with the line of its definition (read by the second walk).</summary>
    public readonly List<(int Line, FunctionDefinition Definition, DefinitionSyntax? Syntax)> FunctionsDefined = [];

    /// <summary>The functions the document defines, for a second walk that uses them where they are not yet in force.</summary>
    public IReadOnlyList<(int Line, FunctionDefinition Definition, DefinitionSyntax? Syntax)> ForwardDefinitions { get; init; } = [];

    /// <summary>The definitions a second walk needs: those of functions a step was left undecided for, which the document defines.</summary>
    public IReadOnlyList<(int Line, FunctionDefinition Definition, DefinitionSyntax? Syntax)> ForwardDefinitionsNeeded()
    {
        var names = new HashSet<string>(FunctionsDefined.Select(d => d.Definition.Name), StringComparer.Ordinal);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in Steps)
        {
            if (step.Verdict.Kind != VerdictKind.Unsupported) continue;
            foreach (var name in names)
                if (step.Verdict.Reason.Contains("the undefined function " + name + ",", StringComparison.Ordinal)
                    || step.Verdict.Reason.Contains("depends on " + name + " (a name SymKl does not know)", StringComparison.Ordinal))
                    needed.Add(name);
        }
        return FunctionsDefined.Where(d => needed.Contains(d.Definition.Name)).ToList();
    }

    /// <summary>A link of a chain: checked as before, or — when it applies a function defined elsewhere in the document and not in force here — with that definition, confirm-only.</summary>
    private void Step(Operand left, RelationOperator op, Operand right, StatementRole role, string why, bool refutable, string cueText)
    {
        // p(y | β) beside the law of p(β): another density, whose law the text does not give (DocumentRun.GenericDensities.cs).
        if (op.Kind != RelationKind.Approx && DensityOfAnotherShape(left, right) is { } other)
        {
            // A rule that holds for every density (Bayes' theorem, the law of total probability) needs no law: proved by the rule.
            if (op is { Kind: RelationKind.Equal, Negated: false }
                && ProbabilityRules.Prove(left.Node, right.Node, left.Parsed, right.Parsed, name => _scope.IsDefinedFunction(name) && !GenericDensity(name) || _scope.ExpectationCalls && name == "E") is { } rule)
            {
                Snapshot(right.At(right.Node.Span.Start));
                _ = Bound(left, right);
                Steps.Add(new StepResult(left.At(left.Node.Span.Start), right.At(right.Node.Span.Start), right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text,
                    Symbolic.Relation.Equal, new Verdict(VerdictKind.Proved, rule, null, null, 0), role, why));
                return;
            }
            // Otherwise checked with the letter's laws set aside: what holds for arbitrary densities holds for the text's;
            // a failure there shows nothing about the text's densities.
            var laws = _scope.Context;
            var before = Steps.Count;
            foreach (var name in _boundShapes.Keys.Where(GenericDensity).ToList()) _scope.Context = _scope.Context.Without(name);
            try { StepCore(left, op, right, role, why, refutable, cueText); }
            finally { _scope.Context = laws; }
            if (Steps.Count > before && Steps[^1].Verdict is { Kind: VerdictKind.Refuted or VerdictKind.Unsupported } open)
                Steps[^1] = Steps[^1] with { Verdict = new Verdict(VerdictKind.Unsupported, other + "; with its laws set aside it is not shown to hold (" + open.Reason + "); not decided", open.Residue, null, open.PointsChecked) };
            return;
        }
        var line = right.At(right.Node.Span.Start).Line;
        var forward = ForwardDefinitions.Count == 0 ? null : ForwardFor(left, right, line);
        if (forward is null)
        {
            StepCore(left, op, right, role, why, refutable, cueText);
            return;
        }
        var saved = _scope.Context;
        var count = Steps.Count;
        _scope.Context = _scope.Context.WithDefinition(forward.Value.Definition);
        // ELBO(q) = E_q[log p(x, z)/q(z)] over abstract densities: the model checks write it out too.
        var restore = forward.Value.Syntax is { } syntax ? _modelDefinitions.Temporarily(syntax.Target, syntax.Formula, syntax.Parsed, _scope.IsDefinedFunction) : null;
        try { StepCore(left, op, right, role, why, refutable, cueText); }
        finally
        {
            _scope.Context = saved;
            restore?.Invoke();
        }
        if (Steps.Count <= count) return;
        var step = Steps[^1];
        var where = "the definition of " + forward.Value.Definition.Name + " the document gives " + (forward.Value.Line > line ? "later" : "elsewhere") + ", on line "
            + forward.Value.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var v = step.Verdict;
        Steps[^1] = step with
        {
            Verdict = v.Holds
                ? v with { Kind = VerdictKind.Confirmed, Reason = "with " + where + ": " + v.Reason }
                : new Verdict(VerdictKind.Unsupported, "it applies " + forward.Value.Definition.Name + " where the document has not defined it; with " + where
                    + " it is not shown to hold (" + v.Reason + "), and that definition is not in force here, so it is not refuted", v.Residue, null, v.PointsChecked),
        };
    }

    /// <summary>name(args) = formula read as a definition without making it (no scope change), or null.</summary>
    private FunctionDefinition? CandidateFunction(SyntaxNode node, SyntaxNode formula, Latex.ParseResult parsed)
    {
        if (node is not Call { Callee: Identifier id } call) return null;
        var name = MathBinder.FunctionName(id, parsed);
        if (DefinitionSignature.Read(call, formula, parsed) is not { } signature) return null;
        if (MathBinder.Bind(formula, parsed, _scope).Value is not { } body || MentionsFunction(body, name)) return null;
        return signature.Rewrite(body) is { } value ? new FunctionDefinition(name, signature.Parameters, value) : null;
    }

    /// <summary>The definition to use for a function the step applies that is not defined here: the first after the step, else the last before.</summary>
    private (int Line, FunctionDefinition Definition, DefinitionSyntax? Syntax)? ForwardFor(Operand left, Operand right, int line)
    {
        foreach (var name in ForwardDefinitions.Select(d => d.Definition.Name).Distinct(StringComparer.Ordinal))
        {
            if (_scope.Context.IsKnownFunction(name)) continue;
            if (!Applies(left, name) && !Applies(right, name)) continue;
            var candidates = ForwardDefinitions.Where(d => d.Definition.Name == name && d.Line != line).ToList();
            if (candidates.Count == 0) continue;
            return candidates.Where(d => d.Line > line).OrderBy(d => d.Line).Cast<(int, FunctionDefinition, DefinitionSyntax?)?>().FirstOrDefault()
                ?? candidates.OrderBy(d => d.Line).Last();
        }
        return null;
    }

    /// <summary>The side applies the function (name(…)), bounded walk.</summary>
    private static bool Applies(Operand side, string name)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(side.Node);
        for (var budget = 100_000; pending.Count > 0 && budget > 0; budget--)
        {
            var n = pending.Pop();
            if (n is Call { Callee: Identifier id } && MathBinder.FunctionName(id, side.Parsed) == name) return true;
            foreach (var child in n.Children()) pending.Push(child);
        }
        return false;
    }
}
