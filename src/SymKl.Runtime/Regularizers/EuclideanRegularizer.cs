using System.Numerics.Tensors;

namespace SymKl.Runtime.Regularizers;

/// <summary>
/// The seed's "Euclidean" alternative to the KL term: the squared Euclidean distance between
/// each latent dimension's parameters (μ, σ²) and those of the prior, (0, 1):
/// <code>
///   E = Σᵢ μᵢ² + (σᵢ² − 1)²,   σᵢ² = exp(logVarᵢ)
///   ∂E/∂μᵢ      = 2 μᵢ
///   ∂E/∂logVarᵢ = 2 (σᵢ² − 1) σᵢ²
/// </code>
/// Like the KL it is zero exactly at the prior, but it treats the parameters as points in a flat
/// space: it has no −log σ² barrier, and it pulls every code towards the same point.
/// </summary>
public sealed class EuclideanRegularizer : IVaeRegularizer
{
    public string Name => "euclidean";

    public float ValueAndGradient(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar, Span<float> dMu, Span<float> dLogVar)
    {
        VaeRegularizers.CheckLengths(mu, logVar, dMu, dLogVar);
        var value = TensorPrimitives.SumOfSquares(mu);
        TensorPrimitives.Multiply(mu, 2f, dMu);

        // dLogVar ← σ², then (σ² − 1), accumulate (σ² − 1)², then 2(σ² − 1)σ² = 2(σ² − 1)² + 2(σ² − 1).
        TensorPrimitives.Exp(logVar, dLogVar);
        TensorPrimitives.Subtract(dLogVar, 1f, dLogVar);
        value += TensorPrimitives.SumOfSquares(dLogVar);
        TensorPrimitives.FusedMultiplyAdd(dLogVar, dLogVar, dLogVar, dLogVar);
        TensorPrimitives.Multiply(dLogVar, 2f, dLogVar);
        return value;
    }
}
