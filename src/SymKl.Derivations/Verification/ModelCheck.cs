using System.Globalization;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic.Probability;
using Counterexample = SymKl.Symbolic.Counterexample;
using Relation = SymKl.Symbolic.Relation;
using Verdict = SymKl.Symbolic.Verdict;
using VerdictKind = SymKl.Symbolic.VerdictKind;
using LatexExpectation = SymKl.Latex.Syntax.Expectation;
using LatexIntegral = SymKl.Latex.Syntax.Integral;
using LatexRelation = SymKl.Latex.Syntax.Relation;
using LatexSum = SymKl.Latex.Syntax.Sum;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Decides a statement about a document's abstract densities (p(x, z), p(z | x), q(z | x), p_θ(x), p_{data} …, none
/// written out) in random consistent models (<see cref="AbstractModel"/>): the statement is read into a small numeric
/// tree — densities, their logarithms, ∫ … dz and Σ_z, E over a density, KL, entropy, cross-entropy — and both sides
/// are evaluated in several random models at random values of the free variables, integrals by Gauss–Legendre
/// quadrature. Equalities and non-strict inequalities that hold in every model are confirmed; one that fails by a clear
/// margin is refuted with the model (its parameters) and the point. An argmax/argmin step is decided by comparing the
/// order the two objectives put on θ, never the values (<see cref="DecideArgmax"/>). What cannot be read gives null.
/// </summary>
internal static class ModelCheck
{
    private const int Models = 4;
    private const int PointsPerModel = 3;
    private const double AgreeTolerance = 1e-7;
    private const double RefuteTolerance = 1e-4;
    private const long EvaluationBudget = 40_000_000;

    /// <summary>
    /// True when a side applies an undefined density to several variables, with a bar, a ';' or a parameter subscript,
    /// or both sides are argmax/argmin: the statements the consistent models are for.
    /// </summary>
    public static bool Applies(SyntaxNode left, ParseResult leftParsed, SyntaxNode right, ParseResult rightParsed, Func<string, bool> isDefined)
    {
        if (IsArgOperator(left) && IsArgOperator(right)) return true;
        if (ExtremePair(left, leftParsed, right, rightParsed) is var (lo, ro)) return Applies(lo.Operand, leftParsed, ro.Operand, rightParsed, isDefined);
        foreach (var (node, parsed) in new[] { (left, leftParsed), (right, rightParsed) })
            foreach (var n in Walk(node))
            {
                if (n is Call { Callee: Identifier id } call && IsDensityName(id, parsed, isDefined)
                    && (call.Arguments.Count > 1 || call.Separators.Any(s => s.Text is "|" or ";") || ParameterTag(id, call, parsed) is not null
                        || (call.Arguments.Count == 1 && call.Arguments[0] is Identifier { Subscript: { } run } && Atom(run, parsed).Contains(':'))))
                    return true;
                // The empirical law of the data (\hat{p}) is modelled with its samples.
                if (n is Identifier e && IsEmpiricalName(e, parsed, isDefined)) return true;
            }
        return false;
    }

    public static Verdict? Decide(SyntaxNode left, ParseResult leftParsed, Relation relation, SyntaxNode right, ParseResult rightParsed,
        Func<string, bool> isDefined, bool mayRefute, int seed, CancellationToken cancellation, ArbitraryDensities? arbitrary = null)
    {
        if (relation is Relation.NotEqual or Relation.Approx) return null;
        if ((ComponentUnderBinder(left, leftParsed) ?? ComponentUnderBinder(right, rightParsed)) is { } component) return Undecided(component);
        if (ExtremePair(left, leftParsed, right, rightParsed) is var (lo, ro))
            return relation == Relation.Equal ? DecideExtremeValues(lo, leftParsed, ro, rightParsed, isDefined, seed, cancellation) : null;
        var statement = Statement.Read(left, leftParsed, right, rightParsed, isDefined);
        try
        {
            // x_0 beside x_{0:T} (or ∫ … dx_{1:T}, which reads only with the run written out): decided at small lengths.
            if ((statement is null || statement.Related is not null) && !(IsArgOperator(left) && IsArgOperator(right))
                && DecideOverSequences(left, leftParsed, relation, right, rightParsed, isDefined, mayRefute, seed, cancellation) is { } overSequences)
                return overSequences;
            if (statement is null) return null;
            if (IsArgOperator(left) && IsArgOperator(right))
                return relation == Relation.Equal ? DecideArgmax(statement, (Operator)left, (Operator)right, seed, cancellation) : null;
            // KL(\hat{p} ‖ p_θ) read formally (a mass function against a density) can be negative: only equalities are decided.
            if (statement.EmpiricalLaws.Count > 0 && !statement.Discrete && relation != Relation.Equal) return null;
            return DecideRelation(statement, relation, mayRefute, seed, cancellation, arbitrary);
        }
        catch (BudgetExhausted)
        {
            return null;
        }
    }

    /// <summary>A model of the statement's joints that honours the document's definitions at the index values, with the parameter values it chose; null when none.</summary>
    public delegate (AbstractModel Model, string Parameters)? Honouring(IReadOnlyList<(string Name, IReadOnlyList<string> Variables, string? Tag)> joints, IReadOnlyDictionary<string, int> values, Random random);

    /// <summary>
    /// A refutation over a sequence written out at small lengths, in models that honour every definition the document gives
    /// of the statement's densities (<see cref="ChainDefinitions"/>); null when there is none (no model, or no failure).
    /// </summary>
    public static Verdict? RefuteHonouring(SyntaxNode left, ParseResult leftParsed, Relation relation, SyntaxNode right, ParseResult rightParsed,
        Func<string, bool> isDefined, int seed, CancellationToken cancellation, Honouring honouring)
    {
        if (relation is Relation.NotEqual or Relation.Approx || IsArgOperator(left) || IsArgOperator(right)) return null;
        if ((ComponentUnderBinder(left, leftParsed) ?? ComponentUnderBinder(right, rightParsed)) is not null) return null;
        try
        {
            return DecideOverSequences(left, leftParsed, relation, right, rightParsed, isDefined, true, seed, cancellation, honouring) is { Kind: VerdictKind.Refuted } refuted ? refuted : null;
        }
        catch (BudgetExhausted)
        {
            return null;
        }
    }

    /// <summary>How many instances of a sequence (T = 1, T = 2 …) are tried, and how many nested integrals one may need.</summary>
    private const int SequenceInstances = 3;
    private const int SequenceDepth = 2;

    /// <summary>
    /// A statement over terms and runs of one sequence (x_0, x_{1:T}, x_{0:T}), decided with the runs written out at small
    /// lengths (<see cref="SequenceInstance"/>) with at most two nested integrals (quadrature in three dimensions is beyond
    /// the budget): confirmed when it holds at two instances or more and at every one tried, refuted when it fails at
    /// every one (the reason names the instance), otherwise unsupported; null when no instance reads.
    /// </summary>
    private static Verdict? DecideOverSequences(SyntaxNode left, ParseResult leftParsed, Relation relation, SyntaxNode right, ParseResult rightParsed,
        Func<string, bool> isDefined, bool mayRefute, int seed, CancellationToken cancellation, Honouring? honouring = null)
    {
        var names = new List<string>();
        foreach (var (node, parsed) in new[] { (left, leftParsed), (right, rightParsed) })
            foreach (var n in Walk(node))
            {
                if (n is Call { Callee: Identifier id } call && IsDensityName(id, parsed, isDefined) && DensityArguments(call, parsed) is var (atoms, _, _))
                    names.AddRange(atoms);
                if (n is LatexIntegral integral)
                    names.AddRange(integral.Differentials.Select(d => d.Variable).OfType<Identifier>().Select(v => Atom(v, parsed)));
            }
        var instances = SequenceInstance.Find(names, SequenceInstances);
        if (instances.Count == 0) return null;
        var verdicts = new List<(SequenceInstance Instance, Verdict Verdict)>();
        foreach (var instance in instances)
        {
            var statement = Statement.Read(left, leftParsed, right, rightParsed, isDefined, instance);
            if (statement is null || statement.EmpiricalLaws.Count > 0) return null;
            if (statement.Depth > SequenceDepth) continue;
            var verdict = DecideRelation(statement, relation, mayRefute, seed, cancellation, null,
                honouring is null ? null : random => honouring(statement.Joints, instance.Values, random));
            if (verdict is null) return null;
            verdicts.Add((instance, verdict));
        }
        if (verdicts.Count == 0) return null;
        var at = "; the sequence written out at " + string.Join(" and at ", verdicts.Select(v => v.Instance.Describe));
        if (verdicts.Count == 1 && verdicts[0].Verdict.Kind == VerdictKind.Confirmed)
            return Undecided(verdicts[0].Verdict.Reason + " at " + verdicts[0].Instance.Describe + " only: a longer sequence needs more nested integrals than SymKl evaluates");
        if (verdicts.All(v => v.Verdict.Kind == VerdictKind.Confirmed))
            return verdicts[0].Verdict with { Reason = verdicts[0].Verdict.Reason + at, PointsChecked = verdicts.Sum(v => v.Verdict.PointsChecked) };
        if (verdicts.All(v => v.Verdict.Kind == VerdictKind.Refuted))
            return verdicts[0].Verdict with { Reason = "at " + verdicts[0].Instance.Describe + ", " + verdicts[0].Verdict.Reason
                + (verdicts.Count > 1 ? " (it fails as well at " + string.Join(" and at ", verdicts.Skip(1).Select(v => v.Instance.Describe)) + ")" : "") };
        var first = verdicts.FirstOrDefault(v => v.Verdict.Kind == VerdictKind.Unsupported);
        if (first.Verdict is not null) return first.Verdict with { Reason = first.Verdict.Reason + " (at " + first.Instance.Describe + ")" };
        return Undecided("it holds at " + string.Join(" and at ", verdicts.Where(v => v.Verdict.Kind == VerdictKind.Confirmed).Select(v => v.Instance.Describe))
            + " but fails at " + string.Join(" and at ", verdicts.Where(v => v.Verdict.Kind == VerdictKind.Refuted).Select(v => v.Instance.Describe))
            + " in random models of the densities, so it depends on the length of the sequence");
    }

    /// <summary>How many values of the variables of proportionality are compared with the first, at each holding of the others.</summary>
    private const int ProportionalValues = 3;

