namespace SymKl.Symbolic.Probability;

/// <summary>
/// ∫_ℝ c·x^k·e^{A x² + B x + C} dx for A &lt; 0, in closed form:
/// e^{C − B²/(4A)} · √(π/(−A)) · E[Y^k] with Y ~ N(−B/(2A), −1/(2A)).
/// This is what an explicitly written Gaussian density times a polynomial (its log, a moment) becomes.
/// </summary>
public static class GaussianIntegral
{
    public static ClosedForm Integrate(Expr integrand, Sym x, Assumptions a, Budget budget)
    {
        var normal = Normalizer.Normalize(integrand, a, budget);
        var terms = normal is Add s ? (IReadOnlyList<Expr>)s.Terms : [normal];
        var results = new List<Expr>();
        foreach (var t in terms)
        {
            var r = Term(t, x, a, budget);
            if (r.Value is null) return r;
            results.Add(r.Value);
        }
        return ClosedForm.Of(Normalizer.Normalize(Ex.Add(results), a, budget));
    }

    private static ClosedForm Term(Expr term, Sym x, Assumptions a, Budget budget)
    {
        var (constant, dependent) = ExpectationEngine.SplitDependence(term, x);
        if (dependent is null) return ClosedForm.Fail("the integrand has a term free of the variable, whose integral over the real line diverges");
        var factors = dependent is Mul m ? (IReadOnlyList<Expr>)m.Factors : [dependent];
        var k = 0;
        Expr? exponent = null;
        foreach (var f in factors)
        {
            if (Families.PowerOf(f, x) is { } p) k += p;
            else if (f is Pow { Base: Constant { Which: ConstantKind.E } } e && exponent is null) exponent = e.Exponent;
            else return ClosedForm.Fail("the integrand is not a polynomial times the exponential of a quadratic: " + LatexPrinter.Print(f));
        }
        if (exponent is null) return ClosedForm.Fail("a polynomial alone is not integrable over the real line");
        var coefficients = Quadratic(exponent, x, a, budget);
        if (coefficients is null) return ClosedForm.Fail("the exponent is not a quadratic in " + x.Name);
        var (qa, qb, qc) = coefficients.Value;
        if (!Signs.IsNegative(qa, a)) return ClosedForm.Fail("cannot show that the coefficient of " + x.Name + "² in the exponent is negative");
        var mean = Ex.Neg(Ex.Div(qb, Ex.Mul(Ex.Two, qa)));
        var variance = Ex.Neg(Ex.Div(Ex.One, Ex.Mul(Ex.Two, qa)));
        var scale = Ex.Mul(Ex.Exp(Ex.Sub(qc, Ex.Div(Ex.Pow(qb, Ex.Two), Ex.Mul(Ex.Num(4), qa)))), Ex.Sqrt(Ex.Div(Ex.Pi, Ex.Neg(qa))));
        var moment = Families.Normal.Moment(k == 0 ? Ex.One : k == 1 ? x : Ex.Pow(x, Ex.Num(k)), x, [mean, variance], a) ?? Ex.One;
        return ClosedForm.Of(Ex.Mul(constant, scale, moment));
    }

    /// <summary>(A, B, C) with e = A x² + B x + C, or null when e is not of that form.</summary>
    internal static (Expr A, Expr B, Expr C)? Quadratic(Expr e, Sym x, Assumptions a, Budget budget)
    {
        var normal = Normalizer.Normalize(e, a, budget);
        var terms = normal is Add s ? (IReadOnlyList<Expr>)s.Terms : [normal];
        var c = new List<Expr>[3] { [], [], [] };
        foreach (var t in terms)
        {
            var (constant, dependent) = ExpectationEngine.SplitDependence(t, x);
            var degree = dependent is null ? 0 : Families.PowerOf(dependent, x);
            if (degree is null or > 2) return null;
            c[degree.Value].Add(constant);
        }
        return (Normalizer.Normalize(Ex.Add(c[2]), a, budget), Ex.Add(c[1]), Ex.Add(c[0]));
    }
}
