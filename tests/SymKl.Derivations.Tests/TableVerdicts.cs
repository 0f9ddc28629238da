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
            case "follows":
                // A consequence of an equation that stays open itself (a derivative set to zero): it holds, nothing is refuted.
                Assert.DoesNotContain(verdicts, v => v.Kind == VerdictKind.Refuted);
                Assert.True(verdicts[^1].Holds, $"{row} should follow: {summary}");
                break;
            case "unrefuted":
                // The definitions before it may be confirmed; the statement in doubt must be left open, never refuted.
                Assert.DoesNotContain(verdicts, v => v.Kind == VerdictKind.Refuted);
                Assert.True(verdicts[^1].Kind == VerdictKind.Unsupported, $"{row} should be left open: {summary}");
                break;
            default:
                throw new InvalidDataException($"line {line}: unknown expectation '{expect}'");
        }
    }
}

/// <summary>
/// A table of whole Markdown documents (tests/data/*.tsv: topic, expect, md, document with ↵ for line breaks, …, note), each
/// with the verdict the claims it asserts must get. Shared by the document tables (prose names, logistic regression).
/// </summary>
public static class DocumentTable
{
    public sealed record Row(int Line, string Topic, string Expect, string Markdown, string Note)
    {
        public override string ToString() => $"line {Line} ({Topic}): {Note}";
    }

    public static IReadOnlyList<Row> Read(string file) => DataTable.Read(file, 8, (line, c) => new Row(line, c[0], c[1], c[3], c[7]));

    /// <summary>Every topic has at least three rows, and the table has rows that must be refuted and rows that must stay open.</summary>
    public static void HasRightAndWrongRows(IReadOnlyList<Row> rows)
    {
        foreach (var topic in rows.GroupBy(r => r.Topic))
            Assert.True(topic.Count() >= 3, topic.Key + ": fewer than 3 rows");
        Assert.Contains(rows, r => r.Expect == "refuted");
        Assert.Contains(rows, r => r.Expect == "unsupported");
    }

    public static void GetsItsVerdict(IReadOnlyList<Row> rows, int line, string fileName)
    {
        var row = rows.Single(r => r.Line == line);
        var verdicts = TableVerdicts.Asserted(row.Markdown.Replace("↵", "\n"), fileName, row).Select(s => s.Verdict).ToList();
        TableVerdicts.Check(row.Expect, verdicts, row, line, oneStep: false);
    }
}
