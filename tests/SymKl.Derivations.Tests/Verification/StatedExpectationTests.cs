namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// A value the text states for an expectation under a law it leaves open ("we know that 𝔼_q[(y − m)²] = v") is a law
/// the document gives: a later step that holds with it is proved or confirmed, one that does not stays unsupported
/// (never refuted on it), and a step unrelated to it is not touched.
/// </summary>
public class StatedExpectationTests
{
    private const string Document = """
        # Any law with a given spread

        For a law $\rho$ of $y$ we know that $\mathbb{E}_{\rho}[(y - m)^2] = v$, so

        $$
        3 - \frac{1}{v}\mathbb{E}_{\rho}[(y - m)^2] = 2
        $$

        and also

        $$
        3 - \frac{1}{v}\mathbb{E}_{\rho}[(y - m)^2] = 4
        $$

        while

        $$
        \mathbb{E}_{\rho}[y^3] = v
        $$
        """;

    [Fact]
    public void AStatedValueIsUsedOnlyToConfirm()
    {
        var steps = JsonSteps.Of(Document)
            .Select(s => (Line: s.GetProperty("line").GetInt32(), Verdict: s.GetProperty("verdict").GetString(), Reason: s.GetProperty("reason").GetString() ?? "")).ToList();
        var stated = steps.Single(s => s.Line == 3);
        Assert.Equal("unsupported", stated.Verdict);
        var right = steps.Single(s => s.Line == 6);
        Assert.Equal("proved", right.Verdict);
        Assert.Contains("follows from the stated", right.Reason, StringComparison.Ordinal);
        Assert.Equal("unsupported", steps.Single(s => s.Line == 12).Verdict);
        Assert.Equal("unsupported", steps.Single(s => s.Line == 18).Verdict);
    }

    [Fact]
    public void WithoutTheStatementTheStepIsNotDecided()
    {
        var steps = JsonSteps.Of(Document.Replace("we know that $\\mathbb{E}_{\\rho}[(y - m)^2] = v$, so", "so", StringComparison.Ordinal));
        Assert.All(steps, s => Assert.Equal("unsupported", s.GetProperty("verdict").GetString()));
    }

    /// <summary>
    /// A chain of equalities establishes that its first operand, an expectation, equals its last, a closed value; later
    /// steps may use what several chains established at once. Only to confirm: a wrong later step stays open.
    /// </summary>
    [Theory]
    [InlineData("Its mean is↵$$↵\\mathbb{E}[X] = \\int_0^\\infty x \\lambda e^{-\\lambda x}\\, dx = \\frac{1}{\\lambda}↵$$↵and its second moment↵$$↵\\mathbb{E}[X^2] = \\int_0^\\infty x^2 \\lambda e^{-\\lambda x}\\, dx = \\frac{2}{\\lambda^2}↵$$↵so↵$$↵\\mathrm{Var}(X) = \\mathbb{E}[X^2] - \\mathbb{E}[X]^2 = \\frac{2}{\\lambda^2} - \\frac{1}{\\lambda^2}↵$$", 11, "proved")]
    [InlineData("Its mean is↵$$↵\\mathbb{E}[X] = \\int_0^\\infty x \\lambda e^{-\\lambda x}\\, dx = \\frac{1}{\\lambda}↵$$↵and its second moment↵$$↵\\mathbb{E}[X^2] = \\int_0^\\infty x^2 \\lambda e^{-\\lambda x}\\, dx = \\frac{2}{\\lambda^2}↵$$↵so↵$$↵\\mathbb{E}[X^2] - \\mathbb{E}[X]^2 = \\frac{2}{\\lambda^2}↵$$", 11, "unsupported")]
    [InlineData("We have↵$$↵\\mathbb{E}[Z^2] = \\int_0^1 z^2\\,dz = \\frac13↵$$↵and↵$$↵\\mathbb{E}[Z] = \\int_0^1 z\\,dz = \\frac12↵$$↵so the variance is↵$$↵\\mathbb{E}[Z^2] - \\mathbb{E}[Z]^2 = \\frac{1}{12}↵$$", 11, "proved")]
    [InlineData("We have↵$$↵\\mathbb{E}[Z^2] = \\int_0^1 z^2\\,dz = \\frac13↵$$↵and↵$$↵\\mathbb{E}[Z] = \\int_0^1 z\\,dz = \\frac12↵$$↵so the variance is↵$$↵\\mathbb{E}[Z^2] - \\mathbb{E}[Z]^2 = \\frac{1}{6}↵$$", 11, "unsupported")]
    [InlineData("Suppose↵$$↵\\mathbb{E}[X] \\le \\int_0^1 x\\,dx = \\frac12↵$$↵and↵$$↵\\mathbb{E}[X^2] = \\int_0^1 x^2\\,dx = \\frac13↵$$↵Then↵$$↵\\mathbb{E}[X^2] - \\mathbb{E}[X]^2 = \\frac{1}{12}↵$$", 11, "unsupported")]
    public void AChainEstablishesItsFirstOperand(string markdown, int line, string verdict)
    {
        var steps = JsonSteps.Of(markdown.Replace("↵", "\n", StringComparison.Ordinal));
        var step = steps.Last(s => s.GetProperty("line").GetInt32() == line);
        Assert.Equal(verdict, step.GetProperty("verdict").GetString());
        if (verdict == "proved") Assert.Contains("follows from the stated", step.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
