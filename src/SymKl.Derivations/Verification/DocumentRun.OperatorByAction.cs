using SymKl.Derivations.Matrices;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "we can define an operator $$P x = \operatorname{argmin}_{y \in S} \|x - y\|$$": a display that says what a matrix the
/// text never defines does to a vector, in a formula SymKl cannot read, gives the matrix a value (the projection onto S).
/// It is no free matrix for the statements that follow (Py = y, P² = P): they depend on a value SymKl cannot read.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The name of M in a display side "M v" (M a capital with no formula, v a vector name), else null.</summary>
    private string? OperatorByAction(Operand side)
    {
        if (_block is not { IsDisplay: true } || Factors(side.Node) is not [var first, var second]) return null;
        if (MatrixScope.Unwrap(first) is not Identifier matrix || !IsMatrixCapital(matrix) || StatementShapes.IsIdentity(matrix)) return null;
        if (MatrixScope.Unwrap(second) is not Identifier vector || vector.Name.Length != 1 || !char.IsLower(vector.Name[0])) return null;
        var key = MatrixScope.Key(matrix, side.Parsed);
        var name = MathBinder.SymbolName(matrix, side.Parsed);
        if (_matrices.Definitions.ContainsKey(key) || _matrices.ScalarDefinitions.ContainsKey(key) || _scope.DefinesSymbol(name)) return null;
        return name;
    }
}
