using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;
using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Divergences;

/// <summary>
/// Gaussian on ℝᵈ with mean μ and a full covariance Σ = L·Lᵀ, kept as its lower Cholesky factor L (torch's
/// <c>scale_tril</c>; row-major d×d, entries above the diagonal are zero). Nothing is ever inverted: densities and
/// divergences use triangular solves with L and log-determinants from its diagonal.
/// </summary>
public sealed class MultivariateNormal
{
    private const double HalfLogTwoPi = 0.91893853320467274178;
    private readonly double[] _mean;
    private readonly double[] _scaleTril;

    private MultivariateNormal(double[] mean, double[] scaleTril)
    {
        _mean = mean;
        _scaleTril = scaleTril;
    }

    /// <summary>From the mean and a symmetric positive definite covariance (row-major d×d).</summary>
    /// <exception cref="ArgumentException">the sizes disagree, an entry is not finite, or the covariance is not symmetric positive definite.</exception>
    public static MultivariateNormal FromCovariance(ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance)
    {
        var d = CheckMean(mean);
        if (covariance.Length != d * d) throw new ArgumentException("covariance has " + covariance.Length + " entries; a " + d + "×" + d + " matrix has " + d * d + ".", nameof(covariance));
        var tril = new double[d * d];
        Cholesky.Factor(d, covariance, tril, nameof(covariance));
        return new MultivariateNormal(mean.ToArray(), tril);
    }

    /// <summary>From the mean and a lower-triangular factor L with positive diagonal (row-major d×d; the covariance is L·Lᵀ).</summary>
    /// <exception cref="ArgumentException">the sizes disagree, an entry is not finite, or a diagonal entry is not positive.</exception>
    public static MultivariateNormal FromScaleTril(ReadOnlySpan<double> mean, ReadOnlySpan<double> scaleTril)
    {
        var d = CheckMean(mean);
        if (scaleTril.Length != d * d) throw new ArgumentException("scaleTril has " + scaleTril.Length + " entries; a " + d + "×" + d + " matrix has " + d * d + ".", nameof(scaleTril));
        var tril = new double[d * d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j <= i; j++)
                tril[i * d + j] = Check.Finite(scaleTril[i * d + j], nameof(scaleTril));
        Cholesky.CheckFactor(d, tril, nameof(scaleTril));
        return new MultivariateNormal(mean.ToArray(), tril);
    }

    internal static MultivariateNormal FromFactor(double[] mean, double[] scaleTril) => new(mean, scaleTril);

    public int Dimension => _mean.Length;

    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>The lower Cholesky factor L of the covariance, row-major d×d.</summary>
    public ReadOnlySpan<double> ScaleTril => _scaleTril;

    /// <summary>log p(x); no allocation.</summary>
    public double LogProb(ReadOnlySpan<double> x) => LogProb(_mean, _scaleTril, x);

    /// <summary>One draw μ + L·z with z standard normal, written to <paramref name="x"/>.</summary>
    public void Sample(Random random, Span<double> x)
    {
        var d = Dimension;
        if (x.Length != d) throw new ArgumentException("x has " + x.Length + " entries, not " + d + ".", nameof(x));
        Span<double> z = d <= 256 ? stackalloc double[d] : new double[d];
        for (var i = 0; i < d; i++) z[i] = Draw.StandardNormal(random);
        for (var i = 0; i < d; i++) x[i] = _mean[i] + TensorPrimitives.Dot(_scaleTril.AsSpan(i * d, i + 1), z[..(i + 1)]);
    }

    internal static double LogProb(ReadOnlySpan<double> mean, ReadOnlySpan<double> tril, ReadOnlySpan<double> x)
    {
        var d = mean.Length;
        if (x.Length != d) throw new ArgumentException("x has " + x.Length + " entries, not " + d + ".", nameof(x));
        double[]? rented = null;
        var y = d <= 256 ? stackalloc double[d] : (rented = ArrayPool<double>.Shared.Rent(d)).AsSpan(0, d);
        double squares = 0, logDet = 0;
        for (var i = 0; i < d; i++)
        {
            var row = tril.Slice(i * d, i + 1);
            var v = (x[i] - mean[i] - TensorPrimitives.Dot(row[..i], y[..i])) / row[i];
            y[i] = v;
            squares += v * v;
            logDet += Math.Log(row[i]);
        }
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        return -0.5 * squares - logDet - d * HalfLogTwoPi;
    }

