using System.Text.RegularExpressions;
using SymKl.Derivations.Checking;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using Relation = SymKl.Symbolic.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Steps over named discrete random variables written with the values' abstract law p(x, y | z) and the measures H, I,
/// decided in random joint tables (<see cref="InformationSums"/>). H(…) and I(…; …) of capital-letter variables are the
/// standard measures: a formula given for one is its definition only when it agrees with the standard one; one that
/// disagrees in a random table (a missing minus, a wrong conditional) is a wrong claim about the standard measure. A
/// measure of the document's own must carry a name of its own (TC(X, Y), H_2(X), J(X; Y)), which this never reads.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>A relation between the variables stated in the section: independence, a function, a Markov chain, Y = g(X) (\mathbf{Y} = g(\mathbf{X}) too).</summary>
    private static readonly Regex SectionRelationCue = new(
        @"(?i:\b(independen\w*|markov|function\s+of|deterministic\w*|i\.\s*i\.\s*d|invertible|bijecti\w*|injective|one-to-one|transform\w*|copy|copies|identical\w*)\b)|(?<![A-Za-z\\])(?:\\(?:mathbf|boldsymbol|bm|mathrm)\{)?[S-Z](?:_\{?\w+\}?)?\}?\s*=\s*(?![0-9])[A-Za-z\\]"
        // "$X$ = the number on a die" (the math closed after the name, words after '='): a variable the text gives a
        // concrete meaning; and independence or a function named in Korean, Chinese or Japanese (독립, 独立, 함수, 函数, 関数).
        + @"|(?<![A-Za-z\\])[S-Z](?:_\{?\w+\}?)?\$\s*=\s*(?![0-9$])\p{L}|독립|独立|함수|函数|関数|결정적|確定的",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// A concrete law or experiment in the section (a fair coin, dice, X ∼ Bernoulli(½), a channel): measures of such
    /// variables take particular values, which a random table does not have.
    /// </summary>
    private static readonly Regex SectionLawCue = new(
        @"(?i:\b(coins?|dice|die|fair|toss\w*|throw\w*|roll\w*|uniform\w*|bernoulli|binomial|gaussian|normal|examples?|outcomes?|channel|nois\w*|erasure|flip\w*)\b"
        // Drawn or sampled, but not "from the joint distribution" (the abstract law itself, no concrete experiment).
        + @"|\b(drawn|sampled)\b(?!\s+from\s+(?:the\s+|a\s+|an\s+|their\s+|its\s+)?(?:joint\s+|marginal\s+|conditional\s+|same\s+|true\s+|underlying\s+)?(?:probability\s+)?(?:distribution|law|density)\b))|\\sim\b|~",
        RegexOptions.CultureInvariant);

    /// <summary>In the math itself: a condition or an equivalence the equation is part of (X \perp Y, \iff, \text{if}).</summary>
    private static readonly Regex MathConditionCue = new(
        @"\\(?:perp|bot|iff|Leftrightarrow|Longleftrightarrow|Rightarrow|Longrightarrow|implies)\b|\\(?:text|mathrm|textrm)\{\s*(?:if|iff|when|where|for|independent)",
        RegexOptions.CultureInvariant);

    /// <summary>A step with p(…) of values summed or averaged next to H, I of the variables: decided in random tables (before binding).</summary>
    private Verdict? InformationSumStep(Operand left, Relation relation, Operand right, StatementRole role, bool refutable)
    {
        if (role == StatementRole.Implication || _block is null) return null;
        var read = InformationSums.Read(left.Node, right.Node);
        if (read is null) return InformationRunStep(left, relation, right, refutable);
        // Σ_x H(Y | X = x) with no density beside it: summed over the values all the same, in the one table.
        if (read is not { } reading || !(reading.Densities || reading.Summed && reading.Measures)) return null;
        // Without a sum the values may be those of continuous variables (differential entropies, which may be negative).
        _variableKinds ??= InformationModels.KindsIn(document.Source.Text);
        if (!reading.Summed && _variableKinds != VariableKinds.Discrete)
        {
            // 𝔼[log …] of the law next to H, I and nothing else: both sides are combinations of joint entropies, and such an
            // equation holds for every discrete law exactly when it holds for every continuous one (the entropies of
            // Gaussian laws take every direction too), so random tables decide it whatever the variables are. Not so for
            // inequalities (a differential entropy may be negative), nor for a density outside a logarithm.
            if (relation != Relation.Equal || !reading.LogLinear || UnitsPerNat() is not { } anyUnits) return null;
            var verdict = InformationSums.Decide(left.Node, relation, right.Node, reading, anyUnits, SumRefusal(refutable, sectionToo: true) ?? LawRefusal(), onlyRefute: false, options.Seed);
            return verdict is null || _variableKinds == VariableKinds.Discrete ? verdict
                : verdict with { Reason = verdict.Reason + "; both sides are combinations of entropies (𝔼 of logarithms of the one law), so the equation holds for continuous variables exactly when it holds for discrete ones" };
        }
        if (UnitsPerNat() is not { } units) return null;
        return InformationSums.Decide(left.Node, relation, right.Node, reading, units, SumRefusal(refutable, sectionToo: false), onlyRefute: false, options.Seed);
    }

    /// <summary>The lengths an n-variable statement is written out at (at most four variables fit a random table).</summary>
    private static readonly int[] RunLengths = [2, 3, 4];

    /// <summary>
    /// An equation over n variables written with ellipsis runs (H(X_1, \ldots, X_n) = Σ_{i=1}^{n} H(X_i | X_{i-1}, \cdots, X_1),
    /// Σ_{x_1, \ldots, x_n, z} p(…) log …/∏ p(x_i | z)), written out at n = 2, 3 (4) (<see cref="InformationRuns"/>) and decided
    /// in random joint tables at each: refuted when it fails at some n, confirmed when it holds at every n that reads (two
    /// at least), null otherwise. A condition or a concrete law in the section keeps a failure unrefuted.
    /// </summary>
    private Verdict? InformationRunStep(Operand left, Relation relation, Operand right, bool refutable)
    {
        if (relation != Relation.Equal || UnitsPerNat() is not { } units) return null;
        var instances = InformationRuns.Instances(left.Text, right.Text, RunLengths);
        if (instances.Count == 0) return null;
        var refusal = SumRefusal(refutable, sectionToo: true) ?? LawRefusal();
        var held = new List<int>();
        foreach (var (n, lhs, rhs) in instances)
        {
            var l = LatexParser.ParseExpression(lhs).Expression;
            var r = LatexParser.ParseExpression(rhs).Expression;
            if (l is null || r is null || InformationSums.Read(l, r) is not { } reading || !(reading.Summed || reading.LogLinear)) continue;
            var at = "written out at n = " + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (" + lhs + " = " + rhs + "): ";
            switch (InformationSums.Decide(l, relation, r, reading, units, refusal, onlyRefute: false, options.Seed))
            {
                case null:
                    continue;
                case { Kind: VerdictKind.Confirmed or VerdictKind.Proved }:
                    held.Add(n);
                    continue;
                case var failed:
                    return failed with { Reason = at + failed.Reason };
            }
        }
        return held.Count < 2 ? null
            : new Verdict(VerdictKind.Confirmed, "written out at n = " + string.Join(", ", held) + " (every run, Σ_{i=1}^{n} and ∏ listed term by term), it holds at each in 15 random joint tables of the variables (p(…), its conditionals and H, I all taken from one table; not proved for every n)", null, null, held.Count);
    }

    /// <summary>A concrete law or experiment in the section or the words after the math, which random tables do not have; null when none.</summary>
    private string? LawRefusal()
    {
        var after = WordsAfterBlock();
        var math = document.Source.Text.Substring(_block!.Offset, Math.Min(_block.Length, document.Source.Text.Length - _block.Offset));
        if (MathConditionCue.IsMatch(math)) return "its math states a condition, which the random tables do not respect";
        return (SectionLawCue.Match(SectionProse()) is { Success: true } law ? law : SectionLawCue.Match(after)) is { Success: true } cue
            ? "its section names a concrete law or experiment ('" + cue.Value.Trim() + "'), which the random tables do not have"
            : null;
    }

    /// <summary>
    /// An equation between information measures alone (I(X; Y | Z) = H(X) − H(X | Y)) that the symbolic checks could not
    /// prove: refuted in a random table when neither its sentence nor its section relates the variables; null otherwise.
    /// Joint entropies of distinct sets of variables are free of linear relations, so an identity that is not one of
    /// the chain rules fails in some joint law.
    /// </summary>
    private Verdict? InformationMeasureEquality(Operand left, Relation relation, Operand right, Expr lhs, Expr rhs, StatementRole role, bool refutable)
    {
        if (role == StatementRole.Implication || relation != Relation.Equal || _block is null) return null;
        if (InformationSums.Read(left.Node, right.Node) is not { Densities: false, Measures: true } reading) return null;
        // I(X, Y) with a comma where the document has defined I itself (I(x) = −log p(x), the self-information): which I
        // the step means is not clear.
        if (_scope.IsDefinedFunction("I") && CommaInformation(left.Node, right.Node)) return null;
        // Only a combination of joint entropies with constant coefficients and no constant term (H(X) = 1 bit is about a law).
        if (InformationModels.Terms(lhs, rhs) is null) return null;
        // Such a combination is zero in every unit or in none: a document whose logarithms' base is unclear still decides it.
        var units = UnitsPerNat() ?? 1;
        // Under a relation the text states (Y = cX + d, independence, a fair coin), the other checks decide or leave it open.
        if (SumRefusal(refutable, sectionToo: true) is not null) return null;
        var math = document.Source.Text.Substring(_block.Offset, Math.Min(_block.Length, document.Source.Text.Length - _block.Offset));
        // "… = H(X) + H(Y) for independent X and Y": the words after it may state the case too (after a blank line as well).
        var after = WordsAfterBlock();
        if (MathConditionCue.IsMatch(math) || SectionLawCue.IsMatch(SectionProse()) || SectionRelationCue.IsMatch(after) || SectionLawCue.IsMatch(after)) return null;
        return InformationSums.Decide(left.Node, relation, right.Node, reading, units, null, onlyRefute: true, options.Seed);
    }

    /// <summary>I(X, Y) written with a comma and no ';' in either side.</summary>
    private static bool CommaInformation(params SyntaxNode[] sides) =>
        sides.Any(side => side.DescendantsAndSelf().OfType<Call>().Any(c => c.Callee is Identifier { Name: "I" } && c.Separators.All(x => x.Text != ";")));

    /// <summary>H(X, Y) = Σ p(x, y) log p(x, y) and the like: a formula that is not the standard measure's, so not a definition.</summary>
    private bool MisdefinedMeasure(Operand left, RelationOperator op, Operand right)
    {
        if (op.Negated || op.Kind is not (RelationKind.Equal or RelationKind.Define) || _block is null) return false;
        if (left.Node is not Call { Callee: Identifier { Name: "H" or "I" } }) return false;
        if (InformationSums.Read(left.Node, right.Node) is not { Densities: true } reading) return false;
        if (UnitsPerNat() is not { } units) return false;
        return InformationSums.Decide(left.Node, Relation.Equal, right.Node, reading, units, null, onlyRefute: true, options.Seed) is { Kind: VerdictKind.Refuted };
    }

    /// <summary>Why a failure is not a refutation: a rewrite inside an equation being solved, or a condition the text states.</summary>
    private string? SumRefusal(bool refutable, bool sectionToo)
    {
        if (!refutable) return "it is a rewrite inside an equation being solved";
        var sentence = LastSentence(_block?.ProseBefore ?? string.Empty);
        if (TableConditionCue.Match(sentence) is { Success: true } cue)
            return "the sentence before it states a condition ('" + cue.Value + "') that the random tables do not respect";
        var (_, after) = SentenceAroundBlock();
        if (TrailingCondition.Match(after) is { Success: true } trailing)
            return "the words after it state a condition ('" + trailing.Groups["cue"].Value + "') that the random tables do not respect";
        if (sectionToo && SectionRelationCue.Match(SectionProse()) is { Success: true } related)
            return "its section relates the variables ('" + related.Value.Trim() + "'), which the random tables do not respect";
        return null;
    }

    /// <summary>The first sentence after the current math (at most 200 characters), across a blank line, up to the next display or heading.</summary>
    private string WordsAfterBlock()
    {
        var text = document.Source.Text;
        var from = Math.Min(text.Length, _block!.Offset + _block.Length);
        var to = from;
        for (var steps = 0; to < text.Length && steps < 200; to++, steps++)
        {
            if (text[to] == '.' && to > from && (to + 1 == text.Length || char.IsWhiteSpace(text[to + 1]))) break;
            if (string.CompareOrdinal(text, to, "$$", 0, 2) == 0 && to > from + 2 || string.CompareOrdinal(text, to, "\n#", 0, 2) == 0) break;
        }
        return text.Substring(from, to - from);
    }

    /// <summary>The text from the last heading before the current math to the math.</summary>
    private string SectionProse()
    {
        var text = document.Source.Text;
        var end = Math.Min(_block!.Offset, text.Length);
        var start = text.LastIndexOf("\n#", Math.Max(0, end - 1), StringComparison.Ordinal);
        return text.Substring(start < 0 ? 0 : start, end - (start < 0 ? 0 : start));
    }
}
