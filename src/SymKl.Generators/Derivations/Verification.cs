using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Generators.Derivations;

/// <summary>One checked step of a derivation, as the generator needs it: where it is, what it says, the verdict.</summary>
public sealed record CheckedStep(int Line, int Column, int EndLine, int EndColumn, string Lhs, string Relation, string Rhs, VerdictKind Verdict, string Reason);

/// <summary>Checks every step of a derivation (the document verifier; tests may substitute their own).</summary>
public interface IDerivationVerifier
{
    IReadOnlyList<CheckedStep> Verify(DerivationDocument document);
}

/// <summary>The project's document verifier: chains split into steps, each decided symbolically and numerically.</summary>
public sealed class DocumentStepVerifier : IDerivationVerifier
{
    public static readonly DocumentStepVerifier Instance = new();

    public IReadOnlyList<CheckedStep> Verify(DerivationDocument document)
    {
        var result = DocumentVerifier.Verify(document);
        // The compiler reports a failure of the verifier as an error of the derivation (SKG001).
        if (result.InternalError is { } failure) throw new InvalidOperationException(failure.Message);
        return result.Steps
            .Select(s => new CheckedStep(s.RhsStart.Line, s.RhsStart.Column, s.End.Line, s.End.Column, s.Lhs, s.Relation, s.Rhs, s.Verdict.Kind, s.Verdict.Reason))
            .ToList();
    }
}
