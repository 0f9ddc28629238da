using SymKl.Runtime.Divergences;

namespace SymKl.Vae.Regularizers;

/// <summary>
/// KL(N(μ, diag σ²) ‖ N(0, I)) with σ² = exp(logVar), summed over dimensions:
/// <code>
///   KL = ½ Σᵢ (μᵢ² + exp(logVarᵢ) − 1 − logVarᵢ)
///   ∂KL/∂μᵢ      = μᵢ
///   ∂KL/∂logVarᵢ = ½ (exp(logVarᵢ) − 1)
/// </code>
/// Value and gradient come from the code the SymKl source generator emits for the verified derivation
/// derivations/vae-standard-normal.md (through <see cref="Kl.StandardNormalPrior(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/>):
/// the KL term the VAE trains with is exactly the one that was proved. The generated form evaluates
/// e^{lv} − 1 − lv without cancellation, so the KL of the prior against itself is exactly 0.
/// </summary>
public sealed class DiagonalNormalKl : IVaeRegularizer
{
    public string Name => "kl";

    public float ValueAndGradient(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar, Span<float> dMu, Span<float> dLogVar)
    {
        VaeRegularizers.CheckLengths(mu, logVar, dMu, dLogVar);
        return (float)Kl.StandardNormalPrior(mu, logVar, dMu, dLogVar);
    }
}