    private static int CheckMean(ReadOnlySpan<double> mean)
    {
        if (mean.Length == 0) throw new ArgumentException("A multivariate normal needs at least one dimension.", nameof(mean));
        foreach (var m in mean) Check.Finite(m, nameof(mean));
        return mean.Length;
    }
}

/// <summary>
/// Gaussian on ℝᵈ whose covariance is low rank plus diagonal, Σ = W·Wᵀ + diag(D) (torch's
/// LowRankMultivariateNormal: <c>cov_factor</c> W is d×r, row-major; <c>cov_diag</c> D is positive).
/// The Cholesky factor of Σ is computed once, here, so that every divergence with it is a triangular solve.
/// </summary>
public sealed class LowRankMultivariateNormal
{
    private readonly double[] _covFactor;
    private readonly double[] _covDiag;

    /// <exception cref="ArgumentException">the sizes disagree, an entry is not finite, or a diagonal entry is not positive.</exception>
    public LowRankMultivariateNormal(ReadOnlySpan<double> mean, ReadOnlySpan<double> covFactor, ReadOnlySpan<double> covDiag)
    {
        var d = mean.Length;
        if (d == 0) throw new ArgumentException("A multivariate normal needs at least one dimension.", nameof(mean));
        if (covDiag.Length != d) throw new ArgumentException("covDiag has " + covDiag.Length + " entries, not " + d + ".", nameof(covDiag));
        if (covFactor.Length == 0 || covFactor.Length % d != 0) throw new ArgumentException("covFactor has " + covFactor.Length + " entries, not a multiple of " + d + " (a d×r matrix, r ≥ 1).", nameof(covFactor));
        foreach (var m in mean) Check.Finite(m, nameof(mean));
        foreach (var w in covFactor) Check.Finite(w, nameof(covFactor));
        foreach (var v in covDiag) Check.Positive(v, nameof(covDiag));
        Rank = covFactor.Length / d;
        _covFactor = covFactor.ToArray();
        _covDiag = covDiag.ToArray();
        var covariance = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var v = TensorPrimitives.Dot(covFactor.Slice(i * Rank, Rank), covFactor.Slice(j * Rank, Rank));
                covariance[i * d + j] = covariance[j * d + i] = i == j ? v + covDiag[i] : v;
            }
        }
        var tril = new double[d * d];
        Cholesky.Factor(d, covariance, tril, nameof(covFactor));
        Dense = MultivariateNormal.FromFactor(mean.ToArray(), tril);
    }

    public int Dimension => _covDiag.Length;

    /// <summary>r, the number of columns of W.</summary>
    public int Rank { get; }

    public ReadOnlySpan<double> Mean => Dense.Mean;

    /// <summary>W, row-major d×r.</summary>
    public ReadOnlySpan<double> CovFactor => _covFactor;

    /// <summary>D, the diagonal added to W·Wᵀ.</summary>
    public ReadOnlySpan<double> CovDiag => _covDiag;

    /// <summary>The same distribution with the dense Cholesky factor of its covariance.</summary>
    public MultivariateNormal Dense { get; }

    public double LogProb(ReadOnlySpan<double> x) => Dense.LogProb(x);

    public void Sample(Random random, Span<double> x) => Dense.Sample(random, x);
}

/// <summary>Cholesky factorisation and factor checks, with messages that say which matrix failed and why.</summary>
internal static class Cholesky
{
    /// <summary>From this dimension on rows are factored four at a time (<see cref="FactorFourRows"/>; bench <c>mvn --kernels</c>: 1.3× at d = 8, 1.8× at 16, 2.2× from 64 on).</summary>
    internal const int BlockedFrom = 8;

