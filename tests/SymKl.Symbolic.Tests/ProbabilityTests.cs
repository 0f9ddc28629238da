using MathNet.Numerics.Distributions;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Symbolic.Tests;

public class ProbabilityTests
{
    private static Sym S(string n) => Ex.Sym(n);
    private static readonly Sym Z = S("z"), Mu = S("mu"), Sigma = S("sigma");

    /// <summary>The seed's q(z) = 1/√(2πσ²) e^{−(z−μ)²/(2σ²)} written out, and p = N(0, 1).</summary>
    private static DistributionContext SeedContext()
    {
        var q = Ex.Mul(Ex.Pow(Ex.Sqrt(Ex.Mul(Ex.Two, Ex.Pi, Ex.Pow(Sigma, Ex.Two))), Ex.MinusOne),
            Ex.Exp(Ex.Neg(Ex.Div(Ex.Pow(Ex.Sub(Z, Mu), Ex.Two), Ex.Mul(Ex.Two, Ex.Pow(Sigma, Ex.Two))))));
        return DistributionContext.Empty.WithDefinition(new FunctionDefinition("q", [Z], q))
            .WithDistribution("p", new DistributionInstance(Families.Normal, [Ex.Zero, Ex.One]));
    }

    private static Verdict Decide(Expr lhs, Expr rhs, DistributionContext ctx) =>
        Decider.Decide(lhs, Relation.Equal, rhs, Assumptions.Default, new DecisionOptions { Context = ctx });

    private static Expr Q(Expr x) => Ex.Apply("q", x);
    private static Expr P(Expr x) => Ex.Apply("p", x);
    private static readonly Expr Half = Ex.Half;

    [Fact]
    public void SeedGaussianStepsAreProved()
    {
        var ctx = SeedContext();
        var entropy = Ex.Neg(Ex.Integral(Ex.Mul(Q(Z), Ex.Log(Q(Z))), Z));
        var halfLog2PiS2 = Ex.Mul(Half, Ex.Log(Ex.Mul(Ex.Two, Ex.Pi, Ex.Pow(Sigma, Ex.Two))));
        Assert.Equal(VerdictKind.Proved, Decide(entropy, Ex.Add(halfLog2PiS2, Half), ctx).Kind);
        Assert.Equal(VerdictKind.Proved, Decide(Ex.Integral(Q(Z), Z), Ex.One, ctx).Kind);
        Assert.Equal(VerdictKind.Proved, Decide(Ex.Integral(Ex.Mul(Ex.Pow(Z, Ex.Two), Q(Z)), Z), Ex.Add(Ex.Pow(Mu, Ex.Two), Ex.Pow(Sigma, Ex.Two)), ctx).Kind);
        var crossEntropy = Ex.Neg(Ex.Integral(Ex.Mul(Q(Z), Ex.Log(P(Z))), Z));
        Assert.Equal(VerdictKind.Proved, Decide(crossEntropy, Ex.Add(Ex.Mul(Half, Ex.Log(Ex.Mul(Ex.Two, Ex.Pi))), Ex.Mul(Half, Ex.Add(Ex.Pow(Mu, Ex.Two), Ex.Pow(Sigma, Ex.Two)))), ctx).Kind);
        // The VAE term: KL(q‖p) = −½(1 + log σ² − μ² − σ²)
        var kl = Ex.Integral(Ex.Mul(Q(Z), Ex.Log(Ex.Div(Q(Z), P(Z)))), Z);
        var vae = Ex.Mul(Ex.Neg(Half), Ex.Add(Ex.One, Ex.Log(Ex.Pow(Sigma, Ex.Two)), Ex.Neg(Ex.Pow(Mu, Ex.Two)), Ex.Neg(Ex.Pow(Sigma, Ex.Two))));
        Assert.Equal(VerdictKind.Proved, Decide(kl, vae, ctx).Kind);
    }

    [Fact]
    public void SeedWrongCrossEntropyLineIsRefutedWithCounterexample()
    {
        // deriving-kl-divergence.md line 90: ½ log(2π) ∫q dz + ½ ∫ z² q dz is not −∫ q log q dz.
        var ctx = SeedContext();
        var lhs = Ex.Integral(Ex.Mul(Q(Z), Ex.Add(Ex.Mul(Half, Ex.Log(Ex.Mul(Ex.Two, Ex.Pi, Ex.Pow(Sigma, Ex.Two)))), Ex.Div(Ex.Pow(Ex.Sub(Z, Mu), Ex.Two), Ex.Mul(Ex.Two, Ex.Pow(Sigma, Ex.Two))))), Z);
        var rhs = Ex.Add(Ex.Mul(Half, Ex.Log(Ex.Mul(Ex.Two, Ex.Pi)), Ex.Integral(Q(Z), Z)), Ex.Mul(Half, Ex.Integral(Ex.Mul(Ex.Pow(Z, Ex.Two), Q(Z)), Z)));
        var v = Decide(lhs, rhs, ctx);
        Assert.Equal(VerdictKind.Refuted, v.Kind);
        Assert.NotNull(v.Counterexample);
        Assert.NotEqual(v.Counterexample!.Lhs, v.Counterexample.Rhs);
    }

