using SymKl.Derivations.Markdown;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Relations the words around them say are not claims, and that are not assumed either: the range of a bound variable
/// (DocumentRun.BoundRanges), a case that picks out terms (DocumentRun.CaseSelectors), a relation quoted to be denied
/// (DocumentRun.DeniedStatements), the order of chosen objects (DocumentRun.ChosenObjects). Each link is recorded with
/// its role and why, and checked by nothing.
/// </summary>
internal sealed partial class DocumentRun
{
    private readonly record struct NotClaim(StatementRole Role, string Cue, string Reason);

    private static NotClaim? NotClaimed(LatexRelation chain, Cue cue, MathBlock block)
    {
        if (DeniedBy(block, false) is { } denial)
            return new NotClaim(StatementRole.Remark, "'" + denial + "' before the relation",
                "a relation quoted to be denied ('" + denial + "'): the text says it does not hold; not a claim, not checked");
        if (RangeOfBoundVariable(chain, block))
            return new NotClaim(StatementRole.Hypothesis, "a quantifier ('" + QuantifierBefore.Match(block.ProseBefore.TrimEnd()).Value.Trim() + "') before the range of its variable",
                "hypothesis: the range of a bound variable (the values a quantifier runs over), not a claim; not assumed");
        if (IsCaseSelector(cue))
            return new NotClaim(StatementRole.Hypothesis, "'for which' before a case",
                "hypothesis: a case that picks out the terms or values it holds for, not a claim; not assumed (the next case may name another)");
        if (cue == RestatedEquationCue)
            return new NotClaim(StatementRole.Hypothesis, "'i.e.' inside an open 'if' clause",
                "hypothesis: the condition of its sentence restated in math (an 'if' clause before 'then'), not a claim; not assumed");
        if (ChosenOrder(chain, cue, false))
            return new NotClaim(StatementRole.Hypothesis, "'" + cue.Text + "' before the objects chosen",
                "hypothesis: the order of the objects the text chooses ('" + cue.Text + "'), not a claim about arbitrary values; not assumed");
        return null;
    }
}
