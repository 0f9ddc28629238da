using System.Numerics;
using SymKl.Symbolic;

namespace SymKl.Symbolic.Tests;

/// <summary>Undefined constants are never folded into a value.</summary>
public class UndefinedConstantTests
{
    private static readonly Sym X = Ex.Sym("x");

    public static TheoryData<string, Expr> UndefinedEverywhere => new()
    {
        { "0/0", Ex.Div(Ex.Zero, Ex.Zero) },
        { "0·log 0", Ex.Mul(Ex.Zero, Ex.Log(Ex.Zero)) },
        { "0·(1/0)", Ex.Mul(Ex.Zero, Ex.Div(Ex.One, Ex.Zero)) },
        { "1/0 − 1/0", Ex.Sub(Ex.Div(Ex.One, Ex.Zero), Ex.Div(Ex.One, Ex.Zero)) },
        { "(0/0)^0", Ex.Pow(Ex.Div(Ex.Zero, Ex.Zero), Ex.Zero) },
        { "x·0^{-2}·0", Ex.Mul(X, Ex.Pow(Ex.Zero, Ex.Num(-2)), Ex.Zero) },
        { "0·log(−3)", Ex.Mul(Ex.Zero, Ex.Log(Ex.Num(-3))) },
        { "0·(−1)^{1/2}", Ex.Mul(Ex.Zero, Ex.Sqrt(Ex.MinusOne)) },
        { "0·Γ(0)", Ex.Mul(Ex.Zero, Ex.Function(FunctionKind.Gamma, Ex.Zero)) },
        { "0·tan(π/2)", Ex.Mul(Ex.Zero, Ex.Function(FunctionKind.Tan, Ex.Mul(Ex.Half, Ex.Pi))) },
        { "x − x + 0/0", Ex.Add(X, Ex.Neg(X), Ex.Div(Ex.Zero, Ex.Zero)) },
    };

    [Theory]
    [MemberData(nameof(UndefinedEverywhere))]
    public void AConstantUndefinedSubexpressionMakesTheWholeUndefined(string name, Expr e)
    {
        Assert.True(Ex.IsUndefined(e), name + " folded to " + e);
    }

    [Theory]
    [MemberData(nameof(UndefinedEverywhere))]
    public void AStepWithAnUndefinedSideIsNeverProvedOrConfirmed(string name, Expr e)
    {
        var forward = Decider.Decide(e, Relation.Equal, Ex.Zero, Assumptions.Default);
        Assert.True(forward.Kind == VerdictKind.Unsupported, name + " = 0: " + forward.Kind + " " + forward.Reason);
        Assert.Contains("undefined everywhere", forward.Reason);
        var backward = Decider.Decide(Ex.Zero, Relation.Equal, e, Assumptions.Default);
        Assert.Equal(VerdictKind.Refuted, backward.Kind);
    }

    [Fact]
    public void DomainExtendingFoldsStillHold()
    {
        // x/x = 1 and 0·log x = 0 hold wherever the left side is defined.
        Assert.Equal(VerdictKind.Proved, Decider.Decide(Ex.Div(X, X), Relation.Equal, Ex.One, Assumptions.Default).Kind);
        Assert.Equal(VerdictKind.Proved, Decider.Decide(Ex.Mul(Ex.Zero, Ex.Log(X)), Relation.Equal, Ex.Zero, Assumptions.Default).Kind);
        Assert.Equal(Ex.Zero, Ex.Pow(Ex.Zero, Ex.Two));
    }

    [Theory]
    [InlineData(FunctionKind.Sin, 1, 2, "1")]
    [InlineData(FunctionKind.Sin, 1, 6, "1/2")]
    [InlineData(FunctionKind.Cos, 1, 1, "-1")]
    [InlineData(FunctionKind.Cos, 2, 3, "-1/2")]
    [InlineData(FunctionKind.Sin, -7, 6, "1/2")]
    [InlineData(FunctionKind.Tan, 1, 4, "1")]
    public void TrigonometricFunctionsAtSimpleMultiplesOfPiAreExact(FunctionKind f, int p, int q, string expected)
    {
        var value = Ex.Function(f, Ex.Mul(Ex.Num(new Rational(p, q)), Ex.Pi));
        Assert.True(Rational.TryParseDecimal(expected.Split('/')[0], out var n));
        var d = expected.Contains('/') ? new Rational(BigInteger.Parse(expected.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture)) : Rational.One;
        Assert.Equal(Ex.Num(n / d), value);
    }
}

