using SymKl.Generators.Model;
using SymKl.Symbolic;

namespace SymKl.Generators;

/// <summary>One parameter of a derivation's result: its symbol, the generated method's C# name for it, its LaTeX.</summary>
public sealed record ResultParameter(Sym Symbol, string Identifier, string Latex);

/// <summary>
/// A derivation's declared result, read and (when a verifier was given) tied to a verified step: what hand-written
/// code is compared with. <see cref="Result"/> is null when the generate block could not be read; <see cref="Errors"/>
/// says why, and also holds every refuted or unsupported step.
/// </summary>
/// <param name="Method">The generated method's name (<c>NormalNormal</c>).</param>
/// <param name="Parameters">The result's parameters in the generated method's order.</param>
/// <param name="Result">The closed form; for a sum over a dimension, its term.</param>
/// <param name="IsSum">True when the result is a sum over a dimension (the generated methods take spans).</param>
/// <param name="Assumptions">The assumptions in force at the verified step, orderings such as a₁ &lt; b₁ included (the front matter's domains when nothing was verified).</param>
/// <param name="VerifiedLine">The line of the verified step that equates the KL to the result; 0 when none was found or nothing was verified.</param>
/// <param name="Errors">The derivation's errors (refuted or unsupported steps, a malformed generate block, no verified tie).</param>
public sealed record DerivationResult(
    string Method,
    IReadOnlyList<ResultParameter> Parameters,
    Expr? Result,
    bool IsSum,
    Assumptions Assumptions,
    int VerifiedLine,
    IReadOnlyList<GeneratorMessage> Errors);
