using System.Text.RegularExpressions;
using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "∂J/∂p(x) = −ln p(x) − 1 + λ₀ = 0, which gives p(x) = e^{λ₀ − 1}": a chain that ends by setting a derivative to zero
/// (or a lone "0 = …" after words that set a derivative to zero) states the stationarity equation the text solves. The
/// next statement, when the words before it draw a result ("gives", "so", "solving the equation leads to") or when it
/// follows the equation with no words at all, is read as its consequence: checked against that equation instead of being
/// skipped as a new definition of p. It is refuted only when the equation alone fixes the value it states: the name occurs
/// in it once, linearly or under a logarithm (so exactly one value solves it), and the value stated uses only the
/// equation's own symbols (a renamed constant C or a substituted normalisation brings in what the equation does not say).
/// The equation is noted whatever its own verdict (an equation in unknowns is withheld, never refuted).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The latest stationarity equation: its sides, section, line and the block that wrote it.</summary>
    private readonly record struct StationaryEquation(Expr Lhs, Expr Rhs, int Section, int Line, MathBlock? Block, string Text);

    private StationaryEquation? _stationary;

    /// <summary>The stationarity equation taken as the only premise of the block being read (null when none).</summary>
    private (Expr Lhs, Expr Rhs)? _stationaryPremise;

    /// <summary>Vector or matrix notation, where a name solved for is not one number (∇_w L = Xᵀ(Xw − y) = 0).</summary>
    private static readonly Regex VectorNotation = new(@"\\mathbf|\\boldsymbol|\\bm\b|\\vec|\\nabla|\^\{?\s*(T|\\top|\\intercal)\b|\\operatorname\{(tr|diag)", RegexOptions.CultureInvariant);

    /// <summary>
    /// Remembers "E = 0" (or "0 = E") as the equation being solved when the chain's head is a derivative (∂, δ, d/dx, f'), or
    /// when the words before the math set a derivative to zero ("setting the first derivative to zero, we have $$0 = …$$").
    /// </summary>
    private void NoteStationary(Operand left, RelationOperator op, Operand right, (Expr Lhs, Expr Rhs)? sides, int line)
    {
        if (options.ClaimsOnly || sides is not { } read || op.Kind != RelationKind.Equal || op.Negated || _block is not { } block) return;
        var zeroRight = right.Node is Number { Text: "0" };
        var zeroLeft = left.Node is Number { Text: "0" };
        if (zeroRight == zeroLeft) return;
        var head = _chainHead;
        var derivativeHead = head is not null && head.Node is not Number && (ComputedDerivative(head.Node) || WritesDerivative(head.Text) || head.Text.Contains("\\delta", StringComparison.Ordinal));
        var setWords = SetToZeroWords.IsMatch(block.SentenceBefore) || SetToZeroWords.IsMatch(block.ProseBefore);
        // A display whose first row SymKl could not read (δ/δp(x) 𝓛(p(·), λ₁) &= … \ &\overset{!}{=} 0): the derivative is still written in it.
        var derivativeDisplay = block.IsDisplay && (WritesDerivative(block.Text) || block.Text.Contains("\\frac{\\delta", StringComparison.Ordinal));
        // "∂𝓛/∂p = 0, −1 − log p + λ = 0, p = e^{λ−1}": an equation shown to solve the stationarity equation before it
        // restates that equation, so the display after it may solve it in turn.
        var restated = ReferenceEquals(_restatesStationary, block);
        if (!derivativeHead && !setWords && !derivativeDisplay && !restated) return;
        var text = (head?.Text ?? string.Empty) + " " + left.Text + " " + right.Text;
        _stationary = new StationaryEquation(read.Lhs, read.Rhs, _section, line, block, text);
    }

    /// <summary>
    /// At the start of a block: the stationarity equation becomes its premise when nothing was recorded since it (in this
    /// section), no other equations are being solved, the block states a relation, and the words before it draw a result
    /// or solve (or there are none: a display right after the equation).
    /// </summary>
    private void TakeStationary(MathBlock block)
    {
        _stationaryPremise = null;
        if (_stationary is not { } pending || ReferenceEquals(block, pending.Block)) return;
        // "… an expression for $p(x)$ as $$p(x) = …$$": math that states no relation names what follows; it does not use the equation up.
        if (!StatesRelation(block.Text)) return;
        _stationary = null;
        if (options.ClaimsOnly || pending.Section != _section || _premises.Count > 0 || _zeroCue is not null || Steps.Count == 0 || Steps[^1].RhsStart.Line != pending.Line) return;
        var cue = RoleCues.FindInSentence(block.ProseBefore, block.SentenceBefore);
        var draws = cue.Kind is CueKind.Implication or CueKind.Solving || RoleCues.MentionsResult(block.SentenceBefore)
            || block.FollowsMath && !block.ProseBefore.Any(char.IsLetterOrDigit);
        if (!draws || cue.Kind is CueKind.Definition or CueKind.Hypothesis) return;
        _stationaryPremise = (pending.Lhs, pending.Rhs);
        _stationaryText = pending.Text;
        _stationaryLine = pending.Line;
    }

    private int _stationaryLine;

    /// <summary>The block whose first link was confirmed to solve the stationarity equation (its own "… = 0" restates that equation).</summary>
    private MathBlock? _restatesStationary;

    /// <summary>Words that solve and then draw the result: "solving the equation leads to", "solving for p, we get".</summary>
    private static readonly Regex SolvingGives = new(@"\bsolv\w*\b.*\b(gives?|giving|yields?|leads?\s+to|results?\s+in|we\s+(get|obtain|have|find))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private bool ResultOfSolving(MathBlock block) => _stationaryPremise is not null && (SolvingGives.IsMatch(block.ProseBefore) || SolvingGives.IsMatch(block.SentenceBefore));

    /// <summary>
    /// The first link of the block taken with the stationarity equation, checked as its consequence with that equation as
    /// the only premise (the equations being solved otherwise are left as they were: the statement is read as before, and
    /// this verdict replaces an undecided one). Null when there is no such equation or the link cannot be read.
    /// </summary>
    private Verdict? StationaryConsequence(List<Operand> operands, List<RelationOperator> operators, ParseResult parsed, Cue cue)
    {
        if (_stationaryPremise is not { } premise) return null;
        _stationaryPremise = null;
        if (operators.Count == 0 || operators[0] is not { Kind: RelationKind.Equal, Negated: false } || operands[0].Parsed != parsed || IsArrow(operators[0])) return null;
        if (Bound(operands[0], operands[1]) is not { } stated) return null;
        var (lhs, rhs) = stated;
        var statement = operands[0].Text + " " + operands[1].Text;
        var refutable = SolvedFromStationary(premise, lhs, rhs, statement);
        var saved = _premises.ToList();
        _premises.Clear();
        _premises.Add(premise);
        try
        {
            var cueText = cue.Text.Length > 0 ? cue.Text : (_block?.ProseBefore ?? string.Empty).Trim(' ', ';', ',', ':');
            var verdict = CheckImplicationAgainstPremises(lhs, rhs, refutable, cueText);
            // p(x) a function an earlier section defined: held as an unknown number, which may confirm but never refute.
            if (verdict.Reason == ImplicationChecker.NotAlgebra)
                verdict = ImplicationChecker.CheckWithTermsHeld(_premises, lhs, rhs, _scope.Assumptions, cueText, options.Seed, _scope.Context.IsKnownFunction);
            // No points with every λ positive by convention: again with the multipliers of any sign, only ever to confirm.
            if (verdict.Reason is ImplicationChecker.NoPoints or ImplicationChecker.TooFewPoints && Multipliers(_premises, lhs, rhs) is { } relaxed
                && ImplicationChecker.Check(_premises, lhs, rhs, relaxed, mayRefute: false, cueText, options.Seed, _scope.Context.IsKnownFunction) is { Kind: VerdictKind.Confirmed } asMultipliers)
                verdict = asMultipliers with { Reason = asMultipliers.Reason + ", with the multipliers λ of any sign (a Lagrange multiplier is not a rate)" };
            if (verdict.Kind == VerdictKind.Refuted && !refutable) return null;
            var from = "the stationarity equation on line " + _stationaryLine.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (verdict.Kind == VerdictKind.Confirmed) _restatesStationary = _block;
            return verdict.Kind switch
            {
                VerdictKind.Confirmed => verdict with { Reason = "it solves " + from + ": " + verdict.Reason },
                VerdictKind.Refuted => verdict with { Reason = "it does not solve " + from + ", which alone fixes its value: " + verdict.Reason },
                _ => null,
            };
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException or NotEvaluableException)
        {
            return null;
        }
        finally
        {
            _premises.Clear();
            _premises.AddRange(saved);
        }
    }

    /// <summary>Replaces the undecided verdict of the block's first statement (a definition skipped, an equation withheld) with the stationarity check.</summary>
    private void ApplyStationary(Verdict verdict, int index, Operand first)
    {
        if (index >= Steps.Count) return;
        var step = Steps[index];
        var at = first.At(first.Node.Span.Start);
        if (step.Start.Line != at.Line || step.Start.Column != at.Column) return;
        if (step.Verdict.Kind is not (VerdictKind.Skipped or VerdictKind.Unsupported)) return;
        if (step.Role is not (StatementRole.Definition or StatementRole.Implication or StatementRole.Step or StatementRole.Claim or StatementRole.Hypothesis)) return;
        Steps[index] = step with { Role = StatementRole.Implication, RoleCue = "solves the stationarity equation before it", Verdict = verdict };
    }

    private string _stationaryText = string.Empty;

    private static bool StatesRelation(string math) =>
        math.IndexOfAny(['=', '<', '>']) >= 0 || Regex.IsMatch(math, @"\\(le|ge|leq|geq|approx|propto|sim|equiv|neq)\b", RegexOptions.CultureInvariant);

    /// <summary>
    /// True when the stationarity equation fixes the value the statement gives: the statement's
    /// left side is a name (a symbol, or an undefined function at its argument) occurring in the equation once, linearly
    /// or under a logarithm, and its right side does not mention the name and uses only the equation's other symbols.
    /// </summary>
    private bool SolvedFromStationary((Expr Lhs, Expr Rhs) premise, Expr lhs, Expr rhs, string statement)
    {
        // log w_k = … fixes w_k as much as w_k = … does.
        if (lhs is Fn { Function: FunctionKind.Log, Args.Count: 1 } log && log.Arg is Sym or Apply) lhs = log.Arg;
        if (lhs is not (Sym or Apply) || lhs is Apply known && _scope.Context.IsKnownFunction(known.Name)) return false;
        if (VectorNotation.IsMatch(_stationaryText) || VectorNotation.IsMatch(statement)) return false;
        var equation = Ex.Sub(premise.Lhs, premise.Rhs);
        if (Occurrences(equation, lhs) != 1 || Traversal.Any(rhs, n => n.Equals(lhs)) || Traversal.Any(equation, n => n is BinderNode or Functional)
            || Traversal.Any(rhs, n => n is BinderNode or Functional)) return false;
        var own = Traversal.FreeSymbols(equation);
        if (!Traversal.FreeSymbols(rhs).All(own.Contains)) return false;
        var t = Ex.Sym("τ⟦stationary⟧");
        var inT = Ex.Map(equation, n => n.Equals(lhs) ? t : n);
        try
        {
            var slope = Differentiator.Derivative(inT, t);
            if (slope.IsZero) return false;
            // Linear in the name (a slope free of it), or under a logarithm alone (slope·name free of it).
            return !Traversal.FreeSymbols(slope).Contains(t) || !Traversal.FreeSymbols(Ex.Mul(slope, t)).Contains(t);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return false;
        }
    }

    private static int Occurrences(Expr e, Expr name)
    {
        if (e.Equals(name)) return 1;
        var count = 0;
        foreach (var child in e.Children) count += Occurrences(child, name);
        return count;
    }
}
