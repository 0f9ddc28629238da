// Part of the KlMath helper class that generated KL code calls. The generator embeds this file and emits the
// text between the markers (see Emit/KlMathSource.cs); the generator's tests compile it, so it is checked C#.
// It is written once for Vector<double> with the aliases VecD, VecL and Vec.; the generator prints it once per
// vector shape (VectorShape.Instantiate).
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Vec = System.Numerics.Vector;
using VecD = System.Numerics.Vector<double>;
using VecL = System.Numerics.Vector<long>;

namespace SymKl.Runtime.Generated;

internal static partial class KlMath
{
// <emitted>

    /// <summary>
    /// x = 2^k·m per lane with m in [√½, √2) (returned) and k as a double; subnormal lanes are scaled by 2⁵⁴
    /// first. Lanes that are not positive and finite give garbage, which the callers replace.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VecD Reduce(VecD x, out VecD k)
    {
        var subnormal = Vec.LessThan<double>(x, Vec.Create(MinNormal));
        var xs = Vec.ConditionalSelect(subnormal, x * Vec.Create(TwoTo54), x);
        var bits = Vec.As<double, long>(xs);
        var mantissa = bits & Vec.Create(MantissaMask);
        var high = Vec.GreaterThanOrEqual(mantissa, Vec.Create(SqrtTwoMantissa));
        var m = Vec.As<long, double>(mantissa | Vec.ConditionalSelect(high, Vec.Create(HalfExponent), Vec.Create(OneExponent)));
        // high and subnormal are all-ones masks (−1 as integers): adding high adds one to the exponent.
        k = IntToDouble(Vec.ShiftRightArithmetic(bits, 52) - Vec.Create(1023L) - high - (Vec.As<double, long>(subnormal) & Vec.Create(54L)));
        return m;
    }

    /// <summary>f − log(1 + f) for f in [√½ − 1, √2 − 1): f²/2 − s·(f²/2 + R(s²)) with s = f/(2 + f), terms of one sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VecD XmLog1pReduced(VecD f)
    {
        var hfsq = Vec.Create(0.5) * f * f;
        var s = f / (Vec.Create(2.0) + f);
        var z = s * s;
        var r = Vec.Create(Lp7);
        r = Vec.FusedMultiplyAdd(r, z, Vec.Create(Lp6));
        r = Vec.FusedMultiplyAdd(r, z, Vec.Create(Lp5));
        r = Vec.FusedMultiplyAdd(r, z, Vec.Create(Lp4));
        r = Vec.FusedMultiplyAdd(r, z, Vec.Create(Lp3));
        r = Vec.FusedMultiplyAdd(r, z, Vec.Create(Lp2));
        r = Vec.FusedMultiplyAdd(r, z, Vec.Create(Lp1));
        return hfsq - s * Vec.FusedMultiplyAdd(z, r, hfsq);
    }

    /// <summary>Small integers (|e| &lt; 2⁵¹) to doubles with integer arithmetic (AVX2 has no packed int64 conversion).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static VecD IntToDouble(VecL e) =>
        Vec.As<long, double>(e + Vec.Create(ShifterBits)) - Vec.Create(Shifter);

    // Edge lanes are replaced with selects, never with a branch on "all lanes inside": optimised code was seen
    // taking such a shortcut for x = 0 (−746.5 instead of −∞), and a scalar fallback per vector costs more than
    // the whole computation.

    /// <summary>log(1 + x) per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VecD Log1p(VecD x)
    {
        var one = VecD.One;
        var u = one + x;
        var m = Reduce(u, out var k);
        var zeroK = Vec.Equals(k, VecD.Zero);
        // k = 0: 1 + x is already in [√½, √2) and f is x itself, exactly; otherwise c corrects the rounding of 1 + x.
        var f = Vec.ConditionalSelect(zeroK, x, m - one);
        var c = Vec.ConditionalSelect(zeroK, VecD.Zero,
            Vec.ConditionalSelect(Vec.GreaterThan(k, VecD.Zero), one - (u - x), x - (u - one)) / u);
        var v = k * Vec.Create(Ln2Hi) - ((XmLog1pReduced(f) - (k * Vec.Create(Ln2Lo) + c)) - f);
        var inside = Vec.GreaterThan(x, Vec.Create(-1.0)) & Vec.LessThan(x, Vec.Create(double.PositiveInfinity));
        var edge = Vec.ConditionalSelect(Vec.Equals(x, Vec.Create(-1.0)), Vec.Create(double.NegativeInfinity),
            Vec.ConditionalSelect(Vec.Equals(x, Vec.Create(double.PositiveInfinity)), x, Vec.Create(double.NaN)));
        return Vec.ConditionalSelect(inside, v, edge);
    }

    /// <summary>log(1 + t) per lane with u = 1 + t also given: from t near 0, from u (accurate as a ratio) elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VecD Log1p(VecD t, VecD u) =>
        Vec.ConditionalSelect(Vec.LessThan(Vec.Abs(t), Vec.Create(0.5)), Log1p(t), Log(u));

    /// <summary>log x per lane: x = 2^k·m with m in [√½, √2), log m by the log1p polynomial at f = m − 1 (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VecD Log(VecD x)
    {
        var m = Reduce(x, out var k);
        var f = m - VecD.One;
        var v = k * Vec.Create(Ln2Hi) - ((XmLog1pReduced(f) - k * Vec.Create(Ln2Lo)) - f);
        var inside = Vec.GreaterThan(x, VecD.Zero) & Vec.LessThan(x, Vec.Create(double.PositiveInfinity));
        var edge = Vec.ConditionalSelect(Vec.Equals(x, VecD.Zero), Vec.Create(double.NegativeInfinity),
            Vec.ConditionalSelect(Vec.Equals(x, Vec.Create(double.PositiveInfinity)), x, Vec.Create(double.NaN)));
        return Vec.ConditionalSelect(inside, v, edge);
    }

