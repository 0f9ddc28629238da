using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// Independence the prose states: a sentence that says "independent" (or i.i.d.) about the names in its inline math
/// ("$x$ and $\epsilon$ are independent", "$\epsilon \sim \mathcal{N}(0, I)$ is independent of $x_0$"). Only sentences
/// before the math being read count; "not independent", "conditionally independent" and "independent given" do not.
/// </summary>
internal sealed partial class MatrixScope
{
    private string? _source;
    private List<(int Offset, HashSet<string> Names)> _independent = [];
    private int _offset;

    private static readonly Regex IndependenceWord = new(@"\b(?:independent(?:ly)?|i\.\s?i\.\s?d\.?|iid)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex Negated = new(@"\b(?:not|never|conditionally|mutually\s+dependent)\s+(?:be\s+)?independent|independent\s+(?:given|conditional|conditioned|once)\b|\bdependent\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex InlineMath = new(@"\$\$?([^$]+)\$\$?", RegexOptions.CultureInvariant);

    /// <summary>The document's text and where the math being read starts: the independence stated before it applies.</summary>
    public void SeeProse(string source, int offset)
    {
        _offset = offset;
        if (ReferenceEquals(source, _source)) return;
        _source = source;
        _independent = [];
        foreach (Match m in IndependenceWord.Matches(source))
        {
            var (start, end) = Sentence(source, m.Index);
            var sentence = source.Substring(start, end - start);
            if (Negated.IsMatch(sentence)) continue;
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match math in InlineMath.Matches(sentence))
            {
                var parsed = LatexParser.ParseMath(math.Groups[1].Value);
                if (parsed.Root is { } root) Visit(root, n => { if (n is Identifier id) names.Add(Key(id, parsed)); });
            }
            if (names.Count >= 2) _independent.Add((start, names));
        }
    }

    /// <summary>True when a sentence before the current math says that the two named random vectors are independent.</summary>
    public bool DeclaredIndependent(string a, string b) => _independent.Any(s => s.Offset < _offset && s.Names.Contains(a) && s.Names.Contains(b));

    /// <summary>The sentence around a position: from after the previous '. ', blank line or display math to the next.</summary>
    private static (int Start, int End) Sentence(string text, int at)
    {
        var start = at;
        while (start > 0 && !Boundary(text, start - 1)) start--;
        var end = at;
        while (end < text.Length && !Boundary(text, end)) end++;
        return (start, end);
    }

    private static bool Boundary(string text, int i) =>
        text[i] == '\n' && i + 1 < text.Length && text[i + 1] == '\n'
        || text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !InsideInlineMath(text, i)
        || text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$' && (i == 0 || text[i - 1] == '\n');

    /// <summary>An odd number of single $ on the line before the position: inside inline math (a period there ends nothing).</summary>
    private static bool InsideInlineMath(string text, int i)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, i - 1)) + 1;
        var count = 0;
        for (var k = lineStart; k < i; k++) if (text[k] == '$') count++;
        return count % 2 == 1;
    }
}
