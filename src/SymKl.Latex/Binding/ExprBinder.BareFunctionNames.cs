using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// \frac{\partial}{\partial x} \log p_m after p_m(x; \mu, \sigma^2) = …: a function the document defines, written by its bare
/// name inside the operand of a derivative by its own parameters, stands for that function at those parameters (log p_m(x;
/// μ, σ²)), exactly as a bare name alone does (∂ℓ/∂μ with ℓ(μ, σ²) defined). Only when every variable of the derivative
/// is involved in the function at its own arguments (a parameter, or a symbol of its formula such as μ in p_m(x; μ, σ²)),
/// so the reading is the one its definition writes; any other name stays as it is. A density written in x (q(x) = …, or
/// q(x) ∼ N(μ, σ²)) is its value at x, as in an expectation over x.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>The operand with each bare name of a defined function replaced by the function at its own arguments.</summary>
    private Expr BareNamesAtOwnParameters(Expr operand, IReadOnlyList<Sym> variables)
    {
        if (_context.Expand is null) return operand;
        var replaced = new Dictionary<Sym, Expr>();
        foreach (var s in Traversal.FreeSymbols(operand))
        {
            if (replaced.Count >= 8) break;
            if (variables.Contains(s) || OwnArguments(s) is not { } applied) continue;
            var opened = _context.Expand(applied);
            // The reading must give the derivative something to act on: the function at its own arguments involves every
            // variable the text differentiates by (else the name is left alone, and the derivative stays unread as before).
            var free = Traversal.FreeSymbols(opened);
            if (!variables.All(v => free.Contains(v))) continue;
            // And the definition must be a formula in the function's own arguments: g(x) = y = … (a chain that names the
            // value y) is no formula in x, and g in g^{-1}(y) is the inverse function's name, not g's value at x.
            if (!Traversal.FreeSymbols(applied).All(a => free.Contains(a))) continue;
            replaced[s] = opened;
        }
        return replaced.Count == 0 ? operand : Traversal.Substitute(operand, replaced);
    }

    /// <summary>f(x, μ, σ²) for f defined with those parameters; q(z) for a density the document writes in z; else null.</summary>
    private Expr? OwnArguments(Sym s)
    {
        if (_context.FunctionParameters?.Invoke(s.Name) is { Count: > 0 } parameters)
            return Ex.Apply(s.Name, parameters.Select(ParameterValue).ToArray());
        if (_context.KnowsFunction(s.Name) && _context.DensityVariable?.Invoke(s.Name) is { } variable && variable != s.Name)
            return Ex.Apply(s.Name, Ex.Sym(variable));
        return null;
    }

    /// <summary>A parameter written σ² is a variable "σ^2" of the definition; at its own parameters it is σ² again.</summary>
    private static Expr ParameterValue(Sym p) =>
        p.Name.Length > 2 && p.Name.EndsWith("^2", StringComparison.Ordinal) ? Ex.Pow(Ex.Sym(p.Name.Substring(0, p.Name.Length - 2)), Ex.Two) : p;
}
