using System.Text.Json;
using System.Text.RegularExpressions;

namespace SymKl.Cli.Tests;

/// <summary>
/// What the architecture promises of every report and of its own description, checked on the real command over the
/// corpus rather than on a sample: every SARIF result's rule is described with help, every JSON statement has a
/// role, and the pipeline the README's layout section draws is made of types that exist, with the one step record
/// at its end. (That SymKl.Runtime references no plotting library is DependencyTests in the runtime's tests.)
/// </summary>
public class ArchitectureAcceptanceTests
{
    private static readonly string Corpus = Path.Combine(RepositoryPaths.Root, "tests", "corpus");

    [Fact]
    public void EverySarifResultUsesARuleWithHelp()
    {
        var r = CliRunner.Run("verify", Corpus, "--format", "sarif");
        Assert.True(r.ExitCode is 0 or 1, r.Stderr);
        var run = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var id = result.GetProperty("ruleId").GetString();
            var rule = rules[result.GetProperty("ruleIndex").GetInt32()];
            Assert.Equal(id, rule.GetProperty("id").GetString());
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("help").GetProperty("text").GetString()), id + " has no help");
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("helpUri").GetString()), id + " has no help link");
        }
        // No rule is described that no result uses, and each once.
        Assert.Equal(results.Select(x => x.GetProperty("ruleId").GetString()).Distinct().Order(StringComparer.Ordinal), rules.Select(x => x.GetProperty("id").GetString()));
    }

    [Fact]
    public void EveryJsonStatementHasARole()
    {
        var r = CliRunner.Run("verify", Corpus, "--format", "json");
        Assert.True(r.ExitCode is 0 or 1, r.Stderr);
        var statements = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("documents").EnumerateArray()
            .SelectMany(d => d.GetProperty("steps").EnumerateArray()).ToList();
        Assert.True(statements.Count > 150, statements.Count + " statements");
        string[] roles = ["step", "definition", "hypothesis", "implication", "claim", "remark"];
        Assert.All(statements, s => Assert.Contains(s.GetProperty("role").GetString(), roles));
    }

    [Fact]
    public void TheReadmesPipelineIsMadeOfTypesThatExistAndEndsInTheOneStepRecord()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Replace("\r\n", "\n");
        var layout = readme.Substring(readme.IndexOf("\n## Layout\n", StringComparison.Ordinal));
        layout = layout.Substring(0, layout.IndexOf("\n## ", 1, StringComparison.Ordinal));
        var diagram = Regex.Match(layout, "```\n(?<d>[^`]*─►[^`]*)```").Groups["d"].Value;
        Assert.False(string.IsNullOrEmpty(diagram), "the layout section has no pipeline diagram");
        Assert.Contains("One record flows through the pipeline: the verifier's `StepResult`", layout, StringComparison.Ordinal);
        var types = new[] { typeof(SymKl.Derivations.Verification.StepResult).Assembly, typeof(SymKl.Latex.LatexParser).Assembly, typeof(SymKl.Symbolic.Expr).Assembly }
            .SelectMany(a => a.GetTypes()).Select(t => t.Name.Split('`')[0]).ToHashSet(StringComparer.Ordinal);
        var named = Regex.Matches(diagram, @"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b").Select(m => m.Value).Distinct().ToList();
        Assert.Contains("StepResult", named);
        Assert.DoesNotContain(named, n => !types.Contains(n));
        // The record is the last stage before its consumers.
        Assert.Matches(@"StepResult ─► reports", diagram);
    }
}
