#if SYMKL_KL
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SymKl.Runtime.Divergences;

namespace SymKl.Bench;

/// <summary>
/// KL between multivariate normals with full covariances, float64, one thread, against torch.distributions'
/// <c>kl_divergence(MultivariateNormal, MultivariateNormal)</c> in the same run (shared/anchors/torch_mvn_kl.py):
/// d = 2, 16 (batch 10⁴) and 128 (batch 200, the anchor's: 10⁴ full 128×128 covariances would take 1.3 GB each).
/// Both sides use covariances A·Aᵀ/d + ½I with A standard normal; µs per pair, from Cholesky factors and from
/// covariances (the factorisation included).
/// <code>mvn [--anchor PATH/torch_mvn_kl.py | none] [--python /usr/bin/python3] [--kernels]</code>
/// <c>--kernels</c> times only the two pair kernels against each other by dimension (no torch), which is where
/// <c>MultivariateNormalKl.RowBlockedFrom</c> comes from.
/// </summary>
public static partial class MvnBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        string? anchor = null;
        var python = "/usr/bin/python3";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value.");
            switch (args[i])
            {
                case "--anchor": anchor = Next(); break;
                case "--python": python = Next(); break;
                case "--kernels": return Kernels();
                default:
                    Console.Error.WriteLine("unknown argument " + args[i]);
                    return 2;
            }
        }
        var skipTorch = anchor == "none";
        anchor = skipTorch ? null : anchor ?? FindAnchor();
        var torch = anchor is not null && File.Exists(anchor) ? RunTorch(python, anchor) : new Dictionary<int, (double, double)>();
        if (torch.Count == 0) Console.WriteLine("torch anchor not run" + (anchor is null ? " (no shared/anchors/torch_mvn_kl.py found)" : ""));

        Console.WriteLine();
        Console.WriteLine("### KL(MultivariateNormal ‖ MultivariateNormal), float64, one thread (µs per pair, median of runs)");
        Console.WriteLine("| d | batch | SymKl from factors | torch from scale_tril | ratio | SymKl from covariances | torch including Cholesky | ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (d, n) in new[] { (2, 10_000), (16, 10_000), (128, 200) })
        {
            var random = new Random(d);
            var (m1, c1, l1) = Batch(random, d, n);
            var (m2, c2, l2) = Batch(random, d, n);
            var result = new double[n];
            var (fromTril, fromCov) = Measure.InterleavedMedianMilliseconds(
                () => MultivariateNormalKl.FromScaleTril(d, m1, l1, m2, l2, result),
                () => MultivariateNormalKl.FromCovariance(d, m1, c1, m2, c2, result), minRuns: 9, minSeconds: 1.0);
            var tril = fromTril * 1e3 / n;
            var cov = fromCov * 1e3 / n;
            var t = torch.TryGetValue(d, out var v) ? v : (double.NaN, double.NaN);
            Console.WriteLine($"| {d} | {n.ToString("N0", Inv)} | {F(tril)} | {F(t.Item1)} | {Ratio(t.Item1, tril)} | {F(cov)} | {F(t.Item2)} | {Ratio(t.Item2, cov)} |");
        }
        return 0;
    }

    /// <summary>The column kernel (dot products) against the row-blocked kernel, and Cholesky row by row against four rows at a time; µs per pair (per matrix), interleaved in one run.</summary>
    private static int Kernels()
    {
        Console.WriteLine("### MVN pair kernels, float64, one thread (µs per pair, fastest of many short interleaved runs)");
        Console.WriteLine("| d | batch | column kernel | row-blocked kernel | column / row-blocked | Cholesky by rows | four rows at a time | ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var d in new[] { 4, 8, 12, 16, 20, 24, 32, 48, 64, 96, 128 })
        {
            var n = Math.Max(4, 20_000 / (d * d)); // runs well under a millisecond: some are never interrupted
            var random = new Random(d);
            var (m1, _, l1) = Batch(random, d, n);
            var (m2, _, l2) = Batch(random, d, n);
            var column = new double[4 * d];
            var blocked = new double[MultivariateNormalKl.RowBlockedScratch(d)];
            var dd = d * d;
            var sink = 0.0;
            var (a, b) = Measure.InterleavedMinimumMilliseconds(
                () => { for (var p = 0; p < n; p++) sink += MultivariateNormalKl.Pair(d, m1.AsSpan(p * d, d), l1.AsSpan(p * dd, dd), m2.AsSpan(p * d, d), l2.AsSpan(p * dd, dd), column); },
                () => { for (var p = 0; p < n; p++) sink += MultivariateNormalKl.PairRowBlocked(d, m1.AsSpan(p * d, d), l1.AsSpan(p * dd, dd), m2.AsSpan(p * d, d), l2.AsSpan(p * dd, dd), blocked); },
                minRuns: 300, minSeconds: 1.0);
            var (ca, cb) = (a * 1e3 / n, b * 1e3 / n);
            var (_, c1, _) = Batch(random, d, n);
            var factor = new double[dd];
            var (ra, rb) = Measure.InterleavedMinimumMilliseconds(
                () => { for (var p = 0; p < n; p++) Cholesky.Factor(d, c1.AsSpan(p * dd, dd), factor, "c", p, int.MaxValue); },
                () => { for (var p = 0; p < n; p++) Cholesky.Factor(d, c1.AsSpan(p * dd, dd), factor, "c", p, 0); },
                minRuns: 300, minSeconds: 1.0);
            var (fa, fb) = (ra * 1e3 / n, rb * 1e3 / n);
            Console.WriteLine($"| {d} | {n.ToString("N0", Inv)} | {F(ca)} | {F(cb)} | {(ca / cb).ToString("F2", Inv)}× | {F(fa)} | {F(fb)} | {(fa / fb).ToString("F2", Inv)}× |");
            GC.KeepAlive(sink);
        }
        return 0;
    }

    private static string F(double us) => double.IsNaN(us) ? "–" : us.ToString(us < 10 ? "F3" : "F1", Inv);

    private static string Ratio(double torch, double ours) => double.IsNaN(torch) ? "–" : (torch / ours).ToString("F1", Inv) + "×";

    /// <summary>Means N(0, 1); covariances A·Aᵀ/d + ½I; and their Cholesky factors (computed once, outside the timing).</summary>
    private static (double[] Means, double[] Covariances, double[] Factors) Batch(Random random, int d, int n)
    {
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var means = new double[n * d];
        var covs = new double[n * d * d];
        var factors = new double[n * d * d];
        var a = new double[d * d];
        for (var b = 0; b < n; b++)
        {
            for (var i = 0; i < d; i++) means[b * d + i] = Normal();
            for (var i = 0; i < a.Length; i++) a[i] = Normal();
            var c = covs.AsSpan(b * d * d, d * d);
            for (var i = 0; i < d; i++)
                for (var j = 0; j <= i; j++)
                {
                    var s = 0.0;
                    for (var k = 0; k < d; k++) s += a[i * d + k] * a[j * d + k];
                    c[i * d + j] = c[j * d + i] = s / d + (i == j ? 0.5 : 0);
                }
            MultivariateNormal.FromCovariance(means.AsSpan(b * d, d), c).ScaleTril.CopyTo(factors.AsSpan(b * d * d));
        }
        return (means, covs, factors);
    }

    [GeneratedRegex(@"d=(\d+) batch=\d+: ([0-9.]+) us/pair from scale_tril, ([0-9.]+) us/pair including")]
    private static partial Regex AnchorLine();

    /// <summary>torch's µs per pair by dimension (from factors, including Cholesky), median of three runs of the anchor.</summary>
    private static Dictionary<int, (double, double)> RunTorch(string python, string anchor)
    {
        var runs = new Dictionary<int, List<(double, double)>>();
        for (var run = 0; run < 3; run++)
        {
            try
            {
                var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
                psi.ArgumentList.Add(anchor);
                psi.ArgumentList.Add("1");
                using var p = Process.Start(psi)!;
                var output = p.StandardOutput.ReadToEnd();
                _ = p.StandardError.ReadToEnd();
                p.WaitForExit();
                Console.Write(output);
                foreach (Match m in AnchorLine().Matches(output))
                {
                    var d = int.Parse(m.Groups[1].Value, Inv);
                    if (!runs.TryGetValue(d, out var list)) runs[d] = list = [];
                    list.Add((double.Parse(m.Groups[2].Value, Inv), double.Parse(m.Groups[3].Value, Inv)));
                }
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                Console.WriteLine("torch anchor failed: " + e.Message);
                break;
            }
        }
        return runs.ToDictionary(kv => kv.Key, kv => (Median(kv.Value.Select(v => v.Item1)), Median(kv.Value.Select(v => v.Item2))));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string? FindAnchor()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SymKl.sln"))) dir = dir.Parent;
        if (dir is null) return null;
        var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "anchors", "torch_mvn_kl.py"));
        return File.Exists(path) ? path : null;
    }
}
#endif
