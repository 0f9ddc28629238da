using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// δJ/δp(x) of a functional the document defines through integrals of p (maximum-entropy and variational derivations):
/// each integral ∫ g(p(t), t) dt contributes ∂g/∂p at t = x. Right and wrong derivatives are decided; what the rule
/// does not cover (p at another point, p through an undefined function) is unsupported, never refuted.
/// </summary>
public class FunctionalDerivativeTests
{
    private static string Verdicts(string markdown) =>
        string.Join("; ", DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps
            .Where(s => s.Role != StatementRole.Definition).Select(s => s.Verdict.Kind.ToString().ToLowerInvariant()));

    private const string Entropy =
        "$$\nJ(p) = \\int p(x)\\ln p(x)\\,dx - \\lambda_0\\left(\\int p(x)\\,dx - 1\\right) - \\lambda_1\\left(\\int p(x)(x-\\mu)^2\\,dx - \\sigma^2\\right)\n$$\n\nTaking the derivative,\n\n";

    private static string Claim(string derivative, string value) => Entropy + "$$\n" + derivative + " = " + value + "\n$$\n";

    public static TheoryData<string, string> Documents => new()
    {
        { Claim("\\frac{\\delta J}{\\delta p(x)}", "1 + \\ln p(x) - \\lambda_0 - \\lambda_1(x-\\mu)^2"), "proved" },
        // The physicists' δp(x) dx below reads the same.
        { Claim("\\frac{\\delta J}{\\delta p(x)\\,dx}", "1 + \\ln p(x) - \\lambda_0 - \\lambda_1(x-\\mu)^2"), "proved" },
        // The 1 from d(p ln p)/dp dropped; the sign of a multiplier flipped.
        { Claim("\\frac{\\delta J}{\\delta p(x)}", "\\ln p(x) - \\lambda_0 - \\lambda_1(x-\\mu)^2"), "refuted" },
        { Claim("\\frac{\\delta J}{\\delta p(x)}", "1 + \\ln p(x) + \\lambda_0 - \\lambda_1(x-\\mu)^2"), "refuted" },
        // A multiplier named differently from the functional's is a rename SymKl cannot see: not refuted.
        { Claim("\\frac{\\delta J}{\\delta p(x)}", "1 + \\ln p(x) - \\lambda - \\lambda_1(x-\\mu)^2"), "unsupported" },
        // p at another point than the integration variable: not a local functional.
        { "$$\nK(p) = \\int p(x) p(x + 1)\\,dx\n$$\n\n$$\n\\frac{\\delta K}{\\delta p(x)} = 2p(x)\n$$\n", "unsupported" },
        // A functional without parameters, written J = …, and a quadratic one: the chain rule through the integrals
        // (the two integrals differ only in the name of their variable, which the numeric check sees through).
        { "$$\nJ = \\left(\\int x\\,p(x)\\,dx\\right)^2\n$$\n\n$$\n\\frac{\\delta J}{\\delta p(x)} = 2x\\int t\\,p(t)\\,dt\n$$\n", "confirmed" },
        { "$$\nJ = \\left(\\int x\\,p(x)\\,dx\\right)^2\n$$\n\n$$\n\\frac{\\delta J}{\\delta p(x)} = x\\int t\\,p(t)\\,dt\n$$\n", "refuted" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void FunctionalDerivativesOfIntegralFunctionals(string markdown, string expected) => Assert.Equal(expected, Verdicts(markdown));
}
