using System.Text.RegularExpressions;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Let * Precision matrix: $$Λ_n^{-1} = nΣ^{-1} + Λ_0^{-1}$$ * Mean: $$μ_n = …$$", "The pseudoinverse satisfies the following
/// defining properties: - $AA^+A = A$ - $A^+AA^+ = A^+$": the words that introduce a list of equations are said of every item,
/// as a reader takes them, not only of the first one (whose prose they are). Under a defining lead ("let", "define", "where",
/// "defined as", "defining properties", "satisfies the following", "is the unique … such that") an item equation gives the
/// name it constrains its meaning: a definition when its left side is a fresh name, otherwise a condition on the names (a
/// hypothesis). A name so constrained is no longer free: a later refutation may not draw it freely (it is withheld). An
/// item with words of its own that state it ("… is", "so", "we have") keeps its own reading.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>True while an item of a defining list is assumed: each item is stated, none is a consequence of the items before it.</summary>
    private bool _listedItem;

    /// <summary>Phrases that introduce equations which define what they constrain ("the following defining properties").</summary>
    private static readonly Regex DefiningListPhrase = new(
        @"\b(?:defining\s+(?:propert(?:y|ies)|conditions?|equations?|relations?)|defined\s+(?:as\s+follows|by\s+the\s+following)|satisf(?:y|ies)\s+the\s+following|the\s+unique\b.*\bsuch\s+that)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// Leads under which an item that names no fresh name is a condition on its names ("let", "define", a defining phrase).
    /// After "where", "denote" or "we write" such an item recalls a fact ("where $\log(1 − σ(z)) = −z − \log(1 + e^{−z})$")
    /// and is checked as before.
    /// </summary>
    private static readonly HashSet<string> ConditionListCues = new(StringComparer.OrdinalIgnoreCase)
    {
        "let", "define", "we define", "is defined as", "are defined as", "is defined by", "defining properties",
    };

    /// <summary>Definition cues that, introducing a list, reach each of its items.</summary>
    private static readonly HashSet<string> ListDefinitionCues = new(StringComparer.OrdinalIgnoreCase)
    {
        "let", "define", "we define", "is defined as", "are defined as", "is defined by", "defined", "defines", "where", "denote", "we write",
    };

    /// <summary>
    /// The cue a list item takes from the words that introduce its list, when the item's own words carry none: a definition
    /// cue ("let") or, for a defining phrase, a hypothesis cue naming it. Null when the math is in no list, or its list is not
    /// introduced by defining words.
    /// </summary>
    private static Cue? ListedCue(Cue own, MathBlock block)
    {
        if (block.ListStart < 0 || block.ListLead.Length == 0) return null;
        // Only the words after the lead's last inline math speak of the list: "substitute $p = σ(z)$ where $z = wᵀx$:" has
        // its 'where' for $z = wᵀx$, not for the items.
        var lead = block.ListLead.Substring(block.ListLead.LastIndexOf('$') + 1);
        if (!lead.Any(char.IsLetter)) return null;
        // The lead introduces the list: it ends with a colon ("… defining properties:") or with its cue word ("Let", "where").
        var introduces = lead.TrimEnd().EndsWith(":", StringComparison.Ordinal);
        // The item's own words decide when they hold a cue ("so", "is", "we have"); the first item's words are the lead itself.
        if (!IsLead(block.ProseBefore, lead) && (own.Kind != CueKind.None || RoleCues.States(block.ProseBefore))) return null;
        if (DefiningListPhrase.IsMatch(lead) && introduces) return new Cue(CueKind.Hypothesis, "defining properties", false);
        var leadCue = RoleCues.Find(lead);
        if (!introduces && leadCue.WordsAfter > 0) return null;
        // "Let", "Define the following:", "where": the last cue of the lead names what the list is.
        return leadCue.Kind == CueKind.Definition && ListDefinitionCues.Contains(leadCue.Text) && leadCue.WordsAfter <= 4
            ? new Cue(CueKind.Definition, leadCue.Text, false)
            : null;
    }

    /// <summary>The prose before the math is the list's lead (the first item, which no words of its own introduce).</summary>
    private static bool IsLead(string prose, string lead)
    {
        var (p, l) = (Letters(prose), Letters(lead));
        return l.Length > 0 && p.EndsWith(l, StringComparison.Ordinal);
    }

    private static string Letters(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>
    /// An equation of a defining list that does not give a fresh name a formula (AA⁺A = A, Λ_n⁻¹ = nΣ⁻¹ + Λ_0⁻¹): a condition on
    /// its names, assumed for what follows. A chain of several links keeps its reading: its later links rewrite and are checked.
    /// </summary>
    private bool ListedCondition(LatexRelation chain, ParseResult parsed, Cue cue) =>
        ConditionListCues.Contains(cue.Text) && chain.Operators is [{ Kind: RelationKind.Equal, Negated: false }] && !DefinitionTarget(chain.Operands[0], parsed);

    /// <summary>
    /// The names on the left of a defining item's equation that the document gives no value: the item constrains them, so none may be
    /// drawn freely by a later refutation (they are withheld, as names given a value SymKl cannot read).
    /// </summary>
    private void ConstrainListedNames(List<Operand> operands)
    {
        // The names on the left are the ones the item states something of (Λ_n in Λ_n⁻¹ = nΣ⁻¹ + Λ_0⁻¹; A and A⁺ in AA⁺A = A).
        foreach (var operand in operands.Take(1))
        {
            if (MathBinder.Bind(operand.Node, operand.Parsed, _scope).Value is not { } value) continue;
            foreach (var symbol in Traversal.FreeSymbols(value))
            {
                // A function the document defines keeps its formula; only names without one are constrained.
                if (_scope.DefinesSymbol(symbol.Name) || _scope.IsDefinedFunction(symbol.Name) || _unreadableValues.ContainsKey(symbol.Name)) continue;
                _unreadableValues[symbol.Name] = operand.At(operand.Node.Span.Start).Line;
            }
        }
    }
}
