using SymKl.Derivations.Matrices;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "We estimate $w$ by …" names the weights in words, which otherwise withholds a refutation through w (a quantity the text
/// has in mind). A chain that opens with the derivative of a function of w by w itself (∂𝓛(w)/∂w = … = …) is about every w:
/// each link rewrites that derivative as a function of w, so there w is the variable, and a counterexample may choose it —
/// up to the chain's first refuted link.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>True when the current chain's head is ∂f(…, name, …)/∂name (or ∇_name f(…, name, …)) with the name a plain symbol.</summary>
    private bool DifferentiatedInChainHead(string name)
    {
        // After a refuted link the left side is no longer that derivative (the text may have undone the slip in silence):
        // the chain's rows are then read as before, the named w withholding a refutation.
        if (_beforeMistake is not null) return false;
        if (_chainHead is not { } head || MatrixScope.Unwrap(head.Node) is not Derivative { Variables: [var by], Operand: { } operand, Problem: null, Variational: false }) return false;
        if (MatrixScope.Unwrap(by) is not Identifier variable || MathBinder.SymbolName(variable, head.Parsed) != name) return false;
        // The differentiated function is written with that argument: 𝓛(w), J(\mathbf{w}).
        return MatrixScope.Unwrap(operand) is Call { Arguments: var arguments }
            && arguments.Any(a => MatrixScope.Unwrap(a) is Identifier argument && MathBinder.SymbolName(argument, head.Parsed) == name);
    }
}
