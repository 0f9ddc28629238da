using System.Globalization;
using System.Reflection;

namespace SymKl.Analyzers.Tests;

/// <summary>
/// Right hand-written forms draw no diagnostic; wrong ones draw SKA001 at the method's name, with a point at which
/// running the wrong method and a right one (compiled from the same source) gives the two values the message reports.
/// </summary>
public class HandWrittenFormsTests
{
    private const string Usings = "using System;\nusing MathNet.Numerics;\nusing SymKl;\n\n";

    private static string Source(string derivation, string method, string? reference = null) =>
        Usings + "public static class Code\n{\n    [CheckedAgainst(\"" + derivation + "\")]\n    public static " + method + "\n" +
        (reference is null ? "" : "\n    public static " + reference + "\n") + "}\n";

    public static TheoryData<string, string> Right => HandWrittenForms.Right;

    public static TheoryData<string, string, string> Wrong => HandWrittenForms.Wrong;

    [Theory]
    [MemberData(nameof(Right))]
    public async Task RightFormsDrawNoDiagnostic(string derivation, string method)
    {
        await AnalyzerHarness.VerifyAsync(Source(derivation, method));
    }

    [Theory]
    [MemberData(nameof(Wrong))]
    public async Task WrongFormsDrawSka001WithAPointThatSeparates(string derivation, string what, string method)
    {
        var marked = Source(derivation, method.Replace(" Kl(", " {|SKA001:Kl|}(", StringComparison.Ordinal), HandWrittenForms.Reference[derivation]);
        var diagnostics = await AnalyzerHarness.VerifyAsync(marked);
        var message = diagnostics.Single().GetMessage(CultureInfo.InvariantCulture);
        var (point, methodValue, derivationValue) = AnalyzerHarness.ParseCounterexample(message);

        // Run both methods at the reported point: the wrong one must give the method's value, the right one the
        // derivation's, and the two must really differ.
        var code = AnalyzerHarness.Load(AnalyzerHarness.ParseMarkup(marked).Source).GetType("Code")!;
        var wrong = Invoke(code.GetMethod("Kl")!, point);
        var right = Invoke(code.GetMethod("Right")!, point);
        var isFloat = code.GetMethod("Kl")!.ReturnType == typeof(float);
        var tolerance = isFloat ? 1e-4 : 1e-5; // the message prints six significant digits
        Assert.True(Close(wrong, methodValue, tolerance), what + ": the method gives " + wrong + " at the point, the message says " + methodValue + " (" + message + ")");
        Assert.True(Close(right, derivationValue, tolerance), what + ": a right form gives " + right + " at the point, the message says " + derivationValue + " (" + message + ")");
        Assert.True(!Close(wrong, right, 1e-6), what + ": the point does not separate them: " + message);
    }

    private static double Invoke(MethodInfo method, IReadOnlyDictionary<string, double> point)
    {
        var args = method.GetParameters().Select(p =>
        {
            var v = point[p.Name!];
            return p.ParameterType == typeof(float) ? (object)(float)v : p.ParameterType == typeof(int) ? (int)v : (object)v;
        }).ToArray();
        return Convert.ToDouble(method.Invoke(null, args), CultureInfo.InvariantCulture);
    }

    private static bool Close(double a, double b, double relative) =>
        Math.Abs(a - b) <= relative * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    [Fact]
    public void TheTablesCoverTenDerivationsRightAndTwentyWrongForms()
    {
        Assert.True(HandWrittenForms.Right.Select(r => (string)r[0]).Distinct().Count() >= 10);
        Assert.True(HandWrittenForms.Wrong.Count() >= 20);
    }
}
