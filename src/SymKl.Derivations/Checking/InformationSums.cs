using System.Globalization;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using Relation = SymKl.Symbolic.Relation;
using SyntaxRelation = SymKl.Latex.Syntax.Relation;
using Expectation = SymKl.Latex.Syntax.Expectation;

namespace SymKl.Derivations.Checking;

/// <summary>
/// A step over discrete named random variables written with one abstract law p of their values — p(x, y), p(x | z),
/// p(x, y | z) — summed over every value (Σ_x, Σ_{x,y}, Σ_{x ∈ 𝒳}) or averaged (𝔼[…], the expectation under the law of
/// the values inside), next to the information measures of the variables (H(X), H(X, Y), H(X | Y), I(X; Y), I(X; Y | Z)):
/// decided in random joint tables of the variables, value x standing for random variable X. Every density, conditional
/// and measure is taken from the one table (p(x | z) = p(x, z) / p(z), H(X | Y) = H(X, Y) − H(Y)), so a chain rule holds in
/// every table and a sign flip or a wrong conditional fails in most. Read from the syntax, where p(x | z) and p(x, z)
/// differ (the binder reads both as one application). Inside an expectation a density may also be written at the variables
/// themselves (𝔼[log p(X, Y | Z)], 𝔼_{p(X, Y)}[…], the textbook form of H(X) = 𝔼[log 1/p(X)]): X there is the value of X.
/// </summary>
internal static class InformationSums
{
    private const int Models = 15;
    private const int MaxVariables = 4;
    private const double AgreeTolerance = 1e-9;
    private const double RefuteTolerance = 1e-6;

    private sealed class NotThisKind : Exception;

    /// <summary>What a step mentions: its random variables (sorted), whether it has a density of values, a measure.</summary>
    /// <param name="LogLinear">Every density stands inside a logarithm and nothing is summed: each side is then a
    /// combination of joint entropies (and numbers), an identity that holds for all discrete laws exactly when it holds for
    /// all continuous ones.</param>
    internal sealed record Reading(IReadOnlyList<string> Variables, bool Densities, bool Measures, bool Summed, bool LogLinear);

    /// <summary>The step's variables when both sides are of this kind (only sums, averages, logs, arithmetic, p and H/I); null otherwise.</summary>
    public static Reading? Read(SyntaxNode lhs, SyntaxNode rhs)
    {
        var scan = new Scan();
        if (!scan.Visit(lhs) || !scan.Visit(rhs)) return null;
        // H(t) = H(s) alone may be anything of time; lower-case arguments are variables when a measure relates several.
        if (scan.LowerCase && !scan.Relating) return null;
        if (scan.Densities.Count > 1 || scan.Variables.Count == 0 || scan.Variables.Count > MaxVariables) return null;
        // A density of values the step never sums or averages over leaves it a statement about each value: not this kind.
        var variables = scan.Variables.OrderBy(v => v, StringComparer.Ordinal).ToList();
        return new Reading(variables, scan.Densities.Count == 1, scan.Measures, scan.Summed, !scan.Summed && !scan.DensityOutsideLog);
    }

