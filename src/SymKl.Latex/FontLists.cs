using System.Text;

namespace SymKl.Latex;

/// <summary>
/// A bold command over a list of names, <c>\mathbf{X, Z}</c>: MathJax sets every name of the list in bold, and the
/// author means the list of the bold variables (p(\mathbf{X, Z}) is the joint of \mathbf{X} and \mathbf{Z}). The text is
/// rewritten to <c>\mathbf{X}, \mathbf{Z}</c> before it is parsed, so each variable is spelled as it is elsewhere in the
/// document (later layers name variables by their text); a map sends each character of the result to the offset it
/// came from, so positions still point at what the author wrote. Only lists of single letters or Greek letters are
/// rewritten: anything else in the group (an operator, a subscript, a number) is left for the parser.
/// </summary>
public static class FontLists
{
    private static readonly string[] BoldCommands = ["mathbf", "boldsymbol", "bm", "pmb", "mathbfit"];

    /// <summary>Whether the text may hold such a list (a cheap test before <see cref="Rewrite"/>).</summary>
    public static bool Touches(string text)
    {
        foreach (var command in BoldCommands)
            if (text.IndexOf("\\" + command, StringComparison.Ordinal) >= 0 && text.IndexOf(',') >= 0) return true;
        return false;
    }

    /// <summary>
    /// The text with every bold list written name by name, and for each character of the result (and one past its end)
    /// the offset in <paramref name="text"/> it came from; the text itself (and the identity map) when there is none.
    /// </summary>
    public static string Rewrite(string text, out int[] offsets)
    {
        var sb = new StringBuilder(text.Length + 16);
        var map = new List<int>(text.Length + 17);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && TryReadList(text, i, out var command, out var items, out var commas, out var end))
            {
                for (var k = 0; k < items.Count; k++)
                {
                    if (k > 0)
                    {
                        sb.Append(", ");
                        map.Add(commas[k - 1]);
                        map.Add(commas[k - 1]);
                    }
                    // \mathbf{ and } carry the command's offset; the name its own.
                    var head = "\\" + command + "{";
                    sb.Append(head);
                    for (var c = 0; c < head.Length; c++) map.Add(i);
                    sb.Append(items[k].Name);
                    for (var c = 0; c < items[k].Name.Length; c++) map.Add(items[k].At + Math.Min(c, items[k].Name.Length - 1));
                    sb.Append('}');
                    map.Add(end - 1);
                }
                i = end;
                continue;
            }
            // An escaped backslash (a row break) is copied whole, so '\\mathbf' after it is not a command.
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '\\')
            {
                sb.Append("\\\\");
                map.Add(i);
                map.Add(i + 1);
                i += 2;
                continue;
            }
            sb.Append(text[i]);
            map.Add(i);
            i++;
        }
        map.Add(text.Length);
        offsets = [.. map];
        return sb.ToString();
    }

    /// <summary>\mathbf{X, Z} at <paramref name="at"/>: the command, the names (with their offsets), the commas' offsets and the end.</summary>
    private static bool TryReadList(string text, int at, out string command, out List<(string Name, int At)> items, out List<int> commas, out int end)
    {
        command = "";
        items = [];
        commas = [];
        end = at;
        var i = at + 1;
        while (i < text.Length && char.IsLetter(text[i])) i++;
        var name = text.Substring(at + 1, i - at - 1);
        if (Array.IndexOf(BoldCommands, name) < 0) return false;
        command = name;
        i = SkipSpaces(text, i);
        if (i >= text.Length || text[i] != '{') return false;
        i++;
        while (true)
        {
            i = SkipSpaces(text, i);
            if (i >= text.Length) return false;
            var start = i;
            if (IsAsciiLetter(text[i]))
                i++;
            else if (text[i] == '\\')
            {
                var j = i + 1;
                while (j < text.Length && IsAsciiLetter(text[j])) j++;
                if (!Symbols.Greek.Contains(text.Substring(i + 1, j - i - 1))) return false;
                i = j;
            }
            else return false;
            items.Add((text.Substring(start, i - start), start));
            i = SkipSpaces(text, i);
            if (i >= text.Length) return false;
            if (text[i] == '}')
            {
                end = i + 1;
                return items.Count >= 2;
            }
            if (text[i] != ',') return false;
            commas.Add(i);
            i++;
        }
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
}
