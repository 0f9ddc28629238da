using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Σᵢ ε̂ᵢ x_{ij} = ε̂ᵀ x_j: x_j is the j-th column of the matrix whose entries are x_{ij} (and x_i its i-th row), a
/// convention no declaration states. A refutation that gave x_{ij} and x_j values of their own took them as unrelated,
/// which shows nothing about the statement.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>"x_j beside x_ij" when the counterexample sets a name and one of the same letter indexed by fewer index letters; else null.</summary>
    private static string? IndexFamily(Verdict verdict)
    {
        if (verdict.Counterexample is not { } ce) return null;
        var names = ce.Values.Select(kv => kv.Key.IndexOf('[') is var b and > 0 ? kv.Key.Substring(0, b) : kv.Key).Distinct(StringComparer.Ordinal).ToList();
        foreach (var longer in names)
            foreach (var shorter in names)
            {
                if (Split(longer) is not { } l || Split(shorter) is not { } s || l.Base != s.Base || l.Index.Length <= s.Index.Length) continue;
                // Index letters only (x_ij and x_j, not x_12 and x_1: those are other data values).
                if (!l.Index.All(char.IsLower) || !s.Index.All(char.IsLower) || !s.Index.All(l.Index.Contains)) continue;
                return shorter + " beside " + longer;
            }
        return null;

        static (string Base, string Index)? Split(string name)
        {
            var at = name.LastIndexOf('_');
            if (at <= 0 || at == name.Length - 1) return null;
            var index = name.Substring(at + 1).Trim('{', '}').Replace(",", "");
            return index.Length is >= 1 and <= 3 ? (name.Substring(0, at), index) : null;
        }
    }
}
