using SymKl.Derivations.Matrices;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "The differential entropy of the univariate normal distribution is h(X) = ½ ln(2πσ²e)" in a text whose X has variance
/// σ₁²: a display standing alone whose sides share no name, one of them in a name first written there (σ). It quotes a
/// result in names of its own, or gives the fresh name a value; it is no identity in free values, and a point that gives σ
/// a value of its own refutes nothing. The scalar reading leaves such a display undecided (an equation in different
/// symbols); the reading with vectors and matrices does the same. With the law's own names (h(X) = ½ ln(2πσ₁²)) the
/// statement stays refutable: no name in it is fresh.
/// </summary>
internal sealed partial class DocumentRun
{
    private string? QuotedInOwnNames(Operand left, Operand right, StatementShapes shapes)
    {
        if (_place != StatementPlace.Standalone || !ReferenceEquals(left.Parsed, right.Parsed)) return null;
        // A sum, product, integral or expectation binds its own index, and an indexed name (x_j, A_{ij}, D_{KL}) is an entry
        // or a label of a name the other side may write plainly: such sides can share a quantity without sharing a name.
        if (new[] { left, right }.Any(side => side.Node.DescendantsAndSelf().Any(n => n is Sum or Product or Integral or Expectation || n is Identifier { Subscript: not null })))
            return null;
        var l = WrittenNames(left);
        var r = WrittenNames(right);
        // h in h(X): the name of what is applied, not a quantity of the statement (nodes are records: equal only at the same span).
        var callees = new HashSet<SyntaxNode>();
        foreach (var side in new[] { left, right }) MatrixScope.Visit(side.Node, n => Marker(n, side, callees));
        if (l.Count == 0 || r.Count == 0 || l.Overlaps(r)) return null;
        foreach (var side in new[] { left, right })
        {
            string? fresh = null;
            MatrixScope.Visit(side.Node, n =>
            {
                if (fresh is not null || n is not Identifier id || PiOrE(id, side) || callees.Contains(id)) return;
                var name = MathBinder.SymbolName(id, side.Parsed);
                var key = MatrixScope.Key(id, side.Parsed);
                if (FirstWrittenHere(id, side.Parsed) && !_scope.DefinesSymbol(name) && !_scope.IsDefinedFunction(name) && !_scope.HasDistribution(name)
                    && shapes.ShapeOf(key) is null && !_matrices.Shapes.ContainsKey(key))
                    fresh = name;
            });
            if (fresh is not null) return fresh;
        }
        return null;
    }

    private static HashSet<string> WrittenNames(Operand side)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var callees = new HashSet<SyntaxNode>();
        MatrixScope.Visit(side.Node, n => Marker(n, side, callees));
        MatrixScope.Visit(side.Node, n => { if (n is Identifier id && !PiOrE(id, side) && !callees.Contains(id)) names.Add(MathBinder.SymbolName(id, side.Parsed)); });
        return names;
    }

    /// <summary>π and e: constants, which two sides may share without sharing a quantity.</summary>
    private static bool PiOrE(Identifier id, Operand side) => MathBinder.SymbolName(id, side.Parsed) is "pi" or "e" or "\\pi";

    /// <summary>Names that are no quantity: the applied name (h in h(X)) and the transpose mark (T in Σ_{12}^T).</summary>
    private static void Marker(SyntaxNode n, Operand side, HashSet<SyntaxNode> markers)
    {
        if (n is Call { Callee: Identifier c }) markers.Add(c);
        if (n is Power { Exponent: Identifier t } && MathBinder.SymbolName(t, side.Parsed) is "T" or "top" or "\\top" or "intercal" or "\\intercal" or "mathrm{T}" or "\\mathrm{T}") markers.Add(t);
    }
}
