using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SymKl.Generators;
using SymKl.Generators.Derivations;
using SymKl.Generators.Model;

namespace SymKl.Analyzers;

/// <summary>A derivation's text and where it comes from.</summary>
internal sealed record DerivationSource(string Name, string Path, string Text, bool FromCatalog);

/// <summary>
/// Finds a derivation by name: a Markdown file among the project's AdditionalFiles whose path ends with the name, or a
/// derivation of the catalog embedded in this assembly (<c>"normal-normal"</c>, <c>"normal-normal.md"</c>,
/// <c>"derivations/normal-normal.md"</c>). Reading and verifying a derivation is done once per text, whatever the
/// compilation, and kept: the same file in the next build costs nothing.
/// </summary>
internal static class DerivationCatalog
{
    private const string ResourcePrefix = "SymKl.Catalog.";

    private static readonly Lazy<ImmutableSortedDictionary<string, string>> Embedded = new(LoadEmbedded);

    /// <summary>The catalog's names ("normal-normal"), sorted.</summary>
    public static IEnumerable<string> Names => Embedded.Value.Keys;

    public static DerivationSource? Resolve(string name, ImmutableArray<AdditionalText> files, CancellationToken cancellation)
    {
        var wanted = name.Trim().Replace('\\', '/');
        if (wanted.Length == 0) return null;
        if (wanted.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var file in files)
            {
                var path = file.Path.Replace('\\', '/');
                if (path.Equals(wanted, StringComparison.Ordinal) || path.EndsWith("/" + wanted.TrimStart('.', '/'), StringComparison.Ordinal))
                {
                    var text = file.GetText(cancellation)?.ToString();
                    if (text is not null) return new DerivationSource(name, file.Path, text, false);
                }
            }
        }
        var stem = wanted;
        if (stem.StartsWith("derivations/", StringComparison.Ordinal)) stem = stem.Substring("derivations/".Length);
        if (stem.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) stem = stem.Substring(0, stem.Length - 3);
        return Embedded.Value.TryGetValue(stem, out var catalog) ? new DerivationSource(name, "derivations/" + stem + ".md", catalog, true) : null;
    }

    /// <summary>Cache of read and verified derivations, by path and text; bounded so that an editing session cannot grow it forever.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<DerivationResult?>> Results = new(StringComparer.Ordinal);

    private const int MaxCached = 256;

    /// <summary>The derivation's result, read and verified once per text (the verifier is not cancelled: its result is shared).</summary>
    public static DerivationResult? Read(DerivationSource source)
    {
        if (Results.Count > MaxCached) Results.Clear();
        var key = source.Path + "\n" + source.Text;
        return Results.GetOrAdd(key, _ => new Lazy<DerivationResult?>(() => ReadOnce(source), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Reads and verifies; a failure of SymKl itself is an error of the derivation's result, never an exception in the compiler.</summary>
    private static DerivationResult? ReadOnce(DerivationSource source)
    {
        try
        {
            return DerivationCompiler.ReadResult(source.Path, source.Text, DocumentStepVerifier.Instance);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var failure = new GeneratorMessage(DerivationCompiler.VerifierFailed, MessageSeverity.Error, "reading the derivation failed: " + e.Message, source.Path, 0, 0, 1, 1, 1, 1);
            return new DerivationResult("", [], null, false, Symbolic.Assumptions.Default, 0, [failure]);
        }
    }

    private static ImmutableSortedDictionary<string, string> LoadEmbedded()
    {
        var assembly = typeof(DerivationCatalog).Assembly;
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".md", StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(resource);
            if (stream is null) continue;
            using var reader = new StreamReader(stream);
            builder[resource.Substring(ResourcePrefix.Length, resource.Length - ResourcePrefix.Length - 3)] = reader.ReadToEnd();
        }
        return builder.ToImmutable();
    }
}