/// <summary>The interval arithmetic encloses known constants tightly.</summary>
public class IntervalArithmeticTests
{
    private static Rational Digits(string s) { Assert.True(Rational.TryParseDecimal(s, out var r)); return r; }

    private static bool Encloses(Interval i, Rational r, int bits)
    {
        var lo = Dyadic.FromRational(r, bits + 40, false);
        var hi = Dyadic.FromRational(r, bits + 40, true);
        return i.Lo.CompareTo(lo) <= 0 && i.Hi.CompareTo(hi) >= 0;
    }

    /// <summary>The enclosure meets [r − δ, r + δ]: r is the true value rounded to about 60 digits.</summary>
    private static bool Meets(Interval i, Rational r, Rational delta) =>
        i.Lo.CompareTo(Dyadic.FromRational(r + delta, 300, true)) <= 0 && i.Hi.CompareTo(Dyadic.FromRational(r - delta, 300, false)) >= 0;

    // Each constant to 60 significant digits (from an independent arbitrary-precision library); the enclosures
    // must meet them within the rounding of the digits and be narrower than 10^-55 relative.
    public static TheoryData<string, string> Constants => new()
    {
        { "pi", "3.14159265358979323846264338327950288419716939937510582097494" },
        { "e", "2.71828182845904523536028747135266249775724709369995957496697" },
        { "ln2", "0.69314718055994530941723212145817656807550013436025525412068" },
        { "sin1", "0.841470984807896506652502321630298999622563060798371065672752" },
        { "cos1", "0.540302305868139717400936607442976603732310420617922227670097" },
        { "atan1/3", "0.321750554396642193401404614358661319020755295557656191432803" },
        { "sqrt2", "1.41421356237309504880168872420969807856967187537694807317668" },
        { "exp-50", "1.92874984796391778301734281652701257475283265123026291089781e-22" },
        { "log1e-9", "-20.7232658369464111561619230921592778684099133976589567843" },
        { "gamma1/2", "1.77245385090551602729816748334114518279754945612238712821381" },
        { "gamma-5/2", "-0.945308720482941881225689324448610764158693043265273135047364" },
        { "loggamma10.5", "13.9406252194037636331612378879718494797994528048474955812463" },
        { "digamma1", "-0.577215664901532860606512090082402431042159335939923598805767" },
        { "digamma-1/3", "1.68176558421341152759765918335488687812863795137232251137713" },
        { "erf0.7", "0.67780119383741847297562880924415139671628817433487027899057" },
        { "erf-3", "-0.999977909503001414558627223870417679620152292912600750342761" },
        { "erf11", "0.999999999999999999999999999999999999999999999999999998559134" },
        { "sin(1e6)", "-0.349993502171292952117652486780771469061406605328716273857059" },
    };

    [Theory]
    [MemberData(nameof(Constants))]
    public void EnclosuresContainTheTrueValueAndAreNarrow(string name, string digits)
    {
        var a = new IntervalArithmetic(256);
        var one = Interval.One;
        var value = name switch
        {
            "pi" => a.Pi,
            "e" => a.Exp(one),
            "ln2" => a.Ln2,
            "sin1" => a.Sin(one),
            "cos1" => a.Cos(one),
            "atan1/3" => a.Atan(a.Rational(new Rational(1, 3))),
            "sqrt2" => a.Sqrt(a.Rational(2)),
            "exp-50" => a.Exp(a.Rational(-50)),
            "log1e-9" => a.Log(a.Rational(new Rational(1, 1_000_000_000))),
            "sin(1e6)" => a.Sin(a.Rational(1_000_000)),
            "erf0.7" => a.Erf(a.Rational(new Rational(7, 10))),
            "erf-3" => a.Erf(a.Rational(-3)),
            "erf11" => a.Erf(a.Rational(11)),
            "gamma1/2" => IntervalGamma.Gamma(a, a.Rational(Rational.Half)),
            "gamma-5/2" => IntervalGamma.Gamma(a, a.Rational(new Rational(-5, 2))),
            "loggamma10.5" => IntervalGamma.LogGamma(a, a.Rational(new Rational(21, 2))),
            "digamma1" => IntervalGamma.Digamma(a, Interval.One),
            "digamma-1/3" => IntervalGamma.Digamma(a, a.Rational(new Rational(-1, 3))),
            _ => throw new ArgumentException(name),
        };
        var truth = Digits(digits);
        var delta = truth.Abs() * new Rational(1, BigInteger.Pow(10, 58));
        Assert.True(Meets(value, truth, delta), $"{name}: {value} does not contain {digits}");
        var width = value.Width.ToDouble();
        Assert.True(width <= 1e-55 * Math.Max(1, Math.Abs(truth.ToDouble())), $"{name}: width {width}");
    }

