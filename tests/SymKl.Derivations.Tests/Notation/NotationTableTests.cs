using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/notation.tsv: the notation real posts use (derivatives, names, tags, Unicode, Markdown escapes,
/// divergences, expectations, sums and products, lists), right and wrong, each with the verdict it must get.
/// Rows with relation "md" are whole Markdown documents (↵ is a line break); the others are one step, checked
/// in process with exactly the semantics of a document.
/// </summary>
public class NotationTableTests
{
    public sealed record Row(int Line, string Topic, string Expect, string Relation, string Lhs, string Rhs, string[] Assumptions, string[] Definitions, string Note)
    {
        public override string ToString() => $"line {Line} ({Topic}): {Lhs} {Relation} {Rhs}";
    }

    public static IReadOnlyList<Row> Rows { get; } =
        DataTable.Read("notation.tsv", 8, (line, c) => new Row(line, c[0], c[1], c[2], c[3], c[4], DataTable.List(c[5]), DataTable.List(c[6]), c[7]));

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void EveryTopicHasFiveRightAndThreeWrongRows()
    {
        foreach (var topic in Rows.GroupBy(r => r.Topic))
        {
            Assert.True(topic.Count(r => r.Expect == "holds") >= 5, topic.Key + ": fewer than 5 right rows");
            Assert.True(topic.Count(r => r.Expect != "holds") >= 3, topic.Key + ": fewer than 3 wrong rows");
        }
        Assert.True(Rows.Count(r => r.Topic == "derivative") >= 15, "derivatives need more rows than the rest");
    }

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line)
    {
        var row = Rows.Single(r => r.Line == line);
        var verdicts = row.Relation == "md" ? VerifyDocument(row) : [CheckStep(row)];
        TableVerdicts.Check(row.Expect, verdicts, row, line, oneStep: row.Relation != "md");
    }

    private static Verdict CheckStep(Row row)
    {
        var op = row.Relation switch { "=" => "=", "!=" => "\\neq", ">=" => "\\geq", "<=" => "\\leq", "propto" => "\\propto", _ => throw new InvalidDataException(row.Relation) };
        var result = SingleStep.Check(row.Lhs, row.Rhs, row.Assumptions, row.Definitions, op);
        if (result.Step is null)
        {
            // Input that does not even read as one step can only be the expectation "unsupported".
            return new Verdict(VerdictKind.Unsupported, string.Join("; ", result.Messages.Select(m => m.Message)), null, null, 0);
        }
        return result.Step.Verdict;
    }

    /// <summary>Definitions, hypotheses and remarks are listed as skipped statements; only what the document asserts counts.</summary>
    private static List<Verdict> VerifyDocument(Row row) =>
        [.. TableVerdicts.Asserted(row.Lhs.Replace("↵", "\n"), "notation.md", row).Select(s => s.Verdict)];
}
