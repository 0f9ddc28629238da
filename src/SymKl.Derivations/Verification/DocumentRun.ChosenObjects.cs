using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Choose any partition $$a = x_0 < x_1 < \dots < x_n = b$$", "let $0 = t_0 < t_1 < … < t_n = T$": a choice sets up
/// names, and the order relations it writes are what the chosen objects satisfy (hypotheses), not claims about
/// arbitrary values. Only a chain that mixes equalities with comparisons (the pure comparisons after these cues are
/// conditions already) right after a choice word.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly HashSet<string> ChoiceCues = new(StringComparer.OrdinalIgnoreCase) { "choose", "pick", "take", "fix", "let" };

    /// <summary>Choice words that state conditions, as "let" and "where" do: "choose $\delta > 0$", "fix $\epsilon > 0$".</summary>
    private static bool ChoiceCue(Cue cue) => cue.Kind == CueKind.Definition && ChoiceCues.Contains(cue.Text);

    private static bool ChosenOrder(LatexRelation chain, Cue cue, bool continued) =>
        !continued && ChoiceCue(cue) && cue.WordsAfter <= 3
        && chain.Operators.Any(o => o.Kind == RelationKind.Equal) && chain.Operators.Any(o => o.Kind is RelationKind.Less or RelationKind.LessEqual or RelationKind.Greater or RelationKind.GreaterEqual)
        && chain.Operators.All(o => !o.Negated && o.Kind is RelationKind.Equal or RelationKind.Less or RelationKind.LessEqual or RelationKind.Greater or RelationKind.GreaterEqual);
}
