using SymKl.Derivations.Checking;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// \ln \frac{a}{b} (b − a) and \ln λ e^{λ}: a function written without brackets before several factors. SymKl reads
/// its argument as the whole product (\log 2πσ² is log(2πσ²)), which is the usual reading, but a writer may as well
/// mean the function of the first factor times the rest (ln(a/b)·(b − a), ln λ · e^λ). A trigonometric or hyperbolic
/// function before a name and a bracket (\cos y (x^2 + y^2), read as cos(y·(x² + y²))) is as ambiguous: the quotient
/// rule writes cos(y)·(x² + y²) so. When a step fails under the
/// first reading and holds under the second, the notation is ambiguous rather than the step wrong: it is
/// <c>unsupported</c>, naming the two readings. A step that fails under both stays refuted.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly HashSet<string> ExtentFunctions = new(StringComparer.Ordinal) { "log", "ln", "lg", "exp" };

    /// <summary>Functions whose bracket-less argument is a name, not a product, before a bracket: \sin 2x is sin(2x), \sin x (1 + y) is ambiguous.</summary>
    private static readonly HashSet<string> NameArgumentFunctions = new(StringComparer.Ordinal)
    {
        "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth", "arcsin", "arccos", "arctan",
    };
    private const int MaxExtentScan = 4_000;
    private static readonly TimeSpan ExtentRecheckBudget = TimeSpan.FromSeconds(5);

    /// <summary>The refutation made unsupported when the narrow reading of bracket-less arguments holds; null when it does not apply.</summary>
    private Verdict? NarrowArgumentReading(Operand left, Operand right, Symbolic.Relation relation, Verdict refuted)
    {
        if (refuted.Kind != VerdictKind.Refuted) return null;
        var (l, lChanged) = Narrowed(left);
        var (r, rChanged) = Narrowed(right);
        if (!lChanged && !rChanged || l is null || r is null) return null;
        var lv = MathBinder.Bind(l.Expression!, l, _scope).Value;
        var rv = MathBinder.Bind(r.Expression!, r, _scope).Value;
        if (lv is null || rv is null) return null;
        using var budget = new WorkBudget("the re-check with the argument extended", WorkBudget.Seconds(ExtentRecheckBudget.TotalSeconds), StepBudget.Guard(ExtentRecheckBudget));
        try
        {
            var (lhs, rhs) = (ResolveExpectations(_scope.SubstituteSymbols(lv)), ResolveExpectations(_scope.SubstituteSymbols(rv)));
            var again = StepChecker.Check(lhs, relation, rhs, _scope.Assumptions, _scope.Context, options.Seed, budget.Token);
            if (!again.Holds) return null;
            return new Verdict(VerdictKind.Unsupported, "a function written without brackets before several factors ("
                + string.Join(", ", Applications(left).Concat(Applications(right)).Select(fa => "\\" + fa.Function))
                + "): it fails with the whole product as the argument, but holds with the function of the first factor times the rest ("
                + again.Kind.ToString().ToLowerInvariant() + "); the notation is ambiguous, so the failure is not reported as a mistake (add brackets to decide it; " + refuted.Reason + ")",
                refuted.Residue, refuted.Counterexample, refuted.PointsChecked);
        }
        catch (Exception e) when (e is OperationCanceledException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException or InsufficientExecutionStackException)
        {
            return null;
        }
    }

    /// <summary>Bracket-less applications of log, ln, lg or exp whose argument is a product of several factors.</summary>
    private static List<FunctionApplication> Applications(Operand side)
    {
        var found = new List<FunctionApplication>();
        var seen = 0;
        foreach (var node in side.Node.DescendantsAndSelf())
        {
            if (++seen > MaxExtentScan) return [];
            if (node is FunctionApplication { Bracket: null, Arguments: [ImplicitMultiplication { Factors.Count: >= 2 }] } fa && ExtentFunctions.Contains(fa.Function))
                found.Add(fa);
            else if (node is FunctionApplication { Bracket: null, Arguments: [var argument] } named && (ExtentFunctions.Contains(named.Function) || NameArgumentFunctions.Contains(named.Function))
                && NameBeforeBracket(argument) is not null)
                found.Add(named);
        }
        return found;
    }

    /// <summary>
    /// y in \cos y (x^2 + y^2): a plain name written before a bracketed sum that may be read as a product (the parser's
    /// call that may be a product), alone or as the first factor; null for anything else (f(x) of a function stays whole).
    /// </summary>
    private static SyntaxNode? NameBeforeBracket(SyntaxNode argument)
    {
        var first = argument is ImplicitMultiplication { Factors: [var head, ..] } ? head : argument;
        return first is Call { MayBeProduct: true, Callee: Identifier { Primes: 0 } callee, Arguments: [Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract }] } ? callee : null;
    }

    /// <summary>The side reparsed with each such argument cut to its first factor (bracketed); unchanged when there is none.</summary>
    private static (ParseResult? Parsed, bool Changed) Narrowed(Operand side)
    {
        var applications = Applications(side);
        var text = side.Parsed.Text;
        var start = side.Node.Span.Start;
        var end = side.Node.Span.End;
        if (start < 0 || end > text.Length || start > end) return (null, false);
        var cuts = new List<(int At, string Insert)>();
        foreach (var fa in applications)
        {
            var first = NameBeforeBracket(fa.Arguments[0]) ?? ((ImplicitMultiplication)fa.Arguments[0]).Factors[0];
            if (first.Span.Start < start || first.Span.End > end) return (null, false);
            cuts.Add((first.Span.End, "\\right)"));
            cuts.Add((first.Span.Start, "\\left("));
        }
        var side_ = text.Substring(start, end - start);
        foreach (var (at, insert) in cuts.OrderByDescending(c => c.At))
            side_ = side_.Insert(at - start, insert);
        var reparsed = LatexParser.ParseExpression(side_);
        if (reparsed.HasErrors || reparsed.Expression is null) return (null, false);
        return (reparsed, cuts.Count > 0);
    }
}
