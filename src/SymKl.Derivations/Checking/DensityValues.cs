using System.Globalization;
using SymKl.Derivations.Numerics;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Checking;

/// <summary>
/// A step in which an undefined density of several variables (p(x_i | θ), P(y | x), q_φ(z, x)) appears only at points no
/// integral, sum or expectation runs over: there each application is one value of the density, and the values of a
/// density at distinct points can be any positive numbers (any finite set of positive values at distinct points is taken
/// by some density). So each distinct application becomes a fresh positive unknown, and an identity in those unknowns that
/// holds for all of them holds whatever the densities are (−log ∏_i p(x_i | θ) = −Σ_i log p(x_i | θ), the sums written out).
/// Applications that are the same value written twice keep one unknown; two spellings of one value (P and p, θ and 𝛉) get
/// two, which only makes a step harder to confirm. A failure is never a refutation: the text's densities tie their values
/// together (Σ_c P(c | x) = 1, a joint and its conditionals), which arbitrary numbers do not.
/// </summary>
internal sealed class DensityValues
{
    private readonly Dictionary<Sym, Expr> _back;
    private readonly IReadOnlyList<string> _names;

    private DensityValues(Dictionary<Sym, Expr> back, IReadOnlyList<string> names)
    {
        _back = back;
        _names = names;
    }

    /// <summary>
    /// The sides with every value of an undefined density of several variables replaced by a positive unknown; null when
    /// the step has none, or when one of them is at a variable a binder runs over (then it is the whole function there,
    /// which the consistent models or nothing decide).
    /// </summary>
    public static (DensityValues Values, Expr Lhs, Expr Rhs, Assumptions Assumptions)? Prepare(Expr lhs, Expr rhs, Assumptions assumptions, DistributionContext context)
    {
        bool Matches(Apply ap) => ap.Args.Count >= 2 && IsDensityName(ap.Name) && !context.IsKnownFunction(ap.Name) && Families.Find(ap.Name) is null;
        bool Has(Expr e) => Traversal.Any(e, n => n is Apply ap && Matches(ap));
        if (!Has(lhs) && !Has(rhs)) return null;
        // Under a binder (x_i under Σ_i is one symbol, so a bound index is not always visible) or as the law of a KL or an
        // expectation, an application is more than one value: left to the other checks.
        if (Traversal.Any(lhs, n => n is BinderNode or Functional && Has(n)) || Traversal.Any(rhs, n => n is BinderNode or Functional && Has(n))) return null;
        var (l, r, values, complete) = FreshApplications.Replace(lhs, rhs, Matches, "ξ_density");
        if (!complete || values.Count == 0) return null;
        foreach (var v in values.Values) assumptions = assumptions.With(v.Name, Domain.Positive);
        var names = values.Keys.OfType<Apply>().Select(a => a.Name).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        return (new DensityValues(values.ToDictionary(kv => kv.Value, kv => kv.Key), names), l, r, assumptions);
    }

    /// <summary>A verdict left open because such a density could not be evaluated (<see cref="Numerics.NumericCalculus"/>'s reason).</summary>
    public static bool Undecided(Verdict verdict) => verdict.Reason.Contains(NumericCalculus.SeveralVariables);

    /// <summary>
    /// A density's name: p, q, P, Q or a calligraphic, blackboard or script P, with any subscript or decoration (p_θ,
    /// q_{\phi}, \hat{p}, \tilde{p}). Other undefined functions of several variables (a loss l(y, ŷ), Q(θ, θ^t) of EM)
    /// may take any real value, so their values are not taken as positive.
    /// </summary>
    internal static bool IsDensityName(string name)
    {
        var stem = name.IndexOf('_') is var i and > 0 ? name.Substring(0, i) : name;
        foreach (var decoration in new[] { "\\hat", "\\tilde", "\\bar", "\\mathcal", "\\mathbb", "\\mathscr", "\\mathrm", "\\operatorname" })
            if (stem.StartsWith(decoration + "{", StringComparison.Ordinal) && stem.EndsWith("}", StringComparison.Ordinal))
                stem = stem.Substring(decoration.Length + 1, stem.Length - decoration.Length - 2);
        return stem is "p" or "q" or "P" or "Q";
    }

    /// <summary>The verdict on the unknowns read back for the step as written.</summary>
    public Verdict Review(Verdict verdict)
    {
        var residue = verdict.Residue is null ? null : Traversal.Substitute(verdict.Residue, _back.ToDictionary(kv => kv.Key, kv => kv.Value));
        var names = string.Join(", ", _names);
        switch (verdict.Kind)
        {
            case VerdictKind.Proved:
                return verdict with { Reason = verdict.Reason + " (each value of " + names + " taken as an arbitrary positive number)", Residue = residue };
            case VerdictKind.Confirmed:
                return verdict with { Reason = verdict.Reason + " (each value of " + names + " at the points the step names taken as an arbitrary positive number: "
                    + "it holds whatever the density is)", Residue = residue };
            case VerdictKind.Refuted:
                {
                    var at = verdict.Counterexample is { } ce
                        ? " (" + string.Join(", ", ce.Values.Select(kv => Describe(kv.Key) + " = " + kv.Value.ToString("G6", CultureInfo.InvariantCulture))) + ")"
                        : "";
                    return new Verdict(VerdictKind.Unsupported, "it fails for arbitrary positive values of " + names + " at the points the step names" + at
                        + ", but the text's " + names + " may tie those values together (a normalisation, a joint and its conditionals, independence), which SymKl does not know, so it is not refuted",
                        residue, null, verdict.PointsChecked);
                }
            default:
                return verdict with { Residue = residue };
        }
    }

    private string Describe(string name) =>
        _back.FirstOrDefault(kv => kv.Key.Name == name) is { Key: not null } hit ? LatexPrinter.Print(hit.Value) : name;
}
