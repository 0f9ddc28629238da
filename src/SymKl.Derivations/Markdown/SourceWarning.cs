namespace SymKl.Derivations.Markdown;

/// <summary>Something the Markdown front end noticed (an unclosed <c>$$</c>, a repaired delimiter), with its position.</summary>
public sealed record SourceWarning(int Line, int Column, string Message)
{
    public override string ToString() => Line + ":" + Column + ": " + Message;
}
