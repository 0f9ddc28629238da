using SymKl.Latex.Binding;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Checking;

/// <summary>
/// Values the text states for expectations under a law it leaves open ("we know that 𝔼_q[(x − μ)²] = σ²"): laws the
/// document gives about q. A statement SymKl could not decide that equates expectations of one kind with something
/// without them is remembered (the latest few, oldest dropped); a later step that does not hold on its own is checked
/// again with one of its expectations replaced as the statement says. Used only to confirm or prove a step, never to
/// refute one: the statement itself may be wrong, and a step that follows from it is still right as a step.
/// </summary>
public sealed class StatedExpectations
{
    private const int Kept = 8;

    private readonly List<(Expr Lhs, Expr Rhs, string Text)> _values = new();

    /// <summary>Remembers an undecided equation between expectations of open laws (on one side only) and a value.</summary>
    internal void Remember(Expr lhs, Expr rhs)
    {
        if (OpaqueTerms.In(rhs).Count > 0) (lhs, rhs) = (rhs, lhs);
        var found = OpaqueTerms.In(lhs);
        if (found.Count == 0 || OpaqueTerms.In(rhs).Count > 0 || found.Any(f => f.Term.Kind != OpaqueKind.Expectation)) return;
        if (Traversal.Any(rhs, x => x is BinderNode or Functional)) return;
        var text = Readable(lhs) + " = " + LatexPrinter.Print(rhs);
        _values.RemoveAll(v => v.Text == text);
        _values.Add((lhs, rhs, text));
        if (_values.Count > Kept) _values.RemoveAt(0);
    }

    /// <summary>The expectations written as expectations again (not as the symbols that stand for them).</summary>
    private static string Readable(Expr e)
    {
        var map = new Dictionary<Sym, Expr>();
        var texts = new List<string>();
        foreach (var (symbol, term) in OpaqueTerms.In(e))
        {
            map[symbol] = Ex.Sym("XPLACEHOLDER" + texts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "X");
            texts.Add(term.Describe() + "[" + LatexPrinter.Print(term.Body) + "]");
        }
        var printed = LatexPrinter.Print(Traversal.Substitute(e, map));
        for (var i = texts.Count - 1; i >= 0; i--) printed = printed.Replace("XPLACEHOLDER" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "X", texts[i]);
        return printed;
    }

    /// <summary>The step's verdict with one stated value used, when that makes it hold; else null.</summary>
    internal Verdict? Use(Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DistributionContext context, int seed)
    {
        var mine = new HashSet<Sym>(OpaqueTerms.In(lhs).Concat(OpaqueTerms.In(rhs)).Select(f => f.Symbol));
        if (mine.Count == 0) return null;
        for (var i = _values.Count - 1; i >= 0; i--)
        {
            var (l, r, text) = _values[i];
            var difference = Ex.Sub(l, r);
            var theirs = OpaqueTerms.In(l).Select(f => f.Symbol).ToList();
            foreach (var s in theirs.Where(mine.Contains))
            {
                if (Solved(difference, s) is not { } value) continue;
                var (sl, sr) = (Traversal.Substitute(lhs, s, value), Traversal.Substitute(rhs, s, value));
                var verdict = StepChecker.Check(sl, relation, sr, assumptions, context, seed);
                if (verdict.Holds)
                    return verdict with { Reason = "it follows from the stated " + text + ": " + verdict.Reason };
            }
        }
        return UseAll(lhs, relation, rhs, mine, assumptions, context, seed);
    }

    /// <summary>
    /// The value of expectation <paramref name="s"/> that makes <paramref name="difference"/> (lhs − rhs of a stated
    /// value) zero, when it is linear in s with a number (free of every expectation) as its coefficient; else null.
    /// </summary>
    private static Expr? Solved(Expr difference, Sym s)
    {
        Expr k;
        try
        {
            k = Differentiator.Derivative(difference, s);
        }
        catch (NotSupportedException)
        {
            return null;
        }
        return k.IsZero || OpaqueTerms.In(k).Count > 0 ? null : Ex.Sub(s, Ex.Div(difference, k));
    }

    /// <summary>
    /// Every stated value at once, the latest first for each expectation: "𝔼[X²] − 𝔼[X]² = 2/λ² − 1/λ²" uses the values
    /// stated for both 𝔼[X²] and 𝔼[X].
    /// </summary>
    private Verdict? UseAll(Expr lhs, Relation relation, Expr rhs, HashSet<Sym> mine, Assumptions assumptions, DistributionContext context, int seed)
    {
        var values = new Dictionary<Sym, Expr>();
        var texts = new List<string>();
        for (var i = _values.Count - 1; i >= 0; i--)
        {
            var (l, r, text) = _values[i];
            var difference = Ex.Sub(l, r);
            foreach (var s in OpaqueTerms.In(l).Select(f => f.Symbol).Where(s => mine.Contains(s) && !values.ContainsKey(s)))
            {
                if (Solved(difference, s) is not { } value || OpaqueTerms.In(value).Count > 0) continue;
                values[s] = value;
                texts.Add(text);
                break;
            }
        }
        if (values.Count < 2) return null;
        var verdict = StepChecker.Check(Traversal.Substitute(lhs, values), relation, Traversal.Substitute(rhs, values), assumptions, context, seed);
        return verdict.Holds ? verdict with { Reason = "it follows from the stated " + string.Join(" and ", texts) + ": " + verdict.Reason } : null;
    }
}
