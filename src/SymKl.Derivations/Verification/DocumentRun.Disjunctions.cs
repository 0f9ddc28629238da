using SymKl.Derivations.Markdown;
using SymKl.Latex;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "X and Y can be of equal size ($n = m$ or $n \neq m$)", "if $a = 0$ or $b = 0$": relations in running prose joined by
/// a bare "or" are the alternatives of one disjunction. Neither is stated on its own: the first is no definition (n = m
/// would make n ≠ m "equal" and refute it) nor a hypothesis (assuming a = 0 and b = 0 both), the second no claim. Both are
/// remarks. After a word that draws a consequence ("we get $x = 2$ or $x = -2$") the alternatives are consequences, which
/// the chain reading handles (neither refuted alone); "or equivalently" restates, and is no disjunction.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The block being verified is inline math joined by a bare "or" to inline math before or after it in its sentence.</summary>
    private bool _disjunct;

    private bool IsDisjunct(IReadOnlyList<MathBlock> blocks, int index)
    {
        var block = blocks[index];
        if (block.Kind != MathBlockKind.Inline || !HoldsRelation(block)) return false;
        if (index + 1 < blocks.Count && blocks[index + 1] is { Kind: MathBlockKind.Inline, ContinuesSentence: true } next && OnlyOr(next.ProseBefore) && !document.IsSkipped(next) && HoldsRelation(next))
            return !Consequences(block);
        return index > 0 && blocks[index - 1].Kind == MathBlockKind.Inline && block.ContinuesSentence && OnlyOr(block.ProseBefore) && !document.IsSkipped(blocks[index - 1]) && HoldsRelation(blocks[index - 1])
            && !Consequences(blocks[index - 1]);
    }

    /// <summary>
    /// "Solving $x^2 - 5x + 6 = 0$: $x = 2$ or $x = 3$", "so $x = 2$ or …": the first alternative comes after a colon or a
    /// word that draws a consequence; the alternatives are the solutions, which the implication reading checks.
    /// </summary>
    private static bool Consequences(MathBlock first)
    {
        var before = first.ProseBefore.TrimEnd();
        return before.EndsWith(":", StringComparison.Ordinal) || ConsequenceWord.IsMatch(before);
    }

    private static readonly System.Text.RegularExpressions.Regex ConsequenceWord = new(
        @"\b(?:so|hence|thus|therefore|gives?|giving|get|gets|obtain|yields?|solv\w*|solutions?|roots?|implies|means)\W*$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>The words between the two are "or" alone (commas and spaces aside).</summary>
    private static bool OnlyOr(string prose) => string.Equals(prose.Trim().Trim(',', ';').Trim(), "or", StringComparison.OrdinalIgnoreCase);

    private bool HoldsRelation(MathBlock block) =>
        LatexParser.ParseMath(Expanded(block, out _)).Root?.Rows is { } rows && rows.Any(r => r.Items.Any(i => i is LatexRelation));
}
