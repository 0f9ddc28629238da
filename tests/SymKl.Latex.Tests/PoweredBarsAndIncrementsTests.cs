namespace SymKl.Latex.Tests;

/// <summary>
/// Bars after an operand inside brackets: a pair raised to a power (or subscripted) is an absolute value, \ln(|V|^n |U|^p);
/// a conditioning bar never is, p(x | y)^2. \Delta followed by one Latin letter is the increment, one name (Δx).
/// </summary>
public class PoweredBarsAndIncrementsTests
{
    [Theory]
    [InlineData(@"\ln\left(|V|^n |U|^p\right)", @"(ln (* (^ (abs V) n) (^ (abs U) p)))")]
    [InlineData(@"(|a|^2 |b|^3)", @"(paren (* (^ (abs a) 2) (^ (abs b) 3)))")]
    [InlineData(@"(|a| |b|^2)", @"(paren (* (abs a) (^ (abs b) 2)))")]
    [InlineData(@"[c |x - y|^2]", @"(square (* c (^ (abs (- x y)) 2)))")]
    [InlineData(@"(|A|_1 |B|_1)", @"(paren (* (_ (abs A) 1) (_ (abs B) 1)))")]
    [InlineData(@"p(x | y)^2", @"(^ (call p x | y) 2)")]
    [InlineData(@"p(a \mid |b|^2)", @"(call p a | (^ (abs b) 2))")]
    [InlineData(@"\Delta x", @"Δx")]
    [InlineData(@"\Delta t \cdot v", @"(mul Δt v)")]
    [InlineData(@"\Delta x_i", @"Δx_i")]
    [InlineData(@"\Delta", @"Delta")]
    [InlineData(@"\Delta \mu", @"(* Delta mu)")]
    public void Parses_to_the_expected_tree(string latex, string expected)
    {
        var result = LatexParser.ParseMath(latex);
        Assert.False(result.HasErrors, TestHelpers.Diagnostics(result));
        Assert.Equal(expected, TestHelpers.Dump(result));
    }
}
