using System.Globalization;
using SymKl.Latex.Binding;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Checking;

/// <summary>
/// Expectations whose law the text leaves open (𝔼[f], 𝔼_q[f], 𝔼_{p_θ}[f], 𝔼_{q_z q_θ}[f] with the law's variable not
/// given), checked in random laws: a step that holds for every law holds in each random one, so agreement in many of
/// them confirms it (never proves it), and a failure refutes nothing, since the text's law may be one of its own (a
/// density with the mean the text states, a ratio of densities) that a random law is not.
///
/// Each law (one per subscript as written; no subscript is one more) puts random weights on four random joint values
/// of its variables, positive in three laws of four, where a logarithm needs them. The variables are the symbols
/// written only inside expectations; a symbol also written outside them is a number (μ, σ, a in 𝔼_q[a f(x)] =
/// a 𝔼_q[f(x)]) and takes one random value per law (positive when assumed so). An unknown function (f(x), T_j(X),
/// log p_θ(x, z)) is a random function: a value drawn once for each point it is applied at, so f(x) at equal
/// arguments is equal and anything else is free. Every such model is a possible instance of what the text leaves
/// open, so a step that fails in none of sixteen is very likely an identity of the laws.
/// </summary>
internal static class RandomLaws
{
    private const int Laws = 16;
    private const int Atoms = 4;
    private const int MinimumLaws = 8;
    private const int MaxVariables = 4;

    /// <summary>Lower-case Latin letters that name a random variable far more often than a number.</summary>
    private static readonly HashSet<string> VariableLetters = new(StringComparer.Ordinal) { "x", "y", "z", "w", "u", "v", "t" };

