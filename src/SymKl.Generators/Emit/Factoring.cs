using System.Numerics;
using SymKl.Symbolic;

namespace SymKl.Generators.Emit;

/// <summary>
/// Factoring of sums for emission, where it removes cancellation or work:
/// <code>
///   common factors        a·x + a·y          = a·(x + y)
///   a common denominator  −1/σ₁ + σ₁/σ₂²      = (σ₁² − σ₂²)/(σ₁σ₂²)   (only when the numerator then factors)
///   perfect squares       a² − 2ab + b²       = (a − b)²
///   difference of squares a² − b²             = (a − b)(a + b)
/// </code>
/// Returns the factors of the product, or null when the sum is best left as it is. The inner sum of the
/// result has no common factor left, so factoring it again returns null (no loop).
/// </summary>
internal static class Factoring
{
    private sealed class Monomial
    {
        public Rational Coefficient;
        public readonly Dictionary<Expr, Rational> Powers = [];
    }

    public static IReadOnlyList<Expr>? TryFactor(Add s)
    {
        var factors = TryFactorOnce(s);
        // A factorisation that divides by a sum the terms did not divide by (a common factor the kernel rewrote
        // once divided, so that it did not cancel) would compute 0/0 where that sum is 0: keep the sum instead.
        if (factors is not null && factors.Any(DividesBySum) && !s.Terms.Any(DividesBySum)) return null;
        return factors;
    }

    private static bool DividesBySum(Expr e) => Traversal.Any(e, n => n is Pow { Base: SymKl.Symbolic.Add, Exponent: Num { Value.Sign: < 0 } });

    private static IReadOnlyList<Expr>? TryFactorOnce(Add s)
    {
        var terms = s.Terms;
        var monomials = terms.Select(Decompose).ToList();
        var bases = new List<Expr>();
        foreach (var m in monomials)
            foreach (var b in m.Powers.Keys)
                if (!bases.Contains(b)) bases.Add(b);

        var pure = new List<(Expr Base, Rational Exponent)>();
        var clearing = new List<(Expr Base, Rational Exponent)>();
        var rational = terms.All(IsRationalMonomial);
        foreach (var b in bases)
        {
            var exps = monomials.Select(m => m.Powers.TryGetValue(b, out var e) ? e : Rational.Zero).ToList();
            var inAll = exps.All(e => !e.IsZero);
            if (inAll && exps.All(e => e.Sign > 0))
            {
                var m = exps.Min();
                if (m.IsInteger || exps.All(e => e == m)) pure.Add((b, m));
            }
            else if (inAll && exps.All(e => e.Sign < 0))
            {
                var m = exps.Max();
                if (m.IsInteger || exps.All(e => e == m)) pure.Add((b, m));
            }
            else if (rational && exps.All(e => e.IsInteger) && exps.Min().Sign < 0)
            {
                clearing.Add((b, exps.Min()));
            }
        }
        var content = Content(monomials);
        if (clearing.Count > 0 && terms.Count <= 8)
        {
            // A common denominator: σ₁/σ₂ − 1 = (σ₁ − σ₂)/σ₂, exact when σ₁ and σ₂ are close (Sterbenz).
            var cleared = Divide(terms, content, [.. pure, .. clearing]);
            return Result(content, [.. pure, .. clearing], Group(cleared));
        }
        var inner = Divide(terms, content, pure);
        var grouped = Group(inner);
        if (pure.Count == 0 && ReferenceEquals(grouped[0], inner)) return null;
        return Result(content, pure, grouped);
    }

    /// <summary>The factors of a sum after grouping squares: [(a − b)²] for a perfect square, [a − b, a + b], or [the regrouped sum].</summary>
    private static IReadOnlyList<Expr> Group(Expr inner)
    {
        if (Square(inner) is { } whole) return whole;
        if (inner.IsZero) return [Ex.Zero];
        if (inner is not Add s || s.Terms.Count < 3) return [inner];
        var terms = s.Terms.ToList();
        var changed = false;
        // Perfect-square triples inside a longer sum: … + a² − 2ab + b² + … = … + (a − b)² + …
        for (var guard = 0; guard < 8 && terms.Count >= 3; guard++)
        {
            var found = false;
            for (var i = 0; i < terms.Count && !found; i++)
            for (var j = i + 1; j < terms.Count && !found; j++)
            for (var k = j + 1; k < terms.Count && !found; k++)
            {
                var triple = Ex.Add(terms[i], terms[j], terms[k]);
                var sign = Rational.One;
                var sq = Square(triple);
                if (sq is null || sq.Count != 1)
                {
                    sq = Square(Ex.Neg(triple));
                    sign = Rational.MinusOne;
                }
                if (sq is null || sq.Count != 1) continue;
                var replacement = Ex.Mul(Ex.Num(sign), sq[0]);
                terms = terms.Where((_, n) => n != i && n != j && n != k).ToList();
                terms.Add(replacement);
                found = changed = true;
            }
            if (!found) break;
        }
        // Differences of squares inside a longer sum: … + a² − b² + … = … + (a − b)(a + b) + …
        for (var i = 0; i < terms.Count; i++)
        {
            for (var j = 0; j < terms.Count; j++)
            {
                if (i == j) continue;
                var pair = Square(Ex.Add(terms[i], terms[j]));
                if (pair is null || pair.Count != 2 || !IsSimple(terms[i]) || !IsSimple(terms[j])) continue;
                var product = Ex.Mul(pair[0], pair[1]);
                terms = terms.Where((_, n) => n != i && n != j).ToList();
                terms.Add(product);
                changed = true;
                i = -1;
                break;
            }
        }
        return changed ? [Ex.Add(terms)] : [inner];
    }

