namespace SymKl.Latex.Tests;

public class MacroTests
{
    private static LatexMacros Defined(string definitions)
    {
        var macros = new LatexMacros();
        macros.Collect(definitions);
        return macros;
    }

    [Theory]
    [InlineData(@"\newcommand{\bx}{\mathbf{x}}", @"\bx^\top y", @"\mathbf{x}^\top y")]
    [InlineData(@"\newcommand\bx{\mathbf{x}}", @"\bx", @"\mathbf{x}")]
    [InlineData(@"\newcommand{\dadb}[2]{\frac{\partial #1}{\partial #2}}", @"\dadb{L}{\beta_j} = 0", @"\frac{\partial L}{\partial \beta_j} = 0")]
    [InlineData(@"\newcommand{\dadb}[2]{\frac{\partial #1}{\partial #2}}", @"\dadb L \beta", @"\frac{\partial L}{\partial \beta}")]
    [InlineData(@"\def\E{\mathbb{E}}", @"\E[x]", @"\mathbb{E}[x]")]
    [InlineData(@"\def\pair#1#2{(#1, #2)}", @"\pair{a}{b}", @"(a, b)")]
    [InlineData(@"\DeclareMathOperator{\tr}{tr}", @"\tr(A)", @"\operatorname{tr}(A)")]
    [InlineData(@"\DeclareMathOperator*{\argmax}{arg\,max}", @"\argmax_x f", @"\operatorname{arg\,max}_x f")]
    [InlineData(@"\newcommand{\sumN}{\sum_{n = 1}^N}", @"\sumN x_n", @"\sum_{n = 1}^N x_n")]
    [InlineData(@"\newcommand{\norm}[2][2]{\|#2\|_{#1}}", @"\norm{x} + \norm[1]{y}", @"\|x\|_{2} + \|y\|_{1}")]
    // Macros inside macros, and a command name that only starts like a macro.
    [InlineData(@"\newcommand{\bx}{\mathbf{x}} \newcommand{\sq}{\bx^\top \bx}", @"\sq + \bxi", @"\mathbf{x}^\top \mathbf{x} + \bxi")]
    // A macro ending in a control word never glues onto the letter after it.
    [InlineData(@"\newcommand{\a}{\alpha}", @"\a x", @"\alpha x")]
    public void Expands(string definitions, string math, string expected)
    {
        var expanded = Defined(definitions).Expand(math, out var offsets, out var problem);
        Assert.Null(problem);
        Assert.Equal(expected, expanded);
        Assert.Equal(expected.Length + 1, offsets.Length);
    }

    [Fact]
    public void DefinitionsAreBlankedAndOffsetsPointAtTheSource()
    {
        const string text = "\\newcommand{\\bx}{\\mathbf{x}}\n\\bx = y";
        var macros = Defined(text);
        var expanded = macros.Expand(text, out var offsets, out _)!;
        Assert.Equal(new string(' ', 28) + "\n\\mathbf{x} = y", expanded);
        // Every character the macro produced maps to the macro's name; the rest map to themselves.
        var use = text.IndexOf("\\bx =", StringComparison.Ordinal);
        Assert.All(Enumerable.Range(29, 10), k => Assert.Equal(use, offsets[k]));
        Assert.Equal(text.IndexOf('y'), offsets[expanded.IndexOf('y')]);
        Assert.Equal(text.Length, offsets[expanded.Length]);
    }

    [Theory]
    [InlineData(@"\def\a{\a}", @"\a")]
    [InlineData(@"\newcommand{\a}{\a\a}", @"\a")]
    public void LoopsAndExplosionsAreReportedNotFollowed(string definitions, string math)
    {
        var expanded = Defined(definitions).Expand(math, out _, out var problem);
        Assert.Null(expanded);
        Assert.NotNull(problem);
    }

    [Fact]
    public void ProvideCommandKeepsAnEarlierDefinition_RenewCommandReplacesIt()
    {
        var macros = Defined(@"\newcommand{\x}{a} \providecommand{\x}{b} \providecommand{\y}{c}");
        Assert.Equal("a c", macros.Expand(@"\x \y", out _, out _));
        macros.Collect(@"\renewcommand{\x}{d}");
        Assert.Equal("d", macros.Expand(@"\x", out _, out _));
    }

    [Fact]
    public void UnreadableDefinitionsAreSkipped()
    {
        var macros = Defined(@"\newcommand{\broken}[x]{y} \newcommand{\ok}{1} \newcommand{\open}{");
        Assert.True(macros.TryGet("ok", out _));
        Assert.False(macros.TryGet("broken", out _));
        Assert.False(macros.TryGet("open", out _));
    }
}
