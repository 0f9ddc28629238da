using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Reports;

/// <summary>
/// SARIF 2.1.0: one run of the tool "SymKl" with the rules SK001 (refuted step, error), SK002 (unsupported step,
/// warning; error when strict) and SK003 (warning: a repair is a note, a suspicious claim a warning).
/// Proved, confirmed and skipped steps produce no result. Artifact URIs are relative to the base directory.
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private static readonly (string Id, string Name, string Description, string Level)[] Rules =
    [
        ("SK001", "RefutedStep", "A step of a derivation is wrong: a counterexample was found.", "error"),
        ("SK002", "UnsupportedStep", "A step of a derivation could not be checked.", "warning"),
        ("SK003", "DerivationWarning", "Damaged input was repaired, or a claim looks suspicious.", "warning"),
    ];

    public static void Write(VerificationReport report, TextWriter output, ReportOptions? options = null)
    {
        options ??= ReportOptions.Default;
        var w = new JsonWriter(output, options.Indented);
        w.StartObject();
        w.Property("$schema", SchemaUri);
        w.Property("version", "2.1.0");
        w.Name("runs");
        w.StartArray();
        w.StartObject();
        WriteTool(w, options);
        w.Name("results");
        w.StartArray();
        foreach (var doc in report.Documents)
        {
            var uri = Uri(doc.Path, options.BaseDirectory);
            var results = new List<(int Line, int Column, int Order, Action Write)>();
            // Only checked statements (steps, claims, implications) are results; definitions and hypotheses never are.
            foreach (var step in doc.Steps.Where(s => StatementRoles.IsRefutable(s.Role)))
            {
                if (step.Verdict == VerdictKind.Refuted)
                    results.Add((step.Line, step.Column, 0, () => WriteResult(w, 0, "error", ReportText.Details(step), uri, step.Line, step.Column, step.EndColumn)));
                else if (step.Verdict == VerdictKind.Unsupported)
                    results.Add((step.Line, step.Column, 0, () => WriteResult(w, 1, options.Strict ? "error" : "warning", ReportText.Details(step), uri, step.Line, step.Column, step.EndColumn)));
            }
            foreach (var warning in doc.AllWarnings)
            {
                var level = warning.Kind == WarningKind.Suspicious ? "warning" : "note";
                results.Add((warning.Line, warning.Column, 1, () => WriteResult(w, 2, level, warning.Message, uri, warning.Line, warning.Column, warning.EndColumn)));
            }
            foreach (var r in results.OrderBy(r => r.Line).ThenBy(r => r.Column).ThenBy(r => r.Order)) r.Write();
        }
        w.EndArray();
        w.Property("columnKind", "utf16CodeUnits");
        w.EndObject();
        w.EndArray();
        w.EndObject();
        w.Finish();
    }

    public static string ToString(VerificationReport report, ReportOptions? options = null)
    {
        using var sw = new StringWriter();
        Write(report, sw, options);
        return sw.ToString();
    }

    /// <summary>A relative URI reference with '/' separators and percent-escaped segments, or a file URI outside the base.</summary>
    public static string Uri(string path, string? baseDirectory)
    {
        var rel = ReportText.RelativePath(path, baseDirectory);
        var rooted = rel.StartsWith("/", StringComparison.Ordinal) || (rel.Length > 1 && rel[1] == ':');
        var segments = rel.Split('/').Select((s, i) => rooted && i == 0 && s.EndsWith(":", StringComparison.Ordinal) ? s : System.Uri.EscapeDataString(s));
        var joined = string.Join("/", segments);
        if (!rooted) return joined;
        return "file://" + (joined.StartsWith("/", StringComparison.Ordinal) ? joined : "/" + joined);
    }

    private static void WriteTool(JsonWriter w, ReportOptions options)
    {
        w.Name("tool");
        w.StartObject();
        w.Name("driver");
        w.StartObject();
        w.Property("name", "SymKl");
        if (options.ToolVersion is not null) w.Property("version", options.ToolVersion);
        w.Name("rules");
        w.StartArray();
        foreach (var rule in Rules)
        {
            w.StartObject();
            w.Property("id", rule.Id);
            w.Property("name", rule.Name);
            w.Name("shortDescription");
            w.StartObject();
            w.Property("text", rule.Description);
            w.EndObject();
            w.Name("defaultConfiguration");
            w.StartObject();
            w.Property("level", rule.Level);
            w.EndObject();
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        w.EndObject();
    }

    private static void WriteResult(JsonWriter w, int rule, string level, string message, string uri, int line, int column, int endColumn)
    {
        w.StartObject();
        w.Property("ruleId", Rules[rule].Id);
        w.Property("ruleIndex", rule);
        w.Property("level", level);
        w.Name("message");
        w.StartObject();
        w.Property("text", message);
        w.EndObject();
        w.Name("locations");
        w.StartArray();
        w.StartObject();
        w.Name("physicalLocation");
        w.StartObject();
        w.Name("artifactLocation");
        w.StartObject();
        w.Property("uri", uri);
        w.EndObject();
        w.Name("region");
        w.StartObject();
        w.Property("startLine", Math.Max(1, line));
        w.Property("startColumn", Math.Max(1, column));
        if (endColumn > column) w.Property("endColumn", endColumn);
        w.EndObject();
        w.EndObject();
        w.EndObject();
        w.EndArray();
        w.EndObject();
    }
}
