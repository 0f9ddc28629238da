using System.Globalization;
using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexProduct = SymKl.Latex.Syntax.Product;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// What a document's definitions fix about the densities of one sequence (x_0 … x_T), so that a random model honours
/// them at a written-out length: Gaussian kernels q(x_t | x_{t-1}) = 𝒩(x_t; a x_{t-1} + b, v I) with a mean affine in the
/// conditioning term and a variance given by parameters, marginals p(x_T) ∼ 𝒩(0, I), and factorisations
/// q(x_{1:T} | x_0) = ∏_{t=1}^T q(x_t | x_{t-1}). A model is built as a linear-Gaussian chain, one joint per density
/// letter (p_θ and p are one model): each term from the one kernel that gives it from a term placed before; what no
/// definition fixes stays random (a term without a kernel, an undefined mean function such as μ_θ(x_t, t), read as a
/// random affine function of x_t, plus θ times a random number when the model has a parameter tag); parameters (β_t)
/// get random values in (0.1, 0.9), increasing in the index. The model is used only when every definition of those
/// letters reads and holds in it (each kernel and factorisation checked numerically at random points); otherwise
/// there is no model, and the statement is decided as before. The model is one-dimensional: vectors of dimension 1.
/// </summary>
internal sealed class ChainDefinitions
{
    private const int MaxTerms = 6;

    /// <summary>An index: a whole number plus at most one symbol (t, t-1, T).</summary>
    private sealed record Index(string? Symbol, int Offset)
    {
        public int? Value(IReadOnlyDictionary<string, int> env) => Symbol is null ? Offset : env.TryGetValue(Symbol, out var v) ? v + Offset : null;

        public static Index? Parse(string text)
        {
            if (text.Length == 0 || text.Length > 6) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return new Index(null, n);
            if (!char.IsLetter(text[0]) || text[0] > 'z') return null;
            var rest = text.Substring(1);
            if (rest.Length == 0) return new Index(text.Substring(0, 1), 0);
            if (rest[0] is not ('+' or '-') || !int.TryParse(rest.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k > 3) return null;
            return new Index(text.Substring(0, 1), rest[0] == '+' ? k : -k);
        }
    }

    /// <summary>x_{t-1} (Lower = Upper) or the run x_{1:T}.</summary>
    private sealed record Term(string Letter, Index Lower, Index Upper)
    {
        public IEnumerable<string?> Symbols => [Lower.Symbol, Upper.Symbol];

        public static Term? Parse(string atom)
        {
            string letter, index;
            if (atom.EndsWith("}", StringComparison.Ordinal))
            {
                var open = atom.LastIndexOf("_{", StringComparison.Ordinal);
                if (open <= 0) return null;
                (letter, index) = (atom.Substring(0, open), atom.Substring(open + 2, atom.Length - open - 3));
            }
            else if (atom.Length >= 3 && atom[atom.Length - 2] == '_') (letter, index) = (atom.Substring(0, atom.Length - 2), atom.Substring(atom.Length - 1));
            else return null;
            var colon = index.IndexOf(':');
            if (colon < 0) return Index.Parse(index) is { } single ? new Term(letter, single, single) : null;
            return Index.Parse(index.Substring(0, colon)) is { } lo && Index.Parse(index.Substring(colon + 1)) is { } hi ? new Term(letter, lo, hi) : null;
        }

        /// <summary>The component names at these index values (x_0, x_1), or null when an index has no value.</summary>
        public List<string>? Components(IReadOnlyDictionary<string, int> env)
        {
            if (Lower.Value(env) is not { } lo || Upper.Value(env) is not { } hi || hi < lo) return null;
            return [.. Enumerable.Range(lo, hi - lo + 1).Select(k => Component(Letter, k))];
        }
    }

    private static string Component(string letter, int k)
    {
        var text = k.ToString(CultureInfo.InvariantCulture);
        return letter + "_" + (text.Length == 1 ? text : "{" + text + "}");
    }

