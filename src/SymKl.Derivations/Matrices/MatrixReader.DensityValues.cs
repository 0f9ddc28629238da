using System.Text.RegularExpressions;
using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SyntaxIntegral = SymKl.Latex.Syntax.Integral;
using SyntaxExpectation = SymKl.Latex.Syntax.Expectation;
using SyntaxSum = SymKl.Latex.Syntax.Sum;
using SyntaxProduct = SymKl.Latex.Syntax.Product;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// Values of densities the document never gives, applied to vectors (q(x_t | x_0), p_X(\mathbf{x}), p(\beta \mid \sigma^2)
/// in a statement that also transposes or takes norms). Each application at given argument values is one value of the
/// density, and the values of a density at distinct points can be any positive numbers; so each becomes e^u with u an
/// unknown (<see cref="OpaqueKind.Density"/>), one per density, conditioning and argument values: the same application on
/// both sides cancels, and an identity that holds for every such value holds whatever the density is. A failure is never
/// a refutation (OpaqueTerms: the text's densities tie their values together — a normalisation, a joint and its
/// conditionals — which free unknowns do not), so it is unsupported with the densities named.
/// </summary>
internal sealed partial class MatrixReader
{
    /// <summary>How many operators that vary a variable (∫ … dx, 𝔼, Σ, ∏, ∂, Var, Cov) enclose the node being read.</summary>
    private int _binders;

    /// <summary>
    /// Under an integral, an expectation, a sum, a product, a derivative or a moment, a density's application is the whole
    /// function of the variable that operator runs over, not one value: those are not read as unknown values.
    /// </summary>
    private static bool VariesArguments(SyntaxNode node) =>
        node is SyntaxIntegral or SyntaxExpectation or SyntaxSum or SyntaxProduct or Derivative or FunctionApplication { Function: "Var" or "Cov" or "var" or "cov" };

    /// <summary>
    /// One value of an undefined density applied here (see the type's summary); null when the callee is not a density's
    /// name (p, q, P, Q, with any subscript), the document defines it or gives it a law, the statement only names vectors
    /// (it then goes to the scalar reading, whose models of abstract densities decide more), or an enclosing operator
    /// varies its arguments.
    /// </summary>
    private MatrixValue? DensityValue(Call c, ParseResult parsed)
    {
        if (!shapes.HasOperations || c.Callee is not Identifier callee || c.Arguments.Count == 0) return null;
        if (!ModelCheck.IsDensityName(callee, parsed, binding.IsDefinedFunction)) return null;
        var key = MatrixScope.Key(callee, parsed);
        if (scope.Gaussians.ContainsKey(key) || scope.WrittenOut(key) is not null || scope.Conventional(key) is not null) return null;
        if (_binders > 0)
            throw new MatrixReadException("'" + parsed.GetText(c.Span).Trim() + "' is a density the document never gives, under an operator that runs over its arguments "
                + "(an integral, an expectation, a sum or a derivative), where it is the whole function rather than one value");
        var values = new List<Expr>();
        var layout = new List<string>();
        foreach (var argument in c.Arguments)
        {
            var value = Read(argument, parsed);
            if (value.Scalar is { } number) { values.Add(number); layout.Add("1"); continue; }
            for (var i = 0; i < value.Rows; i++)
                for (var j = 0; j < value.Columns; j++) values.Add(value[i, j]);
            layout.Add(value.Shape);
        }
        // p(a | b) and p(a, b) are different functions; so are arguments of other shapes with the same entries.
        var separators = string.Concat(c.Separators.Select(s => s.Text is "\\mid" or "\\vert" or "|" ? "|" : s.Text.Trim()));
        var name = parsed.GetText(callee.Span).Trim();
        var body = Ex.Apply("#density:" + key + "[" + separators + "]" + string.Join(";", layout), [.. values]);
        var term = new OpaqueTerm(OpaqueKind.Density, Regex.Replace(name, @"\s+", "") + "(…)", body);
        return MatrixValue.Of(Ex.Exp(OpaqueTerms.SymbolFor(term)));
    }

    /// <summary>
    /// ∫ p(t | x) p(x) dx, ∫ xᵀx p(x | y) dx: why an integral over vectors of densities the document never gives is not read
    /// (it has no law to integrate against); null when the integrand applies no such density.
    /// </summary>
    private string? UngivenDensityIn(SyntaxIntegral i, ParseResult parsed)
    {
        // An integral in numbers only is the scalar reading's (ScalarOrFail).
        if (i.Body is null || !shapes.MentionsMatrices(i, parsed)) return null;
        string? found = null;
        MatrixScope.Visit(i.Body, n =>
        {
            if (found is null && n is Call { Callee: Identifier f } c && ModelCheck.IsDensityName(f, parsed, binding.IsDefinedFunction)
                && MatrixScope.Key(f, parsed) is var key && !scope.Gaussians.ContainsKey(key) && scope.WrittenOut(key) is null && scope.Conventional(key) is null)
                found = parsed.GetText(c.Span).Trim();
        });
        return found is null ? null : "an integral over vectors of " + found + ", a density the document never gives, so there is no law to integrate against";
    }
}
