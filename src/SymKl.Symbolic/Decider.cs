using SymKl.Symbolic.Probability;

namespace SymKl.Symbolic;

/// <summary>
/// Decides one claimed relation between two expressions.
/// Semantics of "a = b": at every point satisfying the assumptions where a is defined, b is defined and
/// equal to a. (Points where a is undefined do not count: x/x = 1 holds; log x² = 2 log x does not,
/// because at x = −1 the left side is 0 and the right side is undefined.)
/// Order: symbolic normal form of a − b (proved when zero, refuted when a nonzero constant), then
/// sampling with error-bounded comparison (refuted with a counterexample, or confirmed). A symbolic proof
/// that the samples contradict is never reported as proved.
/// </summary>
public static class Decider
{
    /// <summary>Sample points checked after a symbolic proof (a disagreement there means a kernel bug: the step is not trusted).</summary>
    private const int ProvedPoints = 8;

    /// <summary>Least units of work (<see cref="WorkBudget"/>) one sample point costs: evaluating both sides, beside what their integrals charge.</summary>
    private const long SamplePointUnits = 20;

    public static Verdict Decide(Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DecisionOptions? options = null)
    {
        options ??= DecisionOptions.Default;
        // 0/0, 1/0, log 0 absorb everything around them (Ex.Undefined): such a side has no value at any point.
        if (Ex.IsUndefined(lhs) && relation != Relation.Approx)
            return new Verdict(VerdictKind.Unsupported, "the left side is undefined everywhere: it contains an undefined constant (such as 0/0, 1/0 or log 0)", null, null, 0);
        if (ConventionRelaxation.Relax(lhs, rhs, assumptions, options.Seed) is { } relax)
        {
            var numeric = options.NumericAssumptions;
            if (numeric is not null) foreach (var s in relax.Symbols) numeric = numeric.With(s.Name, Domain.Real);
            var relaxed = Decide(lhs, relation, rhs, relax.Relaxed, options.WithNumericAssumptions(numeric));
            return relaxed with { Reason = relaxed.Reason + " (" + relax.Note + ")" };
        }
        var verdict = DecideUnder(lhs, relation, rhs, assumptions, options);
        // ∫_0^∞ e^{λ₁x} dx = −1/λ₁: under the convention λ₁ > 0 the integral diverges at every point, so nothing was checked;
        // the text's multiplier is negative. Decided again with the conventional symbols taken as any real.
        if (verdict.Kind == VerdictKind.Unsupported && verdict.PointsChecked == 0 && verdict.Reason.StartsWith("too few points", StringComparison.Ordinal)
            && ConventionRelaxation.Conventional(lhs, rhs, assumptions) is { Count: > 0 } conventional)
        {
            var numericAssumptions = options.NumericAssumptions is { } na ? ConventionRelaxation.Relaxed(na, conventional) : null;
            var again = DecideUnder(lhs, relation, rhs, ConventionRelaxation.Relaxed(assumptions, conventional), options.WithNumericAssumptions(numericAssumptions));
            if (again.PointsChecked > 0 && !(again.Kind == VerdictKind.Unsupported && again.Reason.StartsWith("too few points", StringComparison.Ordinal)))
                return again with { Reason = again.Reason + " (" + ConventionRelaxation.Note(conventional, "no point had a value on the left side") + ")" };
        }
        return verdict;
    }

    private static Verdict DecideUnder(Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DecisionOptions options) => relation switch
    {
        Relation.Equal => DecideEqual(lhs, rhs, assumptions, options),
        Relation.NotEqual => DecideNotEqual(lhs, rhs, assumptions, options),
        Relation.Approx => DecideApprox(lhs, rhs, assumptions, options),
        _ => DecideInequality(lhs, relation, rhs, assumptions, options),
    };

