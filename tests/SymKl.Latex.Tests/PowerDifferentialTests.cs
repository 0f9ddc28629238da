using SymKl.Latex.Syntax;

namespace SymKl.Latex.Tests;

/// <summary>\int f\, d\sigma^2: the differential of a power of the variable (the variance), not a power of the integral.</summary>
public class PowerDifferentialTests
{
    [Theory]
    [InlineData("\\int_0^\\infty e^{-\\sigma^2}\\, d\\sigma^2", "sigma", "2")]
    [InlineData("\\int_0^\\infty f(v)\\, dv^2 + 1", "v", "2")]
    [InlineData("\\int_0^\\infty g\\, \\mathrm{d}\\tau^{3}", "tau", "3")]
    public void The_power_belongs_to_the_differential(string latex, string variable, string exponent)
    {
        var r = LatexParser.ParseMath(latex);
        var integral = TestHelpers.Single<Integral>(r);
        var differential = Assert.Single(integral.Differentials);
        var power = Assert.IsType<Power>(differential.Variable);
        Assert.Equal(variable, Assert.IsType<Identifier>(power.Base).Name);
        Assert.Equal(exponent, Assert.IsType<Number>(power.Exponent is Group g ? g.Body : power.Exponent).Text);
        // Nothing outside the integral is raised to the power.
        Assert.DoesNotContain(TestHelpers.Nodes(r).OfType<Power>(), p => p.Base is Integral);
    }
}
