using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Symbolic.Tests;

/// <summary>
/// The expectations the cross-family KL pairs need (uniform log and power moments, a normal's mean absolute
/// deviation), checked against numeric integration, and the conditions they require.
/// </summary>
public class CrossFamilyExpectationTests
{
    private static readonly Sym X = Ex.Sym("x"), A = Ex.Sym("a"), B = Ex.Sym("b"), Mu = Ex.Sym("mu"), V = Ex.Sym("v"), C = Ex.Sym("c");

    private static DistributionInstance UniformAB => new(Families.Uniform, [A, B]);

    private static double Eval(Expr e, params (Sym S, double V)[] values) =>
        new NumericEvaluator(s => values.First(v => v.S.Equals(s)).V).Evaluate(e).Value;

    /// <summary>∫_lo^hi f by composite Simpson with n (even) panels.</summary>
    private static double Simpson(Func<double, double> f, double lo, double hi, int n = 20000)
    {
        var h = (hi - lo) / n;
        var sum = f(lo) + f(hi);
        for (var i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * f(lo + i * h);
        return sum * h / 3;
    }

    private static ClosedForm Expect(Expr g, DistributionInstance d, Assumptions a) => ExpectationEngine.Expect(g, X, d, a, new Budget());

    private static Assumptions PositiveInterval => Assumptions.Default.With("a", Domain.Positive).WithOrdering("a", "b", strict: true);

    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(0.01, 0.3)]
    [InlineData(3.0, 3.5)]
    public void UniformLogMomentMatchesIntegration(double a, double b)
    {
        var r = Expect(Ex.Log(X), UniformAB, PositiveInterval);
        Assert.NotNull(r.Value);
        var exact = Simpson(t => Math.Log(t), a, b) / (b - a);
        Assert.Equal(exact, Eval(r.Value!, (A, a), (B, b)), 9);
    }

    [Fact]
    public void UniformLogMomentNeedsTheIntervalAboveZero()
    {
        // a may be negative or 0: log x is undefined or −∞ on part of [a, b]; no entry.
        Assert.Null(Expect(Ex.Log(X), UniformAB, Assumptions.Default.WithOrdering("a", "b", strict: true)).Value);
        // 0 ≤ a is not enough for the formula (a log a at a = 0).
        Assert.Null(Expect(Ex.Log(X), UniformAB, Assumptions.Default.With("a", Domain.NonNegative).WithOrdering("a", "b", strict: true)).Value);
    }

    [Theory]
    [InlineData(0.1, 0.6)]
    [InlineData(-2.0, 0.9)]
    public void UniformLogOneMinusMomentMatchesIntegration(double a, double b)
    {
        var assumptions = Assumptions.Default.WithOrdering("a", "b", strict: true).WithOrdering("b", "1", strict: true);
        var r = Expect(Ex.Log(Ex.Sub(Ex.One, X)), UniformAB, assumptions);
        Assert.NotNull(r.Value);
        var exact = Simpson(t => Math.Log(1 - t), a, b) / (b - a);
        Assert.Equal(exact, Eval(r.Value!, (A, a), (B, b)), 9);
        // b ≤ 1 (not strict) or nothing said about b: no entry.
        Assert.Null(Expect(Ex.Log(Ex.Sub(Ex.One, X)), UniformAB, Assumptions.Default.WithOrdering("a", "b", strict: true).WithOrdering("b", "1")).Value);
        Assert.Null(Expect(Ex.Log(Ex.Sub(Ex.One, X)), UniformAB, Assumptions.Default.WithOrdering("a", "b", strict: true)).Value);
    }

