using System.Globalization;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Checking;

/// <summary>
/// Two free indices beside a written-out family: ∂o_j/∂z_i with o_j = e^{z_j}/Σ_k e^{z_k}, where i and j each name one of
/// z_1 … z_K. A statement about them is claimed for the pairs the text means: all of them, or only i ≠ j (the off-diagonal
/// entries of a Jacobian), or only i = j, which the text often says in words. So it is tried at pairs of equal and of
/// different values: it holds when every pair holds; when only the equal or only the different pairs fail, the text may
/// mean the other case and nothing is decided; it is refuted only when both kinds fail and so does the reading with i and j
/// values outside the family.
/// </summary>
public static partial class IndexedSums
{
    private sealed record PairOutcome(bool Proved, Outcome? Refuted = null, string? Differ = null, string? Problem = null);

    /// <summary>The two single-letter free indices (i, j) of names whose families were written out, and the values tried (the first and the last common value: equal and different pairs).</summary>
    private static (string First, string Second, IReadOnlyList<int> Values)? FreeIndexPair(Expr l, Expr r, IReadOnlyCollection<string> families, HashSet<string> indices)
    {
        var names = new List<string>();
        foreach (var side in new[] { l, r })
            Traversal.Any(side, e =>
            {
                if (e is Sym s) names.Add(s.Name);
                else if (e is Apply a) names.Add(a.Name);
                return false;
            });
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var bases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (Split(name) is not { } parts || !families.Contains(parts.Base) || parts.Key.All(char.IsDigit)) continue;
            if (parts.Key.Length != 1 || !char.IsLetter(parts.Key[0]) || indices.Contains(parts.Key)) return null;
            keys.Add(parts.Key);
            bases.Add(parts.Base);
        }
        if (keys.Count != 2) return null;
        HashSet<int>? common = null;
        foreach (var b in bases)
        {
            var taken = new HashSet<int>(names.Select(Split).Where(p => p is { } q && q.Base == b && q.Key.Length is > 0 and < 6 && q.Key.All(char.IsDigit))
                .Select(p => int.Parse(p!.Value.Key, CultureInfo.InvariantCulture)));
            if (common is null) common = taken; else common.IntersectWith(taken);
        }
        if (common is null || common.Count < 2) return null;
        var sorted = common.OrderBy(v => v).ToList();
        return (keys.Min!, keys.Max!, [sorted[0], sorted[^1]]);
    }

    private static PairOutcome CheckPairs(Expr l, Relation relation, Expr r, (string First, string Second, IReadOnlyList<int> Values) pair, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation)
    {
        Outcome? equalFails = null, differentFails = null;
        var proved = true;
        string? problem = null;
        foreach (var a in pair.Values)
            foreach (var b in pair.Values)
            {
                cancellation.ThrowIfCancellationRequested();
                var (li, ri) = (AtIndex(AtIndex(l, pair.First, a), pair.Second, b), AtIndex(AtIndex(r, pair.First, a), pair.Second, b));
                var verdict = StepChecker.Check(li, relation, ri, Inherit(assumptions, li, ri), context, seed, cancellation);
                if (verdict.Kind == VerdictKind.Refuted)
                {
                    var at = pair.First + " = " + a.ToString(CultureInfo.InvariantCulture) + ", " + pair.Second + " = " + b.ToString(CultureInfo.InvariantCulture);
                    var values = new List<KeyValuePair<string, double>> { new(pair.First, a), new(pair.Second, b) };
                    if (verdict.Counterexample is { } c) values.AddRange(c.Values);
                    var counterexample = new Counterexample(values, verdict.Counterexample?.Lhs ?? double.NaN, verdict.Counterexample?.Rhs ?? double.NaN);
                    var outcome = new Outcome(new Verdict(VerdictKind.Refuted, "written out term by term with " + at + ": " + verdict.Reason, verdict.Residue, counterexample, verdict.PointsChecked), li, ri);
                    if (a == b) equalFails ??= outcome; else differentFails ??= outcome;
                }
                else if (verdict.Kind is VerdictKind.Proved or VerdictKind.Confirmed) proved &= verdict.Kind == VerdictKind.Proved;
                else problem ??= verdict.Reason;
            }
        var (i, j) = (pair.First, pair.Second);
        if (equalFails is null && differentFails is null)
            return problem is null ? new PairOutcome(proved) : new PairOutcome(false, Problem: "written out term by term: " + problem);
        if (equalFails is not null && differentFails is null)
            return new PairOutcome(false, Differ: "it holds when " + i + " \u2260 " + j + " but fails when " + i + " = " + j + " (" + equalFails.Verdict.Reason + "); the text may mean the case " + i + " \u2260 " + j);
        if (equalFails is null)
            return new PairOutcome(false, Differ: "it holds when " + i + " = " + j + " but fails when " + i + " \u2260 " + j + " (" + differentFails!.Verdict.Reason + "); the text may mean the case " + i + " = " + j);
        // Both kinds fail: wrong for every pair of components, unless i and j name values outside z_1 … z_K.
        var outside = StepChecker.Check(l, relation, r, Inherit(assumptions, l, r), context, seed, cancellation);
        if (outside.Kind != VerdictKind.Refuted)
            return new PairOutcome(false, Differ: "it fails when " + i + " and " + j + " are among the values the sums run over (" + differentFails!.Verdict.Reason + ") but not for values outside them, and the text does not say which it means");
        return new PairOutcome(false, Refuted: differentFails);
    }
}
