using System.Globalization;
using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "A = [[a, b], [c, d]]", or a chain that starts "A v = [[a, b], [c, d]] [x; y]": the text writes a matrix out entry by
/// entry, and a later step about A ("A [1; 0] = [a; c]") is about that matrix. The matrix reading takes A as a free matrix
/// (A = [[5]] at dimension 1), so its refutation shows nothing. The step is checked again with A read as the written
/// matrix: a failure then is a counterexample with the text's own A (a wrong entry stays refuted); a step that holds or is
/// not refuted then, or a matrix only applied in the written link (A v = [[…]] [x; y], from which A is not read), is left
/// undecided, naming the relation. Only relations before the step count.
/// </summary>
internal sealed partial class DocumentRun
{
    private Verdict UnderWrittenMatrices(Verdict verdict, Operand left, Operand right, Symbolic.Relation relation)
    {
        if (verdict.Kind != VerdictKind.Refuted || left.Parsed != right.Parsed) return verdict;
        // The matrices the step writes that the matrix reading draws (none the document defines by a formula).
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { left, right })
            MatrixScope.Visit(side.Node, n => { if (n is Identifier id && IsMatrixCapital(id) && !_matrices.Definitions.ContainsKey(MatrixScope.Key(id, side.Parsed))) drawn.Add(MatrixScope.Key(id, side.Parsed)); });
        if (drawn.Count == 0) return verdict;
        var position = right.At(right.Node.Span.Start);
        var written = new Dictionary<string, (SyntaxNode? Formula, ParseResult Parsed, string Text)>(StringComparer.Ordinal);
        for (var i = Steps.Count - 1; i >= 0 && i >= Steps.Count - AssumedEquationLookBack; i--)
        {
            var step = Steps[i];
            if (step.Line > position.Line || step.Line == position.Line && step.Column >= position.Column) continue;
            if (step.Relation.Trim().TrimStart('&').Trim() is not ("=" or ":=")) continue;
            if (LatexParser.ParseExpression(step.Lhs) is not { Expression: { } lhs } lp || LatexParser.ParseExpression(step.Rhs) is not { Expression: { } rhs } rp) continue;
            foreach (var (name, np, literal, lip) in new[] { (lhs, lp, rhs, rp), (rhs, rp, lhs, lp) })
            {
                if (WrittenOut(name, np, literal) is not { } found || !drawn.Contains(found.Key)) continue;
                // The latest relation counts, but one that gives the matrix whole ("A = [[…]]") before a link that only applies it.
                if (written.TryGetValue(found.Key, out var known) && (known.Formula is not null || !found.Whole)) continue;
                // A lone name set to the written matrix is read through it; one only applied in the link (A v = [[…]] w) is not.
                written[found.Key] = (found.Whole ? MatrixScope.Unwrap(literal) : null, lip, step.Lhs.Trim() + " = " + step.Rhs.Trim() + " (line " + step.Line.ToString(CultureInfo.InvariantCulture) + ")");
                break;
            }
        }
        if (written.Count == 0) return verdict;
        var names = string.Join(", ", written.Keys);
        var said = string.Join(", ", written.Values.Select(w => w.Text));
        Verdict Withheld(string how) => new(VerdictKind.Unsupported, "it fails with " + names + " drawn freely (" + verdict.Reason + "), but the text writes it out: "
            + said + "; " + how, verdict.Residue, null, verdict.PointsChecked);
        if (written.Values.Any(w => w.Formula is null)) return Withheld("SymKl does not read the matrix from that link, so it is not refuted");
        var borrowed = written.ToDictionary(w => w.Key, w => (w.Value.Formula!, w.Value.Parsed), StringComparer.Ordinal);
        var (checkedAgain, failure) = CheckMatrixStatementWith(left, right, relation, borrowed);
        if (checkedAgain is not { } again) return Withheld("it could not be " + failure + " with " + names + " as written, so it is not refuted");
        if (again.Verdict.Kind == VerdictKind.Refuted)
            return again.Verdict with { Reason = again.Verdict.Reason + " (with " + names + " as the text writes it: " + said + ")" };
        return Withheld((again.Verdict.Holds ? "it holds" : "it is not refuted") + " with " + names + " as written, so it is not decided");
    }

    /// <summary>
    /// The matrix a relation writes out, and whether the relation gives it whole: A in "A = [[…]]" (whole), or in
    /// "A v = [[…]] [x; y]" (each applied to one vector: A is that matrix where v = [x; y], which is not read); null otherwise.
    /// </summary>
    private static (string Key, bool Whole)? WrittenOut(SyntaxNode name, ParseResult nameParsed, SyntaxNode literal)
    {
        name = MatrixScope.Unwrap(name);
        literal = MatrixScope.Unwrap(literal);
        if (name is Identifier lone && literal is Matrix) return (MatrixScope.Key(lone, nameParsed), true);
        if (Factors(name) is [var first, var applied] && MatrixScope.Unwrap(first) is Identifier matrix
            && Factors(literal) is [var entries, var other] && MatrixScope.Unwrap(entries) is Matrix
            && MatrixScope.Unwrap(applied) is Identifier or Matrix && MatrixScope.Unwrap(other) is Identifier or Matrix)
            return (MatrixScope.Key(matrix, nameParsed), false);
        return null;
    }
}
