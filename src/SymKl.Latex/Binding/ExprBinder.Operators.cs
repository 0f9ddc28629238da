using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// \max, \min, \sup, \inf, \lim and expectations without a known distribution: read as unknown values
/// (<see cref="OpaqueTerms"/>) after moving out what the operator's laws allow, so that a step can still be decided
/// when it holds whatever those values are.
/// </summary>
internal sealed partial class Binder
{
    private Expr? BindOperator(Operator o)
    {
        OpaqueKind? kind = o.Name switch
        {
            "max" => OpaqueKind.Max,
            "min" => OpaqueKind.Min,
            "sup" => OpaqueKind.Sup,
            "inf" => OpaqueKind.Inf,
            "lim" => OpaqueKind.Limit,
            _ => null,
        };
        if (kind is null || o.Over is not null) return Unsupported(o, "the operator " + o.Name);
        if (kind == OpaqueKind.Limit) return BindLimit(o);
        var scope = o.Under is null ? "" : ScopeText(o.Under);
        var body = Bind(o.Operand);
        return body is null ? null : Extreme(kind.Value, scope, body);
    }

    /// <summary>
    /// max_u (c + k f) = c + k max_u f for constants c and k > 0, and c + k min_u f for k &lt; 0 (likewise sup and inf).
    /// Only numbers move out: a symbol may depend on u without showing it (H(Y) when Y's law depends on u).
    /// </summary>
    private static Expr Extreme(OpaqueKind kind, string scope, Expr body)
    {
        var (constant, rest) = SplitClosedTerms(body);
        if (rest.IsZero) return body;
        var (factor, core) = SplitClosedFactor(rest);
        if (Sign(factor) < 0)
        {
            kind = kind switch { OpaqueKind.Max => OpaqueKind.Min, OpaqueKind.Min => OpaqueKind.Max, OpaqueKind.Sup => OpaqueKind.Inf, _ => OpaqueKind.Sup };
        }
        return Ex.Add(constant, Ex.Mul(factor, OpaqueTerms.SymbolFor(new OpaqueTerm(kind, scope, core))));
    }

    /// <summary>
    /// \lim_{v \to a} f: the terms of f continuous at a finite a take their value there (lim (g + h) = lim g + h(a));
    /// numbers move out as for max. What is left is an unknown value, which the verifier may evaluate.
    /// </summary>
    private Expr? BindLimit(Operator o)
    {
        if (o.Under is not Syntax.Relation { Operands: [Identifier v, var target], Operators: [{ Kind: RelationKind.To, Negated: false }] })
            return Unsupported(o, "a limit whose variable and point cannot be read (write \\lim_{x \\to a})");
        var variable = Ex.Sym(Name(v));
        var body = Bind(o.Operand);
        _limits++;
        Expr? point;
        try
        {
            point = Bind(target);
        }
        finally
        {
            _limits--;
        }
        if (body is null || point is null) return null;
        return LimitValue(body, variable, point, ScopeText(o.Under));
    }

    /// <summary>The limit of body as the variable tends to the point (see <see cref="BindLimit"/>); scope names it in messages.</summary>
    private static Expr LimitValue(Expr body, Sym variable, Expr point, string scope)
    {
        bool finite = !Traversal.Any(point, x => x is Sym s && s.Equals(Ex.Infinity)) && !Traversal.FreeSymbols(point).Contains(variable);
        var value = new List<Expr>();
        var rest = new List<Expr>();
        foreach (var term in body is Add a ? (IEnumerable<Expr>)a.Terms : [body])
        {
            if (OpaqueTerms.IsClosedConstant(term)) value.Add(term);
            // A term free of the variable (a parameter, also at an infinite point) is its own limit.
            else if (!Traversal.FreeSymbols(term).Contains(variable) && !OpaqueTerms.NamesVariable(term, variable) && !Traversal.Any(term, x => x is Apply)) value.Add(term);
            // \bar{\alpha}_t depends on t without containing the symbol t: its limit is not its value.
            else if (finite && !OpaqueTerms.NamesVariable(term, variable) && Continuity.IsContinuousAt(term, variable, point)) value.Add(Traversal.Substitute(term, variable, point));
            else rest.Add(term);
        }
        if (rest.Count == 0) return Ex.Add(value);
        var (factor, core) = SplitClosedFactor(Ex.Add(rest));
        return Ex.Add(Ex.Add(value), Ex.Mul(factor, OpaqueTerms.SymbolFor(new OpaqueTerm(OpaqueKind.Limit, scope, core) { Variable = variable, Point = point })));
    }