    [Fact]
    public void OutwardRoundingKeepsAThirdInside()
    {
        var a = new IntervalArithmetic(64);
        var third = a.Div(Interval.One, a.Rational(3));
        Assert.True(Encloses(third, new Rational(1, 3), 64));
        Assert.False(third.ContainsZero);
        var zero = a.Sub(a.Mul(third, a.Rational(3)), Interval.One);
        Assert.True(zero.ContainsZero);
    }
}

/// <summary>A nonzero residue is confirmed only when high precision cannot see a difference either.</summary>
public class HighPrecisionDecisionTests
{
    private static readonly Sym X = Ex.Sym("x"), A = Ex.Sym("a"), B = Ex.Sym("b"), Y = Ex.Sym("y");

    private static Expr Tiny(int exponent) => Ex.Pow(Ex.Num(10), Ex.Num(exponent));

    public static TheoryData<string, Expr, Expr> DifferencesBelowDoublePrecision => new()
    {
        { "sin(1e-8 x) = 1e-8 x", Ex.Function(FunctionKind.Sin, Ex.Mul(Tiny(-8), X)), Ex.Mul(Tiny(-8), X) },
        { "sqrt(x^2 + 1e-20) = |x|", Ex.Sqrt(Ex.Add(Ex.Pow(X, Ex.Two), Tiny(-20))), Ex.Abs(X) },
        { "log(1 + 1e-20 x^2) = 0", Ex.Log(Ex.Add(Ex.One, Ex.Mul(Tiny(-20), Ex.Pow(X, Ex.Two)))), Ex.Zero },
        { "e^{1e-18 x} = 1", Ex.Exp(Ex.Mul(Tiny(-18), X)), Ex.One },
        { "x(sin^2 y + cos^2 y) = x + 1e-25", Ex.Mul(X, Ex.Add(Ex.Pow(Ex.Function(FunctionKind.Sin, Y), Ex.Two), Ex.Pow(Ex.Function(FunctionKind.Cos, Y), Ex.Two))), Ex.Add(X, Tiny(-25)) },
        { "Γ(x+1) = (1 + 1e-25) x Γ(x)", Ex.Function(FunctionKind.Gamma, Ex.Add(X, Ex.One)), Ex.Mul(Ex.Add(Ex.One, Tiny(-25)), X, Ex.Function(FunctionKind.Gamma, X)) },
        { "ψ(x+1) = ψ(x) + 1/x + 1e-22", Ex.Function(FunctionKind.Digamma, Ex.Add(X, Ex.One)), Ex.Add(Ex.Function(FunctionKind.Digamma, X), Ex.Div(Ex.One, X), Tiny(-22)) },
        { "atan(x²) + atan(1/x²) = π/2 + 1e-20", Ex.Add(Ex.Function(FunctionKind.Atan, Ex.Pow(X, Ex.Two)), Ex.Function(FunctionKind.Atan, Ex.Pow(X, Ex.Num(-2)))), Ex.Add(Ex.Mul(Ex.Half, Ex.Pi), Tiny(-20)) },
    };