    /// <summary>
    /// A ∝ B in <paramref name="variables"/> (p(θ | D) ∝ p(θ) p(D | θ): in θ): the ratio A/B must not change when only those
    /// variables change. In each random consistent model the other variables are held at random values and the ratio is
    /// compared at several values of the variables. Confirmed when it agrees everywhere; refuted (naming the model and the
    /// two points) only when it clearly differs and nothing the model does not know (a free parameter, a conditional
    /// independence, related names, samples) could explain the difference; null when the statement does not read.
    /// </summary>
    public static Verdict? DecideProportional(SyntaxNode left, ParseResult leftParsed, SyntaxNode right, ParseResult rightParsed, IReadOnlyList<string> variables,
        Func<string, bool> isDefined, bool mayRefute, int seed, CancellationToken cancellation)
    {
        if ((ComponentUnderBinder(left, leftParsed) ?? ComponentUnderBinder(right, rightParsed)) is not null) return null;
        var s = Statement.Read(left, leftParsed, right, rightParsed, isDefined);
        if (s is null || s.EmpiricalLaws.Count > 0 || variables.Count == 0 || !variables.All(s.FreeVariables.Contains)) return null;
        try
        {
            var random = new Random(seed ^ 0x5A0C);
            var (models, holdings) = s.Depth >= 2 ? (3, 2) : (Models, PointsPerModel);
            var evaluator = s.NewEvaluator(cancellation);
            var pairs = 0;
            string? unclear = null;
            var named = string.Join(", ", variables);
            for (var m = 0; m < models; m++)
            {
                var model = AbstractModel.Random(s.Joints, s.Discrete, random, mixtures: m % 2 == 1);
                evaluator.Model = model;
                for (var k = 0; k < holdings; k++)
                {
                    var env = s.RandomPoint(random);
                    var first = Ratio(evaluator, s, env);
                    if (!IsFinite(first)) continue;
                    var at = variables.ToDictionary(v => v, v => env[v], StringComparer.Ordinal);
                    for (var j = 0; j < ProportionalValues; j++)
                    {
                        var other = s.RandomPoint(random);
                        foreach (var v in variables) env[v] = other[v];
                        var ratio = Ratio(evaluator, s, env);
                        if (!IsFinite(ratio)) continue;
                        pairs++;
                        var gap = Math.Abs(ratio - first);
                        var scale = Math.Abs(ratio) + Math.Abs(first);
                        if (gap <= AgreeTolerance * scale) continue;
                        if (gap <= RefuteTolerance * scale)
                        {
                            unclear ??= "the ratio of the two sides changes by " + AbstractModel.F(gap) + " between two values of " + named + " in a random model, too little to tell from the quadrature's error";
                            continue;
                        }
                        var points = "at " + Describe(at) + " the ratio of the left side to the right is " + AbstractModel.F(first) + ", at " + Describe(variables.ToDictionary(v => v, v => env[v], StringComparer.Ordinal))
                            + " it is " + AbstractModel.F(ratio) + " (every other variable held: " + Describe(env.Where(e => !variables.Contains(e.Key) && s.FreeVariables.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)) + ")";
                        var free = new HashSet<string>(StringComparer.Ordinal);
                        var inLeft = new HashSet<string>(StringComparer.Ordinal);
                        FreeIn(s.Left, [], inLeft);
                        FreeIn(s.Right, [], free);
                        // p(D | θ) ∝ θ^k: a side without the variable may hide it in names the model does not see.
                        var onBothSides = variables.All(v => inLeft.Contains(v) && free.Contains(v));
                        // p(x | μ) ∝ e^{-(x-μ)^2/2} gives the law by a formula: a model assumption, not a mistake the models can show.
                        var formula = UsesVariableOutsideDensities(s.Left) || UsesVariableOutsideDensities(s.Right);
                        if (!mayRefute || !onBothSides || formula || s.FreeParameters.Count > 0 || s.Guessed || s.Related is not null || AssumesIndependence(s) || s.Samples.Letters.Count > 0
                            || TwoCases(s) is not null)
                            return Undecided("the ratio of the two sides changes with " + named + " in a random model of the densities (" + model.Describe() + "; " + points + "), but "
                                + (!onBothSides ? "a side does not mention " + named + ", so the text may mean another variable or names that depend on it"
                                    : formula ? "a side is a formula in the variables, which may be how the text gives the law (a model assumption the random models do not have)"
                                    : s.FreeParameters.Count > 0 ? "it also depends on " + string.Join(", ", s.FreeParameters) + ", which the document may restrict"
                                    : s.Related is not null ? s.Related + " may be parts of one another, which the model does not know"
                                    : "the statement relies on more than the model knows (a conditional independence, samples, or a law read by convention)"));
                        return new Verdict(VerdictKind.Refuted,
                            "not proportional in " + named + ": in a random model in which every marginal and conditional comes from one joint per density name ("
                            + (s.Discrete ? "random tables" : m % 2 == 1 ? "mixtures of two linear-Gaussian joints" : "linear-Gaussian") + ": " + model.Describe() + "), " + points,
                            null, null, pairs);
                    }
                }
            }
            if (unclear is not null) return Undecided(unclear);
            if (pairs < 6) return null;
            return new Verdict(VerdictKind.Confirmed, "the ratio of the two sides does not change with " + named + ": compared at " + pairs.ToString(CultureInfo.InvariantCulture)
                + " pairs of values of " + named + ", every other variable held, in " + models.ToString(CultureInfo.InvariantCulture) + " random models of the densities ("
                + (s.Discrete ? "random joint tables over {0, 1, 2}" : "random linear-Gaussian joints and mixtures of two") + ", one joint per density name, so every marginal and conditional is consistent; not proved symbolically)", null, null, pairs);
        }
        catch (BudgetExhausted)
        {
            return null;
        }
    }

    /// <summary>A variable used outside a density (θ^k, e^{-(x-μ)^2/2}): a formula the text may give a law by.</summary>
    private static bool UsesVariableOutsideDensities(Node node) => Any(node, n => n is Var);

    /// <summary>Some node of the tree passes the test (the node itself, or one below it).</summary>
    private static bool Any(Node node, Func<Node, bool> test) => test(node) || Children(node).Any(c => Any(c, test));

    private static Node[] Children(Node node) => node switch
    {
        Add a => [a.A, a.B],
        Mul m => [m.A, m.B],
        Div d => [d.A, d.B],
        Pow p => [p.A, p.B],
        Log l => [l.A],
        Exp e => [e.A],
        Integrate i => [i.Body],
        SampleSum s => [s.Body],
        _ => [],
    };

    private static double Ratio(Evaluator evaluator, Statement s, Dictionary<string, double> env) => evaluator.Eval(s.Left, env) / evaluator.Eval(s.Right, env);

    private static string Describe(IReadOnlyDictionary<string, double> values) =>
        values.Count == 0 ? "nothing else" : string.Join(", ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + " = " + AbstractModel.F(v.Value)));

    /// <summary>argmax/argmin, with the optimised name under it or (argmax ∏ p_θ(x_i)) the one parameter tag of its densities.</summary>
    internal static bool IsArgOperator(SyntaxNode n) => n is Operator { Name: "argmax" or "argmin" };

    // ------------------------------------------------------------------ decisions

    private static Verdict? DecideRelation(Statement s, Relation relation, bool mayRefute, int seed, CancellationToken cancellation, ArbitraryDensities? arbitrary = null,
        Func<Random, (AbstractModel Model, string Parameters)?>? honoured = null)
    {
        var random = new Random(seed ^ 0x3D17);
        var (models, points) = s.Depth >= 2 ? (3, 2) : (Models, PointsPerModel);
        var checkedPoints = 0;
        string? unclear = null;
        var evaluator = s.NewEvaluator(cancellation);
        for (var m = 0; m < models; m++)
        {
            // Models that honour the document's definitions are linear-Gaussian chains; without one nothing is decided here.
            var chosen = "";
            AbstractModel model;
            if (honoured is null) model = AbstractModel.Random(s.Joints, s.Discrete, random, m % 2 == 1, s.Independences);
            else if (!s.Discrete && honoured(random) is var (h, parameters)) (model, chosen) = (h, parameters.Length == 0 ? "" : "; parameters " + parameters);
            else return null;
            evaluator.Model = model;
            for (var k = 0; k < points; k++)
            {
                var env = s.RandomPoint(random);
                var l = evaluator.Eval(s.Left, env);
                var r = evaluator.Eval(s.Right, env);
                if (!IsFinite(l) || !IsFinite(r)) continue;
                checkedPoints++;
                var scale = 1 + Math.Abs(l) + Math.Abs(r);
                var margin = relation switch
                {
                    Relation.Equal => -Math.Abs(l - r),
                    Relation.Greater or Relation.GreaterOrEqual => l - r,
                    _ => r - l,
                };
                if (margin >= -AgreeTolerance * scale) continue;
                if (margin > -RefuteTolerance * scale)
                {
                    // Too close to tell from the quadrature's error here; a clear failure at another point still decides.
                    unclear ??= "the two sides differ by " + AbstractModel.F(-margin) + " in a random model, too little to tell from the quadrature's error";
                    continue;
                }
                if (TwoCases(s) is { } cases)
                    return Undecided("it fails in a random model of the densities (" + model.Describe() + "), but it writes " + cases + ", which a text may use for one law (a probability and its density); the model takes them for two");
                if (s.Unhonoured is not null)
                    return Undecided("it fails in a random model of the densities, but it writes " + s.Unhonoured + ", which may mean that the parameter is left out by independence or by abbreviation, and the model does not know which");
                if (AssumesIndependence(s))
                    return Undecided("it fails in a random model of the densities, but it integrates a variable that a conditional inside leaves out of its conditioning (as in ∫ p(y | θ) p(θ | x) dθ), which holds under a conditional independence the model does not know");
                if (s.Related is not null)
                    return Undecided("it fails in a random model of the densities, but " + s.Related + " may be parts of one another (a sequence and its terms, a vector and its components), which the model does not know");
                if (s.Samples.Letters.Count > 0 && s.EmpiricalLaws.Count == 0)
                    return Undecided("it fails when x_1 … x_N are read as data samples (" + model.Describe() + s.DescribeSamples(env) + "), but an indexed sum may also run over the values a variable takes (Σ_j P(c_j | x) = 1), which that reading does not model");
                if (!mayRefute && arbitrary is not null && relation == Relation.Equal && s.FreeParameters.Count == 0 && !s.Guessed
                    && WhateverTheArbitrary(s, arbitrary, evaluator, env, l - r, random) is { } whatever)
                    return new Verdict(VerdictKind.Refuted, whatever + " (" + model.Describe() + ")", null, null, checkedPoints);
                if (!mayRefute || s.FreeParameters.Count > 0 || s.Guessed)
                    return Undecided("it fails in a random model of the densities (" + model.Describe() + ")" + (s.FreeParameters.Count > 0 ? ", but it also depends on " + string.Join(", ", s.FreeParameters) + ", which the document may restrict" : ""));
                var free = new HashSet<string>(StringComparer.Ordinal);
                FreeIn(s.Left, [], free);
                FreeIn(s.Right, [], free);
                var values = s.FreeVariables.Concat(s.FreeParameters).Where(free.Contains).Select(v => new KeyValuePair<string, double>(v, env[v])).ToList();
                var what = relation == Relation.Equal ? "the two sides differ" : "the inequality fails";
                return new Verdict(VerdictKind.Refuted,
                    what + " in a random model in which every marginal and conditional comes from one joint per density name ("
                    + (s.Discrete ? "random tables" : honoured is not null ? "a linear-Gaussian chain at dimension 1 that satisfies every definition the document gives of these densities, what they leave open chosen at random"
                        : m % 2 == 1 ? "mixtures of two linear-Gaussian joints" : "linear-Gaussian") + "): " + model.Describe() + chosen + s.DescribeSamples(env),
                    null, new Counterexample(values, l, r), checkedPoints);
            }
        }
        if (unclear is not null) return Undecided(unclear);
        if (checkedPoints < Math.Max(4, models * points / 2)) return null;
        var kind = s.Discrete ? "random joint tables over {0, 1, 2}" : "random linear-Gaussian joints and mixtures of two";
        var how = " in " + models.ToString(CultureInfo.InvariantCulture) + " random models of the densities (" + kind
            + ", one joint per density name, so every marginal and conditional is consistent), at " + checkedPoints.ToString(CultureInfo.InvariantCulture)
            + " points" + (s.Samples.Letters.Count > 0 ? ", with 2 to 4 random samples" + (s.EmpiricalLaws.Count > 0 ? " (the empirical law's mass 1/N at each)" : "") : "")
            + (!s.HasIntegrals ? "" : s.Discrete ? ", sums over the tables" : ", integrals by quadrature")
            + (s.Independences.Count == 0 ? "" : "; " + string.Join(", ", s.Independences.SelectMany(kv => kv.Value.Select(p => p.Key + " ⊥ " + string.Join(", ", p.Value.OrderBy(v => v, StringComparer.Ordinal)))))
                + " in every model, as the densities written without the parameter say");
        if (relation is Relation.Greater or Relation.Less)
            return Undecided("the inequality holds" + how + ", but a strict inequality between abstract densities fails where they coincide");
        return new Verdict(VerdictKind.Confirmed, (relation == Relation.Equal ? "both sides agree" : "the inequality holds") + how + " (not proved symbolically)", null, null, checkedPoints);
    }

    /// <summary>
    /// Densities the document defines for another shape only (q(θ) = δ(θ − φ), then q(φ) in a statement): they stand for
    /// arbitrary functions, so a failure with one random choice of them is no mistake. Names: the document's names of them;
    /// Held: the symbols of their definitions (what they may depend on besides their arguments).
    /// </summary>
    public sealed record ArbitraryDensities(IReadOnlyCollection<string> Names, IReadOnlyCollection<string> Held);

    /// <summary>
    /// A failure that no choice of the arbitrary densities repairs. When each of their calls has arguments no integral of
    /// the statement binds (q(φ): one unknown value v at a point) and they enter the difference of the sides only as
    /// c·log v added to the rest (c a number; through sums, numeric factors and integrals against a density of the
    /// integrated variable, which integrates to 1), the difference is A(point) + Σ c log v. Two points of one model that
    /// agree on every argument of those calls and on every symbol of their definitions give the same values v whatever
    /// the densities are, so if A differs between them, the difference cannot vanish at both: refuted. Null otherwise.
    /// </summary>
    private static string? WhateverTheArbitrary(Statement s, ArbitraryDensities arbitrary, Evaluator evaluator, Dictionary<string, double> env, double difference, Random random)
    {
        if (s.Samples.Letters.Count > 0 || s.EmpiricalLaws.Count > 0 || s.Discrete) return null;
        var names = new HashSet<string>(arbitrary.Names, StringComparer.Ordinal);
        var calls = new List<Factor>();
        if (!LogAdditive(s.Left, names, [], calls) || !LogAdditive(s.Right, names, [], calls)) return null;
        // Every arbitrary density must be one the statement's tree names: otherwise it hides under another name.
        if (calls.Count == 0 || !names.All(n => calls.Any(c => c.Model == n))) return null;
        static string Plain(string name) => new(name.Where(ch => ch is not ('\\' or '{' or '}' or ' ')).ToArray());
        var heldPlain = new HashSet<string>(arbitrary.Held.Select(Plain), StringComparer.Ordinal);
        var held = new HashSet<string>(calls.SelectMany(c => c.Variables.Concat(c.Given)), StringComparer.Ordinal);
        var free = new HashSet<string>(StringComparer.Ordinal);
        FreeIn(s.Left, [], free);
        FreeIn(s.Right, [], free);
        var moving = s.FreeVariables.Where(v => free.Contains(v) && !held.Contains(v) && !heldPlain.Contains(Plain(v)) && !s.Tags.Contains(v)).ToList();
        if (moving.Count == 0) return null;
        // The clearest of a few second points: a change well above the quadrature's error, never one at its edge.
        (double Change, double Second, Dictionary<string, double> At)? best = null;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var other = new Dictionary<string, double>(env, StringComparer.Ordinal);
            foreach (var v in moving) other[v] = -2 + 4 * random.NextDouble();
            var l2 = evaluator.Eval(s.Left, other);
            var r2 = evaluator.Eval(s.Right, other);
            if (!IsFinite(l2) || !IsFinite(r2)) continue;
            var change = Math.Abs(difference - (l2 - r2)) / (1 + Math.Abs(difference) + Math.Abs(l2 - r2));
            if (best is null || change > best.Value.Change) best = (change, l2 - r2, other);
        }
        if (best is not { } clear || clear.Change <= 10 * RefuteTolerance) return null;
        var named = string.Join(", ", names.OrderBy(n => n, StringComparer.Ordinal));
        return "the two sides differ in a random model, and no choice of " + named + " (defined here for another shape only) repairs it: "
            + named + " enters only as a logarithm added to the rest, at arguments that stay the same between two points where the difference of the sides is "
            + AbstractModel.F(difference) + " and " + AbstractModel.F(clear.Second) + " (only " + string.Join(", ", moving) + " changed: "
            + string.Join(", ", moving.Select(v => v + " = " + AbstractModel.F(env[v]) + " then " + AbstractModel.F(clear.At[v]))) + ")";
    }

