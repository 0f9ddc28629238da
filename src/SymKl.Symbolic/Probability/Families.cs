namespace SymKl.Symbolic.Probability;

/// <summary>
/// The families of the KL registries with their log-densities and moment tables. Parameterisations follow
/// the usual textbook (and torch.distributions) conventions, stated on each family.
/// </summary>
public static partial class Families
{
    private static Expr Log(Expr e) => Ex.Log(e);
    private static Expr N(long k) => Ex.Num(k);
    private static Expr LGamma(Expr e) => Ex.Function(FunctionKind.LogGamma, e);
    private static Expr Psi(Expr e) => Ex.Function(FunctionKind.Digamma, e);

    /// <summary>Normal(μ, v): mean μ, variance v (written \mathcal{N}(\mu, \sigma^2)).</summary>
    public static readonly Family Normal = new(
        "Normal",
        [new("mu", Domain.Real), new("variance", Domain.Positive)],
        SupportKind.Real,
        (x, t) => Ex.Sub(Ex.Mul(Ex.Num(new Rational(-1, 2)), Log(Ex.Mul(Ex.Two, Ex.Pi, t[1]))), Ex.Div(Ex.Pow(Ex.Sub(x, t[0]), Ex.Two), Ex.Mul(Ex.Two, t[1]))),
        (m, x, t, a) => PowerOf(m, x) is { } k ? NormalMoment(k, t[0], t[1])
            : AbsShift(m, x) is { } c ? NormalAbsoluteDeviation(Ex.Sub(t[0], c), t[1])
            // E[e^{s x}] = e^{μ s + v s²/2} for every s.
            : ExponentialMoment(m, x, a, _ => Ex.One, s => Ex.Exp(Ex.Add(Ex.Mul(t[0], s), Ex.Div(Ex.Mul(t[1], Ex.Pow(s, Ex.Two)), Ex.Two)))),
        ["normal", "n", "mathcal{n}", "gaussian", "gauss"])
    {
        MassScale = θ => (θ[0], Math.Sqrt(θ[1])),
    };

    /// <summary>Exponential(λ): rate λ, density λ e^{−λx} on x &gt; 0.</summary>
    public static readonly Family Exponential = new(
        "Exponential",
        [new("rate", Domain.Positive)],
        SupportKind.Positive,
        (x, t) => Ex.Sub(Log(t[0]), Ex.Mul(t[0], x)),
        (m, x, t, a) => PowerOf(m, x) is { } k ? Ex.Div(Factorial(k), Ex.Pow(t[0], N(k)))
            : IsLogOf(m, x) ? Ex.Sub(Psi(Ex.One), Log(t[0]))
            // E[e^{s x}] = λ / (λ − s) for s < λ.
            : ExponentialMoment(m, x, a, s => Ex.Sub(t[0], s), s => Ex.Div(t[0], Ex.Sub(t[0], s))),
        ["exponential", "exp", "expon"])
    {
        MassScale = θ => (1 / θ[0], 1 / θ[0]),
    };

    /// <summary>Gamma(α, β): shape α, rate β, density β^α x^{α−1} e^{−βx} / Γ(α) on x &gt; 0.</summary>
    public static readonly Family Gamma = new(
        "Gamma",
        [new("shape", Domain.Positive), new("rate", Domain.Positive)],
        SupportKind.Positive,
        (x, t) => Ex.Add(Ex.Mul(t[0], Log(t[1])), Ex.Neg(LGamma(t[0])), Ex.Mul(Ex.Sub(t[0], Ex.One), Log(x)), Ex.Neg(Ex.Mul(t[1], x))),
        (m, x, t, a) => PowerOf(m, x) is { } k ? Ex.Div(RisingFactorial(t[0], k), Ex.Pow(t[1], N(k)))
            : IsLogOf(m, x) ? Ex.Sub(Psi(t[0]), Log(t[1]))
            // E[e^{s x}] = (β / (β − s))^α for s < β.
            : ExponentialMoment(m, x, a, s => Ex.Sub(t[1], s), s => Ex.Pow(Ex.Div(t[1], Ex.Sub(t[1], s)), t[0])),
        ["gamma"])
    {
        MassScale = θ => (θ[0] / θ[1], Math.Sqrt(θ[0]) / θ[1]),
    };

