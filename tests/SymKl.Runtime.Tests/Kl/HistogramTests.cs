using SymKl.Runtime.Divergences;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>Histogram divergences (the PNG reader that feeds them in <c>hist-kl</c> is tested with the VAE's image I/O).</summary>
public sealed class HistogramTests
{
    [Fact]
    public void SmoothedHistogramDivergenceIsTheCategoricalKlBothWays()
    {
        double[] a = [4, 0, 6], b = [1, 3, 6];
        var d = Histograms.Divergence(a, b, pseudoCount: 0.5);
        var p = new[] { 4.5 / 11.5, 0.5 / 11.5, 6.5 / 11.5 };
        var q = new[] { 1.5 / 11.5, 3.5 / 11.5, 6.5 / 11.5 };
        double Kl(double[] x, double[] y) => x.Zip(y).Sum(t => t.First * Math.Log(t.First / t.Second));
        Assert.Equal(Kl(p, q), d.PQ, 14);
        Assert.Equal(Kl(q, p), d.QP, 14);
        Assert.Equal(d.PQ + d.QP, d.Symmetric, 15);
        // Without smoothing the empty bin of a makes KL(b ‖ a) infinite, and KL(a ‖ b) stays finite.
        var raw = Histograms.Divergence(a, b, pseudoCount: 0);
        Assert.True(double.IsFinite(raw.PQ));
        Assert.Equal(double.PositiveInfinity, raw.QP);
        Assert.Equal(0.0, Histograms.Divergence(a, a).PQ);
    }
}
