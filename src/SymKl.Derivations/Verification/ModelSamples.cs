using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;
using LatexSum = SymKl.Latex.Syntax.Sum;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The data samples x_1 … x_N a statement about an abstract model sums or multiplies over (Σ_{i=1}^{N} log p_θ(x_i),
/// ∏_i p(x_i | θ)): an index i bound by Σ or ∏ whose body writes a letter with that index. In a random model the
/// letter x gets N random sample values (N drawn from 2 to 4, and the sum's upper bound, a name such as N or n, is
/// that N); x_i is the model's variable x at the i-th of them, and the empirical law \hat{p} has mass 1/N at each.
/// </summary>
internal sealed class Samples
{
    /// <summary>The key of the sample size in an evaluation's values.</summary>
    public const string CountKey = "#N";

    private readonly Dictionary<string, string> _variableOf = new(StringComparer.Ordinal);

    /// <summary>The sampled letters (x of x_i).</summary>
    public HashSet<string> Letters { get; } = new(StringComparer.Ordinal);

    /// <summary>The names the sums give the sample size (N of Σ_{i=1}^{N}).</summary>
    public HashSet<string> SizeNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The key of the k-th sample value of a letter.</summary>
    public static string Key(string letter, int k) => letter + "#" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The model variable an argument stands for: x for the indexed sample x_i, the argument itself otherwise.</summary>
    public string VariableOf(string atom) => _variableOf.TryGetValue(atom, out var v) ? v : atom;

    /// <summary>
    /// Records the sums and products over samples in a statement; false when two of them disagree on the sample size.
    /// A letter conditioned on somewhere (Σ_k p(x | z_k) p(z_k)) is not read as samples: z_1 … z_K there are the values
    /// a latent variable takes, and the sum marginalises it.
    /// </summary>
    public bool Find(IReadOnlyList<(SyntaxNode Node, ParseResult Parsed)> sides, bool optimisation = false)
    {
        _optimisation = optimisation;
        var conditioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, parsed) in sides)
            foreach (var n in ModelCheck.Walk(node))
                if (n is Call call && call.Separators.ToList().FindIndex(s => s.Text is "|" or ";") is var bar and >= 0)
                    foreach (var a in call.Arguments.Skip(bar + 1)) conditioned.Add(ModelCheck.Atom(a, parsed));
        foreach (var (node, parsed) in sides)
            if (!Find(node, parsed, conditioned)) return false;
        return SizeNames.Count <= 1;
    }

    private bool Find(SyntaxNode node, ParseResult parsed, HashSet<string> conditioned)
    {
        foreach (var n in ModelCheck.Walk(node))
        {
            var (lower, upper, body) = n switch
            {
                LatexSum s => (s.Lower, s.Upper, s.Body),
                Product p => (p.Lower, p.Upper, (SyntaxNode?)p.Body),
                _ => (null, null, null),
            };
            if (body is null) continue;
            // Σ_{x ∈ D} over a data set (in an argmax or argmin: the data fixed, the parameter varied): x at each sample.
            if (_optimisation && n is LatexSum && upper is null && DataSet(lower, parsed) is var (element, set))
            {
                _variableOf[element] = element;
                Letters.Add(element);
                DataSets.Add(set);
                _indices.Add(InKey(element, set));
                continue;
            }
            if (Index(lower, parsed) is not { } index) continue;
            if (upper is not (null or Identifier)) continue;
            var indexed = ModelCheck.Walk(body).OfType<Identifier>()
                .Where(id => id.Subscript is Identifier sub && ModelCheck.Atom(sub, parsed) == index && id.Primes == 0 && id.Decoration is null)
                .ToList();
            if (indexed.Count == 0) continue;
            if (indexed.Any(id => conditioned.Contains(ModelCheck.Atom(id, parsed))))
            {
                // Σ_{k=1}^{K} p(z_k | x; θ_t) log p(x | z_k; θ) in an argmax: z_1 … z_K are the values of the latent z, the sum is over them.
                if (_optimisation && n is LatexSum && indexed.Select(id => Letter(id, parsed)).Distinct(StringComparer.Ordinal).ToList() is [var latent])
                {
                    foreach (var id in indexed) _variableOf[ModelCheck.Atom(id, parsed)] = latent;
                    _latent[index] = latent;
                }
                continue;
            }
            foreach (var id in indexed)
            {
                var letter = Letter(id, parsed);
                _variableOf[ModelCheck.Atom(id, parsed)] = letter;
                Letters.Add(letter);
            }
            _indices.Add(index);
            if (upper is Identifier size) SizeNames.Add(ModelCheck.Atom(size, parsed));
        }
        return true;
    }

    private readonly HashSet<string> _indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _latent = new(StringComparer.Ordinal);
    private bool _optimisation;

    /// <summary>The data sets a Σ_{x ∈ D} runs over (|D| is then the sample size).</summary>
    public HashSet<string> DataSets { get; } = new(StringComparer.Ordinal);

    /// <summary>The latent variable z a Σ_{k=1}^{K} over its values z_k runs over, or null.</summary>
    public string? LatentOf(LatexSum sum, ParseResult parsed) =>
        sum.Upper is null or Identifier && Index(sum.Lower, parsed) is { } index && _latent.TryGetValue(index, out var z) ? z : null;

    private static string InKey(string element, string set) => element + "∈" + set;

    /// <summary>x and D of Σ_{x ∈ D} (D, \mathcal{D}: a data set).</summary>
    private static (string Element, string Set)? DataSet(SyntaxNode? lower, ParseResult parsed) => lower switch
    {
        LatexRelation { Operators: [{ Kind: RelationKind.In, Negated: false }], Operands: [Identifier { IsSingleSymbol: true, Subscript: null, Decoration: null, Accent: null, Primes: 0 } x, Identifier { IsSingleSymbol: true, Subscript: null } d] }
            => (ModelCheck.Atom(x, parsed), ModelCheck.Atom(d, parsed)),
        _ => null,
    };

    /// <summary>The index of a Σ or ∏ over the samples, or null.</summary>
    public string? IndexOf(SyntaxNode sumOrProduct, ParseResult parsed)
    {
        var (lower, upper) = sumOrProduct switch
        {
            LatexSum s => (s.Lower, s.Upper),
            Product p => (p.Lower, p.Upper),
            _ => (null, null),
        };
        if (sumOrProduct is LatexSum && upper is null && DataSet(lower, parsed) is var (element, set) && _indices.Contains(InKey(element, set))) return InKey(element, set);
        if (upper is not (null or Identifier)) return null;
        return Index(lower, parsed) is { } index && _indices.Contains(index) ? index : null;
    }

    /// <summary>i of Σ_i or Σ_{i=1}.</summary>
    private static string? Index(SyntaxNode? lower, ParseResult parsed) => lower switch
    {
        Identifier { IsSingleSymbol: true, Subscript: null } i => ModelCheck.Atom(i, parsed),
        LatexRelation { Operators: [{ Kind: RelationKind.Equal, Negated: false }], Operands: [Identifier { IsSingleSymbol: true, Subscript: null } i, Number { Text: "1" }] } => ModelCheck.Atom(i, parsed),
        _ => null,
    };

    /// <summary>x of x_i (the name as written, without its index).</summary>
    private static string Letter(Identifier id, ParseResult parsed)
    {
        var text = ModelCheck.Atom(id, parsed);
        var sub = ModelCheck.Atom(id.Subscript!, parsed);
        foreach (var suffix in new[] { "_{" + sub + "}", "_" + sub })
            if (text.EndsWith(suffix, StringComparison.Ordinal)) return text.Substring(0, text.Length - suffix.Length);
        return text;
    }
}
