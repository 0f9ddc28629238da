using System.Globalization;
using SymKl.Latex.Binding;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// \max_u f(u) and \min_u f(u) of a formula in the variable written under the operator alone, evaluated: the value at
/// the maximiser, found numerically and recognised as a simple fraction, then written exactly (\max_u H(u, 1 − u) =
/// H(½, ½) = log 2). The domain is where f has a value (a probability inside a logarithm keeps u in a bounded
/// interval); a formula with a value everywhere in a wide window has no domain SymKl can read, and is left unknown.
/// The text may mean u ∈ [0, 1] (u a probability): the value stands only when the maximiser over [0, 1] is the same
/// point. Anything else (a maximiser that is not a simple fraction, one at the edge of the domain, a flat or noisy
/// formula) leaves the value unknown.
/// </summary>
internal static class NumericExtreme
{
    /// <summary>Half-width of the window searched for the domain, and the number of points of each scan.</summary>
    private const double Window = 1000;

    private const int CoarsePoints = 20_001;
    private const int FinePoints = 4_001;
    private const int GoldenSteps = 200;
    private const int LargestDenominator = 12;

    /// <summary>Some term is a maximum or minimum (worth a check of the step before evaluating it).</summary>
    public static bool Evaluable(IEnumerable<OpaqueTerm> terms) => terms.Any(t => t.Kind is OpaqueKind.Max or OpaqueKind.Min or OpaqueKind.Sup or OpaqueKind.Inf);

    /// <summary>Most symbols besides the variable for which a value in them is sought (\max_u H(Y) with Y's law in u and n).</summary>
    private const int MaxParameters = 2;

    /// <summary>
    /// Values the other symbols take in turn, negative and below 1 among them: the maximiser must be the same simple
    /// fraction at every one where the formula has a value (at least <see cref="ParameterAgreement"/> of them), and the
    /// value is then the formula there, in the other symbols. A value where the formula has no interior maximum (a
    /// negative factor turning it into a minimum) leaves the value unknown.
    /// </summary>
    private static readonly Rational[] ParameterValues = [new(7, 2), new(-3, 2), new(23, 4), new(1, 2), new(9), new(-5), new(13, 3), new(31, 5)];

    private const int ParameterAgreement = 4;

    /// <summary>The exact value and the maximiser (as a fraction), or null when it cannot be found with confidence.</summary>
    public static (Expr Value, Rational At)? Evaluate(OpaqueTerm term, Assumptions assumptions)
    {
        if (term.Kind is not (OpaqueKind.Max or OpaqueKind.Min or OpaqueKind.Sup or OpaqueKind.Inf)) return null;
        var free = Traversal.FreeSymbols(term.Body);
        var v = free.FirstOrDefault(s => WrittenUnder(term.Scope, s));
        if (v is null || OpaqueTerms.NamesVariable(term.Body, v)) return null;
        if (Traversal.Any(term.Body, x => x is not (Num or Constant or Sym or Add or Mul or Pow or Fn))) return null;
        double sign = term.Kind is OpaqueKind.Max or OpaqueKind.Sup ? 1 : -1;
        var parameters = free.Where(s => !s.Equals(v)).ToList();
        if (parameters.Count == 0) return Maximiser(term.Body, v, sign, assumptions, out _) is { } alone ? (Traversal.Substitute(term.Body, v, Ex.Num(alone)), alone) : null;
        // Other symbols (a size n): only those a value the text gave brought in (one written beside u may depend on it),
        // and the same maximiser at each of several values of them, or no value.
        var held = term.Fixed.Split([','], StringSplitOptions.RemoveEmptyEntries);
        if (parameters.Count > MaxParameters || parameters.Any(p => !held.Contains(p.Name) || assumptions.DomainOf(p) is Domain.Negative)) return null;
        Rational? common = null;
        var agreeing = 0;
        for (var k = 0; k < ParameterValues.Length; k++)
        {
            var values = new Dictionary<Sym, Expr>();
            for (var i = 0; i < parameters.Count; i++) values[parameters[i]] = Ex.Num(ParameterValues[(k + 3 * i) % ParameterValues.Length]);
            var at = Maximiser(Traversal.Substitute(term.Body, values), v, sign, assumptions, out var nowhere);
            if (nowhere) continue;
            if (at is null || common is { } seen && !seen.Equals(at.Value)) return null;
            common = at;
            agreeing++;
        }
        return agreeing >= ParameterAgreement && common is { } point ? (Traversal.Substitute(term.Body, v, Ex.Num(point)), point) : null;
    }