    /// <summary>Confirmed when the step holds in every random law where both sides are defined (at least eight); else null.</summary>
    public static Verdict? Check(Expr lhs, Relation relation, Expr rhs, Assumptions? assumptions, DistributionContext? context)
    {
        if (relation is Relation.NotEqual or Relation.Approx) return null;
        var found = OpaqueTerms.In(lhs).Concat(OpaqueTerms.In(rhs)).GroupBy(t => t.Symbol.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        if (found.Count == 0 || found.Any(f => f.Term.Kind != OpaqueKind.Expectation)) return null;
        // An expectation inside another one's operand: its value would depend on the inner law's draw; not modelled.
        if (found.Any(f => OpaqueTerms.In(f.Term.Body).Count > 0)) return null;
        // Binders and functionals (∫, Σ, H(q), KL) name the law in ways a table of values does not model.
        if (found.Any(f => Traversal.Any(f.Term.Body, x => x is BinderNode or Functional))
            || Traversal.Any(lhs, x => x is BinderNode or Functional) || Traversal.Any(rhs, x => x is BinderNode or Functional)) return null;
        var opaque = new HashSet<Sym>(found.Select(f => f.Symbol));
        var outside = new HashSet<Sym>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Where(x => !opaque.Contains(x)));
        // Var(aX + b) = a² Var(X): beside a random variable (X, y), a letter that names a constant (a, b, c, μ, λ) is a
        // number even when written only inside the expectations. Noise letters (ε, η, ξ) stay random.
        var insideOnly = found.SelectMany(f => Traversal.FreeSymbols(f.Term.Body)).Where(x => !outside.Contains(x) && !opaque.Contains(x)).Distinct().ToList();
        if (insideOnly.Any(x => !ReadsAsNumber(x, string.Empty, context)))
            foreach (var x in insideOnly.Where(x => NamesAConstant(x, context))) outside.Add(x);
        var laws = new List<Law>();
        foreach (var group in found.GroupBy(f => f.Term.Scope, StringComparer.Ordinal))
        {
            var inside = group.SelectMany(f => Traversal.FreeSymbols(f.Term.Body)).Distinct().ToList();
            var variables = inside.Where(x => !outside.Contains(x)).OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
            // 𝔼_q[x] = x: with nothing left to vary the operand's symbols would all be numbers; the text means otherwise.
            if (variables.Count == 0 || variables.Count > MaxVariables) return null;
            // A symbol inside and outside is read as a number only when its name reads as one.
            if (inside.Where(outside.Contains).Any(x => !ReadsAsNumber(x, group.Key, context))) return null;
            laws.Add(new Law(group.Key, variables, group.Select(f => f.Symbol).ToList()));
        }
        var terms = found.ToDictionary(f => f.Symbol, f => f.Term);
        var random = new Random(0x5EED ^ (17 * laws.Count + laws.Sum(l => l.Variables.Count)));
        var held = 0;
        try
        {
            for (var trial = 0; trial < Laws; trial++)
            {
                var positive = trial % 4 != 0;
                var values = new Dictionary<Sym, double>();
                foreach (var x in outside.OrderBy(x => x.Name, StringComparer.Ordinal))
                    values[x] = assumptions is not null && assumptions.IsPositive(x) ? 0.2 + 2.5 * random.NextDouble() : -1.5 + 3 * random.NextDouble();
                var functions = new Dictionary<string, double>(StringComparer.Ordinal);
                var expectations = new Dictionary<Sym, double>();
                var defined = true;
                foreach (var law in laws)
                {
                    var weights = Enumerable.Range(0, Atoms).Select(_ => 0.1 + random.NextDouble()).ToArray();
                    var total = weights.Sum();
                    var atoms = Enumerable.Range(0, Atoms)
                        .Select(_ => law.Variables.ToDictionary(x => x, _ => positive ? 0.05 + 3 * random.NextDouble() : -3 + 6 * random.NextDouble())).ToArray();
                    foreach (var symbol in law.Symbols)
                    {
                        var sum = 0.0;
                        for (var k = 0; k < Atoms && defined; k++)
                        {
                            var at = atoms[k];
                            var v = Evaluator(x => at.TryGetValue(x, out var a) ? a : values.TryGetValue(x, out var o) ? o : double.NaN, functions, random, positive).Evaluate(terms[symbol].Body);
                            if (!v.IsDefined || double.IsNaN(v.Value) || double.IsInfinity(v.Value)) defined = false;
                            else sum += weights[k] / total * v.Value;
                        }
                        expectations[symbol] = sum;
                    }
                }
                if (!defined) continue;
                double Value(Sym x) => expectations.TryGetValue(x, out var e) ? e : values.TryGetValue(x, out var v) ? v : double.NaN;
                var l = Evaluator(Value, functions, random, positive).Evaluate(lhs);
                var r = Evaluator(Value, functions, random, positive).Evaluate(rhs);
                if (!l.IsDefined || !r.IsDefined || double.IsNaN(l.Value) || double.IsNaN(r.Value) || double.IsInfinity(l.Value) || double.IsInfinity(r.Value)) continue;
                var tolerance = 1e-9 * (1 + Math.Abs(l.Value) + Math.Abs(r.Value)) + 4 * (l.Error + r.Error);
                var holds = relation switch
                {
                    Relation.Equal => Math.Abs(l.Value - r.Value) <= tolerance,
                    Relation.GreaterOrEqual => l.Value >= r.Value - tolerance,
                    Relation.LessOrEqual => l.Value <= r.Value + tolerance,
                    Relation.Greater => l.Value > r.Value + tolerance,
                    Relation.Less => l.Value < r.Value - tolerance,
                    _ => false,
                };
                if (!holds) return null;
                held++;
            }
        }
        catch (NotEvaluableException)
        {
            return null;
        }
        if (held < MinimumLaws) return null;
        var what = string.Join(", ", found.Select(f => f.Term.Describe() + "[" + LatexPrinter.Print(f.Term.Body) + "]").Distinct(StringComparer.Ordinal));
        var over = string.Join("; ", laws.Select(l => (l.Scope.Length == 0 ? "" : l.Scope + ": ") + string.Join(", ", l.Variables.Select(x => x.Name))));
        var functionsNote = found.Any(f => Traversal.Any(f.Term.Body, x => x is Apply)) ? ", unknown functions as random functions" : "";
        return new Verdict(VerdictKind.Confirmed, "it holds in " + held.ToString(CultureInfo.InvariantCulture) + " random laws of " + over + " (random weights on "
            + Atoms.ToString(CultureInfo.InvariantCulture) + " random values, positive in most of them" + functionsNote + "), reading " + what
            + " as expectations under laws the text leaves open (not proved symbolically)", null, null, held);
    }

