using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SyntaxPower = SymKl.Latex.Syntax.Power;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// Which names of a statement are vectors and which are matrices. Declarations come first; then the notation:
/// a transposed name (xᵀ, Aᵀ), a bold or arrow name, a name inside tr, det or ‖·‖, an inverted or |·|-ed capital,
/// the mean and covariance of a multivariate normal; in a statement that has any of these, every other capital
/// (Σ, A, L) is a matrix too. Capital Greek names are covariances (positive definite), other capitals any matrix.
/// A name added to a vector (μ in x − μ) becomes a vector when the statement is read (see <see cref="MatrixReader"/>).
/// </summary>
internal sealed partial class StatementShapes
{
    private readonly Dictionary<string, MatrixShape> _shapes = new(StringComparer.Ordinal);
    private readonly MatrixScope _scope;
    private readonly bool _transposeByT;

    /// <summary>Names written with a prime that are vectors or matrices (x' is xᵀ).</summary>
    public HashSet<string> Primed { get; } = new(StringComparer.Ordinal);

    /// <summary>The statement uses vector or matrix notation (a transpose, tr, det, a declared vector …).</summary>
    public bool HasMatrices { get; private set; }

    /// <summary>
    /// The statement operates on vectors or matrices (a transpose, tr, det, diag, a norm, I_d), beyond naming them
    /// (P(c | \boldsymbol{x}), q(x_t | x_0)): a statement that only names them may still be read as scalars.
    /// </summary>
    public bool HasOperations { get; private set; }

    /// <summary>The statement writes a matrix or vector out (\begin{bmatrix} … \end{bmatrix}): a bracketed list [x, y] beside it is a row.</summary>
    public bool HasExplicitMatrices { get; private set; }

    /// <summary>bmatrix, pmatrix, Bmatrix, matrix, smallmatrix: a matrix written out entry by entry (vmatrix is a determinant, array a layout).</summary>
    public static bool IsExplicitMatrix(Matrix m) => m.Environment is "bmatrix" or "pmatrix" or "Bmatrix" or "matrix" or "smallmatrix";

    /// <summary>Names whose kind the document leaves open (an undeclared capital read as any matrix).</summary>
    public bool HasOpenKinds => _openKinds.Count > 0;

    /// <summary>The names whose kind the document leaves open (a cross block written beside its transpose is not one).</summary>
    private readonly HashSet<string> _openKinds = new(StringComparer.Ordinal);

    /// <summary>Some name is a factor of a defined matrix (L in Σ = L Lᵀ), narrowed to a Cholesky factor rather than to a covariance.</summary>
    public bool HasFactors { get; private set; }

