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
}
