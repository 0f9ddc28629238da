using SymKl.Derivations.Reports;
using SymKl.Derivations.Markdown;
using SymKl.Latex;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The document's own LaTeX macros (<c>\newcommand{\bx}{\mathbf{x}}</c>, usually in a hidden display at the top):
/// collected from all its math before the walk, as MathJax keeps them for the whole page, and expanded in each block
/// before it is parsed. Positions map back to the file through the expansion.
/// </summary>
internal sealed partial class DocumentRun
{
    private readonly LatexMacros _macros = new();

    private readonly Dictionary<MathBlock, (string? Text, int[] Offsets, string? Problem)> _expansions = [];

    private void CollectMacros()
    {
        // A notebook's macro cell ("$" alone on a line, the \newcommand lines, "$"): the Markdown reader takes no math from
        // a '$' followed by a line break, but MathJax does, and keeps the macros for the page. Collected from the text
        // outside code first, so that the math blocks' own definitions win.
        var source = document.Source.Text;
        if (source.IndexOf("\\newcommand", StringComparison.Ordinal) >= 0 || source.IndexOf("\\renewcommand", StringComparison.Ordinal) >= 0)
            _macros.Collect(OutsideCode(source));
        foreach (var block in document.Blocks)
            if (block.Text.IndexOf('\\') >= 0) _macros.Collect(block.Text);
    }

    /// <summary>The text with fenced code blocks and inline code spans blanked (a macro shown as code defines nothing).</summary>
    private static string OutsideCode(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        var fenced = false;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)) { fenced = !fenced; sb.Append('\n'); continue; }
            sb.Append(fenced ? string.Empty : System.Text.RegularExpressions.Regex.Replace(line, "`[^`]*`", string.Empty)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The block's math with the document's macros expanded, and the map from its offsets to the block's.</summary>
    private string Expanded(MathBlock block, out Func<int, int> toBlock, bool warn = false)
    {
        var text = MacrosExpanded(block, out var fromMacros, warn);
        // \mathbf{X, Z} written \mathbf{X}, \mathbf{Z}: every variable spelled as elsewhere (rewritten once per block).
        Func<int, int> toExpanded = static off => off;
        if (FontLists.Touches(text))
        {
            if (!_fontLists.TryGetValue(block, out var rewritten))
                _fontLists[block] = rewritten = (FontLists.Rewrite(text, out var map), map);
            if (!ReferenceEquals(rewritten.Text, text) && rewritten.Text != text)
            {
                var offsets = rewritten.Offsets;
                toExpanded = off => offsets[Math.Min(Math.Max(0, off), offsets.Length - 1)];
                text = rewritten.Text;
            }
        }
        var labelled = WithParenthesisedLabels(text, out var fromLabels, out var repaired);
        if (labelled is null)
        {
            toBlock = off => fromMacros(toExpanded(off));
            return text;
        }
        if (warn)
            foreach (var (at, bare, meant) in repaired)
                Warnings.Add(new DocumentWarning(ToFile(block.GetPosition(fromMacros(toExpanded(at)))), WarningKind.Repair, DiagnosticCodes.BareLabel,
                    "read '" + bare + "' as the label '" + meant + "', which the text writes with its parentheses elsewhere"));
        toBlock = off => fromMacros(toExpanded(fromLabels[Math.Min(Math.Max(0, off), fromLabels.Length - 1)]));
        return labelled;
    }

    private readonly Dictionary<MathBlock, (string Text, int[] Offsets)> _fontLists = [];

    private string MacrosExpanded(MathBlock block, out Func<int, int> toBlock, bool warn)
    {
        toBlock = static off => off;
        if (!_macros.Touches(block.Text)) return block.Text;
        // The pre-passes and the walk read the same block: expanded once.
        if (!_expansions.TryGetValue(block, out var expansion))
            _expansions[block] = expansion = (_macros.Expand(block.Text, out var map, out var why), map, why);
        var (expanded, offsets, problem) = expansion;
        if (expanded is null)
        {
            if (!warn) return block.Text;
            Warnings.Add(DocumentWarning.CannotRead(ToFile(block.GetPosition(0)), DiagnosticCodes.MacroExpansion,
                "the document's macros were not expanded here: " + problem));
            return block.Text;
        }
        toBlock = off => offsets[Math.Min(Math.Max(0, off), offsets.Length - 1)];
        return expanded;
    }
}
