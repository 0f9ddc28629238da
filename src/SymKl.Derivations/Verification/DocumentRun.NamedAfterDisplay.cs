using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "$$\hat{\mathbf{R}} = \mathbf{P}\mathbf{Q}^\top$$ where $\hat{\mathbf{R}} \in \mathbb{R}^{m \times n}$ is the predicted rating
/// matrix": a display that gives a name not written before a formula, whose name the words right after it explain ("where
/// NAME is / denotes …"), defines that name, as "let" before it would. Only a lone name on the left, written first in that
/// display; the inline math after "where" starts with the same name, and the word after it names (is, are, denotes,
/// represents, stands for).
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly HashSet<string> WhereNamingVerbs = new(StringComparer.OrdinalIgnoreCase) { "is", "are", "denotes", "denote", "represents", "represent", "stands" };

    private bool NamedAfterDisplay(SyntaxNode target, ParseResult parsed)
    {
        if (target is not Identifier id || WhereMathAfterDisplay() is not { } where) return false;
        var shown = where.Parsed;
        if (shown.Root?.Rows is not [{ Items: [var item] }]) return false;
        var head = item is Relation { Operands: [var first, ..] } ? first : item;
        if (head is not Identifier named || MathBinder.SymbolName(named, shown) != MathBinder.SymbolName(id, parsed)) return false;
        var after = TextAfter(where.Block).TrimStart();
        var word = after.Split([' ', '\n', '\t', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return word is not null && WhereNamingVerbs.Contains(word);
    }

    /// <summary>The inline math right after the current display when the words between are just "where" (its block, its
    /// expanded text and that text parsed); null otherwise. Shared by the readings of names the display leaves to it.</summary>
    private (MathBlock Block, string Text, ParseResult Parsed)? WhereMathAfterDisplay()
    {
        if (_block is not { IsDisplay: true } display) return null;
        var blocks = document.Blocks;
        var index = -1;
        for (var k = 0; k < blocks.Count; k++)
            if (ReferenceEquals(blocks[k], display)) { index = k; break; }
        if (index < 0 || index + 1 >= blocks.Count || blocks[index + 1] is not { IsDisplay: false } next) return null;
        if (!string.Equals(next.ProseBefore.Trim().Trim(',', '.', ' ', '\n'), "where", StringComparison.OrdinalIgnoreCase)) return null;
        var text = Expanded(next, out _);
        return (next, text, LatexParser.ParseMath(text));
    }
}
