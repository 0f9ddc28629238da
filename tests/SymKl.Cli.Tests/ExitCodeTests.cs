using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SymKl.Cli.Tests;

/// <summary>
/// The command line's contract for bad input and failures: exit 0 nothing refuted, 1 refuted, 2 bad usage or
/// unreadable input, 3 internal error; messages that name the argument, no .NET type names, no hang.
/// </summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "symkl-exit-" + Guid.NewGuid().ToString("N"));

    public ExitCodeTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ASlowStepIsUnsupportedWhenItsTimeoutPasses()
    {
        // Was: 20 s with no budget message.
        var path = Write("sum.md", "$$\\sum_{k=1}^{999999} \\sin(\\sin(\\sin(\\sin(k x)))) = \\sum_{k=1}^{999999} \\sin(\\sin(\\sin(k x)))$$\n");
        var clock = Stopwatch.StartNew();
        // The text report summarises undecided statements; --verbose lists each with its reason.
        var r = CliRunner.Run("verify", path, "--timeout", "1", "--verbose");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "took " + clock.Elapsed);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("budget exceeded: the step was not decided within its time budget of 1 s (--timeout)", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("verify", path, "--timeout", "1", "--strict").ExitCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("NaN")]
    public void ABadTimeoutIsBadUsage(string value)
    {
        var r = CliRunner.Run("verify", Write("a.md", "$$a = a$$\n"), "--timeout", value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--timeout '" + value + "'", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AFifoIsUnreadableInputNotAHang()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        var fifo = Path.Combine(_root, "x.md");
        using (var mk = Process.Start("mkfifo", [fifo])) mk.WaitForExit();
        var r = CliRunner.Run("verify", fifo);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("named pipe (FIFO), not a regular file", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ABinaryFileIsUnreadableInput()
    {
        var path = Path.Combine(_root, "image.md");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0x24, 0x24]);
        var r = CliRunner.Run("verify", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a text file", r.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadOutputs => new()
    {
        // Each threw out of the command (a stack trace, exit 1) after all the work was done.
        { "missing/folder/report.json", "its folder does not exist" },
        { ".", "it is a folder" },
    };

    [Theory]
    [MemberData(nameof(BadOutputs))]
    public void AnUnwritableOutputIsBadUsageBeforeAnyWork(string output, string why)
    {
        var target = output == "." ? _root : Path.Combine(_root, output);
        var r = CliRunner.Run("verify", Write("a.md", "$$a + a = 3a$$\n"), "--output", target);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot write the report to --output", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(why, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void AReadOnlyOutputIsBadUsage()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || Environment.UserName == "root") return; // root may write anyway
        var target = Write("report.txt", "");
        File.SetUnixFileMode(target, UnixFileMode.UserRead);
        var r = CliRunner.Run("verify", Write("a.md", "$$a = a$$\n"), "--output", target);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("permission denied", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void StrictFailsWhenADisplayCannotBeReadAtAll()
    {
        // Was: exit 0 with --strict, although the display gave no step at all.
        var path = Write("u.md", "$$\\frac{a}{ = b$$\n");
        Assert.Equal(0, CliRunner.Run("verify", path).ExitCode);
        Assert.Equal(1, CliRunner.Run("verify", path, "--strict").ExitCode);
    }

    [Fact]
    public void TheSelfReferentialDefinitionNoLongerAbortsTheBatch()
    {
        // Was: a stack overflow (exit 134) that cost every other document its report.
        var bad = Write("a.md", "$$P(y \\mid x) = \\int P(y \\mid \\theta) P(\\theta \\mid x) d\\theta$$\n$$P(y \\mid x) = \\int P(y \\mid \\theta) \\delta[\\theta - \\hat{\\theta}] d\\theta$$\n");
        var good = Write("b.md", "$$a + a = 3a$$\n");
        var r = CliRunner.Run("verify", bad, good);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("b.md: 0 proved, 0 confirmed, 1 refuted", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("a.md: 0 proved, 0 confirmed, 0 refuted, 2 unsupported", r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\sigma", "--assume #1")]
    [InlineData("x + y", "--assume #1")]
    public void AnInvalidAssumptionStopsBeforeAnyVerdict(string assumption, string argument)
    {
        // Was: the verdict was printed (and decided without the assumption) after the error.
        var r = CliRunner.Run("equal", "\\sqrt{x^2}", "x", "--assume", assumption);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(argument + ":1: error:", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("refuted", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("proved", r.Stdout, StringComparison.Ordinal);
        var json = CliRunner.Run("equal", "\\sqrt{x^2}", "x", "--assume", assumption, "--format", "json");
        Assert.Equal(2, json.ExitCode);
        Assert.Contains("\"verdict\": \"error\"", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningsNameTheSideTheyAreOn()
    {
        // Was: every binder warning was reported at RHS:1.
        var r = CliRunner.Run("equal", "f(x) + 1", "1 + f(x) + 0");
        Assert.Contains("LHS:1: warning:", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("RHS:1: warning:", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CharactersOutsideTheBmpAreShownAsThemselves()
    {
        // Was: "unexpected character '𝑥' (U+D835)", the code of half a surrogate pair.
        var r = CliRunner.Run("equal", "\U0001D465 + 1", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unexpected character '\U0001D465' (U+1D465)", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("class", "it is a C# keyword")]
    [InlineData("Kl-Normal", "not a C# identifier")]
    public void GenRefusesAMethodNameThatWouldNotCompile(string method, string why)
    {
        // Was: "public static double class(...)" printed as if it were code.
        var path = Write("d.md", "---\ngenerate:\n  method: " + method + "\n  parameters: [\\lambda]\n  result: \\lambda\n---\n\n$$a = a$$\n");
        var r = CliRunner.Run("gen", path, "--no-verify");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("SKG002", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(why, r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void DeeplyNestedMarkdownIsCheckedNotACrash()
    {
        // Was: Markdig's depth-limit exception, unhandled.
        var r = CliRunner.Run("verify", Write("deep.md", new string('>', 128) + " $$a + a = 2a$$\n"), "--verbose");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("1 proved", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("nested more than 128 levels", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("", r.Stderr);
    }
}
