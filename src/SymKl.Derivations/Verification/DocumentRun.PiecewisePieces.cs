using System.Text.RegularExpressions;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "$p(x) = 1/x^2$ for $x \ge 1$ and $p(x) = 0$ otherwise": the second equation gives p its value on the rest of its
/// domain, a piece of a piecewise definition. Read as a claim it contradicts the first piece (the text never says
/// 1/x² = 0). An equation in running prose whose left side is a function of bare variables (p(x), f(x, y)) and whose
/// words right after are "otherwise", "elsewhere", "everywhere else" or "for all other …" is such a piece: skipped as a
/// definition, not checked. It defines nothing for later use either (the value there is the text's, for its region).
/// A value at a point (p(2) = 0 otherwise) or a display equation is not read so.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex OtherRegion = new(
        @"^\s*,?\s*(?:otherwise|elsewhere|everywhere\s+else|else|for\s+all\s+other|for\s+every\s+other|for\s+other\s+values|outside)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>f(x) or f(x, y): a function written at bare variables.</summary>
    private static readonly Regex FunctionOfVariables = new(
        @"^\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?\s*(?:\\left)?\(\s*\\?[A-Za-z]+(?:\s*,\s*\\?[A-Za-z]+)*\s*(?:\\right)?\)$",
        RegexOptions.CultureInvariant);

    /// <summary>True when <paramref name="left"/> = … is the piece of a piecewise definition on "the rest" of the domain.</summary>
    private bool IsOtherPiece(Operand left, RelationOperator op, bool first, int operatorCount)
    {
        if (_block is not { Kind: Markdown.MathBlockKind.Inline } block || !first || operatorCount != 1) return false;
        if (op.Kind != RelationKind.Equal || op.Negated) return false;
        if (!FunctionOfVariables.IsMatch(left.Text)) return false;
        return OtherRegion.IsMatch(TextAfter(block));
    }
}
