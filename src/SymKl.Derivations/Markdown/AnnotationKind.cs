namespace SymKl.Derivations.Markdown;

/// <summary>What a <c>symkl:</c> directive asks for.</summary>
public enum AnnotationKind
{
    /// <summary>LaTeX that defines something: <c>q(z) = \mathcal{N}(z; \mu, \sigma^2)</c>.</summary>
    Definition,

    /// <summary><c>assume \sigma &gt; 0</c>; <see cref="Annotation.Text"/> is the LaTeX after "assume".</summary>
    Assumption,

    /// <summary><c>log base 2</c>; <see cref="Annotation.Text"/> is the base ("2", "e", "10").</summary>
    LogBase,

    /// <summary><c>skip</c>: in a comment, the next math block is not checked; in front matter, none is.</summary>
    Skip,
}
