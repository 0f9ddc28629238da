using System.Text.RegularExpressions;
using SymKl.Derivations.Markdown;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "If two orthogonal vectors x and y additionally have unit length (i.e. $\|x\| = \|y\| = 1$), then …": a restatement in
/// math of a condition still open in its sentence (an "if", "when", "suppose" … clause with no "then" yet) is that
/// condition, not a consequence drawn in the prose; it is read as after "if".
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex OpenConditionBefore = new(
        @"\b(?<cue>if|when|whenever|suppose|supposing|assume|assuming|provided)\b(?:(?!\bthen\b)[^!?;])*\(\s*i\.e\.?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static Cue RestatedInCondition(Cue cue, MathBlock block, bool continued)
    {
        if (continued || block.Kind != MathBlockKind.Inline || cue is not { Kind: CueKind.Implication, Text: "i.e." }) return cue;
        if (OpenConditionBefore.Match(block.SentenceBefore.TrimEnd()) is not { Success: true } m) return cue;
        var word = m.Groups["cue"].Value.ToLowerInvariant();
        return new Cue(CueKind.Hypothesis, word is "supposing" ? "suppose" : word is "assuming" ? "assume" : word, false, cue.WordsAfter);
    }
}
