using SymKl.Derivations.Markdown;

namespace SymKl.Generators.Derivations;

/// <summary>A value in the front matter and where it is in the file.</summary>
internal sealed record Located(string Text, int Offset, int Line, int Column);

/// <summary>
/// The <c>generate:</c> block of a derivation's front matter: the method the verified result becomes.
/// <code>
/// generate:
///   method: NormalNormal
///   parameters: [\mu_1, \sigma_1, \mu_2, \sigma_2]
///   result: \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac{1}{2}
///   sum: d                         (optional: the result is Σ_d of a term; parameters are spans)
///   finite-when: [a_2 \le a_1, b_1 \le b_2]   (optional: +∞ where a condition fails)
///   title: …                       (optional: else the document's title)
///   pair: Normal(Mean = \mu_1, StdDev = \sigma_1) || Normal(Mean = \mu_2, StdDev = \sigma_2)
///                                  (optional: the distribution types of p and q and the member of each that gives a
///                                   parameter; the method then joins the generated dispatch KlPairs.Divergence)
///   careful: …                     (optional: an equal form written with the careful functions of
///                                   Markers.FromLatexName; the emitter proves or confirms it equal to
///                                   the result and prefers it, see derivations/README.md)
/// </code>
/// A parameter may name its C# identifier: <c>v_d as logVar</c>. Values are single lines; lists are
/// written [a, b] (commas inside braces or parentheses do not split) or as "- item" lines.
/// </summary>
internal sealed class GenerateSpec
{
    public required Located Block { get; init; }
    public Located? Method { get; init; }
    public Located? Result { get; init; }
    public Located? Sum { get; init; }
    public Located? Title { get; init; }
    public Located? Careful { get; init; }
    public Located? Pair { get; init; }
    public IReadOnlyList<Located> Parameters { get; init; } = [];
    public IReadOnlyList<Located> FiniteWhen { get; init; } = [];
    public IReadOnlyList<Located> Unknown { get; init; } = [];

    private static readonly string[] Keys = ["method", "parameters", "result", "sum", "finite-when", "title", "careful", "pair"];

    /// <summary>The block, or null when the file has no front matter with a generate key.</summary>
    public static GenerateSpec? Read(DerivationDocument document)
    {
        var source = document.Source;
        if (source.LineCount < 2 || source.GetLineText(1).TrimEnd() != "---") return null;
        var close = 0;
        for (var line = 2; line <= source.LineCount; line++)
        {
            var t = source.GetLineText(line).TrimEnd();
            if (t == "---" || t == "...") { close = line; break; }
        }
        if (close == 0) return null;

        var start = 0;
        for (var line = 2; line < close; line++)
        {
            var t = source.GetLineText(line);
            if (t.StartsWith("generate:", StringComparison.Ordinal)) { start = line; break; }
        }
        if (start == 0) return null;

        var values = new Dictionary<string, List<Located>>(StringComparer.Ordinal);
        var unknown = new List<Located>();
        string? listKey = null;
        for (var line = start + 1; line < close; line++)
        {
            var text = source.GetLineText(line);
            if (text.Trim().Length == 0 || text.TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
            if (!char.IsWhiteSpace(text[0])) break;
            var lineStart = source.GetLineStart(line);
            var i = 0;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (text[i] == '-' && listKey is not null)
            {
                var (item, at) = Scalar(text, i + 1);
                values[listKey].Add(new Located(item, lineStart + at, line, at + 1));
                continue;
            }
            var colon = text.IndexOf(':', i);
            if (colon < 0) { unknown.Add(new Located(text.Trim(), lineStart + i, line, i + 1)); continue; }
            var key = text.Substring(i, colon - i).Trim();
            if (!Keys.Contains(key)) { unknown.Add(new Located(key, lineStart + i, line, i + 1)); listKey = null; continue; }
            var list = new List<Located>();
            values[key] = list;
            var (value, valueAt) = Scalar(text, colon + 1);
            listKey = key;
            if (value.Length == 0) continue;
            if (key is "parameters" or "finite-when" && value.StartsWith("[", StringComparison.Ordinal))
            {
                foreach (var (item, offset) in SplitList(value))
                    list.Add(new Located(item, lineStart + valueAt + offset, line, valueAt + offset + 1));
            }
            else
            {
                list.Add(new Located(value, lineStart + valueAt, line, valueAt + 1));
            }
        }

        Located? One(string key) => values.TryGetValue(key, out var l) && l.Count > 0 ? l[0] : null;
        return new GenerateSpec
        {
            Block = new Located("generate", source.GetLineStart(start), start, 1),
            Method = One("method"),
            Result = One("result"),
            Sum = One("sum"),
            Title = One("title"),
            Careful = One("careful"),
            Pair = One("pair"),
            Parameters = values.TryGetValue("parameters", out var ps) ? ps : [],
            FiniteWhen = values.TryGetValue("finite-when", out var fw) ? fw : [],
            Unknown = unknown,
        };
    }

    /// <summary>The scalar from <paramref name="from"/>: trimmed, outer quotes removed, and its offset in the line.</summary>
    private static (string Value, int Offset) Scalar(string line, int from)
    {
        var i = from;
        while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
        var end = line.Length;
        while (end > i && char.IsWhiteSpace(line[end - 1])) end--;
        if (end - i >= 2 && (line[i] == '"' || line[i] == '\'') && line[end - 1] == line[i])
            return (line.Substring(i + 1, end - i - 2), i + 1);
        return (line.Substring(i, end - i), i);
    }

    /// <summary>Items of "[a, b, c]" with their offsets in the value; commas inside (), {}, [] do not split; quotes are removed.</summary>
    private static IEnumerable<(string Item, int Offset)> SplitList(string value)
    {
        var end = value.LastIndexOf(']');
        if (end < 0) end = value.Length;
        var depth = 0;
        var itemStart = 1;
        for (var i = 1; i <= end; i++)
        {
            var c = i < end ? value[i] : ',';
            if (c is '(' or '{' or '[') depth++;
            else if (c is ')' or '}' or ']') depth--;
            if (c == ',' && depth <= 0)
            {
                var raw = value.Substring(itemStart, i - itemStart);
                var lead = 0;
                while (lead < raw.Length && char.IsWhiteSpace(raw[lead])) lead++;
                var trimmed = raw.Trim();
                var offset = itemStart + lead;
                if (trimmed.Length >= 2 && (trimmed[0] == '"' || trimmed[0] == '\'') && trimmed[trimmed.Length - 1] == trimmed[0])
                {
                    trimmed = trimmed.Substring(1, trimmed.Length - 2);
                    offset++;
                }
                if (trimmed.Length > 0) yield return (trimmed, offset);
                itemStart = i + 1;
            }
        }
    }
}
