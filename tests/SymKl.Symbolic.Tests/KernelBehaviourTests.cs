using SymKl.Symbolic;

namespace SymKl.Symbolic.Tests;

public class SimplifierTests
{
    private static readonly Sym X = Ex.Sym("x"), Y = Ex.Sym("y"), S = Ex.Sym("sigma");

    [Fact]
    public void LogOfProductSplitsWithAbsoluteValuesUnlessFactorsArePositive()
    {
        var a = Assumptions.Default;
        Assert.Equal(Ex.Add(Ex.Log(Ex.Abs(X)), Ex.Log(Ex.Abs(Y))), Simplifier.Simplify(Ex.Log(Ex.Mul(X, Y)), a));
        var pos = a.With("x", Domain.Positive).With("y", Domain.Positive);
        Assert.Equal(Ex.Add(Ex.Log(X), Ex.Log(Y)), Simplifier.Simplify(Ex.Log(Ex.Mul(X, Y)), pos));
    }

    [Fact]
    public void LogOfEvenPowerNeedsAbsoluteValueWithoutAssumption()
    {
        Assert.Equal(Ex.Mul(Ex.Two, Ex.Log(Ex.Abs(X))), Simplifier.Simplify(Ex.Log(Ex.Pow(X, Ex.Two)), Assumptions.Default));
        Assert.Equal(Ex.Mul(Ex.Two, Ex.Log(S)), Simplifier.Simplify(Ex.Log(Ex.Pow(S, Ex.Two)), Assumptions.Default));
    }

    [Fact]
    public void ConventionsMakeSigmaPositiveButDeclarationsWin()
    {
        var root = Ex.Sqrt(Ex.Pow(S, Ex.Two));
        Assert.Equal(S, Simplifier.Simplify(root, Assumptions.Default));
        Assert.Equal(Ex.Abs(S), Simplifier.Simplify(root, Assumptions.Default.With("sigma", Domain.Real)));
        Assert.Equal(Ex.Abs(S), Simplifier.Simplify(root, Assumptions.None));
    }

    [Fact]
    public void SimplificationIsIdempotentOnRandomTrees()
    {
        var gen = new RandomExpressions(7);
        for (var i = 0; i < 300; i++)
        {
            var e = gen.Next(4);
            var once = Normalizer.Normalize(e, Assumptions.Default);
            var twice = Normalizer.Normalize(once, Assumptions.Default);
            Assert.True(once.Equals(twice), $"not idempotent: {e} → {once} → {twice}");
        }
    }

    [Fact]
    public void NormalFormEvaluatesLikeTheOriginalOnRandomTrees()
    {
        var gen = new RandomExpressions(11);
        var rng = new Random(3);
        var compared = 0;
        for (var i = 0; i < 300; i++)
        {
            var e = gen.Next(4);
            Expr normal;
            try { normal = Normalizer.Normalize(e, Assumptions.Default); }
            catch (BudgetExceededException) { continue; }
            for (var k = 0; k < 5; k++)
            {
                var values = RandomExpressions.Symbols.ToDictionary(s => s, s => s.Name == "sigma" ? 0.1 + 3 * rng.NextDouble() : -3 + 6 * rng.NextDouble());
                var ev = new NumericEvaluator(s => values[s]);
                var a = ev.Evaluate(e);
                if (!a.IsDefined) continue;
                var b = ev.Evaluate(normal);
                Assert.True(b.IsDefined, $"normal form undefined where the original is defined: {e} → {normal}");
                Assert.True(Math.Abs(a.Value - b.Value) <= 16 * (a.Error + b.Error) + 1e-300, $"{e} = {a.Value} but {normal} = {b.Value}");
                compared++;
            }
        }
        Assert.True(compared > 500, $"only {compared} comparisons");
    }

    [Fact]
    public void ExpansionThatWouldExplodeEndsAsBudgetExceeded()
    {
        var big = Ex.Pow(Ex.Add(X, Y, S, Ex.Sym("z"), Ex.One), Ex.Num(400));
        Assert.Throws<BudgetExceededException>(() => Normalizer.Normalize(big, Assumptions.Default));
    }
}

public class DifferentiationTests
{
    private static readonly Sym X = Ex.Sym("x"), M = Ex.Sym("mu"), S = Ex.Sym("sigma");

    public static TheoryData<string> Cases => ["gauss", "loggauss", "lgamma", "power", "abs", "trig"];

