using SymKl.Runtime.Divergences;
using SymKl.Runtime.Generated;
using KlApi = SymKl.Runtime.Divergences.Kl;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// Multivariate normal (full and low-rank covariance) and Dirichlet divergences: against torch.distributions'
/// values (computed once with torch 1.13, float64), against the textbook formula evaluated here with an explicit
/// inverse and an LU determinant (deliberately not the Cholesky route of the runtime), against 10⁶ Monte Carlo draws
/// at 1%, and for the batched span methods: agreement with the pair method and no allocation.
/// </summary>
public sealed class MultivariateKlTests
{
    private const int Samples = 1_000_000;

    private static readonly double[] Mean1 = [0.3, -1.0, 2.0];
    private static readonly double[] Mean2 = [-0.5, 0.2, 1.5];
    private static readonly double[] Cov1 = [2.0, 0.3, -0.4, 0.3, 1.0, 0.2, -0.4, 0.2, 1.5];
    private static readonly double[] Cov2 = [1.0, -0.2, 0.1, -0.2, 0.8, 0.3, 0.1, 0.3, 2.5];
    private static readonly double[] W1 = [0.5, -0.3, 0.2, 0.8, -0.6, 0.1];
    private static readonly double[] D1 = [0.7, 1.2, 0.4];
    private static readonly double[] W2 = [1.0, 0.0, 0.3, -0.5, 0.2, 0.4];
    private static readonly double[] D2 = [0.5, 0.9, 1.1];

    private static MultivariateNormal P => MultivariateNormal.FromCovariance(Mean1, Cov1);
    private static MultivariateNormal Q => MultivariateNormal.FromCovariance(Mean2, Cov2);
    private static LowRankMultivariateNormal LowP => new(Mean1, W1, D1);
    private static LowRankMultivariateNormal LowQ => new(Mean2, W2, D2);

    // ------------------------------------------------------------------ torch's values and the textbook formula

    [Fact]
    public void MatchesTorchValues()
    {
        AssertRelative(1.6709792016331184, KlApi.Divergence(P, Q), 1e-13);
        AssertRelative(1.346503091950864, KlApi.Divergence(LowP, LowQ), 1e-13);
        AssertRelative(1.2104137509465094, KlApi.Divergence(P, LowQ), 1e-13);
        AssertRelative(1.8728041832310103, KlApi.Divergence(LowP, Q), 1e-13);
        AssertRelative(2.318030627355035, KlApi.Divergence(new Dirichlet([2.0, 3.0, 0.7, 1.5]), new Dirichlet([1.0, 1.5, 2.0, 0.8])), 1e-13);
    }

    [Fact]
    public void MatchesTheTextbookFormulaWithAnExplicitInverse()
    {
        AssertRelative(Textbook(Mean1, Cov1, Mean2, Cov2), KlApi.Divergence(P, Q), 1e-12);
        var lowCov1 = LowRankCovariance(W1, D1);
        var lowCov2 = LowRankCovariance(W2, D2);
        AssertRelative(Textbook(Mean1, lowCov1, Mean2, lowCov2), KlApi.Divergence(LowP, LowQ), 1e-12);
        AssertRelative(Textbook(Mean1, Cov1, Mean2, lowCov2), KlApi.Divergence(P, LowQ), 1e-12);
        AssertRelative(Textbook(Mean1, lowCov1, Mean2, Cov2), KlApi.Divergence(LowP, Q), 1e-12);

        // Random pairs in 1 to 40 dimensions.
        var random = new Random(3);
        foreach (var d in new[] { 1, 2, 5, 16, 40 })
        {
            var (m1, c1) = RandomGaussian(random, d);
            var (m2, c2) = RandomGaussian(random, d);
            var kl = KlApi.Divergence(MultivariateNormal.FromCovariance(m1, c1), MultivariateNormal.FromCovariance(m2, c2));
            AssertRelative(Textbook(m1, c1, m2, c2), kl, 1e-10);
        }
    }

