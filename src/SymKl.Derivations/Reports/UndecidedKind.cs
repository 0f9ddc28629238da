using System.Text.RegularExpressions;

namespace SymKl.Derivations.Reports;

/// <summary>
/// Groups the reasons of undecided statements into a few kinds for the short text report ("9 cannot be read,
/// 3 name an undefined function"). The reasons are sentences written by the verifier; a reason that fits no kind
/// is its own kind (its first clause), so nothing is hidden under "other".
/// </summary>
public static class UndecidedKind
{
    // First match wins; each pattern is a phrase the verifier writes for that kind of reason.
    private static readonly (Regex Pattern, string Kind)[] Kinds =
    [
        (Rx("^cannot read|could not be read|^unsupported:"), "cannot be read"),
        (Rx("has no definition|undefined function|undefined density"), "name an undefined function"),
        (Rx("named in the prose"), "depend on a quantity named only in the prose"),
        (Rx("^the sum runs over indexed values"), "sum over indexed values"),
        (Rx("summand does not depend on the summation index"), "have a summand without its index"),
        (Rx("set equal to a number|reads as giving|another value|at different arguments|names a case"), "read as a case, a value or a definition"),
        (Rx("integral did not converge|integrand is undefined|integral|quadrature|monte carlo"), "have an integral that could not be evaluated"),
        (Rx("sum over an unspecified range|unspecified range"), "sum over an unspecified range"),
        (Rx("high precision"), "could not be bounded at high precision"),
        (Rx("too few|valid points|sample points"), "have too few points where both sides are defined"),
        (Rx("time|budget"), "ran out of time or budget"),
        (Rx("integrals, sums or undefined functions"), "contain integrals, sums or undefined functions"),
    ];

    public static string Of(string reason)
    {
        var text = (reason ?? string.Empty).Trim();
        foreach (var (pattern, kind) in Kinds)
            if (pattern.IsMatch(text)) return kind;
        // Its first clause, as a kind of its own.
        var cut = text.IndexOfAny([':', ';', '(', '.']);
        var head = (cut > 0 ? text.Substring(0, cut) : text).Trim();
        if (head.Length > 60) head = head.Substring(0, 57).TrimEnd() + "...";
        return head.Length == 0 ? "no reason given" : head;
    }

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
