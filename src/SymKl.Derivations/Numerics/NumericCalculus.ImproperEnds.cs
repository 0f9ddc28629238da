using MathNet.Numerics.Integration;
using SymKl.Symbolic;

namespace SymKl.Derivations.Numerics;

/// <summary>
/// Integrals over a finite range whose integrand blows up at an end like |x − end|^p: the Beta function
/// ∫_0^1 x^{a−1}(1 − x)^{b−1} dx, E[log X] under a Beta law. For p ≤ −1 the integral diverges at this point; for
/// −1 &lt; p &lt; 0 it converges, but adaptive quadrature in x cannot resolve the mass next to the end (within
/// 10^-16 of 1 there is 1 − x = 0), so the integrand is rewritten in the distance to the end, symbolically
/// (1 − (1 − s) = s exactly), and integrated in u with s = h·u^m, which removes the singularity.
/// </summary>
public sealed partial class NumericCalculus
{
    /// <summary>Ends where the integrand does not blow up are left to ordinary quadrature.</summary>
    private const double MildPower = 0;

    /// <summary>Powers within this of −1 are at the edge of divergence: the substitution would need m &gt; 64.</summary>
    private const double EdgeOfDivergence = 2.0 / 64;

    /// <summary>
    /// The integral by the rewritten quadrature when an end is singular; null when neither end is (or the limits
    /// are not both finite). Throws <see cref="DivergesHereException"/> when an end certainly diverges.
    /// </summary>
    private Approx? ImproperAtEnds(Expr integrand, Sym x, Expr? lower, Expr? upper, double lo, double hi, Func<double, double> g, IReadOnlyDictionary<Sym, double> values)
    {
        if (!Finite(lo) || !Finite(hi) || lo == hi) return null;
        if (hi < lo)
        {
            // ∫_a^b = −∫_b^a.
            var flipped = ImproperAtEnds(integrand, x, upper, lower, hi, lo, g, values);
            return flipped is { } f ? new Approx(-f.Value, f.Error) : null;
        }
        var length = hi - lo;
        var atLower = EndPower(g, lo, +1, length);
        var atUpper = EndPower(g, hi, -1, length);
        foreach (var (power, end) in new[] { (atLower, lo), (atUpper, hi) })
        {
            if (power is <= -1.05)
                throw new DivergesHereException("the integral diverges at " + Point(values) + ": the integrand grows like |x − " +
                    end.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) + "|^" + power.Value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + " at that end");
        }
        bool Singular(double? p) => p is < MildPower and > -1.05;
        if (!Singular(atLower) && !Singular(atUpper)) return null;
        // A power in (−1.05, −0.97]: at the edge of divergence (a log factor can tip it either way); the point is
        // skipped like a divergent one, as no value here can be trusted.
        if (atLower is <= -1 + EdgeOfDivergence || atUpper is <= -1 + EdgeOfDivergence) throw new DivergesHereException("the integral is at the edge of diverging at " + Point(values));
        var lowerEnd = lower ?? ExactEnd(lo);
        var upperEnd = upper ?? ExactEnd(hi);
        if ((Singular(atLower) && lowerEnd is null) || (Singular(atUpper) && upperEnd is null)) return null;
        var half = length / 2;
        double value = 0, error = 0, l1 = 0;
        foreach (var (power, end, sign) in new[] { (atLower, lowerEnd, +1), (atUpper, upperEnd, -1) })
        {
            (double V, double E, double N) piece;
            if (Singular(power))
            {
                // x = end ± s, simplified by the smart constructors, then s = h·u^m with m(p + 1) ≥ 2.
                var s = Ex.Fresh("σ_end");
                var shifted = Traversal.Substitute(integrand, x, sign > 0 ? Ex.Add(end!, s) : Ex.Sub(end!, s));
                var h = Integrand(shifted, s, values);
                var m = Math.Ceiling(2 / (power!.Value + 1));
                var evaluations = 0;
                double F(double u)
                {
                    _cancellation.ThrowIfCancellationRequested();
                    SymKl.Symbolic.WorkBudget.Charge(1);
                    if (++evaluations > EvaluationBudget) throw new NotEvaluableException("the integral did not converge within " + EvaluationBudget + " evaluations");
                    var distance = half * Math.Pow(u, m);
                    if (distance == 0) return 0; // the weight u^{m−1} · distance^p vanishes faster than u
                    var v = h(distance);
                    if (double.IsNaN(v) || double.IsInfinity(v)) throw new NotEvaluableException("the integrand is undefined next to an end of the integration range at " + Point(values));
                    return v * half * m * Math.Pow(u, m - 1);
                }
                piece = Gauss(F, 0, 1);
            }
            else
            {
                double F(double t)
                {
                    _cancellation.ThrowIfCancellationRequested();
                    SymKl.Symbolic.WorkBudget.Charge(1);
                    var v = g(t);
                    if (double.IsNaN(v) || double.IsInfinity(v)) throw new NotEvaluableException("the integrand is undefined at some points of the integration range (at " + Point(values) + ")");
                    return v;
                }
                piece = sign > 0 ? Gauss(F, lo, lo + half) : Gauss(F, lo + half, hi);
            }
            value += piece.V; error += piece.E; l1 += piece.N;
        }
        Converged(error, l1, "the integral", values);
        return new Approx(value, 4 * error + 1e-13 * l1);
    }

    private static bool Finite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);

    private static (double V, double E, double N) Gauss(Func<double, double> f, double a, double b)
    {
        var v = GaussKronrodRule.Integrate(f, a, b, out var e, out var n, 1e-10, 16, 21);
        return (v, e, n);
    }

    /// <summary>An end given by the family's support (0, 1): exact when it is an integer.</summary>
    private static Expr? ExactEnd(double end) =>
        Math.Abs(end) < 1e15 && end == Math.Round(end) ? Ex.Num((long)end) : null;

    /// <summary>
    /// The local power p of |g| at a finite end, |g(end ± ε·length)| ≈ C·ε^p, from the scales 10^-3 … 10^-9: the
    /// last two estimates must agree within 0.02; null when they do not (log factors, oscillation, zeros, undefined
    /// points), and then nothing is claimed about the end. Overflow at a small scale after growth faster than 1/ε
    /// at the larger ones is divergence.
    /// </summary>
    private static double? EndPower(Func<double, double> g, double end, int inward, double length)
    {
        double[] scales = [1e-3, 1e-5, 1e-7, 1e-9];
        var powers = new List<double>();
        var previous = double.NaN;
        for (var i = 0; i < scales.Length; i++)
        {
            var t = end + inward * scales[i] * length;
            if (t == end) return null;
            var v = Math.Abs(g(t));
            if (double.IsNaN(v) || v == 0) return null;
            if (double.IsInfinity(v))
                return i > 0 && powers.Count > 0 && powers[^1] < -1.05 ? powers[^1] : null;
            if (i > 0) powers.Add(Math.Log(v / previous) / Math.Log(scales[i] / scales[i - 1]));
            previous = v;
        }
        return Math.Abs(powers[^1] - powers[^2]) <= 0.02 ? powers[^1] : null;
    }
}
