using System.Reflection;
using SymKl.Runtime.Generated;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// Properties of every generated function, found through the generated catalog: each is tested (has a grid),
/// each gradient matches central finite differences, the batched double and float forms and the sums agree
/// with the scalar form, and KL(p ‖ p) is exactly 0.
/// </summary>
public sealed class GeneratedFunctionsTests
{
    private static string ScalarName(GeneratedKl kl) => kl.IsSum ? kl.Method + "Term" : kl.Method;

    private static MethodInfo Scalar(GeneratedKl kl) =>
        typeof(KlGenerated).GetMethod(ScalarName(kl), [.. kl.Parameters.Select(_ => typeof(double))])
        ?? throw new InvalidOperationException("no scalar method " + ScalarName(kl));

    private static MethodInfo Gradient(GeneratedKl kl) =>
        typeof(KlGenerated).GetMethod(ScalarName(kl) + "Gradient", [.. kl.Parameters.Select(_ => typeof(double)), .. kl.Parameters.Select(_ => typeof(double).MakeByRefType())])
        ?? throw new InvalidOperationException("no gradient method for " + kl.Method);

    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (var kl in KlGenerated.Catalog) data.Add(kl.Method);
        return data;
    }

    private static GeneratedKl Find(string method) => KlGenerated.Catalog.Single(k => k.Method == method);

    [Fact]
    public void TheCatalogListsTheVerifiedDerivationsAndEveryOneHasATestGrid()
    {
        Assert.True(KlGenerated.Catalog.Count >= 12, "only " + KlGenerated.Catalog.Count + " generated functions");
        foreach (var kl in KlGenerated.Catalog)
        {
            Assert.StartsWith("derivations/", kl.Source, StringComparison.Ordinal);
            Assert.True(kl.Line > 0, kl.Method + " is not tied to a verified line");
            Assert.True(KlCases.Scalar.ContainsKey(ScalarName(kl)), "no test grid for " + ScalarName(kl));
            Assert.NotNull(Scalar(kl));
            Assert.NotNull(Gradient(kl));
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void GradientMatchesCentralFiniteDifferences(string method)
    {
        var kl = Find(method);
        var f = Scalar(kl);
        var g = Gradient(kl);
        var n = kl.Parameters.Count;
        foreach (var t in KlCases.Scalar[ScalarName(kl)])
        {
            var args = new object[2 * n];
            for (var i = 0; i < n; i++) args[i] = t[i];
            var value = (double)g.Invoke(null, args)!;
            Assert.Equal((double)f.Invoke(null, [.. t.Cast<object>()])!, value, 1e-15);
            for (var i = 0; i < n; i++)
            {
                var analytic = (double)args[n + i];
                var h = 1e-6 * Math.Max(1, Math.Abs(t[i]));
                var plus = (double[])t.Clone();
                var minus = (double[])t.Clone();
                plus[i] += h;
                minus[i] -= h;
                var numeric = ((double)f.Invoke(null, [.. plus.Cast<object>()])! - (double)f.Invoke(null, [.. minus.Cast<object>()])!) / (2 * h);
                Assert.True(Math.Abs(analytic - numeric) <= 1e-6 * Math.Max(1, Math.Abs(numeric)),
                    $"{method} ∂/∂{kl.Parameters[i]} at ({string.Join(", ", t)}): generated {analytic}, finite differences {numeric}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void BatchedFormsAgreeWithTheScalarForm(string method)
    {
        var kl = Find(method);
        var f = Scalar(kl);
        var n = kl.Parameters.Count;
        var grid = KlCases.Scalar[ScalarName(kl)];
        // 61 elements, cycling through the grid: on AVX-512 hardware, 7 Vector512<double> steps, one Vector<double>
        // step and one scalar (floats: 3 Vector512<float>, one Vector<float>, 5 scalars); on AVX2, 15 vectors and one scalar.
        const int count = 61;
        var columns = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, count).Select(k => grid[k % grid.Length][i]).ToArray()).ToArray();
        var expected = Enumerable.Range(0, count).Select(k => (double)f.Invoke(null, [.. grid[k % grid.Length].Cast<object>()])!).ToArray();

        var batchName = kl.IsSum ? kl.Method + "Terms" : kl.Method;
        var doubles = Spans.Invoke(batchName, columns, count, typeof(double));
        var singles = Spans.Invoke(batchName, columns, count, typeof(float));
        for (var k = 0; k < count; k++)
        {
            Assert.True(Math.Abs(doubles[k] - expected[k]) <= 1e-14 * Math.Max(1, Math.Abs(expected[k])), $"{method}[{k}]: batched {doubles[k]}, scalar {expected[k]}");
            var fromFloats = (double)f.Invoke(null, [.. Enumerable.Range(0, n).Select(i => (object)(double)(float)columns[i][k])])!;
            Assert.True(Math.Abs(singles[k] - fromFloats) <= 1e-6 * Math.Max(1, Math.Abs(fromFloats)), $"{method}[{k}]: float batch {singles[k]}, scalar {fromFloats}");
        }

        var sumName = kl.IsSum ? kl.Method : kl.Method + "Sum";
        var sum = Spans.Sum(sumName, columns, typeof(double));
        Assert.True(Math.Abs(sum - expected.Sum()) <= 1e-13 * Math.Max(1, Math.Abs(expected.Sum())), $"{method}: sum {sum}, expected {expected.Sum()}");
        var sumSingle = Spans.Sum(sumName, columns, typeof(float));
        Assert.True(Math.Abs(sumSingle - expected.Sum()) <= 1e-5 * Math.Max(1, Math.Abs(expected.Sum())), $"{method}: float sum {sumSingle}, expected {expected.Sum()}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void BatchedGradientsAgreeWithTheScalarGradient(string method)
    {
        var kl = Find(method);
        var g = Gradient(kl);
        var n = kl.Parameters.Count;
        var grid = KlCases.Scalar[ScalarName(kl)];
        // 29 elements: every loop of the batched code runs (3·8 wide, 4 portable, 1 scalar on AVX-512 hardware).
        const int count = 29;
        var columns = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, count).Select(k => grid[k % grid.Length][i]).ToArray()).ToArray();
        var batchName = kl.IsSum ? kl.Method + "TermsGradient" : kl.Method + "Gradient";
        var (values, grads) = Spans.InvokeGradient(batchName, columns, count);
        var sumName = kl.IsSum ? kl.Method + "Gradient" : kl.Method + "SumGradient";
        var (total, sumGrads) = Spans.SumGradient(sumName, columns, count);
        var expectedTotal = 0.0;
        for (var k = 0; k < count; k++)
        {
            var args = new object[2 * n];
            for (var i = 0; i < n; i++) args[i] = columns[i][k];
            var v = (double)g.Invoke(null, args)!;
            expectedTotal += v;
            Assert.Equal(v, values[k], 1e-13 * Math.Max(1, Math.Abs(v)));
            for (var i = 0; i < n; i++)
            {
                var d = (double)args[n + i];
                Assert.True(Math.Abs(grads[i][k] - d) <= 1e-12 * Math.Max(1, Math.Abs(d)), $"{method} ∂{i}[{k}]: batched {grads[i][k]}, scalar {d}");
                Assert.True(Math.Abs(sumGrads[i][k] - d) <= 1e-12 * Math.Max(1, Math.Abs(d)), $"{method} sum ∂{i}[{k}]: {sumGrads[i][k]}, scalar {d}");
            }
        }
        Assert.Equal(expectedTotal, total, 1e-12 * Math.Max(1, Math.Abs(expectedTotal)));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void TheDivergenceOfADistributionFromItselfIsExactlyZero(string method)
    {
        var kl = Find(method);
        var f = Scalar(kl);
        foreach (var t in KlCases.Scalar[ScalarName(kl)])
        {
            // q made equal to p (an exponential is a gamma of shape 1); pairs of different families have no such case.
            var same = KlCases.SelfPair(ScalarName(kl), t);
            if (same is null) continue;
            var v = (double)f.Invoke(null, [.. same.Cast<object>()])!;
            // Exactly 0 within a family; across families (an exponential as a gamma of shape 1) log Γ(1) is 0 only to rounding.
            // The Gumbel form keeps γ·(β₁/β₂ − 1) and e^{…}·Γ(1 + β₁/β₂) − 1 apart: Γ(2) and the γ terms cancel only to rounding.
            var tolerance = method is "ExponentialGamma" or "GammaExponential" or "Gumbel" ? 1e-15 : 0.0;
            Assert.True(Math.Abs(v) <= tolerance, $"{method}({string.Join(", ", same)}) = {v}, not 0");
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void TheFormAsWrittenAgreesWithTheCarefulFormAwayFromPEqualsQ(string method)
    {
        // MFast exists where the careful form differs from the result as written; over the grid (which keeps p
        // and q apart) the two agree to rounding, and the careful one is what the Monte Carlo tests check.
        var kl = Find(method);
        var fast = typeof(KlGenerated).GetMethod(ScalarName(kl) + "Fast", [.. kl.Parameters.Select(_ => typeof(double))]);
        if (fast is null) return;
        var f = Scalar(kl);
        foreach (var t in KlCases.Scalar[ScalarName(kl)])
        {
            var careful = (double)f.Invoke(null, [.. t.Cast<object>()])!;
            var written = (double)fast.Invoke(null, [.. t.Cast<object>()])!;
            if (double.IsPositiveInfinity(careful))
            {
                Assert.Equal(careful, written);
                continue;
            }
            Assert.True(Math.Abs(written - careful) <= 1e-9 * Math.Max(1e-3, Math.Abs(careful)), $"{method}Fast({string.Join(", ", t)}) = {written}, careful form {careful}");
        }
    }

    [Fact]
    public void FormsAsWrittenExistWhereTheCarefulFormDiffers()
    {
        var names = typeof(KlGenerated).GetMethods().Select(m => m.Name).Where(n => n.EndsWith("Fast", StringComparison.Ordinal)).ToHashSet();
        Assert.Contains("NormalNormalFast", names);
        Assert.Contains("BernoulliFast", names);
        Assert.Contains("DiagonalNormalStandardNormalTermFast", names);
        // Near p = q the written form cancels and the careful one does not: this is what the choice costs.
        var sigma = 1 + Math.Pow(2, -26);
        var t = 2 * Math.Pow(2, -26) + Math.Pow(2, -52);
        var exact = 0.5 * t * t * (0.5 - t / 3);
        Assert.True(Math.Abs(KlGenerated.NormalNormal(0, sigma, 0, 1) - exact) <= 1e-15 * exact);
        Assert.True(Math.Abs(KlGenerated.NormalNormalFast(0, sigma, 0, 1) - exact) > 1e-9 * exact);
    }
}
