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
