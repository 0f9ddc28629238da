using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The product rule, Bayes' rule, the chain rule and the log of a product, proved for every model at once. An
/// undefined density name stands for one model over named variables: p(A) is the marginal of its joint J over A,
/// p(A | B) = J(A ∪ B) / J(B). Written that way, a side that is a product and quotient of such densities is a
/// monomial in the marginals J(S), and a sum of logarithms of them is a linear combination of the log J(S). Two sides
/// with the same monomial (or combination) are equal for every joint distribution with positive densities, which is a
/// proof; ∫ and Σ over a variable of one joint marginalise it. Anything else (a number, an integral of anything else, an argument that is not a plain variable) is left to the other checks.
/// </summary>
internal static class ProbabilityRules
{
    /// <summary>A reason for a proof when the two sides agree as monomials (or log-combinations) of marginals; otherwise null.</summary>
    public static string? Prove(SyntaxNode left, SyntaxNode right, ParseResult leftParsed, ParseResult rightParsed, Func<string, bool> isDefined)
    {
        // Σ_{x ∈ D} f = Σ_{x ∈ D} g over the same range, term by term: f = g (a log-likelihood with each p(x) marginalised).
        if (left is Sum { Lower: { } ll } ls && right is Sum { Lower: { } rl } rs && Atom(ll, leftParsed) == Atom(rl, rightParsed)
            && (ls.Upper is null ? rs.Upper is null : rs.Upper is not null && Atom(ls.Upper, leftParsed) == Atom(rs.Upper, rightParsed))
            && Prove(ls.Body, rs.Body, leftParsed, rightParsed, isDefined) is { } termwise)
            return "term by term over the same range (" + leftParsed.GetText(ll.Span).Trim() + "): " + termwise;
        foreach (var asLog in new[] { false, true })
        {
            var l = Read(left, leftParsed, isDefined, asLog);
            var r = Read(right, rightParsed, isDefined, asLog);
            if (l is null || r is null) continue;
            if (l.Count == 0 && r.Count == 0)
            {
                // Σ_j P(c_j | x) = 1, ∫ p(z | x) dz = 1: a conditional summed over all values of its variable (never two bare numbers).
                if (!Nodes(left).Concat(Nodes(right)).Any(n => n is Call) || !Nodes(left).Concat(Nodes(right)).Any(n => n is Sum or Integral)) return null;
                // Σ_{j=1}^{3}: a count of values the text would have to state; Σ_j, Σ_{j=1}^{N} run over all of them.
                if (Nodes(left).Concat(Nodes(right)).Any(n => n is Sum { Upper: Number })) return null;
                return "proved by the rules of one probability model (marginals of one joint): a density summed or integrated over all values of its variable is 1 (normalisation)";
            }
            if (l.Count == r.Count && l.All(kv => r.TryGetValue(kv.Key, out var v) && v == kv.Value))
                return "proved by the rules of one probability model (p(A | B) = p(A, B) / p(B), marginals of one joint): both sides are "
                    + (asLog ? "the same combination of log-marginals " : "the same product of marginals ") + Describe(l);
        }
        return null;
    }