    /// <summary>
    /// L (row-major, lower, zero above the diagonal) with L·Lᵀ = A. A must be symmetric (to 1e-10 of √(aᵢᵢaⱼⱼ)) and
    /// positive definite: a pivot that is not positive means it is not, and the message names the row.
    /// </summary>
    public static void Factor(int d, ReadOnlySpan<double> a, Span<double> l, string name) => Factor(d, a, l, name, -1);

    /// <summary>The same for the matrix of batch entry <paramref name="pair"/> (named in a message; −1 for none), so no string is built unless it fails.</summary>
    public static void Factor(int d, ReadOnlySpan<double> a, Span<double> l, string name, int pair) => Factor(d, a, l, name, pair, BlockedFrom);

    /// <summary>The same, four rows at a time from dimension <paramref name="blockedFrom"/> on (the benchmark compares both ways).</summary>
    internal static void Factor(int d, ReadOnlySpan<double> a, Span<double> l, string name, int pair, int blockedFrom)
    {
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < i; j++)
            {
                double aij = a[i * d + j], aji = a[j * d + i];
                if (!double.IsFinite(aij)) throw new ArgumentException(Named(name, pair) + "[" + i + ", " + j + "] is not finite.", name);
                if (aij == aji) continue; // the usual case, without the square root below
                var tolerance = 1e-10 * Math.Sqrt(Math.Abs(a[i * d + i] * a[j * d + j]));
                if (!(Math.Abs(aij - aji) <= tolerance))
                    throw new ArgumentException(Named(name, pair) + " is not symmetric: entries [" + i + ", " + j + "] and [" + j + ", " + i + "] are " + Check.Format(aij) + " and " + Check.Format(aji) + ".", name);
            }
        }
        var i0 = 0;
        // Rows four at a time where the vectors pay: each loaded stretch of two earlier rows feeds eight dot products.
        if (d >= blockedFrom && Vector.IsHardwareAccelerated)
            for (; i0 + 4 <= d; i0 += 4) FactorFourRows(d, a, l, i0, name, pair);
        for (var i = i0; i < d; i++)
        {
            var rowI = l.Slice(i * d, d);
            var j = 0;
            // Four entries of row i at a time: the parts of their dot products left of j share rowI[..j].
            for (; j + 4 <= i; j += 4)
            {
                MultivariateNormalKl.Dot4(rowI[..j], l.Slice(j * d, j), l.Slice((j + 1) * d, j), l.Slice((j + 2) * d, j), l.Slice((j + 3) * d, j),
                                          out var s0, out var s1, out var s2, out var s3);
                rowI[j] = (a[i * d + j] - s0) / l[j * d + j];
                var r1 = l.Slice((j + 1) * d, d);
                rowI[j + 1] = (a[i * d + j + 1] - s1 - rowI[j] * r1[j]) / r1[j + 1];
                var r2 = l.Slice((j + 2) * d, d);
                rowI[j + 2] = (a[i * d + j + 2] - s2 - rowI[j] * r2[j] - rowI[j + 1] * r2[j + 1]) / r2[j + 2];
                var r3 = l.Slice((j + 3) * d, d);
                rowI[j + 3] = (a[i * d + j + 3] - s3 - rowI[j] * r3[j] - rowI[j + 1] * r3[j + 1] - rowI[j + 2] * r3[j + 2]) / r3[j + 3];
            }
            for (; j <= i; j++)
            {
                var rowJ = l.Slice(j * d, d);
                var s = a[i * d + j] - MultivariateNormalKl.Dot(rowI[..j], rowJ[..j]);
                if (i == j)
                {
                    if (!(s > 0) || !double.IsFinite(s))
                        throw new ArgumentException(Named(name, pair) + " is not positive definite (the Cholesky pivot of row " + i + " is " + Check.Format(s) + ").", name);
                    rowI[i] = Math.Sqrt(s);
                }
                else
                {
                    rowI[j] = s / rowJ[j];
                }
            }
            rowI[(i + 1)..].Clear();
        }
    }

    /// <summary>
    /// Rows i0 … i0+3 of L: Lᵢⱼ = (aᵢⱼ − Σ_{k&lt;j} LᵢₖLⱼₖ)/Lⱼⱼ for the columns left of the block two at a time (a 4×2 tile
    /// of dot products over k &lt; j0, then the two columns' own corrections), then the 4×4 triangle at the diagonal.
    /// </summary>
    private static void FactorFourRows(int d, ReadOnlySpan<double> a, Span<double> l, int i0, string name, int pair)
    {
        var j0 = 0;
        for (; j0 + 2 <= i0; j0 += 2)
        {
            Dot4x2(l, d, i0, j0, out var s00, out var s01, out var s10, out var s11, out var s20, out var s21, out var s30, out var s31);
            double p0 = l[j0 * d + j0], q0 = l[(j0 + 1) * d + j0], q1 = l[(j0 + 1) * d + j0 + 1];
            Two(l, a, d, i0, j0, s00, s01, p0, q0, q1);
            Two(l, a, d, i0 + 1, j0, s10, s11, p0, q0, q1);
            Two(l, a, d, i0 + 2, j0, s20, s21, p0, q0, q1);
            Two(l, a, d, i0 + 3, j0, s30, s31, p0, q0, q1);
        }
        for (var r = 0; r < 4; r++)
        {
            var i = i0 + r;
            var rowI = l.Slice(i * d, d);
            for (var j = j0; j <= i; j++)
            {
                var s = a[i * d + j] - MultivariateNormalKl.Dot(rowI[..j], l.Slice(j * d, j));
                if (i == j)
                {
                    if (!(s > 0) || !double.IsFinite(s))
                        throw new ArgumentException(Named(name, pair) + " is not positive definite (the Cholesky pivot of row " + i + " is " + Check.Format(s) + ").", name);
                    rowI[i] = Math.Sqrt(s);
                }
                else
                {
                    rowI[j] = s / l[j * d + j];
                }
            }
            rowI[(i + 1)..].Clear();
        }
    }

    /// <summary>Lᵢ,ⱼ₀ and Lᵢ,ⱼ₀₊₁ from their dot products over k &lt; j0 (<paramref name="s0"/>, <paramref name="s1"/>) and the pivots p0 = L[j0, j0], q0 = L[j0+1, j0], q1 = L[j0+1, j0+1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Two(Span<double> l, ReadOnlySpan<double> a, int d, int i, int j0, double s0, double s1, double p0, double q0, double q1)
    {
        var x = (a[i * d + j0] - s0) / p0;
        l[i * d + j0] = x;
        l[i * d + j0 + 1] = (a[i * d + j0 + 1] - s1 - x * q0) / q1;
    }

    /// <summary>The eight dot products of rows i0 … i0+3 with rows j0, j0+1 of <paramref name="l"/> over their first j0 entries.</summary>
    private static void Dot4x2(ReadOnlySpan<double> l, int d, int i0, int j0,
                               out double s00, out double s01, out double s10, out double s11, out double s20, out double s21, out double s30, out double s31)
    {
        ref var rl = ref MemoryMarshal.GetReference(l);
        ref var x0 = ref Unsafe.Add(ref rl, i0 * d);
        ref var x1 = ref Unsafe.Add(ref rl, (i0 + 1) * d);
        ref var x2 = ref Unsafe.Add(ref rl, (i0 + 2) * d);
        ref var x3 = ref Unsafe.Add(ref rl, (i0 + 3) * d);
        ref var y0 = ref Unsafe.Add(ref rl, j0 * d);
        ref var y1 = ref Unsafe.Add(ref rl, (j0 + 1) * d);
        var w = Vector<double>.Count;
        var k = 0;
        Vector<double> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        for (; k <= j0 - w; k += w)
        {
            var b0 = Vector.LoadUnsafe(ref y0, (nuint)k);
            var b1 = Vector.LoadUnsafe(ref y1, (nuint)k);
            var v = Vector.LoadUnsafe(ref x0, (nuint)k);
            a00 = Vector.FusedMultiplyAdd(v, b0, a00);
            a01 = Vector.FusedMultiplyAdd(v, b1, a01);
            v = Vector.LoadUnsafe(ref x1, (nuint)k);
            a10 = Vector.FusedMultiplyAdd(v, b0, a10);
            a11 = Vector.FusedMultiplyAdd(v, b1, a11);
            v = Vector.LoadUnsafe(ref x2, (nuint)k);
            a20 = Vector.FusedMultiplyAdd(v, b0, a20);
            a21 = Vector.FusedMultiplyAdd(v, b1, a21);
            v = Vector.LoadUnsafe(ref x3, (nuint)k);
            a30 = Vector.FusedMultiplyAdd(v, b0, a30);
            a31 = Vector.FusedMultiplyAdd(v, b1, a31);
        }
        (s00, s01, s10, s11) = (Vector.Sum(a00), Vector.Sum(a01), Vector.Sum(a10), Vector.Sum(a11));
        (s20, s21, s30, s31) = (Vector.Sum(a20), Vector.Sum(a21), Vector.Sum(a30), Vector.Sum(a31));
        for (; k < j0; k++)
        {
            double b0 = Unsafe.Add(ref y0, k), b1 = Unsafe.Add(ref y1, k);
            double v0 = Unsafe.Add(ref x0, k), v1 = Unsafe.Add(ref x1, k), v2 = Unsafe.Add(ref x2, k), v3 = Unsafe.Add(ref x3, k);
            s00 += v0 * b0; s01 += v0 * b1;
            s10 += v1 * b0; s11 += v1 * b1;
            s20 += v2 * b0; s21 += v2 * b1;
            s30 += v3 * b0; s31 += v3 * b1;
        }
    }

    private static string Named(string name, int pair) => pair < 0 ? name : name + " (pair " + pair + ")";

    /// <summary>A factor's diagonal must be positive and finite (then L·Lᵀ is positive definite).</summary>
    public static void CheckFactor(int d, ReadOnlySpan<double> l, string name)
    {
        for (var i = 0; i < d; i++)
        {
            var v = l[i * d + i];
            if (!(v > 0) || !double.IsFinite(v))
                throw new ArgumentException(name + "[" + i + ", " + i + "] is " + Check.Format(v) + "; the diagonal of a Cholesky factor must be positive.", name);
        }
    }
}

