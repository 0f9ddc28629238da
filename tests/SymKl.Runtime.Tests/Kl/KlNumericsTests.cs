using SymKl.Runtime.Divergences;
using SymKl.Runtime.Generated;
using KlApi = SymKl.Runtime.Divergences.Kl;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// The numerical care of the generated code: the careful helpers against 28-digit decimal series, relative
/// accuracy of tiny divergences (where the textbook formulas cancel), infinities where supports differ,
/// 0·log 0 = 0, and no NaN anywhere in the valid parameter space.
/// </summary>
public sealed class KlNumericsTests
{
    // ------------------------------------------------------------------ references in decimal

    // Decimal has 28 digits but a fixed point, so tiny values lose digits: the references compute the
    // series divided by t² (a number near 1/2, with all 28 digits) and multiply by t² in double.

    /// <summary>(t − log(1 + t)) / t² = Σ_{k≥2} (−1)^k t^(k−2) / k, in decimal (|t| ≤ 1/2).</summary>
    private static decimal XmLog1pOverSquare(decimal t)
    {
        decimal sum = 0, power = 1;
        for (var k = 2; k < 200; k++)
        {
            var term = power / k;
            sum += k % 2 == 0 ? term : -term;
            power *= t;
            if (Math.Abs(term) < 1e-27m) break;
        }
        return sum;
    }

    /// <summary>(eˣ − 1 − x) / x² = Σ_{k≥2} x^(k−2) / k!, in decimal.</summary>
    private static decimal Expm1mxOverSquare(decimal x)
    {
        decimal sum = 0, term = 0.5m;
        for (var k = 2; k < 100; k++)
        {
            sum += term;
            term *= x / (k + 1);
            if (Math.Abs(term) < 1e-27m) break;
        }
        return sum;
    }

    private static double XmLog1p(double t) => (double)XmLog1pOverSquare((decimal)t) * t * t;

    private static double Expm1mx(double x) => (double)Expm1mxOverSquare((decimal)x) * x * x;

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");

    public static TheoryData<double> SmallArguments() =>
        [1e-12, -1e-12, 3e-9, -7e-8, 1e-5, -2e-4, 0.01, -0.03, 0.0624, -0.0624, 0.0625, -0.0625, 0.07, -0.09, 0.13, 0.2, -0.2, 0.249, -0.249, 0.26, -0.3, 0.45, -0.45];

    [Theory]
    [MemberData(nameof(SmallArguments))]
    public void CarefulHelpersMatchDecimalSeries(double t)
    {
        Close(XmLog1p(t), KlMath.XmLog1p(t), 4e-15, "XmLog1p(" + t + ")");
        Close(Expm1mx(t), KlMath.Expm1mx(t), 4e-15, "Expm1mx(" + t + ")");
        Close(t - XmLog1p(t), KlMath.Log1p(t), 4e-16 * 4, "Log1p(" + t + ")");
        Close(t + Expm1mx(t), KlMath.Expm1(t), 4e-16 * 4, "Expm1(" + t + ")");
        // The vector forms agree with the scalar ones.
        var v = new System.Numerics.Vector<double>(t);
        Close(KlMath.XmLog1p(t), KlMath.XmLog1p(v)[0], 4e-15, "vector XmLog1p");
        Close(KlMath.Expm1mx(t), KlMath.Expm1mx(v)[0], 4e-15, "vector Expm1mx");
        Close(KlMath.Log1p(t), KlMath.Log1p(v)[0], 4e-15, "vector Log1p");
        Close(KlMath.Expm1(t), KlMath.Expm1(v)[0], 4e-15, "vector Expm1");
    }