    /// <summary>
    /// The verdict on lhs R rhs (an equality or a non-strict inequality) in random joint tables; null when the step is
    /// not of this kind or cannot be evaluated. <paramref name="refusal"/> non-null: a failure is reported as unsupported,
    /// saying why. <paramref name="onlyRefute"/>: a step that holds is left to the other checks (null).
    /// </summary>
    public static Verdict? Decide(SyntaxNode lhs, Relation relation, SyntaxNode rhs, Reading reading, double unitsPerNat, string? refusal, bool onlyRefute, int seed)
    {
        if (relation is not (Relation.Equal or Relation.GreaterOrEqual or Relation.LessOrEqual)) return null;
        var random = new Random(seed ^ 0x5E75);
        var checkedTables = 0;
        (Table Table, double L, double R)? failure = null;
        var unclear = false;
        for (var m = 0; m < Models; m++)
        {
            var table = Table.Random(reading.Variables.Count, m, random);
            double l, r;
            try
            {
                var evaluator = new Evaluator(table, reading.Variables, unitsPerNat);
                l = evaluator.Value(lhs, []);
                r = evaluator.Value(rhs, []);
            }
            catch (NotThisKind)
            {
                return null;
            }
            if (double.IsNaN(l) || double.IsInfinity(l) || double.IsNaN(r) || double.IsInfinity(r)) return null;
            checkedTables++;
            var scale = 1 + Math.Abs(l) + Math.Abs(r);
            var margin = (relation switch { Relation.GreaterOrEqual => l - r, Relation.LessOrEqual => r - l, _ => -Math.Abs(l - r) }) / scale;
            if (margin < -RefuteTolerance) failure ??= (table, l, r);
            else if (margin < -AgreeTolerance) unclear = true;
        }
        var what = string.Join(", ", reading.Variables);
        if (failure is { } f)
        {
            var fails = "it fails for discrete " + what + ": " + f.Table.Describe(reading.Variables)
                + " (every density, conditional and information measure of the step taken from this one table)";
            if (refusal is not null) return Undecided(fails + ", but " + refusal);
            return new Verdict(VerdictKind.Refuted, fails, null, new Counterexample(f.Table.Cells(reading.Variables), f.L, f.R), checkedTables);
        }
        if (onlyRefute) return null;
        if (unclear) return Undecided("the two sides come within rounding of each other in a random joint table of " + what + "; SymKl cannot tell whether the step holds there");
        return new Verdict(VerdictKind.Confirmed, "it holds in " + checkedTables.ToString(CultureInfo.InvariantCulture) + " random joint tables of discrete " + what
            + " (2 to 4 values each: dense, skewed, independent, near functions of one another; p(…), its conditionals and H, I all taken from the one table; not proved symbolically)", null, null, checkedTables);
    }

    private static Verdict Undecided(string reason) => new(VerdictKind.Unsupported, reason, null, null, 0);

    /// <summary>x for the random variable X: one lower-case letter s … z, plain (p(i), p(k) index outcomes, not variables).</summary>
    private static string? ValueName(SyntaxNode n) =>
        n is Identifier { Name: [>= 's' and <= 'z'] name } id && Numbered(id) is { } number ? name + number : null;

    /// <summary>"" for a plain name, "_2" for x_2 or X_{2} (one of a numbered run of variables); null for any other decoration.</summary>
    private static string? Numbered(Identifier id)
    {
        if (id.IsUndecorated) return "";
        if (id.Style != NameStyle.Normal || id.Primes != 0 || id.Decoration is not null || id.Accent is not null) return null;
        var subscript = id.Subscript is Group { Body: var body } ? body : id.Subscript;
        return subscript is Number { Text: var digits } && digits.Length is > 0 and <= 2 && digits.All(char.IsDigit) ? "_" + digits : null;
    }

    /// <summary>
    /// The value a density's argument stands for: x, or (inside an expectation only) the variable X itself, read as its value x.
    /// Outside an expectation p(X) may be the likelihood of a data set X, not a law of values.
    /// </summary>
    private static string? DensityArgument(SyntaxNode n, bool inExpectation) =>
        ValueName(n) ?? (inExpectation ? VariableName(n)?.ToLowerInvariant() : null);

    /// <summary>𝔼_{p(x, y)} or 𝔼_{p(X, Y)}: the values the expectation averages over under that joint law (no bar, the one law of the step).</summary>
    private static List<string>? LawNames(SyntaxNode? subscript)
    {
        if (subscript is not Call { Callee: var callee } call || !IsDensityName(callee) || call.Separators.Any(x => x.Text != ",")) return null;
        var names = call.Arguments.Select(a => DensityArgument(a, inExpectation: true)).ToList();
        return names.All(n => n is not null) && names.Distinct().Count() == names.Count ? [.. names.Select(n => n!)] : null;
    }

    /// <summary>
    /// E\log …: a plain letter E right before a logarithm, the expectation as Cover and Thomas write it (E log 1/p(X)); the
    /// logarithm is its body. Only there: E alone elsewhere may be an energy or an event.
    /// </summary>
    private static SyntaxNode? PlainExpectationBody(ImplicitMultiplication im) =>
        im.Factors is [Identifier { Name: "E" } e, FunctionApplication { Function: "log" or "ln" } body] && e.IsUndecorated ? body : null;

