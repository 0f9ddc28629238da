using SymKl.Derivations.Checking;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using Relation = SymKl.Symbolic.Relation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// ν/(ν − 2) Σ at ν &lt; 0, (v/2) log|V| at v &lt; 0, √(2ⁿvⁿ) = (2v)^{n/2} at v &lt; 0: texts leave the sign of their scalar
/// parameters implicit and nearly always mean them positive, as the scalar reading assumes (ClaimReading's implicit
/// signs). A refuted instance whose point makes such a scalar negative or zero is checked again with those scalars
/// positive; it stays refuted only when it fails there too (‖a u − a v‖² = a‖u − v‖² fails at a = 2 as well). Only bare names count: x_1, y_i with an index are data values, which may well be negative. Applied to
/// statements of a document (not under "for all", nor to `symkl equal`, which states an identity outright).
/// </summary>
internal static partial class MatrixStatement
{
    /// <summary>The share of the step's checks a re-check with positive scalars may take (the instance's own symbolic budget).</summary>
    private const long SignRecheckUnits = Budget.DefaultUnits / 10;

    /// <summary>The bare scalar names of the instance with no stated domain that the counterexample makes negative or zero.</summary>
    private static List<string> ImplicitSigns(Counterexample? ce, ISet<string> free, ISet<string> sized, Assumptions assumptions)
    {
        if (ce is null) return [];
        return [.. ce.Values.Where(kv => kv.Value <= 0 && free.Contains(kv.Key) && !sized.Contains(kv.Key) && Bare(kv.Key) && Implicit(kv.Key, assumptions))
            .Select(kv => kv.Key).Distinct(StringComparer.Ordinal)];
    }

    private static bool Bare(string name) => name.Length > 0 && name.IndexOfAny(['[', '_', '#', '(', '^', '{']) < 0;

    private static bool Implicit(string name, Assumptions assumptions) =>
        !assumptions.Declared.ContainsKey(name) && assumptions.DomainOf(Ex.Sym(name)) == Domain.Real
        && !assumptions.Orderings.Concat(assumptions.StrictOrderings).Any(o => o.Smaller == name || o.Larger == name) && !assumptions.LowerBounds.Any(b => b.Symbol == name);

    /// <summary>
    /// The instance's refutation judged with its implicit scalars positive: null when it stands as it is (no such scalar, or
    /// the instance fails at a positive point too), or an unsupported verdict saying which sign the failure needs.
    /// </summary>
    public static Verdict? WithPositiveScalars(Verdict refuted, Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation)
    {
        var free = new HashSet<string>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(s => s.Name), StringComparer.Ordinal);
        var sized = new HashSet<string>(StringComparer.Ordinal);
        var signs = ImplicitSigns(refuted.Counterexample, free, sized, assumptions);
        if (signs.Count == 0) return null;
        var candidates = free.Where(n => !sized.Contains(n) && Bare(n) && Implicit(n, assumptions)).ToList();
        var positive = candidates.Aggregate(assumptions, (a, s) => a.With(s, Domain.Positive));
        var again = StepChecker.Check(lhs, relation, rhs, positive, context, seed, cancellation, SignRecheckUnits);
        // Refuted at a positive point too: the refutation stands as it was (as the scalar reading keeps its first point).
        if (again.Kind == VerdictKind.Refuted && ImplicitSigns(again.Counterexample, free, sized, assumptions).Count == 0) return null;
        var names = string.Join(", ", signs);
        return new Verdict(VerdictKind.Unsupported, "it fails where " + names + (signs.Count == 1 ? " is" : " are")
            + " not positive, but " + (again.Holds ? "it holds" : "it was not refuted") + " with " + (signs.Count == 1 ? "it" : "them")
            + " positive; the text may take that for granted (state the domain, e.g. " + signs[0] + " \\in \\mathbb{R}, to decide the step); not refuted (" + refuted.Reason + ")", refuted.Residue, null, refuted.PointsChecked);
    }
}
