using SymKl.Symbolic;

namespace SymKl.Symbolic.Tests;

/// <summary>
/// Deterministic budgets: an internal check counts units of work, so where it stops (and so its verdict) is the same
/// on every run and every machine; the wall-clock guard only stops a hang and says so.
/// </summary>
public class WorkBudgetTests
{
    private static readonly Sym X = Ex.Sym("x"), Y = Ex.Sym("y");

    // (x + y + 1)^8 expanded: thousands of units of kernel work.
    private static Expr Big() => Ex.Pow(Ex.Add(X, Y, Ex.One), Ex.Num(8));

    private static Verdict Stopped(string reason) => new(VerdictKind.Unsupported, reason, null, null, 0);

    private static Verdict CheckWithin(long units, Expr lhs, Expr rhs) =>
        WorkBudget.Run("the test check", units, TimeSpan.FromMinutes(5),
            token => Decider.Decide(lhs, Relation.Equal, rhs, Assumptions.Default, new DecisionOptions { Cancellation = token }),
            Stopped);

    [Fact]
    public void ACheckThatRunsOutOfUnitsIsUnsupportedNamingItsBudget()
    {
        var lhs = Big();
        var rhs = Expander.Expand(Big(), new Budget());
        var verdict = CheckWithin(50, lhs, rhs);
        Assert.Equal(VerdictKind.Unsupported, verdict.Kind);
        Assert.Equal("the test check ran out of its budget of 50 units of work", verdict.Reason);
    }

    [Fact]
    public void ACheckWithEnoughUnitsIsDecided()
    {
        var verdict = CheckWithin(WorkBudget.Seconds(30), Big(), Expander.Expand(Big(), new Budget()));
        Assert.Equal(VerdictKind.Proved, verdict.Kind);
    }

    [Fact]
    public void RepeatedRunsStopAtTheSameUnitWithTheSameVerdict()
    {
        var lhs = Big();
        var rhs = Ex.Add(Expander.Expand(Big(), new Budget()), Ex.One);
        var runs = new List<(VerdictKind, string, long)>();
        for (var i = 0; i < 3; i++)
        {
            using var budget = new WorkBudget("the test check", 50, null);
            try
            {
                var v = Decider.Decide(lhs, Relation.Equal, rhs, Assumptions.Default, new DecisionOptions { Cancellation = budget.Token });
                runs.Add((v.Kind, v.Reason, budget.Used));
            }
            catch (OperationCanceledException)
            {
                Assert.True(budget.Exhausted);
                runs.Add((VerdictKind.Unsupported, budget.Reason!, budget.Used));
            }
        }
        Assert.Equal(runs[0], runs[1]);
        Assert.Equal(runs[0], runs[2]);
        Assert.Equal(VerdictKind.Unsupported, runs[0].Item1);
    }

    [Fact]
    public void TheSameWorkCostsTheSameUnits()
    {
        long Measure()
        {
            using var budget = new WorkBudget("measure", long.MaxValue / 4, null);
            Normalizer.Normalize(Ex.Sub(Big(), Ex.Mul(Ex.Two, Big())), Assumptions.Default);
            return budget.Used;
        }
        var first = Measure();
        Assert.True(first > 50, first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(first, Measure());
    }

    [Fact]
    public void AnInnerCheckSpendsItsOuterChecksUnitsToo()
    {
        using var outer = new WorkBudget("outer", long.MaxValue / 4, null);
        WorkBudget.Charge(7);
        long inner;
        using (var nested = new WorkBudget("inner", long.MaxValue / 4, null))
        {
            WorkBudget.Charge(5);
            Assert.Same(nested, WorkBudget.Current);
            inner = nested.Used;
        }
        Assert.Same(outer, WorkBudget.Current);
        Assert.Equal(5, inner);
        Assert.Equal(12, outer.Used);
    }

    [Fact]
    public void AnExhaustedOuterBudgetStopsTheInnerCheck()
    {
        using var outer = new WorkBudget("outer", 10, null);
        using var inner = new WorkBudget("inner", 1_000, null);
        Assert.Throws<OperationCanceledException>(() => { for (var i = 0; i < 100; i++) WorkBudget.Charge(1); });
        Assert.True(outer.Exhausted);
        Assert.False(inner.Exhausted);
    }

    [Fact]
    public void WithoutABudgetChargingDoesNothing()
    {
        Assert.Null(WorkBudget.Current);
        WorkBudget.Charge(1_000_000_000);
        Assert.Equal(Ex.Zero, Normalizer.Normalize(Ex.Sub(Big(), Big()), Assumptions.Default));
    }

    [Fact]
    public void TheWallClockGuardStopsAHangAndSaysSo()
    {
        var reason = WorkBudget.Run("the endless check", long.MaxValue / 4, TimeSpan.FromMilliseconds(50),
            _ => { while (true) WorkBudget.Charge(1); },
            stopped => stopped);
        Assert.StartsWith("the endless check was stopped by its wall-clock guard of 0.05 s", reason, StringComparison.Ordinal);
        Assert.Null(WorkBudget.Current);
    }

    [Fact]
    public void TheOwnersCancellationIsNotTheBudgets()
    {
        using var step = new CancellationTokenSource();
        step.Cancel();
        Assert.Throws<OperationCanceledException>(() => WorkBudget.Run("the check", 1_000, null, _ => { WorkBudget.Charge(1); return 0; }, _ => 1, step.Token));
        Assert.Null(WorkBudget.Current);
    }

    [Fact]
    public void TheWorstPointSearchGivesTheSameVerdictOnEveryRun()
    {
        // x² + y² ≥ 2xy + 10⁻⁹: the margin (x − y)² − 10⁻⁹ dips below 0 on the line x = y, which only the search finds.
        var lhs = Ex.Add(Ex.Pow(X, Ex.Two), Ex.Pow(Y, Ex.Two));
        var rhs = Ex.Add(Ex.Mul(Ex.Two, X, Y), Ex.Num(new Rational(1, 1_000_000_000)));
        var first = Decider.Decide(lhs, Relation.GreaterOrEqual, rhs, Assumptions.Default);
        var second = Decider.Decide(lhs, Relation.GreaterOrEqual, rhs, Assumptions.Default);
        Assert.Equal(VerdictKind.Refuted, first.Kind);
        Assert.Equal((first.Kind, first.Reason), (second.Kind, second.Reason));
    }
}