    /// <summary>X, Y, Z: one capital letter S … Z, plain (H(P), H(Q) are entropies of laws, not of random variables).</summary>
    private static string? VariableName(SyntaxNode n) =>
        n is Identifier { Name: [>= 'S' and <= 'Z'] name } id && Numbered(id) is { } number ? name + number : null;

    /// <summary>
    /// An argument of H or I: a capital variable, or a lower-case one s … z (H(y | x), I(x; y): texts after MacKay and
    /// Bishop name variables in lower case), upper-cased; whether lower case is read is decided for the whole step.
    /// </summary>
    private static string? MeasureArgument(SyntaxNode n) => VariableName(n) ?? ValueName(n)?.ToUpperInvariant();

    /// <summary>X = x in the condition of an entropy: the variable X and the value x that stands for one of its values.</summary>
    private static (string Variable, string Value)? Event(SyntaxNode n) =>
        n is SyntaxRelation { Operators: [{ Kind: RelationKind.Equal, Negated: false }], Operands: [var left, var right] }
        && VariableName(left) is { } variable && ValueName(right) is { } value && value.ToUpperInvariant() == variable ? (variable, value) : null;

    /// <summary>
    /// The argument groups of H(…) or I(…): I(X; Y | Z) splits at ';', and I(X, Y) or I(X, Y | Z), with no ';', at its one
    /// comma (two variables before the bar: the two sides of the mutual information).
    /// </summary>
    private static (List<List<SyntaxNode>> Groups, bool Conditioned)? MeasureGroups(Call call, string measure)
    {
        if (measure != "I" || call.Separators.Any(x => x.Text == ";")) return Groups(call, measure == "I" ? ";" : ",");
        if (Groups(call, ",") is not { } g || g.Groups[0].Count != 2) return null;
        List<List<SyntaxNode>> split = [[g.Groups[0][0]], [g.Groups[0][1]], .. g.Groups.Skip(1)];
        return (split, g.Conditioned);
    }

    /// <summary>p or P written plainly, or \mathbb{P} / \mathrm{P} / \Pr (the probability of a value): the document's one abstract law of the values.</summary>
    private static bool IsDensityName(SyntaxNode callee) =>
        callee is Identifier { Name: "p" or "P", Subscript: null, Primes: 0, Decoration: null, Accent: null } id
        && (id.Style == NameStyle.Normal || id.Name == "P" && id.Style is NameStyle.Blackboard or NameStyle.Roman)
        || callee is Identifier { Name: "Pr", Subscript: null, Primes: 0, Decoration: null, Accent: null };

    /// <summary>The law's name with its style: P and \mathbb{P} in one step are two laws, never silently one.</summary>
    private static string DensityKey(Identifier id) => id.Style + ":" + id.Name;

    private static bool IsMeasureName(SyntaxNode callee, out string name)
    {
        name = callee is Identifier { Name: "H" or "I" } id && id.IsUndecorated ? id.Name : "";
        return name.Length > 0;
    }

    /// <summary>The argument groups of a call split at its separators: H(X, Y | Z) → [X, Y], [Z] with the condition last.</summary>
    private static (List<List<SyntaxNode>> Groups, bool Conditioned)? Groups(Call call, string join)
    {
        var groups = new List<List<SyntaxNode>> { new() { call.Arguments[0] } };
        var conditioned = false;
        for (var i = 1; i < call.Arguments.Count; i++)
        {
            var separator = i - 1 < call.Separators.Count ? call.Separators[i - 1].Text : ",";
            if (separator == "|")
            {
                if (conditioned) return null;
                conditioned = true;
                groups.Add([]);
            }
            else if (separator == join && join != ",") groups.Add([]);
            else if (separator != ",") return null;
            groups[^1].Add(call.Arguments[i]);
        }
        return (groups, conditioned);
    }

