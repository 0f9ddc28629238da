using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// z_i = \mathbf{w}^\top \mathbf{x}_i, \hat{p} = \sigma(\beta^T x): a number the document gives as a formula in vectors. The
/// scalar layer cannot keep it (it has no vectors), so without it ∇_w of an expression in z_i would not know that z_i moves
/// with w. The matrix reading reads such a name through its formula. A name given two different formulas is read through
/// neither (which one a later statement means is a guess).
/// </summary>
internal sealed partial class MatrixScope
{
    private readonly Dictionary<string, (SyntaxNode Formula, ParseResult Parsed)> _scalarDefinitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conflictingScalars = new(StringComparer.Ordinal);

    /// <summary>Numbers defined by a formula with a transpose (z = wᵀx), read through it.</summary>
    public IReadOnlyDictionary<string, (SyntaxNode Formula, ParseResult Parsed)> ScalarDefinitions => _scalarDefinitions;

    private void ObserveScalarDefinition(LatexRelation r, ParseResult parsed)
    {
        if (r.Operators[0] is not { Kind: RelationKind.Equal or RelationKind.Define, Negated: false }) return;
        // Only a plain name: bold names and capitals are vectors and matrices (their own definitions), z' may be a transpose.
        if (Unwrap(r.Operands[0]) is not Identifier id || id.Style == NameStyle.Bold || IsMatrixLetter(id) || id.Primes != 0) return;
        var formula = r.Operands[1];
        if (formula is Continuation || !HasTranspose(formula) || Contains(formula, n => n is Integral or Expectation or Derivative or Matrix)) return;
        var key = Key(id, parsed);
        if (DimensionLetters.Contains(key) || _shapes.ContainsKey(key) || _scalars.Contains(key) || _definitions.ContainsKey(key) || _conflictingScalars.Contains(key)) return;
        // w := w + Δw and the like update a name from itself: no definition.
        if (Contains(formula, n => n is Identifier o && Key(o, parsed) == key)) return;
        static string Text(SyntaxNode node, ParseResult parsed) => Regex.Replace(parsed.GetText(node.Span), @"\s+", "");
        if (_scalarDefinitions.TryGetValue(key, out var earlier) && Text(earlier.Formula, earlier.Parsed) != Text(formula, parsed))
        {
            _scalarDefinitions.Remove(key);
            _conflictingScalars.Add(key);
            return;
        }
        _scalarDefinitions[key] = (formula, parsed);
    }
}
