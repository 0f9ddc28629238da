namespace SymKl.Derivations.Reports;

/// <summary>
/// A warning with its position in the Markdown file: 1-based <see cref="Line"/> and <see cref="Column"/>, and
/// <see cref="EndColumn"/> one past the last column it covers on that line (as in SARIF); 0 when unknown.
/// </summary>
public sealed record ReportWarning(int Line, int Column, string Message, WarningKind Kind = WarningKind.Suspicious, int EndColumn = 0)
{
    /// <summary>The text of the line the warning is on, for the underline in the text report; empty when unknown.</summary>
    public string SourceLine { get; init; } = string.Empty;

    /// <summary>The diagnostic id (an entry of <see cref="SymKl.Latex.DiagnosticTable"/>); SK003 when it has none more specific.</summary>
    public string Code { get; init; } = SymKl.Latex.DiagnosticCodes.DerivationWarning;

    /// <summary>Math that could not be read at all (a parse error): nothing of it was checked, so <c>--strict</c> fails on it.</summary>
    public bool Unreadable { get; init; }
}

/// <summary>
/// SymKl failed on a document (an internal error, a bug): where, and what went wrong. The document's steps are
/// those checked before the failure; exit code 3.
/// </summary>
public sealed record ReportError(int Line, int Column, string Message)
{
    /// <summary>The text of the line the error is on; empty when unknown.</summary>
    public string SourceLine { get; init; } = string.Empty;
}
