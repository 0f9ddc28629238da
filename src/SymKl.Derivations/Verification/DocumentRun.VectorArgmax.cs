using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// argmax_β f = argmax_β g (or argmin, or argmax f = argmin g) with β a vector: the objectives are read with vectors and
/// matrices (<see cref="MatrixStatement"/>), and the step holds when they have the same optimisers for a reason that can
/// be checked as an identity at every dimension: g = c·f with c free of β (c &gt; 0, or c &lt; 0 when one side is argmax
/// and the other argmin), or g is f with some of its terms dropped whose sum is free of β. Anything else is left open,
/// never refuted: the optimisers may coincide for other reasons, and SymKl does not search for them.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The most top-level terms of an objective whose subsets are tried as the terms a step drops.</summary>
    private const int MaxDroppedTerms = 5;

    /// <summary>True when the step was decided here: an argmax or argmin by a vector on each side.</summary>
    private bool VectorArgmaxStep(Operand left, Operand right, Func<Verdict, Verdict> record)
    {
        if (MatrixScope.Unwrap(left.Node) is not Operator { Name: "argmax" or "argmin", Under: { } lu } lo
            || MatrixScope.Unwrap(right.Node) is not Operator { Name: "argmax" or "argmin", Under: { } ru } ro) return false;
        if (MatrixScope.Unwrap(lu) is not Identifier lv || MatrixScope.Unwrap(ru) is not Identifier rv) return false;
        var variable = MatrixScope.Key(lv, left.Parsed);
        if (variable != MatrixScope.Key(rv, right.Parsed)) return false;
        var f = new Operand(MatrixScope.Unwrap(lo.Operand), left.Parsed, left.At);
        var g = new Operand(MatrixScope.Unwrap(ro.Operand), right.Parsed, right.At);
        if (MatrixStatement.Shapes(_matrices, f.Node, f.Parsed, g.Node, g.Parsed, _scope.HasSeen("T")) is not { Unreadable: null } shapes
            || shapes.ShapeOf(variable) is not { IsVector: true }) return false;
        // y_i = βᵀx_i + ε_i (the model, with the true β) read into argmax_β Σ(y_i − βᵀx_i)² would tie the data to the
        // variable optimised over: not compared.
        if ((DefinedThrough(f, variable) ?? DefinedThrough(g, variable)) is { } tied)
        {
            record(new Verdict(VerdictKind.Unsupported, tied + " has a formula in " + variable + ", the variable the " + lo.Name
                + " ranges over, so the objectives cannot be read with it; not compared", null, null, 0));
            return true;
        }
        var flipped = lo.Name != ro.Name;
        var optimisers = lo.Name == "argmax" ? "maximisers" : "minimisers";
        var by = new[] { variable };
        using var timeBudget = StepBudget.Open(options);
        try
        {
            // Each objective must change with β as read (one read as free of β would make every comparison below hold).
            foreach (var side in new[] { f, g })
                if (Check(side, side, (a, _) => (a, Prime(a, by))).Verdict.Kind != VerdictKind.Refuted)
                {
                    record(new Verdict(VerdictKind.Unsupported, "the objective " + side.Text + " does not read as changing with " + variable
                        + " (with vectors and matrices), so SymKl does not compare the " + optimisers, null, null, 0));
                    return true;
                }
            // g = c f: f(β) g(β′) = f(β′) g(β) (the ratio is free of β), and f/g has the sign the operators need.
            if (Multiple(f, g) is { } multiple)
            {
                record(new Verdict(VerdictKind.Confirmed, "the two objectives are " + (flipped ? "a negative" : "a positive") + " multiple of one another by a factor free of " + variable
                    + (flipped ? " (argmax f = argmin −c f)" : "") + ", so they have the same " + optimisers + " (their values are not compared): " + multiple.Reason,
                    null, null, multiple.PointsChecked));
                return true;
            }
            // g is f without some of its terms, whose sum does not depend on β, and perhaps times a factor free of β
            // (argmax {c − Σ r_i²} = argmin Σ r_i²).
            if (Terms(f.Node) is { Count: >= 2 and <= MaxDroppedTerms } terms)
            {
                for (var mask = 1; mask < (1 << terms.Count) - 1; mask++)
                {
                    var kept = new Operand(Combine(terms.Where((_, i) => (mask & (1 << i)) == 0).ToList()), f.Parsed, f.At);
                    var droppedSide = new Operand(Combine(terms.Where((_, i) => (mask & (1 << i)) != 0).ToList()), f.Parsed, f.At);
                    if (!NamesNoVector(droppedSide) && !Check(droppedSide, droppedSide, (a, _) => (a, Prime(a, by))).Verdict.Holds) continue;
                    var same = flipped ? null : Check(kept, g, null).Verdict;
                    var scaled = same is { Holds: true } ? null : Multiple(kept, g);
                    if (same is not { Holds: true } && scaled is null) continue;
                    var named = string.Join(" and ", terms.Where((_, i) => (mask & (1 << i)) != 0).Select(t => f.Parsed.GetText(t.Term.Span).Trim()));
                    var how = scaled is null ? "the left one without " + named : (flipped ? "a negative" : "a positive") + " multiple of the left one without " + named;
                    var check = scaled ?? same!;
                    record(new Verdict(VerdictKind.Confirmed, "the right objective is " + how
                        + ", which does not depend on " + variable + ", so they have the same " + optimisers + " (their values are not compared): " + check.Reason,
                        null, null, check.PointsChecked));
                    return true;
                }
            }
            record(new Verdict(VerdictKind.Unsupported, "the two objectives are neither " + (flipped ? "a negative" : "a positive") + " multiple of one another nor "
                + "one the other without terms free of " + variable + " (checked with vectors and matrices), so SymKl cannot tell whether they have the same " + optimisers
                + "; it does not search for them", null, null, 0));
            return true;
        }
        catch (OperationCanceledException) when (StepBudget.Stopped(timeBudget))
        {
            record(new Verdict(VerdictKind.Unsupported, StepBudget.Exceeded(timeBudget, options), null, null, 0));
            return true;
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException or BudgetExceededException or InsufficientExecutionStackException)
        {
            record(new Verdict(VerdictKind.Unsupported, "with vectors and matrices: internal limitation: " + ex.Message, null, null, 0));
            return true;
        }

        // A term with no vector or matrix in it, nor a name the document defines in them (z_i = wᵀx_i): free of β as written.
        bool NamesNoVector(Operand side)
        {
            if (MatrixStatement.Shapes(_matrices, side.Node, side.Parsed, side.Node, side.Parsed, _scope.HasSeen("T")) is not null) return false;
            var vectorNames = false;
            MatrixScope.Visit(side.Node, n =>
            {
                if (n is Identifier id && MatrixScope.Key(id, side.Parsed) is var key
                    && (_matrices.ScalarDefinitions.ContainsKey(key) || _matrices.Definitions.ContainsKey(key) || _matrices.RandomDefinitions.ContainsKey(key) || _scope.DefinesSymbol(MathBinder.SymbolName(id, side.Parsed))))
                    vectorNames = true;
            });
            return !vectorNames;
        }

        // b = c·a with c free of β and of the sign the operators need: the ratio check, then the sign check; null otherwise.
        Verdict? Multiple(Operand a, Operand b)
        {
            var ratio = Check(a, b, (x, y) => (Ex.Mul(x, Prime(y, by)), Ex.Mul(Prime(x, by), y)));
            if (!ratio.Verdict.Holds) return null;
            var sign = Check(a, b, (x, y) => (Ex.Div(x, y), flipped ? Ex.Neg(Ex.Abs(Ex.Div(x, y))) : Ex.Abs(Ex.Div(x, y))));
            return sign.Verdict.Holds ? ratio.Verdict : null;
        }

        MatrixStatement.Outcome Check(Operand a, Operand b, Func<Expr, Expr, (Expr, Expr)>? compare)
        {
            if (MatrixStatement.Shapes(_matrices, a.Node, a.Parsed, b.Node, b.Parsed, _scope.HasSeen("T")) is not { Unreadable: null } pair)
                return new MatrixStatement.Outcome(new Verdict(VerdictKind.Unsupported, "not read", null, null, 0), null, null) { Unread = true };
            return MatrixStatement.Check(pair, _matrices, _scope, a.Node, a.Parsed, Symbolic.Relation.Equal, b.Node, b.Parsed, options.Seed,
                timeBudget?.Token ?? default, options.StepTimeout, compare);
        }
    }

    /// <summary>A name in the objective whose formula in the document (through other formulas) mentions the variable; null when none.</summary>
    private string? DefinedThrough(Operand objective, string variable)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? Walk(SyntaxNode node, ParseResult parsed, int depth)
        {
            string? found = null;
            MatrixScope.Visit(node, n =>
            {
                if (found is not null || n is not Identifier id) return;
                var key = MatrixScope.Key(id, parsed);
                if (key == variable || !seen.Add(key)) return;
                foreach (var formulas in new[] { _matrices.ScalarDefinitions, _matrices.Definitions, _matrices.RandomDefinitions })
                {
                    if (!formulas.TryGetValue(key, out var definition)) continue;
                    if (Mentions(definition.Formula, definition.Parsed) || depth < 4 && Walk(definition.Formula, definition.Parsed, depth + 1) is not null)
                    {
                        found = parsed.GetText(id.Span).Trim();
                        return;
                    }
                }
            });
            return found;
        }
        bool Mentions(SyntaxNode node, ParseResult parsed)
        {
            var mentions = false;
            MatrixScope.Visit(node, n => mentions |= n is Identifier id && MatrixScope.Key(id, parsed) == variable);
            return mentions;
        }
        return Walk(objective.Node, objective.Parsed, 0);
    }

    /// <summary>The top-level terms of a sum with their signs (brackets around the whole or a term opened); null for one term.</summary>
    private static List<(SyntaxNode Term, bool Negative)>? Terms(SyntaxNode node)
    {
        var terms = new List<(SyntaxNode, bool)>();
        void Walk(SyntaxNode n, bool negative)
        {
            switch (MatrixScope.Unwrap(n))
            {
                case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
                    Walk(b.Left, negative);
                    Walk(b.Right, b.Operator == BinaryOperator.Subtract ? !negative : negative);
                    break;
                case var t:
                    terms.Add((t, negative));
                    break;
            }
        }
        Walk(node, false);
        return terms.Count < 2 ? null : terms;
    }

    /// <summary>The terms added back together as one expression (a − b + c).</summary>
    private static SyntaxNode Combine(IReadOnlyList<(SyntaxNode Term, bool Negative)> terms)
    {
        SyntaxNode Signed((SyntaxNode Term, bool Negative) t) => t.Negative ? new Unary(t.Term.Span, UnaryOperator.Negate, t.Term) : t.Term;
        var total = Signed(terms[0]);
        for (var i = 1; i < terms.Count; i++)
        {
            var span = TextSpan.FromBounds(Math.Min(total.Span.Start, terms[i].Term.Span.Start), Math.Max(total.Span.End, terms[i].Term.Span.End));
            total = new Binary(span, terms[i].Negative ? BinaryOperator.Subtract : BinaryOperator.Add, total, terms[i].Term, terms[i].Negative ? "-" : "+");
        }
        return total;
    }
}
