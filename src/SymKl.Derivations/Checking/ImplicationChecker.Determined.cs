using System.Globalization;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// When the equations a text works with already determine its unknowns, a further equation in them cannot be a new
/// equation of the system: at generic values of the data (μ, σ, the limits a, b) the unknowns (the multipliers λ₀, λ₁)
/// are fixed, so an equation that fails there either is their consequence written wrong or contradicts them. Only then
/// may a lone display that does not follow be refuted.
/// </summary>
public static partial class ImplicationChecker
{
    /// <summary>Starts of the search for other solutions of the equations, with the data held.</summary>
    private const int RootStarts = 16;

    /// <summary>A column of the Jacobian counts as independent when this much of its norm is left after projecting out the others.</summary>
    private const double RankTolerance = 1e-6;

    /// <summary>
    /// Confirms a refutation of a lone equation drawn from <paramref name="premises"/>: null unless (1) every symbol of the
    /// statement is either data the text gives (<paramref name="data"/>) or an unknown the premises mention, (2) at the
    /// counterexample the premises' Jacobian in the unknowns has full column rank (they determine the unknowns locally,
    /// for those data), and (3) with the data held there, every solution a multi-start search finds for the unknowns fails
    /// the statement. Then the description of the unknowns and data, for the reason.
    /// </summary>
    public static string? Determined(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs, Counterexample point, ISet<string> data, Assumptions assumptions, int seed,
        Func<Expr, IReadOnlyList<Sym>, Func<double[], double>>? integrals = null)
    {
        var all = premises.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]).ToList();
        // Applications of the text's or unknown functions are opaque values the text may fix elsewhere: not here.
        if (all.Any(e => Traversal.Any(e, x => x is Apply or Functional || x is BinderNode && !(integrals is not null && PlainIntegral(x))))) return null;
        // The symbols as the consequence check lists them (∞ among them, held like data), so the point reads the same.
        var symbols = all.SelectMany(Traversal.FreeSymbols).Distinct().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var values = point.Values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (symbols.Any(s => !values.ContainsKey(s.Name))) return null;
        var mentioned = new HashSet<Sym>(premises.SelectMany(p => Traversal.FreeSymbols(p.Lhs).Concat(Traversal.FreeSymbols(p.Rhs))));
        // Integer symbols (counts) are data too: nothing moves them.
        var unknowns = symbols.Select((s, i) => (s, i)).Where(t => !t.s.Equals(Ex.Infinity) && !data.Contains(t.s.Name) && !assumptions.IsInteger(t.s)).Select(t => t.i).ToArray();
        if (unknowns.Length == 0 || unknowns.Length > premises.Count) return null;
        if (Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Any(s => !s.Equals(Ex.Infinity) && !data.Contains(s.Name) && !mentioned.Contains(s))) return null;
        Func<double[], double> One(Expr e) => integrals is not null && Traversal.Any(e, x => x is BinderNode) ? integrals(e, symbols) : ExprCompiler.Compile(e, symbols);
        List<Func<double[], double>> pl, pr;
        Func<double[], double> cl, cr;
        try
        {
            pl = [.. premises.Select(p => One(p.Lhs))];
            pr = [.. premises.Select(p => One(p.Rhs))];
            cl = One(lhs);
            cr = One(rhs);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
        var x0 = symbols.Select(s => values[s.Name]).ToArray();
        var f = new double[pl.Count];
        if (!Residuals(x0, pl, pr, f, out var onPremises) || !onPremises || !Fails(x0)) return null;
        if (!FullColumnRank(x0, unknowns, pl, pr, f)) return null;
        // Other solutions of the equations for the same data: the statement must fail at every one found.
        var free = assumptions.WithoutConventions();
        var sampler = new Sampler(seed ^ 0x0D7E, free);
        var roots = new List<double[]> { x0 };
        for (var start = 0; start < RootStarts; start++)
        {
            var x = (double[])x0.Clone();
            foreach (var i in unknowns) x[i] = start % 2 == 0 ? sampler.Draw(symbols[i]) : x0[i] * (0.25 + 1.5 * sampler.Draw(Domain.UnitInterval));
            if (!Solve(x, unknowns, pl, pr, symbols, free)) continue;
            if (!Fails(x)) return null;
            if (!roots.Any(r => unknowns.All(i => Math.Abs(r[i] - x[i]) <= 1e-6 * Math.Max(1, Math.Abs(r[i]))))) roots.Add(x);
        }
        var named = string.Join(", ", unknowns.Select(i => symbols[i].Name));
        var given = symbols.Where((s, i) => !unknowns.Contains(i) && !s.Equals(Ex.Infinity)).Select(s => s.Name).ToList();
        return named + (given.Count > 0 ? " (determined by " + string.Join(", ", given) + ")" : "") + "; searched from " + (RootStarts + 1).ToString(CultureInfo.InvariantCulture)
            + " starts with the data held, it fails at every solution found (" + roots.Count.ToString(CultureInfo.InvariantCulture) + (roots.Count == 1 ? " distinct)" : " distinct)");

        bool Fails(double[] x)
        {
            var a = cl(x);
            var b = cr(x);
            // Undefined there is no failure SymKl can show (a divergent integral, a root of a negative number).
            if (!IsFinite(a) || !IsFinite(b)) return false;
            return Math.Abs(a - b) > ViolationTolerance * Math.Max(Math.Abs(a) + Math.Abs(b), 1e-3);
        }
    }

    /// <summary>The Jacobian of the premises in the unknowns at x (finite differences) has independent columns (modified Gram–Schmidt).</summary>
    private static bool FullColumnRank(double[] x, int[] unknowns, List<Func<double[], double>> pl, List<Func<double[], double>> pr, double[] f)
    {
        var m = pl.Count;
        var columns = new List<double[]>();
        foreach (var k in unknowns)
        {
            var h = 1e-7 * Math.Max(1, Math.Abs(x[k]));
            var keep = x[k];
            x[k] = keep + h;
            var column = new double[m];
            for (var r = 0; r < m; r++) column[r] = (pl[r](x) - pr[r](x) - f[r]) / h;
            x[k] = keep;
            if (!column.All(IsFinite)) return false;
            var norm = Math.Sqrt(column.Sum(v => v * v));
            if (!(norm > 0)) return false;
            foreach (var q in columns)
            {
                var dot = 0.0;
                for (var r = 0; r < m; r++) dot += q[r] * column[r];
                for (var r = 0; r < m; r++) column[r] -= dot * q[r];
            }
            var left = Math.Sqrt(column.Sum(v => v * v));
            if (left <= RankTolerance * norm) return false;
            for (var r = 0; r < m; r++) column[r] /= left;
            columns.Add(column);
        }
        return true;
    }
}
