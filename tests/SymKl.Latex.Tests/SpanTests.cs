using SymKl.Latex.Syntax;

namespace SymKl.Latex.Tests;

/// <summary>Every node points at the text it came from, in the original (unrepaired) input.</summary>
public class SpanTests
{
    private static void AssertSpan<T>(string latex, string expectedText, Func<T, bool>? which = null) where T : SyntaxNode
    {
        var r = LatexParser.ParseMath(latex);
        var node = TestHelpers.First(r, which);
        Assert.Equal(expectedText, r.GetText(node.Span));
    }

    [Fact]
    public void Integral_call_log_and_differential()
    {
        const string s = "KL(q || p) &= -\\int q(z) \\log p(z) dz - 1";
        AssertSpan<Call>(s, "KL(q || p)");
        AssertSpan<Integral>(s, "\\int q(z) \\log p(z) dz");
        AssertSpan<Differential>(s, "dz");
        AssertSpan<FunctionApplication>(s, "\\log p(z)");
        AssertSpan<Call>(s, "q(z)", c => c.Callee is Identifier { Name: "q" });
        AssertSpan<Unary>(s, "-\\int q(z) \\log p(z) dz");
        AssertSpan<Relation>(s, "KL(q || p) &= -\\int q(z) \\log p(z) dz - 1");
    }

    [Fact]
    public void Fraction_root_power_and_names()
    {
        const string s = "\\frac{1}{\\sqrt{2 \\pi \\sigma^2}}";
        AssertSpan<Fraction>(s, s);
        AssertSpan<Sqrt>(s, "\\sqrt{2 \\pi \\sigma^2}");
        AssertSpan<Power>(s, "\\sigma^2");
        AssertSpan<Identifier>(s, "\\sigma", i => i.Name == "sigma");
        AssertSpan<Identifier>(s, "\\pi", i => i.Name == "pi");
        AssertSpan<ImplicitMultiplication>(s, "2 \\pi \\sigma^2");
        AssertSpan<Number>(s, "2", n => n.Text == "2");
    }

    [Theory]
    [InlineData("\\sigma_{12} + 1", "\\sigma_{12}")]
    [InlineData("\\mu_1^2", "\\mu_1")]
    [InlineData("\\mathbf{x}_i", "\\mathbf{x}_i")]
    [InlineData("\\theta^* = 1", "\\theta^*")]
    [InlineData("f''(x)", "f''")]
    [InlineData("\\hat{x}", "\\hat{x}")]
    [InlineData("D_{\\mathrm{KL}}(P)", "D_{\\mathrm{KL}}")]
    public void Decorated_names_cover_their_decorations(string latex, string expected)
    {
        var r = LatexParser.ParseMath(latex);
        var id = TestHelpers.Nodes(r).OfType<Identifier>().OrderByDescending(i => i.Span.Length).First();
        Assert.Equal(expected, r.GetText(id.Span));
    }

    [Fact]
    public void Groups_calls_and_sized_delimiters()
    {
        AssertSpan<Group>("2\\left(b + c\\right)^2", "\\left(b + c\\right)");
        AssertSpan<Power>("2\\left(b + c\\right)^2", "\\left(b + c\\right)^2");
        AssertSpan<Call>("a\\left(b + c\\right)^2", "a\\left(b + c\\right)");
        AssertSpan<Abs>("1 + |x - y|", "|x - y|");
        AssertSpan<Call>("N(x|\\mu,\\sigma^2)dx", "N(x|\\mu,\\sigma^2)");
        AssertSpan<Sequence>("(\\mu_1, \\sigma_1)", "\\mu_1, \\sigma_1");
    }

    [Fact]
    public void Separators_keep_their_spans()
    {
        var r = LatexParser.ParseMath("D_{KL}(P \\parallel Q) + KL(q || p) + N(x|\\mu)");
        var calls = TestHelpers.Nodes(r).OfType<Call>().ToList();
        Assert.Equal("\\parallel", r.GetText(calls[0].Separators[0].Span));
        Assert.Equal("||", calls[0].Separators[0].Text);
        Assert.Equal("||", r.GetText(calls[1].Separators[0].Span));
        Assert.Equal("|", r.GetText(calls[2].Separators[0].Span));
    }

