using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SymKl.Derivations.Reports;
using SymKl.Latex;

namespace SymKl.Derivations.Tests.Reports;

/// <summary>
/// One table describes every diagnostic: ids are unique, every id the sources use is in it, docs/diagnostics.md is
/// written from it (SYMKL_UPDATE_DOCS=1 rewrites the page), and SARIF carries a rule with help for each id it uses.
/// </summary>
public class DiagnosticTableTests
{
    private static string Root([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    [Fact]
    public void IdsAndNamesAreUniqueAndEveryEntryHasHelp()
    {
        Assert.Equal(DiagnosticTable.All.Count, DiagnosticTable.All.Select(d => d.Id).Distinct().Count());
        Assert.Equal(DiagnosticTable.All.Count, DiagnosticTable.All.Select(d => d.Name).Distinct().Count());
        foreach (var d in DiagnosticTable.All)
        {
            Assert.Matches("^SK[GA]?[0-9]{3}$", d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Title), d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Help), d.Id);
        }
    }

    [Fact]
    public void EveryIdInTheSourcesIsInTheTable()
    {
        var literal = new Regex("\"(SK[GA]?[0-9]{3})\"");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root(), "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            foreach (Match m in literal.Matches(File.ReadAllText(file)))
                if (DiagnosticTable.Find(m.Groups[1].Value) is null) missing.Add(Path.GetFileName(file) + ": " + m.Groups[1].Value);
        }
        Assert.True(missing.Count == 0, "ids used but not described in DiagnosticTable: " + string.Join(", ", missing));
    }

    /// <summary>An id is spelled once, in DiagnosticCodes; everywhere else names it (SK304 was a literal in the verifier).</summary>
    [Fact]
    public void IdsAreSpelledOnlyInDiagnosticCodes()
    {
        var literal = new Regex("\"(SK[GA]?[0-9]{3})\"");
        var home = Path.Combine("SymKl.Latex", "Diagnostics.cs");
        var spelled = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root(), "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || file.EndsWith(home, StringComparison.Ordinal)) continue;
            foreach (Match m in literal.Matches(File.ReadAllText(file))) spelled.Add(Path.GetFileName(file) + ": " + m.Groups[1].Value);
        }
        Assert.True(spelled.Count == 0, "ids written as literals instead of DiagnosticCodes constants: " + string.Join(", ", spelled));
    }

    [Fact]
    public void TheDocsPageIsWrittenFromTheTable()
    {
        var path = Path.Combine(Root(), "docs", "diagnostics.md");
        var expected = Page();
        if (Environment.GetEnvironmentVariable("SYMKL_UPDATE_DOCS") == "1") File.WriteAllText(path, expected, new UTF8Encoding(false));
        Assert.True(File.Exists(path), "docs/diagnostics.md is missing; run the tests with SYMKL_UPDATE_DOCS=1");
        Assert.Equal(expected.Replace("\r\n", "\n"), File.ReadAllText(path).Replace("\r\n", "\n"));
    }

    [Fact]
    public void SarifRulesCarryHelpForEveryWarningId()
    {
        var report = SampleReport.Create();
        var doc = report.Documents[0];
        var withCodes = new DocumentReport(doc.Path, doc.Steps,
            [new ReportWarning(3, 1, "repaired", WarningKind.Repair) { Code = DiagnosticCodes.RepairedFrac },
             new ReportWarning(5, 2, "undefined", WarningKind.Note) { Code = DiagnosticCodes.UndefinedFunction }]);
        using var json = JsonDocument.Parse(SarifReportWriter.ToString(new VerificationReport([withCodes])));
        var run = json.RootElement.GetProperty("runs")[0];
        var ids = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains(DiagnosticCodes.RepairedFrac, ids);
        Assert.Contains(DiagnosticCodes.UndefinedFunction, ids);
        Assert.All(run.GetProperty("results").EnumerateArray(), r => Assert.Contains(r.GetProperty("ruleId").GetString(), ids));
    }

    /// <summary>docs/diagnostics.md: an index table, then a section per id with its help and example.</summary>
    public static string Page()
    {
        var sb = new StringBuilder();
        sb.Append("# Diagnostics\n\n");
        sb.Append("Every id SymKl reports, written from `DiagnosticTable` (src/SymKl.Latex/DiagnosticTable.cs); SARIF rules link here.\n");
        sb.Append("SK0xx are verdicts, SK1xx repairs of damaged input, SK2xx math that cannot be read, SK3xx the verifier's remarks,\n");
        sb.Append("SK4xx the binder's, SK5xx the Markdown reader's, SKG the source generator's, SKA the analyzer's (code checked against a derivation).\n\n");
        sb.Append("| id | level | title |\n|---|---|---|\n");
        foreach (var d in DiagnosticTable.All) sb.Append("| [").Append(d.Id).Append("](#").Append(d.Anchor).Append(") | ").Append(d.Level.ToString().ToLowerInvariant()).Append(" | ").Append(d.Title.Replace("|", "\\|")).Append(" |\n");
        foreach (var d in DiagnosticTable.All)
        {
            sb.Append("\n<a id=\"").Append(d.Anchor).Append("\"></a>\n## ").Append(d.Id).Append(" ").Append(d.Name).Append("\n\n");
            sb.Append("**").Append(d.Title).Append("** (").Append(d.Level.ToString().ToLowerInvariant()).Append(")\n\n");
            sb.Append(d.Help).Append('\n');
            if (d.Example.Length > 0) sb.Append("\nExample:\n\n```text\n").Append(d.Example).Append("\n```\n");
        }
        return sb.ToString();
    }
}
