using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// "… thus the maximum likelihood estimate is θ̂ = …" after the text defined the objective: the value is confirmed when the
/// objective's first derivative vanishes there and its second has the sign of the kind the words name (or, for "optimal",
/// the kind of objective the words that defined it name). Anything else stays the definition it was: never refuted.
/// </summary>
public class StatedOptimumTests
{
    private static string Verdicts(string markdown) =>
        string.Join("; ", DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps
            .Select(s => StatementRoles.Name(s.Role) + " " + s.Verdict.Kind.ToString().ToLowerInvariant()));

    private const string Poisson =
        "# Counts\n\nAssume $\\lambda > 0$ and $k_i > 0$. For counts $k_1, \\ldots, k_n$ the log-likelihood is\n\n" +
        "$$\\ell(\\lambda) = \\sum_{i=1}^n \\left(k_i \\log \\lambda - \\lambda\\right)$$\n\n";

    private const string Exponential =
        "# Waiting times\n\nAssume $n > 0$ and $s > 0$. For $n$ waiting times with sum $s$, the log-likelihood of the rate is\n\n$$\\ell(\\beta) = n \\log \\beta - \\beta s$$\n\n";

    private const string SquaredLoss =
        "# Fitting a constant\n\nWe fit $c$ to $y_1, \\ldots, y_n$ with the loss\n\n$$J(c) = \\sum_{i=1}^n (y_i - c)^2 + \\gamma c^2$$\n\nwhere $\\gamma > 0$. ";

    private const string Counts =
        "# Coin\n\nOur log-likelihood function is\n\n$$L(\\theta) = \\#heads \\log \\theta + \\#tails \\log(1 - \\theta)$$\n\n";

    public static TheoryData<string, string> Documents => new()
    {
        // Counts written with the number sign are numbers of items: positive for the second-order check.
        { Counts + "for which the optimal solution is\n\n$$\\theta^* = \\frac{\\#heads}{\\#heads + \\#tails}$$\n", "definition skipped; implication confirmed" },
        { Counts + "for which the optimal solution is\n\n$$\\theta^* = \\frac{\\#tails}{\\#heads + \\#tails}$$\n", "definition skipped; definition skipped" },
        { Counts + "and minimising it gives\n\n$$\\theta^* = \\frac{\\#heads}{\\#heads + \\#tails}$$\n", "definition skipped; definition skipped" },
        // Right: the maximiser of a log-likelihood, a minimiser of a loss, "optimal" for an objective named a likelihood.
        { Exponential + "Maximising it gives\n\n$$\\hat{\\beta} = \\frac{n}{s}$$\n", "hypothesis skipped; hypothesis skipped; definition skipped; implication confirmed" },
        { Poisson + "and the maximum likelihood estimate is\n\n$$\\hat{\\lambda} = \\frac{1}{n}\\sum_{i=1}^n k_i$$\n", "hypothesis skipped; hypothesis skipped; definition skipped; implication confirmed" },
        { SquaredLoss + "Minimizing it, the estimate is\n\n$$\\hat{c} = \\frac{1}{n + \\gamma}\\sum_{i=1}^n y_i$$\n", "definition skipped; hypothesis skipped; implication confirmed" },
        { Exponential + "for which the optimal solution is\n\n$$\\beta^* = \\frac{n}{s}$$\n", "hypothesis skipped; hypothesis skipped; definition skipped; implication confirmed" },
        // Wrong values: not a stationary point, so the line stays a definition (neither accepted nor refuted).
        { Exponential + "Maximising it gives\n\n$$\\hat{\\beta} = \\frac{s}{n}$$\n", "hypothesis skipped; hypothesis skipped; definition skipped; definition skipped" },
        { Poisson + "and the maximum likelihood estimate is\n\n$$\\hat{\\lambda} = \\frac{1}{n - 1}\\sum_{i=1}^n k_i$$\n", "hypothesis skipped; hypothesis skipped; definition skipped; definition skipped" },
        { SquaredLoss + "Minimizing it, the estimate is\n\n$$\\hat{c} = \\frac{1}{n}\\sum_{i=1}^n y_i$$\n", "definition skipped; hypothesis skipped; definition skipped" },
        // A stationary point of the wrong kind: the words say minimum where the log-likelihood has its maximum.
        { Exponential + "Minimising it gives\n\n$$\\hat{\\beta} = \\frac{n}{s}$$\n", "hypothesis skipped; hypothesis skipped; definition skipped; definition skipped" },
        // "Optimal" for an objective whose words do not say whether it is maximised: not read.
        { "# Fit\n\nWe use\n\n$$F(\\beta) = n \\log \\beta - \\beta s$$\n\nfor which the optimal solution is\n\n$$\\beta^* = \\frac{n}{s}$$\n", "definition skipped; definition skipped" },
        // Words naming both kinds ("minimising the negative log-likelihood gives the maximum likelihood estimate"): not read.
        { Exponential + "Minimising the negative of it gives the maximum likelihood estimate\n\n$$\\hat{\\beta} = \\frac{n}{s}$$\n", "hypothesis skipped; hypothesis skipped; definition skipped; definition skipped" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void StatedOptimisersAreCheckedAgainstTheObjective(string markdown, string expected) => Assert.Equal(expected, Verdicts(markdown));
}