    /// <summary>name(target | given) = 𝒩(target; mean, variance): Given null for a marginal; GivenSym the binder's name of the given term.</summary>
    private sealed record Kernel(Term Target, Term? Given, string? GivenSym, Expr Mean, Expr Variance, string Text);

    /// <summary>name(variables | given) = product of factors, some under ∏_{symbol = lo}^{hi}.</summary>
    private sealed record Factorisation(Term Variables, Term? Given, IReadOnlyList<(Term Variable, Term? Given, (string Symbol, Index Lo, Index Hi)? Range)> Factors, string Text);

    private sealed class Letter
    {
        public List<Kernel> Kernels { get; } = [];
        public List<Factorisation> Products { get; } = [];

        /// <summary>Kernels the text states as claims: checked, never used to build the chain.</summary>
        public List<Kernel> Stated { get; } = [];
        public string? Unreadable { get; set; }
    }

    private readonly Dictionary<string, Letter> _letters = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a parameter of the kernels (β_t) may take any value in (0.1, 0.9) under the document's assumptions; one
    /// with another domain, an ordering or a bound gets no random value, so no model.
    /// </summary>
    public Func<string, bool> Admissible { get; set; } = _ => false;

    /// <summary>The density letter of a definition's target (p for p_θ(x_{t-1} | x_t)), or null when it is not p, q, P or Q.</summary>
    private static string? LetterOf(SyntaxNode target) => target switch
    {
        Call { Callee: Identifier { Name: "p" or "q" or "P" or "Q", Accent: null, Decoration: null, Primes: 0 } id } => id.Name,
        // q ∼ 𝒩(…) names a density without its variables: a definition no model here can honour.
        Identifier { Name: "p" or "q" or "P" or "Q", Accent: null, Decoration: null, Primes: 0 } id => id.Name,
        _ => null,
    };

    /// <summary>Records a definition (= or ∼) of a density; one that does not read makes its letter's model impossible.</summary>
    public void Remember(SyntaxNode target, SyntaxNode formula, ParseResult parsed, IBindingScope scope, Func<string, Expr?> valueOf)
    {
        if (LetterOf(target) is not { } name) return;
        if (!_letters.TryGetValue(name, out var letter)) _letters[name] = letter = new Letter();
        var text = parsed.GetText(target.Span).Trim() + " = " + parsed.GetText(formula.Span).Trim();
        if (letter.Unreadable is not null) return;
        if (target is not Call) letter.Unreadable = text;
        else if (ReadKernel((Call)target, formula, parsed, scope, valueOf, text) is { } kernel) letter.Kernels.Add(kernel);
        else if (ReadFactorisation((Call)target, formula, parsed, name, text) is { } product) letter.Products.Add(product);
        else letter.Unreadable = text;
    }

    /// <summary>A law stated as a claim: kept (and then checked in every model) when it reads as a kernel; otherwise left aside.</summary>
    public void RememberStated(SyntaxNode target, SyntaxNode formula, ParseResult parsed, IBindingScope scope, Func<string, Expr?> valueOf)
    {
        if (MatrixScope.Unwrap(target) is not Call call || LetterOf(call) is not { } name || MatrixScope.Normal(formula) is null) return;
        var text = parsed.GetText(call.Span).Trim() + " = " + parsed.GetText(formula.Span).Trim();
        if (!_letters.TryGetValue(name, out var letter)) _letters[name] = letter = new Letter();
        if (ReadKernel(call, formula, parsed, scope, valueOf, text) is { } kernel) letter.Stated.Add(kernel);
    }