    private static Expr Build(string name) => name switch
    {
        "gauss" => Ex.Mul(Ex.Pow(Ex.Mul(S, Ex.Sqrt(Ex.Mul(Ex.Two, Ex.Pi))), Ex.MinusOne), Ex.Exp(Ex.Neg(Ex.Div(Ex.Pow(Ex.Sub(X, M), Ex.Two), Ex.Mul(Ex.Two, Ex.Pow(S, Ex.Two)))))),
        "loggauss" => Ex.Add(Ex.Neg(Ex.Log(S)), Ex.Neg(Ex.Div(Ex.Pow(Ex.Sub(X, M), Ex.Two), Ex.Mul(Ex.Two, Ex.Pow(S, Ex.Two))))),
        "lgamma" => Ex.Mul(X, Ex.Function(FunctionKind.LogGamma, Ex.Mul(S, X))),
        "power" => Ex.Pow(S, X),
        "abs" => Ex.Abs(Ex.Mul(X, M)),
        _ => Ex.Mul(Ex.Function(FunctionKind.Sin, X), Ex.Function(FunctionKind.Atan, Ex.Mul(M, X))),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DerivativesMatchCentralDifferences(string name)
    {
        var e = Build(name);
        foreach (var v in new[] { X, M, S })
        {
            var d = Differentiator.Derivative(e, v);
            var values = new Dictionary<Sym, double> { [X] = 0.7, [M] = -0.4, [S] = 1.3 };
            double At(double delta)
            {
                var copy = new Dictionary<Sym, double>(values) { [v] = values[v] + delta };
                return new NumericEvaluator(s => copy[s]).Evaluate(e).Value;
            }
            const double h = 1e-5;
            var fd = (At(h) - At(-h)) / (2 * h);
            var exact = new NumericEvaluator(s => values[s]).Evaluate(d).Value;
            Assert.True(Math.Abs(fd - exact) < 1e-6 * (1 + Math.Abs(exact)), $"d/d{v.Name} of {e}: {exact} vs {fd}");
        }
    }
}

public class NumericTests
{
    [Theory]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(3.0, 0.9999779095030014)]
    [InlineData(-1.5, -0.9661051464753108)]
    public void ErfMatchesReferenceValues(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.Erf(x), 1e-14);

    [Theory]
    [InlineData(1.0, -0.5772156649015329)]
    [InlineData(0.5, -1.9635100260214235)]
    [InlineData(10.0, 2.251752589066721)]
    [InlineData(-0.5, 0.03648997397857652)]
    public void DigammaMatchesReferenceValues(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.Digamma(x), 1e-13);

    [Theory]
    [InlineData(0.5, 0.5723649429247001)]
    [InlineData(10.5, 13.940625219403763)]
    [InlineData(100.0, 359.1342053695754)]
    public void LogGammaMatchesReferenceValues(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-12 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void CompiledDelegatesAgreeWithTheEvaluator()
    {
        var gen = new RandomExpressions(5);
        var parameters = RandomExpressions.Symbols;
        var rng = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var e = gen.Next(4);
            var f = ExprCompiler.Compile(e, parameters);
            var p = parameters.Select(s => s.Name == "sigma" ? 0.5 + rng.NextDouble() : -2 + 4 * rng.NextDouble()).ToArray();
            var expected = new NumericEvaluator(s => p[Array.IndexOf(parameters, s)]).Evaluate(e);
            var actual = f(p);
            if (!expected.IsDefined) { Assert.True(double.IsNaN(actual) || double.IsInfinity(actual), $"{e}: {actual}"); continue; }
            Assert.True(Math.Abs(actual - expected.Value) <= 16 * expected.Error + 1e-12 * Math.Abs(expected.Value), $"{e}: {actual} vs {expected.Value}");
        }
    }

    [Fact]
    public void ErrorBoundsCoverCancellationButNotRealDifferences()
    {
        var x = Ex.Sym("x");
        // (x + 1e8) − 1e8 − x cancels catastrophically; the bound must cover the rounding error.
        var v = new NumericEvaluator(_ => 0.1).Evaluate(Ex.Add(Ex.Add(x, Ex.Num(100000000)), Ex.Num(-100000000)));
        Assert.True(Math.Abs(v.Value - 0.1) <= v.Error * 16);
        Assert.True(v.Error < 1e-6);
    }

    [Fact]
    public void CSharpPrinterWritesCompilableLookingCode()
    {
        var s = Ex.Sym("sigma_1");
        var e = Ex.Add(Ex.Neg(Ex.Log(s)), Ex.Div(Ex.Pow(Ex.Sym("mu_1"), Ex.Two), Ex.Mul(Ex.Two, Ex.Pow(s, Ex.Two))));
        Assert.Equal("(((0.5) * (mu1 * mu1) / (sigma1 * sigma1)) + ((-1.0) * Math.Log(sigma1)))", CSharpPrinter.Print(e));
    }
}
