using SymKl.Derivations.Markdown;

namespace SymKl.Derivations.Tests.Markdown;

public class MarkdownReaderTests
{
    private static DerivationDocument Read(params string[] lines) => MarkdownReader.Parse(string.Join("\n", lines) + "\n", "t.md");

    private static void AssertBlock(MathBlock block, MathBlockKind kind, string text, int line, int column)
    {
        Assert.Equal(kind, block.Kind);
        Assert.Equal(text, block.Text);
        Assert.Equal(line, block.Line);
        Assert.Equal(column, block.Column);
    }

    /// <summary>Every block's text is at its offset in the file, so positions can be checked against the raw text.</summary>
    private static void AssertTextAtPosition(DerivationDocument doc)
    {
        foreach (var b in doc.Blocks)
        {
            var offset = doc.Source.GetOffset(b.Line, b.Column);
            Assert.Equal(b.Offset, offset);
            Assert.Equal(b.Text[0], doc.Source.Text[offset]);
        }
    }

    [Fact]
    public void MultiLineDisplay_TextIsTheLinesBetweenTheDelimiters()
    {
        var doc = Read("Intro", "", "$$", "x &= y \\\\", "&= z", "$$", "", "After");
        var b = Assert.Single(doc.Blocks);
        AssertBlock(b, MathBlockKind.Display, "x &= y \\\\\n&= z", 4, 1);
        Assert.Equal(new SourcePosition(5, 1), b.GetPosition(b.Text.IndexOf("&= z", StringComparison.Ordinal)));
        Assert.Equal(new SourcePosition(5, 5), b.End);
    }

    [Fact]
    public void OneLineDisplay_AloneAndInsideAParagraph()
    {
        var doc = Read("$$ e = f $$", "", "Text $$c = d$$ here and $a=b$.");
        Assert.Equal(3, doc.Blocks.Count);
        AssertBlock(doc.Blocks[0], MathBlockKind.InlineDisplay, "e = f", 1, 4);
        AssertBlock(doc.Blocks[1], MathBlockKind.InlineDisplay, "c = d", 3, 8);
        AssertBlock(doc.Blocks[2], MathBlockKind.Inline, "a=b", 3, 26);
        AssertTextAtPosition(doc);
    }

    [Fact]
    public void OneLineDisplay_ComparisonInsideAProseLine_IsInline()
    {
        // kramdown reads $$ … $$ inside a line of prose as inline math: a comparison there is read by its words.
        var doc = Read("It holds for any $$k \\geq 2$$.", "", "$$ k > 1 $$", "", "Text $$k = 2$$ here, $$\\mu$$ too.");
        Assert.Equal(4, doc.Blocks.Count);
        AssertBlock(doc.Blocks[0], MathBlockKind.Inline, "k \\geq 2", 1, 20);
        AssertBlock(doc.Blocks[1], MathBlockKind.InlineDisplay, "k > 1", 3, 4);
        AssertBlock(doc.Blocks[2], MathBlockKind.InlineDisplay, "k = 2", 5, 8);
        AssertBlock(doc.Blocks[3], MathBlockKind.InlineDisplay, "\\mu", 5, 24);
        AssertTextAtPosition(doc);
    }

    [Fact]
    public void MathOnTheOpeningLine_IsReadWithTheBlock()
    {
        // "$$ \label{eq:mi}" and "$$ f(x) = …" open a block closed by a later "$$" line; Markdig takes a bare "$$" only,
        // and read alone the lines would pair the wrong dollars (the inline $b$ after them included).
        var doc = Read("$$ \\label{eq:mi}", "f = g \\; .", "$$", "", "where $b$ holds and", "", "$$ h(y) = y + y", "= 2y", "$$", "", "$$", "c = d", "$$");
        Assert.Equal(4, doc.Blocks.Count);
        AssertBlock(doc.Blocks[0], MathBlockKind.Display, "\\label{eq:mi}\nf = g \\; .", 1, 4);
        AssertBlock(doc.Blocks[1], MathBlockKind.Inline, "b", 5, 8);
        AssertBlock(doc.Blocks[2], MathBlockKind.Display, "h(y) = y + y\n= 2y", 7, 4);
        AssertBlock(doc.Blocks[3], MathBlockKind.Display, "c = d", 12, 1);
        AssertTextAtPosition(doc);
    }

