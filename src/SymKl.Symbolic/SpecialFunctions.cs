namespace SymKl.Symbolic;

/// <summary>
/// Real special functions for numeric evaluation (this project references no numerics library, so the
/// generator can load it alone). Accuracy is about 1e-14 relative; <see cref="RelativeAccuracy"/> feeds
/// the error bounds of <see cref="NumericEvaluator"/>.
/// </summary>
public static class SpecialFunctions
{
    public const double RelativeAccuracy = 5e-14;

    // Lanczos approximation, g = 7, n = 9 (Numerical Recipes / Godfrey coefficients).
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>log Γ(x) for x &gt; 0 (NaN otherwise).</summary>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x) || x <= 0) return double.NaN;
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        if (x > 1e7) return (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI) + 1 / (12 * x);
        x -= 1;
        var a = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++) a += Lanczos[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    /// <summary>Γ(x) for real x not a non-positive integer.</summary>
    public static double Gamma(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0 && Math.Floor(x) == x) return double.NaN;
        if (x < 0.5) return Math.PI / (Math.Sin(Math.PI * x) * Gamma(1 - x));
        if (x > 171.7) return double.PositiveInfinity;
        return Math.Exp(LogGamma(x));
    }

    /// <summary>ψ(x) = d/dx log Γ(x), by recurrence to x ≥ 12 then the asymptotic series (next term below 3e-15).</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0 && Math.Floor(x) == x) return double.NaN;
        var result = 0.0;
        if (x < 0)
        {
            // Reflection: ψ(1 − x) − ψ(x) = π cot(πx).
            return Digamma(1 - x) - Math.PI / Math.Tan(Math.PI * x);
        }
        while (x < 12) { result -= 1 / x; x += 1; }
        var f = 1 / (x * x);
        result += Math.Log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
        return result;
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
        var result = 0.0;
        while (x < 12) { result += 1 / (x * x); x += 1; }
        var f = 1 / (x * x);
        result += 1 / x + f / 2 + (1 / (x * x * x)) * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f * (1.0 / 30))));
        return result;
    }

    /// <summary>erf(x): Maclaurin series for |x| &lt; 2.5, continued fraction for erfc beyond.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        var ax = Math.Abs(x);
        if (ax < 2.5)
        {
            // erf x = 2/√π · Σ (−1)^n x^(2n+1) / (n! (2n+1)); terms fall below 1e-17 well before n = 60.
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
        return Math.Sign(x) * (1 - ErfcLarge(ax));
    }

    /// <summary>erfc(x) for x ≥ 2.5 by Lentz's continued fraction.</summary>
    private static double ErfcLarge(double x)
    {
        // erfc x = e^(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))).
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (var i = 1; i < 500; i++)
        {
            var an = i / 2.0;
            d = x + an * d; d = Math.Abs(d) < tiny ? tiny : d; d = 1 / d;
            c = x + an / c; c = Math.Abs(c) < tiny ? tiny : c;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
