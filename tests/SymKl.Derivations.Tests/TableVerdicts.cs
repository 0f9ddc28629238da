using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests;

/// <summary>
/// Shared by the data tables whose rows are whole Markdown documents (notation, matrices, prose names): what a document
/// asserts, and the check of the expectation a row states.
/// </summary>
internal static class TableVerdicts
{
    /// <summary>The statements the document asserts (definitions, hypotheses and remarks are skipped, not claims).</summary>
    public static List<StepResult> Asserted(string markdown, string fileName, object row)
    {
        var result = DocumentVerifier.Verify(MarkdownReader.Parse(markdown, fileName), VerifyOptions.Default);
        Assert.True(result.InternalError is null, row + ": " + result.InternalError?.Message);
        return [.. result.Steps.Where(s => StatementRoles.IsRefutable(s.Role))];
    }

    /// <summary>
    /// holds: every verdict holds; refuted: one is refuted (and, for a one-step row, none holds); unsupported: all are.
    /// </summary>
    public static void Check(string expect, IReadOnlyList<Verdict> verdicts, object row, int line, bool oneStep)
    {
        Assert.NotEmpty(verdicts);
        var summary = string.Join("; ", verdicts.Select(v => v.Kind + ": " + v.Reason));
        switch (expect)
        {
            case "holds":
                Assert.True(verdicts.All(v => v.Holds), $"{row} should hold: {summary}");
                break;
            case "refuted":
                Assert.True(verdicts.Any(v => v.Kind == VerdictKind.Refuted), $"{row} should be refuted: {summary}");
                if (oneStep) Assert.DoesNotContain(verdicts, v => v.Holds);
                break;
            case "unsupported":
                Assert.True(verdicts.All(v => v.Kind == VerdictKind.Unsupported), $"{row} should be unsupported: {summary}");
                break;
            default:
                throw new InvalidDataException($"line {line}: unknown expectation '{expect}'");
        }
    }
}
