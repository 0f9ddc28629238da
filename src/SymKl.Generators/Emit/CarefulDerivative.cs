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
///   ∂ratekl/∂a = t,  ∂ratekl/∂b = −log1p(t),  ∂ratekl/∂t = (a − b) + b·t/(1 + t)
///   lgent′(a)        = 1 − (a − 1)·trigamma(a)
///   ∂betanegent/∂a   = (a − 1)·trigamma(a) − (a + b − 2)·trigamma(a + b), and likewise in b
///   ψ′               = trigamma
/// </code>
/// Everything else follows the kernel's <see cref="Differentiator"/>.
/// </summary>
internal static class CarefulDerivative
{
    public static Expr Of(Expr e, Sym x) => Differentiator.Derivative(e, x, Rule);

    /// <summary>The rules for the careful functions; everything else is the kernel's.</summary>
    private static Expr? Rule(Expr e, Sym x, Func<Expr, Expr> d)
    {
        switch (e)
        {
            case Fn { Function: FunctionKind.Digamma } f:
                return Ex.Mul(Markers.TrigammaOf(f.Arg), d(f.Arg));
            case Apply a when a.Name == Markers.XmLog1p:
                {
                    var t = a.Args[0];
                    return Ex.Mul(t, Ex.Pow(Ex.Add(Ex.One, t), Ex.MinusOne), d(t));
                }
            case Apply a when a.Name == Markers.Expm1mx:
                return Ex.Mul(Markers.Expm1Of(a.Args[0]), d(a.Args[0]));
            case Apply a when a.Name == Markers.Expm1:
                return Ex.Mul(Ex.Exp(a.Args[0]), d(a.Args[0]));
            case Apply a when a.Name == Markers.Log1p:
                return Ex.Mul(Ex.Pow(Ex.Add(Ex.One, a.Args[0]), Ex.MinusOne), d(a.Args[0]));
            case Apply a when a.Name == Markers.LogGammaBregman:
                {
                    // ∂/∂x = ψ(x) − ψ(y), ∂/∂y = −(x − y)·ψ′(y)
                    var u = a.Args[0];
                    var v = a.Args[1];
                    var du = d(u);
                    var dv = d(v);
                    var byU = du.IsZero ? Ex.Zero : Ex.Mul(Ex.Sub(Ex.Function(FunctionKind.Digamma, u), Ex.Function(FunctionKind.Digamma, v)), du);
                    var byV = dv.IsZero ? Ex.Zero : Ex.Mul(Ex.MinusOne, Ex.Sub(u, v), Markers.TrigammaOf(v), dv);
                    return Ex.Add(byU, byV);
                }
            case Apply a when a.Name == Markers.BetaNegEntropy:
                {
                    var (p, q) = (a.Args[0], a.Args[1]);
                    var (dp, dq) = (d(p), d(q));
                    var total = Ex.Mul(Ex.Sub(Ex.Add(p, q), Ex.Num(2)), Markers.TrigammaOf(Ex.Add(p, q)));
                    var byP = dp.IsZero ? Ex.Zero : Ex.Mul(Ex.Sub(Ex.Mul(Ex.Sub(p, Ex.One), Markers.TrigammaOf(p)), total), dp);
                    var byQ = dq.IsZero ? Ex.Zero : Ex.Mul(Ex.Sub(Ex.Mul(Ex.Sub(q, Ex.One), Markers.TrigammaOf(q)), total), dq);
                    return Ex.Add(byP, byQ);
                }
            case Apply a when a.Name == Markers.LogGammaEntropy:
                {
                    var shape = a.Args[0];
                    return Ex.Mul(Ex.Sub(Ex.One, Ex.Mul(Ex.Sub(shape, Ex.One), Markers.TrigammaOf(shape))), d(shape));
                }
            case Apply a when a.Name == Markers.RateKl:
                {
                    var (p, q, t) = (a.Args[0], a.Args[1], a.Args[2]);
                    var (dp, dq, dt) = (d(p), d(q), d(t));
                    var byP = dp.IsZero ? Ex.Zero : Ex.Mul(t, dp);
                    var byQ = dq.IsZero ? Ex.Zero : Ex.Mul(Ex.MinusOne, Markers.Log1pOf(t), dq);
                    var byT = dt.IsZero ? Ex.Zero : Ex.Mul(Ex.Add(Ex.Sub(p, q), Ex.Mul(q, t, Ex.Pow(Ex.Add(Ex.One, t), Ex.MinusOne))), dt);
                    return Ex.Add(byP, byQ, byT);
                }
            case Apply a when a.Name == Markers.KlTerm:
                {
                    var c = a.Args[0];
                    var dd0 = a.Args[1];
                    var dc = d(c);
                    var dd = d(dd0);
                    var total = Ex.Add(c, dd0);
                    var byC = dc.IsZero ? Ex.Zero : Ex.Mul(Ex.MinusOne, Markers.XmLog1pOf(Ex.Neg(Ex.Div(dd0, total))), dc);
                    var byD = dd.IsZero ? Ex.Zero : Ex.Mul(dd0, Ex.Pow(total, Ex.MinusOne), dd);
                    return Ex.Add(byC, byD);
                }
            case Apply a:
                throw new NotSupportedException("cannot differentiate " + LatexPrinter.Print(a));
        }
        return null;
    }
}