    private static Verdict DecideEqual(Expr lhs, Expr rhs, Assumptions a, DecisionOptions o)
    {
        var budget = new Budget(o.BudgetUnits, o.Cancellation);
        Expr? residue = null;
        Expr? resolvedLhs = null, resolvedRhs = null;
        var proved = false;
        string? symbolicNote = null;
        try
        {
            // Integrals, expectations and functionals with closed forms are replaced by them for the proof;
            // the numeric check below still evaluates the original sides, independently.
            foreach (var d in o.Context.Bound.Values) a = d.Constrain(a);
            var l = Calculus.Evaluate(lhs, o.Context, a, budget);
            var r = Calculus.Evaluate(rhs, o.Context, a, budget);
            if (!l.IsComplete || !r.IsComplete) symbolicNote = "no closed form for " + string.Join("; ", l.Unresolved.Concat(r.Unresolved));
            else { resolvedLhs = l.Value; resolvedRhs = r.Value; }
            residue = Normalizer.Normalize(Ex.Sub(l.Value, r.Value), a, budget);
            proved = Normalizer.IsZero(residue, a, budget);
            if (proved) residue = Ex.Zero;
        }
        catch (BudgetExceededException ex)
        {
            symbolicNote = ex.Message;
        }

        // A nonzero constant residue refutes the step exactly, however small it is.
        if (!proved && residue is not null && IsConstant(residue))
        {
            var value = TryEvaluateConstant(residue);
            if (residue is Num || (value is { } v && o.Tolerance.IsNonzero(v)))
            {
                var point = Sample(lhs, rhs, a, o, Relation.Equal);
                var ce = point.Counterexample ?? point.AnyPoint;
                return new Verdict(VerdictKind.Refuted, "the two sides differ by the constant " + LatexPrinter.Print(residue), residue, ce, point.Checked);
            }
        }

        // After a proof the samples are a safety net (and the domain check), not the verdict: fewer suffice.
        var sampling = proved ? new DecisionOptions
        {
            Seed = o.Seed, Points = Math.Min(o.Points, ProvedPoints), MinPoints = o.MinPoints, MaxAttempts = o.MaxAttempts,
            BudgetUnits = o.BudgetUnits, Opaque = o.Opaque, Context = o.Context, NumericContext = o.NumericContext,
            NumericAssumptions = o.NumericAssumptions, Tolerance = o.Tolerance, Cancellation = o.Cancellation,
        } : o;
        var numeric = Sample(lhs, rhs, a, sampling, Relation.Equal);
        if (numeric.Unavailable is not null && resolvedLhs is not null && resolvedRhs is not null)
        {
            // No numeric evaluator for the integrals as written: check the closed forms numerically instead.
            var closed = Sample(resolvedLhs, resolvedRhs, a, sampling, Relation.Equal);
            if (closed.Unavailable is null) numeric = closed;
        }
        if (proved)
        {
            if (numeric.Counterexample is { } bad)
            {
                if (numeric.DomainProblem)
                    return new Verdict(VerdictKind.Refuted, "the right side is undefined at a point where the left side is defined", residue, bad, numeric.Checked);
                return new Verdict(VerdictKind.Unsupported, "internal inconsistency: the symbolic normal form says equal but a sample point disagrees; not trusting either", residue, bad, numeric.Checked);
            }
            return new Verdict(VerdictKind.Proved, "the normal form of lhs − rhs is 0", Ex.Zero, null, numeric.Checked);
        }
        if (numeric.Counterexample is { } ce2)
        {
            var reason = numeric.DomainProblem
                ? "the right side is undefined at a point where the left side is defined"
                : "the two sides differ at a sample point";
            return new Verdict(VerdictKind.Refuted, reason, residue, ce2, numeric.Checked);
        }
        if (numeric.Unavailable is { } why)
            return new Verdict(VerdictKind.Unsupported, AppendNote("not proved symbolically and " + why, symbolicNote), residue, null, 0);
        var required = NothingVaries(lhs) && NothingVaries(rhs) ? 1 : o.MinPoints;
        if (numeric.Checked < required)
            return new Verdict(VerdictKind.Unsupported, AppendNote($"too few points where the left side is defined ({numeric.Checked} of {o.MinPoints} needed)", symbolicNote), residue, null, numeric.Checked);
        return ConfirmAtHighPrecision(residue ?? Ex.Sub(numeric.Lhs, numeric.Rhs), numeric, required, symbolicNote);
    }

