using System.Collections.Concurrent;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>The operators whose value SymKl reads as an unknown number rather than computes.</summary>
public enum OpaqueKind { Max, Min, Sup, Inf, Limit, Expectation, JointEntropy, SetIntegral, Density }

/// <summary>
/// One operator application read as an unknown value: \max_u f, \lim_{p \to 0} f, or an expectation whose
/// distribution the formula does not give (\mathbb{E}[f], \mathbb{E}_q[f] with q's variable unknown).
/// <see cref="Scope"/> is what the operator ranges over as written ("u", "p \to 0", "q"; empty when nothing is
/// written), <see cref="Body"/> the operand left once the constants the operator's laws allow have been moved out.
/// </summary>
public sealed record OpaqueTerm(OpaqueKind Kind, string Scope, Expr Body)
{
    /// <summary>For a limit: the variable and the point it tends to (Ex.Infinity, possibly negated).</summary>
    public Sym? Variable { get; init; }

    public Expr? Point { get; init; }

    /// <summary>
    /// For a maximum or minimum: symbols (comma-separated names) a value the text gave brought into the operand (n in
    /// \max_u H(Y) after H(Y) = H(\frac u2 + \frac{1-u}{2(n-1)}, …)): quantities of the text, held fixed under the operator.
    /// </summary>
    public string Fixed { get; init; } = "";

    public string Describe() => Kind switch
    {
        OpaqueKind.Limit => "\\lim_{" + Scope + "}",
        OpaqueKind.Expectation => Scope.Length == 0 ? "\\mathbb{E}" : "\\mathbb{E}_{" + Scope + "}",
        OpaqueKind.JointEntropy => (Body is Apply { Name: "h" } ? "h(" : "H(") + Scope + ")",
        OpaqueKind.SetIntegral => "\\int_{" + Scope + "}",
        // One value of a density the document never gives (p(x_t | x_0) with vectors), named as the text applies it.
        OpaqueKind.Density => Scope,
        _ => "\\" + Kind.ToString().ToLowerInvariant() + (Scope.Length == 0 ? "" : "_{" + Scope + "}"),
    };
}

/// <summary>
/// The symbols that stand for <see cref="OpaqueTerm"/>s. A step with such symbols is decided only when it holds
/// whatever their values are (after equal operands have been given the same symbol): it is then true of every
/// value the operators could take; otherwise it is read but not decided, never refuted. The symbol of a term is
/// a function of its contents, so the same term gets the same symbol in every formula and on every thread.
/// </summary>
public static class OpaqueTerms
{
    private const string Marker = "\u27e6"; // ⟦ never occurs in a name read from LaTeX
    private static readonly ConcurrentDictionary<string, OpaqueTerm> BySymbol = new(StringComparer.Ordinal);

    /// <summary>The symbol that stands for the term's value.</summary>
    public static Sym SymbolFor(OpaqueTerm term)
    {
        // No '_' in the name: the kernel reads what follows an underscore as a subscript.
        var stem = (Marker + term.Describe() + "\u27e7" + LatexPrinter.Print(term.Body)).Replace('_', '\u2038');
        for (var suffix = 0; ; suffix++)
        {
            var name = suffix == 0 ? stem : stem + "#" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var stored = BySymbol.GetOrAdd(name, term);
            if (stored == term) return Ex.Sym(name);
        }
    }

    /// <summary>The term a symbol stands for, or null for an ordinary symbol.</summary>
    public static OpaqueTerm? Find(Sym symbol) =>
        symbol.Name.StartsWith(Marker, StringComparison.Ordinal) && BySymbol.TryGetValue(symbol.Name, out var t) ? t : null;

    /// <summary>The opaque terms of an expression (each once), in order of appearance.</summary>
    public static IReadOnlyList<(Sym Symbol, OpaqueTerm Term)> In(Expr e)
    {
        var found = new List<(Sym, OpaqueTerm)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Traversal.Any(e, x =>
        {
            if (x is Sym s && Find(s) is { } t && seen.Add(s.Name)) found.Add((s, t));
            return false;
        });
        return found;
    }

    /// <summary>
    /// True when a name in the expression carries the variable in its subscript (\bar{\alpha}_t, x_{t-1}, p_t(x) for t):
    /// such a name depends on the variable although the symbol itself does not occur.
    /// </summary>
    public static bool NamesVariable(Expr e, Sym variable) => Traversal.Any(e, x => x switch
    {
        Sym s => !s.Equals(variable) && SubscriptMentions(s.Name, variable.Name),
        Apply a => SubscriptMentions(a.Name, variable.Name),
        _ => false,
    });

    private static bool SubscriptMentions(string name, string variable)
    {
        var underscore = name.IndexOf('_');
        if (underscore < 0) return false;
        var tokens = name.Substring(underscore + 1).Split(['{', '}', '(', ')', ',', '+', '-', ' ', '_', '^', '\\', ':', ';', '|'], StringSplitOptions.RemoveEmptyEntries);
        return tokens.Contains(variable, StringComparer.Ordinal);
    }

    /// <summary>
    /// A number that involves no symbol, function or operator (2, −3/2, 1/log 2): a constant whatever the operator
    /// ranges over, even where the operand depends on it only implicitly (H(Y) with Y's distribution a function of u).
    /// </summary>
    public static bool IsClosedConstant(Expr e) => !Traversal.Any(e, x => x is not (Num or Constant or Add or Mul or Pow or Fn));

