using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The parameters of a function defined by a formula, f(x, μ, σ²) = …: plain names, or a name squared (σ², the
/// variance written where a parameter goes), which stands for a parameter of its own; the formula is rewritten in it
/// (σ² → v, σ⁻¹ → v^{−1/2}), and a call f(x_i, μ, σ²) then substitutes σ² for v. A squared name is allowed only
/// where the formula writes that name nowhere but in even powers, so that the rewriting does not depend on its sign.
/// </summary>
internal sealed class DefinitionSignature
{
    private readonly Dictionary<Sym, Sym> _squared;

    private DefinitionSignature(IReadOnlyList<Sym> parameters, Dictionary<Sym, Sym> squared)
    {
        Parameters = parameters;
        _squared = squared;
    }

    public IReadOnlyList<Sym> Parameters { get; }

    /// <summary>The signature, or null when an argument is neither a name nor a name squared (or σ² where the formula uses σ itself).</summary>
    public static DefinitionSignature? Read(Call call, SyntaxNode? formula, ParseResult parsed)
    {
        if (MathBinder.Parameters(call, parsed) is { } plain) return new DefinitionSignature(plain, []);
        var list = new List<Sym>();
        var squared = new Dictionary<Sym, Sym>();
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (i > 0 && i - 1 < call.Separators.Count && call.Separators[i - 1].Text == ";") break;
            switch (call.Arguments[i])
            {
                case Identifier id:
                    list.Add(Ex.Sym(MathBinder.SymbolName(id, parsed)));
                    break;
                case Power { Base: Identifier b, Exponent: var two } when Unwrapped(two) is Number { Text: "2" }:
                    var name = MathBinder.SymbolName(b, parsed);
                    if (formula is null || !OnlyInEvenPowers(formula, name, parsed)) return null;
                    var variance = Ex.Sym(name + "^2");
                    squared[Ex.Sym(name)] = variance;
                    list.Add(variance);
                    break;
                default:
                    return null;
            }
        }
        return list.Distinct().Count() == list.Count ? new DefinitionSignature(list, squared) : null;
    }

    /// <summary>The formula in the parameters (σ^r → v^{r/2}); null if a squared name is left in another form.</summary>
    public Expr? Rewrite(Expr body)
    {
        if (_squared.Count == 0) return body;
        var failed = false;
        Expr Walk(Expr e)
        {
            // √(σ²) is |σ| to the kernel: |σ|^r is v^{r/2} too.
            if (e is Pow { Base: var b, Exponent: Num n } && Squared(b) is { } v)
                return Ex.Pow(v, Ex.Num(n.Value / new Rational(2)));
            if (e is Fn { Function: FunctionKind.Abs, Arg: Sym a } && _squared.TryGetValue(a, out var root))
                return Ex.Pow(root, Ex.Half);
            if (e is Sym plain && _squared.ContainsKey(plain)) { failed = true; return e; }
            if (e.Children.Count == 0) return e;
            var children = e.Children.Select(Walk).ToArray();
            return children.SequenceEqual(e.Children) ? e : Ex.Rebuild(e, children);
        }
        Sym? Squared(Expr b) => b switch
        {
            Sym s when _squared.TryGetValue(s, out var v) => v,
            Fn { Function: FunctionKind.Abs, Arg: Sym s } when _squared.TryGetValue(s, out var v) => v,
            _ => null,
        };
        var result = Walk(body);
        return failed ? null : result;
    }

    private static SyntaxNode Unwrapped(SyntaxNode n)
    {
        while (n is Group { Body: var inner }) n = inner;
        return n;
    }

    /// <summary>Every occurrence of the name in the formula is the base of an even power (σ², σ^4).</summary>
    private static bool OnlyInEvenPowers(SyntaxNode formula, string name, ParseResult parsed)
    {
        var ok = true;
        void Visit(SyntaxNode n, bool evenBase)
        {
            if (n is Identifier id && MathBinder.SymbolName(id, parsed) == name && !evenBase) ok = false;
            if (n is Power { Base: var b } p && Unwrapped(p.Exponent) is Number { Text: var t } && int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k) && k % 2 == 0 && k > 0)
            {
                Visit(b, true);
                Visit(p.Exponent, false);
                return;
            }
            foreach (var c in n.Children()) Visit(c, false);
        }
        Visit(formula, false);
        return ok;
    }
}
