using System.Numerics;
using SymKl.Symbolic;

namespace SymKl.Generators.Emit;

/// <summary>
/// Turns a kernel expression (possibly with <see cref="Markers"/>) into emitted-code nodes, choosing the
/// floating-point form: sums as positive terms minus negative ones; products as numerator / denominator
/// (one division); rational coefficients exact where they can be (½ is a multiplication, ⅓ a division);
/// integer powers as multiplications; log(1 + x) as log1p(x); x·log(x·…) guarded so that 0·log 0 = 0; and
/// sums factored where factoring removes cancellation: common factors, a² ± 2ab + b² = (a ± b)², and
/// a² − b² = (a − b)(a + b) (so (μ₁ − μ₂)² is never expanded into μ₁² − 2μ₁μ₂ + μ₂²).
/// </summary>
internal sealed class Lowering
{
    private readonly NodeFactory _f;
    private readonly IReadOnlyDictionary<Sym, int> _parameters;

    public Lowering(NodeFactory factory, IReadOnlyDictionary<Sym, int> parameters)
    {
        _f = factory;
        _parameters = parameters;
    }

    private int _depth;

    /// <summary>Deeper than this, lowering is going round in circles (or the result is absurdly nested): give up with an error, not a stack overflow.</summary>
    private const int MaxDepth = 400;

    public Node Lower(Expr e)
    {
        if (++_depth > MaxDepth)
        {
            _depth = 0;
            throw new NotSupportedException("no code form: lowering nested deeper than " + MaxDepth + " levels at " + LatexPrinter.Print(e));
        }
        try
        {
            return LowerOnce(e);
        }
        finally
        {
            if (_depth > 0) _depth--;
        }
    }

    private Node LowerOnce(Expr e)
    {
        switch (e)
        {
            case Num n:
                return _f.Const(n.Value.ToDouble());
            case Constant c:
                return _f.Const(c.Value);
            case Sym s:
                if (!_parameters.TryGetValue(s, out var index)) throw new NotSupportedException("the result uses '" + s.Name + "', which is not a parameter");
                return _f.Param(index);
            case Add a:
                return LowerAdd(a);
            case Mul m:
                return LowerMul(m.Factors);
            case Pow p:
                return LowerPow(p);
            case Fn fn:
                return LowerFunction(fn);
            case Apply ap when Markers.IsMarker(ap):
                return LowerMarker(ap);
            default:
                throw new NotSupportedException("no code form for " + LatexPrinter.Print(e));
        }
    }

    // ------------------------------------------------------------------ sums

    private Node LowerAdd(Add a)
    {
        var factored = Factoring.TryFactor(a);
        if (factored is not null) return LowerMul(factored);

        var differences = DifferencesFirst(a.Terms);
        if (differences is not null) return differences;

        // Terms that share an expensive factor are summed first and multiplied once: ψ(α₁)·(α₁ − α₂).
        var shared = SharedFactor(a.Terms);
        if (shared is not null)
        {
            var with = a.Terms.Where(t => Factors(t).Contains(shared)).ToList();
            var without = a.Terms.Where(t => !Factors(t).Contains(shared)).ToList();
            // e^u is divided out as e^{−u}: (e^u)^{−1} would not cancel against e^u in a product.
            var inverse = shared is Pow { Base: Constant c } ep ? Ex.Pow(c, Ex.Neg(ep.Exponent)) : Ex.Pow(shared, Ex.MinusOne);
            var quotients = with.Select(t => Ex.Mul(t, inverse)).ToList();
            // Group only when dividing out made progress (otherwise grouping would recurse without end) and when it
            // cancels: the kernel may write the shared sum differently once inverted (a coefficient taken out of
            // it), and then the division would be 0/0 where the sum is 0.
            if (quotients.All(q => !Factors(q).Contains(shared)) && quotients.Any(DividesBySum) == a.Terms.Any(DividesBySum))
                return Sum([Ex.Mul(shared, Ex.Add(quotients)), .. without]);
        }

        // Rational terms (no functions) are summed as their own sum, so that it can be factored: (μ₁ − μ₂)²/(2σ₂²).
        var rational = a.Terms.Where(Factoring.IsRationalMonomial).ToList();
        if (rational.Count >= 2 && rational.Count < a.Terms.Count)
        {
            var others = a.Terms.Where(t => !Factoring.IsRationalMonomial(t)).ToList();
            return Sum([Ex.Add(rational), .. others]);
        }
        return Sum(a.Terms);
    }

