using System.Numerics;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// Sums written with an ellipsis: x_1 + x_2 + \cdots + x_n, 1 + 2 + \dots + n, a_1 b_1 + a_2 b_2 + \ldots + a_N b_N.
/// The terms before the ellipsis must be one pattern at consecutive integers (numbers that grow by one, names whose
/// subscripts grow by one), and the last term that pattern at some upper value. Over indexed values the terms written
/// out stay as written and only the elided middle becomes a sum: x_1 + x_2 + \sum_{i=3}^{n-1} x_i + x_n, so the
/// statement is never read at fewer values than it shows; a sum of numbers (1 + 2 + \cdots + n) is one sum from the
/// first counter to the last. Anything else stays unread.
/// </summary>
internal sealed partial class Binder
{
    private static readonly string[] IndexNames = ["i", "j", "k", "m", "l", "r", "s"];

    /// <summary>
    /// The terms of a chain of additions and subtractions (a + b − c + \cdots + z), left to right, each with its sign. An
    /// ellipsis written after a term with no sign of its own (− log p(x_2) \cdots − log p(x_n)) continues the sum, so such a
    /// term is split into the term and an ellipsis; at the end of the chain it stays (it elides a product there).
    /// </summary>
    private static void SignedTerms(SyntaxNode node, bool negative, List<(SyntaxNode Node, bool Negative)> terms)
    {
        if (node is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b)
        {
            SignedTerms(b.Left, negative, terms);
            var before = terms.Count;
            SignedTerms(b.Right, negative ^ (b.Operator == BinaryOperator.Subtract), terms);
            // The left part's last term is followed by this one: an ellipsis at its end is the sum's.
            if (before > 0 && TrailingEllipsis(terms[before - 1].Node) is { } split)
            {
                terms[before - 1] = (split.Term, terms[before - 1].Negative);
                terms.Insert(before, (split.Ellipsis, false));
            }
            return;
        }
        terms.Add((node, negative));
    }

    /// <summary>b \cdots (a product whose last factor is an ellipsis), under a sign or not: b and the ellipsis.</summary>
    private static (SyntaxNode Term, Ellipsis Ellipsis)? TrailingEllipsis(SyntaxNode node)
    {
        if (node is Unary { Operator: UnaryOperator.Negate } u && TrailingEllipsis(u.Operand) is { } inner)
            return (u with { Operand = inner.Term, Span = TextSpan.FromBounds(u.Span.Start, inner.Term.Span.End) }, inner.Ellipsis);
        // \log p(x_2) \cdots: an operator written without brackets took the ellipsis into its argument.
        if (node is FunctionApplication { Bracket: null, Arguments: [var argument] } fa && TrailingEllipsis(argument) is { } within)
            return (fa with { Arguments = [within.Term], Span = TextSpan.FromBounds(fa.Span.Start, within.Term.Span.End) }, within.Ellipsis);
        if (node is not ImplicitMultiplication { Factors.Count: >= 2 } m || m.Factors[^1] is not Ellipsis e || m.Factors.Count(f => f is Ellipsis) != 1) return null;
        var rest = m.Factors.Take(m.Factors.Count - 1).ToList();
        var term = rest.Count == 1 ? rest[0] : new ImplicitMultiplication(TextSpan.FromBounds(rest[0].Span.Start, rest[^1].Span.End), rest, m.FromLetterRun);
        return (term, e);
    }

    /// <summary>Null when the chain has no ellipsis among its terms.</summary>
    private Expr? BindElidedSum(Binary b, out bool elided)
    {
        var signed = new List<(SyntaxNode Node, bool Negative)>();
        SignedTerms(b, false, signed);
        var terms = signed.Select(t => t.Node).ToList();
        var at = terms.FindIndex(t => t is Ellipsis);
        elided = at >= 0;
        if (!elided) return null;
        if (signed.All(t => !t.Negative) && terms.Count(t => t is Ellipsis) == 2 && at >= 2 && at + 2 == terms.Count - 2 && terms[at + 2] is Ellipsis)
            return BindElidedSumWithMiddle(terms, at);
        const string Problem = "an ellipsis in a sum (write two terms before it and one after: x_1 + x_2 + \\cdots + x_n)";
        if (at < 2 || terms.Count(t => t is Ellipsis) != 1 || at == terms.Count - 1) return Unsupported(terms[at], Problem);
        // Every term bound once (a binding may leave notes), with its sign.
        var values = new List<Expr>();
        for (var i = 0; i < signed.Count; i++)
        {
            if (i == at) { values.Add(Ex.Zero); continue; }
            if (Bind(signed[i].Node) is not { } e) return null;
            values.Add(signed[i].Negative ? Ex.Neg(e) : e);
        }
        // The run: the longest stretch of terms just before the ellipsis that follows one pattern, ending at the term after
        // it; terms before the run and after that term stay terms of the sum (c + x_1 + x_2 + \cdots + x_n + d).
        for (var start = 0; start <= at - 2; start++)
        {
            if (ElidedSum(values.GetRange(start, at - start), values[at + 1], out _, out _) is not { } run) continue;
            return Ex.Add([.. values.Take(start), run, .. values.Skip(at + 2)]);
        }
        return Unsupported(terms[at], "an ellipsis in a sum whose terms do not follow one pattern in a counter that grows by one");
    }

