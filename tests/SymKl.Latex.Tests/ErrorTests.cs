using SymKl.Latex.Syntax;

namespace SymKl.Latex.Tests;

/// <summary>What cannot be read gives a positioned Error that says what was expected; parsing goes on.</summary>
public class ErrorTests
{
    [Theory]
    [InlineData("a +", "expected an expression after '+', found the end of the input", 3, 0)]
    [InlineData("a + * b", "expected an expression after '+', found '*'", 4, 1)]
    [InlineData("a = ", "expected an expression after '=', found the end of the input", 4, 0)]
    [InlineData("a = \\\\ b", "expected an expression after '=', found '\\\\'", 4, 2)]
    [InlineData("\\frac{a}{b", "expected '}' to close the group opened at column 9, found the end of the input", 10, 0)]
    [InlineData("\\frac{a}", "expected '{' after '\\frac' (denominator), found the end of the input", 8, 0)]
    [InlineData("\\left( a + b", "expected '\\right' to close '\\left(' opened at column 1, found the end of the input", 12, 0)]
    [InlineData("(a + b]", "expected ')' to close the group opened at column 1, found ']'", 6, 1)]
    [InlineData("|x", "expected '|' to close the absolute value opened at column 1", 2, 0)]
    [InlineData("x^", "expected a superscript after '^', found the end of the input", 2, 0)]
    [InlineData("x_1_2", "double subscript", 3, 2)]
    [InlineData("\\sqrt", "expected '{' after '\\sqrt', found the end of the input", 5, 0)]
    [InlineData("\\log", "expected an argument after 'log', found the end of the input", 4, 0)]
    [InlineData("\\sum", "expected an expression after '\\sum'", 4, 0)]
    [InlineData("()", "expected an expression inside the brackets opened at column 1", 1, 0)]
    [InlineData("f(x,)", "expected an expression after ',', found ')'", 4, 1)]
    [InlineData("\\end{align}", "unexpected '\\end{align}': no environment is open", 0, 11)]
    [InlineData("a ☃ b", "unexpected character '☃' (U+2603)", 2, 1)]
    [InlineData("\\begin{cases} 1 & x > 0", "expected '\\end{cases}' to close the environment opened at column 1", 23, 0)]
    [InlineData("\\text{abc", "expected '}' to close '\\text{' opened at column 6", 0, 9)]
    [InlineData("\\left( a \\right", "expected a delimiter after '\\right', found the end of the input", 15, 0)]
    [InlineData("a \\mathbf", "expected '{' after '\\mathbf', found the end of the input", 9, 0)]
    [InlineData("x = ((-log(a) - b))) - (c)", "unexpected ')': no bracket is open", 19, 1)]
    public void Errors_say_what_was_expected_and_where(string latex, string message, int start, int length)
    {
        var r = LatexParser.ParseMath(latex);
        var error = r.Errors.FirstOrDefault(d => d.Message.Contains(message, StringComparison.Ordinal));
        Assert.True(error is not null, "no error containing \"" + message + "\" in:\n" + TestHelpers.Diagnostics(r));
        Assert.Equal(new TextSpan(start, length), error!.Span);
    }

    [Theory]
    [InlineData("128:192:96:64 = 4:6:3:2")]
    [InlineData("a : b = c : d")]
    [InlineData("1:2 \\leq 3:4")]
    public void A_ratio_is_not_read_as_clauses(string latex)
    {
        // Read as clauses split at ':' it would claim 64 = 4 (b = c): the relation in the middle is unreadable instead.
        var r = LatexParser.ParseMath(latex);
        var relation = Assert.Single(r.Root!.Rows[0].Items.OfType<Relation>());
        Assert.All(relation.Operands, o => Assert.IsType<ErrorNode>(o));
    }

    [Theory]
    [InlineData("\\forall x: f(x) = 0", "(= (call? f x) 0)")]
    [InlineData("f: x = y", "(= x y)")]
    public void A_colon_before_one_relation_still_separates_clauses(string latex, string printed)
    {
        var r = LatexParser.ParseMath(latex);
        var relation = Assert.Single(r.Root!.Rows[0].Items.OfType<Relation>());
        Assert.Equal(printed, SyntaxPrinter.Print(relation));
    }

    [Fact]
    public void Errors_leave_error_nodes_and_parsing_goes_on_with_the_next_row()
    {
        var r = LatexParser.ParseMath("a = + \\\\ &= c \\\\ x = ((-log(a) - b))) - (c)");
        Assert.True(r.HasErrors);
        Assert.Equal(3, r.Root!.Rows.Count);
        Assert.Contains(r.Root.Rows[0].DescendantsAndSelf(), n => n is ErrorNode);
        Assert.Equal("(= <prev> c)", SyntaxPrinter.Print(r.Root.Rows[1]));
        // the extra ')' in the middle of the last row is ambiguous: an error, and the Error node stays inside
        // the relation's right side, so that step cannot be checked as if the bracket were not there
        var relation = Assert.IsType<Relation>(Assert.Single(r.Root.Rows[2].Items));
        Assert.Contains(relation.Operands[1].DescendantsAndSelf(), n => n is ErrorNode);
        Assert.Equal("(= x (- (* (paren (paren (- (- (log a)) b))) (error)) (paren c)))", SyntaxPrinter.Print(relation));
        Assert.Equal(2, r.Errors.Count());
    }

