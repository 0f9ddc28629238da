using SymKl.Latex.Binding;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// ∫ q(x) g(x) dx over the whole line (or Σ_x q(x) g(x) with no range) beside 𝔼_q[…] in the same step, where the text
/// leaves q's law open: the integral of a law's density against g is the expectation of g under that law, so it
/// becomes 𝔼_q[g(x)], an unknown value like the other (the same one when the operands agree). Only for a density
/// named exactly as the subscript of an expectation of the step, applied to the integration variable alone, and
/// appearing once in the integrand.
/// </summary>
internal static class OpenLawIntegrals
{
    public static Expr Rewrite(Expr e, IReadOnlyCollection<string> scopes)
    {
        if (scopes.Count == 0) return e;
        return Ex.Map(e, node =>
        {
            if (node is not RangedBinderNode { Body: var body, Variable: var x } binder || node is not (Integral or Summation)) return node;
            if (node is Integral && !(binder.Lower is null && binder.Upper is null || Ex.IsInfinity(binder.Lower, -1) && Ex.IsInfinity(binder.Upper, 1))) return node;
            if (node is Summation && (binder.Lower is not null || binder.Upper is not null)) return node;
            var factors = body is Mul m ? (IReadOnlyList<Expr>)m.Factors : [body];
            var densities = factors.Where(f => f is Apply { Args: [var a] } ap && a.Equals(x) && Scope(ap.Name, scopes) is not null).ToList();
            if (densities.Count != 1) return node;
            var density = (Apply)densities[0];
            var rest = Ex.Mul(factors.Where(f => !ReferenceEquals(f, density)));
            if (Traversal.Any(rest, n => n is Apply ap && ap.Name == density.Name) || Traversal.Any(rest, n => n is BinderNode)) return node;
            return OpaqueTerms.Expectation(Scope(density.Name, scopes)!, rest);
        });
    }

    /// <summary>The subscript an application's name matches (q for q, q_\theta for q_theta), or null.</summary>
    private static string? Scope(string name, IReadOnlyCollection<string> scopes) =>
        scopes.FirstOrDefault(s => s == name || s.Replace("\\", "").Replace("{", "").Replace("}", "") == name);
}
