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

/// <summary>How a text relates its random variables: independent, or the first a copy or function of the second.</summary>
internal enum ConditionKind { Independent, Copy, Invertible, Function }

/// <summary>A condition on random variables the text states ("if X and Y are independent", "X = Y", "X is a function of Y"), with the words that state it.</summary>
internal sealed record VariableCondition(ConditionKind Kind, IReadOnlyList<string> Variables, string Cue)
{
    public string Describe() => Kind switch
    {
        ConditionKind.Independent => string.Join(", ", Variables) + " are independent",
        ConditionKind.Copy => Variables[0] + " = " + Variables[1],
        ConditionKind.Invertible => Variables[0] + " is an invertible function of " + Variables[1],
        _ => Variables[0] + " is a function of " + Variables[1],
    };
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
internal static partial class InformationModels
{
    private const int MaxVariables = 4;
    private const int ModelsPerKind = 15;
    private const double AgreeTolerance = 1e-9;
    private const double RefuteTolerance = 1e-6;

    /// <summary>One joint entropy of the step: its symbol, whether it is differential (h), and its variables.</summary>
    /// <param name="Derived">Those of its variables that are functions of others (f(X, Y)), by their names.</param>
    internal sealed record Term(Sym Symbol, bool Differential, IReadOnlyList<string> Variables, IReadOnlyList<DerivedVariable> Derived);

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
                var derived = body.Args.Select(DerivedVariable.Read).Where(d => d is not null).Select(d => d!).ToList();
                var variables = body.Args.Select(a => a is Sym s ? s.Name : DerivedVariable.Read(a)?.Name).ToList();
                if (variables.Any(v => v is null)) return null;
                terms.Add(new Term(symbol, body.Name == "h", variables!, derived));
            }
        }
        if (terms.Count == 0 || terms.Select(t => t.Differential).Distinct().Count() > 1 || !Homogeneous(Ex.Sub(lhs, rhs))) return null;
        // A function of variables counts with the variables it is of: they are in its model too.
        var all = terms.SelectMany(t => t.Variables.Concat(t.Derived.SelectMany(d => d.Arguments))).Distinct(StringComparer.Ordinal).Count();
        return all <= MaxVariables ? terms : null;
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
        if (HasDerived(terms)) return DecideWithFunctions(lhs, relation, rhs, terms, kinds, unitsPerNat, refusal, seed);
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

    /// <summary>
    /// The verdict on lhs R rhs (R an equality or a non-strict inequality) in random joint laws that respect a condition the
    /// text states on the variables: independent variables, one a copy of another (X = Y), or one a (possibly invertible)
    /// function of another. A step that holds in every such law is confirmed; one that fails is left unsupported with the
    /// law (the condition may have been read incompletely). With <paramref name="onlyIf"/> ("if and only if"), the step must
    /// also fail in each random law without the condition. Deterministic relations are of discrete variables only: a
    /// continuous pair with one a function of the other has no finite joint differential entropy.
    /// </summary>
    public static Verdict? DecideUnder(Expr lhs, Relation relation, Expr rhs, IReadOnlyList<Term> terms, VariableKinds kinds, double unitsPerNat, VariableCondition condition, bool onlyIf, int seed)
    {
        if (relation is not (Relation.Equal or Relation.GreaterOrEqual or Relation.LessOrEqual) || HasDerived(terms)) return null;
        var variables = terms.SelectMany(t => t.Variables).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToList();
        if (condition.Kind == ConditionKind.Independent ? !variables.All(condition.Variables.Contains) || variables.Count < 2 : !condition.Variables.All(variables.Contains)) return null;
        var deterministic = condition.Kind != ConditionKind.Independent;
        var random = new Random(seed ^ 0x1CD7);
        // A step that holds without the condition (a chain rule) is left to the symbolic checks, which prove it.
        if (!onlyIf && Enumerable.Range(0, 3).All(_ => Holds(DiscreteLaw.Random(variables.Count, 0, random)) == true)) return null;
        if (terms[0].Differential) kinds = VariableKinds.Continuous;
        if (deterministic && kinds == VariableKinds.Continuous)
            return Undecided("the text states " + condition.Describe() + ", and a continuous pair so related has no joint density (its joint differential entropy is not finite); SymKl does not decide the step");
        var what = string.Join(", ", variables);
        var checkedLaws = 0;
        var withoutCondition = 0;
        foreach (var kind in new[] { VariableKinds.Discrete, VariableKinds.Continuous })
        {
            if (deterministic && kind == VariableKinds.Continuous) continue;
            if (kinds != VariableKinds.None && !kinds.HasFlag(kind)) continue;
            for (var m = 0; m < ModelsPerKind; m++)
            {
                var law = kind == VariableKinds.Discrete ? (JointLaw)DiscreteLaw.Conditioned(variables, condition, m, random) : GaussianLaw.Independent(variables.Count, random);
                if (Holds(law) is not { } holds) continue;
                checkedLaws++;
                if (!holds) return Undecided("it fails in a random law of " + (kind == VariableKinds.Discrete ? "discrete " : "continuous ") + what + " in which " + condition.Describe()
                    + ": " + law.Describe(variables) + "; not refuted, as SymKl may read the condition the text states ('" + condition.Cue + "') incompletely");
                if (onlyIf && kind == VariableKinds.Discrete)
                {
                    // The converse: without the condition (a dense random table), the step must fail.
                    if (Holds(DiscreteLaw.Random(variables.Count, 0, random)) != false)
                        return Undecided("it holds where " + condition.Describe() + ", but also in a random law without that condition, so the 'only if' the text states does not show in random laws");
                    withoutCondition++;
                }
            }
        }
        if (checkedLaws < ModelsPerKind) return null;
        var laws = (kinds == VariableKinds.Continuous ? "" : "discrete " + what)
            + (!deterministic && (kinds == VariableKinds.None || kinds == (VariableKinds.Discrete | VariableKinds.Continuous)) ? " and " : "")
            + (deterministic || kinds == VariableKinds.Discrete ? "" : "jointly Gaussian " + what + " (differential entropies)");
        var reason = "it holds in " + checkedLaws.ToString(CultureInfo.InvariantCulture) + " random joint laws of " + laws + " in which " + condition.Describe()
            + " (the condition the text states: '" + condition.Cue + "')"
            + (deterministic && kinds != VariableKinds.Discrete ? "; of discrete variables only, as a continuous pair so related has no finite joint entropy" : "")
            + (onlyIf ? "; and it fails in " + withoutCondition.ToString(CultureInfo.InvariantCulture) + " random laws without that condition (the 'only if')" : "")
            + " (not proved symbolically)";
        return new Verdict(VerdictKind.Confirmed, reason, null, null, checkedLaws);

        bool? Holds(JointLaw law)
        {
            var values = new Dictionary<Sym, double>();
            foreach (var t in terms) values[t.Symbol] = unitsPerNat * law.Entropy(t.Variables.Select(v => variables.IndexOf(v)).ToArray());
            var evaluator = new NumericEvaluator(s => values.TryGetValue(s, out var x) ? x : double.NaN);
            var l = evaluator.Evaluate(lhs);
            var r = evaluator.Evaluate(rhs);
            if (!l.IsDefined || !r.IsDefined || double.IsNaN(l.Value) || double.IsInfinity(l.Value) || double.IsNaN(r.Value) || double.IsInfinity(r.Value)) return null;
            var scale = 1 + Math.Abs(l.Value) + Math.Abs(r.Value);
            var margin = relation switch { Relation.GreaterOrEqual => l.Value - r.Value, Relation.LessOrEqual => r.Value - l.Value, _ => -Math.Abs(l.Value - r.Value) };
            return margin >= -AgreeTolerance * scale;
        }
    }

    /// <summary>
    /// H(X) of one discrete variable against a bound in the number k of values X takes (H(X) ≤ log k), where the text
    /// says X has k values: decided in laws on k = 2 … 6 values (random dense and skewed tables, the uniform law, a
    /// near-certain one), k given each value in turn. A bound that holds in all is confirmed; one that fails, in the
    /// uniform law too for a strict bound (H = log k there), is refuted with the law.
    /// </summary>
    public static Verdict? DecideCountBound(Expr lhs, Relation relation, Expr rhs, Sym entropy, string variable, Sym count, double unitsPerNat, int seed)
    {
        if (relation is not (Relation.Greater or Relation.GreaterOrEqual or Relation.Less or Relation.LessOrEqual)) return null;
        var random = new Random(seed ^ 0x6B0D);
        var checkedLaws = 0;
        for (var k = 2; k <= 6; k++)
        {
            for (var scheme = 0; scheme < 4; scheme++)
            {
                var p = Enumerable.Range(0, k).Select(i => scheme switch
                {
                    0 => -Math.Log(1 - random.NextDouble()),
                    1 => Math.Pow(random.NextDouble(), 6) + 1e-4,
                    2 => 1.0,
                    _ => i == 0 ? 1.0 : 1e-3 * (1 + random.NextDouble()),
                }).ToArray();
                var total = p.Sum();
                var probabilities = p.Select(x => x / total).ToArray();
                // The uniform law's entropy is log k exactly: taken so, not summed, so that an equality there is exact.
                var h = scheme == 2 ? Math.Log(k) : -probabilities.Sum(x => x * Math.Log(x));
                var values = new Dictionary<Sym, double> { [entropy] = unitsPerNat * h, [count] = k };
                var evaluator = new NumericEvaluator(s => values.TryGetValue(s, out var x) ? x : double.NaN);
                var l = evaluator.Evaluate(lhs);
                var r = evaluator.Evaluate(rhs);
                if (!l.IsDefined || !r.IsDefined || double.IsNaN(l.Value) || double.IsInfinity(l.Value) || double.IsNaN(r.Value) || double.IsInfinity(r.Value)) return null;
                checkedLaws++;
                var margin = relation is Relation.Greater or Relation.GreaterOrEqual ? l.Value - r.Value : r.Value - l.Value;
                var scale = 1 + Math.Abs(l.Value) + Math.Abs(r.Value);
                var strict = relation is Relation.Greater or Relation.Less;
                var fails = strict ? margin <= AgreeTolerance * scale : margin < -RefuteTolerance * scale;
                if (!fails)
                {
                    if (!strict && margin < -AgreeTolerance * scale) return Undecided("the two sides come within rounding of each other for " + variable + " on " + k + " values; SymKl cannot tell which way the bound goes there");
                    continue;
                }
                // A strict bound met with equality is refuted only at the uniform law, where the equality is exact.
                if (strict && margin > -RefuteTolerance * scale && scheme != 2) continue;
                var law = variable + " on " + k.ToString(CultureInfo.InvariantCulture) + " values with probabilities (" + string.Join(", ", probabilities.Select(x => x.ToString("G4", CultureInfo.InvariantCulture))) + ")"
                    + (scheme == 2 ? ", the uniform law" : "");
                return new Verdict(VerdictKind.Refuted, "the bound fails for " + law + ": H(" + variable + ") = " + (unitsPerNat * h).ToString("G6", CultureInfo.InvariantCulture),
                    null, new Counterexample([new KeyValuePair<string, double>("H(" + variable + ")", unitsPerNat * h), new KeyValuePair<string, double>(count.Name, k)], l.Value, r.Value), checkedLaws);
            }
        }
        return new Verdict(VerdictKind.Confirmed, "the bound holds in " + checkedLaws.ToString(CultureInfo.InvariantCulture) + " laws of " + variable + " on " + count.Name
            + " = 2 … 6 values (random dense and skewed tables, the uniform law, a near-certain one), " + count.Name + " the number of values the text gives (not proved symbolically)", null, null, checkedLaws);
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

        /// <summary>How many values each variable takes.</summary>
        public IReadOnlyList<int> States => _states;

        /// <summary>The probability of each cell (<see cref="JointCells.Decode"/> gives its values).</summary>
        public IReadOnlyList<double> Probabilities => _p;

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
                var values = JointCells.Decode(c, states);
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

        /// <summary>
        /// A random table that respects the condition: a product of random marginals (independent), or a random dense or
        /// skewed table restricted to target = map(source), the map the identity (a copy), a random permutation
        /// (invertible) or a random map (a function, which may merge values).
        /// </summary>
        public static DiscreteLaw Conditioned(IReadOnlyList<string> names, VariableCondition condition, int scheme, Random random)
        {
            var k = names.Count;
            var states = Enumerable.Range(0, k).Select(_ => 2 + random.Next(3)).ToArray();
            int source = -1, target = -1;
            int[] map = [];
            if (condition.Kind != ConditionKind.Independent)
            {
                target = IndexOf(names, condition.Variables[0]);
                source = IndexOf(names, condition.Variables[1]);
                if (condition.Kind != ConditionKind.Function) states[target] = states[source];
                map = Enumerable.Range(0, states[source]).ToArray();
                if (condition.Kind == ConditionKind.Invertible) map = map.OrderBy(_ => random.Next()).ToArray();
                if (condition.Kind == ConditionKind.Function) map = map.Select(_ => random.Next(states[target])).ToArray();
            }
            var cells = states.Aggregate(1, (a, b) => a * b);
            var marginals = states.Select(r => Enumerable.Range(0, r).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray()).ToArray();
            var p = new double[cells];
            for (var c = 0; c < cells; c++)
            {
                var values = JointCells.Decode(c, states);
                if (condition.Kind == ConditionKind.Independent) p[c] = Enumerable.Range(0, k).Aggregate(1.0, (a, i) => a * marginals[i][values[i]]);
                else if (values[target] != map[values[source]]) p[c] = 0;
                else p[c] = scheme % 2 == 0 ? -Math.Log(1 - random.NextDouble()) : 1e-3 + Math.Pow(random.NextDouble(), 6);
            }
            var total = p.Sum();
            for (var c = 0; c < cells; c++) p[c] /= total;
            return new DiscreteLaw(states, p);
        }

        private static int IndexOf(IReadOnlyList<string> names, string name)
        {
            for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
            throw new ArgumentException("not a variable of the law: " + name, nameof(name));
        }

        public override double Entropy(int[] subset)
        {
            if (subset.Length == 0) return 0;
            return JointCells.Entropy(_p, _states, subset);
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

        /// <summary>Independent coordinates of random scales (a diagonal covariance).</summary>
        public static GaussianLaw Independent(int k, Random random)
        {
            var s = new double[k, k];
            for (var i = 0; i < k; i++) s[i, i] = Math.Exp(-6 + 9 * random.NextDouble());
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
