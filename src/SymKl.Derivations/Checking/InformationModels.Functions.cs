using System.Globalization;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>A random variable the text writes as a function of others, f(X, Y): its name as written, the function, its arguments.</summary>
internal sealed record DerivedVariable(string Name, string Function, IReadOnlyList<string> Arguments)
{
    /// <summary>The variable an argument of a joint entropy stands for when it is f(X, …) of variables; null otherwise.</summary>
    public static DerivedVariable? Read(Expr argument)
    {
        if (argument is not Apply { Args.Count: > 0 } apply || apply.Args.Any(a => a is not Sym)) return null;
        var arguments = apply.Args.Select(a => ((Sym)a).Name).ToList();
        return new DerivedVariable(apply.Name + "(" + string.Join(", ", arguments) + ")", apply.Name, arguments);
    }
}

/// <summary>
/// Information measures of functions of random variables, H(f(X)) ≤ H(X), H(X, f(X)) = H(X), I(X; f(X)) = H(f(X)):
/// decided in random joint tables of the variables the functions are of, each function a random map of their values —
/// one-to-one (a relabelling) in some laws, merging values in others — so that what holds for every function holds in
/// each law, and what holds only for one-to-one functions fails in a merging one. Of discrete variables only: a function
/// of a continuous variable may have no density, and its differential entropy is not that of a relabelling.
/// </summary>
internal static partial class InformationModels
{
    /// <summary>Laws tried: more than for plain variables, as the maps vary too.</summary>
    private const int FunctionModels = 30;

    private static bool HasDerived(IReadOnlyList<Term> terms) => terms.Any(t => t.Derived.Count > 0);

    /// <summary>
    /// lhs R rhs (R an equality or an inequality) when some of its variables are functions of others; null when the step
    /// has none. <paramref name="refusal"/> non-null: a failure is reported as unsupported, saying why.
    /// </summary>
    public static Verdict? DecideWithFunctions(Expr lhs, Relation relation, Expr rhs, IReadOnlyList<Term> terms, VariableKinds kinds, double unitsPerNat, string? refusal, int seed)
    {
        if (!HasDerived(terms) || relation is not (Relation.Equal or Relation.Greater or Relation.GreaterOrEqual or Relation.Less or Relation.LessOrEqual)) return null;
        if (terms.Any(t => t.Differential)) return Undecided("it writes the differential entropy of a function of random variables, which SymKl does not model");
        if (kinds == VariableKinds.Continuous)
            return Undecided("it writes the entropy of a function of random variables, which SymKl models for discrete variables only, and the document's are continuous");
        var derived = terms.SelectMany(t => t.Derived).GroupBy(d => d.Name, StringComparer.Ordinal).Select(g => g.First()).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        var plain = terms.SelectMany(t => t.Variables).Where(v => derived.All(d => d.Name != v))
            .Concat(derived.SelectMany(d => d.Arguments)).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToList();
        var names = plain.Concat(derived.Select(d => d.Name)).ToList();
        var random = new Random(seed ^ 0x3F7C);
        var checkedLaws = 0;
        var unclear = false;
        for (var m = 0; m < FunctionModels; m++)
        {
            var law = FunctionLaw.Random(plain, derived, m, random);
            var values = new Dictionary<Sym, double>();
            foreach (var t in terms) values[t.Symbol] = unitsPerNat * law.Entropy(t.Variables.Select(v => names.IndexOf(v)).ToArray());
            var evaluator = new NumericEvaluator(s => values.TryGetValue(s, out var x) ? x : double.NaN);
            var l = evaluator.Evaluate(lhs);
            var r = evaluator.Evaluate(rhs);
            if (!l.IsDefined || !r.IsDefined || double.IsNaN(l.Value) || double.IsInfinity(l.Value) || double.IsNaN(r.Value) || double.IsInfinity(r.Value)) continue;
            checkedLaws++;
            var margin = relation switch
            {
                Relation.Greater or Relation.GreaterOrEqual => l.Value - r.Value,
                Relation.Less or Relation.LessOrEqual => r.Value - l.Value,
                _ => -Math.Abs(l.Value - r.Value),
            };
            var scale = 1 + Math.Abs(l.Value) + Math.Abs(r.Value);
            if (margin >= -AgreeTolerance * scale) continue;
            if (margin > -RefuteTolerance * scale) { unclear = true; continue; }
            var fails = "it fails for discrete " + string.Join(", ", plain) + " and " + string.Join(", ", derived.Select(d => d.Name)) + ": " + law.Describe(names);
            if (refusal is not null) return Undecided(fails + ", but " + refusal);
            var shown = terms.Select(t => new KeyValuePair<string, double>(Describe(t), values[t.Symbol])).ToList();
            return new Verdict(VerdictKind.Refuted, fails, null, new Counterexample(shown, l.Value, r.Value), checkedLaws);
        }
        if (unclear) return Undecided("the two sides come within rounding of each other in a random joint law of " + string.Join(", ", names) + "; SymKl cannot tell whether the step holds there");
        if (checkedLaws < FunctionModels) return null;
        var how = "in " + checkedLaws.ToString(CultureInfo.InvariantCulture) + " random joint laws of discrete " + string.Join(", ", plain)
            + " (random tables with 2 to 4 values each) with " + string.Join(", ", derived.Select(d => d.Name)) + " random maps of their values (one-to-one in some laws, merging values in others)"
            + (kinds == VariableKinds.None ? "; H read as the entropy of discrete variables, the document not saying which kind they are" : "");
        if (relation is Relation.Greater or Relation.Less)
            return Undecided("the inequality holds " + how + ", but a strict inequality between information measures may become an equality (a one-to-one function, a constant variable)");
        return new Verdict(VerdictKind.Confirmed, "it holds " + how + " (not proved symbolically)", null, null, checkedLaws);
    }