    /// <summary>
    /// The node is A + Σ c·log v in the arbitrary densities' values v (c numbers), their calls' arguments bound by no
    /// integral around them (<paramref name="bound"/>); the calls are collected.
    /// </summary>
    private static bool LogAdditive(Node node, HashSet<string> arbitrary, HashSet<string> bound, List<Factor> calls)
    {
        if (!Uses(node, arbitrary)) return true;
        switch (node)
        {
            case Add a:
                return LogAdditive(a.A, arbitrary, bound, calls) && LogAdditive(a.B, arbitrary, bound, calls);
            case Mul { A: Const } m:
                return LogAdditive(m.B, arbitrary, bound, calls);
            case Mul { B: Const } m:
                return LogAdditive(m.A, arbitrary, bound, calls);
            // ∫ f(z | …) body dz with f a density of z alone: E_f[A + c log v] = E_f[A] + c log v.
            case Integrate { OverSamples: false, Body: Mul { A: Density { Factor: var law }, B: var body } } i
                when !arbitrary.Contains(law.Model) && law.Variables.Count == 1 && law.Variables[0] == i.Variable:
                return LogAdditive(body, arbitrary, new HashSet<string>(bound.Append(i.Variable), StringComparer.Ordinal), calls);
            case Log l:
                return LogOfProduct(l.A, arbitrary, bound, calls);
            default:
                return false;
        }
    }

    /// <summary>log(u·v/w): the arbitrary densities only as whole factors of the product or quotient under the log.</summary>
    private static bool LogOfProduct(Node node, HashSet<string> arbitrary, HashSet<string> bound, List<Factor> calls)
    {
        switch (node)
        {
            case Density { Factor: var f } when arbitrary.Contains(f.Model):
                if (f.Variables.Concat(f.Given).Any(bound.Contains)) return false;
                calls.Add(f);
                return true;
            case Mul m:
                return LogOfProduct(m.A, arbitrary, bound, calls) && LogOfProduct(m.B, arbitrary, bound, calls);
            case Div d:
                return LogOfProduct(d.A, arbitrary, bound, calls) && LogOfProduct(d.B, arbitrary, bound, calls);
            default:
                return !Uses(node, arbitrary);
        }
    }

    private static bool Uses(Node node, HashSet<string> arbitrary) =>
        // A node this check does not know: counted as using them, so nothing is concluded.
        AnyDensity(node, f => arbitrary.Contains(f.Model), unknown: true);

    /// <summary>
    /// Whether a density whose factor satisfies <paramref name="hit"/> occurs in the numeric tree; <paramref name="unknown"/>
    /// answers for a node the walk does not know, and <paramref name="enters"/> (all by default) says which integrals it looks into.
    /// </summary>
    private static bool AnyDensity(Node node, Func<Factor, bool> hit, bool unknown, Func<Integrate, bool>? enters = null)
    {
        bool In(Node n) => AnyDensity(n, hit, unknown, enters);
        return node switch
        {
            Density d => hit(d.Factor),
            Add a => In(a.A) || In(a.B),
            Mul m => In(m.A) || In(m.B),
            Div d => In(d.A) || In(d.B),
            Pow p => In(p.A) || In(p.B),
            Log l => In(l.A),
            Exp e => In(e.A),
            Integrate i => (enters?.Invoke(i) ?? true) && In(i.Body),
            SampleSum ss => In(ss.Body),
            Const or Var => false,
            _ => unknown,
        };
    }

    /// <summary>min_w f and min_w g (max, sup, inf), one operator over the same variable written the same way: a value step.</summary>
    private static (Operator Left, Operator Right)? ExtremePair(SyntaxNode left, ParseResult leftParsed, SyntaxNode right, ParseResult rightParsed) =>
        left is Operator { Name: "min" or "max" or "sup" or "inf", Over: null } lo && right is Operator { Over: null } ro && ro.Name == lo.Name
        && (lo.Under is null ? ro.Under is null : ro.Under is not null && Atom(lo.Under, leftParsed) == Atom(ro.Under, rightParsed))
            ? (lo, ro) : null;

    /// <summary>
    /// min_w f = min_w g is a statement about values: it holds when f = g at every w (confirmed when the objectives agree in
    /// random models). Objectives that differ decide nothing (the extremes may still agree, and SymKl does not compute
    /// them), so a value step is never refuted; null when the objectives do not read, for the other checks.
    /// </summary>
    private static Verdict? DecideExtremeValues(Operator left, ParseResult leftParsed, Operator right, ParseResult rightParsed, Func<string, bool> isDefined, int seed, CancellationToken cancellation)
    {
        var statement = Statement.Read(left.Operand, leftParsed, right.Operand, rightParsed, isDefined);
        if (statement is null) return null;
        var objectives = DecideRelation(statement, Relation.Equal, mayRefute: true, seed, cancellation);
        var over = left.Under is null ? "" : "_" + Atom(left.Under, leftParsed);
        return objectives?.Kind switch
        {
            VerdictKind.Confirmed or VerdictKind.Proved => objectives with
            {
                Kind = VerdictKind.Confirmed,
                Reason = "the two objectives are equal (" + objectives.Reason + "), so their " + left.Name + over + " are equal",
                Counterexample = null,
            },
            VerdictKind.Refuted => Undecided("the two objectives differ (" + objectives.Reason + "), so the two values " + left.Name + over
                + " need not be equal: a value step holds when the objectives are equal at every point (the same optimisers are not enough), "
                + "and SymKl does not compute the extremes to refute it"),
            _ => null,
        };
    }

    /// <summary>
    /// argmax_θ f = argmax_θ g holds when f and g have the same maximisers, which they have when g is a strictly
    /// increasing function of f (log, a positive factor, an added term free of θ; argmax f = argmin −f). That is checked
    /// as order: at pairs of θ values, f and g must rise and fall together (oppositely for argmax = argmin). Values are
    /// never compared; objectives that order θ differently are unsupported (their maximisers may still coincide).
    /// </summary>
    private static Verdict? DecideArgmax(Statement s, Operator left, Operator right, int seed, CancellationToken cancellation)
    {
        var theta = s.OptimisedVariable;
        if (theta is null) return null;
        var sign = left.Name == right.Name ? 1 : -1;
        var random = new Random(seed ^ 0x4A6D);
        var evaluator = s.NewEvaluator(cancellation);
        var pairs = 0;
        // The terms of the left objective, for a difference free of θ (a dropped term); null when it does not expand.
        var leftTerms = AdditiveTerms(s.Left);
        // And the right objective's E_P[log P] terms (the entropy inside a KL or an entropy it names) and terms without a
        // density (a number, log 2πσ²): terms it may add. E(1/log \hat{p}) written in is neither.
        var entropyTerms = AdditiveTerms(s.Right)?.Where(t => IsEntropyShaped(t.Term) || !HasDensity(t.Term)).Select(t => (Coefficient: -sign * t.Coefficient, t.Term)).ToList();
        if (leftTerms is not null && entropyTerms is not null) leftTerms = [.. leftTerms, .. entropyTerms];
        else leftTerms = null;
        var constantDifference = true;
        var droppedTerm = true;
        for (var m = 0; m < Models; m++)
        {
            evaluator.Model = AbstractModel.Random(s.Joints, s.Discrete, random, mixtures: m % 2 == 1);
            for (var k = 0; k < 2; k++)
            {
                var env = s.RandomPoint(random);
                var thetas = Enumerable.Range(0, 7).Select(_ => -2 + 4 * random.NextDouble()).ToArray();
                var f = new double[thetas.Length];
                var g = new double[thetas.Length];
                var termValues = leftTerms is null ? null : new double[leftTerms.Count, thetas.Length];
                for (var i = 0; i < thetas.Length; i++)
                {
                    env[theta] = thetas[i];
                    f[i] = evaluator.Eval(s.Left, env);
                    g[i] = evaluator.Eval(s.Right, env);
                    if (termValues is not null)
                        for (var t = 0; t < leftTerms!.Count; t++) termValues[t, i] = leftTerms[t].Coefficient * evaluator.Eval(leftTerms[t].Term, env);
                }
                if (constantDifference && droppedTerm)
                    (constantDifference, droppedTerm) = DifferenceIsDropped(f, g, sign, termValues);
                for (var i = 0; i < thetas.Length; i++)
                    for (var j = i + 1; j < thetas.Length; j++)
                    {
                        if (!IsFinite(f[i]) || !IsFinite(f[j]) || !IsFinite(g[i]) || !IsFinite(g[j])) continue;
                        var df = f[i] - f[j];
                        var dg = sign * (g[i] - g[j]);
                        // Ties relative to the values compared: a likelihood ∏ p(x_i) of size 10⁻⁴ orders θ as its logarithm does.
                        var tf = AgreeTolerance * Math.Max(Math.Abs(f[i]), Math.Abs(f[j])) + 1e-300;
                        var tg = AgreeTolerance * Math.Max(Math.Abs(g[i]), Math.Abs(g[j])) + 1e-300;
                        pairs++;
                        var sf = Math.Abs(df) <= tf ? 0 : Math.Sign(df);
                        var sg = Math.Abs(dg) <= tg ? 0 : Math.Sign(dg);
                        if (sf == sg) continue;
                        return Undecided("the two objectives order " + theta + " differently (at " + theta + " = " + AbstractModel.F(thetas[i]) + " and " + AbstractModel.F(thetas[j])
                            + " one " + (sign > 0 ? "rises while the other falls" : "and the negative of the other disagree") + "), so they need not have the same "
                            + (left.Name == "argmax" ? "maximisers" : "minimisers") + "; SymKl does not search for them");
                    }
            }
        }
        if (pairs < 20) return null;
        // argmin E(log 1/p_θ) = argmin E(log(\hat{p}/p_θ) + 1/log \hat{p}): the same minimisers, but the objective was rewritten and
        // changed by an amount free of θ that is no term the step drops; a reader marks that rewrite wrong, so it is not confirmed.
        if (constantDifference && !droppedTerm)
            return Undecided("the two objectives differ by an amount free of " + theta + " (so they have the same " + (left.Name == "argmax" ? "maximisers" : "minimisers")
                + "), but that amount is not a term of the left objective that the step drops: the objective was rewritten and its value changed, which the "
                + left.Name + " hides; SymKl does not confirm such a rewrite");
        return new Verdict(VerdictKind.Confirmed,
            "the two objectives order " + theta + " the same way at " + pairs.ToString(CultureInfo.InvariantCulture) + " pairs of values in random models"
            + (sign < 0 ? " (one the negative of the other's order, as argmax f = argmin −f)" : "")
            + ", as a strictly increasing transform, a positive factor or an added term free of " + theta + " does, so they have the same "
            + (left.Name == "argmax" ? "maximisers" : "minimisers") + " (their values are not compared)",
            null, null, pairs);
    }

