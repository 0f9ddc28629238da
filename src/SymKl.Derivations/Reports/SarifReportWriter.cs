using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Symbolic;

namespace SymKl.Derivations.Reports;

/// <summary>
/// SARIF 2.1.0: one run of the tool "SymKl". Refuted steps are SK001 (error), unsupported steps SK002 (warning;
/// error when strict), and every warning carries its own diagnostic id. The run's rules are the ids it uses, each
/// written from <see cref="DiagnosticTable"/> with its title, help text and help page. Proved, confirmed and skipped
/// steps produce no result. Artifact URIs are relative to the base directory.
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(VerificationReport report, TextWriter output, ReportOptions? options = null)
    {
        options ??= ReportOptions.Default;
        var results = new List<(string RuleId, string Level, string Message, string Uri, int Line, int Column, int EndColumn)>();
        foreach (var doc in report.Documents)
        {
            var uri = Uri(doc.Path, options.BaseDirectory);
            var ofDocument = new List<(int Line, int Column, int Order, (string, string, string, string, int, int, int) Result)>();
            // Only checked statements (steps, claims, implications) are results; definitions and hypotheses never are.
            foreach (var step in doc.Steps.Where(s => StatementRoles.IsRefutable(s.Role)))
            {
                if (step.Verdict == VerdictKind.Refuted)
                    ofDocument.Add((step.Line, step.Column, 0, (DiagnosticCodes.RefutedStep, "error", ReportText.Details(step), uri, step.Line, step.Column, step.EndColumn)));
                else if (step.Verdict == VerdictKind.Unsupported)
                    ofDocument.Add((step.Line, step.Column, 0, (DiagnosticCodes.UnsupportedStep, options.Strict ? "error" : "warning", ReportText.Details(step), uri, step.Line, step.Column, step.EndColumn)));
            }
            foreach (var warning in doc.AllWarnings)
            {
                var level = warning.Unreadable && options.Strict ? "error" : warning.Kind == WarningKind.Suspicious ? "warning" : "note";
                var id = DiagnosticTable.Find(warning.Code) is null ? DiagnosticCodes.DerivationWarning : warning.Code;
                ofDocument.Add((warning.Line, warning.Column, 1, (id, level, warning.Message, uri, warning.Line, warning.Column, warning.EndColumn)));
            }
            if (doc.Error is { } error)
                ofDocument.Add((error.Line, error.Column, 2, (DiagnosticCodes.DocumentFailed, "error", error.Message, uri, error.Line, error.Column, 0)));
            results.AddRange(ofDocument.OrderBy(r => r.Line).ThenBy(r => r.Column).ThenBy(r => r.Order).Select(r => r.Result));
        }
        var rules = results.Select(r => r.RuleId).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal)
            .Select(id => DiagnosticTable.Find(id)!).ToList();
        var index = rules.Select((rule, i) => (rule.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        var w = new JsonWriter(output, options.Indented);
        w.StartObject();
        w.Property("$schema", SchemaUri);
        w.Property("version", "2.1.0");
        w.Name("runs");
        w.StartArray();
        w.StartObject();
        WriteTool(w, options, rules);
        w.Name("results");
        w.StartArray();
        foreach (var r in results) WriteResult(w, r.RuleId, index[r.RuleId], r.Level, r.Message, r.Uri, r.Line, r.Column, r.EndColumn);
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

    private static void WriteTool(JsonWriter w, ReportOptions options, IReadOnlyList<DiagnosticDescriptor> rules)
    {
        w.Name("tool");
        w.StartObject();
        w.Name("driver");
        w.StartObject();
        w.Property("name", "SymKl");
        if (options.ToolVersion is not null) w.Property("version", options.ToolVersion);
        w.Name("rules");
        w.StartArray();
        foreach (var rule in rules)
        {
            w.StartObject();
            w.Property("id", rule.Id);
            w.Property("name", rule.Name);
            w.Name("shortDescription");
            w.StartObject();
            w.Property("text", rule.Title);
            w.EndObject();
            w.Name("fullDescription");
            w.StartObject();
            w.Property("text", rule.Help);
            w.EndObject();
            w.Name("help");
            w.StartObject();
            w.Property("text", rule.Help + (rule.Example.Length > 0 ? " Example: " + rule.Example : ""));
            w.EndObject();
            w.Property("helpUri", rule.HelpUri);
            w.Name("defaultConfiguration");
            w.StartObject();
            w.Property("level", Level(rule.Level));
            w.EndObject();
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        w.EndObject();
    }

    private static string Level(DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        _ => "note",
    };

    private static void WriteResult(JsonWriter w, string ruleId, int ruleIndex, string level, string message, string uri, int line, int column, int endColumn)
    {
        w.StartObject();
        w.Property("ruleId", ruleId);
        w.Property("ruleIndex", ruleIndex);
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