    /// <summary>A random table over the plain variables, and each derived variable a map of the values of its arguments.</summary>
    private sealed class FunctionLaw : JointLaw
    {
        private readonly DiscreteLaw _base;
        private readonly int[][] _arguments;
        private readonly int[][] _maps;
        private readonly IReadOnlyList<DerivedVariable> _derived;

        private FunctionLaw(DiscreteLaw @base, int[][] arguments, int[][] maps, IReadOnlyList<DerivedVariable> derived)
        {
            _base = @base;
            _arguments = arguments;
            _maps = maps;
            _derived = derived;
        }

        /// <summary>
        /// Scheme m % 3 for the maps: a random map onto up to 4 values (which may merge some), a one-to-one relabelling of
        /// the arguments' values, a map onto two values (merging for sure when the arguments take more).
        /// </summary>
        public static FunctionLaw Random(IReadOnlyList<string> plain, IReadOnlyList<DerivedVariable> derived, int m, Random random)
        {
            var @base = DiscreteLaw.Random(plain.Count, m, random);
            var arguments = derived.Select(d => d.Arguments.Select(a => IndexOfName(plain, a)).ToArray()).ToArray();
            var maps = new int[derived.Count][];
            var outcomes = new int[derived.Count];
            for (var d = 0; d < derived.Count; d++)
            {
                var inputs = arguments[d].Aggregate(1, (a, i) => a * @base.States[i]);
                switch (m % 3)
                {
                    case 0:
                        outcomes[d] = 2 + random.Next(3);
                        maps[d] = Enumerable.Range(0, inputs).Select(_ => random.Next(outcomes[d])).ToArray();
                        break;
                    case 1:
                        outcomes[d] = inputs;
                        maps[d] = Enumerable.Range(0, inputs).OrderBy(_ => random.Next()).ToArray();
                        break;
                    default:
                        outcomes[d] = 2;
                        // Both values taken, the rest at random: a variable, not a constant.
                        maps[d] = Enumerable.Range(0, inputs).Select(i => i < 2 ? i : random.Next(2)).OrderBy(_ => random.Next()).ToArray();
                        break;
                }
            }
            return new FunctionLaw(@base, arguments, maps, derived);
        }

        private static int IndexOfName(IReadOnlyList<string> names, string name)
        {
            for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
            throw new ArgumentException("not a variable of the law: " + name, nameof(name));
        }

        /// <summary>The value of derived variable d in the cell whose plain values are given.</summary>
        private int Value(int d, int[] values)
        {
            var code = 0;
            foreach (var i in _arguments[d]) code = code * _base.States[i] + values[i];
            return _maps[d][code];
        }

        public override double Entropy(int[] subset)
        {
            if (subset.Length == 0) return 0;
            var plain = _base.States.Count;
            var states = _base.States.ToArray();
            var marginal = new Dictionary<long, double>();
            for (var c = 0; c < _base.Probabilities.Count; c++)
            {
                var values = JointCells.Decode(c, states);
                long key = 0;
                foreach (var i in subset) key = key * 128 + (i < plain ? values[i] : Value(i - plain, values));
                marginal[key] = marginal.TryGetValue(key, out var q) ? q + _base.Probabilities[c] : _base.Probabilities[c];
            }
            return -marginal.Values.Where(v => v > 0).Sum(v => v * Math.Log(v));
        }

        public override string Describe(IReadOnlyList<string> names)
        {
            var plain = names.Take(_base.States.Count).ToList();
            var maps = _derived.Select((d, i) => d.Function + " maps " + string.Join(" × ", d.Arguments.Select(a => a + " ∈ {0…" + (_base.States[IndexOfName(plain, a)] - 1).ToString(CultureInfo.InvariantCulture) + "}"))
                + " (in that order, the last fastest) to (" + string.Join(", ", _maps[i].Select(v => v.ToString(CultureInfo.InvariantCulture))) + ")");
            return _base.Describe(plain) + "; " + string.Join("; ", maps);
        }
    }
}
