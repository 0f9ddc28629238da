using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>Every purely algebraic step of the seeds is proved symbolically (tests/data/seed-algebra-steps.tsv).</summary>
public class SeedAlgebraTests
{
    public static TheoryData<string, int, string, string> Steps()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var (file, line, lhs, rhs) in DataTable.Read("seed-algebra-steps.tsv", 4, (_, c) => (c[0], int.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture), c[2], c[3])))
            data.Add(file, line, lhs, rhs);
        return data;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void IsProvedSymbolically(string file, int line, string lhs, string rhs)
    {
        var result = SingleStep.Check(lhs, rhs, [], []);
        Assert.True(result.Step is not null, $"{file}:{line}: " + string.Join("; ", result.Messages.Select(m => m.Message)));
        Assert.Equal(VerdictKind.Proved, result.Step!.Verdict.Kind);
    }

    [Fact]
    public void TheStepsAreWhereTheTableSaysInTheSeeds()
    {
        foreach (var row in Steps())
        {
            var (file, line) = ((string)row[0], (int)row[1]);
            var text = File.ReadAllLines(JsonSteps.Seed(file))[line - 1];
            Assert.Contains("sigma", text, StringComparison.Ordinal);
        }
    }
}