/// <summary>
/// KL divergences between multivariate normals, from Cholesky factors (see derivations/multivariate-normal.md):
/// with M = L_q⁻¹L_p (lower triangular, diagonal mᵢ = (L_p)ᵢᵢ/(L_q)ᵢᵢ) and y = L_q⁻¹(μ_p − μ_q),
/// <code>
///   KL(p ‖ q) = ½ [ Σᵢ (mᵢ² − 1 − log mᵢ²) + Σ_{i&gt;j} Mᵢⱼ² + ‖y‖² ]
/// </code>
/// a sum of terms that are each never negative (the trace, the log-determinants and −d of the textbook form
/// regrouped), so KL(p ‖ p) is exactly 0 and small divergences keep their relative accuracy. Everything is
/// computed by forward substitution: no inverse, no allocation (scratch on the stack up to 4096 doubles, beyond that
/// one array rented per call, once per batch for the span methods). Two kernels compute M: columns by dot products for
/// small d, rows four at a time from <see cref="RowBlockedFrom"/> on (MultivariateNormal.RowBlocked.cs).
/// </summary>
public static partial class MultivariateNormalKl
{
    /// <summary>Scratch up to this many doubles lives on the stack; beyond, one array is rented per call (per batch for the span methods).</summary>
    private const int StackScratch = 4096;

