namespace SymKl.Derivations.Markdown;

/// <summary>
/// The text of a Markdown file (without a byte order mark) and the offsets where its lines start,
/// so that any offset maps to a 1-based line and column. "\r\n", "\n" and a lone "\r" each end a line,
/// so CRLF files give the same lines and columns as LF files.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        // A BOM is not a column in any editor; dropping it keeps line 1 aligned with the others.
        if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') starts.Add(i + 1);
            else if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) starts.Add(i + 1);
        }
        _lineStarts = starts.ToArray();
    }

    public string Text { get; }

    public int LineCount => _lineStarts.Length;

    /// <summary>Line and column of an offset (clamped to the text).</summary>
    public SourcePosition GetPosition(int offset)
    {
        if (offset < 0) offset = 0;
        if (offset > Text.Length) offset = Text.Length;
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0) index = ~index - 1;
        return new SourcePosition(index + 1, offset - _lineStarts[index] + 1);
    }

    /// <summary>Offset of a 1-based line and column (clamped to the line's end, newline excluded).</summary>
    public int GetOffset(int line, int column)
    {
        if (line < 1) line = 1;
        if (line > _lineStarts.Length) line = _lineStarts.Length;
        var start = _lineStarts[line - 1];
        var end = LineEnd(line - 1);
        var offset = start + Math.Max(0, column - 1);
        return offset > end ? end : offset;
    }

    /// <summary>Offset of the first character of a 1-based line.</summary>
    public int GetLineStart(int line) => _lineStarts[Math.Min(Math.Max(line, 1), _lineStarts.Length) - 1];

    /// <summary>The text of a 1-based line without its line ending.</summary>
    public string GetLineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length) return string.Empty;
        var start = _lineStarts[line - 1];
        return Text.Substring(start, LineEnd(line - 1) - start);
    }

    // Offset just past the last character of a line, before its line ending.
    private int LineEnd(int index)
    {
        var end = index + 1 < _lineStarts.Length ? _lineStarts[index + 1] : Text.Length;
        if (end > _lineStarts[index] && end <= Text.Length && index + 1 < _lineStarts.Length)
        {
            if (Text[end - 1] == '\n') end--;
            if (end > _lineStarts[index] && Text[end - 1] == '\r') end--;
        }
        return end;
    }
}
