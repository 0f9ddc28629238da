using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using Group = SymKl.Latex.Syntax.Group;
using SymKl.Derivations.Verification;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Matrices;

/// <summary>What a declared or inferred matrix is known to be; random instances are drawn from that kind.</summary>
internal enum MatrixKind
{
    /// <summary>Any square matrix (random integer entries).</summary>
    General,
    /// <summary>Symmetric positive definite (B Bᵀ + I from a random integer B): covariances, Σ ≻ 0.</summary>
    PositiveDefinite,
    /// <summary>Diagonal with positive entries (a diagonal covariance).</summary>
    Diagonal,
    /// <summary>
    /// A factor of a matrix the document defines (L in Σ = L Lᵀ): any square matrix; where the kinds are narrowed, lower
    /// triangular with a positive diagonal (a Cholesky factor), never symmetric (that would make L Lᵀ and Lᵀ L one matrix).
    /// </summary>
    Factor,
    /// <summary>Lower triangular with a positive diagonal.</summary>
    LowerTriangular,
    /// <summary>A cross-covariance block (Σ₁₂ of a stacked normal): any matrix, also where the kinds are narrowed.</summary>
    Cross,
}

/// <summary>The shape of a name in the matrix layer: a vector of a dimension, or a matrix of two dimensions and a kind.</summary>
internal sealed record MatrixShape(bool IsVector, string Rows, string Columns, MatrixKind Kind)
{
    public static MatrixShape Vector(string dimension) => new(true, dimension, "1", MatrixKind.General);
    public static MatrixShape Square(string dimension, MatrixKind kind) => new(false, dimension, dimension, kind);
}

/// <summary>A multivariate normal named by a document: its mean and covariance as written, evaluated per instance.</summary>
internal sealed record GaussianVector(SyntaxNode Mean, SyntaxNode Covariance, ParseResult Parsed, string? Variable)
{
    /// <summary>
    /// A density the document writes out (p(x) = (2π)^{-d/2} |Σ|^{-1/2} e^{−½(x−μ)ᵀΣ⁻¹(x−μ)}, or its log): the formula, and
    /// what it gives (the density, its log, or minus its log). It is this normal only where the formula is checked to be
    /// its density, in each instance; otherwise nothing is read through it.
    /// </summary>
    public SyntaxNode? Written { get; init; }

    public WrittenForm Form { get; init; }

    /// <summary>The conditioning arguments as written (μ, L in p(x | μ, L)); a call reads as this density only with the same ones.</summary>
    public string? Given { get; init; }
}

/// <summary>What the written formula of a density gives.</summary>
internal enum WrittenForm { Density, Log, NegatedLog }

/// <summary>
/// The document's vectors, matrices and multivariate normals, read from declarations as the walk meets them:
/// <c>x \in \mathbb{R}^d</c>, <c>A \in \mathbb{R}^{d \times d}</c>, <c>\Sigma \succ 0</c>, <c>x \sim \mathcal{N}(\mu, \Sigma)</c>,
/// <c>p(x) = \mathcal{N}(x; \mu, \Sigma)</c>. Later declarations of a name replace earlier ones.
/// </summary>
internal sealed partial class MatrixScope
{
    private readonly Dictionary<string, MatrixShape> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GaussianVector> _gaussians = new(StringComparer.Ordinal);
    private readonly HashSet<string> _scalars = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, MatrixShape> Shapes => _shapes;

    /// <summary>Densities (p, q) and random vectors (x in x ∼ 𝒩(μ, Σ)) that are multivariate normals.</summary>
    public IReadOnlyDictionary<string, GaussianVector> Gaussians => _gaussians;

    private readonly Dictionary<string, GaussianVector> _conventional = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GaussianVector> _written = new(StringComparer.Ordinal);

    /// <summary>
    /// A density the document writes out as a formula (p(x) = … e^{−½(x−μ)ᵀΣ⁻¹(x−μ)}) and defines no other way: a
    /// candidate that each instance checks; a normal defined or named by convention for the same letter comes first.
    /// </summary>
    public GaussianVector? WrittenOut(string density) =>
        _gaussians.ContainsKey(density) || _conventional.ContainsKey(density) ? null : _written.TryGetValue(density, out var g) ? g : null;

