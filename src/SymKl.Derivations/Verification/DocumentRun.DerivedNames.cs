using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Accented names the text derives from their base by a convention it never writes down: ᾱ_t, the running product of
/// the α_s in diffusion models; x̄, the mean of the x_i; β̄_t = 1 − ᾱ_t in some posts. A counterexample that gives ᾱ_t and
/// α_t independent values breaks that tie, so it shows nothing about the step. Only names the document never gives a
/// value (no relation anywhere has the name alone on its left) are read so; a defined ᾱ_t is checked through its definition.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Names some relation of the document gives a value (the name alone on the left of =, :=, \triangleq): the pre-pass collects them.</summary>
    private readonly HashSet<string> _givenNames = new(StringComparer.Ordinal);

    private static readonly System.Text.RegularExpressions.Regex AccentedName =
        new(@"^\\(?:bar|overline|tilde|widetilde|hat|widehat)\{([^{}]+)\}(.*)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private void CollectGivenNames(IEnumerable<LatexRelation> relations, ParseResult parsed)
    {
        foreach (var relation in relations)
            for (var i = 0; i < relation.Operators.Count; i++)
                if (relation.Operators[i].Kind is RelationKind.Equal or RelationKind.Define && !relation.Operators[i].Negated)
                {
                    if (relation.Operands[i] is Identifier left) _givenNames.Add(MathBinder.SymbolName(left, parsed));
                    if (relation.Operands[i + 1] is Identifier right) _givenNames.Add(MathBinder.SymbolName(right, parsed));
                }
    }

    /// <summary>The letter a symbol's name starts with, its subscript and styling dropped (alpha_t-1 → alpha).</summary>
    private static string Stem(string name)
    {
        var cut = name.IndexOf('_');
        return cut < 0 ? name : name.Substring(0, cut);
    }

    /// <summary>
    /// A reason not to report a refutation whose counterexample gives an accented name the document never defines and its
    /// base independent values (ᾱ_{t−1} and α_t), or null.
    /// </summary>
    private string? UntiedDerivedName(Counterexample? ce)
    {
        if (ce is null) return null;
        var names = ce.Values.Select(v => v.Key).ToList();
        foreach (var name in names)
        {
            if (AccentedName.Match(name) is not { Success: true } m || _givenNames.Contains(name)) continue;
            var stem = Stem(m.Groups[1].Value + m.Groups[2].Value);
            var base_ = names.FirstOrDefault(other => !AccentedName.IsMatch(other) && Stem(other) == stem);
            if (base_ is null) continue;
            return "it gives " + name + " and " + base_ + " independent values, but the document never defines " + name +
                ", which such texts derive from " + stem + " by a convention they take for granted (a running product, a mean); not refuted";
        }
        return null;
    }
}
