using System.Globalization;
using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using Relation = SymKl.Symbolic.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A ∝ B claims that A/B does not depend on the variables of proportionality. Which variables: those the chain's first
/// operand is a density or function of (p(θ | D) ∝ p(θ) p(D | θ): θ, not D; f(x) ∝ …: x); otherwise every free symbol
/// the two sides share. Abstract densities are decided in consistent random models (<see cref="ModelCheck.DecideProportional"/>);
/// anything else as the equation A(v) B(v') = A(v') B(v) with v' a second copy of each variable (the ratio at two
/// values of v agrees), by the kernel's normal form and then numerically. With the variables read from the sides'
/// shared symbols, a failure is a mistake only when the ratio changes with each of them; otherwise the text may mean
/// one of the others, and the statement is unsupported.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The first operand of the chain being checked (kept across the rows of an align and across continued displays).</summary>
    private Operand? _chainHead;

    /// <summary>The second operand of that chain (the defining formula when its head is a name being defined).</summary>
    private Operand? _chainSecond;

    private void Proportional(Operand head, Operand left, RelationOperator op, Operand right)
    {
        var rhsStart = right.At(right.Node.Span.Start);
        Snapshot(rhsStart);
        _opaque = null;
        var inline = _block?.Kind == MathBlockKind.Inline && left.Parsed == right.Parsed;
        var (role, why) = inline ? (StatementRole.Claim, "a proportionality in running prose") : (StatementRole.Step, "a link of a chain in display math");
        Expr? lhsBound = null, rhsBound = null;
        Verdict verdict;
        using (var budget = StepBudget.Open(options, TimeSpan.FromSeconds(20))!)
        {
            try
            {
                // p(β | y) ∝ p(y | β) p(β) beside the law of p(β) alone: densities whose laws the text does not give.
                verdict = DensityOfAnotherShape(left, right) is { } other ? WithoutGenericLaws(other, () => DecideProportional(head, left, right, budget.Token, out _, out _))
                    : DecideProportional(head, left, right, budget.Token, out lhsBound, out rhsBound);
            }
            catch (OperationCanceledException) when (StepBudget.Stopped(budget))
            {
                verdict = Unsettled("budget exceeded: the proportionality was not decided within its time budget");
            }
            catch (InsufficientExecutionStackException)
            {
                verdict = Unsettled("the expression is nested too deeply to check");
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
            {
                verdict = Unsettled("internal limitation: " + ex.Message);
            }
        }
        // "With a flat prior, p(θ | x) ∝ p(x | θ)": true under a condition the text states, which neither check knows.
        var sentence = LastSentence(_block?.ProseBefore ?? string.Empty);
        var condition = verdict.Kind != VerdictKind.Refuted ? null : ConditionCue.Match(sentence) is { Success: true } stated ? stated : PriorCue.Match(sentence);
        if (condition is { Success: true } cue)
            verdict = Unsettled("the sentence before it states a condition ('" + cue.Value + "') that the check does not know; not refuted (" + verdict.Reason + ")");
        Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Relation.Proportional, verdict, role, why)
        {
            LhsExpr = lhsBound,
            RhsExpr = rhsBound,
            Assumptions = _scope.Assumptions,
            Context = _scope.Context,
        });
    }

    /// <summary>"a flat prior", "uniform", "non-informative", "constant": a prior the text takes as constant, which drops out.</summary>
    private static readonly System.Text.RegularExpressions.Regex PriorCue = new(@"\b(uniform|flat|non-?informative|improper|constant)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static Verdict Unsettled(string reason) => new(VerdictKind.Unsupported, reason, null, null, 0);

    private Verdict DecideProportional(Operand head, Operand left, Operand right, CancellationToken cancellation, out Expr? lhsBound, out Expr? rhsBound)
    {
        lhsBound = rhsBound = null;
        var variables = HeadVariables(head);
        // p(θ | D), p(x, z), q_φ(z | x): the statement is about the document's abstract densities (as for equations, a
        // density the document defines for another shape only, p(x | η), stands for an arbitrary model: confirmed, never refuted).
        var ml = _modelDefinitions.Expand(left.Node, left.Parsed, _scope.IsDefinedFunction);
        var mr = _modelDefinitions.Expand(right.Node, right.Parsed, _scope.IsDefinedFunction);
        var arbitrary = _modelDefinitions.ArbitraryDensities([(ml.Node, ml.Parsed), (mr.Node, mr.Parsed)], _scope.IsDefinedFunction);
        bool IsDefined(string name) => _scope.IsDefinedFunction(name) && !(arbitrary?.Contains(name) ?? false);
        if (arbitrary is not null && ModelCheck.Applies(ml.Node, ml.Parsed, mr.Node, mr.Parsed, IsDefined))
        {
            if (variables is null)
                return Unsettled("a proportionality between abstract densities whose variable the text does not name (write the density of the variable first, as in p(θ | D) ∝ p(θ) p(D | θ))");
            var atoms = variables.Select(v => ModelCheck.Atom(v.Node, head.Parsed)).ToList();
            var modelled = ModelCheck.DecideProportional(ml.Node, ml.Parsed, mr.Node, mr.Parsed, atoms, IsDefined, mayRefute: arbitrary.Count == 0, options.Seed, cancellation)
                ?? Unsettled("a proportionality between abstract densities that SymKl cannot read in its random models");
            return arbitrary.Count == 0 && !ml.Changed && !mr.Changed ? modelled : modelled with { Reason = modelled.Reason + WithDefinitions(ml.Changed || mr.Changed, arbitrary) };
        }
        if (MatrixProportional(head, left, right) is { } matrices) return matrices;
        var l = MathBinder.Bind(left.Node, left.Parsed, _scope);
        var r = MathBinder.Bind(right.Node, right.Parsed, _scope);
        if (l.Value is null || r.Value is null)
            return Unsettled("cannot read " + (l.Value is null ? "the left side: " + l.Problem : "the right side: " + r.Problem));
        (lhsBound, rhsBound) = (l.Value, r.Value);
        _scope.Observe(l.Value);
        _scope.Observe(r.Value);
        var lhs = ResolveExpectations(_scope.SubstituteSymbols(l.Value));
        var rhs = ResolveExpectations(_scope.SubstituteSymbols(r.Value));
        var inLeft = Traversal.FreeSymbols(lhs).Where(s => s != Ex.Infinity).ToList();
        var inRight = Traversal.FreeSymbols(rhs).Where(s => s != Ex.Infinity).ToList();
        List<Sym> vars;
        var named = variables is not null;
        if (variables is not null)
        {
            vars = variables.Select(v => Ex.Sym(v.Name)).Distinct().ToList();
            if (!vars.All(v => inLeft.Contains(v) || inRight.Contains(v)))
                return Unsettled("neither side mentions " + string.Join(", ", vars.Where(v => !inLeft.Contains(v) && !inRight.Contains(v)).Select(v => v.Name))
                    + ", the variable of " + head.Text + ", so SymKl cannot tell in which variable the sides are claimed proportional");
        }
        else
        {
            vars = inLeft.Where(inRight.Contains).ToList();
            if (vars.Count == 0)
                return Unsettled("the two sides share no variable, so SymKl cannot tell in which variable they are claimed proportional"
                    + (inLeft.Count == 1 && lhs is Sym ? " (" + inLeft[0].Name + " is a name the document does not define in terms of the right side; the statement says how it scales)" : ""));
        }
        var verdict = CrossProduct(lhs, rhs, vars, named, cancellation);
        // "Q(i) ∝ P(i)^α" with Q and P read as numbers times i: the text writes Q as a function of i (a distribution the
        // sentence introduces), which that reading does not check.
        if (verdict.Kind == VerdictKind.Refuted && head.Node is Call { Callee: Identifier callee } && MathBinder.SymbolName(callee, head.Parsed) is var function
            && Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Any(s => s.Name == function))
            return Unsettled("it reads " + function + " as a number multiplying its argument, but the text writes " + head.Text + " as a function of it (" + verdict.Reason + "); not refuted");
        if (verdict.Kind == VerdictKind.Refuted && !named && vars.Count > 1)
        {
            // Read from the shared symbols, the text may mean any one of them: a mistake only if it fails in each.
            var holdsIn = vars.Where(v => CrossProduct(lhs, rhs, [v], named, cancellation).Holds).Select(v => v.Name).ToList();
            if (holdsIn.Count > 0)
                return Unsettled("the sides are proportional in " + string.Join(", ", holdsIn) + " but not in " + string.Join(", ", vars.Select(v => v.Name).Except(holdsIn))
                    + ", and the text does not say which variable it means (" + verdict.Reason + ")");
        }
        return verdict;
    }

    /// <summary>
    /// The variables the chain's first operand is a density or function of: the arguments before the bar or ';' of
    /// p(θ | D), f(x), q_φ(z | x); null when it is no such call (or a known operator such as log, KL or E).
    /// </summary>
    private List<(Identifier Node, string Name)>? HeadVariables(Operand head)
    {
        if (head.Node is not Call { Callee: Identifier id } call || call.Arguments.Count == 0 || MathBinder.IsKnownOperatorName(id) || ModelCheck.IsInformationOperator(id)) return null;
        var cut = call.Separators.Select((s, i) => (s.Text, i)).FirstOrDefault(s => s.Text is "|" or ";" or "\\mid");
        var count = cut.Text is null ? call.Arguments.Count : cut.i + 1;
        var result = new List<(Identifier, string)>();
        foreach (var argument in call.Arguments.Take(count))
        {
            if (argument is not Identifier variable) return null;
            result.Add((variable, MathBinder.SymbolName(variable, head.Parsed)));
        }
        return result;
    }

    /// <summary>
    /// A(v) B(v') = A(v') B(v) with v' a fresh copy of each variable under the same assumptions: the ratio agrees at any two
    /// values of the variables, whatever the rest. A refutation names the two points.
    /// </summary>
    private Verdict CrossProduct(Expr lhs, Expr rhs, IReadOnlyList<Sym> vars, bool named, CancellationToken cancellation)
    {
        var taken = new HashSet<string>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(s => s.Name), StringComparer.Ordinal);
        var copies = new Dictionary<Sym, Expr>();
        var assumptions = _scope.Assumptions;
        foreach (var v in vars)
        {
            var name = v.Name + "'";
            while (!taken.Add(name)) name += "'";
            copies[v] = Ex.Sym(name);
            assumptions = assumptions.With(name, assumptions.DomainOf(v));
        }
        var (crossLeft, crossRight) = ProportionalPair(lhs, rhs, e => Traversal.Substitute(e, copies));
        var exponents = ExponentOf(lhs) is not null && ExponentOf(rhs) is not null;
        var checkedVerdict = StepChecker.Check(crossLeft, Relation.Equal, crossRight, assumptions, _scope.Context, options.Seed, cancellation);
        var sound = Sound(checkedVerdict, crossLeft, crossRight);
        var what = string.Join(", ", vars.Select(v => v.Name));
        var primed = string.Join(", ", copies.Values.Select(c => ((Sym)c).Name));
        var how = exponents
            ? " (u(" + what + ") − v(" + what + ") = u(" + primed + ") − v(" + primed + ") for the sides e^u ∝ e^v)"
            : " (A(" + what + ")·B(" + primed + ") = A(" + primed + ")·B(" + what + ") for the sides A ∝ B)";
        switch (sound.Kind)
        {
            case VerdictKind.Proved:
                return sound with { Reason = "proportional in " + what + ": the ratio of the two sides does not depend on " + what + (RatioText(lhs, rhs, vars) is { } k ? " (it is " + k + ")" : "") + "; " + sound.Reason + how };
            case VerdictKind.Confirmed:
                return sound with { Reason = "proportional in " + what + ": the ratio of the two sides agrees at pairs of values of " + what + "; " + sound.Reason + how };
            case VerdictKind.Refuted:
                // Undefined densities are random independent family members here: they may be related in ways the text means.
                if (Traversal.Any(lhs, IsAbstractApplication) || Traversal.Any(rhs, IsAbstractApplication))
                    return Unsettled("the ratio of the sides changes with " + what + " with random densities in place of the undefined ones, which the text may relate: not refuted");
                return sound with { Reason = "not proportional in " + what + ": the ratio of the two sides differs between two values of " + what + DescribePair(sound.Counterexample, copies, exponents) + how };
            default:
                return sound with { Reason = "the ratio of the two sides in " + what + " was not decided: " + sound.Reason };
        }
    }

    private bool IsAbstractApplication(Expr e) => e is Apply ap && !_scope.Context.IsKnownFunction(ap.Name) && Calculus.InlineDensity(ap.Name, ap.Args) is null;

    private static string DescribePair(Counterexample? ce, Dictionary<Sym, Expr> copies, bool exponents)
    {
        if (ce is null) return "";
        static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        var values = ce.Values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var here = copies.Keys.Where(v => values.ContainsKey(v.Name)).Select(v => v.Name + " = " + F(values[v.Name])).ToList();
        var there = copies.Where(c => values.ContainsKey(((Sym)c.Value).Name)).Select(c => c.Key.Name + " = " + F(values[((Sym)c.Value).Name])).ToList();
        var copyNames = new HashSet<string>(copies.Values.Select(c => ((Sym)c).Name).Concat(copies.Keys.Select(k => k.Name)), StringComparer.Ordinal);
        var held = ce.Values.Where(kv => !copyNames.Contains(kv.Key)).Select(kv => kv.Key + " = " + F(kv.Value)).ToList();
        if (here.Count == 0 || there.Count == 0) return "";
        return ": at " + string.Join(", ", here) + " and at " + string.Join(", ", there) + (held.Count > 0 ? " (with " + string.Join(", ", held) + " held)" : "")
            + (exponents ? " the differences of the exponents u − v are " : " the cross products A·B' and A'·B are ") + F(ce.Lhs) + " and " + F(ce.Rhs);
    }

    /// <summary>
    /// What A ∝ B compares at two values of the variables (prime maps an expression to the second): the cross products
    /// A·B′ and A′·B; for two exponentials e^u ∝ e^v, the differences u − v and u′ − v′ instead. The ratio e^{u − v} is
    /// free of the variables exactly when u − v is (exp is one-to-one on the reals), and the exponents do not overflow
    /// double precision far from the mode, where the cross products of exponentials read as undefined.
    /// </summary>
    internal static (Expr Left, Expr Right) ProportionalPair(Expr a, Expr b, Func<Expr, Expr> prime)
    {
        if (ExponentOf(a) is { } u && ExponentOf(b) is { } v)
        {
            var difference = Ex.Sub(u, v);
            return (difference, prime(difference));
        }
        return (Ex.Mul(a, prime(b)), Ex.Mul(prime(a), b));
    }

    /// <summary>u of e^u, or of c·e^u with c a nonzero rational number (a constant factor cancels in the ratio); null otherwise.</summary>
    internal static Expr? ExponentOf(Expr e)
    {
        static bool IsExp(Expr f) => f is Pow { Base: Constant { Which: ConstantKind.E } };
        return e switch
        {
            Pow { Base: Constant { Which: ConstantKind.E } } p => p.Exponent,
            Mul m when m.Factors.Count(IsExp) == 1 && m.Factors.All(f => IsExp(f) || f is Num { IsZero: false }) => ((Pow)m.Factors.First(IsExp)).Exponent,
            _ => null,
        };
    }

    /// <summary>The ratio A/B in its normal form, when it is small and free of the variables (for the reason only).</summary>
    private string? RatioText(Expr lhs, Expr rhs, IReadOnlyList<Sym> vars)
    {
        try
        {
            var ratio = Normalizer.Normalize(Ex.Div(lhs, rhs), _scope.Assumptions, new Budget(200_000));
            if (Traversal.FreeSymbols(ratio).Any(vars.Contains)) return null;
            var text = LatexPrinter.Print(ratio);
            return text.Length <= 120 ? text : null;
        }
        catch (BudgetExceededException)
        {
            return null;
        }
    }
}
