using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The budget of one step (--timeout, <see cref="VerifyOptions.StepTimeout"/>): units of work, not seconds, so that a step
/// gets the same verdict on an idle machine and on one shared with other work. The step's seconds are converted at
/// <see cref="WorkBudget.UnitsPerSecond"/> (the reference machine's rate), and every unit the step's work charges
/// (<see cref="WorkBudget.Charge"/>: each rewrite, sample point, quadrature node, term of a sum …) on the step's thread is
/// counted against it, inner checks included. A wall-clock guard of <see cref="GuardFactor"/> times the seconds (at least
/// <see cref="MinimumGuard"/>) stays as a last resort against work that charges nothing; a step it stops says so, and is
/// unsupported like any step past its budget, never refuted.
/// </summary>
internal static class StepBudget
{
    /// <summary>How many times the step's seconds the wall-clock guard waits: generous, so that load never reaches it.</summary>
    public const int GuardFactor = 10;

    /// <summary>The shortest guard: a short --timeout still leaves a loaded machine time to spend the units.</summary>
    public static readonly TimeSpan MinimumGuard = TimeSpan.FromSeconds(30);

    /// <summary>A budget for a step of <paramref name="options"/>' seconds (or <paramref name="fallback"/> when none is set); null for no budget.</summary>
    public static WorkBudget? Open(VerifyOptions options, TimeSpan? fallback = null) =>
        (options.StepTimeout ?? fallback) is { } limit ? new WorkBudget("the step", WorkBudget.Seconds(limit.TotalSeconds), Guard(limit)) : null;

    /// <summary>The wall-clock guard of a step of <paramref name="limit"/>.</summary>
    public static TimeSpan Guard(TimeSpan limit) =>
        TimeSpan.FromTicks(Math.Max(MinimumGuard.Ticks, Math.Min(TimeSpan.MaxValue.Ticks / GuardFactor, limit.Ticks) * GuardFactor));

    /// <summary>True when the step's budget stopped the work (units spent, or the guard).</summary>
    public static bool Stopped(WorkBudget? budget) => budget is not null && budget.Token.IsCancellationRequested;

    /// <summary>The reason of a step the budget stopped: the units (deterministic) or the guard (the machine's speed).</summary>
    public static string Exceeded(WorkBudget? budget, VerifyOptions options)
    {
        var seconds = options.StepTimeout is { } limit ? VerifyOptions.Seconds(limit) : "its default";
        var head = "budget exceeded: the step was not decided within its time budget of " + seconds + " (--timeout)";
        if (budget is null) return head;
        return budget.GuardFired
            ? head + ": stopped by the wall-clock guard of " + VerifyOptions.Seconds(Guard(options.StepTimeout ?? TimeSpan.Zero))
              + ", a last resort against a hang (so this verdict depends on the machine's speed and load)"
            : head + ", " + budget.Units.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " units of work";
    }
}
