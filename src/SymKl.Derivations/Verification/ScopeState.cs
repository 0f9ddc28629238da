using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using LatexRelation = SymKl.Latex.Syntax.Relation;
using LogBase = SymKl.Latex.Binding.LogBase;

namespace SymKl.Derivations.Verification;

/// <summary>What is known at a point of a document: definitions, distributions, assumptions, notation.</summary>
internal sealed class ScopeState : IBindingScope
{
    private readonly HashSet<string> _definedFunctions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenSymbols = new(StringComparer.Ordinal);
    private readonly Dictionary<Sym, Expr> _symbolDefinitions = [];
    private readonly Dictionary<string, FilePosition> _usedAbstract = new(StringComparer.Ordinal);

    public Assumptions Assumptions { get; private set; } = Assumptions.Default;
    public DistributionContext Context { get; set; } = DistributionContext.Empty;

    /// <summary>E(X) is the expectation operator in this document (it uses no quantity E).</summary>
    public bool ExpectationCalls { get; set; }

    /// <summary>What a bare \log means in this document.</summary>
    public LogBase LogBase { get; set; } = LogBase.Natural;

    /// <summary>Tables of p(y | x) the document defines, by "Y|X": row k holds p(y | X = k).</summary>
    public Dictionary<string, IReadOnlyList<IReadOnlyList<Expr>>> ConditionalTables { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<Expr>? ConditionalRow(string target, string given, int value) =>
        ConditionalTables.TryGetValue(target + "|" + given, out var rows) && value >= 0 && value < rows.Count ? rows[value] : null;

    private readonly Dictionary<string, (Expr Value, IReadOnlyList<Sym> Vectors)> _writtenApplications = new(StringComparer.Ordinal);

    /// <summary>
    /// f(a, b) given its value by the text with those argument names (μ(x_t, x_0) = … = μ(x_t, t): the mean written with
    /// the noise ε in place of x_0): the value in the arguments' and other names, and which of its names are vectors.
    /// </summary>
    public void WriteApplication(string function, IEnumerable<string> arguments, Expr value, IReadOnlyList<Sym> vectors) =>
        _writtenApplications[ApplicationKey(function, arguments)] = (value, vectors);

    /// <summary>The value the text gave f applied to arguments with these names, or null.</summary>
    public (Expr Value, IReadOnlyList<Sym> Vectors)? WrittenApplication(string function, IEnumerable<string> arguments) =>
        _writtenApplications.TryGetValue(ApplicationKey(function, arguments), out var w) ? w : null;

    private static string ApplicationKey(string function, IEnumerable<string> arguments) => function + "(" + string.Join(",", arguments) + ")";

    public IReadOnlyList<Sym>? FunctionParameters(string name) => Context.Defined.TryGetValue(name, out var f) ? f.Parameters : null;

    public bool IsDefinedFunction(string name) => _definedFunctions.Contains(name) || Context.IsKnownFunction(name);

    public void MarkDefinedFunction(string name) => _definedFunctions.Add(name);

    private readonly HashSet<string> _randomVariables = new(StringComparer.Ordinal);

    /// <summary>Records that x ∼ … bound a random variable (not a density q(z) ∼ …).</summary>
    public void MarkRandomVariable(string symbol) => _randomVariables.Add(symbol);

    private readonly Dictionary<string, string> _densityVariables = new(StringComparer.Ordinal);

    /// <summary>Records the variable a density is written in (z for q(z) = … or q(z) ∼ …).</summary>
    public void MarkDensityVariable(string density, string variable) => _densityVariables[density] = variable;

    /// <summary>The variable of a density defined with one, for \mathbb{E}_q[f] whose f does not show it.</summary>
    public string? DensityVariable(string density) => _densityVariables.TryGetValue(density, out var v) ? v : null;

    /// <summary>The one variable the document writes a density in everywhere (q(z) and q(z | x), never q of anything else).</summary>
    public string? WrittenDensityVariable(string density) => _writtenDensityVariables.TryGetValue(density, out var w) ? w : null;

    private readonly Dictionary<string, string> _writtenDensityVariables = new(StringComparer.Ordinal);

    /// <summary>Records that every application of a density in the document has the same first argument (z for q(z), q(z | x)).</summary>
    public void NoteWrittenDensityVariable(string density, string variable) => _writtenDensityVariables[density] = variable;

    public bool IsDensityVariable(string variable) => _densityVariables.ContainsValue(variable);

    /// <summary>A symbol bound by x ∼ … whose binding is still in force.</summary>
    public bool HasDistribution(string symbol) => _randomVariables.Contains(symbol) && Context.Bound.ContainsKey(symbol);

    public bool HasSeen(string symbol) => _seenSymbols.Contains(symbol) || _symbolDefinitions.Keys.Any(s => s.Name == symbol);

    /// <summary>Remembers the variables an expression uses (not the distributions KL(P‖Q) names: P is a density's name, not a variable).</summary>
    public void Observe(Expr e)
    {
        // Z_θ differentiated as an unknown (∂Z_θ/∂θ with nothing defining Z_θ) still awaits its definition: not a variable.
        var awaiting = new HashSet<string>(StringComparer.Ordinal);
        Traversal.Any(e, n =>
        {
            if (n is Apply { Args.Count: 0 } ap && AbstractDerivatives.IsDerivative(ap.Name)) awaiting.Add(AbstractDerivatives.Base(ap.Name));
            return false;
        });
        Observe(e, awaiting);
    }

    private void Observe(Expr e, HashSet<string> awaiting)
    {
        if (e is Functional) return;
        if (e.Children.Count == 0)
        {
            if (e is Sym s && !awaiting.Contains(s.Name)) _seenSymbols.Add(s.Name);
            return;
        }
        foreach (var c in e.Children) Observe(c, awaiting);
    }

    public void DefineSymbol(string name, Expr value) => _symbolDefinitions[Ex.Sym(name)] = value;

    /// <summary>The document's test for a quantity of its model with no readable value (set by the run; none by default).</summary>
    public Func<string, bool>? DependentQuantity { get; set; }

    public bool IsDependentQuantity(string name) => !DefinesSymbol(name) && DependentQuantity?.Invoke(name) == true;

    /// <summary>A copy of the names given values so far, by name (to put back when a section closes).</summary>
    /// <summary>True when a family definition gives the member its value (o_i beside o_j = …; <see cref="IndexedDefinitions"/>).</summary>
    public bool DefinesMember(Sym member) => !_symbolDefinitions.ContainsKey(member) && IndexedDefinitions.Members(member, _symbolDefinitions).ContainsKey(member);

    public IReadOnlyDictionary<string, Expr> SymbolDefinitions() => _symbolDefinitions.ToDictionary(d => d.Key.Name, d => d.Value, StringComparer.Ordinal);

    /// <summary>The name's meaning ended with its section: a later formula for it is a new definition, as for a fresh name.</summary>
    public void Unsee(string name)
    {
        _seenSymbols.Remove(name);
        _symbolDefinitions.Remove(Ex.Sym(name));
    }

    /// <summary>The name was given a value SymKl cannot read: its earlier value no longer holds.</summary>
    public void ForgetSymbol(string name) => _symbolDefinitions.Remove(Ex.Sym(name));

    /// <summary>True when a name's value or a function's formula mentions the symbol: σ₁ in p = 𝒩(0, σ₁²), a parameter of the text.</summary>
    public bool UsedInDefinitions(string symbol) =>
        _symbolDefinitions.Values.Concat(Context.Defined.Values.Select(d => d.Body)).Any(e => Traversal.FreeSymbols(e).Any(s => s.Name == symbol));

    public Expr? SymbolValue(string name) => _symbolDefinitions.TryGetValue(Ex.Sym(name), out var v) ? v : null;

    /// <summary>True when the document gave the symbol a value (name = formula).</summary>
    public bool DefinesSymbol(string name) => _symbolDefinitions.ContainsKey(Ex.Sym(name));

    /// <summary>Names the text gave a value SymKl could not read (or keep), with the line: not free quantities of later statements.</summary>
    public Dictionary<string, int> UnreadableValues { get; } = new(StringComparer.Ordinal);

    public bool HasUnreadableValue(string name) => UnreadableValues.ContainsKey(name);

    public Expr Expand(Expr e)
    {
        var substituted = SubstituteSymbols(e);
        try
        {
            return Calculus.Evaluate(substituted, Context, Assumptions).Value;
        }
        catch (BudgetExceededException)
        {
            return substituted;
        }
    }

    /// <summary>
    /// The names with the values the text gave them, through names defined by other names too (u' = … n … with n = 2^m + 1):
    /// a few passes, so that a cycle of definitions ends.
    /// </summary>
    public Expr SubstituteSymbols(Expr e)
    {
        if (_symbolDefinitions.Count == 0) return e;
        var result = Traversal.Substitute(e, _symbolDefinitions);
        for (var pass = 0; pass < 4 && Traversal.FreeSymbols(result).Any(_symbolDefinitions.ContainsKey); pass++)
            result = Traversal.Substitute(result, _symbolDefinitions);
        // o_i beside the definition of o_j: the family's formula at i (IndexedDefinitions), then its own names' values.
        for (var pass = 0; pass < 2 && IndexedDefinitions.Members(result, _symbolDefinitions) is { Count: > 0 } members; pass++)
            result = Traversal.Substitute(Traversal.Substitute(result, members), _symbolDefinitions);
        return result;
    }

    /// <summary>Remembers where undefined densities are first used, to warn if a later line defines them.</summary>
    public void RememberAbstractUses(Expr lhs, Expr rhs, FilePosition at)
    {
        foreach (var name in AbstractNames(lhs).Concat(AbstractNames(rhs)))
            if (!_usedAbstract.ContainsKey(name)) _usedAbstract[name] = at;
    }

    /// <summary>Where an earlier step used <paramref name="name"/> as an arbitrary density (once: later definitions do not warn again).</summary>
    public FilePosition? FirstAbstractUse(string name)
    {
        if (!_usedAbstract.TryGetValue(name, out var p)) return null;
        _usedAbstract.Remove(name);
        return p;
    }

    private IEnumerable<string> AbstractNames(Expr e)
    {
        var names = new List<string>();
        void Walk(Expr x)
        {
            if (x is Apply ap && !Context.IsKnownFunction(ap.Name) && Calculus.InlineDensity(ap.Name, ap.Args) is null) names.Add(ap.Name);
            foreach (var c in x.Children) Walk(c);
        }
        Walk(e);
        return names;
    }

    /// <summary>
    /// X ∼ U(a, b) says a &lt; b (a support [a, b]); U(0, L) says L &gt; 0. Only plain names and zero are read: a side
    /// written as a formula is left alone.
    /// </summary>
    public void AssumeSupport(DistributionInstance instance)
    {
        // 𝒩(μ, σ²), Exp(λ): a symbol that is a positive parameter, or whose square is one (a standard deviation), is positive
        // unless the text said otherwise; log(σ₂/σ₁) in what follows means the standard deviations, never −σ.
        for (var i = 0; i < instance.Parameters.Count && i < instance.Family.Parameters.Count; i++)
        {
            if (instance.Family.Parameters[i].Domain == Domain.Positive && ScaleSymbol(instance.Parameters[i]) is { } s
                && !Assumptions.Declared.ContainsKey(s.Name))
                Assumptions = Assumptions.With(s.Name, Domain.Positive);
            // Bernoulli(p), Binomial(n, p): a probability written as a plain name lies in (0, 1).
            else if (instance.Family.Parameters[i].Domain == Domain.UnitInterval && instance.Parameters[i] is Sym probability
                && !Assumptions.Declared.ContainsKey(probability.Name))
                Assumptions = Assumptions.With(probability.Name, Domain.UnitInterval);
        }
        if (instance.Family != Families.Uniform || instance.Parameters.Count != 2) return;
        var (a, b) = (instance.Parameters[0], instance.Parameters[1]);
        if (a is Sym low && b is Sym high && low.Name != high.Name) Assumptions = Assumptions.WithOrdering(low.Name, high.Name, strict: true);
        else if (a.IsZero && b is Sym width) Assumptions = Assumptions.With(width.Name, Domain.Positive);
    }

    private static Sym? ScaleSymbol(Expr parameter) => parameter switch
    {
        Sym s => s,
        Pow { Base: Sym s, Exponent: Num { Value.IsEvenInteger: true } } => s,
        _ => null,
    };

    /// <summary>A domain the document's own definitions imply (a variance is positive), not stated as a condition.</summary>
    public void AssumeDomain(string symbol, Domain domain) => Assumptions = Assumptions.With(symbol, domain);

    /// <summary>Puts back the assumptions in force before a temporary one (a case's condition).</summary>
    public void RestoreAssumptions(Assumptions saved) => Assumptions = saved;

    /// <summary>Forgets every assumption (the caller replays those still in force).</summary>
    public void ResetAssumptions() => Assumptions = Assumptions.Default;

    /// <summary>The assumptions in force, for people: declared domains, orderings and bounds.</summary>
    public IReadOnlyList<string> DescribeAssumptions()
    {
        var list = Assumptions.Declared.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + " ∈ " + d.Value).ToList();
        list.AddRange(Assumptions.Orderings.Select(o => o.Smaller + (Assumptions.StrictOrderings.Contains(o) ? " < " : " ≤ ") + o.Larger));
        list.AddRange(Assumptions.LowerBounds.Select(b => b.Symbol + (b.Strict ? " > " : " ≥ ") + b.Bound));
        return list;
    }

