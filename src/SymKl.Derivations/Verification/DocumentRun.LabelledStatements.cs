using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "H_0: \; p = p_0", "H_1: \; p \neq p_0", "m: \; y = X\beta + \varepsilon": a name and a colon before a statement name
/// the statement (a hypothesis to test, a model, an event). Such a statement is neither a claim (H_1 contradicts H_0, and
/// both are stated) nor an assumption for what follows (a test weighs H_0 against H_1), nor a definition of its symbols
/// (H_0: p = p_0 gives p no value). Its relations are listed as hypotheses and not used; a sampling statement in the same
/// row ("ε \sim 𝒩(0, σ²)") is read as everywhere.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Spacing and alignment between a label and its colon, or between the colon and the statement.</summary>
    private static readonly Regex LabelGap = new(@"^(?:\s|&|\\[,;:! ]|\\(?:quad|qquad|enspace|thinspace|medspace|thickspace)(?![A-Za-z]))*:(?:\s|&|\\[,;:! ]|\\(?:quad|qquad|enspace|thinspace|medspace|thickspace)(?![A-Za-z]))*$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The index of the row's first item after a label ("NAME:" opening the row), or −1. The label is a name (H_0, m, M_1) or
    /// names joined by arrows (H_1 \Leftrightarrow \neg H_0), and nothing but spacing stands between it, its colon and the rest.
    /// </summary>
    private static int LabelledFrom(IReadOnlyList<SyntaxNode> items, ParseResult parsed)
    {
        if (items.Count < 2 || !IsLabel(items[0])) return -1;
        if (items[1].Span.Start <= items[0].Span.End) return -1;
        var gap = parsed.GetText(TextSpan.FromBounds(items[0].Span.End, items[1].Span.Start));
        return LabelGap.IsMatch(gap) ? 1 : -1;
    }

    private static bool IsLabel(SyntaxNode node) => node switch
    {
        Identifier { Primes: 0 } id => id.Subscript is null or Number or Identifier { Subscript: null },
        LatexRelation { Operators: var ops, Operands: var operands } => ops.All(IsArrow) && operands.All(o => o is Continuation or Identifier { Primes: 0 } || LabelNegation(o)),
        _ => false,
    };

    /// <summary>\neg H_0: a label negated.</summary>
    private static bool LabelNegation(SyntaxNode node) =>
        node.DescendantsAndSelf().All(n => n is Identifier or Number or MathSymbol or Unary or ImplicitMultiplication)
        && node.DescendantsAndSelf().OfType<Identifier>().Count() <= 3;

    /// <summary>The relations of a labelled statement: hypotheses, listed and not used.</summary>
    private void StateLabelled(LatexRelation relation, SyntaxNode label, ParseResult parsed, Func<int, FilePosition> at)
    {
        var name = parsed.GetText(label.Span).Trim();
        var operands = relation.Operands.Select(o => new Operand(o, parsed, at)).ToList();
        // A row continued from a labelled one ("&= …") starts from the operand before it.
        if (relation.Operands[0] is Continuation)
        {
            if (_previous is null) return;
            operands[0] = _previous;
        }
        for (var i = 0; i < relation.Operators.Count; i++)
        {
            if (IsArrow(relation.Operators[i])) continue;
            Unchecked(operands[i], relation.Operators[i], operands[i + 1], StatementRole.Hypothesis, "a statement named by its label ('" + name + ":')",
                "hypothesis: a statement the text names '" + name + "' (a hypothesis to test, a model); neither claimed nor assumed for what follows");
        }
        _previous = operands[^1];
    }
}
