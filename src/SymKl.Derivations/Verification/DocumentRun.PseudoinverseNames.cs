using SymKl.Derivations.Matrices;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "X(XᵀX)⁻¹Xᵀ = XX⁺", "A A⁺ A = A": a matrix written with a plus or a dagger (A⁺, A^\dagger) beside the matrix itself is
/// its Moore–Penrose pseudoinverse, fixed by it. The matrix reading takes A⁺ as a name of its own and draws it apart from
/// A, so a failure there compares A with an unrelated matrix: withheld, naming the pseudoinverse.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>"X⁺, the pseudoinverse of X" when a statement writes a decorated capital and its base, else null.</summary>
    private static string? PseudoinverseBesideItsMatrix(Operand left, Operand right)
    {
        var bases = new HashSet<string>(StringComparer.Ordinal);
        var plain = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { left, right })
            MatrixScope.Visit(side.Node, n =>
            {
                if (n is not Identifier id || !IsMatrixCapital(id)) return;
                var undecorated = id with { Decoration = null };
                if (id.Decoration is { } d && (d.Trim('{', '}', ' ') is "+" or "\\dagger" or "†")) bases.Add(MatrixScope.Key(undecorated, side.Parsed));
                else if (id.Decoration is null) plain.Add(MatrixScope.Key(id, side.Parsed));
            });
        var both = bases.FirstOrDefault(plain.Contains);
        return both is null ? null : both + "⁺, the pseudoinverse of " + both;
    }
}
