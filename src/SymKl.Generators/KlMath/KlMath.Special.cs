// Part of the KlMath helper class that generated KL code calls. The generator embeds this file and emits the
// text between the markers (see Emit/KlMathSource.cs); the generator's tests compile it, so it is checked C#.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymKl.Runtime.Generated;

internal static partial class KlMath
{
// <emitted>
    // ------------------------------------------------------------------ special functions

    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>log Γ(x) for x &gt; 0: recurrence up to x ≥ 10, then Stirling's series (error below 1e-15 relative there).</summary>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x) || x < 0.0) return double.NaN;
        if (x == 0.0) return double.PositiveInfinity;
        if (double.IsPositiveInfinity(x)) return x;
        if (x == 1.0 || x == 2.0) return 0.0;
        var p = 1.0;
        while (x < 10.0) { p *= x; x += 1.0; }
        var z = 1.0 / x;
        var z2 = z * z;
        var series = z * (1.0 / 12 - z2 * (1.0 / 360 - z2 * (1.0 / 1260 - z2 * (1.0 / 1680 - z2 * (1.0 / 1188 - z2 * (691.0 / 360360 - z2 * (1.0 / 156)))))));
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + series - Math.Log(p);
    }

    /// <summary>Γ(x) for x &gt; 0.</summary>
    public static double Gamma(double x) => Math.Exp(LogGamma(x));

    /// <summary>ψ(x) = d/dx log Γ(x) for x &gt; 0.</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || x <= 0.0) return double.NaN;
        if (double.IsPositiveInfinity(x)) return x;
        var result = 0.0;
        while (x < 10.0) { result -= 1.0 / x; x += 1.0; }
        var z2 = 1.0 / (x * x);
        return result + Math.Log(x) - 0.5 / x - z2 * (1.0 / 12 - z2 * (1.0 / 120 - z2 * (1.0 / 252 - z2 * (1.0 / 240 - z2 * (1.0 / 132 - z2 * (691.0 / 32760 - z2 * (1.0 / 12)))))));
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
