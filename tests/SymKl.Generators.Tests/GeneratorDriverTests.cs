using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SymKl.Generators.Tests;

/// <summary>The generator driven by <see cref="CSharpGeneratorDriver"/>: emitted source, diagnostics at Markdown lines, caching.</summary>
public sealed class GeneratorDriverTests
{
    private static GeneratorRunResult Run(IEnumerable<AdditionalText> files, out GeneratorDriver driver, out Compilation output, string assemblyName = TestHelpers.AssemblyName)
    {
        driver = TestHelpers.Driver(files).RunGeneratorsAndUpdateCompilation(TestHelpers.NamedCompilation(assemblyName, "namespace Consumer; public static class Anchor { }"), out output, out _);
        return driver.GetRunResult().Results.Single();
    }

    [Fact]
    public void EmittedSourceForNormalNormalMatchesTheSnapshot()
    {
        // The runtime's own code (in SymKl.Runtime.Generated, as the package ships it).
        var path = TestHelpers.Derivation("normal-normal.md");
        var result = Run([TestHelpers.File(path)], out _, out _, "SymKl.Runtime");
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var generated = result.GeneratedSources.Single(s => s.HintName == "KlGenerated.NormalNormal.g.cs").SourceText.ToString().Replace("\r\n", "\n");
        var snapshot = Path.Combine(TestHelpers.RepositoryRoot, "tests", "SymKl.Generators.Tests", "Snapshots", "NormalNormal.cs.txt");
        if (Environment.GetEnvironmentVariable("SYMKL_UPDATE_SNAPSHOTS") == "1") File.WriteAllText(snapshot, generated);
        Assert.True(File.Exists(snapshot), "no snapshot at " + snapshot + " (run with SYMKL_UPDATE_SNAPSHOTS=1 to write it)");
        Assert.Equal(File.ReadAllText(snapshot).Replace("\r\n", "\n"), generated);
    }

    [Fact]
    public void HelpersAndCatalogAreEmittedOnce()
    {
        var result = Run([TestHelpers.File(TestHelpers.Derivation("normal-normal.md")), TestHelpers.File(TestHelpers.Derivation("poisson.md"))], out _, out _);
        var names = result.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(["GeneratedKl.g.cs", "KlGenerated.Catalog.g.cs", "KlGenerated.NormalNormal.g.cs", "KlGenerated.Poisson.g.cs", "KlMath.g.cs"], names);
        var catalog = result.GeneratedSources.Single(s => s.HintName == "KlGenerated.Catalog.g.cs").SourceText.ToString();
        Assert.Contains("new(\"NormalNormal\", new[] { \"mu1\", \"sigma1\", \"mu2\", \"sigma2\" }, \"derivations/normal-normal.md\"", catalog);
    }

    private const string Broken = """
        ---
        title: A broken derivation
        symkl:
          - assume \sigma_1 > 0
          - assume \sigma_2 > 0
        generate:
          method: BrokenNormal
          parameters: [\mu_1, \sigma_1, \mu_2, \sigma_2]
          result: \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac{1}{2}
        ---

        The densities:

        $$
        p(x) = \frac{1}{\sqrt{2\pi\sigma_1^2}} e^{-\frac{(x - \mu_1)^2}{2\sigma_1^2}}, \qquad
        q(x) = \frac{1}{\sqrt{2\pi\sigma_2^2}} e^{-\frac{(x - \mu_2)^2}{2\sigma_2^2}}
        $$

        $$
        \begin{aligned}
        D_{KL}(p \parallel q) &= \int p(x) \left[\log \frac{\sigma_2}{\sigma_1} - \frac{(x - \mu_1)^2}{2\sigma_1^2} + \frac{(x - \mu_2)^2}{2\sigma_2^2}\right] dx \\
        &= \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac{1}{2}
        \end{aligned}
        $$
        """;

