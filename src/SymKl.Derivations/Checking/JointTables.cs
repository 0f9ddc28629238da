using System.Globalization;
using System.Text.RegularExpressions;
using SymKl.Latex.Binding;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// A step about named random variables written with subscripted densities — p_{X,Y}(x, y), p_X(x), p_Y(y): a joint and
/// its marginals — and information measures (H(X), H(X, Y), I(X; Y)), with every value summed (Σ_x) or averaged (E_x):
/// decided in random joint tables of discrete variables, each marginal derived from the one table. An average written
/// E_x E_y {…} around a density is read every way a reader may take it (the sum over values that the density inside
/// suggests, expectations under the marginals, under the joint): confirmed when one reading holds in every table,
/// refuted only when every reading fails in one table.
/// </summary>
internal static class JointTables
{
    private const int Models = 15;
    private const int MaxVariables = 3;
    private const double AgreeTolerance = 1e-9;
    private const double RefuteTolerance = 1e-6;

    /// <summary>p_X, p_{X,Y}, P_{XY}, f_{X, Y}: the density of the named random variables (capital letters).</summary>
    private static readonly Regex DensityName = new(@"^(?:p|P|f)_\{?(?<vars>[A-Z](?:\s*,\s*[A-Z])*|[A-Z]{2,3})\}?$", RegexOptions.CultureInvariant);

    private enum Reading { Sum, Marginals, Joint }

    private sealed class NotTabular : Exception;

    /// <summary>The random variables of the step and the value variable that stands for each; null when the step is not of this kind.</summary>
    private sealed record Setting(List<string> Variables, Dictionary<string, int> Values, bool Averaged, bool DensityAveraged, bool SumConfirms);

    /// <summary>
    /// The verdict on lhs R rhs (an equality or a non-strict inequality); null when the step is not about subscripted
    /// densities of discrete variables summed or averaged over all their values. <paramref name="refusal"/> non-null: a
    /// failure is reported as unsupported, saying why.
    /// </summary>
    public static Verdict? Decide(Expr lhs, Relation relation, Expr rhs, VariableKinds kinds, double unitsPerNat, string? refusal, int seed)
    {
        if (relation is not (Relation.Equal or Relation.GreaterOrEqual or Relation.LessOrEqual)) return null;
        if (kinds == VariableKinds.Continuous) return null;
        if (Read(lhs, rhs) is not { } setting) return null;
        var readings = !setting.Averaged ? [Reading.Sum]
            : setting.DensityAveraged ? new[] { Reading.Sum, Reading.Marginals, Reading.Joint }
            : [Reading.Marginals, Reading.Joint];
        var random = new Random(seed ^ 0x7AB1E);
        var holds = readings.ToDictionary(r => r, _ => true);
        var checkedTables = 0;
        (Table Table, double L, double R)? failure = null;
        var unclear = false;
        for (var m = 0; m < Models; m++)
        {
            var table = Table.Random(setting.Variables.Count, m, random);
            var margins = new Dictionary<Reading, double>();
            double firstL = double.NaN, firstR = double.NaN;
            try
            {
                foreach (var reading in readings)
                {
                    var evaluator = new Evaluator(table, setting, reading, unitsPerNat);
                    var l = evaluator.Value(lhs, []);
                    var r = evaluator.Value(rhs, []);
                    if (double.IsNaN(l) || double.IsInfinity(l) || double.IsNaN(r) || double.IsInfinity(r)) throw new NotTabular();
                    if (reading == readings[0]) (firstL, firstR) = (l, r);
                    var scale = 1 + Math.Abs(l) + Math.Abs(r);
                    margins[reading] = (relation switch { Relation.GreaterOrEqual => l - r, Relation.LessOrEqual => r - l, _ => -Math.Abs(l - r) }) / scale;
                }
            }
            catch (NotTabular)
            {
                if (m == 0) return null;
                continue;
            }
            checkedTables++;
            foreach (var reading in readings) holds[reading] &= margins[reading] >= -AgreeTolerance;
            if (margins.Values.All(v => v < -RefuteTolerance)) failure ??= (table, firstL, firstR);
            else if (margins.Values.Any(v => v < -AgreeTolerance && v >= -RefuteTolerance)) unclear = true;
        }
        if (checkedTables < Models) return null;
        var what = string.Join(", ", setting.Variables);
        var tables = " in " + checkedTables.ToString(CultureInfo.InvariantCulture) + " random joint tables of discrete " + what
            + " (2 to 4 values each: dense, skewed, independent, near functions of one another; every marginal taken from the one table)";
        // \mathbb{E}_x[p_X(x) …] as a sum over values only spares a refutation: an expectation of a density is another quantity.
        if (holds.FirstOrDefault(h => h.Value && (h.Key != Reading.Sum || setting.SumConfirms || !setting.Averaged)) is { Value: true } held)
        {
            var how = readings.Length == 1 ? "" : held.Key switch
            {
                Reading.Sum => ", reading E over the variables around a density as the sum over their values (the density written inside makes the average a sum)",
                Reading.Marginals => ", reading each E as the expectation under its variable's own law",
                _ => ", reading E as the expectation under the joint law of the variables",
            };
            return new Verdict(VerdictKind.Confirmed, "it holds" + tables + how + " (not proved symbolically)", null, null, checkedTables);
        }
        if (failure is { } f && !unclear)
        {
            var every = readings.Length == 1 ? "" : " under every reading of its averages (the sum over values, expectations under the marginals, under the joint)";
            var fails = "it fails" + every + " for discrete " + what + ": " + f.Table.Describe(setting.Variables);
            if (refusal is not null) return Undecided(fails + ", but " + refusal);
            return new Verdict(VerdictKind.Refuted, fails, null, new Counterexample(f.Table.Cells(setting.Variables), f.L, f.R), checkedTables);
        }
        if (holds[readings[0]] && readings[0] == Reading.Sum && readings.Length > 1)
            return Undecided("it holds" + tables + " only when its expectation of a density is read as a sum over values; as an expectation under the variables' laws it fails, and SymKl does not decide which the text means");
        return Undecided("it fails in some random joint tables of discrete " + what + " under each reading of its averages, but under no reading in every table"
            + (unclear ? " (or by a margin within rounding)" : "") + "; SymKl does not decide which reading the text means");
    }

