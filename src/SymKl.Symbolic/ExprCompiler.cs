namespace SymKl.Symbolic;

/// <summary>
/// Compiles an expression to a delegate over an array of parameter values, for the hot loops of
/// numeric checks (Monte Carlo, quadrature). Undefined points give NaN, as <see cref="Math"/> does.
/// </summary>
/// <remarks>
/// The delegate is a tree of closures, one per node, that computes exactly what the node says in the order it says
/// (sums and products left to right, x² as x·x, x^(−1) as 1/x, x^(1/2) as √x). Closures need no code generation:
/// building one costs microseconds where an expression tree's <c>Compile</c> costs about a millisecond of JIT
/// (more than most integrals it serves), and they run at full speed where code generation is unavailable (Native AOT),
/// where expression trees fall back to a slow interpreter.
/// </remarks>
public static class ExprCompiler
{
    /// <summary>Compiles <paramref name="e"/> with its free symbols read from the array in the order of <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">a free symbol of <paramref name="e"/> is not among the parameters.</exception>
    /// <exception cref="NotEvaluableException"><paramref name="e"/> has a node with no compiled form.</exception>
    public static Func<double[], double> Compile(Expr e, IReadOnlyList<Sym> parameters)
    {
        var index = new Dictionary<Sym, int>();
        for (var i = 0; i < parameters.Count; i++) index[parameters[i]] = i;
        return Build(e, index);
    }

    // log of a non-positive number is undefined for us (Math.Log(0) is −∞, which would look like a value).
    private static double SafeLog(double x) => x > 0 ? Math.Log(x) : double.NaN;

    private static Func<double[], double> Build(Expr e, Dictionary<Sym, int> index)
    {
        switch (e)
        {
            case Num n:
                {
                    var value = n.Value.ToDouble();
                    return _ => value;
                }
            case Constant c:
                {
                    var value = c.Value;
                    return _ => value;
                }
            case Sym s:
                {
                    if (!index.TryGetValue(s, out var i)) throw new ArgumentException("No parameter for symbol " + s.Name);
                    return p => p[i];
                }
            case Add a:
                return Sum(a.Terms.Select(t => Build(t, index)).ToArray());
            case Mul m:
                return Product(m.Factors.Select(f => Build(f, index)).ToArray());
            case Pow p:
                return Power(p, index);
            case Fn f:
                {
                    var x = Build(f.Arg, index);
                    return f.Function switch
                    {
                        FunctionKind.Log => v => SafeLog(x(v)),
                        FunctionKind.Abs => v => Math.Abs(x(v)),
                        FunctionKind.Sin => v => Math.Sin(x(v)),
                        FunctionKind.Cos => v => Math.Cos(x(v)),
                        FunctionKind.Tan => v => Math.Tan(x(v)),
                        FunctionKind.Atan => v => Math.Atan(x(v)),
                        FunctionKind.Erf => v => SpecialFunctions.Erf(x(v)),
                        FunctionKind.Gamma => v => SpecialFunctions.Gamma(x(v)),
                        FunctionKind.LogGamma => v => SpecialFunctions.LogGamma(x(v)),
                        FunctionKind.Digamma => v => SpecialFunctions.Digamma(x(v)),
                        _ => throw new NotEvaluableException("no compiled form for " + f.Function),
                    };
                }
            default:
                throw new NotEvaluableException("cannot compile " + LatexPrinter.Print(e));
        }
    }

    /// <summary>((t₀ + t₁) + t₂) + …, left to right.</summary>
    private static Func<double[], double> Sum(Func<double[], double>[] terms)
    {
        switch (terms.Length)
        {
            case 1: return terms[0];
            case 2:
                {
                    var (a, b) = (terms[0], terms[1]);
                    return p => a(p) + b(p);
                }
            default:
                return p =>
                {
                    var sum = terms[0](p);
                    for (var k = 1; k < terms.Length; k++) sum += terms[k](p);
                    return sum;
                };
        }
    }

    /// <summary>((f₀ · f₁) · f₂) · …, left to right.</summary>
    private static Func<double[], double> Product(Func<double[], double>[] factors)
    {
        switch (factors.Length)
        {
            case 1: return factors[0];
            case 2:
                {
                    var (a, b) = (factors[0], factors[1]);
                    return p => a(p) * b(p);
                }
            default:
                return p =>
                {
                    var product = factors[0](p);
                    for (var k = 1; k < factors.Length; k++) product *= factors[k](p);
                    return product;
                };
        }
    }

    private static Func<double[], double> Power(Pow pow, Dictionary<Sym, int> index)
    {
        if (pow.Base is Constant { Which: ConstantKind.E })
        {
            var exponent = Build(pow.Exponent, index);
            return p => Math.Exp(exponent(p));
        }
        var b = Build(pow.Base, index);
        if (pow.Exponent is Num n)
        {
            if (n.Value == Rational.Half) return p => Math.Sqrt(b(p));
            if (n.Value == new Rational(-1)) return p => 1.0 / b(p);
            if (n.Value == new Rational(2))
                return p =>
                {
                    var t = b(p);
                    return t * t;
                };
        }
        var e = Build(pow.Exponent, index);
        return p => Math.Pow(b(p), e(p));
    }
}
