using System.Globalization;
using SymKl.Symbolic;

namespace SymKl.Derivations.Matrices;

internal sealed partial class MatrixReader
{
    /// <summary>
    /// A matrix written out whose entries are vectors or matrices (\begin{bmatrix} A & B \\ C & D \end{bmatrix},
    /// \begin{bmatrix} x \\ y \end{bmatrix}) is the block matrix they make: every block of a block row has that row's
    /// height, every block of a block column that column's width, and a 0 is the zero block that fits there. A row or
    /// column with no block holds numbers (height or width 1). Any other number beside blocks (a 1 where a block is due,
    /// which may mean I or a matrix of ones) and blocks that do not fit are not read. Null when every entry is a number.
    /// </summary>
    private static MatrixValue? Blocks(MatrixValue[,] cells)
    {
        var (n, m) = (cells.GetLength(0), cells.GetLength(1));
        var heights = new int?[n];
        var widths = new int?[m];
        var any = false;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
            {
                var c = cells[i, j];
                if (c.AsScalar() is not null) continue;
                any = true;
                if (heights[i] is { } h && h != c.Rows) throw new MatrixReadException("a matrix written out whose blocks in one row have different heights (" + c.Shape + " beside " + h.ToString(CultureInfo.InvariantCulture) + " rows)");
                if (widths[j] is { } w && w != c.Columns) throw new MatrixReadException("a matrix written out whose blocks in one column have different widths (" + c.Shape + " beside " + w.ToString(CultureInfo.InvariantCulture) + " columns)");
                (heights[i], widths[j]) = (c.Rows, c.Columns);
            }
        if (!any) return null;
        var rowStart = new int[n + 1];
        var columnStart = new int[m + 1];
        for (var i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + (heights[i] ?? 1);
        for (var j = 0; j < m; j++) columnStart[j + 1] = columnStart[j] + (widths[j] ?? 1);
        var entries = new Expr[rowStart[n], columnStart[m]];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
            {
                var (h, w) = (rowStart[i + 1] - rowStart[i], columnStart[j + 1] - columnStart[j]);
                var c = cells[i, j];
                if (c.AsScalar() is { } s && (h > 1 || w > 1) && !s.IsZero)
                    throw new MatrixReadException("a number beside blocks in a matrix written out ('" + LatexPrinter.Print(s) + "' where a " + h.ToString(CultureInfo.InvariantCulture) + "×" + w.ToString(CultureInfo.InvariantCulture) + " block is due)");
                for (var a = 0; a < h; a++)
                    for (var b = 0; b < w; b++)
                        entries[rowStart[i] + a, columnStart[j] + b] = c.AsScalar() is { } number ? (h == 1 && w == 1 ? number : Ex.Zero) : c[a, b];
            }
        return MatrixValue.Of(entries);
    }
}
