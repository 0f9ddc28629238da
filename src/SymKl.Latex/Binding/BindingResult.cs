using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// A kernel expression for a syntax tree, or null when something in it has no kernel meaning; the
/// diagnostics say what (errors, "unsupported: …") and what was decided on the way (warnings).
/// </summary>
public sealed class BindingResult
{
    internal BindingResult(Expr? value, IReadOnlyList<LatexDiagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics;
    }

    /// <summary>The expression; null when any error was reported (nothing is silently dropped).</summary>
    public Expr? Value { get; }

    public IReadOnlyList<LatexDiagnostic> Diagnostics { get; }

    public bool Succeeded => Value is not null;

    /// <summary>The first error's message, or null.</summary>
    public string? Problem => Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)?.Message;

    /// <summary>The warnings (decisions the binder took that a reader may want to check), each with its id and span.</summary>
    public IEnumerable<LatexDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == Severity.Warning);
}
