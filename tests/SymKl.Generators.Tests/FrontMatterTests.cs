using SymKl.Generators.Model;

namespace SymKl.Generators.Tests;

/// <summary>The generate block: emission from the front matter alone, and what a malformed block reports, where.</summary>
public sealed class FrontMatterTests
{
    private static string Doc(string generate, string body = "") => "---\ntitle: T\nsymkl:\n  - assume \\lambda_1 > 0\n  - assume \\lambda_2 > 0\ngenerate:\n" + generate + "---\n\n" + body;

    private static DerivationOutput Compile(string text, bool verify = false) =>
        DerivationCompiler.Compile("/tmp/derivations/t.md", text, verify ? Derivations.DocumentStepVerifier.Instance : null);

    [Fact]
    public void TheFrontMatterAloneIsEnoughToEmitCode()
    {
        var o = Compile(Doc("  method: Exp\n  parameters: [\\lambda_1 as rate1, \\lambda_2 as rate2]\n  result: \\log\\frac{\\lambda_1}{\\lambda_2} + \\frac{\\lambda_2}{\\lambda_1} - 1\n"));
        Assert.True(o.Succeeded, string.Join("\n", o.Messages));
        Assert.Contains("public static double Exp(double rate1, double rate2)", o.Source, StringComparison.Ordinal);
        // u − 1 − log u with u = λ₂/λ₁: the difference is computed as (λ₂ − λ₁)·(1/λ₁), and u itself is passed too.
        Assert.Contains("KlMath.XmLog1p((rate2 - rate1) * t0, rate2 * t0)", o.Source, StringComparison.Ordinal);
        Assert.Equal("derivations/t.md", o.Method!.SourceFile);
    }

    private const string ExpHead = "  method: Exp\n  parameters: [\\lambda_1 as rate1, \\lambda_2 as rate2]\n  result: \\log\\frac{\\lambda_1}{\\lambda_2} + \\frac{\\lambda_2}{\\lambda_1} - 1\n";

