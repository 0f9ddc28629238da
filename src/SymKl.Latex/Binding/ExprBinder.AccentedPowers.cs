using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// An accent over a power of a name, \hat{\sigma^2}, \widehat{\sigma^2}_{n}, \tilde{x^2}: the estimate (or other decorated
/// version) of the squared quantity. Read as the power of the decorated name, (\hat\sigma)^2 and (\hat\sigma_n)^2, which is
/// how \hat\sigma^2 is read too: the two spellings of one estimate are then one symbol, never two free parameters that a
/// step equating them could be refuted on. Only a plain name under the accent (no subscript inside, no accent already);
/// anything else over an accent stays unread.
/// </summary>
internal sealed partial class Binder
{
    private static bool IsAccentedPowerOfName(Accented a, out Identifier name, out SyntaxNode exponent)
    {
        (name, exponent) = (null!, null!);
        if (a.Accent.Length == 0 || a.Accent[0] == '\'') return false;
        if (a.Body is not Power { Base: Identifier { Accent: null, Subscript: null, Primes: 0, Decoration: null } id, Exponent: var e }) return false;
        (name, exponent) = (id, e);
        return true;
    }

    /// <summary>\hat{\sigma^2} as (\hat\sigma)^2; with a subscript after the accent, \widehat{\sigma^2}_n as (\hat\sigma_n)^2.</summary>
    private Expr? BindAccentedPower(Accented a, SyntaxNode? subscript, TextSpan span)
    {
        if (!IsAccentedPowerOfName(a, out var id, out var exponent)) return null;
        var decorated = id with { Accent = a.Accent, Subscript = subscript, Span = span };
        return Bind(new Power(span, decorated, exponent));
    }
}
