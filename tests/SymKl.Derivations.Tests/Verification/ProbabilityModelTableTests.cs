using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// tests/data/probability-models.tsv: statements about densities a text never writes out (the ELBO, Bayes, Jensen,
/// Gibbs, argmax/argmin), right and wrong, each with the verdict it must get when it stands alone in a document.
/// </summary>
public class ProbabilityModelTableTests
{
    /// <summary>A statement, with the displays that come before it in its document (definitions), if any.</summary>
    public sealed record Row(int Line, string Topic, string Expect, string Relation, string Lhs, string Rhs, string Note, string[] Context)
    {
        public override string ToString() => $"line {Line} ({Topic}, {Note}): {Lhs} {Relation} {Rhs}";

        public string Markdown(string op) =>
            string.Concat(Context.Select(c => "$$\n" + c + "\n$$\n\n")) + "$$\n" + Lhs + " " + op + " " + Rhs + "\n$$\n";
    }

    public static IReadOnlyList<Row> Rows { get; } =
        DataTable.Read("probability-models.tsv", 6, (line, c) => c.Length <= 7
            ? new Row(line, c[0], c[1], c[2], c[3], c[4], c[5], c.Length == 7 ? DataTable.List(c[6]) : [])
            : throw new InvalidDataException($"probability-models.tsv line {line}: more than 7 columns"));

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows()
    {
        foreach (var topic in Rows.GroupBy(r => r.Topic))
        {
            Assert.True(topic.Count(r => r.Expect == "holds") >= 5, topic.Key + ": fewer than 5 right rows");
            Assert.True(topic.Count(r => r.Expect != "holds") >= 4, topic.Key + ": fewer than 4 wrong rows");
        }
    }

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line)
    {
        var row = Rows.Single(r => r.Line == line);
        DataTable.AssertExpected(row.Expect, Verify(row), row.ToString(), line);
    }

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A step budget well above what a model check takes on an idle machine: the rows pin verdicts, and the default 10 s
    /// wall-clock budget made the sequence models' slowest rows flip on a loaded runner.
    /// </summary>
    private static readonly VerifyOptions Unhurried = new() { StepTimeout = Budget };

    internal static Verdict Verify(Row row)
    {
        var op = row.Relation switch { "=" => "=", ">=" => "\\ge", "<=" => "\\le", ">" => ">", "<" => "<", _ => throw new InvalidDataException(row.Relation) };
        var result = DocumentVerifier.Verify(MarkdownReader.Parse(row.Markdown(op), "model.md"), Unhurried);
        return Statement(result.Steps, row).Verdict;
    }

    /// <summary>The row's statement: the one step after its context, which must all be definitions.</summary>
    private static StepResult Statement(IReadOnlyList<StepResult> steps, Row row)
    {
        Assert.Equal(row.Context.Length + 1, steps.Count);
        Assert.All(steps.Take(row.Context.Length), s => Assert.Equal(StatementRole.Definition, s.Role));
        return steps[^1];
    }

    // A refutation names the model it used, so a reader can reproduce it, and only the variables left free.
    [Fact]
    public void ARefutationNamesItsModelAndTheFreeVariables()
    {
        var row = Rows.First(r => r.Note == "sign of the KL flipped");
        var verdict = Verify(row);
        Assert.Equal(VerdictKind.Refuted, verdict.Kind);
        Assert.Contains("p(x, z) = N(mean (", verdict.Reason);
        Assert.Contains("covariance", verdict.Reason);
        Assert.Equal(["x"], verdict.Counterexample!.Values.Select(kv => kv.Key));
    }

    // The same statements with another seed: the decision does not depend on the models drawn.
    [Theory]
    [InlineData(1)]
    [InlineData(12345)]
    public void DecisionsDoNotDependOnTheSeed(int seed)
    {
        foreach (var row in Rows.Where(r => r.Expect != "unsupported"))
        {
            var op = row.Relation switch { "=" => "=", ">=" => "\\ge", "<=" => "\\le", _ => ">" };
            var verdict = Statement(DocumentVerifier.Verify(MarkdownReader.Parse(row.Markdown(op), "model.md"), new VerifyOptions { Seed = seed, StepTimeout = Budget }).Steps, row).Verdict;
            Assert.True(row.Expect == "holds" ? verdict.Holds : verdict.Kind == VerdictKind.Refuted, $"{row} with seed {seed}: {verdict.Kind}: {verdict.Reason}");
        }
    }

    // An implication is never refuted by a model: its premises may be what makes it true.
    [Fact]
    public void ImplicationsAreNotRefutedByAModel()
    {
        var markdown = "If $p(z \\mid x) = p(z)$, then $\\log p(x, z) = \\log p(x)$.\n";
        var steps = DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "model.md"), Unhurried).Steps;
        Assert.DoesNotContain(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
    }

    // q(z) beside q(z | x) may be the variational density abbreviated: not decided either way.
    [Fact]
    public void AVariationalDensityWrittenTwoWaysIsNotDecided()
    {
        var verdict = Verify(new Row(0, "", "", "=", @"\mathbb{E}_{q(z \mid x)}[\log q(z \mid x)]", @"\mathbb{E}_{q(z)}[\log q(z)]", "", []));
        Assert.False(verdict.Holds);
        Assert.NotEqual(VerdictKind.Refuted, verdict.Kind);
    }
}
