using System.Globalization;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A = B = C = D with B a mistake (refuted) and D right again: C follows from B, and D, read against C, fails, but
/// against A, what the chain computes, it holds; the author undid the mistake (a second sign slip that cancels the first,
/// or the right result written after a typo, as the seed's KL derivation does on its line 36). The link C = D is false
/// as written and stays refuted, but its reason says that it undoes the earlier mistake, so a reader sees one slip and
/// its repair, not two unrelated errors.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The operand before the first refuted link of the chain being checked (kept across its rows), and that link's line.</summary>
    private (Operand Operand, int Line)? _beforeMistake;

    private void CorrectedMistake(Operand left, RelationOperator op, Operand right, int recorded)
    {
        if (Steps.Count != recorded + 1 || Steps[recorded].Verdict.Kind != VerdictKind.Refuted) return;
        if (_beforeMistake is not { } before)
        {
            _beforeMistake = (left, Steps[recorded].RhsStart.Line);
            return;
        }
        if (op.Kind != RelationKind.Equal || op.Negated) return;
        var refuted = Steps[recorded];
        // A check on the side, not a statement of the text: what it records (its step, its notes, the last equation an
        // arrow after the chain would take as premise) is undone.
        var (lastEquation, warnings) = (_lastEquation, Warnings.Count);
        Step(before.Operand, op, right, refuted.Role, "checked against the chain before its refuted row", false, "");
        var against = Steps.Count > recorded + 1 ? Steps[^1].Verdict : null;
        while (Steps.Count > recorded + 1) Steps.RemoveAt(Steps.Count - 1);
        while (Warnings.Count > warnings) Warnings.RemoveAt(Warnings.Count - 1);
        _lastEquation = lastEquation;
        if (against is not { Holds: true }) return;
        Steps[recorded] = refuted with
        {
            Verdict = refuted.Verdict with
            {
                Reason = refuted.Verdict.Reason + "; it holds against the chain before the mistake refuted on line "
                    + before.Line.ToString(CultureInfo.InvariantCulture) + ": this row undoes that mistake rather than following from the row before it",
            },
        };
    }
}
