namespace SymKl.Derivations.Reports;

/// <summary>The steps of one Markdown file and the warnings that belong to no step.</summary>
public sealed record DocumentReport(string Path, IReadOnlyList<StepReport> Steps, IReadOnlyList<ReportWarning> Warnings)
{
    public DocumentReport(string path, IReadOnlyList<StepReport> steps)
        : this(path, steps, [])
    {
    }

    public ReportSummary Summary => ReportSummary.Of(Steps);

    /// <summary>An internal error of SymKl on this document (its other steps were not checked); null normally.</summary>
    public ReportError? Error { get; init; }

    /// <summary>Document warnings and every step's warnings, by position.</summary>
    public IReadOnlyList<ReportWarning> AllWarnings =>
        Warnings.Concat(Steps.SelectMany(s => s.Warnings)).OrderBy(w => w.Line).ThenBy(w => w.Column).ToList();
}
