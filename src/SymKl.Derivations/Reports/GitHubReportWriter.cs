using System.Globalization;
using System.Text;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Reports;

/// <summary>
/// GitHub Actions workflow commands, one per line:
/// <c>::error file=docs/kl.md,line=12,col=5,endColumn=40,title=SymKl refuted::refuted: …</c>.
/// Refuted steps are errors; unsupported steps warnings (errors when strict); repairs notices; suspicious
/// claims warnings. Message data escapes % CR LF; properties also escape : and , (as the runner requires).
/// endColumn is inclusive here (the last column), as GitHub reads it.
/// </summary>
public static class GitHubReportWriter
{
    public static void Write(VerificationReport report, TextWriter output, ReportOptions? options = null)
    {
        options ??= ReportOptions.Default;
        foreach (var doc in report.Documents)
        {
            var file = ReportText.RelativePath(doc.Path, options.BaseDirectory);
            var lines = new List<(int Line, int Column, int Order, string Text)>();
            // Only checked statements (steps, claims, implications) are results; definitions and hypotheses never are.
            foreach (var step in doc.Steps.Where(s => StatementRoles.IsRefutable(s.Role)))
            {
                if (step.Verdict == VerdictKind.Refuted)
                    lines.Add((step.Line, step.Column, 0, Command("error", file, step.Line, step.Column, step.EndColumn, "SymKl refuted", ReportText.Details(step))));
                else if (step.Verdict == VerdictKind.Unsupported)
                    lines.Add((step.Line, step.Column, 0, Command(options.Strict ? "error" : "warning", file, step.Line, step.Column, step.EndColumn, "SymKl unsupported", ReportText.Details(step))));
            }
            foreach (var w in doc.AllWarnings)
            {
                var command = w.Unreadable && options.Strict ? "error" : w.Kind == WarningKind.Suspicious ? "warning" : "notice";
                var title = w.Kind == WarningKind.Repair ? "SymKl repair" : w.Kind == WarningKind.Suspicious ? "SymKl warning" : "SymKl note";
                lines.Add((w.Line, w.Column, 1, Command(command, file, w.Line, w.Column, w.EndColumn, title, w.Message)));
            }
            if (doc.Error is { } error)
                lines.Add((error.Line, error.Column, 2, Command("error", file, error.Line, error.Column, 0, "SymKl internal error", error.Message)));
            foreach (var l in lines.OrderBy(l => l.Line).ThenBy(l => l.Column).ThenBy(l => l.Order)) output.Write(l.Text + "\n");
        }
    }

    public static string ToString(VerificationReport report, ReportOptions? options = null)
    {
        using var sw = new StringWriter();
        Write(report, sw, options);
        return sw.ToString();
    }

    private static string Command(string command, string file, int line, int column, int endColumn, string title, string message)
    {
        var sb = new StringBuilder("::").Append(command).Append(' ');
        sb.Append("file=").Append(EscapeProperty(file));
        sb.Append(",line=").Append(Math.Max(1, line).ToString(CultureInfo.InvariantCulture));
        sb.Append(",col=").Append(Math.Max(1, column).ToString(CultureInfo.InvariantCulture));
        if (endColumn > column + 1) sb.Append(",endColumn=").Append((endColumn - 1).ToString(CultureInfo.InvariantCulture));
        sb.Append(",title=").Append(EscapeProperty(title));
        sb.Append("::").Append(EscapeData(message));
        return sb.ToString();
    }

    /// <summary>Escapes the message part of a workflow command.</summary>
    public static string EscapeData(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>Escapes a property value of a workflow command.</summary>
    public static string EscapeProperty(string s) => EscapeData(s).Replace(":", "%3A").Replace(",", "%2C");
}
