using SymKl.Symbolic;

namespace SymKl.Generators.Emit;

/// <summary>
/// d/dx of an expression that may contain the careful functions of <see cref="Markers"/>, rebuilt through
/// the smart constructors. The rules keep the derivative as careful as the function:
/// <code>
///   xmlog1p′(t)      = t / (1 + t)
///   expm1mx′(x)      = expm1(x)
///   expm1′(x)        = eˣ,   log1p′(t) = 1 / (1 + t)
///   ∂klterm/∂c       = −xmlog1p(−d / (c + d))       (= −log(1 + d/c) + d/(c + d), without cancellation)
///   ∂klterm/∂d       = d / (c + d)
///   ψ′               = trigamma
/// </code>
/// Everything else follows the kernel's <see cref="Differentiator"/>.
/// </summary>
internal static class CarefulDerivative
{
    public static Expr Of(Expr e, Sym x)
    {
        if (!Traversal.FreeSymbols(e).Contains(x)) return Ex.Zero;
        switch (e)
        {
            case Sym s:
                return s.Equals(x) ? Ex.One : Ex.Zero;
            case Add a:
                return Ex.Add(a.Terms.Select(t => Of(t, x)));
            case Mul m:
                {
                    var terms = new List<Expr>();
                    for (var i = 0; i < m.Factors.Count; i++)
                    {
                        var d = Of(m.Factors[i], x);
                        if (d.IsZero) continue;
                        terms.Add(Ex.Mul([d, .. m.Factors.Where((_, j) => j != i)]));
                    }
                    return Ex.Add(terms);
                }
            case Pow p:
                {
                    var db = Of(p.Base, x);
                    var de = Of(p.Exponent, x);
                    var t1 = db.IsZero ? Ex.Zero : Ex.Mul(p.Exponent, Ex.Pow(p.Base, Ex.Sub(p.Exponent, Ex.One)), db);
                    var t2 = de.IsZero ? Ex.Zero : Ex.Mul(p, Ex.Log(p.Base), de);
                    return Ex.Add(t1, t2);
                }
            case Fn f:
                {
                    var u = f.Arg;
                    var du = Of(u, x);
                    Expr outer = f.Function switch
                    {
                        FunctionKind.Log => Ex.Pow(u, Ex.MinusOne),
                        FunctionKind.Abs => Ex.Div(u, Ex.Abs(u)),
                        FunctionKind.Sin => Ex.Function(FunctionKind.Cos, u),
                        FunctionKind.Cos => Ex.Neg(Ex.Function(FunctionKind.Sin, u)),
                        FunctionKind.Tan => Ex.Add(Ex.One, Ex.Pow(Ex.Function(FunctionKind.Tan, u), Ex.Two)),
                        FunctionKind.Atan => Ex.Pow(Ex.Add(Ex.One, Ex.Pow(u, Ex.Two)), Ex.MinusOne),
                        FunctionKind.Erf => Ex.Mul(Ex.Two, Ex.Pow(Ex.Pi, Ex.Num(new Rational(-1, 2))), Ex.Exp(Ex.Neg(Ex.Pow(u, Ex.Two)))),
                        FunctionKind.Gamma => Ex.Mul(f, Ex.Function(FunctionKind.Digamma, u)),
                        FunctionKind.LogGamma => Ex.Function(FunctionKind.Digamma, u),
                        FunctionKind.Digamma => Markers.TrigammaOf(u),
                        _ => throw new NotSupportedException("no derivative rule for " + f.Function),
                    };
                    return Ex.Mul(outer, du);
                }
            case Apply a when a.Name == Markers.XmLog1p:
                {
                    var t = a.Args[0];
                    return Ex.Mul(t, Ex.Pow(Ex.Add(Ex.One, t), Ex.MinusOne), Of(t, x));
                }
            case Apply a when a.Name == Markers.Expm1mx:
                return Ex.Mul(Markers.Expm1Of(a.Args[0]), Of(a.Args[0], x));
            case Apply a when a.Name == Markers.Expm1:
                return Ex.Mul(Ex.Exp(a.Args[0]), Of(a.Args[0], x));
            case Apply a when a.Name == Markers.Log1p:
                return Ex.Mul(Ex.Pow(Ex.Add(Ex.One, a.Args[0]), Ex.MinusOne), Of(a.Args[0], x));
            case Apply a when a.Name == Markers.LogGammaBregman:
                {
                    // ∂/∂x = ψ(x) − ψ(y), ∂/∂y = −(x − y)·ψ′(y)
                    var u = a.Args[0];
                    var v = a.Args[1];
                    var du = Of(u, x);
                    var dv = Of(v, x);
                    var byU = du.IsZero ? Ex.Zero : Ex.Mul(Ex.Sub(Ex.Function(FunctionKind.Digamma, u), Ex.Function(FunctionKind.Digamma, v)), du);
                    var byV = dv.IsZero ? Ex.Zero : Ex.Mul(Ex.MinusOne, Ex.Sub(u, v), Markers.TrigammaOf(v), dv);
                    return Ex.Add(byU, byV);
                }
            case Apply a when a.Name == Markers.KlTerm:
                {
                    var c = a.Args[0];
                    var d = a.Args[1];
                    var dc = Of(c, x);
                    var dd = Of(d, x);
                    var total = Ex.Add(c, d);
                    var byC = dc.IsZero ? Ex.Zero : Ex.Mul(Ex.MinusOne, Markers.XmLog1pOf(Ex.Neg(Ex.Div(d, total))), dc);
                    var byD = dd.IsZero ? Ex.Zero : Ex.Mul(d, Ex.Pow(total, Ex.MinusOne), dd);
                    return Ex.Add(byC, byD);
                }
            default:
                throw new NotSupportedException("cannot differentiate " + LatexPrinter.Print(e));
        }
    }
}
