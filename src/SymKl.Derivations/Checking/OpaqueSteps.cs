using System.Globalization;
using SymKl.Latex.Binding;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Checking;

/// <summary>
/// A step whose sides hold unknown values (<see cref="OpaqueTerms"/>: \max_u f, \lim_{x \to a} f, an expectation whose
/// distribution is not given). Before the check, two such values with the same operator and scope whose operands are
/// equal become one, and a limit of a function of its variable alone is evaluated numerically when the values
/// approaching the point settle on a simple number. After it, the verdict stands only when it holds whatever the
/// remaining values are: a failure is not a mistake (the values are constrained in ways SymKl does not model).
/// </summary>
public sealed class OpaqueSteps
{
    private const int MaxComparisons = 8;

    private readonly IReadOnlyList<OpaqueTerm> _terms;
    private readonly List<string> _numericLimits = new();

    /// <summary>Maxima and minima evaluated (<see cref="NumericExtreme"/>): a step that fails with them is not refuted.</summary>
    private readonly List<string> _numericExtremes = new();

    /// <summary>Some maximum or minimum of the step was evaluated.</summary>
    public bool EvaluatedExtremes => _numericExtremes.Count > 0;

    private OpaqueSteps(IReadOnlyList<OpaqueTerm> terms) => _terms = terms;

    /// <summary>
    /// The verdict comes from the sums written out term by term (<see cref="IndexedSums"/>): an expectation of x_i
    /// inside Σ_i was then taken of each x_1, x_2 … on its own, so it is no longer one unknown value for every term.
    /// </summary>
    public bool SumsWrittenOut { get; set; }

