using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "… is not defined if κ &lt; ½ ln 2 ≈ 0.347": a condition whose bound the text also gives as a decimal. The trailing
/// ≈ links only annotate the bound's value; the comparisons before them are still the condition the words announce,
/// read as one (a hypothesis, never refuted) rather than as a chain of claims for all κ. It is not assumed for what
/// follows: a condition stated with its bound's value names a case (where something is undefined, say) more often than
/// the setting of the proof after it. The ≈ links are reported as before.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The comparisons before trailing ≈ links, when there are such links and everything before them is a condition; null otherwise.</summary>
    private static LatexRelation? ConditionBeforeApproximation(LatexRelation chain)
    {
        var count = chain.Operators.Count;
        var kept = count;
        while (kept > 0 && chain.Operators[kept - 1] is { Kind: RelationKind.Approx, Negated: false }) kept--;
        if (kept == count || kept == 0) return null;
        for (var i = 0; i < kept; i++)
            if (!IsCondition(chain.Operators[i]) || chain.Operators[i].Kind == RelationKind.Equal) return null;
        return chain with
        {
            Operands = chain.Operands.Take(kept + 1).ToList(),
            Operators = chain.Operators.Take(kept).ToList(),
            Span = TextSpan.FromBounds(chain.Span.Start, chain.Operands[kept].Span.End),
        };
    }

    private void ConditionWithApproximateBound(LatexRelation condition, List<Operand> operands, Cue cue)
    {
        for (var i = 1; i < condition.Operands.Count; i++) Snapshot(operands[i].At(operands[i].Node.Span.Start));
        for (var i = 0; i < condition.Operators.Count; i++)
            Unchecked(operands[i], condition.Operators[i], operands[i + 1], StatementRole.Hypothesis, "'" + cue.Text + "' before a condition",
                "hypothesis ('" + cue.Text + "'): a condition whose bound is also given approximately; the case it names is not assumed for what follows", snapshot: false);
    }

    /// <summary>The ≈ links left after the condition, each checked as the approximation it is (reported, never refuted).</summary>
    private void ApproximationsAfterCondition(LatexRelation chain, List<Operand> operands, int from)
    {
        for (var i = from; i < chain.Operators.Count && i + 1 < operands.Count; i++)
            Step(operands[i], chain.Operators[i], operands[i + 1], StatementRole.Step, "the value of a condition's bound, given approximately", true, string.Empty);
    }
}
