using System.Runtime.CompilerServices;
using System.Numerics;
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
/// the closed form evaluated in double precision. exp(logVar) − 1 − logVar is evaluated without
/// cancellation, so the KL of the prior against itself is exactly 0.
/// </summary>
public sealed class DiagonalNormalKl : IVaeRegularizer
{
    public string Name => "kl";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float ValueAndGradient(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar, Span<float> dMu, Span<float> dLogVar)
    {
        VaeRegularizers.CheckLengths(mu, logVar, dMu, dLogVar);
        mu.CopyTo(dMu);

        var n = mu.Length;
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            ref var m = ref MemoryMarshal.GetReference(mu);
            ref var lv = ref MemoryMarshal.GetReference(logVar);
            ref var g = ref MemoryMarshal.GetReference(dLogVar);
            var acc = Vector<float>.Zero;
            var half = new Vector<float>(0.5f);
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                var mv = Vector.LoadUnsafe(ref m, (nuint)i);
                RegularizerMath.ExpM1(Vector.LoadUnsafe(ref lv, (nuint)i), out var em1, out var em1MinusX);
                acc += mv * mv + em1MinusX;
                (half * em1).StoreUnsafe(ref g, (nuint)i);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < n; i++)
        {
            RegularizerMath.ExpM1(logVar[i], out var em1, out var em1MinusX);
            sum += mu[i] * mu[i] + em1MinusX;
            dLogVar[i] = 0.5f * em1;
        }

        return 0.5f * sum;
    }
}
