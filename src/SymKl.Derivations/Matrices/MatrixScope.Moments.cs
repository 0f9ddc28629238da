using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// A random vector given by its moments alone: 𝔼[x] = m and Cov(x) = P (or Var(x) = P, or 𝔼[(x − m)(x − m)ᵀ] = P) stated
/// for a vector with no law. Degree-2 moments need nothing else, so x then reads as having a law of that mean and
/// covariance. It applies from the next math on: the statements that give the moments are never checked against themselves.
/// </summary>
internal sealed partial class MatrixScope
{
    private readonly Dictionary<string, string> _statedMeans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _statedCovariances = new(StringComparer.Ordinal);
    private readonly List<string> _pendingMoments = [];

    /// <summary>Gives the vectors whose mean and covariance earlier math stated their law (at the start of the next math).</summary>
    private void PromoteStatedMoments()
    {
        foreach (var key in _pendingMoments)
        {
            if (_gaussians.ContainsKey(key) || _randomDefinitions.ContainsKey(key)) continue;
            var parsed = LatexParser.ParseMath("\\mathcal{N}(" + _statedMeans[key] + ", " + _statedCovariances[key] + ")");
            if (parsed.Root is not { Rows.Count: 1 } root || root.Rows[0].Items.Count != 1 || Normal(root.Rows[0].Items[0]) is not { } law || !IsMultivariate(law.Covariance, parsed)) continue;
            _gaussians[key] = new GaussianVector(law.Mean, law.Covariance, parsed, key);
            if (!_shapes.ContainsKey(key)) _shapes[key] = MatrixShape.Vector(Common);
        }
        _pendingMoments.Clear();
    }

    private void ObserveStatedMoments(LatexRelation r, ParseResult parsed)
    {
        if (r.Operators.Count != 1 || r.Operators[0].Kind is not (RelationKind.Equal or RelationKind.Define) || r.Operators[0].Negated) return;
        var left = Unwrap(r.Operands[0]);
        var value = parsed.GetText(r.Operands[1].Span).Trim();
        string? key = null;
        switch (left)
        {
            case Expectation { Subscript: null, Body: var body } when Unwrap(body) is Identifier x:
                key = Key(x, parsed);
                _statedMeans[key] = value;
                break;
            case FunctionApplication { Function: "Var" or "Cov", Base: null, Arguments.Count: 1 } f when Unwrap(f.Arguments[0]) is Identifier x:
                key = Key(x, parsed);
                _statedCovariances[key] = value;
                break;
            case Expectation { Subscript: null, Body: var body } when Centred(body, parsed) is { } centred:
                key = centred;
                _statedCovariances[key] = value;
                break;
        }
        if (key is not null && _statedMeans.ContainsKey(key) && _statedCovariances.ContainsKey(key) && !_gaussians.ContainsKey(key) && !_pendingMoments.Contains(key))
            _pendingMoments.Add(key);
    }

    /// <summary>(x − m)(x − m)ᵀ with m the mean stated for x: x's key; null otherwise.</summary>
    private string? Centred(SyntaxNode body, ParseResult parsed)
    {
        if (Unwrap(body) is not ImplicitMultiplication { Factors.Count: 2 } product) return null;
        if (Unwrap(product.Factors[1]) is not Power { Base: var second, Exponent: var t } || !(StatementShapes.IsTransposeMarker(t) || StatementShapes.IsT(t))) return null;
        string? Difference(SyntaxNode n) =>
            Unwrap(n) is Binary { Operator: BinaryOperator.Subtract, Left: var l, Right: var m } && Unwrap(l) is Identifier x
            && _statedMeans.TryGetValue(Key(x, parsed), out var mean) && Flat(parsed.GetText(m.Span)) == Flat(mean) ? Key(x, parsed) : null;
        var a = Difference(product.Factors[0]);
        return a is not null && a == Difference(second) ? a : null;
    }

    private static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Trim('{', '}');
}
