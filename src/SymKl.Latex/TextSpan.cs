namespace SymKl.Latex;

/// <summary>A range of UTF-16 code units in the ORIGINAL input string (never in a repaired copy).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public TextSpan Union(TextSpan other) =>
        FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;

    public bool OverlapsWith(TextSpan other) =>
        Length == 0 || other.Length == 0
            ? other.Start >= Start && other.Start <= End || Start >= other.Start && Start <= other.End
            : Math.Max(Start, other.Start) < Math.Min(End, other.End);

    public override string ToString() => "[" + Start.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ".." + End.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
}

/// <summary>1-based line and column of an offset.</summary>
public readonly record struct LinePosition(int Line, int Column)
{
    public override string ToString() => Line.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + ":" + Column.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Maps offsets of an input string to 1-based line/column (\n, \r\n and \r end a line).</summary>
public static class SourceLocation
{
    public static LinePosition GetLinePosition(string text, int offset)
    {
        if (offset < 0) offset = 0;
        if (offset > text.Length) offset = text.Length;
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            char c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new LinePosition(line, offset - lineStart + 1);
    }

    /// <summary>"column 12" for one-line input, "line 2, column 5" otherwise (used in messages).</summary>
    public static string Describe(string text, int offset)
    {
        var p = GetLinePosition(text, offset);
        bool multiLine = text.IndexOf('\n') >= 0 || text.IndexOf('\r') >= 0;
        return multiLine
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, "line {0}, column {1}", p.Line, p.Column)
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, "column {0}", p.Column);
    }
}