    private static Dictionary<string, int>? Read(SyntaxNode node, ParseResult parsed, Func<string, bool> isDefined, bool asLog)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = asLog ? Log(node, parsed, isDefined, terms, 1, 0) : Monomial(node, parsed, isDefined, terms, 1, 0);
        if (!ok) return null;
        foreach (var k in terms.Where(kv => kv.Value == 0).Select(kv => kv.Key).ToList()) terms.Remove(k);
        return terms;
    }

    private const int MaxDepth = 64;

    /// <summary>Adds sign × the log-marginal combination of a sum of logarithms of monomials.</summary>
    private static bool Log(SyntaxNode node, ParseResult parsed, Func<string, bool> isDefined, Dictionary<string, int> terms, int sign, int depth)
    {
        if (depth > MaxDepth) return false;
        switch (node)
        {
            case Group { Left: Bracket.Paren or Bracket.Square or Bracket.Brace } g:
                return Log(g.Body, parsed, isDefined, terms, sign, depth + 1);
            case Unary { Operator: UnaryOperator.Negate } u:
                return Log(u.Operand, parsed, isDefined, terms, -sign, depth + 1);
            case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
                return Log(b.Left, parsed, isDefined, terms, sign, depth + 1)
                    && Log(b.Right, parsed, isDefined, terms, b.Operator == BinaryOperator.Add ? sign : -sign, depth + 1);
            case FunctionApplication { Function: "log" or "ln", Base: null, Arguments.Count: 1 } f:
                return Monomial(f.Arguments[0], parsed, isDefined, terms, sign, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>Adds exponent × the marginals of a product, quotient or integer power of densities.</summary>
    private static bool Monomial(SyntaxNode node, ParseResult parsed, Func<string, bool> isDefined, Dictionary<string, int> terms, int exponent, int depth,
        IReadOnlyDictionary<string, string>? rename = null)
    {
        if (depth > MaxDepth) return false;
        switch (node)
        {
            case Group { Left: Bracket.Paren or Bracket.Square or Bracket.Brace } g:
                return Monomial(g.Body, parsed, isDefined, terms, exponent, depth + 1, rename);
            case ImplicitMultiplication m:
                return m.Factors.All(f => Monomial(f, parsed, isDefined, terms, exponent, depth + 1, rename));
            case Binary { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } b:
                return Monomial(b.Left, parsed, isDefined, terms, exponent, depth + 1, rename)
                    && Monomial(b.Right, parsed, isDefined, terms, b.Operator == BinaryOperator.Multiply ? exponent : -exponent, depth + 1, rename);
            case Fraction f:
                return Monomial(f.Numerator, parsed, isDefined, terms, exponent, depth + 1, rename)
                    && Monomial(f.Denominator, parsed, isDefined, terms, -exponent, depth + 1, rename);
            case Power { Exponent: Number n } p when int.TryParse(n.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k) && k is > 0 and <= 16:
                return Monomial(p.Base, parsed, isDefined, terms, exponent * k, depth + 1, rename);
            case Call call:
                return Density(call, parsed, isDefined, terms, exponent, rename);
            // 1: the empty product (what a normalised density sums to).
            case Number { Text: "1" }:
                return true;
            case Integral { Kind: "int", Lower: null, Upper: null, Body: { } body, Differentials: [{ Variable: Identifier v }] }:
                return Marginal(body, Atom(v, parsed), parsed, isDefined, terms, exponent, depth);
            // Σ_{k=1}^{K} p(x | z = k) p(z = k) (or p(z_k)): the sum over the values of z, as Σ_z.
            case Sum { Body: var body } sum when rename is null && ValuesOfIndex(sum, parsed) is var (variable, names):
                return Marginal(body, variable, parsed, isDefined, terms, exponent, depth, names);
            case Sum { Lower: Identifier v, Upper: null, Body: var body }:
                return Marginal(body, Atom(v, parsed), parsed, isDefined, terms, exponent, depth);
            default:
                return false;
        }
    }

    /// <summary>
    /// Marginalisation: ∫ J(S) · R dz = J(S \ {z}) · R when z is in S and in no factor of R (∫ p(x | z) p(z) dz = p(x));
    /// the same for Σ_z. Any other integrand in z is not a marginal of the model.
    /// </summary>
    private static bool Marginal(SyntaxNode body, string variable, ParseResult parsed, Func<string, bool> isDefined, Dictionary<string, int> terms, int exponent, int depth,
        IReadOnlyDictionary<string, string>? rename = null)
    {
        var inner = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!Monomial(body, parsed, isDefined, inner, 1, depth + 1, rename)) return false;
        var withVariable = inner.Where(kv => kv.Value != 0 && VariablesOf(kv.Key).Contains(variable)).ToList();
        if (withVariable.Count != 1 || withVariable[0].Value != 1) return false;
        var key = withVariable[0].Key;
        inner.Remove(key);
        var rest = VariablesOf(key).Where(v => v != variable).ToList();
        if (rest.Count > 0) Add(inner, Key(NameOf(key), rest), 1);
        foreach (var kv in inner) Add(terms, kv.Key, kv.Value * exponent);
        return true;
    }

    /// <summary>
    /// Σ_k (or Σ_{k=1}^{K}) over a body whose densities take z = k or z_k, and never z itself: the letter z and the
    /// spellings that stand for it at the k-th value; else null.
    /// </summary>
    private static (string Variable, Dictionary<string, string> Names)? ValuesOfIndex(Sum sum, ParseResult parsed)
    {
        var index = sum.Lower switch
        {
            Identifier k => Atom(k, parsed),
            Relation { Operands: [Identifier k, Number], Operators: [{ Kind: RelationKind.Equal, Negated: false }] } => Atom(k, parsed),
            _ => null,
        };
        if (index is null) return null;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var plain = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in Nodes(sum.Body).OfType<Call>())
            foreach (var argument in call.Arguments)
                switch (argument)
                {
                    case Relation { Operands: [Identifier z, Identifier k], Operators: [{ Kind: RelationKind.Equal, Negated: false }] } when Atom(k, parsed) == index && z.Subscript is null:
                        names[Atom(argument, parsed)] = Atom(z, parsed);
                        break;
                    case Identifier { Subscript: Identifier k, Primes: 0, Accent: null, Decoration: null, Style: NameStyle.Normal or NameStyle.Italic } z when Atom(k, parsed) == index && z.Name.Length == 1:
                        names[Atom(argument, parsed)] = z.Name;
                        break;
                    case Identifier other:
                        plain.Add(Atom(other, parsed));
                        break;
                }
        var letters = names.Values.Distinct(StringComparer.Ordinal).ToList();
        return letters.Count == 1 && !plain.Contains(letters[0]) && !plain.Contains(index) ? (letters[0], names) : null;
    }

    /// <summary>A density's arguments with the spellings of a value (z = k, z_k) read as the variable.</summary>
    private static (List<string> Names, List<string> Separators)? Renamed(Call call, ParseResult parsed, IReadOnlyDictionary<string, string> rename)
    {
        var names = new List<string>();
        foreach (var argument in call.Arguments)
        {
            var atom = Atom(argument, parsed);
            if (rename.TryGetValue(atom, out var variable)) names.Add(variable);
            else if (argument is Identifier) names.Add(atom);
            else return null;
        }
        return (names, call.Separators.Select(s => s.Text).ToList());
    }

    /// <summary>Every node of a tree (bounded).</summary>
    private static IEnumerable<SyntaxNode> Nodes(SyntaxNode root)
    {
        var pending = new Stack<SyntaxNode>();
        pending.Push(root);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 10_000)
        {
            var n = pending.Pop();
            yield return n;
            foreach (var c in n.Children()) pending.Push(c);
        }
    }

    private static string Atom(SyntaxNode node, ParseResult parsed) => ModelCheck.Atom(node, parsed);

    private static string NameOf(string key) => key.Substring(0, key.IndexOf('('));

    private static List<string> VariablesOf(string key)
    {
        var open = key.IndexOf('(');
        return [.. key.Substring(open + 1, key.Length - open - 2).Split([", "], StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>p(A | B) = J(A ∪ B) / J(B) over plain, distinct variables; p(A) = J(A).</summary>
    private static bool Density(Call call, ParseResult parsed, Func<string, bool> isDefined, Dictionary<string, int> terms, int exponent,
        IReadOnlyDictionary<string, string>? rename = null)
    {
        if (call.Callee is not Identifier id || call.Arguments.Count == 0) return false;
        // H(X | Y), I(X; Y), KL(p, q), CE(p, q), D_{KL}: information measures, not densities (H(X | Y) is a difference
        // of entropies, never H(X, Y) / H(Y); KL(p, q) and the cross-entropy are not symmetric).
        if (id.Name is "H" or "I" or "KL" or "KLD" or "CE" or "CrossEntropy" or "Entropy" || id.Name == "D" && id.Subscript is not null
            || id.Name == "h" && ExprBinder.IsRandomVariableMeasure(call))
            return false;
        var name = MathBinder.FunctionName(id, parsed);
        if (isDefined(name) || Families.Find(name) is not null || Families.Find(id.Name) is not null) return false;
        // Plain names (a run x_1, \ldots, x_d being one variable), only ',' between them and at most one '|'; a last
        // '; θ' names the model's parameter (p(x; θ) is a density with a parameter, not a conditional).
        if ((rename is null ? ArgumentRuns.Read(call, parsed) : Renamed(call, parsed, rename)) is not var (variables, separators)) return false;
        // p(x | z; θ): a density of the model p at the parameter θ, its own joint (p(·; θ) and p(·; θ') are different models).
        if (separators.Count > 0 && separators[separators.Count - 1] == ";" && call.Arguments[call.Arguments.Count - 1] is Identifier parameter
            && variables.Count > 1 && variables[variables.Count - 1] == Atom(parameter, parsed))
        {
            name += ";" + Atom(parameter, parsed);
            variables = variables.Take(variables.Count - 1).ToList();
            separators = separators.Take(separators.Count - 1).ToList();
        }
        if (separators.Any(s => s is not ("," or "|")) || separators.Count(s => s == "|") > 1) return false;
        var bar = separators.FindIndex(s => s == "|");
        if (variables.Distinct(StringComparer.Ordinal).Count() != variables.Count) return false;
        var given = bar < 0 ? [] : variables.Skip(bar + 1).ToList();
        Add(terms, Key(name, variables), exponent);
        if (given.Count > 0) Add(terms, Key(name, given), -exponent);
        return true;
    }

    private static string Key(string name, IEnumerable<string> variables) =>
        name + "(" + string.Join(", ", variables.OrderBy(v => v, StringComparer.Ordinal)) + ")";

    private static void Add(Dictionary<string, int> terms, string key, int by) =>
        terms[key] = (terms.TryGetValue(key, out var v) ? v : 0) + by;

    private static string Describe(Dictionary<string, int> terms) =>
        string.Join(" · ", terms.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Printed(kv.Key) + (kv.Value == 1 ? "" : "^" + kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>A marginal as written: p;θ(x, z) is p(x, z; θ).</summary>
    private static string Printed(string key)
    {
        var name = NameOf(key);
        var semicolon = name.IndexOf(';');
        return semicolon < 0 ? key : name.Substring(0, semicolon) + "(" + string.Join(", ", VariablesOf(key)) + "; " + name.Substring(semicolon + 1) + ")";
    }
}
