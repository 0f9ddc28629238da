using SymKl.Derivations.Markdown;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "exp(−a) > exp(−b) whenever a < b": a statement whose sentence goes on with "if", "when", "whenever", "provided" or "for"
/// holds under the condition written after it, which the checks before it never see. A failure found without that
/// condition is no mistake of the text.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly System.Text.RegularExpressions.Regex Comparison = new(@"[<>≤≥]|\\(?:le|ge|leq|geq|lt|gt)(?![A-Za-z])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>"ReLU(x) = 0 for $x \le 0$": a case written after its formula with "for".</summary>
    private static readonly System.Text.RegularExpressions.Regex TrailingFor = new(@"^\s*[,;]?\s*(?<cue>for)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private Verdict UnderTrailingCondition(Verdict v)
    {
        if (v.Kind != VerdictKind.Refuted || _block is null) return v;
        // The condition was read and assumed before the display was checked (<see cref="AssumeTrailingCondition"/>).
        if (ReferenceEquals(_conditionAssumedFor, _block)) return v;
        var (_, after) = SentenceAroundBlock();
        if ((TrailingCondition.Match(after) is { Success: true } cued ? cued : TrailingFor.Match(after)) is not { Success: true } trailing) return v;
        // Only an order condition ("whenever $a < b$"), not prose that merely starts with "if"; "whenever P ≠ Q" is one
        // the checks of '≠' read themselves.
        if (!Comparison.IsMatch(after.Substring(trailing.Index + trailing.Length))) return v;
        return new Verdict(VerdictKind.Unsupported, "the words after it state a condition ('" + trailing.Groups["cue"].Value + "') it holds under, which this check did not assume; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
    }
}
