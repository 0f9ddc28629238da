using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "$A \in \mathbb{R}^{m \times n}$ a matrix with columns $a_1, \dots, a_n$", "let $Q$ be a matrix with $q_1, \dots, q_n$ as its
/// columns", "$X$, whose rows are $x_1, \dots, x_N$": the listed names are the columns (rows) of the matrix, not free draws
/// beside it, so they are described (<see cref="Describe"/>) as its columns. The matrix itself is described only when the listed
/// names are described already (eigenvectors): a matrix built of them inherits what SymKl does not model of them; a matrix with
/// merely named columns is still drawn freely (statements that do not write the columns keep their refutations).
/// </summary>
internal sealed partial class DocumentRun
{
    private const RegexOptions ColumnOptions = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    /// <summary>The words before the list: "a matrix with columns", "whose rows are".</summary>
    private static readonly Regex ColumnsBeforeList = new(@"(?:\b(?:with|having)\s+(?:the\s+)?(?<what>columns|rows)|\bwhose\s+(?<what>columns|rows)\s+are(?:\s+the)?)\s*$", ColumnOptions, TimeSpan.FromSeconds(1));

    /// <summary>The words before the list when the words after it say which parts: "with … as its columns".</summary>
    private static readonly Regex WithBeforeList = new(@"\b(?:with|having)\s*$", ColumnOptions, TimeSpan.FromSeconds(1));

    private static readonly Regex ColumnsAfterList = new(@"^\s*as\s+(?:its|the)\s+(?<what>columns|rows)\b", ColumnOptions, TimeSpan.FromSeconds(1));

    /// <summary>"a matrix with columns $a_1, …$" after the math that names the matrix: the list block describes the columns.</summary>
    private void DescribeColumns(Markdown.MathBlock list, Markdown.MathBlock? matrixBlock)
    {
        if (matrixBlock is null || list.Kind != Markdown.MathBlockKind.Inline || matrixBlock.Kind != Markdown.MathBlockKind.Inline) return;
        var before = Regex.Replace(list.ProseBefore, @"\s+", " ");
        // The matrix and its columns in one clause: "$A$ a matrix with columns", "$Q$ be an orthogonal matrix with".
        if (before.Length > 80 || before.Contains(". ") || before.Contains(';') || !Regex.IsMatch(before, @"\bmatri(?:x|ces)\b", ColumnOptions, TimeSpan.FromSeconds(1))) return;
        string? what = null;
        try
        {
            if (ColumnsBeforeList.Match(before) is { Success: true } b) what = b.Groups["what"].Value;
            else if (WithBeforeList.IsMatch(before) && ColumnsAfterList.Match(TextAfter(list)) is { Success: true } a) what = a.Groups["what"].Value;
        }
        catch (RegexMatchTimeoutException) { return; }
        if (what is null) return;
        var matrixText = Expanded(matrixBlock, out _);
        var at = Regex.Match(matrixText, @"\\in(?![A-Za-z])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var matrixParsed = LatexParser.ParseExpression((at.Success ? matrixText.Substring(0, at.Index) : matrixText).Trim());
        var matrixNode = matrixParsed.Expression;
        while (matrixNode is SymKl.Latex.Syntax.Group { Body: var body }) matrixNode = body;
        if (matrixNode is not Identifier matrix || !IsMatrixCapital(matrix) || matrixParsed.Diagnostics.Count > 0) return;
        var matrixName = MathBinder.SymbolName(matrix, matrixParsed);
        var members = Expanded(list, out _).Split(',').Select(m => m.Trim()).Where(m => m.Length > 0).ToList();
        var describedBefore = _describedNames.Count;
        var inherited = members.Select(m => DescriptionOf(m)).FirstOrDefault(p => p is not null);
        foreach (var member in members) Describe(member, list, "the " + what.ToLowerInvariant() + " of " + matrixName);
        if (_describedNames.Count == describedBefore || inherited is null) return;
        _describedNames.Add((matrixName, matrix.Subscript is not null, list.Line, list.Offset,
            "a matrix whose " + what.ToLowerInvariant() + " are " + string.Join(", ", members) + " (" + inherited + ")"));
    }

    /// <summary>The phrase a member of a list was described by already, or null.</summary>
    private string? DescriptionOf(string written)
    {
        var parsed = LatexParser.ParseExpression(written);
        if (parsed.Expression is not Identifier id || parsed.Diagnostics.Count > 0) return null;
        var name = MathBinder.SymbolName(id, parsed);
        foreach (var described in Enumerable.Reverse(_describedNames))
            if (described.Name == name || described.Family && Core(described.Name) == Core(name) && name.Contains('_')) return described.Phrase;
        return null;
    }
}
