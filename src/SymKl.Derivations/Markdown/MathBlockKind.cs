namespace SymKl.Derivations.Markdown;

/// <summary>How a piece of math was delimited in the Markdown file.</summary>
public enum MathBlockKind
{
    /// <summary><c>$$</c> on its own line, the math on the lines between (Markdig's math block).</summary>
    Display,

    /// <summary>
    /// <c>$$ … $$</c> inside a paragraph (on one line or running over several): display math. A comparison written so inside
    /// a line of prose is inline math, as kramdown reads it (MathScanner).
    /// </summary>
    InlineDisplay,

    /// <summary><c>$ … $</c> or <c>\( … \)</c>: checked only when it contains a relation.</summary>
    Inline,

    /// <summary>A fenced code block with the info string <c>math</c>.</summary>
    Fence,

    /// <summary><c>\[ … \]</c>: display math.</summary>
    Bracket,

    /// <summary>
    /// A math environment written straight into the text (<c>\begin{align} … \end{align}</c>), which MathJax and
    /// KaTeX's auto-render typeset without delimiters: display math.
    /// </summary>
    Environment,

    /// <summary>Math between site-generator tags: Jekyll's <c>{% math %} … {% endmath %}</c>: display math.</summary>
    Template,

    /// <summary>
    /// MathJax 2's <c>&lt;script type="math/tex; mode=display"&gt; … &lt;/script&gt;</c> (what kramdown writes, kept in many
    /// Jekyll posts): display math. Without "mode=display" the script is inline math (<see cref="Inline"/>).
    /// </summary>
    Script,
}
