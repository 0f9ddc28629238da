using SymKl.Latex.Binding;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "H(Y) = H(¼, ¼ + ¼u, ½ − ¼u)", then "\max_u H(Y)": the text gave the measure a value in u (Y's law depends on u
/// through the input law), so the maximum is over that formula, which <see cref="Checking.NumericExtreme"/> can
/// evaluate. Only the latest value given in the same section (a later exercise gives H(Y) a value of its own), and
/// only inside a maximum or minimum over a variable that value mentions.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The formula as written: read again where it is used, in the logarithm base then in force (nats or bits).</summary>
    private readonly Dictionary<string, (int Section, Operand Formula)> _measureValues = new(StringComparer.Ordinal);

    /// <summary>Records the value a statement gives a measure of variables without a law (the name is ⟦H(Y)⟧).</summary>
    private void RememberMeasureValue((Expr Lhs, Expr Rhs) stated, Operand formula)
    {
        if (stated.Lhs is Sym named) _measureValues[named.Name] = (_section, formula);
    }

    private Expr? MeasureValue(Expr measure, string scope)
    {
        if (!_measureValues.TryGetValue("⟦" + LatexPrinter.Print(measure) + "⟧", out var known) || known.Section != _section) return null;
        if (MathBinder.Bind(known.Formula.Node, known.Formula.Parsed, _scope).Value is not { } value) return null;
        value = _scope.SubstituteSymbols(value);
        return Traversal.FreeSymbols(value).Any(s => s.Name == scope.Trim()) && !Traversal.Any(value, n => n is Functional) ? value : null;
    }

    /// <summary>The maxima and minima of e with the measures in their operand written as the values the text gave them.</summary>
    private Expr MeasuresInExtremes(Expr e)
    {
        if (_measureValues.Count == 0) return e;
        var map = new Dictionary<Sym, Expr>();
        foreach (var (symbol, term) in OpaqueTerms.In(e))
        {
            if (term.Kind is not (OpaqueKind.Max or OpaqueKind.Min)) continue;
            var body = Ex.Map(term.Body, n => n is Functional or Apply && MeasureValue(n, term.Scope) is { } value ? value : n);
            // The symbols the value brought in (not written under the operator) are the text's quantities, held fixed.
            var written = new HashSet<string>(Traversal.FreeSymbols(term.Body).Select(s => s.Name), StringComparer.Ordinal);
            var brought = string.Join(",", Traversal.FreeSymbols(body).Select(s => s.Name).Where(n => !written.Contains(n) && n != term.Scope.Trim()).OrderBy(n => n, StringComparer.Ordinal));
            if (!body.Equals(term.Body)) map[symbol] = OpaqueTerms.SymbolFor(new OpaqueTerm(term.Kind, term.Scope, body) { Fixed = brought });
        }
        return map.Count == 0 ? e : Traversal.Substitute(e, map);
    }
}

/// <summary>
/// "$$C = f(n)\log_2 n + …$$ where $f(n) = -\frac{n}{2(n-1)}$": a function the display uses, defined in the words right
/// after it. The definition is read before the display (as a reader does), so the display's steps are about that f.
/// Only a function the document has not defined, written as name(variables) = formula in inline math that is the
/// only relation there, after "where" and nothing else, and used in the display (its name applied there).
/// </summary>
internal sealed partial class DocumentRun
{
    private void DefineWhereAfter(IReadOnlyList<Markdown.MathBlock> blocks, int index)
    {
        var display = blocks[index];
        if (index + 1 < blocks.Count) DefineSymbolWhereAfterInline(display, blocks[index + 1]);
        if (!display.IsDisplay || index + 1 >= blocks.Count) return;
        var next = blocks[index + 1];
        if (!string.Equals(next.ProseBefore.Trim().TrimStart(',', '.', ' ').Trim(), "where", StringComparison.OrdinalIgnoreCase)) return;
        if (next.IsDisplay)
        {
            // "where" and a display: functions it defines (L(q) = …) and a lone symbol (u' = …), read before the display above.
            DefineWhereAfterDisplay(display, next);
            DefineSymbolWhereAfter(display, next);
            return;
        }
        var parsed = Latex.LatexParser.ParseMath(next.Text);
        if (parsed.Root?.Rows is not [{ Items: [Latex.Syntax.Relation { Operands: [Latex.Syntax.Call { Callee: Latex.Syntax.Identifier id }, _], Operators: [{ Kind: Latex.Syntax.RelationKind.Equal, Negated: false }] } relation] }]) return;
        var name = MathBinder.FunctionName(id, parsed);
        if (MathBinder.IsKnownOperatorName(id) || _scope.IsDefinedFunction(name) || _scope.Context.IsKnownFunction(name)) return;
        if (!display.Text.Contains(id.Name + "(", StringComparison.Ordinal)) return;
        // A display that itself starts a row with the name (f(n) = …) gives f a value of its own: not read ahead.
        if (display.Text.Split(["\\\\", "\n"], StringSplitOptions.None).Any(row => row.Trim().TrimStart('&').Trim().StartsWith(id.Name + "(", StringComparison.Ordinal))) return;
        TryDefine(relation, parsed, off => next.GetPosition(off));
    }