    /// <summary>
    /// a_1 + a_2 + \cdots + b_i + \cdots + a_N: the N terms of the pattern with the one at i (the one-letter subscript of
    /// the middle term) written out. A middle term that follows the pattern changes nothing;
    /// one that differs (0 · p_i among 1 · p_n) stands in for the pattern's term at i: the sum + (b_i − a_i).
    /// </summary>
    private Expr? BindElidedSumWithMiddle(List<SyntaxNode> terms, int at)
    {
        const string Problem = "an ellipsis in a sum with a middle term (write two terms before the first ellipsis, a term whose subscript names its position, and the last term: x_1 + x_2 + \\cdots + y_i + \\cdots + x_n)";
        var written = new List<Expr>();
        foreach (var t in terms.Take(at))
        {
            if (Bind(t) is not { } e) return null;
            written.Add(e);
        }
        if (Bind(terms[at + 1]) is not { } middle || Bind(terms[^1]) is not { } last) return null;
        if (ElidedSum(written, last, out var body, out var index, SubscriptsAndNames(middle).Concat(terms[at + 1].DescendantsAndSelf().OfType<Identifier>().Select(id => id.Name))) is not { } whole || body is null || index is null) return Unsupported(terms[at], Problem);
        // Where the middle term sits: the one one-letter subscript written in it (c_i in 0 \cdot P(c_i), y_m); the pattern must index names by its counter.
        if (!Traversal.FreeSymbols(body).Any(x => Split(x.Name)?.Key == index.Name)) return Unsupported(terms[at + 1], Problem);
        var positions = terms[at + 1].DescendantsAndSelf().OfType<Identifier>()
            .Where(id => id.Subscript is Identifier { IsUndecorated: true, IsSingleSymbol: true } k && k.Name != index.Name)
            .Select(id => ((Identifier)id.Subscript!).Name).Distinct().ToList();
        if (positions.Count != 1) return Unsupported(terms[at + 1], Problem);
        var position = Ex.Sym(positions[0]);
        if (SubscriptsAndNames(last).Contains(position.Name) || Instance(body, index, position) is not { } regular)
            return Unsupported(terms[at + 1], Problem);
        return SameValue(regular, middle) ? whole : Ex.Add(whole, Ex.Sub(middle, regular));
    }

    /// <summary>The names and subscripts in e (x_m gives x and m): a counter must be none of them.</summary>
    private static IEnumerable<string> SubscriptsAndNames(Expr e) =>
        Traversal.FreeSymbols(e).SelectMany(s => Split(s.Name) is { } p ? new[] { p.Base, p.Key } : [s.Name]);

    /// <summary>The sum (or with <paramref name="product"/> the product) the written terms, an ellipsis and the last term stand for.</summary>
    private static Expr? ElidedSum(List<Expr> written, Expr last, out Expr? pattern, out Sym? counter, IEnumerable<string>? avoid = null, bool product = false)
    {
        pattern = null;
        counter = null;
        var used = new HashSet<string>(written.Append(last).SelectMany(Traversal.FreeSymbols).Select(s => Split(s.Name)?.Base ?? s.Name), StringComparer.Ordinal);
        used.UnionWith(avoid ?? []);
        if (IndexNames.FirstOrDefault(n => !used.Contains(n)) is not { } indexName) return null;
        var index = Ex.Sym(indexName);
        BigInteger? lower = null;
        var body = Pattern(written[0], written[1], index, ref lower);
        if (body is null || lower is not { } lo || !Traversal.FreeSymbols(body).Any(s => s.Equals(index) || Split(s.Name)?.Key == indexName)) return null;
        for (var k = 0; k < written.Count; k++)
            if (!SameValue(Instance(body, index, Ex.Num(lo + k, BigInteger.One)), written[k])) return null;
        // The last term at the upper value: a subscript of a name in it, or a symbol of it shifted by a little.
        var candidates = Traversal.FreeSymbols(last).SelectMany(s => Split(s.Name) is { } p ? [Key(p.Key), s] : new[] { (Expr?)s })
            .OfType<Expr>().Append(last).Distinct().ToList();
        foreach (var candidate in candidates)
            for (var shift = 0; shift <= 4; shift++)
                foreach (var sign in shift == 0 ? new[] { 0 } : [1, -1])
                {
                    var upper = Ex.Add(candidate, Ex.Num(sign * shift, 1));
                    if (Instance(body, index, upper) is { } at && SameValue(at, last))
                    {
                        pattern = body;
                        counter = index;
                        // 1 + 2 + \cdots + n is a sum of numbers in n: read whole (the kernel's closed forms extend it to every n).
                        // The upper value must be a number or a plain name: a sum up to n - 1 is empty for every n ≤ 1, which the
                        // text, showing its first terms, does not mean; read so, a right statement could fail at such n.
                        if (!Traversal.FreeSymbols(body).Any(x => Split(x.Name)?.Key == indexName))
                            return upper is not (Sym or Num) ? null
                                : product ? Ex.IndexedProduct(body, index, Ex.Num(lo, BigInteger.One), upper) : Ex.Summation(body, index, Ex.Num(lo, BigInteger.One), upper);
                        var from = Ex.Num(lo + written.Count, BigInteger.One);
                        return product ? Ex.Mul([.. written, Ex.IndexedProduct(body, index, from, Ex.Sub(upper, Ex.One)), last])
                            : Ex.Add([.. written, Ex.Summation(body, index, from, Ex.Sub(upper, Ex.One)), last]);
                    }
                }
        return null;
    }

