using SymKl.Symbolic;

namespace SymKl.Generators.Emit;

/// <summary>
/// Numerically careful functions, carried inside kernel expressions as applications of reserved names
/// (the kernel has no nodes for them). Each has a definition in ordinary functions, used to prove or
/// confirm that a rewritten expression still equals the verified result.
/// <code>
///   xmlog1p(t)   = t − log(1 + t)              ≥ 0, no cancellation near t = 0
///   expm1mx(x)   = eˣ − 1 − x                  ≥ 0
///   expm1(x)     = eˣ − 1
///   log1p(t)     = log(1 + t)
///   klterm(c, d) = c·xmlog1p(d / c)            = d − c·log(1 + d/c); the limit d when c = 0 (0·log 0 = 0)
///   trigamma(x)  = ψ′(x)
///   lgbreg(x, y) = log Γ(x) − log Γ(y) − (x − y)·ψ(y)   (≥ 0: the Bregman divergence of log Γ)
///   ratekl(a, b, t) = a·t − b·log(1 + t)       (the rate terms of gamma-type pairs, grouped by the sign of t)
///   lgent(a)     = log Γ(a) − (a − 1)·ψ(a) + a   (the entropy of a gamma law of rate 1; asymptotic series for large a)
///   betanegent(a, b) = log Γ(a + b) − log Γ(a) − log Γ(b) + (a − 1)(ψ(a) − ψ(a + b)) + (b − 1)(ψ(b) − ψ(a + b))   (−H(Beta(a, b)))
/// </code>
/// </summary>
internal static class Markers
{
    public const string XmLog1p = "symkl_xmlog1p";
    public const string Expm1mx = "symkl_expm1mx";
    public const string Expm1 = "symkl_expm1";
    public const string Log1p = "symkl_log1p";
    public const string KlTerm = "symkl_klterm";
    public const string Trigamma = "symkl_trigamma";
    public const string LogGammaBregman = "symkl_lgbreg";
    public const string RateKl = "symkl_ratekl";
    public const string LogGammaEntropy = "symkl_lgent";
    public const string BetaNegEntropy = "symkl_betanegent";

    /// <summary>
    /// The names under which a derivation's <c>careful:</c> form writes these functions (LaTeX operator names are
    /// letters only): <c>\operatorname{expmonemx}(x)</c> = eˣ − 1 − x, <c>\operatorname{expmone}(x)</c> = eˣ − 1,
    /// <c>\operatorname{logonep}(t)</c> = log(1 + t), <c>\operatorname{xmlogonep}(t)</c> = t − log(1 + t),
    /// <c>\operatorname{lgbreg}(x, y)</c> = log Γ(x) − log Γ(y) − (x − y)ψ(y), <c>\operatorname{ratekl}(a, b, t)</c> = a·t − b·log(1 + t),
    /// <c>\operatorname{lgent}(a)</c> = log Γ(a) − (a − 1)ψ(a) + a, <c>\operatorname{betanegent}(a, b)</c> = −H(Beta(a, b)).
    /// </summary>
    public static IReadOnlyDictionary<string, (string Marker, int Arity)> FromLatexName { get; } = new Dictionary<string, (string, int)>(StringComparer.Ordinal)
    {
        ["expmonemx"] = (Expm1mx, 1),
        ["expmone"] = (Expm1, 1),
        ["logonep"] = (Log1p, 1),
        ["xmlogonep"] = (XmLog1p, 1),
        ["lgbreg"] = (LogGammaBregman, 2),
        ["ratekl"] = (RateKl, 3),
        ["lgent"] = (LogGammaEntropy, 1),
        ["betanegent"] = (BetaNegEntropy, 2),
    };

    /// <summary>An expression read from LaTeX with its careful functions as markers; null (and the name) when it applies a function that is not one of them.</summary>
    public static Expr? FromLatex(Expr e, out string? unknown)
    {
        string? bad = null;
        var mapped = Ex.Map(e, x =>
        {
            if (x is not Apply a || IsMarker(a)) return x;
            if (FromLatexName.TryGetValue(a.Name, out var m) && a.Args.Count == m.Arity) return Ex.Apply(m.Marker, a.Args.ToArray());
            bad ??= a.Name + "(" + a.Args.Count + " argument" + (a.Args.Count == 1 ? "" : "s") + ")";
            return x;
        });
        unknown = bad;
        return bad is null ? mapped : null;
    }

    public static bool IsMarker(Expr e) => e is Apply a && a.Name.StartsWith("symkl_", StringComparison.Ordinal);