    /// <summary>KL(N(μ₁, L₁L₁ᵀ) ‖ N(μ₂, L₂L₂ᵀ)) for one pair; d is the length of the means, factors are row-major d×d lower triangular (entries above the diagonal are ignored).</summary>
    public static double FromScaleTril(ReadOnlySpan<double> mean1, ReadOnlySpan<double> scaleTril1, ReadOnlySpan<double> mean2, ReadOnlySpan<double> scaleTril2)
    {
        var d = mean1.Length;
        CheckSizes(d, 1, mean1, scaleTril1, mean2, scaleTril2, 1);
        double[]? rented = null;
        var need = ScratchLength(d);
        var scratch = need <= StackScratch ? stackalloc double[need] : (rented = ArrayPool<double>.Shared.Rent(need)).AsSpan(0, need);
        var kl = Kernel(d, mean1, scaleTril1, mean2, scaleTril2, scratch);
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        return kl;
    }

    /// <summary>
    /// A batch of pairs: <paramref name="result"/>[b] = KL between the b-th pair of a batch laid out contiguously
    /// (means b·d …, factors b·d² …, row-major). One pass, no allocation, arguments checked once up front.
    /// </summary>
    public static void FromScaleTril(int dimension, ReadOnlySpan<double> mean1, ReadOnlySpan<double> scaleTril1, ReadOnlySpan<double> mean2, ReadOnlySpan<double> scaleTril2, Span<double> result)
    {
        var d = dimension;
        var n = result.Length;
        CheckSizes(d, n, mean1, scaleTril1, mean2, scaleTril2, n);
        double[]? rented = null;
        var need = ScratchLength(d);
        var scratch = need <= StackScratch ? stackalloc double[need] : (rented = ArrayPool<double>.Shared.Rent(need)).AsSpan(0, need);
        var dd = d * d;
        for (var b = 0; b < n; b++)
            result[b] = Kernel(d, mean1.Slice(b * d, d), scaleTril1.Slice(b * dd, dd), mean2.Slice(b * d, d), scaleTril2.Slice(b * dd, dd), scratch);
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
    }

