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
}
