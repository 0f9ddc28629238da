using SymKl.Symbolic;

namespace SymKl.Generators.Emit;

/// <summary>
/// Rewrites a verified closed form (in the kernel's normal form) into an equal expression that floating
/// point evaluates without cancellation, using the careful functions of <see cref="Markers"/>.
/// <para>
/// Rule A (relative-entropy terms). A KL closed form is E_p[−log(q/p)], and −log u = (u − 1 − log u) − (u − 1)
/// where u − 1 − log u = xmlog1p(u − 1) ≥ 0. So log terms K·log a − K·log b are written as
/// −c·log u with u = (b/a)^k, c = K/k, and the sum becomes c·xmlog1p(u − 1) plus the rest minus c·(u − 1).
/// The choice of pairs, exponents k and coefficients that leaves the smallest rest is kept (for
/// Normal‖Normal, Bernoulli, Poisson, Exponential, Geometric the rest is 0 or a square): every term is then
/// non-negative and nothing cancels near p = q. A coefficient c taken from the rest's own u-term, with the
/// difference written as (c − K/k)·log1p(u − 1), covers shape-rate families (Gamma).
/// </para>
/// <para>
/// Rule B (exponentials). c·eˣ − c − c·x = c·expm1mx(x), and c·eˣ − c = c·expm1(x) (the VAE term, Laplace).
/// </para>
/// The caller checks the result against the input (symbolically, and numerically at sample points) and
/// falls back to the plain form if they ever disagree.
/// </summary>
internal static class Restructurer
{
    private const int MaxCombinations = 729;

    public static Expr Restructure(Expr normalized, Assumptions a, Budget budget)
    {
        try
        {
            var afterLogs = LogTerms(normalized, a, budget);
            var afterExps = ExpTerms(afterLogs, a, budget);
            return LogGammaTerms(afterExps, a, budget);
        }
        catch (BudgetExceededException)
        {
            return normalized;
        }
    }

    private static IReadOnlyList<Expr> Terms(Expr e) => e.IsZero ? [] : e is Add s ? s.Terms : [e];

    // ------------------------------------------------------------------ rule A

    private sealed class Pair(Expr a, Expr b, Expr k)
    {
        public Expr A { get; } = a;
        public Expr B { get; } = b;
        public Expr K { get; } = k;
        public List<PairOption> Options { get; } = [];
    }

    /// <summary>−c0·log u written as c·xmlog1p(u − 1) − c·(u − 1) + (c − c0)·log1p(u − 1).</summary>
    private sealed record PairOption(Expr U, Expr C, Expr C0);