    [Fact]
    public void MathOnTheOpeningLine_WithoutALoneClosingLine_IsNotTakenForAnOpening()
    {
        // Closed at the end of a math line ("… $$"): no lone "$$" closes it, so it is left as it was read before, and the
        // next block keeps its own dollars.
        var doc = Read("$$ a = b", "+ 0 $$", "", "$$", "c = d", "$$");
        var last = Assert.Single(doc.Blocks, b => b.Text == "c = d");
        Assert.Equal(MathBlockKind.Display, last.Kind);
    }

    [Fact]
    public void ClosingWithPunctuation_DoesNotSwallowTheNextBlock()
    {
        // "$$." and "$$, where" close a block in real posts; Markdig alone would read on to the next "$$".
        var doc = Read("$$", "\\begin{align*}", "", "a \\neq b", "", "\\end{align*}", "$$.", "", "$$", "c = d", "$$, where _q_ is $q$.", "", "$$", "e = f", "$$");
        Assert.Equal(4, doc.Blocks.Count);
        AssertBlock(doc.Blocks[0], MathBlockKind.Display, "\\begin{align*}\n\na \\neq b\n\n\\end{align*}", 2, 1);
        AssertBlock(doc.Blocks[1], MathBlockKind.Display, "c = d", 10, 1);
        AssertBlock(doc.Blocks[2], MathBlockKind.Inline, "q", 11, 19);
        AssertBlock(doc.Blocks[3], MathBlockKind.Display, "e = f", 14, 1);
        Assert.Empty(doc.Warnings);
    }

    [Fact]
    public void ClosingAtTheEndOfAMathLine_IsHonoured()
    {
        var doc = Read("$$", "a = b", "c = d $$", "", "text", "$$", "x = y", "$$");
        Assert.Equal(2, doc.Blocks.Count);
        AssertBlock(doc.Blocks[0], MathBlockKind.InlineDisplay, "a = b\nc = d", 2, 1);
        AssertBlock(doc.Blocks[1], MathBlockKind.Display, "x = y", 7, 1);
    }

    [Fact]
    public void DollarsOverSeveralLinesInAParagraph()
    {
        var doc = Read("Then", "$$\\begin{aligned}", "a &= b \\\\", "&= c", "\\end{aligned}$$", "so.");
        var b = Assert.Single(doc.Blocks);
        AssertBlock(b, MathBlockKind.InlineDisplay, "\\begin{aligned}\na &= b \\\\\n&= c\n\\end{aligned}", 2, 3);
        Assert.Equal(new SourcePosition(4, 1), b.GetPosition(b.Text.IndexOf("&= c", StringComparison.Ordinal)));
    }

    [Fact]
    public void DollarsOpenOnTheFirstLineCloseOnALaterOne()
    {
        var doc = Read("$$ KL = a \\\\", " = b $$");
        AssertBlock(Assert.Single(doc.Blocks), MathBlockKind.InlineDisplay, "KL = a \\\\\n = b", 1, 4);
    }

    [Fact]
    public void DisplayMayRunOverABlankLine()
    {
        var doc = Read("$$\\begin{align*}", "", "a &= b", "\\end{align*}$$");
        AssertBlock(Assert.Single(doc.Blocks), MathBlockKind.InlineDisplay, "\\begin{align*}\n\na &= b\n\\end{align*}", 1, 3);
    }

    [Fact]
    public void Brackets_OnTheirOwnLinesAndInline()
    {
        var doc = Read("\\[", "a = b", "\\]", "", "so \\[ c = d \\] and \\(e = f\\).");
        Assert.Equal(3, doc.Blocks.Count);
        AssertBlock(doc.Blocks[0], MathBlockKind.Bracket, "a = b", 2, 1);
        AssertBlock(doc.Blocks[1], MathBlockKind.Bracket, "c = d", 5, 7);
        AssertBlock(doc.Blocks[2], MathBlockKind.Inline, "e = f", 5, 22);
    }