    [Fact]
    public void DirichletMatchesTorchsFormulaWrittenOut()
    {
        double[] a = [0.3, 5.0, 1.2, 2.5, 0.9], b = [1.1, 0.4, 3.0, 2.5, 7.0];
        // torch: lgamma(Σa) − lgamma(Σb) − Σ(lgamma a − lgamma b) + Σ(a − b)(ψ(a) − ψ(Σa)).
        double sa = a.Sum(), sb = b.Sum();
        var expected = KlMath.LogGamma(sa) - KlMath.LogGamma(sb);
        for (var i = 0; i < a.Length; i++)
            expected += -(KlMath.LogGamma(a[i]) - KlMath.LogGamma(b[i])) + (a[i] - b[i]) * (KlMath.Digamma(a[i]) - KlMath.Digamma(sa));
        AssertRelative(expected, KlApi.Divergence(new Dirichlet(a), new Dirichlet(b)), 1e-12);
        // Two categories: the beta divergence.
        AssertRelative(KlGenerated.Beta(2.0, 3.0, 1.2, 0.8), DirichletKl.Divergence([2.0, 3.0], [1.2, 0.8]), 1e-12);
    }

    [Fact]
    public void OneDimensionIsTheUnivariateNormalDivergence()
    {
        var kl = MultivariateNormalKl.FromScaleTril([0.3], [1.2], [-0.5], [0.6]);
        AssertRelative(KlGenerated.NormalNormal(0.3, 1.2, -0.5, 0.6), kl, 1e-14);
    }

    [Fact]
    public void EqualDistributionsGiveExactlyZeroAndNearbyOnesKeepTheirAccuracy()
    {
        Assert.Equal(0.0, KlApi.Divergence(P, P));
        Assert.Equal(0.0, KlApi.Divergence(LowP, LowP));
        Assert.Equal(0.0, DirichletKl.Divergence([2.0, 3.0, 0.7], [2.0, 3.0, 0.7]));
        // Σ₁ = (1 + ε)²Σ₂, equal means: KL = d(u − 1 − log u)/2 with u = (1 + ε)², ≈ d·ε² for small ε.
        const double eps = 1e-9;
        var l2 = P.ScaleTril.ToArray();
        var l1 = l2.Select(v => v * (1 + eps)).ToArray();
        var kl = MultivariateNormalKl.FromScaleTril(Mean1, l1, Mean1, l2);
        var u = (1 + eps) * (1 + eps);
        var t = u - 1;
        var exact = 1.5 * (t * t / 2 - t * t * t / 3);
        AssertRelative(exact, kl, 1e-6);
    }

    // ------------------------------------------------------------------ Monte Carlo

    [Fact]
    public void MultivariateNormalMatchesAMillionSamples()
    {
        var (p, q) = (P, Q);
        AssertMonteCarlo(KlApi.Divergence(p, q), 3, p.Sample, p.LogProb, q.LogProb, 11);
    }

    [Fact]
    public void LowRankPairsMatchAMillionSamples()
    {
        var (p, q, lowP, lowQ) = (P, Q, LowP, LowQ);
        AssertMonteCarlo(KlApi.Divergence(lowP, lowQ), 3, lowP.Sample, lowP.LogProb, lowQ.LogProb, 12);
        AssertMonteCarlo(KlApi.Divergence(p, lowQ), 3, p.Sample, p.LogProb, lowQ.LogProb, 13);
        AssertMonteCarlo(KlApi.Divergence(lowP, q), 3, lowP.Sample, lowP.LogProb, q.LogProb, 14);
    }

    [Fact]
    public void DirichletMatchesAMillionSamples()
    {
        var p = new Dirichlet([2.0, 3.0, 0.7, 1.5]);
        var q = new Dirichlet([1.0, 1.5, 2.0, 0.8]);
        AssertMonteCarlo(KlApi.Divergence(p, q), 4, p.Sample, p.LogProb, q.LogProb, 15);
    }

    private delegate void Sampler(Random random, Span<double> x);

    private delegate double LogDensity(ReadOnlySpan<double> x);

    private static void AssertMonteCarlo(double exact, int d, Sampler sample, LogDensity logP, LogDensity logQ, int seed)
    {
        var random = new Random(seed);
        Span<double> x = stackalloc double[d];
        double sum = 0, sumSq = 0;
        for (var i = 0; i < Samples; i++)
        {
            sample(random, x);
            var term = logP(x) - logQ(x);
            sum += term;
            sumSq += term * term;
        }
        var mean = sum / Samples;
        var se = Math.Sqrt(Math.Max(0, sumSq / Samples - mean * mean) / Samples);
        Assert.True(Math.Abs(mean - exact) < 0.01 * exact, $"closed form {exact}, Monte Carlo {mean} ± {se}");
        Assert.True(4 * se < 0.01 * exact, $"standard error {se} too large for a 1% check of {exact}");
    }

