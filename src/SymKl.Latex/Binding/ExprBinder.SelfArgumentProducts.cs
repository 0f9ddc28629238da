using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexCall = SymKl.Latex.Syntax.Call;

namespace SymKl.Latex.Binding;

/// <summary>
/// σ(1 − σ), f(1 − f) where the text defines σ(t) = 1/(1 + e^{−t}) and writes σ bare for its value: a bracket after a
/// function's name whose content holds that same name bare (not applied to anything) is a product, the value times the
/// bracket, as in the sigmoid's derivative σ' = σ(1 − σ). Applying a function to an expression in its own unapplied value
/// is not what anyone writes (composition is written f(f(x)), the inner f applied, which stays an application).
/// </summary>
internal sealed partial class Binder
{
    private bool HoldsOwnNameBare(LatexCall c, string name)
    {
        if (!c.MayBeProduct || c.Arguments.Count != 1 || c.Separators.Count != 0) return false;
        var argument = c.Arguments[0];
        // Callees are told apart by their spans (nodes are records: equal only with the same text at the same place).
        var applied = new HashSet<SyntaxNode>(argument.DescendantsAndSelf().OfType<LatexCall>().Select(call => call.Callee));
        return argument.DescendantsAndSelf().OfType<Identifier>().Any(id => !applied.Contains(id) && Name(id) == name);
    }

    private Expr? OwnValueTimesBracket(LatexCall c, Identifier callee)
    {
        Warn(c, DiagnosticCodes.ReadAsProduct, "read '" + Quote(c) + "' as the product " + Quote(callee) + "·(…): the bracket holds " + Quote(callee)
            + " itself unapplied, its value, so it is a factor, not the function's argument");
        var left = Bind(callee);
        var right = Bind(c.Arguments[0]);
        return left is null || right is null ? null : Ex.Mul(left, right);
    }
}
