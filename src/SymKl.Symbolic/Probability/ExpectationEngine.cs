namespace SymKl.Symbolic.Probability;

/// <summary>The result of a closed-form attempt: the value, or why there is none.</summary>
public sealed record ClosedForm(Expr? Value, string? Failure)
{
    public static ClosedForm Of(Expr value) => new(value, null);
    public static ClosedForm Fail(string why) => new(null, why);
}

/// <summary>
/// E_{x ~ D}[g(x)] in closed form: normalise g (with x in D's support), split by linearity, take factors
/// free of x out, and look each remaining monomial up in D's moment table.
/// </summary>
public static class ExpectationEngine
{
    public static ClosedForm Expect(Expr g, Sym x, DistributionInstance d, Assumptions a, Budget budget)
    {
        var within = d.Constrain(a).With(x.Name, d.Family.VariableDomain);
        var normal = Normalizer.Normalize(g, within, budget);
        var terms = normal is Add s ? (IReadOnlyList<Expr>)s.Terms : [normal];
        var results = new List<Expr>(terms.Count);
        foreach (var t in terms)
        {
            var (constant, dependent) = SplitDependence(t, x);
            if (dependent is null) { results.Add(t); continue; }
            var m = d.Family.Support == SupportKind.Binary ? Binary(dependent, x) : dependent;
            var moment = d.Family.Moment(m, x, d.Parameters, within);
            if (moment is null)
                return ClosedForm.Fail($"no closed form for E[{LatexPrinter.Print(dependent)}] under {d}");
            results.Add(Ex.Mul(constant, moment));
        }
        return ClosedForm.Of(Normalizer.Normalize(Ex.Add(results), d.Constrain(a), budget));
    }

    /// <summary>On {0, 1}, x^k = x for k ≥ 1.</summary>
    private static Expr Binary(Expr m, Sym x) => Families.PowerOf(m, x) is not null ? x : m;

    /// <summary>Splits a term into the product of its factors free of x and the product of the others (null if none).</summary>
    public static (Expr Constant, Expr? Dependent) SplitDependence(Expr term, Sym x)
    {
        var factors = term is Mul m ? (IReadOnlyList<Expr>)m.Factors : [term];
        var free = new List<Expr>();
        var dependent = new List<Expr>();
        foreach (var f in factors)
        {
            if (Traversal.FreeSymbols(f).Contains(x)) dependent.Add(f);
            else free.Add(f);
        }
        return (Ex.Mul(free), dependent.Count == 0 ? null : Ex.Mul(dependent));
    }
}
