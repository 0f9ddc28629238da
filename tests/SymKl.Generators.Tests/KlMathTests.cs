using System.Numerics;
using SymKl.Generators;
using SymKl.Runtime.Generated;

namespace SymKl.Generators.Tests;

/// <summary>
/// The KlMath helpers that generated code calls, compiled here from the files the generator embeds: the careful
/// forms against references where the naive formula is exact enough, the vector forms lane by lane against the scalar
/// ones, the special functions against MathNet; and the emitted text is those files' code.
/// </summary>
public class KlMathTests
{
    private static void Near(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Max(Math.Abs(expected), double.Epsilon), $"{what}: {actual:R} against {expected:R}");

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-12)]
    [InlineData(3e-5)]
    [InlineData(-0.3)]
    [InlineData(0.7)]
    [InlineData(40.0)]
    public void CarefulFormsAgreeWithTheirSeriesOrTheirDefinition(double t)
    {
        // log(1 + t), t − log(1 + t), eᵗ − 1 − t: their series near 0, the definition where it does not cancel.
        double Series(Func<int, double> term) { var sum = 0.0; for (var n = 12; n >= 1; n--) sum += term(n); return sum; }
        var small = Math.Abs(t) < 1e-3;
        var log1p = small ? Series(n => -Math.Pow(-t, n) / n) : Math.Log(1 + t);
        Near(log1p, KlMath.Log1p(t), 1e-15, "Log1p");
        var xmlog1p = small ? Series(n => n == 1 ? 0 : Math.Pow(-t, n) / n) : t - Math.Log(1 + t);
        Near(xmlog1p, KlMath.XmLog1p(t), Math.Abs(t) < 1 ? 1e-14 : 1e-13, "XmLog1p");
        var expm1mx = small ? Series(n => n == 1 ? 0 : Math.Pow(t, n) / Factorial(n)) : Math.Exp(t) - 1 - t;
        Near(expm1mx, KlMath.Expm1mx(t), 1e-13, "Expm1mx");
        Assert.Equal(0.0, KlMath.XLogY(0.0, 0.0));
        Assert.Equal(t, KlMath.KlTerm(0.0, t));
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    [Fact]
    public void VectorFormsEqualTheScalarFormsLaneByLane()
    {
        var lanes = Vector<double>.Count;
        double[] inputs = [0.0, 1e-300, 1e-9, -0.25, 0.5, 3.0, 700.0, -0.999999];
        foreach (var x in inputs)
        {
            var v = Vector.Create(x);
            Near(KlMath.Log1p(x), KlMath.Log1p(v)[lanes - 1], 4e-16, "Log1p(" + x + ")");
            Near(KlMath.XmLog1p(x), KlMath.XmLog1p(v)[0], 1e-14, "XmLog1p(" + x + ")");
            Near(KlMath.KlTerm(2.0, x), KlMath.KlTerm(Vector.Create(2.0), v)[0], 1e-14, "KlTerm(2, " + x + ")");
            Assert.Equal(KlMath.XLogY(x, 2.0), KlMath.XLogY(v, Vector.Create(2.0))[0], 15);
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.5)]
    [InlineData(7.25)]
    [InlineData(123.0)]
    public void SpecialFunctionsAgreeWithMathNet(double x)
    {
        // log Γ has a zero between 1 and 2: there the comparison is absolute.
        Assert.True(Math.Abs(MathNet.Numerics.SpecialFunctions.GammaLn(x) - KlMath.LogGamma(x)) <= 1e-14 * Math.Max(1, Math.Abs(KlMath.LogGamma(x))), "LogGamma(" + x + ")");
        Near(MathNet.Numerics.SpecialFunctions.DiGamma(x), KlMath.Digamma(x), 1e-13, "Digamma");
        Near(MathNet.Numerics.SpecialFunctions.Erf(x / 10), KlMath.Erf(x / 10), 1e-14, "Erf");
        // The Bregman divergence of log Γ: never negative, 0 at x = y, the plain formula far from the diagonal.
        Assert.Equal(0.0, KlMath.LogGammaBregman(x, x));
        Assert.True(KlMath.LogGammaBregman(x * 1.001, x) > 0);
        Near(KlMath.LogGamma(3 * x) - KlMath.LogGamma(x) - 2 * x * KlMath.Digamma(x), KlMath.LogGammaBregman(3 * x, x), 1e-12, "LogGammaBregman");
    }

    [Fact]
    public void TheEmittedHelpersAreTheEmbeddedFilesCodeOncePerVectorShape()
    {
        var text = DerivationCompiler.HelperSource;
        Assert.DoesNotContain("<emitted>", text, StringComparison.Ordinal);
        Assert.Contains("internal static partial class KlMath\n{\n", text, StringComparison.Ordinal);
        Assert.Contains("public static Vector512<double> XmLog1p(Vector512<double> t)", text, StringComparison.Ordinal);
        Assert.Contains("public static Vector<double> XmLog1p(Vector<double> t)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("VecD", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, @"public static double Erf\(double x\)"));
        Assert.EndsWith("    }\n}", text, StringComparison.Ordinal);
    }
}
