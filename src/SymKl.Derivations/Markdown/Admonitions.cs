using System.Text.RegularExpressions;

namespace SymKl.Derivations.Markdown;

/// <summary>
/// MkDocs (Python-Markdown admonitions, pymdownx details and tabs) writes <c>!!! note</c>, <c>??? details "Derivation"</c>
/// or <c>=== "Tab"</c> and indents the body by four spaces. CommonMark, and so Markdig, reads that body as an indented
/// code block, which would drop its math silently; the site renders it as Markdown. A code block right after such a
/// marker line is therefore read as text — except the fenced code inside it, and its code spans.
/// </summary>
internal static class Admonitions
{
    private static readonly Regex Marker = new(@"^[ \t]*(!!!|\?\?\?\+?|===)[ \t]", RegexOptions.CultureInvariant);
    private static readonly Regex Fence = new(@"^[ \t]*(```|~~~)", RegexOptions.CultureInvariant);

    /// <summary>
    /// True when the code block at <paramref name="blockStart"/> lies in the body of an admonition, details or tab marker:
    /// back over blank lines and lines indented deeper than the block's own first line allows for a marker (the body's
    /// earlier paragraphs, which Markdig takes as the marker paragraph's continuation or as other code blocks), the
    /// first line indented less than the block is such a marker.
    /// </summary>
    public static bool OpensBody(string text, int blockStart)
    {
        var lineStart = LineStart(text, Math.Min(blockStart, text.Length));
        var indent = Indent(text, lineStart);
        var budget = 10_000;
        while (lineStart > 0 && budget-- > 0)
        {
            var previous = LineStart(text, lineStart - 1);
            var line = text.Substring(previous, lineStart - previous);
            if (line.Trim().Length > 0 && Indent(text, previous) < indent) return Marker.IsMatch(line);
            lineStart = previous;
        }
        return false;
    }

    /// <summary>Columns of blank space at the start of the line (a tab to the next multiple of four).</summary>
    private static int Indent(string text, int lineStart)
    {
        var column = 0;
        for (var k = lineStart; k < text.Length && text[k] is ' ' or '\t'; k++) column = text[k] == '\t' ? column + 4 - column % 4 : column + 1;
        return column;
    }

    /// <summary>Adds the body's lines to the scanner as text, leaving out fenced code (and its fence lines) and code spans.</summary>
    public static void AddBody(string text, int start, int end, MathScanner scanner)
    {
        var inFence = false;
        var i = LineStart(text, start);
        while (i < end)
        {
            var lineEnd = MarkdownReader.LineEnd(text, i);
            var next = Math.Min(end, lineEnd < text.Length ? lineEnd + 1 : lineEnd);
            var line = text.Substring(i, lineEnd - i);
            if (Fence.IsMatch(line)) inFence = !inFence;
            else if (!inFence && lineEnd > i)
            {
                scanner.AddRegion(i, next, 0);
                ExcludeCodeSpans(text, i, lineEnd, scanner);
            }
            if (next <= i) break;
            i = next;
        }
    }

    private static void ExcludeCodeSpans(string text, int start, int end, MathScanner scanner)
    {
        var open = -1;
        for (var k = start; k < end; k++)
        {
            if (text[k] != '`') continue;
            if (open < 0) open = k;
            else
            {
                scanner.Exclude(open, k + 1);
                open = -1;
            }
        }
    }

    private static int LineStart(string text, int offset)
    {
        var k = Math.Min(offset, text.Length);
        while (k > 0 && text[k - 1] != '\n') k--;
        return k;
    }
}
