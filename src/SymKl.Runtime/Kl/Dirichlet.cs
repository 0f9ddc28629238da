using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Divergences;

/// <summary>Dirichlet distribution on the probability simplex of ℝᴷ with concentrations α₁, …, α_K &gt; 0 (K ≥ 2).</summary>
public sealed class Dirichlet
{
    private readonly double[] _concentration;

    /// <exception cref="ArgumentException">fewer than two concentrations, or one that is not positive and finite.</exception>
    public Dirichlet(ReadOnlySpan<double> concentration)
    {
        if (concentration.Length < 2) throw new ArgumentException("A Dirichlet distribution needs at least two concentrations.", nameof(concentration));
        for (var i = 0; i < concentration.Length; i++)
        {
            var a = concentration[i];
            if (!(a > 0) || !double.IsFinite(a))
                throw new ArgumentOutOfRangeException(nameof(concentration), a, "concentration " + i + " must be positive and finite.");
        }
        _concentration = concentration.ToArray();
        double total = 0, sum = 0;
        foreach (var a in _concentration)
        {
            total += a;
            sum += KlMath.LogGamma(a);
        }
        _logNormalizer = KlMath.LogGamma(total) - sum;
    }

    // log Γ(α₀) − Σ log Γ(αᵢ), once.
    private readonly double _logNormalizer;

    public int Count => _concentration.Length;

    public ReadOnlySpan<double> Concentration => _concentration;

    /// <summary>log p(x) for x on the simplex (no check that x sums to 1); −∞ if a coordinate is outside (0, 1].</summary>
    public double LogProb(ReadOnlySpan<double> x)
    {
        if (x.Length != Count) throw new ArgumentException("x has " + x.Length + " entries, not " + Count + ".", nameof(x));
        var logp = _logNormalizer;
        for (var i = 0; i < Count; i++)
        {
            if (!(x[i] > 0 && x[i] <= 1)) return double.NegativeInfinity;
            logp += (_concentration[i] - 1) * Math.Log(x[i]);
        }
        return logp;
    }

    /// <summary>One draw: independent Gamma(αᵢ, 1) normalised by their sum.</summary>
    public void Sample(Random random, Span<double> x)
    {
        if (x.Length != Count) throw new ArgumentException("x has " + x.Length + " entries, not " + Count + ".", nameof(x));
        var sum = 0.0;
        for (var i = 0; i < Count; i++) sum += x[i] = Draw.StandardGamma(random, _concentration[i]);
        for (var i = 0; i < Count; i++) x[i] /= sum;
    }
}

/// <summary>
/// KL(Dir(α) ‖ Dir(β)) (see derivations/dirichlet.md): with α₀ = Σαᵢ, β₀ = Σβᵢ and B(x, y) = log Γ(x) − log Γ(y) − (x − y)ψ(y),
/// the Bregman divergence of log Γ,
/// <code>
///   KL = Σᵢ B(βᵢ, αᵢ) − B(β₀, α₀)
///      = log Γ(α₀) − log Γ(β₀) − Σᵢ (log Γ(αᵢ) − log Γ(βᵢ)) + Σᵢ (αᵢ − βᵢ)(ψ(αᵢ) − ψ(α₀))
/// </code>
/// Each B is small where the concentrations are close (computed by quadrature of ψ′ there), so KL(p ‖ p) is exactly 0.
/// </summary>
public static class DirichletKl
{
    /// <summary>One pair of concentration vectors of the same length (no allocation; arguments are not checked beyond their lengths).</summary>
    public static double Divergence(ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta)
    {
        if (alpha.Length != beta.Length) throw new ArgumentException("alpha has " + alpha.Length + " entries and beta " + beta.Length + ".", nameof(beta));
        double a0 = 0, b0 = 0, sum = 0;
        for (var i = 0; i < alpha.Length; i++)
        {
            a0 += alpha[i];
            b0 += beta[i];
            sum += KlMath.LogGammaBregman(beta[i], alpha[i]);
        }
        return Math.Max(0, sum - KlMath.LogGammaBregman(b0, a0));
    }

    /// <summary>A batch: <paramref name="result"/>[b] = KL between rows b of <paramref name="alpha"/> and <paramref name="beta"/> (row-major, <paramref name="count"/> per row).</summary>
    public static void Divergence(int count, ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta, Span<double> result)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "A Dirichlet distribution needs at least two concentrations.");
        if (alpha.Length != result.Length * count || beta.Length != result.Length * count)
            throw new ArgumentException("alpha and beta have " + alpha.Length + " and " + beta.Length + " entries; " + result.Length + " rows of " + count + " need " + (long)result.Length * count + ".");
        for (var b = 0; b < result.Length; b++) result[b] = Divergence(alpha.Slice(b * count, count), beta.Slice(b * count, count));
    }
}

public static partial class Kl
{
    /// <summary>KL between Dirichlet distributions over the same number of categories (<see cref="DirichletKl"/>).</summary>
    public static double Divergence(Dirichlet p, Dirichlet q)
    {
        if (p.Count != q.Count) throw new ArgumentException("p has " + p.Count + " categories and q " + q.Count + ".", nameof(q));
        return DirichletKl.Divergence(p.Concentration, q.Concentration);
    }
}
