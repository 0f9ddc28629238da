using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// [0.384, −0.230] + [0.512, −0.768] = [0.896, −0.998], [e^1, e^{-2}] = [2.71, 0.14]: a vector written out as a list on both
/// sides, combined only by +, −, a number times it or it over a number. The equality holds exactly when it holds in each
/// component, so each component is checked as its own statement (with every scalar rule, such as rounded decimals), and the
/// verdicts combine: one component that fails refutes the whole; all proved proves it; any undecided leaves it undecided.
/// Read so whether the brackets are vectors or intervals ([a, b] = [c, d] holds exactly when a = c and b = d either way).
/// Lists of different lengths, lists multiplied together, lists with an ellipsis and relations other than = and ≈ are left
/// to the readings before.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The most components a written list is split into.</summary>
    private const int MaxListComponents = 12;

    private bool ComponentwiseStep(Operand left, RelationOperator op, Operand right, StatementRole role, string why, bool refutable, string cueText, Func<Verdict, Verdict> record)
    {
        if (op.Negated || op.Kind is not (RelationKind.Equal or RelationKind.Approx)) return false;
        var leftLength = ListLength(left.Node);
        var rightLength = ListLength(right.Node);
        if (leftLength is not > 0 || rightLength is not > 0) return false;
        if (leftLength != rightLength)
        {
            record(new Verdict(VerdictKind.Unsupported, "lists of different lengths (" + Count(leftLength.Value) + " and " + Count(rightLength.Value) + " entries) on the two sides", null, null, 0));
            return true;
        }
        if (leftLength.Value > MaxListComponents) return false;
        // (u, v) = (v, u): the same entries in another order may be an inner product or a symmetric function (see VerifyTuples).
        if (TupleItems(left.Node) is { } leftItems && TupleItems(right.Node) is { } rightItems && SameEntriesReordered(leftItems, rightItems, left, right)) return false;
        var verdicts = new List<Verdict>();
        for (var i = 0; i < leftLength.Value; i++)
        {
            if (Component(left, i) is not { } l || Component(right, i) is not { } r) return false;
            var before = Steps.Count;
            StepCore(l, op, r, role, why, refutable, cueText);
            if (Steps.Count == before) return false;
            verdicts.Add(Steps[Steps.Count - 1].Verdict);
            Steps.RemoveRange(before, Steps.Count - before);
        }
        record(Combined(verdicts));
        return true;
    }

    private static bool SameEntriesReordered(IReadOnlyList<SyntaxNode> left, IReadOnlyList<SyntaxNode> right, Operand leftSide, Operand rightSide)
    {
        var a = left.Select(i => Spaceless(leftSide.Parsed.GetText(i.Span))).ToList();
        var b = right.Select(i => Spaceless(rightSide.Parsed.GetText(i.Span))).ToList();
        return !a.SequenceEqual(b, StringComparer.Ordinal) && a.OrderBy(t => t, StringComparer.Ordinal).SequenceEqual(b.OrderBy(t => t, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static string Spaceless(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One verdict for the list: the first component that fails, else the first left undecided, else all hold.</summary>
    private static Verdict Combined(IReadOnlyList<Verdict> components)
    {
        var n = components.Count;
        string Where(int i) => "component " + Count(i + 1) + " of " + Count(n) + ": ";
        for (var i = 0; i < n; i++)
            if (components[i].Kind == VerdictKind.Refuted)
                return components[i] with { Reason = Where(i) + components[i].Reason };
        for (var i = 0; i < n; i++)
            if (!components[i].Holds)
                return components[i] with { Kind = VerdictKind.Unsupported, Reason = Where(i) + components[i].Reason, Counterexample = null };
        var kind = components.All(v => v.Kind == VerdictKind.Proved) ? VerdictKind.Proved : VerdictKind.Confirmed;
        return new Verdict(kind, "it holds in each of its " + Count(n) + " components (" + components[0].Reason + (n > 1 ? "; …" : "") + ")", null, null, components.Sum(v => v.PointsChecked));
    }

    /// <summary>
    /// The number of entries of a side built from written lists by +, −, a factor or a divisor without one; 0 for a side
    /// with no list at all; null for a side where a list stands anywhere else (inside a function, beside another list in a
    /// product, with an ellipsis).
    /// </summary>
    private static int? ListLength(SyntaxNode node)
    {
        switch (node)
        {
            case Group { Left: Bracket.Square or Bracket.Paren, Body: Sequence list } when IsWrittenList(list):
                return list.Items.All(i => ListLength(i) == 0) ? list.Items.Count : null;
            case Group { Left: Bracket.Paren or Bracket.None } g:
                return ListLength(g.Body);
            case Unary u:
                return ListLength(u.Operand);
            case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
                {
                    var l = ListLength(b.Left);
                    var r = ListLength(b.Right);
                    return l == r ? l : null;
                }
            case Binary { Operator: BinaryOperator.Multiply } b:
                return OneListFactor([b.Left, b.Right]);
            case Binary { Operator: BinaryOperator.Divide } b:
                return ListLength(b.Right) == 0 ? ListLength(b.Left) : null;
            case Fraction f:
                return ListLength(f.Denominator) == 0 ? ListLength(f.Numerator) : null;
            case ImplicitMultiplication m:
                // g(a, b), \frac{\partial^2 f}{\partial x \partial y}(x_0, y_0): a pair in parentheses beside a factor is the
                // arguments of what stands before it, and g[a, b] may be too; only a bracketed list after a number or a formula scales.
                for (var i = 0; i < m.Factors.Count; i++)
                    if (m.Factors[i] is Group { Left: Bracket.Paren, Body: Sequence } || i > 0 && m.Factors[i] is Group { Body: Sequence } && m.Factors[i - 1] is Identifier) return null;
                return OneListFactor(m.Factors);
            default:
                return node.DescendantsAndSelf().Any(n => n is Sequence or Ellipsis) ? null : 0;
        }
    }

    private static int? OneListFactor(IReadOnlyList<SyntaxNode> factors)
    {
        int? length = 0;
        foreach (var f in factors)
        {
            var n = ListLength(f);
            if (n is null) return null;
            if (n == 0) continue;
            if (length > 0) return null;
            length = n;
        }
        return length;
    }

    /// <summary>(a, b), [a, b, c]: at least two entries set apart by commas, none of them an ellipsis.</summary>
    private static bool IsWrittenList(Sequence list) =>
        list.Items.Count >= 2 && list.Separators.Count == list.Items.Count - 1 && list.Separators.All(s => s.Text == ",")
        && list.Items.All(i => i is not Ellipsis);

    /// <summary>The side with every written list replaced by its entry <paramref name="index"/> (in brackets), parsed again.</summary>
    private static Operand? Component(Operand side, int index)
    {
        var text = side.Parsed.GetText(side.Node.Span);
        var start = side.Node.Span.Start;
        var cuts = new List<(int Start, int End, string Insert)>();
        foreach (var n in side.Node.DescendantsAndSelf())
        {
            if (n is not Group { Left: Bracket.Square or Bracket.Paren, Body: Sequence list } g || !IsWrittenList(list)) continue;
            var entry = side.Parsed.GetText(list.Items[index].Span).Trim();
            // The list as the whole side: its entry alone (a decimal stays a decimal for the rounding rules).
            cuts.Add((g.Span.Start, g.Span.End, ReferenceEquals(g, side.Node) ? entry : "\\left(" + entry + "\\right)"));
        }
        foreach (var (from, to, insert) in cuts.OrderByDescending(c => c.Start))
        {
            if (from < start || to > start + text.Length) return null;
            text = text.Substring(0, from - start) + insert + text.Substring(to - start);
        }
        var parsed = LatexParser.ParseExpression(text);
        if (parsed.HasErrors || parsed.Expression is null) return null;
        return new Operand(parsed.Expression, parsed, _ => side.At(start));
    }
}