    [Fact]
    public void CarefulHelpersAreAccurateOverTheirWholeDomain()
    {
        var random = new Random(5);
        var lanes = new double[System.Numerics.Vector<double>.Count];
        for (var i = 0; i < 100_000; i++)
        {
            // Away from 0, where the plain formulas do not cancel (much) and Math is a fine reference.
            var t = random.Next(3) switch
            {
                0 => -1 + Math.Pow(10, -15 * random.NextDouble()) * 0.5,
                1 => 0.5 + Math.Pow(10, 7 * random.NextDouble()),
                _ => (random.Next(2) == 0 ? -1 : 1) * (0.5 + 0.49 * random.NextDouble()),
            };
            if (t <= -1) continue;
            Close(Math.Log(1 + t), KlMath.Log1p(t), 2e-15, "Log1p(" + t + ")");
            Close(t - Math.Log(1 + t), KlMath.XmLog1p(t), 8e-15, "XmLog1p(" + t + ")");
            var x = (random.NextDouble() * 2 - 1) * 700;
            if (Math.Abs(x) < 1) x += Math.Sign(x) + (x == 0 ? 1 : 0);
            Close(Math.Exp(x) - 1, KlMath.Expm1(x), 4e-15, "Expm1(" + x + ")");
            Close(Math.Exp(x) - 1 - x, KlMath.Expm1mx(x), 4e-15, "Expm1mx(" + x + ")");
            var y = Math.Exp(random.NextDouble() * 1400 - 700);
            lanes[i % lanes.Length] = y;
            if (i % lanes.Length == lanes.Length - 1)
            {
                var v = KlMath.Log(new System.Numerics.Vector<double>(lanes));
                for (var j = 0; j < lanes.Length; j++) Assert.True(Math.Abs(v[j] - Math.Log(lanes[j])) <= 2e-16 * Math.Max(1, Math.Abs(Math.Log(lanes[j]))), "vector Log(" + lanes[j] + ")");
            }
            var vt = KlMath.XmLog1p(new System.Numerics.Vector<double>(t));
            Close(KlMath.XmLog1p(t), vt[0], 4e-15, "vector XmLog1p(" + t + ")");
            var vx = KlMath.Expm1mx(new System.Numerics.Vector<double>(x));
            Close(KlMath.Expm1mx(x), vx[0], 1e-15, "vector Expm1mx(" + x + ")");
        }
        // Edges: −1, +∞, subnormals, overflow.
        Assert.Equal(double.PositiveInfinity, KlMath.XmLog1p(-1.0));
        Assert.Equal(double.PositiveInfinity, KlMath.XmLog1p(new System.Numerics.Vector<double>(-1.0))[0]);
        Assert.Equal(double.PositiveInfinity, KlMath.XmLog1p(double.PositiveInfinity));
        Assert.Equal(double.NegativeInfinity, KlMath.Log1p(-1.0));
        Assert.Equal(Math.Log(5e-324), KlMath.Log(new System.Numerics.Vector<double>(5e-324))[0], 12);
        Assert.Equal(double.NegativeInfinity, KlMath.Log(System.Numerics.Vector<double>.Zero)[0]);
        Assert.Equal(double.PositiveInfinity, KlMath.Expm1mx(800.0));
        Assert.Equal(799.0, KlMath.Expm1mx(-800.0));
        Assert.Equal(799.0, KlMath.Expm1mx(new System.Numerics.Vector<double>(-800.0))[0]);
        Assert.True(double.IsNaN(KlMath.XmLog1p(-2.0)));
    }

    /// <summary>Scalar references for the vector helpers, lane by lane, at ordinary points and at every edge.</summary>
    public static TheoryData<double> VectorLaneArguments() =>
    [
        0.0, 1e-300, 5e-324, 2.2e-308, -1.0, -1 + 1e-16, -0.999, -0.5, -0.3, -1e-9, 1e-9, 0.3, 0.41, 0.42, 0.5, 1.0, 3.0,
        1e10, 1e300, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -2.0, -1e-320,
    ];