    /// <summary>The written-out densities that nothing else overrides.</summary>
    public IEnumerable<KeyValuePair<string, GaussianVector>> WrittenLaws => _written.Where(kv => WrittenOut(kv.Key) is not null);

    /// <summary>A density the document never defines but whose name subscripts the parameters of a normal it writes (p for 𝒩(μ_p, Σ_p)).</summary>
    public GaussianVector? Conventional(string density) => _gaussians.ContainsKey(density) ? null : _conventional.TryGetValue(density, out var g) ? g : null;

    /// <summary>Every normal the document names, defined or by convention.</summary>
    public IEnumerable<GaussianVector> AllLaws => _gaussians.Values.Concat(_conventional.Values).Concat(WrittenLaws.Select(kv => kv.Value));

    private static string? Subscript(Identifier id, ParseResult parsed) => id.Subscript is null ? null : Unwrap(id.Subscript) switch
    {
        Identifier s => s.Name,
        Number n => n.Text,
        var other => parsed.GetText(other.Span).Trim(),
    };

    /// <summary>X ∼ U(0, L) after 𝐗 ∼ 𝒩(μ, Σ): a later scalar law for the name replaces the multivariate normal.</summary>
    public void ForgetLaw(string key)
    {
        _gaussians.Remove(key);
        _shapes.Remove(key);
    }

    /// <summary>Names declared real numbers (x ∈ ℝ): never vectors here.</summary>
    public bool IsDeclaredScalar(string key) => _scalars.Contains(key);

    /// <summary>The dimension symbols of declared vectors and matrices (d in ℝ^d).</summary>
    public IEnumerable<string> DimensionSymbols => _shapes.Values.SelectMany(s => new[] { s.Rows, s.Columns }).Where(d => d != "1" && !d.StartsWith("#", StringComparison.Ordinal)).Distinct();

    private static readonly Regex PositiveDefinite = new(@"((?:\\[A-Za-z]+|[A-Za-z])(?:_\{[^{}]*\}|_\\?[A-Za-z0-9]+)?)\s*\\succ(?:eq)?\s*0", RegexOptions.CultureInvariant);

    /// <summary>Reads the declarations in one math block (display or inline).</summary>
    public void Observe(ParseResult parsed)
    {
        if (_chainTarget is not null && _sumForms.ContainsKey(_chainTarget)) _closedChains.Add(_chainTarget);
        _chainTarget = null;
        PromoteStatedMoments();
        ObserveBlockLetters(parsed);
        foreach (Match m in PositiveDefinite.Matches(parsed.Text))
            if (LatexParser.ParseExpression(m.Groups[1].Value).Expression is Identifier id)
            {
                var key = Key(id, null);
                var dim = _shapes.TryGetValue(key, out var old) ? old.Rows : Common;
                _shapes[key] = MatrixShape.Square(dim, MatrixKind.PositiveDefinite);
            }
        // "let the two normals be 𝒩(μ_p, Σ_p) and 𝒩(μ_q, Σ_q)": by the subscripts, p is the first and q the second.
        if (parsed.Root is { } root)
            Visit(root, n =>
            {
                if (Normal(n) is { Variable: null } normal && Unwrap(normal.Mean) is Identifier { Subscript: { } ms } m && Unwrap(normal.Covariance) is Identifier { Subscript: { } cs } c
                    && IsMatrixLetter(c) && Subscript(m, parsed) is { } key && key == Subscript(c, parsed))
                    _conventional[key] = new GaussianVector(normal.Mean, normal.Covariance, parsed, null);
            });
        foreach (var row in parsed.Root?.Rows ?? [])
        {
            // "A, B \in \mathbb{R}^{d \times d}": the names before the relation are clauses of their own.
            var names = new List<Identifier>();
            foreach (var item in row.Items)
            {
                if (item is LatexRelation r)
                {
                    if (r.Operators.Count == 1 && r.Operators[0].Kind == RelationKind.In && !r.Operators[0].Negated && names.Count > 0 && SpaceShape(r.Operands[1], parsed) is { } shape)
                        foreach (var name in names) Declare(Key(name, parsed), shape.Value);
                    // "u, v \sim \mathcal{N}(0, I)": each name before the relation has the law.
                    if (r.Operators.Count == 1 && r.Operators[0].Kind == RelationKind.Sim && !r.Operators[0].Negated && names.Count > 0 && Unwrap(r.Operands[0]) is Identifier
                        && Normal(r.Operands[1]) is { Variable: null } listed && IsMultivariate(listed.Covariance, parsed))
                        foreach (var name in names)
                        {
                            _gaussians[Key(name, parsed)] = new GaussianVector(listed.Mean, listed.Covariance, parsed, Key(name, parsed));
                            if (!_shapes.ContainsKey(Key(name, parsed))) _shapes[Key(name, parsed)] = MatrixShape.Vector(Common);
                        }
                    ObserveRelation(r, parsed);
                }
                if (Unwrap(item) is Identifier id) names.Add(id); else names.Clear();
            }
        }
        ResolveBlocks();
    }

