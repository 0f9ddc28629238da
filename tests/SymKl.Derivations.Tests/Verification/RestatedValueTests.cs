using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// A formula for a name the document already gave a value (a function defined in an earlier section, a posterior mean a
/// chain of Gaussian algebra derived) is a restatement: a claim that holds when it agrees with that value. One that
/// disagrees is read as before (a new definition for what follows), never refuted; and a scalar agreement never speaks
/// for matrices, whose products do not commute.
/// </summary>
public class RestatedValueTests
{
    private static List<StepResult> Verify(string markdown) => [.. DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "restated.md")).Steps];

    private static StepResult At(List<StepResult> steps, string lhsStart) => steps.Last(s => s.Lhs.TrimStart().StartsWith(lhsStart, StringComparison.Ordinal));

    private const string Weighted =
        "## The weighted mean\n\nThe combined estimate is\n\n$$\ng(u, v) = \\frac{a u + b v}{a + b}\n$$\n\n## Summary\n\n";

    [Theory]
    [InlineData("$$\ng(u, v) = \\frac{a}{a + b} u + \\frac{b}{a + b} v\n$$\n")]
    [InlineData("$$\ng(p, q) = \\frac{b q + a p}{b + a}\n$$\n")]
    [InlineData("$$\ng(u, v) = u + \\frac{b (v - u)}{a + b}\n$$\n")]
    public void AFunctionOfAnEarlierSectionWrittenAgainIsAClaimThatHolds(string restated)
    {
        var step = At(Verify(Weighted + "Recall that\n\n" + restated), "g(");
        Assert.Equal(StatementRole.Claim, step.Role);
        Assert.True(step.Verdict.Holds, step.Verdict.Reason);
        Assert.Contains("writes again the value", step.Verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$$\ng(u, v) = \\frac{a v + b u}{a + b}\n$$\n")]
    [InlineData("$$\ng(p, q) = \\frac{a q + b p}{a + b}\n$$\n")]
    [InlineData("$$\ng(u, v) = \\frac{a u - b v}{a + b}\n$$\n")]
    public void AFunctionOfAnEarlierSectionGivenAnotherFormulaIsANewDefinition(string other)
    {
        var step = At(Verify(Weighted + other), "g(");
        Assert.Equal(StatementRole.Definition, step.Role);
        Assert.Equal(VerdictKind.Skipped, step.Verdict.Kind);
    }

    [Fact]
    public void AScalarAgreementDoesNotSpeakForMatrixProducts()
    {
        var steps = Verify("Let $\\mathbf{A}$ and $\\mathbf{B}$ be $n \\times n$ matrices and $\\mathbf{x} \\in \\mathbb{R}^n$.\n\n## Map\n\n$$\nf(\\mathbf{x}) = \\mathbf{A}\\mathbf{B}\\mathbf{x}\n$$\n\n## Again\n\n$$\nf(\\mathbf{x}) = \\mathbf{B}\\mathbf{A}\\mathbf{x}\n$$\n");
        var step = At(steps, "f(");
        Assert.False(step.Verdict.Holds, step.Verdict.Reason);
        Assert.DoesNotContain(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
    }

    [Fact]
    public void AProductOfTwoVectorsIsNotDecidedAsScalars()
    {
        // x ∘ y against y ∘ x agree as numbers; with no reading of the product as vectors, no claim is made.
        var steps = Verify("## One\n\n$$\nh(\\mathbf{x}, \\mathbf{y}) = \\mathbf{x}\\mathbf{y}\n$$\n\n## Two\n\n$$\nh(\\mathbf{x}, \\mathbf{y}) = \\mathbf{y}\\mathbf{x}\n$$\n");
        Assert.False(At(steps, "h(").Verdict.Holds);
    }

    private const string Chain =
        "Let the chain be $q(z_k|z_{k-1}) = \\mathcal{N}(z_k; \\sqrt{1-\\lambda_k}z_{k-1}, \\lambda_k I)$, with $\\rho_k = 1-\\lambda_k$ and $\\bar{\\rho}_k = \\prod_{j=1}^k \\rho_j$.\n\n"
        + "With $\\varepsilon \\sim \\mathcal{N}(0, I)$ we can write $$z_k = \\sqrt{\\bar{\\rho}_k}z_0 + \\sqrt{1-\\bar{\\rho}_k}\\varepsilon$$\n"
        + "The posterior is $q(z_{k-1}|z_k,z_0) = \\mathcal{N}(z_{k-1}; m(z_k,z_0), s_k I)$ where\n"
        + "$$m(z_k,z_0) = \\frac{\\sqrt{\\bar{\\rho}_{k-1}}\\lambda_k}{1-\\bar{\\rho}_k}z_0 + \\frac{\\sqrt{\\rho_k}(1-\\bar{\\rho}_{k-1})}{1-\\bar{\\rho}_k}z_k$$\n\n"
        + "## Training\n\n";

    [Fact]
    public void APosteriorMeanDerivedEarlierIsCheckedWhereItIsRestated()
    {
        var steps = Verify(Chain + "Recall that the mean is $m(\\mathbf{z}_k, \\mathbf{z}_0) = \\frac{\\sqrt{\\rho_k}(1-\\bar{\\rho}_{k-1})}{1-\\bar{\\rho}_k}\\mathbf{z}_k + \\frac{\\sqrt{\\bar{\\rho}_{k-1}}\\lambda_k}{1-\\bar{\\rho}_k}\\mathbf{z}_0$.\n");
        var first = steps.First(s => s.Lhs.StartsWith("m(", StringComparison.Ordinal));
        Assert.True(first.Verdict.Holds, first.Verdict.Reason);
        var restated = At(steps, "m(");
        Assert.NotSame(first, restated);
        Assert.Equal(StatementRole.Claim, restated.Role);
        Assert.True(restated.Verdict.Holds, restated.Verdict.Reason);
    }

    [Theory]
    [InlineData("\\frac{\\sqrt{\\rho_k}(1-\\bar{\\rho}_{k-1})}{1-\\bar{\\rho}_k}\\mathbf{z}_k + \\frac{\\sqrt{\\bar{\\rho}_k}\\lambda_k}{1-\\bar{\\rho}_k}\\mathbf{z}_0")]
    [InlineData("\\frac{\\sqrt{\\rho_k}(1-\\bar{\\rho}_{k-1})}{1-\\bar{\\rho}_k}\\mathbf{z}_0 + \\frac{\\sqrt{\\bar{\\rho}_{k-1}}\\lambda_k}{1-\\bar{\\rho}_k}\\mathbf{z}_k")]
    public void ARestatedMeanThatDisagreesIsNotAccepted(string wrong)
    {
        var steps = Verify(Chain + "Recall that the mean is $m(\\mathbf{z}_k, \\mathbf{z}_0) = " + wrong + "$.\n");
        var restated = At(steps, "m(");
        Assert.False(restated.Verdict.Holds, restated.Verdict.Reason);
    }
}
