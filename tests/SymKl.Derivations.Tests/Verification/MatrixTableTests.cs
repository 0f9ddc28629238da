using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// tests/data/matrices.tsv: vectors and matrices (transposes, inverses, traces, determinants, norms) and multivariate
/// normals (expectations of quadratic forms, densities, entropies, KL divergences), right and wrong, each row a small
/// document whose declarations come first ("Let $A \in \mathbb{R}^{d \times d}$."), each with the verdict it must get.
/// </summary>
public class MatrixTableTests
{
    public sealed record Row(int Line, string Topic, string Expect, string Relation, string Lhs, string Rhs, string[] Declarations, string Note)
    {
        public override string ToString() => $"line {Line} ({Topic}): {Lhs} {Relation} {Rhs}";

        public string Markdown => Relation == "md"
            ? Lhs.Replace("↵", "\n")
            : string.Concat(Declarations.Select(d => "Let $" + d + "$.\n\n")) + "$$\n" + Lhs + " " + (Relation == "=" ? "=" : "\\neq") + " " + Rhs + "\n$$\n";
    }

    public static IReadOnlyList<Row> Rows { get; } =
        DataTable.Read("matrices.tsv", 7, (line, c) => new Row(line, c[0], c[1], c[2], c[3], c[4], DataTable.List(c[5]), c[6]));

    public static TheoryData<int> RowNumbers() => DataTable.LineNumbers(Rows, r => r.Line);

    [Fact]
    public void EveryTopicHasRightAndWrongRows()
    {
        foreach (var topic in Rows.Where(r => r.Relation != "md").GroupBy(r => r.Topic))
        {
            Assert.True(topic.Count(r => r.Expect == "holds") >= 4, topic.Key + ": fewer than 4 right rows");
            Assert.True(topic.Count(r => r.Expect == "refuted") >= 2, topic.Key + ": fewer than 2 refuted rows");
        }
    }

    [Theory]
    [MemberData(nameof(RowNumbers))]
    public void EachRowGetsItsVerdict(int line)
    {
        var row = Rows.Single(r => r.Line == line);
        var asserted = TableVerdicts.Asserted(row.Markdown, "matrices.md", row);
        // A one-step row is judged by its display (the declarations before it are not claims).
        var verdicts = row.Relation == "md" ? asserted.Select(s => s.Verdict).ToList() : asserted.TakeLast(1).Select(s => s.Verdict).ToList();
        TableVerdicts.Check(row.Expect, verdicts, row, line, oneStep: row.Relation != "md");
    }

    /// <summary>A refutation names the dimension and the matrices of the instance that fails.</summary>
    [Fact]
    public void ARefutationShowsTheDimensionAndTheMatrices()
    {
        var document = MarkdownReader.Parse("Let $A, B, C \\in \\mathbb{R}^{d \\times d}$.\n\n$$\n\\mathrm{tr}(ABC) = \\mathrm{tr}(ACB)\n$$\n", "trace.md");
        var step = DocumentVerifier.Verify(document, VerifyOptions.Default).Steps.Last();
        Assert.Equal(VerdictKind.Refuted, step.Verdict.Kind);
        Assert.Contains("d = 2", step.Verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("A = [[", step.Verdict.Reason, StringComparison.Ordinal);
        Assert.Contains(step.Verdict.Counterexample!.Values, v => v.Key == "d" && v.Value == 2);
    }

    /// <summary>An undeclared capital is any matrix; a failure that needs it unsymmetric is not a refutation (the text may mean a covariance).</summary>
    [Fact]
    public void AFailureOnlyForUndeclaredUnsymmetricMatricesIsNotRefuted()
    {
        var document = MarkdownReader.Parse("$$\n\\mathrm{tr}(ABC) = \\mathrm{tr}(ACB)\n$$\n", "trace.md");
        var step = DocumentVerifier.Verify(document, VerifyOptions.Default).Steps.Single();
        Assert.Equal(VerdictKind.Unsupported, step.Verdict.Kind);
        Assert.Contains("symmetric positive definite", step.Verdict.Reason, StringComparison.Ordinal);
    }
}