    /// <summary>The dimension that vectors and matrices share unless declared otherwise.</summary>
    public const string Common = "#n";

    private readonly Dictionary<string, (SyntaxNode Formula, ParseResult Parsed)> _definitions = new(StringComparer.Ordinal);

    /// <summary>Matrices the document gives as a formula of others (Σ = L Lᵀ, also written Lᵀ L = Σ): read through it, never drawn apart.</summary>
    public IReadOnlyDictionary<string, (SyntaxNode Formula, ParseResult Parsed)> Definitions => _definitions;

    /// <summary>
    /// Reads the given names through the given formulas until disposed (names already defined here keep their formula):
    /// a restatement is compared with the values the document's definitions gave, whatever letter the matrix is.
    /// </summary>
    public IDisposable Borrowing(IReadOnlyDictionary<string, (SyntaxNode Formula, ParseResult Parsed)> values)
    {
        var added = new List<string>();
        foreach (var kv in values)
            if (!_definitions.ContainsKey(kv.Key))
            {
                _definitions[kv.Key] = kv.Value;
                added.Add(kv.Key);
            }
        return new Returned(() => { foreach (var key in added) _definitions.Remove(key); });
    }

    /// <summary>Shapes lent for one check (a matrix the text says is diagonal, drawn so), the ones they replace given back after.</summary>
    public IDisposable BorrowingShapes(IReadOnlyDictionary<string, MatrixShape> shapes)
    {
        var replaced = new List<(string Key, MatrixShape? Old)>();
        foreach (var kv in shapes)
        {
            replaced.Add((kv.Key, _shapes.TryGetValue(kv.Key, out var old) ? old : null));
            _shapes[kv.Key] = kv.Value;
        }
        return new Returned(() =>
        {
            foreach (var (key, old) in replaced)
                if (old is null) _shapes.Remove(key);
                else _shapes[key] = old;
        });
    }

    private sealed class Returned(Action undo) : IDisposable
    {
        private Action? _undo = undo;

        public void Dispose()
        {
            _undo?.Invoke();
            _undo = null;
        }
    }

    /// <summary>True when the name is a matrix in the formula of a defined matrix (L in Σ = L Lᵀ): a factor, not a covariance.</summary>
    public bool IsFactor(string key) => _definitions.Values.Any(d =>
    {
        var found = false;
        Visit(d.Formula, n => found |= n is Identifier id && IsMatrixLetter(id) && Key(id, d.Parsed) == key);
        return found;
    });

