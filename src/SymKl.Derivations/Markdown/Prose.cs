using System.Text;

namespace SymKl.Derivations.Markdown;

/// <summary>A Markdown heading: where it starts and its level (1 for <c>#</c>), so that scopes can end at sections.</summary>
public readonly record struct Heading(int Offset, int End, int Level);

/// <summary>
/// Finds the prose that introduces each piece of math: the words between it and the math before it, back to
/// the start of their sentence. A display that starts a paragraph is introduced by the last sentence of the
/// paragraph before it ("… is defined as:"). Sentences end at '.', '!' or '?' followed by a space, at a blank
/// line and at a heading; ';' and ',' do not end them ("so $a = b$; summing, $c = 1$").
/// </summary>
internal static class Prose
{
    private static readonly string[] Relations = ["=", "<", ">", "\\le", "\\ge", "\\ne", "\\sim", "\\in", "\\approx", "\\propto", "\\equiv", "\\to", "\\mapsto"];

    /// <param name="start">Where the prose starts (after the front matter).</param>
    public static void Attach(string text, int start, IReadOnlyList<MathBlock> blocks, IReadOnlyList<Heading> headings)
    {
        var previousEnd = start;
        var first = true;
        var sentence = string.Empty;
        var relation = false;
        var condition = false;
        foreach (var block in blocks)
        {
            var gapStart = Math.Min(previousEnd, block.Offset);
            var gap = Clean(text.Substring(gapStart, block.Offset - gapStart), gapStart, headings);
            var sentences = Split(gap, out var boundary, out var leading);
            block.NewParagraph = first || gap.Contains("\n\n") || gap.Replace(" ", string.Empty).Replace("\t", string.Empty).Contains("\n\n");
            // No boundary in the gap: the math continues the sentence of the math before it.
            block.ContinuesSentence = !first && !boundary;
            block.FollowsMath = !first && !gap.Any(char.IsLetterOrDigit);
            block.ProseBefore = sentences.Count > 0 ? sentences[sentences.Count - 1] : string.Empty;
            // The sentence goes on past inline math: its words before that math still introduce this one.
            // ("we set the derivative with respect to $r_j$ to zero:" and a display after the blank line).
            // Math that states a relation took the words before it ("solving $x^2 = 4$: $x = 2$"): the sentence starts anew after it.
            sentence = !first && !leading && sentences.Count <= 1 && sentence.Length > 0 && !relation ? (sentence + " $ " + block.ProseBefore).TrimEnd() : block.ProseBefore;
            block.SentenceBefore = sentence;
            // Across inline math (relations included) until a sentence ends: the clause state of CJK prose.
            condition = CjkClause.Scan(!first && !boundary && condition, !first && !boundary ? gap : block.ProseBefore);
            block.InCjkCondition = condition;
            relation = Relations.Any(r => block.Text.Contains(r));
            previousEnd = Math.Max(previousEnd, block.Offset + block.Length);
            first = false;
        }
    }

