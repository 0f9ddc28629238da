using System.Diagnostics;
using SymKl.Latex.Syntax;

namespace SymKl.Latex.Tests;

/// <summary>Random LaTeX-ish strings never throw, never hit the internal-error guard, and parse quickly.</summary>
public class FuzzTests
{
    private static readonly string[] Pieces =
    {
        "x", "y", "ab", "dx", "d", "e", "2", "0.5", "10", " ", " ", "+", "-", "*", "/", "=", "<", ">", "!", "'", "^", "_",
        "(", ")", "[", "]", "{", "}", "|", "||", ",", ";", ":", ".", "&", "&=", "\\\\", "\\ ", "\\,", "~", "%",
        "\\frac", "\\sqrt", "\\left(", "\\right)", "\\left.", "\\right|", "\\left\\{", "\\{", "\\}", "\\|",
        "\\int", "\\sum", "\\prod", "\\log", "log", "\\ln", "\\exp", "\\mathbb{E}", "E", "\\mathbf{x}", "\\mathrm{d}",
        "\\mathcal", "\\sigma", "\\mu_1", "\\theta^*", "\\pi", "\\infty", "\\cdot", "\\times", "\\neq", "\\not", "\\leq",
        "\\sim", "\\in", "\\underset", "\\arg\\min", "argmin", "\\operatorname", "\\text{ for }", "\\text{", "\\quad",
        "\\begin{align}", "\\end{align}", "\\begin{cases}", "\\end{cases}", "\\end{split}", "egin{aligned}", "rac{",
        "\u000C", "\u0008", "\t", "\n", "∫", "−", "σ", "â", "âˆ«", "Ã", "☃", "\\", "\\foo", "KL", "Cross Entropy", "\\overset",
        "\\hat", "\\binom", "\\big(", "\\lim_", "\\max", "\\over", "\\mid", "\\parallel", "\\label{x}", "\\tag", "$",
    };

    private static string RandomLatex(Random random)
    {
        int n = random.Next(1, 40);
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < n; i++) sb.Append(Pieces[random.Next(Pieces.Length)]);
        return sb.ToString();
    }

    [Fact]
    public void Random_strings_never_throw_and_finish_quickly()
    {
        var random = new Random(20240611);
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 2000; i++)
        {
            string latex = RandomLatex(random);
            var math = LatexParser.ParseMath(latex);
            var expression = LatexParser.ParseExpression(latex);
            foreach (var r in new[] { math, expression })
            {
                Assert.True(r.Root is not null, latex);
                Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.InternalError);
                foreach (var d in r.Diagnostics)
                {
                    Assert.True(d.Span.Start >= 0 && d.Span.End <= latex.Length, "diagnostic outside the input: " + d + " in " + latex);
                    Assert.False(string.IsNullOrWhiteSpace(d.Message));
                }
                foreach (var node in r.Root!.DescendantsAndSelf())
                {
                    Assert.True(node.Span.Start >= 0 && node.Span.End <= latex.Length, "node outside the input: " + node.GetType().Name + " in " + latex);
                }
                _ = SyntaxPrinter.Print(r.Root);
                // An error node always comes with an error diagnostic.
                if (r.Root.DescendantsAndSelf().Any(n => n is ErrorNode)) Assert.True(r.HasErrors, latex);
            }
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "fuzz took " + watch.Elapsed);
    }

    [Fact]
    public void Random_printable_unicode_never_throws()
    {
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            var chars = new char[random.Next(1, 30)];
            for (int k = 0; k < chars.Length; k++) chars[k] = (char)random.Next(1, 0x3000);
            var r = LatexParser.ParseMath(new string(chars));
            Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.InternalError);
        }
    }
}
