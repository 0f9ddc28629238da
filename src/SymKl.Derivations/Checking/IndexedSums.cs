using System.Globalization;
using System.Text;
using SymKl.Latex.Binding;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Checking;

/// <summary>
/// Statements about indexed values (Σ_{i=1}^{n} x_i, Σ_d log σ_d, Σ_i Σ_j θ_{ij}, ∏_{i=1}^{n} p(x_i | θ)) decided by instantiation: the lengths
/// (the symbols in the sums' limits, or a hidden length for a sum written without limits) take several small integer
/// values, every sum (and product) is written out term by term (factor by factor) with one fresh symbol per indexed value (x_i at i = 2 is x_2), and
/// each instance is checked like any other step. Agreement on every instance confirms the statement (it says nothing
/// beyond the lengths tried, so never "proved" while a length is symbolic); a refuted instance is a concrete
/// counterexample: the lengths and the values. Sums inside expectations of unstated law (E(\frac{1}{n}\sum_i x_i)) are written
/// out too, and the expectation is taken again of the terms (linear, numbers moved out).
/// </summary>
public static class IndexedSums
{
    /// <summary>The largest length tried (the 1 … 6), and the terms one instance may have on each side.</summary>
    private const int MaxLength = 6;
    private const int MaxTermsPerInstance = 2000;
    private const int Trials = 6;
    private const int MinHolding = 3;
    private const string HiddenLength = "#n_";

    /// <summary>True when a side has a sum this class writes out (indexed values in its summand).</summary>
    public static bool Applies(Expr lhs, Expr rhs) => Traversal.Any(lhs, WritesOut) || Traversal.Any(rhs, WritesOut);

    private static bool IsIndexedSum(Expr e) => AsRange(e) is { } r && IndexedBy(r.Body, r.Variable.Name) is not null;

    /// <summary>A sum or a product over an index: both are written out the same way, into an Add or a Mul of the instances.</summary>
    private static (Expr Body, Sym Variable, Expr? Lower, Expr? Upper, bool IsProduct)? AsRange(Expr e) => e switch
    {
        Summation s => (s.Body, s.Variable, s.Lower, s.Upper, false),
        IndexedProduct p => (p.Body, p.Variable, p.Lower, p.Upper, true),
        _ => null,
    };

    /// <summary>A sum over indexed values, or an expectation of unstated law with one inside.</summary>
    private static bool WritesOut(Expr e) => IsIndexedSum(e) || e is Sym s && OpaqueTerms.Find(s) is { Kind: OpaqueKind.Expectation } t && Traversal.Any(t.Body, WritesOut);

    /// <summary>A symbol (or function name) whose subscript mentions the index: x_i, θ_{ij}, x_{i+1}, σ_{q,i}.</summary>
    internal static string? IndexedBy(Expr body, string index)
    {
        string? found = null;
        Traversal.Any(body, e =>
        {
            var name = e switch { Sym s => s.Name, Apply a => a.Name, _ => null };
            if (name is not null && name != index && Split(name) is { } parts && KeyTokens(parts.Key).Any(t => Mentions(t, index))) { found = name; return true; }
            // E(x_i) under Σ_i: the expectation is written out with its sum, one for each value of the index.
            if (e is Sym opaque && OpaqueTerms.Find(opaque) is { Kind: OpaqueKind.Expectation, Scope: "" } term && IndexedBy(term.Body, index) is { } inner) { found = inner; return true; }
            return false;
        });
        return found;
    }

    /// <summary>The verdict, and for a refutation the instance that failed (its sides have no indexed sums left).</summary>
    /// <summary>An index position that is the index, or the index shifted by an integer (i, i+1, t-1).</summary>
    private static bool Mentions(string token, string index)
    {
        if (token == index) return true;
        if (token.Length <= index.Length + 1 || !token.StartsWith(index, StringComparison.Ordinal) || token[index.Length] is not ('+' or '-')) return false;
        return token.Substring(index.Length + 1).All(char.IsDigit);
    }

    public sealed record Outcome(Verdict Verdict, Expr? InstanceLhs = null, Expr? InstanceRhs = null);

    /// <param name="pairsOfIndices">
    /// Whether two free indices (z_i beside z_j) may be tried at equal values: not when the statement differentiates, since the
    /// binder takes ∂/∂z_i with z_j another value (the case i ≠ j), and an instance at i = j would only repeat that reading.
    /// </param>
    public static Outcome Check(Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation = default, bool pairsOfIndices = false)
    {
        _pairsOfIndices = pairsOfIndices;
        try { return CheckCore(lhs, relation, rhs, assumptions, context, seed, cancellation); }
        finally { _pairsOfIndices = false; }
    }

    [ThreadStatic] private static bool _pairsOfIndices;

