namespace SymKl.Symbolic;

/// <summary>Distributes products over sums and multiplies out positive integer powers of sums, everywhere.</summary>
public static class Expander
{
    public static Expr Expand(Expr e, Budget? budget = null)
    {
        budget ??= new Budget();
        return Ex.Map(e, x => Step(x, budget));
    }

    private static Expr Step(Expr e, Budget budget)
    {
        switch (e)
        {
            case Mul m when m.Factors.Any(f => f is Add):
                return Distribute(m.Factors, budget);
            case Pow { Base: Add s, Exponent: Num n } when n.Value.IsInteger && n.Value.Sign > 0:
                {
                    var k = n.Value.Numerator > 1000 ? 1001 : (int)n.Value.Numerator;
                    if (Math.Pow(s.Terms.Count, Math.Min(k, 64)) > budget.MaxTerms * 50.0) throw new BudgetExceededException("expanding a power of a sum");
                    Expr result = s;
                    for (var i = 1; i < k; i++) result = Distribute([result, s], budget);
                    return result;
                }
        }
        return e;
    }

    private static Expr Distribute(IReadOnlyList<Expr> factors, Budget budget)
    {
        var terms = new List<Expr> { Ex.One };
        foreach (var f in factors)
        {
            var fs = f is Add a ? (IReadOnlyList<Expr>)a.Terms : [f];
            var count = (long)terms.Count * fs.Count;
            if (count > budget.MaxTerms) throw new BudgetExceededException("expanding a product");
            budget.Charge(count, "expansion");
            var next = new List<Expr>((int)count);
            foreach (var t in terms)
                foreach (var u in fs)
                    next.Add(Ex.Mul(t, u));
            terms = next;
        }
        // The products may contain new powers of sums (x·(x+1)^2); expand them too.
        var sum = Ex.Add(terms);
        return sum is Add s2 && s2.Terms.Any(t => t is Mul mm && mm.Factors.Any(f => f is Add || f is Pow { Base: Add, Exponent: Num { Value: { IsInteger: true, Sign: > 0 } } }))
            ? Ex.Map(sum, x => Step(x, budget))
            : sum;
    }
}
