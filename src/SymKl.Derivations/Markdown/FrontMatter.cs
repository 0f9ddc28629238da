namespace SymKl.Derivations.Markdown;

/// <summary>
/// A small reader for front matter: YAML between <c>---</c> lines (Jekyll, Hugo) or TOML between <c>+++</c>
/// lines (Hugo). It reads top-level <c>key: value</c> (or <c>key = value</c>) pairs, with indented list items
/// or block-scalar lines after a key joined by newlines; nested structure is not interpreted.
/// The <c>symkl</c> key's entries become annotations, with positions.
/// </summary>
internal sealed class FrontMatter
{
    private FrontMatter(int length, Dictionary<string, string> values, List<Annotation> annotations)
    {
        Length = length;
        Values = values;
        Annotations = annotations;
    }

    /// <summary>Characters from the start of the file to the end of the closing line (its line ending included).</summary>
    public int Length { get; }

    public Dictionary<string, string> Values { get; }

    public List<Annotation> Annotations { get; }

    public static FrontMatter? Read(SourceText source)
    {
        var first = source.GetLineText(1).TrimEnd();
        string close;
        char separator;
        if (first == "---") { close = "---"; separator = ':'; }
        else if (first == "+++") { close = "+++"; separator = '='; }
        else return null;

        var closeLine = 0;
        for (var line = 2; line <= source.LineCount; line++)
        {
            var t = source.GetLineText(line).TrimEnd();
            if (t == close || (close == "---" && t == "...")) { closeLine = line; break; }
        }
        if (closeLine == 0) return null;

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var annotations = new List<Annotation>();
        var line2 = 2;
        while (line2 < closeLine)
        {
            var text = source.GetLineText(line2);
            var keyEnd = text.IndexOf(separator);
            if (text.Length == 0 || char.IsWhiteSpace(text[0]) || text[0] == '#' || keyEnd <= 0)
            {
                line2++;
                continue;
            }
            var key = text.Substring(0, keyEnd).Trim().Trim('"', '\'');
            var isSymkl = key.Equals("symkl", StringComparison.OrdinalIgnoreCase);
            var lineStart = source.GetLineStart(line2);
            var parts = new List<string>();

            // The value on the key's own line (a block-scalar marker such as "|" carries none).
            var (inline, inlineAt) = Scalar(text, keyEnd + 1);
            if (inline.Length > 0 && inline != "|" && inline != ">" && inline != "|-" && inline != ">-")
            {
                parts.Add(inline);
                if (isSymkl) annotations.AddRange(DirectiveParser.ParseLines(source, AnnotationSource.FrontMatter, inline, lineStart + inlineAt));
            }

            // Indented lines that follow belong to this key.
            line2++;
            while (line2 < closeLine)
            {
                var next = source.GetLineText(line2);
                if (next.Trim().Length > 0 && !char.IsWhiteSpace(next[0]) && next[0] != '-') break;
                var i = 0;
                while (i < next.Length && char.IsWhiteSpace(next[i])) i++;
                if (i < next.Length && next[i] == '-' && (i + 1 == next.Length || char.IsWhiteSpace(next[i + 1]))) i++;
                var (item, itemAt) = Scalar(next, i);
                if (item.Length > 0)
                {
                    parts.Add(item);
                    if (isSymkl) annotations.AddRange(DirectiveParser.ParseLines(source, AnnotationSource.FrontMatter, item, source.GetLineStart(line2) + itemAt));
                }
                line2++;
            }
            values[key] = string.Join("\n", parts);
        }

        var length = closeLine < source.LineCount ? source.GetLineStart(closeLine + 1) : source.Text.Length;
        return new FrontMatter(length, values, annotations);
    }

    /// <summary>The scalar starting at or after <paramref name="from"/>: trimmed, outer quotes removed, with its offset in the line.</summary>
    private static (string Value, int Offset) Scalar(string line, int from)
    {
        var i = from;
        while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
        var end = line.Length;
        while (end > i && char.IsWhiteSpace(line[end - 1])) end--;
        if (end - i >= 2 && (line[i] == '"' || line[i] == '\'') && line[end - 1] == line[i])
        {
            var inner = line.Substring(i + 1, end - i - 2);
            // YAML doubles a single quote inside single quotes; LaTeX backslashes stay as written.
            if (line[i] == '\'') inner = inner.Replace("''", "'");
            return (inner, i + 1);
        }
        var value = line.Substring(i, end - i);
        // An unquoted YAML comment starts with " #".
        var hash = value.IndexOf(" #", StringComparison.Ordinal);
        if (hash >= 0) value = value.Substring(0, hash).TrimEnd();
        return (value, i);
    }
}
