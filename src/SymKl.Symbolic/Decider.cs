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

    public static Verdict Decide(Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DecisionOptions? options = null)
    {
        options ??= DecisionOptions.Default;
        return relation switch
        {
            Relation.Equal => DecideEqual(lhs, rhs, assumptions, options),
            Relation.NotEqual => DecideNotEqual(lhs, rhs, assumptions, options),
            Relation.Approx => DecideApprox(lhs, rhs, assumptions, options),
            _ => DecideInequality(lhs, relation, rhs, assumptions, options),
        };
    }

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
            if (residue is Num || (value is { } v && Math.Abs(v.Value) > o.ErrorBoundFactor * v.Error && v.Value != 0))
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
            NumericAssumptions = o.NumericAssumptions, ErrorBoundFactor = o.ErrorBoundFactor, Cancellation = o.Cancellation,
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
        if (numeric.Checked < o.MinPoints)
            return new Verdict(VerdictKind.Unsupported, AppendNote($"too few points where the left side is defined ({numeric.Checked} of {o.MinPoints} needed)", symbolicNote), residue, null, numeric.Checked);
        return new Verdict(VerdictKind.Confirmed, AppendNote($"both sides agree within rounding error at {numeric.Checked} random points (not proved symbolically)", symbolicNote), residue, null, numeric.Checked);
    }

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
        var numeric = Sample(lhs, rhs, a, o, r);
        if (numeric.Counterexample is { } ce)
            return new Verdict(VerdictKind.Refuted, numeric.DomainProblem ? "the right side is undefined where the left side is defined" : "the inequality fails at a sample point", null, ce, numeric.Checked);
        if (numeric.Unavailable is { } why) return new Verdict(VerdictKind.Unsupported, why, null, null, 0);
        if (numeric.Checked < o.MinPoints)
            return new Verdict(VerdictKind.Unsupported, $"too few points where the left side is defined ({numeric.Checked})", null, null, numeric.Checked);
        return new Verdict(VerdictKind.Confirmed, $"holds at {numeric.Checked} random points (inequalities are checked numerically)", null, null, numeric.Checked);
    }

    private static bool IsConstant(Expr e) =>
        Traversal.FreeSymbols(e).Count == 0 && !Traversal.Any(e, x => x is Apply or Integral or Summation or Expectation or Functional);

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

    private sealed record SampleResult(int Checked, Counterexample? Counterexample, bool DomainProblem, string? Unavailable, Counterexample? AnyPoint);

    private static SampleResult Sample(Expr lhs, Expr rhs, Assumptions a, DecisionOptions o, Relation relation)
    {
        var numericContext = o.NumericContext ?? o.Context;
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
        var needed = symbols.Count == 0 ? 1 : o.Points;
        for (var attempt = 0; attempt < o.MaxAttempts && ok < needed; attempt++)
        {
            o.Cancellation.ThrowIfCancellationRequested();
            foreach (var s in symbols) values[s] = sampler.Draw(s);
            if (a.HasRelations && !a.Admits(n => values.FirstOrDefault(kv => kv.Key.Name == n) is { Key: not null } kv ? kv.Value : null)) continue;
            Approx l, r;
            try
            {
                l = evaluator.Evaluate(lhs);
                if (!l.IsDefined) continue;
                r = evaluator.Evaluate(rhs);
            }
            catch (NotEvaluableException ex)
            {
                return new SampleResult(0, null, false, ex.Message, null);
            }
            Counterexample Point() => new([.. symbols.Select(s => new KeyValuePair<string, double>(s.Name, values[s]))], l.Value, r.Value);
            any ??= Point();
            if (!r.IsDefined)
            {
                if (!domainProblem || worst is null) { worst = Point(); domainProblem = true; worstScore = double.PositiveInfinity; }
                ok++;
                continue;
            }
            ok++;
            var bound = o.ErrorBoundFactor * (l.Error + r.Error) + 1e-300;
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
        return new SampleResult(ok, worst, domainProblem, null, any);
    }
}
