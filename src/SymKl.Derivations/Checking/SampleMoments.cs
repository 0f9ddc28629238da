using System.Globalization;
using SymKl.Latex.Binding;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Checking;

/// <summary>
/// The law of a document's samples x_1 … x_n: their indexed name (the base x of x_i), their raw moments, and whether
/// the text says they are independent. Given by x_i \sim \mathcal{N}(\mu, \sigma^2) or by prose ("i.i.d. … with mean
/// $\mu$ and variance $\sigma^2$"); a law known by its mean and variance only has moments up to the second.
/// </summary>
public sealed record SampleLaw(string Family, Expr Mean, Expr Variance, DistributionInstance? Instance, bool Independent, string Source)
{
    /// <summary>E[x^k] for one sample, or null when the law does not give it.</summary>
    public Expr? Moment(int k, Assumptions assumptions)
    {
        if (k == 0) return Ex.One;
        if (Instance is { } d)
        {
            var t = Ex.Sym("#t");
            return d.Family.Moment(Ex.Pow(t, Ex.Num(k)), t, d.Parameters, assumptions);
        }
        return k switch
        {
            1 => Mean,
            2 => Ex.Add(Variance, Ex.Pow(Mean, Ex.Two)),
            _ => null,
        };
    }

    /// <summary>The symbols of the law's parameters (μ, σ): values, not random.</summary>
    public IEnumerable<Sym> Parameters => Traversal.FreeSymbols(Mean).Concat(Traversal.FreeSymbols(Variance));
}

/// <summary>
/// Exact expectations of polynomials in i.i.d. samples (E[\frac{1}{n}\sum_i x_i] = μ, E[\hat\mu^2] = σ²/n + μ²): sums
/// over the samples are multiplied out into multiple sums, E moves inside them (linearity), and each multiple sum
/// Σ_{i,j,…} of a product of moments is split by which of its indices are equal (the diagonal i = j apart): a pattern
/// with b distinct new values contributes (n − f)(n − f − 1)…(n − f − b + 1) times the product, over the distinct
/// values, of E[x^k] with k the power each carries (independence across different indices). Each side of a step
/// becomes a closed form in n, the law's parameters and numbers, and the sides are compared: proved when the closed
/// forms agree, refuted at a concrete n, μ, σ² when they differ. Indices left free (E[x_i x_j]) are tried equal and
/// different; a step that holds in one case only is not decided.
/// </summary>
public static class SampleMoments
{
    private const int MaxTerms = 4000;
    private const int MaxBound = 6;
    private const int MaxPower = 8;
    private const int MaxFreeIndices = 4;
    private const string HiddenCount = "#n";

