using System.Text.RegularExpressions;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Using the [relationship between correlation and slope](/P/slr-corr), we conclude: R² = (s_x β̂₁ / s_y)² = r_{xy}²": the
/// prose cites another result (a link, \eqref, \cite) for the link, and r_{xy} is a name the document never gives a value
/// (no definition, no hypothesis, no value SymKl could not read) and uses in none of its own formulas, written on one side of
/// the link only. It is a quantity of
/// the cited result, tied to the other side by that result, not a free parameter: a counterexample that gives it a value of
/// its own shows nothing. Without the citation the step stays refutable (an undefined name on one side may be a slip).
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex CitationInProse = new(@"\]\([^)\s]+\)|\\eqref\{|\\ref\{|\\cite[tp]?\{", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>A reason not to report the refutation when a name of a cited result is given a value of its own; null otherwise.</summary>
    private string? NameOfCitedResult(Counterexample? ce, Operand left, Operand right)
    {
        if (ce is null || _block is null || !ReferenceEquals(left.Parsed, right.Parsed) || !CitationInProse.IsMatch(_block.ProseBefore)) return null;
        var l = WrittenNames(left);
        var r = WrittenNames(right);
        foreach (var name in l.Concat(r))
        {
            if (l.Contains(name) && r.Contains(name)) continue;
            if (_scope.DefinesSymbol(name) || _scope.IsDefinedFunction(name) || _scope.HasDistribution(name) || Definitions.Any(d => d.Name == name)
                || _unreadableValues.ContainsKey(name) || _scope.Assumptions.Declared.ContainsKey(name) || _givenNames.Contains(name)
                // u, v in k = u w / v: a parameter the document's own formulas use is its own, free as ever.
                || _scope.UsedInDefinitions(name)) continue;
            return "it depends on " + name + ", written on one side only and given no value in the document, where the prose cites another result for this step ("
                + CitationInProse.Match(_block.ProseBefore).Value.Trim() + "): a quantity of that result, not a free parameter";
        }
        return null;
    }
}
