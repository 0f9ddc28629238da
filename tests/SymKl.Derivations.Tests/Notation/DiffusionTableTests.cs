namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/diffusion.tsv: diffusion-model algebra in α_t, β_t, ᾱ_t as posts write it, with the convention
/// α_t = 1 − β_t, ᾱ_t = ∏ α_s stated or taken for granted, each a whole Markdown document with the verdict its claims must get.
/// </summary>
public class DiffusionTableTests
{
    public static IReadOnlyList<DocumentTable.Row> Rows { get; } = DocumentTable.Read("diffusion.tsv");

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows() => DocumentTable.HasRightAndWrongRows(Rows);

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line) => DocumentTable.GetsItsVerdict(Rows, line, "diffusion.md");
}
