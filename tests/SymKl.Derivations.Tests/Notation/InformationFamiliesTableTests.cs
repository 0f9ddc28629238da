using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/information-families.tsv: information measures of variables and exponential families — entropies and mutual
/// information of variables written in any case, binary entropy, averages ⟨f⟩ under a Gibbs law the text defines and the
/// derivatives of log Z, improper integrals under a sign the text states, derivatives by a name defined as a value
/// (p_x := p_X(x)); right and wrong. Same columns and runner as notation.tsv.
/// </summary>
public class InformationFamiliesTableTests
{
    public static IReadOnlyList<NotationTableTests.Row> Rows { get; } =
        DataTable.Read("information-families.tsv", 8, (line, c) => new NotationTableTests.Row(line, c[0], c[1], c[2], c[3], c[4], DataTable.List(c[5]), DataTable.List(c[6]), c[7]));

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line)
    {
        var row = Rows.Single(r => r.Line == line);
        List<Verdict> verdicts = row.Relation == "md"
            ? [.. TableVerdicts.Asserted(row.Lhs.Replace("↵", "\n"), "information-families.md", row).Select(s => s.Verdict)]
            : [Step(row)];
        TableVerdicts.Check(row.Expect, verdicts, row, line, oneStep: row.Relation != "md");
    }

    private static Verdict Step(NotationTableTests.Row row)
    {
        var result = SingleStep.Check(row.Lhs, row.Rhs, row.Assumptions, row.Definitions, "=");
        return result.Step?.Verdict ?? new Verdict(VerdictKind.Unsupported, string.Join("; ", result.Messages.Select(m => m.Message)), null, null, 0);
    }
}