    public static Expr XmLog1pOf(Expr t) => Ex.Apply(XmLog1p, t);
    public static Expr Expm1mxOf(Expr x) => Ex.Apply(Expm1mx, x);
    public static Expr Expm1Of(Expr x) => Ex.Apply(Expm1, x);
    public static Expr Log1pOf(Expr t) => Ex.Apply(Log1p, t);
    public static Expr TrigammaOf(Expr x) => Ex.Apply(Trigamma, x);
    public static Expr LogGammaBregmanOf(Expr x, Expr y) => Ex.Apply(LogGammaBregman, x, y);
    public static Expr RateKlOf(Expr a, Expr b, Expr t) => Ex.Apply(RateKl, a, b, t);

    /// <summary>
    /// c·xmlog1p(d/c). When c cannot be 0 for valid parameters (a positive constant, or a product of
    /// parameters declared positive) it is written as c·xmlog1p(t) with t = d/c simplified; otherwise as the
    /// guarded klterm(c, d), whose value at c = 0 is the limit d (0·log 0 = 0).
    /// </summary>
    public static Expr KlTermOf(Expr c, Expr d, Assumptions a, Budget budget)
    {
        if (IsPositiveOnClosure(c, a)) return Ex.Mul(c, XmLog1pOf(Normalizer.Normalize(Ex.Div(d, c), a, budget)));
        return Ex.Apply(KlTerm, c, d);
    }

    private static bool IsPositiveOnClosure(Expr c, Assumptions a)
    {
        var factors = c is Mul m ? (IReadOnlyList<Expr>)m.Factors : [c];
        return factors.All(f => f switch
        {
            Num n => n.Value.Sign > 0,
            Constant => true,
            Sym s => a.DomainOf(s) is Domain.Positive or Domain.PositiveInteger,
            Pow { Base: Sym s, Exponent: Num } => a.DomainOf(s) is Domain.Positive or Domain.PositiveInteger,
            _ => false,
        });
    }

    /// <summary>Replaces every marker by its definition in kernel functions (trigamma stays: it has none).</summary>
    public static Expr Expand(Expr e) => Ex.Map(e, x => x is Apply a ? ExpandOne(a) : x);

    private static Expr ExpandOne(Apply a)
    {
        switch (a.Name)
        {
            case XmLog1p:
                return Ex.Sub(a.Args[0], Ex.Log(Ex.Add(Ex.One, a.Args[0])));
            case Expm1mx:
                return Ex.Sub(Ex.Sub(Ex.Exp(a.Args[0]), Ex.One), a.Args[0]);
            case Expm1:
                return Ex.Sub(Ex.Exp(a.Args[0]), Ex.One);
            case Log1p:
                return Ex.Log(Ex.Add(Ex.One, a.Args[0]));
            case LogGammaBregman:
                {
                    var x = a.Args[0];
                    var y = a.Args[1];
                    return Ex.Add(Ex.Function(FunctionKind.LogGamma, x), Ex.Neg(Ex.Function(FunctionKind.LogGamma, y)),
                        Ex.Neg(Ex.Mul(Ex.Sub(x, y), Ex.Function(FunctionKind.Digamma, y))));
                }
            case BetaNegEntropy:
                {
                    var (p, q) = (a.Args[0], a.Args[1]);
                    var s = Ex.Add(p, q);
                    Expr Lg(Expr x) => Ex.Function(FunctionKind.LogGamma, x);
                    Expr Psi(Expr x) => Ex.Function(FunctionKind.Digamma, x);
                    return Ex.Add(Lg(s), Ex.Neg(Lg(p)), Ex.Neg(Lg(q)), Ex.Mul(Ex.Sub(p, Ex.One), Ex.Sub(Psi(p), Psi(s))), Ex.Mul(Ex.Sub(q, Ex.One), Ex.Sub(Psi(q), Psi(s))));
                }
            case LogGammaEntropy:
                {
                    var x = a.Args[0];
                    return Ex.Add(Ex.Function(FunctionKind.LogGamma, x), Ex.Neg(Ex.Mul(Ex.Sub(x, Ex.One), Ex.Function(FunctionKind.Digamma, x))), x);
                }
            case RateKl:
                return Ex.Sub(Ex.Mul(a.Args[0], a.Args[2]), Ex.Mul(a.Args[1], Ex.Log(Ex.Add(Ex.One, a.Args[2]))));
            case KlTerm:
                {
                    var c = a.Args[0];
                    var d = a.Args[1];
                    return Ex.Sub(d, Ex.Mul(c, Ex.Log(Ex.Add(Ex.One, Ex.Div(d, c)))));
                }
            default:
                return a;
        }
    }
}
