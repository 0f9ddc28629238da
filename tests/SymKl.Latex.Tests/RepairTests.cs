namespace SymKl.Latex.Tests;

/// <summary>
/// Damaged input (all kinds occur in the seed posts) is repaired only where the intent is unambiguous:
/// the tree is what was meant, and a warning names the repair at the span of the damage.
/// </summary>
public class RepairTests
{
    private static ParseResult AssertRepaired(string latex, string expectedTree, string code, string messagePart, string damagedText)
    {
        var r = LatexParser.ParseMath(latex);
        Assert.False(r.HasErrors, TestHelpers.Diagnostics(r));
        Assert.Equal(expectedTree, TestHelpers.Dump(r));
        var warning = Assert.Single(r.Diagnostics, d => d.Code == code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains(messagePart, warning.Message, StringComparison.Ordinal);
        Assert.Equal(damagedText, r.GetText(warning.Span));
        return r;
    }

    [Fact]
    public void Rac_is_frac_whose_backslash_f_was_eaten()
    {
        AssertRepaired("f(x)=rac{1}{\\sigma\\sqrt{2\\pi}}", "(= (call? f x) (frac 1 (* sigma (sqrt (* 2 pi)))))",
            DiagnosticCodes.RepairedFrac, "repaired 'rac{' to '\\frac{'", "rac");
    }

    [Fact]
    public void Form_feed_before_rac_is_frac()
    {
        AssertRepaired("a + \u000Crac{1}{2}", "(+ a (frac 1 2))", DiagnosticCodes.RepairedFrac, "form feed", "\u000Crac");
    }

    [Fact]
    public void Egin_is_begin()
    {
        var r = AssertRepaired("egin{aligned} a &= b \\\\ &= c \\end{aligned}", "(doc (= a b) (= <prev> c))",
            DiagnosticCodes.RepairedBegin, "repaired 'egin{' to '\\begin{'", "egin");
        Assert.Equal("aligned", r.Root!.Rows[0].Environment);
    }

    [Fact]
    public void Backspace_before_egin_is_begin()
    {
        AssertRepaired("\begin{aligned} a = b \\end{aligned}", "(= a b)", DiagnosticCodes.RepairedBegin, "backspace", "\begin");
    }

    [Fact]
    public void Other_commands_hit_by_control_characters()
    {
        // "\theta" and "\times" written into a C-like string literal: tab + "heta", tab + "imes".
        var r = LatexParser.ParseMath("\theta + 2 \times x");
        Assert.False(r.HasErrors, TestHelpers.Diagnostics(r));
        Assert.Equal("(+ theta (mul 2 x))", TestHelpers.Dump(r));
        Assert.Equal(new[] { "\theta", "\times" }, r.Diagnostics.Select(d => r.GetText(d.Span)));
        Assert.All(r.Diagnostics, d => Assert.Equal(DiagnosticCodes.RepairedControlCharacter, d.Code));
        Assert.Contains("tab", r.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_end_is_accepted()
    {
        AssertRepaired("\\begin{align} a &= b \\\\ &= c \\end{split}", "(doc (= a b) (= <prev> c))",
            DiagnosticCodes.MismatchedEnd, "accepted '\\end{split}' as the end of '\\begin{align}'", "\\end{split}");
    }

    [Fact]
    public void Exponent_sign_outside_the_braces()
    {
        AssertRepaired("e^-{\\frac{(z - \\mu)^2}{2 \\sigma^2}}", "(^ e (- (frac (^ (paren (- z mu)) 2) (* 2 (^ sigma 2)))))",
            DiagnosticCodes.ExponentSignOutsideBraces, "to '^{-\\frac{(z - \\mu)^2}{2 \\sigma^2}}'", "^-{\\frac{(z - \\mu)^2}{2 \\sigma^2}}");
    }

    [Theory]
    [InlineData("\\mathbf{A} \\mathbf{A}^+ \\mathbf{A}")]
    [InlineData("P_k^- H_k^T")]
    [InlineData("A^+ b")]
    public void A_sign_followed_by_a_space_is_the_whole_superscript(string latex)
    {
        // Was: A^+ \mathbf{A} read as A^{+A} (the pseudoinverse times A taken as a power), as the e^-x repair does.
        var r = LatexParser.ParseMath(latex);
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.ExponentSignOutsideBraces);
        Assert.DoesNotContain(TestHelpers.Nodes(r).OfType<SymKl.Latex.Syntax.Unary>(), u => u.Span.Start > 0);
    }

    [Fact]
    public void Bare_exponent_sign()
    {
        AssertRepaired("e^-x", "(^ e (- x))", DiagnosticCodes.ExponentSignOutsideBraces, "repaired '^-x' to '^{-x}'", "^-x");
        AssertRepaired("10^-9", "(^ 10 (- 9))", DiagnosticCodes.ExponentSignOutsideBraces, "'^{-9}'", "^-9");
    }

    [Fact]
    public void Control_space_before_an_alignment_mark_is_a_row_break()
    {
        var r = AssertRepaired("\\begin{align} &= a + b \\ &= c \\end{align}", "(doc (= <prev> (+ a b)) (= <prev> c))",
            DiagnosticCodes.SpaceAsRowBreak, "repaired '\\ ' before '&' to a row break", "\\ ");
        Assert.Equal(2, r.Root!.Rows.Count);
    }

    [Fact]
    public void Control_space_before_a_real_row_break_is_only_spacing()
    {
        var r = LatexParser.ParseMath("\\begin{aligned} a &= b \\ \\\\ &= c \\end{aligned}");
        Assert.Empty(r.Diagnostics);
        Assert.Equal("(doc (= a b) (= <prev> c))", SyntaxPrinter.Print(r.Root));
    }

    [Fact]
    public void Control_space_outside_align_is_only_spacing()
    {
        var r = LatexParser.ParseMath("\\theta^* = \\underset{\\theta}{argmin} \\ D(P)");
        Assert.Empty(r.Diagnostics);
        Assert.Equal("(= theta^* (argmin_theta (call? D P)))", TestHelpers.Dump(r));
    }

    [Fact]
    public void Extra_closing_bracket_before_the_differential()
    {
        AssertRepaired("= \\int p(x)*(-log(\\sigma_1) - \\frac{(x-\\mu_1)^2}{2\\sigma_1^2}))dx",
            "(= <prev> (int (mul (call? p x) (paren (- (- (log sigma_1)) (frac (^ (paren (- x mu_1)) 2) (* 2 (^ sigma_1 2)))))) dx))",
            DiagnosticCodes.StrayClosingBracket, "removed unmatched ')' before the differential", ")");
    }

    [Fact]
    public void Extra_closing_bracket_at_the_end_of_a_row()
    {
        var r = AssertRepaired("&= (-log(\\sigma_1) - \\frac{1}{2})) \\\\ &= 1", "(doc (= <prev> (paren (- (- (log sigma_1)) (frac 1 2)))) (= <prev> 1))",
            DiagnosticCodes.StrayClosingBracket, "removed unmatched ')' at the end of the row", ")");
        Assert.Equal(r.Text.IndexOf(")) ", StringComparison.Ordinal) + 1, r.Diagnostics.Single().Span.Start);
    }

    [Fact]
    public void Extra_closing_bracket_at_the_end_of_a_group()
    {
        AssertRepaired("\\frac{(a+b))}{c}", "(frac (paren (+ a b)) c)", DiagnosticCodes.StrayClosingBracket,
            "removed unmatched ')' at the end of the group", ")");
    }

    [Fact]
    public void Missing_closing_bracket_at_the_end_of_the_row()
    {
        var r = AssertRepaired("\\frac{1}{2}(1 + \\log\\sigma^2 - \\mu^2", "(* (frac 1 2) (paren (- (+ 1 (log (^ sigma 2))) (^ mu 2))))",
            DiagnosticCodes.MissingClosingBracket, "inserted missing ')' at the end of the row to close the '(' opened at column 12", "");
        Assert.Equal(r.Text.Length, r.Diagnostics.Single().Span.Start);
    }

    [Fact]
    public void Mojibake_integral_sign()
    {
        AssertRepaired("D_{KL}(P || Q) = âˆ« p(x)  log\\left(\\frac{p(x)}{q_\\theta(x)}\\right) dx",
            "(= (call D_KL P || Q) (int (* (call? p x) (log (frac (call? p x) (call q_theta x)))) dx))",
            DiagnosticCodes.Mojibake, "repaired mojibake 'âˆ«' to '∫'", "âˆ«");
    }

    [Fact]
    public void Mojibake_in_text_is_repaired_in_the_text_node()
    {
        var r = LatexParser.ParseMath("a = b \\text{ (Kullbackâ€“Leibler) }");
        var text = TestHelpers.Single<SymKl.Latex.Syntax.Text>(r);
        Assert.Equal(" (Kullback–Leibler) ", text.Content);
        var w = Assert.Single(r.Diagnostics);
        Assert.Equal(DiagnosticCodes.Mojibake, w.Code);
        Assert.Equal("â€“", r.GetText(w.Span));
    }

    [Fact]
    public void Mojibake_of_other_math_characters()
    {
        AssertRepaired("a â‰¤ b", "(<= a b)", DiagnosticCodes.Mojibake, "'â‰¤' to '≤'", "â‰¤");
        AssertRepaired("Ïƒ^2", "(^ sigma 2)", DiagnosticCodes.Mojibake, "'Ïƒ' to 'σ'", "Ïƒ");
    }

    [Fact]
    public void Unicode_math_needs_no_repair()
    {
        var r = LatexParser.ParseMath("∫ σ^2 − π · x × y dx ≤ ∞");
        Assert.Empty(r.Diagnostics);
        Assert.Equal("(<= (int (- (^ sigma 2) (mul (mul pi x) y)) dx) inf)", TestHelpers.Dump(r));
    }

    [Fact]
    public void En_dash_is_read_as_minus_with_a_warning()
    {
        AssertRepaired("a – b", "(- a b)", DiagnosticCodes.DashAsMinus, "read the dash '–' as a minus sign", "–");
    }

    [Fact]
    public void Glued_function_name()
    {
        AssertRepaired("logx", "(log x)", DiagnosticCodes.GluedFunctionName, "read 'logx' as 'log x'", "logx");
    }

    [Fact]
    public void Missing_backslash_before_frac()
    {
        AssertRepaired("frac{1}{2}", "(frac 1 2)", DiagnosticCodes.MissingBackslash, "repaired 'frac{' to '\\frac{'", "frac");
    }

    [Fact]
    public void Missing_differential_is_recorded_with_a_warning()
    {
        var r = AssertRepaired("\\int q(z) \\log \\frac{q(z)}{p(z)}", "(int (* (call? q z) (log (frac (call? q z) (call? p z)))) d?)",
            DiagnosticCodes.MissingDifferential, "missing differential", "\\int");
        Assert.True(TestHelpers.Single<SymKl.Latex.Syntax.Integral>(r).MissingDifferential);
    }

    [Theory]
    // With no differential anywhere, a '+' or '−' at the top level ends the integrand: two integrals, not one of a sum.
    [InlineData("\\int f(x) + \\frac{1}{2} \\int g(x)", 2, "+")]
    [InlineData("\\int_0^1 x^2 - \\int_0^1 x", 2, "-")]
    // A differential after the sum keeps the whole sum as the integrand.
    [InlineData("\\int f(x) + g(x) \\, dx", 1, null)]
    public void An_integral_without_a_differential_ends_at_a_sum_sign(string latex, int integrals, string? topLevel)
    {
        var r = LatexParser.ParseMath(latex);
        Assert.Equal(integrals, TestHelpers.Nodes(r).OfType<SymKl.Latex.Syntax.Integral>().Count());
        var root = r.Root!.Rows[0].Items[0];
        if (topLevel is null) Assert.IsType<SymKl.Latex.Syntax.Integral>(root);
        else Assert.Equal(topLevel, Assert.IsType<SymKl.Latex.Syntax.Binary>(root).Token);
    }

    [Fact]
    public void Multi_character_script_reads_as_TeX_does_with_a_warning()
    {
        AssertRepaired("x^10", "(* (^ x 1) 0)", DiagnosticCodes.ScriptTakesOneToken, "'^10' reads as '^1' followed by '0'", "^10");
    }

    [Fact]
    public void Unclosed_environment_is_closed_at_the_end()
    {
        AssertRepaired("\\begin{align*} a &= b", "(= a b)", DiagnosticCodes.UnclosedEnvironment, "missing '\\end{align*}'", "\\begin{align*}");
    }

    [Fact]
    public void Seed_line_with_every_damage_at_once()
    {
        // expose-on-kl-divergence.md, line 175: egin, rac, '\ ' as row break, extra ')' at row ends, \end{split} for align.
        const string s = "egin{align} &= \\int p(x)*(-log(\\sigma_2) + log(rac{1}{\\sqrt{2\\pi}}) - rac{(x^2 + \\mu_2^2 - 2x\\mu_2)}{2\\sigma_2^2})dx \\ &= -log(\\sigma_2) + log(rac{1}{\\sqrt{2\\pi}}) - rac{(\\mu_1^2 + \\sigma_1^2 + \\mu_2^2 - 2\\mu_1\\mu_2)}{2\\sigma_2^2}) \\ &= -log(\\sigma_2) + log(rac{1}{\\sqrt{2\\pi}}) - rac{((\\mu_1 - \\mu_2)^2 + \\sigma_1^2)}{2\\sigma_2^2}) \\ \\end{split}";
        var r = LatexParser.ParseMath(s);
        Assert.False(r.HasErrors, TestHelpers.Diagnostics(r));
        Assert.Equal(3, r.Root!.Rows.Count);
        var codes = r.Diagnostics.Select(d => d.Code).ToList();
        Assert.Equal(1, codes.Count(c => c == DiagnosticCodes.RepairedBegin));
        Assert.Equal(6, codes.Count(c => c == DiagnosticCodes.RepairedFrac));
        Assert.Equal(2, codes.Count(c => c == DiagnosticCodes.SpaceAsRowBreak));
        Assert.Equal(2, codes.Count(c => c == DiagnosticCodes.StrayClosingBracket));
        Assert.Equal(1, codes.Count(c => c == DiagnosticCodes.MismatchedEnd));
        Assert.Equal("(= <prev> (- (+ (- (log sigma_2)) (log (frac 1 (sqrt (* 2 pi))))) (frac (paren (+ (^ (paren (- mu_1 mu_2)) 2) (^ sigma_1 2))) (* 2 (^ sigma_2 2)))))",
            SyntaxPrinter.Print(r.Root.Rows[2].Items[0]));
    }
}
