using System.Numerics;

namespace SymKl.Symbolic;

/// <summary>
/// Smart constructors: the only way to make expressions. Each enforces the canonical form and applies only
/// rewrites that hold at every real point where the input is defined (they may extend the domain, as
/// x/x = 1 does, but never change a value). Rewrites that need assumptions live in <see cref="Simplifier"/>.
/// </summary>
public static class Ex
{
    public static readonly Num Zero = new(Rational.Zero);
    public static readonly Num One = new(Rational.One);
    public static readonly Num MinusOne = new(Rational.MinusOne);
    public static readonly Num Two = new(new Rational(2));
    public static readonly Num Half = new(Rational.Half);
    public static readonly Constant Pi = new(ConstantKind.Pi);
    public static readonly Constant E = new(ConstantKind.E);

    /// <summary>
    /// The canonical expression that is undefined everywhere, 1/0. Every constructor absorbs it (x + 1/0, 0·(1/0),
    /// (1/0)^0 and log(1/0) are all 1/0), so folding can never turn an undefined subexpression into a value: 0/0 is
    /// not 0, 0·log 0 is not 0. Undefined constants (0^−k, log of a number ≤ 0, a negative number to a fractional
    /// power, Γ at a pole) become it.
    /// </summary>
    public static readonly Expr Undefined = new Pow(Zero, MinusOne);

    public static bool IsUndefined(Expr e) => e is Pow { Base: Num b, Exponent: Num x } && b.Value.IsZero && x.Value == Rational.MinusOne;

    /// <summary>Exponents and integers larger than this many bits are left unevaluated.</summary>
    private const long MaxExactBits = 4096;

    public static Num Num(Rational value) => value.IsZero ? Zero : value.IsOne ? One : new Num(value);
    public static Num Num(long value) => Num(new Rational(value));
    public static Num Num(BigInteger numerator, BigInteger denominator) => Num(new Rational(numerator, denominator));
    public static Sym Sym(string name) => new(name);

    /// <summary>
    /// ∞ in the limits of an integral or a sum (−∞ is its negation). Its name cannot be written in LaTeX input, so it
    /// never stands for a user's symbol; it is a symbol only so that the limits stay expressions.
    /// </summary>
    public static readonly Sym Infinity = new("\u221E");

    /// <summary>+∞ (sign &gt; 0) or −∞ (sign &lt; 0, a negative multiple of <see cref="Infinity"/>).</summary>
    public static bool IsInfinity(Expr? e, int sign) => sign > 0
        ? e == Infinity
        : e is Mul { Factors: [Num { Value.Sign: < 0 }, var f] } && f == Infinity;

    /// <summary>
    /// A variable the kernel introduces (the point of a KL integral, the parameters of a random density). Its name
    /// starts with a character the LaTeX reader never puts first in a name (every name it makes starts with an ASCII
    /// letter or a backslash), so it cannot collide with a symbol of the input however the input is written.
    /// </summary>
    public static Sym Fresh(string name)
    {
        if (name.Length == 0 || name[0] is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '\\' || name == Infinity.Name)
            throw new ArgumentException("a fresh name starts with neither an ASCII letter nor a backslash: " + name, nameof(name));
        return new(name);
    }

    public static Expr Neg(Expr a) => Mul(MinusOne, a);
    public static Expr Sub(Expr a, Expr b) => Add(a, Neg(b));
    public static Expr Div(Expr a, Expr b) => Mul(a, Pow(b, MinusOne));
    public static Expr Sqrt(Expr a) => Pow(a, Half);
    public static Expr Exp(Expr a) => Pow(E, a);

    // ---------------------------------------------------------------- sums

    public static Expr Add(params Expr[] terms) => Add((IEnumerable<Expr>)terms);

