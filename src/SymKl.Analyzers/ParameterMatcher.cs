using System.Text;
using Microsoft.CodeAnalysis;
using SymKl.Generators;

namespace SymKl.Analyzers;

/// <summary>
/// Matches a method's parameters to a derivation's: by name when every name matches one (<c>mu1</c>, <c>mu_1</c>,
/// <c>μ1</c> and the generated method's own name all match <c>\mu_1</c>), else by order, provided the names that do
/// match sit where the order puts them.
/// </summary>
internal static class ParameterMatcher
{
    /// <summary>For each of the method's parameters, the derivation's parameter; or why they cannot be matched.</summary>
    public static IReadOnlyList<ResultParameter>? Match(IReadOnlyList<IParameterSymbol> method, IReadOnlyList<ResultParameter> derivation, out string? problem)
    {
        problem = null;
        if (method.Count != derivation.Count)
        {
            problem = "the method has " + method.Count + " parameter" + (method.Count == 1 ? "" : "s") + " and the derivation's result " + derivation.Count + " (" + List(derivation) + ")";
            return null;
        }
        var byName = new ResultParameter?[method.Count];
        for (var i = 0; i < method.Count; i++)
        {
            var key = Normalize(method[i].Name);
            var found = derivation.Where(d => Normalize(d.Symbol.Name) == key || Normalize(d.Identifier) == key).ToList();
            if (found.Count == 1) byName[i] = found[0];
        }
        if (byName.All(p => p is not null) && byName.Distinct().Count() == method.Count) return byName!;
        for (var i = 0; i < method.Count; i++)
        {
            if (byName[i] is { } named && !ReferenceEquals(named, derivation[i]))
            {
                problem = "the parameter '" + method[i].Name + "' is named like the derivation's " + named.Latex + ", but by order it would be " + derivation[i].Latex + "; name every parameter after the derivation's (" + List(derivation) + ") or none";
                return null;
            }
        }
        return derivation;
    }

    private static string List(IReadOnlyList<ResultParameter> ps) => string.Join(", ", ps.Select(p => p.Latex));

    /// <summary>Lower case, without '_', '\' and braces, Greek letters spelled out: "\mu_1", "mu_1", "Mu1" and "μ₁" are all "mu1".</summary>
    internal static string Normalize(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            if (c is '_' or '\\' or '{' or '}' or ' ' or '@') continue;
            if (Greek.TryGetValue(c, out var spelled)) { sb.Append(spelled); continue; }
            if (c is >= '₀' and <= '₉') { sb.Append((char)('0' + (c - '₀'))); continue; }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static readonly Dictionary<char, string> Greek = new()
    {
        ['α'] = "alpha", ['β'] = "beta", ['γ'] = "gamma", ['δ'] = "delta", ['ε'] = "epsilon", ['ζ'] = "zeta", ['η'] = "eta",
        ['θ'] = "theta", ['ι'] = "iota", ['κ'] = "kappa", ['λ'] = "lambda", ['μ'] = "mu", ['ν'] = "nu", ['ξ'] = "xi",
        ['π'] = "pi", ['ρ'] = "rho", ['σ'] = "sigma", ['τ'] = "tau", ['υ'] = "upsilon", ['φ'] = "phi", ['χ'] = "chi",
        ['ψ'] = "psi", ['ω'] = "omega",
    };
}
