using System.Globalization;

namespace SymKl.Symbolic;

/// <summary>
/// A deterministic bound on one internal check (a re-check at positive values, a consequence of the working
/// equations, a reading's share of a step): it counts units of work rather than seconds, so the same input gets
/// the same verdict on any machine at any load. Units are charged where the work happens — every rewrite of the
/// kernel (<see cref="Budget.Charge"/>), every sample point, quadrature node, term of a sum, model evaluation and
/// search step — to every budget open on the thread (an inner check also spends its outer check's units). When the
/// units run out, the budget's token is cancelled and the charge throws <see cref="OperationCanceledException"/>,
/// which the check's owner reads as "did not finish", exactly as a timeout. A generous wall-clock guard stays only
/// as a last resort against a hang; a check stopped by it says so in its reason (<see cref="Reason"/>), and its owner
/// never turns that into a refutation.
/// </summary>
public sealed class WorkBudget : IDisposable
{
    /// <summary>
    /// Units that a check does in one second on the reference machine (idle, one core), used to state budgets in
    /// the seconds they were first given in (<see cref="Seconds"/>). A constant: never measured at run time.
    /// </summary>
    public const long UnitsPerSecond = 1_000_000;

    [ThreadStatic] private static WorkBudget? _innermost;

    private readonly WorkBudget? _outer;
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _outerToken;
    private readonly TimeSpan? _guard;
    private readonly long _startTicks;
    private readonly long _startCpu;
    private long _remaining;
    private long _spent;
    private bool _disposed;

    /// <param name="name">What is bounded, for reasons ("the re-check at positive values").</param>
    /// <param name="units">Units of work the check may spend.</param>
    /// <param name="guard">Wall-clock last resort (none when null).</param>
    /// <param name="outer">A token that also stops the check (the step's own time budget).</param>
    public WorkBudget(string name, long units, TimeSpan? guard, CancellationToken outer = default)
    {
        Name = name;
        Units = Math.Max(0, units);
        _remaining = Units;
        _guard = guard;
        _outerToken = outer;
        _source = outer.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(outer) : new CancellationTokenSource();
        if (guard is { } g) _source.CancelAfter(g);
        _outer = _innermost;
        _innermost = this;
        if (Log is not null) { _startTicks = System.Diagnostics.Stopwatch.GetTimestamp(); _startCpu = ThreadCpuNanoseconds(); }
    }

    /// <summary>
    /// Runs a check within a budget of its own: its result, or <paramref name="stopped"/> with the reason naming the budget
    /// when the units ran out or the guard fired (a cancellation of the outer token is the caller's and propagates).
    /// </summary>
    public static T Run<T>(string name, long units, TimeSpan? guard, Func<CancellationToken, T> check, Func<string, T> stopped, CancellationToken outer = default)
    {
        using var budget = new WorkBudget(name, units, guard, outer);
        try
        {
            return check(budget.Token);
        }
        catch (OperationCanceledException) when ((budget.Exhausted || budget.GuardFired) && !outer.IsCancellationRequested)
        {
            return stopped(budget.Reason!);
        }
    }

    /// <summary>
    /// The nodes of an expression as a tree (what an evaluation walks), counted up to <paramref name="cap"/>: the units of
    /// work evaluating it costs, deterministic and never overflowing on a tree of shared subtrees.
    /// </summary>
    public static long Nodes(Expr e, long cap = 100_000_000)
    {
        long n = 0;
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0 && n < cap)
        {
            n++;
            foreach (var c in stack.Pop().Children) stack.Push(c);
        }
        return n;
    }

    /// <summary>Units a budget of the given reference seconds holds.</summary>
    public static long Seconds(double seconds) => (long)(seconds * UnitsPerSecond);

    public string Name { get; }

    public long Units { get; }

    /// <summary>Units spent so far.</summary>
    public long Used => _spent;

    /// <summary>Cancelled when the units run out, the guard fires or the outer token is cancelled.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The units ran out (deterministic).</summary>
    public bool Exhausted { get; private set; }

    /// <summary>The wall-clock guard stopped the check (depends on the machine; never a reason to refute).</summary>
    public bool GuardFired => _source.IsCancellationRequested && !Exhausted && !_outerToken.IsCancellationRequested;

    /// <summary>Why the check stopped, naming the budget; null while it has not.</summary>
    public string? Reason =>
        Exhausted ? Name + " ran out of its budget of " + Units.ToString("N0", CultureInfo.InvariantCulture) + " units of work"
        : GuardFired ? Name + " was stopped by its wall-clock guard of " + _guard!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)
            + " s (a last resort against a hang, so this depends on the machine's speed)"
        : _outerToken.IsCancellationRequested ? Name + " was stopped with the step (its time budget)"
        : null;

    /// <summary>
    /// Charges units to every budget open on this thread (none: nothing happens); throws
    /// <see cref="OperationCanceledException"/> with the budget's token when one has run out or was cancelled.
    /// </summary>
    public static void Charge(long units)
    {
        for (var b = _innermost; b is not null; b = b._outer) b.Spend(units);
    }

    /// <summary>The innermost budget open on this thread (for tests and reasons).</summary>
    public static WorkBudget? Current => _innermost;

    private void Spend(long units)
    {
        _remaining -= units;
        _spent += units;
        if (_remaining < 0 && !Exhausted)
        {
            Exhausted = true;
            _source.Cancel();
        }
        _source.Token.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // Closed in the order opened (using blocks); an out-of-order close still unlinks this one.
        if (ReferenceEquals(_innermost, this)) _innermost = _outer;
        if (Log is { } path) Record(path);
        _source.Dispose();
    }

    /// <summary>SYMKL_WORK_LOG=FILE appends one line per closed budget (name, units used, limit, outcome, wall and CPU ms): for calibrating the units, never read back.</summary>
    private static readonly string? Log = Environment.GetEnvironmentVariable("SYMKL_WORK_LOG") is { Length: > 0 } p ? p : null;

    private static readonly object LogLock = new();

    private void Record(string path)
    {
        var wall = (System.Diagnostics.Stopwatch.GetTimestamp() - _startTicks) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        var cpu = (ThreadCpuNanoseconds() - _startCpu) / 1e6;
        var outcome = Exhausted ? "exhausted" : GuardFired ? "guard" : _outerToken.IsCancellationRequested ? "outer" : "done";
        var line = string.Join("\t", Name, Used.ToString(CultureInfo.InvariantCulture), Units.ToString(CultureInfo.InvariantCulture), outcome,
            wall.ToString("0.0", CultureInfo.InvariantCulture), cpu.ToString("0.0", CultureInfo.InvariantCulture)) + "\n";
        try { lock (LogLock) File.AppendAllText(path, line); }
        catch (IOException) { }
    }

    /// <summary>The CPU time of the calling thread (Linux), for the calibration log only; 0 where not available.</summary>
    private static long ThreadCpuNanoseconds()
    {
        try
        {
            var text = File.ReadAllText("/proc/thread-self/schedstat");
            var end = text.IndexOf(' ');
            return long.Parse(end > 0 ? text.Substring(0, end) : text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return 0;
        }
    }
}
