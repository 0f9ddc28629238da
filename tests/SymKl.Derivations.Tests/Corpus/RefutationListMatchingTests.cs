namespace SymKl.Derivations.Tests.Corpus;

/// <summary>How a fresh run's refutations are matched with the judged rows of a REFUTATIONS.tsv list.</summary>
public class RefutationListMatchingTests
{
    private static UnseenProofsTests.Row Row(int line, string statement, string judgement, string why) =>
        new("notes.md", line, statement, judgement, why);

    [Fact]
    public void TwoRowsWithTheSameLineAndStatementKeepTheirOwnJudgements()
    {
        var listed = new[]
        {
            Row(4, "0 <= k", "false-alarm", "first range"),
            Row(4, "k <= m", "false-alarm", "first bound"),
            Row(4, "0 <= k", "genuine", "second range"),
        };
        var matches = UnseenProofsTests.Match(listed, "notes.md", [(4, "0 <= k"), (4, "k <= m"), (4, "0 <= k")]);
        Assert.Equal(["first range", "first bound", "second range"], matches.Select(m => m?.Why));
    }

    [Fact]
    public void AThirdOccurrenceHasNoRowAndOtherFilesDoNotMatch()
    {
        var listed = new[] { Row(4, "0 <= k", "false-alarm", "range"), Row(4, "0 <= k", "genuine", "again") };
        var matches = UnseenProofsTests.Match(listed, "notes.md", [(4, "0 <= k"), (4, "0 <= k"), (4, "0 <= k")]);
        Assert.Equal(["range", "again", null], matches.Select(m => m?.Why));
        Assert.All(UnseenProofsTests.Match(listed, "other.md", [(4, "0 <= k")]), m => Assert.Null(m));
    }
}
