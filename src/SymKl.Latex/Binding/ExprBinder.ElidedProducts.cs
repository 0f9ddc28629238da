using System.Text.RegularExpressions;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// Products written with an ellipsis: α_t α_{t−1} \ldots α_1 (descending), x_1 x_2 \cdots x_n (ascending), α_t \cdots α_2.
/// The factors around the ellipsis are one name at subscripts that step by one (t, t − 1; 1, 2), the factor after it the
/// same name at the last subscript; the run is the whole product ∏_{s=lo}^{hi} of that name, so α_t \ldots α_{i+1} is empty
/// (1) at i = t, as such texts mean. With one factor before the ellipsis the direction is read from the bounds: a symbolic
/// first subscript and a numeric last one (α_t \ldots α_2) count down, the reverse counts up. Other factors of the same
/// product stay factors; capitals and bold names (matrices, whose order matters) and anything else stay unread.
/// </summary>
internal sealed partial class Binder
{
    private static readonly Regex ProductKey = new(@"^(?:([A-Za-z])\s*([+-]\s*\d+)?|(\d+))$", RegexOptions.CultureInvariant);

    /// <summary>A subscript as a value: t, t-1, i+1, 3; null for anything else.</summary>
    private static Expr? KeyValue(string key)
    {
        var m = ProductKey.Match(key.Replace("{", "").Replace("}", "").Trim());
        if (!m.Success) return null;
        if (m.Groups[3].Success) return m.Groups[3].Value.Length < 9 ? Ex.Num(int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), 1) : null;
        var stem = Ex.Sym(m.Groups[1].Value);
        if (!m.Groups[2].Success) return stem;
        var offset = int.Parse(m.Groups[2].Value.Replace(" ", ""), System.Globalization.CultureInfo.InvariantCulture);
        return Ex.Add(stem, Ex.Num(offset, 1));
    }

    /// <summary>The difference of two subscripts when it is an integer.</summary>
    private static int? Step(Expr from, Expr to) => Simplifier.Simplify(Ex.Sub(to, from), Assumptions.None) is Num { Value.IsInteger: true } n && BigIntegerFits(n) ? (int)n.Value.Numerator : null;

    private static bool BigIntegerFits(Num n) => n.Value.Numerator >= -1000000 && n.Value.Numerator <= 1000000;

    /// <summary>Null when the product has no ellipsis among its factors.</summary>
    private Expr? BindElidedProduct(ImplicitMultiplication m, out bool elided)
    {
        var at = m.Factors.ToList().FindIndex(f => f is Ellipsis);
        elided = at >= 0;
        if (!elided) return null;
        const string Problem = "an ellipsis in a product (write one name at subscripts that step by one around it: \\alpha_t\\alpha_{t-1}\\ldots\\alpha_1 or x_1 x_2 \\cdots x_n)";
        if (m.Factors.Count(f => f is Ellipsis) != 1 || at == 0 || at == m.Factors.Count - 1) return Unsupported(m.Factors[at], Problem);
        // Each factor bound at most once (a binding may leave notes), when first needed.
        var values = new Expr?[m.Factors.Count];
        var done = new bool[m.Factors.Count];
        Expr? Bound(int i)
        {
            if (!done[i]) (values[i], done[i]) = (Bind(m.Factors[i]), true);
            return values[i];
        }
        // The run: the factors just before the ellipsis that are the name the factor after it is, and that factor.
        if (Bound(at + 1) is not Sym lastSym || Split(lastSym.Name) is not { } last || KeyValue(last.Key) is not { } upperKey)
            return PatternedProduct(m, at, Bound) ?? Unsupported(m.Factors[at], Problem);
        // F_k F_{k−1} \cdots F_l, \mathbf{A}_1 \cdots \mathbf{A}_n: capitals and bold names are usually matrices, whose
        // products keep their order; read as numbers they would commute, so they stay unread.
        if (last.Base.Length == 0 || char.IsUpper(last.Base[0]) || last.Base.StartsWith("\\mathbf", StringComparison.Ordinal) || last.Base.StartsWith("\\boldsymbol", StringComparison.Ordinal)
            || last.Base.StartsWith("\\bm", StringComparison.Ordinal) || Symbols.Greek.Contains(last.Base) && char.IsUpper(last.Base[0]))
            return Unsupported(m.Factors[at], "an ellipsis in a product of capitals or bold names (matrices, whose order matters)");
        var start = at;
        var keys = new List<Expr>();
        while (start > 0 && Bound(start - 1) is Sym s && Split(s.Name) is { } p && p.Base == last.Base && KeyValue(p.Key) is { } k)
        {
            keys.Insert(0, k);
            start--;
        }
        if (keys.Count == 0) return PatternedProduct(m, at, Bound) ?? Unsupported(m.Factors[at], Problem);
        int direction;
        if (keys.Count >= 2)
        {
            var d = Step(keys[0], keys[1]) ?? 0;
            if (d is not (1 or -1)) return Unsupported(m.Factors[at], Problem);
            for (var i = 2; i < keys.Count; i++)
                if (Step(keys[i - 1], keys[i]) != d) return Unsupported(m.Factors[at], Problem);
            direction = d;
        }
        else if (Step(keys[0], upperKey) is { } gap && gap != 0) direction = Math.Sign(gap);
        else if (Traversal.FreeSymbols(keys[0]).Count > 0 && upperKey is Num) direction = -1;
        else if (keys[0] is Num && Traversal.FreeSymbols(upperKey).Count > 0) direction = 1;
        else return Unsupported(m.Factors[at], Problem);
        // The last factor must lie beyond the ones written, in the same direction (α_t α_{t−1} … α_t is no run).
        if (Step(keys[^1], upperKey) is { } beyond && beyond * direction < 1) return Unsupported(m.Factors[at], Problem);
        var used = new HashSet<string>(keys.Append(upperKey).SelectMany(Traversal.FreeSymbols).Select(x => x.Name), StringComparer.Ordinal) { last.Base };
        if (IndexNames.FirstOrDefault(n => !used.Contains(n)) is not { } indexName) return Unsupported(m.Factors[at], Problem);
        var index = Ex.Sym(indexName);
        var (lo, hi) = direction > 0 ? (keys[0], upperKey) : (upperKey, keys[0]);
        var run = Ex.IndexedProduct(Ex.Sym(last.Base + "_" + indexName), index, lo, hi);
        var others = new List<Expr>();
        for (var i = 0; i < m.Factors.Count; i++)
        {
            if (i >= start && i <= at + 1) continue;
            if (Bound(i) is not { } f) return null;
            others.Add(f);
        }
        return others.Count == 0 ? run : Ex.Mul([.. others.Take(start), run, .. others.Skip(start)]);
    }

    /// <summary>
    /// f(x_1) f(x_2) \cdots f(x_n), (1 − a_1)(1 − a_2) \cdots (1 − a_n): two or more factors of one pattern just before the
    /// ellipsis and the pattern at its last value just after it, read as sums with an ellipsis are (the factors written
    /// stay, the elided middle is a product). Factors before and after the run stay factors. Null when no such run is
    /// there, or when a factor holds a capital or bold name (a matrix, whose order matters).
    /// </summary>
    private static Expr? PatternedProduct(ImplicitMultiplication m, int at, Func<int, Expr?> bound)
    {
        if (at < 2) return null;
        var values = new List<Expr>();
        for (var i = 0; i < m.Factors.Count; i++)
        {
            if (i == at) { values.Add(Ex.One); continue; }
            if (bound(i) is not { } v) return null;
            values.Add(v);
        }
        if (values.SelectMany(OutsideFunctions).Any(s => MayBeMatrix(Split(s.Name)?.Base ?? s.Name))) return null;
        for (var start = 0; start <= at - 2; start++)
            if (ElidedSum(values.GetRange(start, at - start), values[at + 1], out _, out _, product: true) is { } run)
                return Ex.Mul([.. values.Take(start), run, .. values.Skip(at + 2)]);
        return null;
    }

    /// <summary>The names of e that are not arguments of a function (p(x_i \mid \boldsymbol{\theta}) is a number whatever θ is).</summary>
    private static IEnumerable<Sym> OutsideFunctions(Expr e) => e switch
    {
        Sym s => [s],
        Apply or Fn => [],
        _ => e.Children.SelectMany(OutsideFunctions),
    };

    /// <summary>A capital or a bold name: usually a matrix.</summary>
    private static bool MayBeMatrix(string name) =>
        name.Length > 0 && (char.IsUpper(name[0]) || name.StartsWith("\\mathbf", StringComparison.Ordinal) || name.StartsWith("\\boldsymbol", StringComparison.Ordinal) || name.StartsWith("\\bm", StringComparison.Ordinal));
}
