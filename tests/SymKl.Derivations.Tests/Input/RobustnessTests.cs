using System.Diagnostics;
using System.Runtime.InteropServices;
using SymKl.Derivations.Input;
using SymKl.Derivations.Markdown;
using SymKl.Derivations.Reports;
using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Input;

/// <summary>
/// Inputs that used to hang or crash the verifier (each row names the failure it had), and the isolation of one
/// document's failure from the rest of a batch.
/// </summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "symkl-robust-" + Guid.NewGuid().ToString("N"));

    public RobustnessTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static DocumentResult Verify(string markdown, VerifyOptions? options = null) =>
        DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "t.md"), options);

    // ------------------------------------------------------------------ hangs

    [Fact]
    public void AStepPastItsTimeBudgetIsUnsupportedAndStops()
    {
        // Was: 20 s of numeric summation (a million terms at each of 40 points), no budget message.
        const string doc = "$$\\sum_{k=1}^{999999} \\sin(\\sin(\\sin(\\sin(k x)))) = \\sum_{k=1}^{999999} \\sin(\\sin(\\sin(k x)))$$\n\n$$a + a = 2a$$\n";
        var clock = Stopwatch.StartNew();
        var result = Verify(doc, new VerifyOptions { StepTimeout = TimeSpan.FromSeconds(0.5) });
        clock.Stop();
        Assert.Equal(2, result.Steps.Count);
        Assert.Equal(VerdictKind.Unsupported, result.Steps[0].Verdict.Kind);
        Assert.StartsWith("budget exceeded", result.Steps[0].Verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("0.5 s", result.Steps[0].Verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(VerdictKind.Proved, result.Steps[1].Verdict.Kind);
        // The cancellation is cooperative and on this thread: when Verify returns, no work on the step goes on.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), "took " + clock.Elapsed);
    }

    [Fact]
    public void AnImplicationPastItsBudgetIsUnsupportedAndStops()
    {
        // Was: the check of an implication (a line drawn from the equations being solved) and its identity re-check ran
        // outside the step budget, so a costly one ran to the end whatever --timeout said.
        const string doc = "Setting the derivative to zero,\n\n$$a x - 1 = 0$$\n\nso\n\n"
            + "$$\\sum_{k=1}^{999999} \\sin(\\sin(\\sin(\\sin(k x)))) = \\sum_{k=1}^{999999} \\sin(\\sin(\\sin(k x)))$$\n";
        var clock = Stopwatch.StartNew();
        var result = Verify(doc, new VerifyOptions { StepTimeout = TimeSpan.FromSeconds(0.5) });
        clock.Stop();
        var last = result.Steps[^1];
        Assert.Equal(StatementRole.Implication, last.Role);
        Assert.Equal(VerdictKind.Unsupported, last.Verdict.Kind);
        Assert.StartsWith("budget exceeded", last.Verdict.Reason, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), "took " + clock.Elapsed);
    }

    [Fact]
    public void TheStepBudgetCountsWorkNotSeconds()
    {
        // The step budget is units of work (StepBudget), so a step past it stops at the same point on an idle machine and on
        // a loaded one: its reason names the units, and two runs give the same reason.
        const string doc = "$$\\sum_{k=1}^{999999} \\sin(\\sin(\\sin(\\sin(k x)))) = \\sum_{k=1}^{999999} \\sin(\\sin(\\sin(k x)))$$\n";
        var first = Verify(doc, new VerifyOptions { StepTimeout = TimeSpan.FromSeconds(0.5) });
        var second = Verify(doc, new VerifyOptions { StepTimeout = TimeSpan.FromSeconds(0.5) });
        Assert.Equal(VerdictKind.Unsupported, first.Steps[0].Verdict.Kind);
        Assert.Contains("500,000 units of work", first.Steps[0].Verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(first.Steps[0].Verdict.Reason, second.Steps[0].Verdict.Reason);
    }

    [Fact]
    public void TheTimeBudgetDoesNotChangeDecidedVerdicts()
    {
        const string doc = "$$\n\\begin{aligned}\n(a+b)^2 &= a^2 + 2ab + b^2 \\\\\n&= a^2 + b^2\n\\end{aligned}\n$$\n\n$$\\int \\frac{1}{\\sqrt{2\\pi}} e^{-x^2/2} dx = 1$$\n";
        var unlimited = Verify(doc, new VerifyOptions { StepTimeout = null });
        var budgeted = Verify(doc, new VerifyOptions { StepTimeout = TimeSpan.FromSeconds(30) });
        Assert.Equal(unlimited.Steps.Select(s => (s.Verdict.Kind, s.Verdict.Reason)), budgeted.Steps.Select(s => (s.Verdict.Kind, s.Verdict.Reason)));
        Assert.Equal([VerdictKind.Proved, VerdictKind.Refuted, VerdictKind.Proved], unlimited.Steps.Select(s => s.Verdict.Kind).ToArray());
    }

    [Fact]
    public void AFifoIsNotOpened()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        // Was: opening x.md, a named pipe, blocked forever waiting for a writer.
        var fifo = Path.Combine(_root, "x.md");
        using (var mk = Process.Start("mkfifo", [fifo])) mk.WaitForExit();
        var doc = DocumentLoader.TryRead(fifo, out var error);
        Assert.Null(doc);
        Assert.Contains("named pipe", error!.Message, StringComparison.Ordinal);
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkToADeviceInAFolderIsNotRead()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        // Was: a link named .md to /dev/zero was read until memory ran out.
        File.CreateSymbolicLink(Path.Combine(_root, ".md"), "/dev/zero");
        Write("ok.md", "$$a + a = 2a$$\n");
        var (report, errors) = BatchVerifier.Verify([_root]);
        var error = Assert.Single(errors);
        Assert.Contains("character device", error.Message, StringComparison.Ordinal);
        Assert.Single(report.Documents);
        Assert.Equal(1, report.Summary.Proved);
    }

    [Fact]
    public void AFileOverTheSizeLimitIsRefusedWithTheLimit()
    {
        var path = Path.Combine(_root, "big.md");
        using (var f = File.Create(path)) f.SetLength(DocumentLoader.MaxBytes + 1L);
        Assert.Null(DocumentLoader.TryRead(path, out var error));
        Assert.Contains("larger than 16 MiB", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, false)] // a PNG header
    [InlineData(new byte[] { 0x24, 0x61, 0x00, 0x24 }, false)]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x24, 0x00, 0x61, 0x00, 0x24, 0x00 }, true)] // UTF-16 with its BOM: text
    [InlineData(new byte[] { 0x24, 0x61, 0x3D, 0x61, 0x24 }, true)]
    public void BinaryFilesAreToldApartFromText(byte[] bytes, bool text)
    {
        var path = Path.Combine(_root, "f.md");
        File.WriteAllBytes(path, bytes);
        var doc = DocumentLoader.TryRead(path, out var error);
        Assert.Equal(text, doc is not null);
        if (!text) Assert.Contains("not a text file", error!.Message, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ crashes

    public static TheoryData<string, string> DeepMarkdown => new()
    {
        // Each threw Markdig's "too deeply nested" ArgumentException out of the reader.
        { "block quotes 128 deep", new string('>', 128) + " $$a + a = 2a$$\n" },
        { "a list 130 deep", string.Concat(Enumerable.Range(0, 130).Select(i => new string(' ', 2 * i) + "- x\n")) + "\n$$a + a = 2a$$\n" },
        { "20,000 brackets", new string('[', 20_000) + " $$a + a = 2a$$\n" },
    };

    [Theory]
    [MemberData(nameof(DeepMarkdown))]
    public void DeeplyNestedMarkdownIsReadAsPlainTextWithAWarning(string what, string markdown)
    {
        var doc = MarkdownReader.Parse(markdown, "deep.md");
        Assert.Contains(doc.Warnings, w => w.Message.Contains("nested more than 128 levels", StringComparison.Ordinal));
        var step = Assert.Single(DocumentVerifier.Verify(doc).Steps);
        Assert.True(step.Verdict.Kind == VerdictKind.Proved, what);
    }

    [Fact]
    public void ASelfReferentialDefinitionIsAClaimNotADefinition()
    {
        // Was: P defined by a formula containing P; expanding it overflowed the stack and aborted the whole batch.
        const string doc = "$$P(y \\mid x) = \\int P(y \\mid \\theta) P(\\theta \\mid x) d\\theta$$\n" +
                           "$$P(y \\mid x) = \\int P(y \\mid \\theta) \\delta[\\theta - \\hat{\\theta}] d\\theta$$\n\n$$a + a = 2a$$\n";
        var result = Verify(doc);
        Assert.Null(result.InternalError);
        Assert.DoesNotContain(result.Definitions, d => d.Name == "P");
        Assert.Equal(3, result.Steps.Count);
        Assert.All(result.Steps.Take(2), s => Assert.NotEqual(VerdictKind.Refuted, s.Verdict.Kind));
        Assert.Equal(VerdictKind.Proved, result.Steps[2].Verdict.Kind);
    }

    [Fact]
    public void MutuallyRecursiveDefinitionsAreNotDefinitions()
    {
        // g is defined through f, which was defined through g (then undefined): g(x) would expand without end.
        const string doc = "$$f(x) = g(x) + 1$$\n\n$$g(x) = f(x) - 1$$\n\n$$f(2) = g(2) + 1$$\n";
        var result = Verify(doc);
        Assert.Null(result.InternalError);
        Assert.DoesNotContain(result.Definitions, d => d.Name == "g");
        Assert.All(result.Steps, s => Assert.NotEqual(VerdictKind.Refuted, s.Verdict.Kind));
    }

    [Fact]
    public void WarningsPointAtTheSideTheyAreAbout()
    {
        // Was: a binder remark about the left side was reported at the right side.
        var result = Verify("$$\nf(x) + 1\n= 1 + x\n$$\n");
        var w = Assert.Single(result.Warnings, w => w.Code == DiagnosticCodes.UndefinedFunction);
        Assert.Equal(new FilePosition(2, 1), w.Position);
    }

    /// <summary>
    /// A binder remark keeps its own id, span and level: it was reported at the start of its side as a catch-all
    /// SK310 warning (here column 3 for g(x) and 12 for ab, the starts of the sides).
    /// </summary>
    [Fact]
    public void BinderRemarksKeepTheirIdAndSpan()
    {
        var result = Verify("$$2 g(x) = 1 + ab$$\n");
        var undefined = Assert.Single(result.Warnings, w => w.Code == DiagnosticCodes.UndefinedFunction);
        Assert.Equal(new FilePosition(1, 5), undefined.Position);
        Assert.Equal(WarningKind.Note, undefined.Kind);
        var letters = Assert.Single(result.Warnings, w => w.Code == DiagnosticCodes.LetterRunProduct);
        Assert.Equal(new FilePosition(1, 16), letters.Position);
    }

    // ------------------------------------------------------------------ one document's failure

    [Fact]
    public void ADefinitionUsedAtAnotherVariableOfItsDerivativeIsWrittenOut()
    {
        // Was an internal error (a negative count in the renaming): the variable of d²/dφ² is reached twice in the tree,
        // so φ → θ was applied twice to the same span of the definition's text.
        const string doc = "The information is defined as\n\n"
            + "$$\\mathcal{I}(\\phi) = -\\mathbb{E}\\left[ \\frac{d^2 \\log p(y | \\phi)}{d \\phi^2} \\right]$$\n\nand for another parameter\n\n"
            + "$$\\mathcal{I}(\\theta) = -\\mathbb{E}\\left[ \\frac{d^2 \\log p(y | \\theta)}{d \\theta^2} \\right]$$\n";
        var result = Verify(doc);
        Assert.Equal(2, result.Steps.Count);
        Assert.NotEqual(VerdictKind.Refuted, result.Steps[1].Verdict.Kind);
    }

    [Fact]
    public void AnInternalErrorCostsOnlyItsDocument()
    {
        var good = Write("a.md", "$$a + a = 2a$$\n");
        var bad = Write("b.md", "$$b + b = 2b$$\n");
        var (report, errors) = BatchVerifier.Verify([good, bad], null, _root, (doc, options) =>
            doc.Path == bad ? throw new InvalidOperationException("injected failure") : DocumentVerifier.Verify(doc, options));
        Assert.Empty(errors);
        Assert.Equal(2, report.Documents.Count);
        Assert.Equal(1, report.Documents[0].Summary.Proved);
        Assert.Null(report.Documents[0].Error);
        var error = report.Documents[1].Error!;
        Assert.Equal("internal error: injected failure (please report it)", error.Message);
        Assert.Equal(VerificationReport.InternalErrorExitCode, report.ExitCode());

        // Every format reports it for that document.
        var text = TextReportWriter.ToString(report);
        Assert.Contains("b.md:1:1: error: internal error: injected failure", text, StringComparison.Ordinal);
        Assert.Contains("b.md: 0 proved, 0 confirmed, 0 refuted, 0 unsupported, 0 skipped; not fully checked (internal error)", text, StringComparison.Ordinal);
        Assert.Contains("a.md: 1 proved", text, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(JsonReportWriter.ToString(report));
        var documents = json.RootElement.GetProperty("documents");
        Assert.False(documents[0].TryGetProperty("error", out _));
        Assert.Equal("internal", documents[1].GetProperty("error").GetProperty("kind").GetString());
        using var sarif = System.Text.Json.JsonDocument.Parse(SarifReportWriter.ToString(report));
        var result = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("SK004", result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Contains("::error file=b.md,line=1,col=1,title=SymKl internal error::internal error: injected failure", GitHubReportWriter.ToString(report), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(Exception))]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(IndexOutOfRangeException))]
    [InlineData(typeof(InsufficientExecutionStackException))]
    [InlineData(typeof(ApplicationException))]
    public void InternalErrorsAreDescribedWithoutTypeNames(Type type)
    {
        // The runtime's default messages ("Exception of type 'System.Exception' was thrown.") name .NET types.
        var text = InternalError.Describe((Exception)Activator.CreateInstance(type)!);
        Assert.StartsWith("internal error: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableMathFailsStrictMode()
    {
        // Was: --strict exited 0 when a display could not be read at all (no step, so nothing unsupported).
        var path = Write("u.md", "$$\\frac{a}{ = b$$\n");
        var (report, _) = BatchVerifier.Verify([path], null, _root);
        Assert.Empty(report.Documents[0].Steps);
        Assert.Equal(0, report.ExitCode(strict: false));
        Assert.Equal(1, report.ExitCode(strict: true));
    }
}
