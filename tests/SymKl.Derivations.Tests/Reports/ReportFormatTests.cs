using System.Text.Json;
using SymKl.Derivations.Reports;
using StatementRole = SymKl.Derivations.Verification.StatementRole;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Reports;

public class ReportFormatTests
{
    private static readonly ReportOptions Options = new() { BaseDirectory = Directory.GetCurrentDirectory(), ToolVersion = "0.1.0" };

    [Fact]
    public void Text_Golden() => GoldenFile.AssertMatches("report.txt", TextReportWriter.ToString(SampleReport.Create(), Options));

    [Fact]
    public void TextVerbose_Golden() => GoldenFile.AssertMatches("report-verbose.txt", TextReportWriter.ToString(SampleReport.Create(), Options with { Verbose = true }));

    [Fact]
    public void TextColour_Golden() => GoldenFile.AssertMatches("report-color.txt", TextReportWriter.ToString(SampleReport.Create(), Options with { Color = true }));

    [Fact]
    public void Json_Golden() => GoldenFile.AssertMatches("report.json", JsonReportWriter.ToString(SampleReport.Create(), Options));

    [Fact]
    public void Sarif_Golden() => GoldenFile.AssertMatches("report.sarif", SarifReportWriter.ToString(SampleReport.Create(), Options));

    [Fact]
    public void GitHub_Golden() => GoldenFile.AssertMatches("report.github.txt", GitHubReportWriter.ToString(SampleReport.Create(), Options));

    [Fact]
    public void GitHubStrict_Golden() => GoldenFile.AssertMatches("report-strict.github.txt", GitHubReportWriter.ToString(SampleReport.Create(), Options with { Strict = true }));

    [Fact]
    public void Text_NoColourUnlessAsked()
    {
        Assert.DoesNotContain("\u001b[", TextReportWriter.ToString(SampleReport.Create(), Options));
        Assert.Contains("\u001b[1;31mrefuted\u001b[0m", TextReportWriter.ToString(SampleReport.Create(), Options with { Color = true }));
    }

