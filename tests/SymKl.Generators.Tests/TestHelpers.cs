using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SymKl.Generators.Tests;

/// <summary>An additional file given to the generator in memory.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

internal static class TestHelpers
{
    /// <summary>The repository root: the first folder above the test binaries that holds derivations/ and SymKl.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !(Directory.Exists(Path.Combine(dir.FullName, "derivations")) && System.IO.File.Exists(Path.Combine(dir.FullName, "SymKl.sln"))))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
        }
    }

    public static string Derivation(string name) => Path.Combine(RepositoryRoot, "derivations", name);

    public static IEnumerable<string> AllDerivations() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot, "derivations"), "*.md")
            .Where(p => !Path.GetFileName(p).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p, StringComparer.Ordinal);

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    /// <summary>The assembly name of <see cref="Compilation"/>: its generated class is <c>SymKl.GeneratedTest.Generated.KlGenerated</c>.</summary>
    public const string AssemblyName = "SymKl.GeneratedTest";

    public static CSharpCompilation Compilation(params string[] sources) => NamedCompilation(AssemblyName, sources);

    public static CSharpCompilation NamedCompilation(string assemblyName, params string[] sources) =>
        CSharpCompilation.Create(assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files, bool track = true, IReadOnlyDictionary<string, string>? buildProperties = null) =>
        CSharpGeneratorDriver.Create(
            [new KlGenerator().AsSourceGenerator()],
            additionalTexts: files,
            parseOptions: ParseOptions,
            optionsProvider: new BuildProperties(buildProperties ?? new Dictionary<string, string>()),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    public static AdditionalText File(string path) => new InMemoryAdditionalText(path, System.IO.File.ReadAllText(path));

    /// <summary>Compiles the compilation (with generated trees) and loads it; fails with the errors otherwise.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(stream.ToArray());
    }
}

/// <summary>MSBuild properties as the compiler shows them to a generator (build_property.Name).</summary>
internal sealed class BuildProperties(IReadOnlyDictionary<string, string> properties) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
{
    private readonly Options _global = new(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _global;

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public static readonly Options Empty = new([]);

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