    /// <summary>
    /// Terms that differ only in one parameter and the sign of their coefficient are subtracted first:
    /// μ₁/β − μ₂/β is (μ₁ − μ₂)/β, and a + b − 2μ is (a − μ) + (b − μ) (a coefficient that is a small multiple
    /// of the others' is split). Locations far from 0 then never meet a term of another size before their
    /// difference is taken, which is exact when they are close (Sterbenz). Null when no such pair exists.
    /// </summary>
    private Node? DifferencesFirst(IReadOnlyList<Expr> terms)
    {
        var groups = new Dictionary<Expr, List<(int Term, Rational Coefficient, Node Unit)>>();
        var keys = new List<Expr>();
        for (var i = 0; i < terms.Count; i++)
        {
            var (c, monomial) = Ex.SplitCoefficient(terms[i]);
            if (monomial is Num)
            {
                // A constant pairs with bare parameters: α + β − 2 is (α − 1) + (β − 1), exact near α = β = 1.
                if (!groups.TryGetValue(Ex.One, out var ones)) { ones = []; groups[Ex.One] = ones; keys.Add(Ex.One); }
                ones.Add((i, c, _f.Const(1)));
                continue;
            }
            var factors = Factors(monomial);
            foreach (var f in factors.OfType<Sym>().Distinct())
            {
                if (!_parameters.ContainsKey(f)) continue;
                var rest = factors.ToList();
                rest.Remove(f);
                var key = Ex.Mul(rest);
                if (!groups.TryGetValue(key, out var list)) { list = []; groups[key] = list; keys.Add(key); }
                list.Add((i, c, _f.Param(_parameters[f])));
            }
        }
        var used = new HashSet<int>();
        var nodes = new List<Node>();
        foreach (var key in keys)
        {
            var members = groups[key].Where(m => !used.Contains(m.Term)).ToList();
            if (!members.Any(m => m.Coefficient.Sign > 0) || !members.Any(m => m.Coefficient.Sign < 0)) continue;
            var unit = members.Select(m => m.Coefficient.Abs()).Min();
            var positives = new List<Node>();
            var negatives = new List<Node>();
            var fits = true;
            foreach (var m in members)
            {
                var multiple = m.Coefficient.Abs() / unit;
                if (!multiple.IsInteger || multiple.Numerator > 4) { fits = false; break; }
                for (var k = 0; k < (int)multiple.Numerator; k++) (m.Coefficient.Sign > 0 ? positives : negatives).Add(m.Unit);
            }
            if (!fits) continue;
            Node? sum = null;
            var pairs = Math.Min(positives.Count, negatives.Count);
            for (var k = 0; k < pairs; k++)
            {
                var d = _f.Make(Op.Sub, positives[k], negatives[k]);
                sum = sum is null ? d : _f.Make(Op.Add, sum, d);
            }
            foreach (var x in positives.Skip(pairs)) sum = _f.Make(Op.Add, sum!, x);
            foreach (var x in negatives.Skip(pairs)) sum = _f.Make(Op.Sub, sum!, x);
            var scale = Ex.Mul(Ex.Num(unit), key);
            nodes.Add(scale is Num { Value.IsOne: true } ? sum! : _f.Make(Op.Mul, sum!, Lower(scale)));
            foreach (var m in members) used.Add(m.Term);
        }
        if (nodes.Count == 0) return null;
        var others = terms.Where((_, i) => !used.Contains(i)).ToList();
        var acc = others.Count == 0 ? null : Lower(Ex.Add(others));
        foreach (var n in nodes) acc = acc is null ? n : _f.Make(Op.Add, acc, n);
        return acc!;
    }

