// Part of the KlMath helper class that generated KL code calls. The generator embeds this file and emits the
// text between the markers (see Emit/KlMathSource.cs); the generator's tests compile it, so it is checked C#.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymKl.Runtime.Generated;

// <emitted>
/// <summary>
/// Careful floating-point functions for generated KL code, accurate over their whole domain including where
/// the naive formula cancels: to a few units in the last place, except the scalar XmLog1p and Expm1mx just
/// above their switch to the platform's log and exp (up to about 40 ulp; see NearLog, NearExp):
/// <code>
///   Log1p(x)      = log(1 + x)
///   Expm1(x)      = eˣ − 1
///   XmLog1p(t)    = t − log(1 + t)          (≥ 0; ~t²/2 near 0)
///   Expm1mx(x)    = eˣ − 1 − x              (≥ 0; ~x²/2 near 0)
///   KlTerm(c, d)  = c·XmLog1p(d / c)        (= d − c·log(1 + d/c); d when c = 0, so 0·log 0 = 0)
///   RateKl(a, b, t, u) = a·t − b·log u, u = 1 + t (scalar only)
///   XLogY(x, y)   = x·log y                 (0 when x = 0)
/// </code>
/// </summary>
internal static partial class KlMath
{
    // fdlibm's log1p (argument reduction u = 2^k·m, m in [√½, √2), and a minimax polynomial in s² with
    // s = f/(2 + f)), and an exp with Cody–Waite reduction x = k·ln2 + r, |r| ≤ ln2/2. Both give the
    // careful forms without a second branch: for k = 0 the reduced argument is the argument itself, and
    // t − log(1 + t) = f²/2 − s·(f²/2 + R), eʳ − 1 − r = r²·Q(r) are sums of terms of one sign.
    // Ln2Hi, Ln2Lo, Lp1 … Lp7 and the mantissa constants: KlMath.Elementary.cs.
    private const double InvLn2 = 1.4426950408889634074;
    private const double Shifter = 6755399441055744.0; // 1.5·2⁵², rounds to the nearest integer
    private const long ShifterBits = 0x4338000000000000;
    private const double ExpMax = 709.0;
    private const double ExpMin = -708.0;
    private const double MinNormal = 2.2250738585072014e-308;
    private const double TwoTo54 = 18014398509481984.0;

