using System.Globalization;
using System.Reflection;
using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// The Fast twins (MFast: the verified result computed as written) over tests/data/kl-references.tsv, with their own,
/// looser bounds (docs/accuracy.md): no NaN anywhere, +∞ exactly where the divergence is infinite or beyond the double
/// range, and |value − reference| ≤ B·max(1, reference) — relative above 1, absolute below — with B = 1e-12 at
/// ordinary points, 1e-10 near p = q (the written form's terms are of size 1 there and round to ±1e-16, so a small
/// divergence may come out slightly negative) and 1e-8 at extremes and far from 0.
/// </summary>
public sealed class FastTwinTableTests
{
    internal static double Bound(string pointClass) => pointClass switch
    {
        "ordinary" => 1e-12,
        "near" => 1e-10,
        _ => 1e-8,
    };

    public static TheoryData<string> Methods() => new(ReferenceTableTests.Rows.Select(r => r.Method).Distinct()
        .Where(m => FastMethod(ReferenceTableTests.Rows.First(r => r.Method == m)) is not null));

    private static MethodInfo? FastMethod(ReferenceTableTests.Row row) =>
        typeof(KlGenerated).GetMethod(row.Method + "Fast", BindingFlags.Public | BindingFlags.Static, Enumerable.Repeat(typeof(double), row.Arguments.Length).ToArray());

    [Theory]
    [MemberData(nameof(Methods))]
    public void EveryPointIsWithinTheFastBound(string method)
    {
        var failures = new List<string>();
        foreach (var row in ReferenceTableTests.Rows.Where(r => r.Method == method))
        {
            var v = (double)FastMethod(row)!.Invoke(null, row.Arguments.Cast<object>().ToArray())!;
            string? problem;
            if (double.IsNaN(v)) problem = "NaN";
            else if (double.IsPositiveInfinity(row.Reference) || double.IsInfinity(v))
                problem = v == row.Reference ? null : "infinite where the divergence is finite, or the reverse";
            else
            {
                var error = Math.Abs(v - row.Reference) / Math.Max(1, row.Reference);
                problem = error <= Bound(row.Class) ? null : "error " + error.ToString("E2", CultureInfo.InvariantCulture) + " above " + Bound(row.Class).ToString("E0", CultureInfo.InvariantCulture);
            }
            if (problem is not null) failures.Add($"{method}Fast at {row.P} ‖ {row.Q} [{row.Class}] = {v:R}, reference {row.Reference:R}: {problem}");
        }
        Assert.True(failures.Count == 0, failures.Count + " points out of bounds:\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>The written form of Uniform ‖ Gumbel is e^{∞} − e^{∞} = NaN where the Gumbel's scale is tiny; the divergence is +∞.</summary>
    [Fact]
    public void AWrittenFormThatIsNaNGivesTheCarefulValue()
    {
        Assert.Equal(double.PositiveInfinity, KlGenerated.UniformGumbelFast(-0.451, 1.595, 1e8, 1e-8));
        Assert.Equal(KlGenerated.UniformGumbel(0, 1, 1000, 1), KlGenerated.UniformGumbelFast(0, 1, 1000, 1));
    }
}
