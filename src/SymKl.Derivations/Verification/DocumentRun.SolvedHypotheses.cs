using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Setting the derivative to zero … we can solve it as $$p_i = e^{−1−λ}$$": the equations a cue says are being set or
/// solved are equations the text works with, as much as the lone displays SymKl read that way; a later lone equation
/// that follows from them together ("so p_i = 1/N" after e^{−1−λ} = 1/N) is confirmed as their consequence. Only ever
/// to confirm: they are marked as not followed, so no later display is refuted for giving one of their sides another
/// value (a case, "0 otherwise", may do that).
/// </summary>
internal sealed partial class DocumentRun
{
    private void NoteSolvedHypothesis(Expr lhs, Expr rhs, int line)
    {
        (lhs, rhs) = (Counted(Written(lhs)), Counted(Written(rhs)));
        _working.Add(new WorkingEquation(lhs, rhs, line, Followed: false));
        if (_working.Count > WorkingWindow) Retire(_working[0]);
    }

    /// <summary>Working equations that left the window, latest last (to the end of the derivation: a heading of level 1 or 2).</summary>
    private readonly List<WorkingEquation> _retired = [];

    /// <summary>How many retired equations are kept, and how many a restatement is checked against.</summary>
    private const int RetiredKept = 24, RestatedTries = 8;

    private void Retire(WorkingEquation equation)
    {
        _working.RemoveAt(0);
        if (!equation.Followed) return;
        _retired.Add(equation);
        if (_retired.Count > RetiredKept) _retired.RemoveAt(0);
    }

    /// <summary>
    /// An equation that follows from one earlier equation of the derivation alone (the latest first): a restatement, confirmed
    /// ("putting together" recalls a result from several displays back). Only equations whose own check did not fail.
    /// </summary>
    private Verdict? Restated(Expr lhs, Expr rhs)
    {
        foreach (var earlier in Enumerable.Reverse(_retired).Where(w => Algebraic(w.Lhs) && Algebraic(w.Rhs) && !HasSum(w.Lhs) && !HasSum(w.Rhs)).Take(RestatedTries))
        {
            _quadraturesLeft = QuadratureBudget;
            var verdict = ImplicationChecker.Check([(earlier.Lhs, earlier.Rhs)], lhs, rhs, _scope.Assumptions, mayRefute: false, cue: "", options.Seed, _scope.Context.IsKnownFunction);
            if (verdict.Kind == VerdictKind.Confirmed) return Confirmed(verdict, [earlier]);
        }
        return null;
    }
}
