using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// A Gaussian chain defined step by step (a diffusion model's forward process): the Markov property holds only when
/// the document writes the chain's joint as the product of its transitions; a wrong conditional independence is never
/// proved. (The laws that follow from the chain are rows of tests/data/notation.tsv, topic diffusion-chain.)
/// </summary>
public class ForwardChainTests
{
    private const string Chain =
        "Let the chain be $q(y_n|y_{n-1}) = \\mathcal{N}(y_n; \\sqrt{1-c_n}y_{n-1}, c_n I)$.\n\n";

    private const string Joint = "Its joint is $q(y_{1:N}|y_0) = \\prod_{n=1}^N q(y_n|y_{n-1})$.\n\n";

    private static StepResult Last(string markdown) =>
        DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "chain.md")).Steps.Last(s => s.Role is StatementRole.Step or StatementRole.Claim or StatementRole.Implication);

    [Fact]
    public void MarkovPropertyIsProvedFromTheProductOfTransitions()
    {
        var step = Last(Chain + Joint + "Hence $$q(y_n|y_{n-1},y_0) = q(y_n|y_{n-1})$$\n");
        Assert.Equal(VerdictKind.Proved, step.Verdict.Kind);
        Assert.Contains("Markov", step.Verdict.Reason);
    }

    [Fact]
    public void MarkovPropertyNeedsTheJoint()
    {
        var step = Last(Chain + "Hence $$q(y_n|y_{n-1},y_0) = q(y_n|y_{n-1})$$\n");
        Assert.NotEqual(VerdictKind.Proved, step.Verdict.Kind);
    }

    [Theory]
    [InlineData("q(y_n|y_{n-1},y_0) = q(y_n|y_0)")]
    [InlineData("q(y_n|y_{n-2},y_0) = q(y_n|y_{n-2})")]
    [InlineData("q(y_{n-1}|y_n,y_0) = q(y_{n-1}|y_n)")]
    public void OtherIndependencesAreNotProved(string claim)
    {
        var step = Last(Chain + Joint + "Hence $$" + claim + "$$\n");
        Assert.False(step.Verdict.Holds, step.Verdict.Reason);
    }

    [Fact]
    public void AJointFromAnotherStartSaysNothing()
    {
        // ∏ from n = 0 brings in q(y_0 | y_{-1}): not the chain's joint as defined, so no Markov property is read from it.
        var step = Last(Chain + "Its joint is $q(y_{1:N}|y_0) = \\prod_{n=0}^N q(y_n|y_{n-1})$.\n\nHence $$q(y_n|y_{n-1},y_0) = q(y_n|y_{n-1})$$\n");
        Assert.NotEqual(VerdictKind.Proved, step.Verdict.Kind);
    }
}
