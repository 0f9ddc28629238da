using System.Globalization;
using SymKl.Symbolic;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// One instance of a matrix statement: a value for every dimension, random exact matrices of each name's kind (drawn on
/// first use, the same within the instance), and symbols for the components of vectors (x is x[1] … x[d], left free for
/// the step checker to sample).
/// </summary>
internal sealed class MatrixInstance(int dimension, int seed, bool allPositiveDefinite)
{
    private readonly Dictionary<string, MatrixValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dimensions = new(StringComparer.Ordinal);

    /// <summary>The matrices drawn, in order of first use, for a counterexample.</summary>
    public List<(string Name, MatrixValue Value)> Drawn { get; } = [];

    /// <summary>Every dimension symbol the statement reads (d in ℝ^d, k in I_k, the shared one) and its value.</summary>
    public IReadOnlyDictionary<string, int> Dimensions => _dimensions;

    public int Dimension(string symbol)
    {
        if (symbol.StartsWith("#", StringComparison.Ordinal) && symbol.Length > 1 && int.TryParse(symbol.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out var literal)) return literal;
        if (!_dimensions.TryGetValue(symbol, out var n)) _dimensions[symbol] = n = dimension;
        return n;
    }

    /// <summary>
    /// The length of a sum's symbolic upper limit (N in Σ_{n=1}^{N}): its dimension when it is one, otherwise a value that
    /// differs from the instance's dimension, so that a statement confusing the two fails.
    /// </summary>
    public int Length(string symbol)
    {
        if (!_dimensions.TryGetValue(symbol, out var n)) _dimensions[symbol] = n = (dimension + 1) % 5 + 1;
        return n;
    }

    /// <summary>Symbols for a vector's components.</summary>
    public IReadOnlyList<Sym> Components(string key)
    {
        var v = _values.TryGetValue(key, out var known) ? known : ValueOf(key, MatrixShape.Vector(MatrixScope.Common));
        if (!v.IsVector) throw new MatrixReadException(key + " is not a vector");
        return Enumerable.Range(0, v.Rows).Select(i => v[i, 0] as Sym ?? throw new MatrixReadException(key + " is not a vector variable")).ToList();
    }

    public MatrixValue ValueOf(string key, MatrixShape shape)
    {
        if (_values.TryGetValue(key, out var value)) return value;
        var rows = Dimension(shape.Rows);
        if (shape.IsVector)
        {
            var v = new Expr[rows, 1];
            for (var i = 0; i < rows; i++) v[i, 0] = Ex.Sym(key + "[" + (i + 1).ToString(CultureInfo.InvariantCulture) + "]");
            value = MatrixValue.Of(v);
        }
        else if (Joint is not null && Joint.TryGetValue(key, out var block) && shape.Rows == MatrixScope.Common && shape.Columns == MatrixScope.Common && DrawJoint(block) is { } joint)
            return joint[block.Row, block.Column];
        else
        {
            var columns = shape.Columns == shape.Rows ? rows : Dimension(shape.Columns);
            var random = new Random(seed ^ StableHash(key));
            // Narrowed, a factor is a Cholesky factor and any other square matrix symmetric positive definite.
            var kind = shape.Kind == MatrixKind.Factor
                ? allPositiveDefinite ? MatrixKind.LowerTriangular : MatrixKind.General
                : shape.Kind == MatrixKind.Cross ? MatrixKind.General
                : allPositiveDefinite && rows == columns ? MatrixKind.PositiveDefinite : shape.Kind;
            if (kind == MatrixKind.PositiveDefinite && rows == columns && Rooted is not null && Rooted.Contains(key))
            {
                // Σ^{1/2} in the statement: Σ drawn as R² of a random R = B Bᵀ + I, so that its symmetric root is R, exact.
                var root = MatrixValue.Of(Draw(random, rows, columns, kind));
                value = MatrixValue.Multiply(root, root);
                _roots[key] = (value, root);
            }
            else value = MatrixValue.Of(Draw(random, rows, columns, kind));
            Drawn.Add((key, value));
        }
        _values[key] = value;
        return value;
    }

    /// <summary>
    /// The names the statement raises to a half-integer power (Σ^{-1/2}): drawn, when symmetric positive definite, as the
    /// square of a random one, whose square root is then known exactly.
    /// </summary>
    public ICollection<string>? Rooted { get; init; }

