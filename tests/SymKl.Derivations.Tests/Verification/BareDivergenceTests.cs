using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>"KL ≥ 0" with the divergence written without its arguments: Gibbs' inequality, proved; other directions are not.</summary>
public class BareDivergenceTests
{
    private static string Only(string document) =>
        Assert.Single(DocumentVerifier.Verify(MarkdownReader.Parse(document, "snippet.md")).Steps).Verdict.Kind.ToString().ToLowerInvariant();

    [Theory]
    [InlineData(@"Since the divergence is non-negative, $\text{KL} \geq 0$, the bound holds.")]
    [InlineData(@"Since $D_{KL} \ge 0$, the ELBO is below the evidence.")]
    [InlineData(@"Since $D_\text{KL} \geq 0$, the ELBO is below the evidence.")]
    [InlineData(@"Since $\mathrm{KL} \geq 0$, the ELBO is below the evidence.")]
    [InlineData(@"Since $0 \leq \mathrm{KL}$, the ELBO is below the evidence.")]
    public void AKullbackLeiblerDivergenceWithoutArgumentsIsNonNegative(string document) => Assert.Equal("proved", Only(document));

    [Theory]
    // The other direction holds only for equal laws: a condition, never proved.
    [InlineData(@"Here $\text{KL} \leq 0$, so the two laws agree.")]
    [InlineData(@"Here $D_{KL} < 0$ would be impossible.")]
    // A name the document gives a value of its own is not the divergence.
    [InlineData("Let $KL = x - 3$ be the key length.\n\nThen $KL \\geq 0$ only when x is large.")]
    public void OtherBoundsOnABareDivergenceAreNotProved(string document)
    {
        var verdicts = DocumentVerifier.Verify(MarkdownReader.Parse(document, "snippet.md")).Steps.Select(s => s.Verdict.Kind.ToString().ToLowerInvariant()).ToList();
        Assert.DoesNotContain("proved", verdicts.Skip(verdicts.Count - 1));
        Assert.DoesNotContain("confirmed", verdicts.Skip(verdicts.Count - 1));
    }
}