    // ------------------------------------------------------------------ batches

    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(300)]
    public void BatchesAgreeWithPairsAndAllocateNothing(int d)
    {
        var n = d >= 300 ? 2 : 50;
        var random = new Random(d);
        var (m1, c1, l1) = Batch(random, d, n);
        var (m2, c2, l2) = Batch(random, d, n);
        var fromTril = new double[n];
        var fromCov = new double[n];
        MultivariateNormalKl.FromScaleTril(d, m1, l1, m2, l2, fromTril);
        MultivariateNormalKl.FromCovariance(d, m1, c1, m2, c2, fromCov);
        for (var b = 0; b < n; b++)
        {
            var pair = MultivariateNormalKl.FromScaleTril(m1.AsSpan(b * d, d), l1.AsSpan(b * d * d, d * d), m2.AsSpan(b * d, d), l2.AsSpan(b * d * d, d * d));
            Assert.Equal(pair, fromTril[b]);
            AssertRelative(pair, fromCov[b], 1e-9);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        MultivariateNormalKl.FromScaleTril(d, m1, l1, m2, l2, fromTril);
        MultivariateNormalKl.FromCovariance(d, m1, c1, m2, c2, fromCov);
        _ = MultivariateNormalKl.FromScaleTril(m1.AsSpan(0, d), l1.AsSpan(0, d * d), m2.AsSpan(0, d), l2.AsSpan(0, d * d));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// The two pair kernels (column-wise dot products for small d, row-blocked updates from
    /// <see cref="MultivariateNormalKl.RowBlockedFrom"/> on) agree to rounding at every dimension, including those that
    /// are not whole blocks or vector chunks, and both ignore whatever is stored above the factors' diagonals.
    /// </summary>
    [Fact]
    public void TheRowBlockedKernelAgreesWithTheColumnKernel()
    {
        var random = new Random(11);
        foreach (var d in Enumerable.Range(1, 70).Concat([127, 128, 129, 133]))
        {
            var (m1, _, l1) = Batch(random, d, 1);
            var (m2, _, l2) = Batch(random, d, 1);
            for (var i = 0; i < d; i++)
                for (var j = i + 1; j < d; j++)
                {
                    l1[i * d + j] = 1e6 * (random.NextDouble() - 0.5);
                    l2[i * d + j] = double.NaN;
                }
            var column = MultivariateNormalKl.Pair(d, m1, l1, m2, l2, new double[4 * d]);
            var blocked = MultivariateNormalKl.PairRowBlocked(d, m1, l1, m2, l2, new double[MultivariateNormalKl.RowBlockedScratch(d)]);
            Assert.True(double.IsFinite(blocked), "d = " + d + ": " + blocked);
            AssertRelative(column, blocked, 1e-12);
            Assert.Equal(0.0, MultivariateNormalKl.PairRowBlocked(d, m1, l1, m1, l1, new double[MultivariateNormalKl.RowBlockedScratch(d)]));
        }
    }

    /// <summary>
    /// The Cholesky factor (four rows at a time from <see cref="Cholesky.BlockedFrom"/> on) reproduces its
    /// matrix at every dimension, and a matrix that is not positive definite is named by the row whose pivot fails.
    /// </summary>
    [Fact]
    public void CholeskyReproducesItsMatrixAndNamesTheFailingRow()
    {
        var random = new Random(17);
        foreach (var d in Enumerable.Range(1, 70).Concat([128, 131]))
        {
            var (_, a) = RandomGaussian(random, d);
            var l = new double[d * d];
            Array.Fill(l, double.NaN);
            Cholesky.Factor(d, a, l, "a");
            var scale = a.Max(Math.Abs);
            for (var i = 0; i < d; i++)
            {
                Assert.True(l[i * d + i] > 0, "d = " + d + ", row " + i);
                for (var j = 0; j < d; j++)
                {
                    if (j > i) Assert.Equal(0.0, l[i * d + j]);
                    var s = 0.0;
                    for (var k = 0; k <= Math.Min(i, j); k++) s += l[i * d + k] * l[j * d + k];
                    Assert.True(Math.Abs(s - a[i * d + j]) <= 1e-12 * scale, $"d = {d}: (L·Lᵀ)[{i}, {j}] = {s}, a = {a[i * d + j]}");
                }
            }
        }
        // Positive definite up to row 37, where the pivot turns negative.
        const int n = 64;
        var b = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) b[i * n + j] = i == j ? 2.0 : 0.5;
        b[37 * n + 37] = 0.2;
        var error = Assert.Throws<ArgumentException>(() => Cholesky.Factor(n, b, new double[n * n], "b"));
        Assert.Contains("pivot of row 37", error.Message);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(97)]
    public void LargeDimensionsMatchTheTextbookFormula(int d)
    {
        var random = new Random(d);
        var (m1, c1) = RandomGaussian(random, d);
        var (m2, c2) = RandomGaussian(random, d);
        var kl = KlApi.Divergence(MultivariateNormal.FromCovariance(m1, c1), MultivariateNormal.FromCovariance(m2, c2));
        AssertRelative(Textbook(m1, c1, m2, c2), kl, 1e-9);
    }

    private static double[] PositiveRows(int n, int d, int shift = 0) => Enumerable.Range(0, n * d).Select(i => 0.5 + (i + shift) % 7 * 0.3).ToArray();

    [Fact]
    public void BatchesAllocateNothingInSteadyState()
    {
        const int d = 16, n = 20;
        var random = new Random(5);
        var (m1, c1, l1) = Batch(random, d, n);
        var (m2, c2, l2) = Batch(random, d, n);
        var result = new double[n];
        double[] alpha = PositiveRows(n, d), beta = PositiveRows(n, d, 2);
        MultivariateNormalKl.FromScaleTril(d, m1, l1, m2, l2, result);
        MultivariateNormalKl.FromCovariance(d, m1, c1, m2, c2, result);
        DirichletKl.Divergence(d, alpha, beta, result);
        var p = P;
        _ = p.LogProb(Mean2);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3; i++)
        {
            MultivariateNormalKl.FromScaleTril(d, m1, l1, m2, l2, result);
            MultivariateNormalKl.FromCovariance(d, m1, c1, m2, c2, result);
            DirichletKl.Divergence(d, alpha, beta, result);
            _ = p.LogProb(Mean2);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // ------------------------------------------------------------------ validation

    [Fact]
    public void InvalidParametersAreRejectedWithClearMessages()
    {
        var notPd = Assert.Throws<ArgumentException>(() => MultivariateNormal.FromCovariance([0, 0], [1, 2, 2, 1]));
        Assert.Contains("not positive definite", notPd.Message);
        var notSym = Assert.Throws<ArgumentException>(() => MultivariateNormal.FromCovariance([0, 0], [1, 0.5, 0.2, 1]));
        Assert.Contains("not symmetric", notSym.Message);
        Assert.Throws<ArgumentException>(() => MultivariateNormal.FromCovariance([0, 0], [1, 0, 0]));
        var badDiag = Assert.Throws<ArgumentException>(() => MultivariateNormal.FromScaleTril([0, 0], [1, 0, 0.5, -1]));
        Assert.Contains("must be positive", badDiag.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MultivariateNormal.FromCovariance([double.NaN], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LowRankMultivariateNormal([0, 0], [1, 1], [1, 0]));
        Assert.Throws<ArgumentException>(() => KlApi.Divergence(P, MultivariateNormal.FromCovariance([0, 0], [1, 0, 0, 1])));
        var batchNotPd = Assert.Throws<ArgumentException>(() =>
            MultivariateNormalKl.FromCovariance(2, [0, 0, 0, 0], [1, 0, 0, 1, 1, 2, 2, 1], [0, 0, 0, 0], [1, 0, 0, 1, 1, 0, 0, 1], new double[2]));
        Assert.Contains("pair 1", batchNotPd.Message);
        Assert.Throws<ArgumentException>(() => MultivariateNormalKl.FromScaleTril(2, [0, 0], [1, 0, 0, 1], [0, 0], [1, 0, 0, 1], new double[2]));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new Dirichlet([1.0, -0.5]));
        Assert.Contains("concentration 1", negative.Message);
        Assert.Throws<ArgumentException>(() => new Dirichlet([1.0]));
        Assert.Throws<ArgumentException>(() => KlApi.Divergence(new Dirichlet([1.0, 2.0]), new Dirichlet([1.0, 2.0, 3.0])));
    }

    // ------------------------------------------------------------------ helpers

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative {Math.Abs(actual - expected) / Math.Abs(expected):E2})");

    private static double[] LowRankCovariance(double[] w, double[] diag)
    {
        var d = diag.Length;
        var r = w.Length / d;
        var c = new double[d * d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
            {
                var s = i == j ? diag[i] : 0;
                for (var k = 0; k < r; k++) s += w[i * r + k] * w[j * r + k];
                c[i * d + j] = s;
            }
        return c;
    }

    /// <summary>½[tr(Σ₂⁻¹Σ₁) + (μ₂ − μ₁)ᵀΣ₂⁻¹(μ₂ − μ₁) − d + log det Σ₂ − log det Σ₁], with Σ₂⁻¹ by Gauss–Jordan and determinants by LU.</summary>
    private static double Textbook(double[] m1, double[] c1, double[] m2, double[] c2)
    {
        var d = m1.Length;
        var inv = Inverse(c2, d);
        double trace = 0, quad = 0;
        for (var i = 0; i < d; i++)
            for (var k = 0; k < d; k++)
            {
                trace += inv[i * d + k] * c1[k * d + i];
                quad += (m2[i] - m1[i]) * inv[i * d + k] * (m2[k] - m1[k]);
            }
        return 0.5 * (trace + quad - d + LogDet(c2, d) - LogDet(c1, d));
    }

    private static double[] Inverse(double[] a, int d)
    {
        var m = (double[])a.Clone();
        var inv = new double[d * d];
        for (var i = 0; i < d; i++) inv[i * d + i] = 1;
        for (var col = 0; col < d; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < d; r++) if (Math.Abs(m[r * d + col]) > Math.Abs(m[pivot * d + col])) pivot = r;
            Swap(m, inv, d, col, pivot);
            var p = m[col * d + col];
            for (var k = 0; k < d; k++) { m[col * d + k] /= p; inv[col * d + k] /= p; }
            for (var r = 0; r < d; r++)
            {
                if (r == col) continue;
                var f = m[r * d + col];
                for (var k = 0; k < d; k++) { m[r * d + k] -= f * m[col * d + k]; inv[r * d + k] -= f * inv[col * d + k]; }
            }
        }
        return inv;
    }

    private static void Swap(double[] m, double[] inv, int d, int a, int b)
    {
        if (a == b) return;
        for (var k = 0; k < d; k++)
        {
            (m[a * d + k], m[b * d + k]) = (m[b * d + k], m[a * d + k]);
            (inv[a * d + k], inv[b * d + k]) = (inv[b * d + k], inv[a * d + k]);
        }
    }

    private static double LogDet(double[] a, int d)
    {
        var m = (double[])a.Clone();
        var logDet = 0.0;
        for (var col = 0; col < d; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < d; r++) if (Math.Abs(m[r * d + col]) > Math.Abs(m[pivot * d + col])) pivot = r;
            if (pivot != col) for (var k = 0; k < d; k++) (m[col * d + k], m[pivot * d + k]) = (m[pivot * d + k], m[col * d + k]);
            logDet += Math.Log(Math.Abs(m[col * d + col]));
            for (var r = col + 1; r < d; r++)
            {
                var f = m[r * d + col] / m[col * d + col];
                for (var k = col; k < d; k++) m[r * d + k] -= f * m[col * d + k];
            }
        }
        return logDet;
    }

    /// <summary>A random mean and SPD covariance A·Aᵀ/d + ½I (the benchmark anchor's construction).</summary>
    private static (double[] Mean, double[] Covariance) RandomGaussian(Random random, int d)
    {
        var a = Enumerable.Range(0, d * d).Select(_ => Normal(random)).ToArray();
        var c = new double[d * d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j <= i; j++)
            {
                var s = 0.0;
                for (var k = 0; k < d; k++) s += a[i * d + k] * a[j * d + k];
                c[i * d + j] = c[j * d + i] = s / d + (i == j ? 0.5 : 0);
            }
        return (Enumerable.Range(0, d).Select(_ => Normal(random)).ToArray(), c);
    }

    private static (double[] Means, double[] Covariances, double[] Factors) Batch(Random random, int d, int n)
    {
        var means = new double[n * d];
        var covs = new double[n * d * d];
        var factors = new double[n * d * d];
        for (var b = 0; b < n; b++)
        {
            var (m, c) = RandomGaussian(random, d);
            m.CopyTo(means, b * d);
            c.CopyTo(covs, b * d * d);
            MultivariateNormal.FromCovariance(m, c).ScaleTril.CopyTo(factors.AsSpan(b * d * d));
        }
        return (means, covs, factors);
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
