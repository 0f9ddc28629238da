using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// 9/13 ≈ 0.69…, π = 3.14159…: a decimal followed by an ellipsis is a value whose digits go on (written cut short). The side
/// is read as the decimal it writes, and the step is judged on the digits written: an '=' holds when the exact value begins
/// with them (truncated), an '≈' as any approximation to those digits (<see cref="ApproximatedDecimal"/>). A value that only
/// rounds to them under '=' is not refuted (the author may have rounded); one off by more than a unit in the last digit is.
/// Only a non-negative decimal standing alone as a side (no sign, no factor beside it): anything else stays unread.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The side read as its decimal when it is one followed by an ellipsis; else the side itself.</summary>
    private static Operand WithoutTrailingEllipsis(Operand side, out bool truncated)
    {
        truncated = false;
        if (side.Node is not ImplicitMultiplication { Factors: [Number { Text: var digits } number, Ellipsis dots] }) return side;
        // The dots right after the digits (0.69\ldots, 0.69...), not a product of a number and a list.
        if (!digits.Contains('.') || side.Parsed.GetText(TextSpan.FromBounds(number.Span.End, dots.Span.Start)).Trim().Length > 0) return side;
        truncated = true;
        return new Operand(number, side.Parsed, side.At);
    }

    /// <summary>An '=' whose decimal side was written with trailing dots, judged on the digits written (see the type).</summary>
    private static Verdict TruncatedDecimalReview(Verdict refuted, SyntaxNode left, SyntaxNode right)
    {
        if (WrittenDecimal(refuted, left, right) is not var (written, decimals, value, gap)) return refuted;
        // Only the digits of a non-negative decimal are read as cut short (a negative one is rounded, if anything).
        if (written.StartsWith("-", StringComparison.Ordinal)) return refuted;
        if (!double.TryParse(written, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)) return refuted;
        var unit = Math.Pow(10, -decimals);
        var shown = value.ToString("G10", System.Globalization.CultureInfo.InvariantCulture);
        var slack = unit * 1e-9;
        if (value >= number - slack && value < number + unit - slack)
            return new Verdict(VerdictKind.Confirmed, "the exact value " + shown + " begins with the digits written, " + written + "…", refuted.Residue, null, refuted.PointsChecked);
        if (gap <= unit * (1 + 1e-9))
            return new Verdict(VerdictKind.Unsupported, "the exact value " + shown + " does not begin with the digits written (" + written + "…) but is within a unit of the last one (a rounded value followed by dots); not refuted", refuted.Residue, refuted.Counterexample, refuted.PointsChecked);
        return refuted;
    }
}
