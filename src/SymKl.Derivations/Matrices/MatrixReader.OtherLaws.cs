using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Matrices;

internal sealed partial class MatrixReader
{
    /// <summary>
    /// p(y | x) after p(x) = 𝒩(x | μ_x, Σ_x): texts name the laws of several variables with one letter (p(x), p(y | x), p(y)),
    /// told apart by their arguments. A call that conditions on more than the document's definition of the density takes
    /// is another law under the same letter, not that density at other arguments, so it is not read through it (it would
    /// drop the conditioning and compare 𝒩(y | μ_x, Σ_x) with the stated law).
    /// </summary>
    private void RequireDefinedLaw(Call c, ParseResult parsed)
    {
        if (c.Callee is not Identifier callee || !c.Separators.Any(s => s.Text.Trim() is "|" or "\\mid" or "\\vert")) return;
        var name = MathBinder.SymbolName(callee, parsed);
        var takes = binding.FunctionParameters(name)?.Count ?? (binding.DensityVariable(name) is not null ? 1 : (int?)null);
        if (takes is { } count && c.Arguments.Count > count)
            throw new MatrixReadException("'" + parsed.GetText(c.Span).Trim() + "' conditions on more than the density " + name +
                " the document defines (the same letter for another law)");
    }
}
