namespace SymKl.Derivations.Reports;

/// <summary>Writes a report in any format (what <c>symkl verify --format</c> calls).</summary>
public static class ReportWriter
{
    public static void Write(VerificationReport report, ReportFormat format, TextWriter output, ReportOptions? options = null)
    {
        if (report is null) throw new ArgumentNullException(nameof(report));
        if (output is null) throw new ArgumentNullException(nameof(output));
        switch (format)
        {
            case ReportFormat.Json: JsonReportWriter.Write(report, output, options); break;
            case ReportFormat.Sarif: SarifReportWriter.Write(report, output, options); break;
            case ReportFormat.GitHub: GitHubReportWriter.Write(report, output, options); break;
            default: TextReportWriter.Write(report, output, options); break;
        }
    }

    /// <summary>Parses a --format value: text, json, sarif, github (case-insensitive); null when unknown.</summary>
    public static ReportFormat? ParseFormat(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        "sarif" => ReportFormat.Sarif,
        "github" => ReportFormat.GitHub,
        _ => null,
    };
}
