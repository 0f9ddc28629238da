using System.Globalization;
using System.Text.Json;

namespace SymKl.Cli.Tests;

/// <summary><c>symkl kl P Q</c>: the value with 17 significant digits, the derivation, JSON, and exit 2 for bad input.</summary>
public sealed class KlCommandTests
{
    [Fact]
    public void PrintsTheValueAndTheDerivation()
    {
        var r = CliRunner.Run("kl", "Gumbel(0, 1)", "Gumbel(-5, 0.005)");
        Assert.Equal(0, r.ExitCode);
        var first = r.Stdout.Split('\n')[0];
        Assert.StartsWith("KL(Gumbel(0, 1) ‖ Gumbel(-5, 0.005)) = ", first, StringComparison.Ordinal);
        var value = double.Parse(first.Substring(first.LastIndexOf(' ') + 1), CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(value - 1108.5675999488569) < 1e-9 * 1108.6, first);
        Assert.Contains("derivations/gumbel.md", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonGivesANumberOrInfinity()
    {
        var finite = JsonDocument.Parse(CliRunner.Run("kl", "Normal(0, 1)", "Normal(1, 2)", "--format", "json").Stdout).RootElement;
        Assert.Equal("Normal(0, 1)", finite.GetProperty("p").GetString());
        Assert.Equal(Math.Log(2) + 2.0 / 8 - 0.5, finite.GetProperty("value").GetDouble(), 15);
        Assert.Equal("derivations/normal-normal.md", finite.GetProperty("derivation").GetString()!.Split(':')[0]);
        var infinite = CliRunner.Run("kl", "Uniform(0, 2)", "Uniform(0, 1)", "--format", "json");
        Assert.Equal(0, infinite.ExitCode);
        Assert.Equal("Infinity", JsonDocument.Parse(infinite.Stdout).RootElement.GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("Foo(1)", "Normal(0, 1)", "unknown family 'Foo'")]
    [InlineData("Normal(0)", "Normal(0, 1)", "takes 2 parameters")]
    [InlineData("Normal(0, 1)", "Gamma(1, 2, 3)", "takes 2 parameters")]
    [InlineData("Normal(0, -1)", "Normal(0, 1)", "invalid Normal")]
    [InlineData("Normal(0, x)", "Normal(0, 1)", "not a number")]
    [InlineData("Bernoulli(1.5)", "Bernoulli(0.5)", "invalid Bernoulli")]
    [InlineData("Normal 0 1", "Normal(0, 1)", "not of the form")]
    [InlineData("Poisson(1)", "Normal(0, 1)", "no verified closed form")]
    public void BadInputExitsWithTwoAndSaysWhy(string p, string q, string words)
    {
        var r = CliRunner.Run("kl", p, q);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(words, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PairsFromAFileGiveOneJsonLineEach()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "Normal(0, 1)\tNormal(1, 2)\n\nUniform(0, 2)\tUniform(0, 1)\nBernoulli(1e-08)\tPoisson(1e-08)\n");
            var r = CliRunner.Run("kl", "--pairs", file, "--format", "json");
            Assert.Equal(0, r.ExitCode);
            var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(3, lines.Count);
            var single = JsonDocument.Parse(CliRunner.Run("kl", "Normal(0, 1)", "Normal(1, 2)", "--format", "json").Stdout).RootElement;
            Assert.Equal(single.GetProperty("value").GetDouble(), lines[0].GetProperty("value").GetDouble());
            Assert.Equal("Infinity", lines[1].GetProperty("value").GetString());
            // (1 − p)log(1 − p) + p at λ = p: 5.0000000166666667e-17 (it was negative before the series)
            Assert.Equal(5.0000000166666667e-17, lines[2].GetProperty("value").GetDouble(), 1e-27);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Normal(0, 1)\tNormal(1, 2)\nNormal(0, 1) Normal(1, 2)\n", ":2: expected P<TAB>Q")]
    [InlineData("Normal(0, 1)\tNormal(1, 2)\nFoo(1)\tNormal(0, 1)\n", ":2: unknown family 'Foo'")]
    public void APairThatCannotBeReadStopsWithItsLineNumber(string content, string words)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, content);
            var r = CliRunner.Run("kl", "--pairs", file);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains(words, r.Stderr, StringComparison.Ordinal);
            Assert.StartsWith("KL(Normal(0, 1) ‖ Normal(1, 2)) = ", r.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void PairsAndArgumentsTogetherAreBadUsage()
    {
        var r = CliRunner.Run("kl", "Normal(0, 1)", "Normal(1, 2)", "--pairs", "x.tsv");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("either P and Q or --pairs", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("kl", "Normal(0, 1)").ExitCode);
    }
}
