using System.Text.RegularExpressions;
using SymKl.Latex.Binding;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "$$\log p(X) = \mathcal{L}(q) + …$$ where $$\mathcal{L}(q) = \langle \log p(X|Z) \rangle_{q(Z)}$$": functions the display
/// uses, defined in a display right after it that the prose introduces with "where" alone. A reader takes the display
/// below as the meaning of the names above, so each row name(arguments) = formula defines its function before the
/// display is checked — only for a function the document has not defined and that is not a known one (a row that
/// restates KL keeps KL's standard meaning), applied in the display above, and only when every row of the display
/// below is such a definition (a display of claims after "where" is not read ahead).
/// </summary>
internal sealed partial class DocumentRun
{
    private void DefineWhereAfterDisplay(Markdown.MathBlock display, Markdown.MathBlock next)
    {
        if (!string.Equals(next.ProseBefore.Trim().TrimStart(',', '.', ' ').Trim(), "where", StringComparison.OrdinalIgnoreCase)) return;
        var parsed = Latex.LatexParser.ParseMath(next.Text);
        if (parsed.Root?.Rows is not { Count: > 0 and <= 6 } rows) return;
        var found = new List<(Latex.Syntax.Relation Relation, string Name)>();
        foreach (var row in rows)
        {
            if (row.Items is not [Latex.Syntax.Relation { Operands: [Latex.Syntax.Call { Callee: Latex.Syntax.Identifier id }, _], Operators: [{ Kind: Latex.Syntax.RelationKind.Equal, Negated: false }] } relation]) return;
            var name = MathBinder.FunctionName(id, parsed);
            if (MathBinder.IsKnownOperatorName(id) || _scope.IsDefinedFunction(name) || _scope.Context.IsKnownFunction(name)) continue;
            // Applied in the display above: the name (as the display spells it) followed by an opening bracket.
            var written = parsed.GetText(id.Span).Trim();
            if (written.Length == 0 || !Regex.IsMatch(display.Text, Regex.Escape(written) + @"\s*(\\left\s*)?\(")) continue;
            // A display that itself starts a row with the name gives it a value of its own: not read ahead.
            if (display.Text.Split(["\\\\", "\n"], StringSplitOptions.None).Any(r => Regex.IsMatch(r.Trim().TrimStart('&').Trim(), "^" + Regex.Escape(written) + @"\s*\("))) continue;
            found.Add((relation, name));
        }
        foreach (var (relation, _) in found) TryDefine(relation, parsed, off => next.GetPosition(off));
    }
}
