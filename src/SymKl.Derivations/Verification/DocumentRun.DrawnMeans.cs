using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A step with a vector drawn from 𝒩(0, I) that fails at chosen components may still hold in distribution. When the
/// sides' means over that noise differ, it fails in distribution too, and the refutation stands under either reading.
/// </summary>
internal sealed partial class DocumentRun
{
    private const int MaxMeanTerms = 4_000;

    /// <summary>The names the document draws from 𝒩(0, I) themselves (ε in "ε ∼ 𝒩(0, I)"; not ε_1 for a drawn ε).</summary>
    private readonly HashSet<string> _drawnStandardNormal = new(StringComparer.Ordinal);

    /// <summary>
    /// The refutation kept, with the means' counterexample, when both instance sides are polynomials in components of
    /// vectors the document draws from 𝒩(0, I) only (independent, as drawn; E εᵢᵏ = (k − 1)!! for even k, 0 for odd) and
    /// their means differ; null when the reading does not apply or the means agree.
    /// </summary>
    private Verdict? DifferentMeans(Verdict refuted, Expr lhs, Expr rhs)
    {
        try
        {
            (lhs, rhs) = (WithSample(lhs), WithSample(rhs));
            // Noise: components of a vector drawn from 𝒩(0, I) under a noise letter; x_0 of the chain is given (held fixed);
            // any other random value has a law this does not model.
            var noise = new HashSet<Sym>();
            foreach (var s in Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)))
            {
                var vector = VectorOf(s.Name) ?? s.Name;
                // ε_θ(1): the value of an unknown function (the network), held fixed like any parameter.
                if (vector.IndexOf('(') >= 0) continue;
                // Another vector (x_t declared in ℝ^d, no chain written): it may be the very sample the statement writes
                // ("x_t = √ᾱ x_0 + √(1−ᾱ) ε" defines its law), so holding it fixed would refute a valid reparameterisation.
                if (VectorOf(s.Name) is not null && !_randomBases.Contains(RandomBase(vector)) && !(_chain is { } given0 && vector == given0.Letter + "_0")) return null;
                // By letter, not by exact name: with x_T drawn, x_t is a state of a chain this may not model (x_t = √ᾱ x_0 + √(1−ᾱ) ε
                // holds in distribution there), so it is not held fixed; this only ever keeps a refutation back.
                if (!_randomBases.Contains(RandomBase(vector))) continue;
                var b = RandomBase(vector);
                if (NoiseLetters.Contains(b) && !_otherLawBases.Contains(b) && (_drawnStandardNormal.Contains(vector) || _reparametrisation?.Noise.Name == vector)) noise.Add(s);
                else if (_chain is not { } chain || vector != chain.Letter + "_0") return null;
            }
            // A state of the chain other than the given x_0 (x_t not written as the sample) is random with a law this does not model.
            if (_chain is { } states && Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs))
                    .Any(s => (VectorOf(s.Name) ?? s.Name) is var v && v.StartsWith(states.Letter + "_", StringComparison.Ordinal) && v != states.Letter + "_0"))
                return null;
            if (noise.Count == 0) return null;
            var bases = noise.Select(s => VectorOf(s.Name) ?? s.Name).Distinct(StringComparer.Ordinal).ToList();
            if (Mean(lhs, noise) is not { } left || Mean(rhs, noise) is not { } right) return null;
            var means = StepChecker.Check(left, Symbolic.Relation.Equal, right, _scope.Assumptions, _scope.Context, options.Seed);
            if (means.Kind != VerdictKind.Refuted) return null;
            return new Verdict(VerdictKind.Refuted, refuted.Reason + "; not equal in distribution either: with " + string.Join(", ", bases) + " drawn from 𝒩(0, I) (components independent standard normal)"
                + (_reparametrisation is { } sample && _chain is { } given ? ", " + given.Letter + "_" + given.Index + " the sample the text wrote with " + sample.Noise.Name + " and " + given.Letter + "_0 given" : "")
                + ", the sides' means over it differ (" + means.Reason + ")", refuted.Residue, means.Counterexample, refuted.PointsChecked);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException or BudgetExceededException) { return null; }
    }

    /// <summary>"x_t[2]" → "x_t": the vector a component belongs to, or null for a name that is not a component.</summary>
    private static string? VectorOf(string name) => name.IndexOf('[') is var at && at > 0 ? name.Substring(0, at) : null;

    /// <summary>
    /// The chain's x_t written as the sample the text gave (x_t = m x_0 + c ε, component by component): x_t is random
    /// through ε, so the means are over ε with x_0 given.
    /// </summary>
    private Expr WithSample(Expr side)
    {
        if (_chain is not { } chain || _reparametrisation is not { } rep) return side;
        var (xt, x0) = (Ex.Sym(chain.Letter + "_" + chain.Index), Ex.Sym(chain.Letter + "_0"));
        var m = Resolved(Differentiator.Derivative(rep.Value, x0));
        var c = Resolved(Differentiator.Derivative(rep.Value, rep.Noise));
        if (Traversal.FreeSymbols(m).Concat(Traversal.FreeSymbols(c)).Any(v => v == x0 || v == xt || v == rep.Noise)) return side;
        var map = new Dictionary<Sym, Expr>();
        foreach (var s in Traversal.FreeSymbols(side))
            if (VectorOf(s.Name) == xt.Name)
            {
                var component = s.Name.Substring(xt.Name.Length);
                map[s] = Ex.Add(Ex.Mul(m, Ex.Sym(x0.Name + component)), Ex.Mul(c, Ex.Sym(rep.Noise.Name + component)));
            }
        return map.Count == 0 ? side : Traversal.Substitute(side, map);
    }

    /// <summary>E over the noise of a polynomial in its components, or null when the side is not one.</summary>
    private static Expr? Mean(Expr side, HashSet<Sym> noise)
    {
        var expanded = Expander.Expand(side, new Budget { MaxTerms = MaxMeanTerms });
        var terms = expanded is Add a ? a.Terms.ToList() : [expanded];
        var result = new List<Expr>();
        foreach (var term in terms)
        {
            var factors = term is Mul m ? m.Factors.ToList() : [term];
            var kept = new List<Expr>();
            var zero = false;
            foreach (var f in factors)
            {
                if (!Traversal.FreeSymbols(f).Any(noise.Contains)) { kept.Add(f); continue; }
                var (symbol, power) = f switch
                {
                    Sym s => (s, 1),
                    Pow { Base: Sym s, Exponent: Num { Value: { IsInteger: true } k } } when k.Numerator > 0 && k.Numerator < 64 => (s, (int)k.Numerator),
                    _ => ((Sym?)null, 0),
                };
                if (symbol is null) return null;
                if (power % 2 == 1) { zero = true; break; }
                long moment = 1;
                for (var j = power - 1; j > 1; j -= 2) moment *= j;
                kept.Add(Ex.Num(moment));
            }
            if (!zero) result.Add(Ex.Mul(kept));
        }
        return Ex.Add(result);
    }
}