    /// <summary>
    /// An expectation whose distribution the formula does not give: linear, with numbers moved out and an unknown value
    /// for each remaining term (<see cref="OpaqueTerms.Expectation"/>).
    /// </summary>
    private Expr? OpaqueExpectation(Syntax.Expectation e, Expr? body = null)
    {
        body ??= Bind(e.Body);
        if (body is null) return null;
        return OpaqueTerms.Expectation(e.Subscript is null ? "" : ScopeText(e.Subscript), body);
    }

    /// <summary>What an operator ranges over, as written but without spaces ("p\\to0", "q_z(z)q_\\theta(\\theta)").</summary>
    private string ScopeText(SyntaxNode node)
    {
        if (_text is null || node.Span.End > _text.Length) return SyntaxPrinter.Print(node);
        var text = new string(_text.Substring(node.Span.Start, node.Span.Length).Where(c => !char.IsWhiteSpace(c)).ToArray());
        return text.Length >= 2 && text[0] == '{' && text[text.Length - 1] == '}' ? text.Substring(1, text.Length - 2) : text;
    }

    /// <summary>The terms that are numbers (summed), and the rest.</summary>
    private static (Expr Constant, Expr Others) SplitClosedTerms(Expr e)
    {
        if (OpaqueTerms.IsClosedConstant(e)) return (e, Ex.Zero);
        if (e is not Add a) return (Ex.Zero, e);
        var closed = a.Terms.Where(OpaqueTerms.IsClosedConstant).ToList();
        var rest = a.Terms.Where(t => !OpaqueTerms.IsClosedConstant(t)).ToList();
        return (Ex.Add(closed), Ex.Add(rest));
    }

    /// <summary>k·f → (k, f) for the factors k that are nonzero numbers (−2, 1/log 2), so that −2 f and f share f.</summary>
    private static (Expr Factor, Expr Core) SplitClosedFactor(Expr e)
    {
        var factors = e is Mul m ? (IReadOnlyList<Expr>)m.Factors : [e];
        var closed = factors.Where(f => OpaqueTerms.IsClosedConstant(f) && Sign(f) != 0).ToList();
        if (closed.Count == 0) return (Ex.One, e);
        var core = Ex.Mul(factors.Where(f => !closed.Contains(f)));
        var (coefficient, monomial) = Ex.SplitCoefficient(core);
        return (Ex.Mul(Ex.Mul(closed), Ex.Num(coefficient)), monomial);
    }

    /// <summary>The sign of a number (0 when it cannot be told).</summary>
    private static int Sign(Expr closed)
    {
        var v = new NumericEvaluator(_ => double.NaN).Evaluate(closed);
        if (!v.IsDefined || Math.Abs(v.Value) <= v.Error) return 0;
        return Math.Sign(v.Value);
    }
}

