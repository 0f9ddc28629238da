using System.Globalization;
using System.Text.RegularExpressions;
using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "where $Q$ is an orthonormal matrix ($Q^\top Q = I$)": a property the text states of a matrix it never defines
/// (orthogonal QᵀQ = I or QQᵀ = I, symmetric A = Aᵀ, idempotent A² = A). The matrix reading draws such a matrix freely, so
/// a refutation of a later step that writes it may rest on a draw the text excluded (Q = [[5]]). The step is checked again
/// with the matrix drawn with the property (orthogonal: the Cayley transform (I − S)(I + S)⁻¹ of a skew S = G − Gᵀ, G a
/// free matrix; symmetric: G + Gᵀ): a failure there is a counterexample that respects the text, and is reported as such;
/// a step that holds or is not refuted then, or a property no draw is built for (idempotent), is left undecided. Only
/// statements before the step count, whatever their role (an inline "($Q^\top Q = I$)" reads as a claim).
/// </summary>
internal sealed partial class DocumentRun
{
    private enum MatrixProperty { Orthogonal, Symmetric, Idempotent }

    /// <summary>Fresh capitals a constrained draw is built from (none of them a dimension letter or excluded from the matrix letters).</summary>
    private static readonly string[] FreshMatrixLetters = ["G", "J", "O", "F", "C", "B"];

