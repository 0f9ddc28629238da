using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MarkdigMathBlock = Markdig.Extensions.Mathematics.MathBlock;

namespace SymKl.Derivations.Markdown;

/// <summary>
/// Reads a Markdown file into a <see cref="DerivationDocument"/>. Markdig (with its mathematics and YAML
/// front matter extensions) gives the block structure, so code blocks, code spans and HTML are never read as
/// math; the math inside paragraphs (<c>$…$</c>, <c>$$…$$</c> over one or several lines, <c>\[…\]</c>,
/// <c>\(…\)</c>) is found by <see cref="MathScanner"/> on the original text, because Markdig's inline math
/// does not cover the multi-line and bracket forms that real posts use.
/// </summary>
public static class MarkdownReader
{
    private const int MaxRepairs = 256;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UseYamlFrontMatter()
        .UsePreciseSourceLocation()
        .Build();

    /// <summary>Reads a file (UTF-8, or UTF-16 with a byte order mark). Throws the usual I/O exceptions.</summary>
    public static DerivationDocument ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Parse(Decode(bytes), path);
    }

    /// <summary>Decodes file bytes: a BOM selects the encoding, otherwise UTF-8 (invalid bytes become U+FFFD).</summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return new UTF8Encoding(false, false).GetString(bytes, 3, bytes.Length - 3);
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        return new UTF8Encoding(false, false).GetString(bytes);
    }

    /// <summary>Reads Markdown text; <paramref name="path"/> is only recorded.</summary>
    public static DerivationDocument Parse(string text, string path = "")
    {
        var source = new SourceText(text ?? throw new ArgumentNullException(nameof(text)));
        var original = source.Text;
        var warnings = new List<SourceWarning>();
        var annotations = new List<Annotation>();
        var frontMatterValues = new Dictionary<string, string>(StringComparer.Ordinal);

        // What Markdig sees: the same text, same length, with front matter blanked and display-math
        // delimiters repaired (see Repair), so every Markdig offset is an offset of the original.
        var copy = original.ToCharArray();
        var frontMatter = FrontMatter.Read(source);
        if (frontMatter is not null)
        {
            foreach (var kv in frontMatter.Values) frontMatterValues[kv.Key] = kv.Value;
            annotations.AddRange(frontMatter.Annotations);
            for (var i = 0; i < frontMatter.Length; i++)
                if (copy[i] != '\n' && copy[i] != '\r') copy[i] = ' ';
        }

        var openings = HideOpeningContent(original, frontMatter?.Length ?? 0, copy);
        MarkdownDocument? doc;
        var repairs = 0;
        var unpaired = new List<int>();
        while (true)
        {
            doc = ParseMarkdown(new string(copy));
            if (doc is null || repairs >= MaxRepairs || !Repair(doc, original, copy, unpaired)) break;
            repairs++;
        }

        var blocks = new List<MathBlock>();
        var headings = new List<Heading>();
        var scanner = new MathScanner(source);
        foreach (var open in unpaired)
        {
            warnings.Add(Warn(source, open, "`$$` opens a display that would take in HTML markup, so it is not paired with a later `$$`: it is not read as math"));
            scanner.Exclude(open, open + 2);
        }
        if (doc is null)
        {
            // Markdig refuses structure nested deeper than its limit; the math is still there, in the plain text.
            var start = frontMatter?.Length ?? 0;
            warnings.Add(Warn(source, start, "the Markdown is nested more than " + Pipeline.MaximumNestingDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                " levels deep (block quotes, lists or brackets); its math is read from the plain text, where code is not told apart from math"));
            scanner.AddRegion(start, original.Length, 0);
            ScanComments(source, start, original.Length, annotations);
        }
        foreach (var node in doc?.Descendants() ?? [])
        {
            switch (node)
            {
                case MarkdigMathBlock mb:
                    AddLines(source, mb, MathBlockKind.Display, blocks, openings.TryGetValue(LineStart(original, mb.Span.Start), out var opened) ? opened : null);
                    if (!IsClosed(original, mb))
                        warnings.Add(Warn(source, mb.Span.Start, "`$$` is never closed: the math runs to the end of the enclosing block"));
                    break;
                case FencedCodeBlock fenced when IsMathFence(fenced):
                    AddLines(source, fenced, MathBlockKind.Fence, blocks);
                    break;
                case CodeBlock code when code is not FencedCodeBlock && Admonitions.OpensBody(original, code.Span.Start):
                    Admonitions.AddBody(original, code.Span.Start, Math.Min(code.Span.End + 1, original.Length), scanner);
                    break;
                case HtmlBlock html:
                    ScanComments(source, html.Span.Start, html.Span.End + 1, annotations);
                    AddHtmlRegion(source, html, scanner);
                    AddScriptMath(source, html.Span.Start, html.Span.End + 1, blocks, scanner);
                    break;
                case HeadingBlock heading:
                    headings.Add(new Heading(heading.Span.Start, Math.Min(heading.Span.End + 1, original.Length), heading.Level));
                    AddRegion(source, heading, scanner, annotations);
                    break;
                case ParagraphBlock:
                    AddRegion(source, (LeafBlock)node, scanner, annotations);
                    AddScriptMath(source, node.Span.Start, node.Span.End + 1, blocks, scanner);
                    break;
            }
        }
        scanner.Scan(blocks, warnings);

        blocks.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        headings.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        Prose.Attach(original, frontMatter?.Length ?? 0, blocks, headings);
        ListItems.Attach(original, frontMatter?.Length ?? 0, blocks);
        var commentAnnotations = annotations.Where(a => a.Origin == AnnotationSource.Comment).OrderBy(a => a.Offset);
        var ordered = annotations.Where(a => a.Origin == AnnotationSource.FrontMatter).Concat(commentAnnotations).ToList();
        warnings.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return new DerivationDocument(path ?? string.Empty, source, frontMatterValues, blocks, ordered, warnings, headings);
    }

    /// <summary>Markdig's tree, or null when the text nests deeper than Markdig allows (it throws rather than recurse on).</summary>
    private static MarkdownDocument? ParseMarkdown(string text)
    {
        try
        {
            return Markdig.Markdown.Parse(text, Pipeline);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Fixes the two ways real posts close a <c>$$</c> block that Markdig does not accept, so that the block
    /// does not swallow the text (and the next block) after it. Returns true when the copy was changed.
    /// <list type="bullet">
    /// <item><c>$$.</c> or <c>$$, where …</c>: the character after <c>$$</c> becomes a line break, so the line closes the block.</item>
    /// <item><c>c = d $$</c> (closing at the end of a math line): the opening <c>$$</c> is hidden from Markdig, so the lines
    /// become a paragraph, whose <c>$$ … $$</c> the scanner reads from the original text.</item>
    /// </list>
    /// </summary>
    private static bool Repair(MarkdownDocument doc, string original, char[] copy, List<int> unpaired)
    {
        foreach (var fenced in doc.Descendants<FencedCodeBlock>())
            if (OpenDirective(fenced, original, copy)) return true;
        foreach (var mb in doc.Descendants<MarkdigMathBlock>())
        {
            if (ClosesParagraphDisplay(doc, mb, original, copy)) return true;
            for (var k = 0; k < mb.Lines.Count; k++)
            {
                var start = mb.Lines.Lines[k].Position;
                var end = LineEnd(original, start);
                var t = start;
                while (t < end && (char.IsWhiteSpace(original[t]) || original[t] == '>')) t++;
                var dollars = original.IndexOf("$$", t, end - t, StringComparison.Ordinal);
                if (dollars < 0) continue;
                if (dollars == t)
                {
                    var after = t + 2;
                    if (after < end && copy[after] != '\n')
                    {
                        copy[after] = '\n';
                        return true;
                    }
                    continue;
                }
                var open = mb.Span.Start;
                if (open + 1 < copy.Length && copy[open] == '$' && copy[open + 1] == '$')
                {
                    copy[open] = '.';
                    copy[open + 1] = '.';
                    return true;
                }
            }
            if (SwallowsHtml(mb, original, copy, unpaired)) return true;
        }
        return false;
    }

    /// <summary>
    /// "… fixed, i.e. $$" at the end of a paragraph line, the math on the next line, then a line <c>$$</c>: the paragraph
    /// opened the display, so that <c>$$</c> line closes it. Markdig takes it for the opening of a new block (which then
    /// pairs with the next display's opening, and every later pair is off by one), so it is hidden from Markdig: the
    /// line joins the paragraph, whose <c>$$ … $$</c> the scanner reads from the original text.
    /// </summary>
    private static bool ClosesParagraphDisplay(MarkdownDocument doc, MarkdigMathBlock mb, string original, char[] copy)
    {
        var open = mb.Span.Start;
        if (open + 1 >= copy.Length || copy[open] != '$' || copy[open + 1] != '$') return false;
        var lineStart = LineStart(original, open);
        if (lineStart == 0) return false;
        var previous = LineStart(original, lineStart - 1);
        if (original.Substring(previous, lineStart - previous).Trim().Trim('>').Trim().Length == 0) return false;
        foreach (var paragraph in doc.Descendants<ParagraphBlock>())
        {
            if (paragraph.Span.Start >= lineStart || paragraph.Span.End < previous) continue;
            var end = Math.Min(paragraph.Span.End + 1, lineStart);
            if (CountUnescapedDollarPairs(original, paragraph.Span.Start, end) % 2 == 0) return false;
            copy[open] = '.';
            copy[open + 1] = '.';
            return true;
        }
        return false;
    }

    private static int CountUnescapedDollarPairs(string text, int start, int end)
    {
        var n = 0;
        for (var i = start; i + 1 < end; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == '$' && text[i + 1] == '$') { n++; i++; }
        }
        return n;
    }

    /// <summary>
    /// A <c>$$</c> block whose lines hold HTML markup (a figure, a <c>&lt;d-cite&gt;</c>) was paired with the wrong <c>$$</c>:
    /// its opening is taken as unpaired (hidden from Markdig and recorded for a warning), so the HTML is read as HTML
    /// and the later <c>$$</c> pair up again.
    /// </summary>
    private static bool SwallowsHtml(MarkdigMathBlock mb, string original, char[] copy, List<int> unpaired)
    {
        if (mb.Lines.Count == 0) return false;
        var open = mb.Span.Start;
        if (open + 1 >= copy.Length || copy[open] != '$' || copy[open + 1] != '$') return false;
        var first = mb.Lines.Lines[0].Position;
        var end = LineEnd(original, mb.Lines.Lines[mb.Lines.Count - 1].Position);
        if (!HtmlMarkup.HasTag(original, first, end)) return false;
        copy[open] = '.';
        copy[open + 1] = '.';
        unpaired.Add(open);
        return true;
    }

    private static bool IsClosed(string text, MarkdigMathBlock mb)
    {
        var end = Math.Min(mb.Span.End, text.Length - 1);
        while (end > mb.Span.Start && char.IsWhiteSpace(text[end])) end--;
        return end - 1 > mb.Span.Start + 1 && text[end] == '$' && text[end - 1] == '$';
    }

    private static bool IsMathFence(FencedCodeBlock block) =>
        string.Equals(block.Info?.Trim(), "math", StringComparison.OrdinalIgnoreCase) || DirectiveName(block) == "math";

    /// <summary>The name of a MyST directive fence (<c>```{note}</c>, <c>```{admonition} Title</c>), or null.</summary>
    private static string? DirectiveName(FencedCodeBlock block)
    {
        var info = block.Info?.Trim() ?? string.Empty;
        if (info.Length < 3 || info[0] != '{') return null;
        var close = info.IndexOf('}');
        if (close < 2 || !char.IsLetter(info[1])) return null;
        var name = info.Substring(1, close - 1);
        return name.All(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or ':') ? name.ToLowerInvariant() : null;
    }

    // Directives whose content is code or raw output, not Markdown (MyST, Jupyter Book).
    private static readonly HashSet<string> CodeDirectives = new(StringComparer.Ordinal)
    {
        "code", "code-block", "code-cell", "sourcecode", "literalinclude", "raw", "eval-rst", "eval-md", "glue",
        "toctree", "include", "csv-table", "mermaid", "graphviz", "bibliography", "math",
    };

    /// <summary>
    /// A MyST directive fence whose content is Markdown (<c>```{note}</c>, <c>```{admonition}</c>, <c>```{prf:proof}</c>):
    /// its opening and closing fence lines are blanked in Markdig's copy, so the content is read as the document's
    /// own text, math included. Returns true when the copy was changed.
    /// </summary>
    private static bool OpenDirective(FencedCodeBlock fenced, string original, char[] copy)
    {
        var name = DirectiveName(fenced);
        if (name is null || CodeDirectives.Contains(name)) return false;
        var start = fenced.Span.Start;
        var openEnd = LineEnd(original, start);
        for (var i = start; i < openEnd; i++) copy[i] = ' ';
        // The closing fence is the last line of the block's span, when the block was closed.
        var end = Math.Min(fenced.Span.End, original.Length - 1);
        var lineStart = end;
        while (lineStart > openEnd && original[lineStart - 1] != '\n') lineStart--;
        var t = lineStart;
        while (t <= end && (original[t] is ' ' or '\t' or '>')) t++;
        if (lineStart > openEnd && t <= end && (original[t] == '`' || original[t] == '~'))
            for (var i = lineStart; i <= end && original[i] != '\n' && original[i] != '\r'; i++) copy[i] = ' ';
        return true;
    }

    /// <summary>
    /// <c>$$ \label{eq:mi}</c> or <c>$$ f(x) = …</c> on the opening line of a block closed by a later line <c>$$</c>: Markdig
    /// takes a <c>$$</c> fence only when nothing follows it, so the math after the opening <c>$$</c> is hidden from Markdig (blanked
    /// in its copy) and read back with the block. Returns, per line start of such an opening, where its math starts.
    /// </summary>
    private static Dictionary<int, int> HideOpeningContent(string text, int from, char[] copy)
    {
        var openings = new Dictionary<int, int>();
        // Inside a display opened on an earlier line, a line starting with $$ closes it ("$$, where …"): never an opening.
        var inside = false;
        for (var lineStart = from; lineStart < text.Length; lineStart = NextLine(text, lineStart))
        {
            var end = LineEnd(text, lineStart);
            var line = text.Substring(lineStart, end - lineStart);
            var wasInside = inside;
            if (CountDollarPairs(line) % 2 == 1) inside = !inside;
            if (wasInside) continue;
            var t = lineStart;
            while (t < end && (text[t] is ' ' or '\t' or '>')) t++;
            if (t - lineStart > 3 + CountQuoteMarkers(text, lineStart, t) * 2 || t + 2 > end || text[t] != '$' || text[t + 1] != '$') continue;
            var content = t + 2;
            var rest = text.Substring(content, end - content).Trim();
            if (rest.Length == 0 || rest[0] is ',' or '.' or ';' or ':' || rest.IndexOf("$$", StringComparison.Ordinal) >= 0) continue;
            // Closed by a later line that is only $$ (the first line with $$ on it); else another repair applies.
            var closing = NextLine(text, lineStart);
            while (closing < text.Length && text.IndexOf("$$", closing, LineEnd(text, closing) - closing, StringComparison.Ordinal) < 0) closing = NextLine(text, closing);
            if (closing >= text.Length || text.Substring(closing, LineEnd(text, closing) - closing).Trim().Trim('>').Trim() != "$$") continue;
            for (var i = content; i < end; i++) copy[i] = ' ';
            openings[lineStart] = content;
            lineStart = closing;
            inside = false;
        }
        return openings;
    }

    private static int CountDollarPairs(string line)
    {
        var n = 0;
        for (var i = line.IndexOf("$$", StringComparison.Ordinal); i >= 0; i = line.IndexOf("$$", i + 2, StringComparison.Ordinal)) n++;
        return n;
    }

    private static int CountQuoteMarkers(string text, int from, int to) => text.Substring(from, to - from).Count(c => c == '>');

    private static int NextLine(string text, int offset)
    {
        var end = LineEnd(text, offset);
        if (end < text.Length && text[end] == '\r') end++;
        if (end < text.Length && text[end] == '\n') end++;
        return end;
    }

    private static int LineStart(string text, int offset)
    {
        while (offset > 0 && text[offset - 1] != '\n' && text[offset - 1] != '\r') offset--;
        return offset;
    }

    /// <summary>
    /// Adds the content lines of a <c>$$</c> block or a math fence as one block (quote markers blanked, outer whitespace
    /// trimmed); <paramref name="openingContent"/>: where math on the opening line starts (<see cref="HideOpeningContent"/>).
    /// </summary>
    private static void AddLines(SourceText source, LeafBlock block, MathBlockKind kind, List<MathBlock> blocks, int? openingContent = null)
    {
        var text = source.Text;
        if (block.Lines.Count == 0)
        {
            if (openingContent is { } only)
                AddTrimmed(source, kind, only, text.Substring(only, LineEnd(text, only) - only).ToCharArray(), blocks);
            return;
        }
        var quoteDepth = QuoteDepth(block);
        var start = openingContent ?? block.Lines.Lines[0].Position;
        var end = LineEnd(text, block.Lines.Lines[block.Lines.Count - 1].Position);
        var chars = text.Substring(start, end - start).ToCharArray();
        if (quoteDepth > 0)
        {
            for (var k = 0; k < block.Lines.Count; k++)
                BlankQuoteMarkers(text, block.Lines.Lines[k].Position, quoteDepth, chars, start);
        }
        if (kind == MathBlockKind.Fence) BlankDirectiveOptions(chars);
        AddTrimmed(source, kind, start, chars, blocks);
    }

    /// <summary>The option lines at the top of a MyST <c>{math}</c> directive (<c>:label: eq-kl</c>) are not math.</summary>
    private static void BlankDirectiveOptions(char[] chars)
    {
        var k = 0;
        while (k < chars.Length)
        {
            var t = k;
            while (t < chars.Length && chars[t] is ' ' or '\t') t++;
            var lineEnd = t;
            while (lineEnd < chars.Length && chars[lineEnd] != '\n') lineEnd++;
            if (t == lineEnd) { k = lineEnd + 1; continue; }
            var name = t + 1;
            while (name < lineEnd && (char.IsLetterOrDigit(chars[name]) || chars[name] is '-' or '_')) name++;
            if (chars[t] != ':' || name == t + 1 || name >= lineEnd || chars[name] != ':') return;
            for (var i = t; i < lineEnd; i++) chars[i] = ' ';
            k = lineEnd + 1;
        }
    }

    internal static void AddTrimmed(SourceText source, MathBlockKind kind, int start, char[] chars, List<MathBlock> blocks)
    {
        var a = 0;
        var b = chars.Length;
        while (a < b && char.IsWhiteSpace(chars[a])) a++;
        while (b > a && char.IsWhiteSpace(chars[b - 1])) b--;
        if (a == b) return;
        blocks.Add(new MathBlock(source, kind, start + a, new string(chars, a, b - a)));
    }

    /// <summary>Replaces up to <paramref name="depth"/> block-quote markers at the start of the line by spaces.</summary>
    internal static void BlankQuoteMarkers(string text, int lineStart, int depth, char[] chars, int charsStart)
    {
        var i = lineStart;
        for (var d = 0; d < depth; d++)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            if (i >= text.Length || text[i] != '>') return;
            var at = i - charsStart;
            if (at >= 0 && at < chars.Length) chars[at] = ' ';
            i++;
        }
    }

    internal static int QuoteDepth(Block block)
    {
        var depth = 0;
        for (var p = block.Parent; p is not null; p = p.Parent)
            if (p is QuoteBlock) depth++;
        return depth;
    }

    /// <summary>Offset of the line ending (or the end of the text) of the line that contains <paramref name="offset"/>.</summary>
    internal static int LineEnd(string text, int offset)
    {
        var i = offset;
        while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
        return i;
    }

    private static readonly System.Text.RegularExpressions.Regex ScriptMath = new(
        @"<script\s+type\s*=\s*[""']math/tex(?<display>\s*;\s*mode\s*=\s*display)?[""']\s*>(?<math>.*?)</script\s*>",
        System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    /// <summary>
    /// MathJax 2's &lt;script type="math/tex"&gt; … &lt;/script&gt; in [start, end): the math inside, inline, or display with
    /// "; mode=display". The script's text is then no longer scanned for other math.
    /// </summary>
    private static void AddScriptMath(SourceText source, int start, int end, List<MathBlock> blocks, MathScanner scanner)
    {
        var text = source.Text;
        end = Math.Min(end, text.Length);
        if (end <= start || text.IndexOf("math/tex", start, end - start, StringComparison.OrdinalIgnoreCase) < 0) return;
        System.Text.RegularExpressions.MatchCollection matches;
        try
        {
            matches = ScriptMath.Matches(text.Substring(start, end - start));
            _ = matches.Count; // matching is lazy: a timeout surfaces here, not in the loop
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return; // pathological HTML: its scripts stay unread, as before
        }
        foreach (System.Text.RegularExpressions.Match m in matches)
        {
            var math = m.Groups["math"];
            var kind = m.Groups["display"].Success ? MathBlockKind.Script : MathBlockKind.Inline;
            AddTrimmed(source, kind, start + math.Index, text.Substring(start + math.Index, math.Length).ToCharArray(), blocks);
            scanner.Exclude(start + m.Index, start + m.Index + m.Length);
        }
    }

    /// <summary>
    /// Math inside an HTML block (&lt;div&gt;$$ … $$&lt;/div&gt;, MathJax's \[ … \] in a &lt;p&gt;) is read; the tags,
    /// comments and the content of &lt;pre&gt;, &lt;script&gt;, &lt;style&gt; and &lt;code&gt; are not.
    /// </summary>
    private static void AddHtmlRegion(SourceText source, HtmlBlock html, MathScanner scanner)
    {
        if (html.Type is HtmlBlockType.Comment or HtmlBlockType.ScriptPreOrStyle or HtmlBlockType.ProcessingInstruction
            or HtmlBlockType.DocumentType or HtmlBlockType.CData) return;
        var text = source.Text;
        var start = html.Span.Start;
        var end = Math.Min(html.Span.End + 1, text.Length);
        if (end <= start) return;
        scanner.AddRegion(start, end, 0);
        for (var i = start; i < end; i++)
        {
            // A tag starts with a letter, '/' or '!' after '<'; a '<' before a space or a digit is "less than".
            if (text[i] != '<' || i + 1 >= end || !(char.IsLetter(text[i + 1]) || text[i + 1] is '/' or '!')) continue;
            if (string.CompareOrdinal(text, i, "<code", 0, 5) == 0)
            {
                var closeCode = text.IndexOf("</code>", i, end - i, StringComparison.OrdinalIgnoreCase);
                var stop = closeCode < 0 ? end : closeCode + 7;
                scanner.Exclude(i, stop);
                i = stop - 1;
                continue;
            }
            var close = text.IndexOf('>', i, end - i);
            var tagEnd = close < 0 ? end : close + 1;
            scanner.Exclude(i, tagEnd);
            i = tagEnd - 1;
        }
    }

    private static void AddRegion(SourceText source, LeafBlock leaf, MathScanner scanner, List<Annotation> annotations)
    {
        var start = leaf.Span.Start;
        var end = Math.Min(leaf.Span.End + 1, source.Text.Length);
        if (end <= start) return;
        scanner.AddRegion(start, end, QuoteDepth(leaf));
        if (leaf.Inline is null) return;
        foreach (var inline in leaf.Inline.Descendants<Inline>())
        {
            switch (inline)
            {
                case CodeInline or AutolinkInline:
                    scanner.Exclude(inline.Span.Start, inline.Span.End + 1);
                    break;
                case HtmlInline:
                    scanner.Exclude(inline.Span.Start, inline.Span.End + 1);
                    ScanComments(source, inline.Span.Start, inline.Span.End + 1, annotations);
                    break;
                case LinkInline link:
                    if (link.UrlSpan is { } url && !url.IsEmpty) scanner.Exclude(url.Start, url.End + 1);
                    if (link.TitleSpan is { } title && !title.IsEmpty) scanner.Exclude(title.Start, title.End + 1);
                    break;
            }
        }
    }

    /// <summary>Reads every <c>&lt;!-- symkl: … --&gt;</c> in [start, end).</summary>
    private static void ScanComments(SourceText source, int start, int end, List<Annotation> annotations)
    {
        var text = source.Text;
        if (end > text.Length) end = text.Length;
        var i = start;
        while (i < end)
        {
            var open = text.IndexOf("<!--", i, end - i, StringComparison.Ordinal);
            if (open < 0) return;
            var bodyStart = open + 4;
            var close = text.IndexOf("-->", bodyStart, end - bodyStart, StringComparison.Ordinal);
            var bodyEnd = close < 0 ? end : close;
            var k = bodyStart;
            while (k < bodyEnd && char.IsWhiteSpace(text[k])) k++;
            if (bodyEnd - k >= 6 && string.Compare(text, k, "symkl:", 0, 6, StringComparison.OrdinalIgnoreCase) == 0)
            {
                var payload = k + 6;
                annotations.AddRange(DirectiveParser.ParseLines(source, AnnotationSource.Comment, text.Substring(payload, bodyEnd - payload), payload));
            }
            if (close < 0) return;
            i = close + 3;
        }
    }

    private static SourceWarning Warn(SourceText source, int offset, string message)
    {
        var p = source.GetPosition(offset);
        return new SourceWarning(p.Line, p.Column, message);
    }
}