    [Fact]
    public void UnivariateGaussianKlClosedFormIsProved()
    {
        var (m1, m2, s1, s2) = (S("mu_1"), S("mu_2"), S("sigma_1"), S("sigma_2"));
        var ctx = DistributionContext.Empty
            .WithDistribution("P", new DistributionInstance(Families.Normal, [m1, Ex.Pow(s1, Ex.Two)]))
            .WithDistribution("Q", new DistributionInstance(Families.Normal, [m2, Ex.Pow(s2, Ex.Two)]));
        var kl = Ex.Functional(FunctionalKind.KL, S("P"), S("Q"));
        var closed = Ex.Add(Ex.Neg(Ex.Log(s1)), Ex.Neg(Half), Ex.Log(s2), Ex.Div(Ex.Add(Ex.Pow(Ex.Sub(m1, m2), Ex.Two), Ex.Pow(s1, Ex.Two)), Ex.Mul(Ex.Two, Ex.Pow(s2, Ex.Two))));
        Assert.Equal(VerdictKind.Proved, Decide(kl, closed, ctx).Kind);
        Assert.Equal(VerdictKind.Refuted, Decide(kl, Ex.Add(closed, Ex.Mul(Half, Ex.Log(Ex.Two))), ctx).Kind);
    }

    [Fact]
    public void EntropyEqualsCrossEntropyMinusKl()
    {
        var ctx = DistributionContext.Empty
            .WithDistribution("P", new DistributionInstance(Families.Gamma, [S("a_1"), S("b_1")]))
            .WithDistribution("Q", new DistributionInstance(Families.Gamma, [S("a_2"), S("b_2")]));
        var h = Ex.Functional(FunctionalKind.Entropy, S("P"));
        var ce = Ex.Functional(FunctionalKind.CrossEntropy, S("P"), S("Q"));
        var kl = Ex.Functional(FunctionalKind.KL, S("P"), S("Q"));
        Assert.Equal(VerdictKind.Proved, Decide(ce, Ex.Add(h, kl), ctx).Kind);
    }

    // ------------------------------------------------------------------ KL against Monte Carlo

    public static TheoryData<string, double[], double[]> KlGrid => new()
    {
        { "Normal", [0.3, 1.2], [-0.5, 0.6] }, { "Normal", [1.0, 0.25], [0.0, 1.0] }, { "Normal", [-2.0, 4.0], [1.0, 2.0] },
        { "Exponential", [0.5], [2.0] }, { "Exponential", [3.0], [1.0] },
        { "Gamma", [2.0, 1.5], [3.5, 0.7] }, { "Gamma", [0.8, 2.0], [1.5, 1.0] }, { "Gamma", [5.0, 3.0], [2.0, 2.0] },
        { "Beta", [2.0, 3.0], [1.2, 0.8] }, { "Beta", [0.7, 1.5], [2.0, 2.0] }, { "Beta", [4.0, 1.5], [1.0, 3.0] },
        { "Laplace", [0.0, 1.0], [1.5, 2.0] }, { "Laplace", [-1.0, 0.5], [0.5, 1.0] },
        { "Bernoulli", [0.3], [0.6] }, { "Bernoulli", [0.9], [0.2] },
        { "Poisson", [2.0], [5.0] }, { "Poisson", [7.5], [3.0] },
        { "Geometric", [0.3], [0.6] }, { "Geometric", [0.8], [0.25] },
        { "Binomial", [10, 0.3], [10, 0.6] }, { "Binomial", [25, 0.5], [25, 0.35] },
        { "Uniform", [0.25, 0.75], [0.0, 1.5] }, { "Uniform", [-1.0, 2.0], [-3.0, 2.5] },
        { "Gumbel", [0.0, 1.0], [0.5, 1.5] }, { "Gumbel", [-1.0, 0.5], [0.5, 1.0] },
        { "HalfNormal", [1.0], [2.0] }, { "HalfNormal", [1.5], [0.7] },
        { "Pareto", [2.0, 3.0], [2.0, 1.5] }, { "Pareto", [1.0, 4.0], [1.0, 6.0] },
    };

