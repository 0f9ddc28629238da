using System.Runtime.CompilerServices;
using System.Text.Json;
using SymKl.Derivations.Input;
using SymKl.Derivations.Markdown;

namespace SymKl.Derivations.Tests.Corpus;

/// <summary>
/// The corpus in tests/corpus: every document is readable, and every step its sidecar names
/// (NAME.expect.json) sits inside a math block, at exactly the recorded line and column.
/// </summary>
public class CorpusTests
{
    public static string CorpusFolder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "corpus"));

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(CorpusFolder(), "*.md").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void CorpusHasThirtyDocumentsEachWithASidecarAndWrongSteps()
    {
        var files = DocumentWalker.Expand([CorpusFolder()]);
        Assert.Empty(files.Errors);
        Assert.True(files.Files.Count >= 30, "expected at least 30 corpus documents, found " + files.Files.Count);
        foreach (var f in files.Files)
        {
            var sidecar = Path.ChangeExtension(f, ".expect.json");
            Assert.True(File.Exists(sidecar), "no sidecar for " + f);
            using var json = JsonDocument.Parse(File.ReadAllText(sidecar));
            Assert.NotEmpty(json.RootElement.GetProperty("wrong").EnumerateArray());
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryExpectedStepIsInAMathBlockAtItsPosition(string name)
    {
        var path = Path.Combine(CorpusFolder(), name);
        var doc = DocumentLoader.TryRead(path, out var error);
        Assert.Null(error);
        Assert.NotNull(doc);
        Assert.Empty(doc!.Warnings);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".expect.json")));
        var root = json.RootElement;
        Assert.Equal(name, root.GetProperty("document").GetString());
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.NotEmpty(steps);
        foreach (var step in steps)
        {
            var line = step.GetProperty("line").GetInt32();
            var column = step.GetProperty("column").GetInt32();
            var rhs = step.GetProperty("rhs").GetString()!;
            var where = name + ":" + line + ":" + column;

            var offset = doc.Source.GetOffset(line, column);
            Assert.True(string.CompareOrdinal(doc.Source.Text, offset, rhs, 0, rhs.Length) == 0, where + ": the file does not have '" + rhs + "' there");

            var block = doc.Blocks.SingleOrDefault(b => b.Offset <= offset && offset + rhs.Length <= b.Offset + b.Length);
            Assert.True(block is not null, where + ": no math block holds the step");
            Assert.False(doc.IsSkipped(block!), where + ": the step is in a skipped block");
            Assert.Equal(new SourcePosition(line, column), block!.GetPosition(offset - block.Offset));
            Assert.Equal(rhs, block.Text.Substring(offset - block.Offset, rhs.Length));
        }

        var wrongLines = root.GetProperty("wrong").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Equal(steps.Where(s => s.GetProperty("expect").GetString() == "wrong").Select(s => s.GetProperty("line").GetInt32()).Distinct().OrderBy(l => l), wrongLines);
    }

    [Fact]
    public void CrlfBomDocumentHasTheSamePositionsAsItsLfCopy()
    {
        var path = Path.Combine(CorpusFolder(), "windows-notes-mojibake.md");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        var crlf = MarkdownReader.ReadFile(path);
        Assert.Contains("\r\n", crlf.Source.Text);
        var lf = MarkdownReader.Parse(crlf.Source.Text.Replace("\r\n", "\n"));
        Assert.Equal(lf.Blocks.Select(b => (b.Line, b.Column, b.Text)), crlf.Blocks.Select(b => (b.Line, b.Column, b.Text.Replace("\r\n", "\n"))));
        Assert.Contains(crlf.Blocks, b => b.Text.Contains("âˆ«", StringComparison.Ordinal));
    }
}
