using SymKl.Derivations.Numerics;

namespace SymKl.Derivations.Tests.Numerics;

/// <summary>
/// The test that lets the numeric check skip a point where an integral to ±∞ certainly diverges (the point is then no
/// counterexample and no evidence): only growth or a tail no faster than 1/t counts; decay, oscillation, zeros, NaN
/// and a pole at one probe never do.
/// </summary>
public class DivergentTailTests
{
    public static TheoryData<string, Func<double, double>, bool> Tails() => new()
    {
        { "e^{0.15 x^2} (a multiplier of the wrong sign)", x => Math.Exp(0.15 * x * x), true },
        { "x^2 e^{2.5 x^2}, infinite from the first probe", x => x * x * Math.Exp(2.5 * x * x), true },
        { "a constant", _ => 0.37, true },
        { "-e^{x} (one sign, negative)", x => -Math.Exp(x), true },
        { "1/x (log-divergent)", x => 1 / x, true },
        { "e^{-0.15 x^2}", x => Math.Exp(-0.15 * x * x), false },
        { "a Gaussian bump far out at 1e6", x => Math.Exp(-(x - 1e6) * (x - 1e6)), false },
        { "x^{-1.0001}", x => Math.Pow(x, -1.0001), false },
        { "sin x (oscillates)", Math.Sin, false },
        { "x^{1000} e^{-x} evaluated as a product (NaN far out)", x => Math.Pow(x, 1000) * Math.Exp(-x), false },
        { "a pole at x = 4, integrable elsewhere", x => Math.Abs(x - 4) < 1e-300 ? double.PositiveInfinity : Math.Exp(-x) / Math.Sqrt(Math.Abs(x - 4)), false },
        { "e^{-1e-9 x^2}, decaying very slowly", x => Math.Exp(-1e-9 * x * x), false },
    };

    [Theory]
    [MemberData(nameof(Tails))]
    public void OnlyCertainDivergenceIsReported(string name, Func<double, double> g, bool diverges) =>
        Assert.True(NumericCalculus.TailDiverges(g, 0, +1) == diverges, name);

    [Fact]
    public void TheLeftTailIsProbedToo()
    {
        Assert.True(NumericCalculus.TailDiverges(x => Math.Exp(0.5 * x * x), 0, -1));
        Assert.False(NumericCalculus.TailDiverges(Math.Exp, 0, -1));
    }
}
