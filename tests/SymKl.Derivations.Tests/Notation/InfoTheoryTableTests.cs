using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// tests/data/infotheory.tsv (the columns and runner of notation.tsv): information measures of functions of random
/// variables (H(f(X)) ≤ H(X), H(X, f(X)) = H(X)), decided in random joint laws where each function is a random map of its
/// arguments' values; and the relations a text states between its variables in words or in a definition (Y = f(X),
/// "$X$ = the colour of a shirt", independence named in Chinese or Korean), which keep a failure in random laws unrefuted.
/// Every topic has right and wrong rows.
/// </summary>
public class InfoTheoryTableTests
{
    private const string File = "infotheory.tsv";

    private static readonly IReadOnlyList<NotationTableTests.Row> Table =
        DataTable.Read(File, 8, (line, c) => new NotationTableTests.Row(line, c[0], c[1], c[2], c[3], c[4], DataTable.List(c[5]), DataTable.List(c[6]), c[7]));

    public static TheoryData<int> Rows() => DataTable.LineNumbers(Table, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows()
    {
        foreach (var topic in Table.GroupBy(r => r.Topic))
        {
            Assert.True(topic.Count(r => r.Expect is "holds" or "follows") >= 3, topic.Key + ": fewer than 3 right rows");
            Assert.True(topic.Count(r => r.Expect is not ("holds" or "follows")) >= topic.Count(r => r.Expect is "holds" or "follows"), topic.Key + ": fewer wrong rows than right ones");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachRowGetsItsVerdict(int line)
    {
        var row = Table.Single(r => r.Line == line);
        Assert.Equal("md", row.Relation);
        var verdicts = TableVerdicts.Asserted(row.Lhs.Replace("↵", "\n"), "infotheory.md", row).Select(s => s.Verdict).ToList();
        TableVerdicts.Check(row.Expect, verdicts, row, line, oneStep: false);
    }

    // A refutation names the law: the table of the variables and the map the function is, so that a reader can recompute it.
    [Fact]
    public void ARefutationNamesTheTableAndTheMap()
    {
        var markdown = "Let X be a discrete random variable and f a function. Then\n\n$$\nH(f(X)) = H(X)\n$$\n";
        var verdicts = TableVerdicts.Asserted(markdown, "infotheory.md", "refutation").Select(s => s.Verdict).ToList();
        var refuted = Assert.Single(verdicts);
        Assert.Equal(VerdictKind.Refuted, refuted.Kind);
        Assert.Contains("f maps X ∈ {0…", refuted.Reason);
        Assert.Contains("the joint table over X", refuted.Reason);
        Assert.NotNull(refuted.Counterexample);
    }

    // The decisions do not depend on the seed the random laws are drawn with.
    [Theory]
    [InlineData(1)]
    [InlineData(4242)]
    public void DecisionsDoNotDependOnTheSeed(int seed)
    {
        foreach (var (markdown, holds) in new[]
        {
            ("Let X be a discrete random variable. Then\n\n$$\nH(X, f(X)) = H(X)\n$$\n", true),
            ("Let X be a discrete random variable. Then\n\n$$\nH(f(X)) \\le H(X)\n$$\n", true),
            ("Let X be a discrete random variable. Then\n\n$$\nH(X \\mid f(X)) = 0\n$$\n", false),
        })
        {
            var result = DocumentVerifier.Verify(SymKl.Derivations.Markdown.MarkdownReader.Parse(markdown, "seed.md"), new VerifyOptions { Seed = seed });
            var verdict = Assert.Single(result.Steps).Verdict;
            Assert.True(holds ? verdict.Holds : verdict.Kind == VerdictKind.Refuted, markdown + " with seed " + seed + ": " + verdict.Kind + ": " + verdict.Reason);
        }
    }
}
