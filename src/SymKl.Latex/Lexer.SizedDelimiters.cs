using System.Text.RegularExpressions;

namespace SymKl.Latex;

internal sealed partial class Lexer
{
    /// <summary>{\big(}, { \Bigg] }: a brace group that holds only a sized delimiter (an idiom that keeps TeX from spacing it as
    /// an operator); the braces are TeX grouping only.</summary>
    private static readonly Regex BracedSizedDelimiter = new(
        @"\G\{\s*\\(?:big|Big|bigg|Bigg)[lrm]?(?![A-Za-z])\s*(?:[()\[\]|/.]|\\[{}|]|\\(?:langle|rangle|lvert|rvert|vert|Vert|lVert|rVert)(?![A-Za-z]))\s*\}",
        RegexOptions.CultureInvariant);

    /// <summary>At a '{' that opens such a group: its two braces are skipped (the delimiter between them is read as written).</summary>
    private bool TrySpliceSizedDelimiter()
    {
        var m = BracedSizedDelimiter.Match(_text, _pos);
        if (!m.Success) return false;
        _splicedBraces.Add(_pos);
        _splicedBraces.Add(m.Index + m.Length - 1);
        _pos++;
        return true;
    }
}
