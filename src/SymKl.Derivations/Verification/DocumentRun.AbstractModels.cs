using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using Relation = SymKl.Symbolic.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>Statements about the document's abstract densities, decided in consistent random models (<see cref="ModelCheck"/>).</summary>
internal sealed partial class DocumentRun
{
    private readonly ModelDefinitions _modelDefinitions = new();
    private readonly ChainDefinitions _chainDefinitions = new();

    /// <summary>A density defined by a law (q(x_t | x_{t-1}) = 𝒩(…), p(x_T) ∼ 𝒩(0, I)) or a factorisation, for models that honour it.</summary>
    private void RememberChainDefinition(SyntaxNode target, SyntaxNode formula, ParseResult parsed) =>
        _chainDefinitions.Remember(target, formula, parsed, _scope, _scope.SymbolValue);

    /// <summary>A definition the model check may write out (p_θ(x, z) = p(x | z) p(z)) or must respect (p(x | z_k) = 𝒩(…)).</summary>
    /// <summary>
    /// A law the text states as a claim (q(x_t | x_0) = 𝒩(…) after the kernels were defined): a model that honours the
    /// definitions must satisfy it too before it refutes anything, since the reader takes it as fixed.
    /// </summary>
    private void NoteStatedLaw(Operand left, RelationOperator op, Operand right)
    {
        if (op.Kind != RelationKind.Equal || op.Negated) return;
        _chainDefinitions.RememberStated(left.Node, right.Node, right.Parsed, _scope, _scope.SymbolValue);
        _chainDefinitions.RememberStated(right.Node, left.Node, left.Parsed, _scope, _scope.SymbolValue);
    }

    private void RememberModelDefinition(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        RememberChainDefinition(target, formula, parsed);
        if (Mentions(formula, target, parsed)) return;
        _modelDefinitions.Remember(target, formula, parsed, _scope.IsDefinedFunction);
    }

    /// <summary>
    /// A verdict from random consistent models for a statement over undefined joint, conditional or parametrised
    /// densities (or an argmax step), or null to leave it to the other checks. The document's definitions over abstract
    /// densities are written out first; proofs by the rules of one model come first; implications are never refuted
    /// here (their premises may be what makes them true), nor statements about a density the document defines for
    /// another shape only.
    /// </summary>
    private Verdict? ModelledStep(Operand left, Relation relation, Operand right, StatementRole role)
    {
        // θ* = argmin_θ f, then θ* = argmax_θ g in a later display: the second claims the two have the same optimisers.
        if (relation == Relation.Equal && ModelCheck.IsArgOperator(right.Node) && !ModelCheck.IsArgOperator(left.Node) && left.Node is Identifier)
        {
            var name = new string(left.Text.Where(c => !char.IsWhiteSpace(c)).ToArray());
            if (!_maximisers.TryGetValue(name, out var first))
            {
                _maximisers[name] = (right.Node, right.Parsed, right.At(right.Node.Span.Start).Line);
                return null;
            }
            var compared = ModelledStep(first.Node, first.Parsed, relation, right.Node, right.Parsed, role);
            return compared is null ? null : compared with { Reason = "compared with the optimiser the document gave " + left.Text + " on line " + first.Line + ": " + compared.Reason };
        }
        var modelled = ModelledStep(left.Node, left.Parsed, relation, right.Node, right.Parsed, role);
        // p and p_{ni} drawn as unrelated joints, where the text relates them only through this statement (DocumentRun.DensityVariants).
        return modelled is { Kind: VerdictKind.Refuted } ? UnrelatedDensityVariants(modelled, left, right) : modelled;
    }

