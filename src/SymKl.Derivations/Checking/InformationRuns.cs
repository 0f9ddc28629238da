using System.Globalization;
using System.Text.RegularExpressions;

namespace SymKl.Derivations.Checking;

/// <summary>
/// A statement over n random variables written with ellipsis runs — H(X_1, X_2, \ldots, X_n), Σ_{x_1, …, x_n, z},
/// Σ_{i=1}^{n} H(X_i | X_{i-1}, \cdots, X_1), a bare ∏ p(x_i | z) over the run's index — written out at small n (2, 3 and 4
/// while the variables fit a random table): the text of each side with every run listed, every Σ_{i=1}^{n} and ∏ of one
/// term expanded term by term, and a run down from X_{i-1} to X_1 empty at i = 1 (its bar or comma dropped). Null when
/// the text has no run, or a run, a limit or an index it cannot write out.
/// </summary>
internal static class InformationRuns
{
    private const string Ellipsis = @"\\(?:ldots|cdots|dots)";
    /// <summary>x_1, x_2, \ldots, x_n (the second item optional): the letter and the length symbol.</summary>
    private static readonly Regex Ascending = new(
        @"(?<![A-Za-z\\])(?<l>[A-Za-z])_(?:1|\{1\})\s*,\s*(?:\k<l>_(?:2|\{2\})\s*,\s*)?" + Ellipsis + @"\s*,\s*\k<l>_(?:\{(?<n>[a-zA-Z])\}|(?<n>[a-zA-Z])(?![A-Za-z0-9]))",
        RegexOptions.CultureInvariant);

    /// <summary>X_{i-1}, X_{i-2}, \cdots, X_1 (the second item optional): a run down from the term before the index to the first.</summary>
    private static readonly Regex Descending = new(
        @"(?<![A-Za-z\\])(?<l>[A-Za-z])_\{\s*(?<i>[a-z])\s*-\s*1\s*\}\s*,\s*(?:\k<l>_\{\s*\k<i>\s*-\s*2\s*\}\s*,\s*)?" + Ellipsis + @"\s*,\s*\k<l>_(?:\{1\}|1(?![0-9]))",
        RegexOptions.CultureInvariant);

    /// <summary>Σ_{i=1}^{n} or ∏ (with those limits or none) of one call without nested brackets: H(X_i, Z), p(x_i | z).</summary>
    private static readonly Regex OneTermOperator = new(
        @"\\(?<op>sum|prod)\s*(?:\\limits\s*)?(?:_\s*\{?\s*(?<i>[a-z])\s*=\s*1\s*\}?\s*\^\s*\{?\s*(?<n>[a-zA-Z])\s*\}?)?\s*(?<body>[A-Za-z]\s*\([^()]*\))",
        RegexOptions.CultureInvariant);

    /// <summary>The instances of both sides, smallest n first; empty when the sides have no run to write out.</summary>
    public static IReadOnlyList<(int N, string Lhs, string Rhs)> Instances(string lhs, string rhs, IReadOnlyList<int> lengths)
    {
        var both = lhs + "\u0001" + rhs;
        var symbols = Ascending.Matches(both).Cast<Match>().Select(m => m.Groups["n"].Value).Distinct(StringComparer.Ordinal).ToList();
        if (symbols.Count != 1) return [];
        var n = symbols[0];
        var result = new List<(int, string, string)>();
        foreach (var k in lengths)
        {
            var l = WriteOut(lhs, n, k);
            var r = WriteOut(rhs, n, k);
            if (l is null || r is null) return [];
            result.Add((k, l, r));
        }
        return result;
    }

    /// <summary>One side at n = k; null when something of n is left that this does not write out.</summary>
    private static string? WriteOut(string text, string n, int k)
    {
        var failed = false;
        text = OneTermOperator.Replace(text, m =>
        {
            var index = m.Groups["i"].Success ? m.Groups["i"].Value : ImpliedIndex(m.Groups["body"].Value, n);
            if (index is null || m.Groups["n"].Success && m.Groups["n"].Value != n) { failed = true; return m.Value; }
            var terms = Enumerable.Range(1, k).Select(j => Term(m.Groups["body"].Value, index, j)).ToList();
            if (terms.Any(t => t is null)) { failed = true; return m.Value; }
            return m.Groups["op"].Value == "sum" ? "(" + string.Join(" + ", terms) + ")" : "(" + string.Join(" ", terms) + ")";
        });
        if (failed) return null;
        text = Ascending.Replace(text, m => m.Groups["n"].Value == n ? Run(m.Groups["l"].Value, Enumerable.Range(1, k)) : m.Value);
        // Anything of n or an ellipsis left over is not written out.
        if (Regex.IsMatch(text, Ellipsis) || Regex.IsMatch(text, @"(?<![A-Za-z\\])" + Regex.Escape(n) + @"(?![A-Za-z])")) return null;
        return text;
    }

    /// <summary>The index of a bare ∏ p(x_i | z): the one letter (not n) that subscripts a name in the term.</summary>
    private static string? ImpliedIndex(string body, string n)
    {
        var letters = Regex.Matches(body, @"_(?:\{(?<i>[a-z])\}|(?<i>[a-z])(?![A-Za-z0-9]))").Cast<Match>().Select(m => m.Groups["i"].Value).Where(i => i != n).Distinct().ToList();
        return letters.Count == 1 ? letters[0] : null;
    }

    /// <summary>The term at index value j: runs down from the term before written out, then X_{i-1} and X_i; empty lists dropped.</summary>
    private static string? Term(string body, string index, int j)
    {
        var failed = false;
        var term = Descending.Replace(body, m => m.Groups["i"].Value == index ? Run(m.Groups["l"].Value, Enumerable.Range(1, j - 1).Reverse()) : m.Value);
        term = Regex.Replace(term, @"_\{\s*" + index + @"\s*-\s*(?<d>[0-9])\s*\}", m =>
        {
            var at = j - int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (at < 1) failed = true;
            return "_{" + at.ToString(CultureInfo.InvariantCulture) + "}";
        });
        term = Regex.Replace(term, @"_(?:\{" + index + @"\}|" + index + @"(?![A-Za-z0-9]))", "_{" + j.ToString(CultureInfo.InvariantCulture) + "}");
        if (failed) return null;
        // An empty run leaves "| )", ", )" or "|, ": the condition or the comma goes with it.
        term = Regex.Replace(term, @"(?:\||\\mid)\s*(?=\))", "");
        term = Regex.Replace(term, @",\s*(?=\))", "");
        term = Regex.Replace(term, @"(?<bar>\||\\mid)\s*,", "${bar}");
        term = Regex.Replace(term, @",\s*,", ",");
        return term;
    }

    private static string Run(string letter, IEnumerable<int> indices) =>
        string.Join(", ", indices.Select(i => letter + "_{" + i.ToString(CultureInfo.InvariantCulture) + "}"));
}
