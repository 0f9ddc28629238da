using System.Runtime.CompilerServices;
using System.Text.Json;
using SymKl.Derivations.Markdown;
using SymKl.Derivations.Reports;
using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// A document verified in this process and written as the JSON report <c>symkl verify --format json</c> prints, so
/// semantic tests read the fields users read (verdict, role, reason, counterexample) without starting the command.
/// </summary>
internal static class JsonSteps
{
    /// <summary>The report's first document for a Markdown text.</summary>
    public static JsonElement Document(string markdown, string path = "snippet.md")
    {
        var document = MarkdownReader.Parse(markdown, path);
        var result = DocumentVerifier.Verify(document);
        var report = new VerificationReport([ReportBuilder.Build(result, document.Source, path)]);
        using var json = JsonDocument.Parse(JsonReportWriter.ToString(report));
        return json.RootElement.GetProperty("documents")[0].Clone();
    }

    /// <summary>The report's steps for a Markdown text, in order.</summary>
    public static List<JsonElement> Of(string markdown) => [.. Document(markdown).GetProperty("steps").EnumerateArray()];

    /// <summary>The seed posts, in the shared folder beside the repository; a test that needs them fails and says where they belong.</summary>
    public static string Seed(string name, [CallerFilePath] string self = "")
    {
        var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(self)!, "..", "..", "..", "..", "shared", "seeds"));
        Assert.True(Directory.Exists(folder), "the seed posts are missing: the shared folder (with seeds/) must sit beside the repository, at " + folder);
        return Path.Combine(folder, name);
    }
}
