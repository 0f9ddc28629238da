using System.Numerics;
using System.Runtime.CompilerServices;

namespace SymKl.Vae.Regularizers;

/// <summary>
/// e^x − 1 and e^x − 1 − x without cancellation, vectorised. Near x = 0 (where a posterior that
/// matches the prior sits) a vector exp that is one ulp off would make KL(prior ‖ prior) non-zero and
/// the small terms noisy, so |x| &lt; ½ uses the Taylor series (truncation error &lt; 1e-9 relative).
/// </summary>
internal static class RegularizerMath
{
    private const float Threshold = 0.5f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExpM1(Vector<float> x, out Vector<float> expM1, out Vector<float> expM1MinusX)
    {
        // (e^x − 1 − x) / x² = 1/2 + x/6 + x²/24 + … + x⁷/9!
        var p = new Vector<float>(1f / 362880f);
        p = p * x + new Vector<float>(1f / 40320f);
        p = p * x + new Vector<float>(1f / 5040f);
        p = p * x + new Vector<float>(1f / 720f);
        p = p * x + new Vector<float>(1f / 120f);
        p = p * x + new Vector<float>(1f / 24f);
        p = p * x + new Vector<float>(1f / 6f);
        p = p * x + new Vector<float>(0.5f);
        var hSmall = x * x * p;
        var em1Large = Vector.Exp(x) - Vector<float>.One;
        var small = Vector.LessThan(Vector.Abs(x), new Vector<float>(Threshold));
        expM1 = Vector.ConditionalSelect(small, x + hSmall, em1Large);
        expM1MinusX = Vector.ConditionalSelect(small, hSmall, em1Large - x);
    }

    public static void ExpM1(float x, out float expM1, out float expM1MinusX)
    {
        double xd = x;
        var em1 = Math.Abs(xd) < Threshold ? SmallExpM1MinusX(xd) + xd : Math.Exp(xd) - 1.0;
        expM1 = (float)em1;
        expM1MinusX = (float)(Math.Abs(xd) < Threshold ? SmallExpM1MinusX(xd) : em1 - xd);
    }

    private static double SmallExpM1MinusX(double x)
    {
        var p = 1.0 / 362880;
        p = p * x + 1.0 / 40320;
        p = p * x + 1.0 / 5040;
        p = p * x + 1.0 / 720;
        p = p * x + 1.0 / 120;
        p = p * x + 1.0 / 24;
        p = p * x + 1.0 / 6;
        p = p * x + 0.5;
        return x * x * p;
    }
}
