using System.Globalization;
using SymKl.Derivations.Checking;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Analyzers;

/// <summary>How a method's value compares with the derivation's result.</summary>
internal abstract record Comparison
{
    /// <summary>Proved or confirmed equal under the derivation's assumptions.</summary>
    public sealed record Equal : Comparison;

    /// <summary>A point in the derivation's domain where both are defined and differ: the values, the method's value, the result's.</summary>
    public sealed record Differs(IReadOnlyList<KeyValuePair<string, double>> Point, double Method, double Result) : Comparison;

    /// <summary>Neither proved nor refuted, and why.</summary>
    public sealed record Undecided(string Reason) : Comparison;
}

/// <summary>
/// Decides method = result with the verifier's own step check (symbolic, then numeric at points sampled in the
/// derivation's domain, then high precision), and turns a refutation into a counterexample only after evaluating
/// both sides again at the point: both defined and apart by more than their rounding-error bounds.
/// </summary>
internal static class EqualityCheck
{
    /// <summary>
    /// The work the kernel may do on one method, in units (<see cref="WorkBudget"/>; it had 10 s of wall-clock time), so
    /// that a build gives the same diagnostic on every machine; the guard only stops a hang.
    /// </summary>
    private static readonly long MethodUnits = WorkBudget.Seconds(10);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    public static Comparison Decide(Expr method, Expr result, Assumptions assumptions, CancellationToken cancellation)
    {
        Verdict? verdict = null;
        // The build's own cancellation propagates; a check stopped by its budget is undecided, naming it.
        var stopped = WorkBudget.Run<string?>("the kernel's check of the method", MethodUnits, Guard,
            token => { verdict = StepChecker.Check(method, Relation.Equal, result, assumptions, DistributionContext.Empty, cancellation: token); return null; },
            reason => reason, cancellation);
        if (stopped is not null || verdict is null) return new Comparison.Undecided(stopped ?? "the kernel's check of the method did not finish");
        if (verdict.Holds) return new Comparison.Equal();
        if (verdict.Kind != VerdictKind.Refuted) return new Comparison.Undecided(verdict.Reason);
        if (verdict.Counterexample is not { } point) return new Comparison.Undecided("refuted without a point: " + verdict.Reason);

        var values = point.Values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        // A rounder point is easier to read and to try; it is used only when it still separates the two.
        var round = values.ToDictionary(kv => kv.Key, kv => RoundTo(kv.Value, 4), StringComparer.Ordinal);
        foreach (var candidate in new[] { round, values })
        {
            if (!InDomain(candidate, assumptions)) continue;
            if (Separates(method, result, candidate) is { } separated)
                return new Comparison.Differs(candidate.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList(), separated.Method, separated.Result);
        }
        return new Comparison.Undecided("the kernel refuted the equality (" + verdict.Reason + "), but at its point the two cannot be told apart in double precision or one of them is undefined");
    }

    /// <summary>Both values at the point when both are defined and differ by more than their error bounds.</summary>
    internal static (double Method, double Result)? Separates(Expr method, Expr result, IReadOnlyDictionary<string, double> point)
    {
        try
        {
            var evaluator = new NumericEvaluator(s => point.TryGetValue(s.Name, out var v) ? v : double.NaN);
            var a = evaluator.Evaluate(method);
            var b = evaluator.Evaluate(result);
            return ErrorTolerance.OtherForm.Differ(a, b) ? (a.Value, b.Value) : null;
        }
        catch (NotEvaluableException)
        {
            return null;
        }
    }

    private static bool InDomain(IReadOnlyDictionary<string, double> point, Assumptions assumptions)
    {
        foreach (var kv in point)
        {
            var v = kv.Value;
            if (double.IsNaN(v) || double.IsInfinity(v)) return false;
            var ok = assumptions.DomainOf(Ex.Sym(kv.Key)) switch
            {
                Domain.Positive => v > 0,
                Domain.NonNegative => v >= 0,
                Domain.Negative => v < 0,
                Domain.NonZero => v != 0,
                Domain.UnitInterval => v > 0 && v < 1,
                Domain.Integer => v == Math.Floor(v),
                Domain.PositiveInteger => v == Math.Floor(v) && v > 0,
                Domain.NonNegativeInteger => v == Math.Floor(v) && v >= 0,
                _ => true,
            };
            if (!ok) return false;
        }
        return assumptions.Admits(name => point.TryGetValue(name, out var v) ? v : null);
    }

    private static double RoundTo(double v, int digits)
    {
        if (v == 0 || double.IsNaN(v) || double.IsInfinity(v)) return v;
        return double.Parse(v.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
