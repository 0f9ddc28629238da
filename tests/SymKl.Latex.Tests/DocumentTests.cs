using SymKl.Latex.Syntax;

namespace SymKl.Latex.Tests;

/// <summary>Displays as a whole: environments, rows, alignment markers, continuation rows, clauses.</summary>
public class DocumentTests
{
    private const string DerivingSeedChain =
        "\\begin{align*}\n\nKL(q || p) &= -\\int q(z) \\log p(z) dz - (- \\int q(z) \\log q(z) dz ) \\\\\n"
        + "&= -\\int q(z) \\log p(z) dz + \\int q(z) \\log p(z) dz \\\\\n&= \\int q(z) \\log \\frac{q(z)}{p(z)}\n\n\\end{align*}";

    [Fact]
    public void Align_rows_are_split_at_row_breaks_and_continuations_are_explicit()
    {
        var r = LatexParser.ParseMath(DerivingSeedChain);
        var rows = r.Root!.Rows;
        Assert.Equal(3, rows.Count);
        Assert.All(rows, row => Assert.Equal("align*", row.Environment));
        var first = Assert.IsType<Relation>(Assert.Single(rows[0].Items));
        Assert.IsType<Call>(first.Operands[0]);
        for (int i = 1; i < 3; i++)
        {
            var rel = Assert.IsType<Relation>(Assert.Single(rows[i].Items));
            var cont = Assert.IsType<Continuation>(rel.Operands[0]);
            Assert.Equal(0, cont.Span.Length);
            Assert.Equal('=', r.Text[cont.Span.Start]);
        }
        // the third row is missing its differential: a warning, not an error
        Assert.False(r.HasErrors, TestHelpers.Diagnostics(r));
        Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.MissingDifferential);
    }

    [Fact]
    public void Alignment_markers_are_not_in_the_tree_but_their_positions_are_kept()
    {
        var r = LatexParser.ParseMath(DerivingSeedChain);
        foreach (var row in r.Root!.Rows)
        {
            var mark = Assert.Single(row.AlignmentMarks);
            Assert.Equal("&", r.GetText(mark));
            Assert.True(mark.Start >= row.Span.Start - 1 && mark.End <= row.Span.End, "the marker belongs to its row");
            Assert.Equal('=', r.Text[mark.End]);
        }
    }

    [Fact]
    public void Environment_info_records_rows_and_spans()
    {
        var r = LatexParser.ParseMath(DerivingSeedChain);
        var env = Assert.Single(r.Root!.Environments);
        Assert.Equal("align*", env.Name);
        Assert.Equal("\\begin{align*}", r.GetText(env.BeginSpan));
        Assert.Equal("\\end{align*}", r.GetText(env.EndSpan!.Value));
        Assert.Equal(0, env.FirstRow);
        Assert.Equal(3, env.RowCount);
    }

    [Fact]
    public void Nested_environments_are_flattened_into_rows()
    {
        var r = LatexParser.ParseMath("\\begin{equation}\\begin{split} a &= b \\\\ &= c \\end{split}\\end{equation}");
        Assert.False(r.HasErrors, TestHelpers.Diagnostics(r));
        Assert.Equal("(doc (= a b) (= <prev> c))", SyntaxPrinter.Print(r.Root));
        Assert.All(r.Root!.Rows, row => Assert.Equal("split", row.Environment));
        Assert.Equal(new[] { "equation", "split" }, r.Root.Environments.Select(e => e.Name));
    }

    [Theory]
    [InlineData("a \\\\ b \\\\ c", "(doc a b c)")]
    [InlineData("a = b \\\\[2pt] &= c", "(doc (= a b) (= <prev> c))")]
    [InlineData("\\\\ a \\\\ \\\\ b \\\\", "(doc a b)")]
    [InlineData("\\begin{gather*} a = 1 \\\\ b = 2 \\end{gather*}", "(doc (= a 1) (= b 2))")]
    [InlineData("\\begin{eqnarray} a &=& b \\\\ &=& c \\end{eqnarray}", "(doc (= a b) (= <prev> c))")]
    [InlineData("\\begin{aligned} a &\\leq b \\\\ &< c \\end{aligned}", "(doc (<= a b) (< <prev> c))")]
    [InlineData("= b", "(doc (= <prev> b))")]
    [InlineData("&\\approx b", "(doc (approx <prev> b))")]
    [InlineData("a = b.", "(doc (= a b))")]
    [InlineData("a = b,", "(doc (= a b))")]
    [InlineData("a = 1, b = 2", "(doc (row (= a 1) (= b 2)))")]
    [InlineData("a = 1, \\quad b = 2", "(doc (row (= a 1) (= b 2)))")]
    [InlineData("a = b \\quad (x > 0)", "(doc (row (= a b) (paren (> x 0))))")]
    [InlineData("a \\quad b", "(doc (* a b))")]
    [InlineData("a = \\int_0^1 x \\quad dx", "(doc (= a (int_0^1 x dx)))")]
    [InlineData("(a \\quad b) = c", "(doc (= (paren (* a b)) c))")]
    [InlineData("a = b \\text{ for all } x > 0", "(doc (row (= a b) (text \"for all\") (> x 0)))")]
    [InlineData("\\begin{align*} \\text{where } a &= b \\end{align*}", "(doc (row (text \"where\") (= a b)))")]
    [InlineData("\\label{eq:kl} a = b \\nonumber \\tag{3}", "(doc (= a b))")]
    [InlineData("a \\, = \\; b \\quad \\! ~", "(doc (= a b))")]
    [InlineData("a = b % a comment \\\\ c", "(doc (= a b))")]
    [InlineData("\\begin{align*} \\end{align*}", "(doc)")]
    [InlineData("", "(doc)")]
    public void Document_structure(string latex, string expected)
    {
        var r = LatexParser.ParseMath(latex);
        Assert.False(r.HasErrors, TestHelpers.Diagnostics(r));
        Assert.Equal(expected, SyntaxPrinter.Print(r.Root));
    }

    [Fact]
    public void Cases_stay_a_node_inside_the_row()
    {
        var r = LatexParser.ParseMath("f(x) = \\begin{cases} x^2 & x \\geq 0 \\\\ -x & x < 0 \\end{cases}");
        Assert.False(r.HasErrors, TestHelpers.Diagnostics(r));
        var cases = TestHelpers.Single<Cases>(r);
        Assert.Equal(2, cases.Rows.Count);
        Assert.Equal("(case (- x) (< x 0))", SyntaxPrinter.Print(cases.Rows[1]));
        Assert.Single(r.Root!.Rows);
    }

    [Fact]
    public void Rows_carry_spans_into_the_original_text()
    {
        var r = LatexParser.ParseMath("a &= b \\\\\n&= c + d");
        Assert.Equal("a &= b", r.GetText(r.Root!.Rows[0].Span));
        Assert.Equal("= c + d", r.GetText(r.Root.Rows[1].Span));
        Assert.Equal(new LinePosition(2, 2), r.GetLinePosition(r.Root.Rows[1].Span.Start));
    }

    [Fact]
    public void Expression_mode_gives_the_single_expression()
    {
        var r = LatexParser.ParseExpression("\\sigma > 0");
        Assert.False(r.HasErrors, TestHelpers.Diagnostics(r));
        Assert.Equal("(> sigma 0)", SyntaxPrinter.Print(r.Expression));
        Assert.Equal("(> sigma 0)", r.ToString());
    }

    [Theory]
    [InlineData("a \\\\ b", "expected a single expression or relation")]
    [InlineData("a = 1, b = 2", "expected a single expression or relation")]
    [InlineData("= b", "expected an expression before '='")]
    [InlineData("", "expected an expression, found the end of the input")]
    public void Expression_mode_rejects_what_is_not_one_expression(string latex, string message)
    {
        var r = LatexParser.ParseExpression(latex);
        Assert.Contains(r.Errors, d => d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Math_mode_has_no_single_expression()
    {
        Assert.Null(LatexParser.ParseMath("a = b").Expression);
    }
}
