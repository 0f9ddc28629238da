// Part of the KlMath helper class that generated KL code calls. The generator embeds this file and emits the
// text between the markers (see Emit/KlMathSource.cs); the generator's tests compile it, so it is checked C#. The
// verifier's kernel compiles it too (SymKl.Symbolic.SpecialFunctions): it uses nothing beyond netstandard2.0.
using System;

namespace SymKl.Runtime.Generated;

internal static partial class KlMath
{
// <emitted>
    // ------------------------------------------------------------------ special functions

    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>
    /// log Γ(x) for x &gt; 0, to a few units of 1e-16 in absolute and relative terms, also near its zeros at 1 and 2:
    /// the Taylor series of log Γ at 2 on [1.5, 2.5] (log Γ(1 + ε) = log Γ(2 + ε) − log1p(ε) below it, Γ(x) = Γ(x + 1)/x
    /// below 0.5, the recurrence down to [1.5, 2.5] up to 10), Stirling's series from 10 on. Stirling's series after an
    /// upward recurrence, used below 10 before, cancels terms of size 13 and lost 6e-15 in absolute terms there.
    /// </summary>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x) || x < 0.0) return double.NaN;
        if (x == 0.0) return double.PositiveInfinity;
        if (double.IsPositiveInfinity(x)) return x;
        if (x < 0.5) return LogGammaNearTwo(x) - Log1p(x) - Math.Log(x);
        if (x < 1.5) return LogGammaNearTwo(x - 1.0) - Log1p(x - 1.0);
        if (x < 2.5) return LogGammaNearTwo(x - 2.0);
        if (x < 10.0)
        {
            var p = 1.0;
            while (x >= 2.5) { x -= 1.0; p *= x; }
            return LogGammaNearTwo(x - 2.0) + Math.Log(p);
        }
        var z = 1.0 / x;
        var z2 = z * z;
        var series = z * (1.0 / 12 - z2 * (1.0 / 360 - z2 * (1.0 / 1260 - z2 * (1.0 / 1680 - z2 * (1.0 / 1188 - z2 * (691.0 / 360360 - z2 * (1.0 / 156)))))));
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + series;
    }

    // (−1)^k (ζ(k) − 1)/k for k = 2 … 30: the Taylor coefficients of log Γ(2 + ε) after the linear one, 1 − γ.
    private static readonly double[] LogGammaAtTwo =
    [
        0.32246703342411321824, -0.067352301053198095133, 0.020580808427784547879, -0.0073855510286739852663, 0.0028905103307415232858,
        -0.0011927539117032609771, 0.00050966952474304242234, -0.00022315475845357937976, 0.000099457512781808533715, -0.0000449262367381331417,
        0.000020507212775670691553, -9.439488275268395904e-6, 4.3748667899074878042e-6, -2.0392157538013662368e-6, 9.5514121304074198329e-7,
        -4.4924691987645660433e-7, 2.1207184805554665869e-7, -1.0043224823968099609e-7, 4.7698101693639805658e-8, -2.271109460894316491e-8,
        1.0838659214896954091e-8, -5.1834750419700466551e-9, 2.4836745438024783172e-9, -1.1921401405860912074e-9, 5.7313672416788620133e-10,
        -2.7595228851242331452e-10, 1.3304764374244489481e-10, -6.4229645638381000221e-11, 3.1044247747322272762e-11,
    ];

    /// <summary>log Γ(2 + ε) for |ε| ≤ 1/2 (the terms fall as 4^−k/k there: 30 are enough).</summary>
    private static double LogGammaNearTwo(double e)
    {
        var s = 0.0;
        for (var k = LogGammaAtTwo.Length - 1; k >= 0; k--) s = e * s + LogGammaAtTwo[k];
        return e * (0.42278433509846713939 + e * s);
    }

    /// <summary>
    /// log Γ(a) − (a − 1)ψ(a) + a for a &gt; 0 (the entropy of a gamma law of rate 1). Beyond 12 from its asymptotic
    /// series ½·log(2πa) + ½ − 1/(3a) − …: the three terms are each about a·log a there and cancel to about ½·log a
    /// (at a = 1000, terms of 7000 to a value of 4.9, which lost 1e-13 relative).
    /// </summary>
    public static double LogGammaEntropy(double a)
    {
        if (double.IsNaN(a) || a < 0.0) return double.NaN;
        if (a == 0.0) return double.NegativeInfinity;
        if (double.IsPositiveInfinity(a)) return a;
        if (a < 12.0) return LogGamma(a) - (a - 1.0) * Digamma(a) + a;
        var z = 1.0 / a;
        var s = 0.0;
        for (var k = LogGammaEntropySeries.Length - 1; k >= 0; k--) s = s * z + LogGammaEntropySeries[k];
        return 0.5 * Math.Log(2.0 * Math.PI * a) + 0.5 + s * z;
    }

    // The coefficients of z, z², …, z¹⁶ (z = 1/a) in log Γ(a) − (a − 1)ψ(a) + a − ½·log(2πa) − ½: B₂ₖ/(2k − 1) at z^(2k−1),
    // −B₂ₖ/(2k) at z^(2k), less ½ at z (Stirling's series for log Γ and ψ combined).
    private static readonly double[] LogGammaEntropySeries =
    [
        -0.33333333333333333333, -0.083333333333333333333, -0.011111111111111111111, 0.0083333333333333333333,
        0.0047619047619047619048, -0.003968253968253968254, -0.0047619047619047619048, 0.0041666666666666666667,
        0.0084175084175084175084, -0.0075757575757575757576, -0.023010323010323010323, 0.021092796092796092796,
        0.08974358974358974359, -0.083333333333333333333, -0.47281045751633986928, 0.44325980392156862745,
    ];

    /// <summary>Γ(x) for x &gt; 0.</summary>
    public static double Gamma(double x) => Math.Exp(LogGamma(x));

    /// <summary>
    /// ψ(x) = d/dx log Γ(x) for x &gt; 0: below 10 the recurrence to [1.5, 2.5] and the derivative of the series of log Γ
    /// at 2 (absolute error 1e-16 … 5e-16 there, a few times below the asymptotic series after an upward recurrence);
    /// the asymptotic series from 10 on.
    /// </summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || x <= 0.0) return double.NaN;
        if (double.IsPositiveInfinity(x)) return x;
        if (x < 10.0)
        {
            var shift = 0.0;
            while (x < 1.5) { shift -= 1.0 / x; x += 1.0; }
            while (x >= 2.5) { x -= 1.0; shift += 1.0 / x; }
            var e = x - 2.0;
            var s = 0.0;
            for (var k = LogGammaAtTwo.Length - 1; k >= 0; k--) s = e * s + (k + 2) * LogGammaAtTwo[k];
            return shift + (0.42278433509846713939 + e * s);
        }
        var z2 = 1.0 / (x * x);
        return Math.Log(x) - 0.5 / x - z2 * (1.0 / 12 - z2 * (1.0 / 120 - z2 * (1.0 / 252 - z2 * (1.0 / 240 - z2 * (1.0 / 132 - z2 * (691.0 / 32760 - z2 * (1.0 / 12)))))));
    }

    // Gauss–Legendre nodes and weights on [0, 1], 10 points.
    private static readonly double[] GlNodes =
    [
        0.013046735741414139961, 0.067468316655507744633, 0.16029521585048779688, 0.28330230293537640460, 0.42556283050918439456,
        0.57443716949081560544, 0.71669769706462359540, 0.83970478414951220312, 0.93253168334449225537, 0.98695326425858586004,
    ];

    private static readonly double[] GlWeights =
    [
        0.033335672154344068797, 0.074725674575290296572, 0.10954318125799102199, 0.13463335965499817755, 0.14776211235737643509,
        0.14776211235737643509, 0.13463335965499817755, 0.10954318125799102199, 0.074725674575290296572, 0.033335672154344068797,
    ];

    /// <summary>
    /// log Γ(x) − log Γ(y) − (x − y)·ψ(y) for x, y &gt; 0: the Bregman divergence of log Γ, never negative. When x is
    /// within half of y it is computed as h²∫₀¹(1 − s)ψ′(y + sh) ds (h = x − y) by Gauss–Legendre quadrature, so the
    /// three large terms never cancel; the value is exactly 0 at x = y.
    /// </summary>
    public static double LogGammaBregman(double x, double y) => LogGammaBregman(x, y, x - y);

    /// <summary>The same with h = x − y given (accurate where x is a rounded ratio near y and x − y is not).</summary>
    public static double LogGammaBregman(double x, double y, double h)
    {
        if (h == 0.0) return 0.0;
        if (Math.Abs(h) > 0.5 * Math.Min(x, y)) return LogGamma(x) - LogGamma(y) - h * Digamma(y);
        var sum = 0.0;
        for (var i = 0; i < GlNodes.Length; i++) sum += GlWeights[i] * (1.0 - GlNodes[i]) * Trigamma(y + GlNodes[i] * h);
        return h * h * sum;
    }

    /// <summary>
    /// The negative entropy of Beta(a, b): log Γ(a + b) − log Γ(a) − log Γ(b) + (a − 1)(ψ(a) − ψ(a + b)) + (b − 1)(ψ(b) − ψ(a + b)).
    /// With b the larger shape: below 8, as lgbreg(1, a) + lgbreg(1, b) − lgbreg(2, a + b); beyond, as lgbreg(a + b, b) + a −
    /// lgent(a) + ψ(a + b) − (a + b − 1)(ψ(a + b) − ψ(b)), the difference of ψ integrated (∫₀^a ψ′(b + s) ds) where a ≤ b/2:
    /// at a = 0.8, b = 1000 the direct sum cancels log Γ terms of 5900 and ψ differences of 7e-4 times 1000 (2.7e-13 relative).
    /// Both shapes large (the divergence then a small difference of terms of about a + b) is left as accurate as the sum.
    /// </summary>
    public static double BetaNegEntropy(double a, double b)
    {
        if (a > b) (a, b) = (b, a);
        if (b < 8.0) return LogGammaBregman(1.0, a) + LogGammaBregman(1.0, b) - LogGammaBregman(2.0, a + b);
        var difference = a <= 0.5 * b ? DigammaDifference(b, a) : Digamma(a + b) - Digamma(b);
        return LogGammaBregman(a + b, b, a) + a - LogGammaEntropy(a) + Digamma(a + b) - (a + b - 1.0) * difference;
    }

    /// <summary>ψ(b + a) − ψ(b) = ∫₀^a ψ′(b + s) ds for 0 &lt; a ≤ b/2, by Gauss–Legendre quadrature (no cancellation).</summary>
    private static double DigammaDifference(double b, double a)
    {
        var sum = 0.0;
        for (var i = 0; i < GlNodes.Length; i++) sum += GlWeights[i] * Trigamma(b + GlNodes[i] * a);
        return a * sum;
    }

    /// <summary>ψ′(x) for x &gt; 0.</summary>
    public static double Trigamma(double x)
    {
        if (double.IsNaN(x) || x <= 0.0) return double.NaN;
        if (double.IsPositiveInfinity(x)) return 0.0;
        var result = 0.0;
        while (x < 10.0) { result += 1.0 / (x * x); x += 1.0; }
        var z = 1.0 / x;
        var z2 = z * z;
        return result + z + 0.5 * z2 + z * z2 * (1.0 / 6 - z2 * (1.0 / 30 - z2 * (1.0 / 42 - z2 * (1.0 / 30 - z2 * (5.0 / 66 - z2 * (691.0 / 2730 - z2 * (7.0 / 6)))))));
    }

    /// <summary>erf(x): Maclaurin series for |x| &lt; 2.5, a continued fraction for erfc beyond.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        var ax = Math.Abs(x);
        if (ax < 2.5)
        {
            double sum = 0, term = ax;
            var x2 = ax * ax;
            for (var n = 0; n < 100; n++)
            {
                var add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
                term *= -x2 / (n + 1);
            }
            return Math.Sign(x) * 2 / Math.Sqrt(Math.PI) * sum;
        }
        double f = ax, c = ax, d = 0;
        for (var i = 1; i < 500; i++)
        {
            var an = i / 2.0;
            d = ax + an * d; d = Math.Abs(d) < 1e-300 ? 1e-300 : d; d = 1 / d;
            c = ax + an / c; c = Math.Abs(c) < 1e-300 ? 1e-300 : c;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Sign(x) * (1 - Math.Exp(-ax * ax) / Math.Sqrt(Math.PI) / f);
    }
// </emitted>
}
