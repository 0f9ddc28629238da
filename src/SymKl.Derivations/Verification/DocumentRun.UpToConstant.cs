using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Vector statements that hold up to something free of a variable: "−½(x−μ)ᵀA(x−μ) = −½xᵀAx + μᵀAx + const" (the sides
/// differ by a term free of x) and "p(x) ∝ exp(−½xᵀAx + bᵀx)" (their ratio is free of x). Each instance of
/// <see cref="MatrixStatement"/> then compares D(x) with D(x′), x′ a second copy of the variable's components (D the
/// difference, or the cross products A(x)B(x′) and A(x′)B(x)). Which variable: the chain head's (p(x) ∝ …), otherwise
/// the vectors the document draws or writes densities of (p(x; μ, Σ), 𝒩(x | …)); with neither, the statement holds when
/// D is free of every vector it uses and fails when D depends on each of them; in between the reading is open.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The first arguments of p(…), q(…), 𝒩(…) anywhere in the document so far (matrix keys): its density variables.</summary>
    private readonly HashSet<string> _densityVariables = new(StringComparer.Ordinal);

    private void NoteDensityVariables(SyntaxNode node, ParseResult parsed) => MatrixScope.Visit(node, n =>
    {
        // p(x), p(x | y), q(z; θ): the first argument; 𝒩(x; μ, Σ) or 𝒩(x | μ, Σ) only with the bar (𝒩(μ, Σ) names no variable).
        if (n is Call { Callee: Identifier { Name: "p" or "q" or "P" or "N" } f, Arguments: [var first, ..] } call && f.Primes == 0 && MatrixScope.Unwrap(first) is Identifier variable
            && (f.Name != "N" || call.Separators.Count > 0 && call.Separators[0].Text is ";" or "|" or "\\mid"))
            _densityVariables.Add(MatrixScope.Key(variable, parsed));
    });

    /// <summary>"+ const", "+ \text{const.}", "+ \mathrm{constant}", "+ C": the last term of a side, when it names no quantity of the statement.</summary>
    private Operand? WithoutConstant(Operand side, Operand other)
    {
        if (MatrixScope.Unwrap(side.Node) is not Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } sum) return null;
        var text = System.Text.RegularExpressions.Regex.Replace(side.Parsed.GetText(sum.Right.Span), @"\\(text|mathrm|textrm|operatorname|mathit)|[{}.\s]|\\[,;!]", "");
        var word = text is "const" or "constant" or "cst" or "Const";
        if (!word && !(text is "C" or "c" && sum.Right is Identifier letter && !Mentions(other.Node, letter, side.Parsed) && !Mentions(sum.Left, letter, side.Parsed)
            && !_scope.DefinesSymbol(MathBinder.SymbolName(letter, side.Parsed)) && !_scope.HasSeen(MathBinder.SymbolName(letter, side.Parsed)) && !_matrices.Shapes.ContainsKey(MatrixScope.Key(letter, side.Parsed))))
            return null;
        return new Operand(sum.Left, side.Parsed, side.At);
    }

    /// <summary>True when the step was decided here: an equation of vectors with an additive constant on one side.</summary>
    private bool UpToConstantStep(Operand left, Operand right, Func<Verdict, Verdict> record)
    {
        var (l, r) = (left, right);
        if (WithoutConstant(right, left) is { } strippedRight) r = strippedRight;
        else if (WithoutConstant(left, right) is { } strippedLeft) l = strippedLeft;
        else return false;
        if (MatrixStatement.Shapes(_matrices, l.Node, l.Parsed, r.Node, r.Parsed, _scope.HasSeen("T")) is not { Unreadable: null } shapes) return false;
        var verdict = FreeOfVariable(_chainHead ?? left, l, r, shapes, proportional: false);
        // Not readable with vectors (a density applied through its scalar definition): the scalar reading of a named constant decides.
        if (verdict is null || verdict.Kind == VerdictKind.Unsupported && verdict.Reason.StartsWith("cannot read", StringComparison.Ordinal)) return false;
        record(verdict);
        return true;
    }

    /// <summary>A ∝ B with vectors or matrices; null when the statement is scalar or cannot be read with them (the scalar reading then).</summary>
    private Verdict? MatrixProportional(Operand head, Operand left, Operand right)
    {
        if (MatrixStatement.Shapes(_matrices, left.Node, left.Parsed, right.Node, right.Parsed, _scope.HasSeen("T")) is not { Unreadable: null } shapes) return null;
        // The scalar reading observes the names of sides it can bind (T read as a power then counts as a scalar later on): so here too.
        if (MathBinder.Bind(left.Node, left.Parsed, _scope).Value is { } l && MathBinder.Bind(right.Node, right.Parsed, _scope).Value is { } r)
        {
            _scope.Observe(l);
            _scope.Observe(r);
        }
        return FreeOfVariable(head, left, right, shapes, proportional: true);
    }

    private Verdict? FreeOfVariable(Operand head, Operand left, Operand right, StatementShapes shapes, bool proportional)
    {
        var vectors = new List<string>();
        foreach (var side in new[] { left, right })
            MatrixScope.Visit(side.Node, n =>
            {
                if (n is Identifier id && MatrixScope.Key(id, side.Parsed) is var key && shapes.ShapeOf(key) is { IsVector: true } && !vectors.Contains(key)) vectors.Add(key);
            });
        if (vectors.Count == 0) return null;
        var named = HeadVariables(head)?.Select(v => MatrixScope.Key(v.Node, head.Parsed)).Where(vectors.Contains).ToList() ?? [];
        var drawn = vectors.Where(v => _densityVariables.Contains(v) || IsRandomName(v) || _matrices.Gaussians.TryGetValue(v, out var g) && g.Variable == v).ToList();
        var what = proportional ? "the ratio of the two sides" : "the difference of the two sides (without the constant)";
        using var timeBudget = StepBudget.Open(options);
        try
        {
            if (named.Count > 0 || drawn.Count > 0)
            {
                var variables = named.Count > 0 ? named : drawn;
                var (verdict, outcome) = Free(variables);
                if (verdict.Kind == VerdictKind.Refuted && named.Count == 0 && variables.Count > 1 && Holding(variables) is { Count: > 0 } holding)
                    return Open(variables, holding, verdict);
                return Described(verdict, outcome, variables);
            }
            var (all, allOutcome) = Free(vectors);
            if (all.Kind != VerdictKind.Refuted) return Described(all, allOutcome, vectors);
            // No variable named: a mistake only if it is one in whichever vector the text means.
            if (vectors.Count > 1 && Holding(vectors) is { Count: > 0 } free) return Open(vectors, free, all);
            return Described(all, allOutcome, vectors);
        }
        catch (OperationCanceledException) when (StepBudget.Stopped(timeBudget))
        {
            return new Verdict(VerdictKind.Unsupported, StepBudget.Exceeded(timeBudget, options), null, null, 0);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException or BudgetExceededException or InsufficientExecutionStackException)
        {
            return new Verdict(VerdictKind.Unsupported, "with vectors and matrices: internal limitation: " + ex.Message, null, null, 0);
        }

        (Verdict Verdict, MatrixStatement.Outcome Outcome) Free(IReadOnlyList<string> variables)
        {
            var outcome = MatrixStatement.Check(shapes, _matrices, _scope, left.Node, left.Parsed, Symbolic.Relation.Equal, right.Node, right.Parsed, options.Seed,
                timeBudget?.Token ?? default, options.StepTimeout, (a, b) => proportional ? ProportionalPair(a, b, e => Prime(e, variables)) : (Ex.Sub(a, b), Prime(Ex.Sub(a, b), variables)));
            var verdict = outcome.Verdict;
            if (verdict.Kind == VerdictKind.Refuted && outcome.InstanceLhs is { } il && outcome.InstanceRhs is { } ir) verdict = Review(Sound(verdict, il, ir), left, right, shapes);
            return (verdict, outcome);
        }

        Verdict? Described(Verdict verdict, MatrixStatement.Outcome outcome, IReadOnlyList<string> variables)
        {
            var of = string.Join(", ", variables);
            if (outcome.Unread) return proportional ? null : verdict;
            return verdict.Kind switch
            {
                VerdictKind.Proved or VerdictKind.Confirmed => verdict with { Reason = what + " does not depend on " + of + " (compared at two values of " + of + "): " + verdict.Reason },
                VerdictKind.Refuted => verdict with { Reason = what + " changes with " + of + " (compared at two values of " + of + ", the second primed): " + verdict.Reason },
                _ => verdict with { Reason = "whether " + what + " depends on " + of + " was not decided: " + verdict.Reason },
            };
        }

        // The vectors in each of which alone the statement holds (each one checked once).
        List<string> Holding(IReadOnlyList<string> variables) => [.. variables.Where(v => Free([v]).Verdict.Holds)];

        Verdict Open(IReadOnlyList<string> variables, IReadOnlyList<string> holds, Verdict failed)
        {
            return new Verdict(VerdictKind.Unsupported, what + " does not depend on " + string.Join(", ", holds) + " but changes with " + string.Join(", ", variables.Except(holds))
                + ", and the text does not say in which variable it means the statement; not refuted (" + failed.Reason + ")", failed.Residue, null, failed.PointsChecked);
        }
    }

    /// <summary>
    /// uᵢᵀuⱼ = 0, vᵀv = 1, QᵀQ = I standing alone (not a link of a chain): a constant against an expression in names the
    /// document never defines nor draws. The names are then particular objects the statement describes. Returns the names, or null.
    /// </summary>
    private string? ConditionOnNamedObjects(Operand constant, Operand expression)
    {
        // "x₁ ⊥ x₂ ⇔ x₁ᵀx₂ = x₂ᵀx₁ = 0": the link that ends a chain in the constant states the property as much as a lone one.
        if (_place == StatementPlace.ChainLink && !EndsItsChain(constant) || constant.Parsed != expression.Parsed) return null;
        if (MatrixScope.Unwrap(constant.Node) is not (Number or Identifier { Name: "I", Subscript: null } or Identifier { Name: "0" })) return null;
        var names = new List<string>();
        var open = true;
        var indices = new HashSet<SyntaxNode>();
        MatrixScope.Visit(expression.Node, n => { if (n is Identifier { Subscript: { } index }) MatrixScope.Visit(index, i => indices.Add(i)); });
        // σ(…) with σ a function the document defines (σ(wᵀx) = 1/(1 + e^{−wᵀx})) is that function, not a name left open.
        MatrixScope.Visit(expression.Node, n => { if (n is Call { Callee: Identifier callee } && _scope.IsDefinedFunction(MathBinder.FunctionName(callee, expression.Parsed))) indices.Add(callee); });
        MatrixScope.Visit(expression.Node, n =>
        {
            if (n is not Identifier id || indices.Contains(id) || StatementShapes.IsTransposeMarker(id) || StatementShapes.IsT(id) || StatementShapes.IsIdentity(id)) return;
            var key = MatrixScope.Key(id, expression.Parsed);
            var name = MathBinder.SymbolName(id, expression.Parsed);
            if (_scope.DefinesSymbol(name) || _matrices.Definitions.ContainsKey(key) || _matrices.Gaussians.ContainsKey(key) || IsRandomName(key)) open = false;
            else if (!names.Contains(key)) names.Add(key);
        });
        return open && names.Count > 0 ? string.Join(", ", names) : null;
    }

    /// <summary>The operand is the last of its chain: nothing but spacing, punctuation or words follows it before the row ends.</summary>
    private static bool EndsItsChain(Operand operand)
    {
        var text = operand.Parsed.Text;
        var end = operand.Node.Span.End;
        if (end < 0 || end > text.Length) return false;
        var rest = text.Substring(end);
        var row = rest.IndexOf("\\", StringComparison.Ordinal);
        if (row >= 0) rest = rest.Substring(0, row);
        rest = System.Text.RegularExpressions.Regex.Replace(rest, @"\\(?:text|mathrm|textrm)\{[^{}]*\}", " ");
        return !System.Text.RegularExpressions.Regex.IsMatch(rest, @"[=<>]|\\(?:le|ge|leq|geq|neq|ne|approx|equiv|sim|propto|Leftrightarrow|Rightarrow|iff|implies)(?![A-Za-z])");
    }

    /// <summary>The expression with each component x[i] of the named vectors replaced by a second copy x′[i].</summary>
    private static Expr Prime(Expr e, IReadOnlyList<string> vectors)
    {
        var map = new Dictionary<Sym, Expr>();
        foreach (var s in Traversal.FreeSymbols(e))
            if (vectors.Any(v => s.Name.StartsWith(v + "[", StringComparison.Ordinal)))
                map[s] = Ex.Sym(s.Name.Replace("[", "′["));
        return map.Count == 0 ? e : Traversal.Substitute(e, map);
    }
}
