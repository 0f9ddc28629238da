using SymKl.Latex;
using SymKl.Latex.Syntax;
using SyntaxExpectation = SymKl.Latex.Syntax.Expectation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// A statement whose expectations are all over one law the document does not give (𝔼_{x_0, ε}[…] on both sides of a
/// diffusion loss) and enter it linearly (sums, and factors free of the expectations): by linearity, Σ aₖ 𝔼[fₖ] + h and
/// Σ bₖ 𝔼[gₖ] + h′ are equal whenever Σ aₖ fₖ + h and Σ bₖ gₖ + h′ agree at every value of the random quantities. So the
/// expectations may be read through their operands (<see cref="MatrixReader.PointwiseExpectations"/>): agreement shows the
/// step holds for every law; a failure shows nothing (expectations may agree where their operands differ), never a
/// refutation. No vector inside an expectation may be written outside one (there it would be a value, not the random
/// quantity), and nested expectations must be the same on both sides.
/// </summary>
internal static class PointwiseExpectations
{
    private const int MaxNodes = 4000;

    public static bool Applies(SyntaxNode left, ParseResult leftParsed, SyntaxNode right, ParseResult rightParsed, StatementShapes shapes)
    {
        var walk = new Walk(shapes);
        if (!walk.Side(left, leftParsed, out var leftLaws) || !walk.Side(right, rightParsed, out var rightLaws)) return false;
        if (walk.Outermost.Count != 1 || walk.Count == 0 || walk.Nodes > MaxNodes) return false;
        // 𝔼_{q(x_0)} 𝔼_{q(x_t | x_0)}[…] against 𝔼_{q(x_0)} 𝔼_ε[…]: nested laws that differ are not compared value by value.
        if (!leftLaws.SetEquals(rightLaws) && leftLaws.Count > 0 && rightLaws.Count > 0) return false;
        return !walk.Inside.Overlaps(walk.Outside);
    }

    private sealed class Walk(StatementShapes shapes)
    {
        public readonly HashSet<string> Outermost = new(StringComparer.Ordinal);
        /// <summary>Vectors, bold names and the laws' variables met inside an expectation.</summary>
        public readonly HashSet<string> Inside = new(StringComparer.Ordinal);
        public readonly HashSet<string> Outside = new(StringComparer.Ordinal);
        public int Count;
        public int Nodes;

        public bool Side(SyntaxNode node, ParseResult parsed, out HashSet<string> laws)
        {
            laws = new HashSet<string>(StringComparer.Ordinal);
            return Linear(node, parsed, true, laws);
        }

        private static string Law(SyntaxExpectation e, ParseResult parsed) =>
            e.Subscript is null ? "" : parsed.GetText(e.Subscript.Span).Replace(" ", "").Replace("\\boldsymbol", "").Replace("\\mathbf", "");

        private bool Linear(SyntaxNode node, ParseResult parsed, bool linear, HashSet<string> laws)
        {
            if (++Nodes > MaxNodes) return false;
            switch (node)
            {
                case SyntaxExpectation e:
                    if (!linear) return false;
                    Count++;
                    Outermost.Add(Law(e, parsed));
                    MatrixScope.Visit(e, n =>
                    {
                        if (n is SyntaxExpectation inner) laws.Add(Law(inner, parsed));
                        if (n is Identifier id && Random(id, parsed)) Inside.Add(MatrixScope.Key(id, parsed));
                    });
                    if (e.Subscript is { } s) MatrixScope.Visit(s, n => { if (n is Identifier id) Inside.Add(MatrixScope.Key(id, parsed)); });
                    return true;
                case Identifier id:
                    Outside.Add(MatrixScope.Key(id, parsed));
                    return true;
                case Group g:
                    return Linear(g.Body, parsed, linear, laws);
                case Unary u:
                    return Linear(u.Operand, parsed, linear, laws);
                case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
                    return Linear(b.Left, parsed, linear, laws) && Linear(b.Right, parsed, linear, laws);
                case Binary { Operator: BinaryOperator.Multiply } b:
                    return Factors([b.Left, b.Right], parsed, linear, laws);
                case ImplicitMultiplication m:
                    return Factors(m.Factors, parsed, linear, laws);
                case Fraction f:
                    return Linear(f.Numerator, parsed, linear, laws) && Linear(f.Denominator, parsed, false, laws);
                default:
                    foreach (var c in node.Children())
                        if (!Linear(c, parsed, false, laws)) return false;
                    return true;
            }
        }

        /// <summary>A product: at most one factor holds expectations, the others are free of them.</summary>
        private bool Factors(IReadOnlyList<SyntaxNode> factors, ParseResult parsed, bool linear, HashSet<string> laws)
        {
            var with = factors.Count(f => Has(f));
            if (with > 1) return false;
            foreach (var f in factors)
                if (!Linear(f, parsed, linear && Has(f), laws)) return false;
            return true;
        }

        private static bool Has(SyntaxNode node)
        {
            var found = false;
            MatrixScope.Visit(node, n => found |= n is SyntaxExpectation);
            return found;
        }

        /// <summary>A name that may be random inside the expectation: a vector or matrix of the statement, or a bold name.</summary>
        private bool Random(Identifier id, ParseResult parsed) =>
            shapes.ShapeOf(MatrixScope.Key(id, parsed)) is not null || id.Style == NameStyle.Bold || id.Accent is "vec" or "overrightarrow";
    }
}