    [Theory]
    [MemberData(nameof(VectorLaneArguments))]
    public void VectorHelpersOfEveryWidthAgreeWithTheScalarOnes(double x)
    {
        // Each lane gets a different neighbour so that a helper mixing lanes would show; x sits in lane 1.
        static double[] Lanes(int count, double x) => [.. Enumerable.Range(0, count).Select(i => i == 1 ? x : 0.25 * i - 0.6)];
        static void Same(double expected, double actual, string what)
        {
            if (double.IsNaN(expected) || double.IsInfinity(expected) || expected == 0) Assert.Equal(expected, actual);
            else Close(expected, actual, 4e-15, what);
        }
        var portable = Lanes(System.Numerics.Vector<double>.Count, x);
        var wide = Lanes(8, x);
        var p = new System.Numerics.Vector<double>(portable);
        var w = System.Runtime.Intrinsics.Vector512.Create(wide);
        var pu = System.Numerics.Vector<double>.One + p;
        var wu = System.Runtime.Intrinsics.Vector512<double>.One + w;
        for (var lane = 0; lane < portable.Length; lane++)
        {
            var t = portable[lane];
            Same(KlMath.XmLog1p(t, 1.0 + t), KlMath.XmLog1p(p, pu)[lane], "XmLog1p(" + t + ", u) portable");
            Same(KlMath.Log1p(t), KlMath.Log1p(p)[lane], "Log1p(" + t + ") portable");
            Same(Math.Log(t), KlMath.Log(p)[lane], "Log(" + t + ") portable");
            Same(KlMath.Expm1mx(t), KlMath.Expm1mx(p)[lane], "Expm1mx(" + t + ") portable");
        }
        for (var lane = 0; lane < wide.Length; lane++)
        {
            var t = wide[lane];
            Same(KlMath.XmLog1p(t, 1.0 + t), KlMath.XmLog1p(w, wu)[lane], "XmLog1p(" + t + ", u) wide");
            Same(KlMath.Log1p(t), KlMath.Log1p(w)[lane], "Log1p(" + t + ") wide");
            Same(Math.Log(t), KlMath.Log(w)[lane], "Log(" + t + ") wide");
            Same(KlMath.Expm1mx(t), KlMath.Expm1mx(w)[lane], "Expm1mx(" + t + ") wide");
            Same(KlMath.XLogY(t, 2.5), KlMath.XLogY(w, System.Runtime.Intrinsics.Vector512.Create(2.5))[lane], "XLogY(" + t + ", 2.5) wide");
        }
        // The ratio given as well: u far below 1 where t rounds to −1, and u subnormal.
        Same(KlMath.XmLog1p(-1.0, 1e-310), KlMath.XmLog1p(System.Runtime.Intrinsics.Vector512.Create(-1.0), System.Runtime.Intrinsics.Vector512.Create(1e-310))[0], "XmLog1p(-1, 1e-310) wide");
        Same(KlMath.XmLog1p(-1.0, 1e-310), KlMath.XmLog1p(new System.Numerics.Vector<double>(-1.0), new System.Numerics.Vector<double>(1e-310))[0], "XmLog1p(-1, 1e-310) portable");
    }

    [Fact]
    public void SpecialFunctionsHitKnownValues()
    {
        // log Γ near its zeros (1, 2) and below is accurate in absolute terms (~1e-15).
        Close(0.5 * Math.Log(Math.PI), KlMath.LogGamma(0.5), 1e-14, "log Γ(1/2)");
        Close(Math.Log(362880), KlMath.LogGamma(10), 1e-15, "log Γ(10)");
        Assert.True(Math.Abs(KlMath.LogGamma(1)) < 1e-14 && Math.Abs(KlMath.LogGamma(2)) < 1e-14, KlMath.LogGamma(1) + " " + KlMath.LogGamma(2));
        Close(-0.57721566490153286061, KlMath.Digamma(1), 1e-15, "ψ(1)");
        Close(Math.PI * Math.PI / 6, KlMath.Trigamma(1), 1e-15, "ψ′(1)");
        Close(-0.57721566490153286061 - 2 * Math.Log(2), KlMath.Digamma(0.5), 1e-15, "ψ(1/2)");
        // The log-gamma Bregman divergence near the diagonal: h²ψ′(y)/2 + h³ψ″(y)/6 + …, and 0 on it.
        Assert.Equal(0.0, KlMath.LogGammaBregman(2.5, 2.5));
        var h = 1e-6;
        Close(h * h / 2 * KlMath.Trigamma(3.0), KlMath.LogGammaBregman(3.0 + h, 3.0), 1e-5, "Bregman near the diagonal");
        Close(KlMath.LogGamma(7.0) - KlMath.LogGamma(2.0) - 5 * KlMath.Digamma(2.0), KlMath.LogGammaBregman(7.0, 2.0), 1e-14, "Bregman far from it");
    }

