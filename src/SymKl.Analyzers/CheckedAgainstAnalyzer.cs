using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SymKl.Symbolic;

namespace SymKl.Analyzers;

/// <summary>
/// Checks a hand-written method marked <c>[SymKl.CheckedAgainst("normal-normal")]</c> against the derivation's verified
/// closed form: the body is read into the kernel's expressions (<see cref="BodyReader"/>), its parameters matched to
/// the derivation's (<see cref="ParameterMatcher"/>), and equality decided under the derivation's assumptions
/// (<see cref="EqualityCheck"/>). SKA001 when they differ (with a point that separates them), SKA002 when the body
/// cannot be read or the equality decided, SKA003 when the derivation is unknown, unverified or does not match.
/// Methods without the attribute cost a look at their attribute lists.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CheckedAgainstAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The attribute's metadata name (in SymKl.Runtime).</summary>
    public const string AttributeName = "SymKl.CheckedAgainstAttribute";

    /// <summary>The class of the methods generated from the catalog's derivations (in SymKl.Runtime).</summary>
    public const string GeneratedClass = Generators.GeneratorNames.RuntimeNamespace + "." + Generators.GeneratorNames.ClassName;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [AnalyzerDescriptors.CodeDiffers, AnalyzerDescriptors.CannotRead, AnalyzerDescriptors.BadDerivation];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName(AttributeName);
            if (attribute is null) return;
            var files = start.Options.AdditionalFiles;
            start.RegisterSyntaxNodeAction(c => AnalyzeMethod(c, attribute, files), SyntaxKind.MethodDeclaration);
        });
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, INamedTypeSymbol attribute, ImmutableArray<AdditionalText> files)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        // By name first (no binding): only a method with an attribute spelled CheckedAgainst is looked at further.
        if (!syntax.AttributeLists.Any(list => list.Attributes.Any(a => IsCheckedAgainstName(a.Name)))) return;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } method) return;
        var data = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
        if (data is null) return;
        var attributeLocation = data.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? syntax.Identifier.GetLocation();
        void Bad(string message) => context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.BadDerivation, attributeLocation, message));

        var name = data.ConstructorArguments.Length == 1 ? data.ConstructorArguments[0].Value as string : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            Bad("CheckedAgainst needs the name of a derivation (\"normal-normal\") or the path of a Markdown file among the AdditionalFiles");
            return;
        }
        var source = DerivationCatalog.Resolve(name!, files, context.CancellationToken);
        if (source is null)
        {
            Bad("'" + name + "' is neither a derivation of the catalog (" + Suggestions(name!) + ") nor a Markdown file among the project's AdditionalFiles");
            return;
        }
        var derivation = DerivationCatalog.Read(source);
        context.CancellationToken.ThrowIfCancellationRequested();
        if (derivation is null)
        {
            Bad("'" + name + "' has no 'generate:' block in its front matter, so it declares no result to check against");
            return;
        }
        if (derivation.Errors.Count > 0 || derivation.Result is null || derivation.VerifiedLine == 0)
        {
            var first = derivation.Errors.FirstOrDefault();
            Bad("'" + name + "' is not verified" + (derivation.Errors.Count == 0 ? ": no verified step ties the KL to its result" : ": " + first.Id + " at line " + first.Line.ToString(CultureInfo.InvariantCulture) + ": " + first.Message + (derivation.Errors.Count > 1 ? " (and " + (derivation.Errors.Count - 1).ToString(CultureInfo.InvariantCulture) + " more)" : "")));
            return;
        }

        var returnType = method.ReturnType.SpecialType;
        if (returnType is not (SpecialType.System_Double or SpecialType.System_Single))
        {
            context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.CannotRead, syntax.ReturnType.GetLocation(), "'" + method.Name + "' returns " + method.ReturnType.ToDisplayString() + "; the analyzer checks methods that return double or float"));
            return;
        }
        var unreadable = method.Parameters.FirstOrDefault(p => p.Type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64) || p.RefKind is RefKind.Out or RefKind.Ref);
        if (unreadable is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.CannotRead, unreadable.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation(), "the parameter '" + unreadable.Name + "' is " + unreadable.Type.ToDisplayString() + "; the analyzer reads double, float, int and long parameters" + (derivation.IsSum ? " (for a sum over a dimension, write the method for one term)" : "")));
            return;
        }
        var matched = ParameterMatcher.Match(method.Parameters, derivation.Parameters, out var problem);
        if (matched is null)
        {
            Bad("the parameters of '" + method.Name + "' cannot be matched to those of '" + name + "': " + problem);
            return;
        }

        var symbols = new Dictionary<IParameterSymbol, Expr>(SymbolEqualityComparer.Default);
        for (var i = 0; i < matched.Count; i++) symbols[method.Parameters[i]] = matched[i].Symbol;
        Expr body;
        try
        {
            var generated = derivation.IsSum ? null : new BodyReader.GeneratedMethod(GeneratedClassOf(source, context.Compilation) + "." + derivation.Method, [.. derivation.Parameters.Select(p => p.Symbol)], derivation.Result);
            body = BodyReader.Read(syntax, context.SemanticModel, symbols, generated, context.CancellationToken);
        }
        catch (UnreadableBodyException e)
        {
            context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.CannotRead, e.At.GetLocation(), "'" + method.Name + "' is not checked against '" + name + "': the analyzer cannot read " + e.Message));
            return;
        }
        catch (Exception e) when (e is BudgetExceededException or ArgumentException or InvalidOperationException or OverflowException)
        {
            context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.CannotRead, syntax.Identifier.GetLocation(), "'" + method.Name + "' is not checked against '" + name + "': reading its body failed (" + e.Message + ")"));
            return;
        }

        Comparison comparison;
        try
        {
            comparison = EqualityCheck.Decide(body, derivation.Result, derivation.Assumptions, context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            comparison = new Comparison.Undecided("the kernel failed (" + e.GetType().Name + ": " + e.Message + ")");
        }
        switch (comparison)
        {
            case Comparison.Differs d:
                {
                    var byParameter = new Dictionary<string, string>(StringComparer.Ordinal);
                    for (var i = 0; i < matched.Count; i++) byParameter[matched[i].Symbol.Name] = method.Parameters[i].Name;
                    var at = string.Join(", ", d.Point.Where(kv => byParameter.ContainsKey(kv.Key)).OrderBy(kv => Order(matched, kv.Key)).Select(kv => byParameter[kv.Key] + " = " + kv.Value.ToString("R", CultureInfo.InvariantCulture)));
                    var (mine, theirs) = (Format(d.Method), Format(d.Result));
                    if (mine == theirs) (mine, theirs) = (d.Method.ToString("R", CultureInfo.InvariantCulture), d.Result.ToString("R", CultureInfo.InvariantCulture));
                    var message = "'" + method.Name + "' differs from the result of '" + name + "': at " + at + " the method gives " + mine + " and the derivation " + theirs;
                    context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.CodeDiffers, syntax.Identifier.GetLocation(), FixPropertiesOf(method, matched, derivation, GeneratedClassOf(source, context.Compilation)), message));
                    break;
                }
            case Comparison.Undecided u:
                context.ReportDiagnostic(Diagnostic.Create(AnalyzerDescriptors.CannotRead, syntax.Identifier.GetLocation(), "'" + method.Name + "' could not be decided equal or not to the result of '" + name + "': " + u.Reason));
                break;
        }
    }

    private static bool IsCheckedAgainstName(NameSyntax name)
    {
        var simple = name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => "",
        };
        return simple is "CheckedAgainst" or "CheckedAgainstAttribute";
    }

    /// <summary>What the code fix needs to call the generated method: its name and the arguments in its order.</summary>
    /// <summary>
    /// Where the derivation's method is generated: a catalog derivation's in the runtime, a project's own (an AdditionalFile)
    /// in the project's generated class (<see cref="Generators.GeneratorNames.ClassFor"/>).
    /// </summary>
    private static string GeneratedClassOf(DerivationSource source, Compilation compilation) =>
        source.FromCatalog ? GeneratedClass : Generators.GeneratorNames.ClassFor(compilation.AssemblyName);

    private static ImmutableDictionary<string, string?> FixPropertiesOf(IMethodSymbol method, IReadOnlyList<Generators.ResultParameter> matched, Generators.DerivationResult derivation, string generatedClass)
    {
        if (derivation.IsSum) return ImmutableDictionary<string, string?>.Empty;
        var arguments = derivation.Parameters.Select(p => method.Parameters[IndexOf(matched, p)].Name);
        return ImmutableDictionary<string, string?>.Empty
            .Add(FixProperties.Class, generatedClass)
            .Add(FixProperties.Method, derivation.Method)
            .Add(FixProperties.Arguments, string.Join(",", arguments))
            .Add(FixProperties.ReturnType, method.ReturnType.SpecialType == SpecialType.System_Single ? "float" : "double");
    }

    private static int IndexOf(IReadOnlyList<Generators.ResultParameter> matched, Generators.ResultParameter p)
    {
        for (var i = 0; i < matched.Count; i++) if (matched[i].Symbol.Equals(p.Symbol)) return i;
        return -1;
    }

    private static int Order(IReadOnlyList<Generators.ResultParameter> matched, string symbol)
    {
        for (var i = 0; i < matched.Count; i++) if (matched[i].Symbol.Name == symbol) return i;
        return int.MaxValue;
    }

    /// <summary>Up to three catalog names that share the most leading characters with the name given.</summary>
    private static string Suggestions(string name)
    {
        static int Common(string a, string b) { var i = 0; while (i < a.Length && i < b.Length && a[i] == b[i]) i++; return i; }
        var names = DerivationCatalog.Names.OrderByDescending(n => Common(n, name)).ThenBy(n => n, StringComparer.Ordinal).Take(3).ToList();
        return names.Count == 0 ? "it is empty" : "such as " + string.Join(", ", names.Select(n => "\"" + n + "\""));
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
