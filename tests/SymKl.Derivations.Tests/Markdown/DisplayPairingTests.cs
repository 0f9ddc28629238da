using SymKl.Derivations.Markdown;

namespace SymKl.Derivations.Tests.Markdown;

/// <summary>How <c>$$</c> delimiters pair when a paragraph opens a display, inside list items and next to HTML blocks.</summary>
public class DisplayPairingTests
{
    private static DerivationDocument Read(params string[] lines) => MarkdownReader.Parse(string.Join("\n", lines) + "\n", "t.md");

    private static IEnumerable<string> Texts(DerivationDocument doc) => doc.Blocks.Select(b => b.Text);

    [Fact]
    public void ADollarPairAtTheEndOfAParagraphLine_IsClosedByTheNextDollarLine()
    {
        // Each paragraph ends its last line with "$$" and the "$$" line after the math closes it: read as a new block's
        // opening, every later pair would be off by one and the figure below would be read as math.
        var doc = Read(
            "With $u$ held, namely $$",
            "\\min_{u} g(u, w)",
            "$$",
            "",
            "When a closed form exists it is $$",
            "w^* = 2u",
            "$$",
            "",
            "<figure class=\"wide\">",
            "  <img src=\"plot.png\" />",
            "  <figcaption><strong>A plot</strong></figcaption>",
            "</figure>",
            "",
            "$$",
            "a + a = 2a",
            "$$");
        Assert.Equal(["u", "\\min_{u} g(u, w)", "w^* = 2u", "a + a = 2a"], Texts(doc));
        Assert.DoesNotContain(doc.Warnings, w => w.Message.Contains("$$", StringComparison.Ordinal));
    }

    [Fact]
    public void DisplaysInNestedListItems_PairWithinTheItem()
    {
        var doc = Read(
            "* Outer item",
            "    * Inner item",
            "",
            "      $$",
            "      p \\geq q",
            "      $$",
            "",
            "    and then text <span-note key=\"k1\"></span-note>.",
            "",
            "* Next item with a citation <d-cite key=\"someone2020\"></d-cite>",
            "",
            "  $$",
            "  r = s",
            "  $$");
        Assert.Equal(["p \\geq q", "r = s"], Texts(doc));
    }

    [Fact]
    public void ADisplayThatWouldTakeInHtmlMarkup_IsUnpairedWithAWarning()
    {
        // The opening "$$" has no closing line before the figure: pairing it with the "$$" after the figure would read the
        // figure's tags as inequalities.
        var doc = Read(
            "Text before.",
            "",
            "$$",
            "x = y",
            "",
            "Some prose <d-cite key=\"ref1\"></d-cite>.",
            "",
            "<figure id=\"f1\">",
            "  <div class=\"row\"><img src=\"a.png\" /></div>",
            "</figure>",
            "",
            "$$",
            "c = d",
            "$$");
        Assert.DoesNotContain(doc.Blocks, b => b.Text.Contains('<'));
        Assert.Contains("c = d", Texts(doc));
        var warning = Assert.Single(doc.Warnings, w => w.Message.Contains("HTML markup", StringComparison.Ordinal));
        Assert.Equal((3, 1), (warning.Line, warning.Column));
    }

    [Fact]
    public void AngleBracketsInMath_AreNotTakenForHtml()
    {
        var doc = Read("$$", "\\langle x, y \\rangle = <x, y> ", "$$", "", "$$", "a < b > c", "$$", "", "$$", "<u> = v", "$$");
        Assert.Equal(["\\langle x, y \\rangle = <x, y>", "a < b > c", "<u> = v"], Texts(doc));
        Assert.DoesNotContain(doc.Warnings, w => w.Message.Contains("HTML markup", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEvenCountOfDollarPairsInTheParagraph_LeavesTheNextBlockAlone()
    {
        var doc = Read("Inline $$a = b$$ in the text", "$$", "c = d", "$$");
        Assert.Equal(["a = b", "c = d"], Texts(doc));
    }

    [Theory]
    [InlineData("<figure id=\"x\">", true)]
    [InlineData("<d-cite key=\"k\"></d-cite>", true)]
    [InlineData("</div>", true)]
    [InlineData("<strong>bold</strong>", true)]
    [InlineData("a <b c", false)]
    [InlineData("<x, y>", false)]
    [InlineData("p<q>r", false)]
    [InlineData("0 < k < n", false)]
    public void HtmlTagsAreToldFromAngleBrackets(string text, bool tag) =>
        Assert.Equal(tag, HtmlMarkup.HasTag(text, 0, text.Length));
}
