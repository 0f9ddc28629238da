using System.Globalization;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// A step about derivatives of functions nothing defines (d/dx log f(x) = f′(x)/f(x), ∂/∂θ log Z_θ): at one point,
/// the values f(u), f′(u), ∂_k p(u) of an arbitrary smooth function are arbitrary independent numbers (any jet is the
/// jet of some smooth function), so each application becomes a fresh real unknown, and an identity in them holds for
/// every function exactly when it holds for every value of the unknowns. A failure is never a refutation: the function
/// is the text's, which may know more about it than SymKl does.
/// </summary>
internal sealed class AbstractFunctionJets
{
    private readonly Dictionary<Sym, Expr> _back;
    private readonly HashSet<string> _functions;
    private readonly bool _complete;

    private AbstractFunctionJets(Dictionary<Sym, Expr> back, HashSet<string> functions, bool complete)
    {
        _back = back;
        _functions = functions;
        _complete = complete;
    }

    /// <summary>The sides with the jets in place; null when the step holds no derivative of an undefined function.</summary>
    public static (AbstractFunctionJets Jets, Expr Lhs, Expr Rhs, Assumptions Assumptions)? Prepare(Expr lhs, Expr rhs, Assumptions assumptions)
    {
        var functions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, n =>
            {
                if (n is Apply ap && AbstractDerivatives.IsDerivative(ap.Name)) functions.Add(AbstractDerivatives.Base(ap.Name));
                return false;
            });
        if (functions.Count == 0) return null;
        // f at a variable an integral or sum runs over is the function itself, not one value: left as it is.
        var (l, r, jets, complete) = FreshApplications.Replace(lhs, rhs, ap => functions.Contains(AbstractDerivatives.Base(ap.Name)), "ξ_jet");
        foreach (var kv in jets)
            // A function declared positive (f > 0) has positive values; its derivatives stay any real.
            if (kv.Key is Apply ap && !AbstractDerivatives.IsDerivative(ap.Name) && assumptions.PositiveFunctions.Contains(ap.Name, StringComparer.Ordinal))
                assumptions = assumptions.With(kv.Value.Name, Domain.Positive);
        var back = jets.ToDictionary(kv => kv.Value, kv => kv.Key);
        return (new AbstractFunctionJets(back, functions, complete), l, r, assumptions);
    }

    /// <summary>The verdict on the jets read back for the step as written.</summary>
    public Verdict Review(Verdict verdict)
    {
        var residue = verdict.Residue is null ? null : Traversal.Substitute(verdict.Residue, _back.ToDictionary(kv => kv.Key, kv => kv.Value));
        var names = string.Join(", ", _functions.OrderBy(n => n, StringComparer.Ordinal));
        switch (verdict.Kind)
        {
            case VerdictKind.Proved:
                return verdict with { Residue = residue };
            case VerdictKind.Confirmed when _complete:
                return verdict with { Reason = verdict.Reason + " (with the values of " + names + " and its derivatives at the point taken as arbitrary numbers)", Residue = residue };
            case VerdictKind.Confirmed:
                return new Verdict(VerdictKind.Unsupported, "it holds numerically only with random densities in place of " + names + " and of its derivatives, which are then unrelated functions; not shown for every function", residue, null, verdict.PointsChecked);
            case VerdictKind.Refuted:
                {
                    var at = verdict.Counterexample is { } ce
                        ? " (" + string.Join(", ", ce.Values.Select(kv => Describe(kv.Key) + " = " + kv.Value.ToString("G6", CultureInfo.InvariantCulture))) + ")"
                        : "";
                    return new Verdict(VerdictKind.Unsupported, "it fails for " + (_functions.Count == 1 ? "a function " : "functions ") + names + " that the document does not define" + at
                        + "; it holds at most for the particular " + names + " the text has in mind, which SymKl does not know, so it is not refuted", residue, null, verdict.PointsChecked);
                }
            default:
                return verdict with { Residue = residue };
        }
    }

    private string Describe(string name) =>
        _back.FirstOrDefault(kv => kv.Key.Name == name) is { Key: not null } hit ? LatexPrinter.Print(hit.Value) : name;
}
