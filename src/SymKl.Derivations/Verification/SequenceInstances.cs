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

    private SequenceInstance(Dictionary<string, IReadOnlyList<string>> components, string describe)
        => (_components, Describe) = (components, describe);

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
    /// and a whole number (x_{1:d\setminus i} and a bare \boldsymbol{x} are not read).
    /// </summary>
    public static List<SequenceInstance> Find(IEnumerable<string> names, int count)
    {
        var terms = new Dictionary<string, (string Base, Index? Single, Index? Lower, Index? Upper)>(StringComparer.Ordinal);
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (Split(name) is not var (b, index)) continue;
            if (!groups.TryGetValue(b, out var g)) groups[b] = g = [];
            g.Add(name);
            var colon = index.IndexOf(':');
            terms[name] = colon < 0 ? (b, Index.Parse(index), null, null) : (b, null, Index.Parse(index.Substring(0, colon)), Index.Parse(index.Substring(colon + 1)));
        }
        // A letter is a sequence here when it has a run and at least two spellings, every one of them read.
        var sequences = groups.Where(kv => kv.Value.Count > 1 && kv.Value.Any(n => terms[n].Lower is not null)
            && kv.Value.All(n => terms[n].Single is not null || (terms[n].Lower is not null && terms[n].Upper is not null))).Select(kv => kv.Key).ToList();
        if (sequences.Count == 0) return [];
        var members = sequences.SelectMany(b => groups[b]).ToList();
        var symbols = members.SelectMany(n => new[] { terms[n].Single, terms[n].Lower, terms[n].Upper }).OfType<Index>()
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
        Dictionary<string, (string Base, Index? Single, Index? Lower, Index? Upper)> terms, Dictionary<string, int> env)
    {
        var components = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var runs = new List<string>();
        var size = 0;
        foreach (var b in sequences)
        {
            var singles = new Dictionary<int, string>();
            var spans = new List<(int Lower, int Upper)>();
            var literals = new List<int>();
            foreach (var name in groups[b])
            {
                var t = terms[name];
                foreach (var i in new[] { t.Single, t.Lower, t.Upper }) if (i is { Symbol: null }) literals.Add(i.Offset);
                if (t.Single is { } s)
                {
                    var v = s.Value(env);
                    // Two spellings, two terms: x_t is not x_0 nor x_{t-1}.
                    if (singles.ContainsKey(v)) return null;
                    singles[v] = name;
                }
                else
                {
                    var (lo, hi) = (t.Lower!.Value(env), t.Upper!.Value(env));
                    if (hi < lo) return null;
                    spans.Add((lo, hi));
                }
            }
            var floor = literals.Count > 0 ? Math.Max(0, literals.Min()) : 1;
            var top = spans.Max(s => s.Upper);
            var bottom = Math.Min(spans.Min(s => s.Lower), singles.Count > 0 ? singles.Keys.Min() : int.MaxValue);
            if (bottom < floor || singles.Keys.Any(v => v > top)) return null;
            // Two runs spelled differently stand for different parts.
            if (spans.Distinct().Count() != spans.Count) return null;
            foreach (var name in groups[b])
            {
                var t = terms[name];
                var (lo, hi) = t.Single is { } s ? (s.Value(env), s.Value(env)) : (t.Lower!.Value(env), t.Upper!.Value(env));
                components[name] = [.. Enumerable.Range(lo, hi - lo + 1).Select(k => Component(b, k))];
                if (t.Single is null) runs.Add(name + " = (" + string.Join(", ", components[name]) + ")");
            }
            size += top - bottom + 1;
        }
        if (size > MaxComponents) return null;
        var values = string.Join(", ", env.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + " = " + kv.Value.ToString(CultureInfo.InvariantCulture)));
        return (size, new SequenceInstance(components, (values.Length > 0 ? values + ": " : "") + string.Join(", ", runs)));
    }

    private static string Component(string b, int k)
    {
        var text = k.ToString(CultureInfo.InvariantCulture);
        return b + "_" + (text.Length == 1 ? text : "{" + text + "}");
    }

    /// <summary>x_{t-1} as (x, t-1); \mathbf{x}_0 as (\mathbf{x}, 0); null without a subscript at the end.</summary>
    private static (string Base, string Index)? Split(string name)
    {
        if (name.EndsWith("}", StringComparison.Ordinal))
        {
            var open = name.LastIndexOf("_{", StringComparison.Ordinal);
            if (open <= 0) return null;
            var inner = name.Substring(open + 2, name.Length - open - 3);
            return inner.IndexOfAny(['{', '}', '\\']) >= 0 ? null : (name.Substring(0, open), inner);
        }
        return name.Length >= 3 && name[name.Length - 2] == '_' && char.IsLetterOrDigit(name[name.Length - 1])
            ? (name.Substring(0, name.Length - 2), name.Substring(name.Length - 1)) : null;
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
