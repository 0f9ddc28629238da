using System.Text.RegularExpressions;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "a condition such as $|e_{k+1}| \le \alpha |e_k|$ would be called linear convergence", "an inequality like $x^2 \ge 0$":
/// the relation is an example of a kind of statement the words name, not a claim the text makes. Only a noun for a
/// statement (condition, inequality, bound, equation, relation, constraint, rule, property) right before "such as" or
/// "like" counts; "a number such as", "for example" and claims after "such that" are read as before.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex ExampleOfStatement = new(
        @"\b(?:conditions?|inequalit(?:y|ies)|bounds?|equations?|relations?|constraints?|rules?|propert(?:y|ies)|identit(?:y|ies)|statements?)\s+(?:such\s+as|like)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>True when the inline math being read (every link of it) is an example of a kind of statement the words before it name.</summary>
    private bool IsExampleStatement() =>
        _block is { Kind: Markdown.MathBlockKind.Inline } block && ExampleOfStatement.IsMatch(block.ProseBefore);
}
