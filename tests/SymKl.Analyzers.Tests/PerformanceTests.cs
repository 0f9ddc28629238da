using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace SymKl.Analyzers.Tests;

/// <summary>
/// The analyzer's cost: a derivation is read and verified once per text (then cached), and each annotated method
/// costs a read of its body and one equality decision. The bounds are loose (a shared machine); the output has the numbers.
/// </summary>
public class PerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AnAnnotatedMethodCostsOneDecisionOnceTheDerivationIsCached()
    {
        var methods = HandWrittenForms.Right.Select(r => ((string)r[0], (string)r[1])).ToList();
        string Source() => "using System;\nusing MathNet.Numerics;\nusing SymKl;\n\npublic static class Code\n{\n" +
            string.Concat(methods.Select((m, i) => "    [CheckedAgainst(\"" + m.Item1 + "\")]\n    public static " + m.Item2.Replace(" Kl(", " Kl" + i.ToString(CultureInfo.InvariantCulture) + "(", StringComparison.Ordinal) + "\n")) + "}\n";

        var cold = Stopwatch.StartNew();
        Assert.Empty(await AnalyzerHarness.AnalyzeAsync(Source()));
        cold.Stop();
        var warm = Stopwatch.StartNew();
        Assert.Empty(await AnalyzerHarness.AnalyzeAsync(Source()));
        warm.Stop();
        var perMethod = warm.Elapsed.TotalSeconds / methods.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{methods.Count} annotated methods: first run {cold.Elapsed.TotalSeconds:F2} s (verifying their derivations unless cached), then {warm.Elapsed.TotalSeconds:F2} s, {perMethod * 1000:F1} ms per method"));
        Assert.True(perMethod < 1.0, "each annotated method took " + perMethod + " s");
    }

    [Fact]
    public async Task MethodsWithoutTheAttributeCostLittle()
    {
        var source = "using System;\nusing SymKl;\n\npublic static class Code\n{\n" + string.Concat(Enumerable.Range(0, 500).Select(i => "    [Obsolete] public static double M" + i.ToString(CultureInfo.InvariantCulture) + "(double x) => Math.Log(x) * " + i.ToString(CultureInfo.InvariantCulture) + ";\n")) + "}\n";
        var compilation = AnalyzerHarness.Compile(source);
        var analyzer = new CheckedAgainstAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync());
        var time = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"500 methods with another attribute: {time.TotalMilliseconds:F1} ms in the analyzer"));
        Assert.True(time < TimeSpan.FromSeconds(2), "the analyzer took " + time + " on methods it has nothing to do with");
    }

    [Fact]
    public async Task CancellationStopsTheAnalysis()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var compilation = AnalyzerHarness.Compile("using SymKl;\npublic static class Code\n{\n    [CheckedAgainst(\"gamma\")]\n    public static double Kl(double shape1, double rate1, double shape2, double rate2) => shape1;\n}\n");
        var withAnalyzers = compilation.WithAnalyzers([new CheckedAgainstAnalyzer()]);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withAnalyzers.GetAnalyzerDiagnosticsAsync(cancelled.Token));
    }
}