    /// <summary>The value variables a sum's or an expectation's subscript ranges over: x; x, y; x ∈ 𝒳; (x, y).</summary>
    private static List<string>? IndexNames(SyntaxNode? lower)
    {
        switch (lower)
        {
            case null: return null;
            case Identifier: return ValueName(lower) is { } one ? [one] : null;
            case Sequence s when s.Separators.All(x => x.Text == ","):
                // x, y or x \in \mathcal{X}, y \in \mathcal{Y}: each item a value, or a value in its set.
                var names = s.Items.Select(i => i is SyntaxRelation { Operators: [{ Kind: RelationKind.In, Negated: false }], Operands: [var v, _] } ? ValueName(v) : ValueName(i)).ToList();
                return names.All(n => n is not null) ? [.. names.Select(n => n!)] : null;
            case Group { Body: var body }: return IndexNames(body);
            case SyntaxRelation { Operators: [{ Kind: RelationKind.In, Negated: false }], Operands: [var left, _] }: return IndexNames(left);
            default: return null;
        }
    }

    /// <summary>A walk that collects the variables and rejects anything outside this kind.</summary>
    private sealed class Scan
    {
        public HashSet<string> Variables { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Densities { get; } = new(StringComparer.Ordinal);
        public bool Measures { get; private set; }
        public bool Summed { get; private set; }
        /// <summary>A measure of lower-case arguments (H(y | x)); read only when some measure relates several variables.</summary>
        public bool LowerCase { get; private set; }
        /// <summary>A measure of several variables: a joint, a conditional or a mutual information.</summary>
        public bool Relating { get; private set; }
        /// <summary>A density stands outside every logarithm (p(x) log p(x), 𝔼[p(X)]).</summary>
        public bool DensityOutsideLog { get; private set; }
        private int _budget = 10_000;
        private int _expectations;
        private int _logs;

        public bool Visit(SyntaxNode n)
        {
            if (--_budget < 0) return false;
            switch (n)
            {
                case Number: return true;
                case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide } b: return Visit(b.Left) && Visit(b.Right);
                case Unary { Operator: UnaryOperator.Negate or UnaryOperator.Plus } u: return Visit(u.Operand);
                case ImplicitMultiplication im when PlainExpectationBody(im) is { } average:
                    {
                        _expectations++;
                        var ok = Visit(average);
                        _expectations--;
                        return ok;
                    }
                case ImplicitMultiplication im: return im.Factors.All(Visit);
                case Fraction fr: return Visit(fr.Numerator) && Visit(fr.Denominator);
                case Power { Exponent: Number } pw: return Visit(pw.Base);
                case Group { Left: Bracket.Paren or Bracket.Square or Bracket.Brace } g: return Visit(g.Body);
                case FunctionApplication { Function: "log" or "ln", Arguments.Count: 1 } fa when fa.Base is null or Number:
                    {
                        _logs++;
                        var ok = Visit(fa.Arguments[0]);
                        _logs--;
                        return ok;
                    }
                case Sum { Upper: null } s when IndexNames(s.Lower) is { } names:
                    Summed = true;
                    foreach (var v in names) Variables.Add(v.ToUpperInvariant());
                    return Visit(s.Body);
                case Expectation e when e.Subscript is null || IndexNames(e.Subscript) is not null || LawNames(e.Subscript) is not null:
                    {
                        if (LawNames(e.Subscript) is not null) Densities.Add(DensityKey((Identifier)((Call)e.Subscript!).Callee));
                        foreach (var v in IndexNames(e.Subscript) ?? LawNames(e.Subscript) ?? []) Variables.Add(v.ToUpperInvariant());
                        _expectations++;
                        var ok = Visit(e.Body);
                        _expectations--;
                        return ok;
                    }
                case Call { Callee: var callee } call when IsDensityName(callee):
                    {
                        if (Groups(call, ",") is not { } g || g.Groups.Count > 2) return false;
                        var names = call.Arguments.Select(a => DensityArgument(a, _expectations > 0)).ToList();
                        if (names.Any(x => x is null) || names.Distinct().Count() != names.Count) return false;
                        foreach (var v in names) Variables.Add(v!.ToUpperInvariant());
                        Densities.Add(DensityKey((Identifier)callee));
                        DensityOutsideLog |= _logs == 0;
                        return true;
                    }
                case Call { Callee: var callee } call when IsMeasureName(callee, out var measure):
                    {
                        if (MeasureGroups(call, measure) is not { } g) return false;
                        var groups = g.Groups.Count - (g.Conditioned ? 1 : 0);
                        if (measure == "H" ? groups != 1 : groups != 2) return false;
                        // H(Y | X = x): an event on a variable, only in the condition of an entropy (its value bound by a sum).
                        if (call.Arguments.Any(a => Event(a) is not null) && (measure != "H" || !g.Conditioned || g.Groups[0].Any(a => Event(a) is not null))) return false;
                        var names = call.Arguments.Select(a => MeasureArgument(a) ?? Event(a)?.Variable).ToList();
                        if (names.Any(x => x is null)) return false;
                        foreach (var v in names) Variables.Add(v!);
                        LowerCase |= call.Arguments.Any(a => VariableName(a) is null);
                        Relating |= call.Arguments.Count > 1;
                        Measures = true;
                        return true;
                    }
                default: return false;
            }
        }
    }