    private static Expr LogTerms(Expr s, Assumptions a, Budget budget)
    {
        var coefficients = new Dictionary<Expr, List<Expr>>();
        var atoms = new List<Expr>();
        var rest = new List<Expr>();
        foreach (var t in Terms(s))
        {
            var factors = t is Mul m ? (IReadOnlyList<Expr>)m.Factors : [t];
            var logs = factors.Where(f => f is Fn { Function: FunctionKind.Log }).ToList();
            if (logs.Count != 1 || Traversal.FreeSymbols(logs[0]).Count == 0)
            {
                rest.Add(t);
                continue;
            }
            var atom = WithoutAbs(((Fn)logs[0]).Arg, a, budget);
            var others = Ex.Mul(factors.Where(f => !ReferenceEquals(f, logs[0])));
            if (!coefficients.TryGetValue(atom, out var list)) { list = []; coefficients[atom] = list; atoms.Add(atom); }
            list.Add(others);
        }
        if (atoms.Count < 2) return s;

        var k = atoms.ToDictionary(x => x, x => Factored(Normalizer.Normalize(Ex.Add(coefficients[x]), a, budget)));
        var paired = new HashSet<Expr>();
        var pairs = new List<Pair>();
        var fixedTerms = new List<Expr>();
        for (var i = 0; i < atoms.Count; i++)
        {
            if (paired.Contains(atoms[i])) continue;
            for (var j = i + 1; j < atoms.Count; j++)
            {
                if (paired.Contains(atoms[j])) continue;
                if (!Normalizer.Normalize(Ex.Add(k[atoms[i]], k[atoms[j]]), a, budget).IsZero) continue;
                paired.Add(atoms[i]);
                paired.Add(atoms[j]);
                pairs.Add(new Pair(atoms[i], atoms[j], k[atoms[i]]));
                break;
            }
            if (!paired.Contains(atoms[i])) fixedTerms.Add(Ex.Mul(k[atoms[i]], Ex.Log(atoms[i])));
        }
        if (pairs.Count == 0) return s;

        var rest0 = Ex.Add(rest);
        foreach (var p in pairs)
        {
            foreach (var power in new[] { 1, -1, 2, -2 })
            {
                var u = Ex.Pow(Ex.Div(p.B, p.A), Ex.Num(power));
                var c0 = Factored(Normalizer.Normalize(Ex.Div(p.K, Ex.Num(power)), a, budget));
                if (Sampling.IsSurelyNegative(c0, a)) continue;
                p.Options.Add(new PairOption(u, c0, c0));
                var cs = CoefficientOf(rest0, u, a, budget);
                if (cs is not null && !cs.Equals(c0) && !Sampling.IsSurelyNegative(cs, a)) p.Options.Add(new PairOption(u, cs, c0));
            }
        }

        // Exhaustive search over the options (with "leave as K·log(a/b)") when small; greedy otherwise.
        var choice = new int[pairs.Count];
        for (var i = 0; i < choice.Length; i++) choice[i] = -1;
        var best = (int[])choice.Clone();
        var bestCost = Cost(pairs, best, rest0, a, budget, out var bestRest);
        var combinations = pairs.Aggregate(1L, (n, p) => n * (p.Options.Count + 1));
        if (combinations <= MaxCombinations)
        {
            while (Next(choice, pairs))
            {
                var cost = Cost(pairs, choice, rest0, a, budget, out var r);
                if (Better(cost, bestCost)) { bestCost = cost; best = (int[])choice.Clone(); bestRest = r; }
            }
        }
        else
        {
            for (var round = 0; round < 3; round++)
            {
                var improved = false;
                for (var i = 0; i < pairs.Count; i++)
                {
                    for (var o = -1; o < pairs[i].Options.Count; o++)
                    {
                        var trial = (int[])best.Clone();
                        trial[i] = o;
                        var cost = Cost(pairs, trial, rest0, a, budget, out var r);
                        if (Better(cost, bestCost)) { bestCost = cost; best = trial; bestRest = r; improved = true; }
                    }
                }
                if (!improved) break;
            }
        }

        var result = new List<Expr>(fixedTerms);
        for (var i = 0; i < pairs.Count; i++)
        {
            var p = pairs[i];
            if (best[i] < 0)
            {
                result.Add(Ex.Mul(p.K, Ex.Log(Ex.Div(p.A, p.B))));
                continue;
            }
            var o = p.Options[best[i]];
            var d = Normalizer.Normalize(Ex.Sub(Ex.Mul(o.C, o.U), o.C), a, budget);
            result.Add(Markers.KlTermOf(o.C, d, a, budget));
            if (!o.C.Equals(o.C0))
            {
                var t = Normalizer.Normalize(Ex.Sub(o.U, Ex.One), a, budget);
                result.Add(Ex.Mul(Normalizer.Normalize(Ex.Sub(o.C, o.C0), a, budget), Markers.Log1pOf(t)));
            }
        }
        result.Add(bestRest);
        return Ex.Add(result);
    }

    /// <summary>A sum as a product of its factors (1/θ − 1 = θ⁻¹·(1 − θ)), so that c·u cancels common factors.</summary>
    private static Expr Factored(Expr e)
    {
        if (e is not Add s) return e;
        var factors = Factoring.TryFactor(s);
        return factors is null ? e : Ex.Mul(factors);
    }

    /// <summary>|x| as x or −x when x has one sign over the domain (the kernel keeps |1 − p| for p in (0, 1)).</summary>
    private static Expr WithoutAbs(Expr atom, Assumptions a, Budget budget)
    {
        if (atom is not Fn { Function: FunctionKind.Abs } abs) return atom;
        if (Sampling.IsSurelyNegative(Ex.Neg(abs.Arg), a)) return abs.Arg;
        if (Sampling.IsSurelyNegative(abs.Arg, a)) return Normalizer.Normalize(Ex.Neg(abs.Arg), a, budget);
        return atom;
    }

