namespace SymKl.Vae.Regularizers;

/// <summary>No latent regulariser (the seed's "without KL" run): value 0, gradient 0.</summary>
public sealed class NoRegularizer : IVaeRegularizer
{
    public string Name => "none";

    public float ValueAndGradient(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar, Span<float> dMu, Span<float> dLogVar)
    {
        VaeRegularizers.CheckLengths(mu, logVar, dMu, dLogVar);
        dMu.Clear();
        dLogVar.Clear();
        return 0f;
    }
}
