using System.Diagnostics;
using System.Globalization;

namespace SymKl.Bench;

/// <summary>
/// Start-up: wall time of whole <c>symkl</c> processes as a user or a pre-commit hook runs them (process start, runtime
/// start, JIT if any, the work, exit), next to a .NET console app that does nothing (this benchmark's own <c>noop</c>),
/// the three timed in turn so that a change in the machine's load hits all alike; medians.
///   verify — <c>symkl verify</c> on the three seed posts (target 250 ms)
///   equal  — <c>symkl equal</c> on one step (target 100 ms)
/// The CLI measured is <c>--symkl PATH</c> (a published native executable, an apphost or a .dll), else the one
/// <c>dotnet publish tools/SymKl.Cli -c Release -r RID</c> writes, else the Release build.
/// </summary>
internal static class StartupBench
{
    public const double VerifyTargetMs = 250;
    public const double EqualTargetMs = 100;

    public static int Run(string shared, string? symkl, int runs)
    {
        var cli = symkl ?? FindCli();
        if (cli is null || !File.Exists(cli))
        {
            Console.WriteLine("publish the CLI first: dotnet publish tools/SymKl.Cli -c Release -r " + System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier + " (or pass --symkl PATH)");
            return 2;
        }
        var seeds = Path.Combine(shared, "seeds");
        string[] verify = ["verify", seeds, "--format", "json"];
        string[] equal = ["equal", @"\log(ab)", @"\log a + \log b", "--assume", "a > 0", "--assume", "b > 0"];
        // One untimed round: the files and the executable are then in the page cache for every timed run.
        Time(Self(), ["noop"]);
        Time(cli, verify);
        Time(cli, equal);
        var (noop, verifying, equating) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < runs; i++)
        {
            noop.Add(Time(Self(), ["noop"]));
            verifying.Add(Time(cli, verify));
            equating.Add(Time(cli, equal));
        }
        var baseline = Median(noop);
        Console.WriteLine();
        Console.WriteLine("## Start-up (" + cli + ", median of " + runs.ToString(CultureInfo.InvariantCulture) + " runs, load average " + LoadAverage() + ")");
        Console.WriteLine($"| {"process",-58} | {"wall ms",9} | {"target",8} | {"× noop",8} |");
        Console.WriteLine($"|{new string('-', 60)}|{new string('-', 11)}|{new string('-', 10)}|{new string('-', 10)}|");
        Row("a .NET console app that does nothing (baseline)", baseline, null, baseline);
        Row("symkl verify on the three seed posts", Median(verifying), VerifyTargetMs, baseline);
        Row("symkl equal on one step", Median(equating), EqualTargetMs, baseline);
        return 0;
    }

    /// <summary>The published CLI of this platform, else the Release build.</summary>
    private static string? FindCli()
    {
        var project = Path.Combine(Program.RepoRoot(), "tools", "SymKl.Cli", "bin", "Release", "net10.0");
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var published = Path.Combine(project, rid, "publish", OperatingSystem.IsWindows() ? "symkl.exe" : "symkl");
        if (File.Exists(published)) return published;
        var built = Path.Combine(project, "symkl.dll");
        return File.Exists(built) ? built : null;
    }

    /// <summary>This benchmark's own launcher (the apphost next to the .dll), so that the baseline is a whole .NET
    /// process as a user starts it; the .dll through <c>dotnet</c> where there is no launcher.</summary>
    private static string Self()
    {
        var dll = typeof(StartupBench).Assembly.Location;
        var launcher = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
        return File.Exists(launcher) ? launcher : dll;
    }

    private static void Row(string name, double ms, double? target, double baseline) =>
        Console.WriteLine($"| {name,-58} | {ms.ToString("F0", CultureInfo.InvariantCulture),9} | {(target is { } t ? t.ToString("F0", CultureInfo.InvariantCulture) : "-"),8} | {(ms / baseline).ToString("F1", CultureInfo.InvariantCulture),8} |");

    private static double Median(List<double> xs)
    {
        var sorted = xs.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage()
    {
        try { return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a"; }
        catch (IOException) { return "n/a"; }
    }

    /// <summary>Wall time of one process, output read and discarded.</summary>
    public static double Time(string executable, IReadOnlyList<string> args)
    {
        var managed = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var psi = new ProcessStartInfo(managed ? "dotnet" : executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (managed) psi.ArgumentList.Add(executable);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        stderr.Wait();
        p.WaitForExit();
        return sw.Elapsed.TotalMilliseconds;
    }
}