    private static Outcome CheckCore(Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation)
    {
        var outcome = CheckAtLengths(lhs, relation, rhs, assumptions, context, seed, cancellation);
        if (outcome.Verdict.Kind != VerdictKind.Refuted) return outcome;
        // Σ_k e^{z_k} (no limits, "over all units") beside Σ_{j=1}^{p}: a failure only where the sums have different lengths says
        // nothing when they may run over the same values; with every length equal the statement must fail too.
        if (HasHiddenLength(lhs, rhs) && CheckAtLengths(lhs, relation, rhs, assumptions, context, seed, cancellation, common: true).Verdict.Holds)
            return Unsupported("it fails when the sums written without limits and the others have different lengths (" + outcome.Verdict.Reason
                + "), but holds when all run over the same values, which the text may mean");
        if ((DataSetOf(lhs) ?? DataSetOf(rhs)) is { } set)
            return Unsupported("it fails when " + set + " is read as a data set of samples (" + outcome.Verdict.Reason + "), but a sum over x \\in " + set
                + " may also run over a set of values, and " + set + " written outside |" + set + "| (as in p(" + set + ")) is a product over the samples only if they are independent, which the reading does not know");
        // Σ_i x_i = n x̄ with sums written without limits: n may well be their number of terms. A refutation stands
        // only if the statement also fails with each plain symbol taken as that number.
        var hidden = new List<Range>();
        Collect(lhs, hidden);
        Collect(rhs, hidden);
        foreach (var length in hidden.Where(x => x.Lower is null).Select(x => x.Index).Distinct())
            foreach (var symbol in Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Distinct().Where(x => Split(x.Name) is null))
            {
                var asLength = new Dictionary<Sym, Expr> { [symbol] = Ex.Fresh(HiddenLength + length) };
                var again = CheckAtLengths(Traversal.Substitute(lhs, asLength), relation, Traversal.Substitute(rhs, asLength), assumptions, context, seed, cancellation);
                if (again.Verdict.Holds)
                    return Unsupported("it fails with the sums over " + length + " (written without limits) of unrelated length, but holds when " + symbol.Name
                        + " is their number of terms, which the text may mean (" + outcome.Verdict.Reason + ")");
            }
        return outcome;
    }

    private static bool HasHiddenLength(Expr lhs, Expr rhs)
    {
        var ranges = new List<Range>();
        Collect(lhs, ranges);
        Collect(rhs, ranges);
        return ranges.Any(r => r.Lower is null) && ranges.Select(r => r.Lower is null ? HiddenLength + r.Index : r.Upper is null ? "" : LatexPrinter.Print(r.Upper)).Distinct().Count() > 1;
    }

