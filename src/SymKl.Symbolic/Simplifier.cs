using System.Numerics;

namespace SymKl.Symbolic;

/// <summary>
/// Rewrites that need to know signs: log of products and powers, |x| for known signs, roots of products.
/// Each rule holds at every point (satisfying the assumptions) where its input is defined.
/// </summary>
public static class Simplifier
{
    public static Expr Simplify(Expr e, Assumptions a, Budget? budget = null)
    {
        budget ??= new Budget();
        var current = e;
        for (var pass = 0; pass < 12; pass++)
        {
            budget.Charge(1, "simplification");
            var next = Ex.Map(current, x => Rule(x, a, budget, 0));
            if (next.Equals(current)) return next;
            current = next;
        }
        return current;
    }

    private static Expr Rule(Expr e, Assumptions a, Budget budget, int depth)
    {
        budget.Charge(1, "simplification");
        if (depth > 16) return e;
        Expr Again(Expr x) => ReferenceEquals(x, e) ? x : Ex.Map(x, y => Rule(y, a, budget, depth + 1));

        switch (e)
        {
            // |x| = x for x ≥ 0, −x for x ≤ 0.
            case Fn { Function: FunctionKind.Abs } abs when Signs.IsNonNegative(abs.Arg, a):
                return abs.Arg;
            case Fn { Function: FunctionKind.Abs } abs when Signs.IsNonPositive(abs.Arg, a):
                return Ex.Neg(abs.Arg);

            case Fn { Function: FunctionKind.Log } log:
                return Again(LogRule(log, a));

            // KL(p‖q) = H(p, q) − H(p), by definition (a canonical form for the three functionals).
            case Functional { Which: FunctionalKind.KL } kl when kl.Args.Count == 2:
                return Ex.Sub(Ex.Functional(FunctionalKind.CrossEntropy, kl.Args[0], kl.Args[1]), Ex.Functional(FunctionalKind.Entropy, kl.Args[0]));

            // H(p, q) written with the entropy's letter is the cross-entropy.
            case Functional { Which: FunctionalKind.Entropy } h when h.Args.Count == 2:
                return Ex.Functional(FunctionalKind.CrossEntropy, h.Args[0], h.Args[1]);

            // Linearity: ∫(f + g) = ∫f + ∫g and ∫c·f = c·∫f for c free of the variable (likewise Σ and E). Not Π: a
            // product of sums is no sum of products, and Π c·f = cⁿ Π f.
            case BinderNode binder and not IndexedProduct:
                return Linear(binder) is { } split ? Again(split) : e;

            // (x·y)^r for non-integer r: where defined, x·y ≥ 0, so (x·y)^r = |x|^r·|y|^r.
            case Pow { Exponent: Num r, Base: Mul m } when !r.Value.IsInteger:
                return Again(Ex.Mul(m.Factors.Select(f => Ex.Pow(Ex.Abs(f), r))));

            // (c·S)^r = c^r·S^r for a positive rational content c of a sum S; for integer r also −1.
            case Pow { Exponent: Num r, Base: Add s }:
                {
                    var (c, primitive) = Content(s, allowNegative: r.Value.IsInteger);
                    if (c.IsOne) return e;
                    return Again(Ex.Mul(Ex.Pow(Ex.Num(c), r), Ex.Pow(primitive, r)));
                }
        }
        return e;
    }

    private static Expr? Linear(BinderNode e)
    {
        var body = e.Body;
        var x = e.Variable;
        Expr With(Expr newBody)
        {
            var kids = e.Children.ToArray();
            kids[0] = newBody;
            return Ex.Rebuild(e, kids);
        }
        if (body is Add sum) return Ex.Add(sum.Terms.Select(With));
        var factors = (body is Mul m ? (IReadOnlyList<Expr>)m.Factors : [body]).SelectMany(f => ExponentParts(f, x)).ToList();
        var free = factors.Where(f => !Traversal.FreeSymbols(f).Contains(x)).ToList();
        if (free.Count == 0) return null;
        var rest = Ex.Mul(factors.Where(f => Traversal.FreeSymbols(f).Contains(x)));
        // E[c] = c; ∫c dx and Σ c over an unspecified range have no such rule, but a number moves out of a sum of
        // any range: Σ_k (−1) = −Σ_k 1, Σ_k 2a = 2 Σ_k a (and Σ_k 0 = 0).
        if (rest.IsOne)
        {
            if (e is Expectation) return body;
            if (e is not Summation || free is not [Num c, ..] || c.Equals(Ex.One)) return null;
            return c.Equals(Ex.Zero) ? Ex.Zero : Ex.Mul(c, With(Ex.Mul(free.Skip(1))));
        }
        return Ex.Mul(Ex.Mul(free), With(rest));
    }

