using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using Relation = SymKl.Symbolic.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>Statements about the document's abstract densities, decided in consistent random models (<see cref="ModelCheck"/>).</summary>
internal sealed partial class DocumentRun
{
    private readonly ModelDefinitions _modelDefinitions = new();

    /// <summary>A definition the model check may write out (p_θ(x, z) = p(x | z) p(z)) or must respect (p(x | z_k) = 𝒩(…)).</summary>
    private void RememberModelDefinition(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
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
        var l = _modelDefinitions.Expand(left.Node, left.Parsed, _scope.IsDefinedFunction);
        var r = _modelDefinitions.Expand(right.Node, right.Parsed, _scope.IsDefinedFunction);
        var arbitrary = _modelDefinitions.ArbitraryDensities([(l.Node, l.Parsed), (r.Node, r.Parsed)], _scope.IsDefinedFunction);
        if (arbitrary is null) return null;
        bool IsDefined(string name) => _scope.IsDefinedFunction(name) && !arbitrary.Contains(name);
        var written = l.Changed || r.Changed;
        if (!ModelCheck.Applies(l.Node, l.Parsed, r.Node, r.Parsed, IsDefined)) return null;
        if (relation == Relation.Equal && ProbabilityRules.Prove(l.Node, r.Node, l.Parsed, r.Parsed, IsDefined) is { } proof)
            return written || arbitrary.Count > 0 ? new Verdict(VerdictKind.Proved, proof + WithDefinitions(written, arbitrary), null, null, 0) : null;
        using var budget = new CancellationTokenSource(options.StepTimeout ?? TimeSpan.FromSeconds(10));
        try
        {
            var verdict = ModelCheck.Decide(l.Node, l.Parsed, relation, r.Node, r.Parsed, IsDefined,
                mayRefute: role != StatementRole.Implication && arbitrary.Count == 0, options.Seed, budget.Token);
            return verdict is null || !written && arbitrary.Count == 0 ? verdict : verdict with { Reason = verdict.Reason + WithDefinitions(written, arbitrary) };
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return null;
        }
    }

    private static string WithDefinitions(bool written, HashSet<string> arbitrary) =>
        (written ? "; the document's definitions over abstract densities written out" : "")
        + (arbitrary.Count == 0 ? "" : "; " + string.Join(", ", arbitrary.OrderBy(n => n, StringComparer.Ordinal)) + " is defined here for another shape only, so it stands for an arbitrary model (such a statement is confirmed, never refuted)");
}