    /// <summary>
    /// Invariants: nested sums flattened; numbers folded into one leading constant; terms c·m with the same
    /// monomial m collected (a·x + b·x = (a+b)·x); zero terms dropped; terms sorted by <see cref="ExprOrder"/>.
    /// </summary>
    public static Expr Add(IEnumerable<Expr> terms)
    {
        var constant = Rational.Zero;
        var coefficients = new Dictionary<Expr, Rational>();
        var order = new List<Expr>();
        var undefined = false;
        void Accept(Expr t)
        {
            switch (t)
            {
                case Add a:
                    foreach (var x in a.Terms) Accept(x);
                    return;
                case Num n:
                    constant += n.Value;
                    return;
            }
            if (IsUndefined(t)) { undefined = true; return; }
            var (c, m) = SplitCoefficient(t);
            if (coefficients.TryGetValue(m, out var old)) coefficients[m] = old + c;
            else { coefficients[m] = c; order.Add(m); }
        }
        foreach (var t in terms) Accept(t);
        if (undefined) return Undefined;

        var result = new List<Expr>(order.Count + 1);
        foreach (var m in order)
        {
            var c = coefficients[m];
            if (!c.IsZero) result.Add(WithCoefficient(c, m));
        }
        result.Sort(TermOrder);
        if (!constant.IsZero) result.Insert(0, Num(constant));
        return result.Count switch
        {
            0 => Zero,
            1 => result[0],
            _ => new Add([.. result]),
        };
    }

    /// <summary>Terms are ordered by monomial, then coefficient, so negating a sum keeps its order.</summary>
    private static readonly IComparer<Expr> TermOrder = Comparer<Expr>.Create((a, b) =>
    {
        var (ca, ma) = SplitCoefficient(a);
        var (cb, mb) = SplitCoefficient(b);
        var c = ExprOrder.Compare(ma, mb);
        return c != 0 ? c : ca.CompareTo(cb);
    });

    /// <summary>Splits a term into its rational coefficient and its monomial: 3·x·y → (3, x·y).</summary>
    public static (Rational Coefficient, Expr Monomial) SplitCoefficient(Expr term)
    {
        if (term is Num n) return (n.Value, One);
        if (term is Mul m && m.Factors[0] is Num c)
        {
            return m.Factors.Count == 2 ? (c.Value, m.Factors[1]) : (c.Value, new Mul([.. m.Factors.Skip(1)]));
        }
        return (Rational.One, term);
    }

    /// <summary>c·m for a monomial m already in canonical form (no coefficient of its own).</summary>
    private static Expr WithCoefficient(Rational c, Expr monomial)
    {
        if (c.IsOne) return monomial;
        if (monomial is Num n) return Num(c * n.Value);
        if (monomial is Mul m) return new Mul([Num(c), .. m.Factors]);
        return new Mul([Num(c), monomial]);
    }

    // ---------------------------------------------------------------- products

    public static Expr Mul(params Expr[] factors) => Mul((IEnumerable<Expr>)factors);

    /// <summary>
    /// Invariants: nested products flattened; numbers folded into one leading coefficient (0·x = 0);
    /// factors with the same base collected by adding exponents (x^a·x^b = x^(a+b), valid wherever both
    /// sides are defined); numeric radicals reduced to primes with exponents in (0, 1); factors sorted.
    /// </summary>
    public static Expr Mul(IEnumerable<Expr> factors) => MulCore(factors, 0);

