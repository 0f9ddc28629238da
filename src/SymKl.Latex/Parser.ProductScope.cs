using SymKl.Latex.Syntax;

namespace SymKl.Latex;

/// <summary>
/// \prod_{i=1}^n \left[ f_i \right] g: a product whose operand is a bracket is closed by that bracket when the factors
/// after it do not mention the index: the reader takes (\prod_i f_i) g, not \prod_i (f_i g) = g^n \prod_i f_i. A factor
/// that does mention the index (\prod_i [a_i] b_i) can only be inside the product, so then the scope runs on as before.
/// </summary>
internal sealed partial class Parser
{
    private static SyntaxNode ProductClosedAtBracket(TextSpan start, SyntaxNode? lower, SyntaxNode? upper, SyntaxNode body, Func<TextSpan, TextSpan> spanTo)
    {
        if (body is not ImplicitMultiplication { Factors.Count: >= 2 } product || !IsBracketOperand(product.Factors[0])) return new Product(spanTo(body.Span), lower, upper, body);
        if (ProductIndexName(lower) is not { } index) return new Product(spanTo(body.Span), lower, upper, body);
        var rest = product.Factors.Skip(1).ToList();
        if (rest.Any(f => f.DescendantsAndSelf().Any(n => n is Identifier id && id.Name == index))) return new Product(spanTo(body.Span), lower, upper, body);
        var first = product.Factors[0];
        var closed = new Product(spanTo(first.Span), lower, upper, first);
        return new ImplicitMultiplication(TextSpan.FromBounds(start.Start, body.Span.End), new SyntaxNode[] { closed }.Concat(rest).ToList(), false);
    }

    /// <summary>( … ), [ … ], \left[ … \right] (or such a bracket raised to a power).</summary>
    private static bool IsBracketOperand(SyntaxNode factor) =>
        (factor is Power { Base: var b } ? b : factor) is Group { Left: Bracket.Paren or Bracket.Square } g && g.Right == g.Left;

    /// <summary>i in \prod_{i=1}^n or \prod_i; nothing when the index is not one plain name.</summary>
    private static string? ProductIndexName(SyntaxNode? lower) => lower switch
    {
        Identifier { Subscript: null } id => id.Name,
        Relation { Operands.Count: 2 } r when r.Operands[0] is Identifier { Subscript: null } id => id.Name,
        _ => null,
    };
}