    [Theory]
    [InlineData(-1.0, 2.0, 0.7)]
    [InlineData(0.5, 3.0, 2.0)]
    [InlineData(-4.0, -1.0, 0.3)]
    public void UniformExponentialMomentMatchesIntegration(double a, double b, double beta)
    {
        // E[e^{−(x − μ)/β}], the Gumbel term, with β > 0: s = −1/β, provably nonzero.
        var betaSym = Ex.Sym("beta");
        var assumptions = Assumptions.Default.With("beta", Domain.Positive).WithOrdering("a", "b", strict: true);
        var g = Ex.Exp(Ex.Neg(Ex.Div(Ex.Sub(X, Mu), betaSym)));
        var r = Expect(g, UniformAB, assumptions);
        Assert.NotNull(r.Value);
        const double mu = 0.4;
        var exact = Simpson(t => Math.Exp(-(t - mu) / beta), a, b) / (b - a);
        Assert.Equal(exact, Eval(r.Value!, (A, a), (B, b), (Mu, mu), (betaSym, beta)), 9);
        // β(e^{−a/β} − e^{−b/β})/(b − a) at μ = 0.
        Assert.Equal(beta * (Math.Exp(-a / beta) - Math.Exp(-b / beta)) / (b - a), Eval(r.Value!, (A, a), (B, b), (Mu, 0.0), (betaSym, beta)), 12);
    }

    [Fact]
    public void UniformExponentialMomentNeedsANonzeroSlope()
    {
        // E[e^{c x}] with nothing known about c: c may be 0, where the formula is 0/0; no entry.
        var assumptions = Assumptions.Default.WithOrdering("a", "b", strict: true);
        Assert.Null(Expect(Ex.Exp(Ex.Mul(C, X)), UniformAB, assumptions).Value);
        // With c ≠ 0 (here c < 0) the entry holds for either sign.
        var negative = assumptions.With("c", Domain.Negative);
        var r = Expect(Ex.Exp(Ex.Mul(C, X)), UniformAB, negative);
        Assert.NotNull(r.Value);
        var exact = Simpson(t => Math.Exp(-1.3 * t), -0.5, 1.5) / 2.0;
        Assert.Equal(exact, Eval(r.Value!, (A, -0.5), (B, 1.5), (C, -1.3)), 9);
    }

    [Fact]
    public void UniformLogShiftedMomentUsesTheOrdering()
    {
        // E[log(x − c)] with c < a as a stated ordering between symbols.
        var assumptions = Assumptions.Default.WithOrdering("c", "a", strict: true).WithOrdering("a", "b", strict: true);
        var r = Expect(Ex.Log(Ex.Sub(X, C)), UniformAB, assumptions);
        Assert.NotNull(r.Value);
        var exact = Simpson(t => Math.Log(t + 1.5), -1.0, 2.0) / 3.0;
        Assert.Equal(exact, Eval(r.Value!, (A, -1.0), (B, 2.0), (C, -1.5)), 9);
    }

