using System.Text.RegularExpressions;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexExpectation = SymKl.Latex.Syntax.Expectation;
using Relation = SymKl.Symbolic.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Jensen's inequality stated for a function the text only names: g(𝔼[X]) ≤ 𝔼[g(X)] "where g is a convex function",
/// g(𝔼[X]) ≥ 𝔼[g(X)] for a concave one. Proved when the math's sentence (before it, or the one it runs into after it)
/// calls the function convex or concave, and only one of the two, in the direction that word gives, and the word is said
/// of that function ("$g$ is convex", "a convex function $g$", "for $g$ concave"); anything else is left to the other checks
/// (an unnamed g may be neither, and "since log is concave, for any $f$, …" says nothing about f).
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex ConvexWord = new(@"(?<![-\w])convex\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex ConcaveWord = new(@"(?<![-\w])concave\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private Verdict? JensenStatement(Operand left, Relation relation, Operand right)
    {
        if (relation is not (Relation.LessOrEqual or Relation.GreaterOrEqual) || left.Parsed != right.Parsed) return null;
        var parsed = left.Parsed;
        string Text(SyntaxNode n) => new(parsed.GetText(n.Span).Where(c => !char.IsWhiteSpace(c)).ToArray());
        // The side g(𝔼[X]) and the side 𝔼[g(X)]: the same g, the same X and the same law.
        (string Name, string Written, bool OutsideIsLeft)? Form(SyntaxNode outside, SyntaxNode inside, bool outsideIsLeft)
        {
            if (Matrices.MatrixScope.Unwrap(outside) is not Call { Callee: Identifier g, Arguments: [var argument] } || Matrices.MatrixScope.Unwrap(argument) is not LatexExpectation e1) return null;
            if (Matrices.MatrixScope.Unwrap(inside) is not LatexExpectation e2 || Matrices.MatrixScope.Unwrap(e2.Body) is not Call { Callee: Identifier g2, Arguments: [var body] }) return null;
            var name = MathBinder.FunctionName(g, parsed);
            if (name != MathBinder.FunctionName(g2, parsed) || Text(e1.Body) != Text(body)) return null;
            if ((e1.Subscript is null) != (e2.Subscript is null) || e1.Subscript is not null && Text(e1.Subscript) != Text(e2.Subscript!)) return null;
            return (name, Text(g), outsideIsLeft);
        }
        if ((Form(left.Node, right.Node, true) ?? Form(right.Node, left.Node, false)) is not { } form) return null;
        // A function the document defines is checked as what it is.
        if (_scope.IsDefinedFunction(form.Name) || _scope.DefinesSymbol(form.Name)) return null;
        var words = RawSentencesBeforeBlock() + " " + RawSentenceAfterBlock();
        var (convex, concave) = (ConvexWord.IsMatch(words), ConcaveWord.IsMatch(words));
        if (convex == concave) return null;
        // g(𝔼[X]) ≤ 𝔼[g(X)] for a convex g; ≥ for a concave one.
        var outsideSmaller = relation == Relation.LessOrEqual == form.OutsideIsLeft;
        if (outsideSmaller != convex) return null;
        if (!JensenWords.SaidOf(form.Written, convex ? ConvexWord : ConcaveWord, words)) return null;
        return new Verdict(VerdictKind.Proved, "Jensen's inequality for the " + (convex ? "convex" : "concave") + " function " + form.Name + " (so the text calls it)", null, null, 0);
    }

    /// <summary>
    /// The sentence before the current math as written (inline math kept) and the sentence before that ("Let $g$ be convex.
    /// Then …"), back to a blank line or 400 characters; a display's own delimiters and the blank line before it are skipped.
    /// </summary>
    private string RawSentencesBeforeBlock()
    {
        if (_block is null) return string.Empty;
        var text = document.Source.Text;
        var end = Math.Min(_block.Offset, text.Length);
        while (end > 0 && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is '$' || text[end - 1] is '[' or '(' && end > 1 && text[end - 2] == '\\'))
            end -= text[end - 1] is '[' or '(' ? 2 : 1;
        if (end == 0) return string.Empty;
        var start = Math.Max(0, end - 400);
        var blank = text.LastIndexOf("\n\n", end - 1, end - start, StringComparison.Ordinal);
        if (blank >= 0) start = blank + 2;
        // Forward, so that '$' pairs are seen in order: the last two sentence ends outside math.
        var (last, beforeLast) = (start, start);
        var inMath = false;
        for (var i = start; i < end; i++)
        {
            if (text[i] == '$') { if (i + 1 < end && text[i + 1] == '$') i++; inMath = !inMath; continue; }
            if (!inMath && text[i] is '.' or '!' or '?' && i + 1 < end && char.IsWhiteSpace(text[i + 1])) (beforeLast, last) = (last, i + 1);
        }
        return text[beforeLast..end];
    }

    /// <summary>The words after the current math up to the end of their sentence (across the blank line after a display), inline math kept.</summary>
    private string RawSentenceAfterBlock()
    {
        if (_block is null) return string.Empty;
        var text = document.Source.Text;
        var i = Math.Min(text.Length, _block.Offset + _block.Length);
        while (i < text.Length && (text[i] is '$' or ']' or ')' or '\\' or ',' || char.IsWhiteSpace(text[i]))) i++;
        var builder = new System.Text.StringBuilder();
        var inMath = false;
        for (var steps = 0; i < text.Length && steps < 300; i++, steps++)
        {
            var c = text[i];
            if (c == '$') { inMath = !inMath; builder.Append(c); continue; }
            if (c == '\n' && i + 1 < text.Length && text[i + 1] == '\n') break;
            if (!inMath && c is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]))) break;
            builder.Append(c);
        }
        return builder.ToString();
    }
}
