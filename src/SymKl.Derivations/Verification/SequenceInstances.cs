using System.Globalization;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The terms and runs of one sequence written with symbolic indices — x_0, x_t, x_{t-1}, x_{1:T}, x_{0:T} — given small
/// whole values: at T = 2 the run x_{0:T} is the list (x_0, x_1, x_2) and x_{1:T} is (x_1, x_2), so a random joint over
/// the components knows that x_{0:T} = (x_0, x_{1:T}). Each distinct spelling of a term gets a distinct index (x_t is
/// not x_0), every run is non-empty, and every term lies inside the runs' span; the instances with the fewest
/// components come first. A statement that holds at every instance tried is confirmed; one that fails at every one is
/// refuted at the instance named in the reason.
/// </summary>
internal sealed class SequenceInstance
{
    private readonly Dictionary<string, IReadOnlyList<string>> _components;

    private SequenceInstance(Dictionary<string, IReadOnlyList<string>> components, string describe, IReadOnlyDictionary<string, int> values)
        => (_components, Describe, Values) = (components, describe, values);

    /// <summary>The values of the index symbols (T = 1).</summary>
    public IReadOnlyDictionary<string, int> Values { get; }

    /// <summary>The values of the index symbols and the runs written out ("T = 2: x_{0:T} = (x_0, x_1, x_2)").</summary>
    public string Describe { get; }

    /// <summary>The components a name stands for (itself when it is no term or run of a sequence).</summary>
    public IReadOnlyList<string> Expand(string name) => _components.TryGetValue(name, out var c) ? c : [name];

    /// <summary>True when the name is a term or run this instance writes out.</summary>
    public bool Knows(string name) => _components.ContainsKey(name);

    private const int MaxValue = 4;
    private const int MaxComponents = 4;

