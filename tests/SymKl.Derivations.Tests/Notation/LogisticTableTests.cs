using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/logistic.tsv: logistic and softmax regression as posts write it (update rules with ':=', the loss ℓ and its
/// derivatives, the sigmoid), each a whole Markdown document with the verdict its claims must get.
/// </summary>
public class LogisticTableTests
{
    public sealed record Row(int Line, string Topic, string Expect, string Markdown, string Note)
    {
        public override string ToString() => $"line {Line} ({Topic}): {Note}";
    }

    public static IReadOnlyList<Row> Rows { get; } =
        DataTable.Read("logistic.tsv", 8, (line, c) => new Row(line, c[0], c[1], c[3], c[7]));

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows()
    {
        foreach (var topic in Rows.GroupBy(r => r.Topic))
            Assert.True(topic.Count() >= 3, topic.Key + ": fewer than 3 rows");
        Assert.Contains(Rows, r => r.Expect == "refuted");
        Assert.Contains(Rows, r => r.Expect == "unsupported");
    }

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line)
    {
        var row = Rows.Single(r => r.Line == line);
        var verdicts = TableVerdicts.Asserted(row.Markdown.Replace("↵", "\n"), "logistic.md", row).Select(s => s.Verdict).ToList();
        if (row.Expect == "unrefuted")
        {
            // The definitions before it may be confirmed; the statement in doubt must be left open, never refuted.
            Assert.DoesNotContain(verdicts, v => v.Kind == VerdictKind.Refuted);
            Assert.Equal(VerdictKind.Unsupported, verdicts[^1].Kind);
            return;
        }
        TableVerdicts.Check(row.Expect, verdicts, row, line, oneStep: false);
    }
}