    [Theory]
    [MemberData(nameof(DifferencesBelowDoublePrecision))]
    public void ARealDifferenceBelowDoublePrecisionIsRefuted(string name, Expr lhs, Expr rhs)
    {
        foreach (var seed in new[] { 1, 2, 0x5EED })
        {
            var v = Decider.Decide(lhs, Relation.Equal, rhs, Assumptions.Default, new DecisionOptions { Seed = seed });
            Assert.True(v.Kind == VerdictKind.Refuted, $"{name} (seed {seed}): {v.Kind} {v.Reason}");
            Assert.NotNull(v.Counterexample);
        }
    }

    [Fact]
    public void APowerAgainstItsExpansionPlusOneIsRefutedForEverySeed()
    {
        var expansion = Ex.Add(Enumerable.Range(0, 46).Select(k =>
            Ex.Mul(Ex.Num(Binomial(45, k), 1), Ex.Pow(A, Ex.Num(45 - k)), Ex.Pow(B, Ex.Num(k)))).Append(Ex.One));
        var lhs = Ex.Pow(Ex.Add(A, B), Ex.Num(45));
        // Seeds 15 and 30 drew only points where doubles could not see the 1.
        foreach (var seed in new[] { 1, 15, 30 })
        {
            var v = Decider.Decide(lhs, Relation.Equal, expansion, Assumptions.Default, new DecisionOptions { Seed = seed });
            Assert.True(v.Kind == VerdictKind.Refuted, $"seed {seed}: {v.Kind} {v.Reason}");
        }
    }

    private static BigInteger Binomial(int n, int k)
    {
        BigInteger r = 1;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    public static TheoryData<string, Expr, Expr, Assumptions> TrueIdentitiesNotProvedSymbolically => new()
    {
        { "sin^2 + cos^2", Ex.Add(Ex.Pow(Ex.Function(FunctionKind.Sin, X), Ex.Two), Ex.Pow(Ex.Function(FunctionKind.Cos, X), Ex.Two)), Ex.One, Assumptions.Default },
        { "log(1 + e^x) − x", Ex.Sub(Ex.Log(Ex.Add(Ex.One, Ex.Exp(X))), X), Ex.Log(Ex.Add(Ex.One, Ex.Exp(Ex.Neg(X)))), Assumptions.Default },
        { "log(b − a) = log|a − b| for a < b", Ex.Log(Ex.Sub(B, A)), Ex.Log(Ex.Abs(Ex.Sub(A, B))), Assumptions.Default.WithOrdering("a", "b", strict: true) },
        { "atan x + atan 1/x = π/2 (x > 0)", Ex.Add(Ex.Function(FunctionKind.Atan, X), Ex.Function(FunctionKind.Atan, Ex.Div(Ex.One, X))), Ex.Mul(Ex.Half, Ex.Pi), Assumptions.Default.With("x", Domain.Positive) },
        { "Γ(x+1) = x Γ(x)", Ex.Function(FunctionKind.Gamma, Ex.Add(X, Ex.One)), Ex.Mul(X, Ex.Function(FunctionKind.Gamma, X)), Assumptions.Default },
        { "log Γ(x+1) − log Γ(x) = log x", Ex.Sub(Ex.Function(FunctionKind.LogGamma, Ex.Add(X, Ex.One)), Ex.Function(FunctionKind.LogGamma, X)), Ex.Log(X), Assumptions.Default.With("x", Domain.Positive) },
        { "ψ(x+1) = ψ(x) + 1/x", Ex.Function(FunctionKind.Digamma, Ex.Add(X, Ex.One)), Ex.Add(Ex.Function(FunctionKind.Digamma, X), Ex.Div(Ex.One, X)), Assumptions.Default },
        { "sin 2x = 2 sin x cos x", Ex.Function(FunctionKind.Sin, Ex.Mul(Ex.Two, X)), Ex.Mul(Ex.Two, Ex.Function(FunctionKind.Sin, X), Ex.Function(FunctionKind.Cos, X)), Assumptions.Default },
    };

    [Theory]
    [MemberData(nameof(TrueIdentitiesNotProvedSymbolically))]
    public void TrueIdentitiesAreStillConfirmed(string name, Expr lhs, Expr rhs, Assumptions a)
    {
        var v = Decider.Decide(lhs, Relation.Equal, rhs, a);
        Assert.True(v.Holds, $"{name}: {v.Kind} {v.Reason}");
        if (v.Kind == VerdictKind.Confirmed) Assert.Contains("10^-30", v.Reason);
    }

    [Fact]
    public void SpecialFunctionsAreCheckedAtHighPrecisionToo()
    {
        var erf = Ex.Function(FunctionKind.Erf, X);
        var v = Decider.Decide(Ex.Add(erf, Ex.Mul(Tiny(-25), Ex.Pow(X, Ex.Two))), Relation.Equal, erf, Assumptions.Default);
        Assert.Equal(VerdictKind.Refuted, v.Kind); // the residue is a rational function: decided exactly
        Assert.Contains("rational arithmetic", v.Reason);
        var w = Decider.Decide(Ex.Function(FunctionKind.Erf, Ex.Add(X, Tiny(-25))), Relation.Equal, erf, Assumptions.Default);
        Assert.True(w.Kind == VerdictKind.Refuted, w.Kind + " " + w.Reason);
    }

    [Fact]
    public void AResidueTheIntervalsCannotBoundIsUnsupported()
    {
        // sin of arguments near 10^20 is beyond the interval evaluator's argument reduction (2^40): nothing decides it.
        var big = Ex.Mul(Tiny(20), X);
        var v = Decider.Decide(Ex.Function(FunctionKind.Sin, Ex.Add(big, Tiny(-25))), Relation.Equal, Ex.Function(FunctionKind.Sin, big), Assumptions.Default);
        Assert.True(v.Kind == VerdictKind.Unsupported, v.Kind + " " + v.Reason);
        Assert.Contains("high precision", v.Reason);
    }
}

/// <summary>Inequalities that fail at a single point are found by minimising the margin.</summary>
public class WorstPointTests
{
    private static readonly Sym X = Ex.Sym("x"), Y = Ex.Sym("y");