    /// <summary>Symbols that stand for the dimension (d in ℝ^d, k in I_k, a lone d, k, n or N of the statement).</summary>
    public HashSet<string> DimensionSymbols { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Capitals that are seldom matrices elsewhere (H an entropy, P and Q probabilities, K, M, N, D counts, R the reals) read
    /// as matrices here by their notation: transposed (K_kᵀ), or written with a subscript beside matrix operations (R_k in
    /// K_k R_k K_kᵀ), as in Kalman filters. A refutation that rests on that reading is checked in the one without it
    /// (<see cref="WithoutInferred"/>).
    /// </summary>
    public HashSet<string> InferredMatrices { get; } = new(StringComparer.Ordinal);

    private readonly IReadOnlyList<(SyntaxNode Node, ParseResult Parsed)> _sides;
    private readonly bool _inferOpenCapitals;

    /// <summary>The same statement with the capitals of <see cref="InferredMatrices"/> read as before (numbers).</summary>
    public StatementShapes WithoutInferred() => new(_scope, _sides, !_transposeByT, inferOpenCapitals: false);

    private static bool IsOpenCapital(Identifier id) =>
        id is { Name: "H" or "K" or "P" or "Q" or "R" or "M" or "N" or "D", Primes: 0, Decoration: null, Style: NameStyle.Normal or NameStyle.Italic } && !IsIdentity(id);

    public StatementShapes(MatrixScope scope, IReadOnlyList<(SyntaxNode Node, ParseResult Parsed)> sides, bool tIsScalar, bool inferOpenCapitals = true)
    {
        _scope = scope;
        _sides = sides;
        _inferOpenCapitals = inferOpenCapitals;
        _transposeByT = !tIsScalar;
        var names = new List<(Identifier Id, ParseResult Parsed)>();
        var all = sides.ToList();
        var callees = new List<Identifier>();
        var moments = false;
        foreach (var (node, parsed) in sides)
            MatrixScope.Visit(node, n =>
            {
                if (n is Identifier id) names.Add((id, parsed));
                if (n is Call { Callee: Identifier f }) callees.Add(f);
                moments |= n is Expectation or FunctionApplication { Function: "Var" or "Cov" };
            });
        // Σ = L Lᵀ: a defined matrix brings the names of its formula.
        for (var i = 0; i < names.Count && i < 400; i++)
            if ((scope.Definitions.TryGetValue(MatrixScope.Key(names[i].Id, names[i].Parsed), out var definition)
                    || scope.ScalarDefinitions.TryGetValue(MatrixScope.Key(names[i].Id, names[i].Parsed), out definition)) && !all.Any(s => ReferenceEquals(s.Node, definition.Formula)))
            {
                all.Add((definition.Formula, definition.Parsed));
                MatrixScope.Visit(definition.Formula, n => { if (n is Identifier id) names.Add((id, definition.Parsed)); });
            }
        foreach (var d in scope.DimensionSymbols) DimensionSymbols.Add(d);

        foreach (var (id, parsed) in names)
        {
            var key = MatrixScope.Key(id, parsed);
            if (scope.Shapes.TryGetValue(key, out var declared))
            {
                // "a symmetric A", "the covariance Σ" in the prose: a kind for a matrix declared only by its space.
                var square = !declared.IsVector && declared.Rows == declared.Columns && declared.Kind == MatrixKind.General;
                var stated = square ? scope.ProseKind(key) : null;
                _shapes[key] = stated == true ? declared with { Kind = MatrixKind.PositiveDefinite } : declared;
                if (stated == false) _openKinds.Add(key);
                HasMatrices = true;
            }
            else if (id.Primes == 1 && !scope.RandomDefinitions.ContainsKey(key) && scope.Shapes.TryGetValue(MatrixScope.Key(id with { Primes = 0 }, parsed), out var primed))
            {
                var plain = MatrixScope.Key(id with { Primes = 0 }, parsed);
                _shapes[plain] = primed;
                Primed.Add(plain);
                HasMatrices = true; HasOperations = true;
            }
            if (IsIdentity(id) && id.Subscript is { } size && MatrixScope.Unwrap(size) is Identifier dim && !scope.NamesNumber(key)) { DimensionSymbols.Add(MathBinder.SymbolName(dim, parsed)); HasMatrices = true; HasOperations = true; }
            // I_{np}: the identity of a size written as a product of dimensions (of a Kronecker product's factors).
            else if (IsIdentity(id) && id.Subscript is { } product && MatrixScope.Unwrap(product) is ImplicitMultiplication { Factors: var factors } && factors.All(f => f is Identifier { Subscript: null } or Number) && !scope.NamesNumber(key))
            {
                foreach (var f in factors.OfType<Identifier>()) DimensionSymbols.Add(MathBinder.SymbolName(f, parsed));
                HasMatrices = true; HasOperations = true;
            }
        }
        // Q = 𝔼[w wᵀ] in the text: Q is a matrix (whatever its letter), read through that moment where the statement has one.
        foreach (var (id, parsed) in names)
            if (scope.MomentNames.ContainsKey(MatrixScope.Key(id, parsed)) && !_shapes.ContainsKey(MatrixScope.Key(id, parsed)))
            {
                _shapes[MatrixScope.Key(id, parsed)] = MatrixShape.Square(MatrixScope.Common, MatrixKind.PositiveDefinite);
                HasMatrices = true;
            }
        // The parameters of the document's multivariate normals that the statement names.
        var mentioned = new HashSet<string>(names.Select(n => MatrixScope.Key(n.Id, n.Parsed)), StringComparer.Ordinal);
        // y = Hx + v defined from random vectors: y is a vector, and the laws it is made of count as named.
        foreach (var defined in moments ? ThroughRandomDefinitions(scope, mentioned) : [])
        {
            HasMatrices = true;
            Add(defined, MatrixShape.Vector(MatrixScope.Common));
        }
        foreach (var kv in scope.Gaussians.Concat(scope.WrittenLaws))
        {
            if (!mentioned.Contains(kv.Key) && !(kv.Value.Variable is { } v && mentioned.Contains(v))) continue;
            HasMatrices = true;
            if (kv.Value.Variable is { } variable) Add(variable, MatrixShape.Vector(MatrixScope.Common));
            if (MatrixScope.Unwrap(kv.Value.Mean) is Identifier mean) Add(MatrixScope.Key(mean, kv.Value.Parsed), MatrixShape.Vector(MatrixScope.Common));
            // A covariance is symmetric positive definite, also when declared only as a d × d matrix.
            if (MatrixScope.Unwrap(kv.Value.Covariance) is Identifier cov && MatrixScope.IsMatrixLetter(cov))
            {
                var key = MatrixScope.Key(cov, kv.Value.Parsed);
                _shapes[key] = _shapes.TryGetValue(key, out var declared) && !declared.IsVector && declared.Rows == declared.Columns
                    ? declared with { Kind = MatrixKind.PositiveDefinite }
                    : MatrixShape.Square(MatrixScope.Common, MatrixKind.PositiveDefinite);
            }
        }
        // KL(𝒩(μ₀, Σ₀) ‖ 𝒩(μ₁, Σ₁)) written inline: a covariance is symmetric positive definite whatever the declaration
        // says of its shape (ℝ^{k×k}); a general matrix there makes log|Σ| and the density meaningless, never a counterexample.
        foreach (var (node, parsed) in sides)
            MatrixScope.Visit(node, n =>
            {
                if (MatrixScope.Normal(n) is not { } normal || MatrixScope.Unwrap(normal.Covariance) is not Identifier cov || !MatrixScope.IsMatrixLetter(cov)) return;
                var key = MatrixScope.Key(cov, parsed);
                _shapes[key] = _shapes.TryGetValue(key, out var declared) && !declared.IsVector && declared.Rows == declared.Columns
                    ? declared with { Kind = MatrixKind.PositiveDefinite }
                    : MatrixShape.Square(MatrixScope.Common, MatrixKind.PositiveDefinite);
            });
        // p beside 𝒩(μ_p, Σ_p) in the document: a statement about p is one about that normal.
        if (names.Any(n => scope.Conventional(MatrixScope.Key(n.Id, n.Parsed)) is not null && n.Id.Subscript is null)) HasMatrices = true;
        foreach (var (node, _) in all) MatrixScope.Visit(node, n => _hasDerivative |= n is Derivative);
        foreach (var (node, parsed) in all) Mark(node, parsed);
        if (HasMatrices)
        {
            // J in Σ_{j=1}^{J} or ∏_{k=1}^{K} counts terms: a capital written as a limit is not a matrix there.
            var limits = _limits;
            foreach (var (node, parsed) in all)
                MatrixScope.Visit(node, n =>
                {
                    var upper = n switch { Sum s => s.Upper, Product p => p.Upper, _ => null };
                    if (upper is not null && MatrixScope.Unwrap(upper) is Identifier { Subscript: null } count) limits.Add(MatrixScope.Key(count, parsed));
                });
            foreach (var (id, parsed) in names)
                // 𝓛 = −Σᵢ … given a formula in numbers: a number (a loss), not a matrix, whatever its letter.
                if (MatrixScope.IsMatrixLetter(id) && !IsIdentity(id) && !limits.Contains(MatrixScope.Key(id, parsed)) && !scope.ScalarDefinitions.ContainsKey(MatrixScope.Key(id, parsed))
                    // 𝓛_i beside 𝓛 = Σ_i …: the loss of sample i, a number (MatrixReader.PerSampleTerm), not an entry of a matrix.
                    && !(id is { Style: NameStyle.Calligraphic or NameStyle.Script, Subscript: not null } && scope.SumForm(MatrixScope.Key(id with { Subscript = null }, parsed)) is not null))
                    AddMatrix(id, parsed);
            // R_k, P_{k-1}, H_k beside matrix operations: matrices (not P(x), H(X), Q(s, a): a density, an entropy, a value applied).
            if (_inferOpenCapitals && HasOperations)
                foreach (var (id, parsed) in names)
                    if (IsOpenCapital(id) && id.Subscript is not null && !limits.Contains(MatrixScope.Key(id, parsed)) && !callees.Any(c => ReferenceEquals(c, id)))
                        InferMatrix(id, parsed);
            foreach (var (node, parsed) in all) MarkBlocks(node, parsed);
            foreach (var (id, parsed) in names)
                // N in 𝒩(0, I) written N(0, I) names the normal, not a dimension.
                if (id.Subscript is null && MatrixScope.DimensionLetters.Contains(id.Name) && id.IsUndecorated && !callees.Any(c => ReferenceEquals(c, id)) && !_shapes.ContainsKey(MatrixScope.Key(id, parsed)))
                    DimensionSymbols.Add(MathBinder.SymbolName(id, parsed));
        }
    }

    /// <summary>Capitals written as the upper limit of a sum or product (J in Σ_{j=1}^{J}): counts, not matrices.</summary>
    private readonly HashSet<string> _limits = new(StringComparer.Ordinal);

    /// <summary>Why the statement cannot be read in this layer (an entry of a matrix, Σ used as a summation sign), or null.</summary>
    public string? Unreadable { get; private set; }

    public MatrixShape? ShapeOf(string key) => _shapes.TryGetValue(key, out var s) ? s : null;

    /// <summary>A name added to a vector becomes a vector (μ in x − μ); the reader then reads the statement again.</summary>
    public void MakeVector(string key)
    {
        NoteCapitalVector(key);
        _shapes[key] = MatrixShape.Vector(MatrixScope.Common);
        _openCapitals.Remove(key);
    }

    /// <summary>Bold X, Y, Z read as a general matrix only by default (nothing declares them): a vector where one is added to a vector.</summary>
    private readonly HashSet<string> _openCapitals = new(StringComparer.Ordinal);

    /// <summary>
    /// x_{k−1}, x_2 for a family x_k that the document declares a vector (or draws from a multivariate normal): the key is
    /// an undeclared member, its subscript the running index shifted or a number, beside a member indexed by a letter.
    /// </summary>
    private bool VectorFamily(string key)
    {
        if (_scope.Shapes.ContainsKey(key) || Checking.IndexedSums.Split(key) is not { } member || !SequenceIndex(member.Key)) return false;
        foreach (var kv in _scope.Shapes)
            if (kv.Value.IsVector && Checking.IndexedSums.Split(kv.Key) is { } other && other.Base == member.Base && other.Key.Length == 1 && char.IsLower(other.Key[0])
                && (member.Key == other.Key || member.Key.StartsWith(other.Key, StringComparison.Ordinal) || member.Key.All(char.IsDigit)))
                return true;
        return false;
    }

    /// <summary>k, k-1, k+2, 0, 12: an index of a sequence's member (not i,j of an entry, not 1:T of a range).</summary>
    private static bool SequenceIndex(string key) =>
        key.Length > 0 && (key.All(char.IsDigit) || char.IsLower(key[0]) && (key.Length == 1 || key.Length >= 3 && key[1] is '-' or '+' && key.Substring(2).All(char.IsDigit)));

    /// <summary>The name is a bold X, Y or Z that this statement read as a matrix only by default.</summary>
    public bool IsOpenCapital(string key) => _openCapitals.Contains(key);

    /// <summary>A covariance named by a normal the statement refers to (Σ_p of p by convention) is a positive definite matrix.</summary>
    public void MakeCovariance(string key) => _shapes[key] = MatrixShape.Square(MatrixScope.Common, MatrixKind.PositiveDefinite);

    public bool CanBeVector(Identifier id, ParseResult parsed)
    {
        var key = MatrixScope.Key(id, parsed);
        return !_shapes.ContainsKey(key) && !_scope.IsDeclaredScalar(key) && !DimensionSymbols.Contains(MathBinder.SymbolName(id, parsed))
            && id.Name.Length >= 1 && (char.IsLower(id.Name[0]) || id.Name is "X" or "Y" or "Z") && !IsIdentity(id);
    }

    private void Add(string key, MatrixShape shape)
    {
        if (!_shapes.ContainsKey(key)) _shapes[key] = shape;
    }

    private void AddMatrix(Identifier id, ParseResult parsed)
    {
        var key = MatrixScope.Key(id, parsed);
        // A_{i,j}, A_{ij}: an entry; \Sigma_{i=1}^n: a summation sign. Neither is a matrix of its own.
        if (IndexedSubscript(id, parsed) is { } entry)
        {
            // A_{ij}, A_{i,i}: an entry of the matrix A, read where sums over i and j write it out (Σ_i A_ii is tr A). Only
            // of a matrix drawn as a whole: not one the document gives by a formula (Σ = L Lᵀ), nor beside a derivative (the
            // entry, a number of its own, would not move with the matrix).
            var whole = MatrixScope.Key(id with { Subscript = null }, parsed);
            if (EntryIndices(id, parsed) is not null && !_scope.Definitions.ContainsKey(whole) && !_hasDerivative)
            {
                var matrix = id with { Subscript = null };
                // Under the binder's name too (\mathbf{A}_{ij} keeps its style there): every spelling maps to the matrix.
                _entries[key] = _entries[MathBinder.SymbolName(id, parsed)] = MatrixScope.Key(matrix, parsed);
                AddMatrix(matrix, parsed);
                return;
            }
            Unreadable ??= "'" + entry + "' reads as an entry of a matrix or a summation sign, which this layer does not model";
            return;
        }
        if (_shapes.ContainsKey(key) || _scope.IsDeclaredScalar(key)) return;
        // L in Σ = L Lᵀ is a factor whatever its letter; another Greek capital is a covariance; any other capital is open.
        var kind = _scope.IsFactor(key) ? MatrixKind.Factor : id.IsGreek ? MatrixKind.PositiveDefinite : MatrixKind.General;
        if (kind != MatrixKind.PositiveDefinite) _openKinds.Add(key);
        if (kind == MatrixKind.Factor) HasFactors = true;
        _shapes[key] = MatrixShape.Square(MatrixScope.Common, kind);
    }

    private readonly Dictionary<string, string> _entries = new(StringComparer.Ordinal);

    /// <summary>The statement (or a formula it reads through) takes a derivative.</summary>
    private bool _hasDerivative;

    /// <summary>The matrix whose entry the name is (A for A_{ij}), or null.</summary>
    public string? EntryOf(string key) => _entries.TryGetValue(key, out var matrix) ? matrix : null;

    /// <summary>Names that are entries of a matrix of the statement (A_{ij}, A_{i,i}).</summary>
    public bool HasEntries => _entries.Count > 0;

    /// <summary>The two index positions of an entry's subscript ("i,j", "ij", "i,i", "1,2"), or null.</summary>
    private static string[]? EntryIndices(Identifier id, ParseResult parsed)
    {
        if (id.Subscript is null) return null;
        var sub = parsed.GetText(id.Subscript.Span).Trim().Trim('{', '}').Replace(" ", "");
        var tokens = Checking.IndexedSums.KeyTokens(sub);
        return tokens.Length == 2 && tokens.All(t => t.Length == 1 && (char.IsLetter(t[0]) || char.IsDigit(t[0]))) ? tokens : null;
    }

    private static string? IndexedSubscript(Identifier id, ParseResult parsed)
    {
        if (id.Subscript is null) return null;
        var sub = parsed.GetText(id.Subscript.Span).Trim().Trim('{', '}');
        if (sub.Contains(',') || sub.Contains('=')) return parsed.GetText(id.Span).Trim();
        return sub.Length is 1 or 2 && sub.All(c => c is 'i' or 'j' or 'l') ? parsed.GetText(id.Span).Trim() : null;
    }

    /// <summary>The mentioned names the document defines from random vectors; the names of their formulas join the mentioned set.</summary>
    private static List<string> ThroughRandomDefinitions(MatrixScope scope, HashSet<string> mentioned)
    {
        var defined = new List<string>();
        var queue = new Queue<string>(mentioned);
        while (queue.Count > 0 && defined.Count < 64)
        {
            var key = queue.Dequeue();
            if (!scope.RandomDefinitions.TryGetValue(key, out var definition) || defined.Contains(key)) continue;
            defined.Add(key);
            MatrixScope.Visit(definition.Formula, n =>
            {
                if (n is Identifier id && mentioned.Add(MatrixScope.Key(id, definition.Parsed))) queue.Enqueue(MatrixScope.Key(id, definition.Parsed));
            });
        }
        return defined;
    }

    private void InferMatrix(Identifier id, ParseResult parsed)
    {
        var key = MatrixScope.Key(id, parsed);
        // H_l, P_{k,l}: the subscript may index entries; an inferred matrix never makes the statement unreadable.
        if (_shapes.ContainsKey(key) || _scope.IsDeclaredScalar(key) || DimensionSymbols.Contains(MathBinder.SymbolName(id, parsed)) || IndexedSubscript(id, parsed) is not null) return;
        AddMatrix(id, parsed);
        if (_shapes.TryGetValue(key, out var shape) && !shape.IsVector) InferredMatrices.Add(key);
    }

    private void AddVector(Identifier id, ParseResult parsed)
    {
        if (!CanBeVector(id, parsed)) return;
        NoteCapitalVector(MatrixScope.Key(id, parsed));
        _shapes[MatrixScope.Key(id, parsed)] = MatrixShape.Vector(MatrixScope.Common);
    }

    private void Mark(SyntaxNode node, ParseResult parsed)
    {
        switch (node)
        {
            // [1, 1]^\top, [z_1, z_2]^T: a bracketed list transposed is a vector written out (never an interval); its entries are numbers.
            // With an ellipsis ([z_1, \dots, z_d]^T) its length is open: not marked here.
            case SyntaxPower { Base: Group { Left: Bracket.Square, Right: Bracket.Square, Body: Sequence list } } p when (IsTransposeMarker(p.Exponent) || IsT(p.Exponent))
                && list.Items.Count >= 2 && list.Separators.Count == list.Items.Count - 1 && list.Separators.All(sep => sep.Text == ",") && !list.Items.Any(i => i is Ellipsis):
                HasMatrices = true; HasOperations = true; HasExplicitMatrices = true;
                break;
            case SyntaxPower p when IsTransposeMarker(p.Exponent) || (_transposeByT || IdentityBase(p)) && IsT(p.Exponent):
                HasMatrices = true; HasOperations = true;
                foreach (var id in Leaves(p.Base))
                    if (MatrixScope.IsMatrixLetter(id)) AddMatrix(id, parsed);
                    else if (_inferOpenCapitals && IsOpenCapital(id)) InferMatrix(id, parsed);
                    else AddVector(id, parsed);
                break;
            case Identifier { Style: NameStyle.Bold } or Identifier { Accent: "vec" or "overrightarrow" }:
                {
                    var id = (Identifier)node;
                    if (IsIdentity(id)) break;
                    HasMatrices = true;
                    if (!char.IsUpper(id.Name[0])) { AddVector(id, parsed); break; }
                    // 𝐙_{k−1} beside 𝐙_k ∼ 𝒩(0, I): a member of a family the document declares a vector is one too.
                    if (VectorFamily(MatrixScope.Key(id, parsed))) { Add(MatrixScope.Key(id, parsed), MatrixShape.Vector(MatrixScope.Common)); break; }
                    var fresh = !_shapes.ContainsKey(MatrixScope.Key(id, parsed));
                    AddMatrix(id, parsed);
                    // 𝐗_k, 𝐙_{k−1}: a bold X, Y or Z is a matrix only by default (a design matrix); added to a vector it is a random vector.
                    if (fresh && id.Name is "X" or "Y" or "Z" && ShapeOf(MatrixScope.Key(id, parsed)) is { Kind: MatrixKind.General }) _openCapitals.Add(MatrixScope.Key(id, parsed));
                    break;
                }
            case FunctionApplication { Function: "tr" or "Tr" or "trace" or "det" or "diag" }:
                HasMatrices = true; HasOperations = true;
                break;
            // Var(Ax + b), Cov(x, y): a moment of vectors is a matrix; read as numbers, A Σ A and A Σ Aᵀ would agree.
            case FunctionApplication { Function: "Var" or "Cov" }:
                HasOperations = true;
                break;
            case Matrix m when IsExplicitMatrix(m):
                HasMatrices = true; HasOperations = true; HasExplicitMatrices = true;
                break;
            // A^{1/2} B A^{-1/2} with A, B declared matrices: a root of a matrix is an operation on it; read as numbers the
            // factors would commute (MatrixReader.Roots reads the root or says why not).
            case SyntaxPower p when MatrixReader.IsHalfPower(p.Exponent, parsed) && MatrixScope.Unwrap(p.Base) is Identifier rooted
                && ShapeOf(MatrixScope.Key(rooted, parsed)) is { IsVector: false } rootedShape && rootedShape.Rows == rootedShape.Columns:
                HasMatrices = true; HasOperations = true;
                break;
            // vec(A): the columns stacked, an operation on a matrix.
            case Call { Callee: Identifier { Name: "vec" or "Vec", Subscript: null }, Arguments.Count: 1 } vec when Leaves(vec.Arguments[0]).Any(MatrixScope.IsMatrixLetter) || Leaves(vec.Arguments[0]).Any(id => _shapes.ContainsKey(MatrixScope.Key(id, parsed)) || _scope.Shapes.ContainsKey(MatrixScope.Key(id, parsed))):
                HasMatrices = true; HasOperations = true;
                break;
            case Norm n:
                HasMatrices = true; HasOperations = true;
                foreach (var id in NormLeaves(n.Body, parsed)) if (!MatrixScope.IsMatrixLetter(id)) AddVector(id, parsed);
                // ‖[0.8, −1.2] − [0.75, −1.1]‖: a bracketed list inside a norm is a vector written out (never an interval there).
                MatrixScope.Visit(n.Body, x => { if (x is Group { Left: Bracket.Square, Right: Bracket.Square, Body: Sequence list } && list.Items.Count >= 2 && list.Separators.All(sep => sep.Text == ",")) HasExplicitMatrices = true; });
                break;
            // 𝒩(μ(X), Σ(X)): the mean and covariance as functions of the data, values the text leaves open.
            case Call c when MatrixScope.Normal(c) is { } normal && (ParameterFunction(normal.Mean, parsed, vector: true) | ParameterFunction(normal.Covariance, parsed, vector: false)):
                HasMatrices = true;
                break;
            case Call c when MatrixScope.Normal(c) is { } normal && (Leaves(normal.Covariance).Any(MatrixScope.IsMatrixLetter) || MatrixScope.Unwrap(normal.Covariance) is FunctionApplication { Function: "diag" }):
                HasMatrices = true;
                if (MatrixScope.Unwrap(normal.Mean) is Identifier mean) AddVector(mean, parsed);
                if (normal.Variable is { } v && MatrixScope.Unwrap(v) is Identifier variable) AddVector(variable, parsed);
                break;
        }
        foreach (var c in node.Children()) Mark(c, parsed);
    }

    private readonly Dictionary<string, bool> _parameterFunctions = new(StringComparer.Ordinal);

    /// <summary>
    /// μ(X) as a normal's mean, Σ(X) as its covariance: the function's value is a vector (a covariance) of the statement
    /// wherever the function is applied; null when the name is no such function. Registered when the normal is marked.
    /// </summary>
    public bool? ParameterFunctionIsVector(string key) => _parameterFunctions.TryGetValue(key, out var vector) ? vector : null;

    private bool ParameterFunction(SyntaxNode parameter, ParseResult parsed, bool vector)
    {
        if (MatrixScope.Unwrap(parameter) is not Call { Callee: Identifier f, Arguments.Count: >= 1 }) return false;
        var key = MatrixScope.Key(f, parsed);
        if (vector ? !char.IsLower(f.Name[0]) || _scope.IsDeclaredScalar(key) : !MatrixScope.IsMatrixLetter(f) || IsIdentity(f)) return false;
        if (_scope.Shapes.ContainsKey(key) || _scope.Definitions.ContainsKey(key)) return false;
        _parameterFunctions[key] = vector;
        return true;
    }

    /// <summary>The names at the top of a transposed or normed operand: x in xᵀ, x and μ in (x − μ)ᵀ, A and B in (AB)ᵀ.</summary>
    /// <summary>
    /// The names a norm's body makes vectors. In a product of plain names (‖a u − a v‖, ‖β_t ε‖) one factor is the vector and
    /// the others scale it: the factor already known as a vector or matrix (bold, declared, read before), else the last
    /// one, as a coefficient is written before what it scales. Two vectors multiplied would not be read anyway.
    /// </summary>
    private IEnumerable<Identifier> NormLeaves(SyntaxNode node, ParseResult parsed)
    {
        switch (MatrixScope.Unwrap(node))
        {
            case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
                foreach (var x in NormLeaves(b.Left, parsed).Concat(NormLeaves(b.Right, parsed))) yield return x;
                break;
            case Unary u:
                foreach (var x in NormLeaves(u.Operand, parsed)) yield return x;
                break;
            case ImplicitMultiplication m when m.Factors.Count >= 2:
                foreach (var x in ProductLeaves(m.Factors, parsed)) yield return x;
                break;
            case Binary { Operator: BinaryOperator.Multiply } b:
                foreach (var x in ProductLeaves([b.Left, b.Right], parsed)) yield return x;
                break;
            default:
                foreach (var x in Leaves(node)) yield return x;
                break;
        }
    }

    private IEnumerable<Identifier> ProductLeaves(IReadOnlyList<SyntaxNode> factors, ParseResult parsed)
    {
        // Anything but plain scalar-looking names (a transpose, a matrix letter, a sum in brackets): as before, every leaf.
        if (!factors.All(f => MatrixScope.Unwrap(f) is Identifier id && !MatrixScope.IsMatrixLetter(id)))
            return factors.SelectMany(Leaves);
        var names = factors.Select(f => (Identifier)MatrixScope.Unwrap(f)).ToList();
        var known = names.Where(id => id.Style == NameStyle.Bold || id.Accent is "vec" or "overrightarrow"
            || _shapes.ContainsKey(MatrixScope.Key(id, parsed)) || _scope.Shapes.ContainsKey(MatrixScope.Key(id, parsed))).ToList();
        return known.Count > 0 ? known : [names[^1]];
    }

    private static IEnumerable<Identifier> Leaves(SyntaxNode node)
    {
        switch (MatrixScope.Unwrap(node))
        {
            case Identifier id:
                yield return id;
                break;
            case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply } b:
                foreach (var x in Leaves(b.Left).Concat(Leaves(b.Right))) yield return x;
                break;
            case ImplicitMultiplication m:
                foreach (var f in m.Factors)
                    foreach (var x in Leaves(f)) yield return x;
                break;
            case Unary u:
                foreach (var x in Leaves(u.Operand)) yield return x;
                break;
            case SyntaxPower p when IsTransposeMarker(p.Exponent) || IsT(p.Exponent) || IsMinusOne(p.Exponent):
                foreach (var x in Leaves(p.Base)) yield return x;
                break;
            // a (b + c)ᵀ, and ξ(ξ)ᵀ, which parses as (ξ(ξ))ᵀ: a name before a group multiplies it (no function is applied to a
            // transpose, nor to a formula of its own name).
            case Call c when (TransposedProduct(c) ?? SelfProduct(c)) is { } callee:
                yield return callee;
                foreach (var x in Leaves(c.Arguments[0])) yield return x;
                break;
        }
    }