    /// <summary>
    /// Up to <paramref name="count"/> instances of the sequences among the names (grouped by the letter before their
    /// index); none when no letter has both a run and another spelling, or when an index is not a sum of one symbol
    /// and a whole number; a run may leave one index out (x_{1:d\setminus i}), and a bold letter beside a run is the whole
    /// vector (\boldsymbol{x} = (x_1, …, x_d)).
    /// </summary>
    public static List<SequenceInstance> Find(IEnumerable<string> names, int count)
    {
        var terms = new Dictionary<string, Term>(StringComparer.Ordinal);
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (Term.Read(name) is not { } term) continue;
            if (!groups.TryGetValue(term.Base, out var g)) groups[term.Base] = g = [];
            g.Add(name);
            terms[name] = term;
        }
        // A letter is a sequence here when it has a run and at least two spellings, every one of them read.
        var sequences = groups.Where(kv => kv.Value.Count > 1 && kv.Value.Any(n => terms[n].Lower is not null) && kv.Value.All(n => terms[n].IsRead)).Select(kv => kv.Key).ToList();
        if (sequences.Count == 0) return [];
        var members = sequences.SelectMany(b => groups[b]).ToList();
        var symbols = members.SelectMany(n => terms[n].Indices).OfType<Index>()
            .Select(i => i.Symbol).OfType<string>().Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList();
        if (symbols.Count > 3) return [];
        var found = new List<(int Size, int Sum, SequenceInstance Instance)>();
        var values = new int[symbols.Count];
        var total = (int)Math.Pow(MaxValue + 1, symbols.Count);
        for (var code = 0; code < total; code++)
        {
            var c = code;
            for (var k = 0; k < values.Length; k++) { values[k] = c % (MaxValue + 1); c /= MaxValue + 1; }
            var env = symbols.Select((s, k) => (s, values[k])).ToDictionary(p => p.s, p => p.Item2, StringComparer.Ordinal);
            if (Instantiate(sequences, groups, terms, env) is { } instance)
                found.Add((instance.Size, values.Sum(), instance.Instance));
        }
        return [.. found.OrderBy(f => f.Size).ThenBy(f => f.Sum).Take(count).Select(f => f.Instance)];
    }

    private static (int Size, SequenceInstance Instance)? Instantiate(List<string> sequences, Dictionary<string, List<string>> groups,
        Dictionary<string, Term> terms, Dictionary<string, int> env)
    {
        var components = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var runs = new List<string>();
        var size = 0;
        foreach (var b in sequences)
        {
            var singles = new Dictionary<int, Index>();
            var spans = new Dictionary<(int Lower, int Upper, int Hole), Term>();
            var literals = new List<int>();
            foreach (var name in groups[b])
            {
                var t = terms[name];
                foreach (var i in t.Indices) if (i is { Symbol: null }) literals.Add(i.Offset);
                if (t.Whole) continue;
                if (t.Single is { } s)
                {
                    var v = s.Value(env);
                    // Two indices, two terms: x_t is not x_0 nor x_{t-1} (x_{t} is x_t).
                    if (singles.TryGetValue(v, out var other) && other != s) return null;
                    singles[v] = s;
                }
                else
                {
                    var (lo, hi) = (t.Lower!.Value(env), t.Upper!.Value(env));
                    var hole = t.Hole?.Value(env) ?? int.MinValue;
                    // x_{1:d \setminus i}: i one of the run's indices, and something left.
                    if (hi < lo || (t.Hole is not null && (hole < lo || hole > hi || hi == lo))) return null;
                    // Two runs written differently stand for different parts.
                    if (spans.TryGetValue((lo, hi, hole), out var same) && (same.Lower, same.Upper, same.Hole) != (t.Lower, t.Upper, t.Hole)) return null;
                    spans[(lo, hi, hole)] = t;
                }
            }
            var floor = literals.Count > 0 ? Math.Max(0, literals.Min()) : 1;
            var top = spans.Keys.Max(s => s.Upper);
            var bottom = Math.Min(spans.Keys.Min(s => s.Lower), singles.Count > 0 ? singles.Keys.Min() : int.MaxValue);
            if (bottom < floor || singles.Keys.Any(v => v > top)) return null;
            foreach (var name in groups[b])
            {
                var t = terms[name];
                // A bold letter beside its runs is the whole vector: from the first index written to the last.
                var (lo, hi) = t.Whole ? (floor, top) : t.Single is { } s ? (s.Value(env), s.Value(env)) : (t.Lower!.Value(env), t.Upper!.Value(env));
                var hole = t.Hole?.Value(env);
                components[name] = [.. Enumerable.Range(lo, hi - lo + 1).Where(k => k != hole).Select(k => Component(b, k))];
                if (t.Single is null) runs.Add(name + " = (" + string.Join(", ", components[name]) + ")");
            }
            size += top - bottom + 1;
        }
        if (size > MaxComponents) return null;
        var values = string.Join(", ", env.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + " = " + kv.Value.ToString(CultureInfo.InvariantCulture)));
        return (size, new SequenceInstance(components, (values.Length > 0 ? values + ": " : "") + string.Join(", ", runs), new Dictionary<string, int>(env, StringComparer.Ordinal)));
    }

    private static string Component(string b, int k)
    {
        var text = k.ToString(CultureInfo.InvariantCulture);
        return b + "_" + (text.Length == 1 ? text : "{" + text + "}");
    }

    /// <summary>
    /// A name of a sequence's letter: a term x_{t-1} (Single), a run x_{1:T} (Lower, Upper), a run with one index left
    /// out x_{1:d\setminus i} (Hole), or a bold \boldsymbol{x} (Whole); IsRead when its indices are read.
    /// </summary>
    private sealed record Term(string Base, Index? Single, Index? Lower, Index? Upper, Index? Hole, bool Whole, bool IsRead)
    {
        public IEnumerable<Index?> Indices => [Single, Lower, Upper, Hole];

        public static Term? Read(string name)
        {
            if (WholeVector(name) is { } letter) return new Term(letter, null, null, null, null, true, true);
            if (Split(name) is not var (b, index)) return null;
            var colon = index.IndexOf(':');
            if (colon < 0)
            {
                var single = Index.Parse(index);
                return new Term(b, single, null, null, null, false, single is not null);
            }
            var upper = index.Substring(colon + 1);
            Index? hole = null;
            var minus = upper.IndexOf("\\setminus", StringComparison.Ordinal);
            if (minus >= 0)
            {
                hole = Index.Parse(upper.Substring(minus + "\\setminus".Length));
                upper = upper.Substring(0, minus);
            }
            var (lo, hi) = (Index.Parse(index.Substring(0, colon)), Index.Parse(upper));
            return new Term(b, null, lo, hi, hole, false, lo is not null && hi is not null && (minus < 0 || hole is not null));
        }

        /// <summary>\boldsymbol{x}, \mathbf{x}, \bm{x} (spaces removed): the letter x.</summary>
        private static string? WholeVector(string name)
        {
            foreach (var style in new[] { "\\boldsymbol", "\\mathbf", "\\bm" })
            {
                if (!name.StartsWith(style, StringComparison.Ordinal)) continue;
                var rest = name.Substring(style.Length);
                if (rest.Length == 3 && rest[0] == '{' && rest[2] == '}') rest = rest.Substring(1, 1);
                return rest.Length == 1 && char.IsLetter(rest[0]) ? rest : null;
            }
            return null;
        }

        /// <summary>x_{t-1} as (x, t-1); x_{1:d\setminus i} as (x, 1:d\setminus i); null without a subscript at the end.</summary>
        private static (string Base, string Index)? Split(string name)
        {
            if (name.EndsWith("}", StringComparison.Ordinal))
            {
                var open = name.LastIndexOf("_{", StringComparison.Ordinal);
                if (open <= 0) return null;
                var inner = name.Substring(open + 2, name.Length - open - 3);
                return inner.Replace("\\setminus", "").IndexOfAny(['{', '}', '\\']) >= 0 ? null : (name.Substring(0, open), inner);
            }
            return name.Length >= 3 && name[name.Length - 2] == '_' && char.IsLetterOrDigit(name[name.Length - 1])
                ? (name.Substring(0, name.Length - 2), name.Substring(name.Length - 1)) : null;
        }
    }

    /// <summary>An index: a whole number plus at most one symbol (t, T, t-1, T+1, 0).</summary>
    private sealed record Index(string? Symbol, int Offset)
    {
        public int Value(Dictionary<string, int> env) => (Symbol is null ? 0 : env[Symbol]) + Offset;

        public static Index? Parse(string text)
        {
            if (text.Length == 0 || text.Length > 8) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return new Index(null, n);
            if (!char.IsLetter(text[0]) || text[0] > 'z') return null;
            var symbol = text.Substring(0, 1);
            var rest = text.Substring(1);
            if (rest.Length == 0) return new Index(symbol, 0);
            if (rest[0] is not ('+' or '-') || !int.TryParse(rest.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k > 3) return null;
            return new Index(symbol, rest[0] == '+' ? k : -k);
        }
    }
}
