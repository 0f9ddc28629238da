using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "$$J(w) = \tfrac12\|y - Xw\|^2 = …$$ where $X \in \mathbb{R}^{n \times d}$, $y \in \mathbb{R}^n$ and $w \in \mathbb{R}^d$":
/// the shapes declared in the words right after a display hold in it. They are read before the display, as a reader does;
/// read after it, y and w were taken for the default vectors and the display could not be read. Only inline math that
/// declares nothing but memberships in a real space, after "where" / "with" and then joined by commas or "and".
/// </summary>
internal sealed partial class DocumentRun
{
    private void DeclareShapesAfter(IReadOnlyList<Markdown.MathBlock> blocks, int index)
    {
        if (!blocks[index].IsDisplay) return;
        for (var j = index + 1; j < blocks.Count && j <= index + 8; j++)
        {
            var next = blocks[j];
            if (next.IsDisplay) return;
            if (j == index + 1)
            {
                var words = next.ProseBefore.Trim().Trim('(', ',', '.', ' ').Trim();
                if (!string.Equals(words, "where", StringComparison.OrdinalIgnoreCase) && !string.Equals(words, "with", StringComparison.OrdinalIgnoreCase)) return;
            }
            else if (!next.ContinuesSentence || !RoleCues.IsJoin(next.ProseBefore)) return;
            var parsed = LatexParser.ParseMath(next.Text);
            if (!DeclaresShapesOnly(parsed)) return;
            _matrices.Observe(parsed);
        }
    }

    private static bool DeclaresShapesOnly(ParseResult parsed) =>
        parsed.Root?.Rows is [{ } row] && row.Items.Any(i => i is LatexRelation)
        && row.Items.All(i => i is Identifier || i is LatexRelation { Operators: [{ Kind: RelationKind.In, Negated: false }] } r && RealSpace(parsed.GetText(r.Operands[^1].Span)));

    private static bool RealSpace(string text) => text.Contains("\\mathbb{R}", StringComparison.Ordinal) || text.Contains("\\mathbb R", StringComparison.Ordinal) || text.Contains('ℝ');
}
