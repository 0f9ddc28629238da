using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// tests/data/information-measures.tsv: inequalities between entropies and informations of random variables, right and
/// wrong, each in a document that says whether its variables are discrete or continuous (or does not say).
/// </summary>
public class InformationMeasureTableTests
{
    public sealed record Row(int Line, string Variables, string Expect, string Relation, string Lhs, string Rhs, string Note)
    {
        public override string ToString() => $"line {Line} ({Variables}, {Note}): {Lhs} {Relation} {Rhs}";
    }

    public static IReadOnlyList<Row> Rows { get; } =
        DataTable.Read("information-measures.tsv", 6, (line, c) => new Row(line, c[0], c[1], c[2], c[3], c[4], c[5]), exactly: true);

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    private static string Prose(string variables) => variables switch
    {
        "discrete" => "Let X, Y and Z be discrete random variables. We have\n\n",
        "continuous" => "Let X, Y and Z be continuous random variables; h is their differential entropy. We have\n\n",
        "unstated" => "",
        _ => throw new InvalidDataException("unknown kind of variables '" + variables + "'"),
    };

    internal static Verdict Verify(Row row, int seed = 0)
    {
        var op = row.Relation switch { "=" => "=", ">=" => "\\ge", "<=" => "\\le", ">" => ">", "<" => "<", _ => throw new InvalidDataException(row.Relation) };
        var markdown = Prose(row.Variables) + "$$\n" + row.Lhs + " " + op + " " + row.Rhs + "\n$$\n";
        var steps = DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "information.md"), new VerifyOptions { Seed = seed }).Steps;
        Assert.Single(steps);
        return steps[0].Verdict;
    }

    [Fact]
    public void EveryKindHasRightAndWrongRows()
    {
        foreach (var kind in Rows.GroupBy(r => r.Variables))
        {
            Assert.True(kind.Count(r => r.Expect == "holds") >= 2, kind.Key + ": fewer than 2 right rows");
            Assert.True(kind.Count(r => r.Expect != "holds") >= 2, kind.Key + ": fewer than 2 wrong or undecided rows");
        }
    }

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line)
    {
        var row = Rows.Single(r => r.Line == line);
        DataTable.AssertExpected(row.Expect, Verify(row), row.ToString(), line);
    }

    // The laws drawn depend on the seed; the decisions must not.
    [Theory]
    [InlineData(1)]
    [InlineData(98765)]
    public void DecisionsDoNotDependOnTheSeed(int seed)
    {
        foreach (var row in Rows.Where(r => r.Expect != "unsupported"))
        {
            var verdict = Verify(row, seed);
            Assert.True(row.Expect == "holds" ? verdict.Holds : verdict.Kind == VerdictKind.Refuted, $"{row} with seed {seed}: {verdict.Kind}: {verdict.Reason}");
        }
    }

    // A refutation shows the law: a reader can check H(X) < 0 for the Gaussian given.
    [Fact]
    public void ARefutationNamesTheLawAndTheEntropies()
    {
        var verdict = Verify(Rows.First(r => r.Note == "differential entropy can be negative"));
        Assert.Equal(VerdictKind.Refuted, verdict.Kind);
        Assert.Contains("X ~ N(0, ", verdict.Reason);
        Assert.Equal(["h(X)"], verdict.Counterexample!.Values.Select(kv => kv.Key));
        Assert.True(verdict.Counterexample.Lhs < 0);
    }

    // "When X and Y are independent, H(X, Y) = H(X) + H(Y)": a condition in the sentence before keeps a failure from being reported as a mistake.
    [Fact]
    public void AConditionInTheProseKeepsAFailureUnrefuted()
    {
        var markdown = "Let X and Y be discrete random variables. When Y is a function of X, the pair carries what X carries:\n\n$$\nH(X, Y) \\le H(X)\n$$\n";
        var steps = DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "information.md")).Steps;
        Assert.DoesNotContain(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
    }

    // H(P, Q) of distributions P and Q is still the cross-entropy, not a joint entropy.
    [Fact]
    public void CrossEntropyOfDistributionsIsNotAJointEntropy()
    {
        var markdown = "Let X be a discrete random variable.\n\n$$\nH(P, Q) \\ge H(P)\n$$\n";
        var steps = DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "information.md")).Steps;
        Assert.Single(steps);
        Assert.DoesNotContain("joint laws", steps[0].Verdict.Reason ?? "");
    }
}
