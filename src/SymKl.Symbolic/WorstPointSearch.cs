using System.Diagnostics;

namespace SymKl.Symbolic;

/// <summary>
/// Looks for the point where an inequality is closest to failing, because random points cannot find a
/// failure at a single point (x² &gt; 0 at x = 0, sin x &lt; 1 at π/2). The margin (the side that should be
/// larger minus the other) is minimised by Nelder–Mead from the sample points with the smallest margins and
/// from special points (0, ±1, ±2, ±1/2 for each symbol, within its domain). The worst point is then judged
/// in interval arithmetic; when the margin collapses toward 0 at a finite point, its coordinates are
/// recognised as simple closed forms (integers, p/q, p·π/q) and the margin is decided there exactly.
/// </summary>
public static class WorstPointSearch
{
    public enum Outcome { Holds, Fails, Unsure }

    public sealed record Result(Outcome Outcome, string Detail, Counterexample? Counterexample = null);

    /// <summary>Starting points for the local minimisation.</summary>
    private const int Starts = 8;

    /// <summary>Nelder–Mead iterations per start.</summary>
    private const int Iterations = 400;

    /// <summary>
    /// Work one search may do, in units of <see cref="WorkBudget"/> (a margin evaluation costs the nodes it evaluates, about
    /// 80 ns each): the bound that decides where the search stops, the same on every machine (it was 2 s of wall-clock
    /// time, which this is about on the reference machine).
    /// </summary>
    private const long SearchUnits = 25_000_000;

    /// <summary>Wall-clock last resort against a pathological margin; a search stopped by it is unsure, saying so.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>A minimum below this fraction of the margin at its neighbours counts as touching 0.</summary>
    private const double CollapseRatio = 1e-8;

    private static readonly double[] SpecialValues = [0, 1, -1, 2, -2, 0.5, -0.5];

    /// <summary>
    /// Searches the worst point of lhs (relation) rhs, where relation is &lt;, ≤, &gt; or ≥, given the sample points
    /// (all of which satisfied the relation in double precision).
    /// </summary>
    public static Result Search(Expr lhs, Relation relation, Expr rhs, Assumptions a, IReadOnlyList<Sym> symbols, IReadOnlyList<SamplePoint> samples)
    {
        var strict = relation is Relation.Less or Relation.Greater;
        var larger = relation is Relation.Less or Relation.LessOrEqual ? rhs : lhs;
        var smaller = relation is Relation.Less or Relation.LessOrEqual ? lhs : rhs;
        var margin = Ex.Sub(larger, smaller);
        var clock = Stopwatch.StartNew();
        // Counts the search's units (its evaluations and the kernel's work); it stops the search at SearchUnits without throwing.
        using var meter = new WorkBudget("the search for the worst point", long.MaxValue / 4, null);
        var work = new SearchWork(clock, meter, WorkBudget.Nodes(lhs) + WorkBudget.Nodes(rhs) + WorkBudget.Nodes(margin));

        var free = symbols.Where(s => !a.IsInteger(s)).ToList();
        var values = new Dictionary<Sym, double>();
        var evaluator = new NumericEvaluator(s => values.TryGetValue(s, out var v) ? v : double.NaN);

        // The margin at a point, or +∞ where the point is outside the assumptions or a side is undefined.
        double MarginAt(IReadOnlyDictionary<Sym, double> point)
        {
            work.Charge();
            values.Clear();
            foreach (var kv in point) values[kv.Key] = kv.Value;
            if (a.HasRelations && !a.Admits(n => values.FirstOrDefault(kv => kv.Key.Name == n) is { Key: not null } kv ? kv.Value : null)) return double.PositiveInfinity;
            foreach (var s in symbols) if (!InDomain(a.DomainOf(s), values[s])) return double.PositiveInfinity;
            try
            {
                var l = evaluator.Evaluate(lhs);
                var r = evaluator.Evaluate(rhs);
                if (!l.IsDefined || !r.IsDefined) return double.PositiveInfinity;
                var m = evaluator.Evaluate(margin);
                return m.IsDefined ? m.Value : double.PositiveInfinity;
            }
            catch (NotEvaluableException)
            {
                return double.PositiveInfinity;
            }
        }

        // Starts: the samples with the smallest margins, and the best of the special points.
        var candidates = new List<(Dictionary<Sym, double> Point, double Margin)>();
        foreach (var p in samples)
        {
            var point = new Dictionary<Sym, double>(p.Values.Where(kv => symbols.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value));
            if (point.Count == symbols.Count) candidates.Add((point, MarginAt(point)));
        }
        if (candidates.Count == 0) return new(Outcome.Unsure, "no sample point to start the search from");
        var typical = Median(candidates.Select(c => Math.Abs(c.Margin)).Where(m => !double.IsInfinity(m)));
        foreach (var special in SpecialPoints(candidates[0].Point, free))
            candidates.Add((special, MarginAt(special)));
        var starts = candidates.Where(c => !double.IsInfinity(c.Margin)).OrderBy(c => c.Margin).Take(Starts).ToList();

        var best = starts.Count > 0 ? starts[0] : candidates[0];
        foreach (var start in starts)
        {
            if (!work.Left || free.Count == 0) break;
            var found = NelderMead(start.Point, free, MarginAt, work);
            if (found.Margin < best.Margin) best = found;
            if (best.Margin < 0) break;
        }

        if (work.GuardFired)
            return new(Outcome.Unsure, "the search for the worst point was stopped by its wall-clock guard of " + Guard.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)
                + " s (a last resort against a hang, so this depends on the machine's speed)");
        var worst = best.Point;
        var judged = Judge(lhs, rhs, margin, worst, strict, symbols);
        if (judged is not null) return judged;

