using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// Sums over indexed values (x_i, μ_d, θ_{ij}) with symbolic or numeric lengths, decided by writing them out at
/// several lengths with random values. Every construct comes with a right and a wrong variant; a wrong one must be
/// refuted (with the lengths in its counterexample) or at worst unsupported, never confirmed.
/// </summary>
public class IndexedSumTests
{
    private static StepResult Single(string markdown)
    {
        var steps = DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps.Where(s => s.Role is StatementRole.Step or StatementRole.Claim or StatementRole.Implication).ToList();
        return Assert.Single(steps);
    }

    /// <summary>One display claimed for every value of its symbols.</summary>
    private static StepResult Claim(string lhs, string rhs, string before = "") =>
        Single(before + "For all values of the symbols,\n\n$$\n" + lhs + " = " + rhs + "\n$$\n");

    public static TheoryData<string, string, string> Identities => new()
    {
        // linearity, constants out
        { @"\sum_{i=1}^{n} (x_i + y_i)", @"\sum_{i=1}^{n} x_i + \sum_{i=1}^{n} y_i", "confirmed" },
        { @"\sum_{i=1}^{n} (x_i + y_i)", @"\sum_{i=1}^{n} x_i + \sum_{i=1}^{n} 2 y_i", "refuted" },
        { @"\sum_{i=1}^{N} a x_i", @"a \sum_{i=1}^{N} x_i", "confirmed" },
        { @"\sum_{i=1}^{N} a x_i", @"a N \sum_{i=1}^{N} x_i", "refuted" },
        // an index-free summand counts its terms
        { @"\sum_{i=1}^{n} c", "n c", "confirmed" },
        { @"\sum_{i=1}^{n} c", "(n + 1) c", "refuted" },
        { @"\sum_{k=0}^{K-1} c", "K c", "confirmed" },
        // splitting, shifting and merging ranges
        { @"\sum_{i=1}^{n} x_i", @"x_1 + \sum_{i=2}^{n} x_i", "confirmed" },
        { @"\sum_{i=1}^{n} x_i", @"x_1 + \sum_{i=1}^{n} x_i", "refuted" },
        { @"\sum_{i=1}^{n} x_{i+1}", @"\sum_{i=2}^{n+1} x_i", "confirmed" },
        { @"\sum_{i=1}^{n} x_{i+1}", @"\sum_{i=1}^{n+1} x_i", "refuted" },
        { @"\sum_{t=1}^{T} (x_t - x_{t-1})", "x_T - x_0", "confirmed" },
        { @"\sum_{t=1}^{T} (x_t - x_{t-1})", "x_T - x_1", "refuted" },
        { @"\sum_{i=1}^{m} x_i + \sum_{i=m+1}^{n} x_i", @"\sum_{i=1}^{n} x_i", "confirmed" },
        // interchange of sums, double indices
        { @"\sum_{i=1}^{n} \sum_{j=1}^{m} \theta_{ij}", @"\sum_{j=1}^{m} \sum_{i=1}^{n} \theta_{ij}", "confirmed" },
        { @"\sum_{i=1}^{n} \sum_{j=1}^{m} \theta_{ij}", @"\sum_{j=1}^{m} \sum_{i=1}^{n} \theta_{ji}", "refuted" },
        { @"\sum_{i=1}^{n} \sum_{j=1}^{m} a_i b_j", @"\left(\sum_{i=1}^{n} a_i\right) \left(\sum_{j=1}^{m} b_j\right)", "confirmed" },
        { @"\sum_{i=1}^{n} \sum_{j=1}^{m} a_i b_j", @"\sum_{i=1}^{n} a_i b_i", "refuted" },
        // sums of logs
        { @"\sum_{d=1}^{D} \log \sigma_d^2", @"2 \sum_{d=1}^{D} \log \sigma_d", "confirmed" },
        { @"\sum_{d=1}^{D} \log \sigma_d^2", @"\sum_{d=1}^{D} \log \sigma_d", "refuted" },
        // sums written without limits range over one common set
        { @"\sum_i (x_i - m)^2", @"\sum_i x_i^2 - 2 m \sum_i x_i + m^2 \sum_i 1", "confirmed" },
        { @"\sum_i 2 x_i", @"\sum_i x_i", "refuted" },
        // n may be the number of terms of sums written without limits: no refutation with an unrelated length
        { @"\sum_i (x_i + c)", @"\sum_i x_i + n c", "unsupported" },
        { @"\sum_i (x_i + c)", @"\sum_i x_i + 2 n c", "refuted" },
        // the Gaussian log-likelihood, and a missing ½
        { @"\sum_{i=1}^{n} \log\left(\frac{1}{\sqrt{2\pi\sigma^2}} e^{-\frac{(x_i-\mu)^2}{2\sigma^2}}\right)", @"-\frac{n}{2} \log(2\pi\sigma^2) - \frac{1}{2\sigma^2} \sum_{i=1}^{n} (x_i - \mu)^2", "confirmed" },
        { @"\sum_{i=1}^{n} \log\left(\frac{1}{\sqrt{2\pi\sigma^2}} e^{-\frac{(x_i-\mu)^2}{2\sigma^2}}\right)", @"-n \log(2\pi\sigma^2) - \frac{1}{2\sigma^2} \sum_{i=1}^{n} (x_i - \mu)^2", "refuted" },
        { @"\sum_{i=1}^{n} \ln \frac{1}{\sqrt{2\pi\sigma^2}} \exp\left(-\frac{(x_i-\mu)^2}{2\sigma^2}\right)", @"n \ln \frac{1}{\sqrt{2\pi\sigma^2}} - \sum_{i=1}^{n} \frac{(x_i-\mu)^2}{2\sigma^2}", "confirmed" },
        // the diagonal Gaussian's KL against N(0, I), and a dropped −J/2
        { @"\frac{1}{2}\sum_{j=1}^{J} (\sigma_j^2 + \mu_j^2 - 1 - \log \sigma_j^2)", @"\frac{1}{2}\sum_{j=1}^{J} (\sigma_j^2 + \mu_j^2) - \frac{J}{2} - \sum_{j=1}^{J} \log \sigma_j", "confirmed" },
        { @"\frac{1}{2}\sum_{j=1}^{J} (\sigma_j^2 + \mu_j^2 - 1 - \log \sigma_j^2)", @"\frac{1}{2}\sum_{j=1}^{J} (\sigma_j^2 + \mu_j^2) - \sum_{j=1}^{J} \log \sigma_j", "refuted" },
        // the diagonal Gaussian's KL between two of them, and the ratio of variances turned over
        { @"\sum_{d=1}^{D} \left(\log \frac{s_d}{\sigma_d} + \frac{\sigma_d^2 + (\mu_d - m_d)^2}{2 s_d^2} - \frac{1}{2}\right)", @"\sum_{d=1}^{D} \log s_d - \sum_{d=1}^{D} \log \sigma_d + \sum_{d=1}^{D} \frac{\sigma_d^2 + (\mu_d - m_d)^2}{2 s_d^2} - \frac{D}{2}", "confirmed" },
        { @"\sum_{d=1}^{D} \left(\log \frac{s_d}{\sigma_d} + \frac{\sigma_d^2 + (\mu_d - m_d)^2}{2 s_d^2} - \frac{1}{2}\right)", @"\sum_{d=1}^{D} \log s_d - \sum_{d=1}^{D} \log \sigma_d + \sum_{d=1}^{D} \frac{s_d^2 + (\mu_d - m_d)^2}{2 \sigma_d^2} - \frac{D}{2}", "refuted" },
        // numeric limits are a finite statement: each instance is the whole claim
        { @"\sum_{i=1}^{3} x_i", "x_1 + x_2 + x_3", "proved" },
        { @"\sum_{i=1}^{3} x_i", "x_1 + x_2", "refuted" },
        // Σ_j written without its index beside μ_j: likely a slip, not judged as J copies
        { @"\frac{1}{2}\sum_{j=1}^{J} (\sigma_j^2 + \mu_j^2 - 1 - \log \sigma_j^2)", @"\frac{1}{2}\sum_{j=1}^{J} (\sigma^2 + \mu^2 - 1 - \log \sigma^2)", "unsupported" },
        // x_j with a free j may be one of the x_i, or a value beside them: wrong either way
        { @"\sum_{i=1}^{n} x_i", "n x_j", "refuted" },
        // the gradient by a component: the term i = j (j among 1 … n, as the derivative by x_j means)
        { @"\frac{\partial}{\partial x_j} \sum_{i=1}^{n} x_i^2", "2 x_j", "proved" },
        // x_j taken out of a sum over i holds whatever j is; Σ x_i − x_j = Σ x_i fails either way
        { @"\sum_{i=1}^{n} x_i x_j", @"x_j \sum_{i=1}^{n} x_i", "confirmed" },
        { @"\sum_{i=1}^{n} x_i - x_j", @"\sum_{i=1}^{n} x_i", "refuted" },
        // E(…) with no word about expectations in the text: read literally, no verdict either way
        { @"E\left(\frac{1}{n}\sum_{i=1}^{n} x_i\right)", @"\frac{1}{n} E\left(\sum_{i=1}^{n} x_i\right)", "unsupported" },
        { @"E\left(\sum_{i=1}^{n} x_i y_i\right)", @"\sum_{i=1}^{n} E(x_i) y_i", "unsupported" },
        // a subscript SymKl cannot write out
        { @"\sum_{i=1}^{n} x_{2i}", @"\sum_{i=1}^{n} x_{2i}", "unsupported" },
    };

