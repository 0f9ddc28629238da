using SymKl.Runtime.Generated;

namespace SymKl.Symbolic;

/// <summary>
/// Real special functions for numeric evaluation. For positive arguments they are the functions generated KL code calls
/// (KlMath, compiled into this library from the generator's source files: one implementation, a few units of 1e-16);
/// here they also take negative arguments by reflection, which the kernel's expressions may have.
/// <see cref="RelativeAccuracy"/> feeds the error bounds of <see cref="NumericEvaluator"/>.
/// </summary>
public static class SpecialFunctions
{
    public const double RelativeAccuracy = 5e-14;

    /// <summary>log Γ(x) for x &gt; 0 (NaN otherwise).</summary>
    public static double LogGamma(double x) => double.IsNaN(x) || x <= 0 ? double.NaN : KlMath.LogGamma(x);

    /// <summary>Γ(x) for real x not a non-positive integer.</summary>
    public static double Gamma(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0 && Math.Floor(x) == x) return double.NaN;
        if (x < 0.5) return Math.PI / (Math.Sin(Math.PI * x) * Gamma(1 - x));
        if (x > 171.7) return double.PositiveInfinity;
        return KlMath.Gamma(x);
    }

    /// <summary>ψ(x) = d/dx log Γ(x) for real x not a non-positive integer.</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0 && Math.Floor(x) == x) return double.NaN;
        // Reflection: ψ(1 − x) − ψ(x) = π cot(πx).
        return x < 0 ? Digamma(1 - x) - Math.PI / Math.Tan(Math.PI * x) : KlMath.Digamma(x);
    }

    /// <summary>ψ'(x), used for error bounds and derivatives of ψ.</summary>
    public static double Trigamma(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0 && Math.Floor(x) == x) return double.NaN;
        if (x < 0)
        {
            var s = Math.PI / Math.Sin(Math.PI * x);
            return -Trigamma(1 - x) + s * s;
        }
        return KlMath.Trigamma(x);
    }

    /// <summary>erf(x).</summary>
    public static double Erf(double x) => KlMath.Erf(x);

    /// <summary>log(1 + x), to about one unit in the last place.</summary>
    public static double Log1p(double x) => KlMath.Log1p(x);
}