    private static Verdict Undecided(string reason) => new(VerdictKind.Unsupported, reason, null, null, 0);

    /// <summary>The subscripted densities of the two sides, their value variables, and that every value is summed or averaged over.</summary>
    private static Setting? Read(Expr lhs, Expr rhs)
    {
        var variables = new List<string>();
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        var densities = 0;
        var ok = true;
        foreach (var side in new[] { lhs, rhs })
            foreach (var node in Nodes(side))
            {
                if (node is Apply apply)
                {
                    if (DensityVariables(apply.Name) is not { } names || names.Count != apply.Args.Count) { ok = false; continue; }
                    densities++;
                    for (var i = 0; i < names.Count; i++)
                    {
                        if (apply.Args[i] is not Sym value || value.Name.Length == 0 || char.IsUpper(value.Name[0])) { ok = false; continue; }
                        var index = VariableIndex(variables, names[i]);
                        if (values.TryGetValue(value.Name, out var known) && known != index) ok = false;
                        values[value.Name] = index;
                    }
                }
                else if (node is Sym s && OpaqueTerms.Find(s) is { Kind: OpaqueKind.JointEntropy, Body: Apply { Name: "H" } body })
                {
                    foreach (var a in body.Args)
                        if (a is Sym v) VariableIndex(variables, v.Name);
                        else ok = false;
                }
                else if (EntropyOf(node) is { } named) VariableIndex(variables, named);
                else if (node is Sym o && OpaqueTerms.Find(o) is not null && OpaqueTerms.Find(o) is not { Kind: OpaqueKind.Expectation }) ok = false;
                else if (node is Integral or Expectation or IndexedProduct or Functional) ok = false;
            }
        if (!ok || densities == 0 || variables.Count > MaxVariables || variables.Any(v => values.ContainsKey(v))) return null;
        var averaged = false;
        var densityAveraged = false;
        var summed = false;
        var sumConfirms = false;
        foreach (var side in new[] { lhs, rhs })
            foreach (var node in Nodes(side))
            {
                if (node is Summation { Lower: null, Upper: null } sum && values.ContainsKey(sum.Variable.Name)) summed = true;
                else if (node is Summation) return null;
                if (node is Mul mul && AveragedOver(mul.Factors, values) is { Count: > 0 })
                {
                    averaged = true;
                    // E_x E_y {p_{X,Y}(x, y) …} written as plain letters before the density: the sum over values the text means.
                    var density = mul.Factors.Any(f => Traversal.Any(f, x => x is Apply));
                    densityAveraged |= density;
                    sumConfirms |= density;
                }
                if (node is Sym e && OpaqueTerms.Find(e) is { Kind: OpaqueKind.Expectation } term)
                {
                    if (ExpectationScope(term, values) is null) return null;
                    averaged = true;
                    densityAveraged |= Traversal.Any(term.Body, x => x is Apply);
                }
            }
        // A value variable left free makes the step a statement about each value: not this check's kind.
        if (!summed && !averaged) return null;
        // The variables in alphabetical order, so that a table reads X before Y.
        var sorted = variables.OrderBy(v => v, StringComparer.Ordinal).ToList();
        values = values.ToDictionary(kv => kv.Key, kv => sorted.IndexOf(variables[kv.Value]), StringComparer.Ordinal);
        variables = sorted;
        return new Setting(variables, values, averaged, densityAveraged, sumConfirms);
    }

