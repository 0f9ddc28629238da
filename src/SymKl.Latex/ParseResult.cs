using SymKl.Latex.Syntax;

namespace SymKl.Latex;

/// <summary>The tree of one math block and what was repaired or could not be read.</summary>
public sealed class ParseResult
{
    internal ParseResult(string text, MathDocument root, SyntaxNode? expression, IReadOnlyList<LatexDiagnostic> diagnostics)
    {
        Text = text;
        Root = root;
        Expression = expression;
        Diagnostics = diagnostics;
    }

    /// <summary>The input, unchanged: every span indexes into it.</summary>
    public string Text { get; }

    /// <summary>The rows of the block (always present; unreadable parts are ErrorNodes).</summary>
    public MathDocument? Root { get; }

    /// <summary>For <see cref="LatexParser.ParseExpression"/>: the single expression or relation. Null from ParseMath.</summary>
    public SyntaxNode? Expression { get; }

    /// <summary>Repairs (warnings) and failures (errors), ordered by position.</summary>
    public IReadOnlyList<LatexDiagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    public IEnumerable<LatexDiagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);

    public IEnumerable<LatexDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == Severity.Warning);

    /// <summary>Diagnostics whose span lies in (or touches) the given span, e.g. those of one row.</summary>
    public IEnumerable<LatexDiagnostic> DiagnosticsIn(TextSpan span) => Diagnostics.Where(d => d.Span.OverlapsWith(span));

    public LinePosition GetLinePosition(int offset) => SourceLocation.GetLinePosition(Text, offset);

    public string GetText(TextSpan span)
    {
        int start = Math.Max(0, Math.Min(span.Start, Text.Length));
        int end = Math.Max(start, Math.Min(span.End, Text.Length));
        return Text.Substring(start, end - start);
    }

    public override string ToString() => SyntaxPrinter.Print((SyntaxNode?)Expression ?? Root);
}