    /// <summary>Both sides' values in one table: values bound by sums and averages, p and H, I taken from the table.</summary>
    private sealed class Evaluator(Table table, IReadOnlyList<string> variables, double unitsPerNat)
    {
        private int _budget = 400_000;

        public double Value(SyntaxNode n, Dictionary<string, int> at)
        {
            if (--_budget < 0) throw new NotThisKind();
            switch (n)
            {
                case Number num:
                    return double.TryParse(num.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : throw new NotThisKind();
                case Binary b:
                    {
                        var (l, r) = (Value(b.Left, at), Value(b.Right, at));
                        return b.Operator switch { BinaryOperator.Add => l + r, BinaryOperator.Subtract => l - r, BinaryOperator.Multiply => l * r, _ => l / r };
                    }
                case Unary u: return u.Operator == UnaryOperator.Negate ? -Value(u.Operand, at) : Value(u.Operand, at);
                case ImplicitMultiplication im when PlainExpectationBody(im) is { } average: return Average(null, average, at);
                case ImplicitMultiplication im: return im.Factors.Aggregate(1.0, (p, f) => p * Value(f, at));
                case Fraction fr: return Value(fr.Numerator, at) / Value(fr.Denominator, at);
                case Power pw: return Math.Pow(Value(pw.Base, at), Value(pw.Exponent, at));
                case Group g: return Value(g.Body, at);
                case FunctionApplication fa:
                    {
                        var v = Math.Log(Value(fa.Arguments[0], at));
                        if (fa.Function == "ln") return v;
                        return fa.Base is null ? unitsPerNat * v : v / Math.Log(Value(fa.Base, at));
                    }
                case Sum s:
                    {
                        var names = IndexNames(s.Lower)!;
                        return Over(names, at, inner => Value(s.Body, inner));
                    }
                case Expectation e: return Average(e.Subscript, e.Body, at);
                case Call { Callee: var callee } call when IsDensityName(callee):
                    {
                        var (groups, conditioned) = Groups(call, ",")!.Value;
                        var all = call.Arguments.Select(a => DensityArgument(a, inExpectation: true)!).ToList();
                        if (all.Any(v => !at.ContainsKey(v))) throw new NotThisKind();
                        var joint = table.Marginal(all.Select(Index).ToArray(), all.Select(v => at[v]).ToArray());
                        if (!conditioned) return joint;
                        var given = groups[^1].Select(a => DensityArgument(a, inExpectation: true)!).ToList();
                        return joint / table.Marginal(given.Select(Index).ToArray(), given.Select(v => at[v]).ToArray());
                    }
                case Call { Callee: Identifier id } call:
                    {
                        var (groups, conditioned) = MeasureGroups(call, id.Name)!.Value;
                        if (conditioned && groups[^1].Any(a => Event(a) is not null)) return EventEntropy(groups, at);
                        var sets = groups.Select(g => new HashSet<int>(g.Select(a => Index(MeasureArgument(a)!)))).ToList();
                        var condition = conditioned ? sets[^1] : [];
                        double H(params HashSet<int>[] parts) => unitsPerNat * table.Entropy(parts.SelectMany(p => p).Concat(condition).Distinct().ToArray());
                        if (id.Name == "H") return H(sets[0]) - H();
                        return H(sets[0]) + H(sets[1]) - H(sets[0], sets[1]) - H();
                    }
                default: throw new NotThisKind();
            }
        }

        /// <summary>
        /// H(Y | Z, X = x) at the value x is bound to: the entropy of Y given Z in the table conditioned on the event,
        /// H(Y, Z | X = x) − H(Z | X = x), each −Σ P(· | x) log P(· | x).
        /// </summary>
        private double EventEntropy(List<List<SyntaxNode>> groups, Dictionary<string, int> at)
        {
            var events = groups[^1].Select(Event).Where(e => e is not null).Select(e => e!.Value).ToList();
            if (events.Any(e => !at.ContainsKey(e.Value))) throw new NotThisKind();
            var eventIndices = events.Select(e => Index(e.Variable)).ToArray();
            var eventValues = events.Select(e => at[e.Value]).ToArray();
            var given = groups[^1].Where(a => Event(a) is null).Select(a => Index(MeasureArgument(a)!)).ToList();
            var of = groups[0].Select(a => Index(MeasureArgument(a)!)).Concat(given).Distinct().ToList();
            if (of.Any(eventIndices.Contains)) throw new NotThisKind();
            return unitsPerNat * (Conditioned(of) - Conditioned(given));

            double Conditioned(List<int> subset)
            {
                if (subset.Count == 0) return 0;
                var pe = table.Marginal(eventIndices, eventValues);
                var states = subset.Select(i => table.States[i]).ToArray();
                var cells = states.Aggregate(1, (a, b) => a * b);
                double h = 0;
                for (var c = 0; c < cells; c++)
                {
                    var values = JointCells.Decode(c, states);
                    var p = table.Marginal([.. subset, .. eventIndices], [.. values, .. eventValues]) / pe;
                    if (p > 0) h -= p * Math.Log(p);
                }
                return h;
            }
        }

        /// <summary>𝔼 over the values its subscript names, or without one under the joint law of the values inside that no sum binds.</summary>
        private double Average(SyntaxNode? subscript, SyntaxNode body, Dictionary<string, int> at)
        {
            var names = IndexNames(subscript) ?? LawNames(subscript) ?? FreeValues(body, at);
            if (names.Count == 0 || names.Any(at.ContainsKey)) throw new NotThisKind();
            var subset = names.Select(Index).ToArray();
            return Over(names, at, inner => table.Marginal(subset, names.Select(v => inner[v]).ToArray()) * Value(body, inner));
        }

        private int Index(string value)
        {
            var i = -1;
            for (var k = 0; k < variables.Count; k++) if (variables[k] == value.ToUpperInvariant()) i = k;
            return i >= 0 ? i : throw new NotThisKind();
        }

        /// <summary>The sum of f over every value of the named value variables.</summary>
        private double Over(List<string> names, Dictionary<string, int> at, Func<Dictionary<string, int>, double> f)
        {
            if (names.Distinct().Count() != names.Count || names.Any(at.ContainsKey)) throw new NotThisKind();
            var states = names.Select(v => table.States[Index(v)]).ToArray();
            var cells = states.Aggregate(1, (a, b) => a * b);
            double total = 0;
            for (var c = 0; c < cells; c++)
            {
                var values = JointCells.Decode(c, states);
                var inner = new Dictionary<string, int>(at, StringComparer.Ordinal);
                for (var i = 0; i < names.Count; i++) inner[names[i]] = values[i];
                total += f(inner);
            }
            return total;
        }

        /// <summary>The value variables of densities inside n that are not yet bound, in order of appearance.</summary>
        private static List<string> FreeValues(SyntaxNode n, Dictionary<string, int> at)
        {
            var found = new List<string>();
            var stack = new Stack<SyntaxNode>();
            stack.Push(n);
            for (var seen = 0; stack.Count > 0 && seen < 10_000; seen++)
            {
                var node = stack.Pop();
                if (node is Call { Callee: var callee } call && IsDensityName(callee))
                    foreach (var v in call.Arguments.Select(a => DensityArgument(a, inExpectation: true)))
                        if (v is not null && !at.ContainsKey(v) && !found.Contains(v)) found.Add(v);
                foreach (var child in node.Children()) stack.Push(child);
            }
            return found;
        }
    }

