using System.Text.RegularExpressions;
using SymKl.Latex;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "$$\min_{w,\xi} \tfrac12 w^\top w + C\sum_i \xi_i$$ $$\text{s.t.}\ \forall i: w^\top Δf_i ≥ 1 − ξ_i,\ ξ_i ≥ 0$$": relations written
/// after "s.t.", "subject to" or "such that" in the math itself are the constraints of the problem stated, conditions,
/// not claims; they are read as after those words in prose.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex ConstraintWordsInMath = new(@"\\(?:text|mbox|textrm|mathrm|operatorname)\s*\{\s*(?:s\.\s*t\.?|subject\s+to|such\s+that)\s*\}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Cue SubjectToCue = new(CueKind.Hypothesis, "s.t.", false);

    /// <summary>The "s.t." cue when the math before the chain writes "s.t." (or "subject to", "such that"); otherwise <paramref name="cue"/>.</summary>
    private static Cue SubjectTo(Cue cue, LatexRelation chain, ParseResult parsed, bool continued)
    {
        if (continued || chain.Span.Start <= 0 || chain.Span.Start > parsed.Text.Length) return cue;
        return ConstraintWordsInMath.IsMatch(parsed.Text.Substring(0, chain.Span.Start)) ? SubjectToCue : cue;
    }
}
