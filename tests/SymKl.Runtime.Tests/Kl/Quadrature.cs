namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// Double-exponential quadrature (tanh-sinh on a finite interval, exp-sinh on a half-line), refined by
/// halving the step until two levels agree. Accurate to ~1e-12 for smooth integrands with integrable
/// endpoint singularities — enough to check a closed form to 1e-8.
/// </summary>
internal static class Quadrature
{
    /// <summary>∫ₐᵇ f.</summary>
    public static double Finite(Func<double, double> f, double a, double b)
    {
        var c = 0.5 * (a + b);
        var h2 = 0.5 * (b - a);
        return Refine(t =>
        {
            // x = c + h2·tanh(π/2 sinh t), weights π/2 cosh t / cosh²(π/2 sinh t); the complement avoids cancellation at the ends.
            var s = 0.5 * Math.PI * Math.Sinh(t);
            var ch = Math.Cosh(s);
            var w = 0.5 * Math.PI * Math.Cosh(t) / (ch * ch);
            var d = h2 / (Math.Exp(2 * s) + 1) * 2; // h2·(1 − tanh s)
            var x = s >= 0 ? b - d : a + h2 * 2 / (Math.Exp(-2 * s) + 1);
            if (x <= a || x >= b) return 0;
            var v = f(x) * w * h2;
            return double.IsFinite(v) ? v : 0;
        }, 4.0);
    }

    /// <summary>∫ₐ^∞ f.</summary>
    public static double ToInfinity(Func<double, double> f, double a, double scale = 1)
    {
        return Refine(t =>
        {
            // x = a + scale·exp(π/2 sinh t)
            var e = Math.Exp(0.5 * Math.PI * Math.Sinh(t));
            var x = a + scale * e;
            if (x == a || double.IsInfinity(x)) return 0;
            var v = f(x) * scale * e * 0.5 * Math.PI * Math.Cosh(t);
            return double.IsFinite(v) ? v : 0;
        }, 4.5);
    }

    /// <summary>∫_{−∞}^{a} f.</summary>
    public static double FromMinusInfinity(Func<double, double> f, double a, double scale = 1) => ToInfinity(x => f(2 * a - x), a, scale);

    private static double Refine(Func<double, double> g, double tMax)
    {
        var h = 0.5;
        double previous = double.NaN;
        for (var level = 0; level < 12; level++)
        {
            double sum = 0;
            for (var t = -tMax; t <= tMax + 1e-12; t += h) sum += g(t);
            var estimate = sum * h;
            if (Math.Abs(estimate - previous) <= 1e-13 * Math.Max(1, Math.Abs(estimate))) return estimate;
            previous = estimate;
            h /= 2;
        }
        return previous;
    }
}