    /// <summary>(terms left over, terms that stay logs and log1p corrections).</summary>
    private static (int Left, int Logs) Cost(List<Pair> pairs, int[] choice, Expr rest0, Assumptions a, Budget budget, out Expr rest)
    {
        var compensation = new List<Expr> { rest0 };
        var logs = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (choice[i] < 0) { logs++; continue; }
            var o = pairs[i].Options[choice[i]];
            compensation.Add(Ex.Neg(Ex.Sub(Ex.Mul(o.C, o.U), o.C)));
            if (!o.C.Equals(o.C0)) logs++;
        }
        rest = Normalizer.Normalize(Ex.Add(compensation), a, budget);
        return (Terms(rest).Count, logs);
    }

    private static bool Better((int Left, int Logs) x, (int Left, int Logs) y) =>
        x.Left + x.Logs < y.Left + y.Logs || (x.Left + x.Logs == y.Left + y.Logs && x.Logs < y.Logs);

    /// <summary>Odometer over the options of every pair (−1 = leave the logs); false after the last.</summary>
    private static bool Next(int[] choice, List<Pair> pairs)
    {
        for (var i = 0; i < choice.Length; i++)
        {
            choice[i]++;
            if (choice[i] < pairs[i].Options.Count) return true;
            choice[i] = -1;
        }
        return false;
    }

    /// <summary>The sum of rest's terms divided by u, when that coefficient is free of u's symbols.</summary>
    private static Expr? CoefficientOf(Expr rest, Expr u, Assumptions a, Budget budget)
    {
        var symbols = Traversal.FreeSymbols(u);
        var found = new List<Expr>();
        foreach (var t in Terms(rest))
        {
            var q = Normalizer.Normalize(Ex.Div(t, u), a, budget);
            if (Traversal.FreeSymbols(q).Any(symbols.Contains)) continue;
            if (Traversal.Any(q, n => n is Fn or Apply)) continue;
            found.Add(q);
        }
        return found.Count == 0 ? null : Normalizer.Normalize(Ex.Add(found), a, budget);
    }

    // ------------------------------------------------------------------ rule B

    private static Expr ExpTerms(Expr s, Assumptions a, Budget budget)
    {
        var current = s;
        for (var round = 0; round < 4; round++)
        {
            var changed = false;
            foreach (var t in Terms(current))
            {
                if (Markers.IsMarker(t) || (t is Mul tm && tm.Factors.Any(Markers.IsMarker))) continue;
                var factors = t is Mul m ? (IReadOnlyList<Expr>)m.Factors : [t];
                var exp = factors.OfType<Pow>().FirstOrDefault(p => p.Base is Constant { Which: ConstantKind.E });
                if (exp is null) continue;
                var x = exp.Exponent;
                var c = Ex.Mul(factors.Where(f => !ReferenceEquals(f, exp)));
                var before = Terms(current).Count;

                // c·eˣ − c − c·x = c·expm1mx(x)
                var withoutG = Normalizer.Normalize(Ex.Sub(current, Ex.Mul(c, Markers.Expand(Markers.Expm1mxOf(x)))), a, budget);
                if (!ContainsExp(withoutG, x) && Terms(withoutG).Count <= before - 3)
                {
                    current = Ex.Add(Ex.Mul(c, Markers.Expm1mxOf(x)), withoutG);
                    changed = true;
                    break;
                }
                // c·eˣ − c = c·expm1(x)
                var withoutE = Normalizer.Normalize(Ex.Sub(current, Ex.Mul(c, Markers.Expand(Markers.Expm1Of(x)))), a, budget);
                if (!ContainsExp(withoutE, x) && Terms(withoutE).Count <= before - 2)
                {
                    current = Ex.Add(Ex.Mul(c, Markers.Expm1Of(x)), withoutE);
                    changed = true;
                    break;
                }
            }
            if (!changed) break;
        }
        return current;
    }

    // ------------------------------------------------------------------ rule C

    /// <summary>
    /// c·(log Γ(x) − log Γ(y) − (x − y)·ψ(y)) = c·lgbreg(x, y): the shape terms of gamma-type families are the
    /// Bregman divergence of log Γ, non-negative and computed without cancelling when x is close to y.
    /// Pairs are taken greedily, the one that leaves the fewest terms first.
    /// </summary>
    private static Expr LogGammaTerms(Expr s, Assumptions a, Budget budget)
    {
        var current = s;
        for (var round = 0; round < 6; round++)
        {
            var terms = Terms(current);
            var lgammas = new List<(Expr Arg, Expr Coefficient)>();
            foreach (var t in terms)
            {
                var factors = t is Mul m ? (IReadOnlyList<Expr>)m.Factors : [t];
                var lg = factors.OfType<Fn>().Where(f => f.Function == FunctionKind.LogGamma).ToList();
                if (lg.Count != 1) continue;
                var c = Ex.Mul(factors.Where(f => !ReferenceEquals(f, lg[0])));
                if (Traversal.Any(c, n => n is Fn or Apply)) continue;
                lgammas.Add((lg[0].Arg, c));
            }
            Expr? best = null;
            var bestCount = terms.Count - 1;
            foreach (var (x, cx) in lgammas)
            {
                foreach (var (y, cy) in lgammas)
                {
                    if (x.Equals(y) || !Normalizer.Normalize(Ex.Add(cx, cy), a, budget).IsZero) continue;
                    var term = Ex.Mul(cx, Markers.LogGammaBregmanOf(x, y));
                    var rest = Normalizer.Normalize(Ex.Sub(current, Ex.Mul(cx, Markers.Expand(Markers.LogGammaBregmanOf(x, y)))), a, budget);
                    if (Traversal.Any(rest, n => n is Fn { Function: FunctionKind.Digamma } d && d.Arg.Equals(y))) continue;
                    var count = Terms(rest).Count + 1;
                    if (count < bestCount) { bestCount = count; best = Ex.Add(term, rest); }
                }
            }
            if (best is null) break;
            current = best;
        }
        return current;
    }

    private static bool ContainsExp(Expr e, Expr x) => Traversal.Any(e, n => n is Pow { Base: Constant { Which: ConstantKind.E } } p && p.Exponent.Equals(x));
}
