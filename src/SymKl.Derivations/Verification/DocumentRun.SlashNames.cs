using System.Text.RegularExpressions;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// M/H, M/E in block-matrix algebra: the Schur complement of H (or E) in M, a name the text defines (M/H = E − F H⁻¹ G),
/// not M divided by H. SymKl reads a slash as a division, so where the text names a Schur complement or defines a name of
/// that shape, a failure of a statement that writes a slash between two capital (matrix) names is the reading's, not the
/// text's: it is <c>unsupported</c>, naming the slash. A slash between other names (x/y, a/2) is a division as before.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex SlashBetweenCapitals = new(@"(?<![A-Za-z\\])[A-Z]\s*/\s*[A-Z](?![A-Za-z])", RegexOptions.CultureInvariant);
    /// <summary>M/H = E - FH^{-1}G opening a formula: a slash name defined by a formula with an inverse, as a Schur complement is.</summary>
    private static readonly Regex SlashNameDefined = new(@"(?:^|\$)\s*[A-Z]\s*/\s*[A-Z]\s*(?::=|=)[^$\n]*\^\{?-1\}?", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    /// <summary>Null until asked: whether the text names a Schur complement or defines a slash name.</summary>
    private bool? _slashNamesCued;

    private bool SlashNamesCued => _slashNamesCued ??=
        document.Source.Text.IndexOf("schur", StringComparison.OrdinalIgnoreCase) >= 0 || SlashNameDefined.IsMatch(document.Source.Text);

    /// <summary>The refutation made unsupported when a side writes a slash between two capital names in such a text; null otherwise.</summary>
    private Verdict? SlashNameReading(Operand left, Operand right, Verdict refuted)
    {
        if (refuted.Kind != VerdictKind.Refuted) return null;
        var slash = SlashBetweenCapitals.Match(left.Text);
        if (!slash.Success) slash = SlashBetweenCapitals.Match(right.Text);
        if (!slash.Success || !SlashNamesCued) return null;
        return new Verdict(VerdictKind.Unsupported, "it writes '" + Regex.Replace(slash.Value, @"\s+", "") + "', a slash between two matrix names in a text that names a Schur complement (M/H = E − FH⁻¹G): "
            + "a name of the text, which SymKl would read as a division; not refuted (" + refuted.Reason + ")", refuted.Residue, refuted.Counterexample, refuted.PointsChecked);
    }
}