    /// <summary>
    /// ξ(ξ), e(e + v): the name of a call whose one argument mentions a name of the callee's family (the same letter,
    /// decoration and accent): with a transpose after it, ξ(ξ)ᵀ is the outer product ξ ξᵀ, not (ξ applied to ξ)ᵀ.
    /// </summary>
    public static Identifier? SelfProduct(Call c)
    {
        if (c.Callee is not Identifier callee || c.Arguments.Count != 1 || c.Separators.Count != 0 || MatrixScope.IsMatrixLetter(callee) || char.IsUpper(callee.Name[0])) return null;
        var found = false;
        MatrixScope.Visit(c.Arguments[0], n => found |= n is Identifier id && id.Name == callee.Name && id.Decoration == callee.Decoration && id.Accent == callee.Accent && id.Style == callee.Style);
        return found ? callee : null;
    }

    /// <summary>The name of a call whose one argument is a transpose ((…)ᵀ): a product written without a sign, not an application.</summary>
    public static Identifier? TransposedProduct(Call c) =>
        c.Callee is Identifier callee && c.Arguments.Count == 1 && c.Separators.Count == 0
        && MatrixScope.Unwrap(c.Arguments[0]) is SyntaxPower { Exponent: var t } && (IsTransposeMarker(t) || IsT(t)) ? callee : null;

