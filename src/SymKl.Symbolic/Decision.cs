using SymKl.Symbolic.Probability;

namespace SymKl.Symbolic;

/// <summary>The relation a step claims between its two sides.</summary>
/// <summary>Proportional: A ∝ B, the ratio A/B free of the variables of proportionality (decided by the document checker, not by <see cref="Decider"/>).</summary>
public enum Relation { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, Approx, Proportional }

public enum VerdictKind { Proved, Confirmed, Refuted, Unsupported, Skipped }

/// <summary>A point where a claim fails (or, for ≠, holds): each symbol's value and both sides' values (NaN: undefined).</summary>
public sealed record Counterexample(IReadOnlyList<KeyValuePair<string, double>> Values, double Lhs, double Rhs);

/// <summary>The outcome of deciding one step.</summary>
public sealed record Verdict(VerdictKind Kind, string Reason, Expr? Residue, Counterexample? Counterexample, int PointsChecked)
{
    public bool Holds => Kind is VerdictKind.Proved or VerdictKind.Confirmed;

    /// <summary>The simplified residue lhs − rhs in LaTeX, when one was computed.</summary>
    public string? ResidueLatex => Residue is null ? null : LatexPrinter.Print(Residue);
}

public sealed class DecisionOptions
{
    public static readonly DecisionOptions Default = new();

    /// <summary>Seed of the sampler; the same seed gives the same points, so CI is reproducible.</summary>
    public int Seed { get; init; } = 0x5EED;

    /// <summary>Points at which both sides must agree for "confirmed".</summary>
    public int Points { get; init; } = 40;

    /// <summary>Fewest points where the left side is defined for a numeric verdict; fewer gives "unsupported".</summary>
    public int MinPoints { get; init; } = 12;

    /// <summary>Attempts to find points where the left side is defined.</summary>
    public int MaxAttempts { get; init; } = 800;

    public long BudgetUnits { get; init; } = Budget.DefaultUnits;

    /// <summary>Evaluates nodes the plain evaluator does not know (integrals, expectations, densities); may be null.</summary>
    public Func<Expr, IReadOnlyDictionary<Sym, double>, Approx>? Opaque { get; init; }

    /// <summary>Densities and defined functions in force (from the document or --define).</summary>
    public DistributionContext Context { get; init; } = DistributionContext.Empty;

    /// <summary>
    /// The context for the numeric check, when it differs: undefined densities instantiated with random family
    /// members. Never used for a proof. Null means <see cref="Context"/>.
    /// </summary>
    public DistributionContext? NumericContext { get; init; }

    /// <summary>Assumptions for the numeric check (with the domains of the instantiated densities' parameters); null means the step's.</summary>
    public Assumptions? NumericAssumptions { get; init; }

    /// <summary>
    /// The step's time budget: the symbolic budget and every sample point check it, and cancellation ends the
    /// decision with <see cref="OperationCanceledException"/> (never a verdict made from partial work).
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>When the two sides' values at a point differ (see <see cref="ErrorTolerance"/>).</summary>
    public ErrorTolerance Tolerance { get; init; } = ErrorTolerance.Decision;

    /// <summary>These options with other assumptions for the numeric check.</summary>
    public DecisionOptions WithNumericAssumptions(Assumptions? numeric) => new()
    {
        Seed = Seed, Points = Points, MinPoints = MinPoints, MaxAttempts = MaxAttempts, BudgetUnits = BudgetUnits, Opaque = Opaque,
        Context = Context, NumericContext = NumericContext, NumericAssumptions = numeric, Cancellation = Cancellation, Tolerance = Tolerance,
    };
}
