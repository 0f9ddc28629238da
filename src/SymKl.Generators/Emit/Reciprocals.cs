namespace SymKl.Generators.Emit;

/// <summary>
/// Divisions by powers of the same parameter (x/σ and y/σ², as in Normal‖Normal) become one reciprocal and
/// multiplications: a division costs several multiplications in throughput, and the extra rounding of 1/σ is
/// one unit in the last place of a factor that is not cancelled afterwards.
/// </summary>
internal static class Reciprocals
{
    public static List<Node> Apply(NodeFactory f, IReadOnlyList<Node> roots)
    {
        var counts = new Dictionary<Node, int>();
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(roots);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            if (n.Op == Op.Div && PowerOf(n.Args[1]) is { } p) counts[p.Base] = counts.TryGetValue(p.Base, out var c) ? c + 1 : 1;
            foreach (var a in n.Args) stack.Push(a);
        }
        var inverses = counts.Where(kv => kv.Value >= 2).ToDictionary(kv => kv.Key, kv => f.Make(Op.Div, f.Const(1), kv.Key));
        if (inverses.Count == 0) return [.. roots];

        var memo = new Dictionary<Node, Node>();
        Node Rewrite(Node n)
        {
            if (n.IsLeaf) return n;
            if (memo.TryGetValue(n, out var done)) return done;
            Node result;
            if (n.Op == Op.Div && PowerOf(n.Args[1]) is { } p && inverses.TryGetValue(p.Base, out var inverse) && !ReferenceEquals(n, inverse))
            {
                result = Rewrite(n.Args[0]);
                var factor = inverse;
                for (var i = 1; i < p.Exponent; i++) factor = f.Make(Op.Mul, factor, inverse);
                result = IsOne(result) ? factor : f.Make(Op.Mul, result, factor);
            }
            else
            {
                var args = n.Args.Select(Rewrite).ToArray();
                result = args.SequenceEqual(n.Args) ? n : f.Make(n.Op, args);
            }
            memo[n] = result;
            return result;
        }
        return roots.Select(Rewrite).ToList();
    }

    private static bool IsOne(Node n) => n.Op == Op.Const && n.Value == 1;

    /// <summary>(p, k) when the node is the parameter p or p·p (a square, as integer powers are lowered).</summary>
    private static (Node Base, int Exponent)? PowerOf(Node d)
    {
        if (d.Op == Op.Param) return (d, 1);
        if (d.Op == Op.Mul && d.Args[0].Op == Op.Param && ReferenceEquals(d.Args[0], d.Args[1])) return (d.Args[0], 2);
        return null;
    }
}
