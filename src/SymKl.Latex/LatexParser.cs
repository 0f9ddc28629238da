using SymKl.Latex.Syntax;

namespace SymKl.Latex;

/// <summary>
/// The LaTeX math front end: text of a display or inline math block → syntax tree with spans.
/// Never throws; damaged input is repaired where the intent is unambiguous (with a warning that names the
/// repair), and anything else gives an Error diagnostic with a position and what was expected.
/// </summary>
public static class LatexParser
{
    /// <summary>Nesting budget: deeper input ends with an SK204 error instead of exhausting the stack.</summary>
    public const int MaxNestingDepth = Parser.MaxDepth;

    /// <summary>A whole display: environments, rows (\\), alignment (&amp;), several relations, continuation rows (&amp;= ...).</summary>
    public static ParseResult ParseMath(string text) => Parse(text, expressionMode: false);

    /// <summary>One expression or relation (the command line's "LHS", "RHS", "\sigma &gt; 0").</summary>
    public static ParseResult ParseExpression(string text) => Parse(text, expressionMode: true);

    private static ParseResult Parse(string? text, bool expressionMode)
    {
        text ??= "";
        var diagnostics = new DiagnosticBag();
        MathDocument root;
        SyntaxNode? expression = null;
        try
        {
            var tokens = Lexer.Tokenize(text, diagnostics);
            EvaluationBars.Restore(tokens);
            var parser = new Parser(text, tokens, diagnostics, expressionMode);
            root = parser.ParseDocument();
            diagnostics.Suppressed = false;
            if (expressionMode) expression = SingleExpression(root, text, diagnostics);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug must not take the caller down: report it where the verifier will see it.
            diagnostics.Suppressed = false;
            diagnostics.Error(new TextSpan(0, text.Length), DiagnosticCodes.InternalError, "internal error in the LaTeX parser: " + ex.Message);
            root = new MathDocument(new TextSpan(0, text.Length), Array.Empty<MathRow>(), Array.Empty<EnvironmentInfo>());
        }
        var ordered = diagnostics.Items.Select((d, i) => (d, i)).OrderBy(p => p.d.Span.Start).ThenBy(p => p.i).Select(p => p.d).ToList();
        return new ParseResult(text, root, expression, ordered);
    }

    private static SyntaxNode? SingleExpression(MathDocument root, string text, DiagnosticBag diagnostics)
    {
        var items = root.Rows.SelectMany(r => r.Items).ToList();
        if (items.Count == 0)
        {
            diagnostics.Error(new TextSpan(text.Length, 0), DiagnosticCodes.ExpectedExpression, "expected an expression, found the end of the input");
            return null;
        }
        if (items.Count > 1)
        {
            var extra = items[1];
            diagnostics.Error(TextSpan.FromBounds(extra.Span.Start, items[items.Count - 1].Span.End), DiagnosticCodes.NotSingleExpression,
                "expected a single expression or relation; found more after " + SourceLocation.Describe(text, items[0].Span.End));
        }
        return items[0];
    }
}