    private static Expr MulCore(IEnumerable<Expr> factors, int depth)
    {
        var coefficient = Rational.One;
        var exponents = new Dictionary<Expr, List<Expr>>();
        var order = new List<Expr>();
        var undefined = false;
        void Accept(Expr f)
        {
            switch (f)
            {
                case Mul m:
                    foreach (var x in m.Factors) Accept(x);
                    return;
                case Num n:
                    coefficient *= n.Value;
                    return;
            }
            if (IsUndefined(f)) { undefined = true; return; }
            var (b, e) = SplitPower(f);
            if (!exponents.TryGetValue(b, out var list)) { list = []; exponents[b] = list; order.Add(b); }
            list.Add(e);
        }
        foreach (var f in factors) Accept(f);
        if (undefined) return Undefined;
        if (coefficient.IsZero) return Zero;

        var result = new List<Expr>(order.Count);
        var needsAnotherPass = false;
        foreach (var b in order)
        {
            var list = exponents[b];
            var p = list.Count == 1 ? (list[0].IsOne ? b : Pow(b, list[0])) : Pow(b, Add(list));
            switch (p)
            {
                case Num n:
                    coefficient *= n.Value;
                    break;
                case var u when IsUndefined(u):
                    return Undefined;
                case Mul m:
                    // Only numeric radicals come back as products (2^(3/2) = 2·2^(1/2)); anything else
                    // (say (x·y)^2 = x²·y²) may meet other factors, so merge again.
                    foreach (var x in m.Factors)
                    {
                        if (x is Num xn) coefficient *= xn.Value;
                        else { result.Add(x); if (!SameBase(x, b)) needsAnotherPass = true; }
                    }
                    break;
                default:
                    result.Add(p);
                    if (!SameBase(p, b)) needsAnotherPass = true;
                    break;
            }
        }
        if (coefficient.IsZero) return Zero;
        if (needsAnotherPass && depth < 8)
        {
            return MulCore([Num(coefficient), .. result], depth + 1);
        }
        // c·(a + b) = c·a + c·b: a rational multiple of a sum is a sum, so like terms meet and cancel.
        if (result.Count == 1 && result[0] is Add sum && !coefficient.IsOne)
        {
            var c = Num(coefficient);
            return Add(sum.Terms.Select(t => Mul(c, t)));
        }
        result.Sort(ExprOrder.Comparer);
        if (!coefficient.IsOne) result.Insert(0, Num(coefficient));
        return result.Count switch
        {
            0 => Num(coefficient),
            1 => result[0],
            _ => new Mul([.. result]),
        };
    }

    private static bool SameBase(Expr x, Expr b) => x.Equals(b) || (x is Pow p && p.Base.Equals(b));

    /// <summary>x^e → (x, e); anything else → (x, 1).</summary>
    public static (Expr Base, Expr Exponent) SplitPower(Expr f) => f is Pow p ? (p.Base, p.Exponent) : (f, One);

    // ---------------------------------------------------------------- powers

    /// <summary>
    /// Invariants: exponent never 0 or 1; rational powers of rationals evaluated or reduced to prime
    /// radicals; (a^m)^n = a^(mn) for integer n, and for numeric m, n (with |a| when m is even);
    /// (x·y)^n distributed for integer n and positive numeric factors pulled out of any power;
    /// e^(c·log x + r) = x^c·e^r; |a|^(2k) = a^(2k).
    /// </summary>
    public static Expr Pow(Expr b, Expr e)
    {
        if (IsUndefined(b) || IsUndefined(e)) return Undefined;
        if (e is Num en)
        {
            var n = en.Value;
            if (n.IsZero) return One;
            if (n.IsOne) return b;
            if (b is Num bn) return PowNumbers(bn.Value, n);
            // (e^A)^n = e^{nA}: e^A is positive for every real A.
            if (b is Pow { Base: Constant { Which: ConstantKind.E } } be) return Pow(be.Base, Mul(be.Exponent, e));
            if (b is Pow bp && bp.Exponent is Num m)
            {
                var product = m.Value * n;
                if (n.IsInteger || !m.Value.IsEvenInteger) return Pow(bp.Base, Num(product));
                return Pow(Abs(bp.Base), Num(product));
            }
            if (b is Mul bm)
            {
                if (n.IsInteger) return Mul(bm.Factors.Select(f => Pow(f, e)));
                // (c·r)^n = c^n·r^n when c > 0 (then r ≥ 0 wherever the left side is defined).
                var positive = bm.Factors.Where(IsManifestlyPositive).ToList();
                if (positive.Count > 0)
                {
                    var rest = bm.Factors.Where(f => !IsManifestlyPositive(f)).ToList();
                    var restPower = rest.Count == 0 ? One : rest.Count == 1 ? Pow(rest[0], e) : new Pow(Mul(rest), e);
                    return Mul([.. positive.Select(f => Pow(f, e)), restPower]);
                }
            }
            if (b is Fn { Function: FunctionKind.Abs } abs && n.IsEvenInteger) return Pow(abs.Arg, e);
        }
        if (b is Num b1 && b1.Value.IsOne) return One;
        if (b is Constant { Which: ConstantKind.E }) return ExpOf(e);
        return new Pow(b, e);
    }