    /// <summary>Every node, the bodies of opaque expectations included.</summary>
    private static IEnumerable<Expr> Nodes(Expr e)
    {
        var stack = new Stack<Expr>();
        stack.Push(e);
        for (var seen = 0; stack.Count > 0 && seen < 100_000; seen++)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in node.Children) stack.Push(child);
            if (node is Sym s && OpaqueTerms.Find(s) is { Kind: OpaqueKind.Expectation } term) stack.Push(term.Body);
        }
    }

    /// <summary>H(X) of one random variable, read as the entropy functional of a law named X: the variable's name.</summary>
    private static string? EntropyOf(Expr e) =>
        e is Functional { Which: FunctionalKind.Entropy, Args: [Sym v] } && v.Name.Length > 0 && char.IsUpper(v.Name[0]) && !v.Name.Contains('_') ? v.Name : null;

    private static int VariableIndex(List<string> variables, string name)
    {
        var i = variables.IndexOf(name);
        if (i >= 0) return i;
        variables.Add(name);
        return variables.Count - 1;
    }

    /// <summary>The random variables a density name is subscripted with (X, Y for p_X,Y or p_XY); null for another name.</summary>
    private static IReadOnlyList<string>? DensityVariables(string name)
    {
        var m = DensityName.Match(name);
        if (!m.Success) return null;
        var vars = m.Groups["vars"].Value;
        return vars.Contains(',') ? vars.Split(',').Select(v => v.Trim()).ToList() : vars.Select(c => c.ToString()).ToList();
    }

    /// <summary>The value variables of the factors E_x (a symbol E subscripted with a value variable) of a product.</summary>
    private static List<string> AveragedOver(IReadOnlyList<Expr> factors, Dictionary<string, int> values) =>
        factors.OfType<Sym>().Where(s => AverageSymbol(s, values) is not null).Select(s => AverageSymbol(s, values)!).ToList();

    private static string? AverageSymbol(Sym s, Dictionary<string, int> values)
    {
        if (OpaqueTerms.Find(s) is not null || s.BaseName != "E" || s.Name.Length < 3) return null;
        var sub = s.Name.Substring(2).Trim('{', '}');
        return values.ContainsKey(sub) ? sub : null;
    }

    private static List<string>? ExpectationScope(OpaqueTerm term, Dictionary<string, int> values)
    {
        var names = term.Scope.Split(',').Select(v => v.Trim().Trim('{', '}')).ToList();
        return names.Count > 0 && names.All(values.ContainsKey) ? names : null;
    }

    /// <summary>Both sides' values in one table under one reading of the averages.</summary>
    private sealed class Evaluator(Table table, Setting setting, Reading reading, double unitsPerNat)
    {
        private int _budget = 200_000;

        public double Value(Expr e, Dictionary<string, int> at)
        {
            if (--_budget < 0) throw new NotTabular();
            switch (e)
            {
                case Num n: return n.Value.ToDouble();
                case Constant c: return c.Value;
                case Sym s:
                    if (at.TryGetValue(s.Name, out var v)) return v;
                    if (OpaqueTerms.Find(s) is { Kind: OpaqueKind.JointEntropy, Body: Apply body })
                        return unitsPerNat * table.Entropy(body.Args.Select(a => setting.Variables.IndexOf(((Sym)a).Name)).ToArray());
                    if (OpaqueTerms.Find(s) is { Kind: OpaqueKind.Expectation } term && ExpectationScope(term, setting.Values) is { } scope)
                        return Average(scope, term.Body, at);
                    throw new NotTabular();
                case Functional when EntropyOf(e) is { } named: return unitsPerNat * table.Entropy([setting.Variables.IndexOf(named)]);
                case Add a: return a.Terms.Sum(t => Value(t, at));
                case Mul m:
                    {
                        var over = AveragedOver(m.Factors, setting.Values);
                        if (over.Count == 0) return m.Factors.Aggregate(1.0, (p, f) => p * Value(f, at));
                        var rest = Ex.Mul(m.Factors.Where(f => f is not Sym s || AverageSymbol(s, setting.Values) is null).ToArray());
                        return Average(over, rest, at);
                    }
                case Pow p: return Math.Pow(Value(p.Base, at), Value(p.Exponent, at));
                case Fn { Function: FunctionKind.Log } f: return Math.Log(Value(f.Arg, at));
                case Fn { Function: FunctionKind.Abs } f: return Math.Abs(Value(f.Arg, at));
                case Summation { Lower: null, Upper: null } sum when setting.Values.TryGetValue(sum.Variable.Name, out var index):
                    {
                        double total = 0;
                        for (var k = 0; k < table.States[index]; k++) total += Value(sum.Body, With(at, sum.Variable.Name, k));
                        return total;
                    }
                case Apply apply:
                    {
                        var names = DensityVariables(apply.Name)!;
                        var subset = names.Select(n => setting.Variables.IndexOf(n)).ToArray();
                        var cell = apply.Args.Select(a => (int)Value(a, at)).ToArray();
                        return table.Marginal(subset, cell);
                    }
                default: throw new NotTabular();
            }
        }

        /// <summary>The average of body over the value variables, as this evaluator's reading takes it.</summary>
        private double Average(List<string> over, Expr body, Dictionary<string, int> at)
        {
            var subset = over.Select(n => setting.Values[n]).ToArray();
            if (subset.Distinct().Count() != subset.Length) throw new NotTabular();
            double total = 0;
            foreach (var cell in Cells(subset))
            {
                var inner = at;
                for (var i = 0; i < over.Count; i++) inner = With(inner, over[i], cell[i]);
                var weight = reading switch
                {
                    Reading.Sum => 1.0,
                    Reading.Marginals => subset.Select((v, i) => table.Marginal([v], [cell[i]])).Aggregate(1.0, (a, b) => a * b),
                    _ => table.Marginal(subset, cell),
                };
                total += weight * Value(body, inner);
            }
            return total;
        }

        private IEnumerable<int[]> Cells(int[] subset)
        {
            var cell = new int[subset.Length];
            while (true)
            {
                yield return (int[])cell.Clone();
                var i = subset.Length - 1;
                while (i >= 0 && ++cell[i] == table.States[subset[i]]) cell[i--] = 0;
                if (i < 0) yield break;
            }
        }

        private static Dictionary<string, int> With(Dictionary<string, int> at, string name, int value) =>
            new(at, StringComparer.Ordinal) { [name] = value };
    }

    /// <summary>A joint probability table of discrete variables, every cell positive.</summary>
    private sealed class Table
    {
        private readonly double[] _p;

        private Table(int[] states, double[] p) { States = states; _p = p; }

        public int[] States { get; }

        /// <summary>Scheme by model index: dense, skewed, independent (a product of marginals), near functions of one another.</summary>
        public static Table Random(int k, int scheme, Random random)
        {
            var states = Enumerable.Range(0, k).Select(_ => 2 + random.Next(3)).ToArray();
            var cells = states.Aggregate(1, (a, b) => a * b);
            var marginals = states.Select(r => Enumerable.Range(0, r).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray()).ToArray();
            var p = new double[cells];
            for (var c = 0; c < cells; c++)
            {
                var values = JointCells.Decode(c, states);
                p[c] = (scheme % 4) switch
                {
                    1 => 1e-3 + Math.Pow(random.NextDouble(), 6),
                    2 => Enumerable.Range(0, k).Aggregate(1.0, (a, i) => a * marginals[i][values[i]]),
                    3 => (values.All(v => v % 2 == values[0] % 2) ? 1 : 0.02) * (0.5 + random.NextDouble()),
                    _ => -Math.Log(1 - random.NextDouble()) + 1e-6,
                };
            }
            var total = p.Sum();
            return new Table(states, p.Select(x => x / total).ToArray());
        }

        /// <summary>P(variables in subset take the values cell); 0 for a value outside a variable's range.</summary>
        public double Marginal(int[] subset, int[] cell)
        {
            for (var i = 0; i < subset.Length; i++) if (subset[i] < 0 || cell[i] < 0 || cell[i] >= States[subset[i]]) throw new NotTabular();
            double total = 0;
            for (var c = 0; c < _p.Length; c++)
            {
                var values = JointCells.Decode(c, States);
                var match = true;
                for (var i = 0; i < subset.Length && match; i++) match = values[subset[i]] == cell[i];
                if (match) total += _p[c];
            }
            return total;
        }

        /// <summary>The joint entropy in nats of the variables in subset.</summary>
        public double Entropy(int[] subset)
        {
            if (subset.Any(i => i < 0)) throw new NotTabular();
            return JointCells.Entropy(_p, States, subset);
        }

        public string Describe(IReadOnlyList<string> names) =>
            "the joint table over " + string.Join(" × ", States.Select((r, i) => names[i] + " ∈ {0…" + (r - 1).ToString(CultureInfo.InvariantCulture) + "}"))
            + " with probabilities (" + string.Join(", ", _p.Select(F)) + ") in that order, the last variable fastest";

        public IReadOnlyList<KeyValuePair<string, double>> Cells(IReadOnlyList<string> names) =>
            _p.Select((x, c) => new KeyValuePair<string, double>("P(" + string.Join(", ", JointCells.Decode(c, States).Select((v, i) => names[i] + " = " + v.ToString(CultureInfo.InvariantCulture))) + ")", x)).ToList();

        private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
    }
}