    /// <summary>I, I_d, \mathbf{I}, \mathbb{I}: the identity.</summary>
    public static bool IsIdentity(Identifier id) => id.Name == "I" && id.Primes == 0 && id.Accent is null && id.Decoration is null && id.Style is NameStyle.Normal or NameStyle.Bold or NameStyle.Blackboard or NameStyle.Roman;

    /// <summary>^\top, ^\intercal, ^{\mathsf T}, ^{\rm T}: a transpose whatever else the document uses T for.</summary>
    public static bool IsTransposeMarker(SyntaxNode exponent) => MatrixScope.Unwrap(exponent) switch
    {
        MathSymbol { Name: "top" or "intercal" or "T" } => true,
        Identifier { Name: "T", Subscript: null, Style: NameStyle.SansSerif or NameStyle.Roman } => true,
        Identifier { Name: "top" or "intercal" } => true,
        _ => false,
    };

    /// <summary>^T: a transpose unless the document uses T as a number (Σ_{t=1}^T).</summary>
    public static bool IsT(SyntaxNode exponent) => MatrixScope.Unwrap(exponent) is Identifier { Name: "T", Subscript: null, Primes: 0, Style: NameStyle.Normal or NameStyle.Italic };

    private static bool IsMinusOne(SyntaxNode exponent) => MatrixScope.Unwrap(exponent) is Unary { Operator: UnaryOperator.Negate, Operand: Number { Text: "1" } };

