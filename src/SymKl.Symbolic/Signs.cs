namespace SymKl.Symbolic;

/// <summary>Sign facts derived from the structure of an expression and the assumptions in force.</summary>
public static class Signs
{
    public static bool IsPositive(Expr e, Assumptions a) => e switch
    {
        Num n => n.Value.Sign > 0,
        Constant => true,
        Sym s => a.IsPositive(s),
        Add s when s.Terms.All(t => IsNonNegative(t, a)) && s.Terms.Any(t => IsPositive(t, a)) => true,
        Add s => Difference(s, a) is var (larger, smaller) && Order.ProvablyLess(smaller, larger, a),
        Mul m => m.Factors.All(f => IsPositive(f, a) || IsNegative(f, a)) && m.Factors.Count(f => IsNegative(f, a)) % 2 == 0,
        Pow { Base: Constant } => true,
        Pow p when IsPositive(p.Base, a) => true,
        Pow { Exponent: Num en } p when en.Value.IsEvenInteger => IsNonZero(p.Base, a),
        Fn { Function: FunctionKind.Abs } f => IsNonZero(f.Arg, a),
        Fn { Function: FunctionKind.Gamma } f => IsPositive(f.Arg, a),
        Apply ap => a.IsPositiveFunction(ap.Name),
        _ => false,
    };

    public static bool IsNegative(Expr e, Assumptions a) => e switch
    {
        Num n => n.Value.Sign < 0,
        Sym s => a.IsNegative(s),
        Add s => s.Terms.All(t => IsNonPositive(t, a)) && s.Terms.Any(t => IsNegative(t, a)),
        Mul m => m.Factors.All(f => IsPositive(f, a) || IsNegative(f, a)) && m.Factors.Count(f => IsNegative(f, a)) % 2 == 1,
        Pow { Exponent: Num en } p when en.Value.IsOddInteger => IsNegative(p.Base, a),
        _ => false,
    };

    public static bool IsNonNegative(Expr e, Assumptions a) => e switch
    {
        _ when IsPositive(e, a) => true,
        Num n => n.Value.Sign >= 0,
        Sym s => a.IsNonNegative(s),
        Add s when s.Terms.All(t => IsNonNegative(t, a)) => true,
        Add s => Difference(s, a) is var (larger, smaller) && Order.ProvablyAtMost(smaller, larger, a),
        Mul m => m.Factors.All(f => IsNonNegative(f, a)) || m.Factors.All(f => IsNonNegative(f, a) || IsNegative(f, a)) && m.Factors.Count(f => IsNegative(f, a)) % 2 == 0,
        Pow { Exponent: Num en } when en.Value.IsEvenInteger => true,
        // A non-integer rational power is real only for a non-negative base, and then it is non-negative.
        Pow { Exponent: Num en } when !en.Value.IsInteger => true,
        Pow p => IsNonNegative(p.Base, a),
        Fn { Function: FunctionKind.Abs } => true,
        _ => false,
    };

    /// <summary>
    /// (v, u) when s is v − u with v and u symbols or numbers and orderings are in force (b − a with a &lt; b,
    /// 1 − b with b ≤ 1), for <see cref="Order"/> to compare; null otherwise.
    /// </summary>
    private static (Expr Larger, Expr Smaller)? Difference(Add s, Assumptions a)
    {
        if (a.Orderings.Count == 0 || s.Terms.Count != 2) return null;
        static Expr? Negated(Expr t) => t switch
        {
            Mul { Factors.Count: 2 } m when m.Factors[0] is Num { Value.IsInteger: true } n && n.Value == Rational.MinusOne && m.Factors[1] is Sym => m.Factors[1],
            Num n when n.Value.Sign < 0 => Ex.Num(-n.Value),
            _ => null,
        };
        foreach (var (x, y) in new[] { (s.Terms[0], s.Terms[1]), (s.Terms[1], s.Terms[0]) })
            if (x is Sym or Num && Negated(y) is { } u) return (x, u);
        return null;
    }

    public static bool IsNonPositive(Expr e, Assumptions a) => IsNegative(e, a) || (e is Num n && n.Value.Sign <= 0) ||
        (e is Mul m && m.Factors.Count(f => IsNegative(f, a)) == 1 && m.Factors.All(f => IsNegative(f, a) || IsNonNegative(f, a)));

    public static bool IsNonZero(Expr e, Assumptions a) => IsPositive(e, a) || IsNegative(e, a) || (e is Sym s && a.IsNonZero(s));

    public static bool IsInteger(Expr e, Assumptions a) => e switch
    {
        Num n => n.Value.IsInteger,
        Sym s => a.IsInteger(s),
        Add s => s.Terms.All(t => IsInteger(t, a)),
        Mul m => m.Factors.All(f => IsInteger(f, a)),
        Pow { Exponent: Num en } p => en.Value.IsInteger && en.Value.Sign > 0 && IsInteger(p.Base, a),
        _ => false,
    };
}