    public static TheoryData<string, Expr, Relation, Expr> FailAtOnePoint => new()
    {
        { "x^2 > 0", Ex.Pow(X, Ex.Two), Relation.Greater, Ex.Zero },
        { "sin x < 1", Ex.Function(FunctionKind.Sin, X), Relation.Less, Ex.One },
        { "e^x ≥ 1 + x + 1e-12", Ex.Exp(X), Relation.GreaterOrEqual, Ex.Add(Ex.One, X, Ex.Pow(Ex.Num(10), Ex.Num(-12))) },
        { "(x − 13/10)^2 > 0", Ex.Pow(Ex.Sub(X, Ex.Num(new Rational(13, 10))), Ex.Two), Relation.Greater, Ex.Zero },
        { "cos x > −1", Ex.Function(FunctionKind.Cos, X), Relation.Greater, Ex.MinusOne },
        { "x^2 + y^2 > 0", Ex.Add(Ex.Pow(X, Ex.Two), Ex.Pow(Y, Ex.Two)), Relation.Greater, Ex.Zero },
        { "e^x ≥ 1 + x + 1e-100", Ex.Exp(X), Relation.GreaterOrEqual, Ex.Add(Ex.One, X, Ex.Pow(Ex.Num(10), Ex.Num(-100))) },
    };

    [Theory]
    [MemberData(nameof(FailAtOnePoint))]
    public void AnInequalityFailingAtOnePointIsRefuted(string name, Expr lhs, Relation r, Expr rhs)
    {
        var v = Decider.Decide(lhs, r, rhs, Assumptions.Default);
        Assert.True(v.Kind == VerdictKind.Refuted, $"{name}: {v.Kind} {v.Reason}");
        Assert.NotNull(v.Counterexample);
    }

