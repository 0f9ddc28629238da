namespace SymKl.Symbolic;

/// <summary>
/// Orderings that follow from the assumptions: x ≤ y or x &lt; y for every admissible value, by a chain of
/// stated orderings (between symbols, or a symbol and a number), sign domains (a positive symbol is above 0,
/// a probability below 1) and the order of numbers. Only symbols and numbers are compared; anything else is
/// not provably ordered.
/// </summary>
public static class Order
{
    /// <summary>x ≤ y for every admissible value.</summary>
    public static bool ProvablyAtMost(Expr x, Expr y, Assumptions a) => x.Equals(y) || Search(x, y, a, strict: false);

    /// <summary>x &lt; y for every admissible value.</summary>
    public static bool ProvablyLess(Expr x, Expr y, Assumptions a) => !x.Equals(y) && Search(x, y, a, strict: true);

    private static string? Key(Expr e) => e switch
    {
        Sym s => "s:" + s.Name,
        Num n => "n:" + n.Value.ToString(),
        _ => null,
    };

    private static string KeyOfName(string name) => Assumptions.NumberName(name) is { } r ? "n:" + r.ToString() : "s:" + name;

    private static bool Search(Expr x, Expr y, Assumptions a, bool strict)
    {
        if (Key(x) is not { } from || Key(y) is not { } to) return false;
        // The graph: edges smaller → larger, marked strict or not.
        var edges = new List<(string From, string To, bool Strict)>();
        var strictPairs = new HashSet<(string, string)>(a.StrictOrderings);
        foreach (var (s, l) in a.Orderings) edges.Add((KeyOfName(s), KeyOfName(l), strictPairs.Contains((s, l))));
        // Numeric lower bounds (α > 2) are orderings with a number too.
        foreach (var b in a.LowerBounds) edges.Add(("n:" + b.Bound.ToString(), "s:" + b.Symbol, b.Strict));
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (s, l) in a.Orderings) { symbols.Add(s); symbols.Add(l); }
        foreach (var b in a.LowerBounds) symbols.Add(b.Symbol);
        foreach (var name in a.Declared.Keys) symbols.Add(name);
        if (x is Sym sx) symbols.Add(sx.Name);
        if (y is Sym sy) symbols.Add(sy.Name);
        foreach (var name in symbols)
        {
            if (Assumptions.NumberName(name) is not null) continue;
            var s = Ex.Sym(name);
            var k = "s:" + name;
            if (a.IsPositive(s)) edges.Add(("n:0", k, true));
            else if (a.IsNonNegative(s)) edges.Add(("n:0", k, false));
            if (a.IsNegative(s)) edges.Add((k, "n:0", true));
            if (a.DomainOf(s) == Domain.UnitInterval) edges.Add((k, "n:1", true));
        }
        // Numbers are ordered among themselves.
        var numbers = new Dictionary<string, Rational>(StringComparer.Ordinal);
        void AddNumber(string key)
        {
            if (key.StartsWith("n:", StringComparison.Ordinal) && !numbers.ContainsKey(key) && Assumptions.NumberName(key.Substring(2).Replace("/", "")) is not null)
                numbers[key] = ParseKey(key);
        }
        foreach (var e in edges) { AddNumber(e.From); AddNumber(e.To); }
        if (x is Num nx) numbers[from] = nx.Value;
        if (y is Num ny) numbers[to] = ny.Value;
        foreach (var n1 in numbers)
            foreach (var n2 in numbers)
                if (n1.Key != n2.Key && n1.Value <= n2.Value) edges.Add((n1.Key, n2.Key, n1.Value < n2.Value));
        // Breadth-first over (node, whether a strict edge was used); the graph is finite and each state is seen once.
        var seen = new HashSet<(string, bool)> { (from, false) };
        var frontier = new Queue<(string, bool)>([(from, false)]);
        while (frontier.Count > 0)
        {
            var (node, wasStrict) = frontier.Dequeue();
            foreach (var (f, t, s) in edges)
            {
                if (f != node) continue;
                var state = (t, wasStrict || s);
                if (t == to && (!strict || state.Item2)) return true;
                if (seen.Add(state)) frontier.Enqueue(state);
            }
        }
        return false;
    }

    private static Rational ParseKey(string key)
    {
        var text = key.Substring(2);
        var slash = text.IndexOf('/');
        if (slash < 0) return Assumptions.NumberName(text) ?? Rational.Zero;
        return new Rational(System.Numerics.BigInteger.Parse(text.Substring(0, slash), System.Globalization.CultureInfo.InvariantCulture),
            System.Numerics.BigInteger.Parse(text.Substring(slash + 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
