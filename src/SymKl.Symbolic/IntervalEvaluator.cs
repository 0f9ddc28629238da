namespace SymKl.Symbolic;

/// <summary>
/// Encloses the value of an expression at a point in an interval, rigorously, at a working precision in
/// bits. Symbols take exact double values; numbers are exact rationals. Used where doubles cannot tell a
/// tiny real difference from rounding: an enclosure that excludes 0 proves the value nonzero.
/// Throws <see cref="NotBoundableException"/> for what it cannot bound (integrals, special functions, a
/// singularity inside an enclosure) and <see cref="UndefinedValueException"/> where the value is certainly undefined.
/// </summary>
public sealed class IntervalEvaluator(Func<Sym, double> values, int bits)
{
    private readonly IntervalArithmetic _a = new(bits);

    public int Bits => _a.Bits;

    /// <summary>True when every node is one the evaluator can bound (no integrals, undefined functions or special functions).</summary>
    public static bool CanBound(Expr e) => !Traversal.Any(e, x => x switch
    {
        Fn f => !CanBoundFunction(f.Function),
        Num or Constant or Sym or Add or Mul or Pow => false,
        _ => true,
    });

    public static bool CanBoundFunction(FunctionKind f) =>
        f is FunctionKind.Log or FunctionKind.Abs or FunctionKind.Sin or FunctionKind.Cos or FunctionKind.Tan or FunctionKind.Atan
            or FunctionKind.Gamma or FunctionKind.LogGamma or FunctionKind.Digamma or FunctionKind.Erf;

    public Interval Evaluate(Expr e)
    {
        switch (e)
        {
            case Num n:
                return _a.Rational(n.Value);
            case Constant c:
                return c.Which == ConstantKind.Pi ? _a.Pi : _a.Exp(Interval.One);
            case Sym s:
                return Interval.Point(Dyadic.FromDouble(values(s)));
            case Add sum:
                {
                    var total = Interval.Zero;
                    foreach (var t in sum.Terms) total = _a.Add(total, Evaluate(t));
                    return total;
                }
            case Mul product:
                {
                    var total = Interval.One;
                    foreach (var f in product.Factors) total = _a.Mul(total, Evaluate(f));
                    return total;
                }
            case Pow p:
                return EvaluatePow(p);
            case Fn f:
                {
                    var x = Evaluate(f.Arg);
                    return f.Function switch
                    {
                        FunctionKind.Log => _a.Log(x),
                        FunctionKind.Abs => IntervalArithmetic.Abs(x),
                        FunctionKind.Sin => _a.Sin(x),
                        FunctionKind.Cos => _a.Cos(x),
                        FunctionKind.Tan => Tan(x),
                        FunctionKind.Atan => _a.Atan(x),
                        FunctionKind.Erf => _a.Erf(x),
                        FunctionKind.Gamma => IntervalGamma.Gamma(_a, x),
                        FunctionKind.LogGamma => IntervalGamma.LogGamma(_a, x),
                        FunctionKind.Digamma => IntervalGamma.Digamma(_a, x),
                        _ => throw new NotBoundableException("no high-precision bound for " + f.Function),
                    };
                }
            default:
                throw new NotBoundableException("no high-precision bound for " + e.Kind);
        }
    }

    private Interval Tan(Interval x)
    {
        var c = _a.Cos(x);
        if (c.ContainsZero) throw new NotBoundableException("a tangent near a pole");
        return _a.Div(_a.Sin(x), c);
    }

    /// <summary>The same domain rules as <see cref="NumericEvaluator"/>: 0 to a non-positive power and negative numbers to non-integer powers are undefined.</summary>
    private Interval EvaluatePow(Pow p)
    {
        if (p.Base is Constant { Which: ConstantKind.E }) return _a.Exp(Evaluate(p.Exponent));
        var b = Evaluate(p.Base);
        if (p.Exponent is Num en)
        {
            var r = en.Value;
            if (b.Lo.IsZero && b.Hi.IsZero)
            {
                if (r.Sign <= 0) throw new UndefinedValueException("0 to a power that is not positive");
                return Interval.Zero;
            }
            if (r.IsInteger) return _a.Pow(b, r.Numerator);
            if (b.Hi.Sign < 0) throw new UndefinedValueException("a negative number to a fractional power");
            if (b.Lo.Sign <= 0) throw new NotBoundableException("a fractional power of a value that may be 0 or negative");
            if (r.Denominator == 2) return _a.Pow(_a.Sqrt(b), r.Numerator);
            return _a.Exp(_a.Mul(_a.Rational(r), _a.Log(b)));
        }
        var x = Evaluate(p.Exponent);
        if (b.Lo.Sign <= 0) throw new NotBoundableException("a symbolic power of a value that may be 0 or negative");
        return _a.Exp(_a.Mul(x, _a.Log(b)));
    }
}