    /// <summary>Beta(α, β): density x^{α−1}(1−x)^{β−1} / B(α, β) on 0 &lt; x &lt; 1.</summary>
    public static readonly Family Beta = new(
        "Beta",
        [new("alpha", Domain.Positive), new("beta", Domain.Positive)],
        SupportKind.UnitInterval,
        (x, t) => Ex.Add(Ex.Mul(Ex.Sub(t[0], Ex.One), Log(x)), Ex.Mul(Ex.Sub(t[1], Ex.One), Log(Ex.Sub(Ex.One, x))),
            Ex.Neg(LGamma(t[0])), Ex.Neg(LGamma(t[1])), LGamma(Ex.Add(t[0], t[1]))),
        (m, x, t, _) => PowerOf(m, x) is { } k ? Ex.Div(RisingFactorial(t[0], k), RisingFactorial(Ex.Add(t[0], t[1]), k))
            : IsLogOf(m, x) ? Ex.Sub(Psi(t[0]), Psi(Ex.Add(t[0], t[1])))
            : IsLogOneMinus(m, x) ? Ex.Sub(Psi(t[1]), Psi(Ex.Add(t[0], t[1]))) : null,
        ["beta"]);

    /// <summary>Laplace(μ, b): location μ, scale b, density e^{−|x−μ|/b} / (2b).</summary>
    public static readonly Family Laplace = new(
        "Laplace",
        [new("mu", Domain.Real), new("scale", Domain.Positive)],
        SupportKind.Real,
        (x, t) => Ex.Sub(Ex.Neg(Log(Ex.Mul(Ex.Two, t[1]))), Ex.Div(Ex.Abs(Ex.Sub(x, t[0])), t[1])),
        (m, x, t, a) =>
        {
            if (PowerOf(m, x) is { } k)
                return k switch
                {
                    1 => t[0],
                    2 => Ex.Add(Ex.Pow(t[0], Ex.Two), Ex.Mul(Ex.Two, Ex.Pow(t[1], Ex.Two))),
                    _ => null,
                };
            // E|x − c| = |μ − c| + b·e^{−|μ − c|/b}
            if (AbsShift(m, x) is { } c)
            {
                var d = Ex.Abs(Ex.Sub(t[0], c));
                return Ex.Add(d, Ex.Mul(t[1], Ex.Exp(Ex.Neg(Ex.Div(d, t[1])))));
            }
            // E[e^{s x}] = e^{μ s} / (1 − b²s²) for |s| < 1/b.
            return ExponentialMoment(m, x, a, s => Ex.Sub(Ex.One, Ex.Pow(Ex.Mul(t[1], s), Ex.Two)),
                s => Ex.Div(Ex.Exp(Ex.Mul(t[0], s)), Ex.Sub(Ex.One, Ex.Pow(Ex.Mul(t[1], s), Ex.Two))));
        },
        ["laplace"])
    {
        MassScale = θ => (θ[0], θ[1]),
    };

    /// <summary>Uniform(a, b): density 1/(b − a) on [a, b].</summary>
    public static readonly Family Uniform = new(
        "Uniform",
        [new("low", Domain.Real), new("high", Domain.Real)],
        SupportKind.Interval,
        (x, t) => Ex.Neg(Log(Ex.Sub(t[1], t[0]))),
        UniformMoment,
        ["uniform", "u", "unif"]);

    /// <summary>Bernoulli(p): mass p^x (1−p)^{1−x} on {0, 1}.</summary>
    public static readonly Family Bernoulli = new(
        "Bernoulli",
        [new("p", Domain.UnitInterval)],
        SupportKind.Binary,
        (x, t) => Ex.Add(Ex.Mul(x, Log(t[0])), Ex.Mul(Ex.Sub(Ex.One, x), Log(Ex.Sub(Ex.One, t[0])))),
        (m, x, t, _) => PowerOf(m, x) is not null ? t[0] : null,
        ["bernoulli", "bern", "ber"]);

    /// <summary>Poisson(λ): mass λ^x e^{−λ} / x! on {0, 1, …}.</summary>
    public static readonly Family Poisson = new(
        "Poisson",
        [new("rate", Domain.Positive)],
        SupportKind.NonNegativeIntegers,
        (x, t) => Ex.Add(Ex.Mul(x, Log(t[0])), Ex.Neg(t[0]), Ex.Neg(LGamma(Ex.Add(x, Ex.One)))),
        (m, x, t, _) => PowerOf(m, x) switch
        {
            1 => t[0],
            2 => Ex.Add(t[0], Ex.Pow(t[0], Ex.Two)),
            _ => null,
        },
        ["poisson", "pois"]);

