using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// Statements about a model's densities that the text never writes out: the joint p(x, z), its marginals p(x), p(z)
/// and its conditionals p(x | z), p(z | x). Until these are instantiated as one consistent model, no such statement may
/// be proved or confirmed by reading the conditional as the joint or by giving the joint a random density of its first
/// argument: wrong variants must never be accepted, and right ones are left undecided rather than refuted.
/// </summary>
public class AbstractModelSoundnessTests
{
    private static string Verdicts(string math) =>
        string.Join("; ", DocumentVerifier.Verify(MarkdownReader.Parse("$$\n" + math + "\n$$\n", "snippet.md")).Steps
            .Select(s => s.Verdict.Kind.ToString().ToLowerInvariant()));

    public static TheoryData<string> WrongButLookAlike => new()
    {
        // The conditional written for the joint (the bar only separates arguments in the tree).
        @"p(x \mid z) = p(x, z)",
        @"\log p(x \mid z) = \log p(x, z)",
        @"p(x; \theta) = p(x, \theta)",
        // The joint is not its first argument's marginal.
        @"\log p(x, z) - \log p(x) = 0",
        @"p(x, z) \cdot p(z) = p(x) p(z)",
        @"\mathbb{E}_{q(z)}\left[\log p(x, z)\right] = \log p(x)",
        @"\int p(x, z)\, dz = p(z)",
        // Bayes' rule with the prior and the evidence swapped; the posterior written for the prior.
        @"p(z \mid x) = \frac{p(x \mid z) p(x)}{p(z)}",
        @"p(z \mid x) = p(z)",
        @"\mathbb{E}_{q(z \mid x)}\left[\log q(z \mid x)\right] = \mathbb{E}_{q(z)}\left[\log q(z)\right]",
    };

    [Theory]
    [MemberData(nameof(WrongButLookAlike))]
    public void WrongStatementsAboutAnAbstractModelAreNeverAccepted(string math)
    {
        var verdicts = Verdicts(math);
        Assert.DoesNotContain("proved", verdicts);
        Assert.DoesNotContain("confirmed", verdicts);
    }

    // The product rule, Bayes' rule, the chain rule and the log of a product hold in every model: proved.
    public static TheoryData<string> RulesOfOneModel => new()
    {
        @"p(x, z) = p(x \mid z) p(z)",
        @"p(x, z) = p(z \mid x) p(x)",
        @"\log p(x, z) = \log p(x \mid z) + \log p(z)",
        @"\log \frac{p(x, z)}{q(z \mid x)} = \log p(x \mid z) + \log p(z) - \log q(z \mid x)",
        @"p(z \mid x) = \frac{p(x \mid z) p(z)}{p(x)}",
        @"p(z \mid x) = \frac{p(x, z)}{p(x)}",
        @"p(x_1, x_2, x_3) = p(x_1) p(x_2 \mid x_1) p(x_3 \mid x_1, x_2)",
        @"\log p(a, b) - \log p(b) = \log p(a \mid b)",
        @"p(y \mid x, \theta) p(\theta \mid x) = p(y, \theta \mid x)",
        // Marginalisation over the whole space.
        @"\int p(x, z)\, dz = p(x)",
        @"\int p(x \mid z) p(z)\, dz = p(x)",
        @"\sum_z p(x, z) = p(x)",
        @"\int p(x, y, z)\, dz = p(x, y)",
        @"\log \int p(x, z)\, dz = \log p(x)",
        // The evidence written out, its integration variable the same letter as the free z.
        @"p(z \mid x) = \frac{p(x \mid z)\, p(z)}{\int p(x \mid z)\, p(z)\, dz}",
    };

    [Theory]
    [MemberData(nameof(RulesOfOneModel))]
    public void TheRulesOfOneModelAreProved(string math) => Assert.Equal("proved", Verdicts(math));

