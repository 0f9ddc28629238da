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
public sealed partial class NumericCalculus
{
    /// <summary>Integrand evaluations one integral may use before it is declared not evaluable (no input may hang).</summary>
    private const int EvaluationBudget = 100_000;

    private readonly DistributionContext _context;
    private readonly int _seed;
    private readonly int _monteCarloSamples;
    private readonly Assumptions? _assumptions;
    private readonly CancellationToken _cancellation;
    private int _monteCarloChecksLeft;

    /// <param name="cancellation">The step's time budget: every integrand evaluation and every term of a sum checks it.</param>
    public NumericCalculus(DistributionContext context, int seed = 0x5EED, int monteCarloSamples = 8_000, int monteCarloChecks = 1, Assumptions? assumptions = null, CancellationToken cancellation = default)
    {
        _cancellation = cancellation;
        _context = context;
        _assumptions = assumptions;
        _seed = seed;
        _monteCarloSamples = monteCarloSamples;
        _monteCarloChecksLeft = monteCarloChecks;
    }

    /// <summary>
    /// Expressions with the context's densities written out, per expression: the same integrand, summand or
    /// parameter is instantiated at every sample point, and writing a density out builds a new tree each time.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Expr, Expr> _instantiated = new();

    private Expr Instantiated(Expr e) => _instantiated.GetOrAdd(e, x => Calculus.Instantiate(x, _context));

    /// <summary>What the reason says of a function of several variables that has no definition.</summary>
    internal const string SeveralVariables = " of several variables";

    /// <summary>Evaluates a node the plain evaluator cannot, with the free symbols at <paramref name="values"/>.</summary>
    public Approx Evaluate(Expr node, IReadOnlyDictionary<Sym, double> values)
    {
        switch (node)
        {
            case Integral ig:
                return IntegralOf(ig.Body, ig.Variable, ig.Lower, ig.Upper, values);
            case Summation sm:
                return SumOf(sm, values);
            case IndexedProduct ip:
                return ProductOf(ip, values);
            case Expectation ex:
                {
                    var d = Calculus.InstanceOf(ex.Distribution, _context) ?? throw new NotEvaluableException("the distribution " + LatexPrinter.Print(ex.Distribution) + " is not defined");
                    return ExpectationOf(ex.Body, ex.Variable, d, values);
                }
            case Functional f:
                return FunctionalOf(f, values);
            case Apply ap:
                throw new NotEvaluableException(ap.Args.Count > 1
                    ? ap.Name + SeveralVariables + " (a joint, a conditional or a parametrised density) has no definition, and SymKl does not yet instantiate one consistently with its marginals and conditionals"
                    : "the function " + ap.Name + " has no definition");
            default:
                throw new NotEvaluableException("cannot evaluate " + LatexPrinter.Print(node));
        }
    }

    /// <summary>
    /// Compiled integrands, shared by every step of a run: expressions are immutable and compare by value, and the
    /// same integrand is integrated at every sample point. Bounded: cleared when it grows large.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Expr, (Func<double[], double> Function, Sym[] Parameters)?> _compiled = new();

    /// <summary>
    /// g(t) with the point's values fixed, as a compiled delegate (cached per expression: the same integrand is
    /// integrated at every sample point). Null when g has nodes only the evaluator knows (a nested integral).
    /// </summary>
    private Func<double, double>? Compiled(Expr g, Sym x, IReadOnlyDictionary<Sym, double> values)
    {
        if (!_compiled.TryGetValue(g, out var entry))
        {
            entry = null;
            if (!Traversal.Any(g, n => n is BinderNode or Functional or Apply))
            {
                var parameters = new[] { x }.Concat(Traversal.FreeSymbols(g).Where(s => !s.Equals(x))).ToArray();
                try { entry = (ExprCompiler.Compile(g, parameters), parameters); }
                catch (NotEvaluableException) { entry = null; }
            }
            if (_compiled.Count > 4096) _compiled.Clear();
            _compiled[g] = entry;
        }
        if (entry is not { } e) return null;
        var args = new double[e.Parameters.Length];
        for (var i = 1; i < args.Length; i++) args[i] = values.TryGetValue(e.Parameters[i], out var v) ? v : double.NaN;
        return t => { args[0] = t; return e.Function(args); };
    }

