using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// A '≠' in a document is a claim for every value of its parameters, like its '='. Points where the sides differ show
/// only that they are not identically equal; that is confirmed when the prose says so ("in general"), or when the sides
/// differ by a nonzero constant (everywhere). Otherwise the step is not decided: D_KL(P‖Q) ≠ D_KL(Q‖P) for every P ≠ Q is
/// false (normals of equal variance), and random points never find it.
/// </summary>
public class InequationTests
{
    private static string Verdicts(string markdown) =>
        string.Join("; ", DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps
            .Select(s => s.Verdict.Kind.ToString().ToLowerInvariant()));

    [Theory]
    // Claimed for all a, b: false at a = 0, and sampling cannot tell it from the "in general" reading.
    [InlineData("For all real numbers,\n\n$$\n(a + b)^2 \\neq a^2 + b^2\n$$\n", "unsupported")]
    [InlineData("Note that $(a+b)^2 \\neq a^2 + b^2$.\n", "unsupported")]
    // The weaker claim, said in so many words.
    [InlineData("In general, $(a+b)^2 \\neq a^2 + b^2$.\n", "confirmed")]
    [InlineData("$$\n\\log(a + b) \\neq \\log a + \\log b\n$$\n\nin general.\n", "confirmed")]
    [InlineData("Squaring is not linear: $(a+b)^2 \\neq a^2 + b^2$ need not hold with equality.\n", "confirmed")]
    // Sides that differ by a nonzero constant differ everywhere.
    [InlineData("Clearly $x + 1 \\neq x$.\n", "confirmed")]
    // Numbers.
    [InlineData("Numerically $e \\neq 3$.\n", "confirmed")]
    // Equal sides are refuted whatever the prose says.
    [InlineData("In general, $(a+b)^2 \\neq a^2 + 2ab + b^2$.\n", "refuted")]
    [InlineData("$$\n(a+b)^2 \\neq a^2 + 2ab + b^2\n$$\n", "refuted")]
    public void A_not_equal_claim_is_confirmed_only_when_it_holds_as_stated(string markdown, string expected) =>
        Assert.Equal(expected, Verdicts(markdown));

    [Fact]
    public void KL_asymmetry_for_every_pair_of_distinct_laws_is_not_confirmed()
    {
        const string doc = "Let $P = \\mathcal{N}(\\mu_1, \\sigma_1^2)$ and $Q = \\mathcal{N}(\\mu_2, \\sigma_2^2)$.\n\n" +
            "The divergence is asymmetric: $D_{KL}(P\\|Q) \\neq D_{KL}(Q\\|P)$ for $P \\neq Q$.\n";
        var steps = DocumentVerifier.Verify(MarkdownReader.Parse(doc, "snippet.md")).Steps;
        Assert.DoesNotContain(steps, s => s.Verdict.Kind is Symbolic.VerdictKind.Confirmed or Symbolic.VerdictKind.Proved);
    }
}
