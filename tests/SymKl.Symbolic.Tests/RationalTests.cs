using System.Numerics;
using SymKl.Symbolic;

namespace SymKl.Symbolic.Tests;

public class RationalTests
{
    [Theory]
    [InlineData("12", 12, 1)]
    [InlineData("-3", -3, 1)]
    [InlineData("0.25", 1, 4)]
    [InlineData("1e-9", 1, 1000000000)]
    [InlineData("2.5E3", 2500, 1)]
    [InlineData("+0.5", 1, 2)]
    public void ParsesDecimalsExactly(string text, long num, long den)
    {
        Assert.True(Rational.TryParseDecimal(text, out var r));
        Assert.Equal(new Rational(num, den), r);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("1e")]
    public void RejectsMalformedDecimals(string text) => Assert.False(Rational.TryParseDecimal(text, out _));

    [Fact]
    public void ArithmeticIsExactAndReduced()
    {
        var third = new Rational(1, 3);
        Assert.Equal(Rational.One, third + third + third);
        Assert.Equal(new Rational(-2, 3), new Rational(4, -6));
        Assert.Equal(new BigInteger(3), (new Rational(7, 2)).Floor());
        Assert.Equal(new BigInteger(-4), (new Rational(-7, 2)).Floor());
        Assert.Equal(new Rational(8, 27), new Rational(2, 3).Pow(3));
        Assert.Equal(new Rational(9, 4), new Rational(2, 3).Pow(-2));
        Assert.True(new Rational(1, 3) < new Rational(1, 2));
    }
}
