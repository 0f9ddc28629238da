namespace SymKl.Derivations.Markdown;

/// <summary>
/// One piece of math in a Markdown file. <see cref="Text"/> is the LaTeX between the delimiters exactly as in
/// the file (same length, same line endings), except that block-quote markers (<c>&gt;</c>) at the start of
/// continuation lines are replaced by spaces, so that every offset in <see cref="Text"/> is the offset of the
/// same character in the file.
/// </summary>
public sealed class MathBlock
{
    private readonly SourceText _source;

    internal MathBlock(SourceText source, MathBlockKind kind, int offset, string text)
    {
        _source = source;
        Kind = kind;
        Offset = offset;
        Text = text;
        var start = source.GetPosition(offset);
        Line = start.Line;
        Column = start.Column;
    }

    public string Text { get; }

    public MathBlockKind Kind { get; }

    /// <summary>1-based line of the first character of <see cref="Text"/> in the file.</summary>
    public int Line { get; }

    /// <summary>1-based column of the first character of <see cref="Text"/> in the file.</summary>
    public int Column { get; }

    /// <summary>Offset of the first character of <see cref="Text"/> in the file's text (BOM excluded).</summary>
    public int Offset { get; }

    public int Length => Text.Length;

    /// <summary>
    /// The prose that introduces the math, markup removed: the words since the math before it in the same sentence,
    /// or the sentence it ends, or (for math that starts a paragraph) the last sentence before it. Empty after a heading.
    /// </summary>
    public string ProseBefore { get; internal set; } = string.Empty;

    /// <summary>
    /// The whole sentence before the math, back past the inline math inside it (each written as "$"): "we set the
    /// derivative with respect to $ to zero:". Equal to <see cref="ProseBefore"/> when no math stands in the sentence before.
    /// </summary>
    public string SentenceBefore { get; internal set; } = string.Empty;

    /// <summary>
    /// True when the math stands inside a conditional clause of Chinese or Japanese prose that has not yet reached its
    /// consequence ("如果 … $p(x)>0$，则 …"): the words carry no spaces, so the English cue words cannot find it.
    /// </summary>
    public bool InCjkCondition { get; internal set; }

    /// <summary>
    /// The words that introduce the Markdown list the math stands in (the last sentence of the line before its first item,
    /// or of its parent item): "The pseudoinverse satisfies the following defining properties:", "Let". Empty outside a list,
    /// or when a heading or nothing introduces it.
    /// </summary>
    public string ListLead { get; internal set; } = string.Empty;

    /// <summary>Offset of the first item of the list the math stands in; −1 outside a list.</summary>
    public int ListStart { get; internal set; } = -1;

    /// <summary>Offset of the list item the math stands in; −1 outside a list.</summary>
    public int ItemStart { get; internal set; } = -1;

    /// <summary>True when no sentence ends between the math before this one and this one ("with $a > 0$ and $b > 0$").</summary>
    public bool ContinuesSentence { get; internal set; }

    /// <summary>True when nothing but blank space and punctuation separates this math from the math before it (displays one after another).</summary>
    public bool FollowsMath { get; internal set; }

    /// <summary>True when a blank line or a heading separates this math from the math before it (or it is the first).</summary>
    public bool NewParagraph { get; internal set; }

    /// <summary>True for every kind except <see cref="MathBlockKind.Inline"/>.</summary>
    public bool IsDisplay => Kind != MathBlockKind.Inline;

    /// <summary>Line and column in the file of an offset in <see cref="Text"/> (0 … Length).</summary>
    public SourcePosition GetPosition(int offsetInText)
    {
        if (offsetInText < 0) offsetInText = 0;
        if (offsetInText > Text.Length) offsetInText = Text.Length;
        return _source.GetPosition(Offset + offsetInText);
    }

    /// <summary>Line and column just past the last character of <see cref="Text"/>.</summary>
    public SourcePosition End => _source.GetPosition(Offset + Text.Length);

    public override string ToString() => Kind + " at " + Line + ":" + Column + ": " + Text;
}
