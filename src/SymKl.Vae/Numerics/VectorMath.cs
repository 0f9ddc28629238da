using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymKl.Vae.Numerics;

/// <summary>Fused element-wise kernels of the VAE (loss, activations), vectorised, no allocation.</summary>
internal static class VectorMath
{
    /// <summary>
    /// Bernoulli negative log-likelihood from logits, summed, and its gradient:
    /// ℓ(l, x) = softplus(l) − x·l = max(l, 0) + log1p(e^{−|l|}) − x·l,  ∂ℓ/∂l = σ(l) − x.
    /// Never forms log(σ(l)), so it neither overflows nor loses the tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double BceWithLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient)
    {
        if (targets.Length != logits.Length || gradient.Length < logits.Length)
        {
            throw new ArgumentException("Logits, targets and gradient must have the same length.");
        }

        var n = logits.Length;
        var i = 0;
        double total = 0;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            ref var lr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(logits);
            ref var xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(targets);
            ref var gr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(gradient);
            var acc = Vector512<float>.Zero;
            var one = Vector512<float>.One;
            for (; i + 16 <= n; i += 16)
            {
                var l = Vector512.LoadUnsafe(ref lr, (nuint)i);
                var x = Vector512.LoadUnsafe(ref xr, (nuint)i);
                var e = Vector512.Exp(-Vector512.Abs(l));
                var u = one + e;
                // log1p(e) accurately: log(u)·e/(u−1), or e itself when 1 + e rounds to 1.
                var log1p = Vector512.ConditionalSelect(Vector512.Equals(u, one), e, Vector512.Log(u) * e / (u - one));
                acc += Vector512.Max(l, Vector512<float>.Zero) + log1p - x * l;
                var numerator = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(l, Vector512<float>.Zero), one, e);
                (numerator / u - x).StoreUnsafe(ref gr, (nuint)i);
            }

            total = Vector512.Sum(acc);
        }

        for (; i < n; i++)
        {
            var l = logits[i];
            var x = targets[i];
            var e = MathF.Exp(-MathF.Abs(l));
            total += MathF.Max(l, 0f) + Log1P(e) - x * l;
            gradient[i] = (l >= 0 ? 1f : e) / (1f + e) - x;
        }

        return total;
    }

    /// <summary>The same loss without the gradient (evaluation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double BceWithLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets)
    {
        double total = 0;
        var i = 0;
        var n = logits.Length;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            ref var lr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(logits);
            ref var xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(targets);
            var acc = Vector512<float>.Zero;
            var one = Vector512<float>.One;
            for (; i + 16 <= n; i += 16)
            {
                var l = Vector512.LoadUnsafe(ref lr, (nuint)i);
                var x = Vector512.LoadUnsafe(ref xr, (nuint)i);
                var e = Vector512.Exp(-Vector512.Abs(l));
                var u = one + e;
                var log1p = Vector512.ConditionalSelect(Vector512.Equals(u, one), e, Vector512.Log(u) * e / (u - one));
                acc += Vector512.Max(l, Vector512<float>.Zero) + log1p - x * l;
            }

            total = Vector512.Sum(acc);
        }

        for (; i < n; i++)
        {
            var l = logits[i];
            total += MathF.Max(l, 0f) + Log1P(MathF.Exp(-MathF.Abs(l))) - targets[i] * l;
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Log1P(float e)
    {
        var u = 1f + e;
        return u == 1f ? e : MathF.Log(u) * e / (u - 1f);
    }

    /// <summary>y = f(y) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ActivateInPlace(Activation activation, Span<float> values)
    {
        switch (activation)
        {
            case Activation.Relu:
                System.Numerics.Tensors.TensorPrimitives.Max(values, 0f, values);
                break;
            case Activation.Tanh:
                System.Numerics.Tensors.TensorPrimitives.Tanh(values, values);
                break;
            case Activation.Sigmoid:
                System.Numerics.Tensors.TensorPrimitives.Sigmoid(values, values);
                break;
            case Activation.Elu:
                for (var i = 0; i < values.Length; i++)
                {
                    var v = values[i];
                    values[i] = v > 0f ? v : MathF.Exp(v) - 1f;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>gradient ⊙= f′, expressed through the activation's output y = f(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BackwardInPlace(Activation activation, ReadOnlySpan<float> output, Span<float> gradient)
    {
        var n = output.Length;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            ref var yr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(output);
            ref var gr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(gradient);
            for (; i + width <= n; i += width)
            {
                var y = Vector.LoadUnsafe(ref yr, (nuint)i);
                var g = Vector.LoadUnsafe(ref gr, (nuint)i);
                g = activation switch
                {
                    Activation.Relu => Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), g, Vector<float>.Zero),
                    Activation.Tanh => g * (Vector<float>.One - y * y),
                    Activation.Sigmoid => g * y * (Vector<float>.One - y),
                    _ => Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), g, g * (y + Vector<float>.One)),
                };
                g.StoreUnsafe(ref gr, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            var y = output[i];
            gradient[i] *= activation switch
            {
                Activation.Relu => y > 0f ? 1f : 0f,
                Activation.Tanh => 1f - y * y,
                Activation.Sigmoid => y * (1f - y),
                _ => y > 0f ? 1f : y + 1f,
            };
        }
    }
}
