namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// The whole-document tables of tests/data, each row a Markdown document with the verdict its claims must get:
/// <list type="bullet">
/// <item>diffusion.tsv: diffusion-model algebra in α_t, β_t, ᾱ_t as posts write it, with the convention α_t = 1 − β_t,
/// ᾱ_t = ∏ α_s stated or taken for granted;</item>
/// <item>gaussian-linear.tsv: completing the square with vectors up to an additive constant ("+ const", "+ C") and
/// proportionality of Gaussian kernels in vector form; a matrix the document defined, written again (the Kalman covariance
/// update restated in its short form, a Schur complement in a summary): held when it agrees, left open when it does not;
/// a label written once without its parentheses (u_{k-1}^a where the text writes u_k^{(a)}) read as that label;</item>
/// <item>gradients.tsv: gradients, Hessians (∇²_w) and Jacobians (∇_w of a vector) by vectors, and derivatives by an entry
/// or block of a name (∂/∂w_l of an expression in w);</item>
/// <item>logistic.tsv: logistic and softmax regression (update rules with ':=', the loss ℓ and its derivatives, the sigmoid,
/// labels declared in a finite set of integers, y_i ∈ {0, 1}, taken as data under a derivative);</item>
/// <item>moments.tsv: expectations of vectors with no law read by linearity, noise facts the prose states, moments named
/// Q = 𝔼[wwᵀ];</item>
/// <item>prose-names.tsv: symbols introduced in words ("denote the denominator by $Z$", "let $n$ be the number of samples").</item>
/// <item>backprop.tsv: backpropagation (quantities of the model named in words, indexed definitions, derivatives by one
/// component under sums, derivatives by a named intermediate number such as ∂ℓ/∂a with a = σ(z)).</item>
/// </list>
/// </summary>
public class DocumentTablesTests
{
    private static readonly string[] Files = ["diffusion.tsv", "gaussian-linear.tsv", "gradients.tsv", "logistic.tsv", "moments.tsv", "prose-names.tsv", "backprop.tsv"];

    private static readonly Dictionary<string, IReadOnlyList<DocumentTable.Row>> Tables = Files.ToDictionary(f => f, DocumentTable.Read, StringComparer.Ordinal);

    public static TheoryData<string> TableFiles() => new(Files);

    public static TheoryData<string, int> Rows() => DataTable.FileLines(Files, f => Tables[f], r => r.Line);

    [Theory]
    [MemberData(nameof(TableFiles))]
    public void EveryTopicHasRightAndWrongRows(string file) => DocumentTable.HasRightAndWrongRows(Tables[file]);

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachRowGetsItsVerdict(string file, int line) => DocumentTable.GetsItsVerdict(Tables[file], line, Path.ChangeExtension(file, ".md"));
}