    private static Outcome CheckAtLengths(Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation, bool common = false)
    {
        // L(μ) defined as ∏_i p(x_i | μ): its sums and products are written out with the rest, so the definitions
        // are applied first (defined names only; the densities of the document stay as they are).
        lhs = Calculus.ApplyDefinitions(lhs, context);
        rhs = Calculus.ApplyDefinitions(rhs, context);
        (lhs, rhs) = ClosedSums.Rebind(lhs, rhs);
        var sums = new List<Range>();
        Collect(lhs, sums);
        Collect(rhs, sums);
        var lengths = new SortedSet<string>(StringComparer.Ordinal);
        var aliases = SameFamilyLengths(lhs, rhs);
        foreach (var s in sums)
        {
            if (s.Lower is null || s.Upper is null) { if (!aliases.ContainsKey(HiddenLength + s.Index)) lengths.Add(HiddenLength + s.Index); continue; }
            foreach (var x in Traversal.FreeSymbols(s.Lower).Concat(Traversal.FreeSymbols(s.Upper))) lengths.Add(x.Name);
        }
        var indices = new HashSet<string>(sums.Select(s => s.Index), StringComparer.Ordinal);
        var random = new Random(seed ^ 0x1D5);
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var holding = new List<string>();
        var allProved = true;
        string? lastProblem = null;
        string? readingsDiffer = null;
        for (var attempt = 0; attempt < 40 && tried.Count < Trials; attempt++)
        {
            cancellation.ThrowIfCancellationRequested();
            var env = new Dictionary<string, int>(StringComparer.Ordinal);
            var k = 0;
            foreach (var n in lengths)
            {
                // First trials: the lengths 1, 2, 3 … in turn (different per symbol), then random ones.
                env[n] = common ? 1 + attempt % MaxLength : attempt < 3 ? 1 + (attempt + k) % MaxLength : random.Next(1, MaxLength + 1);
                k++;
            }
            var key = string.Join(",", env.Select(kv => kv.Key + "=" + kv.Value.ToString(CultureInfo.InvariantCulture)));
            if (!tried.Add(key)) continue;
            foreach (var tie in aliases) if (env.TryGetValue(tie.Value, out var same)) env[tie.Key] = same;
            var expander = new Expander(env, indices);
            // A range that runs backwards at these lengths (Σ_{i=2}^{n} at n = 0) says nothing either way.
            if (WrittenOut(expander, lhs, rhs) is not var (l, r)) continue;
            if (expander.Problem is { } problem) return Unsupported(problem);
            if (expander.Terms > MaxTermsPerInstance) return Unsupported("the sums have too many terms to write out");
            // θ_j beside θ_1 … θ_K written out: a component (∂/∂θ_j of Σ_k e^{θ_k}); the statement is claimed for each j
            // among them, and is checked at some of those values.
            // The text may also mean a j outside them (a new point x_j): both readings must agree for a verdict.
            // Two free indices (∂o_j/∂z_i beside o_1 … o_K): each pair of values tried, equal (i = j) and different (i ≠ j).
            var instances = new List<(Expr L, Expr R, IReadOnlyList<(string Index, int Value)> At, bool? Diagonal)>();
            string? freeIndex = null;
            if (expander.Alias(l, r) is { } alias)
            {
                if (FreeIndices(l, r, expander.Families, indices) is not { } free) return Unsupported(alias);
                freeIndex = string.Join(", ", free.Select(f => f.Index));
                if (free.Count == 1)
                    foreach (var v in free[0].Values) instances.Add((AtIndex(l, free[0].Index, v), AtIndex(r, free[0].Index, v), [(free[0].Index, v)], null));
                else
                    foreach (var v in free[0].Values)
                        foreach (var w in free[1].Values)
                            instances.Add((AtIndex(AtIndex(l, free[0].Index, v), free[1].Index, w), AtIndex(AtIndex(r, free[0].Index, v), free[1].Index, w),
                                [(free[0].Index, v), (free[1].Index, w)], v == w));
            }
            instances.Add((l, r, [], null));
            var pairFailed = new HashSet<bool>();
            var lengthsText = Describe(env);
            var instanceHolds = true;
            Outcome? inRange = null;
            var outside = false;
            foreach (var instance in instances)
            {
                var instanceAssumptions = Inherit(assumptions, instance.L, instance.R);
                var verdict = StepChecker.Check(instance.L, relation, instance.R, instanceAssumptions, context, seed + tried.Count, cancellation);
                if (freeIndex is not null && verdict.Kind == VerdictKind.Refuted && instance.At.Count == 0) { outside = true; continue; }
                if (verdict.Kind == VerdictKind.Refuted && instance.Diagonal is { } diagonal) pairFailed.Add(diagonal);
                switch (verdict.Kind)
                {
                    case VerdictKind.Refuted when inRange is not null:
                        break;
                    case VerdictKind.Refuted:
                        {
                            var values = new List<KeyValuePair<string, double>>();
                            foreach (var kv in env) values.Add(new KeyValuePair<string, double>(Visible(kv.Key), kv.Value));
                            foreach (var (index, value) in instance.At) values.Add(new KeyValuePair<string, double>(index, value));
                            if (verdict.Counterexample is { } c) values.AddRange(c.Values);
                            var counterexample = verdict.Counterexample is { } ce ? new Counterexample(values, ce.Lhs, ce.Rhs) : new Counterexample(values, double.NaN, double.NaN);
                            var atIndices = string.Join(", ", instance.At.Select(a => a.Index + " = " + a.Value.ToString(CultureInfo.InvariantCulture)));
                            var at = lengthsText + (atIndices.Length > 0 ? (lengthsText.Length > 0 ? ", " : "") + atIndices : "");
                            var refuted = new Outcome(new Verdict(VerdictKind.Refuted, "written out term by term" + (at.Length > 0 ? " with " + at : "") + ": " + verdict.Reason,
                                verdict.Residue, counterexample, verdict.PointsChecked), instance.L, instance.R);
                            if (HoldsWhenNormalised(lhs, rhs, env, indices, instance.At.Count == 1 ? instance.At[0].Index : "", relation, instanceAssumptions, context, seed + tried.Count, cancellation) is { } total)
                                refuted = Unsupported("it holds when " + total + " = 1 (weights, probabilities or one-hot labels, as such letters usually are), which the text may take for granted; " + refuted.Verdict.Reason);
                            if (freeIndex is null) return refuted;
                            inRange = refuted;
                            break;
                        }
                    case VerdictKind.Proved or VerdictKind.Confirmed:
                        allProved &= verdict.Kind == VerdictKind.Proved;
                        break;
                    default:
                        lastProblem = verdict.Reason;
                        allProved = false;
                        instanceHolds = false;
                        break;
                }
            }
            // Failing only where the two indices are equal (or only where they differ): the text may mean one case (the block
            // of ∂o_j/∂z_i for j ≠ i), which it need not write as a condition; neither reading is refuted.
            if (pairFailed.Count == 1 && instances.Any(x => x.Diagonal == !pairFailed.First()))
            {
                var names = freeIndex!.Split(',').Select(x => x.Trim()).ToArray();
                var fails = pairFailed.First() ? names[0] + " = " + names[1] : names[0] + " ≠ " + names[1];
                var holds = pairFailed.First() ? names[0] + " ≠ " + names[1] : names[0] + " = " + names[1];
                return Unsupported("it holds when " + holds + " but fails when " + fails + " (" + inRange!.Verdict.Reason + "); the text may mean only the case " + holds + ", which it does not state");
            }
            if (freeIndex is not null && (inRange is not null || outside))
            {
                if (inRange is not null && outside) return inRange;
                readingsDiffer ??= inRange is not null
                    ? "it fails when " + freeIndex + " is one of the values the sums run over (" + inRange.Verdict.Reason + ") but holds for a " + freeIndex + " outside them, and the text does not say which it means"
                    : "it holds when " + freeIndex + " is one of the values the sums run over but fails for a " + freeIndex + " outside them, and the text does not say which it means";
                continue;
            }
            if (instanceHolds) holding.Add(lengthsText);
        }
        if (readingsDiffer is not null) return Unsupported(readingsDiffer);
        if (lengths.Count == 0 && holding.Count > 0 && lastProblem is null)
            return new Outcome(new Verdict(allProved ? VerdictKind.Proved : VerdictKind.Confirmed, "the sums written out term by term", null, null, 1));
        if (holding.Count < Math.Min(MinHolding, tried.Count) || holding.Count == 0)
            return Unsupported(lastProblem is null ? "too few lengths at which the sums can be written out" : "written out term by term: " + lastProblem);
        return new Outcome(new Verdict(VerdictKind.Confirmed, "written out term by term with random values at " + holding.Count + " sets of lengths (" + string.Join("; ", holding) + ")"
            + (allProved ? ", each instance proved" : ""), null, null, holding.Count));
    }

