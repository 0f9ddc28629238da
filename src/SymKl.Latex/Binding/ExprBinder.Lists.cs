using System.Numerics;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexCall = SymKl.Latex.Syntax.Call;

namespace SymKl.Latex.Binding;

/// <summary>
/// Argument lists written with an ellipsis: H(\frac1n, \frac1n, \dots, \frac1n), H(a, \underbrace{c, c, \dots, c}_{n-2}),
/// H(p_1, p_2, \ldots, p_n), P(x_1, \ldots, x_d \mid c), P(x_1, \ldots, x_{i-1}, x_{i+1}, \ldots, x_d). Two patterns are read:
/// one term repeated (every term of the run the same expression, with the count given by an \underbrace label, or, for the
/// probabilities of an entropy that are all the same, implied by their adding up to one), and names of one letter whose
/// subscripts run from a first value to a last one (the terms before the dots growing by one). Anything else stays unread.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>One piece of a list: a term as written, one term repeated a number of times, or x_lo … x_hi.</summary>
    private abstract record ListPart;

    private sealed record WrittenTerm(Expr Value) : ListPart;

    private sealed record RepeatedTerm(Expr Term, Expr? Count) : ListPart;

    /// <summary>
    /// x_lo, …, x_hi with the terms written before the dots (<see cref="Shown"/>: x_lo, x_{lo+1} …) and the one after (x_hi).
    /// <see cref="Without"/>: one index the list skips (x_1, …, x_{i-1}, x_{i+1}, …, x_d skips i).
    /// </summary>
    private sealed record IndexedRun(string Base, Expr Lower, Expr Upper, IReadOnlyList<Expr> Shown, Expr Last, string LowerKey, string UpperKey, Expr? Without = null) : ListPart;

    private const string UnclearList =
        "an ellipsis in a list whose terms follow no clear pattern (the same term repeated a given number of times, \\underbrace{c, \\dots, c}_{n}, or names x_1, x_2, \\ldots, x_n)";

    /// <summary>The list has an ellipsis (written among its items, or inside an \underbrace or a braced list among them).</summary>
    private static bool HasEllipsis(IEnumerable<SyntaxNode> items) =>
        items.Any(i => i is Ellipsis || i is Sequence s && s.Items.Any(x => x is Ellipsis) || i is Subscript { Base: Sequence b } && b.Items.Any(x => x is Ellipsis));

    /// <summary>
    /// The list as parts, or null (after a diagnostic) when a term cannot be read or the pattern is unclear.
    /// <paramref name="impliedCount"/> gives the count of a list that is one term repeated with nothing said about how often
    /// (an entropy's probabilities add up to one: 1/c terms of c); null where nothing implies it.
    /// </summary>
    private List<ListPart>? ListParts(IReadOnlyList<SyntaxNode> items, SyntaxNode where, Func<Expr, Expr?>? impliedCount)
    {
        var parts = new List<ListPart>();
        var pending = new List<SyntaxNode>();
        foreach (var item in items)
        {
            switch (item)
            {
                case Subscript { Base: Sequence braced } labelled when braced.Items.Any(x => x is Ellipsis) && Commas(braced):
                    {
                        if (!Flush()) return null;
                        if (RepeatedRun(braced, where) is not { } term) return null;
                        if (CountOf(labelled.Index) is not { } count) { Unsupported(labelled.Index, "the label of an \\underbrace, which does not read as a count of terms"); return null; }
                        parts.Add(new RepeatedTerm(term, count));
                        break;
                    }
                case Sequence inner when Commas(inner):
                    pending.AddRange(inner.Items);
                    break;
                default:
                    pending.Add(item);
                    break;
            }
        }
        if (!Flush()) return null;
        // c, c, …, c alone: as many terms as the sum of one implies.
        if (parts is [RepeatedTerm { Count: null } only])
        {
            if (impliedCount?.Invoke(only.Term) is not { } count) { Unsupported(where, "a list of one term repeated, with no count given (write it as \\underbrace{c, \\dots, c}_{n})"); return null; }
            parts[0] = only with { Count = count };
        }
        if (parts.Any(p => p is RepeatedTerm { Count: null })) { Unsupported(where, "a list of one term repeated, with no count given (write it as \\underbrace{c, \\dots, c}_{n})"); return null; }
        return parts;

        bool Flush()
        {
            if (pending.Count == 0) return true;
            var read = PlainListParts(pending, where);
            pending.Clear();
            if (read is null) return false;
            parts.AddRange(read);
            return true;
        }
    }

    /// <summary>A braced list whose items only commas separate (not {x | x > 0}).</summary>
    private static bool Commas(Sequence list) => list.Separators.Count == list.Items.Count - 1 && list.Separators.All(s => s.Text == ",");

    /// <summary>The term of c, c, \dots, c (every written term the same expression), or null after a diagnostic.</summary>
    private Expr? RepeatedRun(Sequence list, SyntaxNode where)
    {
        var written = BindAll(list.Items.Where(i => i is not Ellipsis));
        if (written is null) return null;
        if (written.Count == 0 || written.Any(w => !SameValue(w, written[0]))) return Unsupported(where, UnclearList);
        return written[0];
    }

    /// <summary>n, (n-2)\text{ terms}, n \text{ times}: the count an \underbrace label gives.</summary>
    private Expr? CountOf(SyntaxNode label)
    {
        var node = label;
        if (node is ImplicitMultiplication { Factors: var factors } && factors.Count >= 2 && factors[factors.Count - 1] is Text)
            node = factors.Count == 2 ? factors[0] : new ImplicitMultiplication(label.Span, factors.Take(factors.Count - 1).ToList(), false);
        if (node is Sequence { Items: [var count, Text] }) node = count;
        if (node.DescendantsAndSelf().Any(n => n is Text)) return null;
        var saved = _diagnostics.Count;
        var value = Bind(node);
        if (value is null) { _diagnostics.RemoveRange(saved, _diagnostics.Count - saved); return null; }
        return value;
    }

    /// <summary>Parts of a list without \underbrace: written terms, runs of one repeated term (count unknown), runs of x_k.</summary>
    private List<ListPart>? PlainListParts(List<SyntaxNode> items, SyntaxNode where)
    {
        var values = new Expr?[items.Count];
        for (var k = 0; k < items.Count; k++)
        {
            if (items[k] is Ellipsis) continue;
            values[k] = Bind(items[k]);
            if (values[k] is null) return null;
        }
        var parts = new List<ListPart>();
        var k0 = 0;
        while (k0 < items.Count)
        {
            var dots = items.FindIndex(k0, i => i is Ellipsis);
            if (dots < 0)
            {
                parts.AddRange(values.Skip(k0).Select(v => new WrittenTerm(v!)));
                break;
            }
            if (dots == k0 || dots + 1 >= items.Count || items[dots + 1] is Ellipsis) { Unsupported(items[dots], UnclearList); return null; }
            var last = values[dots + 1]!;
            // The same term on both sides of the dots: the run is every copy of it before them.
            if (SameValue(values[dots - 1], last))
            {
                var first = dots - 1;
                while (first > k0 && SameValue(values[first - 1], last)) first--;
                parts.AddRange(values.Skip(k0).Take(first - k0).Select(v => new WrittenTerm(v!)));
                parts.Add(new RepeatedTerm(last, null));
                k0 = dots + 2;
                continue;
            }
            // x_lo, x_{lo+1}, …, x_hi: names of one letter whose subscripts grow by one before the dots.
            if (IndexOf(items[dots + 1]) is not ({ } name, { } upper) || IndexOf(items[dots - 1]) is not ({ } before, { } shownLast) || before != name)
            {
                Unsupported(items[dots], UnclearList);
                return null;
            }
            var start = dots - 1;
            var lower = shownLast;
            while (start > k0 && IndexOf(items[start - 1]) is ({ } b, { } previous) && b == name && Ex.Sub(lower, previous) is Num { Value.IsOne: true })
            {
                start--;
                lower = previous;
            }
            // The last term must come after the ones shown: x_1, x_2, \dots, x_2 is no range.
            if (Ex.Sub(upper, shownLast) is Num { Value: var gap } && gap.Sign <= 0) { Unsupported(items[dots], UnclearList); return null; }
            parts.AddRange(values.Skip(k0).Take(start - k0).Select(v => new WrittenTerm(v!)));
            parts.Add(new IndexedRun(name, lower, upper, values.Skip(start).Take(dots - start).Select(v => v!).ToList(), last, SubscriptKey(items[start]), SubscriptKey(items[dots + 1])));
            k0 = dots + 2;
        }
        // x_1, …, x_{i-1}, x_{i+1}, …, x_d: two runs with one index between them skipped.
        for (var k = parts.Count - 1; k > 0; k--)
            if (parts[k - 1] is IndexedRun { Without: null } a && parts[k] is IndexedRun { Without: null } b && a.Base == b.Base && Ex.Sub(b.Lower, a.Upper) is Num n && n.Value == new Rational(2))
            {
                parts[k - 1] = a with { Upper = b.Upper, Last = b.Last, UpperKey = b.UpperKey, Without = Ex.Add(a.Upper, Ex.One) };
                parts.RemoveAt(k);
            }
        return parts;
    }

    /// <summary>x_3 → ("x", 3), x_{i-1} → ("x", i − 1): a plain name with a subscript that reads as a value; else nulls.</summary>
    private (string? Base, Expr? Index) IndexOf(SyntaxNode node)
    {
        if (node is not Identifier { Subscript: { } sub, Primes: 0 } id || sub.DescendantsAndSelf().Any(n => n is Sequence or Text)) return (null, null);
        var saved = _diagnostics.Count;
        var index = Bind(sub);
        if (index is null) { _diagnostics.RemoveRange(saved, _diagnostics.Count - saved); return (null, null); }
        return (Name(id with { Subscript = null }), index);
    }

    /// <summary>
    /// −Σ pᵢ log pᵢ over a list with an ellipsis: a repeated term adds count · c log c; x_lo … x_hi keeps the terms written
    /// and sums over the middle (x_1 log x_1 + Σ_{i=2}^{n-1} x_i log x_i + x_n log x_n), as sums with an ellipsis are read.
    /// </summary>
    private Expr? ListEntropy(LatexCall c, LogBase logBase)
    {
        var parts = ListParts(c.Arguments, c, term => ImpliedCount(term));
        if (parts is null) return null;
        Expr Term(Expr p) => Ex.Mul(p, logBase.Log(p)!);
        var terms = new List<Expr>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case WrittenTerm { Value: var p } when !p.IsZero:
                    terms.Add(Term(p));
                    break;
                case RepeatedTerm r when !r.Term.IsZero:
                    terms.Add(Ex.Mul(r.Count!, Term(r.Term)));
                    break;
                case IndexedRun run:
                    {
                        if (run.Without is not null) return Unsupported(c, "an entropy of a list that skips one of its indices");
                        var used = new HashSet<string>(parts.OfType<IndexedRun>().SelectMany(x => Traversal.FreeSymbols(Ex.Add(x.Lower, x.Upper))).Select(s => s.Name), StringComparer.Ordinal) { run.Base };
                        if (IndexNames.FirstOrDefault(n => !used.Contains(n)) is not { } indexName) return Unsupported(c, UnclearList);
                        var index = Ex.Sym(indexName);
                        terms.AddRange(run.Shown.Select(Term));
                        terms.Add(Ex.Summation(Term(Ex.Sym(run.Base + "_" + indexName)), index, Ex.Add(run.Lower, Ex.Num(run.Shown.Count, BigInteger.One)), Ex.Sub(run.Upper, Ex.One)));
                        terms.Add(Term(run.Last));
                        break;
                    }
            }
        }
        return Ex.Neg(Ex.Add(terms.ToArray()));
    }

    /// <summary>c, c, …, c as probabilities: 1/c of them, when that is a whole number or a polynomial in the counts (1/\frac1n = n).</summary>
    private static Expr? ImpliedCount(Expr term)
    {
        var count = Ex.Div(Ex.One, term);
        if (count is Num { Value: var v }) return v.IsInteger && v.Sign > 0 ? count : null;
        var polynomial = !Traversal.Any(count, n => n is Pow { Exponent: Num e } && (!e.Value.IsInteger || e.Value.Sign < 0) || n is Fn or Apply or Summation)
            && Traversal.FreeSymbols(count).Count > 0;
        return polynomial ? count : null;
    }

    /// <summary>
    /// P(x_1, \ldots, x_d, c): the arguments with each run x_lo … x_hi as one name x_{lo:hi} (the name a range subscript gets),
    /// and x_1, …, x_{i-1}, x_{i+1}, …, x_d as x_{1:d \setminus i}. A repeated term has no such name: not read.
    /// </summary>
    private List<Expr>? RangeArguments(LatexCall c)
    {
        // A run never crosses '|' or ';': P(x_1, \ldots, x_d \mid c) reads each side on its own.
        var parts = new List<ListPart>();
        var group = new List<SyntaxNode>();
        for (var k = 0; k <= c.Arguments.Count; k++)
        {
            if (k == c.Arguments.Count || k > 0 && k - 1 < c.Separators.Count && c.Separators[k - 1].Text != ",")
            {
                if (ListParts(group, c, null) is not { } read) return null;
                parts.AddRange(read);
                group.Clear();
            }
            if (k < c.Arguments.Count) group.Add(c.Arguments[k]);
        }
        var args = new List<Expr>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case WrittenTerm w:
                    args.Add(w.Value);
                    break;
                case IndexedRun { Lower: Num { Value.IsInteger: true } lo, Upper: Num { Value.IsInteger: true } hi, Without: null or Num } run when hi.Value.Numerator - lo.Value.Numerator < 1000:
                    // x_1, \ldots, x_5: the five names, as written out.
                    for (var k = lo.Value.Numerator; k <= hi.Value.Numerator; k++)
                        if (!(run.Without is Num skipped && skipped.Value.Numerator == k && skipped.Value.IsInteger))
                            args.Add(Ex.Sym(run.Base + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case IndexedRun { Without: null or Sym or Num } run:
                    args.Add(Ex.Sym(run.Base + "_" + run.LowerKey + ":" + run.UpperKey + (run.Without is null ? "" : "\\setminus" + LatexPrinter.Print(run.Without))));
                    break;
                default:
                    Unsupported(c, "a term repeated in the arguments of " + Quote(c.Callee));
                    return null;
            }
        }
        return args;
    }

    /// <summary>The subscript of x_k as the name of x_{lo:hi} writes it ("1", "d", "i+1").</summary>
    private string SubscriptKey(SyntaxNode item) => Names.SubscriptKey(((Identifier)item).Subscript!, _text);
}
