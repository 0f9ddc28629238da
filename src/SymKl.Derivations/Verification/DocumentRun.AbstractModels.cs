using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>Statements about the document's abstract densities, decided in consistent random models (<see cref="ModelCheck"/>).</summary>
internal sealed partial class DocumentRun
{
    /// <summary>
    /// A verdict from random consistent models for a statement over undefined joint, conditional or parametrised
    /// densities (or an argmax step), or null to leave it to the other checks. Proofs by the rules of one model come
    /// first; implications are never refuted here (their premises may be what makes them true).
    /// </summary>
    private Verdict? ModelledStep(Operand left, Relation relation, Operand right, StatementRole role)
    {
        if (!ModelCheck.Applies(left.Node, left.Parsed, right.Node, right.Parsed, _scope.IsDefinedFunction)) return null;
        if (relation == Relation.Equal && ProbabilityRules.Prove(left.Node, right.Node, left.Parsed, right.Parsed, _scope.IsDefinedFunction) is not null) return null;
        using var budget = new CancellationTokenSource(options.StepTimeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return ModelCheck.Decide(left.Node, left.Parsed, relation, right.Node, right.Parsed, _scope.IsDefinedFunction,
                mayRefute: role != StatementRole.Implication, options.Seed, budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return null;
        }
    }
}
