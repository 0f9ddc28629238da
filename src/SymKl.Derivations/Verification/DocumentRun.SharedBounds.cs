using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "with $0 < a, b < 1$": bounds written once around a list of names hold for each of them (0 &lt; a &lt; 1 and
/// 0 &lt; b &lt; 1). The parser sees 0 &lt; a and b &lt; 1, two relations split at the comma; read so, b could be negative
/// and a could exceed 1, and a claim true inside the interval (b² &lt; b) was refuted. Only numbers bound the list
/// (a &lt; b, c &lt; d between names are two statements).
/// </summary>
internal sealed partial class DocumentRun
{
    private static IReadOnlyList<SyntaxNode> WithSharedBounds(IReadOnlyList<SyntaxNode> items, ParseResult parsed)
    {
        if (!items.Any(i => i is LatexRelation) || items.Count < 2) return items;
        var result = new List<SyntaxNode>(items.Count);
        var changed = false;
        for (var i = 0; i < items.Count; i++)
        {
            if (SharedList(items, i, parsed) is { } shared)
            {
                result.AddRange(shared.Relations);
                i = shared.Last;
                changed = true;
            }
            else result.Add(items[i]);
        }
        return changed ? result : items;
    }

    /// <summary>The relations 0 &lt; a, b, c &lt; 1 stands for, one per name, when items[start] opens such a list; the index of its last item.</summary>
    private static (List<SyntaxNode> Relations, int Last)? SharedList(IReadOnlyList<SyntaxNode> items, int start, ParseResult parsed)
    {
        if (LeadingList(items, start, parsed) is { } leading) return leading;
        if (items[start] is not LatexRelation { Operands: [var lower, Identifier first], Operators: [var opening] } head || !Bound(lower) || !Opening(opening)) return null;
        var names = new List<Identifier> { first };
        var j = start + 1;
        while (j < items.Count && items[j] is Identifier more) { names.Add(more); j++; }
        if (j >= items.Count || items[j] is not LatexRelation { Operands: [Identifier last, var upper], Operators: [var closing] } tail || !Bound(upper) || !SameDirection(opening, closing))
            return null;
        names.Add(last);
        // Only commas and the names between them: "0 < a, b < 1".
        var gap = parsed.GetText(TextSpan.FromBounds(head.Span.End, tail.Span.Start));
        foreach (var name in names.Skip(1).Take(names.Count - 2)) gap = gap.Replace(parsed.GetText(name.Span), "");
        if (gap.Any(c => c != ',' && !char.IsWhiteSpace(c))) return null;
        var relations = names.Select(n => (SyntaxNode)new LatexRelation(n.Span, [lower, n, upper], [opening, closing])).ToList();
        return (relations, j);
    }

    /// <summary>
    /// "$p, q \in (0, 1)$", "$a, b > 0$", "$\sigma_1, \sigma_2 > 0$": names listed before one condition each satisfy it. Read
    /// as written, only the last name was bounded and the first could take any value (1/(p(1 − p)) &gt; 0 was refuted at a
    /// negative p). Only a set or number bounds are shared.
    /// </summary>
    private static (List<SyntaxNode> Relations, int Last)? LeadingList(IReadOnlyList<SyntaxNode> items, int start, ParseResult parsed)
    {
        if (!ListedName(items[start]) || start > 0 && items[start - 1] is not LatexRelation) return null;
        var names = new List<SyntaxNode> { items[start] };
        var j = start + 1;
        while (j < items.Count && ListedName(items[j])) { names.Add(items[j]); j++; }
        if (j >= items.Count || items[j] is not LatexRelation tail || tail.Operands.Count < 2 || !ListedName(tail.Operands[0])) return null;
        var last = tail.Operands[0];
        var bounds = tail.Operands.Skip(1).ToList();
        var membership = tail.Operators is [{ Kind: RelationKind.In, Negated: false }];
        var comparison = tail.Operators.All(Opening) && tail.Operators.All(o => SameDirection(tail.Operators[0], o)) && bounds.All(Bound);
        if (!membership && !comparison) return null;
        var gap = parsed.GetText(TextSpan.FromBounds(names[0].Span.Start, tail.Span.Start));
        foreach (var name in names) gap = gap.Replace(parsed.GetText(name.Span), "");
        if (gap.Any(c => c != ',' && !char.IsWhiteSpace(c))) return null;
        var relations = names.Append(last).Select(n => (SyntaxNode)new LatexRelation(n.Span, [n, .. bounds], tail.Operators)).ToList();
        return (relations, j);
    }

    private static bool ListedName(SyntaxNode node) => node is Identifier || node is Subscript { Base: Identifier, Index: Identifier or Number };

    private static bool Bound(SyntaxNode node) => node is Number or Infinity || node is Unary { Operand: Number or Infinity };

    private static bool Opening(RelationOperator op) => !op.Negated && op.Kind is RelationKind.Less or RelationKind.LessEqual or RelationKind.Greater or RelationKind.GreaterEqual;

    private static bool SameDirection(RelationOperator a, RelationOperator b) =>
        !b.Negated && (a.Kind is RelationKind.Less or RelationKind.LessEqual) == (b.Kind is RelationKind.Less or RelationKind.LessEqual)
        && b.Kind is RelationKind.Less or RelationKind.LessEqual or RelationKind.Greater or RelationKind.GreaterEqual;
}
