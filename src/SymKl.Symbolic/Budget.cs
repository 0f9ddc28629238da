namespace SymKl.Symbolic;

/// <summary>Thrown when a rewrite or search would go past its budget; callers turn it into "unsupported".</summary>
public sealed class BudgetExceededException(string what) : Exception("Gave up: " + what + " exceeded its budget.");

/// <summary>
/// A bound on the work of one decision: every rewrite loop and every expansion charges it, so no input
/// can make the kernel hang or blow up memory.
/// </summary>
public sealed class Budget(long units = Budget.DefaultUnits)
{
    public const long DefaultUnits = 2_000_000;

    /// <summary>Largest number of terms one expansion may produce.</summary>
    public int MaxTerms { get; init; } = 20_000;

    public long Remaining { get; private set; } = units;

    public void Charge(long cost, string what)
    {
        Remaining -= cost;
        if (Remaining < 0) throw new BudgetExceededException(what);
    }
}
