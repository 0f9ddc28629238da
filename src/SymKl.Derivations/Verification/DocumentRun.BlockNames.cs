using System.Globalization;
using System.Text.RegularExpressions;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "the joint covariance is $$\begin{bmatrix} I &amp; Λ^T \\ Λ &amp; ΛΛ^T + Ψ\end{bmatrix}$$ … $$Σ_{12} = Σ_{21}^T = Λ^T$$": names with
/// two block indices (Σ_{11}, Σ_{12}, A_{21} …) after a matrix written in blocks name its blocks. A link whose two sides are
/// the same block as written (a block name standing for its entry, a transposed name for the entry transposed) names that
/// block: a definition, not an identity in a freely drawn Σ_{21}. A link that disagrees with the written blocks, or that SymKl
/// cannot match to them as written, keeps its verdict.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>How many displays back the written matrix may stand.</summary>
    private const int BlockMatrixReach = 3;

    private static readonly Regex BlockName = new(@"^(?<name>\\?[A-Za-z]+)_\{?(?<i>[1-9])\s*,?\s*(?<j>[1-9])\}?(?<t>\^T)?$", RegexOptions.CultureInvariant);

    private static readonly Regex TransposedName = new(@"^(?<base>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\^T$", RegexOptions.CultureInvariant);

    /// <summary>Turns the links recorded since <paramref name="recorded"/> that agree with the blocks of a matrix written just before into definitions.</summary>
    private void NameWrittenBlocks(int recorded)
    {
        if (_block is not { IsDisplay: true } block || Steps.Count <= recorded) return;
        List<List<string>>? blocks = null;
        for (var k = recorded; k < Steps.Count; k++)
        {
            var step = Steps[k];
            if (!StatementRoles.IsRefutable(step.Role) || step.Verdict.Holds || step.Relation != "=") continue;
            var (lhs, rhs) = (NormalTranspose(step.Lhs), NormalTranspose(step.Rhs));
            if (!BlockName.IsMatch(lhs) && !BlockName.IsMatch(rhs)) continue;
            blocks ??= WrittenBlocks(block) ?? [];
            if (blocks.Count == 0) return;
            if (BlockValue(lhs, blocks) is not { } left || BlockValue(rhs, blocks) is not { } right || left != right) continue;
            Steps[k] = step with
            {
                Role = StatementRole.Definition,
                RoleCue = "names a block of the matrix written before it",
                Verdict = new Verdict(VerdictKind.Skipped, "names a block of the matrix written in blocks just before: both sides are that block as written", null, null, 0),
            };
        }
    }

    /// <summary>The side as the written block it stands for (a block name replaced by its entry), compared without spaces; null when a block index is out of range.</summary>
    private static string? BlockValue(string side, List<List<string>> blocks)
    {
        var m = BlockName.Match(side);
        if (!m.Success) return side;
        var (i, j) = (int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture) - 1, int.Parse(m.Groups["j"].Value, CultureInfo.InvariantCulture) - 1);
        if (i >= blocks.Count || j >= blocks[i].Count) return null;
        var entry = blocks[i][j];
        if (!m.Groups["t"].Success) return entry;
        // Λ^T of a block Λ, Λ of a block Λ^T: a transposed name only; a sum or product transposed is not matched as written.
        var t = TransposedName.Match(entry);
        if (t.Success) return t.Groups["base"].Value;
        return TransposedName.IsMatch(entry + "^T") ? entry + "^T" : null;
    }

    /// <summary>Spaces removed and the transposes written one way: ^{T}, ^\top, ^{\top} as ^T.</summary>
    private static string NormalTranspose(string text)
    {
        var s = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return s.Replace("^{\\top}", "^T").Replace("^\\top", "^T").Replace("^{T}", "^T").Replace("^\\intercal", "^T").Replace("^{\\intercal}", "^T");
    }

    /// <summary>The entries, as written, of the largest square matrix (2 to 4 blocks a side) in one of the displays just before this one.</summary>
    private List<List<string>>? WrittenBlocks(MathBlock block)
    {
        // A matrix in the text right before, between delimiters SymKl does not read as math (an HTML tag's body).
        if (MatrixInGap(block) is { } inText) return inText;
        var index = BlockIndex(block);
        var seen = 0;
        for (var k = index - 1; k >= 0 && seen < BlockMatrixReach; k--)
        {
            var earlier = document.Blocks[k];
            if (!earlier.IsDisplay) continue;
            seen++;
            var text = Expanded(earlier, out _);
            var parsed = LatexParser.ParseMath(text);
            if (parsed.Root is null) continue;
            if (SquareMatrix(parsed, text) is { } entries) return entries;
        }
        return null;
    }

    /// <summary>The entries of the largest square matrix (2 to 4 blocks a side) of parsed math, as written.</summary>
    private static List<List<string>>? SquareMatrix(ParseResult parsed, string text)
    {
        var matrix = parsed.Root?.DescendantsAndSelf().OfType<Matrix>()
            .Where(m => m.Rows.Count is >= 2 and <= 4 && m.Rows.All(r => r.Count == m.Rows.Count))
            .OrderByDescending(m => m.Rows.Count).FirstOrDefault();
        return matrix is null ? null : [.. matrix.Rows.Select(r => r.Select(e => NormalTranspose(Span(text, e.Span))).ToList())];
    }

    private static readonly Regex MatrixEnvironment = new(@"\\begin\{(?<env>[pbvBV]?matrix)\}.*?\\end\{\k<env>\}", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>How far back in the text, at most, a matrix written outside math may stand.</summary>
    private const int GapReach = 2000;

    /// <summary>The last square matrix environment in the text between the math before this block and this block.</summary>
    private List<List<string>>? MatrixInGap(MathBlock block)
    {
        var index = BlockIndex(block);
        var source = document.Source.Text;
        var from = index > 0 ? document.Blocks[index - 1].Offset + document.Blocks[index - 1].Length : 0;
        from = Math.Max(from, block.Offset - GapReach);
        if (from < 0 || block.Offset > source.Length || block.Offset <= from) return null;
        var gap = source.Substring(from, block.Offset - from);
        List<List<string>>? found = null;
        foreach (Match m in MatrixEnvironment.Matches(gap))
            if (SquareMatrix(LatexParser.ParseMath(m.Value), m.Value) is { } entries) found = entries;
        return found;
    }

    private static string Span(string text, TextSpan span) =>
        span.Start >= 0 && span.End <= text.Length && span.End >= span.Start ? text.Substring(span.Start, span.End - span.Start) : string.Empty;
}