    /// <summary>The target's terms: one variable term, then at most one conditioning term; null otherwise.</summary>
    private static (Term Variable, Term? Given, string? GivenAtom)? Shape(Call call, ParseResult parsed)
    {
        if (call.Arguments.Count is < 1 or > 2 || call.Arguments.Any(a => a is not Identifier)) return null;
        if (call.Arguments.Count == 2 && (call.Separators.Count != 1 || call.Separators[0].Text != "|")) return null;
        if (Term.Parse(ModelCheck.Atom(call.Arguments[0], parsed)) is not { } variable) return null;
        if (call.Arguments.Count == 1) return (variable, null, null);
        return Term.Parse(ModelCheck.Atom(call.Arguments[1], parsed)) is { } given && given.Lower == given.Upper && given.Letter == variable.Letter
            ? (variable, given, MathBinder.SymbolName((Identifier)call.Arguments[1], parsed)) : null;
    }

    /// <summary>
    /// The expression with the values the document gave its names written in (α_t = 1 − β_t); null when a name with a value
    /// remains after a few rounds (ᾱ_t = α_t ᾱ_{t−1}, a running product): a random value for it would break its definition.
    /// </summary>
    private static Expr? Resolved(Expr? e, Func<string, Expr?> valueOf)
    {
        for (var round = 0; e is not null && round < 4; round++)
        {
            var map = new Dictionary<Sym, Expr>();
            foreach (var x in Traversal.FreeSymbols(e)) if (valueOf(x.Name) is { } v) map[x] = v;
            if (map.Count == 0) return e;
            e = Traversal.Substitute(e, map);
        }
        return null;
    }

    private static Kernel? ReadKernel(Call target, SyntaxNode formula, ParseResult parsed, IBindingScope scope, Func<string, Expr?> valueOf, string text)
    {
        if (MatrixScope.Normal(formula) is not var (meanNode, covarianceNode, point) || Shape(target, parsed) is not var (variable, given, givenAtom)) return null;
        if (variable.Lower != variable.Upper) return null;
        if (point is not null && ModelCheck.Atom(point, parsed) != ModelCheck.Atom(target.Arguments[0], parsed)) return null;
        var mean = Resolved(MathBinder.Bind(meanNode, parsed, scope).Value, valueOf);
        var variance = Resolved(MathBinder.Bind(covarianceNode, parsed, scope).Value, valueOf);
        if (mean is null || variance is null) return null;
        // Another term of the sequence in the mean or the variance (not the given one): not a kernel of one term on one.
        if (Traversal.FreeSymbols(mean).Concat(Traversal.FreeSymbols(variance)).Any(x => x.Name != givenAtom && x.Name.StartsWith(variable.Letter + "_", StringComparison.Ordinal))) return null;
        return new Kernel(variable, given, givenAtom, mean, variance, text);
    }

    private static Factorisation? ReadFactorisation(Call target, SyntaxNode formula, ParseResult parsed, string name, string text)
    {
        if (Shape(target, parsed) is not var (variables, given, _)) return null;
        var factors = new List<(Term, Term?, (string, Index, Index)?)>();
        foreach (var f in Factors(MatrixScope.Unwrap(formula)))
        {
            (string, Index, Index)? range = null;
            var node = MatrixScope.Unwrap(f);
            if (node is LatexProduct { Lower: LatexRelation { Operators.Count: 1 } lower, Upper: { } upper, Body: var body })
            {
                if (MatrixScope.Unwrap(lower.Operands[0]) is not Identifier { Subscript: null } symbol || Index.Parse(ModelCheck.Atom(lower.Operands[1], parsed)) is not { } lo
                    || Index.Parse(ModelCheck.Atom(upper, parsed)) is not { } hi) return null;
                range = (symbol.Name, lo, hi);
                node = MatrixScope.Unwrap(body);
            }
            if (node is not Call { Callee: Identifier { Name: var letter, Accent: null, Decoration: null } } call || letter != name || Shape(call, parsed) is not var (v, g, _)) return null;
            factors.Add((v, g, range));
        }
        return factors.Count == 0 ? null : new Factorisation(variables, given, factors, text);
    }

