using SymKl.Derivations.Input;
using SymKl.Derivations.Reports;

namespace SymKl.Derivations.Verification;

/// <summary>Verifies every Markdown file under some paths, documents in parallel, reports in path order.</summary>
public static class BatchVerifier
{
    public static (VerificationReport Report, IReadOnlyList<WalkError> Errors) Verify(IEnumerable<string> paths, VerifyOptions? options = null, string? baseDirectory = null)
    {
        var walk = DocumentWalker.Expand(paths);
        var errors = new List<WalkError>(walk.Errors);
        var reports = new DocumentReport?[walk.Files.Count];
        var readErrors = new WalkError?[walk.Files.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, walk.Files.Count, parallel, i =>
        {
            var path = walk.Files[i];
            var document = DocumentLoader.TryRead(path, out var error);
            if (document is null) { readErrors[i] = error; return; }
            var result = DocumentVerifier.Verify(document, options);
            reports[i] = ReportBuilder.Build(result, document.Source, DisplayPath(path, baseDirectory));
        });
        errors.AddRange(readErrors.Where(e => e is not null)!);
        return (new VerificationReport([.. reports.Where(r => r is not null)!]), errors);
    }

    /// <summary>Paths relative to the working folder when below it, with '/' separators, as CI annotations want.</summary>
    public static string DisplayPath(string path, string? baseDirectory)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory());
        if (!root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)) root += Path.DirectorySeparatorChar;
        var shown = full.StartsWith(root, StringComparison.Ordinal) ? full.Substring(root.Length) : full;
        return shown.Replace('\\', '/');
    }
}
