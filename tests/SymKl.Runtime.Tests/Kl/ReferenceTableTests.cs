using System.Globalization;
using System.Reflection;
using SymKl.Runtime.Divergences;
using SymKl.Runtime.Generated;
using KlApi = SymKl.Runtime.Divergences.Kl;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// Every scalar pair against tests/data/kl-references.tsv (80-digit mpmath references on a stress grid, written by
/// tools/references/kl_references.py): the scalar method, its span form and <see cref="KlApi.Divergence(IDistribution, IDistribution)"/>
/// give no NaN, no negative value, +∞ exactly where the divergence is infinite or beyond the double range, and
/// stay within the bound of the point's class (see docs/accuracy.md for the criterion).
/// </summary>
public sealed class ReferenceTableTests
{
    internal sealed record Row(string Method, double[] Arguments, string P, string Q, string Class, double Reference);

    internal static IReadOnlyList<Row> Rows { get; } = Read();

    private static IReadOnlyList<Row> Read()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SymKl.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("SymKl.sln not found"), "tests", "data", "kl-references.tsv");
        return File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l =>
        {
            var f = l.Split('\t');
            var reference = f[5] == "Infinity" ? double.PositiveInfinity : double.Parse(f[5], CultureInfo.InvariantCulture);
            return new Row(f[0], f[1].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray(), f[2], f[3], f[4], reference);
        }).ToList();
    }

    private delegate void Span1(ReadOnlySpan<double> a, Span<double> r);
    private delegate void Span2(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> r);
    private delegate void Span3(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<double> r);
    private delegate void Span4(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> d, Span<double> r);

    /// <summary>The generated scalar method of the row, or null for a pair the runtime writes by hand (the continuous Bernoulli, Cauchy, Bernoulli ‖ Poisson) or decides without a formula (+∞ for every parameter).</summary>
    internal static MethodInfo? ScalarMethod(Row row) =>
        typeof(KlGenerated).GetMethod(row.Method, BindingFlags.Public | BindingFlags.Static, Enumerable.Repeat(typeof(double), row.Arguments.Length).ToArray());

    /// <summary>The scalar method by reflection.</summary>
    internal static double Scalar(Row row)
    {
        var m = ScalarMethod(row) ?? throw new InvalidOperationException("no scalar method " + row.Method);
        return (double)m.Invoke(null, row.Arguments.Cast<object>().ToArray())!;
    }

    /// <summary>The span method over 9 copies of the point (so that vectorised loops and their tails both run); all copies must agree.</summary>
    internal static double[] Spans(Row row)
    {
        const int n = 9;
        var k = row.Arguments.Length;
        var types = Enumerable.Repeat(typeof(ReadOnlySpan<double>), k).Append(typeof(Span<double>)).ToArray();
        var m = typeof(KlGenerated).GetMethod(row.Method, BindingFlags.Public | BindingFlags.Static, types)
                ?? throw new InvalidOperationException("no span method " + row.Method);
        var a = row.Arguments.Select(v => Enumerable.Repeat(v, n).ToArray()).ToArray();
        var r = new double[n];
        switch (k)
        {
            case 1: m.CreateDelegate<Span1>()(a[0], r); break;
            case 2: m.CreateDelegate<Span2>()(a[0], a[1], r); break;
            case 3: m.CreateDelegate<Span3>()(a[0], a[1], a[2], r); break;
            case 4: m.CreateDelegate<Span4>()(a[0], a[1], a[2], a[3], r); break;
            default: throw new InvalidOperationException(k + " arguments");
        }
        return r;
    }

    /// <summary>The class's bound on |value − reference| (relative; see docs/accuracy.md).</summary>
    internal static double Bound(Row row) => row.Class switch
    {
        "ordinary" => 1e-12,
        "near" => 1e-12,
        _ => 1e-9,
    };

    internal static string? Problem(Row row, double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (v < 0) return "negative";
        if (double.IsPositiveInfinity(row.Reference)) return double.IsPositiveInfinity(v) ? null : "finite where the divergence is infinite";
        if (double.IsInfinity(v)) return "infinite where the divergence is " + row.Reference.ToString("R", CultureInfo.InvariantCulture);
        var bound = Bound(row);
        var error = RelativeError(row, v);
        return error <= bound ? null : "relative error " + error.ToString("E2", CultureInfo.InvariantCulture) + " above " + bound.ToString("E0", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// |v − reference| / reference; at near-equal points the denominator is at least <see cref="NearFloor"/>: a
    /// divergence of 1e-24 (p and q 1e-12 apart) is judged by an absolute error of 1e-27, far below the rounding of
    /// its terms (of size 1, 2.2e-16) but not by a relative error that no closed form in doubles could meet.
    /// </summary>
    internal static double RelativeError(Row row, double v) =>
        row.Reference == 0 ? Math.Abs(v) : Math.Abs(v - row.Reference) / (row.Class == "near" ? Math.Max(row.Reference, NearFloor) : row.Reference);

    internal const double NearFloor = 1e-15;

    public static TheoryData<string> Methods() => new(Rows.Select(r => r.Method).Distinct());

    [Theory]
    [MemberData(nameof(Methods))]
    public void EveryPointIsWithinItsClassBound(string method)
    {
        var failures = new List<string>();
        foreach (var row in Rows.Where(r => r.Method == method))
        {
            var api = KlApi.Divergence(DistributionText.Parse(row.P), DistributionText.Parse(row.Q));
            var values = new List<(string What, double Value)> { ("Kl.Divergence", api) };
            if (ScalarMethod(row) is not null)
            {
                values.Add(("scalar", Scalar(row)));
                values.AddRange(Spans(row).Select(s => ("span", s)));
            }
            foreach (var (what, v) in values)
            {
                var problem = Problem(row, v);
                if (problem is not null) { failures.Add($"{what} KL({row.P} ‖ {row.Q}) [{row.Class}] = {v:R}, reference {row.Reference:R}: {problem}"); break; }
            }
        }
        Assert.True(failures.Count == 0, failures.Count + " points out of bounds:\n" + string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void TheTableCoversEveryScalarPairAndClass()
    {
        var scalarPairs = KlGenerated.Catalog.Where(c => !c.IsSum).Select(c => c.Method).ToHashSet();
        var covered = Rows.Select(r => r.Method).ToHashSet();
        Assert.Empty(scalarPairs.Except(covered).Except(["Categorical"]));
        foreach (var cls in new[] { "ordinary", "near", "extreme", "far", "infinite", "overflow" })
            Assert.Contains(Rows, r => r.Class == cls);
    }
}
