using System.Reflection;
using L = System.Linq.Expressions;

namespace SymKl.Symbolic;

/// <summary>
/// Compiles an expression to a delegate over an array of parameter values, for the hot loops of
/// numeric checks (Monte Carlo, quadrature). Undefined points give NaN, as <see cref="Math"/> does.
/// </summary>
public static class ExprCompiler
{
    private static readonly MethodInfo Log = typeof(Math).GetMethod(nameof(Math.Log), [typeof(double)])!;
    private static readonly MethodInfo Exp = typeof(Math).GetMethod(nameof(Math.Exp), [typeof(double)])!;
    private static readonly MethodInfo PowM = typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!;
    private static readonly MethodInfo SqrtM = typeof(Math).GetMethod(nameof(Math.Sqrt), [typeof(double)])!;
    private static readonly MethodInfo AbsM = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!;
    private static readonly MethodInfo SinM = typeof(Math).GetMethod(nameof(Math.Sin), [typeof(double)])!;
    private static readonly MethodInfo CosM = typeof(Math).GetMethod(nameof(Math.Cos), [typeof(double)])!;
    private static readonly MethodInfo TanM = typeof(Math).GetMethod(nameof(Math.Tan), [typeof(double)])!;
    private static readonly MethodInfo AtanM = typeof(Math).GetMethod(nameof(Math.Atan), [typeof(double)])!;
    private static readonly MethodInfo SafeLogM = typeof(ExprCompiler).GetMethod(nameof(SafeLog), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Compiles <paramref name="e"/> with its free symbols read from the array in the order of <paramref name="parameters"/>.</summary>
    public static Func<double[], double> Compile(Expr e, IReadOnlyList<Sym> parameters)
    {
        var arg = L.Expression.Parameter(typeof(double[]), "p");
        var index = new Dictionary<Sym, int>();
        for (var i = 0; i < parameters.Count; i++) index[parameters[i]] = i;
        var body = Build(e, arg, index);
        return L.Expression.Lambda<Func<double[], double>>(body, arg).Compile();
    }

    // log of a non-positive number is undefined for us (Math.Log(0) is −∞, which would look like a value).
    private static double SafeLog(double x) => x > 0 ? Math.Log(x) : double.NaN;

    private static L.Expression Build(Expr e, L.ParameterExpression arg, Dictionary<Sym, int> index)
    {
        switch (e)
        {
            case Num n: return L.Expression.Constant(n.Value.ToDouble());
            case Constant c: return L.Expression.Constant(c.Value);
            case Sym s:
                if (!index.TryGetValue(s, out var i)) throw new ArgumentException("No parameter for symbol " + s.Name);
                return L.Expression.ArrayIndex(arg, L.Expression.Constant(i));
            case Add a:
                return a.Terms.Select(t => Build(t, arg, index)).Aggregate(L.Expression.Add);
            case Mul m:
                return m.Factors.Select(f => Build(f, arg, index)).Aggregate(L.Expression.Multiply);
            case Pow p:
                {
                    if (p.Base is Constant { Which: ConstantKind.E }) return L.Expression.Call(Exp, Build(p.Exponent, arg, index));
                    var b = Build(p.Base, arg, index);
                    if (p.Exponent is Num n2)
                    {
                        if (n2.Value == Rational.Half) return L.Expression.Call(SqrtM, b);
                        if (n2.Value == new Rational(-1)) return L.Expression.Divide(L.Expression.Constant(1.0), b);
                        if (n2.Value == new Rational(2))
                        {
                            var t = L.Expression.Variable(typeof(double));
                            return L.Expression.Block([t], L.Expression.Assign(t, b), L.Expression.Multiply(t, t));
                        }
                    }
                    return L.Expression.Call(PowM, b, Build(p.Exponent, arg, index));
                }
            case Fn f:
                {
                    var x = Build(f.Arg, arg, index);
                    return f.Function switch
                    {
                        FunctionKind.Log => L.Expression.Call(SafeLogM, x),
                        FunctionKind.Abs => L.Expression.Call(AbsM, x),
                        FunctionKind.Sin => L.Expression.Call(SinM, x),
                        FunctionKind.Cos => L.Expression.Call(CosM, x),
                        FunctionKind.Tan => L.Expression.Call(TanM, x),
                        FunctionKind.Atan => L.Expression.Call(AtanM, x),
                        FunctionKind.Erf => L.Expression.Call(typeof(SpecialFunctions).GetMethod(nameof(SpecialFunctions.Erf))!, x),
                        FunctionKind.Gamma => L.Expression.Call(typeof(SpecialFunctions).GetMethod(nameof(SpecialFunctions.Gamma))!, x),
                        FunctionKind.LogGamma => L.Expression.Call(typeof(SpecialFunctions).GetMethod(nameof(SpecialFunctions.LogGamma))!, x),
                        FunctionKind.Digamma => L.Expression.Call(typeof(SpecialFunctions).GetMethod(nameof(SpecialFunctions.Digamma))!, x),
                        _ => throw new NotEvaluableException("no compiled form for " + f.Function),
                    };
                }
            default:
                throw new NotEvaluableException("cannot compile " + LatexPrinter.Print(e));
        }
    }
}
