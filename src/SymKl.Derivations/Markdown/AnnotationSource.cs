namespace SymKl.Derivations.Markdown;

/// <summary>Where a <c>symkl:</c> directive was written.</summary>
public enum AnnotationSource
{
    /// <summary>An HTML comment <c>&lt;!-- symkl: … --&gt;</c>.</summary>
    Comment,

    /// <summary>The <c>symkl:</c> key of the front matter.</summary>
    FrontMatter,
}
