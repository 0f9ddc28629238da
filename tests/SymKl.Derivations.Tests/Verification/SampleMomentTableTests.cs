using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// tests/data/sample-moments.tsv: expectations over i.i.d. samples (bias of the mean and variance estimators, second
/// moments, the diagonal of double sums), right and wrong, as whole documents with the verdict of each checked statement.
/// </summary>
public class SampleMomentTableTests
{
    public sealed record Row(int Line, string Topic, string[] Verdicts, string Document, string Note)
    {
        public override string ToString() => $"line {Line} ({Note})";
    }

    private const string Mine = "the expectations taken exactly over the samples";

    public static IReadOnlyList<Row> Rows { get; } =
        DataTable.Read("sample-moments.tsv", 4, (line, c) => new Row(line, c[0], c[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), c[2].Replace("↵", "\n"), c[3]));

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void HasRightAndWrongChains()
    {
        Assert.True(Rows.Count(r => r.Verdicts.All(v => v is "P" or "p" or "h")) >= 8, "fewer than 8 right documents");
        Assert.True(Rows.Count(r => r.Verdicts.Contains("R")) >= 5, "fewer than 5 wrong documents refuted by the sample moments");
    }

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachStatementGetsItsVerdict(int line)
    {
        var row = Rows.Single(r => r.Line == line);
        var result = DocumentVerifier.Verify(MarkdownReader.Parse(row.Document, "moments.md"), VerifyOptions.Default);
        var steps = result.Steps.Where(s => StatementRoles.IsRefutable(s.Role)).OrderBy(s => s.RhsStart.Line).ThenBy(s => s.RhsStart.Column).ToList();
        var summary = string.Join("; ", steps.Select(s => s.RhsStart.Line + ":" + s.RhsStart.Column + " " + s.Verdict.Kind + ": " + s.Verdict.Reason));
        Assert.True(steps.Count == row.Verdicts.Length, $"{row}: {steps.Count} statements, expected {row.Verdicts.Length}: {summary}");
        for (var i = 0; i < steps.Count; i++)
        {
            var v = steps[i].Verdict;
            var ok = row.Verdicts[i] switch
            {
                "P" => v.Kind == VerdictKind.Proved && v.Reason.Contains(Mine),
                "R" => v.Kind == VerdictKind.Refuted && v.Reason.Contains(Mine),
                "p" => v.Kind == VerdictKind.Proved,
                "h" => v.Holds,
                "r" => v.Kind == VerdictKind.Refuted,
                "u" => v.Kind == VerdictKind.Unsupported,
                var other => throw new InvalidDataException($"line {line}: unknown verdict code '{other}'"),
            };
            Assert.True(ok, $"{row}: statement {i + 1} should be {row.Verdicts[i]}: {summary}");
        }
    }
}