    /// <summary>True for factors positive at every real point: positive numbers, π, e, e^x, positive numbers to any power.</summary>
    public static bool IsManifestlyPositive(Expr f) => f switch
    {
        Num n => n.Value.Sign > 0,
        Constant => true,
        Pow { Base: Constant } => true,
        Pow { Base: Num pb } => pb.Value.Sign > 0,
        _ => false,
    };

    /// <summary>e^x, with log terms of x pulled out: e^(c·log y + r) = y^c·e^r (log y defined means y &gt; 0).</summary>
    private static Expr ExpOf(Expr x)
    {
        if (x is Fn { Function: FunctionKind.Log } log) return log.Arg;
        var terms = x is Add a ? a.Terms.ToList() : [x];
        var pulled = new List<Expr>();
        var rest = new List<Expr>();
        foreach (var t in terms)
        {
            var (c, m) = SplitCoefficient(t);
            if (m is Fn { Function: FunctionKind.Log } l) pulled.Add(Pow(l.Arg, Num(c)));
            else rest.Add(t);
        }
        if (pulled.Count == 0) return new Pow(E, x);
        var r = Add(rest);
        return Mul([.. pulled, r.IsZero ? One : new Pow(E, r)]);
    }

    private static Expr PowNumbers(Rational b, Rational n)
    {
        if (n.IsInteger)
        {
            if (b.IsZero) return n.Sign > 0 ? Zero : Undefined;
            if ((double)BigInteger.Abs(n.Numerator) * Math.Max(1, b.BitSize) > MaxExactBits || BigInteger.Abs(n.Numerator) > int.MaxValue)
                return new Pow(Num(b), Num(n));
            return Num(b.Pow((int)n.Numerator));
        }
        if (b.IsZero) return n.Sign > 0 ? Zero : Undefined;
        if (b.Sign < 0) return Undefined;
        if (b.BitSize > MaxExactBits) return new Pow(Num(b), Num(n));
        // b^(p/q) = Π prime^(k·p/q): integer parts into the coefficient, fractional parts (0 < f < 1) stay.
        var coefficient = Rational.One;
        var radicals = new List<Expr>();
        void Take(BigInteger value, int sign)
        {
            if (value.IsOne) return;
            foreach (var (prime, k) in Primes.Factor(value))
            {
                var exponent = new Rational(k * sign) * n;
                var whole = exponent.Floor();
                var frac = exponent - new Rational(whole);
                if (BigInteger.Abs(whole) * prime.ToByteArray().Length * 8 > MaxExactBits) { radicals.Add(new Pow(Num(prime), Num(exponent))); continue; }
                coefficient *= new Rational(prime).Pow((int)whole);
                if (!frac.IsZero) radicals.Add(new Pow(Num(prime), Num(frac)));
            }
        }
        Take(b.Numerator, 1);
        Take(b.Denominator, -1);
        radicals.Sort(ExprOrder.Comparer);
        if (!coefficient.IsOne || radicals.Count == 0) radicals.Insert(0, Num(coefficient));
        return radicals.Count == 1 ? radicals[0] : new Mul([.. radicals]);
    }

    // ---------------------------------------------------------------- functions

