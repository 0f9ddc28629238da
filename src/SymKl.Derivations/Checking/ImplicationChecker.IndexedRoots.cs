using System.Globalization;
using System.Text.RegularExpressions;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// "(λ − 1)² = 0 ⟹ λ_1 = λ_2 = 1": names made by indexing the unknown of the equations (λ_1, x_2) name their roots,
/// not free numbers. A conclusion "u_k = c" with c a number is checked as "c solves the equations in u": those
/// equations (the premises that mention u and none of its indexed names, in u alone) are evaluated at u = c. A root
/// confirms; a value that is no root refutes, whichever root u_k was meant to be. Anything else about the indexed
/// names (λ_1 = λ_2, two roots in one conclusion, equations in other names too) is left to the general check.
/// </summary>
public static partial class ImplicationChecker
{
    private static readonly Regex IndexedName = new(@"^(?<base>[^_{}]+)_(?:\{(?<index>[0-9]+)\}|(?<index>[0-9]+))$", RegexOptions.CultureInvariant);
    private const double RootTolerance = 1e-9;
    private const double NoRootTolerance = 1e-6;

    /// <summary>The verdict on "u_k = c" read as "c is a root of the equations in u"; null when the conclusion is not of that form.</summary>
    private static Verdict? IndexedRootValue(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs)
    {
        var (root, value) = lhs is Sym l && Traversal.FreeSymbols(rhs).Count == 0 ? (l, rhs)
            : rhs is Sym r && Traversal.FreeSymbols(lhs).Count == 0 ? (r, lhs) : (null, null);
        if (root is null || value is null || IndexedName.Match(root.Name) is not { Success: true } m) return null;
        var unknown = m.Groups["base"].Value;
        bool IsIndexed(Sym s) => IndexedName.Match(s.Name) is { Success: true } n && n.Groups["base"].Value == unknown;
        var equations = new List<(Expr Lhs, Expr Rhs)>();
        foreach (var p in premises)
        {
            var free = Traversal.FreeSymbols(p.Lhs).Concat(Traversal.FreeSymbols(p.Rhs)).ToList();
            if (free.Any(IsIndexed)) continue;
            if (!free.Any(s => s.Name == unknown)) continue;
            // An equation in other names as well: the root depends on them, which this reading does not follow.
            if (free.Any(s => s.Name != unknown)) return null;
            equations.Add(p);
        }
        if (equations.Count == 0 || premises.Any(p => Traversal.FreeSymbols(p.Lhs).Concat(Traversal.FreeSymbols(p.Rhs)).Any(s => s.Name == root.Name) && !IsIndexedOnly(p, IsIndexed))) return null;
        var at = new Dictionary<Sym, Expr> { [Ex.Sym(unknown)] = value };
        var printed = LatexPrinter.Print(value);
        try
        {
            foreach (var (el, er) in equations)
            {
                var a = ExprCompiler.Compile(Traversal.Substitute(el, at), [])([]);
                var b = ExprCompiler.Compile(Traversal.Substitute(er, at), [])([]);
                if (!IsFinite(a) || !IsFinite(b)) return null;
                var scale = Math.Max(1, Math.Abs(a) + Math.Abs(b));
                var gap = Math.Abs(a - b);
                if (gap > NoRootTolerance * scale)
                    return new Verdict(VerdictKind.Refuted, "fails with " + root.Name + " read as a root of the equation in " + unknown + " before it: " + printed + " does not solve it ("
                        + LatexPrinter.Print(el) + " = " + a.ToString("G6", CultureInfo.InvariantCulture) + " there, not " + b.ToString("G6", CultureInfo.InvariantCulture) + ")",
                        null, new Counterexample([new KeyValuePair<string, double>(unknown, ExprCompiler.Compile(value, [])([]))], a, b), 1);
                if (gap > RootTolerance * scale) return null;
            }
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return null;
        }
        return new Verdict(VerdictKind.Confirmed, "holds with " + root.Name + " read as a root of the equation in " + unknown + " before it (" + printed + " solves it)", null, null, equations.Count);
    }

    /// <summary>A premise about the indexed names alone (λ_1 = λ_2, an earlier link of the same chain).</summary>
    private static bool IsIndexedOnly((Expr Lhs, Expr Rhs) premise, Func<Sym, bool> isIndexed) =>
        Traversal.FreeSymbols(premise.Lhs).Concat(Traversal.FreeSymbols(premise.Rhs)).All(isIndexed);
}