    [Fact]
    public void ARefutedStepIsAnErrorAtItsMarkdownLine()
    {
        var path = Path.Combine(Path.GetTempPath(), "symkl-broken", "derivations", "broken.md");
        var result = Run([new InMemoryAdditionalText(path, Broken)], out _, out _);
        var error = Assert.Single(result.Diagnostics, d => d.Id == "SKG001");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        var span = error.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        // Line 22 of the file (0-based 21): the wrong variance term, where its right side starts (after "&= ").
        Assert.Equal(21, span.StartLinePosition.Line);
        Assert.Equal(4 - 1, span.StartLinePosition.Character);
        Assert.Contains("refuted", error.GetMessage(), StringComparison.Ordinal);
        // The failing derivation generates nothing, so the build fails where the mathematics is wrong.
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("BrokenNormal", StringComparison.Ordinal));
    }

    [Fact]
    public void ASecondRunWithNothingChangedHasEveryTrackedStepCached()
    {
        var files = TestHelpers.AllDerivations().Take(4).Select(TestHelpers.File).ToList();
        var compilation = TestHelpers.Compilation("namespace Consumer; public static class Anchor { }");
        var driver = TestHelpers.Driver(files).RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer; public static class Other { }", TestHelpers.ParseOptions)));
        var result = driver.GetRunResult().Results.Single();
        foreach (var name in new[] { KlGenerator.Steps.Read, KlGenerator.Steps.Compile, KlGenerator.Steps.Catalog })
        {
            Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), "step " + name + " was not tracked");
            foreach (var step in steps)
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, name + ": " + reason);
        }
        Assert.Equal(4, result.TrackedSteps[KlGenerator.Steps.Compile].Length);
    }

    [Fact]
    public void EditingOneDerivationRecompilesOnlyThatOne()
    {
        var files = TestHelpers.AllDerivations().Take(3).Select(TestHelpers.File).ToList();
        var compilation = TestHelpers.Compilation("namespace Consumer; public static class Anchor { }");
        var driver = TestHelpers.Driver(files).RunGenerators(compilation);
        var edited = new InMemoryAdditionalText(files[1].Path, files[1].GetText()!.ToString() + "\nOne more sentence of prose.\n");
        driver = driver.ReplaceAdditionalText(files[1], edited).RunGenerators(compilation);
        var compile = driver.GetRunResult().Results.Single().TrackedSteps[KlGenerator.Steps.Compile];
        var reasons = compile.SelectMany(s => s.Outputs.Select(o => o.Reason)).ToList();
        // The edited file is compiled again (its output is Modified, or Unchanged when only prose changed); the others are cached.
        Assert.Equal(2, reasons.Count(r => r == IncrementalStepRunReason.Cached));
        Assert.Single(reasons, r => r is IncrementalStepRunReason.Modified or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void EveryDerivationCompilesWithoutErrorsAndTheGeneratedCodeRuns()
    {
        var files = TestHelpers.AllDerivations().Select(TestHelpers.File).ToList();
        var result = Run(files, out _, out var output);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var assembly = TestHelpers.Load(output);
        var type = assembly.GetType(GeneratorNames.ClassFor(TestHelpers.AssemblyName))!;
        double Call(string name, params double[] args) => (double)type.GetMethod(name, [.. args.Select(_ => typeof(double))])!.Invoke(null, [.. args.Cast<object>()])!;
        Assert.Equal(Math.Log(0.6 / 1.2) + (1.44 + 0.64) / (2 * 0.36) - 0.5, Call("NormalNormal", 0.3, 1.2, -0.5, 0.6), 14);
        Assert.Equal(2 * Math.Log(2.0 / 5) - 2 + 5, Call("Poisson", 2, 5), 14);
        Assert.Equal(double.PositiveInfinity, Call("Uniform", 0, 2, 1, 3));
        Assert.Equal(0.0, Call("Bernoulli", 0.25, 0.25));
    }

    [Theory]
    [InlineData("SymKl.Runtime", "SymKl.Runtime.Generated")]
    [InlineData("MyCompany.Stats", "MyCompany.Stats.Generated")]
    [InlineData("my-app", "my_app.Generated")]
    [InlineData("Tools.2d", "Tools._2d.Generated")]
    [InlineData("App.class", "App.@class.Generated")]
    [InlineData("", "SymKl.Generated")]
    public void TheGeneratedNamespaceIsTheAssemblysOwn(string assemblyName, string expected) =>
        Assert.Equal(expected, GeneratorNames.NamespaceFor(assemblyName));

    [Theory]
    [InlineData("my-app.class")]
    [InlineData("2nd.Kl")]
    public void CodeGeneratedUnderAnAwkwardAssemblyNameCompiles(string assemblyName)
    {
        var compilation = TestHelpers.NamedCompilation(assemblyName, "public static class Anchor { }");
        TestHelpers.Driver([TestHelpers.File(TestHelpers.Derivation("normal-normal.md"))]).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.NotNull(output.GetTypeByMetadataName(GeneratorNames.NamespaceFor(assemblyName).Replace("@", "") + ".KlGenerated"));
    }

    /// <summary>
    /// A project that references SymKl.Runtime (whose build ran the generator) and runs the generator on its own
    /// derivation, as the package makes every consumer do: the two generated classes must not be one name (CS0436, and
    /// the project's class would hide the runtime's methods).
    /// </summary>
    [Fact]
    public void AProjectThatReferencesTheRuntimeGetsItsOwnGeneratedClassBesideTheRuntimes()
    {
        var runtime = TestHelpers.NamedCompilation("SymKl.Runtime", "namespace SymKl.Runtime; public static class Anchor { }");
        TestHelpers.Driver([TestHelpers.File(TestHelpers.Derivation("normal-normal.md"))]).RunGeneratorsAndUpdateCompilation(runtime, out var runtimeOutput, out _);
        using var image = new MemoryStream();
        Assert.True(runtimeOutput.Emit(image).Success);

        var consumer = TestHelpers.NamedCompilation("My.App", """
            namespace My.App;
            public static class Use
            {
                public static double FromTheRuntime() => SymKl.Runtime.Generated.KlGenerated.NormalNormal(0.3, 1.2, -0.5, 0.6);
                public static double FromThisProject() => My.App.Generated.KlGenerated.Poisson(2, 5);
                public static int Catalogs() => SymKl.Runtime.Generated.KlGenerated.Catalog.Count + My.App.Generated.KlGenerated.Catalog.Count;
            }
            """).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        TestHelpers.Driver([TestHelpers.File(TestHelpers.Derivation("poisson.md"))]).RunGeneratorsAndUpdateCompilation(consumer, out var output, out var generatorDiagnostics);
        Assert.DoesNotContain(generatorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.NotNull(output.GetTypeByMetadataName("My.App.Generated.KlGenerated")?.GetMembers("Poisson").FirstOrDefault());
    }

    /// <summary>Distribution types as the runtime has them, for compiling the dispatch in a test.</summary>
    private const string PairTypes = """
        namespace Dists;
        public sealed record Normal(double Mean, double StdDev);
        public sealed record Binomial(int Trials, double Probability);
        public sealed class Categorical(double[] p) { public System.ReadOnlySpan<double> Probabilities => p; }
        """;

    /// <summary>
    /// With the namespace of the pair types set (the runtime sets SymKlPairsNamespace), the derivations' <c>pair:</c>
    /// become one dispatch, KlPairs, whose text is pinned by a snapshot and whose arms call the generated methods.
    /// </summary>
    [Fact]
    public void ThePairsOfTheDerivationsBecomeOneDispatch()
    {
        var files = new[] { "normal-normal.md", "binomial.md", "categorical.md" }.Select(n => TestHelpers.File(TestHelpers.Derivation(n))).ToList();
        var properties = new Dictionary<string, string> { ["SymKlPairsNamespace"] = "Dists" };
        var driver = TestHelpers.Driver(files, buildProperties: properties)
            .RunGeneratorsAndUpdateCompilation(TestHelpers.NamedCompilation("SymKl.Runtime", PairTypes), out var output, out var diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var generated = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "KlPairs.g.cs").SourceText.ToString().Replace("\r\n", "\n");
        var snapshot = Path.Combine(TestHelpers.RepositoryRoot, "tests", "SymKl.Generators.Tests", "Snapshots", "KlPairs.cs.txt");
        if (Environment.GetEnvironmentVariable("SYMKL_UPDATE_SNAPSHOTS") == "1") File.WriteAllText(snapshot, generated);
        Assert.True(File.Exists(snapshot), "no snapshot at " + snapshot + " (run with SYMKL_UPDATE_SNAPSHOTS=1 to write it)");
        Assert.Equal(File.ReadAllText(snapshot).Replace("\r\n", "\n"), generated);

        var assembly = TestHelpers.Load(output);
        var pairs = assembly.GetType("SymKl.Runtime.Generated.KlPairs")!;
        var klGenerated = assembly.GetType("SymKl.Runtime.Generated.KlGenerated")!;
        object New(string type, params object[] args) => Activator.CreateInstance(assembly.GetType("Dists." + type)!, args)!;
        double? Divergence(object p, object q) => (double?)pairs.GetMethod("Divergence")!.Invoke(null, [p, q]);
        var normal = (double)klGenerated.GetMethod("NormalNormal", [typeof(double), typeof(double), typeof(double), typeof(double)])!.Invoke(null, [0.3, 1.2, -0.5, 0.6])!;
        Assert.Equal(normal, Divergence(New("Normal", 0.3, 1.2), New("Normal", -0.5, 0.6)));
        Assert.NotNull(Divergence(New("Binomial", 5, 0.3), New("Binomial", 5, 0.6)));
        Assert.Null(Divergence(New("Binomial", 5, 0.3), New("Binomial", 7, 0.6)));
        Assert.Null(Divergence(New("Normal", 0.3, 1.2), New("Binomial", 5, 0.6)));
        Assert.Equal(0.0, Divergence(New("Categorical", new[] { 0.2, 0.8 }), New("Categorical", new[] { 0.2, 0.8 })));
        Assert.Equal(true, pairs.GetMethod("Covers")!.Invoke(null, [New("Binomial", 5, 0.3), New("Binomial", 7, 0.6)]));
    }

    [Fact]
    public void WithoutTheNamespaceOfThePairTypesNoDispatchIsWritten()
    {
        // A project that copies a derivation with 'pair:' does not get code naming types it may not have.
        var result = Run([TestHelpers.File(TestHelpers.Derivation("normal-normal.md"))], out _, out var output);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == "KlPairs.g.cs");
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
