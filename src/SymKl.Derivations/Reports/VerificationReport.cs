using SymKl.Symbolic;

namespace SymKl.Derivations.Reports;

/// <summary>The outcome of checking some Markdown files: what every report format writes.</summary>
public sealed record VerificationReport(IReadOnlyList<DocumentReport> Documents)
{
    public ReportSummary Summary => Documents.Aggregate(ReportSummary.Empty, (total, d) => total.Add(d.Summary));

    /// <summary>The exit code of an internal error in some document (a bug of SymKl, never a verdict).</summary>
    public const int InternalErrorExitCode = 3;

    /// <summary>
    /// 3 when SymKl failed on some document; else 1 when a step was refuted (with <paramref name="strict"/>, also
    /// when a step was unsupported or some math could not be read at all); 0 otherwise.
    /// </summary>
    public int ExitCode(bool strict = false)
    {
        if (Documents.Any(d => d.Error is not null)) return InternalErrorExitCode;
        return Documents.Any(d => d.Steps.Any(s => s.Verdict == VerdictKind.Refuted || (strict && s.Verdict == VerdictKind.Unsupported))
            || (strict && d.AllWarnings.Any(w => w.Unreadable))) ? 1 : 0;
    }
}