    public static TheoryData<string, Expr, Relation, Expr, Assumptions> TrueInequalities => new()
    {
        { "x^2 ≥ 0", Ex.Pow(X, Ex.Two), Relation.GreaterOrEqual, Ex.Zero, Assumptions.Default },
        { "x^2 + 1e-20 > 0", Ex.Add(Ex.Pow(X, Ex.Two), Ex.Pow(Ex.Num(10), Ex.Num(-20))), Relation.Greater, Ex.Zero, Assumptions.Default },
        { "e^x ≥ 1 + x", Ex.Exp(X), Relation.GreaterOrEqual, Ex.Add(Ex.One, X), Assumptions.Default },
        { "e^{−x} > 0", Ex.Exp(Ex.Neg(X)), Relation.Greater, Ex.Zero, Assumptions.Default },
        { "x^2 > 0 for x > 0", Ex.Pow(X, Ex.Two), Relation.Greater, Ex.Zero, Assumptions.Default.With("x", Domain.Positive) },
        { "log(1 + x) < x for x > 0", Ex.Log(Ex.Add(Ex.One, X)), Relation.Less, X, Assumptions.Default.With("x", Domain.Positive) },
        { "sin x ≤ 1", Ex.Function(FunctionKind.Sin, X), Relation.LessOrEqual, Ex.One, Assumptions.Default },
        { "(x+y)/2 ≥ sqrt(xy), x, y > 0", Ex.Div(Ex.Add(X, Y), Ex.Two), Relation.GreaterOrEqual, Ex.Sqrt(Ex.Mul(X, Y)), Assumptions.Default.With("x", Domain.Positive).With("y", Domain.Positive) },
    };

    [Theory]
    [MemberData(nameof(TrueInequalities))]
    public void TrueInequalitiesAreConfirmed(string name, Expr lhs, Relation r, Expr rhs, Assumptions a)
    {
        var v = Decider.Decide(lhs, r, rhs, a);
        Assert.True(v.Kind == VerdictKind.Confirmed, $"{name}: {v.Kind} {v.Reason}");
    }
}

/// <summary>Properties over random expressions (seeded; bounded in time).</summary>
public class DeciderPropertyTests
{
    private static readonly double[] Scales = [1e-30, 1e-12, 1, 1e12, 1e30];

    private static Expr Constant(double scale, int sign)
    {
        var exponent = (int)Math.Round(Math.Log10(scale));
        return Ex.Mul(Ex.Num(sign * 3, 7), Ex.Pow(Ex.Num(10), Ex.Num(exponent)));
    }

    [Fact]
    public void AnExpressionEqualsItselfAndNotItselfPlusAConstant()
    {
        var gen = new RandomExpressions(2024);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 25; i++)
        {
            var e = gen.Next(3);
            var same = Decider.Decide(e, Relation.Equal, e, Assumptions.Default);
            Assert.True(same.Kind != VerdictKind.Refuted, $"{e} = itself: {same.Kind} {same.Reason}");
            if (same.Kind == VerdictKind.Unsupported) continue; // undefined at every sample point
            foreach (var scale in Scales)
                foreach (var sign in new[] { 1, -1 })
                {
                    var c = Constant(scale, sign);
                    var v = Decider.Decide(e, Relation.Equal, Ex.Add(e, c), Assumptions.Default);
                    Assert.True(v.Kind == VerdictKind.Refuted, $"{e} = itself + {c}: {v.Kind} {v.Reason}");
                }
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "took " + clock.Elapsed);
    }

