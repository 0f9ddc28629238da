namespace SymKl.Symbolic.Probability;

/// <summary>Gumbel, half-normal and Pareto (torch.distributions parameterisations).</summary>
public static partial class Families
{
    /// <summary>
    /// Gumbel(μ, β): location μ, scale β, density e^{−z − e^{−z}} / β with z = (x − μ)/β. Euler's constant is
    /// written γ = −ψ(1).
    /// </summary>
    public static readonly Family Gumbel = new(
        "Gumbel",
        [new("mu", Domain.Real), new("scale", Domain.Positive)],
        SupportKind.Real,
        (x, t) =>
        {
            var z = Ex.Div(Ex.Sub(x, t[0]), t[1]);
            return Ex.Add(Ex.Neg(Log(t[1])), Ex.Neg(z), Ex.Neg(Ex.Exp(Ex.Neg(z))));
        },
        (m, x, t, a) =>
        {
            var (mu, beta) = (t[0], t[1]);
            // E[x] = μ + γβ, Var x = π²β²/6.
            var mean = Ex.Sub(mu, Ex.Mul(beta, Psi(Ex.One)));
            if (PowerOf(m, x) is { } k)
                return k switch
                {
                    1 => mean,
                    2 => Ex.Add(Ex.Pow(mean, Ex.Two), Ex.Div(Ex.Mul(Ex.Pow(Ex.Pi, Ex.Two), Ex.Pow(beta, Ex.Two)), N(6))),
                    _ => null,
                };
            // E[e^{s x}] = e^{μ s} Γ(1 − β s), finite for β s < 1.
            return ExponentialMoment(m, x, a, s => Ex.Sub(Ex.One, Ex.Mul(beta, s)),
                s => Ex.Mul(Ex.Exp(Ex.Mul(mu, s)), Ex.Function(FunctionKind.Gamma, Ex.Sub(Ex.One, Ex.Mul(beta, s)))));
        },
        ["gumbel"])
    {
        MassScale = θ => (θ[0], θ[1]),
    };

    /// <summary>HalfNormal(σ): |y| for y ~ N(0, σ²), density √(2/π) e^{−x²/(2σ²)} / σ on x &gt; 0.</summary>
    public static readonly Family HalfNormal = new(
        "HalfNormal",
        [new("scale", Domain.Positive)],
        SupportKind.Positive,
        (x, t) => Ex.Add(Ex.Mul(Ex.Half, Log(Ex.Div(Ex.Two, Ex.Pi))), Ex.Neg(Log(t[0])), Ex.Neg(Ex.Div(Ex.Pow(x, Ex.Two), Ex.Mul(Ex.Two, Ex.Pow(t[0], Ex.Two))))),
        (m, x, t, a) =>
        {
            var sigma = t[0];
            if (PowerOf(m, x) is { } k) return Ex.Mul(HalfNormalStandardMoment(k), Ex.Pow(sigma, N(k)));
            // log x = log σ + ½ log(x²/σ²), x²/σ² ~ Gamma(½, ½): E = ψ(½) + log 2 = ψ(1) − log 2.
            if (IsLogOf(m, x)) return Ex.Add(Log(sigma), Ex.Mul(Ex.Half, Ex.Sub(Psi(Ex.One), Log(Ex.Two))));
            // E[e^{s x}] = e^{σ²s²/2} (1 + erf(σ s / √2)) for every s.
            return ExponentialMoment(m, x, a, _ => Ex.One,
                s => Ex.Mul(Ex.Exp(Ex.Div(Ex.Mul(Ex.Pow(sigma, Ex.Two), Ex.Pow(s, Ex.Two)), Ex.Two)),
                    Ex.Add(Ex.One, Ex.Function(FunctionKind.Erf, Ex.Div(Ex.Mul(sigma, s), Ex.Sqrt(Ex.Two))))));
        },
        ["halfnormal", "half-normal", "halfnorm", "hn"])
    {
        MassScale = θ => (θ[0], θ[0]),
    };

    /// <summary>Pareto(m, α): scale m &gt; 0 (the minimum), shape α, density α m^α / x^{α+1} on x ≥ m.</summary>
    public static readonly Family Pareto = new(
        "Pareto",
        [new("scale", Domain.Positive), new("alpha", Domain.Positive)],
        SupportKind.LowerBounded,
        (x, t) => Ex.Add(Log(t[1]), Ex.Mul(t[1], Log(t[0])), Ex.Neg(Ex.Mul(Ex.Add(t[1], Ex.One), Log(x)))),
        (m, x, t, a) =>
        {
            var (scale, alpha) = (t[0], t[1]);
            // E[x^k] = α m^k / (α − k), finite only for α > k.
            if (PowerOf(m, x) is { } k)
                return ProvablyAbove(alpha, k, a) ? Ex.Div(Ex.Mul(alpha, Ex.Pow(scale, N(k))), Ex.Sub(alpha, N(k))) : null;
            // log(x/m) is exponential with rate α.
            if (IsLogOf(m, x)) return Ex.Add(Log(scale), Ex.Div(Ex.One, alpha));
            return null;
        },
        ["pareto"])
    {
        MassScale = θ => (θ[0], θ[0] / θ[1]),
    };

    /// <summary>E[|z|^k] for z ~ N(0, 1): (k − 1)!! for even k, √(2/π)·2^j·j! for k = 2j + 1.</summary>
    private static Expr HalfNormalStandardMoment(int k)
    {
        System.Numerics.BigInteger r = 1;
        if (k % 2 == 0)
        {
            for (var i = k - 1; i > 1; i -= 2) r *= i;
            return Ex.Num(new Rational(r));
        }
        var j = k / 2;
        for (var i = 2; i <= j; i++) r *= i;
        r *= System.Numerics.BigInteger.Pow(2, j);
        return Ex.Mul(Ex.Num(new Rational(r)), Ex.Sqrt(Ex.Div(Ex.Two, Ex.Pi)));
    }

    /// <summary>e − k &gt; 0 for every admissible value: a symbol with a bound above k, or a provably positive difference.</summary>
    private static bool ProvablyAbove(Expr e, int k, Assumptions a) =>
        e is Sym s && a.ProvablyAbove(s, k, strict: true) || Signs.IsPositive(Normalizer.Normalize(Ex.Sub(e, N(k)), a), a);

    /// <summary>
    /// E[e^{s x + c}] = e^c·M(s) when m is e^{s x + c} with s and c free of x and the condition of existence
    /// (an expression that must be provably positive) holds; null otherwise.
    /// </summary>
    internal static Expr? ExponentialMoment(Expr m, Sym x, Assumptions a, Func<Expr, Expr> condition, Func<Expr, Expr> mgf)
    {
        if (AffineExponent(m, x, a) is not var (s, c)) return null;
        if (!Signs.IsPositive(Normalizer.Normalize(condition(s), a), a)) return null;
        return Ex.Mul(Ex.Exp(c), mgf(s));
    }

    /// <summary>(s, c) when m = e^{s x + c} with s ≠ 0 and c free of x.</summary>
    internal static (Expr Slope, Expr Offset)? AffineExponent(Expr m, Sym x, Assumptions a)
    {
        if (m is not Pow { Base: Constant { Which: ConstantKind.E } } p) return null;
        var s = Normalizer.Normalize(Differentiator.Derivative(p.Exponent, x), a);
        if (Traversal.FreeSymbols(s).Contains(x) || s is Num { Value.IsZero: true }) return null;
        var c = Normalizer.Normalize(Ex.Sub(p.Exponent, Ex.Mul(s, x)), a);
        return Traversal.FreeSymbols(c).Contains(x) ? null : (s, c);
    }
}
