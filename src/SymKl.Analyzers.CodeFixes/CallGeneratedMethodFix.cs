using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using SymKl.Latex;

namespace SymKl.Analyzers.CodeFixes;

/// <summary>
/// For SKA001: replaces the hand-written body with a call to the method generated from the derivation
/// (<c>=&gt; SymKl.Runtime.Generated.KlGenerated.NormalNormal(mu1, sigma1, mu2, sigma2);</c>), arguments in the
/// generated method's order, cast back to float for a float method.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CallGeneratedMethodFix)), Shared]
public sealed class CallGeneratedMethodFix : CodeFixProvider
{
    /// <summary>The namespace and class of the methods generated from the catalog's derivations (when the diagnostic does not name one).</summary>
    public const string GeneratedClass = "SymKl.Runtime.Generated.KlGenerated";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticCodes.AnalyzerCodeDiffers];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperties.Method, out var method) || method is null) continue;
            if (!diagnostic.Properties.TryGetValue(FixProperties.Arguments, out var arguments) || arguments is null) continue;
            var isFloat = diagnostic.Properties.TryGetValue(FixProperties.ReturnType, out var type) && type == "float";
            var generatedClass = diagnostic.Properties.TryGetValue(FixProperties.Class, out var named) && named is not null ? named : GeneratedClass;
            if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } declaration) continue;
            var title = "Call the generated " + method;
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, WithCall(declaration, generatedClass, method, arguments, isFloat)))), equivalenceKey: nameof(CallGeneratedMethodFix)),
                diagnostic);
        }
    }

    /// <summary>The declaration with its body replaced by <c>=&gt; KlGenerated.Method(arguments);</c>.</summary>
    internal static MethodDeclarationSyntax WithCall(MethodDeclarationSyntax declaration, string generatedClass, string method, string arguments, bool isFloat)
    {
        var call = generatedClass + "." + method + "(" + string.Join(", ", arguments.Split(',')) + ")";
        var expression = SyntaxFactory.ParseExpression(isFloat ? "(float)" + call : call).WithAdditionalAnnotations(Simplifier.Annotation);
        return declaration
            .WithBody(null)
            .WithExpressionBody(SyntaxFactory.ArrowExpressionClause(expression))
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