    [Fact]
    public void EscapedBracketsAndDollarsAreNotMath()
    {
        var doc = Read("costs \\$5 and \\\\[x] and $5 and $10.");
        Assert.Empty(doc.Blocks);
    }

    [Fact]
    public void MathFence()
    {
        var doc = Read("```math", "u = v", "  + w", "```", "", "~~~ math", "p = q", "~~~");
        Assert.Equal(2, doc.Blocks.Count);
        AssertBlock(doc.Blocks[0], MathBlockKind.Fence, "u = v\n  + w", 2, 1);
        AssertBlock(doc.Blocks[1], MathBlockKind.Fence, "p = q", 7, 1);
    }

    [Fact]
    public void CodeIsNeverMath()
    {
        var doc = Read("```python", "x = $y$", "$$", "a = b", "$$", "```", "", "    $$ indented = code $$", "", "Use `$a = b$` and <span title=\"$x=1$\">$c = d$</span>.");
        AssertBlock(Assert.Single(doc.Blocks), MathBlockKind.Inline, "c = d", 10, 40);
    }

    [Fact]
    public void IndentedAndQuotedBlocks()
    {
        var doc = Read("- item", "", "    $$", "    y = 2", "    $$", "", "> $$", "> q = 1", ">   r = 2", "> $$", "", "> quoted $$a", "> = b$$");
        Assert.Equal(3, doc.Blocks.Count);
        AssertBlock(doc.Blocks[0], MathBlockKind.Display, "y = 2", 4, 5);
        AssertBlock(doc.Blocks[1], MathBlockKind.Display, "q = 1\n    r = 2", 8, 3);
        Assert.Equal(new SourcePosition(9, 5), doc.Blocks[1].GetPosition(doc.Blocks[1].Text.IndexOf('r')));
        AssertBlock(doc.Blocks[2], MathBlockKind.InlineDisplay, "a\n  = b", 12, 12);
    }

    [Fact]
    public void CrlfAndBomDoNotShiftPositions()
    {
        var lf = "---\ntitle: t\n---\n\nSee $x = 1$.\n\n$$\na &= b \\\\\n&= c\n$$\n\n<!-- symkl: assume a > 0 -->\n";
        var crlf = "\uFEFF" + lf.Replace("\n", "\r\n");
        var a = MarkdownReader.Parse(lf);
        var b = MarkdownReader.Parse(crlf);
        Assert.Equal(a.Blocks.Select(x => (x.Kind, x.Line, x.Column)), b.Blocks.Select(x => (x.Kind, x.Line, x.Column)));
        Assert.Equal(a.Annotations.Select(x => (x.Line, x.Column, x.Text)), b.Annotations.Select(x => (x.Line, x.Column, x.Text)));
        Assert.Equal("a &= b \\\\\r\n&= c", b.Blocks[1].Text);
        Assert.Equal(new SourcePosition(9, 1), b.Blocks[1].GetPosition(b.Blocks[1].Text.IndexOf("&= c", StringComparison.Ordinal)));
        Assert.Equal((5, 6), (b.Blocks[0].Line, b.Blocks[0].Column));
    }

