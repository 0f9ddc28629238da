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
        if (_working.Count > WorkingWindow) _working.RemoveAt(0);
    }
}
