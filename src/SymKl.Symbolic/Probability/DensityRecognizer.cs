namespace SymKl.Symbolic.Probability;

/// <summary>
/// Recognises a density written out as a formula: c·e^{A x² + B x + C} with A &lt; 0 that integrates to 1
/// is the Normal density with mean −B/(2A) and variance −1/(2A). The normalisation is proved, not assumed.
/// </summary>
public static class DensityRecognizer
{
    public static DistributionInstance? TryRecognize(Expr formula, Sym x, Assumptions a)
    {
        try
        {
            var budget = new Budget();
            var normal = Normalizer.Normalize(formula, a, budget);
            var (constant, dependent) = ExpectationEngine.SplitDependence(normal, x);
            if (dependent is not Pow { Base: Constant { Which: ConstantKind.E } } exp) return null;
            if (GaussianIntegral.Quadratic(exp.Exponent, x, a, budget) is not { } q) return null;
            var (qa, qb, qc) = q;
            if (!Signs.IsNegative(qa, a)) return null;
            var total = Ex.Mul(constant, Ex.Exp(Ex.Sub(qc, Ex.Div(Ex.Pow(qb, Ex.Two), Ex.Mul(Ex.Num(4), qa)))), Ex.Sqrt(Ex.Div(Ex.Pi, Ex.Neg(qa))));
            if (!Normalizer.IsZero(Normalizer.Normalize(Ex.Sub(total, Ex.One), a, budget), a, budget)) return null;
            var mean = Normalizer.Normalize(Ex.Neg(Ex.Div(qb, Ex.Mul(Ex.Two, qa))), a, budget);
            var variance = Normalizer.Normalize(Ex.Neg(Ex.Div(Ex.One, Ex.Mul(Ex.Two, qa))), a, budget);
            return new DistributionInstance(Families.Normal, [mean, variance]);
        }
        catch (BudgetExceededException)
        {
            return null;
        }
    }
}