    private void ObserveRelation(LatexRelation r, ParseResult parsed)
    {
        ObserveScalarDefinition(r, parsed);
        ObserveNumberedIdentity(r, parsed);
        // ẑ = B̂ᵀx ∈ ℝ^K: a name set equal to a formula and placed in a space is that formula, of that shape.
        var typed = r.Operators.Count == 2 && r.Operators[1].Kind == RelationKind.In && !r.Operators[1].Negated;
        if ((r.Operators.Count == 1 || typed) && r.Operators[0].Kind is RelationKind.Equal or RelationKind.Define && !r.Operators[0].Negated)
            foreach (var (name, formula) in typed ? new[] { (r.Operands[0], r.Operands[1]) } : new[] { (r.Operands[0], r.Operands[1]), (r.Operands[1], r.Operands[0]) })
                // Σ = ∫ p(x)(x − μ)(x − μ)ᵀ dx states what a covariance is; it is not a formula to read Σ through.
                // L_i = Σ_j max(0, w_jᵀx_i − …) defines an indexed number (the loss of example i), not a matrix.
                // μ = A⁻¹b: a Greek vector given through an inverse (the mean of a canonical form) is read through its formula too.
                // Σᵀ = Σ, W V Wᵀ = I_n: the name's own transpose states a property of it (symmetry), and the identity is no name to
                // define; neither is a definition (read as one, Σ and W became factors of themselves or of I).
                if (Unwrap(name) is Identifier id && ((IsMatrixLetter(id) || id.Style == NameStyle.Bold && (id.Name.Length > 1 || typed)) && HasTranspose(formula) || GreekThroughInverse(id, formula, parsed))
                    && !IndexedNumber(id, parsed) && !Contains(formula, n => n is Integral or Expectation)
                    && !StatementShapes.IsIdentity(id) && !(Unwrap(formula) is Power { Base: var transposed } && Unwrap(transposed) is Identifier own && Key(own, parsed) == Key(id, parsed))
                    // W Σ Wᵀ W = W: a name inside its own formula is an equation it satisfies, never a formula to read it through.
                    && !Contains(formula, n => n is Identifier inner && Key(inner, parsed) == Key(id, parsed)))
                {
                    _definitions[Key(id, parsed)] = (formula, parsed);
                    if (typed && SpaceShape(r.Operands[2], parsed) is { } space) Declare(Key(id, parsed), space.Value);
                    break;
                }
        // B̂ = [β̂₁ … β̂_K] ∈ ℝ^{D×K}: the matrix written out (with an ellipsis) is declared by the space it is placed in.
        if (typed && r.Operators[0].Kind is RelationKind.Equal or RelationKind.Define && !r.Operators[0].Negated && Unwrap(r.Operands[0]) is Identifier named
            && Unwrap(r.Operands[1]) is Matrix && SpaceShape(r.Operands[2], parsed) is { } declared && !_definitions.ContainsKey(Key(named, parsed)))
            Declare(Key(named, parsed), declared.Value);
        ObserveRandomDefinition(r, parsed);
        ObserveStatedMoments(r, parsed);
        ObserveMomentName(r, parsed);
        ObserveBlocks(r, parsed);
        for (var i = 0; i < r.Operators.Count; i++)
        {
            var (left, op, right) = (r.Operands[i], r.Operators[i], r.Operands[i + 1]);
            if (op.Negated) continue;
            switch (op.Kind)
            {
                case RelationKind.In:
                    if (SpaceShape(right, parsed) is { } shape)
                        foreach (var name in Names(left)) Declare(Key(name, parsed), shape.Value);
                    break;
                case RelationKind.Equal or RelationKind.Define when Normal(right) is null && Normal(left) is null:
                    // A density already known keeps its law: its formula written out again is a claim about it.
                    if (WrittenNormal(left, right, parsed) is { } written && !_gaussians.ContainsKey(written.Name)) _written[written.Name] = written.Law;
                    break;
                case RelationKind.Sim or RelationKind.Equal or RelationKind.Define:
                    if (Normal(right) is { } normal && IsMultivariate(normal.Covariance, parsed))
                    {
                        var target = Unwrap(left);
                        // ε, ε' ∼ 𝒩(0, I): each name of the list is a random vector of that law.
                        if (op.Kind == RelationKind.Sim && target is Sequence list && list.Items.All(x => Unwrap(x) is Identifier))
                        {
                            foreach (var item in list.Items.Select(Unwrap).Cast<Identifier>())
                            {
                                _gaussians[Key(item, parsed)] = new GaussianVector(normal.Mean, normal.Covariance, parsed, Key(item, parsed));
                                if (!_shapes.ContainsKey(Key(item, parsed))) _shapes[Key(item, parsed)] = MatrixShape.Vector(Common);
                            }
                            break;
                        }
                        var (name, variable) = target switch
                        {
                            Identifier id => (Key(id, parsed), op.Kind == RelationKind.Sim ? Key(id, parsed) : null),
                            Call { Callee: Identifier f, Arguments.Count: >= 1 } c when c.Arguments[0] is Identifier v => (Key(f, parsed), Key(v, parsed)),
                            _ => (null, null),
                        };
                        if (name is null) break;
                        // q(z) = 𝒩(z | 0, I), then q(x | z) = 𝒩(x | Wz + c, Ψ): the same letter for another variable's law; q keeps its own.
                        if (variable is not null && _gaussians.TryGetValue(name, out var known) && known.Variable is { } was && was != variable && was != name) break;
                        _gaussians[name] = new GaussianVector(normal.Mean, normal.Covariance, parsed, variable);
                        if (target is Call stated) _lawConditioning[name] = Given(stated, parsed); else _lawConditioning.Remove(name);
                        if (variable is not null && !_shapes.ContainsKey(variable)) _shapes[variable] = MatrixShape.Vector(Common);
                    }
                    // X ∼ t(μ, Σ, ν) after X ∼ 𝒩(μ, Σ): another law for the name replaces the normal (its shape stays).
                    else if (op.Kind == RelationKind.Sim && OtherLaw(left, right, parsed) is { } redrawn) _gaussians.Remove(redrawn);
                    break;
            }
        }
    }