    /// <summary>Positive terms added in order, then the negative ones subtracted.</summary>
    private Node Sum(IReadOnlyList<Expr> terms)
    {
        Node? acc = null;
        var negatives = new List<Node>();
        foreach (var t in terms)
        {
            var (c, _) = Ex.SplitCoefficient(t);
            if (c.IsZero) continue;
            if (c.Sign < 0) { negatives.Add(Lower(Ex.Neg(t))); continue; }
            var n = Lower(t);
            acc = acc is null ? n : _f.Make(Op.Add, acc, n);
        }
        foreach (var n in negatives) acc = acc is null ? _f.Make(Op.Neg, n) : _f.Make(Op.Sub, acc, n);
        return acc ?? _f.Const(0);
    }

    private static IReadOnlyList<Expr> Factors(Expr t) => t is Mul m ? m.Factors : [t];

    /// <summary>A function (or non-integer power) that is a factor of at least two terms, the most shared first.</summary>
    /// <summary>True when e divides by a sum somewhere (a sum to a negative power).</summary>
    private static bool DividesBySum(Expr e) => Traversal.Any(e, n => n is Pow { Base: Add, Exponent: Num { Value.Sign: < 0 } });

    private static Expr? SharedFactor(IReadOnlyList<Expr> terms)
    {
        var counts = new Dictionary<Expr, int>();
        var order = new List<Expr>();
        foreach (var t in terms)
        {
            foreach (var f in Factors(t).Distinct())
            {
                if (f is not (Fn or Apply or Add or Pow { Base: Constant })) continue;
                if (!counts.ContainsKey(f)) { counts[f] = 0; order.Add(f); }
                counts[f]++;
            }
        }
        var best = order.Where(f => counts[f] >= 2).OrderByDescending(f => counts[f]).FirstOrDefault();
        return best;
    }

    // ------------------------------------------------------------------ products

    private Node LowerMul(IReadOnlyList<Expr> factors)
    {
        var coefficient = Rational.One;
        var numerator = new List<Expr>();
        var denominator = new List<Expr>();
        foreach (var f in factors)
        {
            switch (f)
            {
                case Num n:
                    coefficient *= n.Value;
                    break;
                case Pow { Exponent: Num en } p when en.Value.Sign < 0 && p.Base is not Constant:
                    denominator.Add(Ex.Pow(p.Base, Ex.Num(-en.Value)));
                    break;
                default:
                    numerator.Add(f);
                    break;
            }
        }
        if (coefficient.IsZero) return _f.Const(0);
        if (coefficient.Sign < 0) return _f.Make(Op.Neg, Product(coefficient.Abs(), numerator, denominator));
        return Product(coefficient, numerator, denominator);
    }

