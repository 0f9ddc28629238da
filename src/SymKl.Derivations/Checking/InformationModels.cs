using System.Globalization;
using SymKl.Latex.Binding;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>The kinds of random variable a document's entropies may be of.</summary>
[Flags]
internal enum VariableKinds
{
    None = 0,
    /// <summary>Finitely many values: Shannon entropy, never negative.</summary>
    Discrete = 1,
    /// <summary>A density: differential entropy, which may be negative.</summary>
    Continuous = 2,
}

/// <summary>
/// An inequality between information measures of random variables (H(X), H(X, Y), H(X | Y), I(X; Y), h(X) …, each a
/// combination of joint entropies, <see cref="OpaqueKind.JointEntropy"/>) decided in random joint laws of the variables:
/// for discrete variables, random tables with 2 to 4 values per variable (dense, skewed, independent, one variable a
/// noisy function of another, near copies); for continuous ones, Gaussian vectors of random covariance and scale (the
/// differential entropy ½ log((2πe)^k det Σ), which is negative for small variances). A non-strict inequality that holds
/// in every law of every kind the document's variables may be of is confirmed; one that fails by a clear margin has a
/// counterexample. Equalities are left to the other checks (an equality that fails in random laws may be a case the text
/// assumes: independence, a function of another variable).
/// </summary>
internal static class InformationModels
{
    private const int MaxVariables = 4;
    private const int ModelsPerKind = 15;
    private const double AgreeTolerance = 1e-9;
    private const double RefuteTolerance = 1e-6;

    /// <summary>One joint entropy of the step: its symbol, whether it is differential (h), and its variables.</summary>
    internal sealed record Term(Sym Symbol, bool Differential, IReadOnlyList<string> Variables);

    /// <summary>The joint entropies of the two sides when nothing else in them is unknown; null otherwise.</summary>
    public static IReadOnlyList<Term>? Terms(Expr lhs, Expr rhs)
    {
        var terms = new List<Term>();
        foreach (var side in new[] { lhs, rhs })
        {
            if (Traversal.Any(side, x => x is not (Num or Constant or Sym or Add or Mul or Pow or Fn))) return null;
            foreach (var symbol in Traversal.FreeSymbols(side))
            {
                if (OpaqueTerms.Find(symbol) is not { Kind: OpaqueKind.JointEntropy, Body: Apply body }) return null;
                if (terms.Any(t => t.Symbol.Equals(symbol))) continue;
                var variables = body.Args.Select(a => a is Sym s ? s.Name : null).ToList();
                if (variables.Any(v => v is null)) return null;
                terms.Add(new Term(symbol, body.Name == "h", variables!));
            }
        }
        if (terms.Count == 0 || terms.Select(t => t.Differential).Distinct().Count() > 1 || !Homogeneous(Ex.Sub(lhs, rhs))) return null;
        return terms.SelectMany(t => t.Variables).Distinct(StringComparer.Ordinal).Count() <= MaxVariables ? terms : null;
    }

    /// <summary>
    /// lhs − rhs a combination Σ c_i H_i of joint entropies with constant coefficients and no constant term. A bound by a
    /// number (H(X) ≤ log 4) depends on how many values the variables take, which random tables of a few values cannot
    /// show; a homogeneous inequality holds for all laws exactly when it holds for the directions random laws explore.
    /// </summary>
    private static bool Homogeneous(Expr difference)
    {
        foreach (var term in difference is Add a ? (IEnumerable<Expr>)a.Terms : [difference])
        {
            if (term.IsZero) continue;
            var factors = term is Mul m ? (IReadOnlyList<Expr>)m.Factors : [term];
            if (factors.Count(f => f is Sym) != 1 || !factors.Where(f => f is not Sym).All(OpaqueTerms.IsClosedConstant)) return false;
        }
        return true;
    }

