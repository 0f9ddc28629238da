namespace SymKl.Latex.Tests;

/// <summary>
/// Three readings of posts written for Markdown: an evaluation bar with no \left. (F|_a^b), an \underbrace label escaped as
/// \_ and a brace that opens with a sign (the next term), and a product closed by its bracketed operand.
/// </summary>
public class EvaluationBarsAndBraceTermsTests
{
    [Theory]
    [InlineData(@"t^2 \Big|_0^1", "(^ (_ (group none/bar (^ t 2)) 0) 1)")]
    [InlineData(@"\frac{t^2}{2} - t \bigg\vert_a^b", "(^ (_ (group none/bar (- (frac (^ t 2) 2) t)) a) b)")]
    [InlineData(@"x y \right|_{x=0}^{2}", "(^ (_ (group none/bar (* x y)) (= x 0)) 2)")]
    [InlineData(@"\left. x y \right|_{x=0}^{2}", "(^ (_ (group none/bar (* x y)) (= x 0)) 2)")]
    [InlineData(@"\int_y^\mu (y - t) dt = -\frac12 (y - t)^2 \big\rvert_y^\mu", "(= t y)) mu)")]
    [InlineData(@"a - b = \underbrace{a}\_{A} \underbrace{- b}\_{B}", "(= (- a b) (- a b))")]
    [InlineData(@"x \cdot \underbrace{- y}\_{L}", "(mul x (- y))")]
    [InlineData(@"\prod_{i=1}^n \left[ a_i \right] c", "(* (prod_(= i 1)^n (square a_i)) c)")]
    [InlineData(@"\prod_{i=1}^n \left[ a_i \right] b_i", "(prod_(= i 1)^n (* (square a_i) b_i))")]
    public void Parses_to_a_tree_with(string latex, string expected)
    {
        var result = LatexParser.ParseMath(latex);
        Assert.False(result.HasErrors, TestHelpers.Diagnostics(result));
        Assert.Contains(expected, TestHelpers.Dump(result));
    }

    [Theory]
    [InlineData(@"|x|_a^b")]
    [InlineData(@"\left| x \right|_a^b")]
    [InlineData(@"(x - t)^2 \Big|_{x=0}")]
    public void Other_bars_are_not_evaluations(string latex)
    {
        var result = LatexParser.ParseMath(latex);
        Assert.DoesNotContain("group none/bar", TestHelpers.Dump(result));
    }
}
