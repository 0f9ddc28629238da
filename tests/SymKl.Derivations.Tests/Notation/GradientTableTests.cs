namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/gradients.tsv: gradients, Hessians (∇²_w) and Jacobians (∇_w of a vector) by vectors, and derivatives by an
/// entry or block of a name (∂/∂w_l of an expression in w), each a whole Markdown document with the verdict it must get.
/// </summary>
public class GradientTableTests
{
    public static IReadOnlyList<DocumentTable.Row> Rows { get; } = DocumentTable.Read("gradients.tsv");

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows() => DocumentTable.HasRightAndWrongRows(Rows);

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line) => DocumentTable.GetsItsVerdict(Rows, line, "gradients.md");
}
