using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;

namespace SymKl.Generators.Derivations;

/// <summary>Checks every step of a derivation (the document verifier; tests may substitute their own).</summary>
public interface IDerivationVerifier
{
    /// <summary>The verifier's own records of the steps: positions, the bound sides, the assumptions in force, the verdict.</summary>
    IReadOnlyList<StepResult> Verify(DerivationDocument document);
}

/// <summary>The project's document verifier: chains split into steps, each decided symbolically and numerically.</summary>
public sealed class DocumentStepVerifier : IDerivationVerifier
{
    public static readonly DocumentStepVerifier Instance = new();

    public IReadOnlyList<StepResult> Verify(DerivationDocument document)
    {
        var result = DocumentVerifier.Verify(document);
        // The compiler reports a failure of the verifier as an error of the derivation.
        if (result.InternalError is { } failure) throw new InvalidOperationException(failure.Message);
        return result.Steps;
    }
}