    /// <summary>
    /// A number, possibly made of expectations of unstated law written without a subscript (E[X], E[X]^2): each is a
    /// number too, whatever law it is taken under, so it moves out of another expectation (E[X E[Y]] = E[X] E[Y]).
    /// </summary>
    public static bool IsNumberValue(Expr e) =>
        !Traversal.Any(e, x => x is not (Num or Constant or Add or Mul or Pow or Fn) && !(x is Sym s && Find(s) is { Kind: OpaqueKind.Expectation, Scope: "" }));

    /// <summary>
    /// An expectation whose law the formula does not give, as unknown values: linear, E[c] = c and E[k f] = k E[f] for
    /// numbers c and k (expectations without a subscript among them), and an unknown value for each remaining term (what
    /// it is taken over is not known, so no symbol moves out).
    /// </summary>
    public static Expr Expectation(string scope, Expr body)
    {
        // E[(X + 1)^2] = E[X^2] + 2 E[X] + 1: products and powers of sums multiplied out first.
        try
        {
            body = Expander.Expand(body, new Budget(200_000) { MaxTerms = 500 });
        }
        catch (BudgetExceededException)
        {
            // Too large to multiply out: its terms as written.
        }
        var terms = new List<Expr>();
        foreach (var term in body is Add a ? (IEnumerable<Expr>)a.Terms : [body])
        {
            var factors = term is Mul m ? (IReadOnlyList<Expr>)m.Factors : [term];
            var numbers = factors.Where(f => !f.IsZero && IsNumberValue(f)).ToList();
            if (numbers.Count == factors.Count)
            {
                terms.Add(term);
                continue;
            }
            var core = Ex.Mul(factors.Where(f => !numbers.Contains(f)));
            var (coefficient, monomial) = Ex.SplitCoefficient(core);
            terms.Add(Ex.Mul(Ex.Mul(numbers), Ex.Num(coefficient), SymbolFor(new OpaqueTerm(OpaqueKind.Expectation, scope, monomial))));
        }
        return Ex.Add(terms);
    }

    /// <summary>
    /// ∫ over a set the text does not describe (\int_{x \in \mathcal{X}} with no density of x in the integrand, \int_A, \int_y),
    /// as unknown values: what holds over every set holds for them. Linear, ∫_S Σ c_k f_k dx = Σ c_k ∫_S f_k dx for factors
    /// c_k free of x (e^{a + b(x)} split into e^a e^{b(x)} first), and ∫_S c dx = c ∫_S dx (the size of S, an unknown
    /// value too). <paramref name="scope"/> names the variable and the set, so integrals over other sets never merge.
    /// </summary>
    public static Expr SetIntegral(string scope, Sym variable, Expr body)
    {
        try
        {
            body = Expander.Expand(body, new Budget(200_000) { MaxTerms = 500 });
        }
        catch (BudgetExceededException)
        {
            // Too large to multiply out: its terms as written.
        }
        var terms = new List<Expr>();
        foreach (var term in body is Add a ? (IEnumerable<Expr>)a.Terms : [body])
        {
            var factors = (term is Mul m ? (IReadOnlyList<Expr>)m.Factors : [term]).SelectMany(f => ExponentParts(f, variable)).ToList();
            // A factor moves out only when it is free of x, also through a subscript (a_x) or an operand of another unknown value.
            bool Free(Expr f) => !Traversal.FreeSymbols(f).Contains(variable) && !NamesVariable(f, variable)
                && !In(f).Any(t => Traversal.FreeSymbols(t.Term.Body).Contains(variable));
            var outside = factors.Where(Free).ToList();
            var core = Ex.Mul(factors.Where(f => !Free(f)));
            var (coefficient, monomial) = Ex.SplitCoefficient(core);
            terms.Add(Ex.Mul(Ex.Mul(outside), Ex.Num(coefficient), SymbolFor(new OpaqueTerm(OpaqueKind.SetIntegral, scope, monomial) { Variable = variable })));
        }
        return Ex.Add(terms);
    }

    /// <summary>e^{a + b(x)} as e^a·e^{b(x)}: the canonical form merges powers of e, which hides a factor free of x.</summary>
    private static IEnumerable<Expr> ExponentParts(Expr factor, Sym x)
    {
        if (factor is not Pow { Base: Constant { Which: ConstantKind.E }, Exponent: Add exponent }) return [factor];
        var free = exponent.Terms.Where(t => !Traversal.FreeSymbols(t).Contains(x)).ToList();
        if (free.Count == 0 || free.Count == exponent.Terms.Count) return [factor];
        return [Ex.Exp(Ex.Add(free)), Ex.Exp(Ex.Add(exponent.Terms.Where(t => Traversal.FreeSymbols(t).Contains(x))))];
    }

    /// <summary>Rebuilds every expectation of unstated law in e with its operand mapped (definitions substituted, sums written out).</summary>
    public static Expr MapExpectations(Expr e, Func<Expr, Expr> operand)
    {
        var map = new Dictionary<Sym, Expr>();
        foreach (var (symbol, term) in In(e))
            if (term.Kind == OpaqueKind.Expectation)
            {
                var mapped = operand(term.Body);
                if (!mapped.Equals(term.Body)) map[symbol] = Expectation(term.Scope, mapped);
            }
        return map.Count == 0 ? e : Traversal.Substitute(e, map);
    }
}
