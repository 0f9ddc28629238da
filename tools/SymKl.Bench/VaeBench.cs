using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;

namespace SymKl.Bench;

/// <summary>
/// The seed's VAE in C# against the PyTorch anchor (torch_vae.py: same architecture, batch 128, Adam
/// lr 1e-4), in one run on one machine: seconds per epoch, test loss after each epoch, peak memory,
/// and the bytes allocated per training step.
/// <code>
/// vae [--epochs 10] [--threads 2] [--data DIR] [--symkl PATH] [--anchor PATH/torch_vae.py] [--python /usr/bin/python3] [--markdown FILE]
/// </code>
/// The C# side runs as its own process, <c>symkl vae train</c> (default: the Release build of
/// tools/SymKl.Cli under the current folder; build it first), and is read back from its metrics.json,
/// so that both sides are measured the same way: wall-clock seconds of the training loop of each
/// epoch, inside the process, and the process's peak memory. Without --anchor only the C# side runs.
/// </summary>
public static partial class VaeBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public sealed record EpochResult(int Epoch, double Seconds, double TestLoss);

    public static int Run(string[] args)
    {
        var epochs = 10;
        var threads = 2;
        string? data = null, anchor = null, markdown = null, symkl = null;
        var python = "/usr/bin/python3";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--epochs": epochs = int.Parse(Next(), Inv); break;
                case "--threads": threads = int.Parse(Next(), Inv); break;
                case "--data": data = Next(); break;
                case "--symkl": symkl = Next(); break;
                case "--anchor": anchor = Next(); break;
                case "--python": python = Next(); break;
                case "--markdown": markdown = Next(); break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}");
                    return 2;
            }
        }

        symkl ??= FindCli();
        if (symkl is null || !File.Exists(symkl))
        {
            Console.Error.WriteLine("The symkl CLI was not found: build it (dotnet build tools/SymKl.Cli -c Release) or pass --symkl PATH.");
            return 2;
        }

        Console.WriteLine($"C#: {symkl} vae train (784-100-100-2, batch 128, Adam lr 1e-4), {threads} threads, {epochs} epochs");
        var csharpRun = RunCSharp(symkl, epochs, threads, data);
        if (csharpRun is null)
        {
            return 2;
        }

        var (csharp, allocatedPerStep, csharpPeak) = csharpRun.Value;
        foreach (var e in csharp)
        {
            Console.WriteLine(string.Create(Inv, $"  C# epoch {e.Epoch,2}: {e.Seconds,7:0.000} s  test {e.TestLoss:0.00}"));
        }

        List<EpochResult>? torch = null;
        List<EpochResult>? csharpAfter = null;
        long torchPeak = 0;
        if (anchor is not null)
        {
            Console.WriteLine($"PyTorch anchor: {python} {anchor} {epochs} {threads}");
            (torch, torchPeak) = RunTorch(python, anchor, epochs, threads, data is null ? null : Path.GetFullPath(data));

            // The C# side again, so that a change of load on the machine during the long anchor run shows.
            Console.WriteLine("C# again, after the anchor:");
            csharpAfter = RunCSharp(symkl, epochs, threads, data)?.Epochs;
        }

        var report = Report(csharp, csharpAfter, allocatedPerStep, csharpPeak, torch, torchPeak, threads);
        if (File.Exists("/proc/loadavg"))
        {
            report += $"- Load average at the end (other processes share the cores): {File.ReadAllText("/proc/loadavg").Trim()}\n";
        }

        Console.WriteLine();
        Console.Write(report);
        if (markdown is not null)
        {
            File.WriteAllText(markdown, report);
        }

        return 0;
    }

    private static string? FindCli()
    {
        foreach (var name in new[] { "symkl", "symkl.exe" })
        {
            var path = Path.Combine("tools", "SymKl.Cli", "bin", "Release", "net10.0", name);
            if (File.Exists(path))
            {
                return Path.GetFullPath(path);
            }
        }

        return null;
    }

    private static (List<EpochResult> Epochs, double AllocatedPerStep, long PeakWorkingSet)? RunCSharp(string symkl, int epochs, int threads, string? data)
    {
        var output = Path.Combine(Path.GetTempPath(), "symkl-vae-bench-" + Environment.ProcessId.ToString(Inv));
        var arguments = new List<string> { "vae", "train", "--out", output, "--epochs", epochs.ToString(Inv), "--threads", threads.ToString(Inv), "--no-pictures" };
        if (data is not null)
        {
            arguments.AddRange(["--data", data]);
        }

        var start = new ProcessStartInfo(symkl, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
        using (var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {symkl}."))
        {
            while (process.StandardOutput.ReadLine() is { } line)
            {
                Console.WriteLine("  symkl: " + line);
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"symkl vae train exited with code {process.ExitCode}.");
                return null;
            }
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
            var root = json.RootElement;
            var results = root.GetProperty("epochs").EnumerateArray()
                .Select(e => new EpochResult(e.GetProperty("epoch").GetInt32(), e.GetProperty("seconds").GetDouble(), e.GetProperty("testLoss").GetDouble()))
                .ToList();
            return (results, root.GetProperty("allocatedBytesPerStep").GetDouble(), root.GetProperty("peakWorkingSetBytes").GetInt64());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [GeneratedRegex(@"^epoch (\d+) train [-\d.]+ test ([-\d.]+) nats/img\s+([\d.]+) s/epoch")]
    private static partial Regex TorchLine();

    private static (List<EpochResult> Epochs, long PeakBytes) RunTorch(string python, string anchor, int epochs, int threads, string? dataFolder)
    {
        var wrapper = "import sys, runpy, resource; sys.argv = [sys.argv[1], sys.argv[2], sys.argv[3]]; "
            + "runpy.run_path(sys.argv[0], run_name='__main__'); "
            + "print('peak_rss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)";
        var start = new ProcessStartInfo(python, ["-c", wrapper, anchor, epochs.ToString(Inv), threads.ToString(Inv)])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (dataFolder is not null)
        {
            start.Environment["FASHION_MNIST"] = dataFolder;
        }

        var results = new List<EpochResult>();
        long peak = 0;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {python}.");
        while (process.StandardOutput.ReadLine() is { } line)
        {
            Console.WriteLine("  torch: " + line);
            var match = TorchLine().Match(line);
            if (match.Success)
            {
                results.Add(new EpochResult(int.Parse(match.Groups[1].Value, Inv), double.Parse(match.Groups[3].Value, Inv), double.Parse(match.Groups[2].Value, Inv)));
            }
            else if (line.StartsWith("peak_rss_kb ", StringComparison.Ordinal))
            {
                peak = long.Parse(line["peak_rss_kb ".Length..], Inv) * 1024;
            }
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"The anchor exited with code {process.ExitCode} (is python3-torch installed for {python}?).");
        }

        return (results, peak);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Report(List<EpochResult> csharp, List<EpochResult>? csharpAfter, double allocatedPerStep, long csharpPeak, List<EpochResult>? torch, long torchPeak, int threads)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(Inv, $"| epoch | C# s (before) | C# s (after) | C# test loss | PyTorch s | PyTorch test loss | speed-up |"));
        sb.AppendLine("|---|---|---|---|---|---|---|");
        for (var i = 0; i < csharp.Count; i++)
        {
            var c = csharp[i];
            var a = csharpAfter is not null && i < csharpAfter.Count ? csharpAfter[i] : null;
            var t = torch is not null && i < torch.Count ? torch[i] : null;
            var slower = Math.Max(c.Seconds, a?.Seconds ?? 0);
            sb.AppendLine(string.Create(Inv, $"| {c.Epoch} | {c.Seconds:0.000} | {(a is null ? "" : a.Seconds.ToString("0.000", Inv))} | {c.TestLoss:0.00} | {(t is null ? "" : t.Seconds.ToString("0.00", Inv))} | {(t is null ? "" : t.TestLoss.ToString("0.00", Inv))} | {(t is null ? "" : (t.Seconds / slower).ToString("0", Inv) + "×")} |"));
        }

        sb.AppendLine();
        var all = csharpAfter is null ? csharp : csharp.Concat(csharpAfter).ToList();
        var cMedian = Math.Max(Median(csharp.Select(e => e.Seconds)), csharpAfter is null ? 0 : Median(csharpAfter.Select(e => e.Seconds)));
        var cMean = all.Average(e => e.Seconds);
        sb.AppendLine(string.Create(Inv, $"- C# ({threads} threads): median {cMedian:0.000} s/epoch (the slower of the runs before and after the anchor), mean {cMean:0.000} s/epoch (epoch 1 includes JIT warm-up), final test loss {csharp[^1].TestLoss:0.00} nats/image, peak working set {csharpPeak / 1048576.0:0} MiB, {allocatedPerStep:0} bytes allocated per training step (last epoch)."));
        if (torch is { Count: > 0 })
        {
            var tMedian = Median(torch.Select(e => e.Seconds));
            var tMean = torch.Average(e => e.Seconds);
            sb.AppendLine(string.Create(Inv, $"- PyTorch ({threads} threads): median {tMedian:0.00} s/epoch, mean {tMean:0.00} s/epoch, final test loss {torch[^1].TestLoss:0.00} nats/image, peak RSS {torchPeak / 1048576.0:0} MiB."));
            var n = Math.Min(torch.Count, csharp.Count);
            var diff = (csharp[n - 1].TestLoss - torch[n - 1].TestLoss) / torch[n - 1].TestLoss;
            sb.AppendLine(string.Create(Inv, $"- Speed-up: {tMedian / cMedian:0}× (medians), {tMean / cMean:0}× (means); test loss after {n} epochs differs by {diff * 100:+0.00;-0.00}% from PyTorch's."));
        }

        return sb.ToString();
    }
}
