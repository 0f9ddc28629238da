using SymKl.Derivations.Input;
using SymKl.Derivations.Markdown;
using SymKl.Derivations.Reports;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Verifies every Markdown file under some paths, documents in parallel, reports in path order. A failure of
/// SymKl on one document (a bug) is reported for that document and the others are checked as usual.
/// </summary>
public static class BatchVerifier
{
    /// <summary>
    /// Stack of each verifying thread. Every recursive traversal stops with a catchable error well before the
    /// stack ends (depth budgets, RuntimeHelpers.EnsureSufficientExecutionStack); a roomy stack keeps that limit
    /// far beyond what real documents nest.
    /// </summary>
    private const int StackBytes = 64 << 20;

    /// <param name="progress">
    /// Optional: called with (documents done, documents in all) once before the first document and after each one,
    /// from the verifying threads (so it must be thread-safe and quick); it does not change the report.
    /// </param>
    public static (VerificationReport Report, IReadOnlyList<WalkError> Errors) Verify(IEnumerable<string> paths, VerifyOptions? options = null, string? baseDirectory = null, Action<int, int>? progress = null) =>
        Verify(paths, options, baseDirectory, DocumentVerifier.Verify, progress);

    /// <summary>The batch with another document verifier (tests inject a failing one).</summary>
    internal static (VerificationReport Report, IReadOnlyList<WalkError> Errors) Verify(IEnumerable<string> paths, VerifyOptions? options, string? baseDirectory, Func<DerivationDocument, VerifyOptions?, DocumentResult> verify, Action<int, int>? progress = null)
    {
        var walk = DocumentWalker.Expand(paths);
        var done = 0;
        progress?.Invoke(0, walk.Files.Count);
        var errors = new List<WalkError>(walk.Errors);
        var reports = new DocumentReport?[walk.Files.Count];
        var readErrors = new WalkError?[walk.Files.Count];
        var next = -1;
        void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < walk.Files.Count)
            {
                reports[i] = VerifyOne(walk.Files[i], options, DisplayPath(walk.Files[i], baseDirectory), verify, out readErrors[i]);
                progress?.Invoke(Interlocked.Increment(ref done), walk.Files.Count);
            }
        }
        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(Environment.ProcessorCount, walk.Files.Count)))
            .Select(_ => new Thread(Work, StackBytes) { IsBackground = true, Name = "symkl verify" })
            .ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        errors.AddRange(readErrors.Where(e => e is not null)!);
        return (new VerificationReport([.. reports.Where(r => r is not null)!]), errors);
    }

    /// <summary>One document's report; null with <paramref name="readError"/> when it cannot be read; a report with an error when SymKl fails on it.</summary>
    private static DocumentReport? VerifyOne(string path, VerifyOptions? options, string displayPath, Func<DerivationDocument, VerifyOptions?, DocumentResult> verify, out WalkError? readError)
    {
        readError = null;
        try
        {
            var document = DocumentLoader.TryRead(path, out readError);
            if (document is null) return null;
            var result = verify(document, options);
            return ReportBuilder.Build(result, document.Source, displayPath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            InternalError.Trace(ex);
            return new DocumentReport(displayPath, []) { Error = new ReportError(1, 1, InternalError.Describe(ex)) };
        }
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
