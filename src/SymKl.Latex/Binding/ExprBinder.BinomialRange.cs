using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// \sum_N^M with the index written as the lower limit and no start value: read as N = 0 … M only when the summand
/// carries the binomial coefficient of M over N (\binom{M}{N}, or M!/(N!(M−N)!)), which is defined exactly for
/// N = 0 … M, so no other range is a sensible reading. Without it the start is unknown and the sum stays unread.
/// </summary>
internal sealed partial class Binder
{
    private const int MaxBinomialScan = 2_000;

    /// <summary>The index and the range 0 … upper when the summand names that binomial coefficient; null otherwise.</summary>
    private IndexRange? BinomialRange(Sum s)
    {
        if (s.Lower is not Identifier { Subscript: null, Primes: 0, Decoration: null, Accent: null, IsSingleSymbol: true } index || s.Upper is null) return null;
        if (s.Upper is not (Identifier { Subscript: null, Primes: 0 } or Number)) return null;
        var top = Key(s.Upper);
        var name = Key(index);
        if (!HasBinomial(s.Body, top, name)) return null;
        var upper = BindLimit(s.Upper);
        if (upper is null) return null;
        Warn(s, DiagnosticCodes.InferredVariable, "read the sum written with " + Name(index) + " under it as over " + Name(index) + " = 0 … " + Quote(s.Upper)
            + " (the range on which its binomial coefficient of " + Quote(s.Upper) + " over " + Name(index) + " is defined)");
        return new IndexRange(Ex.Sym(Name(index)), Ex.Zero, upper, null);
    }

    private static string Key(SyntaxNode node) => new(SyntaxPrinter.Print(node).Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>\binom{M}{N}, or a fraction with M! over N! (M−N)! (in any order, other factors allowed beside them).</summary>
    private static bool HasBinomial(SyntaxNode body, string top, string index)
    {
        var seen = 0;
        foreach (var node in body.DescendantsAndSelf())
        {
            if (++seen > MaxBinomialScan) return false;
            if (node is FunctionApplication { Function: "binom", Arguments: [var n, var k] } && Key(n) == top && Key(k) == index) return true;
            if (node is Fraction f && Factorials(f.Numerator).Any(n => Key(n) == top))
            {
                var below = Factorials(f.Denominator);
                if (below.Any(b => Key(b) == index) && below.Any(b => b is Binary { Operator: BinaryOperator.Subtract } d && Key(d.Left) == top && Key(d.Right) == index)) return true;
            }
        }
        return false;
    }

    /// <summary>The operands of the factorials that are factors of a product (M!, N!, (M-N)!), brackets removed.</summary>
    private static List<SyntaxNode> Factorials(SyntaxNode node) => node switch
    {
        Factorial { Operand: Group { Body: var inner } } => [inner],
        Factorial f => [f.Operand],
        ImplicitMultiplication m => [.. m.Factors.SelectMany(Factorials)],
        Binary { Operator: BinaryOperator.Multiply } b => [.. Factorials(b.Left), .. Factorials(b.Right)],
        Group { Body: var inner } => Factorials(inner),
        _ => [],
    };
}
