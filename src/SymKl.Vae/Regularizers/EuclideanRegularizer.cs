using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SymKl.Vae.Regularizers;

/// <summary>
/// The seed's "Euclidean" alternative to the KL term: the squared Euclidean distance between
/// each latent dimension's parameters (μ, σ²) and those of the prior, (0, 1):
/// <code>
///   E = Σᵢ μᵢ² + (σᵢ² − 1)²,   σᵢ² = exp(logVarᵢ)
///   ∂E/∂μᵢ      = 2 μᵢ
///   ∂E/∂logVarᵢ = 2 (σᵢ² − 1) σᵢ²
/// </code>
/// Like the KL it is zero exactly at the prior, but it treats the parameters as points in a flat
/// space: it has no −log σ² barrier against collapsing variances, and it pulls every code towards
/// the same point with a force that grows with the distance.
/// </summary>
public sealed class EuclideanRegularizer : IVaeRegularizer
{
    public string Name => "euclidean";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float ValueAndGradient(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar, Span<float> dMu, Span<float> dLogVar)
    {
        VaeRegularizers.CheckLengths(mu, logVar, dMu, dLogVar);
        var n = mu.Length;
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            ref var m = ref MemoryMarshal.GetReference(mu);
            ref var lv = ref MemoryMarshal.GetReference(logVar);
            ref var gm = ref MemoryMarshal.GetReference(dMu);
            ref var g = ref MemoryMarshal.GetReference(dLogVar);
            var acc = Vector<float>.Zero;
            var two = new Vector<float>(2f);
            for (; i + Vector<float>.Count <= n; i += Vector<float>.Count)
            {
                var mv = Vector.LoadUnsafe(ref m, (nuint)i);
                RegularizerMath.ExpM1(Vector.LoadUnsafe(ref lv, (nuint)i), out var em1, out _);
                acc += mv * mv + em1 * em1;
                (two * mv).StoreUnsafe(ref gm, (nuint)i);
                (two * em1 * (em1 + Vector<float>.One)).StoreUnsafe(ref g, (nuint)i);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < n; i++)
        {
            RegularizerMath.ExpM1(logVar[i], out var em1, out _);
            sum += mu[i] * mu[i] + em1 * em1;
            dMu[i] = 2f * mu[i];
            dLogVar[i] = 2f * em1 * (em1 + 1f);
        }

        return sum;
    }
}
