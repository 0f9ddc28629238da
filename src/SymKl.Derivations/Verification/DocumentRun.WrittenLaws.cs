using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Derivations.Matrices;
using LatexExpectation = SymKl.Latex.Syntax.Expectation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// 𝔼_q[log p(x, z) − log p(z | x)] where the document writes q only as q(z) (or q(z | x)): the law of the expectation
/// is q(z) although the body never applies q. The random models read a bare law only from the statement's own uses,
/// so the subscript is written out as q(z) first, in the spelling the document uses for the argument.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The argument each density name is written with everywhere, as written (\mathbf{z}); from the pre-pass.</summary>
    private readonly Dictionary<string, string> _writtenArgumentText = new(StringComparer.Ordinal);

    private const int MaxWrittenLawLength = 4000;

    private (SyntaxNode Node, ParseResult Parsed) WithWrittenLaws(SyntaxNode node, ParseResult parsed)
    {
        var replacements = new List<(TextSpan Span, string Text)>();
        foreach (var n in ModelCheck.Walk(node))
        {
            if (n is not LatexExpectation { Subscript: Identifier law } expectation) continue;
            var name = MathBinder.FunctionName(law, parsed);
            if (_scope.DensityVariable(name) is not null || _scope.WrittenDensityVariable(name) is null || !_writtenArgumentText.TryGetValue(name, out var argument)) continue;
            // The body applies q itself (𝔼_q[log q(z)]): the models already see its shape.
            if (ModelCheck.Walk(expectation.Body).Any(b => b is Call { Callee: Identifier c } && MathBinder.FunctionName(c, parsed) == name)) continue;
            var text = parsed.GetText(law.Span);
            var braced = law.Span.Start > 0 && parsed.Text[law.Span.Start - 1] == '{' && law.Span.End < parsed.Text.Length && parsed.Text[law.Span.End] == '}';
            replacements.Add((law.Span, braced ? text + "(" + argument + ")" : "{" + text + "(" + argument + ")}"));
        }
        if (replacements.Count == 0) return (node, parsed);
        var builder = new System.Text.StringBuilder();
        var at = node.Span.Start;
        foreach (var (span, replacement) in replacements.OrderBy(r => r.Span.Start))
        {
            if (span.Start < at) return (node, parsed);
            builder.Append(parsed.Text, at, span.Start - at).Append(replacement);
            at = span.End;
        }
        builder.Append(parsed.Text, at, node.Span.End - at);
        if (builder.Length > MaxWrittenLawLength) return (node, parsed);
        var reparsed = LatexParser.ParseExpression(builder.ToString());
        return reparsed.HasErrors || reparsed.Expression is null ? (node, parsed) : (reparsed.Expression, reparsed);
    }
}
