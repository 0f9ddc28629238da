using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/sums.tsv: sums written over several values at once (\sum_{x, y}, \sum_{x \in \mathcal{X}, y \in \mathcal{Y}})
/// with the law written p, P or \mathbb{P}; \sum_N^M read over N = 0 … M only beside the binomial coefficient of M over N;
/// a sign set in text type (\text{-}); conditions stated in Chinese prose (如果 … 则). Right and wrong rows. Same columns
/// and runner as notation.tsv.
/// </summary>
public class SumsTableTests
{
    public static IReadOnlyList<NotationTableTests.Row> Rows { get; } =
        DataTable.Read("sums.tsv", 8, (line, c) => new NotationTableTests.Row(line, c[0], c[1], c[2], c[3], c[4], DataTable.List(c[5]), DataTable.List(c[6]), c[7]));

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows()
    {
        foreach (var topic in Rows.GroupBy(r => r.Topic))
        {
            Assert.True(topic.Count(r => r.Expect == "holds") >= 3, topic.Key + ": fewer than 3 right rows");
            Assert.True(topic.Count(r => r.Expect != "holds") >= 3, topic.Key + ": fewer than 3 wrong rows");
        }
    }

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line)
    {
        var row = Rows.Single(r => r.Line == line);
        List<Verdict> verdicts = row.Relation == "md"
            ? [.. TableVerdicts.Asserted(row.Lhs.Replace("↵", "\n"), "sums.md", row).Select(s => s.Verdict)]
            : [Step(row)];
        TableVerdicts.Check(row.Expect, verdicts, row, line, oneStep: row.Relation != "md");
    }

    private static Verdict Step(NotationTableTests.Row row)
    {
        var op = row.Relation switch { "=" => "=", ">=" => "\\geq", "<=" => "\\leq", _ => throw new InvalidDataException(row.Relation) };
        var result = SingleStep.Check(row.Lhs, row.Rhs, row.Assumptions, row.Definitions, op);
        return result.Step?.Verdict ?? new Verdict(VerdictKind.Unsupported, string.Join("; ", result.Messages.Select(m => m.Message)), null, null, 0);
    }
}
