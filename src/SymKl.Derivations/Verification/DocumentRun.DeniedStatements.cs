using System.Text.RegularExpressions;
using SymKl.Derivations.Markdown;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "which does not satisfy $b + d = 3(a + c) + 1$", "fails to satisfy", "is not", "never equals": a relation quoted to be
/// denied is not claimed; the text says it is false. It is withheld (a remark), never checked as if asserted. The
/// negation must stand right before the math (a verb such as satisfy, hold, equal or be may come between); Markdown
/// emphasis around "not" is already gone from the prose.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex DenialBefore = new(
        @"(?:\b(?:not|never|cannot|can't|doesn't|don't|isn't|aren't|wasn't|weren't|won't|didn't)|\bfail(?:s|ed|ing)?\s+to|\bviolat(?:e|es|ed|ing))"
        + @"(?:\s+(?:satisfy|satisfies|hold|holds|equal|equals|be|have|obey|obeys|meet|meets|fulfil|fulfill|fulfils|fulfills|imply|implies|true|that)){0,2}\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The denial right before the math ("does not satisfy"), or null.</summary>
    private static string? DeniedBy(MathBlock block, bool continued) =>
        !continued && DenialBefore.Match(block.ProseBefore.TrimEnd()) is { Success: true } m ? m.Value.Trim() : null;
}
