using SymKl.Derivations.Numerics;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Checking;

/// <summary>
/// Checks one claimed relation with everything wired: the symbolic proof uses the definitions in force;
/// the numeric side evaluates integrals by quadrature and Monte Carlo and instantiates undefined densities
/// with random members of a family.
/// </summary>
public static class StepChecker
{
    /// <param name="cancellation">The step's time budget; when it runs out the check throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="symbolicUnits">The work the symbolic proof may do before the numeric check decides alone.</param>
    public static Verdict Check(Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DistributionContext context, int seed = 0x5EED, CancellationToken cancellation = default, long symbolicUnits = Budget.DefaultUnits)
    {
        // Outputs of a learned network nothing defines (ε_θ(x_t, t)): arbitrary values, one per application.
        if (NetworkOutputs.Prepare(lhs, rhs, context) is { } network)
            return network.Outputs.Review(Check(network.Lhs, relation, network.Rhs, assumptions, context, seed, cancellation, symbolicUnits));
        // Derivatives of functions nothing defines: their values at the point become arbitrary unknowns.
        if (AbstractFunctionJets.Prepare(lhs, rhs, assumptions) is { } jets)
            return jets.Jets.Review(CheckPrepared(jets.Lhs, relation, jets.Rhs, jets.Assumptions, context, seed, cancellation, symbolicUnits));
        var verdict = CheckPrepared(lhs, relation, rhs, assumptions, context, seed, cancellation, symbolicUnits);
        // Values of undefined densities of several variables at points no binder runs over: arbitrary positive numbers.
        // Tried only when nothing else decides the step (a definition the proof expands may bring the density back).
        if (verdict.Kind == VerdictKind.Unsupported && DensityValues.Undecided(verdict) && DensityValues.Prepare(lhs, rhs, assumptions, context) is { } values)
            return values.Values.Review(CheckPrepared(values.Lhs, relation, values.Rhs, values.Assumptions, context, seed, cancellation, symbolicUnits));
        return verdict;
    }

    private static Verdict CheckPrepared(Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation, long symbolicUnits)
    {
        // A symbol that is a sum's limit (Σ_{i=1}^{n}) counts terms: a positive integer unless declared otherwise.
        // Any symbol in a limit (n in Σ_{k=0}^{n−1}, or n declared n ≥ 1) makes the sum undefined unless it is an
        // integer: the integers of its declared sign are all the step can speak of, and all that is sampled (drawn
        // reals would leave no point where the sum is defined). Bare limits first, so that they set the sign.
        foreach (var (s, bare) in LimitSymbols(lhs).Concat(LimitSymbols(rhs)).OrderByDescending(l => l.Bare))
        {
            Domain? integer = bare && !assumptions.Declared.ContainsKey(s.Name) ? Domain.PositiveInteger : assumptions.DomainOf(s) switch
            {
                Domain.Positive => Domain.PositiveInteger,
                Domain.NonNegative => Domain.NonNegativeInteger,
                Domain.Real or Domain.NonZero => Domain.Integer,
                _ => null,
            };
            if (integer is { } d) assumptions = assumptions.With(s.Name, d);
        }
        // log u written in the step: u > 0 wherever the step speaks (a symbol, a function whose log is taken).
        assumptions = LogDomains.Extend(lhs, rhs, assumptions);
        var verdict = CheckWith(AbstractDensities.Instantiate([lhs, rhs], context), lhs, relation, rhs, assumptions, context, seed, cancellation, symbolicUnits);
        // Confirmed with random normal densities in place of undefined ones: confirmed only if Laplace ones agree. A
        // statement about densities in general must hold for both; one that holds for Gaussians only is not shown.
        if (verdict.Kind == VerdictKind.Confirmed && AbstractDensities.Instantiate([lhs, rhs], context, laplace: true) is var second
            && second.Bound.Values.Any(d => d.Family == Families.Laplace))
        {
            var other = CheckWith(second, lhs, relation, rhs, assumptions, context, seed, cancellation, symbolicUnits);
            if (other.Kind == VerdictKind.Refuted)
                return new Verdict(VerdictKind.Unsupported,
                    "it holds with random normal densities in place of the undefined ones but fails with Laplace ones" +
                    (other.Counterexample is { } ce ? " (at " + string.Join(", ", ce.Values.Select(kv => kv.Key + " = " + kv.Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))) + ")" : "") +
                    ": true of some families only, and the text does not say which", other.Residue, null, verdict.PointsChecked + other.PointsChecked);
        }
        return verdict;
    }

    private static Verdict CheckWith(DistributionContext numericContext, Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation, long symbolicUnits)
    {
        var numericAssumptions = AbstractDensities.Constrain(assumptions, numericContext);
        var calculus = new NumericCalculus(numericContext, seed, assumptions: numericAssumptions, cancellation: cancellation);
        // Integrals and expectations cost a quadrature per point: fewer points, each still checked against its error bound.
        var opaque = Traversal.Any(lhs, IsOpaque) || Traversal.Any(rhs, IsOpaque);
        var options = new DecisionOptions
        {
            Seed = seed,
            Points = opaque ? 16 : DecisionOptions.Default.Points,
            Context = context,
            NumericContext = numericContext,
            NumericAssumptions = numericAssumptions,
            Opaque = calculus.Evaluate,
            Cancellation = cancellation,
            BudgetUnits = symbolicUnits,
        };
        return Decider.Decide(lhs, relation, rhs, assumptions, options);
    }

    /// <summary>The symbols in the limits of every sum in e; Bare when the limit is the symbol itself.</summary>
    private static IEnumerable<(Sym Symbol, bool Bare)> LimitSymbols(Expr e)
    {
        var limits = e switch { Summation sum => new[] { sum.Lower, sum.Upper }, IndexedProduct product => new[] { product.Lower, product.Upper }, _ => null };
        if (limits is not null)
            foreach (var limit in limits)
                if (limit is not null)
                    foreach (var s in Traversal.FreeSymbols(limit))
                        if (s != Ex.Infinity) yield return (s, limit is Sym);
        foreach (var c in e.Children)
            foreach (var s in LimitSymbols(c)) yield return s;
    }

    private static bool IsOpaque(Expr e) => e is BinderNode or Functional;
}
