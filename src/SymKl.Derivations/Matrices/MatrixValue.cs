using System.Globalization;
using System.Text;
using SymKl.Symbolic;

namespace SymKl.Derivations.Matrices;

/// <summary>Why a statement cannot be evaluated with the vectors and matrices of an instance (not a counterexample).</summary>
internal sealed class MatrixReadException(string message) : Exception(message);

/// <summary>An instance in which a matrix that must be inverted is singular: the instance says nothing either way.</summary>
internal sealed class SingularInstanceException() : Exception("a matrix of the instance is singular");

/// <summary>
/// The value of a subexpression in one instance of a matrix statement: a scalar (an expression of the scalar kernel) or a
/// matrix whose entries are scalar expressions (a vector is a column, n × 1). Matrix entries are exact: random
/// rationals for the declared matrices, symbols for the components of vectors, so traces, determinants and quadratic
/// forms come out as ordinary scalar expressions that the step checker decides.
/// </summary>
internal sealed class MatrixValue
{
    private readonly Expr[,]? _entries;

    private MatrixValue(Expr? scalar, Expr[,]? entries) { Scalar = scalar; _entries = entries; }

    public static MatrixValue Of(Expr scalar) => new(scalar, null);

    public static MatrixValue Of(Expr[,] entries) => new(null, entries);

    /// <summary>The value when it is a scalar; null for a matrix.</summary>
    public Expr? Scalar { get; }

    public bool IsScalar => Scalar is not null;
    public int Rows => _entries?.GetLength(0) ?? 1;
    public int Columns => _entries?.GetLength(1) ?? 1;
    public bool IsSquare => _entries is not null && Rows == Columns;
    public bool IsVector => _entries is not null && Columns == 1;
    public Expr this[int i, int j] => _entries is null ? Scalar! : _entries[i, j];

    /// <summary>A scalar, or the one entry of a 1 × 1 matrix (xᵀy, a quadratic form); null for anything larger.</summary>
    public Expr? AsScalar() => Scalar ?? (Rows == 1 && Columns == 1 ? _entries![0, 0] : null);

    public Expr RequireScalar(string what) => AsScalar() ?? throw new MatrixReadException(what + " is applied to a " + Shape + " matrix");

    public string Shape => IsScalar ? "scalar" : Rows.ToString(CultureInfo.InvariantCulture) + "×" + Columns.ToString(CultureInfo.InvariantCulture);

    public static MatrixValue Identity(int n) => Diagonal(Enumerable.Repeat<Expr>(Ex.One, n).ToArray());

    public static MatrixValue Diagonal(IReadOnlyList<Expr> diagonal)
    {
        var n = diagonal.Count;
        var m = new Expr[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) m[i, j] = i == j ? diagonal[i] : Ex.Zero;
        return Of(m);
    }

    public MatrixValue Map(Func<Expr, Expr> f)
    {
        if (_entries is null) return Of(f(Scalar!));
        var m = new Expr[Rows, Columns];
        for (var i = 0; i < Rows; i++)
            for (var j = 0; j < Columns; j++) m[i, j] = f(_entries[i, j]);
        return Of(m);
    }

    public static MatrixValue Add(MatrixValue a, MatrixValue b)
    {
        if (a.AsScalar() is { } x && b.AsScalar() is { } y && (a.IsScalar || b.IsScalar || (a.Rows == 1 && b.Rows == 1))) return Of(Ex.Add(x, y));
        if (a.IsScalar || b.IsScalar || a.Rows != b.Rows || a.Columns != b.Columns)
            throw new ShapeMismatchException(a, b, "added to");
        var m = new Expr[a.Rows, a.Columns];
        for (var i = 0; i < a.Rows; i++)
            for (var j = 0; j < a.Columns; j++) m[i, j] = Ex.Add(a[i, j], b[i, j]);
        return Of(m);
    }

    public static MatrixValue Negate(MatrixValue a) => a.Map(Ex.Neg);

    /// <summary>a ⊙ b, the elementwise (Hadamard) product: of two values of one shape, entry by entry; a scalar scales the other.</summary>
    public static MatrixValue Elementwise(MatrixValue a, MatrixValue b)
    {
        if (a.AsScalar() is { } x && b.AsScalar() is { } y) return Of(Ex.Mul(x, y));
        if (a.IsScalar || b.IsScalar) return Multiply(a, b);
        if (a.Rows != b.Rows || a.Columns != b.Columns) throw new ShapeMismatchException(a, b, "multiplied elementwise by");
        var m = new Expr[a.Rows, a.Columns];
        for (var i = 0; i < a.Rows; i++)
            for (var j = 0; j < a.Columns; j++) m[i, j] = Ex.Mul(a[i, j], b[i, j]);
        return Of(m);
    }

