using SymKl.Symbolic;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "since $t\|h\|_2 < \|h\|_2$" with $t \in (0,1)$: a strict inequality stated in prose that holds at every random point
/// and fails only where its two sides are equal (h = 0, found by the search for the worst point) is written for the
/// non-degenerate case the text has in mind (h ≠ 0), which it often leaves unsaid. The failure is withheld, saying
/// where it is; a strict inequality that is reversed somewhere is refuted as before.
/// </summary>
internal sealed partial class DocumentRun
{
    private const string WorstPointFailure = "worst point found by local minimisation";

    private static Verdict AtDegeneratePointOnly(Verdict v, StatementRole role, RelationKind kind, bool negated)
    {
        if (v.Kind != VerdictKind.Refuted || role != StatementRole.Claim || negated || kind is not (RelationKind.Less or RelationKind.Greater)) return v;
        if (v.Counterexample is not { } point || v.Reason.IndexOf(WorstPointFailure, StringComparison.Ordinal) < 0) return v;
        var scale = Math.Max(1, Math.Max(Math.Abs(point.Lhs), Math.Abs(point.Rhs)));
        if (double.IsNaN(point.Lhs) || double.IsNaN(point.Rhs) || Math.Abs(point.Lhs - point.Rhs) > 1e-9 * scale) return v;
        var where = string.Join(", ", point.Values.Select(kv => kv.Key + " = " + kv.Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
        return new Verdict(VerdictKind.Unsupported, "it holds at every random point and fails only where its two sides are equal (" + where
            + "), a degenerate point the text may leave aside without saying so; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
    }
}