/// <summary>Whether an elementary expression is continuous at a point, so that its limit there is its value.</summary>
public static class Continuity
{
    /// <summary>
    /// True when the term is built from numbers, symbols, sums, products, powers and known functions only, and at
    /// the point (other symbols at a few positive values) every part of it is finite, no base of a power is 0
    /// unless its exponent is a positive number (0^x has no limit at x = 0), and the exact value exists.
    /// </summary>
    public static bool IsContinuousAt(Expr term, Sym variable, Expr point)
    {
        if (Traversal.Any(term, x => x is not (Num or Constant or Sym or Add or Mul or Pow or Fn))) return false;
        if (Traversal.Any(point, x => x is not (Num or Constant or Sym or Add or Mul or Pow or Fn))) return false;
        var exact = Traversal.Substitute(term, variable, point);
        if (Traversal.Any(exact, Ex.IsUndefined)) return false;
        var others = Traversal.FreeSymbols(term).Concat(Traversal.FreeSymbols(point)).Where(s => !s.Equals(variable)).Distinct().ToList();
        double[] trial = [0.7, 1.3, 2.9];
        foreach (var t in trial)
        {
            var values = new Dictionary<Sym, double>();
            for (int i = 0; i < others.Count; i++) values[others[i]] = t + 0.37 * i;
            var at = new NumericEvaluator(s => values.TryGetValue(s, out var x) ? x : double.NaN).Evaluate(point);
            if (!at.IsDefined) return false;
            values[variable] = at.Value;
            var evaluator = new NumericEvaluator(s => values.TryGetValue(s, out var x) ? x : double.NaN);
            bool ok = !Traversal.Any(term, x =>
            {
                var value = evaluator.Evaluate(x);
                if (!value.IsDefined) return true;
                return x is Pow p && p.Exponent is not Num { Value.Sign: > 0 } && Math.Abs(evaluator.Evaluate(p.Base).Value) < 1e-300;
            });
            if (!ok) return false;
        }
        return true;
    }
}

/// <summary>
/// Shannon's information measures of random variables, in a formula that writes a conditional entropy H(X | Y) or a
/// mutual information I(X; Y): each is a combination of joint entropies of sets of variables, each joint entropy an
/// unknown value — H(X | Y) = H(X, Y) − H(Y), I(X; Y) = H(X) + H(Y) − H(X, Y), I(X; Y | Z) = H(X, Z) + H(Y, Z) − H(X, Y, Z) − H(Z).
/// A step then holds for every distribution exactly when it holds whatever those values are.
/// </summary>
internal sealed partial class Binder
{
    private bool? _informationFormula;

    /// <summary>True when the formula writes H(… | …), H(…; …) or I(…; …): there H(X, Y) is a joint entropy, not a cross-entropy.</summary>
    private bool InformationFormula => _informationFormula ??= _formula.DescendantsAndSelf().OfType<Syntax.Call>().Any(ExprBinder.IsInformationMeasure)
        || ExprBinder.IsRandomVariableFormula(_formula);

    private bool? _differentialFormula;

    /// <summary>True when the formula writes h(X) of random variables: its information measures are differential.</summary>
    private bool DifferentialFormula => _differentialFormula ??= _formula.DescendantsAndSelf().OfType<Syntax.Call>()
        .Any(c => c.Callee is Identifier { Name: "h", Subscript: null } && ExprBinder.IsRandomVariableMeasure(c) && (!_context.KnowsFunction("h") || JointMeasures));

    private bool? _jointMeasures;

    /// <summary>
    /// A formula of information measures of random variables with one of several variables (h(X, Y) = h(X) + h(Y | X)):
    /// h is then the differential entropy even where the text has given h(X) a value for one law (h(X) = log(b − a)).
    /// </summary>
    private bool JointMeasures => _jointMeasures ??= ExprBinder.IsRandomVariableFormula(_formula)
        && _formula.DescendantsAndSelf().OfType<Syntax.Call>().Any(c => ExprBinder.IsRandomVariableMeasure(c) && c.Arguments.Count >= 2);

