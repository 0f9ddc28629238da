using System.Collections.Concurrent;
using Spectre.Console;
using Spectre.Console.Testing;
using SymKl.Cli.Terminal;
using SymKl.Derivations.Reports;
using SymKl.Derivations.Verification;

namespace SymKl.Cli.Tests;

/// <summary>
/// Progress on standard error: a live Spectre bar on a terminal, nothing at all (no carriage returns) when redirected;
/// the batch's progress callback does not change its report.
/// </summary>
public sealed class TerminalProgressTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "symkl-progress-" + Guid.NewGuid().ToString("N"));

    public TerminalProgressTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(params (string Name, string Text)[] files)
    {
        var folder = Path.Combine(_root, "posts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(folder, name), text);
        return folder;
    }

    private static readonly (string, string)[] ThreePosts =
    [
        ("a.md", "$$a + a = 2a$$\n"),
        ("b.md", "$$(x + 1)^2 = x^2 + 2x + 1$$\n"),
        ("c.md", "$$a + a = 3a$$\n"),
    ];

    [Fact]
    public void BatchReportsEveryDocumentOnceAndTheSameReport()
    {
        var folder = Folder(ThreePosts);
        var calls = new ConcurrentQueue<(int Done, int Total)>();
        var (withProgress, errorsWith) = BatchVerifier.Verify([folder], progress: (done, total) => calls.Enqueue((done, total)));
        var (without, errorsWithout) = BatchVerifier.Verify([folder]);

        Assert.Equal((0, 3), calls.First());
        Assert.All(calls, c => Assert.Equal(3, c.Total));
        Assert.Equal([0, 1, 2, 3], calls.Select(c => c.Done).Order());
        Assert.Empty(errorsWith);
        Assert.Empty(errorsWithout);
        Assert.Equal(without.Documents.Select(Summary), withProgress.Documents.Select(Summary));
    }

    private static string Summary(DocumentReport d) =>
        d.Path + ": " + string.Join(", ", d.Steps.Select(s => s.Verdict.ToString()));

    [Fact]
    public void NoConsoleMeansNoCallback()
    {
        Action<int, int>? seen = (_, _) => { };
        var result = TerminalProgress.Documents<int>(null, progress => { seen = progress; return 42; });
        Assert.Equal(42, result);
        Assert.Null(seen);
    }

    [Fact]
    public void TerminalShowsDocumentsDoneOutOfAll()
    {
        var console = new TestConsole().Interactive();
        var result = TerminalProgress.Documents(console, progress =>
        {
            Assert.NotNull(progress);
            progress(0, 3);
            for (var i = 1; i <= 3; i++)
            {
                progress(i, 3);
                Thread.Sleep(150); // longer than the display's refresh, so each state is drawn
            }
            return "done";
        });
        Assert.Equal("done", result);
        Assert.Contains("verifying 3/3 documents", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TrackShowsTheLatestDescriptionAndLinesAboveTheBar()
    {
        var console = new TestConsole().Interactive();
        TerminalProgress.Track(console, update =>
        {
            update("epoch 1/2 batch 4/4 loss 1.25 300 img/s", 4, 4);
            Thread.Sleep(150);
            console.WriteLine("epoch   1/2  train 1.25");
            Thread.Sleep(150);
            return 0;
        });
        Assert.Contains("epoch 1/2 batch 4/4 loss 1.25 300 img/s", console.Output, StringComparison.Ordinal);
        Assert.Contains("epoch   1/2  train 1.25", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TerminalTableHasEveryDocumentWithItsCountsAndFailingOnesInRed()
    {
        var folder = Folder(ThreePosts);
        var (report, _) = BatchVerifier.Verify([folder], null, folder);
        var console = new TestConsole().Colors(ColorSystem.Standard).EmitAnsiSequences();
        console.Write(DocumentTable.Build(report));
        var lines = console.Lines;
        Assert.Contains(lines, l => l.Contains("document", StringComparison.Ordinal) && l.Contains("refuted", StringComparison.Ordinal));
        var red = "\u001b[91m";
        var failing = report.Documents.Single(d => d.Summary.Refuted > 0);
        Assert.Equal("c.md", failing.Path);
        Assert.Contains(red + failing.Path, console.Output, StringComparison.Ordinal);
        foreach (var d in report.Documents.Where(d => d.Summary.Refuted == 0))
        {
            Assert.Contains(d.Path, console.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(red + d.Path, console.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TableHookReplacesOnlyThePlainTable()
    {
        var (report, _) = BatchVerifier.Verify([Folder(ThreePosts)]);
        var plain = TextReportWriter.ToString(report);
        var drawn = TextReportWriter.ToString(report, new ReportOptions { DocumentTable = (r, o) => o.Write("TABLE of " + r.Documents.Count + "\n") });
        var plainLines = plain.Split('\n');
        var tableStart = Array.FindIndex(plainLines, l => l.StartsWith("document ", StringComparison.Ordinal));
        Assert.True(tableStart > 0, plain);
        // The same report with the 4 lines of the plain table (head + 3 documents) replaced by the hook's output.
        var expected = string.Join('\n', plainLines.Take(tableStart).Append("TABLE of 3").Concat(plainLines.Skip(tableStart + 4)));
        Assert.Equal(expected, drawn);
    }

    [Fact]
    public void VerifyOnAFolderWithRedirectedStandardErrorWritesNothingThere()
    {
        var r = CliRunner.Run("verify", Folder(ThreePosts));
        Assert.Equal(1, r.ExitCode); // c.md is wrong
        Assert.Equal("", r.Stderr);
        Assert.DoesNotContain('\r', r.Stdout);
        Assert.DoesNotContain("verifying", r.Stdout, StringComparison.Ordinal);
    }
}