        // The margin is positive at the worst point; does it dip sharply toward 0 there, at a finite interior point?
        // (A margin that only fades, like e^−x as x grows, is as small at the neighbours: no dip.)
        var collapsed = free.All(s => Interior(a.DomainOf(s), worst[s])) && Dips(best.Margin, worst, free, MarginAt, HighPrecisionMargin(margin, worst));
        if (!collapsed)
            return new(Outcome.Holds, $"the smallest margin found by local minimisation from {starts.Count} starts is {Format(HighPrecisionMargin(margin, worst) ?? best.Margin)}");
        if (Recognise(worst, symbols, a) is { } exact)
        {
            var verdict = JudgeExactly(lhs, rhs, larger, smaller, exact, strict, a, symbols);
            if (verdict is not null) return verdict;
        }
        if (!strict)
            return new(Outcome.Holds, $"the margin falls to {Format(Math.Max(0, HighPrecisionMargin(margin, worst) ?? best.Margin))} at the worst point found, consistent with equality there");
        return new(Outcome.Unsure, $"the margin falls to {Format(best.Margin)} (from about {Format(typical)} at the sample points) near " + Describe(worst, symbols) + "; the strict inequality may fail at or near this point");
    }

    /// <summary>
    /// True when the margin at the point is below <see cref="CollapseRatio"/> times its smallest value at the neighbours
    /// a step of 10⁻³ (relative) away along each free coordinate: a minimum that touches or nearly touches 0.
    /// </summary>
    private static bool Dips(double marginThere, Dictionary<Sym, double> point, List<Sym> free, Func<IReadOnlyDictionary<Sym, double>, double> marginAt, double? precise)
    {
        var there = Math.Max(0, precise ?? marginThere);
        var nearest = double.PositiveInfinity;
        foreach (var s in free)
            foreach (var direction in new[] { -1.0, 1.0 })
            {
                var h = 1e-3 * Math.Max(1, Math.Abs(point[s]));
                var neighbour = new Dictionary<Sym, double>(point) { [s] = point[s] + direction * h };
                nearest = Math.Min(nearest, marginAt(neighbour));
            }
        return nearest > 0 && !double.IsInfinity(nearest) && there <= CollapseRatio * nearest;
    }

    /// <summary>The margin at a point in interval arithmetic (its midpoint), or null when it cannot be bounded.</summary>
    private static double? HighPrecisionMargin(Expr margin, Dictionary<Sym, double> point)
    {
        if (!IntervalEvaluator.CanBound(margin)) return null;
        try
        {
            return Mid(new IntervalEvaluator(s => point.TryGetValue(s, out var v) ? v : double.NaN, HighPrecisionCheck.Bits).Evaluate(margin));
        }
        catch (Exception ex) when (ex is NotBoundableException or UndefinedValueException)
        {
            return null;
        }
    }

    /// <summary>Refuted when the margin is provably negative (or, for a strict relation, not positive) at the point in interval arithmetic.</summary>
    private static Result? Judge(Expr lhs, Expr rhs, Expr margin, Dictionary<Sym, double> point, bool strict, IReadOnlyList<Sym> symbols)
    {
        if (!IntervalEvaluator.CanBound(margin)) return null;
        foreach (var bits in new[] { HighPrecisionCheck.Bits, HighPrecisionCheck.MoreBits })
        {
            try
            {
                var ev = new IntervalEvaluator(s => point.TryGetValue(s, out var v) ? v : double.NaN, bits);
                var m = ev.Evaluate(margin);
                var fails = strict ? m.Hi.Sign <= 0 : m.Hi.Sign < 0;
                if (fails)
                {
                    var l = ev.Evaluate(lhs); var r = ev.Evaluate(rhs);
                    return new(Outcome.Fails, "the inequality fails at the worst point found by local minimisation (checked in interval arithmetic)", Point(point, symbols, Mid(l), Mid(r)));
                }
                if (m.Lo.Sign > 0 || !strict) return null;
            }
            catch (Exception ex) when (ex is NotBoundableException or UndefinedValueException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// The margin at a point given by closed forms: exact when it normalises to a number, else in interval
    /// arithmetic. Fails or Holds when the sign is certain, null otherwise.
    /// </summary>
    private static Result? JudgeExactly(Expr lhs, Expr rhs, Expr larger, Expr smaller, Dictionary<Sym, Expr> exact, bool strict, Assumptions a, IReadOnlyList<Sym> symbols)
    {
        var l = Traversal.Substitute(lhs, exact);
        var r = Traversal.Substitute(rhs, exact);
        if (Ex.IsUndefined(l) || Ex.IsUndefined(r)) return null;
        var description = string.Join(", ", symbols.Select(s => s.Name + " = " + LatexPrinter.Print(exact[s])));
        try
        {
            var ev = new IntervalEvaluator(_ => double.NaN, HighPrecisionCheck.MoreBits);
            var li = ev.Evaluate(l);
            var ri = ev.Evaluate(r);
            var difference = Ex.Sub(Traversal.Substitute(larger, exact), Traversal.Substitute(smaller, exact));
            Expr m;
            try { m = Normalizer.Normalize(difference, a, new Budget(200_000)); }
            catch (BudgetExceededException) { m = difference; }
            int? sign = m is Num n ? n.Value.Sign : null;
            var how = "exactly";
            if (sign is null)
            {
                var mi = ev.Evaluate(m);
                if (mi.Lo.Sign > 0) sign = 1;
                else if (mi.Hi.Sign < 0) sign = -1;
                how = "in interval arithmetic";
            }
            if (sign is not { } sg) return null;
            if (strict ? sg <= 0 : sg < 0)
            {
                var ce = new Counterexample([.. symbols.Select(s => new KeyValuePair<string, double>(s.Name, Mid(ev.Evaluate(exact[s]))))], Mid(li), Mid(ri));
                var what = sg == 0 ? "the two sides are equal" : "the inequality fails";
                return new(Outcome.Fails, $"{what} at {description}, where local minimisation of the margin leads (checked {how})", ce);
            }
            return new(Outcome.Holds, sg == 0
                ? $"the margin falls to its minimum near {description}, where the two sides are equal, as the relation allows (checked {how})"
                : $"the margin falls to its minimum near {description}, where it is positive (checked {how})");
        }
        catch (Exception ex) when (ex is NotBoundableException or UndefinedValueException)
        {
            return null;
        }
    }

    /// <summary>The units a search has spent (deterministic), and its wall-clock guard (a last resort).</summary>
    private sealed class SearchWork(Stopwatch clock, WorkBudget meter, long unitsPerEvaluation)
    {
        public bool GuardFired { get; private set; }

        /// <summary>Whether the search may go on: units left, and the guard has not fired.</summary>
        public bool Left
        {
            get
            {
                if (!GuardFired && clock.Elapsed > Guard) GuardFired = true;
                return meter.Used < SearchUnits && !GuardFired;
            }
        }

        /// <summary>One evaluation of the margin, charged here and to the checks the search belongs to.</summary>
        public void Charge() => WorkBudget.Charge(unitsPerEvaluation);
    }

    private static (Dictionary<Sym, double> Point, double Margin) NelderMead(Dictionary<Sym, double> start, List<Sym> free, Func<IReadOnlyDictionary<Sym, double>, double> f, SearchWork work)
    {
        var n = free.Count;
        var baseline = new Dictionary<Sym, double>(start);
        double Eval(double[] x)
        {
            var p = new Dictionary<Sym, double>(baseline);
            for (var i = 0; i < n; i++) p[free[i]] = x[i];
            return f(p);
        }
        var simplex = new double[n + 1][];
        var fx = new double[n + 1];
        simplex[0] = free.Select(s => start[s]).ToArray();
        for (var i = 0; i < n; i++)
        {
            var v = (double[])simplex[0].Clone();
            v[i] += 0.1 * Math.Max(1, Math.Abs(v[i]));
            simplex[i + 1] = v;
        }
        for (var i = 0; i <= n; i++) fx[i] = Eval(simplex[i]);
        for (var it = 0; it < Iterations && work.Left; it++)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => fx[i]).ToArray();
            simplex = order.Select(i => simplex[i]).ToArray();
            fx = order.Select(i => fx[i]).ToArray();
            if (fx[0] < 0) break;
            var centroid = new double[n];
            for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
            double[] Along(double t) => centroid.Select((c, j) => c + t * (simplex[n][j] - c)).ToArray();
            var reflected = Along(-1);
            var fr = Eval(reflected);
            if (fr < fx[0])
            {
                var expanded = Along(-2);
                var fe = Eval(expanded);
                if (fe < fr) { simplex[n] = expanded; fx[n] = fe; } else { simplex[n] = reflected; fx[n] = fr; }
            }
            else if (fr < fx[n - 1]) { simplex[n] = reflected; fx[n] = fr; }
            else
            {
                var contracted = Along(fr < fx[n] ? -0.5 : 0.5);
                var fc = Eval(contracted);
                if (fc < Math.Min(fr, fx[n])) { simplex[n] = contracted; fx[n] = fc; }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        simplex[i] = simplex[i].Select((x, j) => simplex[0][j] + 0.5 * (x - simplex[0][j])).ToArray();
                        fx[i] = Eval(simplex[i]);
                    }
                }
            }
            var spread = 0.0;
            for (var i = 1; i <= n; i++) for (var j = 0; j < n; j++) spread = Math.Max(spread, Math.Abs(simplex[i][j] - simplex[0][j]));
            if (spread < 1e-15 * (1 + simplex[0].Max(Math.Abs))) break;
        }
        var bestIndex = Array.IndexOf(fx, fx.Min());
        var point = new Dictionary<Sym, double>(baseline);
        for (var i = 0; i < n; i++) point[free[i]] = simplex[bestIndex][i];
        return (point, fx[bestIndex]);
    }

    /// <summary>Each free symbol set to each special value in turn, the others at the base point; all combinations when there are at most two.</summary>
    private static IEnumerable<Dictionary<Sym, double>> SpecialPoints(Dictionary<Sym, double> basePoint, List<Sym> free)
    {
        if (free.Count <= 2)
        {
            IEnumerable<Dictionary<Sym, double>> all = [new Dictionary<Sym, double>(basePoint)];
            foreach (var s in free)
                all = all.SelectMany(p => SpecialValues.Select(v => new Dictionary<Sym, double>(p) { [s] = v }));
            foreach (var p in all) yield return p;
            yield break;
        }
        foreach (var s in free)
            foreach (var v in SpecialValues)
                yield return new Dictionary<Sym, double>(basePoint) { [s] = v };
        foreach (var v in SpecialValues)
            yield return free.ToDictionary(s => s, _ => v).Concat(basePoint.Where(kv => !free.Contains(kv.Key))).ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    /// <summary>Integers, p/q (q ≤ 12) and p·π/q (q ≤ 12) within 10⁻⁶ (relative) of each coordinate, or null.</summary>
    private static Dictionary<Sym, Expr>? Recognise(Dictionary<Sym, double> point, IReadOnlyList<Sym> symbols, Assumptions a)
    {
        var result = new Dictionary<Sym, Expr>();
        foreach (var s in symbols)
        {
            var v = point[s];
            if (a.IsInteger(s)) { result[s] = Ex.Num((long)Math.Round(v)); continue; }
            var found = RecogniseNumber(v);
            if (found is null || !InDomain(a.DomainOf(s), new NumericEvaluator(_ => double.NaN).Evaluate(found).Value)) return null;
            result[s] = found;
        }
        return result;
    }

    private static Expr? RecogniseNumber(double v)
    {
        var tolerance = 1e-6 * Math.Max(1, Math.Abs(v));
        if (Math.Abs(v) > 1e6) return null;
        for (var q = 1; q <= 12; q++)
        {
            var p = Math.Round(v * q);
            if (Math.Abs(v - p / q) <= tolerance) return Ex.Num(new Rational((long)p, q));
        }
        for (var q = 1; q <= 12; q++)
        {
            var p = Math.Round(v * q / Math.PI);
            if (p != 0 && Math.Abs(v - p * Math.PI / q) <= tolerance) return Ex.Mul(Ex.Num(new Rational((long)p, q)), Ex.Pi);
        }
        return null;
    }

    private static bool InDomain(Domain d, double v) => d switch
    {
        Domain.Positive or Domain.PositiveInteger => v > 0,
        Domain.NonNegative or Domain.NonNegativeInteger => v >= 0,
        Domain.Negative => v < 0,
        Domain.NonZero => v != 0,
        Domain.UnitInterval => v > 0 && v < 1,
        _ => !double.IsNaN(v) && !double.IsInfinity(v),
    };

    /// <summary>Away from the domain's open boundary and from infinity: a minimum there is attained, not approached.</summary>
    private static bool Interior(Domain d, double v)
    {
        if (Math.Abs(v) > 1e6) return false;
        return d switch
        {
            Domain.Positive or Domain.Negative or Domain.NonZero => Math.Abs(v) > 1e-6,
            Domain.UnitInterval => v > 1e-6 && v < 1 - 1e-6,
            _ => true,
        };
    }

    private static double Median(IEnumerable<double> xs)
    {
        var list = xs.OrderBy(x => x).ToList();
        return list.Count == 0 ? 0 : list[list.Count / 2];
    }

    private static double Mid(Interval i) => ((i.Lo + i.Hi).Scale(-1)).ToDouble();

    private static Counterexample Point(Dictionary<Sym, double> point, IReadOnlyList<Sym> symbols, double l, double r) =>
        new([.. symbols.Select(s => new KeyValuePair<string, double>(s.Name, point[s]))], l, r);

    private static string Describe(Dictionary<Sym, double> point, IReadOnlyList<Sym> symbols) =>
        string.Join(", ", symbols.Select(s => s.Name + " = " + point[s].ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    private static string Format(double v) => v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
}
