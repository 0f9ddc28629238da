namespace SymKl.Derivations.Matrices;

/// <summary>
/// The conditioning a letter's normal law was stated with: "" for p(x) = 𝒩(x | μ, Σ), "z" for q(x | z) = 𝒩(x | Wz, Ψ).
/// Texts write the laws of several variables with one letter (p(x), p(y | x), p(y)); a call reads as the letter's law only
/// with the conditioning that law was stated with (MatrixReader.RequireDefinedLaw).
/// </summary>
internal sealed partial class MatrixScope
{
    private readonly Dictionary<string, string> _lawConditioning = new(StringComparer.Ordinal);

    /// <summary>The conditioning of the call that stated the letter's law, or null when it was not stated by a call.</summary>
    public string? LawConditioning(string key) => _lawConditioning.TryGetValue(key, out var given) ? given : null;
}