    /// <summary>
    /// The name drawn in "X ∼ F(a, b, …)" with F a family other than the normal (t, a Wishart 𝒲, a matrix normal 𝓜𝓝): two
    /// or more parameters, none of them the name itself and no conditioning bar (x ∼ p(x), z ∼ q(z | x) sample from a
    /// density). Null for anything else.
    /// </summary>
    private static string? OtherLaw(SyntaxNode left, SyntaxNode right, ParseResult parsed)
    {
        if (Unwrap(left) is not Identifier drawn || Unwrap(right) is not Call { Callee: Identifier family, Arguments.Count: >= 2 } law || IsNormalName(family)) return null;
        if (law.Separators.Any(s => s.Text is "|" or ";")) return null;
        var key = Key(drawn, parsed);
        return law.Arguments.Any(a => Contains(a, n => n is Identifier id && Key(id, parsed) == key)) ? null : key;
    }

    /// <summary>
    /// p(x) = formula, log p(x | μ, Σ) = formula, −log f(x) = formula, with a quadratic form (x − m)ᵀ S⁻¹ (x − m) in x in
    /// the formula: a candidate for the density of 𝒩(m, S), which each instance checks before reading anything through it.
    /// </summary>
    private static (string Name, GaussianVector Law)? WrittenNormal(SyntaxNode left, SyntaxNode right, ParseResult parsed)
    {
        var form = WrittenForm.Density;
        var target = Unwrap(left);
        if (target is Unary { Operator: UnaryOperator.Negate, Operand: var negated })
        {
            form = WrittenForm.NegatedLog;
            target = Unwrap(negated);
        }
        if (target is FunctionApplication { Function: "log" or "ln", Base: null, Arguments.Count: 1 } log)
        {
            form = form == WrittenForm.NegatedLog ? WrittenForm.NegatedLog : WrittenForm.Log;
            target = Unwrap(log.Arguments[0]);
        }
        else if (form == WrittenForm.NegatedLog) return null;
        // H(x) = −∫ p(x) log(…) dx names an entropy, not a density: a formula with integrals, sums or expectations is none.
        if (Contains(right, n => n is Integral or Expectation or Sum or Product)) return null;
        if (target is not Call { Callee: Identifier f, Arguments.Count: >= 1 } call || MathBinder.IsKnownOperatorName(f) || f.Name is "H" or "h" or "D" or "E" or "I" || Unwrap(call.Arguments[0]) is not Identifier variable
            || call.Arguments.Count > 1 && !call.Separators.Any(s => s.Text is "|" or ";") || IsNormalName(f)) return null;
        var x = Key(variable, parsed);
        (SyntaxNode Mean, SyntaxNode Covariance)? found = null;
        Visit(right, n =>
        {
            if (found is not null || n is not ImplicitMultiplication m) return;
            for (var i = 0; i + 2 < m.Factors.Count && found is null; i++)
                if (Unwrap(m.Factors[i]) is Power { Base: var first, Exponent: var t } && (StatementShapes.IsTransposeMarker(t) || StatementShapes.IsT(t))
                    && Centred(first, x, parsed) is { } mean
                    && Unwrap(m.Factors[i + 1]) is Power { Base: var covariance, Exponent: var minusOne } && parsed.GetText(Unwrap(minusOne).Span).Trim() == "-1"
                    && Centred(m.Factors[i + 2], x, parsed) is { } again && parsed.GetText(again.Span).Trim() == parsed.GetText(mean.Span).Trim())
                    found = (mean, covariance);
        });
        if (found is not { } law) return null;
        return (Key(f, parsed), new GaussianVector(law.Mean, law.Covariance, parsed, x) { Written = right, Form = form, Given = Given(call, parsed) });

        static SyntaxNode? Centred(SyntaxNode node, string x, ParseResult parsed) =>
            Unwrap(node) is Binary { Operator: BinaryOperator.Subtract, Left: var l, Right: var m } && Unwrap(l) is Identifier v && Key(v, parsed) == x ? m : null;
    }

