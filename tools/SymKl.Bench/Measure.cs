using System.Diagnostics;

namespace SymKl.Bench;

/// <summary>A Stopwatch harness: warm up, then time batches until enough time has passed; report the median per call.</summary>
internal static class Measure
{
    public static double MedianMilliseconds(Action action, int minRuns = 15, double minSeconds = 0.5)
    {
        for (var i = 0; i < 3; i++) action();
        var samples = new List<double>();
        var total = Stopwatch.StartNew();
        while (samples.Count < minRuns || total.Elapsed.TotalSeconds < minSeconds)
        {
            var sw = Stopwatch.StartNew();
            action();
            samples.Add(sw.Elapsed.TotalMilliseconds);
            if (samples.Count > 100_000) break;
        }
        samples.Sort();
        return samples[samples.Count / 2];
    }

    /// <summary>Two actions timed alternately (a, b, a, b, …) after a warm-up; the median of each.</summary>
    public static (double A, double B) InterleavedMedianMilliseconds(Action a, Action b, int minRuns = 15, double minSeconds = 0.5)
    {
        for (var i = 0; i < 3; i++)
        {
            a();
            b();
        }
        var sa = new List<double>();
        var sb = new List<double>();
        var total = Stopwatch.StartNew();
        while (sa.Count < minRuns || total.Elapsed.TotalSeconds < minSeconds)
        {
            var sw = Stopwatch.StartNew();
            a();
            sa.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            b();
            sb.Add(sw.Elapsed.TotalMilliseconds);
            if (sa.Count > 100_000) break;
        }
        sa.Sort();
        sb.Sort();
        return (sa[sa.Count / 2], sb[sb.Count / 2]);
    }
}
