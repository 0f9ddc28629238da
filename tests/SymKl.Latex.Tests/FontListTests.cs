namespace SymKl.Latex.Tests;

/// <summary>\mathbf{X, Z}: a bold list of names is each name in bold (the joint of the bold variables).</summary>
public class FontListTests
{
    [Theory]
    [InlineData(@"p(\mathbf{X, Z}\vert\theta)", @"p(\mathbf{X}, \mathbf{Z}\vert\theta)")]
    [InlineData(@"p(\mathbf{x,y,z})", @"p(\mathbf{x}, \mathbf{y}, \mathbf{z})")]
    [InlineData(@"p(\boldsymbol{\theta , \phi})", @"p(\boldsymbol{\theta}, \boldsymbol{\phi})")]
    [InlineData(@"q(\bm{a, b} \mid c)", @"q(\bm{a}, \bm{b} \mid c)")]
    [InlineData(@"a \\ \mathbf{u, v}", @"a \\ \mathbf{u}, \mathbf{v}")]
    public void ABoldListIsWrittenNameByName(string text, string expected)
    {
        Assert.True(FontLists.Touches(text));
        var rewritten = FontLists.Rewrite(text, out var offsets);
        Assert.Equal(expected, rewritten);
        Assert.Equal(expected.Length + 1, offsets.Length);
        Assert.All(offsets, o => Assert.InRange(o, 0, text.Length));
    }

    // Anything but a list of single letters is left for the parser: a sum, a subscript, a number, one name, other fonts.
    [Theory]
    [InlineData(@"\mathbf{x + y}, z")]
    [InlineData(@"\mathbf{x_1, x_2}")]
    [InlineData(@"\mathbf{1, 2}")]
    [InlineData(@"\mathbf{x}, \mathbf{z}")]
    [InlineData(@"\mathrm{a, b}")]
    [InlineData(@"\mathbf{xy, z}")]
    [InlineData(@"\mathbf{x, \sin}")]
    [InlineData(@"\mathbf{x, y")]
    [InlineData(@"\\mathbf{x, y}")]
    public void AnythingElseIsLeftAlone(string text) => Assert.Equal(text, FontLists.Rewrite(text, out _));

    [Fact]
    public void OffsetsPointAtTheAuthorsText()
    {
        const string text = @"p(\mathbf{X, Z})";
        var rewritten = FontLists.Rewrite(text, out var offsets);
        Assert.Equal(text.IndexOf('X'), offsets[rewritten.IndexOf('X')]);
        Assert.Equal(text.IndexOf('Z'), offsets[rewritten.IndexOf('Z')]);
        Assert.Equal(text.IndexOf(','), offsets[rewritten.IndexOf(',')]);
        Assert.Equal(text.IndexOf(')'), offsets[rewritten.IndexOf(')')]);
        Assert.Equal(text.Length, offsets[^1]);
    }
}
