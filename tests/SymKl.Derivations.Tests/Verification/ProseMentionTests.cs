using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>Inline math that only names a function ("since $\log$ is concave") is prose, not unreadable math.</summary>
public class ProseMentionTests
{
    [Theory]
    [InlineData("Since $\\log$ is concave, the bound holds.")]
    [InlineData("Both $\\exp$ and $\\tanh$ are increasing.")]
    [InlineData("We apply $\\operatorname{softmax}$ to the logits.")]
    public void AFunctionNamedInTheProseIsNoWarning(string markdown)
    {
        var result = DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "mention.md"));
        Assert.Empty(result.Steps);
        Assert.DoesNotContain(result.Warnings, w => w.Unreadable);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void AnOperatorWithAnArgumentIsStillRead()
    {
        // "$\log$" alone is a name; "$\log x = 1$" is a statement and "$\log($" unreadable math, reported as before.
        var result = DocumentVerifier.Verify(MarkdownReader.Parse("Here $\\log x + \\log y = \\log(xy)$ and $\\log($ too.", "mention.md"));
        Assert.Single(result.Steps);
        Assert.Contains(result.Warnings, w => w.Code.StartsWith("SK2", StringComparison.Ordinal));
    }
}
