namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// A chain A = B = C = D whose B is a mistake: C follows from B; D fails against C but holds against A, so the author
/// undid the mistake there. D is false as written and is refuted, its reason saying that it undoes the mistake; a D that
/// fails against A too is refuted without that note.
/// </summary>
public class CorrectedMistakeTests
{
    [Theory]
    // a sign slip, carried one row, then the right result
    [InlineData("$$↵(a - b)^2 = a^2 + 2ab + b^2 = b^2 + 2ab + a^2 = a^2 - 2ab + b^2↵$$", "refuted confirmed refuted undoes")]
    [InlineData("For $x > 0$ and $y > 0$:↵$$↵\\begin{aligned}↵\\log\\frac{x}{y} &= \\log x + \\log y \\\\↵&= \\log y + \\log x \\\\↵&= \\log x - \\log y↵\\end{aligned}↵$$", "refuted proved refuted undoes")]
    // the last row is wrong against the start too: refuted again
    [InlineData("$$↵(a - b)^2 = a^2 + 2ab + b^2 = b^2 + 2ab + a^2 = a^2 - 2ab - b^2↵$$", "refuted confirmed refuted")]
    // no mistake before: a wrong last row is refuted as usual
    [InlineData("$$↵(a - b)^2 = a^2 - 2ab + b^2 = b^2 - 2ab + a^2 = a^2 + 2ab + b^2↵$$", "proved proved refuted")]
    public void ARowThatUndoesAMistakeSaysSo(string markdown, string verdicts)
    {
        var steps = JsonSteps.Of(markdown.Replace("↵", "\n", StringComparison.Ordinal)).Where(s => s.GetProperty("role").GetString() == "step").ToList();
        var kinds = steps.Select(s => s.GetProperty("verdict").GetString()).ToList();
        var expected = verdicts.Split(' ').Where(v => v != "undoes").ToArray();
        Assert.Equal(expected.Length, kinds.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(expected[i] == kinds[i] || expected[i] == "confirmed" && kinds[i] == "proved" || expected[i] == "proved" && kinds[i] == "confirmed",
                $"link {i + 1}: expected {expected[i]}, got {kinds[i]}: {steps[i].GetProperty("reason").GetString()}");
        var reason = steps[^1].GetProperty("reason").GetString() ?? "";
        Assert.Equal(verdicts.EndsWith(" undoes", StringComparison.Ordinal), reason.Contains("this row undoes that mistake", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCheckAgainstTheChainLeavesNoTraceOfItsOwn()
    {
        const string markdown = "$$\n(a - b)^2 = a^2 + 2ab + b^2 = b^2 + 2ab + a^2 = a^2 - 2ab + b^2\n$$\n";
        var result = SymKl.Derivations.Verification.DocumentVerifier.Verify(SymKl.Derivations.Markdown.MarkdownReader.Parse(markdown, "undo.md"), SymKl.Derivations.Verification.VerifyOptions.Default);
        Assert.Equal(3, result.Steps.Count);
        Assert.Contains("undoes that mistake", result.Steps[^1].Verdict.Reason, StringComparison.Ordinal);
        var repeated = result.Warnings.GroupBy(w => (w.Position.Line, w.Position.Column, w.Code)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(repeated);
    }
}
