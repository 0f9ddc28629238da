using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// A worked solution "putting this together": rewrites of a solved expression in the parameters the equations leave free.
/// A link that is no identity and that the equations in force do not give either (they hold at generic values of its own
/// symbols, where it fails) is wrong whatever the unknowns are, and a restatement of it does not follow from it.
/// Only equations of the same section are premises of such a refutation: more premises can flip a verdict only when the
/// earlier ones contradict each other (a wrong restatement left in the window), so that rule is pinned by the real corpus
/// (jjgoings-maxent-distributions, whose binomial section was refuted against the Bernoulli one's p_k without it).
/// </summary>
public class WorkedRewriteTests
{
    private static List<StepResult> Verify(string markdown) => [.. DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps];

    private static string Solution(string last) =>
        "# Maximum entropy on the counts\n\nSetting the derivative of the Lagrangian to zero,\n\n$$-\\log p_k - 1 + \\alpha + \\beta k = 0$$\n\nso that\n\n"
        + "$$p_k = e^{\\alpha - 1} e^{\\beta k}$$\n\nThe normalisation gives\n\n$$e^{\\alpha - 1} = 1 - e^{\\beta}$$\n\nand the mean constraint gives\n\n"
        + "$$e^{\\beta} = \\frac{m}{1+m}$$\n\nPutting this together,\n\n$$\\begin{aligned}\np_k &= (1 - e^{\\beta}) e^{\\beta k} \\\\\n"
        + "&= \\frac{1}{1+m}\\left(\\frac{m}{1+m}\\right)^k \\\\\n&= " + last + "\n\\end{aligned}$$\n\nwhich is the geometric law\n\n$$p_k = " + last + "$$\n";

    [Fact]
    public void AWrongExponentInTheLastRewriteIsRefuted()
    {
        var steps = Verify(Solution("\\frac{m^k}{(1+m)^{k-1}}"));
        var refuted = Assert.Single(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
        Assert.Equal(24, refuted.Line);
        Assert.Contains("does not follow from the equations the text is working with either", refuted.Verdict.Reason, StringComparison.Ordinal);
        Assert.NotNull(refuted.Verdict.Counterexample);
        // Its restatement is not confirmed as following from the wrong link.
        Assert.False(steps.Single(s => s.Line == 29).Verdict.Holds);
    }

    [Fact]
    public void TheRightExponentIsNotRefuted()
    {
        var steps = Verify(Solution("\\frac{m^k}{(1+m)^{k+1}}"));
        Assert.DoesNotContain(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
    }
}
