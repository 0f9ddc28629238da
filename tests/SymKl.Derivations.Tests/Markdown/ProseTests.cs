using SymKl.Derivations.Markdown;

namespace SymKl.Derivations.Tests.Markdown;

/// <summary>The prose that introduces each piece of math: the words since the math before it, or the sentence it ends.</summary>
public class ProseTests
{
    public static TheoryData<string, string[], bool[]> Rows => new()
    {
        // Words between inline maths of one sentence; ';' and ',' do not end it.
        { "Setting the derivative to zero, $a = 0$, so $b = 1$; summing, $c = 2$.", ["Setting the derivative to zero,", ", so", "; summing,"], [false, true, true] },
        // A display that starts a paragraph: the last sentence of the paragraph before it.
        { "First things. The KL divergence is **defined** as:\n\n$$\nD = 1\n$$\n", ["The KL divergence is defined as:"], [false] },
        // A sentence ends at '.', and a display after a heading has no prose.
        { "We have $a > 0$. Then $b = 1$.\n\n## Part\n\n$$\nc = 2\n$$\n", ["We have", "Then", ""], [false, false, false] },
        // Front matter and comments are not prose.
        { "---\ntitle: assume\nsymkl:\n  - assume x > 0\n---\n\n$$\nx = 1\n$$\n", [""], [false] },
        { "If <!-- symkl: skip --> $x = 1$ then", ["If"], [false] },
        // Abbreviations do not end the sentence: "i.i.d. with mean", "e.g.", "w.r.t.", "cf. Eq."
        { "Let $x_i$ be i.i.d. with mean $\\mu$ and variance $\\sigma^2$.", ["Let", "be i.i.d. with mean", "and variance"], [false, true, true] },
        { "A law, e.g. $p = 1$, or its gradient w.r.t. $\\theta$, cf. Eq. $(3)$.", ["A law, e.g.", ", or its gradient w.r.t.", ", cf. Eq."], [false, true, true] },
        // …but "i.i.d." before a capital does end it.
        { "The $x_i$ are i.i.d. Then $y = 1$.", ["The", "Then"], [false, false] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachMathKnowsTheProseBeforeIt(string markdown, string[] prose, bool[] continues)
    {
        var blocks = MarkdownReader.Parse(markdown).Blocks;
        Assert.Equal(prose, blocks.Select(b => b.ProseBefore));
        Assert.Equal(continues, blocks.Select(b => b.ContinuesSentence));
    }

    [Fact]
    public void HeadingsAreRecordedWithTheirLevels()
    {
        var doc = MarkdownReader.Parse("# A\n\ntext\n\n## B\n\n### C\n");
        Assert.Equal([1, 2, 3], doc.Headings.Select(h => h.Level));
    }
}
