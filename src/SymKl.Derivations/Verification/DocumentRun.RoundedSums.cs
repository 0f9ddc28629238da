using System.Globalization;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// \sqrt{0.59} \cdot 0.5 + \sqrt{0.41} \cdot 0.8 = 0.384 + 0.512: a side that only adds and subtracts decimals, each the
/// value of a term rounded to the digits written, may be off by half a unit in the last digit of each. Beside a side that
/// is no such sum, the step holds when the gap is within that; within twice that (a truncated or differently rounded
/// term) it is not refuted; anything larger stays refuted. A single decimal is <see cref="DocumentRun.RoundedDecimal"/>'s.
/// </summary>
internal sealed partial class DocumentRun
{
    private static Verdict RoundedDecimalSum(Verdict refuted, SyntaxNode left, SyntaxNode right)
    {
        // A point with no symbol (both sides numbers).
        if (refuted.Counterexample is not { } ce || ce.Values.Count > 0 && !(refuted.Residue is { } constant && Traversal.FreeSymbols(constant).Count == 0)) return refuted;
        var leftTerms = DecimalTerms(left);
        var rightTerms = DecimalTerms(right);
        if ((leftTerms is null) == (rightTerms is null)) return refuted;
        var (terms, value, other) = leftTerms is not null ? (leftTerms, ce.Rhs, right) : (rightTerms!, ce.Lhs, left);
        if (terms.Count < 2 || double.IsNaN(value) || double.IsInfinity(value)) return refuted;
        // Each decimal may be the rounding of its own term only when the other side has as many terms; otherwise the sum is
        // one value written to its finest place (√10 = 3.1 + 0.06 to two places; 2 = 1.9 + 0.14 is 2.04, refuted).
        var termwise = TermCount(other) == terms.Count;
        double written = 0, allowance = 0;
        foreach (var (digits, negative) in terms)
        {
            if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return refuted;
            written += negative ? -number : number;
            if (digits.IndexOf('.') is var dot and >= 0 && digits.Length - dot - 1 > 0)
            {
                var half = Math.Pow(10, -(digits.Length - dot - 1)) / 2;
                allowance = termwise ? allowance + half : allowance == 0 ? half : Math.Min(allowance, half);
            }
        }
        if (allowance == 0) return refuted;
        var gap = Math.Abs(value - written);
        var shown = value.ToString("G10", CultureInfo.InvariantCulture);
        var sum = written.ToString("G10", CultureInfo.InvariantCulture);
        if (gap <= allowance * (1 + 1e-9))
            return new Verdict(VerdictKind.Confirmed, "holds to the digits written: the exact value " + shown + " is within the rounding of the decimals added (" + sum + ")", refuted.Residue, null, refuted.PointsChecked);
        if (gap <= 2 * allowance * (1 + 1e-9))
            return new Verdict(VerdictKind.Unsupported, "the exact value " + shown + " differs from the decimals added (" + sum + ") by about a unit in their last written digits (truncated or differently rounded terms); not refuted", refuted.Residue, refuted.Counterexample, refuted.PointsChecked);
        return refuted;
    }

    /// <summary>How many terms a side adds and subtracts at its top level (a bracketed group is one term).</summary>
    private static int TermCount(SyntaxNode side) => side switch
    {
        Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b => TermCount(b.Left) + TermCount(b.Right),
        Unary { Operator: UnaryOperator.Negate or UnaryOperator.Plus } u => TermCount(u.Operand),
        _ => 1,
    };

    /// <summary>The decimals a side adds and subtracts (0.384 − (0.230) + 1), each with its sign; null for any other side.</summary>
    private static List<(string Digits, bool Negative)>? DecimalTerms(SyntaxNode side)
    {
        var terms = new List<(string, bool)>();
        return Collect(side, false) && terms.Any(t => t.Item1.Contains('.')) ? terms : null;

        bool Collect(SyntaxNode node, bool negative)
        {
            switch (node)
            {
                case Number { Text: var digits }:
                    terms.Add((digits, negative));
                    return true;
                case Unary { Operator: UnaryOperator.Negate } u:
                    return Collect(u.Operand, !negative);
                case Unary { Operator: UnaryOperator.Plus } u:
                    return Collect(u.Operand, negative);
                case Group { Left: Bracket.Paren, Right: Bracket.Paren } g:
                    return Collect(g.Body, negative);
                case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
                    return Collect(b.Left, negative) && Collect(b.Right, negative ^ (b.Operator == BinaryOperator.Subtract));
                default:
                    return false;
            }
        }
    }
}
