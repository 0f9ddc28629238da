using System.Globalization;

namespace SymKl.Derivations.Markdown;

/// <summary>A 1-based line and column in a Markdown file. Columns count UTF-16 code units (a tab is one column).</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() =>
        Line.ToString(CultureInfo.InvariantCulture) + ":" + Column.ToString(CultureInfo.InvariantCulture);
}
