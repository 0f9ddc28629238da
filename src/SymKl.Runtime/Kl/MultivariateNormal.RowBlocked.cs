using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SymKl.Runtime.Divergences;

/// <summary>
/// The pair kernel for larger dimensions: M = L₂⁻¹L₁ by rows, four rows at a time. Row i of M is
/// (row i of L₁ − Σ_{k&lt;i} L₂[i,k]·row k of M) / L₂[i,i]; the sum over k &lt; (first row of the block) is shared by
/// the four rows, so each vector of M loaded from memory feeds four fused multiply-adds per lane, with the partial
/// rows kept in registers (a small matrix-multiply kernel) and no horizontal sums. Rows of M are stored with zeros
/// above the diagonal, padded to a whole number of vector chunks, so chunks never need masks.
/// </summary>
public static partial class MultivariateNormalKl
{
    /// <summary>
    /// From this dimension on the row-blocked kernel is faster than the column kernel of <see cref="Pair"/> (bench
    /// <c>mvn --kernels</c>: 1.0× at d = 12, 1.15× at 16, 1.5–1.7× from 32 on).
    /// </summary>
    internal const int RowBlockedFrom = 16;

    private static int ChunkWidth => 2 * Vector<double>.Count;

    /// <summary>Whether the row-blocked kernel is used for dimension <paramref name="d"/> on this machine.</summary>
    internal static bool UsesRowBlocked(int d) => d >= RowBlockedFrom && Vector.IsHardwareAccelerated;

    /// <summary>Row stride of the scratch matrix: d rounded up to whole chunks.</summary>
    internal static int Stride(int d) => (d + ChunkWidth - 1) / ChunkWidth * ChunkWidth;

    /// <summary>Scratch the row-blocked kernel needs for dimension <paramref name="d"/>: M (d × stride), four partial rows, y.</summary>
    internal static int RowBlockedScratch(int d) => (d + 4) * Stride(d) + d;

    /// <summary>
    /// KL for one pair, d ≥ 1, with <paramref name="scratch"/> of at least <see cref="RowBlockedScratch"/> entries. Same
    /// value as <see cref="Pair"/> up to rounding (the sums run in another order).
    /// </summary>
    internal static double PairRowBlocked(int d, ReadOnlySpan<double> mean1, ReadOnlySpan<double> l1, ReadOnlySpan<double> mean2, ReadOnlySpan<double> l2, Span<double> scratch)
    {
        var ld = Stride(d);
        var m = scratch[..(d * ld)];
        var partial = scratch.Slice(d * ld, 4 * ld);
        var y = scratch.Slice((d + 4) * ld, d);

        // ‖y‖², y = L₂⁻¹(μ₁ − μ₂) by forward substitution.
        var sum = 0.0;
        for (var i = 0; i < d; i++)
        {
            var row = l2.Slice(i * d, i + 1);
            var v = (mean1[i] - mean2[i] - Dot(row[..i], y[..i])) / row[i];
            y[i] = v;
            sum += v * v;
        }

        var i0 = 0;
        for (; i0 < d; i0 += 4)
        {
            var rows = Math.Min(4, d - i0);
            // The block's rows of L₁ (lower part only: entries above the diagonal are not read), zero-padded.
            for (var r = 0; r < rows; r++)
            {
                var i = i0 + r;
                var p = partial.Slice(r * ld, ld);
                l1.Slice(i * d, i + 1).CopyTo(p);
                p[(i + 1)..].Clear();
            }
            // Rows k < i0 of M, shared by the block's rows.
            if (i0 > 0)
            {
                if (rows == 4) SubtractFourRows(m, ld, l2, d, i0, partial);
                else
                    for (var r = 0; r < rows; r++) SubtractOneRow(m, ld, l2, d, i0, i0 + r, partial.Slice(r * ld, ld));
            }
            // The triangle inside the block, row by row; then each row is final.
            for (var r = 0; r < rows; r++)
            {
                var i = i0 + r;
                var p = partial.Slice(r * ld, ld);
                for (var k = i0; k < i; k++) Axpy(-l2[i * d + k], m.Slice(k * ld, k + 1), p[..(k + 1)]);
                var inverse = 1 / l2[i * d + i];
                var target = m.Slice(i * ld, ld);
                for (var j = 0; j < i; j++) target[j] = p[j] * inverse;
                target[i..].Clear();
                sum += Dot(target[..i], target[..i]);
                sum += Diagonal(l1[i * d + i], l2[i * d + i], out target[i]);
            }
        }
        return 0.5 * sum;
    }