    /// <summary>
    /// Special functions against 40-digit values (mpmath). log Γ: within 4e-16 relative, also near its zeros at 1 and 2,
    /// where Stirling's series after a recurrence had lost 6e-15 in absolute terms (and so the Beta and Gamma divergences
    /// 1e-14). ψ: within 3e-16 in absolute terms below 10 (the series of log Γ at 2, differentiated). lgent = log Γ(a) −
    /// (a − 1)ψ(a) + a: within 2e-15·max(1, |value|), from its asymptotic series beyond 12, where the direct sum cancels
    /// terms of about a·log a to about ½·log a (1e-13 relative at a = 1000).
    /// </summary>
    [Theory]
    [InlineData("lgamma", 1e-300, 690.77552789821370518)]
    [InlineData("lgamma", 1e-8, 18.420680738180208884)]
    [InlineData("lgamma", 0.001, 6.9071788853838536617)]
    [InlineData("lgamma", 0.3, 1.0957979948180755606)]
    [InlineData("lgamma", 0.5, 0.57236494292470008707)]
    [InlineData("lgamma", 0.7, 0.26086724653166656857)]
    [InlineData("lgamma", 0.95, 0.030968795237972926467)]
    [InlineData("lgamma", 0.999999, 5.7721648738556523794e-7)]
    [InlineData("lgamma", 1.000001, -5.7721484238741466506e-7)]
    [InlineData("lgamma", 1.25, -0.098271836421813161464)]
    [InlineData("lgamma", 1.4616321449683623, -0.1214862905358496081)]
    [InlineData("lgamma", 1.75, -0.084401121020485555958)]
    [InlineData("lgamma", 1.999, -0.00042246180069210728418)]
    [InlineData("lgamma", 2.000001, 4.227846576245292362e-7)]
    [InlineData("lgamma", 2.4, 0.21685932244884157388)]
    [InlineData("lgamma", 2.6, 0.35741186354897983677)]
    [InlineData("lgamma", 3.3, 0.98709857789473440406)]
    [InlineData("lgamma", 4.5, 2.4537365708424422205)]
    [InlineData("lgamma", 7.25, 7.0521854507385394449)]
    [InlineData("lgamma", 9.99, 12.77931521435019336)]
    [InlineData("lgamma", 10.5, 13.940625219403763633)]
    [InlineData("lgamma", 123.456, 469.6055471299294835)]
    [InlineData("lgamma", 1e6, 12815504.56914761166)]
    [InlineData("lgent", 0.001, -992.66681747449461569)]
    [InlineData("lgent", 0.5, 0.090609929913988347351)]
    [InlineData("lgent", 3.7, 1.9767577703893072089)]
    [InlineData("lgent", 11.99, 2.6325883779111848509)]
    [InlineData("lgent", 12, 2.6330293661399536552)]
    [InlineData("lgent", 50, 3.3682499483781683582)]
    [InlineData("lgent", 1000, 4.8724827560179718281)]
    [InlineData("lgent", 1e8, 10.629278901847522136)]
    [InlineData("digamma", 0.01, -100.56088545786867242)]
    [InlineData("digamma", 0.5, -1.9635100260214234794)]
    [InlineData("digamma", 0.9, -0.7549269499470513492)]
    [InlineData("digamma", 1.25, -0.22745353337626540809)]
    [InlineData("digamma", 1.75, 0.24747245354686116371)]
    [InlineData("digamma", 2.0, 0.42278433509846713939)]
    [InlineData("digamma", 2.49, 0.69824121543280174259)]
    [InlineData("digamma", 3.3, 1.0348224890596216863)]
    [InlineData("digamma", 7.7, 1.9748820949131018437)]
    [InlineData("digamma", 9.99, 2.250700372831201122)]
    [InlineData("digamma", 10.01, 2.2528037003181357367)]
    [InlineData("digamma", 100, 4.6001618527380874002)]
    public void SpecialFunctionsMatchFortyDigitValues(string function, double x, double expected)
    {
        var (value, bound) = function switch
        {
            "lgamma" => (KlMath.LogGamma(x), 4e-16 * Math.Abs(expected) + 1e-22),
            "digamma" => (KlMath.Digamma(x), 3e-16 * Math.Max(1.0, Math.Abs(expected))),
            "lgent" => (KlMath.LogGammaEntropy(x), 2e-15 * Math.Max(1.0, Math.Abs(expected))),
            _ => throw new ArgumentException(function),
        };
        Assert.True(Math.Abs(value - expected) <= bound, $"{function}({x:R}) = {value:R}, expected {expected:R}");
    }

