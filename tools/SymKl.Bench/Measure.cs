using System.Diagnostics;

namespace SymKl.Bench;

/// <summary>A Stopwatch harness: warm up, then time batches until enough time has passed; report the median per call.</summary>
internal static class Measure
{
    public static double MedianMilliseconds(Action action, int minRuns = 15, double minSeconds = 0.5) =>
        Medians([action], minRuns, minSeconds)[0];

    /// <summary>Two actions timed alternately, so that a change in the machine's load hits both alike; the median of each.</summary>
    public static (double A, double B) InterleavedMedianMilliseconds(Action a, Action b, int minRuns = 15, double minSeconds = 0.5)
    {
        var m = Medians([a, b], minRuns, minSeconds);
        return (m[0], m[1]);
    }

    /// <summary>
    /// Two short actions timed alternately, the fastest run of each: on a machine shared with other work the fastest of
    /// many sub-millisecond runs is the one no other process interrupted, so the ratio stays meaningful under load.
    /// </summary>
    public static (double A, double B) InterleavedMinimumMilliseconds(Action a, Action b, int minRuns = 200, double minSeconds = 1.0)
    {
        var m = Runs([a, b], minRuns, minSeconds);
        return (m[0].Min(), m[1].Min());
    }

    /// <summary>Each action in turn (a, b, a, b, …) after a warm-up, until enough rounds and time; the median of each.</summary>
    private static double[] Medians(Action[] actions, int minRuns, double minSeconds) =>
        [.. Runs(actions, minRuns, minSeconds).Select(s => s.Order().ElementAt(s.Count / 2))];

    private static List<double>[] Runs(Action[] actions, int minRuns, double minSeconds)
    {
        for (var i = 0; i < 3; i++)
            foreach (var action in actions) action();
        var samples = actions.Select(_ => new List<double>()).ToArray();
        var total = Stopwatch.StartNew();
        while (samples[0].Count < minRuns || total.Elapsed.TotalSeconds < minSeconds)
        {
            for (var k = 0; k < actions.Length; k++)
            {
                var sw = Stopwatch.StartNew();
                actions[k]();
                samples[k].Add(sw.Elapsed.TotalMilliseconds);
            }
            if (samples[0].Count > 100_000) break;
        }
        return samples;
    }
}
