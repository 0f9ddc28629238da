using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymKl.Vae.Numerics;

/// <summary>
/// Single-precision matrix products for the VAE's dense layers, on raw row-major buffers.
/// <para>
/// <see cref="MultiplyAdd"/> is the "broadcast" form C = A·B (A read with arbitrary strides, so
/// Aᵀ·B costs nothing extra; B and C rows contiguous, column count a multiple of 16): a 4-row ×
/// 64-column register tile of AVX-512 accumulators, with B blocked along k so a panel stays in L1.
/// <see cref="MultiplyTransposedAdd"/> is the "dot" form C = A·Bᵀ (both operands' rows contiguous,
/// reduction length a multiple of 16): a 4×4 tile of dot products.
/// </para>
/// Both fall back to <see cref="Vector{T}"/> and then to scalar code on hardware without AVX-512.
/// The order of every floating-point operation on one output element depends only on the shapes,
/// never on how rows are split between threads.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Column counts (and padded widths of every activation buffer) are multiples of this.</summary>
    public const int Alignment = 16;

    private const int KBlock = 128;

    private static readonly bool UseVector512 = Vector512.IsHardwareAccelerated;

    private static readonly bool UseVector = Vector.IsHardwareAccelerated && Alignment % Vector<float>.Count == 0;

    /// <summary>
    /// C[i·ldc + j] = (accumulate ? C[i·ldc + j] : bias?[j] ?? 0) + Σ_k A[i·rsA + k·csA] · B[k·ldb + j]
    /// for 0 ≤ i &lt; m, 0 ≤ j &lt; n; n must be a multiple of 16.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(int m, int n, int k, float* a, int rsA, int csA, float* b, int ldb, float* c, int ldc, float* bias, bool accumulate)
    {
        if (n % Alignment != 0)
        {
            throw new ArgumentException("The column count must be a multiple of 16.", nameof(n));
        }

        if (m <= 0 || n <= 0)
        {
            return;
        }

        if (k <= 0)
        {
            if (!accumulate)
            {
                for (var i = 0; i < m; i++)
                {
                    var row = new Span<float>(c + (long)i * ldc, n);
                    if (bias is null)
                    {
                        row.Clear();
                    }
                    else
                    {
                        new ReadOnlySpan<float>(bias, n).CopyTo(row);
                    }
                }
            }

            return;
        }

        if (UseVector512)
        {
            MultiplyAdd512(m, n, k, a, rsA, csA, b, ldb, c, ldc, bias, accumulate);
        }
        else if (UseVector)
        {
            MultiplyAddVector(m, n, k, a, rsA, csA, b, ldb, c, ldc, bias, accumulate);
        }
        else
        {
            MultiplyAddScalar(m, n, k, a, rsA, csA, b, ldb, c, ldc, bias, accumulate);
        }
    }

    /// <summary>
    /// C[i·ldc + j] = (accumulate ? C[i·ldc + j] : 0) + Σ_{k&lt;kLen} A[i·lda + k] · B[j·ldb + k]
    /// for 0 ≤ i &lt; m, 0 ≤ j &lt; n; kLen must be a multiple of 16.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyTransposedAdd(int m, int n, int kLen, float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        if (kLen % Alignment != 0)
        {
            throw new ArgumentException("The reduction length must be a multiple of 16.", nameof(kLen));
        }

        if (UseVector512)
        {
            MultiplyTransposedAdd512(m, n, kLen, a, lda, b, ldb, c, ldc, accumulate);
            return;
        }

        MultiplyTransposedAddPortable(m, n, kLen, a, lda, b, ldb, c, ldc, accumulate, UseVector);
    }

    internal static void MultiplyTransposedAddPortable(int m, int n, int kLen, float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate, bool useVector)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var dot = useVector ? DotVector(a + (long)i * lda, b + (long)j * ldb, kLen) : DotScalar(a + (long)i * lda, b + (long)j * ldb, kLen);
                var dst = c + (long)i * ldc + j;
                *dst = accumulate ? *dst + dot : dot;
            }
        }
    }

    // ---------------------------------------------------------------- AVX-512 broadcast kernel

    private interface IWidth
    {
        static abstract int Vectors { get; }
    }

    private readonly struct W1 : IWidth
    {
        public static int Vectors => 1;
    }

    private readonly struct W2 : IWidth
    {
        public static int Vectors => 2;
    }

    private readonly struct W3 : IWidth
    {
        public static int Vectors => 3;
    }

    private readonly struct W4 : IWidth
    {
        public static int Vectors => 4;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyAdd512(int m, int n, int k, float* a, int rsA, int csA, float* b, int ldb, float* c, int ldc, float* bias, bool accumulate)
    {
        for (var j0 = 0; j0 < n; j0 += 64)
        {
            var vectors = Math.Min(4, (n - j0) / 16);
            for (var k0 = 0; k0 < k; k0 += KBlock)
            {
                var kc = Math.Min(KBlock, k - k0);
                var init = !accumulate && k0 == 0;
                var bp = b + (long)k0 * ldb + j0;
                var ap = a + (long)k0 * csA;
                var cp = c + j0;
                var biasp = bias is null ? null : bias + j0;
                switch (vectors)
                {
                    case 4:
                        Panel<W4>(m, kc, ap, rsA, csA, bp, ldb, cp, ldc, biasp, init);
                        break;
                    case 3:
                        Panel<W3>(m, kc, ap, rsA, csA, bp, ldb, cp, ldc, biasp, init);
                        break;
                    case 2:
                        Panel<W2>(m, kc, ap, rsA, csA, bp, ldb, cp, ldc, biasp, init);
                        break;
                    default:
                        Panel<W1>(m, kc, ap, rsA, csA, bp, ldb, cp, ldc, biasp, init);
                        break;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Panel<TW>(int m, int kc, float* a, int rsA, int csA, float* b, int ldb, float* c, int ldc, float* bias, bool init)
        where TW : struct, IWidth
    {
        var i = 0;
        for (; i + 4 <= m; i += 4)
        {
            Tile4<TW>(kc, a + (long)i * rsA, rsA, csA, b, ldb, c + (long)i * ldc, ldc, bias, init);
        }

        for (; i < m; i++)
        {
            Tile1<TW>(kc, a + (long)i * rsA, csA, b, ldb, c + (long)i * ldc, bias, init);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile4<TW>(int kc, float* a, int rsA, int csA, float* b, int ldb, float* c, int ldc, float* bias, bool init)
        where TW : struct, IWidth
    {
        Vector512<float> c00, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30, c31 = default, c32 = default, c33 = default;
        float* c0 = c, c1 = c + ldc, c2 = c + 2 * ldc, c3 = c + 3 * ldc;
        if (init)
        {
            Vector512<float> v0, v1 = default, v2 = default, v3 = default;
            if (bias is null)
            {
                v0 = Vector512<float>.Zero;
                v1 = v0;
                v2 = v0;
                v3 = v0;
            }
            else
            {
                v0 = Vector512.Load(bias);
                if (TW.Vectors > 1) v1 = Vector512.Load(bias + 16);
                if (TW.Vectors > 2) v2 = Vector512.Load(bias + 32);
                if (TW.Vectors > 3) v3 = Vector512.Load(bias + 48);
            }

            c00 = v0; c10 = v0; c20 = v0; c30 = v0;
            c01 = v1; c11 = v1; c21 = v1; c31 = v1;
            c02 = v2; c12 = v2; c22 = v2; c32 = v2;
            c03 = v3; c13 = v3; c23 = v3; c33 = v3;
        }
        else
        {
            c00 = Vector512.Load(c0); c10 = Vector512.Load(c1); c20 = Vector512.Load(c2); c30 = Vector512.Load(c3);
            if (TW.Vectors > 1)
            {
                c01 = Vector512.Load(c0 + 16); c11 = Vector512.Load(c1 + 16); c21 = Vector512.Load(c2 + 16); c31 = Vector512.Load(c3 + 16);
            }

            if (TW.Vectors > 2)
            {
                c02 = Vector512.Load(c0 + 32); c12 = Vector512.Load(c1 + 32); c22 = Vector512.Load(c2 + 32); c32 = Vector512.Load(c3 + 32);
            }

            if (TW.Vectors > 3)
            {
                c03 = Vector512.Load(c0 + 48); c13 = Vector512.Load(c1 + 48); c23 = Vector512.Load(c2 + 48); c33 = Vector512.Load(c3 + 48);
            }
        }

        var rs2 = 2 * rsA;
        var rs3 = 3 * rsA;
        for (var kk = 0; kk < kc; kk++)
        {
            var bk = b + (long)kk * ldb;
            var ak = a + (long)kk * csA;
            var a0 = Vector512.Create(ak[0]);
            var a1 = Vector512.Create(ak[rsA]);
            var a2 = Vector512.Create(ak[rs2]);
            var a3 = Vector512.Create(ak[rs3]);
            var b0 = Vector512.Load(bk);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            if (TW.Vectors > 1)
            {
                var b1 = Vector512.Load(bk + 16);
                c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
                c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
                c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
                c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            }

            if (TW.Vectors > 2)
            {
                var b2 = Vector512.Load(bk + 32);
                c02 = Vector512.FusedMultiplyAdd(a0, b2, c02);
                c12 = Vector512.FusedMultiplyAdd(a1, b2, c12);
                c22 = Vector512.FusedMultiplyAdd(a2, b2, c22);
                c32 = Vector512.FusedMultiplyAdd(a3, b2, c32);
            }

            if (TW.Vectors > 3)
            {
                var b3 = Vector512.Load(bk + 48);
                c03 = Vector512.FusedMultiplyAdd(a0, b3, c03);
                c13 = Vector512.FusedMultiplyAdd(a1, b3, c13);
                c23 = Vector512.FusedMultiplyAdd(a2, b3, c23);
                c33 = Vector512.FusedMultiplyAdd(a3, b3, c33);
            }
        }

        c00.Store(c0); c10.Store(c1); c20.Store(c2); c30.Store(c3);
        if (TW.Vectors > 1)
        {
            c01.Store(c0 + 16); c11.Store(c1 + 16); c21.Store(c2 + 16); c31.Store(c3 + 16);
        }

        if (TW.Vectors > 2)
        {
            c02.Store(c0 + 32); c12.Store(c1 + 32); c22.Store(c2 + 32); c32.Store(c3 + 32);
        }

        if (TW.Vectors > 3)
        {
            c03.Store(c0 + 48); c13.Store(c1 + 48); c23.Store(c2 + 48); c33.Store(c3 + 48);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile1<TW>(int kc, float* a, int csA, float* b, int ldb, float* c, float* bias, bool init)
        where TW : struct, IWidth
    {
        Vector512<float> c0, c1 = default, c2 = default, c3 = default;
        if (init)
        {
            if (bias is null)
            {
                c0 = Vector512<float>.Zero;
            }
            else
            {
                c0 = Vector512.Load(bias);
                if (TW.Vectors > 1) c1 = Vector512.Load(bias + 16);
                if (TW.Vectors > 2) c2 = Vector512.Load(bias + 32);
                if (TW.Vectors > 3) c3 = Vector512.Load(bias + 48);
            }
        }
        else
        {
            c0 = Vector512.Load(c);
            if (TW.Vectors > 1) c1 = Vector512.Load(c + 16);
            if (TW.Vectors > 2) c2 = Vector512.Load(c + 32);
            if (TW.Vectors > 3) c3 = Vector512.Load(c + 48);
        }

        for (var kk = 0; kk < kc; kk++)
        {
            var bk = b + (long)kk * ldb;
            var a0 = Vector512.Create(a[(long)kk * csA]);
            c0 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(bk), c0);
            if (TW.Vectors > 1) c1 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(bk + 16), c1);
            if (TW.Vectors > 2) c2 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(bk + 32), c2);
            if (TW.Vectors > 3) c3 = Vector512.FusedMultiplyAdd(a0, Vector512.Load(bk + 48), c3);
        }

        c0.Store(c);
        if (TW.Vectors > 1) c1.Store(c + 16);
        if (TW.Vectors > 2) c2.Store(c + 32);
        if (TW.Vectors > 3) c3.Store(c + 48);
    }

    // ---------------------------------------------------------------- AVX-512 dot kernel

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyTransposedAdd512(int m, int n, int kLen, float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        var i = 0;
        for (; i + 4 <= m; i += 4)
        {
            float* a0 = a + (long)i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            var j = 0;
            for (; j + 4 <= n; j += 4)
            {
                float* b0 = b + (long)j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
                Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
                Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
                Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
                Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;
                for (var kk = 0; kk < kLen; kk += 16)
                {
                    var x0 = Vector512.Load(a0 + kk);
                    var x1 = Vector512.Load(a1 + kk);
                    var x2 = Vector512.Load(a2 + kk);
                    var x3 = Vector512.Load(a3 + kk);
                    var y = Vector512.Load(b0 + kk);
                    s00 = Vector512.FusedMultiplyAdd(x0, y, s00);
                    s10 = Vector512.FusedMultiplyAdd(x1, y, s10);
                    s20 = Vector512.FusedMultiplyAdd(x2, y, s20);
                    s30 = Vector512.FusedMultiplyAdd(x3, y, s30);
                    y = Vector512.Load(b1 + kk);
                    s01 = Vector512.FusedMultiplyAdd(x0, y, s01);
                    s11 = Vector512.FusedMultiplyAdd(x1, y, s11);
                    s21 = Vector512.FusedMultiplyAdd(x2, y, s21);
                    s31 = Vector512.FusedMultiplyAdd(x3, y, s31);
                    y = Vector512.Load(b2 + kk);
                    s02 = Vector512.FusedMultiplyAdd(x0, y, s02);
                    s12 = Vector512.FusedMultiplyAdd(x1, y, s12);
                    s22 = Vector512.FusedMultiplyAdd(x2, y, s22);
                    s32 = Vector512.FusedMultiplyAdd(x3, y, s32);
                    y = Vector512.Load(b3 + kk);
                    s03 = Vector512.FusedMultiplyAdd(x0, y, s03);
                    s13 = Vector512.FusedMultiplyAdd(x1, y, s13);
                    s23 = Vector512.FusedMultiplyAdd(x2, y, s23);
                    s33 = Vector512.FusedMultiplyAdd(x3, y, s33);
                }

                var r0 = c + (long)i * ldc + j;
                Store4(r0, Sum4(s00, s01, s02, s03), accumulate);
                Store4(r0 + ldc, Sum4(s10, s11, s12, s13), accumulate);
                Store4(r0 + 2 * ldc, Sum4(s20, s21, s22, s23), accumulate);
                Store4(r0 + 3 * ldc, Sum4(s30, s31, s32, s33), accumulate);
            }

            for (; j < n; j++)
            {
                var bj = b + (long)j * ldb;
                for (var r = 0; r < 4; r++)
                {
                    var dot = Dot512(a + (long)(i + r) * lda, bj, kLen);
                    var dst = c + (long)(i + r) * ldc + j;
                    *dst = accumulate ? *dst + dot : dot;
                }
            }
        }

        for (; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var dot = Dot512(a + (long)i * lda, b + (long)j * ldb, kLen);
                var dst = c + (long)i * ldc + j;
                *dst = accumulate ? *dst + dot : dot;
            }
        }
    }

    /// <summary>Horizontal sums of four vectors, as one 4-lane vector (lane t = Σ lanes of s_t).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Sum4(Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3)
    {
        var h0 = s0.GetLower() + s0.GetUpper();
        var h1 = s1.GetLower() + s1.GetUpper();
        var h2 = s2.GetLower() + s2.GetUpper();
        var h3 = s3.GetLower() + s3.GetUpper();
        var q0 = h0.GetLower() + h0.GetUpper();
        var q1 = h1.GetLower() + h1.GetUpper();
        var q2 = h2.GetLower() + h2.GetUpper();
        var q3 = h3.GetLower() + h3.GetUpper();
        return Vector128.Create(Vector128.Sum(q0), Vector128.Sum(q1), Vector128.Sum(q2), Vector128.Sum(q3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(float* dst, Vector128<float> values, bool accumulate)
    {
        if (accumulate)
        {
            values += Vector128.Load(dst);
        }

        values.Store(dst);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot512(float* x, float* y, int length)
    {
        var s = Vector512<float>.Zero;
        for (var kk = 0; kk < length; kk += 16)
        {
            s = Vector512.FusedMultiplyAdd(Vector512.Load(x + kk), Vector512.Load(y + kk), s);
        }

        var h = s.GetLower() + s.GetUpper();
        return Vector128.Sum(h.GetLower() + h.GetUpper());
    }

    // ---------------------------------------------------------------- portable fallbacks

    internal static void MultiplyAddVector(int m, int n, int k, float* a, int rsA, int csA, float* b, int ldb, float* c, int ldc, float* bias, bool accumulate)
    {
        var width = Vector<float>.Count;
        for (var i = 0; i < m; i++)
        {
            var crow = c + (long)i * ldc;
            if (!accumulate)
            {
                for (var j = 0; j < n; j++)
                {
                    crow[j] = bias is null ? 0f : bias[j];
                }
            }

            var arow = a + (long)i * rsA;
            for (var kk = 0; kk < k; kk++)
            {
                var av = new Vector<float>(arow[(long)kk * csA]);
                var brow = b + (long)kk * ldb;
                for (var j = 0; j < n; j += width)
                {
                    var acc = Vector.Load(crow + j);
                    Vector.FusedMultiplyAdd(av, Vector.Load(brow + j), acc).Store(crow + j);
                }
            }
        }
    }

    internal static void MultiplyAddScalar(int m, int n, int k, float* a, int rsA, int csA, float* b, int ldb, float* c, int ldc, float* bias, bool accumulate)
    {
        for (var i = 0; i < m; i++)
        {
            var crow = c + (long)i * ldc;
            if (!accumulate)
            {
                for (var j = 0; j < n; j++)
                {
                    crow[j] = bias is null ? 0f : bias[j];
                }
            }

            var arow = a + (long)i * rsA;
            for (var kk = 0; kk < k; kk++)
            {
                var av = arow[(long)kk * csA];
                var brow = b + (long)kk * ldb;
                for (var j = 0; j < n; j++)
                {
                    crow[j] = MathF.FusedMultiplyAdd(av, brow[j], crow[j]);
                }
            }
        }
    }

    private static float DotVector(float* x, float* y, int length)
    {
        var s = Vector<float>.Zero;
        for (var kk = 0; kk < length; kk += Vector<float>.Count)
        {
            s = Vector.FusedMultiplyAdd(Vector.Load(x + kk), Vector.Load(y + kk), s);
        }

        return Vector.Sum(s);
    }

    private static float DotScalar(float* x, float* y, int length)
    {
        var s = 0f;
        for (var kk = 0; kk < length; kk++)
        {
            s = MathF.FusedMultiplyAdd(x[kk], y[kk], s);
        }

        return s;
    }
}