    [Theory]
    [MemberData(nameof(Identities))]
    public void IndexedSumsAreDecidedByWritingThemOut(string lhs, string rhs, string expected)
    {
        var step = Claim(lhs, rhs);
        Assert.True(expected == step.Verdict.Kind.ToString().ToLowerInvariant(), $"{lhs} = {rhs}: {step.Verdict.Kind}: {step.Verdict.Reason}");
    }

    [Fact]
    public void ARefutationNamesTheLengthsAndTheValues()
    {
        var step = Claim(@"\sum_{i=1}^{n} x_{i+1}", @"\sum_{i=1}^{n+1} x_i");
        Assert.Equal(VerdictKind.Refuted, step.Verdict.Kind);
        var values = step.Verdict.Counterexample!.Values.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.True(values.TryGetValue("n", out var n) && n >= 1 && n == Math.Floor(n));
        Assert.Contains("x_1", values.Keys);
        Assert.Contains("n = ", step.Verdict.Reason);
    }

    [Fact]
    public void ADefinedMeanIsWrittenOutWithItsSum()
    {
        const string mean = "Let $\\bar{x} = \\frac{1}{n}\\sum_{i=1}^{n} x_i$.\n\n";
        Assert.Equal(VerdictKind.Confirmed, Claim(@"\sum_{i=1}^{n} (x_i - \bar{x})^2", @"\sum_{i=1}^{n} x_i^2 - n \bar{x}^2", mean).Verdict.Kind);
        Assert.Equal(VerdictKind.Refuted, Claim(@"\sum_{i=1}^{n} (x_i - \bar{x})^2", @"\sum_{i=1}^{n} x_i^2 - \bar{x}^2", mean).Verdict.Kind);
    }

