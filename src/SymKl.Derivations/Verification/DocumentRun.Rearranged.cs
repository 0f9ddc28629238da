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

    /// <summary>The latest undecided equation with a sum or integral (kept apart from the working equations, whose premises it would change).</summary>
    private WorkingEquation? _undecided;

    /// <summary>The later of the last working equation and the last undecided one.</summary>
    private WorkingEquation? LatestEquation()
    {
        WorkingEquation? working = _working.Count > 0 ? _working[^1] : null;
        if (_undecided is not { } undecided) return working;
        return working is { } w && w.Line > undecided.Line ? w : undecided;
    }

    /// <summary>
    /// An equation with a sum, product or integral that no check decided (Σ_k e^{λ₀−1} e^{λ₁k} = 1 over an unspecified
    /// range), not a later link of a chain (a link claims an identity of its own): proved when it rearranges the equation
    /// before it, and remembered as the latest equation, so the next display may be proved its rearrangement (a row that
    /// follows from the one before is right even where that one is not).
    /// </summary>
    private Verdict? RearrangedUndecided(Expr lhs, Expr rhs, int line)
    {
        if (_rewriteLink || !Traversal.Any(lhs, IsBinder) && !Traversal.Any(rhs, IsBinder)) return null;
        (lhs, rhs) = (Counted(Written(lhs)), Counted(Written(rhs)));
        var verdict = LatestEquation() is { } before ? Rearranged(before, lhs, rhs) : null;
        _undecided = new WorkingEquation(lhs, rhs, line, Followed: false);
        return verdict;

        static bool IsBinder(Expr e) => e is Summation or IndexedProduct or Integral;
    }

    private Verdict? Rearranged(WorkingEquation before, Expr lhs, Expr rhs) =>
        Rearranged(before.Lhs, before.Rhs, "the equation on line " + before.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), lhs, rhs);

    private Verdict? Rearranged(Expr beforeLhs, Expr beforeRhs, string where, Expr lhs, Expr rhs)
    {
        var now = Ex.Sub(lhs, rhs);
        var was = Ex.Sub(beforeLhs, beforeRhs);
        // ½√(π/(−λ³)) written by a text whose λ is negative: under the convention λ > 0 it has no value, and the normal
        // form would make it equal to ½√(π/λ³) (a vacuous proof); the convention gives way for both equations.
        var assumptions = _scope.Assumptions;
        foreach (var (l, r) in new[] { (beforeLhs, beforeRhs), (lhs, rhs) })
            if (ConventionRelaxation.Relax(l, r, assumptions, 0x5EED) is { } relax) assumptions = relax.Relaxed;
        // The earlier equation times g (g·0 = 0), or the new one times one of its denominators d (d ≠ 0 where it is defined).
        // Both sides the same once the text's definitions are written out (∫ x p(x) dx with p(x) = e^{λ₀−1} e^{λ₁x}): an identity, whatever came before.
        if (ZeroWhenNormalised(now, assumptions))
            return new Verdict(VerdictKind.Proved, "with the text's definitions written out the two sides are the same, proved symbolically", null, null, 0);
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
                    var difference = Normalizer.Normalize(Ex.Sub(n, sign > 0 ? w : Ex.Neg(w)), assumptions, budget);
                    if (!Normalizer.IsZero(difference, assumptions, budget)) continue;
                }
                catch (BudgetExceededException)
                {
                    continue;
                }
                catch (OperationCanceledException)
                {
                    continue;
                }
                return new Verdict(VerdictKind.Proved, "it is " + where + " rearranged"
                    + (how.Length > 0 ? " (" + how.TrimStart() + ")" : "") + (sign < 0 ? ", sides swapped" : "") + ", proved symbolically: it holds wherever that one does", null, null, 0);
            }
        return null;
    }

    private static bool ZeroWhenNormalised(Expr e, Assumptions assumptions)
    {
        try
        {
            var budget = new Budget(RearrangedBudget);
            return Normalizer.IsZero(Normalizer.Normalize(e, assumptions, budget), assumptions, budget);
        }
        catch (Exception ex) when (ex is BudgetExceededException or OperationCanceledException)
        {
            return false;
        }
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
