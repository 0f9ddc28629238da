namespace SymKl.Derivations.Markdown;

/// <summary>
/// Finds math in the text of paragraphs and headings: <c>$$ … $$</c> (on one line or over several, even across
/// a blank line), <c>\[ … \]</c>, <c>$ … $</c> and <c>\( … \)</c>. It works on the original text, so positions are
/// exact. Code spans, inline HTML and link targets are barriers that math never crosses.
/// <c>$ … $</c> follows Pandoc's rule (the opening <c>$</c> is followed by a non-space, the closing one is preceded by a
/// non-space and not followed by a digit; a space next to either is allowed, as MathJax allows it, when the math holds a
/// LaTeX command on one line), and the first <c>$</c> after an opener must be its closer, so that
/// "$5 and $10" and "costs $5 and $x$" read as prose and <c>$x$</c>.
/// Real posts also put math where no delimiter marks it: a math environment straight in the text
/// (<c>\begin{align} … \end{align}</c>, typeset by MathJax and KaTeX's auto-render), Jekyll's
/// <c>{% math %} … {% endmath %}</c>, and delimiters doubled for a Markdown engine that undoes escapes
/// (<c>\\( … \\)</c>, <c>\\[ … \\]</c>). Math written for such an engine is read as the engine passes it on
/// (see <see cref="Unescape"/>).
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
                if (d == 'b' && TryEnvironment(i, blocks, out next)) { i = next; continue; }
                if (d == '\\' && IsText(i + 2) && _text[i + 2] is '(' or '[' && TryDoubled(i, blocks, out next)) { i = next; continue; }
                // A Markdown escape (\$, \\, \[ …) is one unit; any other backslash is a literal character.
                i += IsAsciiPunctuation(d) ? 2 : 1;
                continue;
            }
            if (c == '{' && IsText(i + 1) && _text[i + 1] == '%' && TryTemplate(i, blocks, out var afterTag)) { i = afterTag; continue; }
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
                if (TryDollar(i, blocks, warnings, out var after)) { i = after; continue; }
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
    private bool TryDollar(int open, List<MathBlock> blocks, List<SourceWarning> warnings, out int next)
    {
        next = open;
        var first = open + 1;
        if (!InRegion(first)) return false;
        // Pandoc's rule wants no space after the opener; MathJax and KaTeX (most blogs) take "$ \log x $" as math. A
        // spaced opener counts when the text up to the next '$' holds a LaTeX command and no line break ("$ 5 and $ 10" does not).
        if (char.IsWhiteSpace(_text[first])) return TrySpacedDollar(open, blocks, out next);
        var j = first;
        var command = false;
        while (j < _text.Length && InRegion(j))
        {
            var c = _text[j];
            if (c == '\\')
            {
                command |= j + 1 < _text.Length && char.IsLetter(_text[j + 1]);
                j += 2;
                continue;
            }
            if (c == '$')
            {
                // The first unescaped '$' decides: a closer, or this '$' did not open math ("$5 and $10").
                if (!char.IsWhiteSpace(_text[j - 1]) && !(j + 1 < _text.Length && char.IsDigit(_text[j + 1])))
                    return Emit(MathBlockKind.Inline, first, j, j + 1, blocks, out next);
                // "$W(\mathbf{f}) = e^{N H} $": a space before the closer, which MathJax and KaTeX accept, under the
                // spaced opener's conditions (a LaTeX command, one line, not before a digit or '$'); the opener is
                // tight, so the math may be as long as a tight one.
                if (char.IsWhiteSpace(_text[j - 1]) && SpacedMath(first, j, MaxInlineWithSpacedCloser))
                    return Emit(MathBlockKind.Inline, first, j, j + 1, blocks, out next);
                break;
            }
            j++;
        }
        // A tight '$' followed by LaTeX commands that no '$' closes: say so rather than drop the math without a word.
        if (command)
        {
            var p = _source.GetPosition(open);
            warnings.Add(new SourceWarning(p.Line, p.Column, "`$` opens what reads as math (a LaTeX command follows) but no `$` closes it by Pandoc's or MathJax's rule: the text after it is not read as math"));
        }
        return false;
    }

    private const int MaxSpacedInline = 200;
    private const int MaxInlineWithSpacedCloser = 2000;

    private bool TrySpacedDollar(int open, List<MathBlock> blocks, out int next)
    {
        next = open;
        var first = open + 1;
        var command = false;
        for (var j = first; j < _text.Length && j - first <= MaxSpacedInline && InRegion(j); j++)
        {
            var c = _text[j];
            if (c is '\n' or '\r') return false;
            if (c == '\\')
            {
                command |= j + 1 < _text.Length && char.IsLetter(_text[j + 1]);
                j++;
                continue;
            }
            if (c != '$') continue;
            if (!command || j + 1 < _text.Length && (char.IsDigit(_text[j + 1]) || _text[j + 1] == '$')) return false;
            return Emit(MathBlockKind.Inline, first, j, j + 1, blocks, out next);
        }
        return false;
    }

    /// <summary>Text from <paramref name="first"/> to a '$' at <paramref name="close"/> that reads as spaced math.</summary>
    private bool SpacedMath(int first, int close, int maxLength)
    {
        if (close - first > maxLength) return false;
        if (close + 1 < _text.Length && (char.IsDigit(_text[close + 1]) || _text[close + 1] == '$')) return false;
        var command = false;
        for (var j = first; j < close; j++)
        {
            if (_text[j] is '\n' or '\r') return false;
            if (_text[j] == '\\' && j + 1 < close && char.IsLetter(_text[j + 1])) command = true;
        }
        return command;
    }

    private bool Emit(MathBlockKind kind, int start, int end, int after, List<MathBlock> blocks, out int next, bool unescape = false)
    {
        next = after;
        if (kind == MathBlockKind.InlineDisplay && InProseLine(start - 2, after) && CompleteComparison(_text.Substring(start, end - start))) kind = MathBlockKind.Inline;
        var chars = _text.Substring(start, end - start).ToCharArray();
        for (var k = 0; k < chars.Length; k++)
            if (_class[start + k] == Marker || (_class[start + k] == Outside && !char.IsWhiteSpace(chars[k]))) chars[k] = ' ';
        if (unescape) Unescape(chars);
        MarkdownReader.AddTrimmed(_source, kind, start, chars, blocks);
        return true;
    }

    /// <summary>Other math on a line: <c>$$ … $$</c> and <c>$ … $</c>, which are not the prose around a piece of math.</summary>
    private static readonly System.Text.RegularExpressions.Regex MathOnLine = new(@"\$\$.*?\$\$|\$[^$]*\$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>A comparison or membership: &lt;, &gt;, \leq, \geq, \in.</summary>
    private static readonly System.Text.RegularExpressions.Regex ComparisonSymbol = new(@"(?:[<>]|\\(?:leq?|geq?|lt|gt|in)(?![A-Za-z]))", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// A comparison or membership with something on both sides and no equation ("d \geq 2", "m_k > 0"): what the words around
    /// it make of it (a condition, a case, a claim) is read as for inline math. Equations keep the display reading, where the
    /// derivation's working equations carry on ("and so each probability is $$q_k = 1/M$$"); a lone name ("$$\mu$$") or a
    /// relation cut off by words ("$$(\mu^*, \Lambda^*) = $$ argmax …") is no statement.
    /// </summary>
    private static bool CompleteComparison(string math)
    {
        if (math.IndexOf('=') >= 0) return false;
        var matches = ComparisonSymbol.Matches(math);
        if (matches.Count == 0) return false;
        var first = matches[0];
        var last = matches[matches.Count - 1];
        static bool Content(string s) => s.Any(char.IsLetterOrDigit);
        return Content(math.Substring(0, first.Index)) && Content(math.Substring(last.Index + last.Length));
    }

    /// <summary>
    /// kramdown's rule for <c>$$ … $$</c> (Jekyll posts): inside a line of prose ("NP-hard for any $$d \geq 2$$.", "and
    /// $$ m_k > 0 $$ (see …)") it is inline math; only math standing alone on its lines is a display. Math over several
    /// lines, or with nothing but other math beside it, stays a display.
    /// </summary>
    private bool InProseLine(int open, int after)
    {
        if (_text.IndexOf('\n', open, after - open) >= 0) return false;
        var lineStart = open == 0 ? 0 : _text.LastIndexOf('\n', open - 1) + 1;
        var lineEnd = _text.IndexOf('\n', after);
        if (lineEnd < 0) lineEnd = _text.Length;
        var rest = _text.Substring(lineStart, open - lineStart) + " " + _text.Substring(after, lineEnd - after);
        return MathOnLine.Replace(rest, " ").Any(char.IsLetter);
    }

    // Environments that MathJax and KaTeX typeset when they stand in the text with no delimiters around them.
    private static readonly HashSet<string> TextEnvironments = new(StringComparer.Ordinal)
    {
        "equation", "equation*", "align", "align*", "aligned", "eqnarray", "eqnarray*", "gather", "gather*",
        "multline", "multline*", "flalign", "flalign*", "alignat", "alignat*", "split", "displaymath",
    };

    private const int MaxEnvironmentNesting = 64;

    /// <summary><c>\begin{align} … \end{align}</c> in the text: the whole environment is one display.</summary>
    private bool TryEnvironment(int open, List<MathBlock> blocks, out int next)
    {
        next = open;
        if (!TryEnvironmentName(open, "\\begin{", out var name, out var afterName) || !TextEnvironments.Contains(name)) return false;
        var depth = 1;
        var j = afterName;
        while (j < _text.Length)
        {
            var cls = _class[j];
            if (cls == Barrier) return false;
            if (cls == Outside)
            {
                if (!char.IsWhiteSpace(_text[j])) return false;
                j++;
                continue;
            }
            if (_text[j] != '\\') { j++; continue; }
            if (TryEnvironmentName(j, "\\begin{", out var inner, out var after) && inner == name)
            {
                if (++depth > MaxEnvironmentNesting) return false;
                j = after;
                continue;
            }
            if (TryEnvironmentName(j, "\\end{", out inner, out after) && inner == name && --depth == 0)
                return Emit(MathBlockKind.Environment, open, after, after, blocks, out next, unescape: WrittenForMarkdown(open, after));
            j += 2;
        }
        return false;
    }

    private bool TryEnvironmentName(int at, string command, out string name, out int after)
    {
        name = string.Empty;
        after = at;
        if (string.CompareOrdinal(_text, at, command, 0, command.Length) != 0) return false;
        var close = _text.IndexOf('}', at + command.Length);
        if (close < 0 || close - at > command.Length + 16) return false;
        name = _text.Substring(at + command.Length, close - at - command.Length).Trim();
        after = close + 1;
        return true;
    }

    /// <summary>
    /// Math written in the text for a Markdown engine that undoes backslash escapes before MathJax sees it: the
    /// author doubled the backslashes that must survive (<c>\\\\</c> for a row break, <c>\\{</c>) and escaped the
    /// characters Markdown would eat (<c>\_</c>, <c>\*</c>, <c>\[</c>). Plain LaTeX has none of these, and a triple
    /// backslash only makes sense as an escaped backslash before one.
    /// </summary>
    private bool WrittenForMarkdown(int start, int end)
    {
        for (var k = start; k + 1 < end; k++)
        {
            if (_text[k] != '\\') continue;
            var d = _text[k + 1];
            if (d is '_' or '*' or '[' or ']') return true;
            if (d == '\\' && k + 2 < end && _text[k + 2] == '\\') return true;
            if (d == '\\') k++;
        }
        return false;
    }

    /// <summary>
    /// What a CommonMark engine passes on: a backslash before ASCII punctuation is dropped (so <c>\\</c> gives
    /// <c>\</c> and <c>\_</c> gives <c>_</c>). Offsets must stay those of the file, so each run of backslashes
    /// is rewritten in place: what survives moves to the end of the run, next to the character it belongs to, and
    /// the dropped backslashes become spaces at its start.
    /// </summary>
    internal static void Unescape(char[] chars)
    {
        var k = 0;
        while (k < chars.Length)
        {
            if (chars[k] != '\\') { k++; continue; }
            var runStart = k;
            while (k < chars.Length && chars[k] == '\\') k++;
            var run = k - runStart;
            var next = k < chars.Length ? chars[k] : ' ';
            var kept = run / 2;
            // An odd backslash left over escapes the next character when it is punctuation, else it stays.
            if (run % 2 == 1 && !IsAsciiPunctuation(next)) kept++;
            for (var m = runStart; m < k; m++) chars[m] = m < k - kept ? ' ' : '\\';
            if (run % 2 == 1 && IsAsciiPunctuation(next)) k++;
        }
    }

    /// <summary><c>\\( … \\)</c> and <c>\\[ … \\]</c>: delimiters (and the math inside) written for a Markdown engine that undoes escapes.</summary>
    private bool TryDoubled(int open, List<MathBlock> blocks, out int next)
    {
        next = open;
        var bracket = _text[open + 2] == '[';
        var close = bracket ? "\\\\]" : "\\\\)";
        var j = open + 3;
        while (j < _text.Length)
        {
            var cls = _class[j];
            if (cls == Barrier) return false;
            if (cls == Outside)
            {
                if (!bracket || !char.IsWhiteSpace(_text[j])) return false;
                j++;
                continue;
            }
            if (_text[j] == '\\' && string.CompareOrdinal(_text, j, close, 0, 3) == 0 && InRegion(j + 2))
            {
                return Emit(bracket ? MathBlockKind.Bracket : MathBlockKind.Inline, open + 3, j, j + 3, blocks, out next, unescape: true);
            }
            j++;
        }
        return false;
    }

    // Jekyll tags around display math ({% math %}, {% katex display %}, {% equation %}) and their closers.
    private static readonly string[] TemplateTags = ["math", "latex", "katex", "equation"];

    /// <summary><c>{% math %} … {% endmath %}</c> in the text: display math.</summary>
    private bool TryTemplate(int open, List<MathBlock> blocks, out int next)
    {
        next = open;
        if (!TryTag(open, out var name, out var afterOpen) || Array.IndexOf(TemplateTags, name) < 0) return false;
        var j = afterOpen;
        while (j < _text.Length)
        {
            var cls = _class[j];
            if (cls == Barrier) return false;
            if (cls == Outside && !char.IsWhiteSpace(_text[j])) return false;
            if (_text[j] == '{' && j + 1 < _text.Length && _text[j + 1] == '%' && TryTag(j, out var closer, out var afterClose))
            {
                if (closer == "end" + name) return Emit(MathBlockKind.Template, afterOpen, j, afterClose, blocks, out next);
                return false;
            }
            j++;
        }
        return false;
    }

    /// <summary>A Liquid tag <c>{% name args %}</c> (or <c>{%- … -%}</c>) at <paramref name="at"/>: its name, and the offset after it.</summary>
    private bool TryTag(int at, out string name, out int after)
    {
        name = string.Empty;
        after = at;
        var close = _text.IndexOf("%}", at + 2, StringComparison.Ordinal);
        if (close < 0 || close - at > 80) return false;
        var body = _text.Substring(at + 2, close - at - 2).Trim().Trim('-').Trim();
        var space = body.IndexOf(' ');
        name = (space < 0 ? body : body.Substring(0, space)).ToLowerInvariant();
        after = close + 2;
        return name.Length > 0;
    }
}