    private Node Product(Rational coefficient, List<Expr> numerator, List<Expr> denominator)
    {
        Node? num = null;
        var p = coefficient.Numerator;
        var q = coefficient.Denominator;
        var exactReciprocal = IsPowerOfTwo(q);
        if (!p.IsOne || exactReciprocal && !q.IsOne)
            num = _f.Const(exactReciprocal ? (double)p / (double)q : (double)p);

        // eᵘ·Γ(v)·b^w as one exponential e^{u + log Γ(v) + w·log b}: eᵘ may overflow or underflow where the product
        // does not (Γ(201)·e^{−200} is 1e288; Γ(201)·e^{−1000} is 1e-147, not ∞·0).
        var exp = numerator.FirstOrDefault(f => f is Pow { Base: Constant { Which: ConstantKind.E } });
        var logDomain = numerator.Where(f => f is Fn { Function: FunctionKind.Gamma } || f is Pow { Base: not Constant, Exponent: not Num }).ToList();
        if (exp is not null && logDomain.Count > 0)
        {
            Node exponent = Lower(((Pow)exp).Exponent);
            foreach (var f in logDomain)
            {
                var term = f is Fn g
                    ? _f.Make(Op.LogGamma, Lower(g.Arg))
                    : _f.Make(Op.Mul, Lower(((Pow)f).Exponent), _f.Make(Op.Log, Lower(((Pow)f).Base)));
                exponent = _f.Make(Op.Add, exponent, term);
            }
            numerator = numerator.Where(f => !ReferenceEquals(f, exp) && !logDomain.Contains(f)).ToList();
            var e = _f.Make(Op.Exp, exponent);
            num = num is null ? e : _f.Make(Op.Mul, num, e);
        }

        // x·log(x·y) with x ≥ 0 is 0 at x = 0 (0·log 0 = 0): one guarded node.
        var guarded = GuardedXLog(numerator);
        if (guarded is not null)
        {
            numerator = guarded.Value.Remaining;
            num = num is null ? guarded.Value.Node : _f.Make(Op.Mul, num, guarded.Value.Node);
        }

        foreach (var f in numerator)
        {
            var n = Lower(f);
            num = num is null ? n : _f.Make(Op.Mul, num, n);
        }
        Node? den = exactReciprocal || q.IsOne ? null : _f.Const((double)q);
        foreach (var f in denominator)
        {
            var n = Lower(f);
            den = den is null ? n : _f.Make(Op.Mul, den, n);
        }
        if (den is null) return num ?? _f.Const(1);
        return _f.Make(Op.Div, num ?? _f.Const(1), den);
    }

    private static bool IsPowerOfTwo(BigInteger q) => !q.IsZero && (q & (q - 1)).IsZero && q < (BigInteger.One << 60);

    private (Node Node, List<Expr> Remaining)? GuardedXLog(List<Expr> numerator)
    {
        var logs = numerator.OfType<Fn>().Where(f => f.Function == FunctionKind.Log).ToList();
        if (logs.Count != 1) return null;
        var log = logs[0];
        var inside = log.Arg is Mul m ? (IReadOnlyList<Expr>)m.Factors : [log.Arg];
        // x·log(x·…) with x a parameter, or s·log s with s a sum such as 1 − b (0 at an end of an interval).
        var x = numerator.FirstOrDefault(f => f is Sym && inside.Contains(f))
                ?? numerator.FirstOrDefault(f => f is SymKl.Symbolic.Add && (f.Equals(log.Arg) || inside.Contains(f)));
        if (x is null) return null;
        var rest = numerator.Where(f => !ReferenceEquals(f, x) && !ReferenceEquals(f, log)).ToList();
        return (_f.Make(Op.XLogY, Lower(x), Lower(log.Arg)), rest);
    }

    // ------------------------------------------------------------------ powers and functions

    private Node LowerPow(Pow p)
    {
        if (p.Base is Constant { Which: ConstantKind.E }) return _f.Make(Op.Exp, Lower(p.Exponent));
        if (p.Exponent is Num en)
        {
            var r = en.Value;
            if (r.Sign < 0) return _f.Make(Op.Div, _f.Const(1), Lower(Ex.Pow(p.Base, Ex.Num(-r))));
            if (r == Rational.Half) return _f.Make(Op.Sqrt, Lower(p.Base));
            if (r.IsInteger && r.Numerator <= 8)
            {
                var b = Lower(p.Base);
                var k = (int)r.Numerator;
                return IntegerPower(b, k);
            }
            if (r.Denominator == 2 && r.Numerator <= 9)
            {
                // x^(k/2) = x^((k−1)/2)·√x
                var b = Lower(p.Base);
                return _f.Make(Op.Mul, IntegerPower(b, (int)(r.Numerator - 1) / 2), _f.Make(Op.Sqrt, b));
            }
        }
        return _f.Make(Op.Pow, Lower(p.Base), Lower(p.Exponent));
    }