    /// <summary>A random joint table of discrete variables, every cell positive.</summary>
    private sealed class Table
    {
        private readonly double[] _p;
        private readonly Dictionary<int, double[]> _marginals = [];

        private Table(int[] states, double[] p) { States = states; _p = p; }

        public int[] States { get; }

        /// <summary>Scheme by model index: dense, skewed, independent (a product of marginals), noisy functions of one another, near copies.</summary>
        public static Table Random(int k, int scheme, Random random)
        {
            var states = Enumerable.Range(0, k).Select(_ => 2 + random.Next(3)).ToArray();
            var cells = states.Aggregate(1, (a, b) => a * b);
            var marginals = states.Select(r => Enumerable.Range(0, r).Select(_ => 0.05 - Math.Log(1 - random.NextDouble())).ToArray()).ToArray();
            var maps = states.Select(r => Enumerable.Range(0, 8).Select(_ => random.Next(r)).ToArray()).ToArray();
            const double Noise = 0.05;
            var p = new double[cells];
            for (var c = 0; c < cells; c++)
            {
                var v = JointCells.Decode(c, states);
                p[c] = 1e-4 + (scheme % 5) switch
                {
                    0 => -Math.Log(1 - random.NextDouble()),
                    1 => Math.Pow(random.NextDouble(), 4),
                    2 => Enumerable.Range(0, k).Aggregate(1.0, (a, i) => a * marginals[i][v[i]]),
                    3 => Enumerable.Range(1, k - 1).Aggregate(marginals[0][v[0]], (a, i) => a * (v[i] == maps[i][v[i - 1] % 8] ? 1 - Noise : Noise / states[i])),
                    _ => Enumerable.Range(1, k - 1).Aggregate(marginals[0][v[0]], (a, i) => a * (v[i] == v[0] % states[i] ? 1 - Noise : Noise / states[i])),
                };
            }
            var total = p.Sum();
            for (var c = 0; c < cells; c++) p[c] /= total;
            return new Table(states, p);
        }