    /// <summary>Rewrites the sides as described; null (and the sides untouched) when they hold no unknown value.</summary>
    /// <param name="relation">The step's relation: a step that holds whatever the maxima are keeps them unknown (proved, not
    /// merely confirmed with values found numerically).</param>
    public static OpaqueSteps? Prepare(ref Expr lhs, ref Expr rhs, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation = default, Relation? relation = null)
    {
        var found = OpaqueTerms.In(lhs).Concat(OpaqueTerms.In(rhs)).GroupBy(t => t.Symbol.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        if (found.Count == 0) return null;
        // ∫ q(x) g(x) dx beside 𝔼_q[…]: the expectation of g under the same open law.
        var scopes = found.Where(f => f.Term.Kind == OpaqueKind.Expectation && f.Term.Scope.Length > 0).Select(f => f.Term.Scope).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count > 0)
        {
            var (l, r) = (OpenLawIntegrals.Rewrite(lhs, scopes), OpenLawIntegrals.Rewrite(rhs, scopes));
            if (!l.Equals(lhs) || !r.Equals(rhs))
            {
                (lhs, rhs) = (l, r);
                found = OpaqueTerms.In(lhs).Concat(OpaqueTerms.In(rhs)).GroupBy(t => t.Symbol.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
            }
        }
        var steps = new OpaqueSteps(found.Select(f => f.Term).ToList()) { _assumptions = assumptions, _context = context, _seed = seed };
        var map = new Dictionary<Sym, Expr>();
        int comparisons = 0;
        bool? evaluate = null;
        for (int i = 0; i < found.Count; i++)
        {
            var (symbol, term) = found[i];
            if (term.Kind == OpaqueKind.Limit && NumericLimit.Evaluate(term) is { } value)
            {
                map[symbol] = value;
                steps._numericLimits.Add(term.Describe() + " " + LatexPrinter.Print(term.Body) + " = " + LatexPrinter.Print(value));
                continue;
            }
            evaluate ??= relation is { } r && NumericExtreme.Evaluable(found.Select(f => f.Term)) && !StepChecker.Check(lhs, r, rhs, assumptions, context, seed, cancellation).Holds;
            if (evaluate == true && NumericExtreme.Evaluate(term, assumptions) is { } extreme)
            {
                map[symbol] = extreme.Value;
                steps._numericExtremes.Add(NumericExtreme.Describe(term, extreme.Value, extreme.At));
                continue;
            }
            for (int j = 0; j < i; j++)
            {
                var (earlier, other) = found[j];
                if (map.ContainsKey(earlier) || other.Kind != term.Kind || other.Scope != term.Scope) continue;
                if (++comparisons > MaxComparisons) break;
                var same = StepChecker.Check(other.Body, Relation.Equal, term.Body, assumptions, context, seed, cancellation);
                if (same.Holds)
                {
                    map[symbol] = earlier;
                    break;
                }
            }
        }
        if (map.Count > 0)
        {
            lhs = Traversal.Substitute(lhs, map);
            rhs = Traversal.Substitute(rhs, map);
        }
        foreach (var group in found.Where(f => f.Term.Kind == OpaqueKind.Expectation && !map.ContainsKey(f.Symbol)).GroupBy(f => f.Term.Scope, StringComparer.Ordinal))
        {
            if (++comparisons > MaxComparisons) break;
            if (Linearity(lhs, rhs, group.ToList(), assumptions, context, seed, cancellation) is not { } solved) continue;
            lhs = Traversal.Substitute(lhs, solved);
            rhs = Traversal.Substitute(rhs, solved);
        }
        return steps;
    }

    /// <summary>
    /// Expectations over the same (unstated) law, entering lhs − rhs as Σ k_i E[b_i] with numbers k_i, cancel when
    /// Σ k_i b_i is identically 0 (E is linear). Then one of them is written as the combination of the others, which
    /// leaves lhs − rhs without them. Null when they enter otherwise or do not cancel.
    /// </summary>
    private static Dictionary<Sym, Expr>? Linearity(Expr lhs, Expr rhs, List<(Sym Symbol, OpaqueTerm Term)> group, Assumptions assumptions, DistributionContext context, int seed, CancellationToken cancellation)
    {
        if (group.Count < 1) return null;
        var symbols = new HashSet<Sym>(group.Select(g => g.Symbol));
        var coefficients = new Dictionary<Sym, Expr>();
        // Numbers outside the expectations are expectations too (E[c] = c).
        var outside = new List<Expr>();
        var difference = Ex.Sub(lhs, rhs);
        foreach (var term in difference is Add a ? (IEnumerable<Expr>)a.Terms : [difference])
        {
            var factors = term is Mul m ? (IReadOnlyList<Expr>)m.Factors : [term];
            var mine = factors.Where(f => f is Sym s && symbols.Contains(s)).ToList();
            var others = factors.Where(f => !(f is Sym s && symbols.Contains(s))).ToList();
            bool mentions = others.Any(f => Traversal.Any(f, x => x is Sym s && symbols.Contains(s)));
            if (mentions || mine.Count > 1) return null;
            if (mine.Count == 0)
            {
                if (OpaqueTerms.IsClosedConstant(term)) outside.Add(term);
                continue;
            }
            if (!others.All(OpaqueTerms.IsClosedConstant)) return null;
            var symbol = (Sym)mine[0];
            coefficients[symbol] = coefficients.TryGetValue(symbol, out var k) ? Ex.Add(k, Ex.Mul(others)) : Ex.Mul(others);
        }
        var present = group.Where(g => coefficients.TryGetValue(g.Symbol, out var k) && !k.IsZero).ToList();
        if (present.Count < 1 || (present.Count < 2 && outside.Count == 0)) return null;
        var constant = Ex.Add(outside);
        var combination = Ex.Add(present.Select(g => Ex.Mul(coefficients[g.Symbol], g.Term.Body)).Append(constant));
        if (!StepChecker.Check(combination, Relation.Equal, Ex.Zero, assumptions, context, seed, cancellation).Holds) return null;
        // c + k_1 E_1 + Σ k_i E_i = 0 gives E_1 = −(c + Σ k_i E_i) / k_1.
        var first = present[0];
        var rest = Ex.Add(present.Skip(1).Select(g => Ex.Mul(coefficients[g.Symbol], g.Symbol)).Append(constant));
        return new Dictionary<Sym, Expr> { [first.Symbol] = Ex.Neg(Ex.Div(rest, coefficients[first.Symbol])) };
    }

    /// <summary>The verdict on the sides as prepared, restated for what they mean.</summary>
    public Verdict Review(Verdict verdict, Expr lhs, Expr rhs)
    {
        // Reviewed where the check returns and again where the verdict is recorded: once is enough.
        if (_reviewed.Any(v => ReferenceEquals(v, verdict))) return verdict;
        var reviewed = ReviewOnce(verdict, lhs, rhs);
        if (reviewed.Kind == VerdictKind.Unsupported && Stated is not null && StepRelation is { } relation && _assumptions is not null && _context is not null)
        {
            // A value the text stated for one of its expectations may make the step hold; else the step may state one.
            if (Stated.Use(lhs, relation, rhs, _assumptions, _context, _seed) is { } used) reviewed = used;
            else if (relation == Relation.Equal && StatesValues) Stated.Remember(lhs, rhs);
        }
        _reviewed.Add(reviewed);
        return reviewed;
    }

    private readonly List<Verdict> _reviewed = new();

    private Verdict ReviewOnce(Verdict verdict, Expr lhs, Expr rhs)
    {
        if (verdict.Kind is VerdictKind.Refuted or VerdictKind.Unsupported && OverRandomLaws(lhs, rhs) is { } general) return general;
        if ((Captured(lhs, SumsWrittenOut) ?? Captured(rhs, SumsWrittenOut)) is { } captured)
            return new Verdict(VerdictKind.Unsupported, "it reads " + captured + " inside a sum, an integral or an expectation whose variable it depends on; SymKl does not decide such a step", verdict.Residue, null, verdict.PointsChecked);
        var what = string.Join(", ", _terms.Select(t => t.Describe()).Distinct(StringComparer.Ordinal));
        switch (verdict.Kind)
        {
            // A maximum found numerically over the domain SymKl reads may not be over the one the text means.
            case VerdictKind.Refuted when _numericExtremes.Count > 0 && OpaqueTerms.In(lhs).Count == 0 && OpaqueTerms.In(rhs).Count == 0:
                return new Verdict(VerdictKind.Unsupported, "it fails with " + string.Join("; ", _numericExtremes) + ", over where the formula has a value; the text may mean another domain, so it is not refuted (" + verdict.Reason + ")", verdict.Residue, null, verdict.PointsChecked);
            case VerdictKind.Proved or VerdictKind.Confirmed when _numericExtremes.Count > 0 && OpaqueTerms.In(lhs).Count == 0 && OpaqueTerms.In(rhs).Count == 0:
                return verdict with { Kind = VerdictKind.Confirmed, Reason = "holds with " + string.Join("; ", _numericExtremes.Concat(_numericLimits)) + ": " + verdict.Reason };
            // Every unknown value was a limit found numerically: the step is a claim about numbers.
            case VerdictKind.Refuted when OpaqueTerms.In(lhs).Count == 0 && OpaqueTerms.In(rhs).Count == 0:
                return verdict with { Reason = verdict.Reason + " (with the limit found numerically: " + string.Join("; ", _numericLimits) + ")" };
            case VerdictKind.Refuted:
                return new Verdict(VerdictKind.Unsupported, "it reads " + what + " as unknown values (" + Laws + "); the step does not hold whatever those values are, and SymKl does not decide more about them", verdict.Residue, null, verdict.PointsChecked);
            case VerdictKind.Proved when _numericLimits.Count > 0:
                return verdict with { Kind = VerdictKind.Confirmed, Reason = "holds with the limit found numerically (" + string.Join("; ", _numericLimits) + "): " + verdict.Reason };
            case VerdictKind.Proved or VerdictKind.Confirmed:
                return verdict with { Reason = verdict.Reason + " (whatever the values of " + what + ")" };
            default:
                return verdict;
        }
    }

    private const string Laws = "constants moved out, operands compared";

    /// <summary>The relation of the step, for <see cref="OverRandomLaws"/>.</summary>
    public Relation? StepRelation { get; set; }

    /// <summary>
    /// log E[Y] ≥ E[log Y] (Jensen), E[a Y + b] = a E[Y] + b, 𝔼_q[log N(x; μ, σ²)] = −½ log(2πσ²) − 𝔼_q[(x − μ)²]/(2σ²):
    /// expectations whose law the text leaves open hold for every law when they hold for many random ones
    /// (<see cref="RandomLaws"/>). Null when they do not, or cannot be modelled: a failure is not a refutation.
    /// </summary>
    private Verdict? OverRandomLaws(Expr lhs, Expr rhs) =>
        StepRelation is { } relation ? RandomLaws.Check(lhs, relation, rhs, _assumptions, _context) : null;

    private Assumptions? _assumptions;
    private DistributionContext? _context;
    private int _seed;

    /// <summary>The values the document has stated for expectations of open laws so far (<see cref="StatedExpectations"/>).</summary>
    public StatedExpectations? Stated { get; set; }

    /// <summary>The step is a statement of the prose (a claim or a hypothesis), whose value for an expectation is remembered.</summary>
    public bool StatesValues { get; set; }

    /// <summary>The scope of a maximum as written ("i", "i \\in S", "i=1") names <paramref name="variable"/> as its own index.</summary>
    private static bool BindsOwn(string scope, string variable)
    {
        var s = scope.Trim();
        if (!s.StartsWith(variable, StringComparison.Ordinal)) return false;
        if (s.Length == variable.Length) return true;
        var next = s[variable.Length];
        return next is ' ' or '=' or '\\' or ',' && !(next == ',' && s.Length > variable.Length + 1);
    }

    /// <summary>An unknown value inside a binder (Σ_i, ∫ dx, E_x) whose operand depends on that binder's variable.</summary>
    private static string? Captured(Expr e, bool sumsWrittenOut)
    {
        string? found = null;
        Traversal.Any(e, x =>
        {
            if (x is not (Symbolic.Integral or Summation or Symbolic.Expectation)) return false;
            var variable = (Sym)x.Children[1];
            foreach (var (_, term) in OpaqueTerms.In(x.Children[0]))
                if (sumsWrittenOut && x is Summation && term.Kind == OpaqueKind.Expectation && IndexedSums.IndexedBy(term.Body, variable.Name) is not null) continue;
                // Σ_i e^{x_i − max_i x_i}: the maximum binds its own i, so its value is one number for every term of the sum.
                else if (term.Kind is OpaqueKind.Max or OpaqueKind.Min or OpaqueKind.Sup or OpaqueKind.Inf && BindsOwn(term.Scope, variable.Name)) continue;
                else if (Traversal.FreeSymbols(term.Body).Contains(variable) || OpaqueTerms.NamesVariable(term.Body, variable))
                {
                    found = term.Describe();
                    return true;
                }
            return false;
        });
        return found;
    }
}

/// <summary>
/// The limit of a function of one variable, from values approaching the point (x = a ± 10^{-k}, or x = ±10^k for ∞,
/// k = 1, 2, … while the value's rounding error stays below 10^{-9} of it, at least 6 of them):
/// accepted only when the values are defined, successive values settle at least geometrically (each change at most
/// half the one before over the last decades), and the last value is within 10^{-9} of an integer or a fraction
/// with a denominator up to 12. Anything slower (1/log(1/x) → 0) or stranger is left unknown.
/// </summary>
internal static class NumericLimit
{
    public static Expr? Evaluate(OpaqueTerm term)
    {
        if (term.Variable is not { } v || term.Point is not { } point) return null;
        if (Traversal.FreeSymbols(term.Body).Any(s => !s.Equals(v)) || OpaqueTerms.NamesVariable(term.Body, v)) return null;
        if (Traversal.Any(term.Body, x => x is not (Num or Constant or Sym or Add or Mul or Pow or Fn))) return null;
        double? infinity = Ex.IsInfinity(point, 1) ? 1 : Ex.IsInfinity(point, -1) ? -1 : null;
        if (infinity is null && !OpaqueTerms.IsClosedConstant(point)) return null;
        double a = infinity is null ? new NumericEvaluator(_ => double.NaN).Evaluate(point).Value : 0;
        if (double.IsNaN(a)) return null;
        Expr? result = null;
        foreach (var side in infinity is null ? new[] { 1.0, -1.0 } : [infinity.Value])
        {
            var values = new List<double>();
            for (int k = 1; k <= 13; k++)
            {
                double x = infinity is null ? a + side * Math.Pow(10, -k) : side * Math.Pow(10, k);
                var y = new NumericEvaluator(s => x).Evaluate(term.Body);
                // Rounding that swamps the value ((e^x − 1)/x near 0) is no evidence: the limit stays unknown.
                if (!y.IsDefined || y.Error > 1e-9 * Math.Max(1, Math.Abs(y.Value))) break;
                values.Add(y.Value);
            }
            // A one-sided domain (log x at 0) leaves the other side undefined: it does not count against the limit.
            if (values.Count < 6)
            {
                if (infinity is null && values.Count == 0) continue;
                return null;
            }
            var limit = Settled(values);
            if (limit is null || (result is not null && !result.Equals(limit))) return null;
            result = limit;
        }
        return result;
    }

    private static Expr? Settled(List<double> values)
    {
        for (int i = values.Count - 4; i < values.Count; i++)
        {
            double before = Math.Abs(values[i - 1] - values[i - 2]), now = Math.Abs(values[i] - values[i - 1]);
            if (now > 0.5 * before && now > 1e-15) return null;
        }
        double last = values[^1];
        for (int den = 1; den <= 12; den++)
        {
            double num = Math.Round(last * den);
            if (Math.Abs(num) > 1e12) return null;
            if (Math.Abs(last - num / den) <= 1e-9 * Math.Max(1, Math.Abs(last)))
                return Ex.Num(new Rational((long)num, den));
        }
        return null;
    }
}