    private Node IntegerPower(Node b, int k)
    {
        if (k == 1) return b;
        if (k % 2 == 0)
        {
            var half = IntegerPower(b, k / 2);
            return _f.Make(Op.Mul, half, half);
        }
        return _f.Make(Op.Mul, IntegerPower(b, k - 1), b);
    }

    private Node LowerFunction(Fn fn)
    {
        if (fn.Function == FunctionKind.Log && fn.Arg is Add s && s.Terms[0] is Num { Value.IsOne: true })
            return _f.Make(Op.Log1p, Lower(Ex.Sub(fn.Arg, Ex.One)));
        var arg = Lower(fn.Arg);
        var op = fn.Function switch
        {
            FunctionKind.Log => Op.Log,
            FunctionKind.Abs => Op.Abs,
            FunctionKind.LogGamma => Op.LogGamma,
            FunctionKind.Digamma => Op.Digamma,
            FunctionKind.Gamma => Op.Gamma,
            FunctionKind.Erf => Op.Erf,
            FunctionKind.Sin => Op.Sin,
            FunctionKind.Cos => Op.Cos,
            FunctionKind.Tan => Op.Tan,
            FunctionKind.Atan => Op.Atan,
            _ => throw new NotSupportedException("no code form for " + fn.Function),
        };
        return _f.Make(op, arg);
    }

    private static Expr Difference(Expr x, Expr y)
    {
        try { return Normalizer.Normalize(Ex.Sub(x, y), Assumptions.Default, new Budget()); }
        catch (BudgetExceededException) { return Ex.Sub(x, y); }
    }

    private Node LowerMarker(Apply a)
    {
        switch (a.Name)
        {
            // t − log(1 + t) is given 1 + t too, written as the ratio it is (σ₁²/σ₂², q/p): where 1 + t is tiny,
            // t alone has lost it (t rounds to −1) but the ratio has not.
            case Markers.XmLog1p: return _f.Make(Op.XmLog1p, Lower(a.Args[0]), Lower(Ex.Add(Ex.One, a.Args[0])));
            case Markers.Expm1mx: return _f.Make(Op.Expm1mx, Lower(a.Args[0]));
            case Markers.Expm1: return _f.Make(Op.Expm1, Lower(a.Args[0]));
            case Markers.Log1p: return _f.Make(Op.Log1p, Lower(a.Args[0]), Lower(Ex.Add(Ex.One, a.Args[0])));
            // a·t − b·log(1 + t), given 1 + t as the ratio it is (like xmlog1p).
            case Markers.RateKl: return _f.Make(Op.RateKl, Lower(a.Args[0]), Lower(a.Args[1]), Lower(a.Args[2]), Lower(Ex.Add(Ex.One, a.Args[2])));
            case Markers.BetaNegEntropy: return _f.Make(Op.BetaNegEntropy, Lower(a.Args[0]), Lower(a.Args[1]));
            case Markers.LogGammaEntropy: return _f.Make(Op.LogGammaEntropy, Lower(a.Args[0]));
            case Markers.Trigamma: return _f.Make(Op.Trigamma, Lower(a.Args[0]));
            case Markers.KlTerm: return _f.Make(Op.KlTerm, Lower(a.Args[0]), Lower(a.Args[1]), Lower(Ex.Div(Ex.Add(a.Args[0], a.Args[1]), a.Args[0])));
            // Given x − y as well, simplified: where x is a ratio near y (β₁/β₂ near 1) the difference is accurate, x − y is not.
            case Markers.LogGammaBregman: return _f.Make(Op.LogGammaBregman, Lower(a.Args[0]), Lower(a.Args[1]), Lower(Difference(a.Args[0], a.Args[1])));
            default: throw new NotSupportedException("unknown function " + a.Name);
        }
    }
}