    [Fact]
    public void Relation_operators_keep_their_spans()
    {
        var r = LatexParser.ParseMath("a \\not\\equiv b := c \\leq d");
        var rel = TestHelpers.Single<Relation>(r);
        Assert.Equal(new[] { "\\not\\equiv", ":=", "\\leq" }, rel.Operators.Select(o => r.GetText(o.Span)));
    }

    [Fact]
    public void Big_operators_cover_their_scripts_and_bodies()
    {
        AssertSpan<Sum>("\\sum_{d=1}^{D} x_d + 1", "\\sum_{d=1}^{D} x_d");
        AssertSpan<Expectation>("\\mathbb{E}_{x \\sim p(x)}[f(x)] - 1", "\\mathbb{E}_{x \\sim p(x)}[f(x)]");
        AssertSpan<Operator>("\\theta^* = \\underset{\\theta}{argmin} \\ D_{KL}(P || Q_\\theta)", "\\underset{\\theta}{argmin} \\ D_{KL}(P || Q_\\theta)");
        AssertSpan<Integral>("\\int_0^1 x\\,dx = \\frac12", "\\int_0^1 x\\,dx");
        AssertSpan<Differential>("\\int f(x) \\, \\mathrm{d}\\mathbf{x}", "\\mathrm{d}\\mathbf{x}");
    }

    [Fact]
    public void Spans_point_into_the_original_text_after_repairs()
    {
        // 'rac{' is repaired to \frac, but the fraction still spans the damaged text.
        AssertSpan<Fraction>("p(x) = rac{1}{\\sigma_1 \\sqrt{2\\pi}}", "rac{1}{\\sigma_1 \\sqrt{2\\pi}}");
        AssertSpan<Fraction>("a\u000Crac{1}{2}", "\u000Crac{1}{2}");
        AssertSpan<Integral>("D = âˆ« p(x) dx", "âˆ« p(x) dx");
        AssertSpan<Power>("e^-{\\frac{a}{b}}", "e^-{\\frac{a}{b}}");
        AssertSpan<Unary>("e^-{\\frac{a}{b}}", "-{\\frac{a}{b}}");
    }

    [Fact]
    public void Every_node_span_lies_inside_the_input_and_inside_its_parent()
    {
        foreach (string latex in new[]
                 {
                     "KL(q || p ) = Cross Entropy(q, p) - Entropy (q)",
                     "\\theta^* = \\underset{\\theta}{argmax} \\ \\frac{1}{N} \\sum_{i=1}^N log(q_\\theta(x_i))",
                     "f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}",
                     "egin{aligned} KL(P||Q) &= -\\int p(x) \\log(q(x)) dx \\ \\\\ &= 2 \\end{aligned}",
                 })
        {
            var r = LatexParser.ParseMath(latex);
            Check(r.Root!, new TextSpan(0, latex.Length));
        }

        static void Check(SyntaxNode node, TextSpan parent)
        {
            Assert.True(node.Span.Start >= 0 && node.Span.End <= parent.End && node.Span.Start >= parent.Start,
                node.GetType().Name + " " + node.Span + " outside " + parent);
            foreach (var child in node.Children()) Check(child, node.Span);
        }
    }

    [Fact]
    public void Line_and_column_are_one_based()
    {
        const string s = "a = b\\\\\r\n  &= c\n\\int x";
        Assert.Equal(new LinePosition(1, 1), SourceLocation.GetLinePosition(s, 0));
        Assert.Equal(new LinePosition(2, 3), SourceLocation.GetLinePosition(s, s.IndexOf('&', StringComparison.Ordinal)));
        Assert.Equal(new LinePosition(3, 1), SourceLocation.GetLinePosition(s, s.IndexOf("\\int", StringComparison.Ordinal)));
        Assert.Equal("column 3", SourceLocation.Describe("a = b", 2));
        Assert.Equal("line 3, column 1", SourceLocation.Describe(s, s.IndexOf("\\int", StringComparison.Ordinal)));
    }
}
