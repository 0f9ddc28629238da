using System.Diagnostics;
using System.Text.Json;

namespace SymKl.Cli.Tests;

/// <summary>Runs the built symkl command as a separate process, as a user or CI would.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "symkl.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000)) { p.Kill(true); throw new TimeoutException("symkl " + string.Join(" ", args)); }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>`symkl verify --format json` on a Markdown text (written to a temporary file): its steps, in order.</summary>
    public static List<JsonElement> VerifySteps(string markdown)
    {
        var path = Path.Combine(Path.GetTempPath(), "symkl-test-" + Guid.NewGuid().ToString("N") + ".md");
        File.WriteAllText(path, markdown);
        try
        {
            var r = Run("verify", path, "--format", "json");
            Assert.True(r.ExitCode is 0 or 1, r.Stderr);
            using var json = JsonDocument.Parse(r.Stdout);
            return [.. json.RootElement.GetProperty("documents")[0].GetProperty("steps").EnumerateArray().Select(s => s.Clone())];
        }
        finally
        {
            File.Delete(path);
        }
    }
}