    [Fact]
    public void BomInBytesIsDropped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes("$a=b$\n")).ToArray();
        var doc = MarkdownReader.Parse(MarkdownReader.Decode(bytes));
        AssertBlock(Assert.Single(doc.Blocks), MathBlockKind.Inline, "a=b", 1, 2);
    }

    [Fact]
    public void MojibakeStaysInTheText()
    {
        var doc = Read("$$D = âˆ« p(x) dx$$");
        AssertBlock(Assert.Single(doc.Blocks), MathBlockKind.InlineDisplay, "D = âˆ« p(x) dx", 1, 3);
    }

    [Fact]
    public void UnclosedDollarsAreWarned()
    {
        var doc = Read("text $$ a = b", "", "more");
        Assert.Empty(doc.Blocks);
        var w = Assert.Single(doc.Warnings);
        Assert.Equal((1, 6), (w.Line, w.Column));
    }

    [Fact]
    public void UnclosedDisplayBlockAtTheEndIsWarned()
    {
        var doc = Read("$$", "a = b");
        AssertBlock(Assert.Single(doc.Blocks), MathBlockKind.Display, "a = b", 2, 1);
        Assert.Equal(1, Assert.Single(doc.Warnings).Line);
    }

    [Fact]
    public void InlineMathInHeadingsAndListItems()
    {
        var doc = Read("## Result: $a = b$", "", "- item $x^2 \\geq 0$", "  * nested $$y = 1$$");
        Assert.Equal(3, doc.Blocks.Count);
        AssertBlock(doc.Blocks[0], MathBlockKind.Inline, "a = b", 1, 13);
        AssertBlock(doc.Blocks[1], MathBlockKind.Inline, "x^2 \\geq 0", 3, 9);
        AssertBlock(doc.Blocks[2], MathBlockKind.InlineDisplay, "y = 1", 4, 14);
    }

    [Fact]
    public void DollarRulesFollowPandoc()
    {
        var doc = Read("a $ b$ c $d $ e $f$5 g, costs $5 and $h$.");
        AssertBlock(Assert.Single(doc.Blocks), MathBlockKind.Inline, "h", 1, 39);
    }

    [Fact]
    public void SpaceBeforeTheCloser_WithACommand_IsMath()
    {
        // MathJax pairs "$W(\mathbf{f}) = e^{N H} $"; Pandoc's rule alone dropped it, and its closer then opened the next math.
        var doc = Read("we get $W(\\mathbf{f}) = e^{N H} $ and $ \\mathbb{P} \\propto e^{N H}$ with $m = 2 $, costs $\\alpha $5.");
        Assert.Equal(2, doc.Blocks.Count);
        AssertBlock(doc.Blocks[0], MathBlockKind.Inline, "W(\\mathbf{f}) = e^{N H}", 1, 9);
        AssertBlock(doc.Blocks[1], MathBlockKind.Inline, "\\mathbb{P} \\propto e^{N H}", 1, 41);
    }

    [Fact]
    public void SpaceBeforeTheCloser_LongMathAfterATightOpener_IsMath()
    {
        // A long chain of derivatives with a space before its closer was dropped without a word (over 200 characters).
        var chain = string.Join(" ", Enumerable.Range(1, 12).Select(k => "\\frac{\\partial h_{" + k + "}}{\\partial z_{" + k + "}}"));
        var doc = Read("Notice that $\\delta = " + chain + " $ is a row vector, and $x$ is one too.");
        Assert.Equal(2, doc.Blocks.Count);
        Assert.StartsWith("\\delta = \\frac", doc.Blocks[0].Text, StringComparison.Ordinal);
        Assert.Equal("x", doc.Blocks[1].Text);
    }

    [Fact]
    public void TightOpenerWithACommandAndNoCloser_IsReported()
    {
        var doc = Read("Here $\\alpha + \\beta is left open.");
        Assert.Empty(doc.Blocks);
        var warning = Assert.Single(doc.Warnings);
        Assert.Equal((1, 6), (warning.Line, warning.Column));
        Assert.Contains("no `$` closes it", warning.Message, StringComparison.Ordinal);
        // A price is no math: no word about it.
        Assert.Empty(Read("It costs $5 and $10 in total.").Warnings);
    }

    // ------------------------------------------------------------------ math without $ delimiters

    [Fact]
    public void EnvironmentInTheText_IsOneDisplay()
    {
        var doc = Read("Hence, we have", "\\begin{align*}", "x_t &= a \\\\", "&= b", "\\end{align*}", "and more text.");
        var b = Assert.Single(doc.Blocks);
        AssertBlock(b, MathBlockKind.Environment, "\\begin{align*}\nx_t &= a \\\\\n&= b\n\\end{align*}", 2, 1);
        AssertTextAtPosition(doc);
    }

    [Fact]
    public void EnvironmentInTheText_NestedAndOnlyMathEnvironments()
    {
        var doc = Read("\\begin{equation} \\begin{aligned} a &= b \\end{aligned} \\end{equation}", "", "\\begin{itemize} not math \\end{itemize}");
        var b = Assert.Single(doc.Blocks);
        Assert.StartsWith("\\begin{equation}", b.Text, StringComparison.Ordinal);
        Assert.EndsWith("\\end{equation}", b.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentInCodeIsNotMath()
    {
        var doc = Read("```", "\\begin{align} a &= b \\end{align}", "```", "", "`\\begin{align} a = b \\end{align}`");
        Assert.Empty(doc.Blocks);
    }

    [Fact]
    public void EnvironmentWrittenForMarkdown_IsReadAsTheEngineHandsItOn()
    {
        // kramdown posts: \\\ for a row break, \_ and \| for characters Markdown would eat.
        var doc = Read(@"\begin{align} D(q \|\| p) &= \mathbb{E}\_{q}[x] \\\ &= y \end{align}");
        var b = Assert.Single(doc.Blocks);
        Assert.Equal(@"\begin{align} D(q  | | p) &= \mathbb{E} _{q}[x]  \\ &= y \end{align}", b.Text);
        Assert.Equal(doc.Source.Text.IndexOf("\\begin", StringComparison.Ordinal), b.Offset);
    }

    [Theory]
    [InlineData(@"\\", @" \")]
    [InlineData(@"\\\\", @"  \\")]
    [InlineData(@"\\\ ", @" \\ ")]
    [InlineData(@"\\\{", @"  \{")]
    [InlineData(@"x\_1", @"x _1")]
    [InlineData(@"\alpha", @"\alpha")]
    public void Unescape_KeepsOffsets(string written, string read)
    {
        var chars = written.ToCharArray();
        MathScanner.Unescape(chars);
        Assert.Equal(read, new string(chars));
    }

    [Fact]
    public void PlainEnvironment_IsNotUnescaped()
    {
        var doc = Read("\\begin{align}", "x &= a \\\\", "&= b \\{1\\}", "\\end{align}");
        Assert.Contains("a \\\\\n", Assert.Single(doc.Blocks).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void JekyllMathTags_AreDisplays()
    {
        var doc = Read("Our log-likelihood is", "{% math %}", "L(\\theta) = n \\log \\theta", "{% endmath %}", "for which {%math%}\\theta = 1{%endmath%}.");
        Assert.Collection(doc.Blocks,
            b => AssertBlock(b, MathBlockKind.Template, "L(\\theta) = n \\log \\theta", 3, 1),
            b => AssertBlock(b, MathBlockKind.Template, "\\theta = 1", 5, 19));
    }

    [Fact]
    public void DoubledDelimiters_WrittenForMarkdown()
    {
        var doc = Read(@"where \\(C\\) is a constant, and \\(y_i \in \\{ -1,1 \\} \\). Also \\[ a = b \\]");
        Assert.Collection(doc.Blocks,
            b => AssertBlock(b, MathBlockKind.Inline, "C", 1, 10),
            b => { Assert.Equal(MathBlockKind.Inline, b.Kind); Assert.Equal(@"y_i \in  \{ -1,1  \}", b.Text); },
            b => AssertBlock(b, MathBlockKind.Bracket, "a = b", 1, 72));
        AssertTextAtPosition(doc);
    }

    [Fact]
    public void MystDirectives_ContentIsMarkdown_CodeStaysCode()
    {
        var doc = Read("```{admonition} Math Note", "The logistic function is", "", "$$", "s(z) = 1", "$$", "```", "",
            "```{math}", ":label: eq-one", "a = b", "```", "",
            "```{code-cell} python", "x = $y$", "```", "", "```{.python .input}", "$z = 1$", "```");
        Assert.Collection(doc.Blocks,
            b => AssertBlock(b, MathBlockKind.Display, "s(z) = 1", 5, 1),
            b => { Assert.Equal(MathBlockKind.Fence, b.Kind); Assert.Equal("a = b", b.Text); Assert.Equal(11, b.Line); });
    }
}
