using System.Globalization;
using System.Text;

namespace SymKl.Derivations.Reports;

/// <summary>
/// A small forward-only JSON writer (no package needed on netstandard2.0). Strings are escaped for any
/// input: quote, backslash and control characters, U+2028/U+2029 (for JavaScript consumers) and unpaired
/// surrogates (which have no UTF-8 form) are written as escapes. Non-finite numbers are written as null.
/// </summary>
internal sealed class JsonWriter
{
    private readonly TextWriter _out;
    private readonly bool _indented;
    private readonly Stack<bool> _hasItems = new();
    private bool _afterName;

    public JsonWriter(TextWriter output, bool indented)
    {
        _out = output;
        _indented = indented;
    }

    public void StartObject() => Open('{');

    public void EndObject() => Close('}');

    public void StartArray() => Open('[');

    public void EndArray() => Close(']');

    public void Name(string name)
    {
        BeforeValue();
        WriteString(name);
        _out.Write(_indented ? ": " : ":");
        _afterName = true;
    }

    public void String(string? value)
    {
        BeforeValue();
        if (value is null) _out.Write("null");
        else WriteString(value);
    }

    public void Number(int value)
    {
        BeforeValue();
        _out.Write(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Number(double? value)
    {
        BeforeValue();
        if (value is not { } v || double.IsNaN(v) || double.IsInfinity(v)) _out.Write("null");
        else _out.Write(v.ToString("R", CultureInfo.InvariantCulture));
    }

    public void Null()
    {
        BeforeValue();
        _out.Write("null");
    }

    public void Property(string name, string? value)
    {
        Name(name);
        String(value);
    }

    public void Property(string name, int value)
    {
        Name(name);
        Number(value);
    }

    public void Property(string name, double? value)
    {
        Name(name);
        Number(value);
    }

    /// <summary>Ends the document with a newline.</summary>
    public void Finish() => _out.Write('\n');

    private void Open(char bracket)
    {
        BeforeValue();
        _out.Write(bracket);
        _hasItems.Push(false);
    }

    private void Close(char bracket)
    {
        var had = _hasItems.Pop();
        if (had && _indented) NewLine();
        _out.Write(bracket);
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        if (_hasItems.Count == 0) return;
        if (_hasItems.Peek()) _out.Write(',');
        _hasItems.Pop();
        _hasItems.Push(true);
        if (_indented) NewLine();
    }

    private void NewLine()
    {
        _out.Write('\n');
        for (var i = 0; i < _hasItems.Count; i++) _out.Write("  ");
    }

    private void WriteString(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '\u007F') Escape(sb, c);
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { sb.Append(c).Append(s[i + 1]); i++; }
                    else if (char.IsSurrogate(c)) Escape(sb, c);
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        _out.Write(sb.ToString());
    }

    private static void Escape(StringBuilder sb, char c) =>
        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
