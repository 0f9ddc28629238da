using SymKl.Symbolic;

namespace SymKl.Symbolic.Tests;

/// <summary>"Equal within error": the decider tells apart any difference beyond its bounds; another form of a decided value gets a relative 1e-9 more.</summary>
public class ErrorToleranceTests
{
    [Fact]
    public void TheDeciderSeparatesEveryDifferenceBeyondTheBounds()
    {
        var a = new Approx(1.0, 1e-16);
        Assert.True(ErrorTolerance.Decision.Differ(a, new Approx(1.0 + 1e-12, 1e-16)));
        Assert.True(ErrorTolerance.Decision.Agree(a, new Approx(1.0 + 1e-15, 1e-16)));
        Assert.False(ErrorTolerance.Decision.Differ(a, Approx.Undefined));
        Assert.False(ErrorTolerance.Decision.Agree(a, Approx.Undefined));
        Assert.True(ErrorTolerance.Decision.IsNonzero(new Approx(1e-30, 1e-32)));
        Assert.False(ErrorTolerance.Decision.IsNonzero(new Approx(1e-30, 1e-31)));
    }

    [Theory]
    [InlineData(1.0, 1e-12, true)]
    [InlineData(1.0, 1e-8, false)]
    [InlineData(1e6, 1e-4, true)]
    [InlineData(1e6, 1e-2, false)]
    [InlineData(0.0, 5e-10, true)]
    public void AnotherFormMayDifferByARelativeBillionth(double value, double difference, bool agree)
    {
        var a = new Approx(value, 1e-16 * Math.Abs(value));
        var b = new Approx(value + difference, 1e-16 * Math.Abs(value));
        Assert.Equal(agree, ErrorTolerance.OtherForm.Agree(a, b));
        Assert.Equal(!agree, ErrorTolerance.OtherForm.Differ(a, b));
    }

    /// <summary>
    /// e^{x}(1 + e^{x})^{−2} at x = 400 is about 10⁻¹⁷⁴, but (1 + e^{400})² overflows and its reciprocal is 0: the
    /// value 0 must carry an error bound at least as large as what it lost, or σ'(x) written two ways "differs"
    /// (a logistic-regression gradient was refuted this way).
    /// </summary>
    [Theory]
    [InlineData(400.0)]
    [InlineData(371.0)]
    [InlineData(-400.0)]
    public void AnUnderflowedFactorCarriesTheErrorItHides(double x)
    {
        var s = Ex.Sym("x");
        var ex = Ex.Exp(s);
        var vanishing = Ex.Mul(ex, Ex.Pow(Ex.Add(Ex.One, ex), Ex.Num(-2, 1)));
        var direct = Ex.Mul(Ex.Exp(Ex.Neg(s)), Ex.Pow(Ex.Add(Ex.One, Ex.Exp(Ex.Neg(s))), Ex.Num(-2, 1)));
        var evaluator = new NumericEvaluator(_ => x);
        var (a, b) = (evaluator.Evaluate(vanishing), evaluator.Evaluate(direct));
        var truth = Math.Exp(-Math.Abs(x));
        Assert.True(Math.Abs(a.Value - truth) <= a.Error + 1e-300, $"{a} hides {truth}");
        Assert.True(Math.Abs(b.Value - truth) <= b.Error + truth * 1e-12, $"{b} is not {truth}");
        Assert.False(ErrorTolerance.Decision.Differ(a, b));
    }
}
