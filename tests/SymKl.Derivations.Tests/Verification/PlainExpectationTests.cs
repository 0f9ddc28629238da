namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// \mathbb{E}[f] without a subscript is read as over the one symbol of f that a document has bound with x ∼ …;
/// with none or several such symbols, the step is unsupported and says why.
/// </summary>
public class PlainExpectationTests
{
    private const string Document = """
        <!-- symkl: z \sim \mathcal{N}(\mu, \sigma^2) -->
        <!-- symkl: y \sim \mathrm{Exponential}(\lambda) -->

        $$
        \mathbb{E}[(z - \mu)^2] = \sigma^2
        $$

        $$
        \mathbb{E}[z^2] = \mu^2
        $$

        $$
        \mathbb{E}[2y] = \frac{2}{\lambda}
        $$

        $$
        \mathbb{E}[z y] = \frac{\mu}{\lambda}
        $$

        $$
        \mathbb{E}[w^2] = w^2
        $$
        """;

    [Fact]
    public void ThePlainExpectationIsOverTheOneSymbolWithADistribution()
    {
        var steps = JsonSteps.Of(Document)
            .Select(s => (Verdict: s.GetProperty("verdict").GetString(), Reason: s.GetProperty("reason").GetString() ?? "")).ToList();
        Assert.Equal(5, steps.Count);
        Assert.Equal("proved", steps[0].Verdict);
        Assert.Equal("refuted", steps[1].Verdict);
        Assert.Equal("proved", steps[2].Verdict);
        Assert.Equal("unsupported", steps[3].Verdict);
        // Over two random variables at once (z and y), no one law: an unknown value, not decided.
        Assert.Contains("unknown values", steps[3].Reason, StringComparison.Ordinal);
        Assert.Equal("unsupported", steps[4].Verdict);
        // No symbol in it has a distribution: the expectation is an unknown value, and E[w²] = w² does not hold whatever it is.
        Assert.Contains("unknown values", steps[4].Reason, StringComparison.Ordinal);
    }

    private const string InlineDensities = """
        <!-- symkl: q(z) = \mathcal{N}(z; \mu, \sigma^2) -->
        <!-- symkl: p(z) = \mathcal{N}(z; 0, 1) -->

        $$
        KL(q \| p) = -\frac{1}{2}\left(1 + \log \sigma^2 - \mu^2 - \sigma^2\right)
        $$

        $$
        \mathbb{E}_{q}[z^2] = \mu^2 + \sigma^2
        $$

        $$
        \mathbb{E}_{q}[z^2] = \mu^2
        $$
        """;

    [Fact]
    public void ADensityDefinedInlineIsItsFamilyAndItsVariableIsKnown()
    {
        // q(z) = N(z; μ, σ²) makes q a normal density (so KL(q ‖ p) has its closed form), and E_q[z²] is over z,
        // the variable q was defined in, though the body never writes q(z).
        var verdicts = JsonSteps.Of(InlineDensities).Select(s => s.GetProperty("verdict").GetString()).ToList();
        Assert.Equal(["proved", "proved", "refuted"], verdicts);
    }
}
