namespace SymKl.Vae.Regularizers;

/// <summary>
/// The latent regulariser R(μ, log σ²) of a VAE whose encoder outputs a diagonal Gaussian
/// q(z|x) = N(μ, diag(exp(logVar))). Implementations sum over every element of the spans (all
/// latent dimensions of all images of a batch) and write the gradient of that sum.
/// </summary>
public interface IVaeRegularizer
{
    /// <summary>Name used on the command line and in metrics (kl, none, euclidean).</summary>
    string Name { get; }

    /// <summary>
    /// Returns Σ R(μᵢ, logVarᵢ) and overwrites <paramref name="dMu"/> and <paramref name="dLogVar"/>
    /// with ∂R/∂μᵢ and ∂R/∂logVarᵢ. All four spans have the same length. Must not allocate.
    /// </summary>
    float ValueAndGradient(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar, Span<float> dMu, Span<float> dLogVar);
}

/// <summary>Which regulariser a VAE is trained with.</summary>
public enum RegularizerKind
{
    /// <summary>KL(N(μ, σ²) ‖ N(0, 1)) per latent dimension: the VAE's ELBO.</summary>
    Kl,

    /// <summary>No regulariser: a plain (noisy) autoencoder.</summary>
    None,

    /// <summary>Squared Euclidean distance of (μ, σ²) from (0, 1).</summary>
    Euclidean,
}

public static class VaeRegularizers
{
    public static IVaeRegularizer Create(RegularizerKind kind) => kind switch
    {
        RegularizerKind.Kl => new DiagonalNormalKl(),
        RegularizerKind.None => new NoRegularizer(),
        RegularizerKind.Euclidean => new EuclideanRegularizer(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string ToName(this RegularizerKind kind) => kind switch
    {
        RegularizerKind.Kl => "kl",
        RegularizerKind.None => "none",
        RegularizerKind.Euclidean => "euclidean",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string text, out RegularizerKind kind)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "kl":
                kind = RegularizerKind.Kl;
                return true;
            case "none":
                kind = RegularizerKind.None;
                return true;
            case "euclidean":
                kind = RegularizerKind.Euclidean;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    internal static void CheckLengths(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar, Span<float> dMu, Span<float> dLogVar)
    {
        if (logVar.Length != mu.Length || dMu.Length != mu.Length || dLogVar.Length != mu.Length)
        {
            throw new ArgumentException("mu, logVar, dMu and dLogVar must have the same length.");
        }
    }
}