    /// <summary>
    /// An argument that is an affine image aX + b of one random variable (written so, or a name the document gave such a
    /// value): X and the scale a (never zero as written; free of X). Null for anything else.
    /// </summary>
    private (string Variable, Expr Scale)? AffineImage(SyntaxNode argument)
    {
        Expr? value;
        if (argument is Identifier id)
        {
            if (!ExprBinder.IsRandomVariableName(id) || _context.SymbolValue?.Invoke(Name(id)) is not { } given) return null;
            value = given;
        }
        else if (ExprBinder.IsAffineImage(argument)) value = Bind(argument);
        else return null;
        if (value is null) return null;
        var randoms = Traversal.FreeSymbols(value).Where(s => s.Name.Length >= 1 && s.Name[0] is >= 'S' and <= 'Z' && (s.Name.Length == 1 || s.Name[1] == '_')).ToList();
        if (randoms.Count != 1 || argument is Identifier self && randoms[0].Name == Name(self)) return null;
        Expr scale;
        try { scale = Differentiator.Derivative(value, randoms[0]); }
        catch (NotSupportedException) { return null; }
        if (scale.IsZero || Traversal.FreeSymbols(scale).Contains(randoms[0])) return null;
        return (randoms[0].Name, scale);
    }

    /// <summary>f(X, …) when the text has given the variable that value, f a function it does not define and X … random variables; null otherwise.</summary>
    private Apply? FunctionValue(string variable) =>
        _context.SymbolValue?.Invoke(variable) is Apply { Args.Count: > 0 } given && !_context.KnowsFunction(given.Name)
        && given.Args.All(a => a is Sym { Name: [>= 'S' and <= 'Z', ..] name } && (name.Length == 1 || name[1] == '_') && name != variable)
            ? given : null;

