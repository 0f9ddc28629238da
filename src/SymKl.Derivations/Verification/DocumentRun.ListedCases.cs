using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "* $\det(Q) = 1$: the map preserves orientation. * $\det(Q) = -1$: it flips orientation": items of one list that each open
/// with the same expression set to a different value name the cases the list goes through. They cannot all hold at once, so
/// none is a claim: each is the case its item describes (a remark, not checked). Only when another item of the same list
/// opens with the same left side and another constant; a lone item, or items about different expressions, are read as before.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>How many items of one list are compared with this one.</summary>
    private const int ListedCaseBudget = 40;

    private bool ListedCase(LatexRelation chain, ParseResult parsed, MathBlock block)
    {
        if (block.ListStart < 0 || !OpensItem(block) || OwnCase(chain) is not { } mine) return false;
        var compared = 0;
        foreach (var other in document.Blocks)
        {
            if (ReferenceEquals(other, block) || other.ListStart != block.ListStart || other.ItemStart == block.ItemStart || !OpensItem(other)) continue;
            if (++compared > ListedCaseBudget) return false;
            var read = LatexParser.ParseMath(Expanded(other, out _));
            if (read.Root?.Rows is not [{ Items: [LatexRelation relation] }] || OwnCase(relation) is not { } theirs) continue;
            if (theirs.Left == mine.Left && theirs.Value != mine.Value) return true;
        }
        return false;
    }

    /// <summary>One equation setting an expression to a constant (a number, signed or not): its two sides as written.</summary>
    private static (string Left, string Value)? OwnCase(LatexRelation chain) =>
        chain.Operators is [{ Kind: RelationKind.Equal, Negated: false }] && chain.Operands[1] is Number or Unary { Operand: Number }
            ? (CompactCase(SyntaxPrinter.Print(chain.Operands[0])), CompactCase(SyntaxPrinter.Print(chain.Operands[1])))
            : null;

    private static string CompactCase(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The math is the first thing in its list item (markup aside): "* **$x = 1$**: …".</summary>
    private bool OpensItem(MathBlock block)
    {
        if (block.Kind != MathBlockKind.Inline || block.ItemStart < 0 || block.Offset <= block.ItemStart) return false;
        var source = document.Source.Text;
        if (block.Offset > source.Length) return false;
        var before = source.Substring(block.ItemStart, block.Offset - block.ItemStart).Trim();
        // The bullet, emphasis and the math delimiter: nothing that reads as a word.
        return before.Length <= 12 && !before.Any(char.IsLetter);
    }
}