    /// <summary>The arguments after the first (μ, L in p(x | μ, L)), bold and arrows dropped and spaces removed.</summary>
    public static string Given(Call call, ParseResult parsed) =>
        string.Join(",", call.Arguments.Skip(1).Select(a => Unwrap(a) is Identifier id ? Key(id, parsed) : Regex.Replace(parsed.GetText(a.Span), @"\s+", "")));

    private void Declare(string key, MatrixShape? shape)
    {
        if (shape is null) { _scalars.Add(key); _shapes.Remove(key); }
        else
        {
            // Σ ≻ 0 and then Σ ∈ ℝ^{d×d}: the size is added, the kind kept.
            if (_shapes.TryGetValue(key, out var old) && old.Kind == MatrixKind.PositiveDefinite && !shape.IsVector && shape.Rows == shape.Columns) shape = shape with { Kind = MatrixKind.PositiveDefinite };
            _shapes[key] = shape;
            _scalars.Remove(key);
        }
    }

    /// <summary>𝒩(μ, Σ), 𝒩(x; μ, Σ), 𝒩(x | μ, Σ): the mean and covariance arguments.</summary>
    public static (SyntaxNode Mean, SyntaxNode Covariance, SyntaxNode? Variable)? Normal(SyntaxNode node)
    {
        if (Unwrap(node) is not Call { Callee: Identifier callee } call || !IsNormalName(callee)) return null;
        var args = call.Arguments;
        if (args.Count == 2) return (args[0], args[1], null);
        if (args.Count == 3 && call.Separators.Count >= 1 && call.Separators[0].Text is ";" or "|") return (args[1], args[2], args[0]);
        return null;
    }

    public static bool IsNormalName(Identifier id) =>
        id.Subscript is null && id.Primes == 0 && (id.Name == "N" && id.Style is NameStyle.Calligraphic or NameStyle.Normal or NameStyle.Script);

    /// <summary>A covariance written as a matrix: an uppercase or capital Greek name (Σ, I, Λ, σ² I, diag(σ²), L Lᵀ).</summary>
    private bool IsMultivariate(SyntaxNode covariance, ParseResult parsed)
    {
        var found = false;
        Visit(covariance, n =>
        {
            if (n is Identifier id && (IsMatrixLetter(id) || _shapes.TryGetValue(Key(id, parsed), out var s) && !s.IsVector)) found = true;
            if (n is FunctionApplication { Function: "diag" }) found = true;
        });
        return found;
    }

    /// <summary>An uppercase Latin letter or a capital Greek letter that is not a dimension, an operator or a random variable.</summary>
    public static bool IsMatrixLetter(Identifier id)
    {
        if (id.Name.Length == 1) return char.IsUpper(id.Name[0]) && !DimensionLetters.Contains(id.Name) && id.Name is not ("E" or "H" or "P" or "Q" or "X" or "Y" or "Z" or "T" or "R");
        return id.Name is "Sigma" or "Lambda" or "Psi" or "Phi" or "Omega";
    }

    public static readonly HashSet<string> DimensionLetters = new(StringComparer.Ordinal) { "d", "k", "n", "m", "D", "K", "N", "M" };

