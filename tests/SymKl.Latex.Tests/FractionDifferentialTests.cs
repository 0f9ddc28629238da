using SymKl.Latex.Syntax;

namespace SymKl.Latex.Tests;

/// <summary>\int \frac{dx}{g}: a differential written in the numerator of the integrand's last fraction.</summary>
public class FractionDifferentialTests
{
    [Theory]
    [InlineData("\\int_0^1 \\frac{dx}{1+x^2}", "x")]
    [InlineData("\\int_1^2 \\frac{2\\,dt}{t}", "t")]
    [InlineData("\\int_0^1 x \\frac{du}{2}", "u")]
    [InlineData("\\int \\dfrac{d\\theta}{\\sin\\theta}", "theta")]
    [InlineData("\\int_0^1 \\frac{3 s^2\\, ds}{2}", "s")]
    public void The_differential_in_the_numerator_is_the_integrals(string latex, string variable)
    {
        var r = LatexParser.ParseMath(latex);
        var integral = TestHelpers.Single<Integral>(r);
        var differential = Assert.Single(integral.Differentials);
        Assert.Equal(variable, Assert.IsType<Identifier>(differential.Variable).Name);
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.MissingDifferential);
    }

    [Theory]
    [InlineData("\\int_0^1 \\frac{x}{2}")]
    [InlineData("\\int_0^1 \\frac{d}{2}")]
    [InlineData("\\int_0^1 \\frac{dx\\, y}{2}")]
    public void Anything_else_stays_without_a_differential(string latex)
    {
        var r = LatexParser.ParseMath(latex);
        Assert.True(TestHelpers.First<Integral>(r).MissingDifferential);
    }
}
