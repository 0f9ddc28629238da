using SymKl.Symbolic;

namespace SymKl.Generators.Emit;

/// <summary>One parameter of a generated method: its symbol in the derivation, its C# name, its LaTeX.</summary>
internal sealed record EmitParameter(Sym Symbol, string Identifier, string Latex);

/// <summary>Everything the emitter needs for one verified derivation.</summary>
internal sealed class EmitRequest
{
    public required string Method { get; init; }
    public required string Title { get; init; }

    /// <summary>The namespace of the generated class (<see cref="GeneratorNames.NamespaceFor"/>).</summary>
    public string Namespace { get; init; } = GeneratorNames.RuntimeNamespace;

    /// <summary>The derivation's path as cited in documentation ("derivations/normal-normal.md").</summary>
    public required string SourceFile { get; init; }

    /// <summary>The line of the verified step that ties the KL to the result (0 when not known).</summary>
    public int VerifiedLine { get; init; }

    /// <summary>The line of the result in the front matter.</summary>
    public int ResultLine { get; init; }

    public required IReadOnlyList<EmitParameter> Parameters { get; init; }

    /// <summary>The verified closed form; for a sum, the summand (one dimension's term).</summary>
    public required Expr Result { get; init; }

    public required string ResultLatex { get; init; }

    /// <summary>The derivation's own careful form of the result (with <see cref="Markers"/>), when it gives one.</summary>
    public Expr? Careful { get; init; }

    public string? CarefulLatex { get; init; }

    /// <summary>The summation index when the result is Σ over a dimension (parameters are then spans).</summary>
    public string? SumIndex { get; init; }

    public bool IsSum => SumIndex is not null;

    /// <summary>Conditions for a finite KL; where one fails the generated code returns +∞.</summary>
    public IReadOnlyList<Constraint> FiniteWhen { get; init; } = [];

    public IReadOnlyList<string> FiniteWhenLatex { get; init; } = [];

    /// <summary>The document's assumptions as the verifier reads them (domains, orderings such as a₁ &lt; b₁, bounds), respected by the self-check's sample points.</summary>
    public Assumptions Assumptions { get; init; } = Assumptions.Default;
}

/// <summary>The emitted source of one derivation and what the emitter noted while making it.</summary>
internal sealed record EmitResult(string Source, string CarefulLatex, bool Vectorized, IReadOnlyList<string> Notes);