    /// <summary>A coefficient times powers of symbols (no sums inside).</summary>
    private static bool IsSimple(Expr t)
    {
        var (_, m) = Ex.SplitCoefficient(t);
        var factors = m is Mul mul ? (IReadOnlyList<Expr>)mul.Factors : [m];
        return factors.All(f => f is Sym || f is Num || f is Pow { Base: Sym, Exponent: Num });
    }

    private static IReadOnlyList<Expr> Result(Rational content, List<(Expr Base, Rational Exponent)> pulled, IReadOnlyList<Expr> inner)
    {
        var list = new List<Expr>();
        if (!content.IsOne) list.Add(Ex.Num(content));
        foreach (var (b, e) in pulled) list.Add(Ex.Pow(b, Ex.Num(e)));
        list.AddRange(inner);
        return list;
    }

    private static Expr Divide(IReadOnlyList<Expr> terms, Rational content, List<(Expr Base, Rational Exponent)> pulled)
    {
        var divisor = Ex.Mul([Ex.Num(content), .. pulled.Select(p => Ex.Pow(p.Base, Ex.Num(p.Exponent)))]);
        var inverse = Ex.Pow(divisor, Ex.MinusOne);
        return Ex.Add(terms.Select(t => Ex.Mul(t, inverse)));
    }

    private static Monomial Decompose(Expr term)
    {
        var (c, m) = Ex.SplitCoefficient(term);
        var result = new Monomial { Coefficient = c };
        var factors = m is Mul mul ? (IReadOnlyList<Expr>)mul.Factors : m.IsOne ? [] : [m];
        foreach (var f in factors)
        {
            var (b, e) = Ex.SplitPower(f);
            if (b is Constant || b is Num || e is not Num en) { Add(result, f, Rational.One); continue; }
            Add(result, b, en.Value);
        }
        return result;
    }

    private static void Add(Monomial m, Expr b, Rational e) => m.Powers[b] = m.Powers.TryGetValue(b, out var old) ? old + e : e;

    /// <summary>Rational content with the sign of the first term when every coefficient has that sign.</summary>
    private static Rational Content(List<Monomial> monomials)
    {
        BigInteger g = 0, l = 1;
        foreach (var m in monomials)
        {
            g = BigInteger.GreatestCommonDivisor(g, m.Coefficient.Numerator);
            l = l / BigInteger.GreatestCommonDivisor(l, m.Coefficient.Denominator) * m.Coefficient.Denominator;
        }
        if (g.IsZero) return Rational.One;
        var content = new Rational(g, l);
        if (monomials.All(m => m.Coefficient.Sign < 0)) content = -content;
        return content;
    }

    /// <summary>Products of symbols and sums with integer powers (no functions): denominators may be cleared.</summary>
    public static bool IsRationalMonomial(Expr t)
    {
        var factors = t is Mul m ? (IReadOnlyList<Expr>)m.Factors : [t];
        return factors.All(f => f switch
        {
            Num or Sym => true,
            Add a => a.Terms.All(IsRationalMonomial),
            Pow { Exponent: Num n } p => n.Value.IsInteger && (p.Base is Sym || p.Base is Add pa && pa.Terms.All(IsRationalMonomial)),
            _ => false,
        });
    }

    /// <summary>(a ± b)² for a² ± 2ab + b²; (a − b)(a + b) for a² − b²; null otherwise.</summary>
    private static IReadOnlyList<Expr>? Square(Expr inner)
    {
        if (inner is not Add s) return null;
        var t = s.Terms;
        if (t.Count == 3)
        {
            for (var i = 0; i < 3; i++)
            {
                for (var j = i + 1; j < 3; j++)
                {
                    var a = SquareRoot(t[i]);
                    var b = SquareRoot(t[j]);
                    if (a is null || b is null) continue;
                    var k = 3 - i - j;
                    var twoAb = Ex.Mul(Ex.Two, a, b);
                    if (t[k].Equals(twoAb)) return [Ex.Pow(Ex.Add(a, b), Ex.Two)];
                    if (t[k].Equals(Ex.Neg(twoAb))) return [Ex.Pow(Ex.Sub(a, b), Ex.Two)];
                }
            }
        }
        if (t.Count == 2)
        {
            for (var i = 0; i < 2; i++)
            {
                var a = SquareRoot(t[i]);
                var b = SquareRoot(Ex.Neg(t[1 - i]));
                if (a is null || b is null) continue;
                return [Ex.Sub(a, b), Ex.Add(a, b)];
            }
        }
        return null;
    }

    /// <summary>m when the term is m² with m a monomial (positive square coefficient, even integer powers).</summary>
    private static Expr? SquareRoot(Expr term)
    {
        var (c, m) = Ex.SplitCoefficient(term);
        if (c.Sign <= 0) return null;
        var pn = IntegerSqrt(c.Numerator);
        var pd = IntegerSqrt(c.Denominator);
        if (pn is null || pd is null) return null;
        var factors = m is Mul mul ? (IReadOnlyList<Expr>)mul.Factors : m.IsOne ? [] : [m];
        var roots = new List<Expr> { Ex.Num(new Rational(pn.Value, pd.Value)) };
        foreach (var f in factors)
        {
            var (b, e) = Ex.SplitPower(f);
            if (e is not Num en || !en.Value.IsEvenInteger || b is Num or Constant) return null;
            roots.Add(Ex.Pow(b, Ex.Num(en.Value / new Rational(2))));
        }
        return Ex.Mul(roots);
    }

    private static BigInteger? IntegerSqrt(BigInteger n)
    {
        if (n.Sign < 0) return null;
        if (n < 2) return n;
        var x = (BigInteger)Math.Sqrt((double)n);
        for (var d = -2; d <= 2; d++)
        {
            var y = x + d;
            if (y.Sign >= 0 && y * y == n) return y;
        }
        return null;
    }
}
