using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Cli.Tests;

/// <summary>
/// tests/data/identities.tsv: identities in seed-like notation, true and false, with the classic traps.
/// Every true row must be proved or confirmed; no false row may be proved or confirmed.
/// </summary>
public class IdentityTableTests
{
    public sealed record Row(int Line, bool Expect, string Relation, string Lhs, string Rhs, string[] Assumptions, string Note)
    {
        public override string ToString() => $"line {Line}: {Lhs} {Relation} {Rhs}" + (Assumptions.Length > 0 ? " [" + string.Join("; ", Assumptions) + "]" : "");
    }

    public static IReadOnlyList<Row> Rows { get; } = Load();

    private static List<Row> Load()
    {
        var rows = new List<Row>();
        var lines = File.ReadAllLines(RepositoryPaths.Data("identities.tsv"));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var c = line.Split('\t');
            var assumptions = c[4].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            rows.Add(new Row(i + 1, c[0] == "true", c[1], c[2], c[3], assumptions, c.Length > 5 ? c[5] : ""));
        }
        return rows;
    }

    public static TheoryData<int> RowNumbers()
    {
        var data = new TheoryData<int>();
        foreach (var r in Rows) data.Add(r.Line);
        return data;
    }

    [Fact]
    public void TheTableHasAtLeastTwoHundredRowsTrueAndFalse()
    {
        Assert.True(Rows.Count >= 200, $"{Rows.Count} rows");
        Assert.True(Rows.Count(r => !r.Expect) >= 40, "too few false rows");
    }

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsTheRightVerdict(int line)
    {
        var row = Rows.Single(r => r.Line == line);
        var op = row.Relation switch { "=" => "=", "!=" => "\\neq", ">=" => "\\geq", "<=" => "\\leq", ">" => ">", "<" => "<", _ => throw new ArgumentException(row.Relation) };
        var result = SingleStep.Check(row.Lhs, row.Rhs, row.Assumptions, [], op);
        Assert.True(result.Messages.All(m => !m.IsError), row + ": " + string.Join("; ", result.Messages.Select(m => m.Message)));
        Assert.NotNull(result.Step);
        var verdict = result.Step!.Verdict;
        if (row.Expect)
            Assert.True(verdict.Holds, $"{row} should hold but is {verdict.Kind}: {verdict.Reason}");
        else
            Assert.False(verdict.Holds, $"{row} is false but was {verdict.Kind}: {verdict.Reason}");
    }
}