    /// <summary>
    /// Doubles agree within their error bounds; a nonzero residue may still be a real difference below double
    /// precision (sin(10⁻⁸x) against 10⁻⁸x). Confirmed only when the residue is also 0 exactly or within 10⁻³⁰ of the
    /// terms in rigorous interval arithmetic. A residue with integrals or sums keeps the quadrature's error bounds as
    /// the criterion; one with functions the interval evaluator cannot bound is unsupported.
    /// </summary>
    private static Verdict ConfirmAtHighPrecision(Expr residue, SampleResult numeric, int minPoints, string? symbolicNote)
    {
        var quadrature = $"both sides agree within the error bounds of quadrature and rounding at {numeric.Checked} random points (not proved symbolically)";
        if (Traversal.Any(residue, IsOpaqueNode)) return new Verdict(VerdictKind.Confirmed, AppendNote(quadrature, symbolicNote), residue, null, numeric.Checked);
        var hp = HighPrecisionCheck.Check(residue, numeric.Points, minPoints);
        switch (hp.Outcome)
        {
            case HighPrecisionCheck.Outcome.Agrees:
                return new Verdict(VerdictKind.Confirmed, AppendNote("not proved symbolically; " + hp.Detail, symbolicNote), residue, null, numeric.Checked);
            case HighPrecisionCheck.Outcome.Differs:
                {
                    var p = hp.Point!;
                    var ce = new Counterexample([.. p.Values.OrderBy(kv => kv.Key, ExprOrder.Comparer).Select(kv => new KeyValuePair<string, double>(kv.Key.Name, kv.Value))], p.Lhs, p.Rhs);
                    // The residue is the kernel's normal form: a refutation also needs the sides themselves to differ.
                    if (!SidesDiffer(numeric.Lhs, numeric.Rhs, p))
                        return new Verdict(VerdictKind.Unsupported, AppendNote("the residue is nonzero at high precision at a point where the sides could not be told apart; not trusting either", symbolicNote), residue, ce, numeric.Checked);
                    var size = Math.Abs(hp.Difference).ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
                    return new Verdict(VerdictKind.Refuted, $"the two sides differ by about {size} at a sample point, below double precision (found {hp.Detail})", residue, ce, numeric.Checked);
                }
            default:
                return new Verdict(VerdictKind.Unsupported, AppendNote($"both sides agree within rounding error at {numeric.Checked} random points, but {hp.Detail}; a difference below double precision cannot be ruled out", symbolicNote), residue, null, numeric.Checked);
        }
    }

    /// <summary>True when lhs − rhs, built without normalisation, has an enclosure excluding 0 at the point.</summary>
    private static bool SidesDiffer(Expr lhs, Expr rhs, SamplePoint p)
    {
        var raw = Ex.Sub(lhs, rhs);
        if (!IntervalEvaluator.CanBound(raw)) return false;
        try
        {
            return !new IntervalEvaluator(p.Value, HighPrecisionCheck.MoreBits).Evaluate(raw).ContainsZero;
        }
        catch (Exception ex) when (ex is NotBoundableException or UndefinedValueException)
        {
            return false;
        }
    }

    private static bool IsOpaqueNode(Expr e) => e is BinderNode or Functional or Apply;

    private static string AppendNote(string reason, string? note) => note is null ? reason : reason + "; " + note;

    private static Verdict DecideNotEqual(Expr lhs, Expr rhs, Assumptions a, DecisionOptions o)
    {
        var eq = DecideEqual(lhs, rhs, a, o);
        return eq.Kind switch
        {
            VerdictKind.Proved or VerdictKind.Confirmed => eq with { Kind = VerdictKind.Refuted, Reason = "claimed different, but the two sides are equal (" + eq.Reason + ")" },
            VerdictKind.Refuted => eq with { Kind = VerdictKind.Confirmed, Reason = "the two sides differ: " + eq.Reason },
            _ => eq,
        };
    }

    private static Verdict DecideApprox(Expr lhs, Expr rhs, Assumptions a, DecisionOptions o)
    {
        var eq = DecideEqual(lhs, rhs, a, o);
        var note = eq.Kind switch
        {
            VerdictKind.Proved or VerdictKind.Confirmed => "an approximation that is in fact exact",
            VerdictKind.Refuted => "an approximation; the sides differ, as an approximation may",
            _ => "an approximation; " + eq.Reason,
        };
        return eq with { Kind = VerdictKind.Skipped, Reason = note };
    }

