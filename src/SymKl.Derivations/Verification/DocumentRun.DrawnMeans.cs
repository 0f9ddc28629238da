using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A step with a vector drawn from 𝒩(0, I) that fails at chosen components may still hold in distribution. When the
/// sides' means (or, with equal means, their mean squares) over that noise differ, it fails in distribution too, and
/// the refutation stands under either reading.
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
            (lhs, rhs) = (GivenAtDimensionOne(lhs, rhs), GivenAtDimensionOne(rhs, lhs));
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
                if (VectorOf(s.Name) is not null && !_randomBases.Contains(RandomBase(vector)) && !(_chain is { } given0 && vector == PlainName(given0.Letter + "_0"))) return null;
                // By letter, not by exact name: with x_T drawn, x_t is a state of a chain this may not model (x_t = √ᾱ x_0 + √(1−ᾱ) ε
                // holds in distribution there), so it is not held fixed; this only ever keeps a refutation back.
                if (!_randomBases.Contains(RandomBase(vector))) continue;
                var b = RandomBase(vector);
                if (NoiseLetters.Contains(b) && !_otherLawBases.Contains(b) && (_drawnStandardNormal.Any(d => PlainName(d) == vector) || _reparametrisation is { } drawn && PlainName(drawn.Noise.Name) == vector)) noise.Add(s);
                else if (_chain is not { } chain || vector != PlainName(chain.Letter + "_0")) return null;
            }
            // A state of the chain other than the given x_0 (x_t not written as the sample) is random with a law this does not model;
            // x_0 written both as a plain value and by components is read two ways at once (a scalar beside a vector).
            if (_chain is { } states && Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(s => s.Name).ToList() is var names
                && (names.Any(n => (VectorOf(n) ?? n) is var v && v.StartsWith(PlainName(states.Letter) + "_", StringComparison.Ordinal) && v != PlainName(states.Letter + "_0"))
                    || names.Contains(PlainName(states.Letter + "_0")) && names.Any(n => VectorOf(n) is { } v && v.StartsWith(PlainName(states.Letter) + "_", StringComparison.Ordinal))))
                return null;
            if (noise.Count == 0) return null;
            var bases = noise.Select(s => VectorOf(s.Name) ?? s.Name).Distinct(StringComparer.Ordinal).ToList();
            if (Mean(lhs, noise) is not { } left || Mean(rhs, noise) is not { } right) return null;
            var means = StepChecker.Check(left, Symbolic.Relation.Equal, right, _scope.Assumptions, _scope.Context, options.Seed);
            var what = "means";
            // Same means (x_0 = (x_t − (1 − ᾱ_t) ε)/√ᾱ_t against the sample with √(1 − ᾱ_t)): equal laws have equal second
            // moments too, so sides whose mean squares over the noise differ are not equal in distribution either.
            if (means.Kind != VerdictKind.Refuted && Mean(Ex.Pow(lhs, Ex.Two), noise) is { } leftSquare && Mean(Ex.Pow(rhs, Ex.Two), noise) is { } rightSquare)
            {
                means = StepChecker.Check(leftSquare, Symbolic.Relation.Equal, rightSquare, _scope.Assumptions, _scope.Context, options.Seed);
                what = "mean squares (so their variances)";
            }
            if (means.Kind != VerdictKind.Refuted) return null;
            return new Verdict(VerdictKind.Refuted, refuted.Reason + "; not equal in distribution either: with " + string.Join(", ", bases) + " drawn from 𝒩(0, I) (components independent standard normal)"
                + (_reparametrisation is { } sample && _chain is { } given ? ", " + given.Letter + "_" + given.Index + " the sample the text wrote with " + sample.Noise.Name + " and " + given.Letter + "_0 given" : "")
                + ", the sides' " + what + " over it differ (" + means.Reason + ")", refuted.Residue, means.Counterexample, refuted.PointsChecked);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException or BudgetExceededException) { return null; }
    }

    /// <summary>
    /// A name as the reading with vectors writes its components: "\mathbf{x}_t" → "x_t", "\boldsymbol{\epsilon}" → "epsilon"
    /// (the font dropped, as for the same letter in plain type).
    /// </summary>
    private static string PlainName(string name)
    {
        foreach (var font in new[] { "\\mathbf{", "\\boldsymbol{", "\\bm{", "\\mathrm{", "\\mathit{" })
            for (var at = name.IndexOf(font, StringComparison.Ordinal); at >= 0; at = name.IndexOf(font, StringComparison.Ordinal))
            {
                int depth = 1, end = at + font.Length;
                for (; end < name.Length && depth > 0; end++) depth += name[end] == '{' ? 1 : name[end] == '}' ? -1 : 0;
                if (depth != 0) return name;
                name = name.Substring(0, at) + name.Substring(at + font.Length, end - 1 - at - font.Length) + name.Substring(end);
            }
        // "\epsilon" → "epsilon" (a letter's command), but "\bar{…}" keeps its accent.
        return CommandName.Replace(name, m => Accents.Contains(m.Groups[1].Value) ? m.Value : m.Groups[1].Value);
    }

    private static readonly System.Text.RegularExpressions.Regex CommandName = new(@"\\([A-Za-z]+)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly HashSet<string> Accents = new(StringComparer.Ordinal) { "bar", "overline", "tilde", "widetilde", "hat", "widehat", "vec", "dot", "ddot", "check", "breve" };

    /// <summary>
    /// x_0 of the chain written plainly (a scalar to the reading with vectors) where every vector is read at dimension 1
    /// (components [1] only): the same value as x_0[1], its one component, so the two are one symbol.
    /// </summary>
    private Expr GivenAtDimensionOne(Expr side, Expr other)
    {
        if (_chain is not { } chain) return side;
        var names = Traversal.FreeSymbols(side).Concat(Traversal.FreeSymbols(other)).Select(s => s.Name).ToList();
        var given = PlainName(chain.Letter + "_0");
        var components = names.Where(n => VectorOf(n) is not null).ToList();
        if (!names.Contains(given) || components.Count == 0 || components.Any(n => !n.EndsWith("[1]", StringComparison.Ordinal))) return side;
        return Traversal.Substitute(side, Ex.Sym(given), Ex.Sym(given + "[1]"));
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
            if (VectorOf(s.Name) is { } vector && vector == PlainName(xt.Name))
            {
                var component = s.Name.Substring(vector.Length);
                map[s] = Ex.Add(Ex.Mul(m, Ex.Sym(PlainName(x0.Name) + component)), Ex.Mul(c, Ex.Sym(PlainName(rep.Noise.Name) + component)));
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
