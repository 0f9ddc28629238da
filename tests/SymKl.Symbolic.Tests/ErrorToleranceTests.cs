using SymKl.Symbolic;

namespace SymKl.Symbolic.Tests;

/// <summary>"Equal within error": the decider tells apart any difference beyond its bounds; another form of a decided value gets a relative 1e-9 more.</summary>
public class ErrorToleranceTests
{
    [Fact]
    public void TheDeciderSeparatesEveryDifferenceBeyondTheBounds()
    {
        var a = new Approx(1.0, 1e-16);
        Assert.True(ErrorTolerance.Decision.Differ(a, new Approx(1.0 + 1e-12, 1e-16)));
        Assert.True(ErrorTolerance.Decision.Agree(a, new Approx(1.0 + 1e-15, 1e-16)));
        Assert.False(ErrorTolerance.Decision.Differ(a, Approx.Undefined));
        Assert.False(ErrorTolerance.Decision.Agree(a, Approx.Undefined));
        Assert.True(ErrorTolerance.Decision.IsNonzero(new Approx(1e-30, 1e-32)));
        Assert.False(ErrorTolerance.Decision.IsNonzero(new Approx(1e-30, 1e-31)));
    }

    [Theory]
    [InlineData(1.0, 1e-12, true)]
    [InlineData(1.0, 1e-8, false)]
    [InlineData(1e6, 1e-4, true)]
    [InlineData(1e6, 1e-2, false)]
    [InlineData(0.0, 5e-10, true)]
    public void AnotherFormMayDifferByARelativeBillionth(double value, double difference, bool agree)
    {
        var a = new Approx(value, 1e-16 * Math.Abs(value));
        var b = new Approx(value + difference, 1e-16 * Math.Abs(value));
        Assert.Equal(agree, ErrorTolerance.OtherForm.Agree(a, b));
        Assert.Equal(!agree, ErrorTolerance.OtherForm.Differ(a, b));
    }
}