    [Theory]
    [InlineData(1, -1.0, 2.0)]
    [InlineData(3, -1.0, 2.0)]
    [InlineData(4, 0.5, 1.5)]
    public void UniformPowerMomentsMatchIntegration(int k, double a, double b)
    {
        var r = Expect(Ex.Pow(X, Ex.Num(k)), UniformAB, Assumptions.Default.WithOrdering("a", "b", strict: true));
        Assert.NotNull(r.Value);
        Assert.Equal(Simpson(t => Math.Pow(t, k), a, b) / (b - a), Eval(r.Value!, (A, a), (B, b)), 9);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-2)]
    [InlineData(-3)]
    public void UniformNegativePowersNeedZeroOutsideTheInterval(int k)
    {
        var r = Expect(Ex.Pow(X, Ex.Num(k)), UniformAB, PositiveInterval);
        Assert.NotNull(r.Value);
        Assert.Equal(Simpson(t => Math.Pow(t, k), 0.5, 2.0) / 1.5, Eval(r.Value!, (A, 0.5), (B, 2.0)), 9);
        var below = Assumptions.Default.With("b", Domain.Negative).WithOrdering("a", "b", strict: true);
        var rb = Expect(Ex.Pow(X, Ex.Num(k)), UniformAB, below);
        Assert.NotNull(rb.Value);
        Assert.Equal(Simpson(t => Math.Pow(t, k), -3.0, -0.5) / 2.5, Eval(rb.Value!, (A, -3.0), (B, -0.5)), 9);
        Assert.Null(Expect(Ex.Pow(X, Ex.Num(k)), UniformAB, Assumptions.Default.WithOrdering("a", "b", strict: true)).Value);
    }

    [Theory]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(1.3, 0.7, -0.4)]
    [InlineData(-2.0, 2.5, 3.0)]
    public void NormalAbsoluteDeviationMatchesIntegration(double mu, double variance, double c)
    {
        var normal = new DistributionInstance(Families.Normal, [Mu, V]);
        var r = Expect(Ex.Abs(Ex.Sub(X, C)), normal, Assumptions.Default.With("v", Domain.Positive));
        Assert.NotNull(r.Value);
        var s = Math.Sqrt(variance);
        double Density(double t) => Math.Exp(-(t - mu) * (t - mu) / (2 * variance)) / Math.Sqrt(2 * Math.PI * variance);
        var exact = Simpson(t => Math.Abs(t - c) * Density(t), mu - 12 * s, c, 40000) + Simpson(t => Math.Abs(t - c) * Density(t), c, mu + 12 * s, 40000);
        Assert.Equal(exact, Eval(r.Value!, (Mu, mu), (V, variance), (C, c)), 8);
        // |c − x| is the same moment.
        var flipped = Expect(Ex.Abs(Ex.Sub(C, X)), normal, Assumptions.Default.With("v", Domain.Positive));
        Assert.Equal(exact, Eval(flipped.Value!, (Mu, mu), (V, variance), (C, c)), 8);
    }

    [Fact]
    public void ALogDensityIsUsedOnlyWhereTheSupportIsCovered()
    {
        // E_{x~U(a,b)}[log q(x)] with q exponential: −∞ when a < 0, so without 0 ≤ a there is no closed form.
        var ctx = DistributionContext.Empty
            .WithDistribution("p", UniformAB)
            .WithDistribution("q", new DistributionInstance(Families.Exponential, [Ex.Sym("lambda")]));
        var e = Ex.Expectation(Ex.Log(Ex.Apply("q", X)), X, Ex.Sym("p"));
        var open = Calculus.Evaluate(e, ctx, Assumptions.Default.WithOrdering("a", "b", strict: true));
        Assert.False(open.IsComplete);
        var inside = Calculus.Evaluate(e, ctx, PositiveInterval);
        Assert.True(inside.IsComplete);
        // KL(U(a, b) ‖ Beta) needs [a, b] ⊆ [0, 1].
        var beta = ctx.WithDistribution("q", new DistributionInstance(Families.Beta, [Ex.Sym("alpha"), Ex.Sym("beta")]));
        var kl = Ex.Functional(FunctionalKind.KL, Ex.Sym("p"), Ex.Sym("q"));
        Assert.False(Calculus.Evaluate(kl, beta, PositiveInterval).IsComplete);
        Assert.True(Calculus.Evaluate(kl, beta, PositiveInterval.WithOrdering("b", "1", strict: true)).IsComplete);
    }

    [Fact]
    public void OrderFollowsChainsDomainsAndNumbers()
    {
        var a = Assumptions.Default.With("a", Domain.Positive).WithOrdering("a", "b", strict: true).WithOrdering("b", "1");
        Assert.True(Order.ProvablyLess(Ex.Zero, A, a));
        Assert.True(Order.ProvablyLess(Ex.Zero, B, a));
        Assert.True(Order.ProvablyAtMost(B, Ex.One, a));
        Assert.False(Order.ProvablyLess(B, Ex.One, a));
        Assert.True(Order.ProvablyLess(A, Ex.Two, a));
        Assert.False(Order.ProvablyAtMost(B, A, a));
        Assert.False(Order.ProvablyLess(A, A, a));
        Assert.True(Order.ProvablyAtMost(Ex.Num(-1), Ex.Zero, a));
        Assert.False(Order.ProvablyAtMost(Ex.One, Ex.Zero, a));
        // b − a > 0 from a < b.
        Assert.True(Signs.IsPositive(Normalizer.Normalize(Ex.Sub(B, A), a, new Budget()), a));
        Assert.True(Signs.IsNonNegative(Normalizer.Normalize(Ex.Sub(Ex.One, B), a, new Budget()), a));
        Assert.False(Signs.IsPositive(Normalizer.Normalize(Ex.Sub(Ex.One, B), a, new Budget()), a));
    }
}
