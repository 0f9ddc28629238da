using System.Text.RegularExpressions;

namespace SymKl.Derivations.Markdown;

/// <summary>
/// Finds the Markdown list item a piece of math stands in, and the words that introduce its list: "The pseudoinverse
/// satisfies the following defining properties:" or "Let" before a bulleted list of equations. A reader takes those words
/// as said of every item, not only of the first (whose prose before already holds them).
/// </summary>
internal static class ListItems
{
    private static readonly Regex Bullet = new(@"^(?<indent>[ \t]*)(?:[-*+]|\d{1,3}[.)])[ \t]+", RegexOptions.CultureInvariant);

    /// <summary>How many lines up a walk may go: lists longer than this are read item by item, as before.</summary>
    private const int LineBudget = 200;

    /// <summary>Sets <see cref="MathBlock.ListLead"/>, <see cref="MathBlock.ListStart"/> and <see cref="MathBlock.ItemStart"/> of each block.</summary>
    public static void Attach(string text, int start, IReadOnlyList<MathBlock> blocks)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++) if (text[i] == '\n') lineStarts.Add(i + 1);
        foreach (var block in blocks)
        {
            if (block.Offset < start || block.Offset > text.Length) continue;
            var line = LineOf(lineStarts, block.Offset);
            if (Find(text, start, lineStarts, line) is { } found)
            {
                block.ListLead = found.Lead;
                block.ListStart = found.ListStart;
                block.ItemStart = found.ItemStart;
            }
        }
    }

    private static int LineOf(List<int> lineStarts, int offset)
    {
        var at = lineStarts.BinarySearch(offset);
        return at >= 0 ? at : ~at - 1;
    }

    private static string Line(string text, List<int> lineStarts, int line)
    {
        var from = lineStarts[line];
        var to = line + 1 < lineStarts.Count ? lineStarts[line + 1] : text.Length;
        return text.Substring(from, to - from).TrimEnd('\n', '\r');
    }

    private static int Indent(string line)
    {
        var n = 0;
        foreach (var c in line)
        {
            if (c == ' ') n++;
            else if (c == '\t') n += 4;
            else break;
        }
        return n;
    }

    /// <summary>The item holding line <paramref name="line"/>, its list's first item and the words before that list; null outside a list.</summary>
    private static (string Lead, int ListStart, int ItemStart)? Find(string text, int start, List<int> lineStarts, int line)
    {
        var own = Line(text, lineStarts, line);
        var ownIndent = Indent(own);
        var item = -1;
        var itemIndent = 0;
        // The item: this line, or the nearest bullet above it that its (indented) content hangs from.
        for (var k = line; k >= 0 && line - k <= LineBudget && lineStarts[k] >= start; k--)
        {
            var s = Line(text, lineStarts, k);
            if (string.IsNullOrWhiteSpace(s)) continue;
            var m = Bullet.Match(s);
            // A bullet above at the math's own indent holds it too (content may sit level with its marker).
            if (m.Success && (k == line || Indent(s) <= ownIndent)) { item = k; itemIndent = Indent(s); break; }
            if (k != line && Indent(s) == 0) return null;
            if (k == line && ownIndent == 0) return null;
        }
        if (item < 0) return null;
        // The list: sibling items and their content above, up to the words that introduce it.
        var first = item;
        for (var k = item - 1; k >= 0 && item - k <= LineBudget && lineStarts[k] >= start; k--)
        {
            var s = Line(text, lineStarts, k);
            if (string.IsNullOrWhiteSpace(s)) continue;
            var indent = Indent(s);
            if (indent > itemIndent) continue;
            if (indent == itemIndent && Bullet.IsMatch(s)) { first = k; continue; }
            // A heading, a rule or a fence ends the list with no words to introduce it.
            var trimmed = s.Trim();
            if (trimmed.StartsWith("#", StringComparison.Ordinal) || trimmed.StartsWith("---", StringComparison.Ordinal) || trimmed.StartsWith("$$", StringComparison.Ordinal)
                || trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith(":::", StringComparison.Ordinal))
                return ("", lineStarts[first], lineStarts[item]);
            // The parent item (a bullet less indented) or a line of prose: its last sentence introduces the list.
            var words = Bullet.Match(s) is { Success: true } parent ? s.Substring(parent.Length) : s;
            return (LastSentence(words), lineStarts[first], lineStarts[item]);
        }
        return ("", lineStarts[first], lineStarts[item]);
    }

    /// <summary>The last sentence of a line, markup removed ("**Let**" reads "Let").</summary>
    private static string LastSentence(string line)
    {
        var plain = line.Replace("**", " ").Replace("__", " ").Replace('`', ' ').Replace('*', ' ').Trim();
        for (var i = plain.Length - 2; i >= 0; i--)
            if (plain[i] is '.' or '!' or '?' && char.IsWhiteSpace(plain[i + 1])) return plain.Substring(i + 1).Trim();
        return plain;
    }
}
