using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// The (negative) log-density of a variable whose law the document states, written out with a new density letter
/// (−log f(x) after X ∼ 𝒩(μ, σ²), −log p(y | x) after y ∼ 𝒩(f(x), σ²)): a claim about that law. One that agrees holds;
/// one that does not, or one whose density cannot be that law's (conditioned on a name the law does not mention), is
/// read as before, the definition of a new density, and never refuted.
/// </summary>
public class LawLogDensityTests
{
    private static StepResult Last(string markdown) => DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "law.md")).Steps.Last();

    [Theory]
    [InlineData("If $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$ then\n\n$$-\\log f(x) = \\frac{1}{2} \\log(2\\pi \\sigma^2) + \\frac{(x - \\mu)^2}{2\\sigma^2}$$\n")]
    [InlineData("Let $y \\sim \\mathcal{N}(g(w), s^2)$. Its negative log-likelihood is\n\n$$-\\log p(y \\mid w) = \\frac{(y - g(w))^2}{2 s^2} + \\frac{1}{2}\\log(2\\pi s^2)$$\n")]
    [InlineData("Suppose $T \\sim \\mathrm{Exponential}(\\lambda)$. Then\n\n$$\\log q(t) = \\log \\lambda - \\lambda t$$\n")]
    [InlineData("Let $Z \\sim \\mathcal{N}(m, v)$.\n\n$$\\log h(z) = -\\frac{(z - m)^2}{2 v} - \\frac{1}{2}\\log(2 \\pi v)$$\n")]
    public void TheLogDensityOfALawInForceIsAClaimThatHolds(string markdown)
    {
        var step = Last(markdown);
        Assert.Equal(StatementRole.Claim, step.Role);
        Assert.True(step.Verdict.Holds, step.Verdict.Reason);
        Assert.Contains("log-density of the law the document gives", step.Verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    // A lost log σ², a sign flipped, the mean's sign: not that law's density, so read as before (a density defined here).
    [InlineData("If $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$ then\n\n$$-\\log f(x) = \\frac{1}{2} \\log(2\\pi) + \\frac{(x - \\mu)^2}{2\\sigma^2}$$\n")]
    [InlineData("Let $y \\sim \\mathcal{N}(g(w), s^2)$. Its negative log-likelihood is\n\n$$-\\log p(y \\mid w) = -\\frac{(y - g(w))^2}{2 s^2} + \\frac{1}{2}\\log(2\\pi s^2)$$\n")]
    [InlineData("Let $Z \\sim \\mathcal{N}(m, v)$.\n\n$$\\log h(z) = -\\frac{(z + m)^2}{2 v} - \\frac{1}{2}\\log(2 \\pi v)$$\n")]
    public void AFormulaThatIsNotTheLawsLogDensityIsNotAccepted(string markdown)
    {
        var step = Last(markdown);
        Assert.False(step.Verdict.Holds, step.Verdict.Reason);
        Assert.NotEqual(VerdictKind.Refuted, step.Verdict.Kind);
        Assert.DoesNotContain("log-density of the law the document gives", step.Verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ADensityConditionedOnANameTheLawDoesNotMentionIsAnotherDensity()
    {
        var step = Last("Let $y \\sim \\mathcal{N}(g(w), s^2)$.\n\n$$-\\log p(y \\mid u) = \\frac{(y - g(w))^2}{2 s^2} + \\frac{1}{2}\\log(2\\pi s^2)$$\n");
        Assert.DoesNotContain("log-density of the law the document gives", step.Verdict.Reason, StringComparison.Ordinal);
        Assert.NotEqual(VerdictKind.Refuted, step.Verdict.Kind);
    }
}