    private readonly Dictionary<string, (MatrixValue Value, MatrixValue Root)> _roots = new(StringComparer.Ordinal);

    /// <summary>
    /// The symmetric positive definite square root of the matrix drawn under the name, when <paramref name="value"/> is that
    /// very draw (not a value read through a definition); otherwise null.
    /// </summary>
    public MatrixValue? RootOf(string key, MatrixValue value) =>
        _roots.TryGetValue(key, out var drawn) && ReferenceEquals(drawn.Value, value) ? drawn.Root : null;

    /// <summary>The blocks of symmetric matrices written as grids of names (Σ = [[Σ₁₁, Σ₁₂], [Σ₂₁, Σ₂₂]]), drawn together.</summary>
    public IReadOnlyDictionary<string, JointBlock>? Joint { get; init; }

    /// <summary>
    /// The grid's matrix drawn whole (symmetric positive definite, each block of the shared dimension) and split into its
    /// blocks, each kept as the value of its name; null when a block already has a value of its own in this instance.
    /// </summary>
    private MatrixValue[,]? DrawJoint(JointBlock block)
    {
        var k = block.Keys.Length;
        var names = block.Keys.SelectMany(r => r).OfType<string>().ToList();
        if (names.Any(_values.ContainsKey)) return null;
        var n = Dimension(MatrixScope.Common);
        var whole = Draw(new Random(seed ^ StableHash(string.Join("|", names))), k * n, k * n, MatrixKind.PositiveDefinite);
        var blocks = new MatrixValue[k, k];
        for (var a = 0; a < k; a++)
            for (var b = 0; b < k; b++)
            {
                var entries = new Expr[n, n];
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < n; j++) entries[i, j] = whole[a * n + i, b * n + j];
                blocks[a, b] = MatrixValue.Of(entries);
                if (block.Keys[a][b] is { } name)
                {
                    _values[name] = blocks[a, b];
                    Drawn.Add((name, blocks[a, b]));
                }
            }
        return blocks;
    }

    /// <summary>Small integers, so that every product, inverse and determinant is exact and short.</summary>
    private static Expr[,] Draw(Random random, int rows, int columns, MatrixKind kind)
    {
        var m = new Expr[rows, columns];
        switch (kind)
        {
            case MatrixKind.Diagonal:
                for (var i = 0; i < rows; i++)
                    for (var j = 0; j < columns; j++) m[i, j] = i == j ? Ex.Num(random.Next(1, 6)) : Ex.Zero;
                break;
            case MatrixKind.PositiveDefinite:
                {
                    // B Bᵀ + I: symmetric, and positive definite because of the identity.
                    var b = new int[rows, rows];
                    for (var i = 0; i < rows; i++)
                        for (var j = 0; j < rows; j++) b[i, j] = random.Next(-2, 3);
                    for (var i = 0; i < rows; i++)
                        for (var j = 0; j < rows; j++)
                        {
                            long s = i == j ? 1 : 0;
                            for (var k = 0; k < rows; k++) s += b[i, k] * b[j, k];
                            m[i, j] = Ex.Num(s);
                        }
                    break;
                }
            case MatrixKind.LowerTriangular:
                for (var i = 0; i < rows; i++)
                    for (var j = 0; j < columns; j++) m[i, j] = i == j ? Ex.Num(random.Next(1, 4)) : i > j ? Ex.Num(random.Next(-3, 4)) : Ex.Zero;
                break;
            default:
                for (var i = 0; i < rows; i++)
                    for (var j = 0; j < columns; j++) m[i, j] = Ex.Num(random.Next(-3, 4));
                break;
        }
        return m;
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }

    public string Describe()
    {
        var parts = new List<string>();
        foreach (var kv in _dimensions.Where(kv => !kv.Key.StartsWith("#", StringComparison.Ordinal))) parts.Add(kv.Key + " = " + kv.Value.ToString(CultureInfo.InvariantCulture));
        if (parts.Count == 0) parts.Add("dimension " + dimension.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in Drawn) parts.Add(name + " = " + value.Describe());
        return string.Join(", ", parts);
    }
}
