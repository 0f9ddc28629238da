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

    /// <summary>True when the nearest non-blank line before <paramref name="blockStart"/> is an admonition, details or tab marker.</summary>
    public static bool OpensBody(string text, int blockStart)
    {
        var lineStart = LineStart(text, Math.Min(blockStart, text.Length));
        while (lineStart > 0)
        {
            var previous = LineStart(text, lineStart - 1);
            var line = text.Substring(previous, lineStart - previous);
            if (line.Trim().Length > 0) return Marker.IsMatch(line);
            lineStart = previous;
        }
        return false;
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
