using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/matrix-reading.tsv (the columns and runner of notation.tsv): what the vectors-and-matrices layer reads
/// (issue #14) — values of undefined densities applied to vectors, which cancel when applied alike on both sides and
/// never refute when they do not, and are never read as one value under an operator that varies their arguments; X, Y, Z
/// read again as matrices where a vector reading multiplies two vectors (yᵀXβ); ⟨u, v⟩ as the inner product. Every topic has right rows and at least as
/// many wrong ones, and no row comes back with the generic "'…' with vectors or matrices" or a misread product of shapes.
/// </summary>
public class MatrixReadingTableTests
{
    private const string File = "matrix-reading.tsv";

    private static readonly IReadOnlyList<NotationTableTests.Row> Table =
        DataTable.Read(File, 8, (line, c) => new NotationTableTests.Row(line, c[0], c[1], c[2], c[3], c[4], DataTable.List(c[5]), DataTable.List(c[6]), c[7]));

    public static TheoryData<int> Rows() => DataTable.LineNumbers(Table, r => r.Line);

    [Fact]
    public void EveryTopicHasRightRowsAndAsManyWrongOnes()
    {
        foreach (var topic in Table.GroupBy(r => r.Topic))
        {
            var right = topic.Count(r => r.Expect is "holds" or "follows");
            Assert.True(right >= 3, topic.Key + ": fewer than 3 right rows");
            Assert.True(topic.Count() - right >= right, topic.Key + ": fewer wrong rows than right ones");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachRowGetsItsVerdict(int line)
    {
        var row = Table.Single(r => r.Line == line);
        List<Verdict> verdicts = row.Relation == "md"
            ? [.. TableVerdicts.Asserted(row.Lhs.Replace("↵", "\n"), Path.ChangeExtension(File, ".md"), row).Select(s => s.Verdict)]
            : [TopicTablesTests.Step(row)];
        TableVerdicts.Check(row.Expect, verdicts, row, line, oneStep: row.Relation != "md");
        // The constructs of this table are read: what is left open says why, not only that a part could not be read.
        if (row.Note.StartsWith("(not read)", StringComparison.Ordinal)) return;
        Assert.DoesNotContain(verdicts, v => v.Reason.Contains("' with vectors or matrices", StringComparison.Ordinal) || v.Reason.Contains("value multiplied by a", StringComparison.Ordinal));
    }
}
