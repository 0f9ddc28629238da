using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Matrices;

internal sealed partial class MatrixReader
{
    /// <summary>
    /// p(y | x) after p(x) = 𝒩(x | μ_x, Σ_x): texts name the laws of several variables with one letter (p(x), p(y | x), p(y)),
    /// told apart by their arguments. A call whose conditioning differs from the one the letter's normal law was stated with
    /// or a call at another plain variable (p(y)) is another law under the same letter, not that normal at other arguments, so it is not read through it (that would
    /// drop the conditioning and compare 𝒩(y | μ_x, Σ_x) with the stated law).
    /// </summary>
    private void RequireDefinedLaw(Call c, ParseResult parsed)
    {
        if (c.Callee is not Identifier callee) return;
        var key = MatrixScope.Key(callee, parsed);
        if (!scope.Gaussians.TryGetValue(key, out var law) || scope.LawConditioning(key) is not { } stated) return;
        // p(y) after p(x) = 𝒩(x | …): the law of another variable under the same letter (the marginal of y), not p at y.
        var otherVariable = law.Variable is { } variable && c.Arguments.Count > 0 && MatrixScope.Unwrap(c.Arguments[0]) is Identifier at && BaseLetter(MatrixScope.Key(at, parsed)) != BaseLetter(variable);
        if (MatrixScope.Given(c, parsed) == stated && !otherVariable) return;
        throw new MatrixReadException("'" + parsed.GetText(c.Span).Trim() + "' conditions otherwise than the law the document states for " +
            MathBinder.SymbolName(callee, parsed) + " (the same letter for another law)");
    }

    /// <summary>x for x, x_i, x_{t-1}: p(x_i) is p's law at a data point, p(y) another variable's law.</summary>
    private static string BaseLetter(string key)
    {
        var cut = key.IndexOf('_');
        return cut > 0 ? key.Substring(0, cut) : key;
    }
}
