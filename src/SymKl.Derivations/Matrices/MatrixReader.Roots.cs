using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SyntaxPower = SymKl.Latex.Syntax.Power;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// Half-integer powers of a matrix (Σ^{1/2}, Σ^{-1/2}, Σ^{3/2}): the powers of its symmetric positive definite square
/// root, the only root the notation names for a covariance. Read for a matrix the text declares symmetric positive definite
/// (a covariance, Σ ≻ 0: drawn as R² so that the root R is exact) and for a diagonal matrix with positive entries (the root
/// entry by entry); any other matrix has no root this layer can name, and the step says so.
/// </summary>
internal sealed partial class MatrixReader
{
    private const int MaxHalfPower = 8;

    /// <summary>The names a statement raises to a half-integer power: they are drawn as squares (MatrixInstance.Rooted).</summary>
    public static HashSet<string> HalfPowerNames(SyntaxNode side, ParseResult parsed)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in side.DescendantsAndSelf())
            if (node is SyntaxPower { Base: var b, Exponent: var e } && MatrixScope.Unwrap(b) is Identifier id && HalfNumerator(ExponentText(e, parsed)) is not null)
                names.Add(MatrixScope.Key(id, parsed));
        return names;
    }

    /// <summary>An exponent written as an odd number of halves (1/2, -\frac{1}{2}, 3/2).</summary>
    public static bool IsHalfPower(SyntaxNode exponent, ParseResult parsed) => HalfNumerator(ExponentText(exponent, parsed)) is not null;

    private static string ExponentText(SyntaxNode exponent, ParseResult parsed) => parsed.GetText(exponent.Span).Replace(" ", "").Trim('{', '}');

    /// <summary>k for an exponent k/2 with k odd, written 1/2, -1/2, \frac{1}{2}, -\frac12, \tfrac{3}{2}; null otherwise.</summary>
    private static int? HalfNumerator(string text)
    {
        var negative = text.StartsWith("-", StringComparison.Ordinal);
        var rest = negative ? text.Substring(1) : text;
        foreach (var prefix in new[] { "\\frac", "\\tfrac", "\\dfrac" })
            if (rest.StartsWith(prefix, StringComparison.Ordinal)) rest = rest.Substring(prefix.Length).Replace("{", "").Replace("}", "") is { Length: 2 } digits ? digits[0] + "/" + digits[1] : rest;
        var parts = rest.Trim('(', ')').Split('/');
        if (parts.Length != 2 || parts[1] != "2" || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k) || k % 2 == 0 || k > MaxHalfPower) return null;
        return negative ? -k : k;
    }

    /// <summary>
    /// M^{k/2} for a square M whose symmetric positive definite root is known; null for an exponent that is not a half-integer
    /// (the integer powers are read elsewhere). Throws, naming what is missing, for a root this layer cannot name.
    /// </summary>
    private MatrixValue? HalfPower(SyntaxNode baseNode, MatrixValue value, Expr exponent, ParseResult parsed)
    {
        if (exponent is not Num { Value: var q } || q.IsInteger || q.Denominator != 2 || BigIntegerAbs(q.Numerator) > MaxHalfPower) return null;
        var k = (int)q.Numerator;
        if (!value.IsSquare) return null;
        MatrixValue? root = null;
        if (MatrixScope.Unwrap(baseNode) is Identifier id) root = instance.RootOf(MatrixScope.Key(id, parsed), value);
        root ??= PositiveDiagonalRoot(value);
        if (root is null)
            throw new MatrixReadException("a " + value.Shape + " matrix to the power " + LatexPrinter.Print(exponent)
                + ", whose symmetric square root is read only for a matrix the document declares symmetric positive definite (a covariance, Σ ≻ 0) or a diagonal one with positive entries");
        var factor = k < 0 ? root.Inverse() : root;
        var result = MatrixValue.Identity(value.Rows);
        for (var i = 0; i < Math.Abs(k); i++) result = MatrixValue.Multiply(result, factor);
        return result;
    }

    private static int BigIntegerAbs(System.Numerics.BigInteger n) => n < -1000 || n > 1000 ? 1000 : (int)System.Numerics.BigInteger.Abs(n);

    /// <summary>diag(√d₁, …, √dₙ) for a diagonal matrix of positive numbers; null otherwise.</summary>
    private static MatrixValue? PositiveDiagonalRoot(MatrixValue value)
    {
        var diagonal = new Expr[value.Rows];
        for (var i = 0; i < value.Rows; i++)
            for (var j = 0; j < value.Columns; j++)
            {
                var entry = value[i, j];
                if (i != j) { if (entry is not Num { Value.IsZero: true } && !entry.Equals(Ex.Zero)) return null; }
                else if (entry is Num { Value: var v } && v.Sign > 0) diagonal[i] = Ex.Sqrt(entry);
                else return null;
            }
        return MatrixValue.Diagonal(diagonal);
    }
}