    /// <summary>ℝ → a scalar (a null shape); ℝ^d → a vector; ℝ^{d×d}, ℝ^{d×m} → a matrix; 𝕊^d → positive definite. Null: not a space.</summary>
    private static StrongBox? SpaceShape(SyntaxNode right, ParseResult parsed)
    {
        right = Unwrap(right);
        if (right is Identifier { Name: "R", Style: NameStyle.Blackboard, Subscript: null }) return new StrongBox(null);
        if (right is not Power { Base: Identifier { Name: "R" or "S", Style: NameStyle.Blackboard } space, Exponent: var exponent }) return null;
        exponent = Unwrap(exponent);
        if (exponent is Binary { Operator: BinaryOperator.Multiply, Left: var rows, Right: var columns })
        {
            // ℝ^{n×1}: a column of n entries, a vector (the 1 counts columns; read as a dimension letter it took the size of
            // the instance, and y ∈ ℝ^{n×1} became an n × n matrix).
            if (Unwrap(columns) is Number { Text: "1" } && Dimension(rows, parsed) is { } length && Unwrap(rows) is not Number)
                return new StrongBox(space.Name == "S" ? null : MatrixShape.Vector(length));
            var (r, c) = (Dimension(rows, parsed), Dimension(columns, parsed));
            if (r is null || c is null) return null;
            if (r != c) return new StrongBox(new MatrixShape(false, r, c, MatrixKind.General));
            return new StrongBox(MatrixShape.Square(r, space.Name == "S" ? MatrixKind.PositiveDefinite : MatrixKind.General));
        }
        if (Dimension(exponent, parsed) is not { } d) return null;
        return new StrongBox(space.Name == "S" ? MatrixShape.Square(d, MatrixKind.PositiveDefinite) : MatrixShape.Vector(d));
    }

    private sealed class StrongBox(MatrixShape? value)
    {
        public MatrixShape? Value { get; } = value;
    }

    private static string? Dimension(SyntaxNode node, ParseResult parsed) => Unwrap(node) switch
    {
        Identifier id when id.Subscript is null => MathBinder.SymbolName(id, parsed),
        Number n => n.Text,
        _ => null,
    };

    /// <summary>A capital subscripted by an index (L_i, T_j, A_{ij}): an indexed quantity or an entry, never a matrix defined as a whole.</summary>
    private static bool IndexedNumber(Identifier id, ParseResult parsed)
    {
        if (id.Subscript is null || id.Style == NameStyle.Bold) return false;
        var sub = parsed.GetText(id.Subscript.Span).Trim().Trim('{', '}').Replace(" ", "");
        return sub.Length is 1 or 2 && sub.All(c => c is 'i' or 'j' or 'l') || sub.Contains(',');
    }

    private static IEnumerable<Identifier> Names(SyntaxNode node) => Unwrap(node) switch
    {
        Identifier id => [id],
        Sequence s => s.Items.Select(Unwrap).OfType<Identifier>(),
        _ => [],
    };

    public static SyntaxNode Unwrap(SyntaxNode node)
    {
        while (node is Group { Body: var body }) node = body;
        return node;
    }

    /// <summary>The name of a vector or matrix in this layer: bold, arrows and \vec do not make another name (\mathbf{x} is x).</summary>
    public static string Key(Identifier id, ParseResult? parsed)
    {
        static NameStyle Plain(NameStyle style) => style is NameStyle.Bold or NameStyle.Roman or NameStyle.Italic ? NameStyle.Normal : style;
        // \boldsymbol{\mu_p} styles its subscript too: μ_p all the same.
        var subscript = id.Subscript is Identifier s ? s with { Style = Plain(s.Style) } : id.Subscript;
        var plain = id with { Style = Plain(id.Style), Accent = id.Accent is "vec" or "overrightarrow" ? null : id.Accent, Subscript = subscript };
        return MathBinder.SymbolName(plain, parsed);
    }

    private static bool GreekThroughInverse(Identifier id, SyntaxNode formula, ParseResult parsed) =>
        id.IsGreek && char.IsLower(id.Name[0]) && id.Primes == 0 && id.Accent is null && id.Decoration is null
        && Contains(formula, n => n is Power { Exponent: var e } && parsed.GetText(e.Span).Trim('{', '}', ' ') == "-1" && IsMatrixLetterBase(n));

    private static bool IsMatrixLetterBase(SyntaxNode power) => power is Power { Base: var b } && Unwrap(b) is Identifier m && IsMatrixLetter(m);

    private static bool HasTranspose(SyntaxNode node)
    {
        var found = false;
        Visit(node, n => { if (n is Power p && (StatementShapes.IsTransposeMarker(p.Exponent) || StatementShapes.IsT(p.Exponent))) found = true; });
        return found;
    }

    private static bool Contains(SyntaxNode node, Func<SyntaxNode, bool> test)
    {
        var found = false;
        Visit(node, n => found |= test(n));
        return found;
    }

    public static void Visit(SyntaxNode node, Action<SyntaxNode> action)
    {
        action(node);
        foreach (var c in node.Children()) Visit(c, action);
    }
}
