namespace SymKl.Derivations.Markdown;

/// <summary>
/// One <c>symkl:</c> directive. <see cref="Text"/> is the payload (the LaTeX of a definition or an assumption,
/// the base of a logarithm, empty for skip) exactly as in the file; <see cref="Line"/> and
/// <see cref="Column"/> are those of its first character.
/// </summary>
public sealed class Annotation
{
    private readonly SourceText _source;

    internal Annotation(SourceText source, AnnotationKind kind, AnnotationSource origin, string directive, int directiveOffset, string text, int offset)
    {
        _source = source;
        Kind = kind;
        Origin = origin;
        Directive = directive;
        DirectiveOffset = directiveOffset;
        Text = text;
        Offset = offset;
        var p = source.GetPosition(offset);
        Line = p.Line;
        Column = p.Column;
    }

    public AnnotationKind Kind { get; }

    public AnnotationSource Origin { get; }

    /// <summary>The whole directive as written, after <c>symkl:</c> ("assume \sigma &gt; 0").</summary>
    public string Directive { get; }

    /// <summary>Offset of <see cref="Directive"/> in the file's text.</summary>
    public int DirectiveOffset { get; }

    /// <summary>The payload; for a definition or an assumption, LaTeX.</summary>
    public string Text { get; }

    /// <summary>Offset of the payload's first character in the file's text.</summary>
    public int Offset { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Line and column in the file of an offset in <see cref="Text"/>.</summary>
    public SourcePosition GetPosition(int offsetInText)
    {
        if (offsetInText < 0) offsetInText = 0;
        if (offsetInText > Text.Length) offsetInText = Text.Length;
        return _source.GetPosition(Offset + offsetInText);
    }

    public override string ToString() => Kind + " at " + Line + ":" + Column + ": " + Text;
}
