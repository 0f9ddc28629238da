using System.Text.RegularExpressions;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "∫_0^∞ x e^{λx} dx = 1/λ² [display] where $λ &lt; 0$ for the integral to converge": a condition on a quantity of the display,
/// stated in the words right after it. The display is claimed under it (an improper integral that converges only for one
/// sign of λ is right only there), so it is assumed before the display is checked, as it would be from the words after it
/// on; the inline condition is then read as a hypothesis as usual.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The only words between a display and the inline condition after it: where, for, with, provided, assuming, if.</summary>
    private static readonly Regex TrailingConditionWords = new(@"^\s*[,;:]?\s*(?:where|for|with|provided(?:\s+that)?|assuming(?:\s+that)?|if|when)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Assumes the condition the words after this display state, when it is a comparison of plain quantities the display uses.</summary>
    private void AssumeTrailingCondition(MathBlock block, ParseResult parsed)
    {
        if (!block.IsDisplay || options.ClaimsOnly) return;
        var index = BlockIndex(block);
        if (index < 0 || index + 1 >= document.Blocks.Count) return;
        var next = document.Blocks[index + 1];
        if (next.Kind != MathBlockKind.Inline || document.IsSkipped(next) || !TrailingConditionWords.IsMatch(next.ProseBefore)) return;
        var condition = LatexParser.ParseMath(Expanded(next, out _));
        if (condition.Root?.Rows is not [{ Items: [LatexRelation relation] }]) return;
        if (relation.Operators.Any(o => !IsCondition(o) || o.Kind is RelationKind.In or RelationKind.Subset or RelationKind.SubsetEqual)) return;
        if (!relation.Operands.All(PlainQuantity)) return;
        var used = new HashSet<string>((parsed.Root?.Rows ?? []).SelectMany(r => r.Items).SelectMany(i => i.DescendantsAndSelf()).OfType<Identifier>()
            .Select(id => MathBinder.SymbolName(id, parsed)), StringComparer.Ordinal);
        if (!relation.Operands.SelectMany(o => o.DescendantsAndSelf()).OfType<Identifier>().Any(id => used.Contains(MathBinder.SymbolName(id, condition)))) return;
        if (!_scope.Assume(relation, condition, out _)) return;
        _assumed.Add(new AssumedCondition(relation, condition, _level));
        _conditionAssumedFor = block;
    }

    /// <summary>The display whose trailing condition was assumed before it was checked.</summary>
    private MathBlock? _conditionAssumedFor;
}