    /// <summary>A transposed name when T is a number of the document: the base must be a vector or matrix already.</summary>
    public bool IsTranspose(SyntaxPower p, ParseResult parsed) =>
        IsTransposeMarker(p.Exponent) || IsT(p.Exponent) && (_transposeByT || IdentityBase(p) || Leaves(p.Base).Any(id => _shapes.ContainsKey(MatrixScope.Key(id, parsed))));

    /// <summary>I^T: the identity transposed even where T is a number of the document (a power of I would not be written so).</summary>
    private static bool IdentityBase(SyntaxPower p)
    {
        // (c I)^T, (\frac{a}{b} I)^T as much as I^T: a multiple of the identity has no power T either.
        var found = false;
        MatrixScope.Visit(p.Base, n => found |= n is Identifier id && IsIdentity(id));
        return found;
    }

    /// <summary>The node has a vector, a matrix or matrix notation in it (it cannot be read as a scalar alone).</summary>
    public bool MentionsMatrices(SyntaxNode node, ParseResult parsed)
    {
        var found = false;
        MatrixScope.Visit(node, n =>
        {
            switch (n)
            {
                // z_i = wᵀx_i: a number defined in vectors brings them in (Σ_i log(1 + e^{−z_i}) is written out term by term).
                case Identifier id when _shapes.ContainsKey(MatrixScope.Key(id, parsed)) || IsIdentity(id) && HasMatrices || _scope.ScalarDefinitions.ContainsKey(MatrixScope.Key(id, parsed)):
                case FunctionApplication { Function: "tr" or "Tr" or "trace" or "det" or "diag" }:
                case Norm:
                case Matrix m when IsExplicitMatrix(m):
                case SyntaxPower p when IsTransposeMarker(p.Exponent):
                    found = true;
                    break;
                case Call { Callee: Identifier f } when _scope.Gaussians.ContainsKey(MatrixScope.Key(f, parsed)) || _scope.WrittenOut(MatrixScope.Key(f, parsed)) is not null || MatrixScope.IsNormalName(f):
                    found = true;
                    break;
            }
        });
        return found;
    }
}
