namespace SymKl.Symbolic;

/// <summary>Thrown when a rewrite or search would go past its budget; callers turn it into "unsupported".</summary>
public sealed class BudgetExceededException(string what) : Exception("Gave up: " + what + " exceeded its budget.");

/// <summary>
/// A bound on the work of one decision: every rewrite loop and every expansion charges it, so no input
/// can make the kernel hang or blow up memory. A cancellation token (the step's time budget) is checked at
/// every charge too, so a decision that runs out of time stops where it is instead of burning on in the
/// background; it throws <see cref="OperationCanceledException"/>, which callers report as "budget exceeded".
/// </summary>
public sealed class Budget(long units = Budget.DefaultUnits, CancellationToken cancellation = default)
{
    public const long DefaultUnits = 2_000_000;

    /// <summary>Largest number of terms one expansion may produce.</summary>
    public int MaxTerms { get; init; } = 20_000;

    public long Remaining { get; private set; } = units;

    /// <summary>The step's time budget (none by default).</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    public void Charge(long cost, string what)
    {
        Cancellation.ThrowIfCancellationRequested();
        // The same work counts toward the check this decision belongs to (deterministic, unlike its time).
        WorkBudget.Charge(cost);
        Remaining -= cost;
        if (Remaining < 0) throw new BudgetExceededException(what);
    }
}
