using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/maxent.tsv: maximum-entropy derivations — derivatives of a Lagrangian by the value p(x) (written with ∂ or
/// δ, over an integral or a sum) or by a component p_k of a defined J(p, λ), right and wrong; a derivative by the bare
/// name of an expression in its components only is never decided. Same columns and runner as notation.tsv.
/// </summary>
public class MaxentTableTests
{
    public static IReadOnlyList<NotationTableTests.Row> Rows { get; } =
        DataTable.Read("maxent.tsv", 8, (line, c) => new NotationTableTests.Row(line, c[0], c[1], c[2], c[3], c[4], DataTable.List(c[5]), DataTable.List(c[6]), c[7]));

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line)
    {
        var row = Rows.Single(r => r.Line == line);
        List<Verdict> verdicts = row.Relation == "md"
            ? [.. TableVerdicts.Asserted(row.Lhs.Replace("↵", "\n"), "maxent.md", row).Select(s => s.Verdict)]
            : [Step(row)];
        TableVerdicts.Check(row.Expect, verdicts, row, line, oneStep: row.Relation != "md");
    }

    private static Verdict Step(NotationTableTests.Row row)
    {
        var result = SingleStep.Check(row.Lhs, row.Rhs, row.Assumptions, row.Definitions, "=");
        return result.Step?.Verdict ?? new Verdict(VerdictKind.Unsupported, string.Join("; ", result.Messages.Select(m => m.Message)), null, null, 0);
    }
}