    /// <summary>Geometric(p): number of failures before the first success, mass (1−p)^x p on {0, 1, …}.</summary>
    public static readonly Family Geometric = new(
        "Geometric",
        [new("p", Domain.UnitInterval)],
        SupportKind.NonNegativeIntegers,
        (x, t) => Ex.Add(Log(t[0]), Ex.Mul(x, Log(Ex.Sub(Ex.One, t[0])))),
        (m, x, t, _) => PowerOf(m, x) switch
        {
            1 => Ex.Div(Ex.Sub(Ex.One, t[0]), t[0]),
            2 => Ex.Div(Ex.Mul(Ex.Sub(Ex.One, t[0]), Ex.Sub(Ex.Two, t[0])), Ex.Pow(t[0], Ex.Two)),
            _ => null,
        },
        ["geometric", "geom"]);

    /// <summary>Binomial(n, p): mass C(n, x) p^x (1−p)^{n−x} on {0, …, n}.</summary>
    public static readonly Family Binomial = new(
        "Binomial",
        [new("n", Domain.PositiveInteger), new("p", Domain.UnitInterval)],
        SupportKind.IntegerRange,
        (x, t) => Ex.Add(LGamma(Ex.Add(t[0], Ex.One)), Ex.Neg(LGamma(Ex.Add(x, Ex.One))), Ex.Neg(LGamma(Ex.Add(Ex.Sub(t[0], x), Ex.One))),
            Ex.Mul(x, Log(t[1])), Ex.Mul(Ex.Sub(t[0], x), Log(Ex.Sub(Ex.One, t[1])))),
        (m, x, t, _) => PowerOf(m, x) switch
        {
            1 => Ex.Mul(t[0], t[1]),
            2 => Ex.Add(Ex.Mul(t[0], t[1], Ex.Sub(Ex.One, t[1])), Ex.Pow(Ex.Mul(t[0], t[1]), Ex.Two)),
            _ => null,
        },
        ["binomial", "bin", "binom"]);

    public static readonly IReadOnlyList<Family> All = [Normal, Exponential, Gamma, Beta, Laplace, Uniform, Bernoulli, Poisson, Geometric, Binomial, Gumbel, HalfNormal, Pareto];

    /// <summary>Finds a family by name or alias, ignoring case and a leading backslash.</summary>
    public static Family? Find(string name)
    {
        var key = name.TrimStart('\\').ToLowerInvariant();
        return All.FirstOrDefault(f => f.Name.Equals(key, StringComparison.OrdinalIgnoreCase) || f.Aliases.Contains(key));
    }

    // ------------------------------------------------------------------ monomial patterns

    /// <summary>k when m is x^k for a positive integer k.</summary>
    internal static int? PowerOf(Expr m, Sym x) => m switch
    {
        Sym s when s.Equals(x) => 1,
        Pow { Base: Sym s, Exponent: Num n } when s.Equals(x) && n.Value.IsInteger && n.Value.Sign > 0 && n.Value.Numerator < 64 => (int)n.Value.Numerator,
        _ => null,
    };

    internal static bool IsLogOf(Expr m, Sym x) => m is Fn { Function: FunctionKind.Log } f && f.Arg.Equals(x);

    internal static bool IsLogOneMinus(Expr m, Sym x) => m is Fn { Function: FunctionKind.Log } f && f.Arg.Equals(Ex.Sub(Ex.One, x));

    /// <summary>c when m is |x − c| or |c − x| with c free of x.</summary>
    internal static Expr? AbsShift(Expr m, Sym x)
    {
        if (m is not Fn { Function: FunctionKind.Abs } f) return null;
        foreach (var sign in new[] { Ex.One, Ex.MinusOne })
        {
            var c = Ex.Sub(x, Ex.Mul(sign, f.Arg));
            if (!Traversal.FreeSymbols(c).Contains(x)) return c;
        }
        return null;
    }

    /// <summary>
    /// E|x − c| under N(μ, v) with d = μ − c: √(2v/π)·e^{−d²/(2v)} + d·erf(d/√(2v)), from splitting the integral
    /// at c (the folded normal's mean).
    /// </summary>
    private static Expr NormalAbsoluteDeviation(Expr d, Expr v) =>
        Ex.Add(
            Ex.Mul(Ex.Sqrt(Ex.Div(Ex.Mul(Ex.Two, v), Ex.Pi)), Ex.Exp(Ex.Neg(Ex.Div(Ex.Pow(d, Ex.Two), Ex.Mul(Ex.Two, v))))),
            Ex.Mul(d, Ex.Function(FunctionKind.Erf, Ex.Div(d, Ex.Sqrt(Ex.Mul(Ex.Two, v))))));