    /// <summary>
    /// A batch of pairs given by covariance matrices (row-major d×d, symmetric positive definite): each is factored
    /// by Cholesky into scratch space that is reused across the batch (no allocation per pair).
    /// </summary>
    /// <exception cref="ArgumentException">a covariance is not symmetric positive definite (the message names the pair).</exception>
    public static void FromCovariance(int dimension, ReadOnlySpan<double> mean1, ReadOnlySpan<double> covariance1, ReadOnlySpan<double> mean2, ReadOnlySpan<double> covariance2, Span<double> result)
    {
        var d = dimension;
        var n = result.Length;
        CheckSizes(d, n, mean1, covariance1, mean2, covariance2, n);
        var dd = d * d;
        var need = 2 * dd + ScratchLength(d);
        double[]? rented = null;
        var scratch = need <= StackScratch ? stackalloc double[need] : (rented = ArrayPool<double>.Shared.Rent(need)).AsSpan(0, need);
        var l1 = scratch[..dd];
        var l2 = scratch.Slice(dd, dd);
        var work = scratch[(2 * dd)..];
        try
        {
            for (var b = 0; b < n; b++)
            {
                Cholesky.Factor(d, covariance1.Slice(b * dd, dd), l1, nameof(covariance1), b);
                Cholesky.Factor(d, covariance2.Slice(b * dd, dd), l2, nameof(covariance2), b);
                result[b] = Kernel(d, mean1.Slice(b * d, d), l1, mean2.Slice(b * d, d), l2, work);
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Scratch doubles one pair needs in dimension <paramref name="d"/>.</summary>
    internal static int ScratchLength(int d) => UsesRowBlocked(d) ? RowBlockedScratch(d) : 4 * d;

    /// <summary>One pair with the faster kernel for its dimension; <paramref name="scratch"/> of <see cref="ScratchLength"/> entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Kernel(int d, ReadOnlySpan<double> mean1, ReadOnlySpan<double> l1, ReadOnlySpan<double> mean2, ReadOnlySpan<double> l2, Span<double> scratch) =>
        UsesRowBlocked(d) ? PairRowBlocked(d, mean1, l1, mean2, l2, scratch) : Pair(d, mean1, l1, mean2, l2, scratch);

    /// <summary>
    /// One pair, d ≥ 1, <paramref name="z"/> of length 4d as scratch. y = L₂⁻¹(μ₁ − μ₂) by forward substitution; the
    /// columns of M = L₂⁻¹L₁ four at a time (column j from row j down: rows above j are 0, as L₁ is lower triangular),
    /// so each row of L₂ is read once for four dot products.
    /// </summary>
    internal static double Pair(int d, ReadOnlySpan<double> mean1, ReadOnlySpan<double> l1, ReadOnlySpan<double> mean2, ReadOnlySpan<double> l2, Span<double> z)
    {
        var sum = 0.0;
        // ‖y‖², y = L₂⁻¹(μ₁ − μ₂).
        for (var i = 0; i < d; i++)
        {
            var row = l2.Slice(i * d, i + 1);
            var v = (mean1[i] - mean2[i] - Dot(row[..i], z[..i])) / row[i];
            z[i] = v;
            sum += v * v;
        }
        var j0 = 0;
        for (; j0 + 4 <= d; j0 += 4)
        {
            // The 4×4 triangle at the top of the block, column by column.
            for (var c = 0; c < 4; c++)
            {
                var j = j0 + c;
                var zc = z.Slice(c * d, d);
                sum += Diagonal(l1[j * d + j], l2[j * d + j], out zc[j]);
                for (var i = j + 1; i < j0 + 4; i++)
                {
                    var v = (l1[i * d + j] - Dot(l2.Slice(i * d + j, i - j), zc[j..i])) / l2[i * d + i];
                    zc[i] = v;
                    sum += v * v;
                }
            }
            // Below it: the part of each row left of the block is shared by the four columns.
            var start = j0 + 4;
            for (var i = start; i < d; i++)
            {
                var row = l2.Slice(i * d, i + 1);
                Dot4(row[start..i], z.Slice(start, i - start), z.Slice(d + start, i - start), z.Slice(2 * d + start, i - start), z.Slice(3 * d + start, i - start),
                     out var s0, out var s1, out var s2, out var s3);
                var inverse = 1 / row[i];
                sum += Below(l1, row, z, d, i, j0, 0, s0, inverse);
                sum += Below(l1, row, z, d, i, j0, 1, s1, inverse);
                sum += Below(l1, row, z, d, i, j0, 2, s2, inverse);
                sum += Below(l1, row, z, d, i, j0, 3, s3, inverse);
            }
        }
        // The last columns one at a time.
        for (var j = j0; j < d; j++)
        {
            sum += Diagonal(l1[j * d + j], l2[j * d + j], out z[j]);
            for (var i = j + 1; i < d; i++)
            {
                var row = l2.Slice(i * d + j, i - j + 1);
                var v = (l1[i * d + j] - Dot(row[..^1], z[j..i])) / row[^1];
                z[i] = v;
                sum += v * v;
            }
        }
        return 0.5 * sum;
    }

    /// <summary>m = p/q and m² − 1 − log m², with t = m² − 1 formed without cancellation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Diagonal(double p, double q, out double m)
    {
        m = p / q;
        return KlMath.XmLog1p((p - q) * (p + q) / (q * q), m * m);
    }

    /// <summary>Mᵢⱼ for j = j0 + c below the block's triangle, given the shared part <paramref name="shared"/> of its dot product; returns Mᵢⱼ².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Below(ReadOnlySpan<double> l1, ReadOnlySpan<double> row, Span<double> z, int d, int i, int j0, int c, double shared, double inverse)
    {
        var j = j0 + c;
        var zc = z.Slice(c * d, d);
        var s = shared;
        for (var k = j; k < j0 + 4; k++) s += row[k] * zc[k];
        var v = (l1[i * d + j] - s) * inverse;
        zc[i] = v;
        return v * v;
    }

    /// <summary>The dot products of <paramref name="a"/> with four vectors, reading <paramref name="a"/> once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Dot4(ReadOnlySpan<double> a, ReadOnlySpan<double> b0, ReadOnlySpan<double> b1, ReadOnlySpan<double> b2, ReadOnlySpan<double> b3,
                             out double s0, out double s1, out double s2, out double s3)
    {
        var n = a.Length;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var r0 = ref MemoryMarshal.GetReference(b0);
        ref var r1 = ref MemoryMarshal.GetReference(b1);
        ref var r2 = ref MemoryMarshal.GetReference(b2);
        ref var r3 = ref MemoryMarshal.GetReference(b3);
        var i = 0;
        s0 = s1 = s2 = s3 = 0;
        var w = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i <= n - w; i += w)
            {
                var x = Vector.LoadUnsafe(ref ra, (nuint)i);
                a0 += x * Vector.LoadUnsafe(ref r0, (nuint)i);
                a1 += x * Vector.LoadUnsafe(ref r1, (nuint)i);
                a2 += x * Vector.LoadUnsafe(ref r2, (nuint)i);
                a3 += x * Vector.LoadUnsafe(ref r3, (nuint)i);
            }
            s0 = Vector.Sum(a0);
            s1 = Vector.Sum(a1);
            s2 = Vector.Sum(a2);
            s3 = Vector.Sum(a3);
        }
        for (; i < n; i++)
        {
            var x = Unsafe.Add(ref ra, i);
            s0 += x * Unsafe.Add(ref r0, i);
            s1 += x * Unsafe.Add(ref r1, i);
            s2 += x * Unsafe.Add(ref r2, i);
            s3 += x * Unsafe.Add(ref r3, i);
        }
    }

