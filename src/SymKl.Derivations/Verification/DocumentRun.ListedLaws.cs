using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "$w_0, w_1 \sim \mathcal{N}(0, 1)$": a law stated of a list of names. The math splits at the comma, so the relation
/// holds only the last name and the ones before it stand alone in the row; a reader gives each of them the law. Without it
/// an expectation over the list (E[w_0² + w_0 w_1 x]) read w_0 as a constant and was refuted.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Gives the law of "…, y \sim D" to each lone name written, separated by commas, right before it in the row.</summary>
    private void BindListedLaws(IReadOnlyList<SyntaxNode> items, LatexRelation relation, ParseResult parsed, Func<int, FilePosition> at)
    {
        if (options.ClaimsOnly || relation.Operators is not [{ Kind: RelationKind.Sim, Negated: false }] || relation.Operands[0] is not Identifier last) return;
        var index = -1;
        for (var i = 0; i < items.Count; i++)
            if (ReferenceEquals(items[i], relation)) { index = i; break; }
        var listed = new List<Identifier>();
        // Only names set off by a comma ("w_0, w_1 \sim"), not a label ("P : X \sim") nor words between.
        for (var i = index - 1; i >= 0 && items[i] is Identifier name && CommaBetween(parsed, name, items[i + 1]); i--) listed.Add(name);
        // Names of the same kind as the last (w_0, w_1; x, y): not a clause that ends in a name of another sort.
        if (listed.Count == 0 || listed.Count > 8 || listed.Any(n => n.Style != last.Style)) return;
        foreach (var name in Enumerable.Reverse(listed))
            if (TryBindDistribution(name, relation.Operands[1], parsed, at))
                Unchecked(new Operand(name, parsed, at), relation.Operators[0], new Operand(relation.Operands[1], parsed, at), StatementRole.Definition,
                    "'~' binds a distribution to each name of a list", "definition of " + Definitions[Definitions.Count - 1].Name + " (a distribution, stated of a list)");
    }

    /// <summary>Only a comma (and spaces) stands between the name and what follows it in the math.</summary>
    private static bool CommaBetween(ParseResult parsed, SyntaxNode name, SyntaxNode next)
    {
        var (from, to) = (name.Span.End, next.Span.Start);
        if (from < 0 || to > parsed.Text.Length || to <= from) return false;
        return parsed.Text.Substring(from, to - from).Trim() == ",";
    }
}