    /// <summary>Natural log. log 1 = 0, log e = 1, log e^x = x, log of a positive rational split into primes.</summary>
    public static Expr Log(Expr x)
    {
        switch (x)
        {
            case var u when IsUndefined(u):
                return Undefined;
            case Num n when n.Value.Sign <= 0:
                return Undefined;
            case Num n when n.Value.Sign > 0:
                if (n.Value.IsOne) return Zero;
                if (n.Value.BitSize > MaxExactBits) break;
                var terms = new List<Expr>();
                foreach (var (p, k) in Primes.Factor(n.Value.Numerator)) if (!p.IsOne) terms.Add(Mul(Num(k), new Fn(FunctionKind.Log, [Num(p)])));
                if (!n.Value.Denominator.IsOne)
                    foreach (var (p, k) in Primes.Factor(n.Value.Denominator)) terms.Add(Mul(Num(-k), new Fn(FunctionKind.Log, [Num(p)])));
                if (terms.Count == 1 && terms[0] is Fn) return terms[0];
                return Add(terms);
            case Constant { Which: ConstantKind.E }:
                return One;
            case Pow { Base: Constant { Which: ConstantKind.E } } p:
                return p.Exponent;
        }
        return new Fn(FunctionKind.Log, [x]);
    }

    /// <summary>log_b x = log x / log b.</summary>
    public static Expr Log(Expr x, Expr logBase) => Div(Log(x), Log(logBase));

    /// <summary>|x|: numbers and constants folded, |x·y| = |x|·|y|, |x^(2k)| = x^(2k), |x^n| = |x|^n, ||x|| = |x|.</summary>
    public static Expr Abs(Expr x)
    {
        switch (x)
        {
            case var u when IsUndefined(u): return Undefined;
            case Num n: return Num(n.Value.Abs());
            case Constant: return x;
            case Fn { Function: FunctionKind.Abs }: return x;
            case Pow { Base: Constant }: return x;
            case Mul m: return Mul(m.Factors.Select(Abs));
            case Pow { Exponent: Num en } p when en.Value.IsEvenInteger: return p;
            case Pow { Exponent: Num en } p when en.Value.IsInteger || p.Base is not Symbolic.Num: return Pow(Abs(p.Base), en);
            case Pow { Base: Num bn } p when bn.Value.Sign > 0: return p;
        }
        return new Fn(FunctionKind.Abs, [x]);
    }

    public static Expr Function(FunctionKind kind, params Expr[] args)
    {
        if (args.Any(IsUndefined)) return Undefined;
        switch (kind)
        {
            case FunctionKind.Log: return Log(args[0]);
            case FunctionKind.Abs: return Abs(args[0]);
            case FunctionKind.Sin or FunctionKind.Cos or FunctionKind.Tan when PiMultiple(args[0]) is { } q && TrigAtPiMultiple(kind, q) is { } exact:
                return exact;
            case FunctionKind.Sin when args[0].IsZero: return Zero;
            case FunctionKind.Tan when args[0].IsZero: return Zero;
            case FunctionKind.Atan when args[0].IsZero: return Zero;
            case FunctionKind.Erf when args[0].IsZero: return Zero;
            case FunctionKind.Cos when args[0].IsZero: return One;
            case FunctionKind.Gamma or FunctionKind.LogGamma or FunctionKind.Digamma when args[0] is Num { Value: { IsInteger: true, Sign: <= 0 } }:
                return Undefined;
            case FunctionKind.Gamma when args[0] is Num { Value: { IsInteger: true, Sign: > 0 } } g && g.Value.Numerator < 200:
                return Num(Factorial((int)g.Value.Numerator - 1));
            case FunctionKind.LogGamma when args[0] is Num { Value: { IsInteger: true, Sign: > 0 } } g && g.Value.Numerator < 200:
                return Log(Num(Factorial((int)g.Value.Numerator - 1)));
        }
        return new Fn(kind, args);
    }

    /// <summary>q when x = q·π for a rational q.</summary>
    private static Rational? PiMultiple(Expr x) => x switch
    {
        Constant { Which: ConstantKind.Pi } => Rational.One,
        Mul { Factors: [Num c, Constant { Which: ConstantKind.Pi }] } => c.Value,
        _ => null,
    };

