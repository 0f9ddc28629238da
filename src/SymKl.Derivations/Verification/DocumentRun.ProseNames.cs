using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using Relation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A symbol the prose introduces in words ("with denominator $S$", "call this quantity $Z$", "let $L$ be the
/// log-likelihood"; <see cref="ProseNaming"/>) is no free parameter. When the words point at a part of the formula just
/// written that is certain — the one fraction's denominator or numerator, the one sum, the whole of a bare expression — the
/// symbol is defined as that part, as a reader reads it; otherwise it stays a name SymKl does not know, and a refutation
/// through it is withheld (<see cref="Sound"/>).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Before the walk: symbols named in words anywhere (the naming may follow their first use).</summary>
    private void FindProseNames()
    {
        foreach (var block in document.Blocks)
            if (ProseNameAt(block) is { } named) _namedInProse.Add(named.Name);
    }

    /// <summary>The lone symbol an inline math names in words, with the naming, or null.</summary>
    private (string Name, Identifier Id, ParseResult Parsed, ProseName Naming)? ProseNameAt(Markdown.MathBlock block)
    {
        if (block.Kind != Markdown.MathBlockKind.Inline || block.Text.Length > 40) return null;
        var parsed = LatexParser.ParseExpression(Expanded(block, out _));
        // A lone letter, even one that names a family or an operator when applied (N, U, H): named in words, it is a quantity.
        if (parsed.Expression is not Identifier id) return null;
        if (ProseNaming.Read(block.ProseBefore, TextAfter(block)) is not { } naming) return null;
        return (MathBinder.SymbolName(id, parsed), id, parsed, naming);
    }

    /// <summary>The words right after a math block (up to 80 characters, closing delimiters skipped).</summary>
    private string TextAfter(Markdown.MathBlock block)
    {
        var source = document.Source.Text;
        var i = block.Offset + block.Length;
        while (i < source.Length && source[i] is '$' or ')' or '\\') i++;
        return source.Substring(i, Math.Min(80, source.Length - i));
    }

    /// <summary>
    /// "Softmax is $p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}$, with denominator $S$": S is defined as the denominator there, before
    /// the math after it is read. Only a symbol with no value yet, named right after the formula it points at (the math
    /// just before, in the same or the previous sentence), where the part pointed at is unique.
    /// </summary>
    private void BindProseName(IReadOnlyList<Markdown.MathBlock> blocks, int index)
    {
        if (index == 0 || ProseNameAt(blocks[index]) is not { } named || named.Naming.Pointer == ProsePointer.None) return;
        var block = blocks[index];
        var formula = blocks[index - 1];
        var gapStart = formula.Offset + formula.Length;
        var gap = document.Source.Text.Substring(gapStart, Math.Max(0, block.Offset - gapStart));
        // The formula pointed at is the one just written: no heading and at most a short sentence between.
        if (gap.Length > 200 || gap.Contains('#') || gap.Count(c => c == '.') > 1) return;
        if (_unknowns.ContainsKey(named.Name) || _scope.IsDefinedFunction(named.Name) || !_scope.SubstituteSymbols(Ex.Sym(named.Name)).Equals(Ex.Sym(named.Name))) return;
        var shown = LatexParser.ParseMath(Expanded(formula, out _));
        if (PointedPart(shown, named.Naming.Pointer) is not { } part) return;
        var text = shown.GetText(part.Span).Trim();
        // The part must not mention the name itself (S = … S … is no definition).
        if (Writes(part, named.Name, shown)) return;
        var definition = LatexParser.ParseMath(named.Parsed.GetText(named.Id.Span).Trim() + " = " + text);
        if (definition.Root?.Rows is not [{ Items: [Relation { Operands.Count: 2 } relation] }]) return;
        if (TryDefine(relation, definition, _ => block.GetPosition(0))) _proseBound.Add(named.Name);
    }

    /// <summary>Names defined here from words: each stands for its formula, and a later "Z = …" is a claim about it.</summary>
    private readonly HashSet<string> _proseBound = new(StringComparer.Ordinal);

    /// <summary>A written side that is a name bound from words, read as the formula it stands for; any other as written.</summary>
    private Expr ProseBoundAsWritten(Expr written, Expr checkedSide) =>
        written is Sym s && _proseBound.Contains(s.Name) && _scope.DefinesSymbol(s.Name) ? checkedSide : written;

    /// <summary>The part of the formula a pointer names, when it is unique; null when it is not (or there is none).</summary>
    private static SyntaxNode? PointedPart(ParseResult shown, ProsePointer pointer)
    {
        if (shown.Root?.Rows is not [{ Items: [var item] }]) return null;
        // A relation's last side is the formula the words follow ("p_i = \frac{…}{…}"); a bare expression is itself.
        var expression = item is Relation r ? r.Operands[^1] : item;
        if (pointer == ProsePointer.Whole) return item is Relation ? null : expression;
        var top = Unwrap(expression);
        switch (pointer)
        {
            case ProsePointer.Denominator:
                return top is Fraction f ? Unwrap(f.Denominator) : null;
            case ProsePointer.Numerator:
                return top is Fraction g ? Unwrap(g.Numerator) : null;
            case ProsePointer.Sum:
                var sums = new List<Sum>();
                var pending = new Stack<SyntaxNode>();
                pending.Push(expression);
                for (var budget = 10_000; pending.Count > 0 && budget > 0; budget--)
                {
                    var n = pending.Pop();
                    if (n is Sum s) { sums.Add(s); continue; }
                    foreach (var child in n.Children()) pending.Push(child);
                }
                return sums.Count == 1 ? sums[0] : null;
            default:
                return null;
        }
    }

    private static SyntaxNode Unwrap(SyntaxNode node)
    {
        while (node is Group { Body: var body }) node = body;
        return node;
    }
}
