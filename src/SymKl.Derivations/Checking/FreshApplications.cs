using System.Globalization;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// Applications of functions nothing defines (a network's outputs, the jet of an abstract function), each distinct one
/// replaced by a fresh unknown on both sides of a step. An application at a variable an integral or sum runs over is the
/// whole function there, not one value: it is left as it is, and the replacement is then not complete.
/// </summary>
internal static class FreshApplications
{
    /// <param name="replaced">Each application replaced, with the fresh unknown that stands for it.</param>
    public static (Expr Lhs, Expr Rhs, Dictionary<Expr, Sym> Replaced, bool Complete) Replace(Expr lhs, Expr rhs, Func<Apply, bool> matches, string prefix)
    {
        var replaced = new Dictionary<Expr, Sym>();
        var complete = true;
        Expr Walk(Expr e, IReadOnlyList<Sym> bound)
        {
            if (e is Apply ap && matches(ap))
            {
                if (bound.Count > 0 && Traversal.FreeSymbols(ap).Any(bound.Contains)) { complete = false; return e; }
                if (!replaced.TryGetValue(ap, out var value))
                {
                    value = Ex.Fresh(prefix + replaced.Count.ToString(CultureInfo.InvariantCulture));
                    replaced[ap] = value;
                }
                return value;
            }
            if (e.Children.Count == 0) return e;
            var inner = e is BinderNode b ? bound.Append(b.Variable).ToList() : bound;
            var children = e.Children.Select(c => Walk(c, inner)).ToArray();
            return children.SequenceEqual(e.Children) ? e : Ex.Rebuild(e, children);
        }
        var l = Walk(lhs, Array.Empty<Sym>());
        var r = Walk(rhs, Array.Empty<Sym>());
        return (l, r, replaced, complete);
    }
}
