using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// a − b ≥ 0 ⟹ a ≥ b, 2x − 4 &lt; 0 ⟹ x &lt; 2: the comparison after the arrow is the one before it with terms moved across
/// and both sides scaled by a positive number. Each comparison is written as "something ≥ 0" (or &gt; 0); when the
/// conclusion's something is a positive rational multiple of the premise's (exactly, in normal form), the conclusion holds
/// wherever the premise does. A strict conclusion needs a strict premise. Anything else (a premise used otherwise, a factor
/// with symbols, which may change sign) is left as it was: not checked, never refuted.
/// </summary>
internal sealed partial class DocumentRun
{
    private const long ComparisonPremiseBudget = 200_000;

    /// <summary>The verdict of the comparison left op right as a rearrangement of the premise before the arrow, or null.</summary>
    private Verdict? FollowsFromComparison(Operand premiseLeft, RelationOperator premiseOp, Operand premiseRight, Operand left, RelationOperator op, Operand right)
    {
        if (Orientation(premiseOp) is not var (premiseSign, premiseStrict) || Orientation(op) is not var (sign, strict)) return null;
        if (strict && !premiseStrict) return null;
        if (Bound(premiseLeft) is not { } pl || Bound(premiseRight) is not { } pr || Bound(left) is not { } l || Bound(right) is not { } r) return null;
        var premise = premiseSign > 0 ? Ex.Sub(pl, pr) : Ex.Sub(pr, pl);
        var conclusion = sign > 0 ? Ex.Sub(l, r) : Ex.Sub(r, l);
        try
        {
            var budget = new Budget(ComparisonPremiseBudget);
            var assumptions = _scope.Assumptions;
            if (Normalizer.IsZero(Normalizer.Normalize(premise, assumptions, budget), assumptions, budget)) return null;
            if (CandidateFactor(premise, conclusion, budget) is not { Sign: > 0 } factor) return null;
            // The factor was read off one term: the difference itself must vanish.
            if (!Normalizer.IsZero(Normalizer.Normalize(Ex.Sub(conclusion, Ex.Mul(Ex.Num(factor), premise)), assumptions, budget), assumptions, budget)) return null;
            var how = factor.IsOne ? "with terms moved across" : "with terms moved across and both sides scaled by the positive number " + LatexPrinter.Print(Ex.Num(factor));
            return new Verdict(VerdictKind.Proved, "it is the comparison before '" + premiseOp.Symbol + "' " + how + ", proved symbolically: it holds wherever that one does", null, null, 0);
        }
        catch (Exception ex) when (ex is BudgetExceededException or OperationCanceledException or ArithmeticException)
        {
            return null;
        }

        Expr? Bound(Operand side) => MathBinder.Bind(side.Node, side.Parsed, _scope).Value is { } value ? _scope.SubstituteSymbols(value) : null;
    }

    /// <summary>
    /// The number k with conclusion = k · premise if there is one: the ratio of the coefficients of a term both write in the
    /// same symbols (2x − 4 and x − 2 give 1/2), once products are multiplied out; null when they share no such term.
    /// </summary>
    private static Rational? CandidateFactor(Expr premise, Expr conclusion, Budget budget)
    {
        var was = Terms(Expander.Expand(premise, budget));
        foreach (var term in Terms(Expander.Expand(conclusion, budget)))
        {
            var (coefficient, monomial) = Ex.SplitCoefficient(term);
            foreach (var other in was)
            {
                var (otherCoefficient, otherMonomial) = Ex.SplitCoefficient(other);
                if (!otherCoefficient.IsZero && !coefficient.IsZero && otherMonomial.Equals(monomial)) return coefficient / otherCoefficient;
            }
        }
        return null;

        static IReadOnlyList<Expr> Terms(Expr e) => e is Add sum ? sum.Terms : [e];
    }

    /// <summary>≥ and &gt; give +1, ≤ and &lt; −1 (the side that is the larger first), with whether the comparison is strict.</summary>
    private static (int Sign, bool Strict)? Orientation(RelationOperator op) => op.Negated ? null : op.Kind switch
    {
        RelationKind.GreaterEqual => (1, false),
        RelationKind.Greater => (1, true),
        RelationKind.LessEqual => (-1, false),
        RelationKind.Less => (-1, true),
        _ => null,
    };
}
