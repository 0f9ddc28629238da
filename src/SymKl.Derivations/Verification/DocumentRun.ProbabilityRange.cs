using System.Globalization;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>"P(A | B) \in [0, 1]": a probability lies in [0, 1], whatever its events; a density need not.</summary>
internal sealed partial class DocumentRun
{
    /// <summary>
    /// The verdict on "left \in interval" when the left side is a probability or a density of something written with a
    /// condition: proved when the interval holds [0, 1], refuted when it misses [0, 1] entirely, otherwise unsupported
    /// (a density may exceed 1; where in [0, 1] a probability lies depends on values the text does not give). Null when the
    /// left side is neither or the right side is not an interval of two numbers.
    /// </summary>
    private Verdict? ProbabilityInInterval(Operand left, Operand right)
    {
        if (ProbabilityName(left.Node, left.Parsed) is not { } name || Interval(right.Node, right.Parsed) is not { } range) return null;
        // A P the text gives a formula (a polynomial, a matrix) is not a probability.
        if (_scope.FunctionParameters(name) is not null || _scope.DefinesSymbol(name)) return null;
        var (low, lowClosed, high, highClosed) = range;
        if (name != "P")
            return new Verdict(VerdictKind.Unsupported, "it reads " + left.Text + " as a density (lower-case " + name + "), which may exceed 1: it lies in [0, 1] only when its variable is discrete", null, null, 0);
        var holdsLow = lowClosed ? low <= 0 : low < 0;
        var holdsHigh = highClosed ? high >= 1 : high > 1;
        if (holdsLow && holdsHigh)
            return new Verdict(VerdictKind.Proved, "a probability lies in [0, 1], which the interval contains", null, null, 0);
        if (high < 0 || low > 1 || high == 0 && !highClosed || low == 1 && !lowClosed)
            return new Verdict(VerdictKind.Refuted, "a probability lies in [0, 1], which the interval does not meet", null, null, 0);
        return new Verdict(VerdictKind.Unsupported, "a probability lies in [0, 1]; whether this one lies in the narrower interval depends on its value, which the document does not give", null, null, 0);
    }

    /// <summary>
    /// "P" for P(A | B), P_{(x | c)} written with a condition, or \mathbb{P}(A); "p" for the same
    /// written in lower case (a density). Null for anything else: a capital P without a condition may be a polynomial, a matrix.
    /// </summary>
    private static string? ProbabilityName(SyntaxNode node, ParseResult parsed)
    {
        var (callee, conditioned) = node switch
        {
            Call { Callee: Identifier id } call => (id, Conditioned(parsed.GetText(call.Span))),
            Identifier { Subscript: { } index } id => (id, Conditioned(parsed.GetText(index.Span))),
            _ => ((Identifier?)null, false),
        };
        if (callee is null || callee.Primes > 0 || callee.Accent is not null || callee.Decoration is not null) return null;
        if (callee.Name == "P" && callee.Style == NameStyle.Blackboard && node is Call) return "P";
        if (!conditioned || callee.Style != NameStyle.Normal && callee.Style != NameStyle.Roman) return null;
        return callee.Name is "P" or "p" ? callee.Name : null;
    }

    private static bool Conditioned(string text) => text.IndexOf('|') >= 0 || text.Contains("\\mid");

    /// <summary>[a, b], (a, b], [a, b), (a, b) with two numbers.</summary>
    private static (double Low, bool LowClosed, double High, bool HighClosed)? Interval(SyntaxNode node, ParseResult parsed)
    {
        if (node is not Group { Body: Sequence { Items.Count: 2 } pair } group) return null;
        bool Closed(Bracket b) => b == Bracket.Square;
        if (group.Left is not (Bracket.Square or Bracket.Paren) || group.Right is not (Bracket.Square or Bracket.Paren)) return null;
        // ]a, b[ (the French open interval) reads as brackets the other way round: not read.
        var text = parsed.GetText(group.Span).Trim();
        if (text.StartsWith("]", StringComparison.Ordinal) || text.EndsWith("[", StringComparison.Ordinal)) return null;
        if (NumberOf(pair.Items[0]) is not { } low || NumberOf(pair.Items[1]) is not { } high || low > high) return null;
        return (low, Closed(group.Left), high, Closed(group.Right));
    }

    private static double? NumberOf(SyntaxNode node) => node switch
    {
        Number n when double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        Unary { Operator: UnaryOperator.Negate, Operand: Number n } when double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => -v,
        _ => null,
    };
}
