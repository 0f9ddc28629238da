using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/solving.tsv, with the columns and runner of notation.tsv (a row is one step, or with relation "md" a whole
/// document): equations solved for the unknowns they determine and a later statement checked at the solution (confirm
/// only: with the wrong value put in it stays open, never refuted); one letter for the laws of several variables
/// (p(x), then p(y | x) is another law, not p's density at y); I^T as the transposed identity where T is a number of the
/// document. Every topic has right and wrong rows.
/// </summary>
public class SolvingTableTests
{
    private const string File = "solving.tsv";

    private static readonly IReadOnlyList<NotationTableTests.Row> Table =
        DataTable.Read(File, 8, (line, c) => new NotationTableTests.Row(line, c[0], c[1], c[2], c[3], c[4], DataTable.List(c[5]), DataTable.List(c[6]), c[7]));

    public static TheoryData<string, int> Rows() => DataTable.FileLines([File], _ => Table, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows()
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
    public void EachRowGetsItsVerdict(string file, int line)
    {
        var row = Table.Single(r => r.Line == line);
        List<Verdict> verdicts = row.Relation == "md"
            ? [.. TableVerdicts.Asserted(row.Lhs.Replace("↵", "\n"), Path.ChangeExtension(file, ".md"), row).Select(s => s.Verdict)]
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
