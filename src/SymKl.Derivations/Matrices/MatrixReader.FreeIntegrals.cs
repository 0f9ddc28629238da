using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SyntaxIntegral = SymKl.Latex.Syntax.Integral;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// Moments of vectors whose law the document never gives, read by linearity in free means and second moments (as
/// <see cref="FreeMoments"/> reads 𝔼[…]):
/// <list type="bullet">
/// <item>∫ f(x) p(x | y) dx (over all of ℝᵈ) with p a density the text names but never gives: 𝔼[f(x)] under that density.
/// Only x is random there; the other vectors of f are constants, and ∫ p(x | y) dx = 1. The moments are named after the
/// density (x under p(x|y)), so they are never confused with 𝔼[x] under another law in the same statement.</item>
/// <item>Var(a), Cov(a), Cov(a, b) of vectors with no law: 𝔼[abᵀ] − 𝔼[a]𝔼[b]ᵀ, which is what the words mean for any law.</item>
/// </list>
/// Means and pairs the text does not state stay free symbols (a failure then is no refutation; see MatrixStatement).
/// </summary>
internal sealed partial class MatrixReader
{
    /// <summary>∫ f(x) p(x | …) dx with p a density the document does not give; null when the integral is not of that form.</summary>
    private MatrixValue? FreeIntegral(SyntaxIntegral i, ParseResult parsed)
    {
        if (i.Body is null || i.Differentials.Count != 1 || !WholeLine(i, parsed)) return null;
        if (MatrixScope.Unwrap(i.Differentials[0].Variable) is not Identifier dv || MatrixScope.Key(dv, parsed) is not { } variable) return null;
        if (shapes.ShapeOf(variable) is not { IsVector: true } shape) return null;
        var factors = i.Body is ImplicitMultiplication m ? m.Factors.ToList() : i.Body is Binary { Operator: BinaryOperator.Multiply } b ? [b.Left, b.Right] : [i.Body];
        var at = -1;
        for (var k = 0; k < factors.Count; k++)
        {
            if (UngivenDensityOf(factors[k], variable, parsed) is null) continue;
            if (at >= 0) return null;
            at = k;
        }
        if (at < 0) return null;
        var density = UngivenDensityOf(factors[at], variable, parsed)!.Value;
        var rest = factors.Where((_, j) => j != at).ToList();
        // The density once, as a factor: anything else that applies it (p(x|y)² , log p(x|y)) is not an expectation.
        foreach (var r in rest)
        {
            var again = false;
            MatrixScope.Visit(r, n => again |= n is Call { Callee: Identifier f } && MatrixScope.Key(f, parsed) == density.Key);
            if (again) return null;
        }
        var outer = _atoms;
        var atoms = new HashSet<string>(StringComparer.Ordinal);
        _atoms = atoms;
        _lawFree++;
        MatrixValue body = MatrixValue.Of(Ex.One);
        try
        {
            instance.ValueOf(variable, shape);
            foreach (var r in rest) body = MatrixValue.Multiply(body, Read(r, parsed));
        }
        finally
        {
            _atoms = outer;
            _lawFree--;
        }
        // Only the variable of integration is random; every other vector met is a constant of the integrand.
        var label = variable + " under " + density.Text;
        var index = new Dictionary<Sym, (string Key, int Index)>();
        var components = instance.Components(variable);
        for (var c = 0; c < components.Count; c++) index[components[c]] = (label, c);
        AddMomentVector(label, variable);
        return body.Map(entry => ExpectEntry(entry, index));
    }

    /// <summary>
    /// A vector read in free moments under a law (its own key for 𝔼 with no law, "x under p(x|y)" for an integral). The
    /// moments of one vector under two laws are different symbols, and nothing ties them: a failure between them is no
    /// refutation, so the pair is reported as a thing the text leaves open.
    /// </summary>
    private void AddMomentVector(string label, string variable)
    {
        foreach (var other in _momentVectors)
            if (other != label && (other == variable || other.StartsWith(variable + " under ", StringComparison.Ordinal)))
                _unstated.Add(string.CompareOrdinal(other, label) < 0 ? other + " and " + label + " have the same moments" : label + " and " + other + " have the same moments");
        _momentVectors.Add(label);
    }

