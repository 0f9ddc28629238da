using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// unseen-false-alarms.tsv (the columns and runner of notation.tsv): statements of proofs nobody here graded that were
/// refuted for a reading a careful mathematician would not make, each cause with right rows and wrong variants of the same
/// shape that must stay refuted: a subscripted function with ^{-1} before a bracket (K_h^{-1}(x), the text applies K_h) is
/// an inverse; the logarithm of a fresh name given a formula (\ln R = …) names it; a fresh name set equal to a formula after
/// 'such that' is no free parameter; a conditional density given the density at a letter that is none of its arguments is
/// not used; later links after 'is defined as' that start with a fresh name define it; \Delta x is one name; bars raised to a
/// power inside brackets are absolute values.
/// </summary>
public class TopicTablesFalseAlarmsTests
{
    private const string File = "unseen-false-alarms.tsv";

    private static readonly IReadOnlyList<NotationTableTests.Row> Table =
        DataTable.Read(File, 8, (line, c) => new NotationTableTests.Row(line, c[0], c[1], c[2], c[3], c[4], DataTable.List(c[5]), DataTable.List(c[6]), c[7]));

    public static TheoryData<string, int> Rows() => DataTable.FileLines([File], _ => Table, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows()
    {
        foreach (var topic in Table.GroupBy(r => r.Topic))
        {
            Assert.True(topic.Count(r => r.Expect is "holds" or "follows") >= 3, topic.Key + ": fewer than 3 right rows");
            Assert.True(topic.Count(r => r.Expect is not ("holds" or "follows")) >= 3, topic.Key + ": fewer than 3 wrong rows");
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
        var result = SingleStep.Check(row.Lhs, row.Rhs, row.Assumptions, row.Definitions, "=");
        return result.Step?.Verdict ?? new Verdict(VerdictKind.Unsupported, string.Join("; ", result.Messages.Select(m => m.Message)), null, null, 0);
    }
}