    [Fact]
    public void Unbalanced_closing_bracket_in_the_middle_of_a_seed_row_is_an_error()
    {
        // expose-on-kl-divergence.md, line 179: one extra ')' mid-row (ambiguous), one at the row end (repaired).
        const string s = "egin{aligned} KL(P||Q) &= ((-log(\\sigma_1) + log(rac{1}{\\sqrt{2\\pi}}) - rac{1}{2}))) - (-log(\\sigma_2) + log(rac{1}{\\sqrt{2\\pi}}) - rac{((\\mu_1 - \\mu_2)^2 + \\sigma_1^2)}{2\\sigma_2^2})) \\ \\\\ &= -log(\\sigma_1) - rac{1}{2} + log(\\sigma_2) + rac{((\\mu_1 - \\mu_2)^2 + \\sigma_1^2)}{2\\sigma_2^2} \\end{aligned}";
        var r = LatexParser.ParseMath(s);
        var error = Assert.Single(r.Errors);
        Assert.Equal(")", r.GetText(error.Span));
        Assert.Equal(s.IndexOf("))) -", StringComparison.Ordinal) + 2, error.Span.Start);
        Assert.Contains(r.Warnings, w => w.Code == DiagnosticCodes.StrayClosingBracket);
        Assert.Equal(2, r.Root!.Rows.Count);
        Assert.DoesNotContain(r.DiagnosticsIn(r.Root.Rows[1].Span), d => d.Severity == Severity.Error);
    }

    [Theory]
    [InlineData("X \\mid N \\sim P(\\lambda)", 0, "X \\mid N")]
    [InlineData("Y \\mid N = N^2 + 1", 0, "Y \\mid N")]
    [InlineData("y = a \\mid b + 1", 1, "a \\mid b + 1")]
    public void A_chain_beside_an_unplaced_token_carries_the_damage_in_its_operand(string s, int operand, string damaged)
    {
        var r = LatexParser.ParseMath(s);
        var relation = r.Root!.Rows.Single().Items.OfType<Relation>().Single();
        var error = Assert.IsType<ErrorNode>(relation.Operands[operand]);
        Assert.Equal(damaged, r.GetText(error.Span));
    }

    [Theory]
    [InlineData("x \\mid y, \\quad a = b")]
    [InlineData("a = b}")]
    public void A_chain_in_its_own_clause_or_before_a_stray_closer_is_whole(string s)
    {
        var r = LatexParser.ParseMath(s);
        var relation = r.Root!.Rows.Single().Items.OfType<Relation>().Single();
        Assert.DoesNotContain(relation.Operands, o => o is ErrorNode);
    }

    [Fact]
    public void Multi_line_input_reports_line_and_column()
    {
        var r = LatexParser.ParseMath("a = b \\\\\n&= \\frac{1}{2");
        var error = Assert.Single(r.Errors);
        Assert.Contains("opened at line 2, column 12", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5000, "{", "}")]
    [InlineData(5000, "(", ")")]
    [InlineData(5000, "\\left(", "\\right)")]
    [InlineData(5000, "x^{", "}")]
    [InlineData(5000, "\\sqrt{", "}")]
    [InlineData(5000, "-", "")]
    [InlineData(5000, "\\frac", "")]
    [InlineData(5000, "\\sqrt", "")]
    [InlineData(5000, "\\log ", "")]
    [InlineData(5000, "|", "")]
    [InlineData(2000, "\\begin{cases}", "")]
    [InlineData(5000, "\\int ", "")]
    public void Pathological_nesting_ends_with_an_error_not_a_stack_overflow(int depth, string open, string close)
    {
        string latex = string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));
        ParseResult? r = null;
        // A small stack (as on a worker thread) must be enough for the nesting budget.
        var thread = new Thread(() => r = LatexParser.ParseMath(latex), 1024 * 1024);
        thread.Start();
        thread.Join();
        var error = Assert.Single(r!.Errors, d => d.Code == DiagnosticCodes.TooDeep);
        Assert.Contains("nested too deeply", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.InternalError);
    }

    [Fact]
    public void Nesting_within_the_budget_is_fine()
    {
        string latex = string.Concat(Enumerable.Repeat("(", 150)) + "x" + string.Concat(Enumerable.Repeat(")", 150));
        ParseResult? r = null;
        var thread = new Thread(() => r = LatexParser.ParseMath(latex), 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.False(r!.HasErrors, TestHelpers.Diagnostics(r));
    }

    [Fact]
    public void Garbage_gives_a_bounded_number_of_diagnostics()
    {
        var r = LatexParser.ParseMath(string.Concat(Enumerable.Repeat("x_1_2_3 ☃ ", 500)));
        Assert.True(r.Diagnostics.Count <= 201);
        Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.TooManyDiagnostics);
    }
}
