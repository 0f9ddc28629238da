using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// A normal over stacked blocks: x ∼ 𝒩(μ, Σ) with x = [x₁; x₂], μ = [μ₁; μ₂] and Σ = [[Σ₁₁, Σ₁₂], [Σ₂₁, Σ₂₂]] (or the law
/// written with its blocks, [x₁; x₂] ∼ 𝒩([μ₁; μ₂], [[…]])). Each block is then a random vector of its own, xᵢ ∼ 𝒩(μᵢ, Σᵢᵢ),
/// and two blocks have the cross-covariance Cov(xᵢ, xⱼ) = Σᵢⱼ, so that moments of several blocks read their joint law.
/// A covariance is symmetric: Σ₂₁ written as a name is Σ₁₂ᵀ.
/// </summary>
internal sealed partial class MatrixScope
{
    private readonly Dictionary<string, (IReadOnlyList<SyntaxNode> Entries, ParseResult Parsed)> _stacks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IReadOnlyList<IReadOnlyList<SyntaxNode>> Grid, ParseResult Parsed)> _grids = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), (SyntaxNode Node, ParseResult Parsed, bool Transposed)> _cross = new();
    private readonly Dictionary<string, GaussianVector> _resolved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blocks = new(StringComparer.Ordinal);

    /// <summary>A name that is a vector only as a block of a stacked normal (x₁ in x = [x₁; x₂]).</summary>
    public bool IsBlock(string key) => _blocks.Contains(key);

    /// <summary>The random vectors the moments of the statement last checked are conditioned on (set by <see cref="MatrixStatement"/>).</summary>
    public HashSet<string> LastConditioned { get; } = new(StringComparer.Ordinal);

    /// <summary>Cov(a, b) = E[(a − E a)(b − E b)ᵀ] of two blocks of one stacked normal, as written (transposed when b comes first); null otherwise.</summary>
    public (SyntaxNode Node, ParseResult Parsed, bool Transposed)? CrossCovariance(string a, string b) => _cross.TryGetValue((a, b), out var c) ? c : null;

    private void ObserveBlocks(LatexRelation r, ParseResult parsed)
    {
        if (r.Operators.Count != 1 || r.Operators[0].Negated) return;
        var (left, right) = (Unwrap(r.Operands[0]), Unwrap(r.Operands[1]));
        if (r.Operators[0].Kind is RelationKind.Equal or RelationKind.Define && left is Identifier name && right is Matrix m)
        {
            if (Column(m) is { } entries) _stacks[Key(name, parsed)] = (entries, parsed);
            else if (Grid(m) is { } grid)
            {
                _grids[Key(name, parsed)] = (grid, parsed);
                if (IsSymmetricName(name, parsed)) MirrorBlocks(grid, parsed);
            }
        }
        if (r.Operators[0].Kind == RelationKind.Sim && left is Matrix stacked && Column(stacked) is { } blocks && Normal(right) is { Variable: null } law)
            RegisterBlocks(blocks, parsed, law.Mean, law.Covariance, parsed);
    }

    /// <summary>After a math: each stacked name that has a normal law gives its blocks theirs.</summary>
    private void ResolveBlocks()
    {
        foreach (var pair in _stacks.ToList())
            if (pair.Key is var key && pair.Value is var stack && _gaussians.TryGetValue(key, out var g) && g.Variable == key && !(_resolved.TryGetValue(key, out var done) && ReferenceEquals(done, g)))
            {
                _resolved[key] = g;
                RegisterBlocks(stack.Entries, stack.Parsed, g.Mean, g.Covariance, g.Parsed);
            }
    }

    private void RegisterBlocks(IReadOnlyList<SyntaxNode> blocks, ParseResult parsed, SyntaxNode mean, SyntaxNode covariance, ParseResult lawParsed)
    {
        if (blocks.Any(b => Unwrap(b) is not Identifier)) return;
        var keys = blocks.Select(b => Key((Identifier)Unwrap(b), parsed)).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count) return;
        // A block declared a matrix or a number is no random vector of this law.
        if (keys.Any(k => _scalars.Contains(k) || _shapes.TryGetValue(k, out var s) && !s.IsVector)) return;
        var means = Stacked(mean, lawParsed);
        var grid = Blocked(covariance, lawParsed);
        if (means is null || grid is null || means.Value.Entries.Count != keys.Count || grid.Value.Grid.Count != keys.Count) return;
        var (mu, muParsed) = means.Value;
        var (sigma, sigmaParsed) = grid.Value;
        string Text(SyntaxNode n, ParseResult p) => p.GetText(n.Span).Trim();
        // The size of each block: that of its covariance block where declared, else the shared one.
        // A number on the diagonal makes a block of one component.
        var sizes = keys.Select((k, i) => Unwrap(sigma[i][i]) switch
        {
            Number => "#1",
            Identifier d when _shapes.TryGetValue(Key(d, sigmaParsed), out var s) && !s.IsVector => s.Rows,
            _ => Common,
        }).ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            // A block of one component: its mean and variance as 1 × 1 matrices, so that they read at that size.
            string Sized(string text) => sizes[i] == "#1" ? "\\begin{bmatrix} " + text + " \\end{bmatrix}" : text;
            var law = LatexParser.ParseMath("\\mathcal{N}(" + Sized(Text(mu[i], muParsed)) + ", " + Sized(Text(sigma[i][i], sigmaParsed)) + ")");
            if (law.Root is not { Rows.Count: 1 } root || root.Rows[0].Items.Count != 1 || Normal(root.Rows[0].Items[0]) is not { } normal) return;
            _gaussians[keys[i]] = new GaussianVector(normal.Mean, normal.Covariance, law, keys[i]);
            if (!_shapes.ContainsKey(keys[i])) _blocks.Add(keys[i]);
            if (!_shapes.ContainsKey(keys[i])) _shapes[keys[i]] = MatrixShape.Vector(sizes[i]);
            for (var j = 0; j < keys.Count; j++)
            {
                if (Unwrap(sigma[i][j]) is not Identifier block) continue;
                var blockKey = Key(block, sigmaParsed);
                if (!_shapes.ContainsKey(blockKey)) _shapes[blockKey] = i == j ? MatrixShape.Square(sizes[i], MatrixKind.PositiveDefinite) : new MatrixShape(false, sizes[i], sizes[j], MatrixKind.Cross);
                // Σ₂₁ is Σ₁₂ᵀ, unless the document gives it as a formula of its own.
                if (j < i && !_definitions.ContainsKey(blockKey) && Unwrap(sigma[j][i]) is Identifier upper && Key(upper, sigmaParsed) != blockKey)
                {
                    var transposed = LatexParser.ParseMath("(" + Text(sigma[j][i], sigmaParsed) + ")^\\top");
                    if (transposed.Root is { Rows.Count: 1 } t && t.Rows[0].Items.Count == 1) _definitions[blockKey] = (t.Rows[0].Items[0], transposed);
                }
            }
        }
        if (sizes.All(s => s == Common)) RegisterJoint(sigma, sigmaParsed);
        for (var i = 0; i < keys.Count; i++)
            for (var j = i + 1; j < keys.Count; j++)
            {
                _cross[(keys[i], keys[j])] = (sigma[i][j], sigmaParsed, false);
                _cross[(keys[j], keys[i])] = (sigma[i][j], sigmaParsed, true);
            }
    }

    /// <summary>
    /// Σ, Λ, Ω (a covariance or a precision) or a matrix declared positive definite: symmetric, so its blocks are too.
    /// Other capitals (A, Φ, Ψ) are written as grids of blocks without being symmetric.
    /// </summary>
    private bool IsSymmetricName(Identifier name, ParseResult parsed) =>
        name.Name is "Sigma" or "Lambda" or "Omega" || _shapes.TryGetValue(Key(name, parsed), out var declared) && declared.Kind == MatrixKind.PositiveDefinite;

    /// <summary>
    /// Λ = [[Λ₁₁, Λ₁₂], [Λ₂₁, Λ₂₂]] with Λ symmetric: the blocks are drawn together, as one symmetric positive definite
    /// matrix (<see cref="JointBlocks"/>), so Λ₂₁ = Λ₁₂ᵀ in every instance. Where they cannot be (a block given a formula,
    /// or of a size of its own), Λ = Λᵀ still gives Λ₂₁ = Λ₁₂ᵀ: a block below the diagonal, written as a name, is read as
    /// the transpose of the named block it mirrors, unless the document gives it a formula of its own.
    /// </summary>
    private void MirrorBlocks(IReadOnlyList<IReadOnlyList<SyntaxNode>> grid, ParseResult parsed)
    {
        if (RegisterJoint(grid, parsed)) return;
        for (var i = 1; i < grid.Count; i++)
            for (var j = 0; j < i; j++)
            {
                if (Unwrap(grid[i][j]) is not Identifier block || !IsMatrixLetter(block with { Subscript = null, Style = NameStyle.Normal })) continue;
                var key = Key(block, parsed);
                if (_scalars.Contains(key) || _definitions.ContainsKey(key) || Unwrap(grid[j][i]) is not Identifier upper || Key(upper, parsed) == key) continue;
                var transposed = LatexParser.ParseMath("(" + parsed.GetText(grid[j][i].Span).Trim() + ")^\\top");
                if (transposed.Root is { Rows.Count: 1 } t && t.Rows[0].Items.Count == 1) _definitions[key] = (t.Rows[0].Items[0], transposed);
            }
    }

    private readonly Dictionary<string, JointBlock> _joint = new(StringComparer.Ordinal);

    /// <summary>
    /// The blocks of a symmetric positive definite matrix written as a grid of names (a covariance or a precision): one
    /// instance draws the whole matrix and splits it, so that the blocks are related as they are in the text (Σ₂₁ = Σ₁₂ᵀ,
    /// every Schur complement Σ₁₁ − Σ₁₂Σ₂₂⁻¹Σ₂₁ positive definite), rather than drawn apart.
    /// </summary>
    public IReadOnlyDictionary<string, JointBlock> JointBlocks => _joint;

    /// <summary>Every block on and above the diagonal a name of the shared size, none given a formula; a block below it a name or not (Σ₁₂ᵀ).</summary>
    private bool RegisterJoint(IReadOnlyList<IReadOnlyList<SyntaxNode>> grid, ParseResult parsed)
    {
        // The same grid seen again (a law written with it after its definition): registered once.
        if (Unwrap(grid[0][0]) is Identifier first && _joint.TryGetValue(Key(first, parsed), out var known) && known.Row == 0 && known.Column == 0) return true;
        var keys = new string?[grid.Count][];
        for (var i = 0; i < grid.Count; i++)
        {
            keys[i] = new string?[grid.Count];
            for (var j = 0; j < grid.Count; j++)
            {
                if (Unwrap(grid[i][j]) is not Identifier id)
                {
                    if (j >= i) return false;
                    continue;
                }
                var key = Key(id, parsed);
                if (_scalars.Contains(key) || _joint.ContainsKey(key) || _shapes.TryGetValue(key, out var declared) && (declared.IsVector || declared.Rows != Common || declared.Columns != Common)) return false;
                if (j >= i && _definitions.ContainsKey(key)) return false;
                keys[i][j] = key;
            }
        }
        var named = keys.SelectMany(r => r).OfType<string>().ToList();
        if (named.Distinct(StringComparer.Ordinal).Count() != named.Count) return false;
        for (var i = 0; i < grid.Count; i++)
            for (var j = 0; j < grid.Count; j++)
                if (keys[i][j] is { } key) _joint[key] = new JointBlock(keys, i, j);
        return true;
    }

    /// <summary>A mean written as a stack, or the name of one the document stacks.</summary>
    private (IReadOnlyList<SyntaxNode> Entries, ParseResult Parsed)? Stacked(SyntaxNode node, ParseResult parsed) => Unwrap(node) switch
    {
        Matrix m when Column(m) is { } entries => (entries, parsed),
        Identifier id when _stacks.TryGetValue(Key(id, parsed), out var s) => s,
        _ => null,
    };

    /// <summary>A covariance written as a square grid of blocks, or the name of one the document writes so.</summary>
    private (IReadOnlyList<IReadOnlyList<SyntaxNode>> Grid, ParseResult Parsed)? Blocked(SyntaxNode node, ParseResult parsed) => Unwrap(node) switch
    {
        Matrix m when Grid(m) is { } grid => (grid, parsed),
        Identifier id when _grids.TryGetValue(Key(id, parsed), out var g) => g,
        _ => null,
    };

    /// <summary>The entries of a one-column matrix of two or more rows (empty cells after a stray &amp; dropped).</summary>
    private static IReadOnlyList<SyntaxNode>? Column(Matrix m)
    {
        var rows = m.Rows.Select(Cells).ToList();
        return rows.Count >= 2 && rows.All(r => r.Count == 1) ? rows.Select(r => r[0]).ToList() : null;
    }

    /// <summary>The cells of a square grid of two or more rows.</summary>
    private static IReadOnlyList<IReadOnlyList<SyntaxNode>>? Grid(Matrix m)
    {
        var rows = m.Rows.Select(Cells).ToList();
        return rows.Count >= 2 && rows.All(r => r.Count == rows.Count) ? rows : null;
    }

    private static IReadOnlyList<SyntaxNode> Cells(IReadOnlyList<SyntaxNode> row)
    {
        var cells = row.ToList();
        while (cells.Count > 0 && cells[^1].Span.Length == 0) cells.RemoveAt(cells.Count - 1);
        return cells;
    }
}

/// <summary>One block of a grid drawn as a whole (<see cref="MatrixScope.JointBlocks"/>): the grid's names (null where a block is no name) and its place.</summary>
internal sealed record JointBlock(string?[][] Keys, int Row, int Column);
