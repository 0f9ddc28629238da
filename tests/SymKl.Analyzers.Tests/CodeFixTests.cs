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

    [Fact]
    public async Task ATermOfASumHasNoFix()
    {
        const string source = "using System;\nusing SymKl;\n\npublic static class Code\n{\n    [CheckedAgainst(\"diagonal-normal\")]\n    public static double Kl(double mu1, double sigma1, double mu2, double sigma2) => Math.Log(sigma2 / sigma1);\n}\n";
        var (document, diagnostic) = await DiagnoseAsync(source);
        Assert.Empty(await ActionsAsync(document, diagnostic));
    }

    private static async Task<string> ApplyFixAsync(string source)
    {
        var (document, diagnostic) = await DiagnoseAsync(source);
        var action = Assert.Single(await ActionsAsync(document, diagnostic));
        Assert.Equal("Call the generated NormalNormal", action.Title);
        var operation = Assert.Single(await action.GetOperationsAsync(CancellationToken.None)).As<ApplyChangesOperation>();
        var changed = operation.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync()).ToString();
    }

    private static async Task<(Document Document, Diagnostic Diagnostic)> DiagnoseAsync(string source)
    {
        var workspace = new AdhocWorkspace();
        var compilation = AnalyzerHarness.Compile(source);
        var project = workspace.CurrentSolution
            .AddProject("Consumer", "Consumer", LanguageNames.CSharp)
            .WithCompilationOptions(compilation.Options)
            .WithMetadataReferences(compilation.References);
        foreach (var tree in compilation.SyntaxTrees.Skip(1)) project = project.AddDocument(tree.FilePath, tree.GetText()).Project;
        var document = project.AddDocument("Consumer.cs", SourceText.From(source));
        var withAnalyzer = (await document.Project.GetCompilationAsync())!.WithAnalyzers([new CheckedAgainstAnalyzer()]);
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
}

internal static class OperationExtensions
{
    public static T As<T>(this CodeActionOperation operation) where T : CodeActionOperation => Assert.IsType<T>(operation);
}
