using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Σ_k e^{λ₀−1} e^{λ₁k} = 1, so e^{λ₀−1} Σ_k e^{λ₁k} = 1, so e^{λ₀−1} = 1/Σ_k e^{λ₁k}": each equation is the one
/// before it rearranged. Its lhs − rhs is the earlier equation's lhs − rhs times a factor, or that divided by a
/// denominator of its own (which is not 0 wherever the new equation has a value). That needs no solving, so it decides
/// equations with sums over unspecified ranges, integrals and unknown functions, which the consequence check cannot
/// evaluate. Only the latest working equation (a row that agrees with one further back but not with the row before it
/// may undo a slip), and only ever to prove.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Multipliers tried per side, and the budget of each normalisation.</summary>
    private const int RearrangedMultipliers = 6;
    private const long RearrangedBudget = 200_000;

    /// <summary>
    /// An equation with a sum, product or integral that no check decided (Σ_k e^{λ₀−1} e^{λ₁k} = 1 over an unspecified
    /// range): proved when it rearranges the working equation before it; one more working equation when it is proved so or
    /// is in the text's unknowns, so the next display may be proved its rearrangement. Marked as not followed: no later display is refuted against it.
    /// </summary>
    private Verdict? RearrangedUndecided(Expr lhs, Expr rhs, int line)
    {
        if (!Traversal.Any(lhs, IsBinder) && !Traversal.Any(rhs, IsBinder)) return null;
        var inUnknowns = Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Any(s => _unknowns.ContainsKey(s.Name));
        (lhs, rhs) = (Counted(Written(lhs)), Counted(Written(rhs)));
        var verdict = _working.Count > 0 ? Rearranged(_working[^1], lhs, rhs) : null;
        if (verdict is null && !inUnknowns) return null;
        _working.Add(new WorkingEquation(lhs, rhs, line, Followed: false));
        if (_working.Count > WorkingWindow) Retire(_working[0]);
        return verdict;

        static bool IsBinder(Expr e) => e is Summation or IndexedProduct or Integral;
    }

    private Verdict? Rearranged(WorkingEquation before, Expr lhs, Expr rhs)
    {
        var now = Ex.Sub(lhs, rhs);
        var was = Ex.Sub(before.Lhs, before.Rhs);
        // The earlier equation times g (g·0 = 0), or the new one times one of its denominators d (d ≠ 0 where it is defined).
        var tries = new List<(Expr Now, Expr Was, string How)> { (now, was, "") };
        foreach (var g in RearrangedDenominators(was).Take(RearrangedMultipliers))
            tries.Add((now, Ex.Mul(g, was), " multiplied by " + LatexPrinter.Print(g)));
        foreach (var d in RearrangedDenominators(now).Take(RearrangedMultipliers))
            tries.Add((Ex.Mul(d, now), was, " divided by " + LatexPrinter.Print(d)));
        foreach (var (n, w, how) in tries)
            foreach (var sign in new[] { 1, -1 })
            {
                try
                {
                    var budget = new Budget(RearrangedBudget);
                    var difference = Normalizer.Normalize(Ex.Sub(n, sign > 0 ? w : Ex.Neg(w)), _scope.Assumptions, budget);
                    if (!Normalizer.IsZero(difference, _scope.Assumptions, budget)) continue;
                }
                catch (BudgetExceededException)
                {
                    continue;
                }
                catch (OperationCanceledException)
                {
                    continue;
                }
                return new Verdict(VerdictKind.Proved, "it is not an identity, but it is the equation on line " + before.Line + " rearranged"
                    + (how.Length > 0 ? " (" + how.TrimStart() + ")" : "") + (sign < 0 ? ", sides swapped" : "") + ", proved symbolically", null, null, 0);
            }
        return null;
    }

    /// <summary>The bases of negative integer powers among the factors of the terms (1/Σ_k e^{λ₁k} gives Σ_k e^{λ₁k}), with their largest power.</summary>
    private static IEnumerable<Expr> RearrangedDenominators(Expr e)
    {
        var found = new Dictionary<Expr, Rational>();
        var terms = e is Add s ? (IReadOnlyList<Expr>)s.Terms : [e];
        foreach (var t in terms)
            foreach (var f in t is Mul m ? (IReadOnlyList<Expr>)m.Factors : [t])
                if (f is Pow { Exponent: Num n } p && n.Value.IsInteger && n.Value.Sign < 0 && p.Base is not Num)
                    found[p.Base] = found.TryGetValue(p.Base, out var k) && k >= -n.Value ? k : -n.Value;
        return found.Select(kv => Ex.Pow(kv.Key, Ex.Num(kv.Value)));
    }
}
