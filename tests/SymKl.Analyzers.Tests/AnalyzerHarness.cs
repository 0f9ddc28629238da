using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SymKl.Analyzers.Tests;

/// <summary>
/// The Roslyn analyzer-test pattern, in memory: a compilation of the test's source (with the runtime's real
/// <c>CheckedAgainstAttribute</c> source and .NET 10 reference assemblies), the analyzer run over it, and the
/// diagnostics compared with the spans marked in the source as <c>{|SKA001:Kl|}</c>.
/// </summary>
internal static partial class AnalyzerHarness
{
    public static string Root([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    private static readonly Lazy<string> AttributeSource = new(() => File.ReadAllText(Path.Combine(Root(), "src", "SymKl.Runtime", "CheckedAgainstAttribute.cs")));

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(MathNet.Numerics.SpecialFunctions).Assembly.Location),
    ];

    /// <summary>A diagnostic expected at a marked span.</summary>
    public sealed record Expected(string Id, TextSpan Span);

    /// <summary>The source without its markup, and the diagnostics the markup expects.</summary>
    public static (string Source, IReadOnlyList<Expected> Expected) ParseMarkup(string marked)
    {
        var expected = new List<Expected>();
        var sb = new StringBuilder();
        var i = 0;
        while (i < marked.Length)
        {
            if (string.CompareOrdinal(marked, i, "{|", 0, 2) == 0)
            {
                var colon = marked.IndexOf(':', i);
                var id = marked.Substring(i + 2, colon - i - 2);
                var close = marked.IndexOf("|}", colon, StringComparison.Ordinal);
                var text = marked.Substring(colon + 1, close - colon - 1);
                expected.Add(new Expected(id, new TextSpan(sb.Length, text.Length)));
                sb.Append(text);
                i = close + 2;
                continue;
            }
            sb.Append(marked[i++]);
        }
        return (sb.ToString(), expected);
    }

    public static CSharpCompilation Compile(string source) =>
        CSharpCompilation.Create("Consumer",
            [
                CSharpSyntaxTree.ParseText(source, path: "Consumer.cs"),
                CSharpSyntaxTree.ParseText(AttributeSource.Value, path: "CheckedAgainstAttribute.cs"),
                // The runtime builds with implicit usings.
                CSharpSyntaxTree.ParseText("global using System;", path: "Usings.cs"),
            ],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The analyzer's diagnostics on the source (which must compile without errors).</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source, params (string Path, string Text)[] additionalFiles)
    {
        var compilation = Compile(source);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the test source does not compile: " + string.Join("; ", errors));
        var options = new AnalyzerOptions([.. additionalFiles.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text))]);
        var withAnalyzers = compilation.WithAnalyzers([new CheckedAgainstAnalyzer()], options);
        return await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>Runs the analyzer on marked source and asserts exactly the marked diagnostics (id and span).</summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string marked, params (string Path, string Text)[] additionalFiles)
    {
        var (source, expected) = ParseMarkup(marked);
        var actual = await AnalyzeAsync(source, additionalFiles);
        var got = actual.Select(d => new Expected(d.Id, d.Location.SourceSpan)).OrderBy(e => e.Span.Start).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var want = expected.OrderBy(e => e.Span.Start).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        Assert.True(want.SequenceEqual(got), "expected " + Show(want, source) + "\nbut got " + string.Join("\n  ", actual.Select(d => d.Id + " " + Show(d.Location.SourceSpan, source) + ": " + d.GetMessage(CultureInfo.InvariantCulture))));
        return actual;
    }

    private static string Show(IEnumerable<Expected> list, string source) => "[" + string.Join(", ", list.Select(e => e.Id + " " + Show(e.Span, source))) + "]";

    private static string Show(TextSpan span, string source) => "'" + source.Substring(span.Start, Math.Min(span.Length, source.Length - span.Start)) + "'@" + span.Start.ToString(CultureInfo.InvariantCulture);

    /// <summary>The compiled test source, to run its methods.</summary>
    public static Assembly Load(string source)
    {
        using var stream = new MemoryStream();
        var result = Compile(source).Emit(stream);
        Assert.True(result.Success, string.Join("; ", result.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }

    /// <summary>The point and both values of an SKA001 message.</summary>
    public static (Dictionary<string, double> Point, double Method, double Derivation) ParseCounterexample(string message)
    {
        var m = CounterexampleMessage().Match(message);
        Assert.True(m.Success, "not a counterexample: " + message);
        var point = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in m.Groups["point"].Value.Split(", "))
        {
            var parts = pair.Split(" = ");
            point[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        return (point, double.Parse(m.Groups["method"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["derivation"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"at (?<point>.+) the method gives (?<method>\S+) and the derivation (?<derivation>\S+)$")]
    private static partial Regex CounterexampleMessage();

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
    }
}
