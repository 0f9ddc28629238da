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
    /// <summary>The names of the math that stand outside every function application (w in (XᵀX)w, not θ in p(x; θ)).</summary>
    private static IEnumerable<Identifier> OutsideCalls(SyntaxNode node)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is Call) continue;
            if (n is Identifier id) yield return id;
            foreach (var child in n.Children()) stack.Push(child);
        }
    }

    private static readonly Regex SatisfiedEquationWords = new(
        @"\b(?:satisf(?:y|ies|ying)|(?:is|are)\s+(?:the\s+|a\s+)?solutions?\s+(?:of|to))\s+(?:(?:the|a|an|this|these|following)\s+)*(?:[\w-]+\s+){0,2}(?:equations?|system)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <remarks>
    /// The equation must bring in a name first written in it, standing outside any function's arguments (the unknown, w in
    /// the normal equations): "the ELBO satisfies the equation $$\log p(x; θ) = KL(q ‖ p) + 𝓛(p, q)$$", whose new names are only
    /// arguments of the functions it relates, states an identity, checked as before.
    /// </remarks>
    private bool SatisfiedEquation(LatexRelation chain, Cue cue, MathBlock block, ParseResult parsed) =>
        block.IsDisplay && OutsideCalls(chain).Any(id => FirstWrittenHere(id, parsed)) && cue.Kind == CueKind.None && chain.Operators is [{ Kind: RelationKind.Equal, Negated: false }]
        && SatisfiedEquationWords.IsMatch(block.SentenceBefore.Replace("*", " ").Replace("_", " "));
}
