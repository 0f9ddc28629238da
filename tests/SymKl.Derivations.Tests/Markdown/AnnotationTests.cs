using SymKl.Derivations.Markdown;

namespace SymKl.Derivations.Tests.Markdown;

public class AnnotationTests
{
    private static DerivationDocument Read(params string[] lines) => MarkdownReader.Parse(string.Join("\n", lines) + "\n", "t.md");

    [Fact]
    public void CommentDirectives_WithPositions()
    {
        var doc = Read(
            "<!-- symkl: q(z) = \\mathcal{N}(z; \\mu, \\sigma^2) -->",
            "<!-- symkl: assume \\sigma > 0 -->",
            "",
            "Text <!-- symkl: log base 2 --> more.",
            "",
            "<!--symkl:skip-->");
        Assert.Collection(doc.Annotations,
            a => { Assert.Equal(AnnotationKind.Definition, a.Kind); Assert.Equal("q(z) = \\mathcal{N}(z; \\mu, \\sigma^2)", a.Text); Assert.Equal((1, 13), (a.Line, a.Column)); },
            a => { Assert.Equal(AnnotationKind.Assumption, a.Kind); Assert.Equal("\\sigma > 0", a.Text); Assert.Equal((2, 20), (a.Line, a.Column)); Assert.Equal("assume \\sigma > 0", a.Directive); },
            a => { Assert.Equal(AnnotationKind.LogBase, a.Kind); Assert.Equal("2", a.Text); Assert.Equal((4, 27), (a.Line, a.Column)); },
            a => { Assert.Equal(AnnotationKind.Skip, a.Kind); Assert.Equal((6, 11), (a.Line, a.Column)); });
        Assert.All(doc.Annotations, a => Assert.Equal(AnnotationSource.Comment, a.Origin));
    }

    [Fact]
    public void MultiLineComment_OneDirectivePerLine()
    {
        var doc = Read("<!-- symkl:", "  define p(x) = \\mathcal{N}(x; 0, 1)", "  assume: \\lambda > 0", "-->");
        Assert.Collection(doc.Annotations,
            a => { Assert.Equal(AnnotationKind.Definition, a.Kind); Assert.Equal("p(x) = \\mathcal{N}(x; 0, 1)", a.Text); Assert.Equal((2, 10), (a.Line, a.Column)); },
            a => { Assert.Equal(AnnotationKind.Assumption, a.Kind); Assert.Equal("\\lambda > 0", a.Text); Assert.Equal((3, 11), (a.Line, a.Column)); });
    }

    [Fact]
    public void OtherCommentsAreIgnored()
    {
        var doc = Read("<!-- a note -->", "<!-- symklx: no -->", "```", "<!-- symkl: skip -->", "```");
        Assert.Empty(doc.Annotations);
    }

    [Fact]
    public void Skip_AppliesToTheNextMathBlockOnly()
    {
        var doc = Read("$$a = 1$$", "", "<!-- symkl: skip -->", "", "$$", "b = 2", "$$", "", "$$c = 3$$");
        Assert.Equal(3, doc.Blocks.Count);
        Assert.False(doc.IsSkipped(doc.Blocks[0]));
        Assert.True(doc.IsSkipped(doc.Blocks[1]));
        Assert.False(doc.IsSkipped(doc.Blocks[2]));
    }

    [Fact]
    public void JekyllFrontMatter_KeysAndSymklEntries()
    {
        var doc = Read(
            "---",
            "layout: post",
            "title: \"Deriving KL: the Gaussian case\"",
            "tags: [kl, vae]",
            "symkl:",
            "  - q(z) = \\mathcal{N}(z; \\mu, \\sigma^2)",
            "  - 'assume \\sigma > 0'",
            "---",
            "",
            "$a = b$");
        Assert.Equal("post", doc.FrontMatter["layout"]);
        Assert.Equal("Deriving KL: the Gaussian case", doc.FrontMatter["title"]);
        Assert.Equal("[kl, vae]", doc.FrontMatter["tags"]);
        Assert.Collection(doc.Annotations,
            a => { Assert.Equal(AnnotationKind.Definition, a.Kind); Assert.Equal(AnnotationSource.FrontMatter, a.Origin); Assert.Equal((6, 5), (a.Line, a.Column)); },
            a => { Assert.Equal(AnnotationKind.Assumption, a.Kind); Assert.Equal("\\sigma > 0", a.Text); Assert.Equal((7, 13), (a.Line, a.Column)); });
        var b = Assert.Single(doc.Blocks);
        Assert.Equal((10, 2), (b.Line, b.Column));
    }

    [Fact]
    public void FrontMatterInlineSymklValue()
    {
        var doc = Read("---", "symkl: log base 2", "---", "$$x = 1$$");
        var a = Assert.Single(doc.Annotations);
        Assert.Equal(AnnotationKind.LogBase, a.Kind);
        Assert.Equal((2, 17), (a.Line, a.Column));
        Assert.Equal("log base 2", doc.FrontMatter["symkl"]);
    }

    [Fact]
    public void FrontMatterSkip_SkipsEveryBlock()
    {
        var doc = Read("---", "symkl: skip", "---", "$$x = 1$$", "$y = 2$");
        Assert.All(doc.Blocks, b => Assert.True(doc.IsSkipped(b)));
    }

    [Fact]
    public void HugoTomlFrontMatter()
    {
        var doc = Read("+++", "title = \"Notes\"", "draft = false", "+++", "", "$$ a = b $$");
        Assert.Equal("Notes", doc.FrontMatter["title"]);
        Assert.Equal("false", doc.FrontMatter["draft"]);
        var b = Assert.Single(doc.Blocks);
        Assert.Equal((6, 4), (b.Line, b.Column));
    }

    [Fact]
    public void FrontMatterWithDollarsIsNotMath()
    {
        var doc = Read("---", "title: \"$a = b$ costs $$5$$\"", "---", "body");
        Assert.Empty(doc.Blocks);
    }

    [Fact]
    public void NoFrontMatterWithoutClosingLine()
    {
        var doc = Read("---", "title: x", "", "$a=b$");
        Assert.Empty(doc.FrontMatter);
        Assert.Single(doc.Blocks);
    }
}