    /// <summary>
    /// E·(sin²y + cos²y) = E + c: the normal form cannot cancel the trigonometric identity, so the decision rests on
    /// the numeric check, which must see c at any scale against any size of E (doubles alone miss 10⁻³⁰ next to 10³⁰).
    /// </summary>
    [Fact]
    public void ADifferenceHiddenFromTheNormalFormIsSeenAtEveryScale()
    {
        var gen = new RandomExpressions(99);
        var y = RandomExpressions.Symbols[1];
        var one = Ex.Add(Ex.Pow(Ex.Function(FunctionKind.Sin, y), Ex.Two), Ex.Pow(Ex.Function(FunctionKind.Cos, y), Ex.Two));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var decided = 0;
        for (var i = 0; i < 12; i++)
        {
            var e = Ex.Mul(Ex.Pow(Ex.Num(10), Ex.Num(30 * (i % 3 - 1))), gen.Next(2));
            var same = Decider.Decide(Ex.Mul(e, one), Relation.Equal, e, Assumptions.Default);
            Assert.True(same.Kind != VerdictKind.Refuted, $"{e}·1 = {e}: {same.Kind} {same.Reason}");
            if (!same.Holds) continue;
            decided++;
            foreach (var scale in Scales)
            {
                var c = Constant(scale, 1);
                var verdicts = new[] { 1, 2 }.Select(seed => Decider.Decide(Ex.Mul(e, one), Relation.Equal, Ex.Add(e, c), Assumptions.Default, new DecisionOptions { Seed = seed })).ToList();
                foreach (var v in verdicts) Assert.True(v.Kind != VerdictKind.Confirmed && v.Kind != VerdictKind.Proved, $"{e}·1 = {e} + {c}: {v.Kind} {v.Reason}");
                Assert.True(verdicts[0].Kind == verdicts[1].Kind, $"{e}·1 = {e} + {c}: {verdicts[0].Kind} with one seed, {verdicts[1].Kind} with another");
            }
        }
        Assert.True(decided >= 6, $"only {decided} expressions were confirmed equal to themselves");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "took " + clock.Elapsed);
    }

    /// <summary>
    /// x_k under Σ_k is a different value in each term: Σ_{k=1}^{K} x_k is not K·x_k, nor Σ_{k=1}^{3} x_k 3·x_k (the
    /// closed forms for constant summands took the indexed name for a constant; a derivative through them lost every term).
    /// </summary>
    [Theory]
    [InlineData("x_k")]
    [InlineData("theta_k")]
    [InlineData("x_k+1")]
    public void AnIndexedNameIsNotConstantUnderItsSum(string name)
    {
        var k = Ex.Sym("k");
        var symbolic = Ex.Summation(Ex.Sym(name), k, Ex.One, Ex.Sym("K"));
        var numeric = Ex.Summation(Ex.Sym(name), k, Ex.One, Ex.Num(3));
        Assert.IsType<Summation>(SymKl.Symbolic.Probability.Calculus.Evaluate(symbolic, SymKl.Symbolic.Probability.DistributionContext.Empty, Assumptions.Default).Value);
        Assert.IsType<Summation>(SymKl.Symbolic.Probability.Calculus.Evaluate(numeric, SymKl.Symbolic.Probability.DistributionContext.Empty, Assumptions.Default).Value);
        // A summand free of the index keeps its closed form.
        var constant = Ex.Summation(Ex.Sym("c_j"), k, Ex.One, Ex.Sym("K"));
        Assert.Equal(LatexPrinter.Print(Ex.Mul(Ex.Sym("K"), Ex.Sym("c_j"))), LatexPrinter.Print(SymKl.Symbolic.Probability.Calculus.Evaluate(constant, SymKl.Symbolic.Probability.DistributionContext.Empty, Assumptions.Default).Value));
    }
}

/// <summary>
/// λ is positive by convention, but a text that writes √(−λ) takes its λ (a Lagrange multiplier) negative: a statement
/// whose side has no value anywhere under the convention is decided with λ any real, never proved vacuously.
/// </summary>
public class ConventionRelaxationTests
{
    private static readonly Sym Lambda = Ex.Sym("lambda");

    [Fact]
    public void ARootOfMinusLambdaIsNotProvedEqualToARootOfLambda()
    {
        var v = Decider.Decide(Ex.Sqrt(Ex.Neg(Lambda)), Relation.Equal, Ex.Sqrt(Lambda), Assumptions.Default);
        Assert.NotEqual(VerdictKind.Proved, v.Kind);
        Assert.NotEqual(VerdictKind.Confirmed, v.Kind);
    }

    [Fact]
    public void ANegativeMultiplierIsCheckedWhereTheTextsRootsExist()
    {
        // √(−λ)·√(−λ) = −λ holds for λ ≤ 0; = λ fails there.
        var square = Ex.Mul(Ex.Sqrt(Ex.Neg(Lambda)), Ex.Sqrt(Ex.Neg(Lambda)));
        Assert.True(Decider.Decide(square, Relation.Equal, Ex.Neg(Lambda), Assumptions.Default).Holds);
        Assert.Equal(VerdictKind.Refuted, Decider.Decide(square, Relation.Equal, Lambda, Assumptions.Default).Kind);
    }

    [Fact]
    public void ADeclaredDomainIsKept()
    {
        var positive = Assumptions.Default.With("lambda", Domain.Positive);
        var v = Decider.Decide(Ex.Sqrt(Ex.Neg(Lambda)), Relation.Equal, Ex.Sqrt(Lambda), positive);
        Assert.DoesNotContain("taken as any real", v.Reason, StringComparison.Ordinal);
    }
}
