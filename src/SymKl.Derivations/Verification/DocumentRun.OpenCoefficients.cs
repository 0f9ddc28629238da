using SymKl.Derivations.Matrices;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Z = c₁X₁ + c₂X₂ "such that Cov(Z, X₂) = 0": a random vector defined with numbers the text never gives a value
/// leaves them to be chosen, and an equation about its moments may be the condition that chooses them
/// (c₁Σ₁₂ + c₂Σ₂₂ = 0), not an identity. A failure that depends on such a number is no mistake of the text.
/// </summary>
internal sealed partial class DocumentRun
{
    private Verdict OpenCoefficients(Verdict verdict, MatrixStatement.Outcome outcome)
    {
        if (verdict.Kind != VerdictKind.Refuted || outcome.InstanceLhs is not { } lhs || outcome.InstanceRhs is not { } rhs) return verdict;
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in _matrices.RandomDefinitions.Values)
            MatrixScope.Visit(definition.Formula, n =>
            {
                if (n is Latex.Syntax.Identifier id && !_matrices.Shapes.ContainsKey(MatrixScope.Key(id, definition.Parsed)) && !MatrixScope.IsMatrixLetter(id))
                    open.Add(MathBinder.SymbolName(id, definition.Parsed));
            });
        var used = Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(s => s.Name).FirstOrDefault(n => open.Contains(n) && !_scope.DefinesSymbol(n));
        return used is null ? verdict
            : new Verdict(VerdictKind.Unsupported, "its truth depends on " + used + ", a number in the definition of a random vector that the text never gives a value (the equation may be the condition that chooses it); not refuted (" + verdict.Reason + ")", verdict.Residue, null, verdict.PointsChecked);
    }
}