    /// <summary>Reads an assumption: x &gt; 0, x \geq 0, x &lt; 0, 0 &lt; p &lt; 1, x \neq 0, n \in \mathbb{N}, x \in \mathbb{R}.</summary>
    public bool Assume(SyntaxNode node, ParseResult parsed, out string? why)
    {
        why = null;
        if (node is not LatexRelation r) { why = "not a relation"; return false; }
        string? Name(SyntaxNode n) => n is Identifier id ? MathBinder.SymbolName(id, parsed) : null;
        bool IsNumber(SyntaxNode n, string value) => n is Number num && num.Text == value;
        // |r| < 1, |x| ≤ c: −c < r < c, as two orderings with the numbers.
        if (r.Operands.Count == 2 && r.Operators[0] is { Kind: RelationKind.Less or RelationKind.LessEqual, Negated: false } within && r.Operands[0] is Abs { Body: Identifier inside }
            && r.Operands[1] is Number limit && Assumptions.NumberName(limit.Text) is { Sign: > 0 })
        {
            var strict = within.Kind == RelationKind.Less;
            Assumptions = Assumptions.WithOrdering("-" + limit.Text, MathBinder.SymbolName(inside, parsed), strict).WithOrdering(MathBinder.SymbolName(inside, parsed), limit.Text, strict);
            return true;
        }
        // x > −1, b ≥ a > 1: read as the same chain of < / ≤ the other way round (α > 2 keeps its own reading below).
        if (r.Operators.All(o => o.Kind is RelationKind.Greater or RelationKind.GreaterEqual && !o.Negated) && (r.Operands.Any(o => o is Unary) || r.Operands.Count > 2))
            r = r with
            {
                Operands = [.. r.Operands.Reverse()],
                Operators = [.. r.Operators.Reverse().Select(o => o with { Kind = o.Kind == RelationKind.Greater ? RelationKind.Less : RelationKind.LessEqual })],
            };
        if (r.Operands.Count == 3 && r.Operators.All(o => o.Kind is RelationKind.Less or RelationKind.LessEqual) &&
            IsNumber(r.Operands[0], "0") && IsNumber(r.Operands[2], "1") && Name(r.Operands[1]) is { } p)
        {
            Assumptions = Assumptions.With(p, Domain.UnitInterval);
            return true;
        }
        // A chain of < / ≤ between symbols and numbers: 0 < a < b gives a > 0, b > 0 and a < b; a < b \le 1 also
        // gives b ≤ 1 (an ordering with the number).
        string? NumberText(SyntaxNode n) => n switch
        {
            Number num when Assumptions.NumberName(num.Text) is not null => num.Text,
            Unary { Operator: UnaryOperator.Negate, Operand: Number negative } when Assumptions.NumberName(negative.Text) is not null => "-" + negative.Text,
            _ => null,
        };
        if (r.Operators.All(o => o.Kind is RelationKind.Less or RelationKind.LessEqual && !o.Negated) &&
            r.Operands.All(o => Name(o) is not null || NumberText(o) is not null) && r.Operands.Count(o => IsNumber(o, "0")) <= 1 &&
            Enumerable.Range(0, r.Operands.Count - 1).All(i => Name(r.Operands[i]) is not null || Name(r.Operands[i + 1]) is not null) &&
            (r.Operands.Count > 2 || Name(r.Operands[0]) is not null && Name(r.Operands[1]) is not null ||
             !IsNumber(r.Operands[0], "0") && !IsNumber(r.Operands[1], "0")))
        {
            var names = r.Operands.Select(Name).ToList();
            var positive = IsNumber(r.Operands[0], "0");
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i] is { } n && positive && i > 0) Assumptions = Assumptions.With(n, Domain.Positive);
                if (i + 1 >= names.Count) continue;
                var strict = r.Operators[i].Kind == RelationKind.Less;
                var (smaller, larger) = (names[i] ?? NumberText(r.Operands[i]), names[i + 1] ?? NumberText(r.Operands[i + 1]));
                if (smaller is null || larger is null) continue;
                // The leading 0 is already a domain; other numbers become orderings.
                if (names[i] is null && positive && i == 0) continue;
                Assumptions = Assumptions.WithOrdering(smaller, larger, strict);
            }
            return true;
        }
        if (r.Operands.Count != 2) { why = "expected two sides"; return false; }
        var (left, right, op) = (r.Operands[0], r.Operands[1], r.Operators[0]);
        if (op.Kind == RelationKind.In && !op.Negated && Name(left) is { } member)
        {
            var set = parsed.GetText(right.Span).Replace(" ", "");
            // λ ∈ [0, 1], (0, 1], [0, 1): a sign and an ordering with 1 (the open interval is a domain of its own below).
            if (set.Length == 5 && set[0] is '[' or '(' && set.Substring(1, 3) == "0,1" && set[4] is ']' or ')' && set is not "(0,1)")
            {
                Assumptions = Assumptions.With(member, set[0] == '[' ? Domain.NonNegative : Domain.Positive).WithOrdering(member, "1", set[4] == ')');
                return true;
            }
            Domain? d = set switch
            {
                _ when set.Contains("mathbb{R}^+") || set.Contains("mathbb{R}_{>0}") || set.Contains("mathbb{R}_+") => Domain.Positive,
                _ when set.Contains("mathbb{R}") => Domain.Real,
                _ when set.Contains("mathbb{N}") => Domain.PositiveInteger,
                _ when set.Contains("mathbb{Z}") => Domain.Integer,
                _ when set is "(0,1)" => Domain.UnitInterval,
                _ => null,
            };
            if (d is null) { why = "unknown set"; return false; }
            Assumptions = Assumptions.With(member, d.Value);
            return true;
        }
        // α > 2 / α ≥ 1 (a positive number): positive, with the bound kept for moments that need it and for sampling.
        if (Name(left) is { } bounded && right is Number bound && Rational.TryParseDecimal(bound.Text, out var c) && c.Sign > 0 &&
            !op.Negated && op.Kind is RelationKind.Greater or RelationKind.GreaterEqual)
        {
            Assumptions = Assumptions.With(bounded, Domain.Positive).WithLowerBound(bounded, c, op.Kind == RelationKind.Greater);
            return true;
        }
        // x > 0 / x ≥ 0 / x < 0 / x ≠ 0, either way round.
        var (symbol, flipped) = Name(left) is { } a && IsNumber(right, "0") ? (a, false) : Name(right) is { } b && IsNumber(left, "0") ? (b, true) : (null, false);
        if (symbol is null) { why = "expected a symbol compared with 0"; return false; }
        var kind = op.Kind;
        if (flipped) kind = kind switch { RelationKind.Less => RelationKind.Greater, RelationKind.Greater => RelationKind.Less, RelationKind.LessEqual => RelationKind.GreaterEqual, RelationKind.GreaterEqual => RelationKind.LessEqual, _ => kind };
        Domain? domain = (kind, op.Negated) switch
        {
            (RelationKind.Greater, false) => Domain.Positive,
            (RelationKind.GreaterEqual, false) => Domain.NonNegative,
            (RelationKind.Less, false) => Domain.Negative,
            (RelationKind.Equal, true) => Domain.NonZero,
            _ => null,
        };
        if (domain is null) { why = "unsupported comparison"; return false; }
        Assumptions = Assumptions.With(symbol, domain.Value);
        return true;
    }
}
