namespace SymKl.Symbolic;

/// <summary>
/// The ranges of the sums and products a statement writes with limits in its symbols (Σ_{i=0}^{n−m}, ∏_{k=1}^{N}). A reader
/// takes such a range to run forward: the text speaks of the values where it has terms (n − m ≥ 0 in the binomial theorem
/// over Σ_{i=0}^{n−m}), so a point where an upper limit falls below its lower one (an empty range, or one "running
/// backwards") is outside what the statement says, never a counterexample. What this costs: a step wrong only on empty
/// ranges is not refuted, and no reader would call it a mistake.
/// </summary>
public static class WrittenRanges
{
    /// <summary>Most ranges looked at per statement (a bound on the walk's result, not on the walk).</summary>
    private const int MaxRanges = 64;

    /// <summary>The (lower, upper) limits of every sum and indexed product in the sides whose limits are not both numbers.</summary>
    public static IReadOnlyList<(Expr Lower, Expr Upper)> Of(Expr lhs, Expr rhs)
    {
        var found = new List<(Expr, Expr)>();
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, n =>
            {
                if (n is Summation or IndexedProduct && n is RangedBinderNode { Lower: { } lower, Upper: { } upper }
                    && (Traversal.FreeSymbols(lower).Count > 0 || Traversal.FreeSymbols(upper).Count > 0) && found.Count < MaxRanges)
                    found.Add((lower, upper));
                return false;
            });
        return found;
    }

    /// <summary>
    /// True when some range has both limits defined at the point and the upper one below the lower one. Limits that do not
    /// evaluate there (an inner range in an outer index) say nothing.
    /// </summary>
    public static bool AnyBackwards(IReadOnlyList<(Expr Lower, Expr Upper)> ranges, NumericEvaluator evaluator)
    {
        foreach (var (lower, upper) in ranges)
        {
            try
            {
                var a = evaluator.Evaluate(lower);
                var b = evaluator.Evaluate(upper);
                if (a.IsDefined && b.IsDefined && !double.IsNaN(a.Value) && !double.IsNaN(b.Value) && b.Value < a.Value) return true;
            }
            catch (NotEvaluableException)
            {
            }
        }
        return false;
    }
}
