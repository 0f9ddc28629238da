using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "2a − 2μ = 0 \quad \Leftrightarrow \quad a = μ", "v \perp w \quad \Leftrightarrow \quad vᵀw = 0": an arrow set off by spacing
/// after a statement in the same row joins the two into one chain. The row splits at \quad into clauses, and read apart
/// the statement before the arrow was a claim of its own (an equation being solved refuted as an identity) and the one
/// after it lost its premise. Joined, the equation before the arrow is its premise, and what follows is checked against
/// it; a premise that is no equation SymKl reads (v ⊥ w, a sampling statement) leaves what follows it unchecked.
/// </summary>
internal sealed partial class DocumentRun
{
    private static IReadOnlyList<SyntaxNode> WithJoinedArrows(IReadOnlyList<SyntaxNode> items, ParseResult parsed)
    {
        if (items.Count < 2) return items;
        var result = new List<SyntaxNode>(items.Count);
        var changed = false;
        // "… \quad \Leftrightarrow \quad u = c": the arrow ends its clause at the \quad, so it stands alone, its right side
        // missing; the statement after it is that right side.
        LatexRelation? dangling = null;
        foreach (var item in items)
        {
            if (dangling is { } arrow)
            {
                dangling = null;
                if (item is not (Text or Ellipsis or Cases or ErrorNode) && !(item is LatexRelation { Operands: [Continuation, ..] }) && NothingButSpacing(arrow, item, parsed))
                {
                    result[^1] = Joined(result[^1], arrow.Operators[0], item);
                    changed = true;
                    continue;
                }
                result.Add(arrow);
            }
            // An unknown command before the arrow (v \perp w) is a premise SymKl cannot read: kept as the chain's head, it leaves
            // what follows the arrow unchecked rather than claimed.
            if (result.Count > 0 && item is LatexRelation { Operands: [Continuation, ..], Operators: [var first, ..] } next && IsArrow(first)
                && result[^1] is not (Text or Ellipsis or Cases) && NothingButSpacing(result[^1], next, parsed))
            {
                if (next is { Operands: [_, ErrorNode], Operators.Count: 1 })
                {
                    dangling = next;
                    continue;
                }
                var head = result[^1];
                List<SyntaxNode> operands = head is LatexRelation chain ? [.. chain.Operands, .. next.Operands.Skip(1)] : [head, .. next.Operands.Skip(1)];
                List<RelationOperator> operators = head is LatexRelation headChain ? [.. headChain.Operators, .. next.Operators] : [.. next.Operators];
                result[^1] = new LatexRelation(TextSpan.FromBounds(head.Span.Start, next.Span.End), operands, operators);
                changed = true;
                continue;
            }
            result.Add(item);
        }
        if (dangling is not null) result.Add(dangling);
        return changed ? result : items;
    }

    /// <summary>head ⇔ tail as one chain: the operands of both (a side that is no relation is one operand).</summary>
    private static LatexRelation Joined(SyntaxNode head, RelationOperator arrow, SyntaxNode tail)
    {
        List<SyntaxNode> operands = [.. head is LatexRelation h ? h.Operands : [head], .. tail is LatexRelation t ? t.Operands : [tail]];
        List<RelationOperator> operators = [.. head is LatexRelation hh ? hh.Operators : [], arrow, .. tail is LatexRelation tt ? tt.Operators : []];
        return new LatexRelation(TextSpan.FromBounds(head.Span.Start, tail.Span.End), operands, operators);
    }

    /// <summary>Only spacing (\quad, \;, commas) between two items of a row, no words and no row break.</summary>
    private static bool NothingButSpacing(SyntaxNode before, SyntaxNode after, ParseResult parsed)
    {
        if (after.Span.Start < before.Span.End) return false;
        var gap = parsed.GetText(TextSpan.FromBounds(before.Span.End, after.Span.Start));
        var rest = System.Text.RegularExpressions.Regex.Replace(gap, @"\\(?:quad|qquad|[,;:! ])", " ", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        return rest.All(c => char.IsWhiteSpace(c) || c == ',' || c == '&');
    }
}