    /// <summary>
    /// θ* = argmin_θ f, the first time θ* is given an optimiser: a definition; a later θ* = argmax_θ g is compared with it.
    /// </summary>
    private bool DefinesOptimiser(Operand left, RelationOperator op, Operand right)
    {
        if (op.Kind != RelationKind.Equal || op.Negated || left.Node is not Identifier || !ModelCheck.IsArgOperator(right.Node)) return false;
        var name = new string(left.Text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (_maximisers.ContainsKey(name)) return false;
        _maximisers[name] = (right.Node, right.Parsed, right.At(right.Node.Span.Start).Line);
        Unchecked(left, op, right, StatementRole.Definition, "a name given an optimiser (argmax or argmin)",
            "definition of " + left.Text + " (an optimiser: a later display that gives " + left.Text + " another argmax or argmin is compared with this one)");
        return true;
    }

    /// <summary>The first optimiser (argmax/argmin) each name was given, and where.</summary>
    private readonly Dictionary<string, (SyntaxNode Node, ParseResult Parsed, int Line)> _maximisers = new(StringComparer.Ordinal);

    private Verdict? ModelledStep(SyntaxNode leftNode, ParseResult leftParsed, Relation relation, SyntaxNode rightNode, ParseResult rightParsed, StatementRole role)
    {
        (leftNode, leftParsed) = WithWrittenLaws(leftNode, leftParsed);
        (rightNode, rightParsed) = WithWrittenLaws(rightNode, rightParsed);
        var l = _modelDefinitions.Expand(leftNode, leftParsed, _scope.IsDefinedFunction);
        var r = _modelDefinitions.Expand(rightNode, rightParsed, _scope.IsDefinedFunction);
        var arbitrary = _modelDefinitions.ArbitraryDensities([(l.Node, l.Parsed), (r.Node, r.Parsed)], _scope.IsDefinedFunction);
        if (arbitrary is null) return null;
        // Z_j beside a q(Z) factorised over blocks: the models would take the block for a variable of its own.
        if (_modelDefinitions.MentionsBlock(arbitrary, [l.Node, r.Node])) return null;
        bool IsDefined(string name) => _scope.IsDefinedFunction(name) && !arbitrary.Contains(name);
        var written = l.Changed || r.Changed;
        if (!ModelCheck.Applies(l.Node, l.Parsed, r.Node, r.Parsed, IsDefined)) return null;
        if (relation == Relation.Equal && ProbabilityRules.Prove(l.Node, r.Node, l.Parsed, r.Parsed, IsDefined) is { } proof)
            return written || arbitrary.Count > 0 ? new Verdict(VerdictKind.Proved, proof + WithDefinitions(written, arbitrary), null, null, 0) : null;
        using var budget = StepBudget.Open(options, TimeSpan.FromSeconds(10))!;
        try
        {
            // A density defined for another shape only is refuted only in models that honour every definition of it.
            _chainDefinitions.Admissible = FreeInUnitInterval;
            if (arbitrary.Count > 0 && role != StatementRole.Implication
                && ModelCheck.RefuteHonouring(l.Node, l.Parsed, relation, r.Node, r.Parsed, IsDefined, options.Seed, budget.Token, _chainDefinitions.Honour) is { } honoured)
                return honoured with { Reason = honoured.Reason + WithDefinitions(written, []) };
            var verdict = ModelCheck.Decide(l.Node, l.Parsed, relation, r.Node, r.Parsed, IsDefined,
                mayRefute: role != StatementRole.Implication && arbitrary.Count == 0, options.Seed, budget.Token,
                arbitrary.Count > 0 && role != StatementRole.Implication ? new ModelCheck.ArbitraryDensities(arbitrary, HeldBy(arbitrary)) : null);
            // A mean-field q read as an arbitrary density settles only what holds for every density; the rest is left
            // to the checks that use the factorisation (written out term by term).
            if (verdict is not { Kind: VerdictKind.Proved or VerdictKind.Confirmed } && arbitrary.Any(_modelDefinitions.IsFactorised)) return null;
            return verdict is null || !written && arbitrary.Count == 0 ? verdict
                : verdict with { Reason = verdict.Reason + WithDefinitions(written, verdict.Kind == VerdictKind.Refuted ? [] : arbitrary) };
        }
        catch (OperationCanceledException) when (StepBudget.Stopped(budget))
        {
            return null;
        }
    }

    /// <summary>A parameter the assumptions let take any value in (0, 1): no domain beyond positivity, no ordering, no bound.</summary>
    private bool FreeInUnitInterval(string name)
    {
        var a = _scope.Assumptions;
        return a.DomainOf(Ex.Sym(name)) is Domain.Real or Domain.Positive or Domain.NonNegative or Domain.NonZero or Domain.UnitInterval
            && !a.Orderings.Concat(a.StrictOrderings).Any(o => o.Smaller == name || o.Larger == name) && !a.LowerBounds.Any(b => b.Symbol == name);
    }

    /// <summary>Every symbol the definitions of these densities use (their own arguments too): what they may depend on.</summary>
    private List<string> HeldBy(HashSet<string> densities) =>
        [.. densities.SelectMany(n => _scope.Context.Defined.TryGetValue(n, out var d)
            ? d.Parameters.Concat(Traversal.FreeSymbols(d.Body)).Select(x => x.Name)
            : [])];

    private string WithDefinitions(bool written, HashSet<string> arbitrary)
    {
        var factorised = arbitrary.Where(_modelDefinitions.IsFactorised).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var other = arbitrary.Where(n => !_modelDefinitions.IsFactorised(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        return (written ? "; the document's definitions over abstract densities written out" : "")
            + (other.Count == 0 ? "" : "; " + string.Join(", ", other) + " is defined here for another shape only, so it stands for an arbitrary model (such a statement is confirmed, never refuted)")
            + (factorised.Count == 0 ? "" : "; " + string.Join(", ", factorised) + " is a mean-field product over blocks SymKl cannot write out, so it stands for an arbitrary density (what holds for every density holds for it; such a statement is confirmed, never refuted)");
    }
}