    private static Verdict DecideInequality(Expr lhs, Relation r, Expr rhs, Assumptions a, DecisionOptions o)
    {
        if (ConstantInequality(lhs, r, rhs, a) is { } constant) return constant;
        var numeric = Sample(lhs, rhs, a, o, r);
        if (numeric.Counterexample is { } ce && (numeric.DomainProblem || !HoldsAtHigherPrecision(numeric.Lhs, r, numeric.Rhs, ce)))
            return new Verdict(VerdictKind.Refuted, numeric.DomainProblem ? "the right side is undefined where the left side is defined" : "the inequality fails at a sample point", null, ce, numeric.Checked);
        if (numeric.Unavailable is { } why) return new Verdict(VerdictKind.Unsupported, why, null, null, 0);
        if (numeric.Checked < (NothingVaries(lhs) && NothingVaries(rhs) ? 1 : o.MinPoints))
            return new Verdict(VerdictKind.Unsupported, $"too few points where the left side is defined ({numeric.Checked})", null, null, numeric.Checked);
        // Integrals cost a quadrature per evaluation: too many for a minimisation; their sample points and error bounds decide.
        if (Traversal.Any(numeric.Lhs, IsOpaqueNode) || Traversal.Any(numeric.Rhs, IsOpaqueNode))
            return new Verdict(VerdictKind.Confirmed, $"holds at {numeric.Checked} random points (inequalities with integrals are checked at sample points only)", null, null, numeric.Checked);
        var worst = WorstPointSearch.Search(numeric.Lhs, r, numeric.Rhs, numeric.Assumptions, numeric.Symbols, numeric.Points);
        return worst.Outcome switch
        {
            WorstPointSearch.Outcome.Fails => new Verdict(VerdictKind.Refuted, worst.Detail, null, worst.Counterexample, numeric.Checked),
            WorstPointSearch.Outcome.Unsure => new Verdict(VerdictKind.Unsupported, $"holds at {numeric.Checked} random points, but {worst.Detail}", null, null, numeric.Checked),
            _ => new Verdict(VerdictKind.Confirmed, $"holds at {numeric.Checked} random points and at the worst point found ({worst.Detail})", null, null, numeric.Checked),
        };
    }

