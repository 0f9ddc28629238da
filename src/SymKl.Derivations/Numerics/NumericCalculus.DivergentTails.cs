using SymKl.Symbolic;

namespace SymKl.Derivations.Numerics;

/// <summary>
/// Integrals to ±∞ that certainly diverge at the sample point: ∫_ℝ e^{λ x²} dx with λ &gt; 0, ∫_ℝ e^{λ−1} dx. The point is
/// then outside where the statement speaks (the text solves for λ in the region where its integrals converge), so it is
/// skipped like a divergent end (<see cref="DivergentTailException"/>, where the text states nothing about the point's
/// symbols) instead of making the whole step unsupported;
/// the other points, where every integral converges, decide. Never a refutation: a skipped point is no counterexample.
/// The test is deliberately narrow: along t = c ± 2^k the integrand keeps one strict sign and |t − c|·|g(t)| never falls
/// over the last probes (no decay faster than 1/t, so the tail's integral is unbounded), or it overflows and stays
/// infinite over three more decades (exponential growth, not a singular point). Oscillation, zeros, NaN or any decay: no claim.
/// </summary>
public sealed partial class NumericCalculus
{
    /// <summary>Probes at 2^0 … 2^MaxDoubling from the start; the last <see cref="GrowingProbes"/> finite ones must not fall.</summary>
    private const int MaxDoubling = 60;
    private const int GrowingProbes = 8;

    /// <summary>Throws <see cref="DivergesHereException"/> when an infinite end of [lo, hi] certainly diverges for g.</summary>
    private static void RequireConvergentTails(Func<double, double> g, double lo, double hi, IReadOnlyDictionary<Sym, double> values)
    {
        if (double.IsNaN(lo) || double.IsNaN(hi)) return;
        // The tails start beyond the finite end (or beyond 0 on the whole line) and the point's own values.
        var start = 0.0;
        foreach (var kv in values) if (kv.Key != Ex.Infinity && !double.IsNaN(kv.Value) && !double.IsInfinity(kv.Value)) start = Math.Max(start, Math.Abs(kv.Value));
        if (double.IsPositiveInfinity(hi) && TailDiverges(g, double.IsNegativeInfinity(lo) ? start : Math.Max(lo, 0) + start, +1))
            throw new DivergentTailException("the integral did not converge at " + Point(values) + ": it diverges there (the integrand does not decay as x → ∞)");
        if (double.IsNegativeInfinity(lo) && TailDiverges(g, double.IsPositiveInfinity(hi) ? -start : Math.Min(hi, 0) - start, -1))
            throw new DivergentTailException("the integral did not converge at " + Point(values) + ": it diverges there (the integrand does not decay as x → −∞)");
    }

    /// <summary>True when g certainly has a non-integrable tail from <paramref name="from"/> in the direction <paramref name="direction"/>.</summary>
    internal static bool TailDiverges(Func<double, double> g, double from, int direction)
    {
        var sign = 0;
        var weighted = new List<double>();
        for (var k = 0; k <= MaxDoubling; k++)
        {
            var distance = Math.Pow(2, k);
            var v = g(from + direction * distance);
            if (double.IsNaN(v) || v == 0) return false;
            var s = Math.Sign(v);
            if (sign != 0 && s != sign) return false;
            sign = s;
            if (double.IsInfinity(v))
            {
                // Beyond what a double holds here and at every point over three more decades: exponential growth
                // (e^{λx²}, λ > 0), not a pole at one probe and not an integrable bump (whose product form would give NaN).
                foreach (var farther in new[] { 1.37, 2.0, 4.0, 16.0, 64.0, 256.0, 4096.0 })
                {
                    var w = g(from + direction * distance * farther);
                    if (!double.IsInfinity(w) || Math.Sign(w) != sign) return false;
                }
                return true;
            }
            weighted.Add(distance * Math.Abs(v));
        }
        return weighted.Count >= GrowingProbes && NeverFalls(weighted, GrowingProbes);
    }

    /// <summary>The last <paramref name="count"/> values never fall (up to rounding) and the last exceeds zero.</summary>
    private static bool NeverFalls(List<double> values, int count)
    {
        for (var i = values.Count - count + 1; i < values.Count; i++)
            if (values[i] < values[i - 1] * (1 - 1e-9)) return false;
        return values[^1] > 0;
    }
}