    // Wrong variants of the same rules: never proved.
    public static TheoryData<string> WrongRules => new()
    {
        @"p(x, z) = p(x \mid z) p(x)",
        @"p(z \mid x) = \frac{p(x \mid z) p(x)}{p(z)}",
        @"\log p(x, z) = \log p(x \mid z) - \log p(z)",
        @"p(x_1, x_2, x_3) = p(x_1) p(x_2 \mid x_1) p(x_3 \mid x_2)",
        @"p(z \mid x) = p(z)",
        @"p(x, z) = p(x) p(z)",
        @"\log p(x, z) = 2 \log p(x \mid z) + \log p(z)",
        @"p(x, z) = q(x \mid z) p(z)",
        @"p(x; z) = \frac{p(x, z)}{p(z)}",
        @"\int p(x \mid z)\, dz = p(x)",
        @"\int p(x \mid z) p(z)\, dz = p(z)",
        @"\sum_x p(x, z) = p(x)",
        @"\int_0^1 p(x, z)\, dz = p(x)",
        @"\int z\, p(x, z)\, dz = p(x)",
        @"\int p(x, z) q(z)\, dz = p(x)",
        @"p(z \mid x) = \frac{p(x \mid z)\, p(z)}{\int p(x \mid z)\, dz}",
    };

    [Theory]
    [MemberData(nameof(WrongRules))]
    public void WrongRulesAreNotProved(string math)
    {
        var verdicts = Verdicts(math);
        Assert.DoesNotContain("proved", verdicts);
        Assert.DoesNotContain("confirmed", verdicts);
    }

    // A density the text defines is its own function, not a model's marginal: the rules are not applied to it.
    [Fact]
    public void ADefinedDensityIsNotReadAsAModel()
    {
        var steps = DocumentVerifier.Verify(MarkdownReader.Parse("$$\np(x, z) = x + z\n$$\n\n$$\np(x, z) = p(x \\mid z) p(z)\n$$\n", "snippet.md")).Steps;
        Assert.NotEqual(VerdictKind.Proved, steps[^1].Verdict.Kind);
    }

    // Beyond the rules, consistent random models decide the rest: right statements are confirmed, never refuted.
    public static TheoryData<string> RightAndDecidedInModels => new()
    {
        @"\log p(x) \ge \mathbb{E}_{q(z \mid x)}\left[\log \frac{p(x, z)}{q(z \mid x)}\right]",
        @"\log p(x) = \mathbb{E}_{q(z \mid x)}\left[\log \frac{p(x, z)}{q(z \mid x)}\right] + \mathrm{KL}(q(z \mid x) \,\|\, p(z \mid x))",
    };

    [Theory]
    [MemberData(nameof(RightAndDecidedInModels))]
    public void RightStatementsAboutAnAbstractModelAreConfirmed(string math) => Assert.Equal("confirmed", Verdicts(math));

    // One-variable abstract densities keep their random instances: identities that hold for every density are decided.
    [Theory]
    [InlineData(@"\mathbb{E}_{p(x)}\left[\log \frac{p(x)}{q(x)}\right] = \mathbb{E}_{p(x)}\left[\log p(x)\right] - \mathbb{E}_{p(x)}\left[\log q(x)\right]", true)]
    [InlineData(@"\int p(x) \log \frac{p(x)}{q(x)}\, dx = \int p(x) \log \frac{q(x)}{p(x)}\, dx", false)]
    public void OneVariableDensitiesAreStillDecided(string math, bool holds)
    {
        var verdict = Verdicts(math);
        Assert.Contains(holds ? "roved" : "refuted", holds ? verdict.Replace("confirmed", "proved") : verdict);
    }

    // A joint is a joint of the model, not a random density of its first argument: log p(x, z) = log p(x) fails in it.
    [Fact]
    public void AJointIsNotInstantiatedAsADensityOfItsFirstArgument()
    {
        var step = Assert.Single(DocumentVerifier.Verify(MarkdownReader.Parse("$$\n\\log p(x, z) = \\log p(x)\n$$\n", "snippet.md")).Steps);
        Assert.Equal(VerdictKind.Refuted, step.Verdict.Kind);
        Assert.Contains("one joint per density name", step.Verdict.Reason);
    }

    [Fact]
    public void TheReasonNamesBothSpellings()
    {
        var step = Assert.Single(DocumentVerifier.Verify(MarkdownReader.Parse("$$\np(x \\mid z) = p(x, z) f(x)\n$$\n", "snippet.md")).Steps);
        Assert.Equal(VerdictKind.Unsupported, step.Verdict.Kind);
        Assert.Contains("p(x \\mid z) and p(x, z)", step.Verdict.Reason);
    }
}
