using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// softmax(z)_k and softmax_k(z) of a vector written by its name: the k-th output e^{z_k} / Σ_m e^{z_m}, the sum over every
/// entry of z written without limits (its length is the vector's, which the checks of indexed sums take from a sum over the
/// same entries beside it, or leave open). The entries are the plain letter with an index (o_j for \mathbf{o}), as texts
/// write a vector's components. Anything else (softmax of an expression, an index that is not a name or a number) is not read.
/// </summary>
internal sealed partial class Binder
{
    private static readonly string[] SoftmaxIndexLetters = ["k", "m", "l", "r", "s", "t", "q", "u", "v"];

    private Expr? SoftmaxEntry(SyntaxNode argument, SyntaxNode index)
    {
        while (argument is Group { Body: var inner }) argument = inner;
        while (index is Group { Body: var innerIndex }) index = innerIndex;
        if (argument is not Identifier { Subscript: null, Primes: 0, Accent: null, Decoration: null } vector) return null;
        if (index is not (Identifier { Subscript: null, Primes: 0 } or Number)) return null;
        var plain = Names.Symbol(vector with { Style = NameStyle.Normal });
        var key = Names.SubscriptKey(index, _text);
        if (key.Length == 0) return null;
        if (SoftmaxIndexLetters.FirstOrDefault(l => l != key && l != plain) is not { } bound) return null;
        var sum = Ex.Summation(Ex.Exp(Ex.Sym(plain + "_" + bound)), Ex.Sym(bound));
        return Ex.Div(Ex.Exp(Ex.Sym(plain + "_" + key)), sum);
    }
}
