using System.Globalization;
using SymKl.Derivations.Checking;
using SymKl.Derivations.Numerics;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Worked solutions without words: "$$1 = 2\lambda_1\sigma^2$$ $$\lambda_1 = \frac{1}{2\sigma^2}$$". Each display
/// fails as an identity (λ₁ is an unknown), so on its own it is unsupported. The equations SymKl read that way are
/// the ones the text is working with; a later lone equation that follows from them (every admissible point where they
/// hold satisfies it) is confirmed as their consequence. Not refuted for failing to follow: with no words to say so, a
/// display may equally start a new equation (a second constraint of a system), which need not follow. Only a display
/// that gives the quantity of the display before it a value that can never agree with that one is refuted.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>How many of the latest working equations a consequence is checked against (older ones belong to other steps).</summary>
    private const int WorkingWindow = 6;

    /// <summary>How many of the latest equations alone are tried when all of them together have no common solution SymKl finds.</summary>
    private const int SuffixAttempts = 2;

    /// <param name="Followed">False when its own check found points on the equations before it where it fails: a new
    /// equation of the system, or a mistake (a typo) that leaves the later equations with no common solution.</param>
    private readonly record struct WorkingEquation(Expr Lhs, Expr Rhs, int Line, bool Followed);

    private readonly List<WorkingEquation> _working = [];

    /// <summary>The line of the latest heading of any level, and of the latest of level 1 or 2 (a derivation of its own); 0 before any.</summary>
    private int SectionLine => _frames.Count > 0 ? _frames[^1].Line : 0;

    private int DerivationLine => _frames.LastOrDefault(f => f.Level <= 2)?.Line ?? 0;

    /// <summary>Checks a lone equation that failed as an identity against the working equations and remembers it as one of them.</summary>
    /// <param name="rewrite">A later link of a chain: a rewrite claimed for all values. One that does not follow from the
    /// equations before it is in doubt and never becomes a premise (a wrong exponent would make its restatement "follow").</param>
    /// <param name="refutable">A rewrite withheld only because its symbols are unknowns of the equations: one that those
    /// equations refute as well (they hold and it fails at generic points) is wrong under either reading.</param>
    private Verdict? FollowsFromWorking(Expr lhs, Expr rhs, int line, bool rewrite = false, bool refutable = false)
    {
        // The text's functions written out as defined now (p(x) = e^{1 − λ₀}), inside integrals too (∫ p(x) dx = 1 is an
        // equation in λ₀): a later definition does not change an earlier equation.
        (lhs, rhs) = (Counted(Written(lhs)), Counted(Written(rhs)));
        var previous = _working.Count > 0 ? _working[^1] : (WorkingEquation?)null;
        var verdict = Consequence(lhs, rhs, out var followed, out var refutation);
        if (!rewrite && verdict is not { Kind: VerdictKind.Confirmed } && refutation is null && LatestEquation() is { } last && Rearranged(last, lhs, rhs) is { } rearranged)
        {
            verdict = rearranged;
            followed = true;
        }
        if (!(verdict?.Holds ?? false) && previous is { } before && Contradicts(before, lhs, rhs) is { } contradiction)
        {
            verdict = contradiction;
            followed = false;
        }
        if (rewrite && !followed) return refutable && verdict is null && refutation is { } wrong ? wrong : verdict;
        // A lone display that fails where the equations before it hold, when those already determine its unknowns: no new
        // equation of the system (it would pin the data), so it is wrong. Still one of the working equations, not followed.
        if (!rewrite && verdict is null && refutation is { } contradicts && _determined is { } determined)
        {
            _working.Add(new WorkingEquation(lhs, rhs, line, Followed: false));
            if (_working.Count > WorkingWindow) Retire(_working[0]);
            return contradicts with { Reason = contradicts.Reason + ", and they already determine " + determined };
        }
        // The same with the equations of this section alone, when older ones (another subsection's) kept the check above from
        // deciding: those of this section determine its unknowns, so nothing said earlier can make it hold.
        if (!rewrite && !(verdict?.Holds ?? false) && refutation is null && SectionDetermined(lhs, rhs) is { } bySection)
        {
            _working.Add(new WorkingEquation(lhs, rhs, line, Followed: false));
            if (_working.Count > WorkingWindow) Retire(_working[0]);
            return bySection;
        }
        // x_0 = (x_t − (1 − ᾱ_t) ε)/√ᾱ_t with ε drawn from 𝒩(0, I): a statement about one draw, not an equation in unknowns
        // (ε is no unknown); one not confirmed to follow is no new equation of a system, and never a premise.
        if (!(verdict?.Holds ?? false) && RandomSymbols(lhs).Union(RandomSymbols(rhs)).Any(IsDrawnNoise)) return verdict;
        _working.Add(new WorkingEquation(lhs, rhs, line, followed));
        if (_working.Count > WorkingWindow) Retire(_working[0]);
        return verdict;
    }

    /// <summary>
    /// "σ² = X" and, in the next display with no words between, "σ² = Y": the text gives one quantity two values, so it
    /// claims X = Y. When X = Y has no solution at all (one side exceeds the other at every point, whatever the values of
    /// the unknowns), the second display is wrong under every reading, a new equation of the system included (the two
    /// could never hold together). The one case where a working equation is refuted. The quantity may be written two
    /// ways ("∫₀^∞ e^{−λx} dx = e^{μ}" then "1/λ = e^{μ+2}"): sides equal wherever the earlier one has a value (and it has
    /// one wherever its equation holds) are one quantity. Never against an equation that was itself contradicted (the
    /// later display may be its correction).
    /// </summary>
    private Verdict? Contradicts(WorkingEquation before, Expr lhs, Expr rhs)
    {
        // "Whatever the unknowns are" means every sign: a Lagrange multiplier λ is not a rate, so no positivity by convention.
        if (_block is not { FollowsMath: true } || !before.Followed) return null;
        foreach (var (shared, was) in new[] { (before.Lhs, before.Rhs), (before.Rhs, before.Lhs) })
        {
            if (Traversal.FreeSymbols(shared).Count == 0) continue;
            foreach (var (same, now) in new[] { (lhs, rhs), (rhs, lhs) })
            {
                if (now.Equals(was) || !OneQuantity(shared, same) || !ClaimReading.NoSolution(was, now, SignsThatMatter(was, now), _scope.Context, options.Seed)) continue;
                var written = shared.Equals(same) ? LatexPrinter.Print(shared) : LatexPrinter.Print(same) + " (that is, " + LatexPrinter.Print(shared) + ")";
                return new Verdict(VerdictKind.Refuted,
                    "it gives " + written + " another value than the display just before it (line " + before.Line.ToString(CultureInfo.InvariantCulture) +
                    "), and the two values differ whatever the unknowns are: " + LatexPrinter.Print(was) + " = " + LatexPrinter.Print(now) + " has no solution", null, null, 0);
            }
        }
        return null;
    }

    /// <summary>
    /// Assumptions for "whatever the unknowns are": no positivity by convention (a Lagrange multiplier λ is not a rate),
    /// except for a conventionally positive symbol inside an integral, where its sign decides whether the integral exists
    /// (∫ e^{−λx²} dx): where the integral diverges the equation giving its value cannot hold either.
    /// </summary>
    private Assumptions SignsThatMatter(Expr was, Expr now)
    {
        var assumptions = _scope.Assumptions.WithoutConventions();
        foreach (var side in new[] { was, now })
            Traversal.Any(side, n =>
            {
                if (n is not Integral integral) return false;
                foreach (var s in Traversal.FreeSymbols(integral.Body))
                    if (_scope.Assumptions.DomainOf(s) == Domain.Positive && assumptions.DomainOf(s) != Domain.Positive)
                        assumptions = assumptions.With(s.Name, Domain.Positive);
                return false;
            });
        return assumptions;
    }

    /// <summary>
    /// The same quantity: the same expression, or two with symbols that are equal at every point where both have a value
    /// (∫₀^∞ e^{−λx} dx and 1/λ). A side without symbols (0, 1) is the value of many equations, not a shared quantity.
    /// </summary>
    private bool OneQuantity(Expr a, Expr b)
    {
        if (a.Equals(b)) return true;
        if (Traversal.FreeSymbols(b).Count == 0) return false;
        try
        {
            return StepChecker.Check(a, Symbolic.Relation.Equal, b, _scope.Assumptions, _scope.Context, options.Seed).Holds;
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return false;
        }
    }

    /// <summary>
    /// Σ_{i=1}^{N} e^{−1−λ} as N·e^{−1−λ}: a sum with both limits whose summand mentions neither its index nor a value
    /// indexed by it (p_i) is that many copies of the summand, b − a + 1 of them from a to b. Once the solved value is put
    /// in a constraint ("Σ_i p_i = 1" with p_i = e^{−1−λ}), the constraint is an algebraic equation in λ and N.
    /// </summary>
    private static Expr Counted(Expr e) => Ex.Map(e, x =>
        x is Summation { Lower: { } lower, Upper: { } upper } sum && !Traversal.FreeSymbols(sum.Body).Contains(sum.Variable)
            && IndexedSums.IndexedBy(sum.Body, sum.Variable.Name) is null && !Traversal.Any(sum.Body, y => y is BinderNode or Apply or Functional)
            && !Traversal.FreeSymbols(lower).Contains(sum.Variable) && !Traversal.FreeSymbols(upper).Contains(sum.Variable)
            ? Ex.Mul(Ex.Add(Ex.Sub(upper, lower), Ex.One), sum.Body)
            : x);

    private Expr Written(Expr e) => Calculus.Instantiate(Calculus.ApplyDefinitions(e, _scope.Context), _scope.Context);

    /// <summary>
    /// "θ^* = \frac{a}{a + b}" or "\hat{\lambda} = …" in a display after equations in θ (λ): a fresh name for the estimate
    /// of an unknown of the working equations, given its value. It defines the name, and it says the value solves them;
    /// the sides, read before the definition takes effect, for checking the latter (only ever confirmed).
    /// </summary>
    private (Expr Lhs, Expr Rhs)? EstimateOfWorkingUnknown(Operand left, Operand right, Latex.Syntax.RelationOperator op)
    {
        if (_working.Count == 0 || _block is not { IsDisplay: true } || op.Kind != Latex.Syntax.RelationKind.Equal || left.Node is not Latex.Syntax.Identifier id) return null;
        var name = MathBinder.SymbolName(id, left.Parsed);
        if (EstimatedName(name) is not { } unknown) return null;
        var symbol = Ex.Sym(unknown);
        if (!_working.Any(w => Traversal.FreeSymbols(w.Lhs).Contains(symbol) || Traversal.FreeSymbols(w.Rhs).Contains(symbol))) return null;
        var value = MathBinder.Bind(right.Node, right.Parsed, _scope).Value;
        return value is null ? null : (Ex.Sym(name), _scope.SubstituteSymbols(value));
    }

    /// <summary>
    /// "Solving for μ, we get \hat{\mu} = \frac{1}{n}\sum_i x_i", confirmed as a consequence of the equations: from here on
    /// the estimate has that value (E[\hat{\mu}] is then the expectation of the sample mean). Only a name of an estimate
    /// (μ̂, θ^*, σ_{MLE}) the document has not given a value, and a value that does not mention it.
    /// </summary>
    private void NameSolvedEstimate(Expr lhs, Expr rhs, int line)
    {
        // \hat{σ}^2 = \frac{1}{n} Σ_i (x_i − \hat{μ})²: the estimate of a scale (positive by convention) given by its square,
        // so the estimate itself is the root (σ̂ ≥ 0, as the scale it estimates), and σ̂² reads back as the value stated.
        if (lhs is Pow { Base: Sym scale, Exponent: var two } && two.Equals(Ex.Num(2)) && EstimatedName(scale.Name) is { } scaled
            && Symbolic.Assumptions.PositiveByConvention.Contains(Ex.Sym(scaled).BaseName, StringComparer.Ordinal))
            (lhs, rhs) = (scale, Ex.Sqrt(rhs));
        if (lhs is not Sym estimate || EstimatedName(estimate.Name) is null || _scope.DefinesSymbol(estimate.Name) || Traversal.FreeSymbols(rhs).Contains(estimate)) return;
        _scope.DefineSymbol(estimate.Name, rhs);
        Definitions.Add(new DefinitionInfo(new FilePosition(line, 1), estimate.Name, LatexPrinter.Print(rhs), "estimate (the solution the text states, confirmed)"));
    }

    /// <summary>
    /// H(Y) = formula in a display, with Y a random variable the document gives no law: the measure is an unknown value of
    /// the text (an opaque term), and the equation one the text works with. Null when either side cannot be read.
    /// </summary>
    private (Expr Lhs, Expr Rhs)? OperatorValue(Operand left, Latex.Syntax.RelationOperator op, Operand right)
    {
        if (op.Kind != Latex.Syntax.RelationKind.Equal || left.Node is not Latex.Syntax.Call) return null;
        var l = MathBinder.Bind(left.Node, left.Parsed, _scope).Value;
        var r = MathBinder.Bind(right.Node, right.Parsed, _scope).Value;
        if (l is null || r is null) return null;
        // H(Y) of a variable with no law binds to the entropy functional: one unknown value, named by how it prints.
        if (l is Functional or Apply)
        {
            var measure = l;
            var named = Ex.Sym("⟦" + LatexPrinter.Print(measure) + "⟧");
            (l, r) = (named, Ex.Map(r, n => n.Equals(measure) ? named : n));
        }
        if (l is not Sym opaque || Traversal.FreeSymbols(r).Contains(opaque) || Traversal.Any(r, n => n is Functional)) return null;
        return (l, _scope.SubstituteSymbols(r));
    }

    private Verdict? Consequence(Expr lhs, Expr rhs, out bool followed, out Verdict? refutation)
    {
        followed = true;
        refutation = null;
        // Algebra only: dropping a premise SymKl cannot solve (an integral) only weakens what may be concluded.
        // A symbol set to a number names a case (n = 2), which a general claim after it need not be about.
        var premises = _working.Where(w => Algebraic(w.Lhs) && Algebraic(w.Rhs) && !Case(w.Lhs, w.Rhs)).ToList();
        _determined = null;
        if (premises.Count == 0 || !Algebraic(lhs) || !Algebraic(rhs)) return null;
        using var budget = new WorkBudget("the check against the working equations", ConsequenceUnits, ConsequenceGuard);
        _quadratureMemo.Clear();
        try
        {
            var verdict = Check(premises);
            followed = verdict.Kind != VerdictKind.Refuted;
            if (verdict.Kind == VerdictKind.Confirmed) return Confirmed(verdict, premises);
            // Equations that disagree with each other: SymKl cannot tell which is the slip, so nothing is drawn from any of them.
            if (verdict.Reason?.StartsWith(ImplicationChecker.Disagree, StringComparison.Ordinal) ?? false) return verdict with { Reason = "it is not an identity, and " + verdict.Reason };
            // Only against equations of this section: deeper headings keep the window open (one derivation in steps), but
            // a subsection may start another solution whose equations contradict the last one's (a Bernoulli p_k, then a
            // binomial one), and points on them all say nothing about it.
            // Members of a sequence at shifted indices (x_{k-1} beside x_k): the text's recursion relates them, the equations do not.
            if (verdict.Kind == VerdictKind.Refuted && WithinThisDerivation(premises, lhs, rhs) && !ShiftedMembers.Any([lhs, rhs]) && !AssumedBoundVariable(lhs, rhs) && !InstanceOfIndexed(premises.SelectMany(p => new[] { p.Lhs, p.Rhs }), lhs, rhs)
                && CountsAreWhole(verdict, premises.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]), WrittenLimits()))
            {
                // p_{n|n-1} beside p_{n,n-1}: texts write both for one quantity; the equations join them only through the text.
                if (TwinNames(premises, lhs, rhs) is { } twins)
                    return new Verdict(VerdictKind.Unsupported, "it does not follow from the equations the text is working with (" + LinesOf(premises) + ") with " + twins.A + " and " + twins.B
                        + " two different quantities, but the text may write both for one (their subscripts differ only by ',' and '|'); not refuted", null, null, 0);
                refutation = NotFollowing(verdict, premises);
                _determined = DeterminedUnknowns(premises, lhs, rhs, verdict, budget.Token);
            }
            // Counts or weights adding up to a total the text never writes (Σ_m n_m = N): then the failure shows nothing.
            if (refutation is not null)
                foreach (var (sum, total) in ImplicitTotals(lhs, rhs))
                    if (Check([.. premises, new WorkingEquation(sum, total, 0, true)]) is { Kind: VerdictKind.Confirmed })
                    {
                        refutation = null;
                        _determined = null;
                        followed = true;
                        return new Verdict(VerdictKind.Unsupported, "it does not follow from the equations the text is working with (" + LinesOf(premises) + ") as written, but it does when "
                            + LatexPrinter.Print(sum) + " = " + LatexPrinter.Print(total) + " (counts or weights adding up to a total, which texts take for granted); not refuted", null, null, 0);
                    }
            // "Putting together: √(π/λ₁) = e^{λ₀−1}": an equation of the same derivation further back, restated.
            if (Restated(lhs, rhs) is { } restated)
            {
                followed = true;
                return restated;
            }
            if (verdict.Reason is not (ImplicationChecker.NoPoints or ImplicationChecker.TooFewPoints)) return null;
            // The fallbacks below draw on fewer equations: not when the equations with integrals over a, b among them hold
            // only for special a, b (a slip among them, which a conclusion from some of them may carry).
            _quadraturesLeft = QuadratureBudget;
            string? pinned;
            try
            {
                pinned = ImplicationChecker.LimitsPinnedBy([.. premises.Select(p => (p.Lhs, p.Rhs))], _scope.Assumptions, options.Seed, (e, symbols) => Quadrature(e, symbols, budget.Token));
            }
            catch (OperationCanceledException) when (!budget.Token.IsCancellationRequested)
            {
                return null;
            }
            if (pinned is not null)
                return new Verdict(VerdictKind.Unsupported, "it is not an identity, and " + ImplicationChecker.Disagree + ": those with integrals hold only where " + pinned
                    + " take special values (with them at generic values no point satisfies them all), so there is a slip among them, and nothing is drawn from them", null, null, 0);
            // No common solution found (a typo among them, or integrals that diverge at most starting points): fewer
            // premises, each set a subset of the equations, so whatever follows from one follows from them all.
            if (premises.FindLastIndex(p => !p.Followed) is var suspect and >= 0)
            {
                var without = premises.Where((_, i) => i != suspect).ToList();
                if (without.Count > 0)
                {
                    verdict = Check(without);
                    followed = verdict.Kind != VerdictKind.Refuted;
                    if (verdict.Kind == VerdictKind.Confirmed) return Confirmed(verdict, without);
                }
            }
            // The equations without sums, for a conclusion without any: a normalisation Σ_i p_i = 1 over a length the others
            // never name cannot be written out with them, and fewer premises only say less.
            if (!HasSum(lhs) && !HasSum(rhs) && premises.Where(p => !HasSum(p.Lhs) && !HasSum(p.Rhs)).ToList() is { Count: > 0 } plain && plain.Count < premises.Count
                && Check(plain) is { Kind: VerdictKind.Confirmed } withoutSums)
                return Confirmed(withoutSums, plain);
            // The latest equations alone: a worked solution usually follows from the line just before it.
            for (var count = 1; count <= Math.Min(SuffixAttempts, premises.Count - 1); count++)
            {
                var latest = premises.Skip(premises.Count - count).ToList();
                if (Check(latest) is { Kind: VerdictKind.Confirmed } confirmed) return Confirmed(confirmed, latest);
            }
            return null;
        }
        catch (OperationCanceledException) when (budget.Token.IsCancellationRequested)
        {
            // A check the wall-clock guard stopped proves nothing either way: no refutation comes of it.
            if (budget.GuardFired) (refutation, followed, _determined) = (null, true, null);
            return null;
        }

        Verdict Check(List<WorkingEquation> from)
        {
            var premises = Solved([.. from.Select(p => (p.Lhs, p.Rhs))], lhs, rhs);
            // Each attempt its own quadratures: many premises with integrals may use them all, and the attempts with
            // fewer (which often decide) must still be made.
            _quadraturesLeft = QuadratureBudget;
            try
            {
                if (!premises.Concat([(lhs, rhs)]).Any(p => HasSum(p.Item1) || HasSum(p.Item2)))
                {
                    var verdict = ImplicationChecker.Check(premises, lhs, rhs, _scope.Assumptions, mayRefute: true, cue: "", options.Seed, _scope.Context.IsKnownFunction,
                        (e, symbols) => Quadrature(e, symbols, budget.Token), rootsRefute: false);
                    return verdict.Reason is ImplicationChecker.NoPoints or ImplicationChecker.TooFewPoints && Multipliers(premises, lhs, rhs) is { } free
                        ? AsMultipliers(premises, lhs, rhs, free, budget.Token) ?? verdict
                        : verdict;
                }
                return WrittenOutConsequence(premises, lhs, rhs, budget.Token);
            }
            catch (OperationCanceledException) when (_quadraturesLeft < 0 && !budget.Token.IsCancellationRequested)
            {
                return new Verdict(VerdictKind.Unsupported, ImplicationChecker.TooFewPoints, null, null, 0);
            }
        }
    }

    /// <summary>
    /// λ in the equations a text solves is the letter of its Lagrange multipliers as much as of a rate, and a multiplier's
    /// sign is what the equations make it (λ₁ = −1/(2σ²) for a variance constraint): the assumptions with no sign by convention
    /// for the λs of the equations and the conclusion (σ and the other conventional scales keep theirs); null when no λ
    /// there is positive by convention only.
    /// </summary>
    private Assumptions? Multipliers(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs)
    {
        var symbols = premises.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]).SelectMany(Traversal.FreeSymbols).Distinct().ToList();
        var conventional = symbols.Where(s => !_scope.Assumptions.Declared.ContainsKey(s.Name) && _scope.Assumptions.DomainOf(s) == Domain.Positive).ToList();
        if (!conventional.Any(s => s.BaseName == "lambda")) return null;
        var relaxed = _scope.Assumptions.WithoutConventions();
        foreach (var s in conventional.Where(s => s.BaseName != "lambda")) relaxed = relaxed.With(s.Name, Domain.Positive);
        return relaxed;
    }

    /// <summary>
    /// The consequence check again with the multipliers free of sign: only ever confirms (the convention was a reading, and a
    /// failure at a negative λ says nothing about a text whose λ is a rate).
    /// </summary>
    private Verdict? AsMultipliers(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs, Assumptions relaxed, CancellationToken token)
    {
        _quadraturesLeft = QuadratureBudget;
        var verdict = ImplicationChecker.Check(premises, lhs, rhs, relaxed, mayRefute: false, cue: "", options.Seed, _scope.Context.IsKnownFunction,
            (e, symbols) => Quadrature(e, symbols, token));
        return verdict.Kind == VerdictKind.Confirmed
            ? verdict with { Reason = verdict.Reason + ", with the multipliers λ of any sign (a Lagrange multiplier is not a rate)" }
            : null;
    }

    /// <summary>
    /// Lengths at which equations with sums over indexed values are written out for a consequence check: from 2, since
    /// at one value the estimating equations of a spread degenerate (σ̂² = 0 where they divide by σ̂²), and near such a
    /// singular point they hold to rounding at points where nothing else need.
    /// </summary>
    private const int ShortestLength = 2, ConsequenceLengths = 4;

    private static bool HasSum(Expr e) => Traversal.Any(e, x => x is Summation or IndexedProduct);

    /// <summary>
    /// "Σ_i (x_i − μ)/σ² = 0; solving, μ̂ = (1/n) Σ_i x_i": the equations and the consequence written out together at
    /// n = 2 … 4 (one symbol per indexed value), each instance checked as a consequence; it follows when every instance
    /// that could be decided does (two at least) and none fails.
    /// </summary>
    private Verdict WrittenOutConsequence(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs, CancellationToken token)
    {
        var verdict = WrittenOutAtLengths(premises, lhs, rhs, token);
        if (verdict.Kind == VerdictKind.Confirmed) return verdict;
        // ½ Σ_i (σ_i² − 1) beside ½ (Σ_i σ_i² − n): sums written without limits, and one count n the text may mean as
        // their number of terms. Read that way, only ever to confirm.
        var all = premises.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]).ToList();
        if (IndexedSums.UnlimitedIndices(all) is not [var index]) return verdict;
        var counts = all.SelectMany(Traversal.FreeSymbols).Distinct().Where(s => s.Name is "n" or "N" or "d" or "D" or "K" or "m" or "M").ToList();
        if (counts is not [var count]) return verdict;
        var asLength = new Dictionary<Sym, Expr> { [count] = IndexedSums.LengthOf(index) };
        Expr Counted(Expr e) => Traversal.Substitute(e, asLength);
        var again = WrittenOutAtLengths([.. premises.Select(p => (Counted(p.Lhs), Counted(p.Rhs)))], Counted(lhs), Counted(rhs), token);
        return again.Kind == VerdictKind.Confirmed
            ? again with { Reason = again.Reason + " (reading " + count.Name + " as the number of terms of the sums over " + index + " written without limits)" }
            : verdict;
    }

    private Verdict WrittenOutAtLengths(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs, CancellationToken token)
    {
        var expressions = premises.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]).ToList();
        var held = new List<string>();
        Verdict? last = null;
        foreach (var (lengths, written) in IndexedSums.WrittenOut(expressions, ShortestLength, ConsequenceLengths))
        {
            token.ThrowIfCancellationRequested();
            var instance = Enumerable.Range(0, premises.Count).Select(i => WithoutDenominators(written[2 * i], written[2 * i + 1])).ToList();
            var verdict = ImplicationChecker.Check(instance, written[^2], written[^1], _scope.Assumptions, mayRefute: true, cue: "", options.Seed, _scope.Context.IsKnownFunction,
                (e, symbols) => Quadrature(e, symbols, token));
            if (verdict.Kind == VerdictKind.Refuted) return verdict with { Reason = "written out with " + lengths + ": " + verdict.Reason };
            if (verdict.Kind == VerdictKind.Confirmed) held.Add(lengths);
            last = verdict;
        }
        if (held.Count >= 2) return new Verdict(VerdictKind.Confirmed, "holds wherever they do, written out with " + string.Join("; ", held), null, null, held.Count);
        return last is { Kind: VerdictKind.Unsupported } ? last : new Verdict(VerdictKind.Unsupported, ImplicationChecker.TooFewPoints, null, null, 0);
    }

    /// <summary>
    /// (x₁ + x₂ − 2μ)/σ² = 0 as x₁ + x₂ − 2μ = 0: each symbol's largest negative power among the terms multiplied
    /// out. Without it the equation holds to rounding wherever σ is huge, points that say nothing about the
    /// conclusion. The equations gain only the points where such a symbol is 0, which can only make a consequence
    /// harder to confirm.
    /// </summary>
    private static (Expr Lhs, Expr Rhs) WithoutDenominators(Expr lhs, Expr rhs)
    {
        var difference = Ex.Sub(lhs, rhs);
        var terms = difference is Add sum ? [.. sum.Terms] : new List<Expr> { difference };
        var powers = new Dictionary<Sym, Rational>();
        foreach (var term in terms)
            foreach (var factor in term is Mul m ? [.. m.Factors] : new List<Expr> { term })
                if (factor is Pow { Base: Sym s, Exponent: Num { Value: var k } } && k.Sign < 0 && k.IsInteger)
                    powers[s] = powers.TryGetValue(s, out var known) && known >= -k ? known : -k;
        if (powers.Count == 0) return (lhs, rhs);
        var factors = powers.Select(kv => Ex.Pow(kv.Key, Ex.Num(kv.Value))).ToList();
        return (Ex.Add(terms.Select(t => Ex.Mul([t, .. factors]))), Ex.Zero);
    }

    /// <summary>
    /// The estimate named for the unknown it solves for: μ̂, μ^*, μ_{MLE} in the conclusion where the equations have μ
    /// (and not the estimate). "Solving for μ, we get μ̂ = …" — the equations are read in the estimate's name, which
    /// only strengthens what they say about it (the conclusion is never refuted on this reading).
    /// </summary>
    private static List<(Expr Lhs, Expr Rhs)> Solved(List<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs)
    {
        var inPremises = new HashSet<Sym>(premises.SelectMany(p => Traversal.FreeSymbols(p.Lhs).Concat(Traversal.FreeSymbols(p.Rhs))));
        var inConclusion = new HashSet<Sym>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)));
        var renames = new Dictionary<Sym, Expr>();
        foreach (var estimate in inConclusion.Where(s => !inPremises.Contains(s)))
            if (EstimatedName(estimate.Name) is { } unknown && inPremises.Contains(Ex.Sym(unknown)) && !inConclusion.Contains(Ex.Sym(unknown)))
                renames[Ex.Sym(unknown)] = estimate;
        return renames.Count == 0 ? premises : [.. premises.Select(p => (Traversal.Substitute(p.Lhs, renames), Traversal.Substitute(p.Rhs, renames)))];
    }

    /// <summary>\hat{mu}_	ext{MLE} → mu, theta^* → theta, sigma_{MLE} → sigma; null for other names.</summary>
    private static string? EstimatedName(string name)
    {
        var hat = System.Text.RegularExpressions.Regex.Match(name, @"^\\hat\{([^{}]+)\}(_.*)?$");
        if (hat.Success) return hat.Groups[1].Value;
        var marked = System.Text.RegularExpressions.Regex.Match(name, @"^([^_^{}]+)(\^\*|\^\{\*\}|_\\text\{MLE\}|_\{MLE\}|_\\text\{ML\}|_\\text\{MAP\})$");
        return marked.Success ? marked.Groups[1].Value : null;
    }

    private static Verdict Confirmed(Verdict verdict, List<WorkingEquation> premises) =>
        verdict with { Reason = "it is not an identity, but it follows from the equations the text is working with (" + LinesOf(premises) + "): it " + verdict.Reason };

    /// <summary>
    /// The equations and the statement belong to this section, and their unknowns to this derivation: an unknown an
    /// earlier derivation brought in (a with N e^a = 1 under another heading of level 1 or 2) may have been determined
    /// there, by what SymKl does not hold, at a value where the rewrite holds.
    /// </summary>
    private bool WithinThisDerivation(List<WorkingEquation> premises, Expr lhs, Expr rhs) =>
        premises.All(p => p.Line > SectionLine)
        && premises.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]).SelectMany(Traversal.FreeSymbols)
            .All(s => !_unknowns.TryGetValue(s.Name, out var line) || line > DerivationLine);

    /// <summary>
    /// True unless the point gives a name that bounds a sum or a product (Σ_{N=0}^{M}: M counts terms) a value that is no
    /// count: where the equations were solved for M = −1.3 they say nothing about the text, whose M is a whole number.
    /// </summary>
    private static bool CountsAreWhole(Verdict verdict, IEnumerable<Expr> expressions, IEnumerable<string> written)
    {
        if (verdict.Counterexample is not { } point) return true;
        var limits = new HashSet<string>(written, StringComparer.Ordinal);
        foreach (var e in expressions)
            Traversal.Any(e, n =>
            {
                // Σ and ∏ count terms; the limits of an integral (∫_a^b) are any reals.
                if (n is Summation or IndexedProduct && n is RangedBinderNode { Lower: { } lo, Upper: { } up })
                    foreach (var sym in Traversal.FreeSymbols(lo).Concat(Traversal.FreeSymbols(up))) limits.Add(sym.Name);
                return false;
            });
        return point.Values.All(kv => !limits.Contains(kv.Key) || kv.Value >= 0 && Math.Abs(kv.Value - Math.Round(kv.Value)) < 1e-9);
    }

    private static readonly System.Text.RegularExpressions.Regex LimitPattern =
        new(@"\\(?:sum|prod)\s*_\s*(?:\{[^{}]*\}|\\?[A-Za-z]+)\s*\^\s*\{?\s*([A-Za-z])\s*\}?", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The one-letter upper limits of the sums and products written in the statements so far (\sum_N^M: M).</summary>
    private IEnumerable<string> WrittenLimits() =>
        Steps.Skip(Math.Max(0, Steps.Count - 400)).SelectMany(s => LimitPattern.Matches(s.Lhs + " " + s.Rhs).Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Two names of the premises and the statement that differ only by ',' against '|' (or \mid) in a subscript; null when none.</summary>
    private static (string A, string B)? TwinNames(List<WorkingEquation> premises, Expr lhs, Expr rhs)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in premises.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]).SelectMany(Traversal.FreeSymbols).Select(x => x.Name).Distinct(StringComparer.Ordinal))
        {
            if (s.IndexOf(',') < 0 && s.IndexOf('|') < 0 && s.IndexOf("mid", StringComparison.Ordinal) < 0) continue;
            var plain = s.Replace("\\mid", "|").Replace("\\vert", "|").Replace("{", "").Replace("}", "").Replace(" ", "").Replace('|', ',');
            if (seen.TryGetValue(plain, out var other) && other != s) return (other, s);
            seen[plain] = s;
        }
        return null;
    }

    private static Verdict NotFollowing(Verdict verdict, List<WorkingEquation> premises) =>
        verdict with { Reason = "it is not an identity, and it does not follow from the equations the text is working with either (" + LinesOf(premises) + "): they hold at this point and it does not" };

    /// <summary>"line 12" or "lines 12, 14": where the premises stand.</summary>
    private static string LinesOf(List<WorkingEquation> premises)
    {
        var lines = premises.Select(p => p.Line).Distinct().Select(l => l.ToString(CultureInfo.InvariantCulture)).ToList();
        return "line" + (lines.Count > 1 ? "s " : " ") + string.Join(", ", lines);
    }

    private static bool Case(Expr lhs, Expr rhs) =>
        lhs is Sym && Traversal.FreeSymbols(rhs).Count == 0 || rhs is Sym && Traversal.FreeSymbols(lhs).Count == 0;

    /// <summary>
    /// A heading of level 1 or 2 starts another derivation; deeper ones ("### Satisfy the constraint") divide the steps of
    /// one, whose working equations carry on.
    /// </summary>
    private void ForgetWorkingAt(int level)
    {
        if (level <= 2)
        {
            _working.Clear();
            _retired.Clear();
            _undecided = null;
        }
    }

    /// <summary>Algebra and integrals of algebra (∫ e^{−λ₁z²} dz): what the consequence check can evaluate at a point.</summary>
    private bool Algebraic(Expr e) => !Traversal.Any(e, x => x is Summation or IndexedProduct && !IndexedSumOfAlgebra(x) || x is Expectation or Functional
        || x is Integral ig && Traversal.Any(ig.Body, y => y is BinderNode or Functional or Apply)
        || x is Apply ap && _scope.Context.IsKnownFunction(ap.Name));

    /// <summary>Σ_{i=1}^{n} (x_i − μ)²: a sum (or product) of algebra over indexed values, which is written out for the check.</summary>
    private static bool IndexedSumOfAlgebra(Expr x) =>
        x is Summation or IndexedProduct && IndexedSums.Applies(x, Ex.Zero)
        && !Traversal.Any(((BinderNode)x).Body, y => y is BinderNode and not Summation and not IndexedProduct || y is Functional or Apply);

    /// <summary>
    /// Quadratures one attempt of a consequence check may use (every point on the equations costs several): the budget
    /// that decides, the same on every machine; an attempt that runs out found too few points. The wall-clock one only
    /// guards against a pathological integrand.
    /// </summary>
    private const int QuadratureBudget = 20_000;
    /// <summary>
    /// Work one check against the working equations may do in all (it had 30 s of wall-clock time): with the
    /// quadratures above, the budget that decides; the guard only stops a hang, and then nothing is refuted.
    /// </summary>
    private static readonly long ConsequenceUnits = WorkBudget.Seconds(30);
    private static readonly TimeSpan ConsequenceGuard = TimeSpan.FromSeconds(120);
    private int _quadraturesLeft;

    /// <summary>
    /// Relative accuracy a quadrature's error estimate must reach to count. Quadrature aims at 1e-10 and its estimate is
    /// pessimistic (the value is usually good to rounding), so an estimate a little above the aim is not a bad value; a
    /// bound below the aim would reject good values at random, and Gauss–Newton would lose its points.
    /// </summary>
    private const double QuadratureAccuracy = 1e-9;

    /// <summary>e at a point, integrals by quadrature; NaN where undefined, divergent or not accurate enough.</summary>
    private Func<double[], double> Quadrature(Expr e, IReadOnlyList<Sym> symbols, CancellationToken token)
    {
        var calculus = new NumericCalculus(_scope.Context, options.Seed, assumptions: _scope.Assumptions, cancellation: token);
        // Only the symbols of e make its value: the key of the memo, whatever order the attempt lists its symbols in.
        var own = new HashSet<Sym>(Traversal.FreeSymbols(e));
        var used = symbols.Select((s, i) => (s, i)).Where(t => own.Contains(t.s)).OrderBy(t => t.s.Name, StringComparer.Ordinal).ToArray();
        return x =>
        {
            var key = new QuadratureKey(e, [.. used.Select(t => x[t.i])]);
            if (_quadratureMemo.TryGetValue(key, out var known)) return known;
            if (--_quadraturesLeft < 0) throw new OperationCanceledException("the consequence check used its quadrature budget");
            var values = new Dictionary<Sym, double>(symbols.Count);
            for (var i = 0; i < symbols.Count; i++) values[symbols[i]] = x[i];
            double value;
            try
            {
                var v = new NumericEvaluator(s => values.TryGetValue(s, out var d) ? d : double.NaN, n => calculus.Evaluate(n, values)).Evaluate(e);
                value = v.IsDefined && v.Error <= QuadratureAccuracy * Math.Max(1, Math.Abs(v.Value)) ? v.Value : double.NaN;
            }
            catch (NotEvaluableException)
            {
                value = double.NaN;
            }
            return _quadratureMemo[key] = value;
        };
    }

    /// <summary>
    /// Values already integrated in this consequence check: Gauss–Newton revisits its accepted points, and the attempts
    /// with fewer equations start from the same points. Cleared for every check (the text's context may have changed).
    /// </summary>
    private readonly Dictionary<QuadratureKey, double> _quadratureMemo = [];

    private readonly struct QuadratureKey(Expr expression, double[] point) : IEquatable<QuadratureKey>
    {
        private readonly Expr _expression = expression;
        private readonly double[] _point = point;

        public bool Equals(QuadratureKey other) => _expression.Equals(other._expression) && _point.AsSpan().SequenceEqual(other._point);

        public override bool Equals(object? obj) => obj is QuadratureKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = _expression.GetHashCode();
            foreach (var v in _point) hash = unchecked(hash * 31 + v.GetHashCode());
            return hash;
        }
    }

    /// <summary>
    /// "p(x) = 0 for x &lt; a" leaves an assumption on x, while the statement integrates over x (∫_a^b dx): the text's x there
    /// is a point, not the variable of the integral, and a failure that leans on the assumption shows nothing.
    /// </summary>
    private bool AssumedBoundVariable(Expr lhs, Expr rhs)
    {
        var a = _scope.Assumptions;
        var assumed = new HashSet<string>(a.Declared.Keys, StringComparer.Ordinal);
        foreach (var o in a.Orderings.Concat(a.StrictOrderings)) { assumed.Add(o.Smaller); assumed.Add(o.Larger); }
        foreach (var b in a.LowerBounds) assumed.Add(b.Symbol);
        return Traversal.Any(lhs, n => n is BinderNode b && assumed.Contains(b.Variable.Name)) || Traversal.Any(rhs, n => n is BinderNode b && assumed.Contains(b.Variable.Name));
    }
}
