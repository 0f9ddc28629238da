using System.Globalization;
using System.Text;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Bench;

/// <summary>
/// Benchmarks against the anchors in shared/anchors, measured in the same run on the same machine:
///   algebra   — median time to decide each seed algebra step, next to SymPy on the same steps
///   integral  — the univariate Gaussian KL integral, next to SymPy's integrate
///   startup   — wall time of `symkl verify` on the seeds and `symkl equal` (whole processes of the published CLI), next to a do-nothing .NET app (see StartupBench)
///   verify    — steps per second of `symkl verify` on a generated corpus of 1000 steps
///   vae       — seconds per epoch against the PyTorch VAE (see VaeBench)
///   kl        — generated KL code: scalar vs hand-written C#, batched ns/element vs torch.distributions (see KlBench)
///   mvn       — KL between multivariate normals, d = 2, 16, 128, µs per pair vs torch.distributions (see MvnBench)
/// Usage: dotnet run -c Release --project tools/SymKl.Bench -- [algebra|integral|startup|verify|vae|kl|mvn|all] [--shared DIR] [--symkl PATH] [--runs N]
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var section = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        // The baseline process of the start-up benchmark: a .NET console app that does nothing.
        if (section == "noop") return 0;
        var shared = Option(args, "--shared") ?? FindShared();
        if (section == "vae") return VaeBench.Run(args.Skip(1).ToArray());
        if (section == "kl") return KlBench.Run(args.Skip(1).ToArray());
        if (section == "mvn") return MvnBench.Run(args.Skip(1).ToArray());
        string? problem = null;
        var sympy = section is "algebra" or "integral" or "all" ? SympyAnchor.Run(Path.Combine(shared, "anchors"), out problem) : [];
        if (section is "algebra" or "integral" or "all" && sympy.Count == 0) Console.WriteLine("SymPy anchor not run: " + problem);
        if (section is "algebra" or "all") Algebra(sympy);
        if (section is "integral" or "all") Integral(sympy);
        if (section is "startup" or "all")
        {
            var runs = int.TryParse(Option(args, "--runs"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 15;
            var code = StartupBench.Run(shared, Option(args, "--symkl"), runs);
            if (section == "startup") return code;
        }
        if (section is "verify" or "all") Verify(shared, Option(args, "--symkl"));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string FindShared()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SymKl.sln"))) dir = dir.Parent;
        return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared"));
    }

    private static string Ms(double ms) => ms.ToString(ms < 1 ? "F3" : "F1", CultureInfo.InvariantCulture);

    private static void Row(string name, double ours, double? theirs)
    {
        var ratio = theirs is { } t && t > 0 ? (t / ours).ToString("F0", CultureInfo.InvariantCulture) + "x" : "n/a";
        Console.WriteLine($"| {name,-58} | {Ms(ours),9} | {(theirs is { } s ? Ms(s) : "-"),9} | {ratio,8} |");
    }

    private static void Header(string title)
    {
        Console.WriteLine();
        Console.WriteLine("## " + title);
        Console.WriteLine($"| {"step",-58} | {"SymKl ms",9} | {"SymPy ms",9} | {"ratio",8} |");
        Console.WriteLine($"|{new string('-', 60)}|{new string('-', 11)}|{new string('-', 11)}|{new string('-', 10)}|");
    }

    private static double? Anchor(Dictionary<string, double> sympy, params string[] prefixes)
    {
        double total = 0;
        foreach (var p in prefixes)
        {
            var key = sympy.Keys.FirstOrDefault(k => k.StartsWith(p, StringComparison.Ordinal));
            if (key is null) return null;
            total += sympy[key];
        }
        return total;
    }

    /// <summary>The seed algebra steps (tests/data/seed-algebra-steps.tsv), each decided from LaTeX: parse, bind, prove.</summary>
    private static void Algebra(Dictionary<string, double> sympy)
    {
        Header("Seed algebra steps: median time to decide (parse + bind + prove), SymKl vs SymPy simplify");
        // The anchor rows that time the same step (keyed by the table's note: one line of a seed can hold two steps).
        var anchors = new Dictionary<string, string[]>
        {
            ["the VAE KL term"] = ["000 final"],
            ["log(1/(sigma_1 sqrt(2 pi))) split"] = ["log expansion"],
            ["(sigma_1^2 + mu_1^2 + mu_1^2 - 2 mu_1^2)/(2 sigma_1^2) = 1/2"] = ["001 algebra"],
            ["the final KL closed form"] = ["001 final form"],
        };
        var file = Path.Combine(RepoRoot(), "tests", "data", "seed-algebra-steps.tsv");
        var ratios = new List<double>();
        foreach (var line in File.ReadAllLines(file))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var c = line.Split('\t');
            var name = c[0] + ":" + c[1];
            var ms = Measure.MedianMilliseconds(() =>
            {
                var r = SingleStep.Check(c[2], c[3], [], []);
                if (r.Step?.Verdict.Kind != VerdictKind.Proved) throw new InvalidOperationException(name + " not proved");
            });
            var key = anchors.Keys.FirstOrDefault(k => c[4].StartsWith(k, StringComparison.Ordinal));
            var theirs = key is not null ? Anchor(sympy, anchors[key]) : null;
            // SymPy simplifies some inputs while building them (its time is then ~0): no meaningful ratio.
            if (theirs is { } t && t >= 1) ratios.Add(t / ms);
            Row(name + " " + c[4].Substring(0, Math.Min(20, c[4].Length)), ms, theirs);
        }
        if (ratios.Count > 0)
            Console.WriteLine($"Speed-up over the steps SymPy needs at least 1 ms for: geometric mean {Math.Exp(ratios.Average(Math.Log)).ToString("F0", CultureInfo.InvariantCulture)}x, smallest {ratios.Min().ToString("F0", CultureInfo.InvariantCulture)}x");
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SymKl.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>KL(P‖Q) for P = N(μ1, σ1²), Q = N(μ2, σ2²), decided against its closed form from LaTeX.</summary>
    private static void Integral(Dictionary<string, double> sympy)
    {
        Header("Univariate Gaussian KL integral: decide KL(P||Q) = closed form (SymPy: integrate + simplify)");
        var defines = new[] { @"p(x) \sim \mathcal{N}(\mu_1, \sigma_1^2)", @"q(x) \sim \mathcal{N}(\mu_2, \sigma_2^2)" };
        const string closed = @"\log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac{1}{2}";
        var ms = Measure.MedianMilliseconds(() =>
        {
            var r = SingleStep.Check(@"\int p(x) \log\frac{p(x)}{q(x)} dx", closed, [], defines);
            if (r.Step?.Verdict.Kind != VerdictKind.Proved) throw new InvalidOperationException("KL integral not proved: " + r.Step?.Verdict.Reason);
        });
        Row("KL(N(mu1,s1^2) || N(mu2,s2^2)) as an integral", ms, Anchor(sympy, "001 integrate KL", "001 final form"));
        var entropy = Measure.MedianMilliseconds(() =>
        {
            var r = SingleStep.Check(@"-\int q(z) \log q(z) dz", @"\frac{1}{2}\log(2\pi\sigma^2) + \frac{1}{2}", [], [@"q(z) \sim \mathcal{N}(\mu, \sigma^2)"]);
            if (r.Step?.Verdict.Kind != VerdictKind.Proved) throw new InvalidOperationException("entropy not proved");
        });
        Row("Gaussian entropy -int q log q = 1/2 log(2 pi s^2) + 1/2", entropy, Anchor(sympy, "000 integrate entropy", "000 entropy"));
    }

    /// <summary>symkl verify on a generated corpus of 1000 steps (one process; start-up is the startup section's).</summary>
    private static void Verify(string shared, string? symkl)
    {
        var cli = symkl ?? Path.Combine(RepoRoot(), "tools", "SymKl.Cli", "bin", "Release", "net10.0", "symkl.dll");
        if (!File.Exists(cli)) { Console.WriteLine("build the CLI first: dotnet build tools/SymKl.Cli -c Release (looked for " + cli + ")"); return; }
        Console.WriteLine();
        Console.WriteLine("## symkl verify");

        var folder = Path.Combine(Path.GetTempPath(), "symkl-bench-corpus");
        var steps = GenerateCorpus(folder, 1000);
        var corpusTimes = new List<double>();
        for (var i = 0; i < 3; i++) corpusTimes.Add(RunCli(cli, folder));
        corpusTimes.Sort();
        var seconds = corpusTimes[1] / 1000;
        Console.WriteLine($"symkl verify on a generated corpus of {steps} steps: {seconds.ToString("F2", CultureInfo.InvariantCulture)} s, {(steps / seconds).ToString("F0", CultureInfo.InvariantCulture)} steps/s on {Environment.ProcessorCount} cores");
    }

    /// <summary>Wall time of one symkl process, through its native launcher (as an installed tool starts) when there is one.</summary>
    private static double RunCli(string cli, string path)
    {
        var launcher = Path.ChangeExtension(cli, OperatingSystem.IsWindows() ? ".exe" : null);
        var executable = cli.EndsWith(".dll", StringComparison.Ordinal) && File.Exists(launcher) ? launcher : cli;
        return StartupBench.Time(executable, ["verify", path, "--format", "json"]);
    }

    /// <summary>Documents of algebra chains in seed notation: 20 documents × 50 steps, some of them wrong.</summary>
    private static int GenerateCorpus(string folder, int steps)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, true);
        Directory.CreateDirectory(folder);
        var templates = new (string Lhs, string Rhs)[]
        {
            (@"\frac{1}{2}\log(2\pi\sigma_{K}^2)", @"\log\sigma_{K} + \frac{1}{2}\log(2\pi)"),
            (@"(x_{K} - \mu_{K})^2", @"x_{K}^2 - 2x_{K}\mu_{K} + \mu_{K}^2"),
            (@"\log\frac{\sigma_{K}}{s_{K}}", @"\log\sigma_{K} - \log s_{K}"),
            (@"-\frac{1}{2}(1 + \log\sigma_{K}^2 - \mu_{K}^2 - \sigma_{K}^2)", @"\frac{\mu_{K}^2 + \sigma_{K}^2 - 1}{2} - \log\sigma_{K}"),
            (@"e^{a_{K} + b_{K}}", @"e^{a_{K}} e^{b_{K}}"),
            (@"\frac{x_{K}^2 - 1}{x_{K} - 1}", @"x_{K} + 1"),
            (@"(a_{K} + b_{K})^2", @"a_{K}^2 + b_{K}^2"),
        };
        var count = 0;
        for (var d = 0; count < steps; d++)
        {
            var sb = new StringBuilder("---\ntitle: generated ").Append(d).Append("\n---\n\n");
            for (var k = 0; k < 50 && count < steps; k++, count++)
            {
                var (lhs, rhs) = templates[(d * 50 + k) % templates.Length];
                var tag = (d * 50 + k).ToString(CultureInfo.InvariantCulture);
                sb.Append("Step ").Append(tag).Append(":\n\n$$\n").Append(lhs.Replace("K", tag)).Append(" = ").Append(rhs.Replace("K", tag)).Append("\n$$\n\n");
            }
            File.WriteAllText(Path.Combine(folder, "doc" + d.ToString("D3", CultureInfo.InvariantCulture) + ".md"), sb.ToString());
        }
        return count;
    }
}