    private Expr? InformationMeasure(Syntax.Call c, Identifier callee, string? functional)
    {
        // h(X) is the differential entropy: the same identities hold among differential entropies.
        // (of random variables, written in capitals: h(x | y) may be a density).
        bool entropy = functional == "H" || (callee is { Name: "h", Subscript: null, Primes: 0 } && (!_context.KnowsFunction(Name(callee)) || JointMeasures)
            && c.Arguments.All(a => a is Identifier { Name: [var first, ..] } && char.IsUpper(first) || ExprBinder.IsAffineImage(a) || ExprBinder.IsFunctionOfVariables(a)));
        // I(X, Y) of random variables is the mutual information even where the text has defined I(x), the self-information.
        bool information = callee is { Name: "I", Subscript: null, Primes: 0 } && (!_context.KnowsFunction(Name(callee)) || ExprBinder.IsRandomVariableMeasure(c));
        if (!(entropy || information) || !InformationFormula) return null;
        if (DifferentialFormula && !_context.LogBase.IsKnown && c.Arguments.Any(a => AffineImage(a) is not null)) return Unsupported(c, "the log base '" + _context.LogBase.Text + "'");
        // aX + b in place of a variable (written so, or a Y the document defined as aX + b): X, with the scale a kept for
        // each joint entropy that includes it, h(…, aX + b) = h(…, X) + log|a| (a bijection: H unchanged).
        var names = new List<string>();
        var scales = new Dictionary<string, Expr>(StringComparer.Ordinal);
        // f(X, Y) in place of a variable: a random variable determined by X and Y, kept as the application (its name the
        // text), so that the random models can make it a function of theirs.
        var derived = new Dictionary<string, Expr>(StringComparer.Ordinal);
        foreach (var argument in c.Arguments)
        {
            if (ExprBinder.IsFunctionOfVariables(argument))
            {
                var call = (Syntax.Call)argument;
                var function = Name((Identifier)call.Callee);
                // A function the text defines has a formula of its own (f(x) = 2x + 1 is one-to-one), which a random map is not.
                if (DifferentialFormula || _context.KnowsFunction(function)) return Unsupported(c, "an information measure of " + function + "(…), a function of random variables" + (DifferentialFormula ? " (a differential entropy)" : " the text defines"));
                var application = Ex.Apply(function, call.Arguments.Select(a => (Expr)Ex.Sym(Name((Identifier)a))).ToArray());
                var label = function + "(" + string.Join(", ", call.Arguments.Select(a => Name((Identifier)a))) + ")";
                derived[label] = application;
                names.Add(label);
                continue;
            }
            // Y where the text has set Y = f(X) (f a function it does not define): the same derived variable.
            if (argument is Identifier named && ExprBinder.IsRandomVariableName(named) && FunctionValue(Name(named)) is { } value)
            {
                if (DifferentialFormula) return Unsupported(c, "the differential entropy of " + Name(named) + ", a function of random variables");
                var label = value.Name + "(" + string.Join(", ", value.Args.Select(a => ((Sym)a).Name)) + ")";
                derived[label] = value;
                names.Add(label);
                continue;
            }
            var image = AffineImage(argument);
            if (image is null && argument is not Identifier) return null;
            var name = image?.Variable ?? Name((Identifier)argument);
            if (image is { } affine)
            {
                if (scales.ContainsKey(name) || names.Contains(name)) return Unsupported(c, "an information measure of a variable beside an affine image of it");
                scales[name] = affine.Scale;
            }
            else if (scales.ContainsKey(name)) return Unsupported(c, "an information measure of a variable beside an affine image of it");
            names.Add(name);
        }
        // The groups the separators make: H(X, Y | Z) → [X, Y] | [Z]; I(X; Y | Z) → [X] ; [Y] | [Z].
        var groups = new List<List<string>> { new() { names[0] } };
        string? condition = null;
        for (int i = 1; i < names.Count; i++)
        {
            var separator = i - 1 < c.Separators.Count ? c.Separators[i - 1].Text : ",";
            if (separator == "|")
            {
                if (condition is not null) return Unsupported(c, "an information measure with two conditions");
                condition = "|";
                groups.Add(new List<string>());
            }
            else if (separator == ";")
            {
                if (condition is not null) return Unsupported(c, "an information measure with ';' after its condition");
                groups.Add(new List<string>());
            }
            else if (separator != ",") return Unsupported(c, "the separator '" + separator + "' in an information measure");
            groups[groups.Count - 1].Add(names[i]);
        }
        var given = condition is null ? new List<string>() : groups[groups.Count - 1];
        var parts = condition is null ? groups : groups.Take(groups.Count - 1).ToList();
        Expr Joint(IEnumerable<string> variables)
        {
            var set = variables.Concat(given).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (set.Count == 0) return Ex.Zero;
            // h(X, Y): differential entropies (of continuous variables), kept apart from Shannon's H.
            var joint = OpaqueTerms.SymbolFor(new OpaqueTerm(OpaqueKind.JointEntropy, string.Join(", ", set), Ex.Apply(DifferentialFormula ? "h" : "H", set.Select(n => derived.TryGetValue(n, out var d) ? d : Ex.Sym(n)).ToArray())));
            if (!DifferentialFormula) return joint;
            // log|a| in the document's unit (log₂|a| in bits).
            return Ex.Add([joint, .. set.Where(scales.ContainsKey).Select(n => _context.LogBase.Log(Ex.Abs(scales[n]))!)]);
        }
        var conditioned = Joint([]);
        if (entropy)
        {
            // H(X, Y | Z) = H(X, Y, Z) − H(Z); H(X; Y) is I(X; Y) in some texts, and is not read.
            if (parts.Count != 1) return Unsupported(c, "H with ';' between its arguments (write I(X; Y) for the information)");
            return Ex.Sub(Joint(parts[0]), conditioned);
        }
        // I(X; Y | Z) = H(X, Z) + H(Y, Z) − H(X, Y, Z) − H(Z); I(X, Y) with commas means I(X; Y) here.
        if (parts.Count == 1 && parts[0].Count == 2) parts = [[parts[0][0]], [parts[0][1]]];
        if (parts.Count != 2) return Unsupported(c, "an information of " + parts.Count + " groups of variables");
        return Ex.Sub(Ex.Add(Joint(parts[0]), Joint(parts[1])), Ex.Add(Joint(parts[0].Concat(parts[1])), conditioned));
    }
}
