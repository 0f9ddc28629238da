using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// 𝔼_q[…] with a bare law q whose body never applies q: the expectation is over the one variable the document writes q
/// in everywhere (q(z), q(z | x)). Of something free of it, the expectation is that thing; under the random models q(z)
/// is an arbitrary law of z, so a body that equals log p(x) for every z is confirmed and one that does not is refuted.
/// </summary>
public class WrittenLawTests
{
    private const string Setting = "We approximate the posterior $p(z \\mid x)$ of the joint $p(x, z)$ with a density $q(z)$ over the latent $z$.\n\n";

    private static List<string> Verdicts(string document) =>
        DocumentVerifier.Verify(MarkdownReader.Parse(document, "snippet.md")).Steps
            .Select(s => s.Verdict.Kind.ToString().ToLowerInvariant()).ToList();

    private static string Only(string math, string setting = Setting) => Assert.Single(Verdicts(setting + "$$\n" + math + "\n$$\n"));

    public static TheoryData<string, string> Decided => new()
    {
        // The expectation of a constant in z, whatever q is.
        { @"\log p(x) = \mathbb{E}_{q}[\log p(x)]", "proved" },
        { @"\log p(x) = \mathbb{E}_q\left[\log p(x)\right]", "proved" },
        // Bayes under the expectation: log p(x) for every z.
        { @"\log p(x) = \mathbb{E}_{q}\left[\log \frac{p(x, z)}{p(z \mid x)}\right]", "confirmed" },
        { @"\mathbb{E}_{q}\left[\log p(x, z) - \log p(z \mid x)\right] = \log p(x)", "confirmed" },
        // Wrong: the likelihood written for the posterior leaves log p(z), and the joint alone is not the evidence.
        { @"\log p(x) = \mathbb{E}_{q}\left[\log \frac{p(x, z)}{p(x \mid z)}\right]", "refuted" },
        { @"\log p(x) = \mathbb{E}_{q}\left[\log p(x, z)\right]", "refuted" },
    };

    [Theory]
    [MemberData(nameof(Decided))]
    public void AnExpectationOverABareLawIsOverItsWrittenVariable(string math, string verdict) => Assert.Equal(verdict, Only(math));

    [Fact]
    public void ALawWrittenInTwoVariablesGivesNone()
    {
        // q(z) and q(x): E_q names no one variable, so nothing is read into it.
        const string setting = "Let $q(z)$ be a law of $z$ and $q(x)$ one of $x$, with joint $p(x, z)$.\n\n";
        Assert.Equal("unsupported", Only(@"\log p(x) = \mathbb{E}_{q}[\log p(x)]", setting));
        Assert.NotEqual("refuted", Only(@"\log p(x) = \mathbb{E}_{q}\left[\log \frac{p(x, z)}{p(z \mid x)}\right]", setting));
    }

    [Fact]
    public void AStatedMomentOfABareLawIsNotRefuted()
    {
        // q written only as q(x): E_q[(x − μ)²] depends on x and q has no law here, so the stated variance keeps its reading.
        const string document = "Let $q(x)$ be any density with mean $\\mu$ and variance $\\sigma^2$, so that $\\mathbb{E}_q[(x - \\mu)^2] = \\sigma^2$.\n\n"
            + "$$\n-\\frac{1}{2\\sigma^2} \\mathbb{E}_q[(x - \\mu)^2] = -\\frac{1}{2\\sigma^2} \\sigma^2 = -\\frac{1}{2}\n$$\n";
        Assert.DoesNotContain("refuted", Verdicts(document));
    }

    public static TheoryData<string, bool> RestatedDivergences => new()
    {
        // The KL divergence to the posterior restated after "where": its standard meaning in every consistent model.
        { @"\text{KL}(q(z) \| p(z \mid x)) = \mathbb{E}_{q}\left[\log q(z) - \log p(x, z)\right] + \log p(x)", true },
        { @"\text{KL}(q(z) \| p(z \mid x)) = \log p(x) - \mathbb{E}_{q}\left[\log p(x, z) - \log q(z)\right]", true },
        // The sign of log p(x) flipped, or the prior for the joint: not the standard meaning, never accepted.
        { @"\text{KL}(q(z) \| p(z \mid x)) = \mathbb{E}_{q}\left[\log q(z) - \log p(x, z)\right] - \log p(x)", false },
        { @"\text{KL}(q(z) \| p(z \mid x)) = \mathbb{E}_{q}\left[\log q(z) - \log p(z)\right] + \log p(x)", false },
    };

    [Theory]
    [MemberData(nameof(RestatedDivergences))]
    public void ADivergenceRestatedAfterWhereIsCheckedAgainstItsStandardMeaning(string math, bool holds)
    {
        var verdict = Only(math, Setting + "Going back to the decomposition, where we got\n\n");
        if (holds) Assert.Equal("confirmed", verdict);
        else Assert.DoesNotContain(verdict, new[] { "proved", "confirmed" });
    }

    private const string Encoder = "The encoder $q_\\phi(z \\mid x)$ approximates the posterior $p_\\theta(z \\mid x)$ of the model $p_\\theta(x, z)$.\n\n";

    public static TheoryData<string, string> WithParameterTags => new()
    {
        { @"\log p_\theta(x) = \mathbb{E}_{q_\phi}\left[\log \frac{p_\theta(x, z)}{p_\theta(z \mid x)}\right]", "confirmed" },
        { @"\log p_\theta(x) = \mathbb{E}_{q_\phi}\left[\log \frac{p_\theta(x, z)}{q_\phi(z \mid x)}\right] + \mathrm{KL}(q_\phi(z \mid x) \| p_\theta(z \mid x))", "confirmed" },
        // The prior for the posterior: E_q[log p(x | z)] is not the evidence.
        { @"\log p_\theta(x) = \mathbb{E}_{q_\phi}\left[\log \frac{p_\theta(x, z)}{p_\theta(z)}\right]", "refuted" },
    };

    [Theory]
    [MemberData(nameof(WithParameterTags))]
    public void AnEncoderWrittenWithItsParametersIsTheLawOfItsExpectation(string math, string verdict) => Assert.Equal(verdict, Only(math, Encoder));
}
