using System.Text.Json;

namespace SymKl.Cli.Tests;

/// <summary>The role of every statement in the JSON report, and <c>verify --explain LINE</c>, through the real command.</summary>
public class StatementRoleEndToEndTests
{
    private const string Post = """
        # Optimum

        Assume $\sigma > 0$ and let $n = 2$.

        $$
        \sqrt{\sigma^2} = \sigma
        $$

        Setting the derivative to zero, $-p/q + \lambda = 0$, so $p = \lambda q$.

        We know $\mathrm{Gap} \leq 0$, and $x^2 \geq 1$.
        """;

    public static TheoryData<int, string, string> Statements => new()
    {
        { 3, "hypothesis", "skipped" },
        { 3, "definition", "skipped" },
        { 6, "step", "proved" },
        { 9, "hypothesis", "skipped" },
        { 9, "implication", "confirmed" },
        { 11, "claim", "unsupported" },
        // A lone condition between plain quantities is not a claim for all x (ClaimReading).
        { 11, "claim", "unsupported" },
    };

    [Fact]
    public void EveryStatementHasItsRoleInTheJsonReport()
    {
        var steps = CliRunner.VerifySteps(Post);
        var actual = steps.Select(s => (s.GetProperty("line").GetInt32(), s.GetProperty("role").GetString()!, s.GetProperty("verdict").GetString()!)).ToList();
        Assert.Equal(Statements.Select(r => ((int)r[0], (string)r[1], (string)r[2])), actual);
    }

    [Fact]
    public void ExplainShowsTheRoleTheCueAndTheContextInForce()
    {
        var path = Path.Combine(Path.GetTempPath(), "symkl-explain-" + Guid.NewGuid().ToString("N") + ".md");
        File.WriteAllText(path, Post);
        try
        {
            var step = CliRunner.Run("verify", path, "--explain", "6");
            Assert.Equal(0, step.ExitCode);
            Assert.Contains("role: step (a link of a chain in display math)", step.Stdout, StringComparison.Ordinal);
            Assert.Contains("verdict: proved", step.Stdout, StringComparison.Ordinal);
            Assert.Contains("sigma ∈ Positive", step.Stdout, StringComparison.Ordinal);
            Assert.Contains("n = 2", step.Stdout, StringComparison.Ordinal);

            var implication = CliRunner.Run("verify", path, "--explain", "9");
            Assert.Contains("role: hypothesis ('setting' before a condition)", implication.Stdout, StringComparison.Ordinal);
            Assert.Contains("role: implication ('so' after the equations being solved)", implication.Stdout, StringComparison.Ordinal);
            Assert.Contains("equations being solved:", implication.Stdout, StringComparison.Ordinal);

            var nothing = CliRunner.Run("verify", path, "--explain", "1");
            Assert.Equal(2, nothing.ExitCode);
            Assert.Contains("no statement", nothing.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>--explain verifies with the report's options: a bad --timeout is refused there too (it was ignored).</summary>
    [Fact]
    public void ExplainHonoursTheTimeoutOption()
    {
        var path = Path.Combine(Path.GetTempPath(), "symkl-explain-" + Guid.NewGuid().ToString("N") + ".md");
        File.WriteAllText(path, Post);
        try
        {
            var refused = CliRunner.Run("verify", path, "--explain", "6", "--timeout", "soon");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--timeout 'soon'", refused.Stderr, StringComparison.Ordinal);

            var unlimited = CliRunner.Run("verify", path, "--explain", "6", "--timeout", "0");
            Assert.Equal(0, unlimited.ExitCode);
            Assert.Contains("verdict: proved", unlimited.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