    /// <summary>
    /// The verdict on lhs R rhs (R an inequality) over laws of the kinds given; differential entropies (h) are of
    /// continuous variables whatever the document says. <paramref name="unitsPerNat"/> converts nats to the document's
    /// base (1/ln 2 for bits). <paramref name="refusal"/> non-null: a failure is reported as unsupported, saying why.
    /// </summary>
    public static Verdict? Decide(Expr lhs, Relation relation, Expr rhs, IReadOnlyList<Term> terms, VariableKinds kinds, double unitsPerNat, string? refusal, int seed)
    {
        if (relation is not (Relation.Greater or Relation.GreaterOrEqual or Relation.Less or Relation.LessOrEqual)) return null;
        if (terms[0].Differential) kinds = VariableKinds.Continuous;
        var variables = terms.SelectMany(t => t.Variables).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToList();
        var random = new Random(seed ^ 0x51A7);
        var failures = new Dictionary<VariableKinds, (string Law, Counterexample Example)>();
        var unclear = false;
        var checkedLaws = 0;
        foreach (var kind in new[] { VariableKinds.Discrete, VariableKinds.Continuous })
        {
            // Both kinds are tried when the document does not say which: a disagreement is then reported, never decided.
            if (kinds != VariableKinds.None && !kinds.HasFlag(kind)) continue;
            for (var m = 0; m < ModelsPerKind && !failures.ContainsKey(kind); m++)
            {
                var law = kind == VariableKinds.Discrete ? (JointLaw)DiscreteLaw.Random(variables.Count, m, random) : GaussianLaw.Random(variables.Count, m, random);
                var values = new Dictionary<Sym, double>();
                foreach (var t in terms) values[t.Symbol] = unitsPerNat * law.Entropy(t.Variables.Select(v => variables.IndexOf(v)).ToArray());
                var evaluator = new NumericEvaluator(s => values.TryGetValue(s, out var x) ? x : double.NaN);
                var l = evaluator.Evaluate(lhs);
                var r = evaluator.Evaluate(rhs);
                if (!l.IsDefined || !r.IsDefined || double.IsNaN(l.Value) || double.IsInfinity(l.Value) || double.IsNaN(r.Value) || double.IsInfinity(r.Value)) continue;
                checkedLaws++;
                var margin = relation is Relation.Greater or Relation.GreaterOrEqual ? l.Value - r.Value : r.Value - l.Value;
                var scale = 1 + Math.Abs(l.Value) + Math.Abs(r.Value);
                if (margin >= -AgreeTolerance * scale) continue;
                if (margin > -RefuteTolerance * scale) { unclear = true; continue; }
                var shown = terms.Select(t => new KeyValuePair<string, double>(Describe(t), values[t.Symbol])).ToList();
                failures[kind] = (law.Describe(variables), new Counterexample(shown, l.Value, r.Value));
            }
        }
        var what = string.Join(", ", variables);
        if (failures.Count > 0)
        {
            var first = failures.First();
            var (kind, law, example) = (first.Key, first.Value.Law, first.Value.Example);
            var fails = "the inequality fails for " + (kind == VariableKinds.Discrete ? "discrete " : "continuous ") + what + ": " + law
                + (kind == VariableKinds.Continuous ? " (differential entropies, which the document's entropies include)" : "");
            if (kinds == VariableKinds.None && failures.Count == 1)
                return Undecided(fails + ", while it holds in every random law of the other kind (" + (kind == VariableKinds.Discrete ? "continuous variables, differential entropies" : "discrete variables") + "); the document does not say which kind its variables are");
            if (refusal is not null) return Undecided(fails + ", but " + refusal);
            return new Verdict(VerdictKind.Refuted, fails, null, example, checkedLaws);
        }
        if (unclear) return Undecided("the two sides of the inequality come within rounding of each other in a random joint law of " + what + "; SymKl cannot tell which way it goes there");
        if (checkedLaws < ModelsPerKind) return null;
        var laws = (kinds == VariableKinds.Continuous ? "" : "discrete " + what + " (random tables with 2 to 4 values each: dense, skewed, independent, noisy functions of one another, near copies)")
            + (kinds == VariableKinds.None || kinds == (VariableKinds.Discrete | VariableKinds.Continuous) ? "; " : "")
            + (kinds == VariableKinds.Discrete ? "" : "jointly Gaussian " + what + " of random covariance and scale (differential entropies)");
        var how = " in " + checkedLaws.ToString(CultureInfo.InvariantCulture) + " random joint laws of " + laws;
        if (relation is Relation.Greater or Relation.Less)
            return Undecided("the inequality holds" + how + ", but a strict inequality between information measures may become an equality (independent variables, one a function of another)");
        return new Verdict(VerdictKind.Confirmed, "the inequality holds" + how + " (not proved symbolically)", null, null, checkedLaws);
    }

