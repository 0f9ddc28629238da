namespace SymKl.Derivations.Markdown;

/// <summary>A Markdown file read for checking: its math, its front matter and its <c>symkl:</c> directives, all with positions.</summary>
public sealed class DerivationDocument
{
    private readonly HashSet<MathBlock> _skipped;

    internal DerivationDocument(
        string path,
        SourceText source,
        IReadOnlyDictionary<string, string> frontMatter,
        IReadOnlyList<MathBlock> blocks,
        IReadOnlyList<Annotation> annotations,
        IReadOnlyList<SourceWarning> warnings,
        IReadOnlyList<Heading> headings)
    {
        Headings = headings;
        Path = path;
        Source = source;
        FrontMatter = frontMatter;
        Blocks = blocks;
        Annotations = annotations;
        Warnings = warnings;
        _skipped = FindSkipped(blocks, annotations);
    }

    public string Path { get; }

    /// <summary>The file's text (BOM removed) and its line map.</summary>
    public SourceText Source { get; }

    /// <summary>Top-level <c>key: value</c> pairs of the front matter (quotes removed); empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> FrontMatter { get; }

    /// <summary>All math in document order, inline math included.</summary>
    public IReadOnlyList<MathBlock> Blocks { get; }

    /// <summary>All <c>symkl:</c> directives (front matter first, then comments in document order).</summary>
    public IReadOnlyList<Annotation> Annotations { get; }

    public IReadOnlyList<SourceWarning> Warnings { get; }

    /// <summary>The headings in document order (sections bound the scope of hypotheses stated in prose).</summary>
    public IReadOnlyList<Heading> Headings { get; }

    /// <summary>
    /// True when a <c>symkl: skip</c> comment precedes this block with no other math in between,
    /// or the front matter says <c>symkl: skip</c>.
    /// </summary>
    public bool IsSkipped(MathBlock block) => _skipped.Contains(block);

    private static HashSet<MathBlock> FindSkipped(IReadOnlyList<MathBlock> blocks, IReadOnlyList<Annotation> annotations)
    {
        var skipped = new HashSet<MathBlock>();
        foreach (var a in annotations)
        {
            if (a.Kind != AnnotationKind.Skip) continue;
            if (a.Origin == AnnotationSource.FrontMatter)
            {
                foreach (var b in blocks) skipped.Add(b);
                continue;
            }
            foreach (var b in blocks)
            {
                if (b.Offset <= a.Offset) continue;
                skipped.Add(b);
                break;
            }
        }
        return skipped;
    }
}