    /// <summary>
    /// The beta law's negative entropy with one shape 10³ (80-digit references): the direct sum cancels log Γ terms of
    /// about 5900 and multiplies ψ differences of 10⁻³ by 10³ (2.7e-13 relative for Beta‖Exponential, 2.2e-10 for
    /// Beta‖Gamma, where torch had 2.6e-13 and 8.9e-11); betanegent integrates the ψ difference instead.
    /// </summary>
    [Fact]
    public void BetaPairsKeepTheirDigitsWithOneLargeShape()
    {
        Close(6.1438625721328407, KlGenerated.BetaExponential(0.778, 1000.0, 1.04), 1e-14, "Beta(0.778, 1000) ‖ Exponential(1.04)");
        Close(9.0951724902287239, KlGenerated.BetaExponential(1000.0, 0.304, 1.701), 1e-14, "Beta(1000, 0.304) ‖ Exponential(1.701)");
        Close(8.3281150931402447, KlGenerated.BetaNormal(1000.0, 0.459, 1.808, 1.261), 1e-14, "Beta(1000, 0.459) ‖ Normal(1.808, 1.261)");
        Close(5.0793186835906721e-3, KlGenerated.BetaGamma(0.001, 1000.0, 0.001, 2.295), 5e-11, "Beta(0.001, 1000) ‖ Gamma(0.001, 2.295)");
    }

