using System.Text.RegularExpressions;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "−Σ_k (q_k − y_k)² = −(q_{y*} − 1)² − Σ_{k≠y*} q_k², where y* is the true class and y_k = 1 if k is the true class, 0
/// otherwise": a starred name (y*, y^\ast) beside the family of its base letter (y_k) is tied to that family by what the
/// text says in words (the index of the one entry, an optimum of it, its true value). A counterexample that gives y* and
/// the y_k independent values breaks the tie, so it shows nothing about the step: unsupported, saying so. A starred name
/// some relation of the document gives a value is checked through that value instead.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex StarredName = new(@"^(.+?)\^\{?\s*(?:\*|\\ast|\\star)\s*\}?$", RegexOptions.CultureInvariant);

    private string? UntiedStarredName(string name, IReadOnlyList<string> names)
    {
        if (StarredName.Match(name) is not { Success: true } m || _givenNames.Contains(name) || _scope.DefinesSymbol(name)) return null;
        var stem = m.Groups[1].Value.Trim();
        var member = names.FirstOrDefault(other => other != name && !StarredName.IsMatch(other) && other.Contains('_') && Ex.Sym(other).BaseName == stem);
        if (member is null) return null;
        return "it gives " + name + " and " + member + " independent values, but the document never defines " + name
            + ", which the text ties to the " + stem + "'s in words (the index of one entry, an optimum, a true value); not refuted";
    }
}
