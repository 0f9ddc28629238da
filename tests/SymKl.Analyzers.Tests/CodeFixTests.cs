using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SymKl.Analyzers.CodeFixes;

namespace SymKl.Analyzers.Tests;

/// <summary>
/// The code fix for SKA001 in a workspace: the body becomes a call to the generated method with the arguments in its
/// order (a float method casts), and the fixed code compiles and draws no diagnostic.
/// </summary>
public class CodeFixTests
{
    private const string Generated = """

        namespace SymKl.Runtime.Generated
        {
            public static class KlGenerated
            {
                public static double NormalNormal(double mu1, double sigma1, double mu2, double sigma2) => System.Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5;
            }
        }
        """;

    [Theory]
    [InlineData(
        "public static double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (sigma2 * sigma2) - 0.5;",
        "public static double Kl(double mu1, double sigma1, double mu2, double sigma2) => SymKl.Runtime.Generated.KlGenerated.NormalNormal(mu1, sigma1, mu2, sigma2);")]
    [InlineData(
        "public static double Kl(double σ1, double σ2, double μ1, double μ2)\n    {\n        var d = μ1 - μ2;\n        return Math.Log(σ2 / σ1) + (σ1 * σ1 + d * d) / (2 * σ2 * σ2);\n    }",
        "public static double Kl(double σ1, double σ2, double μ1, double μ2) => SymKl.Runtime.Generated.KlGenerated.NormalNormal(μ1, σ1, μ2, σ2);")]
    [InlineData(
        "public static float Kl(float mu1, float sigma1, float mu2, float sigma2) => MathF.Log(sigma1 / sigma2) + (sigma1 * sigma1 + (mu1 - mu2) * (mu1 - mu2)) / (2 * sigma2 * sigma2) - 0.5f;",
        "public static float Kl(float mu1, float sigma1, float mu2, float sigma2) => (float)SymKl.Runtime.Generated.KlGenerated.NormalNormal(mu1, sigma1, mu2, sigma2);")]
    public async Task TheFixCallsTheGeneratedMethod(string method, string expected)
    {
        string Source(string m) => "using System;\nusing SymKl;\n\npublic static class Code\n{\n    [CheckedAgainst(\"normal-normal\")]\n    " + m + "\n}\n" + Generated;
        var fixedText = await ApplyFixAsync(Source(method));
        Assert.Equal(Source(expected).ReplaceLineEndings("\n"), fixedText.ReplaceLineEndings("\n"));
        await AnalyzerHarness.VerifyAsync(fixedText);
    }

    /// <summary>
    /// A catalog derivation's method is the runtime's; a derivation among the project's AdditionalFiles is generated into
    /// the project's own class (<c>&lt;assembly name&gt;.Generated.KlGenerated</c>), and the fix must call that one.
    /// </summary>
    [Fact]
    public async Task TheFixNamesTheClassWhereTheDerivationsMethodIsGenerated()
    {
        var derivation = File.ReadAllText(Path.Combine(AnalyzerHarness.Root(), "derivations", "exponential.md"));
        const string wrong = "public static double Kl(double rate1, double rate2) => Math.Log(rate1 / rate2) + rate2 / rate1;";
        string Source(string name) => "using System;\nusing SymKl;\n\npublic static class Code\n{\n    [CheckedAgainst(\"" + name + "\")]\n    " + wrong + "\n}\n";
        var own = Assert.Single(await AnalyzerHarness.AnalyzeAsync(Source("docs/my-exponential.md"), ("docs/my-exponential.md", derivation)));
        var catalog = Assert.Single(await AnalyzerHarness.AnalyzeAsync(Source("exponential")));
        Assert.Equal(("SKA001", "SKA001"), (own.Id, catalog.Id));
        Assert.Equal("Consumer.Generated.KlGenerated", own.Properties[FixProperties.Class]);
        Assert.Equal("SymKl.Runtime.Generated.KlGenerated", catalog.Properties[FixProperties.Class]);
        var fixedText = await ApplyFixAsync(Source("docs/my-exponential.md"), "Call the generated Exponential", ("docs/my-exponential.md", derivation));
        Assert.Contains("public static double Kl(double rate1, double rate2) => Consumer.Generated.KlGenerated.Exponential(rate1, rate2);", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATermOfASumHasNoFix()
    {
        const string source = "using System;\nusing SymKl;\n\npublic static class Code\n{\n    [CheckedAgainst(\"diagonal-normal\")]\n    public static double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1);\n}\n";
        var (document, diagnostic) = await DiagnoseAsync(source);
        Assert.Empty(await ActionsAsync(document, diagnostic));
    }

    private static async Task<string> ApplyFixAsync(string source, string title = "Call the generated NormalNormal", params (string Path, string Text)[] additionalFiles)
    {
        var (document, diagnostic) = await DiagnoseAsync(source, additionalFiles);
        var action = Assert.Single(await ActionsAsync(document, diagnostic));
        Assert.Equal(title, action.Title);
        var operation = Assert.Single(await action.GetOperationsAsync(CancellationToken.None)).As<ApplyChangesOperation>();
        var changed = operation.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }

    private static async Task<(Document Document, Diagnostic Diagnostic)> DiagnoseAsync(string source, params (string Path, string Text)[] additionalFiles)
    {
        var workspace = new AdhocWorkspace();
        var compilation = AnalyzerHarness.Compile(source);
        var project = workspace.CurrentSolution
            .AddProject("Consumer", "Consumer", LanguageNames.CSharp)
            .WithCompilationOptions(compilation.Options)
            .WithMetadataReferences(compilation.References);
        foreach (var tree in compilation.SyntaxTrees.Skip(1)) project = project.AddDocument(tree.FilePath, tree.GetText()).Project;
        var document = project.AddDocument("Consumer.cs", SourceText.From(source));
        var options = new AnalyzerOptions([.. additionalFiles.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text))]);
        var withAnalyzer = (await document.Project.GetCompilationAsync())!.WithAnalyzers([new CheckedAgainstAnalyzer()], options);
        var diagnostic = Assert.Single(await withAnalyzer.GetAnalyzerDiagnosticsAsync());
        Assert.Equal("SKA001", diagnostic.Id);
        return (document, diagnostic);
    }

    private static async Task<List<CodeAction>> ActionsAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var fix = new CallGeneratedMethodFix();
        Assert.Contains(diagnostic.Id, fix.FixableDiagnosticIds);
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        return actions;
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}

internal static class OperationExtensions
{
    public static T As<T>(this CodeActionOperation operation) where T : CodeActionOperation => Assert.IsType<T>(operation);
}
