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
/// hold satisfies it) is confirmed as their consequence. Never refuted on this reading: with no words to say so, a
/// display may equally start a new equation (a second constraint of a system), which need not follow.
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

    /// <summary>Checks a lone equation that failed as an identity against the working equations and remembers it as one of them.</summary>
    private Verdict? FollowsFromWorking(Expr lhs, Expr rhs, int line)
    {
        // The text's functions written out as defined now (p(x) = e^{1 − λ₀}): a later definition does not change an earlier equation.
        (lhs, rhs) = (Calculus.Instantiate(lhs, _scope.Context), Calculus.Instantiate(rhs, _scope.Context));
        var verdict = Consequence(lhs, rhs, out var followed);
        _working.Add(new WorkingEquation(lhs, rhs, line, followed));
        if (_working.Count > WorkingWindow) _working.RemoveAt(0);
        return verdict;
    }

    private Verdict? Consequence(Expr lhs, Expr rhs, out bool followed)
    {
        followed = true;
        // Algebra only: dropping a premise SymKl cannot solve (an integral) only weakens what may be concluded.
        // A symbol set to a number names a case (n = 2), which a general claim after it need not be about.
        var premises = _working.Where(w => Algebraic(w.Lhs) && Algebraic(w.Rhs) && !Case(w.Lhs, w.Rhs)).ToList();
        if (premises.Count == 0 || !Algebraic(lhs) || !Algebraic(rhs)) return null;
        using var budget = new CancellationTokenSource(ConsequenceBudget);
        _quadraturesLeft = QuadratureBudget;
        _quadratureMemo.Clear();
        try
        {
            var verdict = Check(premises);
            followed = verdict.Kind != VerdictKind.Refuted;
            if (verdict.Kind == VerdictKind.Confirmed) return Confirmed(verdict, premises);
            if (verdict.Reason is not (ImplicationChecker.NoPoints or ImplicationChecker.TooFewPoints)) return null;
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
            // The latest equations alone: a worked solution usually follows from the line just before it.
            for (var count = 1; count <= Math.Min(SuffixAttempts, premises.Count - 1); count++)
            {
                var latest = premises.Skip(premises.Count - count).ToList();
                if (Check(latest) is { Kind: VerdictKind.Confirmed } confirmed) return Confirmed(confirmed, latest);
            }
            return null;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested || _quadraturesLeft < 0)
        {
            return null;
        }

        Verdict Check(List<WorkingEquation> from) =>
            ImplicationChecker.Check([.. from.Select(p => (p.Lhs, p.Rhs))], lhs, rhs, _scope.Assumptions, mayRefute: true, cue: "", options.Seed, _scope.Context.IsKnownFunction,
                (e, symbols) => Quadrature(e, symbols, budget.Token));
    }

    private static Verdict Confirmed(Verdict verdict, List<WorkingEquation> premises)
    {
        var lines = premises.Select(p => p.Line).Distinct().Select(l => l.ToString(CultureInfo.InvariantCulture)).ToList();
        return verdict with
        {
            Reason = "it is not an identity, but it follows from the equations the text is working with (line" + (lines.Count > 1 ? "s " : " ") + string.Join(", ", lines) +
                "): it " + verdict.Reason,
        };
    }

    private static bool Case(Expr lhs, Expr rhs) =>
        lhs is Sym && Traversal.FreeSymbols(rhs).Count == 0 || rhs is Sym && Traversal.FreeSymbols(lhs).Count == 0;

    /// <summary>
    /// A heading of level 1 or 2 starts another derivation; deeper ones ("### Satisfy the constraint") divide the steps of
    /// one, whose working equations carry on.
    /// </summary>
    private void ForgetWorkingAt(int level)
    {
        if (level <= 2) _working.Clear();
    }

    /// <summary>Algebra and integrals of algebra (∫ e^{−λ₁z²} dz): what the consequence check can evaluate at a point.</summary>
    private bool Algebraic(Expr e) => !Traversal.Any(e, x => x is Summation or IndexedProduct or Expectation or Functional
        || x is Integral ig && Traversal.Any(ig.Body, y => y is BinderNode or Functional or Apply)
        || x is Apply ap && _scope.Context.IsKnownFunction(ap.Name));

    /// <summary>
    /// Quadratures one consequence check may use (every point on the equations costs several): the budget that decides,
    /// the same on every machine. The wall-clock one only guards against a pathological integrand.
    /// </summary>
    private const int QuadratureBudget = 20_000;
    private static readonly TimeSpan ConsequenceBudget = TimeSpan.FromSeconds(30);
    private int _quadraturesLeft;

    /// <summary>Relative accuracy a quadrature must reach to count: the points on the equations are found to 1e-10.</summary>
    private const double QuadratureAccuracy = 1e-11;

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
}
