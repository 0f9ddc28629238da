using System.Text.RegularExpressions;
using SymKl.Derivations.Markdown;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "splitting the sum into the terms for which $m_k = 0$ and $m_k > 0$": math after "for which" picks out the terms,
/// values or cases it holds for. It is not claimed, and not assumed either: the next case (joined by "and", "or") names
/// another subset, which a first case taken as a fact would contradict.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex CaseSelectorBefore = new(@"\bfor\s+which\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Cue CaseSelectorCue = new(CueKind.Hypothesis, "for which", false);

    /// <summary>The case cue for math right after "for which"; otherwise <paramref name="cue"/> unchanged.</summary>
    private static Cue CaseSelector(Cue cue, MathBlock block, bool continued) =>
        !continued && CaseSelectorBefore.IsMatch(block.ProseBefore.TrimEnd()) ? CaseSelectorCue : cue;

    private static bool IsCaseSelector(Cue cue) => cue == CaseSelectorCue;
}
