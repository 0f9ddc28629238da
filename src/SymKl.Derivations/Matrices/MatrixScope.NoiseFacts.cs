using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// What a text states about random vectors that have no law of their own (noises and errors of a Kalman derivation):
/// "$w_k$ is zero-mean white noise", "$w_k$ and $v_k$ are uncorrelated", and matrices it names by a second moment
/// (Q_k = 𝔼[w_k w_kᵀ], 𝔼[v vᵀ] = R). Only sentences before the math being read count, as for independence.
/// </summary>
internal sealed partial class MatrixScope
{
    private string? _factsSource;
    private List<(int Offset, HashSet<string> Names)> _zeroMean = [];
    private List<(int Offset, HashSet<string> Names)> _uncorrelated = [];

    private static readonly Regex ZeroMeanWord = new(@"\bzero[- ]mean\b|\bmean\s+(?:of\s+)?(?:zero|0)\b|\bcent(?:er|re)d\b|\bwhite\s+(?:gaussian\s+)?noise\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex UncorrelatedWord = new(@"\buncorrelated\b|\bindependent(?:ly)?\b|\bi\.\s?i\.\s?d\.?|\biid\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex NegatedFact = new(@"\bnot\s+(?:[A-Za-z]+\s+){0,2}(?:zero[- ]mean|uncorrelated|independent|unbiased|cent(?:er|re)d)|\bnon[- ]?zero[- ]mean\b|\bcorrelated\s+with\b|\bconditionally\b|\bindependent\s+(?:given|conditional)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private void SeeFacts()
    {
        if (_source is null || ReferenceEquals(_source, _factsSource)) return;
        _factsSource = _source;
        _zeroMean = Sentences(_source, ZeroMeanWord, 1, Near);
        _uncorrelated = Sentences(_source, UncorrelatedWord, 2);
    }

    /// <summary>How far (in characters) the math naming a zero-mean vector may stand from the word: "$w_k$ is zero-mean", "zero-mean noise $w_k$".</summary>
    private const int Near = 48;

    /// <param name="near">Only the inline math that ends this close before the word or starts this close after it (0: the whole sentence).</param>
    private static List<(int Offset, HashSet<string> Names)> Sentences(string source, Regex word, int least, int near = 0)
    {
        var found = new List<(int, HashSet<string>)>();
        foreach (Match m in word.Matches(source))
        {
            var (start, end) = Sentence(source, m.Index);
            var sentence = source.Substring(start, end - start);
            if (NegatedFact.IsMatch(sentence)) continue;
            var names = new HashSet<string>(StringComparer.Ordinal);
            var at = m.Index - start;
            foreach (Match math in InlineMath.Matches(sentence))
            {
                if (near > 0 && !(math.Index + math.Length <= at && at - (math.Index + math.Length) <= near || math.Index >= at + m.Length && math.Index - (at + m.Length) <= near)) continue;
                var parsed = LatexParser.ParseMath(math.Groups[1].Value);
                if (parsed.Root is { } root) Visit(root, n => { if (n is Identifier id) names.Add(Key(id, parsed)); });
            }
            if (names.Count >= least) found.Add((start, names));
        }
        return found;
    }

    /// <summary>
    /// A name and the names of its family: w_k stands for w_{k-1} and w_{k+1} too (a sequence of noises the text
    /// describes once); the family is the part of the key before its subscript.
    /// </summary>
    private static bool Mentions(HashSet<string> names, string key) => names.Contains(key) || Family(key) is { } f && names.Any(n => Family(n) == f);

    private static string? Family(string key)
    {
        var i = key.IndexOf('_');
        return i > 0 ? key.Substring(0, i) : null;
    }

    /// <summary>The text says, before the current math, that the vector has mean zero (or is white noise).</summary>
    public bool StatedZeroMean(string key)
    {
        SeeFacts();
        return _zeroMean.Any(s => s.Offset < _offset && Mentions(s.Names, key));
    }

    /// <summary>The text says, before the current math, that the two vectors are uncorrelated or independent (distinct families only).</summary>
    public bool StatedUncorrelated(string a, string b)
    {
        SeeFacts();
        if (DeclaredIndependent(a, b)) return true;
        if (Family(a) is { } fa && fa == Family(b)) return _uncorrelated.Any(s => s.Offset < _offset && s.Names.Contains(a) && s.Names.Contains(b));
        return _uncorrelated.Any(s => s.Offset < _offset && Mentions(s.Names, a) && Mentions(s.Names, b));
    }

    private readonly Dictionary<string, (SyntaxNode Expectation, ParseResult Parsed)> _momentNames = new(StringComparer.Ordinal);

    /// <summary>Matrices named by a second moment (Q_k = 𝔼[w_k w_kᵀ], 𝔼[v vᵀ] = R): inside a law-free reading, that moment.</summary>
    public IReadOnlyDictionary<string, (SyntaxNode Expectation, ParseResult Parsed)> MomentNames => _momentNames;

    /// <summary>
    /// Q = 𝔼[w wᵀ] or 𝔼[w wᵀ] = Q, with Q a capital (a matrix) and the expectation's body a product of two factors, the
    /// second transposed: the first such equation names the moment. A chain P = 𝔼[e eᵀ] = 𝔼[(x − x̂)(x − x̂)ᵀ] names it too.
    /// </summary>
    private void ObserveMomentName(LatexRelation r, ParseResult parsed)
    {
        if (r.Operators.Count < 1 || r.Operators.Any(o => o.Negated || o.Kind is not (RelationKind.Equal or RelationKind.Define))) return;
        var (first, last) = (Unwrap(r.Operands[0]), Unwrap(r.Operands[^1]));
        var (name, moment) = first is Identifier a && MomentLike(r.Operands[1]) ? (a, r.Operands[1])
            : r.Operands.Count == 2 && last is Identifier b && MomentLike(first) ? (b, first) : (null, null);
        if (name is null || moment is null || !CapitalName(name)) return;
        var key = Key(name, parsed);
        if (!_momentNames.ContainsKey(key) && !_definitions.ContainsKey(key)) _momentNames[key] = (moment, parsed);
    }

    private static bool CapitalName(Identifier id) =>
        id.Name.Length == 1 && char.IsUpper(id.Name[0]) && id.Name is not ("E" or "T") && !DimensionLetters.Contains(id.Name)
        || id.Name is "Sigma" or "Lambda" or "Gamma" or "Psi" or "Phi" or "Omega";

    private static bool MomentLike(SyntaxNode node) =>
        Unwrap(node) is Expectation { Subscript: null, Body: var body } && Unwrap(body) is ImplicitMultiplication { Factors.Count: >= 2 } product
        && Unwrap(product.Factors[^1]) is Power { Exponent: var t } && (StatementShapes.IsTransposeMarker(t) || StatementShapes.IsT(t));
}
