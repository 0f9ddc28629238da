using System.Text;

namespace SymKl.Generators.Emit;

/// <summary>An indented source writer: lines at the current depth, blocks that indent and close.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _depth;

    public SourceWriter Line(string text = "")
    {
        if (text.Length == 0) { _sb.Append('\n'); return this; }
        _sb.Append(' ', _depth * 4).Append(text).Append('\n');
        return this;
    }

    public SourceWriter Open(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _depth--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _sb.ToString();
}
