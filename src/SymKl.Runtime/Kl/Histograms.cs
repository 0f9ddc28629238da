using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Divergences;

/// <summary>The two divergences of a pair of histograms, in nats.</summary>
/// <param name="PQ">KL(P ‖ Q).</param>
/// <param name="QP">KL(Q ‖ P).</param>
public readonly record struct HistogramDivergence(double PQ, double QP)
{
    /// <summary>KL(P ‖ Q) + KL(Q ‖ P), Jeffreys' symmetric divergence.</summary>
    public double Symmetric => PQ + QP;
}

/// <summary>
/// Discrete KL divergence between histograms (counts per bin), as in the image-similarity example of the
/// KL-divergence exposé: the pixel-intensity histograms of two images compared both ways. A histogram with
/// an empty bin where the other has counts makes the divergence infinite, so counts are smoothed first:
/// <c>p_i = (c_i + α) / (N + Kα)</c> with a pseudo-count α per bin (α = 0.5 by default, the
/// Krichevsky–Trofimov estimator; α = 0 keeps the raw frequencies and the infinities). The divergence of the
/// smoothed distributions is the generated categorical KL (0·log 0 = 0).
/// </summary>
public static class Histograms
{
    public const double DefaultPseudoCount = 0.5;

    /// <summary>Counts of 8-bit intensities in <paramref name="bins"/> equal bins over 0…255.</summary>
    public static double[] Intensities(ReadOnlySpan<byte> pixels, int bins = 256)
    {
        if (bins < 1 || bins > 256) throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be between 1 and 256.");
        var counts = new double[bins];
        foreach (var v in pixels) counts[v * bins / 256]++;
        return counts;
    }

    /// <summary>Smoothed probabilities: (c_i + α) / (N + Kα).</summary>
    public static double[] Probabilities(ReadOnlySpan<double> counts, double pseudoCount = DefaultPseudoCount)
    {
        if (!(pseudoCount >= 0) || double.IsInfinity(pseudoCount)) throw new ArgumentOutOfRangeException(nameof(pseudoCount), pseudoCount, "the pseudo-count must be non-negative and finite.");
        var total = 0.0;
        foreach (var c in counts)
        {
            if (!(c >= 0) || double.IsInfinity(c)) throw new ArgumentOutOfRangeException(nameof(counts), c, "counts must be non-negative and finite.");
            total += c;
        }
        var denominator = total + counts.Length * pseudoCount;
        if (denominator <= 0) throw new ArgumentException("The histogram is empty (and the pseudo-count is 0).", nameof(counts));
        var p = new double[counts.Length];
        for (var i = 0; i < p.Length; i++) p[i] = (counts[i] + pseudoCount) / denominator;
        return p;
    }

    /// <summary>KL(P ‖ Q) and KL(Q ‖ P) of two histograms after smoothing both with the same pseudo-count.</summary>
    public static HistogramDivergence Divergence(ReadOnlySpan<double> countsP, ReadOnlySpan<double> countsQ, double pseudoCount = DefaultPseudoCount)
    {
        if (countsP.Length != countsQ.Length) throw new ArgumentException("The histograms have " + countsP.Length + " and " + countsQ.Length + " bins.", nameof(countsQ));
        var p = Probabilities(countsP, pseudoCount);
        var q = Probabilities(countsQ, pseudoCount);
        return new HistogramDivergence(KlGenerated.Categorical(p, q), KlGenerated.Categorical(q, p));
    }
}
