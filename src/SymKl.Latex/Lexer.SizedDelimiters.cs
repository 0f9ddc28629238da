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

    /// <summary>\big{(}, \Big{\{}: a size command whose delimiter is given as a braced argument, as TeX allows.</summary>
    private static readonly Regex SizedArgument = new(
        @"\G\s*\{\s*(?:[()\[\]|/.]|\\[{}|]|\\(?:langle|rangle|lvert|rvert|vert|Vert|lVert|rVert)(?![A-Za-z]))\s*\}",
        RegexOptions.CultureInvariant);

    /// <summary>After a size command: the braces around its delimiter are TeX grouping only, so they are skipped and the
    /// delimiter is read as written (\big{(} x \big{)} is (x), not a group holding a lone bracket).</summary>
    private void TrySpliceSizedArgument()
    {
        var m = SizedArgument.Match(_text, _pos);
        if (!m.Success) return;
        int open = _text.IndexOf('{', _pos);
        _splicedBraces.Add(open);
        _splicedBraces.Add(m.Index + m.Length - 1);
    }
}
