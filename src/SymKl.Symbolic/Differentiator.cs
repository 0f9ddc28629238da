namespace SymKl.Symbolic;

/// <summary>Symbolic derivative d/dx, rebuilt through the smart constructors.</summary>
public static class Differentiator
{
    public static Expr Derivative(Expr e, Sym x)
    {
        if (!Traversal.FreeSymbols(e).Contains(x)) return Ex.Zero;
        switch (e)
        {
            case Sym s:
                return s.Equals(x) ? Ex.One : Ex.Zero;
            case Add a:
                return Ex.Add(a.Terms.Select(t => Derivative(t, x)));
            case Mul m:
                {
                    // Product rule: Σ_i f_i' Π_{j≠i} f_j.
                    var terms = new List<Expr>();
                    for (var i = 0; i < m.Factors.Count; i++)
                    {
                        var d = Derivative(m.Factors[i], x);
                        if (d.IsZero) continue;
                        terms.Add(Ex.Mul([d, .. m.Factors.Where((_, j) => j != i)]));
                    }
                    return Ex.Add(terms);
                }
            case Pow p:
                {
                    var db = Derivative(p.Base, x);
                    var de = Derivative(p.Exponent, x);
                    // d(b^e) = e·b^(e−1)·b' + b^e·log(b)·e'
                    var t1 = db.IsZero ? Ex.Zero : Ex.Mul(p.Exponent, Ex.Pow(p.Base, Ex.Sub(p.Exponent, Ex.One)), db);
                    var t2 = de.IsZero ? Ex.Zero : Ex.Mul(p, Ex.Log(p.Base), de);
                    return Ex.Add(t1, t2);
                }
            case Fn f:
                {
                    var u = f.Arg;
                    var du = Derivative(u, x);
                    Expr outer = f.Function switch
                    {
                        FunctionKind.Log => Ex.Pow(u, Ex.MinusOne),
                        // d|u|/du = u/|u| (undefined at 0, like the function's derivative).
                        FunctionKind.Abs => Ex.Div(u, Ex.Abs(u)),
                        FunctionKind.Sin => Ex.Function(FunctionKind.Cos, u),
                        FunctionKind.Cos => Ex.Neg(Ex.Function(FunctionKind.Sin, u)),
                        FunctionKind.Tan => Ex.Add(Ex.One, Ex.Pow(Ex.Function(FunctionKind.Tan, u), Ex.Two)),
                        FunctionKind.Atan => Ex.Pow(Ex.Add(Ex.One, Ex.Pow(u, Ex.Two)), Ex.MinusOne),
                        FunctionKind.Erf => Ex.Mul(Ex.Two, Ex.Pow(Ex.Pi, Ex.Num(new Rational(-1, 2))), Ex.Exp(Ex.Neg(Ex.Pow(u, Ex.Two)))),
                        FunctionKind.Gamma => Ex.Mul(f, Ex.Function(FunctionKind.Digamma, u)),
                        FunctionKind.LogGamma => Ex.Function(FunctionKind.Digamma, u),
                        _ => throw new NotSupportedException("No derivative rule for " + f.Function + " (trigamma is not a node yet)."),
                    };
                    return Ex.Mul(outer, du);
                }
            default:
                throw new NotSupportedException("Cannot differentiate " + e.GetType().Name + " symbolically.");
        }
    }
}