    /// <summary>The maximiser of sign · body over the variable alone, as a simple fraction, or null (<paramref name="nowhere"/>: the body has no value in the window).</summary>
    private static Rational? Maximiser(Expr body, Sym v, double sign, Assumptions assumptions, out bool nowhere)
    {
        nowhere = false;
        double F(double x)
        {
            try
            {
                var y = new NumericEvaluator(_ => x).Evaluate(body);
                return y.IsDefined && y.Error <= 1e-9 * Math.Max(1, Math.Abs(y.Value)) ? sign * y.Value : double.NaN;
            }
            catch (NotEvaluableException)
            {
                return double.NaN;
            }
        }
        var (low, high) = assumptions.DomainOf(v) switch
        {
            Domain.Positive or Domain.NonNegative => (0.0, Window),
            Domain.Negative => (-Window, 0.0),
            _ => (-Window, Window),
        };
        // The domain: where f has a value, which must end inside the window (a bounded interval of the variable).
        var coarse = Scan(F, low, high, CoarsePoints);
        var first = Array.FindIndex(coarse, y => !double.IsNaN(y));
        var last = Array.FindLastIndex(coarse, y => !double.IsNaN(y));
        nowhere = first < 0;
        if (first < 0 || first == 0 || last == coarse.Length - 1 || last - first < 2) return null;
        var step = (high - low) / (CoarsePoints - 1);
        var from = low + (first - 1) * step;
        var to = low + (last + 1) * step;
        if (Best(F, from, to) is not { } wide) return null;
        // u a probability: the maximiser over [0, 1] must be the same point.
        if (Math.Max(from, 0) < Math.Min(to, 1))
        {
            if (Best(F, Math.Max(from, 0), Math.Min(to, 1)) is not { } unit || Math.Abs(unit - wide) > 1e-6) return null;
        }
        if (Fraction(wide) is not { } at) return null;
        var exact = Traversal.Substitute(body, v, Ex.Num(at));
        var value = new NumericEvaluator(_ => double.NaN).Evaluate(exact);
        // The recognised point must itself be where f is largest (not merely near it): no scanned value above it.
        if (!value.IsDefined) return null;
        var peak = sign * value.Value;
        var tolerance = 1e-9 * Math.Max(1, Math.Abs(peak));
        if (coarse.Any(y => y > peak + tolerance) || Scan(F, from, to, FinePoints).Any(y => y > peak + tolerance)) return null;
        return at;
    }

    /// <summary>The scope as written ("u", "{u}", "u \in [0, 1]") names the variable.</summary>
    private static bool WrittenUnder(string scope, Sym v)
    {
        var s = scope.Trim().Trim('{', '}').Trim();
        var cut = s.IndexOfAny(['\\', '∈', ':']);
        if (s.StartsWith("\\", StringComparison.Ordinal)) cut = s.IndexOf("\\in", StringComparison.Ordinal);
        if (cut > 0) s = s[..cut].Trim();
        return s == v.Name || s == LatexPrinter.Print(v);
    }

    private static double[] Scan(Func<double, double> f, double from, double to, int points)
    {
        var values = new double[points];
        for (var i = 0; i < points; i++) values[i] = f(from + (to - from) * i / (points - 1));
        return values;
    }

    /// <summary>
    /// The point of [from, to] where f is largest: the best of a fine scan, refined by golden sections between its
    /// neighbours. Null when the best is at an end of the interval (a maximum on the boundary, or none), or when f is
    /// flat there (two scanned points far apart with the same largest value).
    /// </summary>
    private static double? Best(Func<double, double> f, double from, double to)
    {
        var values = Scan(f, from, to, FinePoints);
        var best = -1;
        for (var i = 0; i < values.Length; i++)
            if (!double.IsNaN(values[i]) && (best < 0 || values[i] > values[best])) best = i;
        if (best <= 0 || best >= values.Length - 1 || double.IsNaN(values[best - 1]) || double.IsNaN(values[best + 1])) return null;
        var top = values[best];
        for (var i = 0; i < values.Length; i++)
            if (Math.Abs(i - best) > 2 && !double.IsNaN(values[i]) && values[i] >= top - 1e-12 * Math.Max(1, Math.Abs(top))) return null;
        var h = (to - from) / (FinePoints - 1);
        double a = from + (best - 1) * h, b = from + (best + 1) * h;
        var ratio = (Math.Sqrt(5) - 1) / 2;
        for (var k = 0; k < GoldenSteps && b - a > 1e-12 * Math.Max(1, Math.Abs(a)); k++)
        {
            double c = b - ratio * (b - a), d = a + ratio * (b - a);
            if (f(c) >= f(d)) b = d;
            else a = c;
        }
        return (a + b) / 2;
    }

    private static Rational? Fraction(double x)
    {
        for (var den = 1; den <= LargestDenominator; den++)
        {
            var num = Math.Round(x * den);
            if (Math.Abs(num) > 1e9) return null;
            if (Math.Abs(x - num / den) <= 1e-6 * Math.Max(1, Math.Abs(x))) return new Rational((long)num, den);
        }
        return null;
    }

    public static string Describe(OpaqueTerm term, Expr value, Rational at) =>
        term.Describe() + " " + LatexPrinter.Print(term.Body) + " = " + LatexPrinter.Print(value) + " (at " + (Traversal.FreeSymbols(term.Body).FirstOrDefault(s => WrittenUnder(term.Scope, s)) ?? Traversal.FreeSymbols(term.Body)[0]).Name + " = "
        + LatexPrinter.Print(Ex.Num(at)) + ", found numerically)";
}