    /// <summary>A subscript as a value: an integer, or a one-letter or Greek name; else null.</summary>
    private static Expr? Key(string key)
    {
        if (key.Length > 0 && key.All(char.IsDigit) && key.Length < 9) return Ex.Num(BigInteger.Parse(key, System.Globalization.CultureInfo.InvariantCulture), BigInteger.One);
        return key.Length == 1 && char.IsLetter(key[0]) || Symbols.Greek.Contains(key) ? Ex.Sym(key) : null;
    }

    /// <summary>
    /// The body whose values at lower and lower + 1 are a and b: equal parts kept, integers that grow by one and
    /// subscripts that grow by one (x_1, x_2) replaced by the index (plus the integer's distance from lower).
    /// </summary>
    private static Expr? Pattern(Expr a, Expr b, Sym index, ref BigInteger? lower)
    {
        if (a.Equals(b)) return a;
        if (a is Num { Value.IsInteger: true } na && b is Num { Value.IsInteger: true } nb && nb.Value.Numerator == na.Value.Numerator + 1)
        {
            lower ??= na.Value.Numerator;
            return Ex.Add(index, Ex.Num(na.Value.Numerator - lower.Value, BigInteger.One));
        }
        if (a is Sym sa && b is Sym sb)
        {
            if (Split(sa.Name) is not { } pa || Split(sb.Name) is not { } pb || pa.Base != pb.Base) return null;
            if (Key(pa.Key) is not Num { Value.IsInteger: true } ka || Key(pb.Key) is not Num { Value.IsInteger: true } kb || kb.Value.Numerator != ka.Value.Numerator + 1) return null;
            lower ??= ka.Value.Numerator;
            // x_1 + x_2 + … with the counter at 1: x_i. A name shifted from the counter (y_2 beside x_1) is not read.
            return ka.Value.Numerator == lower.Value ? Ex.Sym(pa.Base + "_" + index.Name) : null;
        }
        if (a.Children.Count == 0 || a.Children.Count != b.Children.Count || a.GetType() != b.GetType()) return null;
        var children = new Expr[a.Children.Count];
        for (var i = 0; i < children.Length; i++)
        {
            if (Pattern(a.Children[i], b.Children[i], index, ref lower) is not { } c) return null;
            children[i] = c;
        }
        // The same operation on both (the same function, the same kind of node): a rebuilt with b's children is b.
        return Ex.Rebuild(a, b.Children).Equals(b) ? Ex.Rebuild(a, children) : null;
    }

    /// <summary>The body at a value of the index: x_i becomes x_3 or x_n (a value that is an integer or a name); null otherwise.</summary>
    private static Expr? Instance(Expr body, Sym index, Expr value)
    {
        var names = new Dictionary<Sym, Expr>();
        foreach (var s in Traversal.FreeSymbols(body))
        {
            if (s.Equals(index)) names[s] = value;
            else if (Split(s.Name) is { } p && p.Key == index.Name)
            {
                var key = value switch
                {
                    Num { Value.IsInteger: true } n => n.Value.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Sym v when Key(v.Name) is Sym => v.Name,
                    _ => null,
                };
                if (key is null) return null;
                names[s] = Ex.Sym(p.Base + "_" + key);
            }
        }
        return Traversal.Substitute(body, names);
    }

    /// <summary>Equal once subscripts are written alike (x_{12} and x_12).</summary>
    private static bool SameValue(Expr? a, Expr b) => a is not null && Canonical(a).Equals(Canonical(b));

    private static Expr Canonical(Expr e)
    {
        var names = new Dictionary<Sym, Expr>();
        foreach (var s in Traversal.FreeSymbols(e))
            if (Split(s.Name) is { } p) names[s] = Ex.Sym(p.Base + "_" + p.Key);
        return names.Count == 0 ? e : Traversal.Substitute(e, names);
    }

    /// <summary>x_1 → (x, 1), x_{12} → (x, 12): the name and its subscript.</summary>
    private static (string Base, string Key)? Split(string name)
    {
        var depth = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (c == '_' && depth == 0 && i > 0 && i + 1 < name.Length)
            {
                var key = name.Substring(i + 1);
                if (key.Length > 2 && key[0] == '{' && key[key.Length - 1] == '}') key = key.Substring(1, key.Length - 2);
                return (name.Substring(0, i), key);
            }
        }
        return null;
    }
}