        /// <summary>P(X_subset = cell), summed from the table (cached per subset).</summary>
        public double Marginal(int[] subset, int[] cell)
        {
            var mask = subset.Aggregate(0, (a, i) => a | (1 << i));
            var order = Enumerable.Range(0, States.Length).Where(i => (mask & (1 << i)) != 0).ToArray();
            if (!_marginals.TryGetValue(mask, out var marginal))
            {
                marginal = new double[order.Aggregate(1, (a, i) => a * States[i])];
                for (var c = 0; c < _p.Length; c++)
                {
                    var values = JointCells.Decode(c, States);
                    marginal[Key(order, values)] += _p[c];
                }
                _marginals[mask] = marginal;
            }
            var at = new int[States.Length];
            for (var i = 0; i < subset.Length; i++) at[subset[i]] = cell[i];
            return marginal[Key(order, at)];
        }

        private int Key(int[] order, int[] values)
        {
            var key = 0;
            foreach (var i in order) key = key * States[i] + values[i];
            return key;
        }

        /// <summary>The joint entropy (nats) of a subset of the variables; 0 for none.</summary>
        public double Entropy(int[] subset) => subset.Length == 0 ? 0 : JointCells.Entropy(_p, States, subset);

        public string Describe(IReadOnlyList<string> names) =>
            "the joint table over " + string.Join(" × ", States.Select((r, i) => names[i] + " ∈ {0…" + (r - 1).ToString(CultureInfo.InvariantCulture) + "}"))
            + " (" + string.Join(", ", _p.Select(x => x.ToString("G4", CultureInfo.InvariantCulture))) + ")";

        public IReadOnlyList<KeyValuePair<string, double>> Cells(IReadOnlyList<string> names) =>
            [.. _p.Select((x, c) => new KeyValuePair<string, double>("P(" + string.Join(", ", JointCells.Decode(c, States).Select((v, i) => names[i] + "=" + v.ToString(CultureInfo.InvariantCulture))) + ")", x))];
    }
}