    [Fact]
    public void ACarefulFormEqualToTheResultIsTheOneEmitted()
    {
        var o = Compile(Doc(ExpHead + "  careful: \\operatorname{xmlogonep}\\left(\\frac{\\lambda_2 - \\lambda_1}{\\lambda_1}\\right)\n"));
        Assert.True(o.Succeeded, string.Join("\n", o.Messages));
        Assert.Contains(o.Messages, m => m.Id == DerivationCompiler.EmitterNote && m.Message.StartsWith("the derivation's careful form proved equal", StringComparison.Ordinal));
        Assert.Contains("return KlMath.XmLog1p(", o.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  careful: \\operatorname{xmlogonep}\\left(\\frac{\\lambda_1 - \\lambda_2}{\\lambda_1}\\right)\n", "SKG004", "not equal to the result")]
    [InlineData("  careful: \\operatorname{foo}(\\lambda_1)\n", "SKG002", "not one of the careful functions")]
    [InlineData("  careful: \\operatorname{lgbreg}(\\lambda_1)\n", "SKG002", "not one of the careful functions")]
    [InlineData("  careful: \\lambda_1 + x\n", "SKG002", "not in 'parameters'")]
    public void ACarefulFormThatIsWrongOrUnreadableIsAnError(string careful, string id, string words)
    {
        var o = Compile(Doc(ExpHead + careful));
        Assert.Null(o.Source);
        var m = Assert.Single(o.Messages, x => x.Severity == MessageSeverity.Error);
        Assert.Equal(id, m.Id);
        Assert.Contains(words, m.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The generator reads a document's assumptions with the verifier's reader: n \in \mathbb{N} is a positive integer
    /// (its own reader skipped it) and 0 &lt; a &lt; b makes both positive with a before b (it made only a positive).
    /// </summary>
    [Fact]
    public void AssumptionsAreReadAsTheVerifierReadsThem()
    {
        var text = "---\ntitle: T\nsymkl:\n  - assume n \\in \\mathbb{N}\n  - assume 0 < a < b\ngenerate:\n  method: F\n  parameters: [n, a, b]\n  result: n \\log\\frac{b}{a}\n---\n";
        var read = DerivationCompiler.ReadResult("/tmp/derivations/t.md", text, verifier: null);
        Assert.NotNull(read);
        Assert.Empty(read!.Errors);
        Assert.Equal(Symbolic.Domain.PositiveInteger, read.Assumptions.DomainOf(Symbolic.Ex.Sym("n")));
        Assert.Equal(Symbolic.Domain.Positive, read.Assumptions.DomainOf(Symbolic.Ex.Sym("b")));
        Assert.Contains(("a", "b"), read.Assumptions.Orderings);
    }

    [Fact]
    public void AFileWithoutAGenerateBlockIsIgnored()
    {
        var o = Compile("# Notes\n\n$$a = a$$\n");
        Assert.Null(o.Source);
        Assert.Empty(o.Messages);
    }

    [Theory]
    [InlineData("  parameters: [\\lambda_1]\n  result: \\lambda_1\n", "SKG002", 6, "no 'method:'")]
    [InlineData("  method: 1bad\n  parameters: [\\lambda_1]\n  result: \\lambda_1\n", "SKG002", 7, "not a C# identifier")]
    // A keyword or a name the generated class already has would be code that does not compile: a diagnostic instead.
    [InlineData("  method: class\n  parameters: [\\lambda_1]\n  result: \\lambda_1\n", "SKG002", 7, "C# keyword")]
    [InlineData("  method: int\n  parameters: [\\lambda_1]\n  result: \\lambda_1\n", "SKG002", 7, "C# keyword")]
    [InlineData("  method: KlGenerated\n  parameters: [\\lambda_1]\n  result: \\lambda_1\n", "SKG002", 7, "generated class")]
    [InlineData("  method: __Core\n  parameters: [\\lambda_1]\n  result: \\lambda_1\n", "SKG002", 7, "reserved")]
    [InlineData("  method: Kl-Normal\n  parameters: [\\lambda_1]\n  result: \\lambda_1\n", "SKG002", 7, "not a C# identifier")]
    [InlineData("  method: M\n  parameters: [\\lambda_1]\n", "SKG002", 6, "no 'result:'")]
    [InlineData("  method: M\n  result: \\lambda_1\n", "SKG002", 6, "no 'parameters:'")]
    [InlineData("  method: M\n  parameters: [\\lambda_1]\n  result: \\lambda_1 + \\lambda_2\n", "SKG002", 9, "lambda_2")]
    [InlineData("  method: M\n  parameters: [\\lambda_1, \\lambda_1]\n  result: \\lambda_1\n", "SKG002", 8, "twice")]
    [InlineData("  method: M\n  parameters: [x + y]\n  result: x\n", "SKG002", 8, "not a symbol")]
    [InlineData("  method: M\n  parameters: [\\lambda_1 as double]\n  result: \\lambda_1\n", "SKG002", 8, "cannot be a parameter name")]
    [InlineData("  method: M\n  parameters: [\\lambda_1]\n  result: \\frac{\\lambda_1}{\n", "SKG006", 9, "cannot read the result")]
    public void AMalformedBlockIsReportedAtItsLine(string generate, string id, int line, string words)
    {
        var o = Compile(Doc(generate));
        Assert.Null(o.Source);
        var m = Assert.Single(o.Messages, x => x.Severity == MessageSeverity.Error);
        Assert.Equal(id, m.Id);
        Assert.Equal(line, m.Line);
        Assert.Contains(words, m.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResultThatNoVerifiedStepReachesIsAnError()
    {
        var body = "$$\n\\log\\frac{\\lambda_1}{\\lambda_2} = \\log\\lambda_1 - \\log\\lambda_2\n$$\n";
        var o = Compile(Doc("  method: Exp\n  parameters: [\\lambda_1, \\lambda_2]\n  result: \\log\\frac{\\lambda_1}{\\lambda_2} + \\frac{\\lambda_2}{\\lambda_1} - 1\n", body), verify: true);
        Assert.Null(o.Source);
        var m = Assert.Single(o.Messages, x => x.Severity == MessageSeverity.Error);
        Assert.Equal("SKG003", m.Id);
        Assert.Equal(9, m.Line);
    }

    [Fact]
    public void TheVerifiedLineIsCitedInTheDocumentation()
    {
        var body = "$$\n\\log\\frac{\\lambda_1}{\\lambda_2} + \\frac{\\lambda_2 - \\lambda_1}{\\lambda_1} = \\log\\frac{\\lambda_1}{\\lambda_2} + \\frac{\\lambda_2}{\\lambda_1} - 1\n$$\n";
        var o = Compile(Doc("  method: Exp\n  parameters: [\\lambda_1, \\lambda_2]\n  result: \\log\\frac{\\lambda_1}{\\lambda_2} + \\frac{\\lambda_2}{\\lambda_1} - 1\n", body), verify: true);
        Assert.True(o.Succeeded, string.Join("\n", o.Messages));
        Assert.Equal(13, o.Method!.Line);
        Assert.Contains("Generated from <c>derivations/t.md</c>, the closed form verified at line 13.", o.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void APairGivesEachParameterByAMemberOfPOrQ()
    {
        var o = Compile(Doc(ExpHead + "  pair: Exponential(Rate = \\lambda_1) || Exponential(Rate = \\lambda_2)\n"));
        Assert.True(o.Succeeded, string.Join("\n", o.Messages));
        Assert.Equal(new DistributionPair("Exponential", "Exponential", new(["a.Rate", "b.Rate"]), new([])), o.Method!.Pair);
        // A parameter both give must be equal in both: the closed form is for a shared n.
        var shared = Compile(Doc("  method: Bin\n  parameters: [n as trials, \\theta_1 as p1, \\theta_2 as p2]\n  result: n \\theta_1 \\log\\frac{\\theta_1}{\\theta_2}\n"
            + "  pair: Binomial(Trials = n, Probability = \\theta_1) || Binomial(Trials = n, Probability = \\theta_2)\n"));
        Assert.True(shared.Succeeded, string.Join("\n", shared.Messages));
        Assert.Equal(["a.Trials", "a.Probability", "b.Probability"], shared.Method!.Pair!.Arguments);
        Assert.Equal(["a.Trials == b.Trials"], shared.Method.Pair.Guards);
    }

    [Theory]
    [InlineData("  pair: Exponential(Rate = \\lambda_1)\n", "P(Member = symbol, …) || Q(Member = symbol, …)")]
    [InlineData("  pair: Exponential(Rate = \\lambda_1) || Exponential(Scale = \\lambda_3)\n", "is not Member = one of the parameters")]
    [InlineData("  pair: Exponential(Rate = \\lambda_1) || Exponential(2 = \\lambda_2)\n", "is not Member = one of the parameters")]
    [InlineData("  pair: Exponential(Rate = \\lambda_1) || Exponential()\n", "gives no member for \\lambda_2")]
    [InlineData("  pair: Exponential(Rate = \\lambda_1) || Exp onential(Rate = \\lambda_2)\n", "is not a type with its members")]
    public void AMalformedPairIsAnError(string pair, string words)
    {
        var o = Compile(Doc(ExpHead + pair));
        Assert.Null(o.Source);
        var m = Assert.Single(o.Messages, x => x.Severity == MessageSeverity.Error);
        Assert.Equal(DerivationCompiler.BadFrontMatter, m.Id);
        Assert.Contains(words, m.Message, StringComparison.Ordinal);
    }
}
