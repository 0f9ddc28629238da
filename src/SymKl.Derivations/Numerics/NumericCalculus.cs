using MathNet.Numerics.Integration;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Numerics;

/// <summary>
/// Numeric values of integrals, support sums, expectations and KL/entropy functionals at a point, for the
/// numeric side of a check: adaptive Gauss–Kronrod quadrature (1-D) with its error estimate, cross-checked by
/// Monte Carlo with a fixed seed when a density is known. If the two disagree beyond their errors the value
/// is refused (the step becomes unsupported) rather than trusted.
/// </summary>
public sealed class NumericCalculus
{
    private readonly DistributionContext _context;
    private readonly int _seed;
    private readonly int _monteCarloSamples;
    private int _monteCarloChecksLeft;

    public NumericCalculus(DistributionContext context, int seed = 0x5EED, int monteCarloSamples = 20_000, int monteCarloChecks = 3)
    {
        _context = context;
        _seed = seed;
        _monteCarloSamples = monteCarloSamples;
        _monteCarloChecksLeft = monteCarloChecks;
    }

    /// <summary>Evaluates a node the plain evaluator cannot, with the free symbols at <paramref name="values"/>.</summary>
    public Approx Evaluate(Expr node, IReadOnlyDictionary<Sym, double> values)
    {
        switch (node)
        {
            case Integral ig:
                return IntegralOf(ig.Body, ig.Variable, ig.Lower, ig.Upper, values);
            case Summation sm:
                return SumOf(sm, values);
            case Expectation ex:
                {
                    var d = Calculus.InstanceOf(ex.Distribution, _context) ?? throw new NotEvaluableException("the distribution " + LatexPrinter.Print(ex.Distribution) + " is not defined");
                    return ExpectationOf(ex.Body, ex.Variable, d, values);
                }
            case Functional f:
                return FunctionalOf(f, values);
            case Apply ap:
                throw new NotEvaluableException("the function " + ap.Name + " has no definition");
            default:
                throw new NotEvaluableException("cannot evaluate " + node.GetType().Name);
        }
    }

    private NumericEvaluator Evaluator(IReadOnlyDictionary<Sym, double> values, Sym? x = null, double[]? xValue = null) =>
        new(s => x is not null && s.Equals(x) ? xValue![0] : values.TryGetValue(s, out var v) ? v : double.NaN, e => Evaluate(e, values));

    private double[] Parameters(DistributionInstance d, IReadOnlyDictionary<Sym, double> values)
    {
        var ev = Evaluator(values);
        return d.Parameters.Select(p => ev.Evaluate(Calculus.Instantiate(p, _context)).Value).ToArray();
    }

    private Approx IntegralOf(Expr body, Sym x, Expr? lower, Expr? upper, IReadOnlyDictionary<Sym, double> values)
    {
        var instantiated = Calculus.Instantiate(body, _context);
        double lo, hi;
        if (lower is not null && upper is not null)
        {
            lo = Limit(lower, values);
            hi = Limit(upper, values);
        }
        else
        {
            // No limits: the whole support of the density in the integrand, else the real line.
            var d = DensityOf(body, x);
            (lo, hi) = d is null ? (double.NegativeInfinity, double.PositiveInfinity) : FamilySampler.Support(d.Family, Parameters(d, values));
        }
        var point = new double[1];
        var ev = Evaluator(values, x, point);
        var undefined = false;
        double F(double t)
        {
            point[0] = t;
            var v = ev.Evaluate(instantiated);
            if (!v.IsDefined) { undefined = true; return 0; }
            return v.Value;
        }
        var value = GaussKronrodRule.Integrate(F, lo, hi, out var error, out var l1, 1e-11, 25, 21);
        if (undefined) return Approx.Undefined;
        var quad = new Approx(value, 4 * error + 1e-13 * l1);
        var density = DensityOf(body, x);
        return density is null ? quad : CrossCheck(quad, body, x, density, values);
    }

