using System.Globalization;
using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Taking the cube root gives λ = ∛(2/(s̄ v̄^{3/2}))", then "substituting it, √(v̄ − 1/λ²) = √(v̄ − (∛(s̄ v̄^{3/2}/2))²)": once
/// the text has solved its equations for a name, that name stands for the value found, and a later link that swaps the
/// name for the value is a rewrite under that binding, not an identity in a free λ. A refutation whose counterexample
/// gives such a name a value of its own is checked again with the solved value put in (<see cref="_boundValues"/>):
/// it is confirmed when it holds there; it stays refuted, with the binding named, when it fails there too at a point
/// where no other unknown of the equations is left free; otherwise it is unsupported, saying which name was bound.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>
    /// The values solved for, as <see cref="_solvedValues"/>, with sums allowed in them (λ = ∛(2/(s̄ v̄^{3/2})) with the sample
    /// moments written out): put into a later link's sides, which have the same definitions written out.
    /// </summary>
    private readonly Dictionary<string, (Expr Value, int Line)> _boundValues = new(StringComparer.Ordinal);

    /// <summary>Records a solved value for <see cref="WithSolvedBindings"/> (no integrals, expectations or functionals in it); always true.</summary>
    private bool NoteBoundValue(string name, Expr value, int line)
    {
        if (!Traversal.Any(value, n => n is Symbolic.Integral or Expectation or Functional)) _boundValues[name] = (value, line);
        return true;
    }

    private Verdict WithSolvedBindings(Verdict refuted, (Expr Lhs, Expr Rhs) statement)
    {
        if (_boundValues.Count == 0 || refuted.Counterexample is not { } ce) return refuted;
        // Only a later link of a chain (a rewrite under the binding), and only names the statement itself writes.
        var (lhs, rhs) = statement;
        var written = new HashSet<string>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(s => s.Name), StringComparer.Ordinal);
        var bound = ce.Values.Select(v => v.Key).Where(k => _boundValues.ContainsKey(k) && written.Contains(k)).ToList();
        if (!_rewriteLink || bound.Count == 0) return refuted;
        var used = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < SolvedRounds; round++)
        {
            var map = new Dictionary<Sym, Expr>();
            foreach (var s in Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Distinct())
                if (_boundValues.TryGetValue(s.Name, out var solved))
                {
                    map[s] = solved.Value;
                    used[s.Name] = solved.Line;
                }
            if (map.Count == 0) break;
            (lhs, rhs) = (Traversal.Substitute(lhs, map), Traversal.Substitute(rhs, map));
        }
        var binding = string.Join(", ", used.Select(u => Shown(u.Key, _boundValues[u.Key].Value) + " (line " + u.Value.ToString(CultureInfo.InvariantCulture) + ")"));
        var withheld = new Verdict(VerdictKind.Unsupported, "it fails with " + string.Join(", ", bound) + " given a value of its own, but the text solved for "
            + (bound.Count == 1 ? "it" : "them") + " earlier (" + binding + "), so " + (bound.Count == 1 ? "it is" : "they are") + " no free parameter here; with "
            + (bound.Count == 1 ? "that value" : "those values") + " put in it is not decided; not refuted (" + refuted.Reason + ")", refuted.Residue, null, refuted.PointsChecked);
        var free = Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(s => s.Name).ToList();
        if (free.Any(_boundValues.ContainsKey)) return withheld;
        Verdict again;
        try
        {
            using var budget = StepBudget.Open(options, TimeSpan.FromSeconds(10))!;
            again = IndexedStep.Applies(lhs, rhs)
                ? IndexedSums.Check(lhs, Symbolic.Relation.Equal, rhs, _scope.Assumptions, _scope.Context, options.Seed, budget.Token).Verdict
                : StepChecker.Check(lhs, Symbolic.Relation.Equal, rhs, _scope.Assumptions, _scope.Context, options.Seed, budget.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException
            or BudgetExceededException or InsufficientExecutionStackException)
        {
            return withheld;
        }
        if (again.Holds)
            return new Verdict(VerdictKind.Confirmed, "with " + binding + ", the value" + (used.Count == 1 ? "" : "s") + " the text solved for, put in: " + again.Reason
                + " (with " + string.Join(", ", bound) + " free it fails, but the text bound " + (bound.Count == 1 ? "it" : "them") + ")", null, null, again.PointsChecked);
        // Refuted at the solution only when nothing else the text is solving for is left free (μ, σ beside λ).
        if (again.Kind == VerdictKind.Refuted && !free.Any(_unknowns.ContainsKey))
            return again with { Reason = "with " + binding + ", the value" + (used.Count == 1 ? "" : "s") + " the text solved for, put in: " + again.Reason };
        return withheld;
    }

    /// <summary>"λ = value", or the name alone when the value with the text's definitions written out is too long to read.</summary>
    private static string Shown(string name, Expr value)
    {
        var text = LatexPrinter.Print(value);
        return text.Length <= 80 ? name + " = " + text : "the value of " + name;
    }
}
