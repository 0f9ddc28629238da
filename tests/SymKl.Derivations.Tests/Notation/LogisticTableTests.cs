namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/logistic.tsv: logistic and softmax regression as posts write it (update rules with ':=', the loss ℓ and its
/// derivatives, the sigmoid), each a whole Markdown document with the verdict its claims must get.
/// </summary>
public class LogisticTableTests
{
    public static IReadOnlyList<DocumentTable.Row> Rows { get; } = DocumentTable.Read("logistic.tsv");

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows() => DocumentTable.HasRightAndWrongRows(Rows);

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line) => DocumentTable.GetsItsVerdict(Rows, line, "logistic.md");
}
