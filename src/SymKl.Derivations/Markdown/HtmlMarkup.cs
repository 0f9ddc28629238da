using System.Text.RegularExpressions;

namespace SymKl.Derivations.Markdown;

/// <summary>
/// HTML markup where math is expected: a <c>$$</c> display that runs over <c>&lt;figure&gt;</c>, <c>&lt;div class="row"&gt;</c>
/// or <c>&lt;d-cite key="…"&gt;</c> was paired with the wrong <c>$$</c>, since no LaTeX holds such tags. A tag counts when
/// it is unmistakable: a custom element (a hyphen in its name), an attribute with a quoted value, or a common element
/// name of two letters or more; <c>&lt;x, y&gt;</c>, <c>a &lt; b &gt; c</c> and <c>&lt;p&gt;</c> are left to the math.
/// </summary>
internal static class HtmlMarkup
{
    private static readonly Regex Tag = new(
        @"</?(?<name>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?<attrs>(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s""'=<>`]+))?)*)\s*/?>",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly HashSet<string> Elements = new(StringComparer.OrdinalIgnoreCase)
    {
        "figure", "figcaption", "div", "span", "img", "br", "hr", "strong", "em", "table", "thead", "tbody", "tr", "td", "th",
        "ul", "ol", "li", "center", "sup", "sub", "code", "pre", "script", "style", "iframe", "video", "source", "details",
        "summary", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "section", "font", "small", "caption", "label", "button",
        "input", "form", "nav", "header", "footer", "article", "aside", "main", "picture", "audio", "object", "embed",
    };

    /// <summary>Whether <paramref name="text"/>[start, end) holds an unmistakable HTML tag.</summary>
    public static bool HasTag(string text, int start, int end)
    {
        if (end <= start || text.IndexOf('<', start, end - start) < 0) return false;
        try
        {
            for (var m = Tag.Match(text.Substring(start, end - start)); m.Success; m = m.NextMatch())
            {
                var name = m.Groups["name"].Value;
                if (name.IndexOf('-') > 0 || m.Groups["attrs"].Value.IndexOf('=') >= 0 || Elements.Contains(name)) return true;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // pathological text: read as before
        }
        return false;
    }
}