    /// <summary>
    /// Σ_k e^{z_k} beside Σ_{j=1}^{p} y_j log o_j (o_j in z_j): a sum written without limits whose terms are members of a
    /// family another sum runs over (z_k, z_j) runs over the same values, so it takes that sum's length (its upper limit when
    /// it starts at 1, or the other hidden length); by hidden length, the length it takes.
    /// </summary>
    private static Dictionary<string, string> SameFamilyLengths(Expr lhs, Expr rhs)
    {
        var ranges = new List<(string Index, Expr? Lower, Expr? Upper, Expr Body)>();
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, e => { if (AsRange(e) is { } r) ranges.Add((r.Variable.Name, r.Lower, r.Upper, r.Body)); return false; });
        IEnumerable<string> Bases((string Index, Expr? Lower, Expr? Upper, Expr Body) r) =>
            Traversal.FreeSymbols(r.Body).Select(x => Split(x.Name)).Where(p => p is { } q && q.Key == r.Index).Select(p => p!.Value.Base).Distinct();
        var byFamily = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in ranges)
            if (r.Lower is Num { Value.IsOne: true } && r.Upper is Sym upper)
                foreach (var b in Bases(r)) if (!byFamily.ContainsKey(b)) byFamily[b] = upper.Name;
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in ranges.Where(r => r.Lower is null && r.Upper is null))
        {
            var hidden = HiddenLength + r.Index;
            if (aliases.ContainsKey(hidden)) continue;
            var bases = Bases(r).ToList();
            if (bases.Select(b => byFamily.TryGetValue(b, out var l) ? l : null).FirstOrDefault(l => l is not null && l != hidden) is { } length) aliases[hidden] = length;
            else foreach (var b in bases) if (!byFamily.ContainsKey(b)) byFamily[b] = hidden;
        }
        return aliases;
    }

    /// <summary>D of a sum over a data set (Σ_{n=1}^{|D|}, as the binder reads Σ_{x \\in D}): its failures are not refutations.</summary>
    private static string? DataSetOf(Expr e)
    {
        string? found = null;
        Traversal.Any(e, x =>
        {
            if (AsRange(x) is { Upper: Fn { Function: FunctionKind.Abs, Arg: Sym set } }) { found = set.Name; return true; }
            return false;
        });
        return found;
    }

    private static Outcome Unsupported(string reason) => new(new Verdict(VerdictKind.Unsupported, reason, null, null, 0));

    /// <summary>
    /// The one free index (j in θ_j, or y_i in f_{y_i}: the score of the true class among f_1 … f_K) of names whose families
    /// were written out, and the values it is tried at: those every such family took (θ_1 … θ_K), at most three (the first,
    /// the last, one between). Null when there are several free indices, a shifted or multi-position one (j+1, ij), one
    /// that mentions an index of the sums (f_{y_j} under Σ_j is a different value for each term), or no value common to the families.
    /// </summary>
    private static IReadOnlyList<(string Index, IReadOnlyList<int> Values)>? FreeIndices(Expr l, Expr r, IReadOnlyCollection<string> families, HashSet<string> indices)
    {
        var keys = new List<string>();
        foreach (var side in new[] { l, r })
            Traversal.Any(side, e =>
            {
                var name = e switch { Sym x => x.Name, Apply a => a.Name, _ => null };
                if (name is not null && Split(name) is { } parts && families.Contains(parts.Base) && !parts.Key.All(char.IsDigit) && !keys.Contains(parts.Key))
                    keys.Add(parts.Key);
                return false;
            });
        if (keys.Count == 1) return FreeIndex(l, r, families, indices, null) is { } only ? [only] : null;
        // Two free indices (j beside i): both plain letters, each with its own values.
        if (keys.Count != 2 || !_pairsOfIndices || !keys.All(k => k.All(char.IsLetter))) return null;
        if (FreeIndex(l, r, families, indices, keys[1]) is not { } first || FreeIndex(l, r, families, indices, keys[0]) is not { } second) return null;
        return [first, second];
    }

    /// <summary>The free index of <see cref="FreeIndices"/>, skipping those in <paramref name="skip"/> (comma-separated), or null.</summary>
    private static (string Index, IReadOnlyList<int> Values)? FreeIndex(Expr l, Expr r, IReadOnlyCollection<string> families, HashSet<string> indices, string? skip)
    {
        var skipped = new HashSet<string>(skip is null ? [] : skip.Split(','), StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var side in new[] { l, r })
            Traversal.Any(side, e =>
            {
                if (e is Sym s) names.Add(s.Name);
                else if (e is Apply a) names.Add(a.Name);
                return false;
            });
        string? index = null;
        var bases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (Split(name) is not { } parts || !families.Contains(parts.Base) || parts.Key.All(char.IsDigit) || skipped.Contains(parts.Key)) continue;
            if (!(parts.Key.All(char.IsLetter) || CompoundIndex(parts.Key, indices))) return null;
            // Several free indices: this one is the first in order of appearance not skipped; the others are asked for next.
            if (index is not null && index != parts.Key) continue;
            index = parts.Key;
            bases.Add(parts.Base);
        }
        if (index is null) return null;
        HashSet<int>? common = null;
        foreach (var b in bases)
        {
            var taken = new HashSet<int>(names.Select(Split).Where(p => p is { } q && q.Base == b && q.Key.Length > 0 && q.Key.All(char.IsDigit) && q.Key.Length < 6)
                .Select(p => int.Parse(p!.Value.Key, CultureInfo.InvariantCulture)));
            if (common is null) common = taken; else common.IntersectWith(taken);
        }
        if (common is null || common.Count == 0) return null;
        var sorted = common.OrderBy(v => v).ToList();
        var chosen = new SortedSet<int> { sorted[0], sorted[sorted.Count - 1], sorted[sorted.Count / 2] };
        return (index, chosen.ToList());
    }

    /// <summary>
    /// A subscript naming one value by another symbol (y_i, c_n, k^*): letters, digits, underscores, braces and a star,
    /// one position (no comma, no sign), not a number, and free of the sums' indices.
    /// </summary>
    private static bool CompoundIndex(string key, HashSet<string> indices)
    {
        if (key.Length == 0 || key.Length > 12 || key.All(char.IsDigit) || !char.IsLetter(key[0])) return false;
        if (!key.All(c => char.IsLetterOrDigit(c) || c is '_' or '{' or '}' or '*' or '^')) return false;
        var parts = key.Split('_', '{', '}', '^', '*');
        return !parts.Any(indices.Contains);
    }

    /// <summary>The free index at one value: j itself, and θ_j, T_j(…) become θ_2, T_2(…).</summary>
    private static Expr AtIndex(Expr e, string index, int value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return Ex.Map(e, x => x switch
        {
            Sym s when s.Name == index => Ex.Num(value),
            Sym s when Split(s.Name) is { } p && p.Key == index => Ex.Sym(p.Base + "_" + text),
            Apply a when Split(a.Name) is { } p && p.Key == index => Ex.Apply(p.Base + "_" + text, a.Args.ToArray()),
            _ => x,
        });
    }

    private static string Visible(string length) => length.StartsWith(HiddenLength, StringComparison.Ordinal) ? "length of " + length.Substring(HiddenLength.Length) : length;

    private static string Describe(Dictionary<string, int> env) =>
        string.Join(", ", env.Select(kv => Visible(kv.Key) + " = " + kv.Value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The index and limits of a sum written out (no limits: over a hidden length).</summary>
    private sealed record Range(string Index, Expr? Lower, Expr? Upper);

    private static void Collect(Expr e, List<Range> ranges)
    {
        if (AsRange(e) is { } s && (IsIndexedSum(e) || s.Lower is not null && s.Upper is not null)) ranges.Add(new Range(s.Variable.Name, s.Lower, s.Upper));
        if (e is Sym symbol && OpaqueTerms.Find(symbol) is { Kind: OpaqueKind.Expectation } term) Collect(term.Body, ranges);
        foreach (var c in e.Children) Collect(c, ranges);
    }

    /// <summary>A declared domain of an indexed name (σ_i &gt; 0) holds for each of its values (σ_1, σ_2 …).</summary>
    private static Assumptions Inherit(Assumptions assumptions, Expr l, Expr r)
    {
        var byBase = new Dictionary<string, Domain>(StringComparer.Ordinal);
        foreach (var kv in assumptions.Declared)
            if (Split(kv.Key) is { } parts && parts.Key.Length == 1 && char.IsLetter(parts.Key[0])) byBase[parts.Base] = kv.Value;
        if (byBase.Count == 0) return assumptions;
        foreach (var s in Traversal.FreeSymbols(l).Concat(Traversal.FreeSymbols(r)).Distinct())
            if (!assumptions.Declared.ContainsKey(s.Name) && Split(s.Name) is { } p && byBase.TryGetValue(p.Base, out var d)) assumptions = assumptions.With(s.Name, d);
        return assumptions;
    }

    /// <summary>"\mu_d" → ("\mu", "d"); "\mathbf{x}_i" → ("\mathbf{x}", "i"): the first underscore outside braces.</summary>
    /// <summary>
    /// Expressions written out together (one expander, so x_2 is the same symbol in all of them) with every length
    /// symbol set to <paramref name="from"/> … <paramref name="upTo"/> in turn; a length at which a range runs backwards is skipped, and
    /// nothing more is written once an expression cannot be (the problem is then the last item's text).
    /// </summary>
    public static IEnumerable<(string Lengths, Expr[] Written)> WrittenOut(IReadOnlyList<Expr> expressions, int from, int upTo)
    {
        var sums = new List<Range>();
        foreach (var e in expressions) Collect(e, sums);
        var lengths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in sums)
        {
            if (s.Lower is null || s.Upper is null) { lengths.Add(HiddenLength + s.Index); continue; }
            foreach (var x in Traversal.FreeSymbols(s.Lower).Concat(Traversal.FreeSymbols(s.Upper))) lengths.Add(x.Name);
        }
        var indices = new HashSet<string>(sums.Select(s => s.Index), StringComparer.Ordinal);
        for (var length = Math.Max(1, from); length <= Math.Min(upTo, MaxLength); length++)
        {
            var env = lengths.ToDictionary(n => n, _ => length, StringComparer.Ordinal);
            var expander = new Expander(env, indices);
            Expr[] written;
            try
            {
                written = [.. expressions.Select(expander.Expand)];
            }
            catch (EmptyRange)
            {
                continue;
            }
            if (expander.Problem is not null || expander.Terms > MaxTermsPerInstance) yield break;
            var value = length.ToString(CultureInfo.InvariantCulture);
            yield return (string.Join(", ", lengths.Select(n => n.StartsWith(HiddenLength, StringComparison.Ordinal) ? "the sums over " + n.Substring(HiddenLength.Length) + " of length " + value : n + " = " + value)), written);
        }
    }

    /// <summary>
    /// The number of terms of the sums over <paramref name="index"/> written without limits, as a symbol: put in place of a
    /// count (n) the text may mean by it, the count is written out with the sums.
    /// </summary>
    public static Sym LengthOf(string index) => Ex.Sym(HiddenLength + index);

    /// <summary>The indices of the sums written without limits (\sum_i) in the expressions.</summary>
    public static IReadOnlyList<string> UnlimitedIndices(IEnumerable<Expr> expressions)
    {
        var ranges = new List<Range>();
        foreach (var e in expressions) Collect(e, ranges);
        return [.. ranges.Where(r => r.Lower is null || r.Upper is null).Select(r => r.Index).Distinct()];
    }

    internal static (string Base, string Key)? Split(string name)
    {
        var depth = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (c == '_' && depth == 0 && i > 0 && i + 1 < name.Length)
            {
                var key = name.Substring(i + 1);
                if (key.Length > 2 && key[0] == '{' && key[key.Length - 1] == '}') key = key.Substring(1, key.Length - 2);
                return (name.Substring(0, i), key);
            }
        }
        return null;
    }

    /// <summary>
    /// The index positions of a subscript: "i,j" and "ij" (letters only, at most three) are two or more positions;
    /// anything else ("i", "i+1", "12", "KL") is one.
    /// </summary>
    internal static string[] KeyTokens(string key)
    {
        if (key.IndexOf(',') >= 0) return key.Split(',');
        if (key.Length is > 1 and <= 3 && key.All(c => c is >= 'a' and <= 'z')) return key.Select(c => c.ToString()).ToArray();
        return [key];
    }

    private sealed class EmptyRange : Exception;

    /// <summary>Writes out every sum at the given lengths, renaming indexed symbols to their instances.</summary>
    /// <summary>
    /// a_i Σ_k y_k − y_i = a_i − y_i: a step that fails only because a plain sum Σ_k y_k of the statement is not 1 (a
    /// normalisation the text takes for granted for labels, weights or probabilities). Written out at three terms or more
    /// with the last term of that sum set to 1 minus the others, does the step hold? The sum as written (Σ_k y_k), or null.
    /// </summary>
    private static string? HoldsWhenNormalised(Expr lhs, Expr rhs, Dictionary<string, int> env, HashSet<string> indices, string freeIndex, Relation relation, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation)
    {
        var sums = new List<Expr>();
        void Find(Expr e)
        {
            if (sums.Count >= 3) return;
            if (IsPlainFamilySum(e)) { if (!sums.Contains(e)) sums.Add(e); return; }
            // Σ_j y_j log Σ_k e^{o_k}: a member y_j as a factor of the summand; the normalisation is then Σ_j y_j = 1.
            if (e is Summation { Body: Mul body } weighted)
                foreach (var f in body.Factors)
                    if (f is Sym member && Split(member.Name) is { } parts && parts.Key == weighted.Variable.Name
                        && Ex.Summation(member, weighted.Variable, weighted.Lower, weighted.Upper) is var total && !sums.Contains(total) && sums.Count < 3)
                        sums.Add(total);
            foreach (var c in e.Children) Find(c);
        }
        Find(lhs);
        Find(rhs);
        if (sums.Count == 0) return null;
        // At three terms or more: with one term the normalisation pins the value to 1, which proves too much.
        var longer = env.ToDictionary(kv => kv.Key, kv => Math.Max(kv.Value, 3), StringComparer.Ordinal);
        var expander = new Expander(longer, indices);
        if (WrittenOut(expander, lhs, rhs) is not var (l, r) || expander.Problem is not null) return null;
        var instances = freeIndex.Length == 0 ? [(l, r)] : new[] { 1, 2 }.Select(v => (AtIndex(l, freeIndex, v), AtIndex(r, freeIndex, v))).ToList();
        foreach (var sum in sums)
        {
            var written = expander.Expand(sum);
            if (expander.Problem is not null || written is not Add { Terms.Count: >= 3 } add || add.Terms[^1] is not Sym last) continue;
            var value = Ex.Sub(Ex.One, Ex.Add([.. add.Terms.Take(add.Terms.Count - 1)]));
            if (instances.All(i => StepChecker.Check(Traversal.Substitute(i.Item1, last, value), relation, Traversal.Substitute(i.Item2, last, value), assumptions, context, seed, cancellation).Kind
                    is VerdictKind.Proved or VerdictKind.Confirmed))
                return LatexPrinter.Print(sum);
        }
        return null;
    }

    /// <summary>Both sides written out, or null when a range runs backwards at these lengths.</summary>
    private static (Expr L, Expr R)? WrittenOut(Expander expander, Expr lhs, Expr rhs)
    {
        try
        {
            return (expander.Expand(lhs), expander.Expand(rhs));
        }
        catch (EmptyRange)
        {
            return null;
        }
    }

    /// <summary>Σ_k y_k: a sum whose summand is the indexed symbol itself.</summary>
    private static bool IsPlainFamilySum(Expr e) =>
        e is Summation { Body: Sym body } sum && Split(body.Name) is { } parts && parts.Key == sum.Variable.Name;

    private sealed class Expander(Dictionary<string, int> lengths, HashSet<string> indices)
    {
        private readonly Dictionary<string, int> _env = new(lengths, StringComparer.Ordinal);
        public string? Problem { get; private set; }
        public int Terms { get; private set; }

        public Expr Expand(Expr e)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            if (Problem is not null || Terms > MaxTermsPerInstance) return e;
            switch (e)
            {
                case Sym s when OpaqueTerms.Find(s) is { Kind: OpaqueKind.Expectation } expectation:
                    return OpaqueTerms.Expectation(expectation.Scope, Expand(expectation.Body));
                case Sym s:
                    if (_env.TryGetValue(s.Name, out var value)) return Ex.Num(value, 1);
                    return Ex.Sym(Rename(s.Name));
                // Σ_i 1 beside Σ_i x_i: sums (and products) written without limits range over one common set.
                case Summation or IndexedProduct when AsRange(e) is { } s
                    && (IsIndexedSum(e) || s.Lower is not null && s.Upper is not null || s.Lower is null && _env.ContainsKey(HiddenLength + s.Variable.Name)):
                    {
                        int lo, hi;
                        if (s.Lower is null || s.Upper is null)
                        {
                            lo = 1;
                            hi = _env[HiddenLength + s.Variable.Name];
                        }
                        else
                        {
                            if (Integer(Expand(s.Lower)) is not { } a || Integer(Expand(s.Upper)) is not { } b)
                            {
                                Problem ??= "a limit of the " + (s.IsProduct ? "product" : "sum") + " over " + s.Variable.Name + " is not an integer at these lengths";
                                return e;
                            }
                            (lo, hi) = (a, b);
                        }
                        var instances = Instances(s.Variable.Name, lo, hi, s.Body);
                        return s.IsProduct ? Ex.Mul(instances) : Ex.Add(instances);
                    }
                case Apply a:
                    {
                        var args = a.Args.Select(Expand).ToArray();
                        return Ex.Apply(Rename(a.Name), args);
                    }
                case BinderNode binder:
                    {
                        var v = binder.Variable;
                        if (_env.ContainsKey(v.Name)) { Problem ??= "the index " + v.Name + " is also the variable of an integral, expectation or sum"; return e; }
                        var kids = e.Children.Select((c, i) => i == 1 ? Ex.Sym(Rename(v.Name)) : Expand(c)).ToArray();
                        return Ex.Rebuild(e, kids);
                    }
            }
            if (e.Children.Count == 0) return e;
            return Ex.Rebuild(e, e.Children.Select(Expand).ToArray());
        }

        /// <summary>The body at each value of the index from lo to hi.</summary>
        private List<Expr> Instances(string name, int lo, int hi, Expr body)
        {
            if (hi < lo - 1) throw new EmptyRange();
            var had = _env.TryGetValue(name, out var outer);
            var terms = new List<Expr>();
            for (var k = lo; k <= hi; k++)
            {
                _env[name] = k;
                Terms++;
                terms.Add(Expand(body));
                if (Problem is not null || Terms > MaxTermsPerInstance) break;
            }
            if (had) _env[name] = outer; else _env.Remove(name);
            return terms;
        }

        /// <summary>Bases of the indexed families written out (x for x_i).</summary>
        private readonly HashSet<string> _families = new(StringComparer.Ordinal);

        public IReadOnlyCollection<string> Families => _families;

        /// <summary>
        /// x_j with a free j beside the written-out x_1 … x_n: j may be any of 1 … n, so x_j is not a separate value
        /// and no instance can treat it as one.
        /// </summary>
        public string? Alias(Expr l, Expr r)
        {
            foreach (var s in Traversal.FreeSymbols(l).Concat(Traversal.FreeSymbols(r)))
                if (Split(s.Name) is { } parts && _families.Contains(parts.Base) && !KeyTokens(parts.Key).All(t => t.Length > 0 && t.All(char.IsDigit)))
                    return s.Name + " has a free index: it may be one of the values the sums run over, which SymKl cannot tell";
            return null;
        }

        private static int? Integer(Expr e) =>
            e is Num { Value.IsInteger: true } n && n.Value.Numerator >= -1000000 && n.Value.Numerator <= 1000000 ? (int)n.Value.Numerator : null;

        /// <summary>x_i at i = 2 → x_2; θ_{ij} at (1, 3) → θ_{1,3}; x_{i+1} at i = 2 → x_3. A name that still mentions an index is a problem.</summary>
        private string Rename(string name)
        {
            // ∂_{theta_j} Z_theta: the marks and the function renamed each on its own.
            if (AbstractDerivatives.Decompose(name) is { Marks.Count: > 0 } derivative)
                return AbstractDerivatives.Compose(derivative.Marks.Select(Rename), Rename(derivative.Core));
            if (Split(name) is not { } parts) return name;
            var tokens = KeyTokens(parts.Key);
            var changed = false;
            var result = new string[tokens.Length];
            for (var t = 0; t < tokens.Length; t++)
            {
                result[t] = Token(tokens[t]);
                changed |= result[t] != tokens[t];
            }
            foreach (var token in result)
                if (indices.Contains(token) || Mentions(token))
                {
                    Problem ??= "the subscript of " + name + " mixes an index with something SymKl cannot write out";
                    return name;
                }
            if (!changed) return name;
            _families.Add(parts.Base);
            var sb = new StringBuilder(parts.Base).Append('_');
            sb.Append(string.Join(",", result));
            return sb.ToString();
        }

        /// <summary>
        /// True when a token still names an index or length in force (as in "2i"), or has an index in force in a subscript of its
        /// own (y_j in f_{y_j} under Σ_j: a different value for each term, which a single symbol would hide).
        /// </summary>
        private bool Mentions(string token) =>
            token.Length > 1 && _env.Keys.Any(k => k.Length == 1 && token.Contains(k) && token.Any(char.IsDigit))
            || token.IndexOf('_') > 0 && token.Split('_', '{', '}', '^').Skip(1).Any(p => indices.Contains(p) && _env.ContainsKey(p));

        /// <summary>One index position: an index in force, or index ± integer, becomes its value.</summary>
        private string Token(string token)
        {
            if (_env.TryGetValue(token, out var v)) return v.ToString(CultureInfo.InvariantCulture);
            foreach (var sign in new[] { '+', '-' })
            {
                var at = token.IndexOf(sign);
                if (at <= 0 || at == token.Length - 1) continue;
                var left = token.Substring(0, at);
                var right = token.Substring(at + 1);
                if (_env.TryGetValue(left, out var a) && int.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var b))
                    return (sign == '+' ? a + b : a - b).ToString(CultureInfo.InvariantCulture);
            }
            return token;
        }
    }
}
