namespace SymKl.Symbolic;

/// <summary>Thrown when an expression has a node that cannot be evaluated at a point (an integral, an undefined function).</summary>
public class NotEvaluableException(string reason) : Exception(reason);

/// <summary>
/// Thrown when a quantity certainly has no value at this point (an improper integral that diverges there,
/// ∫_0^1 x^{a−1} dx at a = −2): the point is outside where the statement speaks, so it is skipped; never a
/// counterexample, and not a reason to give up on the step.
/// </summary>
public class DivergesHereException(string reason) : NotEvaluableException(reason);

/// <summary>
/// An integral to ±∞ whose integrand does not decay at the point: skipped like <see cref="DivergesHereException"/> only
/// where the text states nothing about the point's symbols (a multiplier whose sign the text leaves to the reader); a
/// point inside a stated domain (α &gt; 0 for ∫_1^∞ α x^{−α} dx) is part of what the text claims, so there it leaves
/// the step without a value.
/// </summary>
public sealed class DivergentTailException(string reason) : DivergesHereException(reason);

/// <summary>A value with a bound on its floating-point error; NaN value means "undefined here".</summary>
public readonly record struct Approx(double Value, double Error)
{
    public bool IsDefined => !double.IsNaN(Value) && !double.IsInfinity(Value);
    public static readonly Approx Undefined = new(double.NaN, double.NaN);
}

/// <summary>
/// Evaluates an expression at a point in double precision with a running first-order bound on the
/// rounding error. Equality checks compare the difference against these bounds, so a tolerance is
/// earned by the computation instead of guessed (and a real difference of 1e-9 is never hidden).
/// </summary>
public sealed class NumericEvaluator
{
    private const double Eps = 1.1102230246251565e-16; // unit round-off, 2^-53

    private readonly Func<Sym, double> _values;
    private readonly Func<Expr, Approx>? _opaque;

    /// <param name="values">The value of each free symbol.</param>
    /// <param name="opaque">Evaluates nodes this class does not know (integrals, expectations, abstract densities); null to refuse them.</param>
    public NumericEvaluator(Func<Sym, double> values, Func<Expr, Approx>? opaque = null)
    {
        _values = values;
        _opaque = opaque;
    }