    [Fact]
    public void ADeclaredDomainOfAnIndexedNameHoldsForEachValue()
    {
        // √(a_i²) = a_i needs a_i ≥ 0 for every i.
        Assert.Equal(VerdictKind.Confirmed, Claim(@"\sum_{i=1}^{n} \sqrt{a_i^2}", @"\sum_{i=1}^{n} a_i", "Let $a_i > 0$ for every $i$.\n\n").Verdict.Kind);
        Assert.NotEqual(VerdictKind.Confirmed, Claim(@"\sum_{i=1}^{n} \sqrt{a_i^2}", @"\sum_{i=1}^{n} a_i").Verdict.Kind);
    }

    [Fact]
    public void ASumSetEqualToANumberIsACondition()
    {
        // Σ_{i=1}^{N} e^{−1−λ} = 1 is the normalisation the text solves for λ, not an identity.
        var step = Single("so that\n\n$$\n\\sum_{i=1}^{N} p_i = 1\n$$\n");
        Assert.NotEqual(VerdictKind.Refuted, step.Verdict.Kind);
    }

    [Fact]
    public void ADefinitionThatDropsTheIndexedValueDoesNotRefute()
    {
        // I(X) = −log p ignores its argument, so Σ_i p_i I(s_i) cannot be judged against −Σ_i p_i log p_i.
        var step = Claim(@"\sum_i p_i I(s_i)", @"-\sum_i p_i \log p_i", "Define\n\n$$\nI(X) = -\\log(p)\n$$\n\n");
        Assert.NotEqual(VerdictKind.Refuted, step.Verdict.Kind);
    }

    private const string Normals = "Let $q(z) \\sim \\mathcal{N}(\\mu, \\sigma^2)$ and $p(z) \\sim \\mathcal{N}(0, 1)$. In $D$ dimensions, summing over them:\n\n";

    [Theory]
    [InlineData(@"-\frac{1}{2} \sum_{d=1}^{D} (1 + \log(\sigma^2) - \mu^2 - \sigma^2)", "confirmed")]
    [InlineData(@"-\frac{1}{2} \sum_{d=1}^{D} (\log(\sigma^2) - \mu^2 - \sigma^2)", "refuted")]
    [InlineData(@"- \sum_{d=1}^{D} (1 + \log(\sigma^2) - \mu^2 - \sigma^2)", "refuted")]
    public void AnUnindexedSumBesideADivergenceIsReadOverIndependentCoordinates(string rhs, string expected)
    {
        // KL(q‖p) = −½ Σ_{d=1}^{D} (1 + log σ² − μ² − σ²) with q, p one-dimensional: D equal independent coordinates.
        var step = Single(Normals + "$$\n\\mathrm{KL}(q \\| p) = " + rhs + "\n$$\n");
        Assert.True(expected == step.Verdict.Kind.ToString().ToLowerInvariant(), step.Verdict.Kind + ": " + step.Verdict.Reason);
        Assert.Contains("independent coordinates", step.Verdict.Reason);
    }

    [Theory]
    [InlineData("x_i", "x", "i")]
    [InlineData("\\mathbf{x}_i", "\\mathbf{x}", "i")]
    [InlineData("\\theta_{ij}", "\\theta", "ij")]
    [InlineData("\\sigma", null, null)]
    public void IndexedNamesSplitIntoBaseAndSubscript(string name, string? baseName, string? key)
    {
        var parts = IndexedSums.Split(name);
        Assert.Equal(baseName, parts?.Base);
        Assert.Equal(key, parts?.Key);
    }

    [Fact]
    public void AScaledExponentialIsOneLogarithmArgument()
    {
        var parsed = LatexParser.ParseExpression(@"\ln \frac{1}{Z} \exp(u)");
        Assert.Contains(parsed.Diagnostics, d => d.Code == DiagnosticCodes.LogOfScaledExponential);
        Assert.True(Claim(@"\ln \frac{1}{Z} \exp(u)", @"u - \ln Z").Verdict.Holds);
    }
}
