// The KL benchmark needs the runtime (the generated KL functions). It is compiled in when the benchmark
// project references src/SymKl.Runtime and defines SYMKL_KL:
//   <ProjectReference Include="..\..\src\SymKl.Runtime\SymKl.Runtime.csproj" />
//   <DefineConstants>$(DefineConstants);SYMKL_KL</DefineConstants>
// and Program.Main runs it for the section "kl": `if (section == "kl") return KlBench.Run(args.Skip(1).ToArray());`
#if SYMKL_KL
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SymKl.Runtime.Generated;

namespace SymKl.Bench;

/// <summary>
/// Generated KL code against hand-written C# and against torch.distributions, in one run on one machine:
/// <list type="bullet">
/// <item>batched Normal‖Normal over 10⁶ float64 elements (the anchor's data: means N(0, 1), scales U(0.1, 1.1)), one thread;</item>
/// <item>the VAE KL term −½Σ(1 + lv − μ² − e^lv) summed over 10⁶ elements;</item>
/// <item>scalar generated functions against the textbook formula written by hand, ns per call.</item>
/// </list>
/// <code>kl [--n 1000000] [--anchor PATH/torch_kl.py] [--python /usr/bin/python3] [--markdown FILE] [--scalar-only]</code>
/// Torch runs with one thread (the anchor's argument); its numbers are read from its output.
/// </summary>
public static partial class KlBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var n = 1_000_000;
        string? anchor = null, markdown = null;
        var scalarOnly = false;
        var python = "/usr/bin/python3";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value.");
            switch (args[i])
            {
                case "--n": n = int.Parse(Next(), Inv); break;
                case "--anchor": anchor = Next(); break;
                case "--python": python = Next(); break;
                case "--markdown": markdown = Next(); break;
                case "--scalar-only": scalarOnly = true; break;
                default:
                    Console.Error.WriteLine("unknown argument " + args[i]);
                    return 2;
            }
        }
        anchor ??= FindAnchor();

        var report = new StringBuilder();
        void Line(string s = "")
        {
            Console.WriteLine(s);
            report.Append(s).Append('\n');
        }

        Line("## KL benchmarks (" + Environment.ProcessorCount + " cores, " + RuntimeName() + ", Vector<double>.Count = " + System.Numerics.Vector<double>.Count + ")");
        // The anchor allocates fresh tensors on every call, so its time depends on the machine's load and the
        // allocator: it runs three times and the median of each number is kept (the range is reported).
        var runs = new List<TorchNumbers>();
        for (var run = 0; run < 3 && !scalarOnly && anchor is not null && File.Exists(anchor); run++)
            if (RunTorch(python, anchor, out _) is { } numbers) runs.Add(numbers);
        TorchNumbers? torch = null;
        if (runs.Count > 0)
        {
            var normals = runs.Select(r => r.Normal).OrderBy(v => v).ToList();
            var vaes = runs.Select(r => r.Vae).OrderBy(v => v).ToList();
            torch = new TorchNumbers(normals[normals.Count / 2], vaes[vaes.Count / 2]);
            Line("torch anchor, " + runs.Count + " runs: kl_divergence(Normal, Normal) " + string.Join(", ", normals.Select(F)) + " ns/elem; VAE term " + string.Join(", ", vaes.Select(F)) + " ns/elem (medians used below)");
        }
        else
        {
            Line("torch anchor not run" + (anchor is null ? " (no shared/anchors/torch_kl.py found)" : ""));
        }

        var data = new Data(n, seed: 0);
        if (!scalarOnly) Batched(n, data, torch, Line);
        Scalar(n, data, Line);
        if (markdown is not null) File.WriteAllText(markdown, report.ToString());
        return 0;
    }

    private static void Batched(int n, Data data, TorchNumbers? torch, Action<string> Line)
    {
        Line("");
        Line("### Batched, " + n.ToString("N0", Inv) + " float64 elements, one thread (ns per element, median of runs)");
        Line("| computation | SymKl generated | hand-written C# loop | torch | torch / generated |");
        Line("|---|---:|---:|---:|---:|");

        var result = new double[n];
        var (normalGen, normalHand) = PerElementInterleaved(n, () => KlGenerated.NormalNormal(data.Mu1, data.Sigma1, data.Mu2, data.Sigma2, result), () => HandNormalBatch(data, result));
        Line(Row("KL(Normal ‖ Normal), elementwise", normalGen, normalHand, torch?.Normal));

        var (vaeGen, vaeHand) = PerElementInterleaved(n, () => Sink(KlGenerated.DiagonalNormalStandardNormal(data.Mu1, data.LogVar)), () => Sink(HandVae(data)));
        Line(Row("VAE KL term −½Σ(1 + lv − μ² − e^lv), summed", vaeGen, vaeHand, torch?.Vae));

        var mu32 = data.Mu1.Select(x => (float)x).ToArray();
        var lv32 = data.LogVar.Select(x => (float)x).ToArray();
        var vae32 = PerElement(n, () => Sink(KlGenerated.DiagonalNormalStandardNormal(mu32, lv32)));
        Line(Row("VAE KL term, float32 inputs (computed in double)", vae32, null, null));
    }

    private static void Scalar(int n, Data data, Action<string> Line)
    {
        Line("");
        Line("### Scalar generated functions against the textbook formula written by hand (ns per call, " + n.ToString("N0", Inv) + " calls)");
        Line("Careful: the default generated method (cancellation-free). As written: its MFast twin, the verified result computed as written.");
        Line("| function | careful | as written | hand-written | careful / hand | as written / hand |");
        Line("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, generated, written, hand) in ScalarCases(data))
        {
            var (g, h) = PerElementInterleaved(n, () => Sink(generated()), () => Sink(hand()));
            var (w, h2) = PerElementInterleaved(n, () => Sink(written()), () => Sink(hand()));
            Line($"| {name} | {F(g)} | {F(w)} | {F(h)} | {(g / h).ToString("F2", Inv)} | {(w / h2).ToString("F2", Inv)} |");
        }
        Line("");
        Line("Accuracy near p = q (relative error, σ₁ = 1 + 2⁻³⁰, σ₂ = 1, equal means): generated " +
             RelativeError(KlGenerated.NormalNormal(0, 1 + Math.Pow(2, -30), 0, 1)).ToString("E1", Inv) +
             ", as written " + RelativeError(KlGenerated.NormalNormalFast(0, 1 + Math.Pow(2, -30), 0, 1)).ToString("E1", Inv) +
             ", hand-written " + RelativeError(HandNormal(0, 1 + Math.Pow(2, -30), 0, 1)).ToString("E1", Inv));
    }

    // ------------------------------------------------------------------ data

    private sealed class Data
    {
        public Data(int n, int seed)
        {
            var r = new Random(seed);
            double Normal() => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
            Mu1 = new double[n]; Mu2 = new double[n]; Sigma1 = new double[n]; Sigma2 = new double[n]; LogVar = new double[n];
            Rate1 = new double[n]; Rate2 = new double[n]; P1 = new double[n]; P2 = new double[n];
            for (var i = 0; i < n; i++)
            {
                Mu1[i] = Normal();
                Mu2[i] = Normal();
                Sigma1[i] = r.NextDouble() + 0.1;
                Sigma2[i] = r.NextDouble() + 0.1;
                LogVar[i] = Math.Log(Sigma1[i] * Sigma1[i]);
                Rate1[i] = 0.1 + 5 * r.NextDouble();
                Rate2[i] = 0.1 + 5 * r.NextDouble();
                P1[i] = 0.01 + 0.98 * r.NextDouble();
                P2[i] = 0.01 + 0.98 * r.NextDouble();
            }
        }

        public double[] Mu1 { get; }
        public double[] Mu2 { get; }
        public double[] Sigma1 { get; }
        public double[] Sigma2 { get; }
        public double[] LogVar { get; }
        public double[] Rate1 { get; }
        public double[] Rate2 { get; }
        public double[] P1 { get; }
        public double[] P2 { get; }
    }

    private static double _sink;

    private static void Sink(double v) => _sink += v;

    // ------------------------------------------------------------------ hand-written references (the textbook forms, as torch writes them)

    private static double HandNormal(double m1, double s1, double m2, double s2)
    {
        var varRatio = s1 / s2 * (s1 / s2);
        var t1 = (m1 - m2) / s2 * ((m1 - m2) / s2);
        return 0.5 * (varRatio + t1 - 1 - Math.Log(varRatio));
    }

    private static void HandNormalBatch(Data d, double[] result)
    {
        for (var i = 0; i < result.Length; i++) result[i] = HandNormal(d.Mu1[i], d.Sigma1[i], d.Mu2[i], d.Sigma2[i]);
    }

    private static double HandVae(Data d)
    {
        var sum = 0.0;
        var mu = d.Mu1;
        var lv = d.LogVar;
        for (var i = 0; i < mu.Length; i++) sum += 1 + lv[i] - mu[i] * mu[i] - Math.Exp(lv[i]);
        return -0.5 * sum;
    }

    // Each case is a whole loop, so both sides inline their formula (no delegate call per element to dilute the ratio).
    private static IEnumerable<(string Name, Func<double> Generated, Func<double> Written, Func<double> Hand)> ScalarCases(Data d)
    {
        var n = d.Mu1.Length;
        double[] mu1 = d.Mu1, mu2 = d.Mu2, s1 = d.Sigma1, s2 = d.Sigma2, lv = d.LogVar, r1 = d.Rate1, r2 = d.Rate2, p1 = d.P1, p2 = d.P2;
        yield return ("Normal ‖ Normal",
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.NormalNormal(mu1[i], s1[i], mu2[i], s2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.NormalNormalFast(mu1[i], s1[i], mu2[i], s2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += HandNormal(mu1[i], s1[i], mu2[i], s2[i]); return s; });
        yield return ("VAE term (μ, log σ²)",
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.DiagonalNormalStandardNormalTerm(mu1[i], lv[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.DiagonalNormalStandardNormalTermFast(mu1[i], lv[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += -0.5 * (1 + lv[i] - mu1[i] * mu1[i] - Math.Exp(lv[i])); return s; });
        yield return ("Exponential ‖ Exponential",
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.Exponential(r1[i], r2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.ExponentialFast(r1[i], r2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) { var r = r2[i] / r1[i]; s += -Math.Log(r) + r - 1; } return s; });
        yield return ("Poisson ‖ Poisson",
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.Poisson(r1[i], r2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.PoissonFast(r1[i], r2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += r1[i] * (Math.Log(r1[i]) - Math.Log(r2[i])) - (r1[i] - r2[i]); return s; });
        yield return ("Bernoulli ‖ Bernoulli",
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.Bernoulli(p1[i], p2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.BernoulliFast(p1[i], p2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += p1[i] * Math.Log(p1[i] / p2[i]) + (1 - p1[i]) * Math.Log((1 - p1[i]) / (1 - p2[i])); return s; });
        yield return ("Geometric ‖ Geometric",
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.Geometric(p1[i], p2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.GeometricFast(p1[i], p2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += Math.Log(p1[i] / p2[i]) + (1 - p1[i]) / p1[i] * Math.Log((1 - p1[i]) / (1 - p2[i])); return s; });
        yield return ("Laplace ‖ Laplace",
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.Laplace(mu1[i], s1[i], mu2[i], s2[i]); return s; },
            () => { var s = 0.0; for (var i = 0; i < n; i++) s += KlGenerated.LaplaceFast(mu1[i], s1[i], mu2[i], s2[i]); return s; },
            () =>
            {
                var s = 0.0;
                for (var i = 0; i < n; i++)
                {
                    var delta = Math.Abs(mu1[i] - mu2[i]);
                    s += Math.Log(s2[i] / s1[i]) + delta / s2[i] + s1[i] / s2[i] * Math.Exp(-delta / s1[i]) - 1;
                }
                return s;
            });
    }

    // ------------------------------------------------------------------ measuring

    private static double PerElement(int n, Action action) => Measure.MedianMilliseconds(action, minRuns: 9, minSeconds: 1.0) * 1e6 / n;

    // Alternating the two sides makes a change in the machine's load hit both alike.
    private static (double A, double B) PerElementInterleaved(int n, Action a, Action b)
    {
        var (ma, mb) = Measure.InterleavedMedianMilliseconds(a, b, minRuns: 15, minSeconds: 2.0);
        return (ma * 1e6 / n, mb * 1e6 / n);
    }

    private static string F(double ns) => ns.ToString(ns < 10 ? "F2" : "F1", Inv);

    private static string Row(string name, double generated, double? hand, double? torch)
    {
        var ratio = torch is { } t ? (t / generated).ToString("F1", Inv) + "×" : "–";
        return $"| {name} | {F(generated)} | {(hand is { } h ? F(h) : "–")} | {(torch is { } tt ? F(tt) : "–")} | {ratio} |";
    }

    /// <summary>Relative error of KL(N(0, (1 + δ)²) ‖ N(0, 1)) with δ = 2⁻³⁰, against ½(t − log(1 + t)) by its series.</summary>
    private static double RelativeError(double value)
    {
        var delta = Math.Pow(2, -30);
        var t = 2 * delta + delta * delta;
        var exact = 0.5 * t * t * (0.5 - t / 3 + t * t / 4);
        return Math.Abs(value - exact) / exact;
    }

    private static string RuntimeName() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private sealed record TorchNumbers(double Normal, double Vae);

    [GeneratedRegex(@"kl_divergence\(Normal,Normal\).*?:\s*([0-9.]+) ns/elem")]
    private static partial Regex NormalLine();

    [GeneratedRegex(@"VAE KL term sum.*?:\s*([0-9.]+) ns/elem")]
    private static partial Regex VaeLine();

    private static TorchNumbers? RunTorch(string python, string anchor, out string? problem)
    {
        problem = null;
        try
        {
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(anchor);
            psi.ArgumentList.Add("1");
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            var errors = p.StandardError.ReadToEnd();
            p.WaitForExit();
            var normal = NormalLine().Match(output);
            var vae = VaeLine().Match(output);
            if (!normal.Success || !vae.Success)
            {
                problem = "unexpected anchor output: " + output + errors;
                Console.WriteLine(problem);
                return null;
            }
            Console.Write(output);
            return new TorchNumbers(double.Parse(normal.Groups[1].Value, Inv), double.Parse(vae.Groups[1].Value, Inv));
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            problem = e.Message;
            return null;
        }
    }

    private static string? FindAnchor()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SymKl.sln"))) dir = dir.Parent;
        if (dir is null) return null;
        var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "anchors", "torch_kl.py"));
        return File.Exists(path) ? path : null;
    }
}
#endif
