using System.Globalization;
using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Let W be such that W V Wᵀ = I_n", "W W = V^{-1}": a relation the text assumes between matrices, neither side a lone
/// name (so no formula to read one matrix through, as <see cref="UnderMatrixHypotheses"/> does). The matrix reading draws
/// every matrix freely, and a later step that uses the relation ((XᵀWWX)^{-1}XᵀWWY = (XᵀV^{-1}X)^{-1}XᵀV^{-1}Y) then fails
/// at draws that break it. Such a refutation shows nothing about the step: it is unsupported, naming the relation SymKl
/// did not impose. Only hypotheses stated before the step that tie two matrices the step writes count.
/// </summary>
internal sealed partial class DocumentRun
{
    private Verdict UnderStatedMatrixRelations(Verdict verdict, Operand left, Operand right)
    {
        if (verdict.Kind != VerdictKind.Refuted || left.Parsed != right.Parsed) return verdict;
        var line = right.At(right.Node.Span.Start).Line;
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { left, right })
            MatrixScope.Visit(side.Node, n => { if (n is Identifier id && IsMatrixName(id, side.Parsed)) mentioned.Add(MatrixScope.Key(id, side.Parsed)); });
        if (mentioned.Count == 0) return verdict;
        var assumed = AssumedEquationsBefore(line).Select(e => (Written: e.Step.Lhs.Trim() + " = " + e.Step.Rhs.Trim(), e.Step.Line, e.Lhs, e.LhsParsed, e.Rhs, e.RhsParsed));
        foreach (var (written, at, lhs, lp, rhs, rp) in assumed.Concat(StatedPropertiesBefore(line)))
        {
            // A lone name set to a formula is a hypothesis the matrices are read through (DocumentRun.MatrixHypotheses).
            if (MatrixScope.Unwrap(lhs) is Identifier) continue;
            var tied = new List<string>();
            foreach (var (node, parsed) in new[] { (lhs, lp), (rhs, rp) })
                MatrixScope.Visit(node, n =>
                {
                    if (n is not Identifier id || !IsMatrixName(id, parsed)) return;
                    var key = MatrixScope.Key(id, parsed);
                    if (!mentioned.Contains(key)) return;
                    if (!tied.Contains(key)) tied.Add(key);
                });
            // Two of the step's matrices: a tie between their draws (a relation of one of them alone leaves the others free).
            if (tied.Count < 2) continue;
            return new Verdict(VerdictKind.Unsupported, "it fails with " + string.Join(", ", tied) + " drawn freely (" + verdict.Reason + "), but the text states "
                + written + " (line " + at.ToString(CultureInfo.InvariantCulture)
                + "), a relation between them that SymKl does not impose on its draws; not refuted", verdict.Residue, null, verdict.PointsChecked);
        }
        return verdict;
    }
}