    /// <summary>The verdict, or null when the step is not one this evaluator reads (then the usual checks apply).</summary>
    public static Verdict? Decide(Expr lhs, Relation relation, Expr rhs, SampleLaw law, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation = default)
    {
        if (!HasSampleExpectation(lhs, law) && !HasSampleExpectation(rhs, law)) return null;
        var builder = new Builder(law);
        var left = builder.Build(lhs);
        var right = builder.Build(rhs);
        if (left is null || right is null || builder.Problem is not null) return null;
        // Random values outside every expectation: the sides are random variables, not numbers.
        if (left.Concat(right).Any(t => t.Raw.Count > 0)) return null;
        var count = builder.Count ?? Ex.Sym(HiddenCount);
        var free = left.Concat(right).SelectMany(t => t.Moments.SelectMany(m => m.Keys)).Where(k => !k.StartsWith("#", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (free.Count > MaxFreeIndices) return null;
        var allowed = new HashSet<Sym>(law.Parameters);
        foreach (var s in Traversal.FreeSymbols(count)) allowed.Add(s);
        var outcomes = new List<(string Pattern, Verdict Verdict, Expr L, Expr R)>();
        foreach (var pattern in Patterns(free))
        {
            cancellation.ThrowIfCancellationRequested();
            var evaluator = new Evaluator(law, assumptions, count, pattern, cancellation);
            var l = evaluator.Closed(left);
            var r = evaluator.Closed(right);
            if (l is null || r is null) return null;
            // A name that is neither a sample nor a parameter of their law (an undefined estimator): not this reading's to decide.
            if (Traversal.FreeSymbols(l).Concat(Traversal.FreeSymbols(r)).Concat(builder.Inside).Any(s => !allowed.Contains(s) && !IsCountCandidate(s, builder.Count))) return null;
            // x_5 is one of the samples only when there are at least 5 of them.
            var blocks = Math.Max(pattern.Values.Distinct(StringComparer.Ordinal).Count(), free.Where(f => f.All(char.IsDigit) && f.Length < 4).Select(f => int.Parse(f, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max());
            var (verdict, reading) = Compare(l, relation, r, count, builder.Count is null, blocks, law, assumptions, context, seed, cancellation);
            if (verdict is null) return null;
            if (reading is not null)
            {
                l = Traversal.Substitute(l, reading);
                r = Traversal.Substitute(r, reading);
            }
            outcomes.Add((Describe(pattern), verdict, l, r));
        }
        if (outcomes.Count == 0) return null;
        var what = "the expectations taken exactly over the samples " + law.Family + "_1 … " + law.Family + "_" + (builder.Count is { } c ? LatexPrinter.Print(c) : "n") + " (" + law.Source + ")";
        var holding = outcomes.Where(o => o.Verdict.Holds).ToList();
        if (holding.Count == outcomes.Count)
        {
            var kind = outcomes.All(o => o.Verdict.Kind == VerdictKind.Proved) ? VerdictKind.Proved : VerdictKind.Confirmed;
            var first = outcomes[0];
            return new Verdict(kind, what + ": both sides are " + Shown(first.L, assumptions) + (outcomes.Count > 1 ? " (" + first.Pattern + ")" : "")
                + (outcomes.Count > 1 ? ", whichever of the free indices are equal" : "") + "; " + first.Verdict.Reason, null, null, outcomes.Sum(o => o.Verdict.PointsChecked));
        }
        if (holding.Count > 0)
        {
            var fails = outcomes.First(o => !o.Verdict.Holds);
            return new Verdict(VerdictKind.Unsupported, what + ": it holds when " + holding[0].Pattern + " but not when " + fails.Pattern + " (left " + Shown(fails.L, assumptions) + ", right " + Shown(fails.R, assumptions)
                + "); the text may assume which, and SymKl does not decide it", null, null, 0);
        }
        if (outcomes.Any(o => o.Verdict.Kind != VerdictKind.Refuted)) return null;
        // Refuted in every case: reported for the case of distinct indices (the last pattern).
        var shown = outcomes[^1];
        var at = outcomes.Count > 1 ? " (" + shown.Pattern + ", and in every other case)" : "";
        return shown.Verdict with { Reason = what + ": the left side is " + Shown(shown.L, assumptions) + " and the right side " + Shown(shown.R, assumptions) + at + "; " + shown.Verdict.Reason };
    }

    /// <summary>
    /// Each expectation over the samples alone (E[x_i^2], E[\frac{1}{n}\sum_i x_i]) replaced by its exact value where
    /// that value is the same whichever of its free indices are equal, and sums over the samples of what is then a
    /// constant (Σ_{i=1}^{n} σ²) counted out; the other expectations stay unknown values. Null when nothing was
    /// replaced. <paramref name="values"/> lists the replacements for the reason.
    /// </summary>
    public static (Expr Lhs, Expr Rhs)? Partially(Expr lhs, Expr rhs, SampleLaw law, Assumptions assumptions, out string values)
    {
        values = "";
        var replaced = new Dictionary<Expr, Expr>();
        var parameters = new HashSet<Sym>(law.Parameters);
        var samples = false;
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, x =>
            {
                // E[μ²] of the law's parameters too: E[c] = c, as the expectations beside it are read exactly.
                if (replaced.Count > 16 || replaced.ContainsKey(x) || !(x is Sym s && OpaqueTerms.Find(s) is { Kind: OpaqueKind.Expectation, Scope: "" } || x is Symbolic.Expectation && HasSampleExpectation(x, law))) return false;
                if (Exactly(x, law, assumptions) is { } value)
                {
                    replaced[x] = value;
                    samples |= HasSampleExpectation(x, law);
                }
                return false;
            });
        if (!samples) return null;
        // Σ_{i=1}^{n} of numbers and the law's parameters (σ², μ² − μ²) is n copies of it: nothing in it can be a component.
        Expr Apply(Expr e) => Ex.Map(e, x => replaced.TryGetValue(x, out var v) ? v
            : x is Summation sum && sum.Lower is not null && sum.Lower.Equals(Ex.One) && sum.Upper is { } upper
                && !Traversal.Any(sum.Body, y => y is not (Num or Constant or Add or Mul or Pow) && !(y is Sym z && parameters.Contains(z)))
                ? Ex.Mul(upper, sum.Body) : x);
        var result = (Apply(lhs), Apply(rhs));
        // An expectation over the samples left unread (mixed with an unknown estimator) beside ones replaced: the sides
        // would no longer match term for term, as they do when every expectation is read alike.
        if (HasSampleExpectation(result.Item1, law) || HasSampleExpectation(result.Item2, law)) return null;
        values = string.Join("; ", replaced.Select(kv => (OpaqueTerms.Find(kv.Key as Sym ?? Ex.Sym("")) is { } t ? t.Describe() + "[" + LatexPrinter.Print(t.Body) + "]" : LatexPrinter.Print(kv.Key)) + " = " + Shown(kv.Value, assumptions)));
        return result;
    }

    /// <summary>The exact value of one expectation, the same whichever of its free indices are equal; null otherwise.</summary>
    private static Expr? Exactly(Expr expectation, SampleLaw law, Assumptions assumptions)
    {
        var builder = new Builder(law);
        var terms = builder.Build(expectation);
        if (terms is null || builder.Problem is not null || builder.Hidden || terms.Any(t => t.Raw.Count > 0)) return null;
        var allowed = new HashSet<Sym>(law.Parameters);
        if (builder.Count is { } count) foreach (var s in Traversal.FreeSymbols(count)) allowed.Add(s);
        // The limits of sums (n in Σ_{i=1}^{n} μ²) are counts, not random.
        Traversal.Any(expectation is Sym e && OpaqueTerms.Find(e) is { } term ? term.Body : expectation, x =>
        {
            if (x is Summation { Upper: { } upper }) foreach (var s in Traversal.FreeSymbols(upper)) allowed.Add(s);
            return false;
        });
        if (builder.Inside.Any(s => !allowed.Contains(s))) return null;
        var free = terms.SelectMany(t => t.Moments.SelectMany(m => m.Keys)).Where(k => !k.StartsWith("#", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (free.Count > MaxFreeIndices) return null;
        Expr? value = null;
        try
        {
            foreach (var pattern in Patterns(free))
            {
                var closed = new Evaluator(law, assumptions, builder.Count ?? Ex.Sym(HiddenCount), pattern, default).Closed(terms);
                if (closed is null || Traversal.FreeSymbols(closed).Any(s => !allowed.Contains(s))) return null;
                if (value is null) value = closed;
                else if (!Expander.Expand(Ex.Sub(value, closed), new Budget(100_000) { MaxTerms = 400 }).IsZero) return null;
            }
        }
        catch (BudgetExceededException)
        {
            return null;
        }
        return value;
    }

    /// <summary>A closed form multiplied out and simplified, for the reader (the comparison does not depend on it).</summary>
    private static string Shown(Expr e, Assumptions assumptions)
    {
        try
        {
            e = Simplifier.Simplify(Expander.Expand(e, new Budget(100_000) { MaxTerms = 400 }), assumptions, new Budget(100_000));
        }
        catch (BudgetExceededException)
        {
            // As computed.
        }
        return LatexPrinter.Print(e).Replace(HiddenCount, "n");
    }

    /// <summary>A plain name that may be the count of sums written without limits (n in \frac{1}{n}\sum_i x_i).</summary>
    private static bool IsCountCandidate(Sym s, Expr? count) => count is null && s.Name is "n" or "N" or "m" or "M" or "T";

    /// <summary>
    /// The closed forms compared, n a positive integer at least the number of distinct free indices. With sums written
    /// without limits the count is first a value of its own; a failure stands only if the step also fails with a plain
    /// name (n) as that count, and a step that holds only so is read that way (the reason says so).
    /// </summary>
    private static (Verdict? Verdict, Dictionary<Sym, Expr>? Reading) Compare(Expr l, Relation relation, Expr r, Expr count, bool hidden, int blocks, SampleLaw law, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation)
    {
        var least = Math.Max(blocks, 1);
        Assumptions At(Expr c)
        {
            var a = law.Instance?.Constrain(assumptions) ?? assumptions;
            if (c is Sym s)
            {
                a = a.With(s.Name, Domain.PositiveInteger);
                if (least > 1) a = a.WithLowerBound(s.Name, new Rational(least), false);
            }
            return a;
        }
        Verdict Check(Expr a, Expr b, Expr c)
        {
            // A side undefined at a small count (\frac{m}{m-1} at m = 1) shows nothing about the others: larger counts are tried.
            least = Math.Max(blocks, 1);
            for (var tries = 0; ; tries++)
            {
                var v = StepChecker.Check(a, relation, b, At(c), context, seed, cancellation);
                if (v.Kind != VerdictKind.Refuted || v.Counterexample is not { } ce || Finite(ce.Lhs) && Finite(ce.Rhs))
                    return v;
                if (tries == 3 || c is not Sym) return new Verdict(VerdictKind.Unsupported, "one side is undefined at some sample counts", null, null, 0);
                least++;
            }
        }
        var verdict = Check(l, r, count);
        if (!hidden || verdict.Holds) return (verdict.Kind is VerdictKind.Proved or VerdictKind.Confirmed or VerdictKind.Refuted ? verdict : null, null);
        if (verdict.Kind != VerdictKind.Refuted) return (null, null);
        Dictionary<Sym, Expr>? reading = null;
        var h = Ex.Sym(HiddenCount);
        foreach (var candidate in Traversal.FreeSymbols(l).Concat(Traversal.FreeSymbols(r)).Where(s => IsCountCandidate(s, null)).Distinct())
        {
            var map = new Dictionary<Sym, Expr> { [h] = candidate };
            var again = Check(Traversal.Substitute(l, map), Traversal.Substitute(r, map), candidate);
            if (again.Holds)
                return (again with { Reason = "reading the sums written without limits as over the " + candidate.Name + " samples: " + again.Reason }, map);
            if (again.Kind != VerdictKind.Refuted) return (null, null);
            (verdict, reading) = (again with { Reason = "also with the sums written without limits read as over the " + candidate.Name + " samples: " + again.Reason }, map);
        }
        return (verdict, reading);
    }

    private static bool Finite(double x) => !double.IsNaN(x) && !double.IsInfinity(x);

    private static bool HasSampleExpectation(Expr e, SampleLaw law) => Traversal.Any(e, x => x switch
    {
        Sym s when OpaqueTerms.Find(s) is { Kind: OpaqueKind.Expectation, Scope: "" } t => Traversal.Any(t.Body, y => y is Sym z && IsSample(z, law) is not null),
        Symbolic.Expectation ex => IsSample(ex.Variable, law) is not null,
        _ => false,
    });

    /// <summary>The index of a sample (i of x_i, 3 of x_3), "" for the bare letter, null for another name.</summary>
    internal static string? IsSample(Sym s, SampleLaw law)
    {
        if (s.Name == law.Family) return "";
        if (IndexedSums.Split(s.Name) is not { } parts || parts.Base != law.Family) return null;
        return parts.Key.Trim('{', '}');
    }

    /// <summary>Every way the free indices may be equal (numerals never equal one another): index → its class.</summary>
    private static IEnumerable<Dictionary<string, string>> Patterns(List<string> free)
    {
        var assignment = new Dictionary<string, string>(StringComparer.Ordinal);
        var classes = new List<string>();
        IEnumerable<Dictionary<string, string>> Walk(int at)
        {
            if (at == free.Count) { yield return new Dictionary<string, string>(assignment, StringComparer.Ordinal); yield break; }
            var index = free[at];
            var numeral = index.All(char.IsDigit);
            // Equal to an earlier class first, distinct last: the last pattern is the one with all indices different.
            foreach (var c in classes.ToList())
            {
                if (numeral && free.Any(f => f.All(char.IsDigit) && f != index && assignment.TryGetValue(f, out var fc) && fc == c)) continue;
                assignment[index] = c;
                foreach (var p in Walk(at + 1)) yield return p;
            }
            classes.Add(index);
            assignment[index] = index;
            foreach (var p in Walk(at + 1)) yield return p;
            classes.RemoveAt(classes.Count - 1);
            assignment.Remove(index);
        }
        return Walk(0);
    }

    private static string Describe(Dictionary<string, string> pattern)
    {
        if (pattern.Count < 2) return "";
        var parts = new List<string>();
        var keys = pattern.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        for (var a = 0; a < keys.Count; a++)
            for (var b = a + 1; b < keys.Count; b++)
                parts.Add(keys[a] + (pattern[keys[a]] == pattern[keys[b]] ? " = " : " \u2260 ") + keys[b]);
        return string.Join(", ", parts);
    }

    /// <summary>
    /// One term of a side: a coefficient (no sample in it) times a multiple sum over its bound indices of the product of
    /// the samples outside expectations (Raw: index → power) and of expectations of products of samples (Moments).
    /// Bound indices are fresh names starting with '#'; free ones are the indices as written (i, 3).
    /// </summary>
    private sealed record Term(Expr Coef, IReadOnlyList<string> Bound, IReadOnlyDictionary<string, int> Raw, IReadOnlyList<IReadOnlyDictionary<string, int>> Moments);

    private static int Get(Dictionary<string, int> d, string key) => d.TryGetValue(key, out var v) ? v : 0;

    private static readonly IReadOnlyDictionary<string, int> NoPowers = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Reads a side into terms; null (and <see cref="Problem"/>) for anything but a polynomial in the samples.</summary>
    private sealed class Builder(SampleLaw law)
    {
        private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);
        private int _fresh;

        public string? Problem { get; private set; }

        /// <summary>The sample count: the upper limit of the sums over the samples, null while none has limits.</summary>
        public Expr? Count { get; private set; }

        private bool _hidden;

        /// <summary>A sum over the samples without limits was read.</summary>
        public bool Hidden => _hidden;

        private int _depth;

        /// <summary>The names met inside expectations outside the samples: they must be values (parameters, the count).</summary>
        public HashSet<Sym> Inside { get; } = new();

        private List<Term>? Inner(Expr body)
        {
            _depth++;
            try
            {
                return Build(body);
            }
            finally
            {
                _depth--;
            }
        }

        public List<Term>? Build(Expr e)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            if (Problem is not null) return null;
            if (Plain(e))
            {
                // E[c] = c only for what is not random: checked against the law's parameters and the count at the end.
                if (_depth > 0) foreach (var s in Traversal.FreeSymbols(e)) Inside.Add(s);
                if (_env.Keys.Any(v => Traversal.FreeSymbols(e).Any(s => s.Name == v) || OpaqueTerms.NamesVariable(e, Ex.Sym(v))))
                    return Fail("a coefficient depends on a summation index");
                return [new Term(e, [], NoPowers, [])];
            }
            switch (e)
            {
                case Sym s when IsSample(s, law) is { } key:
                    {
                        if (key.Length == 0 || !(key.All(char.IsLetter) && key.Length == 1 || key.All(char.IsDigit))) return Fail("a sample with an index SymKl does not read: " + s.Name);
                        var index = _env.TryGetValue(key, out var bound) ? bound : key;
                        return [new Term(Ex.One, [], new Dictionary<string, int>(StringComparer.Ordinal) { [index] = 1 }, [])];
                    }
                case Sym s when OpaqueTerms.Find(s) is { Kind: OpaqueKind.Expectation, Scope: "" } t:
                    return Expect(Inner(t.Body));
                case Symbolic.Expectation ex when IsSample(ex.Variable, law) is not null && ex.Distribution is Sym d && d.Name == ex.Variable.Name:
                    return Expect(Inner(ex.Body));
                case Add a:
                    {
                        var terms = new List<Term>();
                        foreach (var t in a.Terms)
                        {
                            if (Build(t) is not { } part) return null;
                            terms.AddRange(part);
                        }
                        return Budget(terms);
                    }
                case Mul m:
                    {
                        List<Term>? product = [new Term(Ex.One, [], NoPowers, [])];
                        foreach (var f in m.Factors)
                        {
                            if (Build(f) is not { } part) return null;
                            product = Multiply(product, part);
                            if (product is null) return null;
                        }
                        return product;
                    }
                case Pow p when p.Exponent is Num { Value.IsInteger: true } k && k.Value.Sign > 0 && k.Value.Numerator <= MaxPower:
                    {
                        if (Build(p.Base) is not { } b) return null;
                        List<Term>? power = b;
                        for (var i = 1; i < (int)k.Value.Numerator && power is not null; i++) power = Multiply(power, b);
                        return power;
                    }
                case Summation sum:
                    return Sum(sum);
            }
            return Fail("a function of the samples that is not a polynomial: " + LatexPrinter.Print(e));
        }

        private List<Term>? Sum(Summation sum)
        {
            if (sum.Lower is null != sum.Upper is null) return Fail("a sum with one limit");
            if (sum.Lower is not null)
            {
                if (!sum.Lower.Equals(Ex.One) || _hidden) return Fail("a sum over the samples that does not run from 1 to their count");
                if (Count is null) Count = sum.Upper;
                else if (!Count.Equals(sum.Upper)) return Fail("sums over the samples with different upper limits");
            }
            else
            {
                if (Count is not null) return Fail("sums over the samples with and without limits");
                _hidden = true;
            }
            var variable = sum.Variable.Name;
            var id = "#" + (++_fresh).ToString(CultureInfo.InvariantCulture);
            var had = _env.TryGetValue(variable, out var outer);
            _env[variable] = id;
            var body = Build(sum.Body);
            if (had) _env[variable] = outer!; else _env.Remove(variable);
            if (body is null) return null;
            var count = sum.Upper ?? Ex.Sym(HiddenCount);
            return body.Select(t => Uses(t, id) ? t with { Bound = [.. t.Bound, id] } : t with { Coef = Ex.Mul(t.Coef, count) }).ToList();
        }

        private static bool Uses(Term t, string id) => t.Raw.ContainsKey(id) || t.Moments.Any(m => m.ContainsKey(id));

        /// <summary>E of a polynomial: the samples of each term go into one expectation; coefficients and sums move out.</summary>
        private static List<Term>? Expect(List<Term>? inner) =>
            inner?.Select(t => t.Raw.Count == 0 ? t : t with { Raw = NoPowers, Moments = [.. t.Moments, t.Raw] }).ToList();

        private List<Term>? Multiply(List<Term> a, List<Term> b)
        {
            if ((long)a.Count * b.Count > MaxTerms) return Fail("too many terms to multiply out");
            var result = new List<Term>();
            foreach (var x in a)
                foreach (var y in b)
                {
                    // The right factor's bound indices renamed: (Σ_i x_i)^2 is Σ_i Σ_j x_i x_j.
                    var rename = y.Bound.ToDictionary(v => v, _ => "#" + (++_fresh).ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
                    string R(string k) => rename.TryGetValue(k, out var r) ? r : k;
                    var raw = x.Raw.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                    foreach (var kv in y.Raw) raw[R(kv.Key)] = Get(raw, R(kv.Key)) + kv.Value;
                    var bound = x.Bound.Concat(y.Bound.Select(R)).ToList();
                    if (bound.Count > MaxBound || raw.Values.Any(v => v > MaxPower)) return Fail("too many nested sums or too high a power");
                    var moments = x.Moments.Concat(y.Moments.Select(m => (IReadOnlyDictionary<string, int>)m.ToDictionary(kv => R(kv.Key), kv => kv.Value, StringComparer.Ordinal))).ToList();
                    result.Add(new Term(Ex.Mul(x.Coef, y.Coef), bound, raw, moments));
                }
            return result;
        }

        private List<Term>? Budget(List<Term> terms) => terms.Count > MaxTerms ? Fail("too many terms") : terms;

        /// <summary>No sample and no expectation in it: a coefficient.</summary>
        private bool Plain(Expr e) => !Traversal.Any(e, x => x is Sym s && (IsSample(s, law) is not null || OpaqueTerms.Find(s) is not null) || x is Symbolic.Expectation);

        private List<Term>? Fail(string why)
        {
            Problem ??= why;
            return null;
        }
    }

    /// <summary>Closed forms of the terms, with the free indices in the classes of one pattern.</summary>
    private sealed class Evaluator(SampleLaw law, Assumptions assumptions, Expr count, Dictionary<string, string> pattern, CancellationToken cancellation)
    {
        private const int MaxPatterns = 100_000;
        private readonly Dictionary<int, Expr?> _moments = new();
        private int _patterns;

        public Expr? Closed(List<Term> terms)
        {
            var sum = new List<Expr>();
            foreach (var t in terms)
            {
                var moments = t.Moments.Select(m =>
                {
                    var d = new Dictionary<string, int>(StringComparer.Ordinal);
                    foreach (var kv in m)
                    {
                        var k = pattern.TryGetValue(kv.Key, out var c) ? c : kv.Key;
                        d[k] = Get(d, k) + kv.Value;
                    }
                    return d;
                }).ToList();
                var fixedClasses = moments.SelectMany(m => m.Keys).Where(k => !k.StartsWith("#", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
                if (Sum(t.Bound, 0, fixedClasses, new Dictionary<string, string>(StringComparer.Ordinal), 0, moments) is not { } value) return null;
                sum.Add(Ex.Mul(Sums(t.Coef), value));
            }
            return Ex.Add(sum);
        }

        /// <summary>Σ over the bound indices from <paramref name="at"/> on: each joins a free class, an earlier new class, or opens a new one.</summary>
        private Expr? Sum(IReadOnlyList<string> bound, int at, List<string> classes, Dictionary<string, string> joined, int opened, List<Dictionary<string, int>> moments)
        {
            if (at == bound.Count)
            {
                if (++_patterns > MaxPatterns) return null;
                if (_patterns % 1000 == 0) { cancellation.ThrowIfCancellationRequested(); WorkBudget.Charge(1000); }
                return Value(moments, joined, classes.Count - opened, opened);
            }
            var parts = new List<Expr>();
            foreach (var c in classes.ToList())
            {
                joined[bound[at]] = c;
                if (Sum(bound, at + 1, classes, joined, opened, moments) is not { } v) return null;
                parts.Add(v);
            }
            var fresh = "%" + bound[at];
            classes.Add(fresh);
            joined[bound[at]] = fresh;
            var opening = Sum(bound, at + 1, classes, joined, opened + 1, moments);
            classes.RemoveAt(classes.Count - 1);
            joined.Remove(bound[at]);
            if (opening is null) return null;
            parts.Add(opening);
            return Ex.Add(parts);
        }

        /// <summary>One pattern: the number of its index values, (n − f)(n − f − 1)…, times the product of the moments.</summary>
        private Expr? Value(List<Dictionary<string, int>> moments, Dictionary<string, string> joined, int fixedCount, int opened)
        {
            var factors = new List<Expr>();
            for (var t = 0; t < opened; t++) factors.Add(Ex.Sub(count, Ex.Num(fixedCount + t)));
            foreach (var m in moments)
            {
                var powers = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var kv in m)
                {
                    var c = joined.TryGetValue(kv.Key, out var j) ? j : kv.Key;
                    powers[c] = Get(powers, c) + kv.Value;
                }
                // Different samples in one expectation: independent only if the text says so.
                if (powers.Count > 1 && !law.Independent) return null;
                foreach (var k in powers.Values)
                {
                    if (!_moments.TryGetValue(k, out var moment)) _moments[k] = moment = k > MaxPower ? null : law.Moment(k, assumptions);
                    if (moment is null) return null;
                    factors.Add(moment);
                }
            }
            return Ex.Mul(factors);
        }

        /// <summary>Σ_{i=a}^{b} c with c free of i is (b − a + 1) c (Σ_i σ² beside the expectations).</summary>
        private Expr Sums(Expr e) => Ex.Map(e, x => x is Summation s && !Traversal.FreeSymbols(s.Body).Contains(s.Variable) && !OpaqueTerms.NamesVariable(s.Body, s.Variable)
            ? Ex.Mul(s.Lower is null || s.Upper is null ? count : Ex.Add(Ex.Sub(s.Upper, s.Lower), Ex.One), s.Body)
            : x);
    }
}
