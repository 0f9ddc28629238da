using System.Text.RegularExpressions;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "If there is an x with p(x) > 0 and q(x) = 0, then KL(P ‖ Q) = ∞": the divergence's term p(x) log(p(x)/q(x)) is +∞
/// there, so the whole sum or integral diverges. Decided from the condition the sentence states, never from values at
/// sample points (all finite).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>p(x) > 0 (or ≠ 0, \gt 0) and q(x) = 0 in the words before the math: the density letters and the point.</summary>
    private static readonly Regex PositiveAt = new(@"(?<![A-Za-z\\])(?<d>[a-zA-Z])(?:_\{?[A-Za-z0-9]+\}?)?\s*\(\s*(?<x>[a-z])\s*\)\s*(?:>|\\gt|\\neq|\\ne)\s*0(?![0-9.])", RegexOptions.CultureInvariant);

    private static readonly Regex ZeroAt = new(@"(?<![A-Za-z\\])(?<d>[a-zA-Z])(?:_\{?[A-Za-z0-9]+\}?)?\s*\(\s*(?<x>[a-z])\s*\)\s*=\s*0(?![0-9.])", RegexOptions.CultureInvariant);

    /// <summary>
    /// KL(P ‖ Q) = +∞ after a sentence that says P's density is positive where Q's is zero (at the same point): proved.
    /// Null otherwise (the step is then read as any other with an infinite side).
    /// </summary>
    private Verdict? DivergenceOutsideSupport(SyntaxNode left, SyntaxNode right, Expr? lhs, Expr? rhs, Symbolic.Relation relation)
    {
        if (relation != Symbolic.Relation.Equal || _block is null) return null;
        int ls = InfinitySign(left), rs = InfinitySign(right);
        if (ls + rs != 1 || ls * rs != 0) return null;
        if ((ls != 0 ? rhs : lhs) is not Functional { Which: FunctionalKind.KL, Args: [var first, var second] }) return null;
        if (DensityLetter(first) is not { } p || DensityLetter(second) is not { } q || p == q) return null;
        var (before, _) = SentenceAroundBlock();
        var positive = new HashSet<string>(PositiveAt.Matches(before).Cast<Match>().Where(m => m.Groups["d"].Value == p).Select(m => m.Groups["x"].Value), StringComparer.Ordinal);
        var zero = ZeroAt.Matches(before).Cast<Match>().Where(m => m.Groups["d"].Value == q).Select(m => m.Groups["x"].Value);
        if (!zero.Any(positive.Contains)) return null;
        return new Verdict(VerdictKind.Proved, "where " + p + "(x) > 0 and " + q + "(x) = 0 (the condition the sentence states), the divergence's term "
            + p + "(x) log(" + p + "(x)/" + q + "(x)) is +∞, so KL(" + p + " ‖ " + q + ") diverges", null, null, 0);
    }

    /// <summary>The letter of a distribution's density as a text writes it: P → p, q → q.</summary>
    private static string? DensityLetter(Expr e) => e switch
    {
        Sym { Name: [var c] } => char.ToLowerInvariant(c).ToString(),
        Apply { Name: [var c] } => char.ToLowerInvariant(c).ToString(),
        _ => null,
    };
}