    /// <summary>
    /// "$$… H(u', 1 − u') $$ where $$u' = \frac{…}{…} = …$$": a symbol the display uses, defined in the display right after
    /// "where". Read before the display, as a reader does. Only a plain name the text has not given a value, that is no
    /// unknown of the equations in force, defined by the first link of the only row there (a chain of '=' may follow, the
    /// rewrites checked when that display is read), and written in the display before it.
    /// </summary>
    private void DefineSymbolWhereAfter(Markdown.MathBlock display, Markdown.MathBlock next)
    {
        var parsed = Latex.LatexParser.ParseMath(next.Text);
        if (parsed.Root?.Rows is not [{ Items: [Latex.Syntax.Relation { Operands: [Latex.Syntax.Identifier id, ..] } relation] }]) return;
        if (relation.Operators.Any(o => o.Kind != Latex.Syntax.RelationKind.Equal || o.Negated)) return;
        DefineAhead(id, relation, parsed, display, next);
    }

    /// <summary>
    /// "$L(\theta) = \prod_i \theta^{y_i}(1-\theta)^{1-y_i} = \theta^k(1-\theta)^{n-k}$, where $k = \sum_i y_i$" (or "(with
    /// $k = …$)"): a symbol the math uses, given its meaning in inline math right after "where" or "with". Read before that
    /// math, as a reader does, so k is not a free parameter of the claim. Only a plain name with no value yet, that is no
    /// unknown of the equations in force, given a formula (a number there is a case: "with $n = 2$"), and written in the
    /// math before it.
    /// </summary>
    private void DefineSymbolWhereAfterInline(Markdown.MathBlock statement, Markdown.MathBlock next)
    {
        if (next.IsDisplay) return;
        var words = next.ProseBefore.Trim().Trim('(', ',', '.', ' ').Trim();
        if (!string.Equals(words, "where", StringComparison.OrdinalIgnoreCase) && !string.Equals(words, "with", StringComparison.OrdinalIgnoreCase)) return;
        var parsed = Latex.LatexParser.ParseMath(next.Text);
        if (parsed.Root?.Rows is not [{ Items: [Latex.Syntax.Relation { Operands: [Latex.Syntax.Identifier id, var formula], Operators: [{ Kind: Latex.Syntax.RelationKind.Equal, Negated: false }] } relation] }]) return;
        if (formula is Latex.Syntax.Number) return;
        DefineAhead(id, relation, parsed, statement, next);
    }

    /// <summary>
    /// Reads <paramref name="relation"/> (name = formula, in <paramref name="next"/>) before <paramref name="user"/>: only for a
    /// plain name with no value yet, no unknown of the equations in force, and written in the math that uses it.
    /// </summary>
    private void DefineAhead(Latex.Syntax.Identifier id, Latex.Syntax.Relation relation, Latex.ParseResult parsed, Markdown.MathBlock user, Markdown.MathBlock next)
    {
        var name = MathBinder.SymbolName(id, parsed);
        if (MathBinder.IsKnownOperatorName(id) || _unknowns.ContainsKey(name) || _scope.IsDefinedFunction(name)) return;
        if (!_scope.SubstituteSymbols(Ex.Sym(name)).Equals(Ex.Sym(name))) return;
        var shown = Latex.LatexParser.ParseMath(user.Text);
        if (!Writes(shown.Root, name, shown)) return;
        TryDefine(relation, parsed, off => next.GetPosition(off));
    }

    /// <summary>Whether the syntax writes the plain name <paramref name="name"/> (bounded walk).</summary>
    private static bool Writes(Latex.Syntax.SyntaxNode? root, string name, Latex.ParseResult parsed)
    {
        if (root is null) return false;
        var pending = new Stack<Latex.Syntax.SyntaxNode>();
        pending.Push(root);
        for (var budget = 100_000; pending.Count > 0 && budget > 0; budget--)
        {
            var n = pending.Pop();
            if (n is Latex.Syntax.Identifier x && MathBinder.SymbolName(x, parsed) == name) return true;
            foreach (var child in n.Children()) pending.Push(child);
        }
        return false;
    }
}