    /// <summary>
    /// The rate terms a·t − b·log(1 + t) of gamma-type pairs (80-digit references): where the rate ratio is huge, the
    /// grouping b·(t − log(1 + t)) + (a − b)·t cancelled terms of 10¹⁹ to a divergence of 10¹³ (2.3e-12 relative;
    /// torch is exact there); ratekl takes a·(t − log(1 + t)) + (a − b)·log(1 + t) for t &gt; 0.
    /// </summary>
    [Fact]
    public void RateTermsOfGammaPairsKeepTheirDigitsAtExtremeRates()
    {
        Close(1.0000000969631522e+13, KlGenerated.Gamma(0.001, 1e-8, 1000.0, 1e8), 1e-14, "Gamma(0.001, 1e-8) ‖ Gamma(1000, 1e8)");
        Close(1.7797367515718396e+5, KlGenerated.GammaExponential(0.001, 1e-8, 1.77), 1e-14, "Gamma(0.001, 1e-8) ‖ Exponential(1.77)");
        // Both groupings agree where neither cancels, and the function is a·t − b·log(1 + t) on both sides of t = 0.
        foreach (var (a, b, t) in new[] { (2.0, 3.0, 0.5), (2.0, 3.0, -0.5), (1e-3, 1e3, -0.999), (1e3, 1e-3, 1e6) })
            Close(a * t - b * Math.Log(1 + t), KlMath.RateKl(a, b, t, 1 + t), 1e-9, $"ratekl({a}, {b}, {t})");
        // Equal shapes: b·(t − log(1 + t)) ≈ b·t²/2, with no cancellation on either side of 0.
        foreach (var t in new[] { 1e-9, -1e-9 })
            Close(1.5 * (t * t / 2 - t * t * t / 3), KlMath.RateKl(1.5, 1.5, t, 1 + t), 1e-12, $"ratekl(1.5, 1.5, {t})");
        Assert.Equal(double.PositiveInfinity, KlMath.RateKl(1, 1, double.PositiveInfinity, double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, KlMath.RateKl(1, 1, -1, 0));
    }

    [Fact]
    public void GammaAgainstNormalAndGumbelAtALargeShape()
    {
        Close(1.5341113817359333e+1, KlGenerated.GammaNormal(1000.0, 1e8, -0.966, 0.57), 1e-14, "Gamma(1000, 1e8) ‖ Normal(−0.966, 0.57)");
        Close(1.5234971416920352e+1, KlGenerated.GammaGumbel(1000.0, 0.969, 1e8, 1e8), 1e-14, "Gamma(1000, 0.969) ‖ Gumbel(1e8, 1e8)");
    }

    // ------------------------------------------------------------------ tiny divergences keep their digits

    [Theory]
    [InlineData(-10)]
    [InlineData(-20)]
    [InlineData(-30)]
    [InlineData(-24)]
    public void NearlyEqualNormalsKeepTheirRelativeAccuracy(int exponent)
    {
        // σ₁ = 1 + δ (δ = ±2^exponent, exact in binary), σ₂ = 1, equal means: KL = ½(t − log(1 + t)), t = 2δ + δ² (exact in double).
        var delta = (exponent % 4 == 0 ? -1 : 1) * Math.Pow(2, exponent);
        var t = 2 * delta + delta * delta;
        var exact = 0.5 * XmLog1p(t);
        var sigma1 = 1 + delta;
        Close(exact, KlGenerated.NormalNormal(0, sigma1, 0, 1), 1e-10, "NormalNormal");
    }

    [Theory]
    [InlineData(-7)]
    [InlineData(-5)]
    [InlineData(-4)]
    [InlineData(-3)]
    [InlineData(-2)]
    public void NormalsACloseStepApartKeepTheirDigitsOnEitherSideOfTheScalarThreshold(int exponent)
    {
        // σ₁ = 1 ± δ around the scalar code's switch from the polynomial to the platform's log (|t| = 1/16): the
        // ratio u = σ₁²/σ₂² is rounded, t = σ₁² − 1 is not, and the value must not lose more than a few digits.
        // δ has 12 bits after the point, so σ₁ and 3σ₁ convert to decimal exactly (decimal keeps 15 digits of a double).
        foreach (var sign in new[] { -1.0, 1.0 })
            foreach (var scale in new[] { 0.9, 1.0, 1.1 })
            {
                var delta = sign * Math.Round(scale * Math.Pow(2, exponent) * 4096) / 4096;
                foreach (var (s1, s2) in new[] { (1 + delta, 1.0), (3 * (1 + delta), 3.0) })
                {
                    var t = ((decimal)s1 * (decimal)s1 - (decimal)s2 * (decimal)s2) / ((decimal)s2 * (decimal)s2);
                    var exact = 0.5 * (double)XmLog1pOverSquare(t) * (double)t * (double)t;
                    Close(exact, KlGenerated.NormalNormal(0.25, s1, 0.25, s2), 5e-15, "NormalNormal(σ₁ = " + s1 + ", σ₂ = " + s2 + ")");
                }
            }
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(1e-8)]
    [InlineData(-3e-6)]
    public void TheVaeTermNearThePriorKeepsItsRelativeAccuracy(double logVar)
    {
        Close(0.5 * Expm1mx(logVar), KlGenerated.DiagonalNormalStandardNormalTerm(0, logVar), 1e-14, "VAE term");
        var floatSum = KlGenerated.DiagonalNormalStandardNormal([0f, 0f], [(float)logVar, (float)logVar]);
        Close(Expm1mx((float)logVar), floatSum, 1e-14, "VAE sum over floats");
    }

    [Theory]
    [InlineData(0.375, -30)]
    [InlineData(0.0078125, -23)]
    [InlineData(0.875, -26)]
    public void NearlyEqualBernoullisKeepTheirRelativeAccuracy(double p, int exponent)
    {
        // q = p + 2^exponent (exact); KL = p·f((q − p)/p) + (1 − p)·f((p − q)/(1 − p)) with f(t) = t − log(1 + t).
        var delta = Math.Pow(2, exponent);
        var q = p + delta;
        var exact = p * XmLog1p(delta / p) + (1 - p) * XmLog1p(-delta / (1 - p));
        Close(exact, KlGenerated.Bernoulli(p, q), 1e-13, "Bernoulli");
    }

    [Fact]
    public void NearlyEqualPoissonsExponentialsAndGammasKeepTheirDigits()
    {
        var e = Math.Pow(2, -24);
        Close(5 * XmLog1p(e), KlGenerated.Poisson(5, 5 * (1 + e)), 1e-13, "Poisson");
        Close(XmLog1p(e), KlGenerated.Exponential(2, 2 * (1 + e)), 1e-13, "Exponential");
        // Gamma with equal shapes: α·(u − 1 − log u).
        Close(3 * XmLog1p(e), KlGenerated.Gamma(3, 2, 3, 2 * (1 + e)), 1e-13, "Gamma");
    }

    // ------------------------------------------------------------------ infinities and zeros

    [Fact]
    public void DivergencesAreInfiniteWhereTheSupportsDiffer()
    {
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Uniform(0, 2), new Uniform(1, 3)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Uniform(-1, 1), new Uniform(-0.5, 0.5)));
        Assert.Equal(Math.Log(4), KlApi.Divergence(new Uniform(0, 1), new Uniform(-1, 3)), 15);
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Bernoulli(0.5), new Bernoulli(0)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Bernoulli(0.5), new Bernoulli(1)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Categorical([0.5, 0.5]), new Categorical([1.0, 0.0])));
        // The uniform's gradient is 0 where its divergence is infinite.
        Assert.Equal(double.PositiveInfinity, KlGenerated.UniformGradient(0, 2, 1, 3, out var d1, out var d2, out var d3, out var d4));
        Assert.Equal([0.0, 0.0, 0.0, 0.0], new[] { d1, d2, d3, d4 });
    }

    [Fact]
    public void ExtremeRatiosKeepTheirValue()
    {
        // u = σ₁²/σ₂² = 10⁻²⁰ is lost in t = u − 1 (which rounds to −1) but not in the ratio the code also gets.
        Close(Math.Log(1e10) - 0.5 + 0.5e-20, KlGenerated.NormalNormal(0, 1e-10, 0, 1), 1e-15, "NormalNormal with σ₁/σ₂ = 1e-10");
        Close(0.5 * Math.Log(0.5 / 1e-30) + 0.5 * Math.Log(0.5), KlGenerated.Bernoulli(0.5, 1e-30), 1e-15, "Bernoulli against 1e-30");
        Close(Math.Log(1e20) - 1 + 1e-20, KlGenerated.Poisson(1, 1e-20), 1e-15, "Poisson against 1e-20");
        Close(Math.Log(1e-20) - 1 + 1e20, KlGenerated.Exponential(1e-20, 1), 1e-15, "Exponential against a rate 1e20 times larger");
        var batch = new double[4];
        KlGenerated.NormalNormal([0.0, 0, 0, 0], [1e-10, 1e-10, 1, 1], [0.0, 0, 0, 0], [1.0, 1, 1e-10, 1], batch);
        Close(Math.Log(1e10) - 0.5, batch[0], 1e-15, "batched NormalNormal with σ₁/σ₂ = 1e-10");
        Close(0.5e20 - 0.5 - Math.Log(1e10), batch[2], 1e-15, "batched NormalNormal with σ₁/σ₂ = 1e10");
    }

    [Fact]
    public void ZeroTimesLogZeroIsZero()
    {
        Assert.Equal(Math.Log(1 / 0.7), KlApi.Divergence(new Bernoulli(0), new Bernoulli(0.3)), 15);
        Assert.Equal(Math.Log(1 / 0.3), KlApi.Divergence(new Bernoulli(1), new Bernoulli(0.3)), 15);
        Assert.Equal(0.0, KlApi.Divergence(new Bernoulli(1), new Bernoulli(1)));
        Assert.Equal(0.0, KlApi.Divergence(new Bernoulli(0), new Bernoulli(0)));
        Assert.Equal(Math.Log(2), KlApi.Divergence(new Geometric(1), new Geometric(0.5)), 15);
        Assert.Equal(0.5 * Math.Log(0.5 / 0.25) + 0.5 * Math.Log(0.5 / 0.25), KlApi.Divergence(new Categorical([0.5, 0, 0.5]), new Categorical([0.25, 0.5, 0.25])), 15);
    }

    [Fact]
    public void NoNaNAnywhereInTheValidParameterSpace()
    {
        var random = new Random(99);
        double Positive() => Math.Exp(random.NextDouble() * 24 - 12);
        double Real() => (random.NextDouble() * 2 - 1) * Math.Exp(random.NextDouble() * 16 - 8);
        double Probability() => random.Next(10) switch { 0 => 0, 1 => 1, _ => random.NextDouble() };
        for (var i = 0; i < 20_000; i++)
        {
            var (a, b, c, d) = (Positive(), Positive(), Positive(), Positive());
            var (x, y) = (Real(), Real());
            var (p, q) = (Probability(), Probability());
            var values = new (string Name, double Value)[]
            {
                ("Normal", KlGenerated.NormalNormal(x, a, y, b)),
                ("Exponential", KlGenerated.Exponential(a, b)),
                ("Poisson", KlGenerated.Poisson(a, b)),
                ("Gamma", KlGenerated.Gamma(Math.Min(a, 1e4), b, Math.Min(c, 1e4), d)),
                ("Beta", KlGenerated.Beta(Math.Min(a, 1e4), Math.Min(b, 1e4), Math.Min(c, 1e4), Math.Min(d, 1e4))),
                ("Laplace", KlGenerated.Laplace(x, a, y, b)),
                ("Uniform", KlGenerated.Uniform(Math.Min(x, y), Math.Max(x, y) + a, Math.Min(x, y) - b, Math.Max(x, y) + a + c)),
                ("Bernoulli", KlGenerated.Bernoulli(p, q)),
                ("Geometric", KlGenerated.Geometric(Math.Max(p, 1e-3), Math.Max(q, 1e-3))),
                ("VAE", KlGenerated.DiagonalNormalStandardNormalTerm(x, Math.Clamp(y, -300, 300))),
            };
            foreach (var (name, v) in values)
            {
                Assert.False(double.IsNaN(v), $"{name} is NaN at ({a}, {b}, {c}, {d}, {x}, {y}, {p}, {q})");
                Assert.True(v >= -1e-12 * Math.Max(1, Math.Abs(v)) || v >= -1e-9, $"{name} = {v} < 0 at ({a}, {b}, {c}, {d}, {x}, {y}, {p}, {q})");
            }
        }
    }
}
