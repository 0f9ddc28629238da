namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/prose-names.tsv: symbols introduced in words ("denote the denominator by $Z$", "let $J$ be the objective",
/// "let $n$ be the number of samples"), each a whole Markdown document with the verdict its claims must get.
/// </summary>
public class ProseNamesTableTests
{
    public static IReadOnlyList<DocumentTable.Row> Rows { get; } = DocumentTable.Read("prose-names.tsv");

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows() => DocumentTable.HasRightAndWrongRows(Rows);

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line) => DocumentTable.GetsItsVerdict(Rows, line, "prose-names.md");
}