    /// <summary>
    /// t − log(1 + t) per lane. Where 1 + t is outside [√½, √2) the rounding correction of 1 + t is left out: it
    /// is below one unit in the last place of log(1 + t) there, and t − log(1 + t) is at least 0.05 (error below 3e-15).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VecD XmLog1p(VecD t) => XmLog1p(t, VecD.One + t);

    /// <summary>t − log u per lane, u = 1 + t given as well (see the scalar form).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VecD XmLog1p(VecD t, VecD u)
    {
        var m = Reduce(u, out var k);
        var zeroK = Vec.Equals(k, VecD.Zero);
        var f = Vec.ConditionalSelect(zeroK, t, m - VecD.One);
        var small = XmLog1pReduced(f);
        var large = t - (k * Vec.Create(Ln2Hi) - ((small - k * Vec.Create(Ln2Lo)) - f));
        var v = Vec.ConditionalSelect(zeroK, small, large);
        var inside = Vec.GreaterThan(u, VecD.Zero) & Vec.LessThan(u, Vec.Create(double.PositiveInfinity));
        var edge = Vec.ConditionalSelect(Vec.Equals(u, VecD.Zero) | Vec.Equals(u, Vec.Create(double.PositiveInfinity)),
            Vec.Create(double.PositiveInfinity), Vec.Create(double.NaN));
        return Vec.ConditionalSelect(inside, v, edge);
    }

    /// <summary>c·XmLog1p(d / c, u) per lane; d where c = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VecD KlTerm(VecD c, VecD d, VecD u)
    {
        var zero = Vec.Equals(c, VecD.Zero);
        var r = c * XmLog1p(d / c, u);
        return Vec.ConditionalSelect(zero, d, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ExpCore(VecD x, out VecD k, out VecD r, out VecD q, out VecD scale)
    {
        var clamped = Vec.Min(Vec.Max(x, Vec.Create(ExpMin)), Vec.Create(ExpMax));
        var shifter = Vec.Create(Shifter);
        // x/ln2 + 1.5·2⁵² rounds to an integer, which sits in the low bits: k without a float-to-integer conversion.
        var y = Vec.FusedMultiplyAdd(clamped, Vec.Create(InvLn2), shifter);
        k = y - shifter;
        r = Vec.FusedMultiplyAdd(-k, Vec.Create(Ln2Hi), clamped);
        r = Vec.FusedMultiplyAdd(-k, Vec.Create(Ln2Lo), r);
        scale = Vec.As<long, double>(Vec.ShiftLeft(Vec.As<double, long>(y) - Vec.Create(ShifterBits) + Vec.Create(1023L), 52));
        var p = Vec.Create(1.0 / 6227020800);
        p = Vec.FusedMultiplyAdd(p, r, Vec.Create(1.0 / 479001600));
        p = Vec.FusedMultiplyAdd(p, r, Vec.Create(1.0 / 39916800));
        p = Vec.FusedMultiplyAdd(p, r, Vec.Create(1.0 / 3628800));
        p = Vec.FusedMultiplyAdd(p, r, Vec.Create(1.0 / 362880));
        p = Vec.FusedMultiplyAdd(p, r, Vec.Create(1.0 / 40320));
        p = Vec.FusedMultiplyAdd(p, r, Vec.Create(1.0 / 5040));
        p = Vec.FusedMultiplyAdd(p, r, Vec.Create(1.0 / 720));
        p = Vec.FusedMultiplyAdd(p, r, Vec.Create(1.0 / 120));
        p = Vec.FusedMultiplyAdd(p, r, Vec.Create(1.0 / 24));
        p = Vec.FusedMultiplyAdd(p, r, Vec.Create(1.0 / 6));
        q = Vec.FusedMultiplyAdd(p, r, Vec.Create(0.5));
    }

    /// <summary>eˣ − 1 per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VecD Expm1(VecD x)
    {
        ExpCore(x, out var k, out var r, out var q, out var scale);
        var em1r = r + r * r * q;
        var v = Vec.ConditionalSelect(Vec.Equals(k, VecD.Zero), em1r, scale * (VecD.One + em1r) - VecD.One);
        return Vec.ConditionalSelect(Vec.GreaterThan(x, Vec.Create(ExpMax)), Vec.Create(double.PositiveInfinity),
            Vec.ConditionalSelect(Vec.LessThan(x, Vec.Create(ExpMin)), Vec.Create(-1.0), v));
    }

    /// <summary>eˣ − 1 − x per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VecD Expm1mx(VecD x)
    {
        ExpCore(x, out var k, out var r, out var q, out var scale);
        var v = Vec.ConditionalSelect(Vec.Equals(k, VecD.Zero), r * r * q, scale * (VecD.One + (r + r * r * q)) - VecD.One - x);
        return Vec.ConditionalSelect(Vec.GreaterThan(x, Vec.Create(ExpMax)), Vec.Create(double.PositiveInfinity),
            Vec.ConditionalSelect(Vec.LessThan(x, Vec.Create(ExpMin)), Vec.Create(-1.0) - x, v));
    }

    /// <summary>c·XmLog1p(d / c) per lane; d where c = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VecD KlTerm(VecD c, VecD d)
    {
        var zero = Vec.Equals(c, VecD.Zero);
        var r = c * XmLog1p(d / c);
        return Vec.ConditionalSelect(zero, d, r);
    }

    /// <summary>x·log y per lane; 0 where x = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VecD XLogY(VecD x, VecD y)
    {
        var zero = Vec.Equals(x, VecD.Zero);
        return Vec.ConditionalSelect(zero, VecD.Zero, x * Log(y));
    }

// </emitted>
}
