using System.Globalization;
using System.Text;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Reports;

/// <summary>
/// The report for people, in the style of compiler messages:
/// <code>
/// post.md:12:5: refuted [step]: the two sides differ at a sample point
///     &amp;= \frac{1}{2} \log(2 \pi) + \frac{1}{2} \mu^2
///        ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
///     residue: …
///     counterexample: \mu = 0.5, \sigma = 1.3 (lhs = 1.2, rhs = 0.9)
/// post.md: 3 proved, 1 confirmed, 1 refuted, 0 unsupported, 0 skipped
/// </code>
/// Refuted steps are listed first, in full, with their role; undecided statements are counted on one line per kind of
/// reason and warnings on one line per diagnostic id (each listed in full when verbose; undecided ones also when strict,
/// where they fail); a table of documents ends a report of several. Colours (ANSI) only when asked.
/// </summary>
public static class TextReportWriter
{
    private const string Indent = "    ";

    public static void Write(VerificationReport report, TextWriter output, ReportOptions? options = null)
    {
        options ??= ReportOptions.Default;
        var c = new Palette(options.Color);
        foreach (var doc in report.Documents)
        {
            // Refuted statements come first, in full: they are what the reader must see. Then internal errors, then (verbose,
            // or strict for undecided statements) everything else in order of position; the rest is counted on one line per kind.
            foreach (var step in doc.Steps.Where(s => s.Verdict == VerdictKind.Refuted)) WriteStep(output, doc.Path, step, options, c);
            var items = new List<(int Line, int Column, int Order, Action Write)>();
            foreach (var step in doc.Steps)
            {
                var listed = step.Verdict != VerdictKind.Refuted
                    && (options.Verbose || (options.Strict && step.Verdict == VerdictKind.Unsupported));
                if (!listed) continue;
                var s = step;
                items.Add((s.Line, s.Column, 0, () => WriteStep(output, doc.Path, s, options, c)));
            }
            if (options.Verbose)
            {
                foreach (var warning in doc.AllWarnings)
                {
                    var wv = warning;
                    items.Add((wv.Line, wv.Column, 1, () => WriteWarning(output, doc.Path, wv, c)));
                }
            }
            if (doc.Error is { } error)
                items.Add((error.Line, error.Column, 2, () => WriteError(output, doc.Path, error, c)));
            foreach (var item in items.OrderBy(i => i.Line).ThenBy(i => i.Column).ThenBy(i => i.Order)) item.Write();
            if (!options.Verbose)
            {
                if (!options.Strict) WriteUndecidedSummary(output, doc, c);
                WriteWarningSummary(output, doc, c);
            }
            output.Write(c.Bold(doc.Path) + ": " + SummaryText(doc.Summary, c) + (doc.Error is null ? "" : "; " + c.Red("not fully checked (internal error)")) + "\n");
        }
        if (report.Documents.Count > 1)
        {
            if (options.DocumentTable is { } drawTable) drawTable(report, output);
            else WriteTable(output, report, c);
        }
        var total = report.Summary;
        var n = report.Documents.Count;
        output.Write(c.Bold("total") + ": " + n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " document, " : " documents, ")
            + total.Total.ToString(CultureInfo.InvariantCulture) + (total.Total == 1 ? " step: " : " steps: ") + SummaryText(total, c) + "\n");
    }

    /// <summary>"post.md: 12 statements not decided: 9 cannot be read, 3 name an undefined function; --verbose lists them".</summary>
    private static void WriteUndecidedSummary(TextWriter o, DocumentReport doc, Palette c)
    {
        var undecided = doc.Steps.Where(s => s.Verdict == VerdictKind.Unsupported).ToList();
        if (undecided.Count == 0) return;
        var kinds = undecided.GroupBy(s => UndecidedKind.Of(s.Reason)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Count().ToString(CultureInfo.InvariantCulture) + " " + g.Key);
        o.Write(c.Bold(doc.Path) + ": " + c.Yellow(undecided.Count.ToString(CultureInfo.InvariantCulture) + (undecided.Count == 1 ? " statement" : " statements") + " not decided")
            + ": " + string.Join(", ", kinds) + "; --verbose lists them\n");
    }

    /// <summary>"post.md: 5 warnings: 3 SK201 (…), 2 SK101 (…); --verbose lists them".</summary>
    private static void WriteWarningSummary(TextWriter o, DocumentReport doc, Palette c)
    {
        var warnings = doc.AllWarnings;
        if (warnings.Count == 0) return;
        var kinds = warnings.GroupBy(w => w.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Count().ToString(CultureInfo.InvariantCulture) + " " + g.Key + (SymKl.Latex.DiagnosticTable.Find(g.Key) is { } d ? " (" + d.Title + ")" : ""));
        o.Write(c.Bold(doc.Path) + ": " + c.Magenta(warnings.Count.ToString(CultureInfo.InvariantCulture) + (warnings.Count == 1 ? " warning" : " warnings"))
            + ": " + string.Join(", ", kinds) + "; --verbose lists them\n");
    }

    /// <summary>One row per document, aligned, after all documents (the reader's overview of a batch).</summary>
    private static void WriteTable(TextWriter o, VerificationReport report, Palette c)
    {
        string[] head = ["document", "proved", "confirmed", "refuted", "unsupported", "skipped"];
        var rows = report.Documents.Select(d => new[]
        {
            d.Path, N(d.Summary.Proved), N(d.Summary.Confirmed), N(d.Summary.Refuted), N(d.Summary.Unsupported), N(d.Summary.Skipped),
        }).ToList();
        var widths = head.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        o.Write(c.Bold(Row(head, widths)) + "\n");
        foreach (var (row, doc) in rows.Zip(report.Documents, (r, d) => (r, d)))
        {
            var line = Row(row, widths);
            o.Write((doc.Summary.Refuted > 0 || doc.Error is not null ? c.Red(line) : line) + "\n");
        }
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd();

    public static string ToString(VerificationReport report, ReportOptions? options = null)
    {
        using var sw = new StringWriter();
        Write(report, sw, options);
        return sw.ToString();
    }

    private static void WriteStep(TextWriter o, string path, StepReport step, ReportOptions options, Palette c)
    {
        var verdict = ReportText.VerdictName(step.Verdict);
        var coloured = step.Verdict switch
        {
            VerdictKind.Refuted => c.Red(verdict),
            VerdictKind.Unsupported => options.Strict ? c.Red(verdict) : c.Yellow(verdict),
            VerdictKind.Proved or VerdictKind.Confirmed => c.Green(verdict),
            _ => c.Dim(verdict),
        };
        o.Write(c.Bold(Location(path, step.Line, step.Column)) + " " + coloured + " [" + StatementRoles.Name(step.Role) + "]: " + Continued(ReportText.Reason(step)) + "\n");
        WriteUnderline(o, step.SourceLine, step.Column, step.EndColumn, c);
        if (!string.IsNullOrEmpty(step.Residue) && step.Verdict is VerdictKind.Refuted or VerdictKind.Unsupported && step.Residue != "0")
            o.Write(Indent + "residue: " + step.Residue + "\n");
        if (step.Counterexample.Count > 0 || step.LhsValue is not null)
        {
            var at = ReportText.Counterexample(step);
            var values = ReportText.SideValues(step);
            o.Write(Indent + "counterexample: " + (at.Length > 0 ? at : "(no symbols)") + (values.Length > 0 ? " (" + values + ")" : string.Empty) + "\n");
        }
    }

    private static void WriteWarning(TextWriter o, string path, ReportWarning w, Palette c)
    {
        var kind = w.Kind == WarningKind.Repair ? "repaired" : w.Kind == WarningKind.Note ? "note" : "warning";
        o.Write(c.Bold(Location(path, w.Line, w.Column)) + " " + c.Magenta(kind) + ": " + Continued(w.Message) + "\n");
        WriteUnderline(o, w.SourceLine, w.Column, w.EndColumn, c);
    }

    private static void WriteError(TextWriter o, string path, ReportError e, Palette c)
    {
        o.Write(c.Bold(Location(path, e.Line, e.Column)) + " " + c.Red("error") + ": " + Continued(e.Message) + "\n");
        WriteUnderline(o, e.SourceLine, e.Column, 0, c);
    }

    /// <summary>The source line, then a caret under the start column and tildes to the end column; tabs are copied so the caret lines up.</summary>
    private static void WriteUnderline(TextWriter o, string line, int column, int endColumn, Palette c)
    {
        if (string.IsNullOrEmpty(line) || column < 1) return;
        var text = line.TrimEnd('\r', '\n');
        o.Write(Indent + text + "\n");
        var start = Math.Min(column - 1, text.Length);
        var end = endColumn > column ? Math.Min(endColumn - 1, text.Length) : start + 1;
        if (end <= start) end = start + 1;
        var mark = new StringBuilder();
        for (var i = 0; i < start; i++) mark.Append(text[i] == '\t' ? '\t' : ' ');
        var under = new StringBuilder("^");
        for (var i = start + 1; i < end; i++) under.Append('~');
        o.Write(Indent + mark + c.Green(under.ToString()) + "\n");
    }

    // A message that runs over several lines keeps its later lines indented under the location.
    private static string Continued(string message) =>
        message.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", "\n" + Indent);

    private static string Location(string path, int line, int column) =>
        path + ":" + line.ToString(CultureInfo.InvariantCulture) + ":" + column.ToString(CultureInfo.InvariantCulture) + ":";

    private static string SummaryText(ReportSummary s, Palette c) =>
        Count(s.Proved, "proved", c.Green) + ", " + Count(s.Confirmed, "confirmed", c.Green) + ", "
        + Count(s.Refuted, "refuted", c.Red) + ", " + Count(s.Unsupported, "unsupported", c.Yellow) + ", "
        + Count(s.Skipped, "skipped", c.Dim);

    private static string Count(int n, string what, Func<string, string> colour)
    {
        var text = n.ToString(CultureInfo.InvariantCulture) + " " + what;
        return n > 0 ? colour(text) : text;
    }

    /// <summary>ANSI escapes when colour is on; the identity otherwise.</summary>
    private sealed class Palette(bool on)
    {
        public string Bold(string s) => Wrap("1", s);
        public string Red(string s) => Wrap("1;31", s);
        public string Green(string s) => Wrap("32", s);
        public string Yellow(string s) => Wrap("33", s);
        public string Magenta(string s) => Wrap("35", s);
        public string Dim(string s) => Wrap("2", s);

        private string Wrap(string code, string s) => on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