    /// <summary>g at t: compiled when possible, else by the evaluator; NaN when undefined.</summary>
    private Func<double, double> Integrand(Expr g, Sym x, IReadOnlyDictionary<Sym, double> values)
    {
        var compiled = Compiled(g, x, values);
        if (compiled is not null) return compiled;
        var point = new double[1];
        var ev = Evaluator(values, x, point);
        return t => { point[0] = t; var v = ev.Evaluate(g); return v.IsDefined ? v.Value : double.NaN; };
    }

    private NumericEvaluator Evaluator(IReadOnlyDictionary<Sym, double> values, Sym? x = null, double[]? xValue = null) =>
        new(s => x is not null && s.Equals(x) ? xValue![0] : values.TryGetValue(s, out var v) ? v : double.NaN, e => Evaluate(e, values));

    private double[] Parameters(DistributionInstance d, IReadOnlyDictionary<Sym, double> values)
    {
        var ev = Evaluator(values);
        return d.Parameters.Select(p => ev.Evaluate(Instantiated(p)).Value).ToArray();
    }

    private Approx IntegralOf(Expr body, Sym x, Expr? lower, Expr? upper, IReadOnlyDictionary<Sym, double> values)
    {
        var instantiated = Tidy(Instantiated(body));
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
            (lo, hi) = d is null ? (double.NegativeInfinity, double.PositiveInfinity) : d.Family.SupportRange(Parameters(d, values));
        }
        RequireSupport(body, x, lo, hi, values);
        var g = Integrand(instantiated, x, values);
        if (ImproperAtEnds(instantiated, x, lower, upper, lo, hi, g, values) is { } improper) return improper;
        RequireConvergentTails(g, lo, hi, values);
        var undefined = false;
        var evaluations = 0;
        double F(double t)
        {
            _cancellation.ThrowIfCancellationRequested();
            SymKl.Symbolic.WorkBudget.Charge(1);
            if (++evaluations > EvaluationBudget) throw new NotEvaluableException("the integral did not converge within " + EvaluationBudget + " evaluations");
            if (double.IsInfinity(t)) return 0; // the integrand of a convergent integral vanishes at ±∞
            var v = g(t);
            if (double.IsNaN(v) || double.IsInfinity(v)) { undefined = true; return 0; }
            return v;
        }
        var density = DensityOf(body, x);
        var scale = density is null ? ProbeScale(g, lo, hi, values) : Scale(density, values);
        var (value, error, l1) = Quadrature(F, lo, hi, scale, Kinks(instantiated, x, values));
        // An integrand that is undefined somewhere says more about the quadrature than about the step: no value,
        // so the step is unsupported instead of "the right side is undefined" (which would refute it).
        if (undefined) throw new NotEvaluableException("the integrand is undefined at some points of the integration range (at " + Point(values) + ")");
        Converged(error, l1, "the integral", values);
        var quad = new Approx(value, 4 * error + 1e-13 * l1);
        return density is null ? quad : CrossCheck(quad, body, x, density, values);
    }

    /// <summary>
    /// A quadrature whose error estimate is not small against the size of the integrand (∫|f|) has not converged:
    /// the integral may diverge at this point (E[x] under a Pareto law of shape below 1). Its value must not be
    /// compared (its error bound would make any right side agree), and skipping the point would leave the region
    /// where the step fails unchecked: no value, so the step is unsupported, with the point in the reason.
    /// </summary>
    private static void Converged(double error, double l1, string what, IReadOnlyDictionary<Sym, double> values)
    {
        if (IsConverged(error, l1)) return;
        throw new NotEvaluableException(what + " did not converge at " + Point(values) + " (estimated error " +
            error.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) + "); it may diverge there");
    }

    /// <summary>The error estimate is small against the size of the integrand (∫|f|).</summary>
    private static bool IsConverged(double error, double l1) => 4 * error <= 1e-6 * l1 + 1e-12;

    // The symbol for ∞ in limits gets a sample value like any other but means +∞ there: not part of the point.
    private static string Point(IReadOnlyDictionary<Sym, double> values) =>
        string.Join(", ", values.Where(kv => kv.Key != Ex.Infinity).OrderBy(kv => kv.Key.Name, StringComparer.Ordinal).Select(kv => kv.Key.Name + " = " + kv.Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Where a density's mass is, roughly: (centre, spread), so quadrature does not miss a narrow peak far from 0.</summary>
    private (double Center, double Spread)? Scale(DistributionInstance d, IReadOnlyDictionary<Sym, double> values)
    {
        var θ = Parameters(d, values);
        if (θ.Any(v => double.IsNaN(v) || double.IsInfinity(v))) return null;
        return d.Family.MassScale?.Invoke(θ);
    }

    /// <summary>
    /// Where the mass of an integrand that is not a known density is, found by looking: a written-out Gaussian times
    /// something else, N(x; −26.7, 0.12²)·σ(x), has all its mass in a sliver that quadrature from 0 never visits, and
    /// would integrate to 0 with a small error estimate. The candidates are 0 and the values of the point's symbols
    /// (locations are parameters); the spread is where the integrand has fallen to a thousandth of its largest value.
    /// Null when the largest value is at 0 or nothing is found (the quadrature then proceeds as before).
    /// </summary>
    private static readonly double[] NearLocation = [0, -0.25, 0.25, -1, 1];

    private static (double Center, double Spread)? ProbeScale(Func<double, double> g, double lo, double hi, IReadOnlyDictionary<Sym, double> values)
    {
        double Size(double t)
        {
            if (t <= lo || t >= hi) return 0;
            var v = Math.Abs(g(t));
            return double.IsNaN(v) || double.IsInfinity(v) ? 0 : v;
        }
        var best = 0.0;
        var bestSize = Size(0);
        foreach (var v in values.Values)
        {
            if (double.IsNaN(v) || double.IsInfinity(v)) continue;
            // Next to the value too: (x − μ)² e^{λ(x − μ)²} vanishes at μ itself, with all its mass close by.
            foreach (var offset in NearLocation)
            {
                var size = Size(v + offset);
                if (size > bestSize) (best, bestSize) = (v + offset, size);
            }
        }
        if (best == 0 || bestSize == 0) return null;
        for (var h = 1e-4; h <= 1e4; h *= 2)
            if (Math.Max(Size(best - h), Size(best + h)) < 1e-3 * bestSize)
                return (best, h / 4);
        return null;
    }

    /// <summary>
    /// Adaptive Gauss–Kronrod over [lo, hi], split at centre ± 10·spread when the mass is known to be there;
    /// returns the value, its error estimate and the L1 norm.
    /// </summary>
    private static (double Value, double Error, double L1) Quadrature(Func<double, double> f, double lo, double hi, (double Center, double Spread)? scale, IReadOnlyList<double>? kinks = null)
    {
        if (hi < lo)
        {
            // ∫_a^b = −∫_b^a: limits the wrong way round keep their orientation.
            var (v, e, n) = Quadrature(f, hi, lo, scale, kinks);
            return (-v, e, n);
        }
        var points = new List<double> { lo };
        foreach (var k in kinks ?? []) if (k > lo && k < hi) points.Add(k);
        if (scale is { } s && s.Spread > 0)
        {
            foreach (var k in new[] { -10.0, -3.0, 0.0, 3.0, 10.0 })
            {
                var b = s.Center + k * s.Spread;
                if (b > lo && b < hi) points.Add(b);
            }
        }
        points.Add(hi);
        points.Sort();
        // Infinite ends get a finite piece to ±1 first, so that a tail can be retried geometrically (see Tail).
        if (double.IsNegativeInfinity(points[0]) && points[1] > -1) points.Insert(1, -1);
        if (double.IsPositiveInfinity(points[^1]) && points[^2] < 1) points.Insert(points.Count - 1, 1);
        double value = 0, error = 0, l1 = 0;
        for (var i = 0; i + 1 < points.Count; i++)
        {
            if (points[i + 1] <= points[i]) continue;
            var v = GaussKronrodRule.Integrate(f, points[i], points[i + 1], out var e, out var n, 1e-10, 12, 21);
            var infinite = double.IsPositiveInfinity(points[i + 1]) || double.IsNegativeInfinity(points[i]);
            if (infinite && !IsConverged(e, n))
            {
                var (tv, te, tn) = Tail(f, double.IsPositiveInfinity(points[i + 1]) ? points[i] : points[i + 1]);
                if (IsConverged(te, tn)) (v, e, n) = (tv, te, tn);
            }
            value += v; error += e; l1 += n;
        }
        return (value, error, l1);
    }

    // With the units the simplification cost: a hit charges them again, so a check's work does not depend on what other steps (or documents, in parallel) simplified first.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Expr, Assumptions), (Expr Result, long Units)> _tidied = new();

    /// <summary>
    /// The integrand simplified under the step's assumptions, so that the log of a written-out density is its
    /// exponent (log(e^{−|x − m|/b}/(2b)) = −|x − m|/b − log 2b): computed as written, p·log p is 0·(−∞) in the far
    /// tails, where p underflows, and the integral had no value. The simplifier is the proofs' (equal wherever the
    /// original is defined); cached per integrand, and the original is kept when simplifying runs out of budget.
    /// </summary>
    private Expr Tidy(Expr integrand)
    {
        if (_assumptions is null || !Traversal.Any(integrand, e => e is Fn { Function: FunctionKind.Log })) return integrand;
        var key = (integrand, _assumptions);
        if (_tidied.TryGetValue(key, out var done))
        {
            SymKl.Symbolic.WorkBudget.Charge(done.Units);
            return done.Result;
        }
        Expr result;
        var budget = new Budget(cancellation: _cancellation);
        try { result = Simplifier.Simplify(integrand, _assumptions, budget); }
        catch (BudgetExceededException) { result = integrand; }
        if (_tidied.Count > 4096) _tidied.Clear();
        _tidied[key] = (result, Budget.DefaultUnits - budget.Remaining);
        return result;
    }

    /// <summary>
    /// Where the integrand has a kink at this point's values: the root of every |a·x + b| in it whose argument is
    /// linear in x (a written-out Laplace density, |x − m| in a moment). Quadrature splits there; without the split a
    /// narrow kink far from 0 is resolved to only about 10⁻⁴.
    /// </summary>
    private List<double> Kinks(Expr g, Sym x, IReadOnlyDictionary<Sym, double> values)
    {
        var kinks = new List<double>();
        var point = new double[1];
        var ev = Evaluator(values, x, point);
        double At(Expr e, double t)
        {
            point[0] = t;
            try { return ev.Evaluate(e).Value; }
            catch (NotEvaluableException) { return double.NaN; }
        }
        foreach (var arg in AbsoluteArguments(g, x))
        {
            if (kinks.Count > 16) break;
            var (b, a1, a2) = (At(arg, 0), At(arg, 1), At(arg, 2));
            var slope = a1 - b;
            if (slope != 0 && !double.IsNaN(slope) && Math.Abs(a2 - (b + 2 * slope)) <= 1e-9 * (Math.Abs(a2) + Math.Abs(b) + 1))
            {
                var root = -b / slope;
                if (!double.IsNaN(root) && !double.IsInfinity(root)) kinks.Add(root);
            }
        }
        return kinks;
    }

    /// <summary>The arguments of the |…| in g that depend on x, in the order of a walk of g: found once per integrand, not at every point.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Expr, Sym), Expr[]> _absoluteArguments = new();

    private Expr[] AbsoluteArguments(Expr g, Sym x) => _absoluteArguments.GetOrAdd((g, x), key =>
    {
        var (body, variable) = key;
        var found = new List<Expr>();
        var seen = new HashSet<Expr>();
        void Visit(Expr e)
        {
            if (!seen.Add(e)) return;
            if (e is Fn { Function: FunctionKind.Abs } abs && Traversal.FreeSymbols(abs.Arg).Contains(variable)) found.Add(abs.Arg);
            foreach (var c in e.Children) Visit(c);
        }
        Visit(body);
        return found.ToArray();
    });

    /// <summary>
    /// ∫ from c (|c| ≥ 1) out to ±∞ with x = c·eᵘ, for a tail that did not converge in x: a power-law tail
    /// x^(−p) becomes the exponential e^(−(p−1)u), which quadrature on [0, ∞) handles (in x, a heavy tail such as
    /// a Pareto law's does not converge to its tolerance). Beyond |x| = 10¹⁰⁰ the integrand is taken as 0; if it
    /// has not died out by then, the error says so (the tail beyond is unknown).
    /// </summary>
    private static (double Value, double Error, double L1) Tail(Func<double, double> f, double c)
    {
        // |x| stops at 10¹⁰⁰: beyond, products such as e^{−|x|/b}·|x|/b turn into 0·∞ in floating point.
        var end = 230 - Math.Log(Math.Abs(c));
        double G(double u) => u > end ? 0 : f(c * Math.Exp(u)) * Math.Abs(c * Math.Exp(u));
        var value = GaussKronrodRule.Integrate(G, 0, double.PositiveInfinity, out var error, out var l1, 1e-10, 12, 21);
        if (Math.Abs(G(end)) > 1e-15 * l1) error += l1;
        return (value, error, l1);
    }

    private double Limit(Expr e, IReadOnlyDictionary<Sym, double> values) => e switch
    {
        _ when Ex.IsInfinity(e, 1) => double.PositiveInfinity,
        _ when Ex.IsInfinity(e, -1) => double.NegativeInfinity,
        // (−∞ − μ)/(√2 σ), the limit a substitution carries over: ±∞ when one term or factor is infinite and the rest finite.
        _ when Traversal.Any(e, n => n.Equals(Ex.Infinity)) => InfiniteLimit(e, values) is var v && !double.IsNaN(v) ? v
            : throw new NotEvaluableException("an integration limit, " + LatexPrinter.Print(e) + ", has no value at " + Point(values)),
        _ => Evaluator(values).Evaluate(e).Value,
    };

    /// <summary>The value of a limit holding ∞: a sum with one infinite term, a product with one infinite factor and the
    /// others finite and nonzero; NaN for anything else (∞ − ∞, ∞ in an exponent).</summary>
    private double InfiniteLimit(Expr e, IReadOnlyDictionary<Sym, double> values)
    {
        if (e.Equals(Ex.Infinity)) return double.PositiveInfinity;
        if (!Traversal.Any(e, n => n.Equals(Ex.Infinity))) return Evaluator(values).Evaluate(e) is { IsDefined: true } v ? v.Value : double.NaN;
        switch (e)
        {
            case Add add:
                {
                    var parts = add.Terms.Select(t => InfiniteLimit(t, values)).ToList();
                    if (parts.Any(double.IsNaN)) return double.NaN;
                    var infinite = parts.Where(double.IsInfinity).ToList();
                    return infinite.Count > 0 && infinite.All(x => x == infinite[0]) ? infinite[0] : double.NaN;
                }
            case Mul mul:
                {
                    var parts = mul.Factors.Select(f => InfiniteLimit(f, values)).ToList();
                    if (parts.Any(x => double.IsNaN(x) || x == 0)) return double.NaN;
                    var product = parts.Aggregate(1.0, (a, b) => a * b);
                    return double.IsInfinity(product) ? product : double.NaN;
                }
            default:
                return double.NaN;
        }
    }

    /// <summary>A bound density p(x) that multiplies the integrand, if any.</summary>
    private DistributionInstance? DensityOf(Expr body, Sym x) => DensityFactor(body, x)?.Instance;

    /// <summary>The factor p(x) of the integrand that is a known density, and its distribution.</summary>
    private (Apply Factor, DistributionInstance Instance)? DensityFactor(Expr body, Sym x)
    {
        var factors = body is Mul m ? (IReadOnlyList<Expr>)m.Factors : [body];
        foreach (var f in factors)
            if (f is Apply ap && ap.Args.Count >= 1 && ap.Args[0].Equals(x) && (_context.Resolve(ap.Name) ?? Calculus.InlineDensity(ap.Name, ap.Args)) is { } d) return (ap, d);
        return null;
    }

    /// <summary>Monte Carlo estimate of ∫ p(x) g(x) dx = E_p[g] (g = body / p) compared with the quadrature.</summary>
    private Approx CrossCheck(Approx quad, Expr body, Sym x, DistributionInstance d, IReadOnlyDictionary<Sym, double> values)
    {
        if (_monteCarloChecksLeft <= 0) return quad;
        _monteCarloChecksLeft--;
        if (DensityFactor(body, x) is not { } density) return quad;
        var g = Instantiated(Ex.Div(body, density.Factor));
        var mc = MonteCarlo(g, x, d, values);
        if (mc is null) return quad;
        var (mean, se) = mc.Value;
        if (Math.Abs(mean - quad.Value) > 6 * se + quad.Error + 1e-12 * Math.Abs(quad.Value))
            throw new NotEvaluableException($"quadrature ({quad.Value:R}) and Monte Carlo ({mean:R} ± {se:R}) disagree; the integral may not converge");
        return quad;
    }


    private (double Mean, double StandardError)? MonteCarlo(Expr g, Sym x, DistributionInstance d, IReadOnlyDictionary<Sym, double> values)
    {
        var θ = Parameters(d, values);
        var sampler = FamilySampler.For(d.Family, θ);
        if (sampler is null) return null;
        var random = new Random(_seed);
        var f = Integrand(g, x, values);
        double sum = 0, sumSq = 0;
        for (var i = 0; i < _monteCarloSamples; i++)
        {
            if ((i & 255) == 0) { _cancellation.ThrowIfCancellationRequested(); SymKl.Symbolic.WorkBudget.Charge(256); }
            var v = f(sampler(random));
            if (double.IsNaN(v) || double.IsInfinity(v)) return null;
            sum += v; sumSq += v * v;
        }
        var n = (double)_monteCarloSamples;
        var mean = sum / n;
        return (mean, Math.Sqrt(Math.Max(0, sumSq / n - mean * mean) / n));
    }

    /// <summary>density × body of an expectation, per (body, variable, law): built once, not at every sample point.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Expr Body, Sym X, Expr Law), Expr> _weighted = new();

    private Approx ExpectationOf(Expr body, Sym x, DistributionInstance d, IReadOnlyDictionary<Sym, double> values)
    {
        var θ = Parameters(d, values);
        // Parameters stay symbolic: their values come with the point, so the compiled integrand is reused at every point.
        var weighted = _weighted.GetOrAdd((body, x, Ex.Apply(d.Family.Name, d.Parameters.ToArray())), _ => Ex.Mul(Ex.Exp(d.LogDensity(x)), Tidy(Instantiated(body))));
        if (d.Family.IsDiscrete)
        {
            var range = d.Family.SupportRange(θ);
            RequireSupport(body, x, range.Low, range.High, values);
            return DiscreteSum(weighted, x, range, values);
        }
        var (lo, hi) = d.Family.SupportRange(θ);
        RequireSupport(body, x, lo, hi, values);
        var f = Integrand(weighted, x, values);
        var undefined = false;
        var evaluations = 0;
        var (value, error, l1) = Quadrature(t =>
        {
            _cancellation.ThrowIfCancellationRequested();
            SymKl.Symbolic.WorkBudget.Charge(1);
            if (++evaluations > EvaluationBudget) throw new NotEvaluableException("the expectation did not converge within " + EvaluationBudget + " evaluations");
            if (double.IsInfinity(t)) return 0;
            var v = f(t);
            if (double.IsNaN(v) || double.IsInfinity(v)) { undefined = true; return 0; }
            return v;
        }, lo, hi, Scale(d, values), Kinks(weighted, x, values));
        if (undefined) throw new NotEvaluableException("the expectation's integrand is undefined at some points of the support");
        Converged(error, l1, "the expectation", values);
        return new Approx(value, 4 * error + 1e-13 * l1);
    }


    private Approx SumOf(Summation sm, IReadOnlyDictionary<Sym, double> values)
    {
        var x = sm.Variable;
        if (sm.Lower is not null && sm.Upper is not null)
        {
            var lo = Limit(sm.Lower, values);
            var hi = Limit(sm.Upper, values);
            if (double.IsNaN(lo) || double.IsNaN(hi) || Math.Floor(lo) != lo || (!double.IsPositiveInfinity(hi) && Math.Floor(hi) != hi)) return Approx.Undefined;
            if (!double.IsPositiveInfinity(hi) && hi - lo > 1_000_000) throw new NotEvaluableException("a sum of more than a million terms");
            return DiscreteSum(Instantiated(sm.Body), x, (lo, hi), values);
        }
        var d = DensityOf(sm.Body, x) ?? throw new NotEvaluableException("a sum over an unspecified range with no distribution in it");
        return DiscreteSum(Instantiated(sm.Body), x, d.Family.SupportRange(Parameters(d, values)), values);
    }

    private const int MaxProductFactors = 100_000;

    /// <summary>
    /// ∏_{k=lo}^{hi} body(k) at integer limits (an empty range is 1). A factor with indexed values (x_k) has no value
    /// per k here: those products are written out with one symbol per value before they get this far.
    /// </summary>
    private Approx ProductOf(IndexedProduct ip, IReadOnlyDictionary<Sym, double> values)
    {
        if (ip.Lower is null || ip.Upper is null) throw new NotEvaluableException("a product over an unspecified range");
        if (Checking.IndexedSums.IndexedBy(ip.Body, ip.Variable.Name) is { } indexed)
            throw new NotEvaluableException("a product over indexed values such as " + indexed + " that could not be written out");
        var lo = Limit(ip.Lower, values);
        var hi = Limit(ip.Upper, values);
        if (double.IsNaN(lo) || double.IsNaN(hi) || double.IsInfinity(lo) || double.IsInfinity(hi) || Math.Floor(lo) != lo || Math.Floor(hi) != hi) return Approx.Undefined;
        if (hi - lo >= MaxProductFactors) throw new NotEvaluableException("a product of more than " + MaxProductFactors.ToString(System.Globalization.CultureInfo.InvariantCulture) + " factors");
        var point = new double[1];
        var ev = Evaluator(values, ip.Variable, point);
        var body = Instantiated(ip.Body);
        double product = 1, relative = 0, zeroError = 0;
        var zeros = 0;
        for (var k = lo; k <= hi; k++)
        {
            _cancellation.ThrowIfCancellationRequested();
            SymKl.Symbolic.WorkBudget.Charge(1);
            point[0] = k;
            var v = ev.Evaluate(body);
            if (!v.IsDefined) throw new NotEvaluableException("the factor is undefined at " + k.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (v.Value == 0) { zeros++; zeroError = Math.Max(zeroError, v.Error); continue; }
            product *= v.Value;
            relative += v.Error / Math.Abs(v.Value) + 1e-16;
        }
        // One zero factor: the product is 0 within that factor's error times the rest; two or more: exactly 0 to first order.
        if (zeros > 0) return new Approx(0, zeros == 1 ? zeroError * Math.Abs(product) : 0);
        return new Approx(product, Math.Abs(product) * relative);
    }

    /// <summary>Σ_{k=lo}^{hi} body(k); an infinite range stops once terms stay below 1e-18 of the running sum.</summary>
    private Approx DiscreteSum(Expr body, Sym x, (double Low, double High) range, IReadOnlyDictionary<Sym, double> values)
    {
        var point = new double[1];
        var ev = Evaluator(values, x, point);
        double sum = 0, err = 0, mag = 0;
        var small = 0;
        var converged = !double.IsPositiveInfinity(range.High);
        for (var k = range.Low; k <= range.High && k - range.Low < 1_000_000; k++)
        {
            _cancellation.ThrowIfCancellationRequested();
            SymKl.Symbolic.WorkBudget.Charge(1);
            point[0] = k;
            var v = ev.Evaluate(body);
            if (!v.IsDefined) throw new NotEvaluableException("the summand is undefined at " + k.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sum += v.Value; err += v.Error; mag += Math.Abs(v.Value);
            if (double.IsPositiveInfinity(range.High))
            {
                small = Math.Abs(v.Value) < 1e-18 * Math.Max(1, mag) ? small + 1 : 0;
                if (small > 20 && k > 50)
                {
                    converged = true;
                    break;
                }
            }
        }
        // A partial sum of a series that has not settled is not its value (Σ 1/k stops nowhere).
        if (!converged) throw new NotEvaluableException("the sum did not converge within a million terms at " + Point(values) + "; it may diverge there");
        return new Approx(sum, err + 1e-15 * mag);
    }

    /// <summary>
    /// A density's formula holds on its support only: where a density of x in body has a support that does not
    /// cover [lo, hi] at this point, the integral of its formula over [lo, hi] is not the value (which is
    /// infinite for a log-density, e.g. a KL whose p puts mass where q has none), so there is no value here.
    /// </summary>
    private void RequireSupport(Expr body, Sym x, double lo, double hi, IReadOnlyDictionary<Sym, double> values)
    {
        var applications = new List<Apply>();
        Traversal.Any(body, n => { if (n is Apply a) applications.Add(a); return false; });
        foreach (var ap in applications)
        {
            if (!ap.Args.Any(a => Traversal.FreeSymbols(a).Contains(x))) continue;
            var q = _context.Resolve(ap.Name) ?? Calculus.InlineDensity(ap.Name, ap.Args);
            if (q is null) continue;
            var (qlo, qhi) = q.Family.SupportRange(Parameters(q, values));
            var covered = ap.Args[0].Equals(x)
                ? qlo <= lo && hi <= qhi
                : double.IsNegativeInfinity(qlo) && double.IsPositiveInfinity(qhi);
            if (!covered)
                throw new NotEvaluableException("the support of " + q + " does not cover the range of " + x.Name + " at a sample point: the value is infinite or undefined there");
        }
    }

    private Approx FunctionalOf(Functional f, IReadOnlyDictionary<Sym, double> values)
    {
        var ds = f.Args.Select(a => Calculus.InstanceOf(a, _context)).ToList();
        if (ds.Any(d => d is null)) throw new NotEvaluableException("the distributions of " + LatexPrinter.Print(f) + " are not defined");
        var x = Ex.Fresh("ξ_KL");
        var p = ds[0]!;
        Expr body = f.Which switch
        {
            FunctionalKind.KL when ds.Count == 2 => Ex.Sub(p.LogDensity(x), ds[1]!.LogDensity(x)),
            FunctionalKind.Entropy when ds.Count == 1 => Ex.Neg(p.LogDensity(x)),
            FunctionalKind.CrossEntropy or FunctionalKind.Entropy when ds.Count == 2 => Ex.Neg(ds[1]!.LogDensity(x)),
            _ => throw new NotEvaluableException("unexpected arguments for " + f.Which),
        };
        if (ds.Count == 2)
        {
            var (lo, hi) = p.Family.SupportRange(Parameters(p, values));
            var (qlo, qhi) = ds[1]!.Family.SupportRange(Parameters(ds[1]!, values));
            if (!(qlo <= lo && hi <= qhi))
                throw new NotEvaluableException("the support of " + p + " is not inside that of " + ds[1] + " at a sample point: the divergence is infinite there");
        }
        return ExpectationOf(body, x, p, values);
    }
}
