namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/gaussian-linear.tsv: completing the square with vectors up to an additive constant ("+ const", "+ C") and
/// proportionality of Gaussian kernels in vector form, each a whole Markdown document with the verdict its claims must get.
/// </summary>
public class GaussianLinearTableTests
{
    public static IReadOnlyList<DocumentTable.Row> Rows { get; } = DocumentTable.Read("gaussian-linear.tsv");

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows() => DocumentTable.HasRightAndWrongRows(Rows);

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line) => DocumentTable.GetsItsVerdict(Rows, line, "gaussian-linear.md");
}
