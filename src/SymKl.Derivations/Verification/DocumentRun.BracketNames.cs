using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// σ(z), φ(w^T x): a Greek letter the document writes only before brackets, never on its own, is read as a product σ·z when no
/// function of that name is known — but to most readers it is a function the text does not define (the logistic σ of
/// machine learning). A refutation that gives such a name a value is withheld: it shows only that the product reading
/// fails. A name also written alone (σ^2, \sigma_1 beside \sigma(x − μ)) is a variable, and refutations through it stand.
/// </summary>
internal sealed partial class DocumentRun
{
    private readonly HashSet<string> _onlyBeforeBrackets = new(StringComparer.Ordinal);

    /// <summary>Before the walk: the names written before a bracketed argument somewhere and nowhere alone.</summary>
    private void FindBracketOnlyNames()
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        var plain = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in document.Blocks)
        {
            var parsed = LatexParser.ParseMath(Expanded(block, out _));
            if (parsed.Root is null) continue;
            var pending = new Stack<SyntaxNode>();
            pending.Push(parsed.Root);
            for (var budget = 100_000; pending.Count > 0 && budget > 0; budget--)
            {
                var n = pending.Pop();
                if (n is Call { Callee: Identifier callee } call && call.Arguments.Count == 1 && call.Separators.Count == 0)
                {
                    // λ_1(x − μ)², \lambda(\int p − 1): a letter before a bracketed sum or difference is a coefficient (a
                    // multiplier), as the binder reads it; only a letter before a single term may be a function.
                    var argument = call.Arguments[0];
                    while (argument is Group { Body: var inner }) argument = inner;
                    if (argument is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract }) plain.Add(MathBinder.SymbolName(callee, parsed));
                    else applied.Add(MathBinder.SymbolName(callee, parsed));
                    // The callee's own subscript may name an index written alone (σ_k(x): k).
                    foreach (var child in call.Arguments.Concat(callee.Children())) pending.Push(child);
                    continue;
                }
                if (n is Identifier id) plain.Add(MathBinder.SymbolName(id, parsed));
                foreach (var child in n.Children()) pending.Push(child);
            }
        }
        applied.ExceptWith(plain);
        _onlyBeforeBrackets.UnionWith(applied);
        foreach (var block in document.Blocks)
            if (block.Kind == Markdown.MathBlockKind.Inline && LatexParser.ParseExpression(Expanded(block, out _)) is { Expression: Identifier named } lone
                && (FunctionBefore.IsMatch(block.ProseBefore) || FunctionAfter.IsMatch(TextAfter(block))))
                _calledFunctions.Add(MathBinder.SymbolName(named, lone));
    }

    /// <summary>Names the words call a function ("for any function $k$", "$g$ is a convex function").</summary>
    private readonly HashSet<string> _calledFunctions = new(StringComparer.Ordinal);

    private static readonly System.Text.RegularExpressions.Regex FunctionBefore = new(
        @"\b(?:function|map|mapping|transformation)\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex FunctionAfter = new(
        @"^\s*(?:is|be)\s+(?:an?\s+|any\s+|some\s+)?(?:[a-z-]+\s+){0,2}(?:function|map)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// k(E[X]) ≤ E[k(X)] "for any function k": the binder reads k(…) as the product k·(…) (k is no function it knows), and so
    /// read the statement holds for every k, which says nothing about an arbitrary function. A step that holds while a name
    /// the words call a function is read as a product there is not accepted; the reason names it.
    /// </summary>
    private string? ProductOfCalledFunction(Operand left, Operand right)
    {
        if (_calledFunctions.Count == 0) return null;
        foreach (var side in new[] { left, right })
            foreach (var call in side.Node.DescendantsAndSelf().OfType<Call>())
            {
                if (call is not { MayBeProduct: true, Callee: Identifier callee } || MathBinder.SymbolName(callee, side.Parsed) is not { } name || !_calledFunctions.Contains(name)) continue;
                // The binder's note (SK405) at the call says it was read as a product there.
                var at = side.At(call.Span.Start);
                if (Warnings.Any(w => w.Code == DiagnosticCodes.ReadAsProduct && w.Position == at))
                    return "it holds only when " + name + "(…) is read as the product " + name + "·(…), and the text calls " + name + " a function, which SymKl does not know";
            }
        return null;
    }

    /// <summary>The reason a refutation is withheld when its counterexample gives a value to a name written only before brackets.</summary>
    private string? ReadAsProductOnly(Counterexample? counterexample)
    {
        if (_onlyBeforeBrackets.Count == 0 || counterexample is null) return null;
        foreach (var key in counterexample.Values.Select(kv => kv.Key))
        {
            var bracket = key.IndexOf('[');
            var name = bracket > 0 ? key.Substring(0, bracket) : key;
            // Greek letters only: the binder reads them before brackets as coefficients; p(x), \mathcal{P}(x), g(x) are read as functions.
            var underscore = name.IndexOf('_');
            var core = underscore > 0 ? name.Substring(0, underscore) : name;
            if (_onlyBeforeBrackets.Contains(name) && !_scope.Context.IsKnownFunction(name) && core.All(char.IsLetter) && IsGreek(core))
                return "its truth depends on reading " + name + "(…) as the product " + name + "·(…): the document writes " + name
                    + " only before brackets, so it may be a function the document does not define (σ(z) is the logistic function in much of machine learning)";
        }
        return null;
    }
}
