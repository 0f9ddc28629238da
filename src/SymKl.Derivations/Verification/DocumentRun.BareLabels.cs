using System.Text;
using System.Text.RegularExpressions;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A text that labels a quantity with a letter in parentheses over a subscripted name (u_k^{(a)} the analysis,
/// \xi_k^{(p)} the process noise) and once drops the parentheses (u_{k-1}^a, \xi_k^{p}) means the same label: a power
/// of a state or noise vector by a letter that names one of its own labels is no reading a mathematician would take.
/// Only a letter the text writes in parentheses over that very name is read so, never T (a transpose), and only when
/// no other letter follows (u_k^ab stays as written). The math is rewritten before it is parsed, with a note.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex ParenthesisedLabel = new(
        @"(\\[A-Za-z]+|(?<![A-Za-z\\])[A-Za-z])_(?:\{[^{}]*\}|[A-Za-z0-9])\^\{\(([A-Za-z])\)\}", RegexOptions.CultureInvariant);

    // name, subscript, then ^a or ^{a}: the letter not followed by another letter (u_k^ab is a label and a product, or a word).
    private static readonly Regex BareLabel = new(
        @"(\\[A-Za-z]+|(?<![A-Za-z\\])[A-Za-z])(_(?:\{[^{}]*\}|[A-Za-z0-9]))\^(?:\{([A-Za-z])\}|([A-Za-z])(?![A-Za-z]))", RegexOptions.CultureInvariant);

    /// <summary>The letters each name carries as parenthesised labels in the whole text (u → {a, b, t}), read once.</summary>
    private Dictionary<string, HashSet<char>>? _labelsByName;

    /// <summary>
    /// The math with every bare label of a name read as that name's parenthesised label, and for each character of the
    /// result (and one past its end) its offset in <paramref name="text"/>; null when nothing is rewritten.
    /// </summary>
    private string? WithParenthesisedLabels(string text, out int[] sourceOffsets, out List<(int At, string Bare, string Meant)> repaired)
    {
        sourceOffsets = [];
        repaired = [];
        _labelsByName ??= LabelsByName(document.Source.Text);
        if (_labelsByName.Count == 0 || text.IndexOf('^') < 0) return null;
        var output = new StringBuilder(text.Length + 16);
        var map = new List<int>(text.Length + 16);
        var copied = 0;
        foreach (Match m in BareLabel.Matches(text))
        {
            var letterGroup = m.Groups[3].Success ? m.Groups[3] : m.Groups[4];
            var letter = letterGroup.Value[0];
            if (letter == 'T' || !_labelsByName.TryGetValue(m.Groups[1].Value, out var labels) || !labels.Contains(letter)) continue;
            // Copy up to the letter, then the letter wrapped: ^a -> ^{(a)}, ^{a} -> ^{(a)}; inserted characters map to the letter.
            var start = m.Groups[3].Success ? letterGroup.Index - 1 : letterGroup.Index;
            var end = m.Groups[3].Success ? letterGroup.Index + 2 : letterGroup.Index + 1;
            for (var i = copied; i < start; i++) { output.Append(text[i]); map.Add(i); }
            foreach (var c in "{(" + letter + ")}") { output.Append(c); map.Add(letterGroup.Index); }
            copied = end;
            repaired.Add((m.Index, m.Value, m.Groups[1].Value + m.Groups[2].Value + "^{(" + letter + ")}"));
        }
        if (repaired.Count == 0) return null;
        for (var i = copied; i < text.Length; i++) { output.Append(text[i]); map.Add(i); }
        map.Add(text.Length);
        sourceOffsets = [.. map];
        return output.ToString();
    }

    private static Dictionary<string, HashSet<char>> LabelsByName(string source)
    {
        var labels = new Dictionary<string, HashSet<char>>(StringComparer.Ordinal);
        foreach (Match m in ParenthesisedLabel.Matches(source))
        {
            if (!labels.TryGetValue(m.Groups[1].Value, out var set)) labels[m.Groups[1].Value] = set = [];
            set.Add(m.Groups[2].Value[0]);
        }
        return labels;
    }
}
