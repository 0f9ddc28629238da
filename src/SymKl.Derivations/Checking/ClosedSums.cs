using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// A sum whose index letter is also used free elsewhere (∂/∂θ_j of Σ_i log(… exp(Σ_j θ_j T_j(x_i)) …) gives T_j(x_i) beside
/// the Σ_j): the bound index is renamed when the sum is closed off by brackets the tree still shows (inside an argument
/// of a function, or the base or exponent of a power) and the letter is not used free within those brackets; then no
/// free use can belong to the sum, whatever extent the text meant for it. An open sum (Σ_j a_j + b_j) is left alone,
/// since the text may mean its index to reach the terms after it.
/// </summary>
internal static class ClosedSums
{
    private const string Candidates = "uvwrsqmlhgfedcba";

    /// <summary>The two sides with the closed sums' clashing indices renamed (unchanged when nothing clashes).</summary>
    public static (Expr Lhs, Expr Rhs) Rebind(Expr lhs, Expr rhs)
    {
        var letters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, e =>
            {
                if (e is Summation or IndexedProduct && e is BinderNode b && b.Variable.Name.Length == 1 && char.IsLower(b.Variable.Name[0])) letters.Add(b.Variable.Name);
                return false;
            });
        foreach (var v in letters)
        {
            if (!UsedFree(lhs, v) && !UsedFree(rhs, v)) continue;
            if (Fresh(lhs, rhs, v) is not { } fresh) break;
            var renamed = false;
            var l = Walk(lhs, v, fresh, WholeSide(lhs, v) && UsedFree(rhs, v, hidden: false), ref renamed);
            var r = Walk(rhs, v, fresh, WholeSide(rhs, v) && UsedFree(lhs, v, hidden: false), ref renamed);
            if (renamed) (lhs, rhs) = (l, r);
        }
        return (lhs, rhs);
    }

    /// <summary>
    /// A side that is the sum over v (or a product of it with factors that do not use v): the relation sign ends the sum,
    /// so a v on the other side cannot be its index (∂Z/∂β = −Σ_i E_i e^{−βE_i} beside −E_i e^{−βE_i}).
    /// </summary>
    private static bool WholeSide(Expr side, string v) => side switch
    {
        Summation or IndexedProduct when side is BinderNode b && b.Variable.Name == v => true,
        Mul m => m.Factors.Count(f => f is Summation or IndexedProduct && f is BinderNode b && b.Variable.Name == v) == 1
            && m.Factors.All(f => f is Summation or IndexedProduct && f is BinderNode b && b.Variable.Name == v || !UsedFree(f, v)),
        _ => false,
    };

    private static Expr Walk(Expr e, string v, string fresh, bool closed, ref bool renamed)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case Summation or IndexedProduct when e is RangedBinderNode b && b.Variable.Name == v:
                if (!closed) return e;
                renamed = true;
                return Ex.Rebuild(e, e.Children.Select((c, i) => i == 0 ? Rename(c, v, fresh) : i == 1 ? Ex.Sym(fresh) : c).ToArray());
            case BinderNode b when b.Variable.Name == v:
                return e;
            case Fn or Apply or Pow:
                {
                    var kids = new Expr[e.Children.Count];
                    var changed = false;
                    for (var i = 0; i < kids.Length; i++)
                    {
                        var c = e.Children[i];
                        kids[i] = Walk(c, v, fresh, !UsedFree(c, v), ref renamed);
                        changed |= !ReferenceEquals(kids[i], c);
                    }
                    return changed ? Ex.Rebuild(e, kids) : e;
                }
        }
        if (e.Children.Count == 0) return e;
        {
            var kids = new Expr[e.Children.Count];
            var changed = false;
            for (var i = 0; i < kids.Length; i++)
            {
                var c = e.Children[i];
                kids[i] = e is BinderNode && i == 1 ? c : Walk(c, v, fresh, closed, ref renamed);
                changed |= !ReferenceEquals(kids[i], c);
            }
            return changed ? Ex.Rebuild(e, kids) : e;
        }
    }

    /// <summary>The body with the index v written as fresh: v itself and the positions of subscripts that are v (θ_j, z_{nj}).</summary>
    private static Expr Rename(Expr body, string v, string fresh)
    {
        switch (body)
        {
            case Sym s when s.Name == v: return Ex.Sym(fresh);
            case Sym s when RenameName(s.Name, v, fresh) is { } name: return Ex.Sym(name);
            case BinderNode b when b.Variable.Name == v: return body;
            case Apply a:
                {
                    var args = a.Args.Select(x => Rename(x, v, fresh)).ToArray();
                    return Ex.Apply(RenameName(a.Name, v, fresh) ?? a.Name, args);
                }
        }
        if (body.Children.Count == 0) return body;
        return Ex.Rebuild(body, body.Children.Select((c, i) => body is BinderNode && i == 1 ? c : Rename(c, v, fresh)).ToArray());
    }

    private static string? RenameName(string name, string v, string fresh)
    {
        if (AbstractDerivatives.Decompose(name) is { Marks.Count: > 0 } d)
        {
            var marks = d.Marks.Select(m => RenameName(m, v, fresh) ?? m).ToList();
            var core = RenameName(d.Core, v, fresh) ?? d.Core;
            return marks.SequenceEqual(d.Marks) && core == d.Core ? null : AbstractDerivatives.Compose(marks, core);
        }
        if (IndexedSums.Split(name) is not { } parts) return null;
        var tokens = IndexedSums.KeyTokens(parts.Key);
        if (!tokens.Contains(v)) return null;
        return parts.Base + "_" + string.Join(",", tokens.Select(t => t == v ? fresh : t));
    }

    /// <summary>True when v occurs outside every binder of v: as a symbol, or as a subscript position of a name.</summary>
    /// <param name="hidden">False: the length a sum without limits is given when written out (#n_i) does not count; it
    /// names the sum's own length, not a value at the index.</param>
    private static bool UsedFree(Expr e, string v, bool hidden = true)
    {
        switch (e)
        {
            case Sym s: return s.Name == v || Mentions(s.Name, v) && (hidden || !s.Name.StartsWith("#", StringComparison.Ordinal));
            case BinderNode b when b.Variable.Name == v:
                return e.Children.Skip(2).Any(c => UsedFree(c, v, hidden));
            case Apply a when Mentions(a.Name, v):
                return true;
        }
        foreach (var c in e.Children) if (UsedFree(c, v, hidden)) return true;
        return false;
    }

    private static bool Mentions(string name, string v)
    {
        if (AbstractDerivatives.Decompose(name) is { Marks.Count: > 0 } d) return d.Marks.Any(m => Mentions(m, v)) || Mentions(d.Core, v);
        return IndexedSums.Split(name) is { } parts && IndexedSums.KeyTokens(parts.Key).Contains(v);
    }

    /// <summary>An index that names nothing in the statement (no symbol, subscript position or base): j', j'', else a single letter.</summary>
    private static string? Fresh(Expr lhs, Expr rhs, string v)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, e =>
            {
                var name = e switch { Sym s => s.Name, Apply a => a.Name, _ => null };
                if (name is null) return false;
                used.Add(name);
                if (IndexedSums.Split(name) is { } parts) foreach (var token in IndexedSums.KeyTokens(parts.Key)) used.Add(token);
                foreach (var part in name.Split('_', '{', '}', ',', '^', '\\', ' ', '(', ')')) used.Add(part);
                return false;
            });
        foreach (var primed in new[] { v + "'", v + "''" })
            if (!used.Contains(primed)) return primed;
        foreach (var c in Candidates)
            if (!used.Contains(c.ToString())) return c.ToString();
        return null;
    }
}