    private static Verdict Undecided(string reason) => new(VerdictKind.Unsupported, reason, null, null, 0);

    private static string Describe(Term t) => (t.Differential ? "h(" : "H(") + string.Join(", ", t.Variables) + ")";

    /// <summary>The words by which a document says its variables are continuous (so that H may be a differential entropy) or discrete.</summary>
    public static VariableKinds KindsIn(string text)
    {
        var kinds = VariableKinds.None;
        if (text.IndexOf("discrete", StringComparison.OrdinalIgnoreCase) >= 0) kinds |= VariableKinds.Discrete;
        if (text.IndexOf("continuous", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("differential entropy", StringComparison.OrdinalIgnoreCase) >= 0
            || text.IndexOf("differential joint entropy", StringComparison.OrdinalIgnoreCase) >= 0)
            kinds |= VariableKinds.Continuous;
        return kinds;
    }

    /// <summary>A joint law of k random variables, which knows the joint entropy (in nats) of any subset of them.</summary>
    private abstract class JointLaw
    {
        public abstract double Entropy(int[] subset);

        public abstract string Describe(IReadOnlyList<string> names);

        protected static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
    }

    /// <summary>A random table over {0 … r_i − 1} for each variable.</summary>
    private sealed class DiscreteLaw : JointLaw
    {
        private readonly int[] _states;
        private readonly double[] _p;

        private DiscreteLaw(int[] states, double[] p) { _states = states; _p = p; }

        public static DiscreteLaw Random(int k, int scheme, Random random)
        {
            var states = new int[k];
            var common = 2 + random.Next(3);
            for (var i = 0; i < k; i++) states[i] = scheme % 5 == 4 ? common : 2 + random.Next(3);
            var cells = states.Aggregate(1, (a, b) => a * b);
            var p = new double[cells];
            var marginals = states.Select(r => Enumerable.Range(0, r).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray()).ToArray();
            var maps = states.Select((r, i) => Enumerable.Range(0, 8).Select(_ => random.Next(r)).ToArray()).ToArray();
            const double Noise = 0.03;
            for (var c = 0; c < cells; c++)
            {
                var values = Decode(c, states);
                p[c] = (scheme % 5) switch
                {
                    0 => -Math.Log(1 - random.NextDouble()),
                    1 => Math.Pow(random.NextDouble(), 6),
                    // Independent variables: a product of marginals.
                    2 => Enumerable.Range(0, k).Aggregate(1.0, (a, i) => a * marginals[i][values[i]]),
                    // Each variable a noisy function of the one before.
                    3 => Enumerable.Range(1, k - 1).Aggregate(marginals[0][values[0]], (a, i) => a * (values[i] == maps[i][values[i - 1]] ? 1 - Noise : Noise / states[i])),
                    // Near copies of the first.
                    _ => Enumerable.Range(1, k - 1).Aggregate(marginals[0][values[0]], (a, i) => a * (values[i] == values[0] ? 1 - Noise : Noise / states[i])),
                };
            }
            var total = p.Sum();
            for (var c = 0; c < cells; c++) p[c] /= total;
            return new DiscreteLaw(states, p);
        }

        private static int[] Decode(int cell, int[] states)
        {
            var values = new int[states.Length];
            for (var i = states.Length - 1; i >= 0; i--)
            {
                values[i] = cell % states[i];
                cell /= states[i];
            }
            return values;
        }

        public override double Entropy(int[] subset)
        {
            if (subset.Length == 0) return 0;
            var marginal = new Dictionary<long, double>();
            for (var c = 0; c < _p.Length; c++)
            {
                var values = Decode(c, _states);
                long key = 0;
                foreach (var i in subset) key = key * 8 + values[i];
                marginal[key] = marginal.TryGetValue(key, out var m) ? m + _p[c] : _p[c];
            }
            return -marginal.Values.Where(v => v > 0).Sum(v => v * Math.Log(v));
        }

        public override string Describe(IReadOnlyList<string> names) =>
            "the joint table over " + string.Join(" × ", _states.Select((r, i) => names[i] + " ∈ {0…" + (r - 1).ToString(CultureInfo.InvariantCulture) + "}"))
            + " (" + string.Join(", ", _p.Select(F)) + ")";
    }

    /// <summary>A Gaussian vector N(0, Σ): differential entropies ½ log((2πe)^k det Σ_S).</summary>
    private sealed class GaussianLaw : JointLaw
    {
        private readonly double[,] _s;

        private GaussianLaw(double[,] s) => _s = s;

        public static GaussianLaw Random(int k, int scheme, Random random)
        {
            var a = new double[k, k];
            for (var i = 0; i < k; i++)
                for (var j = 0; j < k; j++)
                    a[i, j] = (scheme % 3) switch
                    {
                        // Independent coordinates.
                        1 => i == j ? Normal(random) : 0,
                        // Near copies: every row close to the first.
                        2 => j == 0 ? 1 : 0.1 * Normal(random),
                        _ => Normal(random),
                    };
            var scales = Enumerable.Range(0, k).Select(_ => Math.Exp(-3 + 4.5 * random.NextDouble())).ToArray();
            var s = new double[k, k];
            for (var i = 0; i < k; i++)
                for (var j = 0; j < k; j++)
                {
                    double sum = i == j ? 0.01 : 0;
                    for (var l = 0; l < k; l++) sum += a[i, l] * a[j, l];
                    s[i, j] = scales[i] * scales[j] * sum;
                }
            return new GaussianLaw(s);
        }

        private static double Normal(Random random) =>
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        public override double Entropy(int[] subset)
        {
            if (subset.Length == 0) return 0;
            // log det by Cholesky of the sub-covariance (positive definite by construction).
            var n = subset.Length;
            var l = new double[n, n];
            double logDet = 0;
            for (var i = 0; i < n; i++)
                for (var j = 0; j <= i; j++)
                {
                    var sum = _s[subset[i], subset[j]];
                    for (var m = 0; m < j; m++) sum -= l[i, m] * l[j, m];
                    if (i == j)
                    {
                        if (sum <= 0) return double.NaN;
                        l[i, i] = Math.Sqrt(sum);
                        logDet += 2 * Math.Log(l[i, i]);
                    }
                    else l[i, j] = sum / l[j, j];
                }
            return 0.5 * (n * Math.Log(2 * Math.PI * Math.E) + logDet);
        }

        public override string Describe(IReadOnlyList<string> names)
        {
            var k = _s.GetLength(0);
            var rows = Enumerable.Range(0, k).Select(i => "(" + string.Join(", ", Enumerable.Range(0, k).Select(j => F(_s[i, j]))) + ")");
            return k == 1 ? names[0] + " ~ N(0, " + F(_s[0, 0]) + ")"
                : "(" + string.Join(", ", names) + ") ~ N(0, Σ), Σ = (" + string.Join(", ", rows) + ")";
        }
    }
}
