using System.Globalization;
using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Let $x$ be an eigenvector of $A$ with eigenvalue $\lambda$, then … x^⊤Ax = x^⊤(λx)": a name the prose describes by a
/// property SymKl does not model (<see cref="PropertyDescriptions"/>: an eigenvector, a permutation matrix, the minimizer of f,
/// a convex f, x ∈ null(T)) is no free parameter. A counterexample may only choose genuine free parameters, so a refutation of
/// a statement that writes such a name — described in the same section before it, or in the sentence right after its display,
/// and not given a formula by the document — is withheld: unsupported, naming the name and the words that describe it.
/// Statements about other, undescribed names keep their refutations.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>How many descriptions are kept.</summary>
    private const int MaxDescribedNames = 500;

    /// <summary>Names described in words, each with the line and offset of the words and the phrase.</summary>
    private readonly List<(string Name, bool Family, int Line, int Offset, string Phrase)> _describedNames = [];

    /// <summary>Before the walk: every name the prose describes by a property, where it is described.</summary>
    private void FindDescribedNames()
    {
        Markdown.MathBlock? previous = null;
        foreach (var block in document.Blocks)
        {
            if (_describedNames.Count >= MaxDescribedNames) return;
            var matrixBefore = previous;
            previous = block;
            if (block.Kind != Markdown.MathBlockKind.Inline || block.Text.Length > 80) continue;
            // "a matrix with columns $a_1, \dots, a_n$" (DocumentRun.ColumnNames).
            DescribeColumns(block, matrixBefore);
            var text = Expanded(block, out _);
            if (PropertyDescriptions.Membership(text) is { } member)
            {
                foreach (var written in member.Names) Describe(written, block, "in " + member.Set);
                continue;
            }
            if (PropertyDescriptions.Read(block.ProseBefore, TextAfter(block)) is not { } phrase) continue;
            // "$\mathbf{q}_1, \dots, \mathbf{q}_n$": a list names a family; each member is described.
            foreach (var written in text.Split(',')) Describe(written, block, phrase);
        }
    }

    private void Describe(string written, Markdown.MathBlock block, string phrase)
    {
        var parsed = LatexParser.ParseExpression(written.Trim());
        var node = parsed.Expression;
        // "$\mathbf{P}^\top$ is a permutation matrix": the transpose of a matrix describes the matrix.
        if (node is Power { Base: var b, Exponent: var e } && (StatementShapes.IsTransposeMarker(e) || StatementShapes.IsT(e))) node = b;
        while (node is Group { Body: var body }) node = body;
        if (node is not Identifier id || parsed.Diagnostics.Count > 0) return;
        var name = MathBinder.SymbolName(id, parsed);
        _describedNames.Add((name, id.Subscript is not null, block.Line, block.Offset, phrase));
    }

    /// <summary>
    /// A refutation of a statement that writes a name described by a property in scope (and not defined by a formula):
    /// unsupported, saying which name and where the words describe it. Null when no such name is written.
    /// </summary>
    private Verdict? DescribedNameReview(Verdict v, Operand left, Operand right)
    {
        if (v.Kind != VerdictKind.Refuted || _describedNames.Count == 0 || left.Parsed != right.Parsed) return null;
        var line = right.At(right.Node.Span.Start).Line;
        var written = new HashSet<string>(StringComparer.Ordinal);
        var seen = 0;
        foreach (var side in new[] { left, right })
            foreach (var node in side.Node.DescendantsAndSelf())
            {
                if (++seen > 4_000) return null;
                if (node is Identifier id) written.Add(MathBinder.SymbolName(id, side.Parsed));
            }
        // The nearest description names the property the step most likely uses (the latest one first).
        foreach (var described in Enumerable.Reverse(_describedNames))
        {
            var name = written.FirstOrDefault(w => w == described.Name || described.Family && Core(w) == Core(described.Name) && w.Contains('_'));
            if (name is null || !InDescriptionScope(described.Line, described.Offset, line)) continue;
            if (_scope.DefinesSymbol(name) || _scope.IsDefinedFunction(name) && !_scope.Context.IsKnownFunction(name)) continue;
            return new Verdict(VerdictKind.Unsupported, "it depends on " + name + ", described on line " + described.Line.ToString(CultureInfo.InvariantCulture)
                + " as '" + described.Phrase + "', a property SymKl does not model; a counterexample may only choose genuine free parameters, so it is not refuted ("
                + v.Reason + ")", v.Residue, null, v.PointsChecked);
        }
        return null;
    }

    private static string Core(string name)
    {
        var underscore = name.IndexOf('_');
        return underscore >= 0 ? name.Substring(0, underscore) : name;
    }

    /// <summary>
    /// The words describe the name for the statement on <paramref name="line"/>: they come before it with no heading between,
    /// or right after the display that holds it, in the sentence that follows the display.
    /// </summary>
    private bool InDescriptionScope(int describedLine, int describedOffset, int line)
    {
        if (describedLine <= line)
        {
            foreach (var heading in document.Headings)
            {
                var at = document.Source.GetPosition(heading.Offset).Line;
                if (at > describedLine && at <= line) return false;
            }
            return describedLine < line || _block is null || describedOffset < _block.Offset;
        }
        if (_block is not { IsDisplay: true } display) return false;
        var end = display.Offset + display.Length;
        if (describedOffset < end) return false;
        var gap = document.Source.Text.Substring(end, describedOffset - end);
        return gap.Length <= 200 && !gap.Contains('#') && !gap.Contains("\n\n") && !gap.Contains(". ");
    }
}
