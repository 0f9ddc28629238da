using System.Globalization;
using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// Labels the text declares to take values in a finite set of numbers: "$y_i \in \{0, 1\}$", "$y \in \{-1, 1\}$",
/// "$y_i \in \{1, \dots, K\}$". A quantity with values in a finite set of fixed numbers is constant near every point where
/// it is continuous, so its derivative by a continuous variable is 0 wherever it exists: inside ∇_w[(p_i − y_i) x_i] the
/// label is data, not a number whose dependence on w is unknown. Only declarations before the math being read count; a
/// declared y_i stands for its whole family (y_1, y_n), as for the noise facts.
/// </summary>
internal sealed partial class MatrixScope
{
    private string? _discreteSource;
    private List<(int Offset, string Key, IReadOnlyList<int>? Values)> _discrete = [];

    /// <summary>Math that may declare a membership: inline or display, one pair of dollar signs or two, or \( … \).</summary>
    private static readonly Regex AnyMath = new(@"\$\$?([^$]+)\$\$?|\\\\?\((.+?)\\\\?\)", RegexOptions.CultureInvariant);

    /// <summary>An element of a finite set of numbers written out: an integer, possibly negative.</summary>
    private static readonly Regex IntegerElement = new(@"^-?\d+$", RegexOptions.CultureInvariant);

    /// <summary>An integer range 1, …, K / 1 … K: the ellipsis between an integer start and an integer or a count letter.</summary>
    private static readonly Regex IntegerRange = new(@"^-?\d+,?(?:\\l?dots|\\cdots|\\dots[bc]?|\.\.\.),?(?:-?\d+|[A-Za-z])$", RegexOptions.CultureInvariant);

    private void SeeDiscrete()
    {
        if (_source is null || ReferenceEquals(_source, _discreteSource)) return;
        _discreteSource = _source;
        _discrete = [];
        var budget = 2000;
        foreach (Match m in AnyMath.Matches(_source))
        {
            if (--budget < 0) break;
            var text = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            var at = 0;
            while ((at = text.IndexOf("\\in", at, StringComparison.Ordinal)) >= 0 && --budget >= 0)
            {
                var (name, end) = (at, at + 3);
                at = end;
                // \in, not \int or \infty.
                if (end < text.Length && char.IsLetter(text[end])) continue;
                if (SetAfter(text, end) is not { } set || !FiniteNumbers(set, out var values)) continue;
                if (name == 0) continue;
                var start = text.LastIndexOfAny([',', ';', '$', '&'], name - 1) + 1;
                var parsed = LatexParser.ParseMath(text.Substring(start, name - start));
                if (parsed.Root is { Rows: [{ Items: [var only] }] } && Unwrap(only) is Identifier id) _discrete.Add((m.Index, Key(id, parsed), values));
            }
        }
    }

    /// <summary>The braces \{ … \} right after the membership, with what they hold; null when something else follows.</summary>
    private static string? SetAfter(string text, int from)
    {
        var rest = text.Substring(from).TrimStart();
        if (rest.StartsWith("\\left", StringComparison.Ordinal)) rest = rest.Substring(5).TrimStart();
        if (!rest.StartsWith("\\{", StringComparison.Ordinal)) return null;
        var close = rest.IndexOf("\\}", 2, StringComparison.Ordinal);
        return close < 0 ? null : rest.Substring(0, close + 2);
    }

    /// <summary>
    /// \{0, 1\}, \{ -1, 1 \}, \{1, \dots, K\}: a set written out whose elements are integers; <paramref name="values"/> lists
    /// them when they are few and all written (not for a range up to a letter).
    /// </summary>
    private static bool FiniteNumbers(string set, out IReadOnlyList<int>? values)
    {
        values = null;
        var s = set.Replace(" ", "").Replace("\\left", "").Replace("\\right", "").Replace("\\,", "");
        if (!s.StartsWith("\\{", StringComparison.Ordinal) || !s.EndsWith("\\}", StringComparison.Ordinal) || s.Length <= 4) return false;
        var inner = s.Substring(2, s.Length - 4);
        if (IntegerRange.IsMatch(inner))
        {
            var ends = Regex.Matches(inner, @"-?\d+|[A-Za-z]$").Cast<Match>().Select(e => e.Value).ToList();
            if (ends.Count == 2 && int.TryParse(ends[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(ends[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var to) && to >= from && to - from < MaxLabelValues)
                values = Enumerable.Range(from, to - from + 1).ToList();
            return true;
        }
        var elements = inner.Split(',');
        if (elements.Length < 2 || !elements.All(e => IntegerElement.IsMatch(e))) return false;
        var numbers = elements.Select(e => int.TryParse(e, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? (int?)n : null).ToList();
        if (numbers.All(n => n is not null) && numbers.Count <= MaxLabelValues) values = numbers.Select(n => n!.Value).Distinct().ToList();
        return true;
    }

    /// <summary>The most values of a label tried one by one when a step fails with the label sampled as a real number.</summary>
    public const int MaxLabelValues = 8;

    /// <summary>The text declares, before the current math, that the name (or its family, y_i for y_1) takes values in a finite set of integers.</summary>
    public bool StatedDiscrete(string key) => Declaration(key) is not null;

    /// <summary>The values the text lists for the label (y_i ∈ {0, 1}: 0 and 1), or null when it lists none or too many.</summary>
    public IReadOnlyList<int>? DiscreteValues(string key) => Declaration(key)?.Values;

    private (string Key, IReadOnlyList<int>? Values)? Declaration(string key)
    {
        SeeDiscrete();
        foreach (var (offset, declared, values) in _discrete)
        {
            if (offset >= _offset) continue;
            // y_i declares y_1 and y_n; a bare y declares only y.
            if (declared == key || Family(declared) is { } f && Family(key) == f) return (declared, values);
        }
        return null;
    }
}