    private double Limit(Expr e, IReadOnlyDictionary<Sym, double> values) => e switch
    {
        Sym { Name: "infinity" } => double.PositiveInfinity,
        Mul m when m.Factors.Count == 2 && m.Factors[0] is Num { Value.Sign: < 0 } && m.Factors[1] is Sym { Name: "infinity" } => double.NegativeInfinity,
        _ => Evaluator(values).Evaluate(e).Value,
    };

    /// <summary>A bound density p(x) that multiplies the integrand, if any.</summary>
    private DistributionInstance? DensityOf(Expr body, Sym x)
    {
        var factors = body is Mul m ? (IReadOnlyList<Expr>)m.Factors : [body];
        foreach (var f in factors)
            if (f is Apply ap && ap.Args.Count >= 1 && ap.Args[0].Equals(x) && (_context.Resolve(ap.Name) ?? Calculus.InlineDensity(ap.Name, ap.Args)) is { } d) return d;
        return null;
    }

    /// <summary>Monte Carlo estimate of ∫ p(x) g(x) dx = E_p[g] (g = body / p) compared with the quadrature.</summary>
    private Approx CrossCheck(Approx quad, Expr body, Sym x, DistributionInstance d, IReadOnlyDictionary<Sym, double> values)
    {
        if (_monteCarloChecksLeft <= 0) return quad;
        _monteCarloChecksLeft--;
        var density = ((IReadOnlyList<Expr>)(body is Mul bm ? bm.Factors : [body])).OfType<Apply>().First(ap => ap.Name == FindName(body, x, d));
        var g = Calculus.Instantiate(Ex.Div(body, density), _context);
        var mc = MonteCarlo(g, x, d, values);
        if (mc is null) return quad;
        var (mean, se) = mc.Value;
        if (Math.Abs(mean - quad.Value) > 6 * se + quad.Error + 1e-12 * Math.Abs(quad.Value))
            throw new NotEvaluableException($"quadrature ({quad.Value:R}) and Monte Carlo ({mean:R} ± {se:R}) disagree; the integral may not converge");
        return quad;
    }

    private string FindName(Expr body, Sym x, DistributionInstance d)
    {
        var factors = body is Mul m ? (IReadOnlyList<Expr>)m.Factors : [body];
        return factors.OfType<Apply>().First(ap => ap.Args.Count >= 1 && ap.Args[0].Equals(x) && (_context.Resolve(ap.Name) ?? Calculus.InlineDensity(ap.Name, ap.Args)) is { } found && found.Equals(d)).Name;
    }

    private (double Mean, double StandardError)? MonteCarlo(Expr g, Sym x, DistributionInstance d, IReadOnlyDictionary<Sym, double> values)
    {
        var θ = Parameters(d, values);
        var sampler = FamilySampler.For(d.Family, θ);
        if (sampler is null) return null;
        var random = new Random(_seed);
        var point = new double[1];
        var ev = Evaluator(values, x, point);
        double sum = 0, sumSq = 0;
        for (var i = 0; i < _monteCarloSamples; i++)
        {
            point[0] = sampler(random);
            var v = ev.Evaluate(g);
            if (!v.IsDefined) return null;
            sum += v.Value; sumSq += v.Value * v.Value;
        }
        var n = (double)_monteCarloSamples;
        var mean = sum / n;
        return (mean, Math.Sqrt(Math.Max(0, sumSq / n - mean * mean) / n));
    }

    private Approx ExpectationOf(Expr body, Sym x, DistributionInstance d, IReadOnlyDictionary<Sym, double> values)
    {
        var θ = Parameters(d, values);
        var logDensity = d.Family.LogDensity(x, d.Parameters.Select(p => (Expr)Num(p, values)).ToArray());
        var weighted = Ex.Mul(Ex.Exp(logDensity), Calculus.Instantiate(body, _context));
        if (d.Family.IsDiscrete) return DiscreteSum(weighted, x, FamilySampler.Support(d.Family, θ), values);
        var (lo, hi) = FamilySampler.Support(d.Family, θ);
        var point = new double[1];
        var ev = Evaluator(values, x, point);
        var undefined = false;
        var value = GaussKronrodRule.Integrate(t => { point[0] = t; var v = ev.Evaluate(weighted); if (!v.IsDefined) { undefined = true; return 0; } return v.Value; }, lo, hi, out var error, out var l1, 1e-11, 25, 21);
        return undefined ? Approx.Undefined : new Approx(value, 4 * error + 1e-13 * l1);
    }

