using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using Relation = SymKl.Symbolic.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>Statements of independence written as a factorisation of a joint law (p(x, y) = p(x) p(y)).</summary>
internal sealed partial class DocumentRun
{
    /// <summary>
    /// p(x, y) = p(x) p(y), p(x, y | z) = p(x | z) p(y | z): a joint law written as the product of its marginals (or of
    /// its conditionals given the same values) says that the variables are independent — a case the text considers, a
    /// condition or the definition of independence — and holds of some laws only. Random models in which it fails show
    /// no mistake, so it is left undecided. Null for anything else.
    /// </summary>
    private Verdict? IndependenceStatement(Operand left, Relation relation, Operand right)
    {
        if (relation != Relation.Equal) return null;
        foreach (var (joint, product) in new[] { (left, right), (right, left) })
            if (Factorises(joint, product))
                return new Verdict(VerdictKind.Unsupported, "it writes " + joint.Text + " as the product " + product.Text
                    + " of its marginals: a statement that the variables are independent (a case, a condition or the definition of independence), true of some laws only, not an identity of every law; SymKl does not decide it", null, null, 0);
        foreach (var (joint, product) in new[] { (left, right), (right, left) })
            if (GraphFactorisation(joint, product) is { } dropped)
                return new Verdict(VerdictKind.Unsupported, "it writes " + joint.Text + " as the product " + product.Text
                    + ", each variable given only some of the others (" + dropped + "): a factorisation along a graph, which states conditional independences (a model's structure, often given in prose or a figure), true of some laws only, not an identity of every law; SymKl does not decide it", null, null, 0);
        return null;
    }

    /// <summary>True when <paramref name="joint"/> is p(a, b, … [| c …]) of plain values and <paramref name="product"/> a product of two or more p(…) of the same name whose values split a, b, … between them, each given the same c ….</summary>
    private static bool Factorises(Operand joint, Operand product)
    {
        if (DensityCall(joint.Node, joint.Parsed) is not { } whole || whole.Values.Count < 2) return false;
        var factors = new List<SyntaxNode>();
        Flatten(product.Node, factors);
        if (factors.Count < 2 || factors.Count > whole.Values.Count) return false;
        var covered = new List<string>();
        foreach (var factor in factors)
        {
            if (DensityCall(factor, product.Parsed) is not { } part || part.Name != whole.Name || !part.Given.SequenceEqual(whole.Given)) return false;
            covered.AddRange(part.Values);
        }
        return covered.Count == whole.Values.Count && covered.OrderBy(v => v, StringComparer.Ordinal).SequenceEqual(whole.Values.OrderBy(v => v, StringComparer.Ordinal));
    }

    /// <summary>
    /// p(x, y, z) = p(y) p(x | y) p(z | y): a product of conditionals of the joint's name, each variable a value of one factor
    /// and given only variables placed before it in some order (a graph), that is not the chain rule (some factor leaves out a
    /// variable before it). What it leaves out, as "p(z | y) without x", or null. The chain rule (an identity) and products
    /// that are no such factorisation (a variable missing or twice, a cycle) are left to the checks.
    /// </summary>
    private static string? GraphFactorisation(Operand joint, Operand product)
    {
        if (DensityCall(joint.Node, joint.Parsed) is not { } whole || whole.Values.Count < 2) return null;
        var factors = new List<SyntaxNode>();
        Flatten(product.Node, factors);
        if (factors.Count < 2 || factors.Count > whole.Values.Count) return null;
        var parts = new List<(string Text, List<string> Values, HashSet<string> Parents)>();
        var covered = new List<string>();
        foreach (var factor in factors)
        {
            if (DensityCall(factor, product.Parsed) is not { } part || part.Name != whole.Name) return null;
            if (part.Given.Any(g => !whole.Values.Contains(g) && !whole.Given.Contains(g))) return null;
            parts.Add((product.Parsed.GetText(factor.Span).Trim(), part.Values, new HashSet<string>(part.Given.Where(whole.Values.Contains), StringComparer.Ordinal)));
            covered.AddRange(part.Values);
        }
        if (covered.Count != whole.Values.Count || !covered.OrderBy(v => v, StringComparer.Ordinal).SequenceEqual(whole.Values.OrderBy(v => v, StringComparer.Ordinal))) return null;
        // Placed in an order where each factor's parents come before it: a graph (no cycle).
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var left = new List<(string Text, List<string> Values, HashSet<string> Parents)>(parts);
        var chain = true;
        string? dropped = null;
        while (left.Count > 0)
        {
            var next = left.FindIndex(p => p.Parents.SetEquals(placed));
            if (next < 0)
            {
                chain = false;
                next = left.FindIndex(p => p.Parents.IsSubsetOf(placed));
                if (next < 0) return null;
            }
            var part = left[next];
            if (!part.Parents.SetEquals(placed) && dropped is null)
                dropped = part.Text + " without " + string.Join(", ", placed.Except(part.Parents).OrderBy(v => v, StringComparer.Ordinal));
            foreach (var v in part.Values) placed.Add(v);
            left.RemoveAt(next);
        }
        return chain || dropped is null ? null : dropped;
    }

    private static void Flatten(SyntaxNode node, List<SyntaxNode> factors)
    {
        switch (node)
        {
            case ImplicitMultiplication m:
                foreach (var f in m.Factors) Flatten(f, factors);
                break;
            case Binary { Operator: BinaryOperator.Multiply } b:
                Flatten(b.Left, factors);
                Flatten(b.Right, factors);
                break;
            default:
                factors.Add(node);
                break;
        }
    }

    /// <summary>p(x, y | z) of plain names: the density's name as written, its values and its conditions (each as written, spaces removed); null otherwise.</summary>
    private static (string Name, List<string> Values, List<string> Given)? DensityCall(SyntaxNode node, ParseResult parsed)
    {
        if (node is not Call { Callee: Identifier callee } call || call.Arguments.Count < 1 || call.Arguments.Any(a => a is not Identifier)) return null;
        if (callee.Name is not ("p" or "q" or "P" or "Q" or "f" or "Pr")) return null;
        string Text(SyntaxNode n) => new(parsed.GetText(n.Span).Where(ch => !char.IsWhiteSpace(ch)).ToArray());
        var values = new List<string> { Text(call.Arguments[0]) };
        var given = new List<string>();
        var conditioned = false;
        for (var i = 1; i < call.Arguments.Count; i++)
        {
            var separator = i - 1 < call.Separators.Count ? call.Separators[i - 1].Text : ",";
            if (separator is "|" or "\\vert" or "\\mid") { if (conditioned) return null; conditioned = true; }
            else if (separator != ",") return null;
            (conditioned ? given : values).Add(Text(call.Arguments[i]));
        }
        return (Text(callee), values, given);
    }
}
