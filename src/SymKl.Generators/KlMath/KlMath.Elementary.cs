// Part of the KlMath helper class that generated KL code calls (see KlMath.Scalar.cs): the logarithm without fused
// multiply-add or vectors, so that the verifier's kernel (netstandard2.0) compiles this same file for its special
// functions (KlMath.Special.cs) and there is one implementation of each.
using System;
using System.Runtime.CompilerServices;

namespace SymKl.Runtime.Generated;

internal static partial class KlMath
{
// <emitted>
    // ------------------------------------------------------------------ log1p

    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Lp1 = 6.666666666666735130e-01;
    private const double Lp2 = 3.999999999940941908e-01;
    private const double Lp3 = 2.857142874366239149e-01;
    private const double Lp4 = 2.222219843214978396e-01;
    private const double Lp5 = 1.818357216161805012e-01;
    private const double Lp6 = 1.531383769920937332e-01;
    private const double Lp7 = 1.479819860511658591e-01;
    private const long MantissaMask = 0x000FFFFFFFFFFFFF;
    private const long SqrtTwoMantissa = 0x0006A09E667F3BCD;
    private const long OneExponent = 0x3FF0000000000000;
    private const long HalfExponent = 0x3FE0000000000000;

    /// <summary>log(1 + x), to about one unit in the last place.</summary>
    public static double Log1p(double x)
    {
        if (!(x > -1.0)) return x == -1.0 ? double.NegativeInfinity : double.NaN;
        if (double.IsPositiveInfinity(x)) return x;
        Log1pCore(x, out var k, out var f, out var hfsq, out var sr, out var c);
        return k * Ln2Hi - ((hfsq - (sr + (k * Ln2Lo + c))) - f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Log1pCore(double t, out double k, out double f, out double hfsq, out double sr, out double c)
    {
        var u = 1.0 + t;
        var bits = BitConverter.DoubleToInt64Bits(u);
        var mantissa = bits & MantissaMask;
        var high = mantissa >= SqrtTwoMantissa;
        var m = BitConverter.Int64BitsToDouble(mantissa | (high ? HalfExponent : OneExponent));
        k = (double)((bits >> 52) - 1023 + (high ? 1 : 0));
        // k = 0: 1 + t is already in [√½, √2), and f is t itself, exactly.
        f = k == 0.0 ? t : m - 1.0;
        c = k == 0.0 ? 0.0 : (k > 0.0 ? 1.0 - (u - t) : t - (u - 1.0)) / u;
        hfsq = 0.5 * f * f;
        var s = f / (2.0 + f);
        var z = s * s;
        var r = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
        sr = s * (hfsq + r);
    }
// </emitted>
}