    /// <summary>E_P[log P]: ∫ P log P over P's variables, as a KL or an entropy expands.</summary>
    private static bool IsEntropyShaped(Node n)
    {
        while (n is Integrate i) n = i.Body;
        return n is Mul { A: Density weight, B: Log { A: Density inner } } && weight.Factor.Key == inner.Factor.Key;
    }

    private static bool HasDensity(Node n) => Any(n, x => x is Density);

    private const int MaxTerms = 16;
    private const int MaxFreeTerms = 10;

    /// <summary>
    /// Whether f − sign·g is the same at every θ (a difference free of θ) and, when it is and is not 0, whether it is the sum
    /// of some of the given terms that do not change with θ (the left objective's terms the step drops, the negated entropy
    /// terms the right one's KL or entropy adds). Unknown terms: not dropped.
    /// </summary>
    private static (bool Constant, bool Dropped) DifferenceIsDropped(double[] f, double[] g, int sign, double[,]? terms)
    {
        var n = f.Length;
        var d = new double[n];
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            // No value here: no evidence either way.
            if (!IsFinite(f[i]) || !IsFinite(g[i])) return (true, true);
            d[i] = f[i] - sign * g[i];
            scale = Math.Max(scale, Math.Max(Math.Abs(f[i]), Math.Abs(g[i])));
        }
        var tolerance = 1e-6 * (scale + 1e-12);
        for (var i = 1; i < n; i++)
            if (Math.Abs(d[i] - d[0]) > tolerance) return (false, true);
        if (Math.Abs(d[0]) <= tolerance) return (true, true);
        if (terms is null) return (true, false);
        // The left objective's terms that are free of θ, at the first θ value.
        var free = new List<double>();
        for (var t = 0; t < terms.GetLength(0); t++)
        {
            var constant = true;
            for (var i = 0; i < n && constant; i++)
                constant = IsFinite(terms[t, i]) && Math.Abs(terms[t, i] - terms[t, 0]) <= 1e-6 * (Math.Abs(terms[t, 0]) + scale + 1e-12);
            if (constant) free.Add(terms[t, 0]);
        }
        if (free.Count > MaxFreeTerms) return (true, false);
        for (var mask = 1; mask < 1 << free.Count; mask++)
        {
            var sum = 0.0;
            for (var t = 0; t < free.Count; t++) if ((mask & (1 << t)) != 0) sum += free[t];
            if (Math.Abs(sum - d[0]) <= tolerance) return (true, true);
        }
        return (true, false);
    }

    /// <summary>
    /// An objective as a sum of terms: sums split, constant factors, E, Σ over samples and ∫ distributed over the terms
    /// of their body, log of a product or quotient split; null past <see cref="MaxTerms"/> terms.
    /// </summary>
    private static List<(double Coefficient, Node Term)>? AdditiveTerms(Node node)
    {
        var terms = Split(node, 1.0);
        return terms is null || terms.Count > MaxTerms ? null : terms;

        static List<(double, Node)>? Split(Node n, double c)
        {
            List<(double, Node)>? Map(Node inner, Func<Node, Node> wrap, double k = 1.0) =>
                Split(inner, c * k) is { } parts ? parts.Select(p => (p.Item1, wrap(p.Item2))).ToList() : null;
            List<(double, Node)>? Join(List<(double, Node)>? a, List<(double, Node)>? b) =>
                a is null || b is null || a.Count + b.Count > MaxTerms ? null : [.. a, .. b];
            return n switch
            {
                Add a => Join(Split(a.A, c), Split(a.B, c * a.Sign)),
                Mul { A: Const k } m => Split(m.B, c * k.Value),
                Mul { B: Const k } m => Split(m.A, c * k.Value),
                Div { B: Const k } d when k.Value != 0 => Split(d.A, c / k.Value),
                Mul m when IsSum(m.B) => Map(m.B, t => new Mul(m.A, t)),
                Mul m when IsSum(m.A) => Map(m.A, t => new Mul(t, m.B)),
                Div d when IsSum(d.A) => Map(d.A, t => new Div(t, d.B)),
                Log { A: Div q } => Join(Split(new Log(q.A), c), Split(new Log(q.B), -c)),
                Log { A: Mul q } => Join(Split(new Log(q.A), c), Split(new Log(q.B), c)),
                Integrate i when IsSum(i.Body) => Map(i.Body, t => new Integrate(i.Variable, t, i.OverSamples)),
                SampleSum { Product: false } ss when IsSum(ss.Body) => Map(ss.Body, t => new SampleSum(ss.Index, t, false)),
                _ => [(c, n)],
            };
        }

        // Whether a node splits into more than one term.
        static bool IsSum(Node n) => n switch
        {
            Add => true,
            Mul { A: Const } m => IsSum(m.B),
            Mul { B: Const } m => IsSum(m.A),
            Mul m => IsSum(m.A) || IsSum(m.B),
            Div d => IsSum(d.A),
            Log { A: Div or Mul } => true,
            Integrate i => IsSum(i.Body),
            SampleSum { Product: false } ss => IsSum(ss.Body),
            _ => false,
        };
    }

    /// <summary>
    /// ∫ p(y | θ) p(θ | x) dθ: a density conditioned on an integrated variable that omits a variable free in the
    /// statement relies on a conditional independence (y ⊥ x | θ) that a random joint does not have.
    /// </summary>
    /// <summary>
    /// p and P (or q and Q) both applied in one statement: many texts write P(X) and p(x) for one law, so a failure in a model
    /// that gives each its own joint shows no mistake; "p and P" then, else null.
    /// </summary>
    private static string? TwoCases(Statement s)
    {
        var names = s.Joints.Select(j => j.Name).Distinct(StringComparer.Ordinal).ToList();
        foreach (var a in names)
            foreach (var b in names)
                if (string.CompareOrdinal(a, b) < 0 && string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
                    return b + " and " + a;
        return null;
    }

    private static bool AssumesIndependence(Statement s)
    {
        var free = new HashSet<string>(StringComparer.Ordinal);
        FreeIn(s.Left, [], free);
        FreeIn(s.Right, [], free);
        return Omits(s.Left, [], free) || Omits(s.Right, [], free);
    }

    private static bool Omits(Node node, HashSet<string> bound, HashSet<string> free) => node switch
    {
        Density d => d.Factor.Given.Any(bound.Contains) && free.Any(v => !d.Factor.Variables.Contains(v) && !d.Factor.Given.Contains(v)),
        Add a => Omits(a.A, bound, free) || Omits(a.B, bound, free),
        Mul m => Omits(m.A, bound, free) || Omits(m.B, bound, free),
        Div d => Omits(d.A, bound, free) || Omits(d.B, bound, free),
        Pow p => Omits(p.A, bound, free) || Omits(p.B, bound, free),
        Log l => Omits(l.A, bound, free),
        Exp e => Omits(e.A, bound, free),
        Integrate i => Omits(i.Body, new HashSet<string>(bound.Append(i.Variable), StringComparer.Ordinal), free),
        SampleSum s => Omits(s.Body, bound, free),
        _ => false,
    };

    /// <summary>The variables a tree uses outside the integrals that bind them.</summary>
    private static void FreeIn(Node node, HashSet<string> bound, HashSet<string> free)
    {
        switch (node)
        {
            case Var v when !bound.Contains(v.Name): free.Add(v.Name); break;
            case Density d: foreach (var v in d.Factor.Variables.Concat(d.Factor.Given)) if (!bound.Contains(v)) free.Add(v); break;
            case Add a: FreeIn(a.A, bound, free); FreeIn(a.B, bound, free); break;
            case Mul m: FreeIn(m.A, bound, free); FreeIn(m.B, bound, free); break;
            case Div d: FreeIn(d.A, bound, free); FreeIn(d.B, bound, free); break;
            case Pow p: FreeIn(p.A, bound, free); FreeIn(p.B, bound, free); break;
            case Log l: FreeIn(l.A, bound, free); break;
            case Exp e: FreeIn(e.A, bound, free); break;
            case Integrate i: FreeIn(i.Body, new HashSet<string>(bound.Append(i.Variable), StringComparer.Ordinal), free); break;
            case SampleSum s: FreeIn(s.Body, new HashSet<string>(bound.Append(s.Index), StringComparer.Ordinal), free); break;
        }
    }

    private static Verdict Undecided(string reason) => new(VerdictKind.Unsupported, reason, null, null, 0);

    /// <summary>
    /// z_j inside 𝔼_{q(z)}[…] or ∫ … dz: a component of the variable the expectation or integral runs over. The random models
    /// give each written variable a law of its own, so they would hold z_j fixed while z varies (𝔼_{q(z)}[log p(x, z_j)]
    /// = log p(x, z_j) "agrees" in every model), which no reader means. The reason when one is found, else null.
    /// </summary>
    internal static string? ComponentUnderBinder(SyntaxNode root, ParseResult parsed)
    {
        foreach (var n in Walk(root))
        {
            var (bound, body) = n switch
            {
                LatexExpectation e => (LawVariables(e.Subscript), (SyntaxNode?)e.Body),
                LatexIntegral i => (i.Differentials.Select(d => d.Variable).OfType<Identifier>().ToList(), i.Body),
                _ => ([], null),
            };
            if (body is null) continue;
            var whole = bound.Where(v => v.Subscript is null).ToList();
            if (whole.Count == 0) continue;
            foreach (var id in Walk(body).OfType<Identifier>())
            {
                // z_0, x_0: a given point (a prior mean, the data), not a component.
                if (id.Subscript is not null && id.Subscript is not Number { Text: "0" } && whole.Any(v => v.Name == id.Name && v.Style == id.Style && v.Accent == id.Accent && v.Decoration == id.Decoration && v.Primes == id.Primes))
                    return "it holds " + parsed.GetText(id.Span).Trim() + ", a component of the variable " + parsed.GetText(whole.First(v => v.Name == id.Name).Span).Trim()
                        + " that an expectation or integral there runs over; the random models would take it for a variable of its own, so they cannot tell";
            }
        }
        return null;
    }

    /// <summary>The variables a law in an expectation's subscript is over: z in q(z), q(z | x) (not x), z in z ∼ q.</summary>
    private static List<Identifier> LawVariables(SyntaxNode? subscript)
    {
        var found = new List<Identifier>();
        if (subscript is null) return found;
        foreach (var n in Walk(subscript))
        {
            if (n is Call call)
            {
                for (var k = 0; k < call.Arguments.Count; k++)
                {
                    if (call.Arguments[k] is Identifier v) found.Add(v);
                    if (k < call.Separators.Count && call.Separators[k].Text is "|" or ";") break;
                }
            }
            else if (n is LatexRelation { Operands: [Identifier drawn, ..], Operators: [{ Kind: RelationKind.Sim }, ..] }) found.Add(drawn);
        }
        return found;
    }

    private static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);

    /// <summary>Every node of a syntax tree, the root first (bounded: 100,000 nodes).</summary>
    internal static IEnumerable<SyntaxNode> Walk(SyntaxNode root)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(root);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 100_000)
        {
            var n = pending.Pop();
            yield return n;
            foreach (var c in n.Children()) pending.Push(c);
        }
    }

    // ------------------------------------------------------------------ names

    /// <summary>
    /// p, q, P, Q (with accents, subscripts, stars), and \mathcal{P}, \mathbb{P}, \mathscr{P} (a law written in another
    /// alphabet), that the document does not define and that are no family.
    /// </summary>
    internal static bool IsDensityName(Identifier id, ParseResult parsed, Func<string, bool> isDefined)
    {
        if (id.Name is not ("p" or "q" or "P" or "Q")) return false;
        if (id.Style is not (NameStyle.Normal or NameStyle.Italic or NameStyle.Roman)
            && !(id.Name == "P" && id.Style is NameStyle.Calligraphic or NameStyle.Blackboard or NameStyle.Script)) return false;
        var name = MathBinder.FunctionName(id, parsed);
        return !isDefined(name) && Families.Find(name) is null;
    }

    /// <summary>θ in p_θ(x) or p(x; θ): a Greek subscript (or the one name after ';') that is not itself an argument.</summary>
    private static string? ParameterTag(Identifier id, Call call, ParseResult parsed)
    {
        var semicolon = call.Separators.ToList().FindIndex(s => s.Text == ";");
        if (semicolon >= 0)
            return semicolon == call.Arguments.Count - 2 && call.Arguments[call.Arguments.Count - 1] is Identifier t ? Atom(t, parsed) : null;
        if (id.Subscript is Identifier { IsGreek: true } sub)
        {
            var tag = Atom(sub, parsed);
            return call.Arguments.Any(a => Atom(a, parsed) == tag) ? null : tag;
        }
        return null;
    }

    /// <summary>The source text of a node without white space (a name as written: p_\theta, q(z|x)).</summary>
    /// <summary>
    /// A density's variables (a run x_1, \ldots, x_d is one, x_{1:d}), their letters and the separators between them, the
    /// parameter after ';' left out; null when an argument is not a name.
    /// </summary>
    private static (List<string> Atoms, List<string> Letters, List<string> Separators)? DensityArguments(Call call, ParseResult parsed)
    {
        if (ArgumentRuns.ReadWithLetters(call, parsed) is not var (atoms, letters, separators)) return null;
        if (separators.FindIndex(s => s == ";") is var semi and >= 0)
        {
            // p(x; \mu, \Sigma): several parameters, whose names may carry their meaning (the mean, the covariance); a random
            // joint over x and \mu would make them variables. The models do not read it.
            if (semi != separators.Count - 1) return null;
            atoms.RemoveAt(atoms.Count - 1);
            letters.RemoveAt(letters.Count - 1);
            separators.RemoveAt(semi);
        }
        return (atoms, letters, separators);
    }

    internal static string Atom(SyntaxNode node, ParseResult parsed) =>
        new(FontArgument.Replace(parsed.GetText(node.Span), "$1{$2}").Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>\mathbf x and \mathbf{x} are one name: a font or accent command's bare one-letter argument gets its braces.</summary>
    private static readonly System.Text.RegularExpressions.Regex FontArgument =
        new(@"(\\(?:mathbf|boldsymbol|bm|pmb|mathrm|mathit|mathsf|mathcal|mathbb|vec|hat|tilde|bar))\s+([A-Za-z0-9])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>\hat{p}, \tilde{p} (not defined by the document): the empirical distribution of the data.</summary>
    internal static bool IsEmpiricalName(Identifier id, ParseResult parsed, Func<string, bool> isDefined) =>
        id is { Name: "p" or "P", Accent: "hat" or "tilde", Subscript: null, Primes: 0, Decoration: null } && IsDensityName(id, parsed, isDefined);

    /// <summary>One key for every spelling of the empirical law (\hat p, \hat{p}, \tilde{p}): the data's one distribution.</summary>
    internal static string EmpiricalKey(Identifier id) => "\\hat{" + id.Name.ToLowerInvariant() + "}";

    /// <summary>KL, D_{KL} or H: the divergence and entropies the model check reads.</summary>
    internal static bool IsInformationOperator(Identifier id) => IsKl(id) || id is { Name: "H", Subscript: null };

    // D with another subscript (D_{\chi^2}, D_f, D_{JS}) is another divergence, which the model check does not evaluate.
    private static bool IsKl(Identifier id) => Latex.Binding.ExprBinder.IsKlName(id);

    // ------------------------------------------------------------------ the statement's model

    /// <summary>One density factor of a law or a term: the model name, its variables and the conditioning ones.</summary>
    private sealed record Factor(string Model, IReadOnlyList<string> Variables, IReadOnlyList<string> Given)
    {
        public string Key => Model + "(" + string.Join(",", Variables) + "|" + string.Join(",", Given) + ")";
    }

    private sealed class Statement
    {
        public Node Left { get; init; } = null!;
        public Node Right { get; init; } = null!;
        public List<(string Name, IReadOnlyList<string> Variables, string? Tag)> Joints { get; init; } = [];
        public List<string> FreeVariables { get; init; } = [];
        public List<string> FreeParameters { get; init; } = [];
        public bool Discrete { get; init; }
        public bool HasIntegrals { get; init; }
        public int Depth { get; init; }

        /// <summary>Two variables written with one letter (x_0 and x_{0:T}, \boldsymbol{x} and x_1): they may be parts of one another.</summary>
        public string? Related { get; init; }
        public string? OptimisedVariable { get; init; }

        public Dictionary<string, double> RandomPoint(Random random)
        {
            var env = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var v in FreeVariables)
                env[v] = Discrete && !Tags.Contains(v) ? AbstractModel.DiscreteSupport[random.Next(AbstractModel.DiscreteSupport.Length)] : -1.5 + 3 * random.NextDouble();
            foreach (var p in FreeParameters) env[p] = -1.5 + 3 * random.NextDouble();
            if (Samples.Letters.Count > 0)
            {
                var n = 2 + random.Next(3);
                env[Samples.CountKey] = n;
                foreach (var size in Samples.SizeNames) env[size] = n;
                foreach (var letter in Samples.Letters)
                    for (var k = 1; k <= n; k++)
                        env[Samples.Key(letter, k)] = Discrete ? AbstractModel.DiscreteSupport[random.Next(AbstractModel.DiscreteSupport.Length)] : -1.5 + 3 * random.NextDouble();
            }
            return env;
        }

        public HashSet<string> Tags { get; init; } = new(StringComparer.Ordinal);

        /// <summary>Per density name, each parameter (a name only ever behind its bar) and the variables written without it that must stay free of it.</summary>
        public Dictionary<string, IReadOnlyDictionary<string, HashSet<string>>> Independences { get; init; } = new(StringComparer.Ordinal);

        /// <summary>A density written without a parameter its other factors condition on, whose independence the models do not honour.</summary>
        public string? Unhonoured { get; init; }

        /// <summary>The sampled letters (x of x_1 … x_N) and the names of the sample size.</summary>
        public Samples Samples { get; init; } = new();

        /// <summary>A law was read by convention (P for the law of p): the statement may be confirmed, not refuted.</summary>
        public bool Guessed { get; init; }

        /// <summary>The empirical laws of the data (\hat{p}) the statement uses.</summary>
        public HashSet<string> EmpiricalLaws { get; init; } = new(StringComparer.Ordinal);

        public Evaluator NewEvaluator(CancellationToken cancellation) => new(Discrete, cancellation) { Empirical = EmpiricalLaws, Letters = Samples.Letters };

        /// <summary>The sample values of an evaluation, for a reader to reproduce a counterexample.</summary>
        public string DescribeSamples(Dictionary<string, double> env)
        {
            if (!env.TryGetValue(Samples.CountKey, out var n)) return "";
            return "; samples " + string.Join(", ", Samples.Letters.OrderBy(l => l, StringComparer.Ordinal).Select(l =>
                l + "_1 … " + l + "_" + ((int)n).ToString(CultureInfo.InvariantCulture) + " = (" + string.Join(", ", Enumerable.Range(1, (int)n).Select(k => AbstractModel.F(env[Samples.Key(l, k)]))) + ")"));
        }

        public static Statement? Read(SyntaxNode left, ParseResult leftParsed, SyntaxNode right, ParseResult rightParsed, Func<string, bool> isDefined, SequenceInstance? sequence = null)
        {
            // With a sequence written out, x_{0:T} is its components and only letters it does not know may be parts of one another.
            List<string> Expand(IEnumerable<string> atoms) => sequence is null ? atoms.ToList() : atoms.SelectMany(sequence.Expand).ToList();
            // Sums and products over the samples x_1 … x_N (Σ_i log p_θ(x_i)): x_i is the variable x at the i-th sample.
            var samples = new Samples();
            if (!samples.Find([(left, leftParsed), (right, rightParsed)], optimisation: IsArgOperator(left) && IsArgOperator(right))) return null;
            // Every application of a density, for the models and for resolving bare names (q in E_q, KL(q ‖ p)).
            var uses = new List<(string Base, string? Tag, List<string> Variables, List<string> Given)>();
            var letters = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var empirical = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (node, parsed) in new[] { (left, leftParsed), (right, rightParsed) })
                foreach (var n in Walk(node))
                {
                    if (n is Identifier bare && IsEmpiricalName(bare, parsed, isDefined) && !empirical.ContainsKey(EmpiricalKey(bare)))
                        empirical[EmpiricalKey(bare)] = new HashSet<string>(StringComparer.Ordinal);
                    if (n is not Call { Callee: Identifier id } call || !IsDensityName(id, parsed, isDefined)) continue;
                    var tag = ParameterTag(id, call, parsed);
                    if (DensityArguments(call, parsed) is not var (atoms, argumentLetters, separators)) return null;
                    if (separators.Any(s => s is not ("," or "|")) || separators.Count(s => s == "|") > 1) return null;
                    for (var a = 0; a < atoms.Count; a++)
                    {
                        if (sequence is not null && sequence.Knows(samples.VariableOf(atoms[a]))) continue;
                        if (!letters.TryGetValue(argumentLetters[a], out var spellings)) letters[argumentLetters[a]] = spellings = new HashSet<string>(StringComparer.Ordinal);
                        spellings.Add(samples.VariableOf(atoms[a]));
                    }
                    var bar = separators.FindIndex(s => s == "|");
                    var names = atoms.Select(samples.VariableOf).ToList();
                    if (IsEmpiricalName(id, parsed, isDefined))
                    {
                        // The empirical law of the data: one variable, nothing conditioned, no model of its own.
                        if (bar >= 0 || names.Count != 1 || tag is not null) return null;
                        if (!empirical.TryGetValue(EmpiricalKey(id), out var seen)) empirical[EmpiricalKey(id)] = seen = new HashSet<string>(StringComparer.Ordinal);
                        seen.Add(names[0]);
                        continue;
                    }
                    var left0 = Expand(bar < 0 ? names : names.Take(bar + 1));
                    var given = Expand(bar < 0 ? [] : names.Skip(bar + 1));
                    if (left0.Concat(given).Distinct(StringComparer.Ordinal).Count() != left0.Count + given.Count) return null;
                    uses.Add((BaseName(id, parsed, tag is not null && call.Separators.All(s => s.Text != ";")), tag, left0, given));
                }
            // A bare p_θ beside the empirical law (KL(\hat{p} ‖ p_θ)) is a density of the data's one variable.
            if (empirical.Count > 0)
            {
                var known = uses.SelectMany(u => u.Variables.Concat(u.Given)).Concat(empirical.Values.SelectMany(v => v)).Concat(samples.Letters).Distinct(StringComparer.Ordinal).ToList();
                // Only bare names (H(\hat{p}, p_θ) = KL(\hat{p} ‖ p_θ) + H(\hat{p})): one variable x, bound wherever it is used.
                if (known.Count == 0 && !new[] { (left, leftParsed), (right, rightParsed) }.Any(side => Walk(side.Item1).OfType<Identifier>().Any(i => Atom(i, side.Item2) == "x")))
                {
                    known.Add("x");
                    foreach (var kv in empirical) kv.Value.Add("x");
                }
                if (known.Count == 1)
                    foreach (var (node, parsed) in new[] { (left, leftParsed), (right, rightParsed) })
                    {
                        var callees = new HashSet<int>(Walk(node).OfType<Call>().Select(c => c.Callee.Span.Start));
                        foreach (var bare in Walk(node).OfType<Identifier>())
                        {
                            if (callees.Contains(bare.Span.Start) || !IsDensityName(bare, parsed, isDefined) || IsEmpiricalName(bare, parsed, isDefined)) continue;
                            var tag = bare.Subscript is Identifier { IsGreek: true } sub ? Atom(sub, parsed) : null;
                            var baseName = BaseName(bare, parsed, tag is not null);
                            if (!uses.Any(u => u.Base == baseName)) uses.Add((baseName, tag, [known[0]], []));
                        }
                    }
            }
            // One parameter tag per base name joins the untagged uses (p_θ(x, z) and the prior p(z) are one model).
            var modelOf = new Dictionary<(string, string?), string>();
            foreach (var group in uses.GroupBy(u => u.Base))
            {
                var groupTags = group.Select(u => u.Tag).Where(t => t is not null).Distinct().ToList();
                foreach (var u in group)
                    modelOf[(u.Base, u.Tag)] = groupTags.Count == 1 ? group.Key : u.Tag is null ? group.Key : group.Key + "_" + u.Tag;
            }
            var joints = new Dictionary<string, (List<string> Vars, string? Tag)>(StringComparer.Ordinal);
            var shapes = new Dictionary<string, List<Factor>>(StringComparer.Ordinal);
            foreach (var u in uses)
            {
                var model = modelOf[(u.Base, u.Tag)];
                var tagsOfBase = uses.Where(v => v.Base == u.Base).Select(v => v.Tag).Where(t => t is not null).Distinct().ToList();
                var tag = tagsOfBase.Count == 1 ? tagsOfBase[0] : u.Tag;
                if (!joints.TryGetValue(model, out var j)) joints[model] = j = ([], tag);
                foreach (var v in u.Variables.Concat(u.Given)) if (!j.Vars.Contains(v)) j.Vars.Add(v);
                var f = new Factor(model, u.Variables, u.Given);
                if (!shapes.TryGetValue(model, out var list)) shapes[model] = list = [];
                if (!list.Any(x => x.Key == f.Key)) list.Add(f);
            }
            if (joints.Count == 0 && empirical.Count == 0 && !(IsArgOperator(left) && IsArgOperator(right))) return null;
            // An empirical law's variable: its own argument, else the one sampled letter, else the one variable of the models.
            var allVariables = joints.Values.SelectMany(j => j.Vars).Distinct(StringComparer.Ordinal).ToList();
            var empiricalOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var kv in empirical)
            {
                var candidates = kv.Value.Count > 0 ? kv.Value.ToList() : samples.Letters.Count > 0 ? samples.Letters.ToList() : allVariables;
                if (candidates.Count != 1) return null;
                empiricalOf[kv.Key] = candidates[0];
                samples.Letters.Add(candidates[0]);
            }
            if (joints.Values.Any(j => j.Vars.Count > 6 || (j.Tag is not null && j.Vars.Contains(j.Tag)))) return null;
            // q(z) beside q(z | x): the variational density abbreviated, or another density? Not decided.
            foreach (var kv in shapes)
                if (kv.Key.StartsWith("q", StringComparison.OrdinalIgnoreCase)
                    && kv.Value.Any(a => a.Given.Count > 0 && kv.Value.Any(b => b.Given.Count == 0 && b.Variables.All(a.Variables.Contains))))
                    return null;
            var discrete = ContainsModelSum(left, leftParsed, joints, empiricalOf) || ContainsModelSum(right, rightParsed, joints, empiricalOf)
                || new[] { (left, leftParsed), (right, rightParsed) }.Any(side => Walk(side.Item1).OfType<LatexSum>().Any(sum => samples.LatentOf(sum, side.Item2) is not null));
            var reader = new Reader(modelOf, shapes, joints.ToDictionary(kv => kv.Key, kv => kv.Value.Vars, StringComparer.Ordinal), isDefined, discrete, samples, empiricalOf, sequence)
            {
                Optimisation = IsArgOperator(left) && IsArgOperator(right),
            };
            // First pass: the laws written explicitly; an E without its law then takes the one law of the statement.
            reader.Read(left is Operator { Name: "argmax" or "argmin" } leftArg ? leftArg.Operand : left, leftParsed);
            reader.Reset();
            reader.Read(right is Operator { Name: "argmax" or "argmin" } rightArg ? rightArg.Operand : right, rightParsed);
            reader.ChooseDefaultLaw();
            reader.Reset();
            string? theta = null;
            Node? l, r;
            if (left is Operator lo && right is Operator ro && IsArgOperator(left) && IsArgOperator(right))
            {
                // argmax ∏ p_θ(x_i) without its θ written under it: over the one parameter tag of the statement's densities.
                var onlyTag = joints.Values.Select(j => j.Tag).OfType<string>().Distinct().ToList() is [var single] ? single : null;
                theta = lo.Under is null ? onlyTag : OptimisedName(lo.Under, leftParsed, modelOf);
                if (theta is null || theta != (ro.Under is null ? onlyTag : OptimisedName(ro.Under, rightParsed, modelOf))) return null;
                // argmax_{θ ∈ Θ} on both sides, written alike: objectives that order θ alike everywhere do so on Θ too. Over
                // different sets (θ on one side, θ ∈ [0, 1] on the other) the maximisers may differ: not read.
                if ((lo.Under is LatexRelation || ro.Under is LatexRelation) && (lo.Under is null || ro.Under is null || Atom(lo.Under, leftParsed) != Atom(ro.Under, rightParsed)))
                    return null;
                l = reader.Read(lo.Operand, leftParsed);
                r = reader.Read(ro.Operand, rightParsed);
            }
            else
            {
                l = reader.Read(left, leftParsed);
                r = reader.Read(right, rightParsed);
            }
            if (l is null || r is null || reader.Failed) return null;
            if (reader.Integrals > 0 && discrete) return null;
            var variables = allVariables.Concat(empiricalOf.Values).Distinct(StringComparer.Ordinal).ToList();
            var tags = new HashSet<string>(joints.Values.Select(j => j.Tag).OfType<string>(), StringComparer.Ordinal);
            var parameters = reader.Parameters.Where(p => !variables.Contains(p) && !tags.Contains(p) && p != theta && !samples.SizeNames.Contains(p)).ToList();
            if (theta is not null && !tags.Contains(theta) && !variables.Contains(theta) && !reader.Parameters.Contains(theta)) return null;
            var bound = new HashSet<string>(StringComparer.Ordinal);
            BoundIn(l, bound);
            BoundIn(r, bound);
            var (independences, unhonoured) = ParameterIndependences(shapes, joints.ToDictionary(kv => kv.Key, kv => kv.Value.Tag, StringComparer.Ordinal), discrete, bound);
            return new Statement
            {
                Left = l,
                Right = r,
                Joints = [.. joints.Select(kv => (kv.Key, (IReadOnlyList<string>)kv.Value.Vars, kv.Value.Tag))],
                FreeVariables = [.. variables.Concat(tags.Where(t => !variables.Contains(t))).Where(v => v != theta)],
                FreeParameters = parameters,
                Discrete = discrete,
                HasIntegrals = reader.Integrals > 0 || reader.Sums > 0,
                Depth = reader.MaxDepth,
                Related = letters.Values.Where(v => v.Count > 1).Select(v => string.Join(" and ", v.OrderBy(x => x, StringComparer.Ordinal))).FirstOrDefault(),
                OptimisedVariable = theta,
                Tags = tags,
                Samples = samples,
                Guessed = reader.Guessed,
                EmpiricalLaws = new HashSet<string>(empiricalOf.Keys, StringComparer.Ordinal),
                Independences = independences,
                Unhonoured = unhonoured,
            };
        }

        /// <summary>
        /// θ only ever behind the bar of a density name (p(y | x, θ)) is a parameter of it, and a factor of that name written
        /// without θ (p(x)) says its variables do not depend on θ: the models must honour that (x ⊥ θ). Only factors none of
        /// whose variables a factor conditioned on θ produces are read so (p(y) beside p(y | x, θ) may abbreviate p(y | θ));
        /// any other omission, or one in a model that cannot honour it (tables, a tagged name), is reported as unhonoured.
        /// </summary>
        private static (Dictionary<string, IReadOnlyDictionary<string, HashSet<string>>> Independences, string? Unhonoured) ParameterIndependences(
            Dictionary<string, List<Factor>> shapes, Dictionary<string, string?> tags, bool discrete, HashSet<string> bound)
        {
            var result = new Dictionary<string, IReadOnlyDictionary<string, HashSet<string>>>(StringComparer.Ordinal);
            string? unhonoured = null;
            foreach (var kv in shapes)
            {
                var (model, factors) = (kv.Key, kv.Value);
                var outcomes = new HashSet<string>(factors.SelectMany(f => f.Variables), StringComparer.Ordinal);
                // Integrated or averaged over (E_{q(z)}[p(x | z)]), a name is a variable of the model, not a parameter.
                var parameters = factors.SelectMany(f => f.Given).Where(g => !outcomes.Contains(g) && !bound.Contains(g)).Distinct(StringComparer.Ordinal).ToList();
                var free = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                foreach (var theta in parameters)
                {
                    var downstream = new HashSet<string>(factors.Where(f => f.Given.Contains(theta)).SelectMany(f => f.Variables), StringComparer.Ordinal);
                    foreach (var f in factors.Where(f => !f.Given.Contains(theta)))
                    {
                        var honourable = !discrete && (!tags.TryGetValue(model, out var tag) || tag is null) && !f.Variables.Concat(f.Given).Any(downstream.Contains);
                        if (!honourable)
                        {
                            unhonoured ??= Written(f) + " beside a factor conditioned on " + theta;
                            continue;
                        }
                        if (!free.TryGetValue(theta, out var set)) free[theta] = set = new HashSet<string>(StringComparer.Ordinal);
                        set.UnionWith(f.Variables.Concat(f.Given));
                    }
                }
                if (free.Count > 0) result[model] = free;
            }
            return (result, unhonoured);
        }

        /// <summary>The variables integrals and expectations of a tree bind.</summary>
        private static void BoundIn(Node node, HashSet<string> bound)
        {
            switch (node)
            {
                case Integrate i: bound.Add(i.Variable); BoundIn(i.Body, bound); break;
                case Add a: BoundIn(a.A, bound); BoundIn(a.B, bound); break;
                case Mul m: BoundIn(m.A, bound); BoundIn(m.B, bound); break;
                case Div d: BoundIn(d.A, bound); BoundIn(d.B, bound); break;
                case Pow p: BoundIn(p.A, bound); BoundIn(p.B, bound); break;
                case Log l: BoundIn(l.A, bound); break;
                case Exp e: BoundIn(e.A, bound); break;
                case SampleSum s: BoundIn(s.Body, bound); break;
            }
        }

        private static string Written(Factor f) => f.Model + "(" + string.Join(", ", f.Variables) + (f.Given.Count == 0 ? "" : " | " + string.Join(", ", f.Given)) + ")";

        /// <summary>θ of argmax_θ, or of argmax_{p_θ} (the model's parameter).</summary>
        private static string? OptimisedName(SyntaxNode under, ParseResult parsed, Dictionary<(string, string?), string> modelOf)
        {
            if (under is LatexRelation { Operators: [{ Kind: RelationKind.In, Negated: false }], Operands: [var element, _] }) under = element;
            if (under is Identifier { Subscript: Identifier { IsGreek: true } sub } id && id.Name is "p" or "q" or "P" or "Q") return Atom(sub, parsed);
            return under is Identifier plain ? Atom(plain, parsed) : null;
        }

        private static bool ContainsModelSum(SyntaxNode node, ParseResult parsed, Dictionary<string, (List<string> Vars, string? Tag)> joints, Dictionary<string, string> empirical) =>
            Walk(node).Any(n => n is LatexSum { Lower: Identifier v, Upper: null } && (joints.Values.Any(j => j.Vars.Contains(Atom(v, parsed))) || empirical.ContainsValue(Atom(v, parsed))));

        /// <summary>The name of a density without a parameter tag: p_θ → p, \hat{p} → \hat{p}, p_{data} → p_{data}.</summary>
        internal static string BaseName(Identifier id, ParseResult parsed, bool subscriptIsTag)
        {
            var text = Atom(id, parsed);
            if (!subscriptIsTag || id.Subscript is null) return text;
            var sub = Atom(id.Subscript, parsed);
            var at = text.LastIndexOf("_" + sub, StringComparison.Ordinal);
            if (at < 0) at = text.LastIndexOf("_{" + sub + "}", StringComparison.Ordinal);
            return at < 0 ? text : text.Substring(0, at);
        }
    }

    // ------------------------------------------------------------------ the numeric tree

    private abstract record Node;
    private sealed record Const(double Value) : Node;
    private sealed record Var(string Name) : Node;
    private sealed record Add(Node A, Node B, double Sign) : Node;
    private sealed record Mul(Node A, Node B) : Node;
    private sealed record Div(Node A, Node B) : Node;
    private sealed record Pow(Node A, Node B) : Node;
    private sealed record Log(Node A) : Node;
    private sealed record Exp(Node A) : Node;
    private sealed record Density(Factor Factor) : Node;
    /// <summary>∫ body d(variable), or, over the samples, Σ over the distinct sample values (where the empirical law has its mass).</summary>
    private sealed record Integrate(string Variable, Node Body, bool OverSamples = false) : Node;

    /// <summary>Σ_{i=1}^{N} body or ∏_{i=1}^{N} body, each sampled letter x taking its i-th sample value x_i.</summary>
    private sealed record SampleSum(string Index, Node Body, bool Product) : Node;

    /// <summary>Reads syntax into the numeric tree; any construct it does not know sets <see cref="Failed"/>.</summary>
    private sealed class Reader(
        Dictionary<(string, string?), string> modelOf,
        Dictionary<string, List<Factor>> shapes,
        Dictionary<string, List<string>> variablesOf,
        Func<string, bool> isDefined,
        bool discrete,
        Samples samples,
        Dictionary<string, string> empiricalOf,
        SequenceInstance? sequence)
    {
        /// <summary>A name as the components of a sequence written out (x_{1:T} at T = 2: x_1, x_2), else itself.</summary>
        private IReadOnlyList<string> Expand(string name) => sequence is null ? [name] : sequence.Expand(name);

        private readonly List<List<Factor>> _explicitLaws = [];
        private List<Factor>? _defaultLaw;
        private int _depth;

        public bool Failed { get; private set; }

        /// <summary>A bare P or Q was read as the law of the density p or q (a convention, not a certainty).</summary>
        public bool Guessed { get; private set; }
        public int Integrals { get; private set; }
        public int Sums { get; private set; }
        public int MaxDepth { get; private set; }
        public HashSet<string> Parameters { get; } = new(StringComparer.Ordinal);

        public void Reset()
        {
            Failed = false;
            Integrals = Sums = MaxDepth = _depth = 0;
            Parameters.Clear();
        }

        public void ChooseDefaultLaw()
        {
            var distinct = _explicitLaws.GroupBy(l => string.Join("·", l.Select(f => f.Key))).Select(g => g.First()).ToList();
            if (distinct.Count == 1) { _defaultLaw = distinct[0]; return; }
            if (distinct.Count > 1) return;
            var variational = shapes.Where(kv => kv.Key.StartsWith("q", StringComparison.OrdinalIgnoreCase)).SelectMany(kv => kv.Value).ToList();
            if (variational.Count == 1) { _defaultLaw = [variational[0]]; return; }
            // argmin_θ E(log 1/p_θ(x) …) beside the data's empirical law \hat{p}, no law written: the average over the data
            // (a convention, so the statement may be confirmed, never refuted).
            if (optimisation && empiricalOf.Count == 1 && shapes.Count == 1 && empiricalOf.First() is { } data && shapes.Values.Single().All(f => f.Variables.Contains(data.Value)))
            {
                _defaultLaw = [new Factor(data.Key, [data.Value], [])];
                _defaultByConvention = true;
            }
        }

        private bool _defaultByConvention;

        /// <summary>Set by optimisation statements (both sides argmax or argmin).</summary>
        public bool Optimisation { init => optimisation = value; }

        private bool optimisation;

        private Node? Fail()
        {
            Failed = true;
            return null;
        }

        public Node? Read(SyntaxNode node, ParseResult parsed)
        {
            if (Failed || _depth > 200) return Fail();
            _depth++;
            try { return ReadCore(node, parsed); }
            finally { _depth--; }
        }

        private Node? ReadCore(SyntaxNode node, ParseResult parsed)
        {
            switch (node)
            {
                case Number n:
                    return double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? new Const(v) : Fail();
                case Identifier id:
                    return ReadName(id, parsed);
                case Group { Left: Bracket.Paren or Bracket.Square or Bracket.Brace or Bracket.None } g:
                    return Read(g.Body, parsed);
                case Subscript { Base: Group { Left: Bracket.Angle } g, Index: var law }:
                    return Expectation(ReadLaw(law, parsed), g.Body, parsed);
                case Unary { Operator: UnaryOperator.Negate } u:
                    return Read(u.Operand, parsed) is { } o ? new Mul(new Const(-1), o) : null;
                case Unary { Operator: UnaryOperator.Plus } u:
                    return Read(u.Operand, parsed);
                case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
                    return Both(b.Left, b.Right, parsed, (x, y) => new Add(x, y, b.Operator == BinaryOperator.Add ? 1 : -1));
                case Binary { Operator: BinaryOperator.Multiply } b:
                    return Both(b.Left, b.Right, parsed, (x, y) => new Mul(x, y));
                case Binary { Operator: BinaryOperator.Divide } b:
                    return Both(b.Left, b.Right, parsed, (x, y) => new Div(x, y));
                case Fraction f:
                    return Both(f.Numerator, f.Denominator, parsed, (x, y) => new Div(x, y));
                case ImplicitMultiplication m:
                {
                    Node? product = null;
                    foreach (var factor in m.Factors)
                    {
                        var x = Read(factor, parsed);
                        if (x is null) return Fail();
                        product = product is null ? x : new Mul(product, x);
                    }
                    return product ?? Fail();
                }
                case Power p:
                    return Both(p.Base, p.Exponent, parsed, (x, y) => new Pow(x, y));
                case Sqrt { Index: null } s:
                    return Read(s.Radicand, parsed) is { } r ? new Pow(r, new Const(0.5)) : null;
                case FunctionApplication { Function: "log" or "ln", Base: null, Arguments.Count: 1 } f:
                    return Read(f.Arguments[0], parsed) is { } a ? new Log(a) : null;
                case FunctionApplication { Function: "exp", Base: null, Arguments.Count: 1 } f:
                    return Read(f.Arguments[0], parsed) is { } e ? new Exp(e) : null;
                case Call { Callee: Identifier id } call when IsDensityName(id, parsed, isDefined):
                    return ReadDensity(id, call, parsed) is { } d ? new Density(d) : Fail();
                case Call { Callee: Identifier id } call when IsKl(id) && call.Arguments.Count == 2 && call.Separators is [{ Text: "||" }]:
                {
                    var first = ReadLaw(call.Arguments[0], parsed);
                    return Kl(first, Unregistered(call.Arguments[1], parsed));
                }
                case Call { Callee: Identifier { Name: "H", Subscript: null } } call when call.Arguments.Count is 1 or 2 && call.Separators.All(s => s.Text == ","):
                {
                    var p = ReadLaw(call.Arguments[0], parsed);
                    var q = call.Arguments.Count == 2 ? Unregistered(call.Arguments[1], parsed) : p;
                    if (p is null || q is null || p.Count != 1 || q.Count != 1 || !Same(p[0].Variables, q[0].Variables)) return Fail();
                    _explicitLaws.Add(p);
                    return Expectation(p, new Mul(new Const(-1), new Log(new Density(q[0]))));
                }
                case LatexExpectation expectation:
                {
                    var law = expectation.Subscript is null ? _defaultLaw : ReadLaw(expectation.Subscript, parsed);
                    if (expectation.Subscript is null && _defaultByConvention) Guessed = true;
                    return Expectation(law, expectation.Body, parsed);
                }
                case LatexIntegral { Kind: "int" or "iint" or "iiint", Body: { } body } i
                    when i.Differentials.Count > 0 && (IsWholeLine(i.Lower) && IsWholeLine(i.Upper, upper: true) || IsWholeSpace(i.Lower, i.Upper)):
                {
                    var vars = new List<string>();
                    foreach (var differential in i.Differentials)
                    {
                        if (differential.Variable is not Identifier dv) return Fail();
                        foreach (var name in Expand(Atom(dv, parsed)))
                        {
                            if (!IsModelVariable(name)) return Fail();
                            vars.Add(name);
                        }
                    }
                    Integrals++;
                    return Bind(vars, body, parsed);
                }
                case LatexSum sum when samples.IndexOf(sum, parsed) is { } index:
                    return Read(sum.Body, parsed) is { } sumBody ? new SampleSum(index, sumBody, Product: false) : Fail();
                case Product product when samples.IndexOf(product, parsed) is { } index:
                    return Read(product.Body, parsed) is { } productBody ? new SampleSum(index, productBody, Product: true) : Fail();
                case LatexSum { Body: var latentBody } latentSum when samples.LatentOf(latentSum, parsed) is { } latent && IsModelVariable(latent):
                    Sums++;
                    return Bind([latent], latentBody, parsed);
                // |D| of a data set a Σ_{x ∈ D} runs over: the number of samples.
                case Abs { Body: Identifier set } when samples.DataSets.Contains(Atom(set, parsed)):
                    return new Var(Samples.CountKey);
                case LatexSum { Lower: Identifier index, Upper: null, Body: var summand } when IsModelVariable(Atom(index, parsed)):
                    Sums++;
                    return Bind([Atom(index, parsed)], summand, parsed);
                default:
                    return Fail();
            }
        }

        private Node? Both(SyntaxNode a, SyntaxNode b, ParseResult parsed, Func<Node, Node, Node> make)
        {
            var x = Read(a, parsed);
            var y = x is null ? null : Read(b, parsed);
            return x is null || y is null ? Fail() : make(x, y);
        }

        private static bool IsWholeLine(SyntaxNode? bound, bool upper = false) =>
            bound is null || (upper ? bound is Infinity || bound is Unary { Operator: UnaryOperator.Plus, Operand: Infinity } : bound is Unary { Operator: UnaryOperator.Negate, Operand: Infinity });

        /// <summary>∫_{\mathcal{X}} or ∫_{\mathbb{R}}: over a named space, the variable's whole range (the densities here live on the whole line).</summary>
        private static bool IsWholeSpace(SyntaxNode? lower, SyntaxNode? upper) =>
            upper is null && lower is Identifier { Style: NameStyle.Calligraphic or NameStyle.Blackboard or NameStyle.Script, Subscript: null };

        private bool IsModelVariable(string name) => variablesOf.Values.Any(v => v.Contains(name));

        private Node? Bind(IReadOnlyList<string> variables, SyntaxNode body, ParseResult parsed)
        {
            _depthOfIntegrals += variables.Count;
            MaxDepth = Math.Max(MaxDepth, _depthOfIntegrals);
            var b = Read(body, parsed);
            _depthOfIntegrals -= variables.Count;
            return b is null ? Fail() : Wrap(variables, b);
        }

        private int _depthOfIntegrals;

        private Node Wrap(IReadOnlyList<string> variables, Node body)
        {
            var n = body;
            for (var i = variables.Count - 1; i >= 0; i--)
            {
                // Over a variable the empirical law weighs: a sum over the samples, where that law has its mass.
                var overSamples = !discrete && Factors(n).Any(f => f is Density d && IsEmpirical(d.Factor) && d.Factor.Variables.Contains(variables[i]));
                if (!overSamples && !discrete && Mentions(n, variables[i])) { Fail(); return n; }
                n = new Integrate(variables[i], n, overSamples);
            }
            return n;
        }

        private bool IsEmpirical(Factor f) => empiricalOf.ContainsKey(f.Model);

        /// <summary>The factors of a product.</summary>
        private static IEnumerable<Node> Factors(Node n) => n is Mul m ? Factors(m.A).Concat(Factors(m.B)) : [n];

        /// <summary>An empirical density of the variable anywhere in the tree (it has no value off the samples).</summary>
        private bool Mentions(Node n, string variable) =>
            AnyDensity(n, f => IsEmpirical(f) && f.Variables.Contains(variable), unknown: false, i => i.Variable != variable);

        private Node? Expectation(List<Factor>? law, SyntaxNode body, ParseResult parsed)
        {
            if (law is null) return Fail();
            var vars = law.SelectMany(f => f.Variables).ToList();
            if (vars.Distinct(StringComparer.Ordinal).Count() != vars.Count) return Fail();
            _depthOfIntegrals += vars.Count;
            MaxDepth = Math.Max(MaxDepth, _depthOfIntegrals);
            var b = Read(body, parsed);
            _depthOfIntegrals -= vars.Count;
            return b is null ? Fail() : Expectation(law, b);
        }

        private Node? Expectation(List<Factor> law, Node body)
        {
            Node weighted = body;
            foreach (var f in law) weighted = new Mul(new Density(f), weighted);
            if (discrete) Sums++; else Integrals++;
            var vars = law.SelectMany(f => f.Variables).ToList();
            MaxDepth = Math.Max(MaxDepth, vars.Count);
            return Wrap(vars, weighted);
        }

        /// <summary>KL(P ‖ Q) = E_P[log P − log Q], both over the same variables.</summary>
        private Node? Kl(List<Factor>? p, List<Factor>? q)
        {
            if (p is null || q is null || p.Count != 1 || q.Count != 1 || !Same(p[0].Variables, q[0].Variables)) return Fail();
            _explicitLaws.Add(p);
            return Expectation(p, new Add(new Log(new Density(p[0])), new Log(new Density(q[0])), -1));
        }

        private static bool Same(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Count == b.Count && a.All(b.Contains);

        /// <summary>A law: q(z | x), a bare q of one shape, z \sim q(z | x), or a product q_z(z) q_θ(θ).</summary>
        private List<Factor>? ReadLaw(SyntaxNode node, ParseResult parsed)
        {
            switch (node)
            {
                case Group { Left: Bracket.Paren or Bracket.Brace } g:
                    return ReadLaw(g.Body, parsed);
                case Call { Callee: Identifier id } call when IsDensityName(id, parsed, isDefined):
                    return ReadDensity(id, call, parsed) is { } f ? Explicit([f]) : null;
                case Identifier id when IsEmpiricalName(id, parsed, isDefined) && empiricalOf.TryGetValue(EmpiricalKey(id), out var dataVariable):
                    return Explicit([new Factor(EmpiricalKey(id), [dataVariable], [])]);
                case Identifier id when IsDensityName(id, parsed, isDefined):
                {
                    var tag = id.Subscript is Identifier { IsGreek: true } sub ? Atom(sub, parsed) : null;
                    var baseName = Statement.BaseName(id, parsed, tag is not null);
                    var model = modelOf.Where(kv => kv.Key.Item1 == baseName && (kv.Key.Item2 == tag || tag is null)).Select(kv => kv.Value).Distinct().ToList();
                    // KL(P ‖ Q_θ) beside p(x) and q_θ(x), and no P(…) or Q(…): a distribution named by its density's letter.
                    if (model.Count == 0 && id.Name is "P" or "Q")
                    {
                        var lower = baseName.Substring(0, baseName.Length - 1) + char.ToLowerInvariant(baseName[baseName.Length - 1]);
                        if (baseName.EndsWith(id.Name, StringComparison.Ordinal) && !modelOf.Keys.Any(k => k.Item1 == baseName))
                        {
                            model = modelOf.Where(kv => kv.Key.Item1 == lower && (kv.Key.Item2 == tag || tag is null)).Select(kv => kv.Value).Distinct().ToList();
                            Guessed = model.Count > 0;
                        }
                    }
                    if (model.Count != 1 || !shapes.TryGetValue(model[0], out var list) || list.Count != 1) return null;
                    return Explicit([list[0]]);
                }
                case ImplicitMultiplication m:
                {
                    var all = new List<Factor>();
                    foreach (var factor in m.Factors)
                    {
                        var law = ReadLaw(factor, parsed);
                        if (law is null) return null;
                        all.AddRange(law);
                    }
                    _explicitLaws.RemoveAll(l => l.Count == 1 && all.Contains(l[0]));
                    return Explicit(all);
                }
                case LatexRelation { Operators: [{ Kind: RelationKind.Sim }], Operands: [Identifier v, var lawNode] }:
                {
                    var law = ReadLaw(lawNode, parsed);
                    return law is [{ } only] && only.Variables.Count == 1 && only.Variables[0] == Atom(v, parsed) ? law : null;
                }
                default:
                    return null;
            }
        }

        /// <summary>The second argument of KL or H: a law, but not one an E without its law may mean.</summary>
        private List<Factor>? Unregistered(SyntaxNode node, ParseResult parsed)
        {
            var count = _explicitLaws.Count;
            var law = ReadLaw(node, parsed);
            _explicitLaws.RemoveRange(count, _explicitLaws.Count - count);
            return law;
        }

        private List<Factor> Explicit(List<Factor> law)
        {
            _explicitLaws.Add(law);
            return law;
        }

        private Factor? ReadDensity(Identifier id, Call call, ParseResult parsed)
        {
            var tag = ParameterTag(id, call, parsed);
            if (DensityArguments(call, parsed) is not var (atoms, _, separators)) return null;
            var names = atoms.Select(samples.VariableOf).ToList();
            if (IsEmpiricalName(id, parsed, isDefined))
                return names.Count == 1 && separators.Count == 0 && empiricalOf.ContainsKey(EmpiricalKey(id)) ? new Factor(EmpiricalKey(id), names, []) : null;
            var bar = separators.FindIndex(s => s == "|");
            var baseName = Statement.BaseName(id, parsed, tag is not null && call.Separators.All(s => s.Text != ";"));
            if (!modelOf.TryGetValue((baseName, tag), out var model)) return null;
            return new Factor(model, bar < 0 ? names.SelectMany(Expand).ToList() : names.Take(bar + 1).SelectMany(Expand).ToList(), bar < 0 ? [] : names.Skip(bar + 1).SelectMany(Expand).ToList());
        }

        private Node? ReadName(Identifier id, ParseResult parsed)
        {
            var name = samples.VariableOf(Atom(id, parsed));
            if (Expand(name) is [var component] && component != name) name = component;
            else if (Expand(name).Count != 1) return Fail();
            if (IsModelVariable(name) || samples.Letters.Contains(name) || samples.SizeNames.Contains(name)) return new Var(name);
            if (id.IsUndecorated && id.Name == "pi") return new Const(Math.PI);
            if (id.IsUndecorated && id.Name == "e") return new Const(Math.E);
            if (variablesOf.Values.Any(v => v.Contains(name))) return new Var(name);
            // A single letter or Greek letter (θ of argmax_θ, a tag, a constant): a free parameter. Names such as ELBO, \mathcal{L}: unknown.
            if ((id.IsSingleSymbol && id.Style is NameStyle.Normal or NameStyle.Italic) && id.Decoration is null && id.Accent is null && id.Primes == 0
                && (id.Subscript is null or Identifier or Number) && !isDefined(MathBinder.SymbolName(id, parsed)))
            {
                Parameters.Add(name);
                return new Var(name);
            }
            return Fail();
        }
    }

    // ------------------------------------------------------------------ evaluation

    private sealed class BudgetExhausted : Exception;

    /// <summary>Evaluates the numeric tree in one model; ∫ by composite Gauss–Legendre on [−15, 15], Σ over {0, 1, 2}.</summary>
    private sealed class Evaluator(bool discrete, CancellationToken cancellation)
    {
        private static readonly (double[] Nodes, double[] Weights) Grid = BuildGrid(-15, 15, 40);
        private long _evaluations;

        public AbstractModel Model { get; set; } = null!;

        public double Eval(Node node, Dictionary<string, double> env)
        {
            switch (node)
            {
                case Const c: return c.Value;
                case Var v: return env.TryGetValue(v.Name, out var x) ? x : double.NaN;
                case Add a: return Eval(a.A, env) + a.Sign * Eval(a.B, env);
                case Mul m:
                {
                    var left = Eval(m.A, env);
                    return left == 0 && m.B is Log or Density ? 0 : left * Eval(m.B, env);
                }
                case Div d: return Eval(d.A, env) / Eval(d.B, env);
                case Pow p:
                {
                    var b = Eval(p.A, env);
                    var e = Eval(p.B, env);
                    return e == Math.Round(e) && Math.Abs(e) <= 64 ? IntegerPower(b, (int)e) : Math.Pow(b, e);
                }
                case Log { A: Density d }: return LogDensity(d.Factor, env);
                case Log l:
                {
                    var v = Eval(l.A, env);
                    return v > 0 ? Math.Log(v) : double.NaN;
                }
                case Exp e: return Math.Exp(Eval(e.A, env));
                case Density d: return Math.Exp(LogDensity(d.Factor, env));
                case Integrate { OverSamples: true } i: return OverSamples(i, env);
                case Integrate i: return Integral(i, env);
                case SampleSum s: return OverSampleIndex(s, env);
                default: return double.NaN;
            }
        }

        private double LogDensity(Factor f, Dictionary<string, double> env)
        {
            if (++_evaluations > EvaluationBudget) throw new BudgetExhausted();
            if ((_evaluations & 0xFFF) == 0) { cancellation.ThrowIfCancellationRequested(); SymKl.Symbolic.WorkBudget.Charge(0x1000); }
            if (Empirical.Contains(f.Model)) return EmpiricalLogMass(f.Variables[0], env);
            return Model.LogDensity(f.Model, f.Variables, f.Given, env);
        }

        /// <summary>The names of the empirical laws: mass 1/N at each of the N samples of their variable.</summary>
        public HashSet<string> Empirical { get; init; } = new(StringComparer.Ordinal);

        private static double EmpiricalLogMass(string variable, Dictionary<string, double> env)
        {
            if (!env.TryGetValue(variable, out var x) || !env.TryGetValue(Samples.CountKey, out var count)) return double.NaN;
            var hits = 0;
            for (var k = 1; k <= (int)count; k++)
                if (env.TryGetValue(Samples.Key(variable, k), out var s) && s == x) hits++;
            return Math.Log(hits / count);
        }

        /// <summary>Σ over the distinct samples of the variable (each weighted in the body by the empirical mass there).</summary>
        private double OverSamples(Integrate i, Dictionary<string, double> env)
        {
            if (!env.TryGetValue(Samples.CountKey, out var count)) return double.NaN;
            var had = env.TryGetValue(i.Variable, out var previous);
            try
            {
                var seen = new HashSet<double>();
                var total = 0.0;
                for (var k = 1; k <= (int)count; k++)
                {
                    if (!env.TryGetValue(Samples.Key(i.Variable, k), out var value) || !seen.Add(value)) continue;
                    env[i.Variable] = value;
                    total += Eval(i.Body, env);
                }
                return total;
            }
            finally
            {
                if (had) env[i.Variable] = previous; else env.Remove(i.Variable);
            }
        }

        /// <summary>Σ_i or ∏_i over the samples: at the k-th term every sampled letter takes its k-th value.</summary>
        private double OverSampleIndex(SampleSum s, Dictionary<string, double> env)
        {
            if (!env.TryGetValue(Samples.CountKey, out var count)) return double.NaN;
            var saved = Letters.Append(s.Index).Select(v => (v, env.TryGetValue(v, out var old), old)).ToList();
            try
            {
                var total = s.Product ? 1.0 : 0.0;
                for (var k = 1; k <= (int)count; k++)
                {
                    foreach (var letter in Letters) env[letter] = env[Samples.Key(letter, k)];
                    env[s.Index] = k;
                    var term = Eval(s.Body, env);
                    total = s.Product ? total * term : total + term;
                }
                return total;
            }
            finally
            {
                foreach (var (v, had, old) in saved) { if (had) env[v] = old; else env.Remove(v); }
            }
        }

        /// <summary>The sampled letters.</summary>
        public IReadOnlyCollection<string> Letters { get; init; } = [];

        private double Integral(Integrate i, Dictionary<string, double> env)
        {
            var had = env.TryGetValue(i.Variable, out var previous);
            try
            {
                if (discrete)
                {
                    var total = 0.0;
                    foreach (var value in AbstractModel.DiscreteSupport)
                    {
                        env[i.Variable] = value;
                        total += Eval(i.Body, env);
                    }
                    return total;
                }
                double sum = 0, edges = 0;
                var (nodes, weights) = Grid;
                for (var k = 0; k < nodes.Length; k++)
                {
                    env[i.Variable] = nodes[k];
                    var term = weights[k] * Eval(i.Body, env);
                    if (double.IsNaN(term)) return double.NaN;
                    sum += term;
                    if (k < 8 || k >= nodes.Length - 8) edges += Math.Abs(term);
                }
                // Mass left at the ends of the grid: the integrand does not decay (no density under it), so no value.
                return edges > 1e-11 * (1 + Math.Abs(sum)) ? double.NaN : sum;
            }
            finally
            {
                if (had) env[i.Variable] = previous; else env.Remove(i.Variable);
            }
        }

        private static double IntegerPower(double b, int e)
        {
            if (e < 0) return 1 / IntegerPower(b, -e);
            var r = 1.0;
            for (var k = 0; k < e; k++) r *= b;
            return r;
        }

        /// <summary>8-point Gauss–Legendre on each of <paramref name="panels"/> equal panels of [a, b].</summary>
        private static (double[] Nodes, double[] Weights) BuildGrid(double a, double b, int panels)
        {
            double[] x = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
            double[] w = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];
            var h = (b - a) / panels;
            var nodes = new double[panels * x.Length];
            var weights = new double[nodes.Length];
            for (var p = 0; p < panels; p++)
                for (var k = 0; k < x.Length; k++)
                {
                    nodes[p * x.Length + k] = a + h * (p + 0.5 + 0.5 * x[k]);
                    weights[p * x.Length + k] = 0.5 * h * w[k];
                }
            return (nodes, weights);
        }
    }
}
