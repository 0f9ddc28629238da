using System.Globalization;
using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A matrix the document gave a formula in an earlier display, written again with a formula (the covariance update
/// P = (I − K H) P⁻ (I − K H)ᵀ + K R Kᵀ restated in a summary, or in its short form (I − K H) P⁻ once K is the gain).
/// A careful reader checks the new formula against the value in force: when the two agree for every instance of the
/// matrices (the names in them read through their own definitions, as in any matrix statement), the restatement is a
/// claim that holds. The earlier value counts only when it is certain: a statement the document made as a definition, or
/// one shown to hold — never the unchecked result of a derivation (a gain solved with a sign slip and restated stays
/// undecided). A formula that does not agree, or whose agreement is not shown, is read as before (a new meaning, or
/// undecided): a later section may give the name a new value. Not values: an expectation or integral (what the quantity
/// is, R = 𝔼[v vᵀ]), an unknown solved from equations (x = A⁻¹b from Ax = b, true in that setting only), a lone name.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>True when the statement was recorded as a restatement that agrees with the certain earlier value.</summary>
    private bool MatrixRestatement(Operand left, RelationOperator op, Operand right)
    {
        if (op is not { Kind: RelationKind.Equal or RelationKind.Define, Negated: false } || RestatedMatrixVerdict(left, right) is not { } verdict) return false;
        var rhsStart = right.At(right.Node.Span.Start);
        Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal,
            verdict, StatementRole.Claim, "a formula for a matrix already given a value, agreeing with it"));
        Snapshot(rhsStart);
        return true;
    }

    /// <summary>
    /// "name = formula" with name a matrix the document gave a certain value before: that value and the formula shown to
    /// agree (proved or confirmed in the matrix reading, the other names read through their own certain values), or null
    /// (not a restatement, or agreement not shown).
    /// </summary>
    private Verdict? RestatedMatrixVerdict(Operand left, Operand right)
    {
        if (MatrixScope.Unwrap(left.Node) is not Identifier named) return null;
        var key = MatrixScope.Key(named, left.Parsed);
        var values = CertainValues(right.At(right.Node.Span.Start).Line);
        if (!values.TryGetValue(key, out var earlier)) return null;
        // A formula that mentions the name itself is a recursion or an equation for it, not a value to compare.
        if (MentionsMatrix(earlier.Formula, key, earlier.Parsed) || MentionsMatrix(right.Node, key, right.Parsed)) return null;
        // Only restatements in vectors and matrices: a scalar one is RestatedValue's.
        if (MatrixStatement.Shapes(_matrices, earlier.Formula, earlier.Parsed, right.Node, right.Parsed, _scope.HasSeen("T")) is null) return null;
        var borrowed = Reached(values, key, [(earlier.Formula, earlier.Parsed), (right.Node, right.Parsed)]);
        Verdict verdict;
        using (_matrices.Borrowing(borrowed))
        using (var timeBudget = StepBudget.Open(options))
        {
            try
            {
                if (MatrixStatement.Shapes(_matrices, earlier.Formula, earlier.Parsed, right.Node, right.Parsed, _scope.HasSeen("T")) is not { Unreadable: null } shapes) return null;
                verdict = MatrixStatement.Check(shapes, _matrices, _scope, earlier.Formula, earlier.Parsed, Symbolic.Relation.Equal, right.Node, right.Parsed,
                    options.Seed, timeBudget?.Token ?? default, options.StepTimeout).Verdict;
            }
            catch (Exception ex) when (ex is OperationCanceledException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException
                or BudgetExceededException or InsufficientExecutionStackException)
            {
                return null;
            }
        }
        if (verdict.Kind is not (VerdictKind.Proved or VerdictKind.Confirmed)) return null;
        return verdict with { Reason = "it writes again the value the document gave " + left.Text + " on line " + earlier.Line.ToString(CultureInfo.InvariantCulture) + " (" + earlier.Text + "): " + verdict.Reason };
    }

    /// <summary>The certain values of the names the formulas write, and of the names in those values (a bounded walk), except the restated one.</summary>
    private static Dictionary<string, (SyntaxNode Formula, ParseResult Parsed)> Reached(
        Dictionary<string, (SyntaxNode Formula, ParseResult Parsed, int Line, string Text)> values, string restated, List<(SyntaxNode Node, ParseResult Parsed)> formulas)
    {
        var reached = new Dictionary<string, (SyntaxNode Formula, ParseResult Parsed)>(StringComparer.Ordinal);
        for (var k = 0; k < formulas.Count && k < 32; k++)
        {
            var (node, parsed) = formulas[k];
            MatrixScope.Visit(node, n =>
            {
                if (n is not Identifier id || MatrixScope.Key(id, parsed) is not { } name || name == restated || reached.ContainsKey(name) || !values.TryGetValue(name, out var value)) return;
                reached[name] = (value.Formula, value.Parsed);
                formulas.Add((value.Formula, value.Parsed));
            });
        }
        return reached;
    }

    /// <summary>Each statement's left side as a matrix key (null when it is no lone name), parsed once per step.</summary>
    private readonly List<string?> _statementNames = [];

    /// <summary>
    /// The names with a certain formula before the line — the latest statement the document made as a definition, or one
    /// proved or confirmed — with that formula (parsed from its text) and its line. Statements left undecided (a gain
    /// solved with a slip) give no value: a restatement of one is not checked against it.
    /// </summary>
    private Dictionary<string, (SyntaxNode Formula, ParseResult Parsed, int Line, string Text)> CertainValues(int line)
    {
        for (var i = _statementNames.Count; i < Steps.Count; i++)
        {
            var written = LatexParser.ParseExpression(Steps[i].Lhs);
            _statementNames.Add(written.Expression is { } lhs && MatrixScope.Unwrap(lhs) is Identifier id ? MatrixScope.Key(id, written) : null);
        }
        var values = new Dictionary<string, (SyntaxNode, ParseResult, int, string)>(StringComparer.Ordinal);
        for (var i = Steps.Count - 1; i >= 0; i--)
        {
            var step = Steps[i];
            if (step.Line >= line || _statementNames[i] is not { } name || values.ContainsKey(name) || step.Relation.Trim().TrimStart('&').Trim() is not ("=" or ":=" or "\\coloneqq" or "\\triangleq" or "\\equiv")) continue;
            // An unknown solved from equations (x = A⁻¹b from Ax = b) holds under them, in their setting only: not a value.
            var certain = step.Role == StatementRole.Definition && step.Verdict.Kind == VerdictKind.Skipped
                || step.Verdict.Kind is VerdictKind.Proved or VerdictKind.Confirmed && !step.Verdict.Reason.Contains("follows from the equations");
            // "X₂ = x₂" renames; a value is a formula.
            if (!certain || LatexParser.ParseExpression(step.Rhs) is not { Expression: { } formula } parsed || MatrixScope.Unwrap(formula) is Identifier || HasMoment(formula)) continue;
            values[name] = (formula, parsed, step.Line, step.Rhs.Trim());
        }
        return values;
    }

    /// <summary>
    /// An expectation or an integral (R = 𝔼[v vᵀ], P = 𝔼[e eᵀ]): what the quantity is, not a formula in other matrices to
    /// read it through; the matrix reading does not compare such values.
    /// </summary>
    private static bool HasMoment(SyntaxNode formula)
    {
        var found = false;
        MatrixScope.Visit(formula, n => found |= n is Latex.Syntax.Expectation or Latex.Syntax.Integral);
        return found;
    }

    /// <summary>Whether the formula writes the matrix of that key.</summary>
    private static bool MentionsMatrix(SyntaxNode formula, string key, ParseResult parsed)
    {
        var found = false;
        MatrixScope.Visit(formula, n => found |= n is Identifier id && MatrixScope.Key(id, parsed) == key);
        return found;
    }

    private static string SpaceFree(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var c in text) if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString();
    }
}
