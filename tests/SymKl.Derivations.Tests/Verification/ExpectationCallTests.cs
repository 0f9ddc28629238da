using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// E(X) with parentheses as the expectation operator, and Var(X) as E(X²) − E(X)², in documents that speak of expected
/// values. Of an unstated law only linearity is used (numbers move out; every other term is an unknown value), so a
/// right step is proved or confirmed and a wrong one is at worst unsupported; with the law stated (x ∼ N(μ, σ²)) the
/// moments are computed and a wrong step is refuted.
/// </summary>
public class ExpectationCallTests
{
    private const string Prose = "We compute the expected value of the estimator.\n\n";

    private static StepResult Claim(string lhs, string rhs, string before = Prose)
    {
        var markdown = before + "For all values of the symbols,\n\n$$\n" + lhs + " = " + rhs + "\n$$\n";
        var steps = DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps
            .Where(s => s.Role is StatementRole.Step or StatementRole.Claim or StatementRole.Implication).ToList();
        return Assert.Single(steps);
    }

    public static TheoryData<string, string, string> UnstatedLaw => new()
    {
        // linearity over samples, written out at several lengths
        { @"E\left(\frac{1}{n}\sum_{i=1}^{n} x_i\right)", @"\frac{1}{n} E\left(\sum_{i=1}^{n} x_i\right)", "confirmed" },
        { @"E\left(\frac{1}{n}\sum_{i=1}^{n} x_i\right)", @"\frac{1}{n} \sum_{i=1}^{n} E(x_i)", "confirmed" },
        { @"E\left(\frac{1}{n}\sum_{i=1}^{n} x_i\right)", @"\frac{1}{n} E\left(\sum_{i=1}^{n} x_i^2\right)", "unsupported" },
        { @"E\left(\frac{1}{n}\sum_{i=1}^{n} x_i\right)", @"\sum_{i=1}^{n} E(x_i)", "unsupported" },
        // y_i may be random: it stays inside
        { @"E\left(\sum_{i=1}^{n} x_i y_i\right)", @"\sum_{i=1}^{n} E(x_i) y_i", "unsupported" },
        // the square multiplied out, numbers moved out
        { @"E\left((X + 1)^2\right)", @"E(X^2) + 2 E(X) + 1", "proved" },
        { @"E\left((X + 1)^2\right)", @"E(X^2) + 1", "unsupported" },
        { @"E(X - E(X))", "0", "proved" },
        { @"E(X - E(X))", "E(X)", "unsupported" },
        // an expectation is a number: it moves out of another one
        { @"E(X E(Y))", @"E(X) E(Y)", "proved" },
        { @"E(X Y)", @"E(X) E(Y)", "unsupported" },
        // a symbol may be random: it never moves out symbolically; written outside the expectation too, it is a number of
        // the text, and random laws of X confirm the step (a capital letter outside stays a random variable)
        { @"E(a X)", @"a E(X)", "confirmed" },
        { @"E(a X)", @"-a E(X)", "unsupported" },
        { @"E(X + Y)", @"X + E(Y)", "unsupported" },
        // the variance
        { @"Var(X)", @"E(X^2) - E(X)^2", "proved" },
        { @"Var(X)", @"E(X^2) + E(X)^2", "unsupported" },
        { @"Var(X)", @"E\left((X - E(X))^2\right)", "proved" },
        { @"Var(2 X + 3)", @"4 Var(X)", "proved" },
        { @"Var(2 X + 3)", @"2 Var(X) + 3", "unsupported" },
        { @"Var(X + Y)", @"Var(X) + Var(Y) + 2 Cov(X, Y)", "proved" },
        { @"Var(X + Y)", @"Var(X) + Var(Y)", "unsupported" },
    };

    [Theory]
    [MemberData(nameof(UnstatedLaw))]
    public void ExpectationsOfAnUnstatedLawUseLinearityOnly(string lhs, string rhs, string expected)
    {
        var step = Claim(lhs, rhs);
        Assert.True(expected == step.Verdict.Kind.ToString().ToLowerInvariant(), $"{lhs} = {rhs}: {step.Verdict.Kind}: {step.Verdict.Reason}");
    }

    public static TheoryData<string, string, string> StatedLaw => new()
    {
        { "E(x)", @"\mu", "proved" },
        { "E(x)", @"\sigma", "refuted" },
        { "E(x^2)", @"\sigma^2 + \mu^2", "proved" },
        { "E(x^2)", @"\sigma^2", "refuted" },
        { "Var(x)", @"\sigma^2", "proved" },
        { "Var(x)", @"\sigma", "refuted" },
        { "Var(3 x)", @"9 \sigma^2", "proved" },
        { "Var(3 x)", @"3 \sigma^2", "refuted" },
    };

    [Theory]
    [MemberData(nameof(StatedLaw))]
    public void ExpectationsOfAStatedLawAreComputed(string lhs, string rhs, string expected)
    {
        var step = Claim(lhs, rhs, Prose + "Let $x \\sim \\mathcal{N}(\\mu, \\sigma^2)$ with $\\sigma > 0$.\n\n");
        Assert.True(expected == step.Verdict.Kind.ToString().ToLowerInvariant(), $"{lhs} = {rhs}: {step.Verdict.Kind}: {step.Verdict.Reason}");
    }

    public static TheoryData<string, string, string> VarianceSpellings => new()
    {
        { @"\operatorname{Var}(x)", @"\sigma^2", "proved" },
        { @"\mathrm{Var}(x)", @"\sigma^2", "proved" },
        { @"\mathrm{Var}[x]", @"\sigma^2", "proved" },
        { @"\text{Var}(x)", @"\sigma^2", "proved" },
        { @"\mathbb{V}[x]", @"\sigma^2", "proved" },
        { @"\operatorname{Var}(x)", @"\sigma", "refuted" },
        { @"\mathrm{Var}[x]", @"2 \sigma^2", "refuted" },
        { @"\mathbb{V}[x]", @"\mu^2", "refuted" },
    };

    [Theory]
    [MemberData(nameof(VarianceSpellings))]
    public void TheVarianceIsReadInItsUsualSpellings(string lhs, string rhs, string expected)
    {
        var step = Claim(lhs, rhs, "Let $x \\sim \\mathcal{N}(\\mu, \\sigma^2)$ with $\\sigma > 0$.\n\n");
        Assert.True(expected == step.Verdict.Kind.ToString().ToLowerInvariant(), $"{lhs} = {rhs}: {step.Verdict.Kind}: {step.Verdict.Reason}");
    }

    [Theory]
    // E names a quantity of the document (an energy E_i): E(…) is not an expectation there
    [InlineData("The energy of state $i$ is $E_i$ and we take the expected value.\n\n")]
    // no word about expectations
    [InlineData("")]
    public void EIsReadAsAnExpectationOnlyWhereTheDocumentUsesItSo(string before)
    {
        var step = Claim(@"E\left(\frac{1}{n}\sum_{i=1}^{n} x_i\right)", @"\frac{1}{n} E\left(\sum_{i=1}^{n} x_i\right)", before);
        Assert.Equal(VerdictKind.Unsupported, step.Verdict.Kind);
    }
}