    [Fact]
    public void Json_FollowsTheSchema()
    {
        using var doc = JsonDocument.Parse(JsonReportWriter.ToString(SampleReport.Create(), Options with { Indented = false }));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var d = root.GetProperty("documents")[0];
        Assert.Equal("docs/kl gaussian.md", d.GetProperty("path").GetString());
        var step = d.GetProperty("steps")[0];
        Assert.Equal(["line", "column", "endColumn", "lhs", "relation", "rhs", "verdict", "reason", "residue", "counterexample", "lhsValue", "rhsValue", "role"],
            step.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(12, step.GetProperty("line").GetInt32());
        Assert.Equal(4, step.GetProperty("column").GetInt32());
        Assert.Equal("=", step.GetProperty("relation").GetString());
        Assert.Equal("refuted", step.GetProperty("verdict").GetString());
        Assert.Equal(0.5, step.GetProperty("counterexample").GetProperty("\\mu").GetDouble());
        Assert.Equal(1.0439385332046727, step.GetProperty("rhsValue").GetDouble());
        var nan = d.GetProperty("steps")[3];
        Assert.Equal(JsonValueKind.Null, nan.GetProperty("rhsValue").ValueKind);
        Assert.Contains("undefined", nan.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("steps")[1].GetProperty("counterexample").ValueKind);
        var summary = d.GetProperty("summary");
        Assert.Equal((2, 2, 2, 1), (summary.GetProperty("proved").GetInt32(), summary.GetProperty("confirmed").GetInt32(), summary.GetProperty("refuted").GetInt32(), summary.GetProperty("unsupported").GetInt32()));
        Assert.Equal(2, d.GetProperty("warnings").GetArrayLength());
        Assert.Equal("step", step.GetProperty("role").GetString());
        Assert.Equal("hypothesis", d.GetProperty("steps")[8].GetProperty("role").GetString());
        var roles = summary.GetProperty("roles");
        Assert.Equal(["step", "definition", "hypothesis", "implication", "claim", "remark"], roles.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal((8, 1, 1), (roles.GetProperty("step").GetInt32(), roles.GetProperty("definition").GetInt32(), roles.GetProperty("hypothesis").GetInt32()));
        Assert.Equal(">=", d.GetProperty("steps")[6].GetProperty("relation").GetString());
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ slash /")]
    [InlineData("\u0000\u0001\u001f\u007f\b\f\n\r\t")]
    [InlineData("\u2028\u2029 ∫ σ² 𝒩 é")]
    [InlineData("lone \ud800 high and \udc00 low")]
    public void Json_EscapesAnyString(string s)
    {
        var report = new VerificationReport([new DocumentReport(s, [new StepReport { Lhs = s, Rhs = s, Reason = s, Counterexample = [new(s, double.PositiveInfinity)] }])]);
        var json = JsonReportWriter.ToString(report);
        foreach (var c in json) Assert.False(c < 0x20 && c != '\n', "raw control character in JSON");
        using var doc = JsonDocument.Parse(json);
        var step = doc.RootElement.GetProperty("documents")[0].GetProperty("steps")[0];
        if (!s.Contains("lone", StringComparison.Ordinal)) Assert.Equal(s, step.GetProperty("lhs").GetString());
        Assert.Equal(JsonValueKind.Null, step.GetProperty("counterexample").EnumerateObject().First().Value.ValueKind);
    }

    [Fact]
    public void Json_NumbersAreInvariant()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            // A culture with a decimal comma and another minus sign (named cultures are unavailable in invariant mode).
            var culture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.NumberDecimalSeparator = ",";
            culture.NumberFormat.NegativeSign = "\u2212";
            Thread.CurrentThread.CurrentCulture = culture;
            var report = new VerificationReport([new DocumentReport("a.md", [new StepReport { Verdict = VerdictKind.Refuted, Counterexample = [new("x", 1.5)], LhsValue = -0.25, RhsValue = 1e-300 }])]);
            var json = JsonReportWriter.ToString(report, new ReportOptions { Indented = false });
            Assert.Contains("\"x\":1.5", json);
            Assert.Contains("\"lhsValue\":-0.25", json);
            Assert.Contains("\"rhsValue\":1E-300", json);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Sarif_HasTheRequiredShape()
    {
        using var doc = JsonDocument.Parse(SarifReportWriter.ToString(SampleReport.Create(), Options));
        var root = doc.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.StartsWith("https://", root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("SymKl", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["SK001", "SK002", "SK003"], rules.Select(r => r.GetProperty("id").GetString()!).ToArray());
        foreach (var rule in rules)
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("help").GetProperty("text").GetString()));
            Assert.StartsWith("docs/diagnostics.md#sk", rule.GetProperty("helpUri").GetString());
        }
        var results = run.GetProperty("results").EnumerateArray().ToList();
        foreach (var r in results)
            Assert.Equal(r.GetProperty("ruleId").GetString(), rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        Assert.Equal(["warning", "error", "error", "warning", "note"], results.Select(r => r.GetProperty("level").GetString()!).ToArray());
        var loc = results[1].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("docs/kl%20gaussian.md", loc.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var region = loc.GetProperty("region");
        Assert.Equal((12, 4, 46), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endColumn").GetInt32()));
    }

    [Theory]
    [InlineData(StatementRole.Definition)]
    [InlineData(StatementRole.Hypothesis)]
    [InlineData(StatementRole.Remark)]
    public void OnlyCheckedStatementsBecomeSarifResultsAndAnnotations(StatementRole role)
    {
        // Even a statement whose verdict would be an error is not one when its role is not a checked one.
        var statement = new StepReport { Path = "a.md", Line = 3, Column = 1, Lhs = "x", Rhs = "0", Relation = Relation.Greater, Verdict = VerdictKind.Refuted, Role = role, Reason = "r" };
        var claim = statement with { Line = 4, Role = StatementRole.Claim };
        var report = new VerificationReport([new DocumentReport("a.md", [statement, claim])]);
        using var sarif = JsonDocument.Parse(SarifReportWriter.ToString(report, Options with { Strict = true }));
        var lines = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal([4], lines);
        var github = GitHubReportWriter.ToString(report, Options with { Strict = true }).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["line=4"], github.Select(l => l.Split(',')[1]));
    }

    [Fact]
    public void Sarif_UriOutsideTheBaseIsAFileUri()
    {
        var tmp = Path.GetTempPath();
        var uri = SarifReportWriter.Uri(Path.Combine(tmp, "b", "x y.md"), Path.Combine(tmp, "a"));
        Assert.StartsWith("file:///", uri);
        Assert.EndsWith("/b/x%20y.md", uri);
        Assert.Equal("sub/x.md", SarifReportWriter.Uri(Path.Combine(tmp, "a", "sub", "x.md"), Path.Combine(tmp, "a")));
    }

    [Theory]
    [InlineData("a%b\r\nc", "a%25b%0D%0Ac")]
    public void GitHub_EscapesData(string input, string expected) => Assert.Equal(expected, GitHubReportWriter.EscapeData(input));

    [Theory]
    [InlineData("C:\\docs,a:b%\n", "C%3A\\docs%2Ca%3Ab%25%0A")]
    public void GitHub_EscapesProperties(string input, string expected) => Assert.Equal(expected, GitHubReportWriter.EscapeProperty(input));

    [Fact]
    public void GitHub_EveryCommandIsOneLine()
    {
        var lines = GitHubReportWriter.ToString(SampleReport.Create(), Options).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.Matches("^::(error|warning|notice) file=[^,:]+,line=\\d+,col=\\d+(,endColumn=\\d+)?,title=[^,:]+::", l));
        Assert.StartsWith("::error file=docs/kl gaussian.md,line=12,col=4,endColumn=45,title=SymKl refuted::refuted: the two sides differ", lines[1]);
    }

    [Fact]
    public void ExitCode()
    {
        var report = SampleReport.Create();
        Assert.Equal(1, report.ExitCode());
        var onlyUnsupported = new VerificationReport([new DocumentReport("a.md", [new StepReport { Verdict = VerdictKind.Unsupported }, new StepReport { Verdict = VerdictKind.Proved }])]);
        Assert.Equal(0, onlyUnsupported.ExitCode());
        Assert.Equal(1, onlyUnsupported.ExitCode(strict: true));
        Assert.Equal(0, new VerificationReport([]).ExitCode(strict: true));
    }

    [Fact]
    public void Dispatcher()
    {
        Assert.Equal(ReportFormat.GitHub, ReportWriter.ParseFormat("GitHub"));
        Assert.Null(ReportWriter.ParseFormat("xml"));
        using var sw = new StringWriter();
        ReportWriter.Write(SampleReport.Create(), ReportFormat.Json, sw, Options);
        Assert.Equal(JsonReportWriter.ToString(SampleReport.Create(), Options), sw.ToString());
    }
}