    private static (DistributionInstance Instance, Func<Random, double> Sample) Make(string family, double[] θ)
    {
        var f = Families.Find(family)!;
        var parameters = θ.Select(v => (Expr)Ex.Num(Rational.TryParseDecimal(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), out var r) ? r : Rational.Zero)).ToArray();
        Func<Random, double> sample = family switch
        {
            "Normal" => r => Normal.Sample(r, θ[0], Math.Sqrt(θ[1])),
            "Exponential" => r => MathNet.Numerics.Distributions.Exponential.Sample(r, θ[0]),
            "Gamma" => r => MathNet.Numerics.Distributions.Gamma.Sample(r, θ[0], θ[1]),
            "Beta" => r => MathNet.Numerics.Distributions.Beta.Sample(r, θ[0], θ[1]),
            "Laplace" => r => MathNet.Numerics.Distributions.Laplace.Sample(r, θ[0], θ[1]),
            "Bernoulli" => r => MathNet.Numerics.Distributions.Bernoulli.Sample(r, θ[0]),
            "Poisson" => r => MathNet.Numerics.Distributions.Poisson.Sample(r, θ[0]),
            // MathNet counts trials (1, 2, …); ours counts failures before the first success (0, 1, …).
            "Geometric" => r => MathNet.Numerics.Distributions.Geometric.Sample(r, θ[0]) - 1,
            "Binomial" => r => MathNet.Numerics.Distributions.Binomial.Sample(r, θ[1], (int)θ[0]),
            "Uniform" => r => MathNet.Numerics.Distributions.ContinuousUniform.Sample(r, θ[0], θ[1]),
            "Gumbel" => r => θ[0] - θ[1] * Math.Log(-Math.Log(1 - r.NextDouble())),
            "HalfNormal" => r => Math.Abs(Normal.Sample(r, 0, θ[0])),
            "Pareto" => r => MathNet.Numerics.Distributions.Pareto.Sample(r, θ[0], θ[1]),
            _ => throw new ArgumentException(family),
        };
        return (new DistributionInstance(f, parameters), sample);
    }

    private static double ClosedKl(DistributionInstance p, DistributionInstance q)
    {
        var ctx = DistributionContext.Empty.WithDistribution("P", p).WithDistribution("Q", q);
        var r = Calculus.Evaluate(Ex.Functional(FunctionalKind.KL, S("P"), S("Q")), ctx, Assumptions.Default);
        Assert.True(r.IsComplete, string.Join("; ", r.Unresolved));
        Assert.Empty(Traversal.FreeSymbols(r.Value));
        var v = new NumericEvaluator(_ => double.NaN).Evaluate(r.Value);
        Assert.True(v.IsDefined, "KL undefined: " + r.Value);
        return v.Value;
    }

    [Theory]
    [MemberData(nameof(KlGrid))]
    public void KlMatchesMonteCarloWithAMillionSamples(string family, double[] p, double[] q)
    {
        var (dp, sample) = Make(family, p);
        var (dq, _) = Make(family, q);
        var exact = ClosedKl(dp, dq);
        var x = S("x");
        var logRatio = ExprCompiler.Compile(Ex.Sub(dp.LogDensity(x), dq.LogDensity(x)), [x]);
        var random = new Random(12345);
        const int n = 1_000_000;
        double sum = 0, sumSq = 0;
        var buffer = new double[1];
        for (var i = 0; i < n; i++)
        {
            buffer[0] = sample(random);
            var v = logRatio(buffer);
            sum += v; sumSq += v * v;
        }
        var mean = sum / n;
        var se = Math.Sqrt(Math.Max(0, sumSq / n - mean * mean) / n);
        Assert.True(Math.Abs(mean - exact) < 0.01 * Math.Abs(exact), $"{family}: closed form {exact}, Monte Carlo {mean} ± {se}");
    }

    [Fact]
    public void UniformKlNeedsProvableContainment()
    {
        Sym a1 = S("a_1"), b1 = S("b_1"), a2 = S("a_2"), b2 = S("b_2");
        var ctx = DistributionContext.Empty
            .WithDistribution("P", new DistributionInstance(Families.Uniform, [a1, b1]))
            .WithDistribution("Q", new DistributionInstance(Families.Uniform, [a2, b2]));
        var kl = Ex.Functional(FunctionalKind.KL, S("P"), S("Q"));
        // Without an ordering the KL may be infinite: no closed form is claimed.
        Assert.False(Calculus.Evaluate(kl, ctx, Assumptions.Default).IsComplete);
        var ordered = Assumptions.Default.WithOrdering("a_2", "a_1").WithOrdering("a_1", "b_1").WithOrdering("b_1", "b_2");
        var r = Calculus.Evaluate(kl, ctx, ordered);
        Assert.True(r.IsComplete);
        Assert.Equal(Normalizer.Normalize(Ex.Log(Ex.Div(Ex.Sub(b2, a2), Ex.Sub(b1, a1))), ordered), r.Value);
    }

    [Theory]
    [MemberData(nameof(KlGrid))]
    public void KlOfADistributionWithItselfIsZeroAndKlIsNonNegative(string family, double[] p, double[] q)
    {
        var (dp, _) = Make(family, p);
        var (dq, _) = Make(family, q);
        Assert.Equal(0.0, ClosedKl(dp, dp), 12);
        Assert.True(ClosedKl(dp, dq) > 0);
        if (family == "Uniform")
        {
            // The wider uniform against the narrower: KL is +∞, and no finite closed form may be claimed.
            var ctx = DistributionContext.Empty.WithDistribution("P", dq).WithDistribution("Q", dp);
            Assert.False(Calculus.Evaluate(Ex.Functional(FunctionalKind.KL, S("P"), S("Q")), ctx, Assumptions.Default).IsComplete);
        }
        else
        {
            Assert.True(ClosedKl(dq, dp) > 0);
        }
    }

    [Fact]
    public void KlIsNonNegativeAtRandomParameters()
    {
        var random = new Random(99);
        foreach (var f in Families.All.Where(f => f != Families.Uniform))
        {
            for (var i = 0; i < 20; i++)
            {
                double Draw(Domain d) => d switch
                {
                    Domain.UnitInterval => 0.02 + 0.96 * random.NextDouble(),
                    Domain.Positive => Math.Exp(-2 + 4 * random.NextDouble()),
                    Domain.PositiveInteger => random.Next(1, 30),
                    _ => -3 + 6 * random.NextDouble(),
                };
                var p = f.Parameters.Select(x => Draw(x.Domain)).ToArray();
                var q = f.Parameters.Select(x => Draw(x.Domain)).ToArray();
                if (f == Families.Binomial) q[0] = p[0];
                // A Pareto q with a larger scale than p's gives +∞ (no closed form): keep the supports nested.
                if (f == Families.Pareto) q[0] = Math.Min(p[0], q[0]);
                var kl = ClosedKl(Make(f.Name, p).Instance, Make(f.Name, q).Instance);
                Assert.True(kl >= -1e-12, $"{f.Name}({string.Join(",", p)}) ‖ ({string.Join(",", q)}): {kl}");
            }
        }
    }
}

