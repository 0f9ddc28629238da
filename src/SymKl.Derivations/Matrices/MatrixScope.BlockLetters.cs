using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Matrices;

internal sealed partial class MatrixScope
{
    private readonly HashSet<string> _blockLetters = new(StringComparer.Ordinal);

    /// <summary>
    /// D, K, M, N alone as an entry of a matrix written out beside matrix capitals (M = [[A, B], [C, D]]): the document uses
    /// the letter for a block, a matrix, not for a dimension; statements after it read it so (B D^{-1} C).
    /// </summary>
    public bool IsBlockLetter(string key) => _blockLetters.Contains(key);

    private void ObserveBlockLetters(ParseResult parsed)
    {
        if (parsed.Root is not { } root) return;
        Visit(root, n =>
        {
            if (n is not Matrix m || !StatementShapes.IsExplicitMatrix(m) || _blockLetters.Count > 16) return;
            var entries = m.Rows.SelectMany(r => r).Select(Unwrap).ToList();
            if (!entries.Any(e => e is Identifier { Subscript: null } id && IsMatrixLetter(id) && !StatementShapes.IsIdentity(id))) return;
            foreach (var e in entries)
                if (e is Identifier { Subscript: null } letter && DimensionLetters.Contains(letter.Name) && letter.IsUndecorated && Key(letter, parsed) is var key
                    && !_scalars.Contains(key) && !_shapes.ContainsKey(key) && !DimensionSymbols.Contains(key))
                    _blockLetters.Add(key);
        });
    }
}