    /// <summary>
    /// partial[r, c..] −= Σ_{k&lt;i0} L₂[i0+r, k]·M[k, c..] for the four rows r, chunk by chunk of columns c &lt; i0 (M[k, c..]
    /// is zero for k &lt; c, so k runs from the chunk's first column).
    /// </summary>
    private static void SubtractFourRows(ReadOnlySpan<double> m, int ld, ReadOnlySpan<double> l2, int d, int i0, Span<double> partial)
    {
        var w = Vector<double>.Count;
        ref var rm = ref MemoryMarshal.GetReference(m);
        ref var rl = ref MemoryMarshal.GetReference(l2);
        ref var rp = ref MemoryMarshal.GetReference(partial);
        ref var a0 = ref Unsafe.Add(ref rl, i0 * d);
        ref var a1 = ref Unsafe.Add(ref rl, (i0 + 1) * d);
        ref var a2 = ref Unsafe.Add(ref rl, (i0 + 2) * d);
        ref var a3 = ref Unsafe.Add(ref rl, (i0 + 3) * d);
        for (var c = 0; c < i0; c += 2 * w)
        {
            var p00 = Vector.LoadUnsafe(ref rp, (nuint)c);
            var p01 = Vector.LoadUnsafe(ref rp, (nuint)(c + w));
            var p10 = Vector.LoadUnsafe(ref rp, (nuint)(ld + c));
            var p11 = Vector.LoadUnsafe(ref rp, (nuint)(ld + c + w));
            var p20 = Vector.LoadUnsafe(ref rp, (nuint)(2 * ld + c));
            var p21 = Vector.LoadUnsafe(ref rp, (nuint)(2 * ld + c + w));
            var p30 = Vector.LoadUnsafe(ref rp, (nuint)(3 * ld + c));
            var p31 = Vector.LoadUnsafe(ref rp, (nuint)(3 * ld + c + w));
            for (var k = c; k < i0; k++)
            {
                var row = (nuint)(k * ld + c);
                var x0 = Vector.LoadUnsafe(ref rm, row);
                var x1 = Vector.LoadUnsafe(ref rm, row + (nuint)w);
                // Broadcasts of −L₂[i0+r, k]: the update is a fused multiply-add.
                var b0 = new Vector<double>(-Unsafe.Add(ref a0, k));
                var b1 = new Vector<double>(-Unsafe.Add(ref a1, k));
                var b2 = new Vector<double>(-Unsafe.Add(ref a2, k));
                var b3 = new Vector<double>(-Unsafe.Add(ref a3, k));
                p00 = Vector.FusedMultiplyAdd(b0, x0, p00);
                p01 = Vector.FusedMultiplyAdd(b0, x1, p01);
                p10 = Vector.FusedMultiplyAdd(b1, x0, p10);
                p11 = Vector.FusedMultiplyAdd(b1, x1, p11);
                p20 = Vector.FusedMultiplyAdd(b2, x0, p20);
                p21 = Vector.FusedMultiplyAdd(b2, x1, p21);
                p30 = Vector.FusedMultiplyAdd(b3, x0, p30);
                p31 = Vector.FusedMultiplyAdd(b3, x1, p31);
            }
            p00.StoreUnsafe(ref rp, (nuint)c);
            p01.StoreUnsafe(ref rp, (nuint)(c + w));
            p10.StoreUnsafe(ref rp, (nuint)(ld + c));
            p11.StoreUnsafe(ref rp, (nuint)(ld + c + w));
            p20.StoreUnsafe(ref rp, (nuint)(2 * ld + c));
            p21.StoreUnsafe(ref rp, (nuint)(2 * ld + c + w));
            p30.StoreUnsafe(ref rp, (nuint)(3 * ld + c));
            p31.StoreUnsafe(ref rp, (nuint)(3 * ld + c + w));
        }
    }

    /// <summary>The same for one row i (the last rows when d is not a multiple of four).</summary>
    private static void SubtractOneRow(ReadOnlySpan<double> m, int ld, ReadOnlySpan<double> l2, int d, int i0, int i, Span<double> partial)
    {
        for (var k = 0; k < i0; k++) Axpy(-l2[i * d + k], m.Slice(k * ld, k + 1), partial[..(k + 1)]);
    }

    /// <summary>y += a·x over equal lengths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = x.Length;
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var ry = ref MemoryMarshal.GetReference(y);
        var i = 0;
        var w = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            var va = new Vector<double>(a);
            for (; i <= n - w; i += w)
                Vector.FusedMultiplyAdd(va, Vector.LoadUnsafe(ref rx, (nuint)i), Vector.LoadUnsafe(ref ry, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref ry, i) += a * Unsafe.Add(ref rx, i);
    }
}
