namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// "log 2 ≈ 0.693": a number approximated by a decimal is confirmed when it agrees to the last digit written (rounded or
/// truncated; the digits counted as written, trailing zeros included); otherwise, and whenever anything in it varies or
/// the approximation is a whole number, it is skipped as an approximation, never refuted.
/// </summary>
public class ApproximationTests
{
    [Theory]
    [InlineData("The entropy of a fair coin is $\\log 2 \\approx 0.693$ nats.", "confirmed")]
    [InlineData("A fair die has $\\log_2 6 \\approx 2.585$ bits.", "confirmed")]
    [InlineData("At least one six in four rolls: $1 - (5/6)^4 \\approx 0.518$.", "confirmed")]
    [InlineData("Truncated: $\\pi \\approx 3.1415$.", "confirmed")]
    [InlineData("Roughly $\\sqrt{2} \\approx 1.4$.", "confirmed")]
    [InlineData("To the nearest whole number, $e^{3} \\approx 20$.", "skipped")]
    [InlineData("Trailing zeros are digits written: $\\pi \\approx 3.100$.", "skipped")]
    [InlineData("Trailing zeros that hold: $\\pi \\approx 3.14160$.", "confirmed")]
    [InlineData("Loosely, $\\log 2 \\approx 0.7$ is off by more than the digit written allows: $\\log 2 \\approx 0.8$.", "skipped")]
    [InlineData("A wrong digit: $\\log_2 6 \\approx 2.595$.", "skipped")]
    [InlineData("With a free symbol, $\\log(1 + x) \\approx 0.5$.", "skipped")]
    [InlineData("A fraction is no decimal: $\\pi \\approx \\frac{22}{7}$.", "skipped")]
    public void AnApproximationIsConfirmedToItsDigits(string markdown, string verdict)
    {
        var steps = JsonSteps.Of(markdown);
        Assert.Equal(verdict, steps[^1].GetProperty("verdict").GetString());
        Assert.DoesNotContain(steps, s => s.GetProperty("verdict").GetString() == "refuted");
    }
}
