using SymKl.Symbolic;

namespace SymKl.Derivations.Reports;

/// <summary>The outcome of checking some Markdown files: what every report format writes.</summary>
public sealed record VerificationReport(IReadOnlyList<DocumentReport> Documents)
{
    public ReportSummary Summary => Documents.Aggregate(ReportSummary.Empty, (total, d) => total.Add(d.Summary));

    /// <summary>0 when nothing was refuted (and, with <paramref name="strict"/>, nothing was unsupported); 1 otherwise.</summary>
    public int ExitCode(bool strict = false) =>
        Documents.Any(d => d.Steps.Any(s => s.Verdict == VerdictKind.Refuted || (strict && s.Verdict == VerdictKind.Unsupported))) ? 1 : 0;
}
