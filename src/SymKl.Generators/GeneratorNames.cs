namespace SymKl.Generators;

/// <summary>
/// Where generated code lives: the class <c>KlGenerated</c> in the namespace <c>&lt;assembly name&gt;.Generated</c>, so that
/// the runtime's own methods (<c>SymKl.Runtime.Generated.KlGenerated</c>) and those a project that references the runtime
/// generates from its own derivations are different types (the same name in both would be CS0436 and hide the runtime's).
/// </summary>
public static class GeneratorNames
{
    /// <summary>The namespace of the methods generated into SymKl.Runtime (the package's catalog).</summary>
    public const string RuntimeNamespace = "SymKl.Runtime.Generated";

    public const string ClassName = "KlGenerated";

    /// <summary>The class of the dispatch over pairs of distributions (beside <see cref="ClassName"/>, whose method names may equal type names).</summary>
    public const string PairsClassName = "KlPairs";

    /// <summary>
    /// <c>&lt;assembly name&gt;.Generated</c>, each dotted part made an identifier as the SDK makes a default root namespace
    /// (other characters become '_', a leading digit gets a '_', a keyword an '@'); "SymKl.Generated" without a name.
    /// </summary>
    public static string NamespaceFor(string? assemblyName)
    {
        if (string.IsNullOrWhiteSpace(assemblyName)) return "SymKl.Generated";
        var parts = assemblyName!.Split('.').Select(part =>
        {
            var chars = part.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
            var identifier = chars.Length == 0 ? "_" : new string(chars);
            if (char.IsDigit(identifier[0])) identifier = "_" + identifier;
            return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(identifier) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + identifier : identifier;
        });
        return string.Join(".", parts) + ".Generated";
    }

    /// <summary>The generated class of an assembly, with its namespace.</summary>
    public static string ClassFor(string? assemblyName) => NamespaceFor(assemblyName) + "." + ClassName;
}
