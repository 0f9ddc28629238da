using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A refuted matrix statement checked again with some names read as given formulas (a matrix the text writes out, a draw
/// with a stated property) and, where needed, given shapes: the second outcome, or what went wrong ("read" or "checked"),
/// for the caller to withhold with. Shared by the re-checks so that they read, budget and fail alike.
/// </summary>
internal sealed partial class DocumentRun
{
    private (MatrixStatement.Outcome? Again, string? Failure) CheckMatrixStatementWith(Operand left, Operand right, Symbolic.Relation relation,
        IReadOnlyDictionary<string, (SyntaxNode Formula, ParseResult Parsed)> borrowed, IReadOnlyDictionary<string, MatrixShape>? shapes = null)
    {
        MatrixStatement.Outcome again;
        using (_matrices.Borrowing(borrowed))
        using (shapes is null ? null : _matrices.BorrowingShapes(shapes))
        using (var timeBudget = StepBudget.Open(options))
        {
            try
            {
                if (MatrixStatement.Shapes(_matrices, left.Node, left.Parsed, right.Node, right.Parsed, _scope.HasSeen("T")) is not { } read)
                    return (null, "read");
                again = MatrixStatement.Check(read, _matrices, _scope, left.Node, left.Parsed, relation, right.Node, right.Parsed, options.Seed, timeBudget?.Token ?? default, options.StepTimeout);
            }
            catch (Exception ex) when (ex is OperationCanceledException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException
                or BudgetExceededException or InsufficientExecutionStackException)
            {
                return (null, "checked");
            }
        }
        return again.Unread ? (null, "read") : (again, null);
    }
}