    private Verdict UnderStatedMatrixProperties(Verdict verdict, Operand left, Operand right, Symbolic.Relation relation)
    {
        if (verdict.Kind != VerdictKind.Refuted || left.Parsed != right.Parsed) return verdict;
        var line = right.At(right.Node.Span.Start).Line;
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { left, right })
            MatrixScope.Visit(side.Node, n => { if (n is Identifier id) mentioned.Add(MatrixScope.Key(id, side.Parsed)); });
        var stated = new Dictionary<string, (MatrixProperty Property, string Text)>(StringComparer.Ordinal);
        for (var i = Steps.Count - 1; i >= 0 && i >= Steps.Count - AssumedEquationLookBack; i--)
        {
            var step = Steps[i];
            if (step.Line > line || step.Line == line && step.Column >= right.At(right.Node.Span.Start).Column) continue;
            if (step.Relation.Trim().TrimStart('&').Trim() is not ("=" or ":=")) continue;
            if (LatexParser.ParseExpression(step.Lhs) is not { Expression: { } lhs } lp || LatexParser.ParseExpression(step.Rhs) is not { Expression: { } rhs } rp) continue;
            if ((PropertyOf(lhs, lp, rhs, rp) ?? PropertyOf(rhs, rp, lhs, lp)) is not { } found) continue;
            if (!mentioned.Contains(found.Key) || stated.ContainsKey(found.Key)) continue;
            // A matrix the text defines is read through its formula; the property is then a claim about it, not a constraint.
            if (_matrices.Definitions.ContainsKey(found.Key) || _matrices.ScalarDefinitions.ContainsKey(found.Key)) continue;
            stated[found.Key] = (found.Property, step.Lhs.Trim() + " = " + step.Rhs.Trim() + " (line " + step.Line.ToString(CultureInfo.InvariantCulture) + ")");
        }
        if (stated.Count == 0) return verdict;
        var names = string.Join(", ", stated.Keys);
        var said = string.Join(", ", stated.Values.Select(v => v.Text));
        Verdict Withheld(string how) => new(VerdictKind.Unsupported, "it fails with " + names + " drawn freely (" + verdict.Reason + "), but the text states "
            + said + " of it; " + how, verdict.Residue, null, verdict.PointsChecked);
        if (stated.Values.Any(v => v.Property == MatrixProperty.Idempotent))
            return Withheld("SymKl draws no matrix with that property, so it is not refuted");
        var borrowed = new Dictionary<string, (SyntaxNode Formula, ParseResult Parsed)>(StringComparer.Ordinal);
        var built = new List<string>();
        var letters = FreshMatrixLetters.Where(l => !WrittenInDocument(l)).ToList();
        foreach (var entry in stated)
        {
            var (key, property) = (entry.Key, entry.Value.Property);
            if (letters.Count == 0) return Withheld("no fresh letter was left to draw it with, so it is not refuted");
            var g = letters[0];
            letters.RemoveAt(0);
            var formula = property == MatrixProperty.Orthogonal
                ? "(I - (" + g + " - " + g + "^\\top))(I + (" + g + " - " + g + "^\\top))^{-1}"
                : "(" + g + " + " + g + "^\\top)";
            if (LatexParser.ParseExpression(formula) is not { Expression: { } node } parsed) return Withheld("it could not be drawn with that property, so it is not refuted");
            borrowed[key] = (node, parsed);
            built.Add(key + " = " + (property == MatrixProperty.Orthogonal ? "(I − S)(I + S)⁻¹, S = " + g + " − " + g + "ᵀ (orthogonal)" : g + " + " + g + "ᵀ (symmetric)"));
        }
        MatrixStatement.Outcome again;
        using (_matrices.Borrowing(borrowed))
        using (var timeBudget = StepBudget.Open(options))
        {
            try
            {
                if (MatrixStatement.Shapes(_matrices, left.Node, left.Parsed, right.Node, right.Parsed, _scope.HasSeen("T")) is not { } shapes)
                    return Withheld("it could not be read with " + names + " drawn so, so it is not refuted");
                again = MatrixStatement.Check(shapes, _matrices, _scope, left.Node, left.Parsed, relation, right.Node, right.Parsed, options.Seed, timeBudget?.Token ?? default, options.StepTimeout);
            }
            catch (Exception ex) when (ex is OperationCanceledException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException
                or BudgetExceededException or InsufficientExecutionStackException)
            {
                return Withheld("it could not be checked with " + names + " drawn so, so it is not refuted");
            }
        }
        if (again.Unread) return Withheld("it could not be read with " + names + " drawn so, so it is not refuted");
        if (again.Verdict.Kind == VerdictKind.Refuted)
            return again.Verdict with { Reason = again.Verdict.Reason + " (with " + string.Join("; ", built) + ", as the text states " + said + ")" };
        return Withheld((again.Verdict.Holds ? "it holds" : "it is not refuted") + " with " + string.Join("; ", built) + ", so it is not decided");
    }

    /// <summary>The property a relation states of one matrix (QᵀQ = I, QQᵀ = I, A = Aᵀ, A² = A, AA = A), with the matrix's key; null otherwise.</summary>
    private static (string Key, MatrixProperty Property)? PropertyOf(SyntaxNode one, ParseResult oneParsed, SyntaxNode other, ParseResult otherParsed)
    {
        one = MatrixScope.Unwrap(one);
        other = MatrixScope.Unwrap(other);
        // QᵀQ = I, QQᵀ = I (I, I_p, \mathbf{I}).
        if (other is Identifier identity && StatementShapes.IsIdentity(identity) && Factors(one) is [var a, var b])
        {
            if (Transposed(a) is Identifier ta && MatrixScope.Unwrap(b) is Identifier pb && SameName(ta, oneParsed, pb, oneParsed)) return (MatrixScope.Key(pb, oneParsed), MatrixProperty.Orthogonal);
            if (Transposed(b) is Identifier tb && MatrixScope.Unwrap(a) is Identifier pa && SameName(tb, oneParsed, pa, oneParsed)) return (MatrixScope.Key(pa, oneParsed), MatrixProperty.Orthogonal);
            return null;
        }
        if (other is not Identifier name || StatementShapes.IsIdentity(name) || name.Subscript is not null && !IsMatrixCapital(name)) return null;
        if (!IsMatrixCapital(name)) return null;
        // A = Aᵀ.
        if (Transposed(one) is Identifier t && SameName(t, oneParsed, name, otherParsed)) return (MatrixScope.Key(name, otherParsed), MatrixProperty.Symmetric);
        // A² = A, AA = A.
        if (one is Power { Base: var b2, Exponent: var e } && MatrixScope.Unwrap(e) is Number { Text: "2" } && MatrixScope.Unwrap(b2) is Identifier sq && SameName(sq, oneParsed, name, otherParsed))
            return (MatrixScope.Key(name, otherParsed), MatrixProperty.Idempotent);
        if (Factors(one) is [var f1, var f2] && MatrixScope.Unwrap(f1) is Identifier i1 && MatrixScope.Unwrap(f2) is Identifier i2
            && SameName(i1, oneParsed, name, otherParsed) && SameName(i2, oneParsed, name, otherParsed))
            return (MatrixScope.Key(name, otherParsed), MatrixProperty.Idempotent);
        return null;
    }

    /// <summary>A capital letter (any but the identity): the names a matrix property is stated of.</summary>
    private static bool IsMatrixCapital(Identifier id) => id.Name.Length == 1 && char.IsUpper(id.Name[0]) || MatrixScope.IsMatrixLetter(id);

    private static IReadOnlyList<SyntaxNode>? Factors(SyntaxNode node) => MatrixScope.Unwrap(node) switch
    {
        ImplicitMultiplication m => m.Factors,
        Binary { Operator: BinaryOperator.Multiply } b => [b.Left, b.Right],
        _ => null,
    };

    /// <summary>The name under a transpose (Qᵀ, Q^\top, Q^T), else null.</summary>
    private static Identifier? Transposed(SyntaxNode node) =>
        MatrixScope.Unwrap(node) is Power { Base: var b, Exponent: var e } && (StatementShapes.IsTransposeMarker(e) || StatementShapes.IsT(e)) && MatrixScope.Unwrap(b) is Identifier id ? id : null;

    private static bool SameName(Identifier a, ParseResult ap, Identifier b, ParseResult bp) => MatrixScope.Key(a, ap) == MatrixScope.Key(b, bp);

    /// <summary>The letter is written in the document's text as a name of its own (not inside a longer word or a command).</summary>
    private bool WrittenInDocument(string letter) =>
        Regex.IsMatch(document.Source.Text, @"(?<![A-Za-z\\])" + Regex.Escape(letter) + @"(?![A-Za-z])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
