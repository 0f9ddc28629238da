using System.Globalization;
using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Assuming $V = I_n$, we have ½ log|V| = ½ log|I_n| = 0": a matrix the text sets to a formula in a hypothesis (a case it
/// works in) is that formula in what follows, while the matrix reading draws it freely. A refutation of a statement that
/// writes such a matrix is checked again with the matrix read through the hypothesis; when it then holds (or is not
/// refuted), the failure was the free draw's, and the statement is left undecided (not confirmed: where the case ends is
/// not known). A statement that fails under the hypothesis too stays refuted as it was.
/// </summary>
internal sealed partial class DocumentRun
{
    private Verdict UnderMatrixHypotheses(Verdict verdict, Operand left, Operand right, Symbolic.Relation relation)
    {
        if (verdict.Kind != VerdictKind.Refuted || left.Parsed != right.Parsed) return verdict;
        var line = right.At(right.Node.Span.Start).Line;
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { left, right })
            MatrixScope.Visit(side.Node, n => { if (n is Identifier id) mentioned.Add(MatrixScope.Key(id, side.Parsed)); });
        var assumed = new Dictionary<string, (SyntaxNode Formula, ParseResult Parsed)>(StringComparer.Ordinal);
        var stated = new List<string>();
        // The latest hypothesis per matrix before the line.
        foreach (var (step, named, written, formula, parsed) in AssumedEquationsBefore(line))
        {
            if (MatrixScope.Unwrap(named) is not Identifier matrix) continue;
            var key = MatrixScope.Key(matrix, written);
            if (!mentioned.Contains(key) || assumed.ContainsKey(key) || _matrices.Definitions.ContainsKey(key)) continue;
            if (!IsMatrixName(matrix, written) || MentionsKey(formula, key, parsed)) continue;
            assumed[key] = (formula, parsed);
            stated.Add(step.Lhs.Trim() + " = " + step.Rhs.Trim() + " (line " + step.Line.ToString(CultureInfo.InvariantCulture) + ")");
        }
        if (assumed.Count == 0) return verdict;
        MatrixStatement.Outcome again;
        using (_matrices.Borrowing(assumed))
        using (var timeBudget = StepBudget.Open(options))
        {
            try
            {
                if (MatrixStatement.Shapes(_matrices, left.Node, left.Parsed, right.Node, right.Parsed, _scope.HasSeen("T")) is not { } shapes) return verdict;
                again = MatrixStatement.Check(shapes, _matrices, _scope, left.Node, left.Parsed, relation, right.Node, right.Parsed, options.Seed, timeBudget?.Token ?? default, options.StepTimeout);
            }
            catch (Exception ex) when (ex is OperationCanceledException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException
                or BudgetExceededException or InsufficientExecutionStackException)
            {
                return verdict;
            }
        }
        if (again.Verdict.Kind == VerdictKind.Refuted || again.Unread) return verdict;
        return new Verdict(VerdictKind.Unsupported, "it fails with " + string.Join(", ", assumed.Keys) + " drawn freely (" + verdict.Reason + "), but "
            + (again.Verdict.Holds ? "holds" : "is not refuted") + " with " + string.Join(", ", stated) + ", which the text assumes before it; where that case ends is not known, so it is not decided",
            verdict.Residue, null, verdict.PointsChecked);
    }

    private static bool MentionsKey(SyntaxNode formula, string key, ParseResult parsed)
    {
        var found = false;
        MatrixScope.Visit(formula, n => found |= n is Identifier id && MatrixScope.Key(id, parsed) == key);
        return found;
    }

    /// <summary>How many statements back the walk looks for assumed equations.</summary>
    private const int AssumedEquationLookBack = 2000;

    /// <summary>
    /// The equations the text assumed before <paramref name="line"/> (hypotheses written with = or :=), latest first, both
    /// sides parsed: a bounded walk back over the statements read.
    /// </summary>
    private IEnumerable<(StepResult Step, SyntaxNode Lhs, ParseResult LhsParsed, SyntaxNode Rhs, ParseResult RhsParsed)> AssumedEquationsBefore(int line)
    {
        for (var i = Steps.Count - 1; i >= 0 && i >= Steps.Count - AssumedEquationLookBack; i--)
        {
            var step = Steps[i];
            if (step.Line >= line || step.Role != StatementRole.Hypothesis || step.Relation.Trim().TrimStart('&').Trim() is not ("=" or ":=")) continue;
            if (LatexParser.ParseExpression(step.Lhs) is not { Expression: { } lhs } lp || LatexParser.ParseExpression(step.Rhs) is not { Expression: { } rhs } rp) continue;
            yield return (step, lhs, lp, rhs, rp);
        }
    }

    /// <summary>A capital of the matrix letters, or a name the document declares a matrix (not a vector).</summary>
    private bool IsMatrixName(Identifier id, ParseResult parsed) =>
        MatrixScope.IsMatrixLetter(id) || _matrices.Shapes.TryGetValue(MatrixScope.Key(id, parsed), out var shape) && !shape.IsVector;
}
