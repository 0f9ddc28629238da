using System.Runtime.CompilerServices;

namespace SymKl.Symbolic;

/// <summary>Walking and rewriting trees: free symbols, substitution, containment.</summary>
public static class Traversal
{
    /// <summary>Symbols that occur free (not bound by an integral, sum or expectation), in canonical order.</summary>
    public static IReadOnlyList<Sym> FreeSymbols(Expr e)
    {
        var set = new HashSet<Sym>();
        Collect(e, set, []);
        var list = set.ToList();
        list.Sort(ExprOrder.Comparer);
        return list;
    }

    private static void Collect(Expr e, HashSet<Sym> set, HashSet<Sym> bound)
    {
        switch (e)
        {
            case Sym s:
                if (!bound.Contains(s)) set.Add(s);
                return;
            case BinderNode binder:
                {
                    var inner = new HashSet<Sym>(bound) { binder.Variable };
                    for (var i = 0; i < e.Children.Count; i++)
                    {
                        if (i == 1) continue;
                        // Limits and the distribution are outside the binder's scope.
                        Collect(e.Children[i], set, i == 0 ? inner : bound);
                    }
                    return;
                }
        }
        foreach (var c in e.Children) Collect(c, set, bound);
    }

    /// <summary>True when any node satisfies the predicate.</summary>
    public static bool Any(Expr e, Func<Expr, bool> predicate)
    {
        // Every recursive traversal stops with a catchable InsufficientExecutionStackException before the stack
        // ends (a stack overflow cannot be caught and would end the whole batch).
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (predicate(e)) return true;
        foreach (var c in e.Children) if (Any(c, predicate)) return true;
        return false;
    }

    public static int CountNodes(Expr e)
    {
        var n = 1;
        foreach (var c in e.Children) n += CountNodes(c);
        return n;
    }

    /// <summary>Replaces free occurrences of symbols, rebuilding through the smart constructors.</summary>
    public static Expr Substitute(Expr e, IReadOnlyDictionary<Sym, Expr> map)
    {
        if (map.Count == 0) return e;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case Sym s:
                return map.TryGetValue(s, out var r) ? r : e;
            case BinderNode binder:
                {
                    var v = binder.Variable;
                    var inner = map.ContainsKey(v) ? map.Where(kv => !kv.Key.Equals(v)).ToDictionary(kv => kv.Key, kv => kv.Value) : map;
                    var children = e.Children.Select((c, i) => i == 1 ? c : Substitute(c, i == 0 ? inner : map)).ToArray();
                    return Ex.Rebuild(e, children);
                }
        }
        if (e.Children.Count == 0) return e;
        var changed = false;
        var kids = new Expr[e.Children.Count];
        for (var i = 0; i < kids.Length; i++)
        {
            kids[i] = Substitute(e.Children[i], map);
            changed |= !ReferenceEquals(kids[i], e.Children[i]);
        }
        return changed ? Ex.Rebuild(e, kids) : e;
    }

    public static Expr Substitute(Expr e, Sym s, Expr value) => Substitute(e, new Dictionary<Sym, Expr> { [s] = value });
}
