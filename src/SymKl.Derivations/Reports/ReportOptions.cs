namespace SymKl.Derivations.Reports;

/// <summary>How a report is written. Every format reads only the options that concern it.</summary>
public sealed record ReportOptions
{
    public static readonly ReportOptions Default = new();

    /// <summary>ANSI colours in the text report (the CLI sets it when stdout is a terminal and NO_COLOR is unset).</summary>
    public bool Color { get; init; }

    /// <summary>Unsupported steps fail: error level in SARIF and GitHub annotations.</summary>
    public bool Strict { get; init; }

    /// <summary>The text report also lists proved, confirmed and skipped steps.</summary>
    public bool Verbose { get; init; }

    /// <summary>Indented JSON and SARIF (the default); compact when false.</summary>
    public bool Indented { get; init; } = true;

    /// <summary>Paths in SARIF and GitHub annotations are made relative to this folder (default: the current one).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The tool version written into SARIF; omitted when null.</summary>
    public string? ToolVersion { get; init; }

    /// <summary>
    /// Draws the table of documents that ends a text report of several, instead of the aligned plain one (the CLI
    /// draws a coloured table when standard output is a terminal); null, the default: the plain table.
    /// </summary>
    public Action<VerificationReport, TextWriter>? DocumentTable { get; init; }
}
