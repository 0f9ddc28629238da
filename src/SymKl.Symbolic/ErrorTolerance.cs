namespace SymKl.Symbolic;

/// <summary>
/// One policy for "equal within error" over values that carry a propagated bound on their floating-point error
/// (<see cref="Approx"/>): two values are told apart only when they differ by more than <see cref="Factor"/> times the
/// sum of their bounds plus <see cref="Relative"/> times their size (at least 1). The decider, the generator's checks
/// of the forms and the code it emits and the analyzer's check of a method against its derivation all compare through it.
/// </summary>
public readonly record struct ErrorTolerance(double Factor, double Relative)
{
    /// <summary>The decider's: a difference beyond 16 times the bounds is a difference, however small.</summary>
    public static ErrorTolerance Decision { get; } = new(16, 0);

    /// <summary>
    /// For another form of a value already decided (a careful form, a method body): the decider's factor, and a
    /// relative 1e-9 for forms evaluated in a different order whose bounds miss a last-place rounding.
    /// </summary>
    public static ErrorTolerance OtherForm { get; } = new(16, 1e-9);

    /// <summary>
    /// For emitted code, evaluated in plain doubles with no bound of its own (sums reassociated, subexpressions shared,
    /// careful functions in place of their definitions), against the result it was lowered from: 1000 times the
    /// result's bound and a relative 1e-8. A check against mistakes in lowering, not a verdict on mathematics.
    /// </summary>
    public static ErrorTolerance EmittedCode { get; } = new(1000, 1e-8);

    /// <summary>How far apart two defined values may be and still agree.</summary>
    public double Allowance(Approx a, Approx b) =>
        Factor * (a.Error + b.Error) + (Relative == 0 ? 0 : Relative * Math.Max(1, Math.Max(Math.Abs(a.Value), Math.Abs(b.Value))));

    /// <summary>Both defined and within <see cref="Allowance"/> of each other.</summary>
    public bool Agree(Approx a, Approx b) => a.IsDefined && b.IsDefined && Math.Abs(a.Value - b.Value) <= Allowance(a, b);

    /// <summary>Both defined and farther apart than <see cref="Allowance"/>: a difference that is not rounding.</summary>
    public bool Differ(Approx a, Approx b) => a.IsDefined && b.IsDefined && Math.Abs(a.Value - b.Value) > Allowance(a, b);

    /// <summary>A single value (a residue) that is not 0 within its own bound.</summary>
    public bool IsNonzero(Approx v) => v.Value != 0 && Math.Abs(v.Value) > Factor * v.Error;
}
