namespace SymKl.Derivations.Markdown;

/// <summary>
/// Turns the text after <c>symkl:</c> into annotations. Each non-empty line is one directive:
/// <c>skip</c>, <c>assume …</c>, <c>log base …</c>, <c>define …</c> / <c>let …</c>, or else LaTeX that defines something.
/// </summary>
internal static class DirectiveParser
{
    private static readonly string[] AssumeWords = ["assume", "assuming", "assumption"];
    private static readonly string[] DefineWords = ["define", "let"];

    /// <summary>Parses every line of <paramref name="body"/>, which starts at <paramref name="offset"/> in the file.</summary>
    public static IEnumerable<Annotation> ParseLines(SourceText source, AnnotationSource origin, string body, int offset)
    {
        var lineStart = 0;
        for (var i = 0; i <= body.Length; i++)
        {
            if (i < body.Length && body[i] != '\n' && body[i] != '\r') continue;
            var a = ParseOne(source, origin, body.Substring(lineStart, i - lineStart), offset + lineStart);
            if (a is not null) yield return a;
            lineStart = i + 1;
        }
    }

    /// <summary>One directive; null when the text is blank.</summary>
    public static Annotation? ParseOne(SourceText source, AnnotationSource origin, string text, int offset)
    {
        var lead = 0;
        while (lead < text.Length && char.IsWhiteSpace(text[lead])) lead++;
        var end = text.Length;
        while (end > lead && char.IsWhiteSpace(text[end - 1])) end--;
        if (end == lead) return null;
        var directive = text.Substring(lead, end - lead);
        var at = offset + lead;

        var word = FirstWord(directive);
        if (word.Equals("skip", StringComparison.OrdinalIgnoreCase))
            return new Annotation(source, AnnotationKind.Skip, origin, directive, at, string.Empty, at);
        if (Array.Exists(AssumeWords, w => w.Equals(word, StringComparison.OrdinalIgnoreCase)))
            return Payload(source, AnnotationKind.Assumption, origin, directive, at, word.Length);
        if (Array.Exists(DefineWords, w => w.Equals(word, StringComparison.OrdinalIgnoreCase)))
            return Payload(source, AnnotationKind.Definition, origin, directive, at, word.Length);
        if (word.Equals("log", StringComparison.OrdinalIgnoreCase))
        {
            var rest = directive.Substring(word.Length).TrimStart();
            if (rest.StartsWith("base", StringComparison.OrdinalIgnoreCase))
                return Payload(source, AnnotationKind.LogBase, origin, directive, at, directive.Length - rest.Length + 4);
        }
        return new Annotation(source, AnnotationKind.Definition, origin, directive, at, directive, at);
    }

    // The payload after a keyword, without a separating ':' or '='.
    private static Annotation Payload(SourceText source, AnnotationKind kind, AnnotationSource origin, string directive, int at, int skip)
    {
        var i = skip;
        while (i < directive.Length && (char.IsWhiteSpace(directive[i]) || directive[i] == ':' || (kind == AnnotationKind.LogBase && directive[i] == '='))) i++;
        return new Annotation(source, kind, origin, directive, at, directive.Substring(i), at + i);
    }

    // A keyword is letters only and must be followed by a space, ':' or the end, so "letter(x) = …" is not "let".
    private static string FirstWord(string s)
    {
        var i = 0;
        while (i < s.Length && char.IsLetter(s[i])) i++;
        if (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != ':') return string.Empty;
        return s.Substring(0, i);
    }
}
