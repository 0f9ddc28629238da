namespace SymKl.Symbolic;

/// <summary>
/// A derivative rule for nodes the kernel does not know (functions a code generator introduces): returns
/// d/dx of the node using <c>derive</c> for its arguments, or null to leave the node to the kernel's rules.
/// </summary>
public delegate Expr? DerivativeRule(Expr node, Sym x, Func<Expr, Expr> derive);

/// <summary>Symbolic derivative d/dx, rebuilt through the smart constructors.</summary>
public static class Differentiator
{
    public static Expr Derivative(Expr e, Sym x) => Derivative(e, x, null);

    /// <summary>d/dx with <paramref name="extension"/> consulted first at every node (and for every argument).</summary>
    public static Expr Derivative(Expr e, Sym x, DerivativeRule? extension) => Derivative(e, x, extension, null);

    /// <summary>
    /// d/dx where <paramref name="dependsAnyway"/> marks nodes that depend on x although x is not free in them (Σ_k θ_k
    /// x_k depends on θ_j through its term k = j): those are not taken for constants and reach the extension.
    /// </summary>
    public static Expr Derivative(Expr e, Sym x, DerivativeRule? extension, Func<Expr, Sym, bool>? dependsAnyway)
    {
        if (!Traversal.FreeSymbols(e).Contains(x) && (dependsAnyway is null || !dependsAnyway(e, x))) return Ex.Zero;
        Expr D(Expr u) => Derivative(u, x, extension, dependsAnyway);
        if (extension?.Invoke(e, x, D) is { } extended) return extended;
        switch (e)
        {
            case Sym s:
                return s.Equals(x) ? Ex.One : Ex.Zero;
            case Add a:
                return Ex.Add(a.Terms.Select(D));
            case Mul m:
                {
                    // Product rule: Σ_i f_i' Π_{j≠i} f_j.
                    var terms = new List<Expr>();
                    for (var i = 0; i < m.Factors.Count; i++)
                    {
                        var d = D(m.Factors[i]);
                        if (d.IsZero) continue;
                        terms.Add(Ex.Mul([d, .. m.Factors.Where((_, j) => j != i)]));
                    }
                    return Ex.Add(terms);
                }
            case Pow p:
                {
                    var db = D(p.Base);
                    var de = D(p.Exponent);
                    // d(b^e) = e·b^(e−1)·b' + b^e·log(b)·e'
                    var t1 = db.IsZero ? Ex.Zero : Ex.Mul(p.Exponent, Ex.Pow(p.Base, Ex.Sub(p.Exponent, Ex.One)), db);
                    var t2 = de.IsZero ? Ex.Zero : Ex.Mul(p, Ex.Log(p.Base), de);
                    return Ex.Add(t1, t2);
                }
            case Fn f:
                {
                    var u = f.Arg;
                    var du = D(u);
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
            case Integral i when IsFinite(i.Lower) && IsFinite(i.Upper):
                {
                    // Leibniz: d/dx ∫_a^b f(t, x) dt = ∫_a^b ∂f/∂x dt + f(b, x)·b' − f(a, x)·a'. Only over finite limits,
                    // where a smooth integrand allows the interchange; infinite ranges can hide non-uniform convergence.
                    var inner = i.Variable.Equals(x) ? Ex.Zero : D(i.Body); // d/dx ∫_0^x f(x) dx: the x inside is bound
                    var terms = new List<Expr> { inner.IsZero ? Ex.Zero : Ex.Integral(inner, i.Variable, i.Lower, i.Upper) };
                    var du = D(i.Upper!);
                    if (!du.IsZero) terms.Add(Ex.Mul(Traversal.Substitute(i.Body, i.Variable, i.Upper!), du));
                    var dl = D(i.Lower!);
                    if (!dl.IsZero) terms.Add(Ex.Neg(Ex.Mul(Traversal.Substitute(i.Body, i.Variable, i.Lower!), dl)));
                    return Ex.Add(terms);
                }
            default:
                throw new NotSupportedException("Cannot differentiate " + e.GetType().Name + " symbolically.");
        }
    }

    /// <summary>A limit that is written and does not involve ∞.</summary>
    public static bool IsFinite(Expr? limit) => limit is not null && !Traversal.FreeSymbols(limit).Contains(Ex.Infinity);
}
