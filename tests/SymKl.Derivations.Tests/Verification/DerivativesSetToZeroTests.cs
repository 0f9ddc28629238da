using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// "Setting the first equation to zero and solving, we have …": words that set computed derivatives of an earlier display
/// to zero make those equations the premises of the display after them. A value put in for an indexed unknown (q_k = …)
/// counts the terms of the sums it enters. Refuted only when the words bring in nothing else; never when they do not say
/// which derivatives.
/// </summary>
public class DerivativesSetToZeroTests
{
    private static string Verdicts(string markdown) =>
        string.Join("; ", DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps
            .Select(s => StatementRoles.Name(s.Role) + " " + s.Verdict.Kind.ToString().ToLowerInvariant()));

    private const string Derivatives =
        "# Spread over m outcomes\n\n$$G = \\sum_{k=1}^m q_k \\log q_k + \\mu\\left(\\sum_{k=1}^m q_k - 1\\right)$$\n\nThe partial derivatives are\n\n" +
        "$$\\begin{aligned}\\frac{\\partial G}{\\partial q_k} &= \\log q_k + 1 + \\mu \\\\ \\frac{\\partial G}{\\partial \\mu} &= \\sum_{k=1}^m q_k - 1\\end{aligned}$$\n\n";

    private const string Head = "definition skipped; step proved; step confirmed; ";

    public static TheoryData<string, string> Documents => new()
    {
        { Derivatives + "Setting the first equation to zero and solving, we have\n\n$$q_k = e^{-1-\\mu}$$\n", Head + "implication confirmed" },
        // A wrong solution of the equation the words name.
        { Derivatives + "Setting the first equation to zero and solving, we have\n\n$$q_k = e^{1+\\mu}$$\n", Head + "implication refuted" },
        // Other words may bring in what SymKl does not follow: not refuted.
        { Derivatives + "Setting the first equation to zero and assuming symmetry, we have\n\n$$q_k = e^{1+\\mu}$$\n", Head + "implication unsupported" },
        // The value put into the sum counts its terms; the multiplier it gives, right and wrong.
        { Derivatives + "Setting the first equation to zero and solving, we have\n\n$$q_k = e^{-1-\\mu}$$\n\nwhich, using the second equation (and setting it to zero), implies\n\n" +
          "$$\\begin{aligned}\\sum_{k=1}^m e^{-1-\\mu} - 1 &= 0 \\\\ \\mu &= \\log m - 1\\end{aligned}$$\n", Head + "implication confirmed; implication confirmed; implication confirmed" },
        { Derivatives + "Setting the first equation to zero and solving, we have\n\n$$q_k = e^{-1-\\mu}$$\n\nwhich, using the second equation (and setting it to zero), implies\n\n" +
          "$$\\begin{aligned}\\sum_{k=1}^m e^{-1-\\mu} - 1 &= 0 \\\\ \\mu &= 1 - \\log m\\end{aligned}$$\n", Head + "implication confirmed; implication confirmed; implication refuted" },
        // "Both" names every derivative of the display.
        { Derivatives + "Setting both to zero, we get\n\n$$m e^{-1-\\mu} = 1$$\n", Head + "implication unsupported" },
        // A third equation the display does not have: the words are not read.
        { Derivatives + "Setting the third equation to zero and solving, we have\n\n$$q_k = e^{1+\\mu}$$\n", Head + "step unsupported" },
        // "The first derivative" is an order, not a row: not read either.
        { Derivatives + "Setting the first derivative to zero, we have\n\n$$q_k = e^{1+\\mu}$$\n", Head + "step unsupported" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void WordsSettingDerivativesToZeroGiveThePremises(string markdown, string expected) => Assert.Equal(expected, Verdicts(markdown));
}
