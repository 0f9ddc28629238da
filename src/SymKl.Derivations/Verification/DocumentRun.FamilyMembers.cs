using System.Globalization;
using System.Text.RegularExpressions;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "p_{i, 2j} = sin(i ω_j)" defines a family at every row i; "[sin((i + δ)ω_j)] = [p_{i+δ, 2j}]" writes a member at a shifted
/// row. Where SymKl does not read the member through the definition, a counterexample that draws it freely is no
/// counterexample: the member is what the definition gives at that index. Only a definition of several indices whose index
/// has letters, all of which the member's index writes too (i in i + δ, j in 2j), counts; a refutation the member does not
/// enter stands, and so does one through a family of a single index (ᾱ_{t−1} beside ᾱ_t = ∏ α_s), read as before.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The family definition a drawn name is a member of at another index ("p_i,2j (line 253)"), or null.</summary>
    private string? FamilyDefinitionOf(string name)
    {
        var underscore = name.IndexOf('_');
        if (underscore <= 0 || underscore == name.Length - 1) return null;
        var (root, index) = (name.Substring(0, underscore), name.Substring(underscore + 1));
        var memberLetters = IndexLetters(index);
        foreach (var definition in Definitions)
        {
            var split = definition.Name.IndexOf('_');
            if (split <= 0 || definition.Name.Substring(0, split) != root) continue;
            var defined = definition.Name.Substring(split + 1);
            // A family of several indices (p_{i, 2j}); one of a single index (ᾱ_t, read at t − 1) keeps its reading as before.
            if (defined == index || !defined.Contains(',')) continue;
            var letters = IndexLetters(defined);
            if (letters.Count == 0 || !letters.All(memberLetters.Contains)) continue;
            return definition.Name + " (line " + definition.Position.Line.ToString(CultureInfo.InvariantCulture) + ")";
        }
        return null;
    }

    /// <summary>The single-letter index variables an index writes (i, j in "i,2j+1"; not the δ of \delta).</summary>
    private static HashSet<string> IndexLetters(string index) =>
        new(Regex.Matches(Regex.Replace(index, @"\\[A-Za-z]+", " "), @"(?<![A-Za-z])[A-Za-z](?![A-Za-z])", RegexOptions.CultureInvariant).Cast<Match>().Select(m => m.Value), StringComparer.Ordinal);
}
