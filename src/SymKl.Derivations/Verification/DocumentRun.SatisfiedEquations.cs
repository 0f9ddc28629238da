using System.Text.RegularExpressions;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "the optimal weights minimize a quadratic loss and satisfy the normal equations, which are linear: $$(XᵀX)w = Xᵀy$$": a
/// display that the words before it call the equation an unknown satisfies or is the solution of is a condition on
/// that unknown, not an identity in it (read as one, it is refuted at any w). Only one equation alone in its display, and
/// only when the words name an equation (or a system) as what is satisfied or solved: "the ratio satisfies $$r = 2$$"
/// states a property and is checked as before, and a chain after the words rewrites and is checked link by link. Not
/// "we solve the first equation for μ: $$μ = …$$", whose display is the result of solving (a cue of its own).
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex SatisfiedEquationWords = new(
        @"\b(?:satisf(?:y|ies|ying)|(?:is|are)\s+(?:the\s+|a\s+)?solutions?\s+(?:of|to))\s+(?:(?:the|a|an|this|these|following)\s+)*(?:[\w-]+\s+){0,2}(?:equations?|system)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <remarks>
    /// The equation must bring in a name first written in it (the unknown, w in the normal equations): "the ELBO satisfies
    /// the equation $$\log p(x) = KL(q ‖ p) + 𝓛(q)$$" about names the text already has states an identity, checked as before.
    /// </remarks>
    private bool SatisfiedEquation(LatexRelation chain, Cue cue, MathBlock block, ParseResult parsed) =>
        chain.DescendantsAndSelf().OfType<Identifier>().Any(id => FirstWrittenHere(id, parsed)) && block.IsDisplay && cue.Kind == CueKind.None && chain.Operators is [{ Kind: RelationKind.Equal, Negated: false }]
        && SatisfiedEquationWords.IsMatch(block.SentenceBefore.Replace("*", " ").Replace("_", " "));
}
