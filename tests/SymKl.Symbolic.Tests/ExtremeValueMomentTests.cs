using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using MathNetPareto = MathNet.Numerics.Distributions.Pareto;
using MathNetNormal = MathNet.Numerics.Distributions.Normal;

namespace SymKl.Symbolic.Tests;

/// <summary>The moment tables of the Gumbel, half-normal and Pareto families, and the exponential moments E[e^{sx}].</summary>
public class ExtremeValueMomentTests
{
    private static readonly Sym X = Ex.Sym("x");
    private static Expr N(double v) => Ex.Num(Rational.TryParseDecimal(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), out var r) ? r : Rational.Zero);

    private static double Value(Expr e) => new NumericEvaluator(_ => double.NaN).Evaluate(e).Value;

    /// <summary>E[g(x)] from the table, evaluated at numeric parameters.</summary>
    private static double Table(Family f, Expr g, double[] θ, Assumptions? a = null)
    {
        var r = ExpectationEngine.Expect(g, X, new DistributionInstance(f, [.. θ.Select(N)]), a ?? Assumptions.Default, new Budget());
        Assert.True(r.Value is not null, r.Failure);
        return Value(r.Value!);
    }

    private static (double Mean, double Se) MonteCarlo(Func<Random, double> sample, Func<double, double> g)
    {
        var random = new Random(1234);
        double sum = 0, sumSq = 0;
        const int n = 1_000_000;
        for (var i = 0; i < n; i++)
        {
            var v = g(sample(random));
            sum += v;
            sumSq += v * v;
        }
        var mean = sum / n;
        return (mean, Math.Sqrt((sumSq / n - mean * mean) / n));
    }

    private static void Close(double table, (double Mean, double Se) mc, string what) =>
        Assert.True(Math.Abs(table - mc.Mean) < 5 * mc.Se + 1e-12, $"{what}: table {table}, Monte Carlo {mc.Mean} ± {mc.Se}");

    public static TheoryData<string, double[]> Cases => new()
    {
        { "Gumbel", [0.3, 1.5] }, { "Gumbel", [-2.0, 0.4] },
        { "HalfNormal", [0.7] }, { "HalfNormal", [2.5] },
        { "Pareto", [1.5, 7.0] }, { "Pareto", [0.4, 9.5] },
    };

    private static Func<Random, double> Sampler(string family, double[] θ) => family switch
    {
        "Gumbel" => r => θ[0] - θ[1] * Math.Log(-Math.Log(1 - r.NextDouble())),
        "HalfNormal" => r => Math.Abs(MathNetNormal.Sample(r, 0, θ[0])),
        _ => r => MathNetPareto.Sample(r, θ[0], θ[1]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PowersAndLogsMatchAMillionSamples(string family, double[] θ)
    {
        var f = Families.Find(family)!;
        var a = Assumptions.Default;
        var sample = Sampler(family, θ);
        for (var k = 1; k <= 3; k++)
        {
            if (family == "Gumbel" && k > 2) break;
            var kk = k;
            Close(Table(f, Ex.Pow(X, Ex.Num(k)), θ, a), MonteCarlo(sample, x => Math.Pow(x, kk)), family + " E[x^" + k + "]");
        }
        if (family != "Gumbel") Close(Table(f, Ex.Log(X), θ, a), MonteCarlo(sample, Math.Log), family + " E[log x]");
    }

    [Theory]
    [InlineData("Gumbel", new[] { 0.3, 1.5 }, -0.8)]
    [InlineData("Gumbel", new[] { -1.0, 0.5 }, 1.2)]
    [InlineData("HalfNormal", new[] { 0.7 }, 1.3)]
    [InlineData("HalfNormal", new[] { 1.4 }, -0.9)]
    [InlineData("Normal", new[] { 0.5, 0.8 }, -1.1)]
    [InlineData("Exponential", new[] { 2.0 }, -0.7)]
    [InlineData("Gamma", new[] { 2.5, 1.5 }, -0.6)]
    public void ExponentialMomentsMatchAMillionSamples(string family, double[] θ, double s)
    {
        var f = Families.Find(family)!;
        Func<Random, double> sample = family switch
        {
            "Normal" => r => MathNetNormal.Sample(r, θ[0], Math.Sqrt(θ[1])),
            "Exponential" => r => MathNet.Numerics.Distributions.Exponential.Sample(r, θ[0]),
            "Gamma" => r => MathNet.Numerics.Distributions.Gamma.Sample(r, θ[0], θ[1]),
            _ => Sampler(family, θ),
        };
        var g = Ex.Exp(Ex.Add(Ex.Mul(N(s), X), N(0.25)));
        Close(Table(f, g, θ), MonteCarlo(sample, x => Math.Exp(s * x + 0.25)), family + " E[e^{" + s + "x + 1/4}]");
    }

    [Fact]
    public void ParetoPowersNeedAShapeAboveThePower()
    {
        var (m, alpha) = (Ex.Sym("m"), Ex.Sym("alpha"));
        var d = new DistributionInstance(Families.Pareto, [m, alpha]);
        var positive = Assumptions.Default.With("m", Domain.Positive).With("alpha", Domain.Positive);
        Assert.Null(ExpectationEngine.Expect(X, X, d, positive, new Budget()).Value);
        var aboveOne = positive.WithLowerBound("alpha", 1, strict: true);
        Assert.NotNull(ExpectationEngine.Expect(X, X, d, aboveOne, new Budget()).Value);
        Assert.Null(ExpectationEngine.Expect(Ex.Pow(X, Ex.Two), X, d, aboveOne, new Budget()).Value);
        Assert.Null(ExpectationEngine.Expect(Ex.Pow(X, Ex.Two), X, d, positive.WithLowerBound("alpha", 2, strict: false), new Budget()).Value);
        Assert.NotNull(ExpectationEngine.Expect(Ex.Pow(X, Ex.Two), X, d, positive.WithLowerBound("alpha", 2, strict: true), new Budget()).Value);
    }

    [Fact]
    public void ExponentialMomentsThatMayDivergeHaveNoEntry()
    {
        var (lambda, b) = (Ex.Sym("lambda"), Ex.Sym("b"));
        var a = Assumptions.Default.With("b", Domain.Positive);
        // E[e^{x/b}] under Exponential(λ) is finite only for 1/b < λ: not provable.
        Assert.Null(ExpectationEngine.Expect(Ex.Exp(Ex.Div(X, b)), X, new DistributionInstance(Families.Exponential, [lambda]), a, new Budget()).Value);
        Assert.NotNull(ExpectationEngine.Expect(Ex.Exp(Ex.Neg(Ex.Div(X, b))), X, new DistributionInstance(Families.Exponential, [lambda]), a, new Budget()).Value);
        // Gumbel: E[e^{x/b}] needs β/b < 1.
        var gumbel = new DistributionInstance(Families.Gumbel, [Ex.Sym("mu"), Ex.Sym("beta")]);
        Assert.Null(ExpectationEngine.Expect(Ex.Exp(Ex.Div(X, b)), X, gumbel, a.With("beta", Domain.Positive), new Budget()).Value);
        // Not affine in x: no entry.
        Assert.Null(ExpectationEngine.Expect(Ex.Exp(Ex.Pow(X, Ex.Two)), X, new DistributionInstance(Families.Normal, [Ex.Zero, Ex.One]), a, new Budget()).Value);
    }

    [Fact]
    public void ParetoKlIsFiniteOnlyWhenTheSupportsNest()
    {
        var (m1, m2) = (Ex.Sym("m_1"), Ex.Sym("m_2"));
        var ctx = DistributionContext.Empty
            .WithDistribution("P", new DistributionInstance(Families.Pareto, [m1, Ex.Sym("alpha_1")]))
            .WithDistribution("Q", new DistributionInstance(Families.Pareto, [m2, Ex.Sym("alpha_2")]));
        var kl = Ex.Functional(FunctionalKind.KL, Ex.Sym("P"), Ex.Sym("Q"));
        Assert.False(Calculus.Evaluate(kl, ctx, Assumptions.Default).IsComplete);
        Assert.False(Calculus.Evaluate(kl, ctx, Assumptions.Default.WithOrdering("m_1", "m_2")).IsComplete);
        Assert.True(Calculus.Evaluate(kl, ctx, Assumptions.Default.WithOrdering("m_2", "m_1")).IsComplete);
    }
}