    /// <summary>The gap with delimiters, comments, markup and headings reduced: headings become paragraph breaks.</summary>
    private static string Clean(string gap, int gapStart, IReadOnlyList<Heading> headings)
    {
        var sb = new StringBuilder(gap.Length);
        var wasHeading = false;
        for (var i = 0; i < gap.Length; i++)
        {
            var c = gap[i];
            var at = gapStart + i;
            var heading = headings.Any(h => h.Offset <= at && at < h.End);
            if (heading)
            {
                // Nothing before a heading introduces the math after it.
                if (!wasHeading) sb.Clear().Append("\n\n");
                wasHeading = true;
                continue;
            }
            wasHeading = false;
            if (c == '<' && i + 3 < gap.Length && gap[i + 1] == '!' && gap[i + 2] == '-' && gap[i + 3] == '-')
            {
                var close = gap.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? gap.Length : close + 2;
                sb.Append(' ');
                continue;
            }
            // An HTML tag (<script type="math/tex; mode=display">, <br>, </p>): markup, not words that introduce the math.
            if (c == '<' && i + 1 < gap.Length && (char.IsLetter(gap[i + 1]) || gap[i + 1] == '/') && TagEnd(gap, i) is var tagEnd and > 0)
            {
                i = tagEnd;
                sb.Append(' ');
                continue;
            }
            // A Hugo shortcode ({{< math >}}, {{% notice %}}): markup around the math, not words that introduce it.
            if (c == '{' && i + 2 < gap.Length && gap[i + 1] == '{' && gap[i + 2] is '<' or '%' && gap.IndexOf("}}", i + 3, StringComparison.Ordinal) is var shortcodeEnd and > 0
                && gap.IndexOf('\n', i) is var lineEnd && (lineEnd < 0 || shortcodeEnd < lineEnd))
            {
                i = shortcodeEnd + 1;
                sb.Append(' ');
                continue;
            }
            // A Liquid tag ({% katexmm %} … {% endkatexmm %} around display math in Jekyll): markup as well, so the words before
            // it ("Therefore, putting this together we get") still introduce the math after it.
            if (c == '{' && i + 1 < gap.Length && gap[i + 1] == '%' && gap.IndexOf("%}", i + 2, StringComparison.Ordinal) is var liquidEnd and > 0
                && gap.IndexOf('\n', i) is var liquidLine && (liquidLine < 0 || liquidEnd < liquidLine))
            {
                i = liquidEnd + 1;
                sb.Append(' ');
                continue;
            }
            if (c == '\\' && i + 1 < gap.Length && gap[i + 1] is '[' or ']' or '(' or ')') { i++; sb.Append(' '); continue; }
            if (c is '$' or '*' or '`' or '>' or '\r') { sb.Append(c == '\r' ? '\n' : ' '); continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Where the tag opened at <paramref name="open"/> closes ('>' on the same line, before any other '<'), or −1.</summary>
    private static int TagEnd(string gap, int open)
    {
        for (var k = open + 1; k < gap.Length; k++)
        {
            if (gap[k] == '>') return k;
            if (gap[k] is '<' or '\n' or '\r') return -1;
        }
        return -1;
    }

    /// <summary>The sentences of a gap; <paramref name="boundary"/> when a sentence ends in it, <paramref name="leading"/> when one ends before its first word.</summary>
    private static List<string> Split(string gap, out bool boundary, out bool leading)
    {
        var sentences = new List<string>();
        var current = new StringBuilder();
        boundary = false;
        leading = false;
        for (var i = 0; i < gap.Length; i++)
        {
            var c = gap[i];
            var blankLine = c == '\n' && NextLineIsBlank(gap, i);
            var stop = c is '.' or '!' or '?' && (i + 1 >= gap.Length || char.IsWhiteSpace(gap[i + 1])) && !(c == '.' && Abbreviation(gap, i));
            if (stop) current.Append(c);
            if (stop || blankLine)
            {
                if (sentences.Count == 0 && !current.ToString().Any(ch => char.IsLetterOrDigit(ch) || ch == ':')) leading = true;
                Flush(sentences, current);
                boundary = true;
                continue;
            }
            current.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
        Flush(sentences, current);
        return sentences;
    }

    /// <summary>Abbreviations whose period never ends a sentence ("e.g.", "i.e.", "w.r.t.", "cf.", "Eq.").</summary>
    private static readonly HashSet<string> InnerAbbreviations = new(StringComparer.OrdinalIgnoreCase) { "e.g.", "i.e.", "cf.", "vs.", "w.r.t.", "wrt.", "resp.", "eq.", "eqs.", "fig.", "sec.", "approx." };

    /// <summary>Abbreviations that may end a sentence but usually do not ("i.i.d. with mean μ"): a stop only before a capital.</summary>
    private static readonly HashSet<string> TrailingAbbreviations = new(StringComparer.OrdinalIgnoreCase) { "i.i.d.", "a.s.", "a.e.", "r.v.", "r.v.s." };

    /// <summary>The period at <paramref name="at"/> closes an abbreviation that does not end the sentence there.</summary>
    private static bool Abbreviation(string gap, int at)
    {
        var start = at;
        while (start > 0 && !char.IsWhiteSpace(gap[start - 1]) && gap[start - 1] is not ('(' or '[' or '"' or '\'')) start--;
        var word = gap.Substring(start, at + 1 - start);
        if (InnerAbbreviations.Contains(word)) return true;
        if (!TrailingAbbreviations.Contains(word)) return false;
        var next = at + 1;
        while (next < gap.Length && gap[next] is ' ' or '\t') next++;
        return next >= gap.Length || !char.IsUpper(gap[next]) && gap[next] != '\n';
    }

    private static bool NextLineIsBlank(string s, int newline)
    {
        for (var k = newline + 1; k < s.Length; k++)
        {
            if (s[k] == '\n') return true;
            if (!char.IsWhiteSpace(s[k])) return false;
        }
        return false;
    }

    private static void Flush(List<string> sentences, StringBuilder current)
    {
        var s = string.Join(" ", current.ToString().Split([' '], StringSplitOptions.RemoveEmptyEntries)).Trim(' ', '-', '+');
        current.Clear();
        if (s.Any(char.IsLetterOrDigit) || s.IndexOf(':') >= 0) sentences.Add(s);
    }
}
