using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// What a '≠' between expressions with free parameters claims. The kernel's '≠' means "not identically equal", and one
/// point where the sides differ shows that. A document's statement is read as a claim for every value of its
/// parameters, the way its '=' is: "D_KL(P‖Q) ≠ D_KL(Q‖P) if P ≠ Q" says the sides differ at every admissible point,
/// and it is false (two normals of equal variance), though random points will not find where. Sampling can show
/// such a claim only where the sides differ by a nonzero constant; otherwise the step is confirmed only when the prose
/// says the weaker thing ("in general", "not always", "need not"). `symkl equal --relation !=` keeps the kernel's meaning.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly string[] InGeneralCues =
        ["in general", "generally", "not always", "not necessarily", "need not", "needn't", "usually", "typically", "in most cases"];

    private Verdict ReviewInequation(Verdict v, Expr lhs, Expr rhs)
    {
        // A step given on the command line compares two expressions, as a computer-algebra system does: '≠' there asks
        // whether they are identically equal, and a point where they differ answers it.
        if (v.Kind != VerdictKind.Confirmed || options.ClaimsOnly) return v;
        if (!Traversal.FreeSymbols(lhs).Any() && !Traversal.FreeSymbols(rhs).Any()) return v;
        // A residue without free symbols is a nonzero constant (a zero one would have proved the equality): they differ everywhere.
        if (v.Residue is { } residue && !Traversal.FreeSymbols(residue).Any()) return v;
        if (InGeneralCue() is { } cue)
            return v with { Reason = "not identically equal, as the prose says ('" + cue + "'): " + v.Reason };
        return new Verdict(VerdictKind.Unsupported,
            "the two sides are not identically equal (" + v.Reason + "), but a '≠' read for every value of its parameters needs them to differ everywhere, which sample points cannot show; if the claim is that they differ in general, say so ('in general')",
            v.Residue, v.Counterexample, v.PointsChecked);
    }

    /// <summary>A cue for the "in general" reading in the sentence around the current math.</summary>
    private string? InGeneralCue()
    {
        if (_block is null) return null;
        var text = document.Source.Text;
        var from = Math.Min(text.Length, _block.Offset + _block.Length);
        // The words after the math up to the end of its sentence (past the closing delimiter and a line break).
        var after = text.Substring(from, Math.Min(160, text.Length - from)).TrimStart('$', '\\', ']', ')', ' ', '\t', '\r', '\n');
        var end = after.IndexOf('.');
        var paragraph = after.IndexOf("\n\n", StringComparison.Ordinal);
        if (paragraph >= 0 && (end < 0 || paragraph < end)) end = paragraph;
        var around = (_block.ProseBefore + " " + (end < 0 ? after : after.Substring(0, end))).ToLowerInvariant();
        return InGeneralCues.FirstOrDefault(c => around.Contains(c));
    }
}
