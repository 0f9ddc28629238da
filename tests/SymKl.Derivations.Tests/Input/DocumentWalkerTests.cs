using SymKl.Derivations.Input;

namespace SymKl.Derivations.Tests.Input;

public sealed class DocumentWalkerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "symkl-walk-" + Guid.NewGuid().ToString("N"));

    public DocumentWalkerTests()
    {
        foreach (var f in new[] { "b.md", "a.md", "notes.txt", "sub/z.md", "sub/deeper/c.MD", "Sub2/y.markdown", "bin/x.md", "obj/x.md", ".git/x.md", "node_modules/pkg/readme.md", "docs/bin-notes.md" })
        {
            var path = Path.Combine(_root, f);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "$a = b$\n");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Rel(string path) => path.Substring(_root.Length + 1).Replace('\\', '/');

    [Fact]
    public void Folder_RecursiveSortedAndSkipsBuildFolders()
    {
        var result = DocumentWalker.Expand([_root]);
        Assert.Empty(result.Errors);
        Assert.Equal(["Sub2/y.markdown", "a.md", "b.md", "docs/bin-notes.md", "sub/deeper/c.MD", "sub/z.md"], result.Files.Select(Rel).ToArray());
    }

    [Fact]
    public void Files_AreTakenAsGivenAndListedOnce()
    {
        var txt = Path.Combine(_root, "notes.txt");
        var a = Path.Combine(_root, "a.md");
        var result = DocumentWalker.Expand([txt, a, _root]);
        Assert.Empty(result.Errors);
        Assert.Equal(["notes.txt", "a.md", "Sub2/y.markdown", "b.md", "docs/bin-notes.md", "sub/deeper/c.MD", "sub/z.md"], result.Files.Select(Rel).ToArray());
    }

    [Fact]
    public void MissingPath_IsAnError()
    {
        var missing = Path.Combine(_root, "nope.md");
        var result = DocumentWalker.Expand([missing, Path.Combine(_root, "a.md")]);
        var error = Assert.Single(result.Errors);
        Assert.Equal(missing, error.Path);
        Assert.Contains("does not exist", error.Message);
        Assert.Single(result.Files);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void FolderWithoutMarkdown_IsAnError()
    {
        var empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);
        var result = DocumentWalker.Expand([empty]);
        Assert.Contains("no Markdown files", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void EmptyArgument_IsAnError() => Assert.Single(DocumentWalker.Expand([""]).Errors);

    [Fact]
    public void Loader_ReportsUnreadableFiles()
    {
        Assert.Null(DocumentLoader.TryRead(Path.Combine(_root, "gone.md"), out var error));
        Assert.Contains("does not exist", error!.Message);
        Assert.Null(DocumentLoader.TryRead(Path.Combine(_root, "sub"), out error));
        Assert.NotNull(error);
        var doc = DocumentLoader.TryRead(Path.Combine(_root, "a.md"), out error);
        Assert.Null(error);
        Assert.Equal("a = b", Assert.Single(doc!.Blocks).Text);
    }
}
