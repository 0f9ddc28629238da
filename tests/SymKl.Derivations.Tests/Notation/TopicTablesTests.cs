using SymKl.Derivations.Verification;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Notation;

/// <summary>
/// The tables of tests/data with the columns and runner of notation.tsv (a row is one step, or with relation "md" a whole
/// document), one per topic area:
/// <list type="bullet">
/// <item>maxent.tsv: derivatives of a Lagrangian by the value p(x) (written with ∂ or δ, over an integral or a sum) or by a
/// component p_k of a defined J(p, λ); a derivative by the bare name of an expression in its components only is never decided;
/// multipliers solved from the equations a text works with (λ of any sign, confirm only; equations with integrals that
/// hold only for special limits confirm nothing); '>>' and '<<' in plain text as much greater and much less than;</item>
/// <item>information-families.tsv: entropies and mutual information of variables written in any case, binary entropy,
/// improper integrals under a sign the text states, derivatives by a name defined as a value (p_x := p_X(x));</item>
/// <item>statement-roles.tsv: what is not a claim: conditions written in a display after the formula they qualify
/// (\text{if}, \text{for}, bounds that are constants), statements named by a label (H_0: …, m: …), model equations beside the
/// law of their noise, equations before an arrow (the premise) and after one from a premise SymKl cannot read, and the
/// condition cues 'satisfying' and 'in the case that'; results that read as definitions: a stated optimiser in counts
/// written with the number sign (\#heads), and the display after an equation that solved a stationarity equation (it solves
/// that restated equation in turn), beside a genuine 'let' definition of the same look; premises after 'since' (checked, and
/// assumed; a failure only at values of open names is no mistake), suppositions reaching through a copula ('assume that they are
/// ordered in the order $…$'), index ranges inside a membership declaration;</item>
/// <item>sums.tsv: sums over several values at once (\sum_{x, y}) with the law written p, P or \mathbb{P}; \sum_N^M only
/// beside the binomial coefficient of M over N; a sign set in text type (\text{-}); conditions stated in Chinese prose;</item>
/// <item>own-densities.tsv: refutations in random models of abstract densities withdrawn where the step is about the text's
/// own density (a formula, a support, a table or a named law on one side), with wrong variants that stay refuted;</item>
/// <item>solving.tsv: values solved from the equations in force put into later statements (confirm only), one letter for
/// the laws of several variables, I^T as the transposed identity where T is a number of the document;</item>
/// <item>calculus-notation.tsv: notation read two ways: a bracket-less function before several factors (\ln \frac{a}{b} (c)),
/// g^{-1}(z) for a function the text applies, I_P given an integral (a number, not the identity), a link citing a labelled
/// display (\overset{\eqref{…}}{=}), a condition with its bound also given approximately (κ &lt; ½ ln 2 ≈ 0.347);</item>
/// <item>matrix-false-alarms.tsv: matrix statements a careful reader would not flag: a name's own transpose and the identity
/// are no definitions, a column before a bracket raised to a power, scalars of no stated sign, moments the check chose
/// freely, matrices set in a hypothesis ("assuming V = I_n"), named quantities and conventions (σ̂² = …, x_j beside
/// x_ij, a chain ending in 0 about undefined vectors), parametrisations in a model row, a letter before a bracket of
/// vectors (η(βv + Ax): a factor or a function, refuted only when both readings fail), properties stated of declared
/// matrices ("$A \in \mathbb{R}^{n \times n}$ … are orthogonal", "is said to be **orthogonal**", H² = H drawn as a projection),
/// a matrix given by its action (Py = argmin …), a pseudoinverse beside its matrix, a name defined in the "where" after a
/// display, columns named in words; each with wrong variants that stay refuted.</item>
/// <item>unseen-false-alarms.tsv: causes of false alarms on proofs nobody here graded: sums over an empty written range, names
/// the text solved for earlier (bound in later links), matrix relations a text assumes,
/// starred indices tied to a family in words, tagged variants of a density letter, a joint factorised along a graph
/// (p(b) p(a | b) p(c | b): a conditional independence); each with wrong variants that stay refuted.</item>
/// <item>unseen-reading-false-alarms.tsv: readings of proofs nobody here graded that a careful mathematician would not make: a
/// subscripted function with ^{-1} before a bracket (K_h^{-1}(x), the text applies K_h) is an inverse; the logarithm of a fresh
/// name given a formula (\ln R = …) names it; a fresh name set equal to a formula after 'such that' is no free parameter; a
/// conditional density given at a letter that is none of its arguments is not used; later links after 'is defined as' that
/// start with a fresh name define it; \Delta x is one name; bars raised to a power inside brackets are absolute values.</item>
/// </list>
/// Every topic has right and wrong rows.
/// </summary>
public class TopicTablesTests
{
    private static readonly string[] Files = ["maxent.tsv", "information-families.tsv", "sums.tsv", "statement-roles.tsv", "own-densities.tsv", "solving.tsv", "calculus-notation.tsv", "matrix-false-alarms.tsv", "unseen-false-alarms.tsv", "unseen-reading-false-alarms.tsv"];

    private static readonly Dictionary<string, IReadOnlyList<NotationTableTests.Row>> Tables = Files.ToDictionary(f => f, Read, StringComparer.Ordinal);

    private static IReadOnlyList<NotationTableTests.Row> Read(string file) =>
        DataTable.Read(file, 8, (line, c) => new NotationTableTests.Row(line, c[0], c[1], c[2], c[3], c[4], DataTable.List(c[5]), DataTable.List(c[6]), c[7]));

    public static TheoryData<string> TableFiles() => new(Files);

    public static TheoryData<string, int> Rows() => DataTable.FileLines(Files, f => Tables[f], r => r.Line);

    [Theory]
    [MemberData(nameof(TableFiles))]
    public void EveryTopicHasRightAndWrongRows(string file)
    {
        foreach (var topic in Tables[file].GroupBy(r => r.Topic))
        {
            Assert.True(topic.Count(r => r.Expect is "holds" or "follows") >= 3, file + ", " + topic.Key + ": fewer than 3 right rows");
            Assert.True(topic.Count(r => r.Expect is not ("holds" or "follows")) >= 3, file + ", " + topic.Key + ": fewer than 3 wrong rows");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachRowGetsItsVerdict(string file, int line)
    {
        var row = Tables[file].Single(r => r.Line == line);
        List<Verdict> verdicts = row.Relation == "md"
            ? [.. TableVerdicts.Asserted(row.Lhs.Replace("↵", "\n"), Path.ChangeExtension(file, ".md"), row).Select(s => s.Verdict)]
            : [Step(row)];
        TableVerdicts.Check(row.Expect, verdicts, row, line, oneStep: row.Relation != "md");
    }

    /// <summary>One row's statement checked alone (relation =, >= or <=); the verdict, or why it could not be read.</summary>
    internal static Verdict Step(NotationTableTests.Row row)
    {
        var op = row.Relation switch { "=" => "=", ">=" => "\\geq", "<=" => "\\leq", _ => throw new InvalidDataException(row.Relation) };
        var result = SingleStep.Check(row.Lhs, row.Rhs, row.Assumptions, row.Definitions, op);
        return result.Step?.Verdict ?? new Verdict(VerdictKind.Unsupported, string.Join("; ", result.Messages.Select(m => m.Message)), null, null, 0);
    }
}