    private sealed record Law(string Scope, List<Sym> Variables, List<Sym> Symbols);

    /// <summary>An evaluator in which an unknown function's value at a point is drawn once and then kept (a random function).</summary>
    private static NumericEvaluator Evaluator(Func<Sym, double> values, Dictionary<string, double> functions, Random random, bool positive)
    {
        NumericEvaluator? evaluator = null;
        evaluator = new NumericEvaluator(values, node =>
        {
            if (node is not Apply a) throw new NotEvaluableException("cannot evaluate " + LatexPrinter.Print(node) + " in a random law");
            var args = new List<string>();
            foreach (var argument in a.Args)
            {
                var v = evaluator!.Evaluate(argument);
                if (!v.IsDefined || double.IsNaN(v.Value)) return Approx.Undefined;
                args.Add(v.Value.ToString("R", CultureInfo.InvariantCulture));
            }
            var key = a.Name + "(" + string.Join(",", args) + ")";
            if (!functions.TryGetValue(key, out var value))
            {
                value = positive ? 0.05 + 3 * random.NextDouble() : -3 + 6 * random.NextDouble();
                functions[key] = value;
            }
            return new Approx(value, 0);
        });
        return evaluator;
    }

    /// <summary>Greek letters that name a parameter of a law far more often than a random quantity.</summary>
    private static readonly HashSet<string> ParameterLetters = new(StringComparer.Ordinal)
    {
        "\\alpha", "\\beta", "\\gamma", "\\delta", "\\lambda", "\\mu", "\\sigma", "\\tau", "\\theta", "\\phi", "\\rho", "\\kappa", "\\nu",
        "alpha", "beta", "gamma", "delta", "lambda", "mu", "sigma", "tau", "theta", "phi", "rho", "kappa", "nu",
    };

    /// <summary>A plain lower-case Latin letter that is not a usual variable letter (a, b, c, m, s), or a parameter's Greek letter (μ, σ, λ).</summary>
    private static bool NamesAConstant(Sym symbol, DistributionContext? context)
    {
        var name = symbol.Name;
        if (context is not null && context.Bound.ContainsKey(name)) return false;
        var stem = name;
        var end = stem.IndexOfAny(['_', '^', '\'']);
        if (end >= 0) stem = stem.Substring(0, end);
        if (stem.Length == 1) return stem[0] is >= 'a' and <= 'z' && stem[0] != 'e' && !VariableLetters.Contains(stem);
        return ParameterLetters.Contains(stem);
    }

    /// <summary>
    /// A symbol written both inside and outside an expectation is a number of the text (μ, σ², a, θ) unless its name
    /// reads as a random variable: a capital letter (X, Y_1), a usual variable letter (x, z, t), the law's own name, or
    /// a name the document gives a law.
    /// </summary>
    private static bool ReadsAsNumber(Sym symbol, string scope, DistributionContext? context)
    {
        var name = symbol.Name;
        if (context is not null && context.Bound.ContainsKey(name)) return false;
        if (name == scope) return false;
        var stem = name;
        foreach (var wrapper in new[] { "\\mathbf{", "\\boldsymbol{", "\\bm{", "\\mathrm{", "\\vec{", "\\hat{", "\\tilde{", "\\bar{" })
            if (stem.StartsWith(wrapper, StringComparison.Ordinal)) stem = stem.Substring(wrapper.Length);
        var end = stem.IndexOfAny(['_', '^', '}', '\'']);
        if (end >= 0) stem = stem.Substring(0, end);
        if (stem.Length == 0) return false;
        if (char.IsUpper(stem[0])) return false;
        return !VariableLetters.Contains(stem);
    }
}