    /// <summary>No bounds, or −∞ to ∞ (the whole space, as vector integrals are often written).</summary>
    private static bool WholeLine(SyntaxIntegral i, ParseResult parsed)
    {
        if (i.Lower is null && i.Upper is null) return true;
        if (i.Lower is null || i.Upper is null) return false;
        var lower = Spaceless(parsed.GetText(i.Lower.Span)).Trim('{', '}');
        var upper = Spaceless(parsed.GetText(i.Upper.Span)).Trim('{', '}');
        return lower == "-\\infty" && upper is "\\infty" or "+\\infty";
    }

    /// <summary>p(x | …) or p(x) with x the variable and p a density the document names but never gives (no law, no formula).</summary>
    private (string Key, string Text)? UngivenDensityOf(SyntaxNode factor, string variable, ParseResult parsed)
    {
        if (MatrixScope.Unwrap(factor) is not Call { Callee: Identifier f, Arguments.Count: >= 1 } c) return null;
        if (MatrixScope.Unwrap(c.Arguments[0]) is not Identifier v || MatrixScope.Key(v, parsed) != variable) return null;
        // p(x, y) is a joint density: integrating it over x gives the marginal of y, not an expectation.
        if (c.Separators.Count > 0 && c.Separators[0].Text.Trim() is not ("|" or "\\mid" or "\\vert")) return null;
        if (!ModelCheck.IsDensityName(f, parsed, binding.IsDefinedFunction)) return null;
        var key = MatrixScope.Key(f, parsed);
        if (key is null || scope.Gaussians.ContainsKey(key) || scope.WrittenOut(key) is not null || scope.Conventional(key) is not null || Law(key) is not null) return null;
        // The label names the density by its letter and the keys of its arguments, so p(x | y) and p(\mathbf{x} \mid \mathbf{y})
        // are one law and p(x | y) and p(x | z) are two.
        var text = new System.Text.StringBuilder(key).Append('(');
        for (var a = 0; a < c.Arguments.Count; a++)
        {
            if (a > 0) text.Append(a - 1 < c.Separators.Count && c.Separators[a - 1].Text.Trim() is "|" or "\\mid" or "\\vert" ? "|" : ",");
            text.Append(MatrixScope.Unwrap(c.Arguments[a]) is Identifier arg && MatrixScope.Key(arg, parsed) is { } argKey ? argKey : Spaceless(parsed.GetText(c.Arguments[a].Span)));
        }
        return (key, text.Append(')').ToString());
    }

    /// <summary>Var(a), Cov(a), Cov(a, b) of vectors no law is given for: 𝔼[abᵀ] − 𝔼[a]𝔼[b]ᵀ in free moments.</summary>
    private MatrixValue FreeCovariance(FunctionApplication f, ParseResult parsed, string what)
    {
        var outer = _atoms;
        var atoms = new HashSet<string>(StringComparer.Ordinal);
        _atoms = atoms;
        _lawFree++;
        MatrixValue a, b;
        try
        {
            a = Read(f.Arguments[0], parsed);
            b = f.Arguments.Count == 2 ? Read(f.Arguments[1], parsed) : a;
        }
        finally
        {
            _atoms = outer;
            _lawFree--;
        }
        if (atoms.Count == 0) throw new MatrixReadException(what + " holds no random vector the document gives a law, nor a vector to read by linearity");
        if (!a.IsScalar && !a.IsVector || !b.IsScalar && !b.IsVector) throw new MatrixReadException(f.Function + " of a matrix");
        var index = new Dictionary<Sym, (string Key, int Index)>();
        foreach (var key in atoms.OrderBy(k => k, StringComparer.Ordinal))
        {
            var components = instance.Components(key);
            for (var c = 0; c < components.Count; c++) index[components[c]] = (key, c);
            AddMomentVector(key, key);
        }
        var bt = b.IsScalar ? b : b.Transpose();
        var second = MatrixValue.Multiply(a, bt).Map(entry => ExpectEntry(entry, index));
        var product = MatrixValue.Multiply(a.Map(entry => ExpectEntry(entry, index)), bt.Map(entry => ExpectEntry(entry, index)));
        return MatrixValue.Add(second, MatrixValue.Negate(product));
    }
}