    /// <summary>
    /// Expectations under Uniform(a, b), a &lt; b, each the integral over [a, b] divided by b − a:
    /// E[x^k] = (b^{k+1} − a^{k+1}) / ((k + 1)(b − a)) for integers k ≠ −1 (k &lt; 0 needs 0 outside [a, b]);
    /// E[1/x] = (log|b| − log|a|)/(b − a) with 0 outside [a, b];
    /// E[log(x − c)] = ((b − c) log(b − c) − (a − c) log(a − c))/(b − a) − 1 for c &lt; a;
    /// E[log(c − x)] = ((c − a) log(c − a) − (c − b) log(c − b))/(b − a) − 1 for b &lt; c;
    /// E[e^{s x}] = (e^{s b} − e^{s a})/(s (b − a)) for s ≠ 0.
    /// A condition that does not follow from the assumptions gives no entry (the expectation may be infinite).
    /// </summary>
    private static Expr? UniformMoment(Expr m, Sym x, IReadOnlyList<Expr> t, Assumptions a)
    {
        var (lo, hi) = (t[0], t[1]);
        var length = Ex.Sub(hi, lo);
        Expr PowerRatio(long j) => Ex.Div(Ex.Sub(Ex.Pow(hi, N(j)), Ex.Pow(lo, N(j))), Ex.Mul(N(j), length));
        if (PowerOf(m, x) is { } k) return PowerRatio(k + 1);
        if (m is Pow { Base: Sym s, Exponent: Num n } && s.Equals(x) && n.Value.IsInteger && n.Value.Sign < 0 && n.Value.Numerator > -64)
        {
            var positive = Order.ProvablyLess(Ex.Zero, lo, a);
            if (!positive && !Order.ProvablyLess(hi, Ex.Zero, a)) return null;
            var j = (long)n.Value.Numerator + 1;
            if (j != 0) return PowerRatio(j);
            return positive
                ? Ex.Div(Ex.Sub(Log(hi), Log(lo)), length)
                : Ex.Div(Ex.Sub(Log(Ex.Neg(hi)), Log(Ex.Neg(lo))), length);
        }
        // E[e^{s x + c}] = e^c (e^{s b} − e^{s a}) / (s (b − a)), finite for every s on a bounded interval; the
        // formula needs s ≠ 0 for every admissible value (at s = 0 it is 0/0; the expectation is e^c).
        if (AffineExponent(m, x, a) is var (slope, offset))
        {
            if (!Signs.IsNonZero(slope, a)) return null;
            return Ex.Mul(Ex.Exp(offset), Ex.Div(Ex.Sub(Ex.Exp(Ex.Mul(slope, hi)), Ex.Exp(Ex.Mul(slope, lo))), Ex.Mul(slope, length)));
        }
        if (m is not Fn { Function: FunctionKind.Log } f) return null;
        // log(x − c): c = x − arg free of x.
        var below = Ex.Sub(x, f.Arg);
        if (!Traversal.FreeSymbols(below).Contains(x))
        {
            if (!Order.ProvablyLess(below, lo, a)) return null;
            Expr XLogX(Expr e) => Ex.Mul(e, Log(e));
            return Ex.Sub(Ex.Div(Ex.Sub(XLogX(Ex.Sub(hi, below)), XLogX(Ex.Sub(lo, below))), length), Ex.One);
        }
        // log(c − x): c = arg + x free of x.
        var above = Ex.Add(f.Arg, x);
        if (!Traversal.FreeSymbols(above).Contains(x))
        {
            if (!Order.ProvablyLess(hi, above, a)) return null;
            Expr XLogX(Expr e) => Ex.Mul(e, Log(e));
            return Ex.Sub(Ex.Div(Ex.Sub(XLogX(Ex.Sub(above, lo)), XLogX(Ex.Sub(above, hi))), length), Ex.One);
        }
        return null;
    }

    /// <summary>E[x^k] of a normal: m_k = μ·m_{k−1} + (k − 1)·v·m_{k−2}.</summary>
    private static Expr NormalMoment(int k, Expr mu, Expr v)
    {
        Expr previous = Ex.One, current = mu;
        if (k == 0) return Ex.One;
        for (var i = 2; i <= k; i++)
        {
            var next = Ex.Add(Ex.Mul(mu, current), Ex.Mul(N(i - 1), v, previous));
            previous = current;
            current = next;
        }
        return current;
    }

    private static Expr Factorial(int k)
    {
        long r = 1;
        for (var i = 2; i <= k; i++) r *= i;
        return N(r);
    }

    /// <summary>a (a + 1) ⋯ (a + k − 1).</summary>
    private static Expr RisingFactorial(Expr a, int k) =>
        Ex.Mul(Enumerable.Range(0, k).Select(i => Ex.Add(a, N(i))));
}