    /// <summary>
    /// e^{a + b·k} under Σ_k as e^{a}·e^{b·k}: the canonical form merges powers of e into one, which hides a factor free
    /// of the variable (Σ_k e^{λ₀−1} e^{λ₁k} = e^{λ₀−1} Σ_k e^{λ₁k}); other factors as they are.
    /// </summary>
    private static IEnumerable<Expr> ExponentParts(Expr factor, Sym x)
    {
        if (factor is not Pow { Base: Constant { Which: ConstantKind.E }, Exponent: Add exponent }) return [factor];
        var free = exponent.Terms.Where(t => !Traversal.FreeSymbols(t).Contains(x)).ToList();
        if (free.Count == 0 || free.Count == exponent.Terms.Count) return [factor];
        return [Ex.Exp(Ex.Add(free)), Ex.Exp(Ex.Add(exponent.Terms.Where(t => Traversal.FreeSymbols(t).Contains(x))))];
    }

    private static Expr LogRule(Fn log, Assumptions a)
    {
        var x = log.Arg;
        switch (x)
        {
            // log(x·y) = log|x| + log|y| where x·y > 0; |x| = x for positive factors.
            case Mul m:
                return Ex.Add(m.Factors.Select(f => Ex.Log(Signs.IsPositive(f, a) ? f : Ex.Abs(f))));
            // log(b^e): b > 0 known, or e not an integer (then b > 0 wherever b^e is real and positive).
            case Pow p when Signs.IsPositive(p.Base, a) || (p.Exponent is Num n0 && !n0.Value.IsInteger) ||
                            (p.Exponent is not Num && !Signs.IsInteger(p.Exponent, a)):
                return Ex.Mul(p.Exponent, Ex.Log(p.Base));
            // log(b^n) = n·log|b| for integer n.
            case Pow p:
                return Ex.Mul(p.Exponent, Ex.Log(Ex.Abs(p.Base)));
            case Add s:
                {
                    var (c, primitive) = Content(s, allowNegative: false);
                    return c.IsOne ? log : Ex.Add(Ex.Log(Ex.Num(c)), Ex.Log(primitive));
                }
        }
        return log;
    }

    /// <summary>
    /// Writes a sum as c·S with S primitive: integer coefficients with no common factor, and (when
    /// <paramref name="allowNegative"/>) the first non-constant term's coefficient positive.
    /// </summary>
    public static (Rational Content, Expr Primitive) Content(Add s, bool allowNegative)
    {
        BigInteger g = 0, l = 1;
        foreach (var t in s.Terms)
        {
            var (c, _) = Ex.SplitCoefficient(t);
            g = BigInteger.GreatestCommonDivisor(g, c.Numerator);
            l = l / BigInteger.GreatestCommonDivisor(l, c.Denominator) * c.Denominator;
        }
        if (g.IsZero) return (Rational.One, s);
        var content = new Rational(g, l);
        if (allowNegative)
        {
            var lead = s.Terms.FirstOrDefault(t => t is not Num) ?? s.Terms[0];
            if (Ex.SplitCoefficient(lead).Coefficient.Sign < 0) content = -content;
        }
        if (content.IsOne) return (Rational.One, s);
        var inv = Ex.Num(content.Reciprocal());
        return (content, Ex.Add(s.Terms.Select(t => Ex.Mul(inv, t))));
    }
}