    /// <summary>The product as written: a matrix product when the shapes conform, else a scalar (or 1 × 1) times a matrix.</summary>
    public static MatrixValue Multiply(MatrixValue a, MatrixValue b)
    {
        if (a.IsScalar) return b.Map(e => Ex.Mul(a.Scalar!, e));
        if (b.IsScalar) return a.Map(e => Ex.Mul(e, b.Scalar!));
        if (a.Columns == b.Rows)
        {
            var m = new Expr[a.Rows, b.Columns];
            for (var i = 0; i < a.Rows; i++)
                for (var j = 0; j < b.Columns; j++)
                {
                    var terms = new Expr[a.Columns];
                    for (var k = 0; k < a.Columns; k++) terms[k] = Ex.Mul(a[i, k], b[k, j]);
                    m[i, j] = Ex.Add(terms);
                }
            return Of(m);
        }
        // (xᵀy) z: a 1 × 1 factor is a scalar.
        if (a.Rows == 1 && a.Columns == 1) return b.Map(e => Ex.Mul(a[0, 0], e));
        if (b.Rows == 1 && b.Columns == 1) return a.Map(e => Ex.Mul(e, b[0, 0]));
        throw new ShapeMismatchException(a, b, "multiplied by");
    }

    public MatrixValue Transpose()
    {
        if (_entries is null) return this;
        var m = new Expr[Columns, Rows];
        for (var i = 0; i < Rows; i++)
            for (var j = 0; j < Columns; j++) m[j, i] = _entries[i, j];
        return Of(m);
    }

    public Expr Trace()
    {
        if (AsScalar() is { } s) return s;
        if (!IsSquare) throw new MatrixReadException("the trace of a " + Shape + " matrix");
        return Ex.Add(Enumerable.Range(0, Rows).Select(i => this[i, i]));
    }

    /// <summary>Fraction-free elimination over exact entries; pivots are entries that are not structurally zero.</summary>
    public Expr Determinant()
    {
        if (AsScalar() is { } s) return s;
        if (!IsSquare) throw new MatrixReadException("the determinant of a " + Shape + " matrix");
        var n = Rows;
        var m = Copy();
        Expr det = Ex.One;
        for (var c = 0; c < n; c++)
        {
            var p = Pivot(m, c, n);
            if (p < 0) return Ex.Zero;
            if (p != c) { Swap(m, p, c, n); det = Ex.Neg(det); }
            det = Ex.Mul(det, m[c, c]);
            var inv = Ex.Pow(m[c, c], Ex.MinusOne);
            for (var r = c + 1; r < n; r++)
            {
                if (m[r, c].IsZero) continue;
                var f = Ex.Mul(m[r, c], inv);
                for (var k = c; k < n; k++) m[r, k] = Ex.Sub(m[r, k], Ex.Mul(f, m[c, k]));
            }
        }
        return det;
    }

    /// <summary>Gauss–Jordan elimination; a singular instance is thrown, never inverted to nonsense.</summary>
    public MatrixValue Inverse()
    {
        if (_entries is null) return Of(Ex.Pow(Scalar!, Ex.MinusOne));
        if (!IsSquare) throw new MatrixReadException("the inverse of a " + Shape + " matrix");
        var n = Rows;
        var m = Copy();
        var inv = Identity(n).Copy();
        for (var c = 0; c < n; c++)
        {
            var p = Pivot(m, c, n);
            if (p < 0) throw new SingularInstanceException();
            if (p != c) { Swap(m, p, c, n); Swap(inv, p, c, n); }
            var scale = Ex.Pow(m[c, c], Ex.MinusOne);
            for (var k = 0; k < n; k++) { m[c, k] = Ex.Mul(m[c, k], scale); inv[c, k] = Ex.Mul(inv[c, k], scale); }
            for (var r = 0; r < n; r++)
            {
                if (r == c || m[r, c].IsZero) continue;
                var f = m[r, c];
                for (var k = 0; k < n; k++)
                {
                    m[r, k] = Ex.Sub(m[r, k], Ex.Mul(f, m[c, k]));
                    inv[r, k] = Ex.Sub(inv[r, k], Ex.Mul(f, inv[c, k]));
                }
            }
        }
        return Of(inv);
    }

    /// <summary>A row at or below c whose entry in column c is nonzero: an exact nonzero number first, else any entry that is not 0.</summary>
    private static int Pivot(Expr[,] m, int c, int n)
    {
        for (var r = c; r < n; r++) if (m[r, c] is Num num && !num.Value.IsZero) return r;
        for (var r = c; r < n; r++) if (!m[r, c].IsZero && m[r, c] is not Num) return r;
        return -1;
    }

    private static void Swap(Expr[,] m, int a, int b, int n)
    {
        for (var k = 0; k < n; k++) (m[a, k], m[b, k]) = (m[b, k], m[a, k]);
    }

    private Expr[,] Copy() => (Expr[,])_entries!.Clone();

    /// <summary>Compact text for a counterexample: [[2, 1], [1, 3]].</summary>
    public string Describe()
    {
        if (_entries is null) return LatexPrinter.Print(Scalar!);
        var sb = new StringBuilder("[");
        for (var i = 0; i < Rows; i++)
        {
            if (i > 0) sb.Append(", ");
            if (Columns > 1 || Rows == 1) sb.Append('[');
            for (var j = 0; j < Columns; j++)
            {
                if (j > 0) sb.Append(", ");
                sb.Append(LatexPrinter.Print(_entries[i, j]));
            }
            if (Columns > 1 || Rows == 1) sb.Append(']');
        }
        return sb.Append(']').ToString();
    }
}

/// <summary>Two values whose shapes do not fit the operation written between them.</summary>
internal sealed class ShapeMismatchException(MatrixValue left, MatrixValue right, string operation)
    : Exception("a " + left.Shape + " value " + operation + " a " + right.Shape + " value")
{
    public MatrixValue Left { get; } = left;
    public MatrixValue Right { get; } = right;
}
