using System.Globalization;

namespace SymKl.Analyzers.Tests;

/// <summary>SKA002 (a body that cannot be read, saying what), SKA003 (unknown, unverified, unmatched) and derivations from AdditionalFiles.</summary>
public class DiagnosticsTests
{
    private const string Usings = "using System;\nusing SymKl;\n\n";

    private static string Class(string members) => Usings + "public static class Code\n{\n" + members + "\n}\n";

    private static string NormalNormalText => File.ReadAllText(Path.Combine(AnalyzerHarness.Root(), "derivations", "normal-normal.md"));

    private static async Task<string> SingleMessage(string marked, params (string, string)[] files)
    {
        var diagnostics = await AnalyzerHarness.VerifyAsync(marked, files);
        return Assert.Single(diagnostics).GetMessage(CultureInfo.InvariantCulture);
    }

    // ------------------------------------------------------------------ SKA002: what cannot be read

    [Fact]
    public async Task ALoopIsNotReadAndTheMessageSaysSo()
    {
        var message = await SingleMessage(Class("""
                [CheckedAgainst("exponential")]
                public static double Kl(double rate1, double rate2)
                {
                    var sum = 0.0;
                    {|SKA002:for (var i = 0; i < 2; i++) sum += rate2 / rate1;|}
                    return Math.Log(rate1 / rate2) + sum / 2 - 1;
                }
            """));
        Assert.Contains("a loop", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallToAnUnknownMethodIsNamed()
    {
        var message = await SingleMessage(Class("""
                static double Ratio(double a, double b) => a / b;

                [CheckedAgainst("exponential")]
                public static double Kl(double rate1, double rate2) => Math.Log(rate1 / rate2) + {|SKA002:Ratio(rate2, rate1)|} - 1;
            """));
        Assert.Contains("Code.Ratio", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntegerDivisionOfVariablesIsNotRead()
    {
        var message = await SingleMessage(Class("""
                [CheckedAgainst("binomial")]
                public static double Kl(int trials, double p1, double p2) => {|SKA002:trials / 2|} * 2 * (p1 * Math.Log(p1 / p2) + (1 - p1) * Math.Log((1 - p1) / (1 - p2)));
            """));
        Assert.Contains("integer division", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConditionWithLogicalOperatorsIsNotReadUnlessItGuards()
    {
        var message = await SingleMessage(Class("""
                [CheckedAgainst("laplace")]
                public static double Kl(double loc1, double scale1, double loc2, double scale2)
                {
                    var d = {|SKA002:loc1 > loc2 && scale1 > 0|} ? loc1 - loc2 : loc2 - loc1;
                    return Math.Log(scale2 / scale1) + d / scale2 + scale1 / scale2 * Math.Exp(-d / scale1) - 1;
                }
            """));
        Assert.Contains("condition", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMethodThatDoesNotReturnANumberIsNotChecked()
    {
        await AnalyzerHarness.VerifyAsync(Class("""
                [CheckedAgainst("exponential")]
                public static {|SKA002:decimal|} Kl(decimal rate1, decimal rate2) => rate2 / rate1 - 1;
            """));
    }

    [Fact]
    public async Task MethodsWithoutTheAttributeAreNotLookedAt()
    {
        await AnalyzerHarness.VerifyAsync(Class("""
                [Obsolete]
                public static double Kl(double rate1, double rate2) { for (;;) { } }
            """));
    }

    // ------------------------------------------------------------------ SKA003: unknown, unverified, unmatched

    [Fact]
    public async Task AnUnknownDerivationIsAnErrorAtTheAttributeWithSuggestions()
    {
        var message = await SingleMessage(Class("""
                [{|SKA003:CheckedAgainst("normal-normol")|}]
                public static double Kl(double mu1, double sigma1, double mu2, double sigma2) => 0;
            """));
        Assert.Contains("\"normal-normal\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADerivationWithARefutedStepIsNotVerified()
    {
        // The third line of the chain loses the 2 of 2σ₁²: the step is refuted, so nothing is checked against it.
        var broken = NormalNormalText.Replace(@"- \frac{\sigma_1^2}{2\sigma_1^2}", @"- \frac{\sigma_1^2}{\sigma_1^2}", StringComparison.Ordinal);
        Assert.NotEqual(NormalNormalText, broken);
        var message = await SingleMessage(Class("""
                [{|SKA003:CheckedAgainst("docs/kl.md")|}]
                public static double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5;
            """), ("/project/docs/kl.md", broken));
        Assert.Contains("not verified", message, StringComparison.Ordinal);
        Assert.Contains("SKG001", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheParameterCountMustMatch()
    {
        var message = await SingleMessage(Class("""
                [{|SKA003:CheckedAgainst("normal-normal")|}]
                public static double Kl(double mu1, double sigma1, double sigma2) => Math.Log(sigma2 / sigma1);
            """));
        Assert.Contains("3 parameters", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamesThatContradictTheOrderAreAnError()
    {
        // sigma1 sits where the derivation has μ₁: by name and by order disagree, and nothing is guessed.
        var message = await SingleMessage(Class("""
                [{|SKA003:CheckedAgainst("normal-normal")|}]
                public static double Kl(double sigma1, double m1, double m2, double s2) => Math.Log(s2 / sigma1);
            """));
        Assert.Contains("sigma1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMarkdownFileWithoutAGenerateBlockDeclaresNoResult()
    {
        await AnalyzerHarness.VerifyAsync(Class("""
                [{|SKA003:CheckedAgainst("notes.md")|}]
                public static double Kl(double x) => x;
            """), ("/project/notes.md", "# Notes\n\n$$a = a$$\n"));
    }

    // ------------------------------------------------------------------ AdditionalFiles, the generated method

    [Fact]
    public async Task ADerivationAmongTheAdditionalFilesIsFoundByItsPath()
    {
        var source = Class("""
                [CheckedAgainst("docs/kl.md")]
                public static double Right(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5;

                [CheckedAgainst("docs/kl.md")]
                public static double {|SKA001:Wrong|}(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2);
            """);
        await AnalyzerHarness.VerifyAsync(source, ("/project/docs/kl.md", NormalNormalText));
    }

    [Fact]
    public async Task ACallToTheGeneratedMethodIsTheResultAndItsArgumentOrderIsChecked()
    {
        const string generated = """
            namespace SymKl.Runtime.Generated
            {
                public static class KlGenerated
                {
                    public static double NormalNormal(double mu1, double sigma1, double mu2, double sigma2) => 0;
                }
            }
            """;
        await AnalyzerHarness.VerifyAsync(Class("""
                [CheckedAgainst("normal-normal")]
                public static double Right(double m1, double s1, double m2, double s2) => SymKl.Runtime.Generated.KlGenerated.NormalNormal(m1, s1, m2, s2);

                [CheckedAgainst("normal-normal")]
                public static double {|SKA001:Swapped|}(double mu1, double sigma1, double mu2, double sigma2) => SymKl.Runtime.Generated.KlGenerated.NormalNormal(mu2, sigma2, mu1, sigma1);
            """) + generated);
    }

    [Fact]
    public async Task ALiteralThatRoundsAConstantIsNeverReportedAsADifference()
    {
        // 0.9189385332046727 is log √(2π) to double precision, not exactly: the difference is real but below what
        // double arithmetic can show, so the analyzer says it cannot decide instead of calling the code wrong.
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(Class("""
                [CheckedAgainst("exponential-normal")]
                public static double Kl(double rate, double mean2, double stdDev2) => Math.Log(rate) - 1 + 0.9189385332046727 + Math.Log(stdDev2) + (2 / (rate * rate) - 2 * mean2 / rate + mean2 * mean2) / (2 * stdDev2 * stdDev2);
            """));
        Assert.DoesNotContain(diagnostics, d => d.Id == "SKA001");
    }
}