    /// <summary>sin, cos and tan at multiples of π/6 and π/4, exactly (tan at a pole is undefined); null for other multiples.</summary>
    private static Expr? TrigAtPiMultiple(FunctionKind kind, Rational q)
    {
        if (!(q * 12).IsInteger) return null;
        if (kind == FunctionKind.Tan)
        {
            var (s, c) = (TrigAtPiMultiple(FunctionKind.Sin, q), TrigAtPiMultiple(FunctionKind.Cos, q));
            if (s is null || c is null) return null;
            return c.IsZero ? Undefined : Div(s, c);
        }
        // cos(qπ) = sin((q + 1/2)π); reduce to sin(tπ) with t in [0, 1/2] and a sign.
        var t = kind == FunctionKind.Cos ? q + Rational.Half : q;
        var twelfths = (int)(((t * 12).Numerator % 24 + 24) % 24); // t mod 2, in twelfths of π
        var sign = 1;
        if (twelfths >= 12) { twelfths -= 12; sign = -1; }
        if (twelfths > 6) twelfths = 12 - twelfths;
        Expr value = twelfths switch
        {
            0 => Zero,
            2 => Half,
            3 => Div(Sqrt(Two), Two),
            4 => Div(Sqrt(Num(3)), Two),
            6 => One,
            _ => null!,
        };
        if (value is null) return null;
        return sign < 0 ? Neg(value) : value;
    }

    private static BigInteger Factorial(int n)
    {
        var r = BigInteger.One;
        for (var i = 2; i <= n; i++) r *= i;
        return r;
    }

    /// <summary>An undefined function applied to arguments, such as an abstract density p(x).</summary>
    public static Expr Apply(string name, params Expr[] args) => new Apply(name, args);

    public static Expr Integral(Expr body, Sym variable, Expr? lower = null, Expr? upper = null) => new Integral(body, variable, lower, upper);

    public static Expr Summation(Expr body, Sym variable, Expr? lower = null, Expr? upper = null) => new Summation(body, variable, lower, upper);

    public static Expr Expectation(Expr body, Sym variable, Expr distribution) => new Expectation(body, variable, distribution);

    /// <summary>The factors an <see cref="IndexedProduct"/> with numeric limits is written out into, at most.</summary>
    public const int MaxWrittenOutFactors = 1000;

    /// <summary>
    /// ∏_{Variable=lower}^{upper} body, in canonical form. Sound rewrites only, each an identity for every length:
    /// ∏ c = c^(u − l + 1) for a factor c free of the index (limits given); numeric limits: the factors written out
    /// (within <see cref="MaxWrittenOutFactors"/>; an empty range is 1); ∏ (f g) = ∏ f · ∏ g; ∏ f^c = (∏ f)^c for an
    /// exponent c free of the index (also a product of factors, so the law of exponents holds factor by factor).
    /// Without limits the index ranges over an unstated finite set, so a constant factor stays inside.
    /// </summary>
    public static Expr IndexedProduct(Expr body, Sym variable, Expr? lower = null, Expr? upper = null)
    {
        if (lower is null || upper is null) { lower = null; upper = null; }
        var free = !DependsOnIndex(body, variable);
        if (lower is not null && upper is not null)
        {
            if (!SubscriptsMention(body, variable) && lower is Symbolic.Num { Value.IsInteger: true } lo && upper is Symbolic.Num { Value.IsInteger: true } hi
                && hi.Value.Numerator - lo.Value.Numerator < MaxWrittenOutFactors)
            {
                var factors = new List<Expr>();
                for (var k = lo.Value.Numerator; k <= hi.Value.Numerator; k++) factors.Add(Traversal.Substitute(body, variable, Num(k, BigInteger.One)));
                return Mul(factors);
            }
            // c^(u − l + 1) counts the factors; it holds for u ≥ l − 1 (the empty product is c^0 = 1).
            if (free) return Pow(body, Add(Sub(upper, lower), One));
        }
        switch (body)
        {
            case Symbolic.Mul m:
                return Mul(m.Factors.Select(f => IndexedProduct(f, variable, lower, upper)));
            case Symbolic.Pow p when !DependsOnIndex(p.Exponent, variable) && DependsOnIndex(p.Base, variable):
                // (∏ f)^c = ∏ f^c needs every f^c to be the principal power of f: safe for integer c, and for positive f.
                if (p.Exponent is Symbolic.Num { Value.IsInteger: true })
                    return Pow(IndexedProduct(p.Base, variable, lower, upper), p.Exponent);
                break;
        }
        return new IndexedProduct(body, variable, lower, upper);
    }

