namespace SymKl.Derivations.Reports;

/// <summary>The output formats of <c>symkl verify --format</c>.</summary>
public enum ReportFormat
{
    Text,
    Json,
    Sarif,
    GitHub,
}