    /// <summary>A parameter expression at the current point, as an exact-enough number node.</summary>
    private Expr Num(Expr p, IReadOnlyDictionary<Sym, double> values)
    {
        var v = Evaluator(values).Evaluate(Calculus.Instantiate(p, _context)).Value;
        return Rational.TryParseDecimal(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture), out var r) ? Ex.Num(r) : throw new NotEvaluableException("parameter is not finite");
    }

    private Approx SumOf(Summation sm, IReadOnlyDictionary<Sym, double> values)
    {
        var x = sm.Variable;
        if (sm.Lower is not null && sm.Upper is not null)
        {
            var lo = Evaluator(values).Evaluate(sm.Lower).Value;
            var hi = Evaluator(values).Evaluate(sm.Upper).Value;
            if (double.IsNaN(lo) || double.IsNaN(hi) || Math.Floor(lo) != lo || Math.Floor(hi) != hi) return Approx.Undefined;
            if (hi - lo > 1_000_000) throw new NotEvaluableException("a sum of more than a million terms");
            return DiscreteSum(Calculus.Instantiate(sm.Body, _context), x, (lo, hi), values);
        }
        var d = DensityOf(sm.Body, x) ?? throw new NotEvaluableException("a sum over an unspecified range with no distribution in it");
        return DiscreteSum(Calculus.Instantiate(sm.Body, _context), x, FamilySampler.Support(d.Family, Parameters(d, values)), values);
    }

    /// <summary>Σ_{k=lo}^{hi} body(k); an infinite range stops once terms stay below 1e-18 of the running sum.</summary>
    private Approx DiscreteSum(Expr body, Sym x, (double Low, double High) range, IReadOnlyDictionary<Sym, double> values)
    {
        var point = new double[1];
        var ev = Evaluator(values, x, point);
        double sum = 0, err = 0, mag = 0;
        var small = 0;
        for (var k = range.Low; k <= range.High && k - range.Low < 1_000_000; k++)
        {
            point[0] = k;
            var v = ev.Evaluate(body);
            if (!v.IsDefined)
            {
                // 0·log 0 at the edge of a support counts as 0; anything else undefined makes the sum undefined.
                return Approx.Undefined;
            }
            sum += v.Value; err += v.Error; mag += Math.Abs(v.Value);
            if (double.IsPositiveInfinity(range.High))
            {
                small = Math.Abs(v.Value) < 1e-18 * Math.Max(1, mag) ? small + 1 : 0;
                if (small > 20 && k > 50) break;
            }
        }
        return new Approx(sum, err + 1e-15 * mag);
    }

    private Approx FunctionalOf(Functional f, IReadOnlyDictionary<Sym, double> values)
    {
        var ds = f.Args.Select(a => Calculus.InstanceOf(a, _context)).ToList();
        if (ds.Any(d => d is null)) throw new NotEvaluableException("the distributions of " + LatexPrinter.Print(f) + " are not defined");
        var x = Ex.Sym("x_functional");
        var p = ds[0]!;
        Expr body = f.Which switch
        {
            FunctionalKind.KL when ds.Count == 2 => Ex.Sub(p.LogDensity(x), ds[1]!.LogDensity(x)),
            FunctionalKind.Entropy when ds.Count == 1 => Ex.Neg(p.LogDensity(x)),
            FunctionalKind.CrossEntropy or FunctionalKind.Entropy when ds.Count == 2 => Ex.Neg(ds[1]!.LogDensity(x)),
            _ => throw new NotEvaluableException("unexpected arguments for " + f.Which),
        };
        return ExpectationOf(body, x, p, values);
    }
}