    /// <summary>
    /// An inequality between numbers (−log 10 &lt; 0, ½ log 3 &lt; 1): one point is all there is to sample, so the sign of
    /// lhs − rhs is decided exactly (it normalises to 0) or by a rigorous interval enclosure that excludes 0. Null when
    /// a side is not a number or the enclosure cannot tell.
    /// </summary>
    /// <summary>
    /// A strict inequality that "fails" in doubles only because the sides agree to rounding there (e^{2+by²} > e^{by²} far in
    /// a tail, where both underflow to 0): true when lhs − rhs, in interval arithmetic at high precision, has the claimed
    /// sign at that point, which is then no counterexample.
    /// </summary>
    private static bool HoldsAtHigherPrecision(Expr lhs, Relation r, Expr rhs, Counterexample ce)
    {
        if (r is not (Relation.Less or Relation.Greater)) return false;
        var raw = Ex.Sub(lhs, rhs);
        if (!IntervalEvaluator.CanBound(raw)) return false;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var kv in ce.Values) values[kv.Key] = kv.Value;
        try
        {
            var d = new IntervalEvaluator(s => values.TryGetValue(s.Name, out var v) ? v : double.NaN, HighPrecisionCheck.MoreBits).Evaluate(raw);
            return r == Relation.Greater ? d.Lo.Sign > 0 : d.Hi.Sign < 0;
        }
        catch (Exception ex) when (ex is NotBoundableException or UndefinedValueException or ArithmeticException)
        {
            return false;
        }
    }

    private static Verdict? ConstantInequality(Expr lhs, Relation r, Expr rhs, Assumptions a)
    {
        if (r is not (Relation.Greater or Relation.GreaterOrEqual or Relation.Less or Relation.LessOrEqual) || !IsConstant(lhs) || !IsConstant(rhs)) return null;
        var difference = Ex.Sub(lhs, rhs);
        int sign;
        string how;
        if (Normalizer.Normalize(difference, a).IsZero) (sign, how) = (0, "the two sides are equal numbers");
        else
        {
            if (!IntervalEvaluator.CanBound(difference)) return null;
            var enclosure = Interval.Zero;
            foreach (var bits in new[] { HighPrecisionCheck.Bits, HighPrecisionCheck.MoreBits })
            {
                try { enclosure = new IntervalEvaluator(_ => double.NaN, bits).Evaluate(difference); }
                catch (Exception ex) when (ex is NotBoundableException or UndefinedValueException) { return null; }
                if (!enclosure.ContainsZero) break;
            }
            if (enclosure.ContainsZero) return null;
            sign = enclosure.Lo.Sign > 0 ? 1 : -1;
            how = "lhs − rhs lies in " + enclosure + " (rigorous interval arithmetic)";
        }
        var holds = r switch { Relation.Greater => sign > 0, Relation.GreaterOrEqual => sign >= 0, Relation.Less => sign < 0, _ => sign <= 0 };
        if (holds) return new Verdict(VerdictKind.Proved, "both sides are numbers: " + how, null, null, 1);
        var l = TryEvaluateConstant(lhs);
        var rv = TryEvaluateConstant(rhs);
        return new Verdict(VerdictKind.Refuted, "both sides are numbers and the inequality fails: " + how, null,
            new Counterexample([], l?.Value ?? double.NaN, rv?.Value ?? double.NaN), 1);
    }

    /// <summary>
    /// ∫₀¹ x dx, Σ_{k=1}^{3} k²: no free symbol and no undefined function or density (whose random members would vary),
    /// so every sample point is the same point and one evaluation decides.
    /// </summary>
    private static bool NothingVaries(Expr e) =>
        Traversal.FreeSymbols(e).Count == 0 && !Traversal.Any(e, x => x is Apply or Functional or Expectation);

    private static bool IsConstant(Expr e) =>
        Traversal.FreeSymbols(e).Count == 0 && !Traversal.Any(e, x => x is Apply or BinderNode or Functional);

    private static Approx? TryEvaluateConstant(Expr e)
    {
        try
        {
            var v = new NumericEvaluator(_ => double.NaN).Evaluate(e);
            return v.IsDefined ? v : null;
        }
        catch (NotEvaluableException)
        {
            return null;
        }
    }

    private sealed record SampleResult(int Checked, Counterexample? Counterexample, bool DomainProblem, string? Unavailable, Counterexample? AnyPoint)
    {
        /// <summary>The points where both sides are defined.</summary>
        public List<SamplePoint> Points { get; init; } = [];

        /// <summary>The symbols given values, and the assumptions they were drawn under.</summary>
        public IReadOnlyList<Sym> Symbols { get; init; } = [];
        public Assumptions Assumptions { get; init; } = Assumptions.Default;

        /// <summary>The sides as evaluated (densities instantiated).</summary>
        public Expr Lhs { get; init; } = Ex.Zero;
        public Expr Rhs { get; init; } = Ex.Zero;
    }

    /// <summary>A symbol of the statement whose values the text restricts (a declared domain other than the reals, a bound, an ordering).</summary>
    private static bool Stated(Assumptions a, IReadOnlyList<Sym> symbols) => symbols.Any(s =>
        a.Declared.TryGetValue(s.Name, out var d) && d != Domain.Real || a.LowerBounds.Any(b => b.Symbol == s.Name)
        || a.Orderings.Any(o => o.Smaller == s.Name || o.Larger == s.Name));

    private static SampleResult Sample(Expr lhs, Expr rhs, Assumptions a, DecisionOptions o, Relation relation)
    {
        var numericContext = o.NumericContext ?? o.Context;
        // Sums written with limits in the symbols run forward (WrittenRanges): points with an empty range are not sampled.
        var ranges = WrittenRanges.Of(lhs, rhs);
        lhs = Calculus.Instantiate(lhs, numericContext);
        rhs = Calculus.Instantiate(rhs, numericContext);
        a = o.NumericAssumptions ?? a;
        var symbols = Traversal.FreeSymbols(lhs).ToList();
        foreach (var s in Traversal.FreeSymbols(rhs)) if (!symbols.Contains(s)) symbols.Add(s);
        symbols.Sort(ExprOrder.Comparer);
        // Parameters of the distributions in force (random instances of undefined densities among them) are drawn too,
        // and the free symbols of the functions defined by a formula (m in p(x) = e^{−|x − m|/b}/(2b), used only
        // through p inside an integral): without a value the integrand is NaN everywhere.
        foreach (var d in numericContext.Bound.Values)
            foreach (var p in d.Parameters)
                foreach (var s in Traversal.FreeSymbols(p))
                    if (!symbols.Contains(s)) symbols.Add(s);
        foreach (var f in numericContext.Defined.Values)
            if (Traversal.Any(lhs, e => e is Apply ap && ap.Name == f.Name) || Traversal.Any(rhs, e => e is Apply ap && ap.Name == f.Name))
                foreach (var s in Traversal.FreeSymbols(f.Body))
                    if (!f.Parameters.Contains(s) && !symbols.Contains(s)) symbols.Add(s);
        var sampler = new Sampler(o.Seed, a);
        var values = new Dictionary<Sym, double>();
        Func<Expr, Approx>? opaque = o.Opaque is null ? null : e => o.Opaque(e, values);
        var evaluator = new NumericEvaluator(s => values.TryGetValue(s, out var v) ? v : double.NaN, opaque);
        var ok = 0;
        Counterexample? worst = null, any = null;
        var worstScore = 0.0;
        var domainProblem = false;
        var points = new List<SamplePoint>();
        var needed = symbols.Count == 0 ? 1 : o.Points;
        // A point costs what evaluating both sides costs, which grows with their size (an instance written out with matrices).
        var pointUnits = Math.Max(SamplePointUnits, (WorkBudget.Nodes(lhs) + WorkBudget.Nodes(rhs)) / 8);
        for (var attempt = 0; attempt < o.MaxAttempts && ok < needed; attempt++)
        {
            o.Cancellation.ThrowIfCancellationRequested();
            WorkBudget.Charge(pointUnits);
            foreach (var s in symbols) values[s] = sampler.Draw(s);
            if (a.HasRelations && !a.Admits(n => values.FirstOrDefault(kv => kv.Key.Name == n) is { Key: not null } kv ? kv.Value : null)) continue;
            if (ranges.Count > 0 && WrittenRanges.AnyBackwards(ranges, evaluator)) continue;
            Approx l, r;
            try
            {
                l = evaluator.Evaluate(lhs);
                if (!l.IsDefined) continue;
                r = evaluator.Evaluate(rhs);
            }
            catch (DivergesHereException ex) when (ex is not DivergentTailException || !Stated(a, symbols))
            {
                continue; // no value here (an improper integral diverges): outside where the statement speaks
            }
            catch (NotEvaluableException ex)
            {
                return new SampleResult(0, null, false, ex.Message, null);
            }
            // ∞ in a limit gets a sample value like any symbol (it means ∞ there), but it is not part of the point.
            Counterexample Point() => new([.. symbols.Where(s => s != Ex.Infinity).Select(s => new KeyValuePair<string, double>(s.Name, values[s]))], l.Value, r.Value);
            any ??= Point();
            if (!r.IsDefined)
            {
                if (!domainProblem || worst is null) { worst = Point(); domainProblem = true; worstScore = double.PositiveInfinity; }
                ok++;
                continue;
            }
            ok++;
            points.Add(new SamplePoint(new Dictionary<Sym, double>(values), l.Value, r.Value));
            var bound = o.Tolerance.Allowance(l, r) + 1e-300;
            var diff = l.Value - r.Value;
            var violation = relation switch
            {
                Relation.Equal => Math.Abs(diff) / bound,
                Relation.Less => diff >= -bound ? 1 + (diff + bound) / bound : 0,
                Relation.LessOrEqual => diff / bound,
                Relation.Greater => -diff >= -bound ? 1 + (-diff + bound) / bound : 0,
                Relation.GreaterOrEqual => -diff / bound,
                _ => 0,
            };
            if (violation > 1 && violation > worstScore && !domainProblem)
            {
                worstScore = violation;
                worst = Point();
            }
        }
        return new SampleResult(ok, worst, domainProblem, null, any) { Points = points, Lhs = lhs, Rhs = rhs, Symbols = symbols, Assumptions = a };
    }
}
