using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// p(x | z), p(x; z) and p(x, z) are three different functions (a conditional, a density with a parameter, a joint),
/// but all three bind to the application p(x, z): the bar only separates arguments. A statement that writes one
/// density name in two of these shapes over the same arguments would be compared as if they were one function, and
/// p(x | z) = p(x, z) would be proved. Such a statement is not decided until conditionals are modelled.
/// </summary>
internal static class ConditionalNotation
{
    /// <summary>The two spellings of one application that differ only in their separators, or null when there are none.</summary>
    public static string? Conflated(IEnumerable<(SyntaxNode Node, ParseResult Parsed)> sides)
    {
        var shapes = new Dictionary<string, (string Shape, string Text)>(StringComparer.Ordinal);
        foreach (var (node, parsed) in sides)
        {
            var pending = new Stack<SyntaxNode>();
            pending.Push(node);
            while (pending.Count > 0)
            {
                var n = pending.Pop();
                foreach (var c in n.Children()) pending.Push(c);
                if (n is not Call { Callee: Identifier id } call || call.Arguments.Count < 2) continue;
                // N(x | μ, σ²) is a family written with its variable; KL(q || p) a divergence: neither is a density's shape.
                if (call.Separators.Any(s => s.Text == "||")) continue;
                // H(X | Y) and H(X, Y) are two information measures of the same variables, not two spellings of a density.
                if (id is { Name: "H" or "I", Subscript: null } && call.Arguments.All(a => a is Identifier)) continue;
                var name = MathBinder.FunctionName(id, parsed);
                if (Families.Find(name) is not null || Families.Find(id.Name) is not null) continue;
                var key = name + "(" + string.Join(",", call.Arguments.Select(a => Compact(parsed.GetText(a.Span)))) + ")";
                var shape = string.Concat(call.Separators.Select(s => s.Text is "|" or ";" or ":" ? s.Text : ","));
                var text = parsed.GetText(call.Span).Trim();
                if (!shapes.TryGetValue(key, out var seen)) shapes[key] = (shape, text);
                else if (seen.Shape != shape) return seen.Text + " and " + text;
            }
        }
        return null;
    }

    private static string Compact(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
