using SymKl.Latex.Syntax;

namespace SymKl.Latex;

internal sealed partial class Parser
{
    /// <summary>The kernel name of the argument placeholder: one name, so every \cdot of a statement is the same argument.</summary>
    internal const string PlaceholderName = "\\cdot";

    /// <summary>
    /// \log_2(\cdot), f(\cdot, y), p(\cdot \mid x): a centred dot that fills a whole argument slot (right after '(' or ',' and
    /// right before ')' or ','), read as a placeholder for "any argument" rather than a product sign with nothing on either
    /// side. Every placeholder of a statement stands for the same value, so \log_2(\cdot) = \log(\cdot)/\log 2 is the identity
    /// in that value, as its writer means.
    /// </summary>
    private bool IsArgumentPlaceholder(Token t)
    {
        if (_numberSplit > 0 || t.Kind != TokenKind.Command || t.Text is not ("cdot" or "bullet")) return false;
        var index = CurrentIndex;
        if (_tokens[index].Span.Start != t.Span.Start) return false;
        var before = index - 1;
        while (before >= 0 && Raw(before).Kind is TokenKind.Space or TokenKind.Quad) before--;
        if (before < 0) return false;
        var open = Raw(before);
        var opens = open.IsSymbol("(") || open.IsSymbol(",") || open.Kind == TokenKind.Command && open.Text is "mid";
        if (!opens) return false;
        var close = Raw(SkipSpaceTokens(index + 1));
        return close.IsSymbol(")") || close.IsSymbol(",") || close.Kind == TokenKind.Command && close.Text is "right" or "mid";
    }

    private SyntaxNode ParsePlaceholder()
    {
        var t = Advance();
        return new Identifier(t.Span, PlaceholderName);
    }
}