    /// <summary>The index, or a name whose subscript may mention it (x_i, θ_{ij}), occurs in e.</summary>
    private static bool DependsOnIndex(Expr e, Sym index) => Traversal.FreeSymbols(e).Contains(index) || SubscriptsMention(e, index);

    /// <summary>
    /// Conservative: a symbol or function name with the index anywhere after an underscore (x_i, σ_{q,i}, x_{i-1}), or a
    /// stand-in for a term the kernel cannot see into, may depend on the index; only names that cannot are free of it.
    /// </summary>
    private static bool SubscriptsMention(Expr e, Sym index) => Traversal.Any(e, x =>
    {
        var name = x switch { Symbolic.Sym s => s.Name, Symbolic.Apply a => a.Name, _ => null };
        if (name is null || name == index.Name) return false;
        if (name.StartsWith("\u27e6", StringComparison.Ordinal)) return true;
        var at = name.IndexOf('_');
        return at >= 0 && name.IndexOf(index.Name, at + 1, StringComparison.Ordinal) >= 0;
    });

    public static Expr Functional(FunctionalKind which, params Expr[] args) => new Functional(which, args);

    /// <summary>Rebuilds a node of the same shape with new children, through the smart constructors.</summary>
    public static Expr Rebuild(Expr e, IReadOnlyList<Expr> children)
    {
        switch (e)
        {
            case Symbolic.Num or Constant or Symbolic.Sym: return e;
            case Symbolic.Add: return Add(children);
            case Symbolic.Mul: return Mul(children);
            case Symbolic.Pow: return Pow(children[0], children[1]);
            case Fn f: return Function(f.Function, [.. children]);
            case Symbolic.Apply a: return Apply(a.Name, [.. children]);
            case Symbolic.Functional x: return Functional(x.Which, [.. children]);
            case Symbolic.Integral: return Integral(children[0], (Sym)children[1], children.Count > 2 ? children[2] : null, children.Count > 3 ? children[3] : null);
            case Symbolic.Summation: return Summation(children[0], (Sym)children[1], children.Count > 2 ? children[2] : null, children.Count > 3 ? children[3] : null);
            case Symbolic.Expectation: return Expectation(children[0], (Sym)children[1], children[2]);
            case Symbolic.IndexedProduct: return IndexedProduct(children[0], (Sym)children[1], children.Count > 2 ? children[2] : null, children.Count > 3 ? children[3] : null);
            default: throw new NotSupportedException("Unknown node " + e.GetType().Name);
        }
    }

    /// <summary>Rebuilds bottom-up, applying f to each rebuilt node. Children are kept when unchanged.</summary>
    public static Expr Map(Expr e, Func<Expr, Expr> f)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var children = e.Children;
        if (children.Count == 0) return f(e);
        Expr[]? changed = null;
        var binds = e is BinderNode;
        for (var i = 0; i < children.Count; i++)
        {
            if (binds && i == 1) continue; // the bound variable is a name, not a subexpression
            var c = Map(children[i], f);
            if (!ReferenceEquals(c, children[i]))
            {
                changed ??= [.. children];
                changed[i] = c;
            }
        }
        return f(changed is null ? e : Rebuild(e, changed));
    }
}
