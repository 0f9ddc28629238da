using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

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
    private static readonly Regex Negated = new(@"\b(?:not|never|conditionally|nor)\s+(?:[A-Za-z]+\s+){0,2}independent|independent\s+(?:given|conditional|conditioned|once)\b|\bdependent\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex InlineMath = new(@"\$\$?([^$]+)\$\$?", RegexOptions.CultureInvariant);

    /// <summary>The document's text and where the math being read starts: the independence stated before it applies.</summary>
    public void SeeProse(string source, int offset)
    {
        _offset = offset;
        if (ReferenceEquals(source, _source)) return;
        _source = source;
        FindProseKinds(source);
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

    private readonly Dictionary<string, (SyntaxNode Formula, ParseResult Parsed)> _randomDefinitions = new(StringComparer.Ordinal);

    /// <summary>Vectors the document first writes as a formula of random vectors (y = Hx + v): inside a moment, that formula.</summary>
    public IReadOnlyDictionary<string, (SyntaxNode Formula, ParseResult Parsed)> RandomDefinitions => _randomDefinitions;

    /// <summary>
    /// y = Hx + v, y := Hx + v with x or v a random vector of the document: the first such equation for y defines it (a
    /// later one is a claim about it). Only the first link of a chain, and only a name that has no law of its own.
    /// </summary>
    private void ObserveRandomDefinition(LatexRelation r, ParseResult parsed)
    {
        if (r.Operators.Count < 1 || r.Operators[0].Kind is not (RelationKind.Equal or RelationKind.Define) || r.Operators[0].Negated) return;
        if (Unwrap(r.Operands[0]) is not Identifier id || Key(id, parsed) is var key && (_randomDefinitions.ContainsKey(key) || _gaussians.ContainsKey(key))) return;
        var random = false;
        Visit(r.Operands[1], n => random |= n is Identifier v && _gaussians.TryGetValue(Key(v, parsed), out var g) && g.Variable == Key(v, parsed) || n is Identifier w && _randomDefinitions.ContainsKey(Key(w, parsed)));
        if (!random || Contains(r.Operands[1], n => n is Expectation or Integral or Sum or Product || n is Identifier self && Key(self, parsed) == key)) return;
        _randomDefinitions[key] = (r.Operands[1], parsed);
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