    /// <summary>Σ aᵢbᵢ over equal lengths: two vector accumulators, then a scalar tail (short rows are the common case, where a library call's dispatch would dominate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = a.Length;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0.0;
        var w = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && n >= 2 * w)
        {
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            for (; i <= n - 2 * w; i += 2 * w)
            {
                acc0 += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
                acc1 += Vector.LoadUnsafe(ref ra, (nuint)(i + w)) * Vector.LoadUnsafe(ref rb, (nuint)(i + w));
            }
            sum = Vector.Sum(acc0 + acc1);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        return sum;
    }

    private static void CheckSizes(int d, int n, ReadOnlySpan<double> mean1, ReadOnlySpan<double> matrix1, ReadOnlySpan<double> mean2, ReadOnlySpan<double> matrix2, int pairs)
    {
        if (d < 1) throw new ArgumentOutOfRangeException("dimension", d, "The dimension must be at least 1.");
        if (mean1.Length != n * d || mean2.Length != n * d)
            throw new ArgumentException("The means have " + mean1.Length + " and " + mean2.Length + " entries; " + pairs + " pair(s) of dimension " + d + " need " + (long)n * d + " each.");
        if (matrix1.Length != n * d * d || matrix2.Length != n * d * d)
            throw new ArgumentException("The matrices have " + matrix1.Length + " and " + matrix2.Length + " entries; " + pairs + " pair(s) of dimension " + d + " need " + (long)n * d * d + " each.");
    }
}

public static partial class Kl
{
    /// <summary>KL between multivariate normals of the same dimension (<see cref="MultivariateNormalKl"/>).</summary>
    public static double Divergence(MultivariateNormal p, MultivariateNormal q)
    {
        if (p.Dimension != q.Dimension) throw new ArgumentException("p has " + p.Dimension + " dimensions and q " + q.Dimension + ".", nameof(q));
        return MultivariateNormalKl.FromScaleTril(p.Mean, p.ScaleTril, q.Mean, q.ScaleTril);
    }

    public static double Divergence(LowRankMultivariateNormal p, LowRankMultivariateNormal q) => Divergence(p.Dense, q.Dense);

    public static double Divergence(MultivariateNormal p, LowRankMultivariateNormal q) => Divergence(p, q.Dense);

    public static double Divergence(LowRankMultivariateNormal p, MultivariateNormal q) => Divergence(p.Dense, q);
}