    public Approx Evaluate(Expr e)
    {
        // Nested integrals evaluate through the opaque callback back into here: bounded, with a catchable error.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case Num n:
                {
                    var v = n.Value.ToDouble();
                    return new(v, n.Value.IsInteger && Math.Abs(v) < 9e15 ? 0 : Eps * Math.Abs(v));
                }
            case Constant c:
                return new(c.Value, Eps * c.Value);
            case Sym s:
                return new(_values(s), 0);
            case Add a:
                {
                    double sum = 0, err = 0, mag = 0;
                    foreach (var t in a.Terms)
                    {
                        var x = Evaluate(t);
                        if (!x.IsDefined) return Approx.Undefined;
                        sum += x.Value; err += x.Error; mag += Math.Abs(x.Value);
                    }
                    return new(sum, err + Eps * a.Terms.Count * mag);
                }
            case Mul m:
                {
                    var xs = new Approx[m.Factors.Count];
                    for (var i = 0; i < xs.Length; i++)
                    {
                        xs[i] = Evaluate(m.Factors[i]);
                        if (!xs[i].IsDefined) return Approx.Undefined;
                    }
                    double product = 1;
                    var noZeroFactor = true;
                    foreach (var x in xs) { product *= x.Value; noZeroFactor &= x.Value != 0; }
                    // err ≈ Σ_i err_i · Π_{j≠i} |x_j| (exact when some factor is zero), plus rounding.
                    double err = 0;
                    for (var i = 0; i < xs.Length; i++)
                    {
                        double others = 1;
                        for (var j = 0; j < xs.Length; j++) if (j != i) others *= Math.Abs(xs[j].Value);
                        err += xs[i].Error * others;
                    }
                    err += Eps * xs.Length * Math.Abs(product);
                    return Checked(product, noZeroFactor ? Underflowed(product, err) : err);
                }
            case Pow p:
                return EvaluatePow(p);
            case Fn f:
                return EvaluateFunction(f);
            default:
                if (_opaque is null) throw new NotEvaluableException(Describe(e) + " cannot be evaluated numerically yet");
                return _opaque(e);
        }
    }

    private static string Describe(Expr e) => e switch
    {
        Integral => "an integral",
        Summation => "a sum over an unspecified range",
        IndexedProduct => "a product over an unspecified range",
        Expectation => "an expectation",
        Apply a => "the undefined function " + a.Name,
        Functional f => "the functional " + f.Which,
        _ => LatexPrinter.Print(e),
    };

    /// <summary>The smallest normal double: below it a result has lost relative precision (and 0 may stand for 10⁻³²²).</summary>
    private const double MinNormal = 2.2250738585072014E-308;

    /// <summary>
    /// The error of a result that underflowed (e^{−371}·(1 + e^{371})^{−2} is 0 in doubles, not 10⁻³²²): at most the
    /// smallest normal double, which a later factor of 10¹⁶¹ scales up with the value it hid. Without it a product of a
    /// huge and a vanished factor is an exact 0 and two equal sides "differ".
    /// </summary>
    private static double Underflowed(double v, double err) => Math.Abs(v) < MinNormal ? Math.Max(err, MinNormal) : err;

    private static Approx Checked(double v, double err) =>
        double.IsNaN(v) || double.IsInfinity(v) ? Approx.Undefined : new(v, err);

    private Approx EvaluatePow(Pow p)
    {
        var b = Evaluate(p.Base);
        if (!b.IsDefined) return Approx.Undefined;
        if (p.Exponent is Num en)
        {
            var r = en.Value;
            var k = r.ToDouble();
            if (b.Value == 0 && k <= 0) return Approx.Undefined;
            if (b.Value < 0 && !r.IsInteger) return Approx.Undefined;
            double v;
            if (r.IsInteger && Math.Abs(k) <= 64) v = IntPow(b.Value, (int)k);
            else if (r == Rational.Half) v = Math.Sqrt(b.Value);
            else v = Math.Pow(b.Value, k);
            var rel = b.Value == 0 ? 0 : Math.Abs(k) * b.Error / Math.Abs(b.Value);
            var err = Math.Abs(v) * (rel + 2 * Eps) + (b.Value == 0 ? Math.Pow(b.Error, k) : 0);
            return Checked(v, b.Value != 0 ? Underflowed(v, err) : err);
        }
        var x = Evaluate(p.Exponent);
        if (!x.IsDefined) return Approx.Undefined;
        if (p.Base is Constant { Which: ConstantKind.E })
        {
            var v = Math.Exp(x.Value);
            return Checked(v, Underflowed(v, v * (x.Error + 2 * Eps)));
        }
        if (b.Value < 0 && Math.Floor(x.Value) != x.Value) return Approx.Undefined;
        if (b.Value == 0 && x.Value <= 0) return Approx.Undefined;
        {
            var v = Math.Pow(b.Value, x.Value);
            var logb = b.Value == 0 ? 0 : Math.Log(Math.Abs(b.Value));
            var rel = (b.Value == 0 ? 0 : Math.Abs(x.Value) * b.Error / Math.Abs(b.Value)) + Math.Abs(logb) * (x.Error + Math.Abs(x.Value) * Eps) + 2 * Eps;
            return Checked(v, b.Value != 0 ? Underflowed(v, Math.Abs(v) * rel) : Math.Abs(v) * rel);
        }
    }

    private static double IntPow(double b, int k)
    {
        if (k < 0) return 1 / IntPow(b, -k);
        double r = 1;
        while (k > 0)
        {
            if ((k & 1) != 0) r *= b;
            b *= b; k >>= 1;
        }
        return r;
    }

    private Approx EvaluateFunction(Fn f)
    {
        var args = new Approx[f.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Evaluate(f.Args[i]);
            if (!args[i].IsDefined) return Approx.Undefined;
        }
        var x = args[0].Value;
        var ex = args[0].Error;
        const double sf = SpecialFunctions.RelativeAccuracy;
        switch (f.Function)
        {
            case FunctionKind.Log:
                if (x <= 0) return Approx.Undefined;
                {
                    var v = Math.Log(x);
                    return Checked(v, ex / x + Eps * Math.Abs(v) + Eps);
                }
            case FunctionKind.Abs:
                return new(Math.Abs(x), ex);
            case FunctionKind.Sin:
                return Checked(Math.Sin(x), ex + Eps * (1 + Math.Abs(x)));
            case FunctionKind.Cos:
                return Checked(Math.Cos(x), ex + Eps * (1 + Math.Abs(x)));
            case FunctionKind.Tan:
                {
                    var v = Math.Tan(x);
                    return Checked(v, (1 + v * v) * (ex + Eps * (1 + Math.Abs(x))));
                }
            case FunctionKind.Atan:
                return Checked(Math.Atan(x), ex / (1 + x * x) + Eps);
            case FunctionKind.Erf:
                return Checked(SpecialFunctions.Erf(x), 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * ex + sf);
            case FunctionKind.Gamma:
                {
                    var v = SpecialFunctions.Gamma(x);
                    return Checked(v, Math.Abs(v) * (Math.Abs(SpecialFunctions.Digamma(x)) * ex + sf));
                }
            case FunctionKind.LogGamma:
                {
                    if (x <= 0) return Approx.Undefined;
                    var v = SpecialFunctions.LogGamma(x);
                    return Checked(v, Math.Abs(SpecialFunctions.Digamma(x)) * ex + sf * (1 + Math.Abs(v)));
                }
            case FunctionKind.Digamma:
                {
                    var v = SpecialFunctions.Digamma(x);
                    return Checked(v, Math.Abs(SpecialFunctions.Trigamma(x)) * ex + sf * (1 + Math.Abs(v)));
                }
            default:
                throw new NotEvaluableException("the function " + f.Function + " cannot be evaluated numerically");
        }
    }
}
