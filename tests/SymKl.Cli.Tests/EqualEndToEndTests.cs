using System.Text.Json;

namespace SymKl.Cli.Tests;

/// <summary><c>symkl equal</c> as a process: verdicts, exit codes, JSON, positioned errors.</summary>
public class EqualEndToEndTests
{
    [Theory]
    [InlineData(0, "(a+b)^2", "a^2 + 2ab + b^2")]
    [InlineData(1, "(a+b)^2", "a^2 + b^2")]
    [InlineData(1, "\\log(x^2)", "2\\log x")]
    [InlineData(0, "\\log(x^2)", "2\\log x", "--assume", "x > 0")]
    [InlineData(1, "\\sqrt{\\sigma^2}", "\\sigma", "--assume", "\\sigma \\in \\mathbb{R}")]
    [InlineData(0, "\\int z^2 q(z) dz", "\\mu^2 + \\sigma^2", "--define", "q(z) \\sim \\mathcal{N}(\\mu, \\sigma^2)")]
    [InlineData(2, "\\argmin_x f", "0")]
    [InlineData(2, "\\frac{0}{0}", "0")]
    [InlineData(1, "0", "\\frac{0}{0}")]
    [InlineData(1, "\\sin(10^{-8}x)", "10^{-8}x")]
    [InlineData(1, "\\sqrt{x^2 + 10^{-20}}", "\\left|x\\right|")]
    [InlineData(1, "\\sin x", "1", "--relation", "<")]
    [InlineData(1, "x^2", "0", "--relation", ">")]
    [InlineData(1, "e^{x}", "1 + x + 10^{-12}", "--relation", ">=")]
    [InlineData(0, "e^{x}", "1 + x", "--relation", ">=")]
    public void ExitCodeFollowsTheVerdict(int expected, string lhs, string rhs, params string[] options)
    {
        var r = CliRunner.Run(["equal", lhs, rhs, .. options]);
        Assert.True(expected == r.ExitCode, r.Stdout + r.Stderr);
    }

    /// <summary>deriving-kl-divergence.md: the KL chain's second line (35) and the Cross Entropy block's second line (90).</summary>
    [Theory]
    [InlineData(@"-\int q(z) \log p(z) dz - (- \int q(z) \log q(z) dz )", @"-\int q(z) \log p(z) dz + \int q(z) \log p(z) dz")]
    [InlineData(@"\int q(z) [\frac{1}{2} \log (2 \pi \sigma^2) + \frac{1}{2 \sigma^2} (z - \mu)^2] dz", @"\frac{1}{2} \log (2 \pi) \int q(z) dz + \frac{1}{2} \int z^2 q(z) dz")]
    public void SeedWrongStepsAreRefutedWithTheirDefinitions(string lhs, string rhs)
    {
        var r = CliRunner.Run("equal", lhs, rhs, "--define", @"q(z) \sim \mathcal{N}(\mu, \sigma^2)", "--define", @"p(z) \sim \mathcal{N}(0, 1)", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        var json = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal("refuted", json.GetProperty("verdict").GetString());
        Assert.True(json.GetProperty("counterexample").EnumerateObject().Any());
        Assert.NotEqual(json.GetProperty("lhsValue").GetDouble(), json.GetProperty("rhsValue").GetDouble());
    }

    [Fact]
    public void JsonCarriesResidueAndCounterexample()
    {
        var r = CliRunner.Run("equal", "x + 10^{-9}", "x", "--format", "json");
        Assert.Equal(1, r.ExitCode);
        var json = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal("refuted", json.GetProperty("verdict").GetString());
        Assert.Equal("\\frac{1}{1000000000}", json.GetProperty("residue").GetString());
        Assert.True(json.GetProperty("counterexample").TryGetProperty("x", out _));
    }

    [Fact]
    public void DamagedInputGivesAPositionedErrorAndNoStackTrace()
    {
        var r = CliRunner.Run("equal", "\\frac{1}{x", "x");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("LHS:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("expected '}'", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stdout + r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFormatIsBadUsage() => Assert.Equal(2, CliRunner.Run("equal", "x", "x", "--format", "xml").ExitCode);
}
