using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// A derivative with respect to a name the document defines from others: β = 1/(k_B T), then ∂Z/∂β of
/// Z = Σ_i e^{−E_i/(k_B T)}. Z does not mention β, but it depends on it; read literally the derivative is 0. The
/// expression is written back in β where the definition's monomial appears (e^{−E_i/(k_B T)} = e^{−β E_i}) and
/// differentiated then. When some of the definition's symbols remain outside it, how the expression moves with β
/// depends on which of them is held fixed: the derivative is not read.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>Null when the variable is not a defined name the expression depends on through its definition (the ordinary derivative applies).</summary>
    private Expr? ThroughDefinition(SyntaxNode at, Expr operand, Expr expanded, IReadOnlyList<Sym> variables, out bool handled)
    {
        handled = false;
        if (variables.Count != 1 || _context.SymbolValue is null) return null;
        var v = variables[0];
        if (_context.SymbolValue(v.Name) is not { } g) return null;
        var own = Traversal.FreeSymbols(expanded);
        var through = Traversal.FreeSymbols(g);
        if (own.Contains(v) || through.Contains(v) || !through.Any(own.Contains)) return null;
        handled = true;
        if (HeldAsWritten(operand, v, through) is { } direct) return direct;
        var name = LatexPrinter.Print(v);
        if (Monomial(g) is not { } pattern)
            return Unsupported(at, "the derivative with respect to " + name + ", which the document defines as " + LatexPrinter.Print(g) + ": the expression is written in its symbols, and SymKl writes it back in " + name + " only for a product of powers");
        var written = Ex.Map(expanded, node => InTermsOf(node, v, pattern) ?? node);
        var left = Traversal.FreeSymbols(written).Where(through.Contains).Select(s => s.Name).ToList();
        if (left.Count > 0)
            return Unsupported(at, "the derivative with respect to " + name + ", which the document defines as " + LatexPrinter.Print(g) + ": the expression also depends on " +
                string.Join(", ", left) + " outside that combination, so its derivative depends on what is held fixed");
        try
        {
            return Differentiator.Derivative(written, v, Rule, DependsOn);
        }
        catch (NotSupportedException ex)
        {
            return Unsupported(at, "the derivative: " + ex.Message);
        }
    }

    /// <summary>
    /// A'(η) where the text defines η = log(μ/(1 − μ)) and A(η) = −log(1 − μ): the formula of A is written in μ, which moves
    /// with η through η's definition, so read literally A' is 0. Unsupported, naming the link (the derivative needs μ written
    /// in η). A formula in none of the definition's symbols (h(η) = 1) is a constant, and stays differentiable.
    /// </summary>
    private Expr? ThroughArgumentDefinition(SyntaxNode at, string function, Sym parameter, Expr argument)
    {
        if (argument is not Sym a || _context.SymbolValue?.Invoke(a.Name) is not { } g || _context.Expand?.Invoke(Ex.Apply(function, parameter)) is not { } formula)
            return null;
        var own = Traversal.FreeSymbols(formula);
        if (own.Contains(parameter)) return null;
        var linked = Traversal.FreeSymbols(g).Where(own.Contains).Select(s => LatexPrinter.Print(s)).ToList();
        return linked.Count == 0 ? null : Unsupported(at, "the derivative of " + function + ", whose formula is written in " + string.Join(", ", linked)
            + ", which the document ties to " + LatexPrinter.Print(a) + " through " + LatexPrinter.Print(a) + " = " + LatexPrinter.Print(g) + " (write the formula in " + LatexPrinter.Print(a) + ")");
    }

    /// <summary>
    /// ∂/∂p_x with p_x := p_X(x) defined as the value of a function: the expansion writes p_x as p_X(x), which a partial
    /// derivative would hold fixed (an undefined function of other arguments), reading 0. The operand is differentiated in
    /// p_x as written when nothing in it binds a variable (a sum over x would make p_x a family); otherwise unsupported.
    /// </summary>
    private (bool Handled, Expr? Result) ThroughNamedValue(SyntaxNode at, Expr operand, Expr expanded, IReadOnlyList<Sym> variables)
    {
        if (variables.Count != 1 || _context.SymbolValue is null) return (false, null);
        var v = variables[0];
        if (_context.SymbolValue(v.Name) is not { } g || !Traversal.Any(g, n => n is Apply)) return (false, null);
        if (!Traversal.FreeSymbols(operand).Contains(v) || Traversal.FreeSymbols(expanded).Contains(v)) return (false, null);
        if (!Traversal.Any(operand, n => n is BinderNode) && HeldAsWritten(operand, v, Traversal.FreeSymbols(g)) is { } direct) return (true, direct);
        return (true, Unsupported(at, "the derivative with respect to " + LatexPrinter.Print(v) + ", which the document defines as " + LatexPrinter.Print(g)
            + ": written out, the expression holds it as a value of a function, and how that moves with " + LatexPrinter.Print(v) + " is not read"));
    }

    /// <summary>
    /// ∂σ(z)/∂z with z = wᵀx + b (or w₀x₀ + … + w_m x_m) defined: the operand is written in z itself and nothing else in it
    /// involves z's symbols, so z is held as the variable while the rest is written out, and the derivative is the ordinary
    /// one (no choice of what is held fixed arises). Null when the operand does not write z, or brings z's symbols in
    /// another way (p = σ(z) defined: then which of them moves with z is not said).
    /// </summary>
    private Expr? HeldAsWritten(Expr operand, Sym v, IReadOnlyCollection<Sym> through)
    {
        if (!Traversal.FreeSymbols(operand).Contains(v)) return null;
        var t = Ex.Fresh("ξ_held");
        var replaced = Traversal.Substitute(operand, v, t);
        var held = _context.Expand?.Invoke(replaced) ?? replaced;
        var free = Traversal.FreeSymbols(held);
        if (!free.Contains(t) || free.Contains(v) || free.Any(through.Contains)) return null;
        try { return Traversal.Substitute(Differentiator.Derivative(held, t, Rule, DependsOn), t, v); }
        catch (NotSupportedException) { return null; }
    }

    /// <summary>c·∏ s_j^{a_j} with integer a_j (1/(k_B T), σ^{-2}, 2a): the coefficient and the powers; null otherwise.</summary>
    private static (Rational Coefficient, Dictionary<Sym, Rational> Powers)? Monomial(Expr g)
    {
        var powers = new Dictionary<Sym, Rational>();
        var coefficient = Rational.One;
        foreach (var factor in g is Mul m ? [.. m.Factors] : new List<Expr> { g })
        {
            switch (factor)
            {
                case Num n when !n.Value.IsZero: coefficient *= n.Value; break;
                case Sym s: powers[s] = Power(powers, s) + 1; break;
                case Pow { Base: Sym s, Exponent: Num { Value: var k } } when k.IsInteger && !k.IsZero: powers[s] = Power(powers, s) + k; break;
                default: return null;
            }
        }
        return powers.Count == 0 || powers.Values.Any(k => k.IsZero) ? null : (coefficient, powers);
    }

    /// <summary>A product containing the monomial to an integer power k (E_i·k_B^{-1}·T^{-1} with g = 1/(k_B T), k = 1): the rest times (v/c)^k.</summary>
    private static Expr? InTermsOf(Expr node, Sym v, (Rational Coefficient, Dictionary<Sym, Rational> Powers) g)
    {
        if (node is not (Mul or Pow or Sym)) return null;
        var factors = node is Mul m ? [.. m.Factors] : new List<Expr> { node };
        var symbolPowers = new Dictionary<Sym, Rational>();
        var rest = new List<Expr>();
        foreach (var f in factors)
        {
            if (f is Sym s && g.Powers.ContainsKey(s)) symbolPowers[s] = Power(symbolPowers, s) + 1;
            else if (f is Pow { Base: Sym b, Exponent: Num { Value: var k } } && k.IsInteger && g.Powers.ContainsKey(b)) symbolPowers[b] = Power(symbolPowers, b) + k;
            else rest.Add(f);
        }
        if (symbolPowers.Count != g.Powers.Count) return null;
        Rational? common = null;
        foreach (var entry in g.Powers)
        {
            var k = symbolPowers[entry.Key] / entry.Value;
            if (!k.IsInteger || k.IsZero || common is { } c && c != k) return null;
            common = k;
        }
        var power = common!.Value;
        // s_j^{k a_j} = (g/c)^k, exactly wherever both sides are defined (k is an integer).
        return Ex.Mul([.. rest, Ex.Pow(v, Ex.Num(power)), Ex.Pow(Ex.Num(g.Coefficient), Ex.Num(-power))]);
    }

    private static Rational Power(Dictionary<Sym, Rational> powers, Sym s) => powers.TryGetValue(s, out var k) ? k : Rational.Zero;
}
