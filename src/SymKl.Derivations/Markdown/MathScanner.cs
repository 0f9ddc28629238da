namespace SymKl.Derivations.Markdown;

/// <summary>
/// Finds math in the text of paragraphs and headings: <c>$$ … $$</c> (on one line or over several, even across
/// a blank line), <c>\[ … \]</c>, <c>$ … $</c> and <c>\( … \)</c>. It works on the original text, so positions are
/// exact. Code spans, inline HTML and link targets are barriers that math never crosses.
/// <c>$ … $</c> follows Pandoc's rule (the opening <c>$</c> is followed by a non-space, the closing one is preceded by a
/// non-space and not followed by a digit), and the first <c>$</c> after an opener must be its closer, so that
/// "$5 and $10" and "costs $5 and $x$" read as prose and <c>$x$</c>.
/// </summary>
internal sealed class MathScanner
{
    // Character classes.
    private const byte Outside = 0;   // not in a scanned region
    private const byte Text = 1;      // paragraph text
    private const byte Marker = 2;    // a block-quote marker inside a region: read as a space
    private const byte Barrier = 3;   // code span, inline HTML, link target

    private readonly SourceText _source;
    private readonly string _text;
    private readonly byte[] _class;

    public MathScanner(SourceText source)
    {
        _source = source;
        _text = source.Text;
        _class = new byte[_text.Length];
    }

    public void AddRegion(int start, int end, int quoteDepth)
    {
        for (var i = start; i < end; i++) _class[i] = Text;
        if (quoteDepth == 0) return;
        // Continuation lines of a paragraph in a block quote start with '>' markers that are not math.
        for (var i = start; i < end; i++)
        {
            if (_text[i] != '\n' && _text[i] != '\r') continue;
            var k = i + 1;
            if (_text[i] == '\r' && k < end && _text[k] == '\n') k++;
            for (var d = 0; d < quoteDepth && k < end; d++)
            {
                while (k < end && (_text[k] == ' ' || _text[k] == '\t')) k++;
                if (k >= end || _text[k] != '>') break;
                _class[k] = Marker;
                k++;
            }
        }
    }

    public void Exclude(int start, int end)
    {
        if (start < 0) start = 0;
        if (end > _text.Length) end = _text.Length;
        for (var i = start; i < end; i++) _class[i] = Barrier;
    }

    public void Scan(List<MathBlock> blocks, List<SourceWarning> warnings)
    {
        var i = 0;
        while (i < _text.Length)
        {
            if (_class[i] != Text) { i++; continue; }
            var c = _text[i];
            if (c == '\\' && IsText(i + 1))
            {
                var d = _text[i + 1];
                if (d == '[' && TryDelimited(i, 2, "\\]", MathBlockKind.Bracket, allowGap: true, blocks, out var next)) { i = next; continue; }
                if (d == '(' && TryDelimited(i, 2, "\\)", MathBlockKind.Inline, allowGap: false, blocks, out next)) { i = next; continue; }
                // A Markdown escape (\$, \\, \[ …) is one unit; any other backslash is a literal character.
                i += IsAsciiPunctuation(d) ? 2 : 1;
                continue;
            }
            if (c == '$')
            {
                if (IsText(i + 1) && _text[i + 1] == '$')
                {
                    if (TryDelimited(i, 2, "$$", MathBlockKind.InlineDisplay, allowGap: true, blocks, out var next)) { i = next; continue; }
                    var p = _source.GetPosition(i);
                    warnings.Add(new SourceWarning(p.Line, p.Column, "`$$` is not closed: the text after it is not read as math"));
                    i += 2;
                    continue;
                }
                if (TryDollar(i, blocks, out var after)) { i = after; continue; }
            }
            i++;
        }
    }

    // The characters CommonMark lets a backslash escape.
    private static bool IsAsciiPunctuation(char c) =>
        c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~';

    private bool IsText(int i) => i < _text.Length && _class[i] == Text;

    private bool InRegion(int i) => i < _text.Length && (_class[i] == Text || _class[i] == Marker);

    /// <summary>Math from an opener at <paramref name="open"/> to the first unescaped <paramref name="close"/>.</summary>
    private bool TryDelimited(int open, int openLength, string close, MathBlockKind kind, bool allowGap, List<MathBlock> blocks, out int next)
    {
        next = open;
        var contentStart = open + openLength;
        var j = contentStart;
        while (j < _text.Length)
        {
            var cls = _class[j];
            if (cls == Barrier) return false;
            if (cls == Outside)
            {
                // Display math may run over a blank line into the next paragraph, and over nothing else.
                if (!allowGap || !char.IsWhiteSpace(_text[j])) return false;
                j++;
                continue;
            }
            var c = _text[j];
            if (close[0] == '\\')
            {
                if (c == '\\')
                {
                    if (j + 1 < _text.Length && _text[j + 1] == close[1] && InRegion(j + 1)) return Emit(kind, contentStart, j, j + 2, blocks, out next);
                    j += 2;
                    continue;
                }
            }
            else if (c == '\\')
            {
                j += 2;
                continue;
            }
            else if (c == '$' && j + 1 < _text.Length && _text[j + 1] == '$' && InRegion(j + 1))
            {
                return Emit(kind, contentStart, j, j + 2, blocks, out next);
            }
            j++;
        }
        return false;
    }

    /// <summary>Inline <c>$ … $</c> by Pandoc's rule, within one region.</summary>
    private bool TryDollar(int open, List<MathBlock> blocks, out int next)
    {
        next = open;
        var first = open + 1;
        if (!InRegion(first) || char.IsWhiteSpace(_text[first])) return false;
        var j = first;
        while (j < _text.Length && InRegion(j))
        {
            var c = _text[j];
            if (c == '\\') { j += 2; continue; }
            if (c == '$')
            {
                // The first unescaped '$' decides: a closer, or this '$' did not open math ("$5 and $10").
                if (!char.IsWhiteSpace(_text[j - 1]) && !(j + 1 < _text.Length && char.IsDigit(_text[j + 1])))
                    return Emit(MathBlockKind.Inline, first, j, j + 1, blocks, out next);
                return false;
            }
            j++;
        }
        return false;
    }

    private bool Emit(MathBlockKind kind, int start, int end, int after, List<MathBlock> blocks, out int next)
    {
        next = after;
        var chars = _text.Substring(start, end - start).ToCharArray();
        for (var k = 0; k < chars.Length; k++)
            if (_class[start + k] == Marker || (_class[start + k] == Outside && !char.IsWhiteSpace(chars[k]))) chars[k] = ' ';
        MarkdownReader.AddTrimmed(_source, kind, start, chars, blocks);
        return true;
    }
}