public class CategoricalTests
{
    private static Expr Cat(params double[] p) => Ex.Apply("Categorical", [.. p.Select(v => (Expr)Ex.Num(Rational.TryParseDecimal(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), out var r) ? r : Rational.Zero))]);

    private static double Value(FunctionalKind kind, params Expr[] args)
    {
        var r = Calculus.Evaluate(Ex.Functional(kind, args), DistributionContext.Empty, Assumptions.Default);
        Assert.True(r.IsComplete, string.Join("; ", r.Unresolved));
        return new NumericEvaluator(_ => double.NaN).Evaluate(r.Value).Value;
    }

    [Theory]
    [InlineData(new[] { 0.2, 0.5, 0.3 }, new[] { 0.6, 0.3, 0.1 })]
    [InlineData(new[] { 0.05, 0.05, 0.1, 0.8 }, new[] { 0.25, 0.25, 0.25, 0.25 })]
    public void KlMatchesMonteCarloWithAMillionSamples(double[] p, double[] q)
    {
        var exact = Value(FunctionalKind.KL, Cat(p), Cat(q));
        var random = new Random(7);
        const int n = 1_000_000;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var k = MathNet.Numerics.Distributions.Categorical.Sample(random, p);
            sum += Math.Log(p[k] / q[k]);
        }
        Assert.True(Math.Abs(sum / n - exact) < 0.01 * exact, $"closed form {exact}, Monte Carlo {sum / n}");
        Assert.Equal(0.0, Value(FunctionalKind.KL, Cat(p), Cat(p)), 12);
        Assert.True(Value(FunctionalKind.KL, Cat(q), Cat(p)) > 0);
    }

    [Fact]
    public void SymbolicCategoricalKlIsTheFiniteSum()
    {
        Sym p1 = Ex.Sym("p_1"), p2 = Ex.Sym("p_2"), q1 = Ex.Sym("q_1"), q2 = Ex.Sym("q_2");
        var kl = Ex.Functional(FunctionalKind.KL, Ex.Apply("Categorical", p1, p2), Ex.Apply("Categorical", q1, q2));
        var expected = Ex.Add(Ex.Mul(p1, Ex.Log(Ex.Div(p1, q1))), Ex.Mul(p2, Ex.Log(Ex.Div(p2, q2))));
        var probabilities = Assumptions.Default.With("p_1", Domain.UnitInterval).With("p_2", Domain.UnitInterval).With("q_1", Domain.UnitInterval).With("q_2", Domain.UnitInterval);
        var v = Decider.Decide(kl, Relation.Equal, expected, probabilities);
        Assert.Equal(VerdictKind.Proved, v.Kind);
    }
}