    private static IEnumerable<SyntaxNode> Factors(SyntaxNode node) => node switch
    {
        ImplicitMultiplication m => m.Factors.SelectMany(f => Factors(MatrixScope.Unwrap(f))),
        Binary { Operator: BinaryOperator.Multiply } b => Factors(MatrixScope.Unwrap(b.Left)).Concat(Factors(MatrixScope.Unwrap(b.Right))),
        _ => [node],
    };

    /// <summary>
    /// A model of the statement's joints that honours every definition of their letters at these index values (T = 1), and
    /// a description of the parameter values it chose; null when a letter has no definition, one does not read, or the
    /// model cannot satisfy them all.
    /// </summary>
    public (AbstractModel Model, string Describe)? Honour(IReadOnlyList<(string Name, IReadOnlyList<string> Variables, string? Tag)> joints,
        IReadOnlyDictionary<string, int> env, Random random)
    {
        var model = AbstractModel.Empty();
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, variables, tag) in joints)
        {
            if (!_letters.TryGetValue(name, out var letter) || letter.Unreadable is not null || letter.Kernels.Count == 0 || variables.Count > MaxTerms) return null;
            var used = new HashSet<Instance>();
            if (Chain(letter, variables, tag, env, random, parameters, used) is not { } chain) return null;
            model.Add(name, variables, chain.Mean, chain.Shift, chain.Covariance, tag);
            if (!Holds(model, name, letter, variables, tag, env, random, parameters, used)) return null;
        }
        var described = string.Join(", ", parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + " = " + AbstractModel.F(kv.Value)));
        return (model, described);
    }

    /// <summary>One kernel at one index value: the term it gives, the term it is given (or null), and the term names.</summary>
    private sealed record Instance(Kernel Kernel, int Value, string Target, string? Given);

    /// <summary>Every kernel at every value of its index symbol that keeps its terms among the variables.</summary>
    private static List<Instance>? Instances(IEnumerable<Kernel> kernels, IReadOnlyList<string> variables, IReadOnlyDictionary<string, int> env)
    {
        var found = new List<Instance>();
        foreach (var k in kernels)
        {
            var symbols = k.Target.Symbols.Concat(k.Given?.Symbols ?? []).OfType<string>().Distinct().ToList();
            if (symbols.Count > 1) return null;
            // A symbol the instance gives (T) has its value; another (t) runs over every value that fits.
            var values = symbols.Count == 0 ? [0] : env.TryGetValue(symbols[0], out var fixedValue) ? [fixedValue] : Enumerable.Range(-1, 9).ToList();
            foreach (var v in values)
            {
                var at = env.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                if (symbols.Count == 1) at[symbols[0]] = v;
                if (k.Target.Components(at) is not [var target]) continue;
                var given = k.Given?.Components(at);
                if (!variables.Contains(target) || given is not null && (given.Count != 1 || !variables.Contains(given[0]))) continue;
                found.Add(new Instance(k, v, target, given?[0]));
            }
        }
        return found;
    }

    /// <summary>A kernel's mean coefficient, offset, shift per unit of the tag, and variance at one index value; null when not affine or not positive.</summary>
    private (double A, double B, double C, double V)? Numbers(Instance i, string? tag, Random random, Dictionary<string, double> parameters)
    {
        var unknowns = new Dictionary<string, (double A, double B, double C)>(StringComparer.Ordinal);
        var index = i.Value.ToString(CultureInfo.InvariantCulture);
        var symbol = i.Kernel.Target.Lower.Symbol ?? i.Kernel.Given?.Lower.Symbol;
        var bad = false;
        double Evaluate(Expr e, double g, double theta)
        {
            var evaluator = new NumericEvaluator(s =>
            {
                if (s.Name == i.Kernel.GivenSym) return g;
                if (s.Name == "I") return 1;
                // β_t at t = 1 is β_1: one parameter per index value, increasing in it (a schedule β_1 < β_2).
                var key = symbol is not null && s.Name.EndsWith("_" + symbol, StringComparison.Ordinal) ? s.Name.Substring(0, s.Name.Length - symbol.Length) + index : s.Name;
                if (key == s.Name && symbol is not null && s.Name == symbol) return i.Value;
                if (!Admissible(s.Name)) bad = true;
                if (!parameters.TryGetValue(key, out var value)) parameters[key] = value = 0.1 + 0.1 * Math.Min(7, Math.Max(0, i.Value)) + 0.09 * random.NextDouble();
                return value;
            }, x =>
            {
                // An undefined mean function of the given term (μ_θ(x_t, t)): a random affine function of it.
                if (x is not Apply ap || i.Kernel.GivenSym is null || !ap.Args.Any(a => a is Sym s && s.Name == i.Kernel.GivenSym)
                    || ap.Args.Any(a => a is not Sym && Traversal.FreeSymbols(a).Count > 0)) { bad = true; return Approx.Undefined; }
                var key = ap.Name + "@" + index;
                if (!unknowns.TryGetValue(key, out var f))
                    unknowns[key] = f = (random.NextDouble() * 1.6 - 0.8, random.NextDouble() * 2 - 1, tag is null ? 0 : random.NextDouble() * 2 - 1);
                return new Approx(f.A * g + f.B + f.C * theta, 0);
            });
            try { return evaluator.Evaluate(e).Value; }
            catch (NotEvaluableException) { bad = true; return double.NaN; }
        }
        double M(double g, double t) => Evaluate(i.Kernel.Mean, g, t);
        var (m00, m10, m20, m01, m11) = (M(0, 0), M(1, 0), M(2, 0), M(0, 1), M(1, 1));
        var (v0, v1) = (Evaluate(i.Kernel.Variance, 0, 0), Evaluate(i.Kernel.Variance, 1, 1));
        if (bad || new[] { m00, m10, m20, m01, m11, v0, v1 }.Any(d => double.IsNaN(d) || double.IsInfinity(d))) return null;
        var a = m10 - m00;
        if (i.Given is null && (Math.Abs(a) > 1e-12 || Math.Abs(m11 - m01) > 1e-12)) return null;
        if (Math.Abs(m20 - m10 - a) > 1e-9 || Math.Abs(m11 - m01 - a) > 1e-9 || Math.Abs(v1 - v0) > 1e-12 || v0 <= 0) return null;
        return (a, m00, m01 - m00, v0);
    }

    private sealed record Joint(double[] Mean, double[] Shift, double[,] Covariance);

    /// <summary>The linear-Gaussian chain: each term from its first kernel whose given term is placed; terms without one random and independent.</summary>
    private Joint? Chain(Letter letter, IReadOnlyList<string> variables, string? tag, IReadOnlyDictionary<string, int> env, Random random, Dictionary<string, double> parameters,
        HashSet<Instance> used)
    {
        if (Instances(letter.Kernels, variables, env) is not { } instances) return null;
        var n = variables.Count;
        var (mean, shift, cov) = (new double[n], new double[n], new double[n, n]);
        var placed = new List<int>();
        while (placed.Count < n)
        {
            var progress = false;
            for (var k = 0; k < n; k++)
            {
                if (placed.Contains(k)) continue;
                var own = instances.Where(i => i.Target == variables[k]).ToList();
                var usable = own.FirstOrDefault(i => i.Given is null || placed.Contains(IndexOf(variables, i.Given)));
                if (own.Count > 0 && usable is null) continue;
                double a = 0, b, c = 0, v;
                var parent = -1;
                if (usable is null)
                {
                    // Nothing fixes this term: any law will do, so a random one.
                    (b, v) = (random.NextDouble() * 2 - 1, 0.3 + 0.5 * random.NextDouble());
                    if (tag is not null) c = random.NextDouble() * 2 - 1;
                }
                else
                {
                    if (Numbers(usable, tag, random, parameters) is not var (na, nb, nc, nv)) return null;
                    (a, b, c, v) = (na, nb, nc, nv);
                    if (usable.Given is not null) parent = IndexOf(variables, usable.Given);
                    used.Add(usable);
                }
                // x_k = a x_parent + b + θ c + noise of variance v.
                mean[k] = b + (parent >= 0 ? a * mean[parent] : 0);
                shift[k] = c + (parent >= 0 ? a * shift[parent] : 0);
                foreach (var j in placed)
                {
                    cov[k, j] = parent >= 0 ? a * cov[parent, j] : 0;
                    cov[j, k] = cov[k, j];
                }
                cov[k, k] = v + (parent >= 0 ? a * a * cov[parent, parent] : 0);
                placed.Add(k);
                progress = true;
            }
            if (!progress) return null;
        }
        return new Joint(mean, shift, cov);
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }

    private const int CheckPoints = 3;
    private const double CheckTolerance = 1e-8;

    /// <summary>Every kernel and factorisation of the letter holds in the model: log densities compared at random points.</summary>
    private bool Holds(AbstractModel model, string name, Letter letter, IReadOnlyList<string> variables, string? tag, IReadOnlyDictionary<string, int> env,
        Random random, Dictionary<string, double> parameters, HashSet<Instance> used)
    {
        if (Instances(letter.Kernels.Concat(letter.Stated), variables, env) is not { } instances) return false;
        for (var p = 0; p < CheckPoints; p++)
        {
            var point = variables.ToDictionary(v => v, _ => random.NextDouble() * 3 - 1.5, StringComparer.Ordinal);
            if (tag is not null) point[tag] = random.NextDouble() * 3 - 1.5;
            var theta = tag is null ? 0 : point[tag];
            foreach (var i in instances)
            {
                // The kernel's numbers are drawn once per model: the same parameters and mean functions as the chain's.
                // A kernel with an undefined mean function holds when it built its term (the function is the one drawn there);
                // another one with such a function may not agree with it, so no model.
                if (Traversal.Any(i.Kernel.Mean, e => e is Apply))
                {
                    if (used.Contains(i)) continue;
                    return false;
                }
                // Without an undefined function the numbers depend on the parameters alone, drawn once per model.
                if (Numbers(i, tag, random, parameters) is not var (a, b, c, v)) return false;
                var m = a * (i.Given is null ? 0 : point[i.Given]) + b + c * theta;
                var expected = -0.5 * (Math.Log(2 * Math.PI * v) + (point[i.Target] - m) * (point[i.Target] - m) / v);
                var actual = model.LogDensity(name, [i.Target], i.Given is null ? [] : [i.Given], point);
                if (!(Math.Abs(expected - actual) <= CheckTolerance * (1 + Math.Abs(expected)))) return false;
            }
            foreach (var f in letter.Products)
            {
                if (f.Variables.Components(env) is not { } targets) return false;
                var given = f.Given?.Components(env) ?? [];
                if (targets.Concat(given).Any(x => !variables.Contains(x))) return false;
                var left = model.LogDensity(name, targets, given, point);
                var right = 0.0;
                foreach (var (v, g, range) in f.Factors)
                {
                    var values = range is var (symbol, lo, hi) && lo.Value(env) is { } l && hi.Value(env) is { } h ? Enumerable.Range(l, Math.Max(0, h - l + 1)).ToList()
                        : range is null ? [int.MinValue] : null;
                    if (values is null) return false;
                    foreach (var k in values)
                    {
                        var at = env.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                        if (range is var (s, _, _)) at[s] = k;
                        if (v.Components(at) is not { } vs || (g?.Components(at) ?? []) is not { } gs || vs.Concat(gs).Any(x => !variables.Contains(x))) return false;
                        right += model.LogDensity(name, vs, gs, point);
                    }
                }
                if (!(Math.Abs(left - right) <= CheckTolerance * (1 + Math.Abs(left)))) return false;
            }
        }
        return true;
    }
}