    /// <summary>Throws when a span's length differs from the others'.</summary>
    public static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException("'" + name + "' has " + actual + " elements; the other spans have " + expected + ".", name);
    }

    // ------------------------------------------------------------------ scalar

    /// <summary>
    /// log(1 + t) with u = 1 + t also given: from t where it is near 0, from u elsewhere (t = −1 + 10⁻⁹ computed as
    /// (β − λ)/λ has lost the 10⁻⁹ to rounding; the ratio β/λ has not).
    /// </summary>
    public static double Log1p(double t, double u) => Math.Abs(t) < 0.5 ? Log1p(t) : Math.Log(u);

    /// <summary>t − log(1 + t) for t ≥ −1: the relative entropy of a ratio 1 + t, without cancellation.</summary>
    public static double XmLog1p(double t) => XmLog1p(t, 1.0 + t);

    // Scalar code branches once on the size of the argument: near 0 the polynomial (no cancellation), elsewhere the
    // platform's log and exp, which are faster than any polynomial written here. The threshold is a trade: the
    // near branch is rarely taken on mixed data (few mispredictions), and above it the cancellation left in
    // t − log u and eˣ − 1 − x costs at most about 2ε/NearLog ≈ 32 ulp and 2e^¼ε/NearExp² ≈ 41 ulp.
    private const double NearLog = 0.0625;
    private const double NearExp = 0.25;
    private const double MaxCorrection = 2.8421709430404007e-14; // 2⁻⁴⁵

    /// <summary>
    /// t − log u for u = 1 + t given both ways: t accurately where u is near 1, u accurately where it is far from 1
    /// (t = −1 + 10⁻²⁰ is −1 in floating point, u = 10⁻²⁰ is not). Exactly the one-argument form near 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double XmLog1p(double t, double u)
    {
        if (Math.Abs(t) < NearLog) return XmLog1pReduced(t);
        if (!(u >= MinNormal && u <= double.MaxValue)) return XmLog1pEdge(t, u);
        // log(1 + t) = log u + (1 + t − u)/u to first order: the correction measures the rounding of u against t,
        // the accurate one near 1 (in [½, 2], 1 − u is exact and the correction a few ulp). Far from 1, u is the
        // accurate one and t may be off by more; the bound keeps the correction from importing that error (at
        // most 2⁻⁴⁵ on a result that is at least 0.19 there). Min/max rather than a test on u: no branch to mispredict.
        var correction = Math.Min(Math.Max(((1.0 - u) + t) / u, -MaxCorrection), MaxCorrection);
        return t - (Math.Log(u) + correction);
    }

    /// <summary>f − log(1 + f) for |f| &lt; √2 − 1: f²/2 − s·(f²/2 + R(s²)) with s = f/(2 + f), terms of one sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double XmLog1pReduced(double f)
    {
        var hfsq = 0.5 * f * f;
        var s = f / (2.0 + f);
        var z = s * s;
        var r = Math.FusedMultiplyAdd(Lp7, z, Lp6);
        r = Math.FusedMultiplyAdd(r, z, Lp5);
        r = Math.FusedMultiplyAdd(r, z, Lp4);
        r = Math.FusedMultiplyAdd(r, z, Lp3);
        r = Math.FusedMultiplyAdd(r, z, Lp2);
        r = Math.FusedMultiplyAdd(r, z, Lp1);
        return hfsq - s * Math.FusedMultiplyAdd(z, r, hfsq);
    }

    /// <summary>u = 0 or +∞: +∞; u subnormal: t − log u; u negative or NaN: NaN.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double XmLog1pEdge(double t, double u) =>
        u == 0.0 || double.IsPositiveInfinity(u) ? double.PositiveInfinity : u > 0.0 ? t - Math.Log(u) : double.NaN;

    /// <summary>eˣ − 1.</summary>
    public static double Expm1(double x)
    {
        if (x > ExpMax) return double.PositiveInfinity;
        if (x < ExpMin) return -1.0;
        ExpCore(x, out var k, out var r, out var q);
        var em1r = r + r * r * q;
        if (k == 0.0) return em1r;
        return Scale(k) * (1.0 + em1r) - 1.0;
    }

    /// <summary>eˣ − 1 − x: x²·(1/2! + x/3! + …) near 0, the platform's exp elsewhere (see NearExp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Expm1mx(double x) =>
        Math.Abs(x) < NearExp ? x * x * ExpPolynomial(x) : x > ExpMax ? double.PositiveInfinity : Math.Exp(x) - 1.0 - x;

    /// <summary>c·(t − log(1 + t)) with t = d / c; the limit d as c → 0.</summary>
    public static double KlTerm(double c, double d) => c == 0.0 ? d : c * XmLog1p(d / c);

    /// <summary>c·(t − log u) with t = d / c and u = 1 + t = (c + d)/c given as a ratio; d when c = 0.</summary>
    public static double KlTerm(double c, double d, double u) => c == 0.0 ? d : c * XmLog1p(d / c, u);

    /// <summary>
    /// a·t − b·log u for a, b ≥ 0 and u = 1 + t (the rate terms of gamma-type pairs, t a relative change of rate) as a
    /// sum of a non-negative term and one that vanishes with a − b, choosing the grouping whose second term is the
    /// smaller: b·(t − log u) + (a − b)·t where u ≤ 1, a·(t − log u) + (a − b)·log u where u &gt; 1 (there log u &lt; t: at
    /// a = 10⁻³, b = 10³, t = 10¹⁶ the first grouping cancels terms of 10¹⁹ to a result of 10¹³).
    /// </summary>
    public static double RateKl(double a, double b, double t, double u)
    {
        if (double.IsPositiveInfinity(u) || u == 0.0) return double.PositiveInfinity;
        return t <= 0.0 ? b * XmLog1p(t, u) + (a - b) * t : a * XmLog1p(t, u) + (a - b) * Log1p(t, u);
    }

    /// <summary>x·log y, with 0·log y = 0 (also for y = 0).</summary>
    public static double XLogY(double x, double y) => x == 0.0 ? 0.0 : x * Math.Log(y);

    /// <summary>x = k·ln2 + r with |r| ≤ ln2/2, and q with eʳ − 1 − r = r²·q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ExpCore(double x, out double k, out double r, out double q)
    {
        k = Math.FusedMultiplyAdd(x, InvLn2, Shifter) - Shifter;
        r = Math.FusedMultiplyAdd(-k, Ln2Hi, x);
        r = Math.FusedMultiplyAdd(-k, Ln2Lo, r);
        q = ExpPolynomial(r);
    }

    private static double Scale(double k) => BitConverter.Int64BitsToDouble(((long)k + 1023) << 52);

    // (eʳ − 1 − r)/r² = 1/2! + r/3! + … + r¹¹/13! for |r| ≤ ln2/2 (truncation below 4e-17 relative).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ExpPolynomial(double r)
    {
        var p = 1.0 / 6227020800;
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 479001600);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 39916800);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 3628800);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 362880);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 40320);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 5040);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 720);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 120);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 24);
        p = Math.FusedMultiplyAdd(p, r, 1.0 / 6);
        p = Math.FusedMultiplyAdd(p, r, 0.5);
        return p;
    }

// </emitted>
}
