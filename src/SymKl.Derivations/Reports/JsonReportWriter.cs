using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Reports;

/// <summary>
/// The JSON report of DESIGN.md (version 1):
/// <c>{"version":1,"documents":[{"path","steps":[{"line","column","lhs","relation","rhs","verdict","reason",
/// "residue","counterexample","lhsValue","rhsValue"}],"summary":{"proved","confirmed","refuted","unsupported"}}]}</c>.
/// Additive fields (documented in REPORTS.md): step "endColumn" and "role", summary "skipped" and "roles", and a
/// per-document "warnings" array. Numbers are in invariant culture; NaN and infinities are null, and the reason then says "undefined".
/// </summary>
public static class JsonReportWriter
{
    public static void Write(VerificationReport report, TextWriter output, ReportOptions? options = null)
    {
        options ??= ReportOptions.Default;
        var w = new JsonWriter(output, options.Indented);
        w.StartObject();
        w.Property("version", 1);
        w.Name("documents");
        w.StartArray();
        foreach (var doc in report.Documents) WriteDocument(w, doc);
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

    private static void WriteDocument(JsonWriter w, DocumentReport doc)
    {
        w.StartObject();
        w.Property("path", doc.Path);
        w.Name("steps");
        w.StartArray();
        foreach (var step in doc.Steps) WriteStep(w, step);
        w.EndArray();
        var s = doc.Summary;
        w.Name("summary");
        w.StartObject();
        w.Property("proved", s.Proved);
        w.Property("confirmed", s.Confirmed);
        w.Property("refuted", s.Refuted);
        w.Property("unsupported", s.Unsupported);
        w.Property("skipped", s.Skipped);
        w.Name("roles");
        w.StartObject();
        foreach (var role in (StatementRole[])Enum.GetValues(typeof(StatementRole)))
            w.Property(StatementRoles.Name(role), doc.Steps.Count(step => step.Role == role));
        w.EndObject();
        w.EndObject();
        w.Name("warnings");
        w.StartArray();
        foreach (var warning in doc.AllWarnings)
        {
            w.StartObject();
            w.Property("line", warning.Line);
            w.Property("column", warning.Column);
            if (warning.EndColumn > 0) w.Property("endColumn", warning.EndColumn);
            w.Property("kind", ReportText.WarningKindName(warning.Kind));
            w.Property("message", warning.Message);
            w.EndObject();
        }
        w.EndArray();
        if (doc.Error is { } error)
        {
            w.Name("error");
            w.StartObject();
            w.Property("line", error.Line);
            w.Property("column", error.Column);
            w.Property("kind", "internal");
            w.Property("message", error.Message);
            w.EndObject();
        }
        w.EndObject();
    }

    private static void WriteStep(JsonWriter w, StepReport step)
    {
        w.StartObject();
        w.Property("line", step.Line);
        w.Property("column", step.Column);
        if (step.EndColumn > 0) w.Property("endColumn", step.EndColumn);
        w.Property("lhs", step.Lhs);
        w.Property("relation", ReportText.RelationText(step.Relation));
        w.Property("rhs", step.Rhs);
        w.Property("verdict", ReportText.VerdictName(step.Verdict));
        w.Property("reason", ReportText.Reason(step));
        w.Property("residue", step.Residue);
        w.Name("counterexample");
        if (step.Counterexample.Count == 0) w.Null();
        else
        {
            w.StartObject();
            foreach (var kv in step.Counterexample) w.Property(kv.Key, kv.Value);
            w.EndObject();
        }
        w.Property("lhsValue", step.LhsValue);
        w.Property("rhsValue", step.RhsValue);
        w.Property("role", StatementRoles.Name(step.Role));
        w.EndObject();
    }
}
