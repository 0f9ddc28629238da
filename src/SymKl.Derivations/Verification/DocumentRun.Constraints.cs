using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The constraints of a maximum-entropy or Lagrange derivation: "maximise H subject to ∫ p = 1, ∫ x p(x) dx = μ" or
/// "Σ_k k p_k = p̄", stated as hypotheses about the density the text then solves for. Once the stationarity result gives
/// that density a formula, each constraint is an equation in the multipliers (∫ e^{λ₀−1+λ₁x} dx = 1), which the
/// consequence check takes among its premises: the text's later equations in λ₀, λ₁ follow from them or contradict them.
/// Their symbols outside the density (μ, σ, p̄, the limits a, b) are the data the text gives, never unknowns it solves for.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <param name="Line">Where it was stated; a constraint belongs to the section (a heading of any level) it was stated in.</param>
    private readonly record struct StatedConstraint(Expr Lhs, Expr Rhs, int Line);

    private readonly List<StatedConstraint> _constraints = [];

    /// <summary>How many stated constraints are kept (the latest).</summary>
    private const int ConstraintsKept = 8;

    /// <summary>
    /// Remembers a hypothesis equation that constrains a density: an integral of an application (∫ x p(x) dx) or a sum of
    /// values indexed by its index (Σ_k k p_k). Kept as read: the density is written out when a check uses it.
    /// </summary>
    private void NoteConstraint(Expr lhs, Expr rhs, int line)
    {
        if (!ConstrainsDensity(lhs) && !ConstrainsDensity(rhs)) return;
        // A derivative set to zero (∂/∂p [… λ(∫ p − 1)] = 0) is the stationarity condition, not a constraint: its λ are unknowns.
        if (Traversal.Any(lhs, IsDerivative) || Traversal.Any(rhs, IsDerivative)) return;
        _constraints.Add(new StatedConstraint(lhs, rhs, line));
        if (_constraints.Count > ConstraintsKept) _constraints.RemoveAt(0);
    }

    private static bool IsDerivative(Expr e) => e is Functional;

    private static bool ConstrainsDensity(Expr e) => Traversal.Any(e, x =>
        x is Integral ig && Traversal.Any(ig.Body, y => y is Apply)
        || x is Summation sum && IndexedSums.IndexedBy(sum.Body, sum.Variable.Name) is not null);

    /// <summary>
    /// The constraints of this section written out with the densities as now defined, those that became equations SymKl
    /// can evaluate (the density has been solved for) and say something the working equations do not already.
    /// </summary>
    private List<WorkingEquation> ConstraintPremises(IReadOnlyList<WorkingEquation> working)
    {
        var premises = new List<WorkingEquation>();
        foreach (var c in _constraints)
        {
            if (c.Line <= SectionLine) continue;
            var (lhs, rhs) = (Counted(Written(c.Lhs)), Counted(Written(c.Rhs)));
            // Sums left over indexed values (Σ_i x_i = n x̄ as a condition) are another kind of premise: only what became
            // algebra in the multipliers (integrals of the solved density, sums counted out) is taken.
            if (!Algebraic(lhs) || !Algebraic(rhs) || HasSum(lhs) || HasSum(rhs) || Traversal.Any(lhs, x => x is Apply) || Traversal.Any(rhs, x => x is Apply)) continue;
            if (working.Any(w => w.Lhs.Equals(lhs) && w.Rhs.Equals(rhs)) || premises.Any(w => w.Lhs.Equals(lhs) && w.Rhs.Equals(rhs))) continue;
            premises.Add(new WorkingEquation(lhs, rhs, c.Line, Followed: true));
        }
        return premises;
    }

    /// <summary>
    /// The data of the constraints of this section: their symbols outside any integral or sum of the density (μ in
    /// ∫ x p = μ, σ in ∫ (x − μ)² p = σ²) and inside it too when not the binder's variable (μ in (x − μ)²), and the limits of
    /// their integrals and sums. A multiplier never appears in a constraint as the text states it.
    /// </summary>
    private HashSet<string> ConstraintData()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in _constraints)
        {
            if (c.Line <= SectionLine) continue;
            foreach (var side in new[] { c.Lhs, c.Rhs })
                foreach (var s in Traversal.FreeSymbols(side))
                    if (!s.Equals(Ex.Infinity) && !IndexedValue(side, s)) names.Add(s.Name);
        }
        return names;
    }

    /// <summary>p_k under Σ_k: a value of the density, indexed by the sum's index, never data.</summary>
    private static bool IndexedValue(Expr e, Sym s) => Traversal.Any(e, x =>
        x is RangedBinderNode binder && IndexedSums.IndexedBy(binder.Body, binder.Variable.Name) is { } name && Traversal.Any(binder.Body, y => y is Sym t && t.Equals(s) && t.Name == name));

    /// <summary>
    /// The refutation of a lone equation by the premises, confirmed as one no new equation of the system could escape: the
    /// data (the constraints' symbols and the limits) held, the premises determine the other symbols, and the statement fails
    /// at every solution found (ImplicationChecker.Determined). Null otherwise, and always with sums (written out, their
    /// lengths are data of another kind).
    /// </summary>
    private string? DeterminedUnknowns(List<WorkingEquation> premises, Expr lhs, Expr rhs, Verdict refuted, CancellationToken token)
    {
        if (refuted.Counterexample is not { } point || HasSum(lhs) || HasSum(rhs) || premises.Any(p => HasSum(p.Lhs) || HasSum(p.Rhs))) return null;
        var used = Solved([.. premises.Select(p => (p.Lhs, p.Rhs))], lhs, rhs);
        var data = ConstraintData();
        foreach (var name in LimitNames(used.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]))) data.Add(name);
        if (data.Count == 0) return null;
        _quadraturesLeft = QuadratureBudget;
        try
        {
            return ImplicationChecker.Determined(used, lhs, rhs, point, data, _scope.Assumptions, options.Seed, (e, symbols) => Quadrature(e, symbols, token));
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// "The constraint then reads ∫₀¹ t e^{η−1+κt} dt = t̄" after the density was solved for: an implication whose equations
    /// hold integrals of plain algebra, checked with them evaluated by quadrature, the equations being solved and the stated
    /// constraints (with the density written out) as premises. It confirms when it holds wherever they do; it refutes only
    /// when the cue claims it follows, no premise was set aside, and the premises determine its unknowns for the data
    /// (<see cref="DeterminedUnknowns"/>), so no equation SymKl does not hold could save it. Null when it cannot be evaluated.
    /// </summary>
    private Verdict? IntegralImplication(Expr lhs, Expr rhs, bool refutable, string cueText)
    {
        (lhs, rhs) = (Counted(Written(lhs)), Counted(Written(rhs)));
        if (!Algebraic(lhs) || !Algebraic(rhs) || HasSum(lhs) || HasSum(rhs)) return null;
        var written = _premises.Select(p => new WorkingEquation(Counted(Written(p.Lhs)), Counted(Written(p.Rhs)), 0, true)).ToList();
        var kept = written.Where(p => Algebraic(p.Lhs) && Algebraic(p.Rhs) && !HasSum(p.Lhs) && !HasSum(p.Rhs) && !p.Lhs.Equals(p.Rhs)).ToList();
        var complete = kept.Count == written.Count(p => !p.Lhs.Equals(p.Rhs));
        kept.InsertRange(0, ConstraintPremises(kept));
        if (kept.Count == 0 || !kept.Concat([new WorkingEquation(lhs, rhs, 0, true)]).Any(p => Traversal.Any(p.Lhs, x => x is Integral) || Traversal.Any(p.Rhs, x => x is Integral))) return null;
        using var budget = new WorkBudget("the check against the working equations", ConsequenceUnits, ConsequenceGuard);
        _quadratureMemo.Clear();
        _quadraturesLeft = QuadratureBudget;
        var premises = kept.Select(p => (p.Lhs, p.Rhs)).ToList();
        Verdict verdict;
        try
        {
            verdict = ImplicationChecker.Check(premises, lhs, rhs, _scope.Assumptions, mayRefute: true, cueText, options.Seed, _scope.Context.IsKnownFunction,
                (e, symbols) => Quadrature(e, symbols, budget.Token));
            if (verdict.Kind == VerdictKind.Confirmed)
                return verdict with { Reason = verdict.Reason + (complete ? "" : " (the equations SymKl can evaluate; the others set aside)") + ", integrals by quadrature" };
            if (verdict.Kind != VerdictKind.Refuted) return null;
            var determined = refutable && complete ? DeterminedUnknowns(kept, lhs, rhs, verdict, budget.Token) : null;
            if (determined is not null)
                return verdict with { Reason = verdict.Reason + " (integrals by quadrature), and they determine " + determined };
            // Not determined (or a premise set aside): it may be an equation of its own; the checks after this one decide.
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// A lone display checked against the working equations of this section only (a heading of any level starts one), for
    /// a refutation: when they hold at generic points where it fails and they determine its unknowns for the data
    /// (<see cref="DeterminedUnknowns"/>). Null otherwise, or when they are all the working equations (the check of
    /// <see cref="Consequence"/> already had them).
    /// </summary>
    private Verdict? SectionDetermined(Expr lhs, Expr rhs)
    {
        var usable = _working.Where(w => Algebraic(w.Lhs) && Algebraic(w.Rhs) && !Case(w.Lhs, w.Rhs)).ToList();
        var premises = usable.Where(w => w.Line > SectionLine).ToList();
        if (premises.Count == 0 || premises.Count == usable.Count || !Algebraic(lhs) || !Algebraic(rhs)) return null;
        if (HasSum(lhs) || HasSum(rhs) || premises.Any(p => HasSum(p.Lhs) || HasSum(p.Rhs)) || ShiftedMembers.Any([lhs, rhs]) || TwinNames(premises, lhs, rhs) is not null) return null;
        if (!WithinThisDerivation(premises, lhs, rhs)) return null;
        using var budget = new WorkBudget("the check against the working equations", ConsequenceUnits, ConsequenceGuard);
        _quadratureMemo.Clear();
        _quadraturesLeft = QuadratureBudget;
        try
        {
            var used = Solved([.. premises.Select(p => (p.Lhs, p.Rhs))], lhs, rhs);
            var verdict = ImplicationChecker.Check(used, lhs, rhs, _scope.Assumptions, mayRefute: true, cue: "", options.Seed, _scope.Context.IsKnownFunction,
                (e, symbols) => Quadrature(e, symbols, budget.Token));
            if (verdict.Kind != VerdictKind.Refuted || !CountsAreWhole(verdict, used.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]), WrittenLimits())) return null;
            var determined = DeterminedUnknowns(premises, lhs, rhs, verdict, budget.Token);
            return determined is null ? null : NotFollowing(verdict, premises) with { Reason = NotFollowing(verdict, premises).Reason + ", and they already determine " + determined };
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>What <see cref="DeterminedUnknowns"/> found for the latest consequence check (null when it found nothing).</summary>
    private string? _determined;

    /// <summary>The names in the limits of the integrals and sums of these equations (∫_a^b, Σ_{N=0}^{M}): the domain the text gives.</summary>
    private static IEnumerable<string> LimitNames(IEnumerable<Expr> expressions)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in expressions)
            Traversal.Any(e, n =>
            {
                if (n is RangedBinderNode ranged)
                    foreach (var bound in new[] { ranged.Lower, ranged.Upper })
                        if (bound is not null)
                            foreach (var s in Traversal.FreeSymbols(bound))
                                if (!s.Equals(Ex.Infinity)) names.Add(s.Name);
                return false;
            });
        return names;
    }
}
