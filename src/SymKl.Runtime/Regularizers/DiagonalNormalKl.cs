using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace SymKl.Runtime.Regularizers;

/// <summary>
/// KL(N(μ, diag σ²) ‖ N(0, I)) with σ² = exp(logVar), summed over dimensions:
/// <code>
///   KL = ½ Σᵢ (μᵢ² + exp(logVarᵢ) − 1 − logVarᵢ)
///   ∂KL/∂μᵢ      = μᵢ
///   ∂KL/∂logVarᵢ = ½ (exp(logVarᵢ) − 1)
/// </code>
/// This hand-written implementation is a placeholder: it is to be replaced by the value and
/// gradient methods that the SymKl source generator emits from the project's verified derivation
/// of the Gaussian KL divergence. Until then it is tested against finite differences and against
/// the closed form evaluated in double precision.
/// </summary>
public sealed class DiagonalNormalKl : IVaeRegularizer
{
    public string Name => "kl";

    public float ValueAndGradient(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar, Span<float> dMu, Span<float> dLogVar)
    {
        VaeRegularizers.CheckLengths(mu, logVar, dMu, dLogVar);

        // dLogVar ← exp(logVar) first; the fused loop below turns it into the gradient.
        TensorPrimitives.Exp(logVar, dLogVar);
        mu.CopyTo(dMu);

        var n = mu.Length;
        var i = 0;
        var sum = 0f;
        ref var m = ref MemoryMarshal.GetReference(mu);
        ref var lv = ref MemoryMarshal.GetReference(logVar);
        ref var g = ref MemoryMarshal.GetReference(dLogVar);
        if (Vector.IsHardwareAccelerated)
        {
            var acc = Vector<float>.Zero;
            var half = new Vector<float>(0.5f);
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                var mv = Vector.LoadUnsafe(ref m, (nuint)i);
                var lvv = Vector.LoadUnsafe(ref lv, (nuint)i);
                var em1 = Vector.LoadUnsafe(ref g, (nuint)i) - Vector<float>.One;
                acc += mv * mv + (em1 - lvv);
                (half * em1).StoreUnsafe(ref g, (nuint)i);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < n; i++)
        {
            var em1 = dLogVar[i] - 1f;
            sum += mu[i] * mu[i] + (em1 - logVar[i]);
            dLogVar[i] = 0.5f * em1;
        }

        return 0.5f * sum;
    }
}
