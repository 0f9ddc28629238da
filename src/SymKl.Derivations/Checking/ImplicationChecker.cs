using System.Globalization;
using SymKl.Symbolic;

namespace SymKl.Derivations.Checking;

/// <summary>
/// Checks that an equation follows from the equations before it (E₁ ∧ … ∧ Eₖ ⇒ E): it holds when every
/// admissible point satisfying the premises satisfies E. Points on the premises are found by Gauss–Newton from
/// random admissible starts (all symbols move; the minimum-norm step lands near the start, so the starts spread
/// the points over the solution set). A refutation is such a point, verified: every premise holds there to
/// 1e-10 (relative to its terms) and E fails by more than 1e-3. Algebraic equations only; every loop has a budget.
/// </summary>
public static partial class ImplicationChecker
{
    private const int Starts = 48;
    private const int Iterations = 60;
    private const int WantedPoints = 12;
    private const double PremiseTolerance = 1e-10;
    private const double AgreeTolerance = 1e-7;
    private const double ViolationTolerance = 1e-3;
    private const int MinimumViolations = 3;
    private const int SquareAttempts = 3;
    private const double DegenerateFactor = 1e-8;

    /// <summary>The reasons when the equations before it have no (or too few) common solutions SymKl could find.</summary>
    public const string NoPoints = "could not find points where the equations before it hold";
    public const string TooFewPoints = "found too few points where the equations before it hold";
    /// <summary>The start of the reason when the equations before it disagree with each other (or SymKl could not tell within its budget).</summary>
    public const string Disagree = "the equations before it may disagree with each other";
    public const string NotAlgebra = "it contains integrals, sums or functions the text defines; SymKl solves only algebraic equations";

    private static readonly System.Text.RegularExpressions.Regex SolutionName = new(
        @"^(?:\\hat\{(?<base>[^{}]+)\}|(?<base>.+?)\^\{?(?:\*|\\ast|\\star)\}?)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// "k/p − (n − k)/(1 − p) = 0 ⟹ p̂ = k/n": p̂ (or p*) names the value of p that solves the equations, so the conclusion
    /// is about p. Only a hatted or starred name whose base the equations mention and the conclusion does not; confirm-only.
    /// </summary>
    private static Dictionary<Sym, Expr> SolutionNames(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs)
    {
        var mentioned = new HashSet<string>(premises.SelectMany(p => Traversal.FreeSymbols(p.Lhs).Concat(Traversal.FreeSymbols(p.Rhs))).Select(s => s.Name), StringComparer.Ordinal);
        var stated = Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Distinct().ToList();
        var names = new HashSet<string>(stated.Select(s => s.Name), StringComparer.Ordinal);
        var map = new Dictionary<Sym, Expr>();
        foreach (var s in stated)
            if (!mentioned.Contains(s.Name) && SolutionName.Match(s.Name) is { Success: true } m && m.Groups["base"].Value is var b && mentioned.Contains(b) && !names.Contains(b))
                map[s] = Ex.Sym(b);
        return map;
    }

    /// <summary>An expression the checker can evaluate: no sums, functionals or applications of the text's functions (integrals of plain algebra when allowed).</summary>
    public static bool Solvable(Expr e, Func<string, bool>? isDefined, bool integrals = false) =>
        !Traversal.Any(e, x => x is BinderNode && (!integrals || !PlainIntegral(x)) || x is Functional || x is Apply ap && (isDefined is null || isDefined(ap.Name)));

    /// <param name="rootsRefute">False where no arrow says the statement is drawn from the equations (the equations a
    /// section is working with): a value of u_k that solves no equation in u may then be another quantity's, so it does not refute.</param>
    /// <param name="mayRefute">False when the words before the equation bring in something the premises do not say
    /// ("summing", "by symmetry"): a failure is then unsupported, never refuted.</param>
    /// <param name="isDefined">Functions the text defines: an equation applying one is not solved here (its value is not free).
    /// Any other application (p(x) of an unknown density) is an unknown quantity of its own, the same wherever it recurs.</param>
    /// <param name="integrals">Evaluates an expression with integrals at a point (quadrature), when the caller allows them:
    /// their bodies must then be plain algebra in the integration variable and the symbols. Null: algebraic equations only.</param>
    public static Verdict Check(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs, Assumptions assumptions, bool mayRefute, string cue, int seed = 0x5EED, Func<string, bool>? isDefined = null,
        Func<Expr, IReadOnlyList<Sym>, Func<double[], double>>? integrals = null, bool rootsRefute = true)
    {
        // λ_2 = 1 after (λ − 1)² = 0: the indexed name is a root of the equation (ImplicationChecker.IndexedRoots).
        if (IndexedRootValue(premises, lhs, rhs) is { } root)
            return root.Kind == VerdictKind.Refuted && !(mayRefute && rootsRefute)
                ? Unsupported(root.Reason + "; not refuted (the indexed name may mean something else here)")
                : root;
        // p̂ read as p: a reading, so it may confirm but never refute (ŷ after equations in y may be another quantity).
        var solutions = SolutionNames(premises, lhs, rhs);
        if (solutions.Count > 0)
        {
            (lhs, rhs) = (Traversal.Substitute(lhs, solutions), Traversal.Substitute(rhs, solutions));
            mayRefute = false;
        }
        var verdict = CheckCore(premises, lhs, rhs, assumptions, mayRefute, cue, seed, isDefined, integrals);
        return verdict.Holds && solutions.Count > 0
            ? verdict with { Reason = "reading " + string.Join(", ", solutions.Select(kv => kv.Key.Name + " as the value of " + LatexPrinter.Print(kv.Value))) + " that solves the equations: " + verdict.Reason }
            : verdict;
    }

    /// <summary>
    /// The equations hold sums, integrals or the text's functions (k := Σᵢ xᵢ inside ℓ'(θ) = k/θ − (n − k)/(1 − θ)): each such
    /// term, wherever it recurs, is held as one unknown number and the algebra around it is checked. What follows for every
    /// value of those numbers follows for the values they have, so a success confirms; a failure may come from a value they
    /// cannot take, so it refutes nothing.
    /// </summary>
    public static Verdict CheckWithTermsHeld(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs, Assumptions assumptions, string cue, int seed, Func<string, bool>? isDefined)
    {
        var held = new Dictionary<Expr, Expr>();
        Expr Hold(Expr e)
        {
            if (e is BinderNode or Functional || e is Apply ap && isDefined is not null && isDefined(ap.Name))
                return held.TryGetValue(e, out var u) ? u : held[e] = Ex.Sym("⟨" + LatexPrinter.Print(e) + "⟩");
            if (e.Children.Count == 0) return e;
            var kids = e.Children.Select(Hold).ToArray();
            return kids.Where((k, i) => !ReferenceEquals(k, e.Children[i])).Any() ? Ex.Rebuild(e, kids) : e;
        }
        var written = premises.Select(p => (Hold(p.Lhs), Hold(p.Rhs))).ToList();
        var (l, r) = (Hold(lhs), Hold(rhs));
        if (held.Count == 0) return Unsupported(NotAlgebra);
        var verdict = Check(written, l, r, assumptions, mayRefute: false, cue, seed, isDefined);
        return verdict.Holds
            ? verdict with { Reason = verdict.Reason + " (with " + string.Join(", ", held.Keys.Select(LatexPrinter.Print)) + (held.Count == 1 ? " held as an unknown number)" : " each held as an unknown number)") }
            : Unsupported(NotAlgebra);
    }

    private static Verdict CheckCore(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs, Assumptions assumptions, bool mayRefute, string cue, int seed, Func<string, bool>? isDefined,
        Func<Expr, IReadOnlyList<Sym>, Func<double[], double>>? integrals)
    {
        var all = premises.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]).ToList();
        if (!all.All(e => Solvable(e, isDefined, integrals is not null)))
            return Unsupported(NotAlgebra);
        var unknowns = new Dictionary<Expr, Expr>();
        Expr Opaque(Expr e)
        {
            if (e is Apply ap)
                return unknowns.TryGetValue(ap, out var u) ? u : unknowns[ap] = Ex.Sym(LatexPrinter.Print(ap));
            if (e.Children.Count == 0) return e;
            var kids = e.Children.Select(Opaque).ToArray();
            return kids.Where((k, i) => !ReferenceEquals(k, e.Children[i])).Any() ? Ex.Rebuild(e, kids) : e;
        }
        premises = [.. premises.Select(p => (Opaque(p.Lhs), Opaque(p.Rhs)))];
        (lhs, rhs) = (Opaque(lhs), Opaque(rhs));
        all = premises.SelectMany(p => new[] { p.Lhs, p.Rhs }).Concat([lhs, rhs]).ToList();
        var symbols = all.SelectMany(Traversal.FreeSymbols).Distinct().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Func<double[], double> One(Expr e) => integrals is not null && Traversal.Any(e, x => x is BinderNode) ? integrals(e, symbols) : ExprCompiler.Compile(e, symbols);
        List<Func<double[], double>> Compile(IEnumerable<Expr> es) => es.Select(One).ToList();
        List<Func<double[], double>> pl, pr, factors;
        Func<double[], double> cl, cr;
        try
        {
            factors = Compile(premises.SelectMany(Factors));
            pl = Compile(premises.Select(p => p.Lhs));
            pr = Compile(premises.Select(p => p.Rhs));
            cl = One(lhs);
            cr = One(rhs);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return Unsupported("cannot evaluate it numerically (" + ex.Message + ")");
        }
        // Integer symbols (n ∈ ℕ) stay at their drawn values: Newton moves only continuous ones.
        var movable = symbols.Select((s, i) => (s, i)).Where(t => !assumptions.IsInteger(t.s)).Select(t => t.i).ToArray();
        var sampler = new Sampler(seed, assumptions);
        var agreeing = 0;
        var violating = 0;
        (double[] Point, double Lhs, double Rhs)? firstViolation = null;
        // The conclusion's own symbols held at their draws, the others moving: when the equations can be met that way, the
        // conclusion's symbols are free parameters of them (p̄ and k beside λ₀, λ₁ determined by p̄), and every point is a
        // generic one for the conclusion, not one Newton slid onto.
        var own = new HashSet<Sym>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)));
        var others = movable.Where(i => !own.Contains(symbols[i])).ToArray();
        var unconventional = assumptions.WithoutConventions();
        // A second pass, only when the first found too few points and none against: square Newton systems. A third, when
        // the first two found too few points to decide either way: the conclusion's symbols held.
        for (var pass = 0; pass < 3; pass++)
        {
            if (pass == 1 && !(agreeing < WantedPoints / 2 && violating == 0 && pl.Count < movable.Length)) continue;
            if (pass == 2 && !(agreeing < WantedPoints / 2 && violating < MinimumViolations && others.Length > 0 && others.Length < movable.Length)) continue;
            for (var start = 0; start < Starts && agreeing < WantedPoints && violating < WantedPoints; start++)
            {
                var drawn = symbols.Select(sampler.Draw).ToArray();
                if ((pass == 2 ? OnPremisesHeld(drawn) : OnPremises(drawn, start, square: pass == 1)) is not { } x) continue;
                // (k − 2)(ln v + 1 + μ) = 0 met by k = 2: a degenerate case the text sets aside by dividing by k − 2.
                if (factors.Any(f => Math.Abs(f(x)) <= DegenerateFactor)) continue;
                var a = cl(x);
                var b = cr(x);
                if (!IsFinite(a) || !IsFinite(b)) continue;
                var scale = Math.Max(Math.Abs(a) + Math.Abs(b), 1e-3);
                var gap = Math.Abs(a - b);
                if (gap <= AgreeTolerance * scale) { agreeing++; continue; }
                if (gap <= ViolationTolerance * scale) continue;
                violating++;
                firstViolation ??= (x, a, b);
            }
        }
        double[]? OnPremisesHeld(double[] drawn)
        {
            foreach (var from in new[] { drawn, [.. drawn.Select(Math.Abs)] })
            {
                var x = (double[])from.Clone();
                // The moving symbols are determined by the equations: no sign by convention for them (a Lagrange
                // multiplier λ is not a rate); the held ones keep theirs, drawn in their domains.
                if (Solve(x, others, pl, pr, symbols, unconventional)) return x;
            }
            return null;
        }
        double[]? OnPremises(double[] drawn, int start, bool square)
        {
            // Equations with logarithms and roots (log p, √σ²) are undefined at half the draws: the same start with
            // every value made positive, where probabilities, spreads and counts live.
            foreach (var from in new[] { drawn, [.. drawn.Select(Math.Abs)] })
            {
                var x = (double[])from.Clone();
                if (!square && Solve(x, movable, pl, pr, symbols, assumptions)) return x;
                // All symbols moving at once can slide onto a degenerate branch ((m − 1)(…) = 0 at m = 1), where the
                // Jacobian is singular and the steps crawl: as many symbols as equations moving, the others held at
                // their draws (a square Newton system), for a few choices of which.
                if (!square) continue;
                var choice = new Random(seed ^ (start * 7919));
                for (var attempt = 0; attempt < SquareAttempts; attempt++)
                {
                    var some = movable.OrderBy(_ => choice.Next()).Take(pl.Count).OrderBy(i => i).ToArray();
                    x = (double[])from.Clone();
                    if (Solve(x, some, pl, pr, symbols, assumptions)) return x;
                }
            }
            return null;
        }
        if (firstViolation is { } v)
        {
            if (!mayRefute)
                return Unsupported("it does not follow from the equations before it by algebra alone; '" + cue + "' brings in something SymKl cannot follow");
            var values = symbols.Select((s, i) => new KeyValuePair<string, double>(s.Name, v.Point[i])).ToList();
            // A wrong conclusion fails almost everywhere on the premises. Failing at a minority of points is a special
            // case (n = 2, where the premises hold for every u) or another root, which the text may exclude tacitly.
            // A symbol the equations before it never mention (p after "if m = 1, then p = ½"): they cannot determine it, so the
            // text draws its value from something said earlier that SymKl no longer holds as a premise. Not refuted.
            var mentioned = new HashSet<Sym>(premises.SelectMany(p => Traversal.FreeSymbols(p.Lhs).Concat(Traversal.FreeSymbols(p.Rhs))));
            var strangers = Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Where(s => !mentioned.Contains(s)).Select(s => s.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (strangers.Count > 0 && violating > agreeing)
                return Unsupported("it does not follow from the equations before it, which do not mention " + string.Join(", ", strangers) + "; the text takes its value from something said earlier that SymKl does not hold as a premise");
            if (violating >= MinimumViolations && violating > agreeing)
                return new Verdict(VerdictKind.Refuted, "it does not follow from the equations before it: they hold at this point and it does not", null, new Counterexample(values, v.Lhs, v.Rhs), agreeing + violating);
            return Unsupported("it holds at " + agreeing.ToString(CultureInfo.InvariantCulture) + " points where the equations before it hold but fails at " +
                violating.ToString(CultureInfo.InvariantCulture) + " (" + string.Join(", ", values.Select(kv => kv.Key + " = " + kv.Value.ToString("G6", CultureInfo.InvariantCulture))) +
                "): a special case or another solution, which the text may exclude");
        }
        if (agreeing >= WantedPoints / 2)
        {
            string? pinned;
            try
            {
                pinned = PinnedLimits(premises, lhs, rhs, symbols, movable, sampler, pl, pr, assumptions);
            }
            catch (OperationCanceledException)
            {
                return Unsupported(Disagree + ": SymKl ran out of its budget before it could tell whether they hold with the limits of their integrals at generic values");
            }
            if (pinned is not null)
                return Unsupported(Disagree + ": they hold only where " + pinned + " take special values (with them at generic values no point satisfies them all), so there is a slip among them, and points on them confirm nothing");
            return new Verdict(VerdictKind.Confirmed, "holds at " + agreeing.ToString(CultureInfo.InvariantCulture) + " points where the equations before it hold", null, null, agreeing);
        }
        return Unsupported(agreeing == 0 ? NoPoints : TooFewPoints);
    }

    /// <summary>
    /// The equations among <paramref name="premises"/> with integrals or sums over symbolic limits, on their own: the names of
    /// limits they pin (they hold with everything moving, but with the limits held at generic values no point satisfies
    /// them all), or null. For the fallbacks of a consequence check, which draw on fewer equations: when the equations
    /// disagree with each other, a conclusion from some of them may come from the slip.
    /// </summary>
    public static string? LimitsPinnedBy(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Assumptions assumptions, int seed, Func<Expr, IReadOnlyList<Sym>, Func<double[], double>> integrals)
    {
        // Limits with a name in them (∫_a^b), not the whole line (±∞).
        static bool Ranged(Expr e) => Traversal.Any(e, n => n is RangedBinderNode r && new[] { r.Lower, r.Upper }.Any(b => b is not null && Traversal.FreeSymbols(b).Any(s => !s.Equals(Ex.Infinity))));
        var ranged = premises.Where(p => Ranged(p.Lhs) || Ranged(p.Rhs)).ToList();
        if (ranged.Count < 2 || !ranged.SelectMany(p => new[] { p.Lhs, p.Rhs }).All(e => Solvable(e, null, integrals: true))) return null;
        var symbols = ranged.SelectMany(p => Traversal.FreeSymbols(p.Lhs).Concat(Traversal.FreeSymbols(p.Rhs))).Distinct().OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        Func<double[], double> One(Expr e) => Traversal.Any(e, x => x is BinderNode) ? integrals(e, symbols) : ExprCompiler.Compile(e, symbols);
        List<Func<double[], double>> pl, pr;
        try
        {
            pl = [.. ranged.Select(p => One(p.Lhs))];
            pr = [.. ranged.Select(p => One(p.Rhs))];
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
        var movable = symbols.Select((x, i) => (x, i)).Where(t => !assumptions.IsInteger(t.x)).Select(t => t.i).ToArray();
        var sampler = new Sampler(seed, assumptions);
        var free = assumptions.WithoutConventions();
        // Only equations that can be met at all: none found says nothing about which of them is the slip.
        var met = false;
        for (var start = 0; start < LimitStarts && !met; start++)
        {
            var drawn = symbols.Select(sampler.Draw).ToArray();
            foreach (var from in new[] { drawn, [.. drawn.Select(Math.Abs)] })
                if (!met && Solve((double[])from.Clone(), movable, pl, pr, symbols, free)) met = true;
        }
        return met ? PinnedLimits(ranged, Ex.Zero, Ex.Zero, symbols, movable, sampler, pl, pr, assumptions) : null;
    }

    /// <summary>Starts tried with the limits held before the equations count as pinning them.</summary>
    private const int LimitStarts = 12;

    /// <summary>
    /// The limits of the integrals and sums in the equations (∫_a^b, Σ_{i=1}^{n}) are the domain the text gives, not unknowns
    /// it solves for: the multipliers are determined for whatever a and b are. When the equations can be met only with the
    /// limits moved onto a special relation (b − a = 1, forced by ∫_a^b e^{λ−1} dx = 1 beside a mistyped ∫_a^b e^{1−λ} dx = 1),
    /// they disagree with each other, and a conclusion that "follows" at those points is tested only there. The names of
    /// such limits, or null when the equations can be met with them at generic values (or there are none). A limit the
    /// conclusion solves for (c = √2 after ∫_0^c x dx = 1) is the text's unknown, and moves.
    /// </summary>
    private static string? PinnedLimits(IReadOnlyList<(Expr Lhs, Expr Rhs)> premises, Expr lhs, Expr rhs, IReadOnlyList<Sym> symbols, int[] movable, Sampler sampler,
        List<Func<double[], double>> pl, List<Func<double[], double>> pr, Assumptions assumptions)
    {
        var limits = new HashSet<Sym>();
        foreach (var e in premises.SelectMany(p => new[] { p.Lhs, p.Rhs }))
            Traversal.Any(e, n =>
            {
                if (n is RangedBinderNode ranged)
                    foreach (var bound in new[] { ranged.Lower, ranged.Upper })
                        if (bound is not null)
                            foreach (var s in Traversal.FreeSymbols(bound))
                                if (!s.Equals(Ex.Infinity)) limits.Add(s);
                return false;
            });
        if (lhs is Sym solvedLeft) limits.Remove(solvedLeft);
        if (rhs is Sym solvedRight) limits.Remove(solvedRight);
        var held = movable.Where(i => limits.Contains(symbols[i])).ToArray();
        if (held.Length == 0) return null;
        var moving = movable.Where(i => !limits.Contains(symbols[i])).ToArray();
        for (var start = 0; start < LimitStarts; start++)
        {
            var drawn = symbols.Select(sampler.Draw).ToArray();
            foreach (var from in new[] { drawn, [.. drawn.Select(Math.Abs)] })
            {
                var x = (double[])from.Clone();
                // The moving symbols are determined by the equations: no sign by convention for them.
                if (Solve(x, moving, pl, pr, symbols, assumptions.WithoutConventions())) return null;
            }
        }
        return string.Join(", ", held.Select(i => symbols[i].Name));
    }

    /// <summary>
    /// The factors of a premise written as a product set to zero that name a special case: a factor in one symbol
    /// ((k − 2), (m + 1)) beside a factor in others, the equation the text solves after dividing by it.
    /// </summary>
    private static IEnumerable<Expr> Factors((Expr Lhs, Expr Rhs) premise)
    {
        var product = premise switch
        {
            (Mul m, var z) when z.Equals(Ex.Zero) => m,
            (var z, Mul m) when z.Equals(Ex.Zero) => m,
            _ => null,
        };
        if (product is null) yield break;
        foreach (var f in product.Factors)
        {
            var own = Traversal.FreeSymbols(f);
            if (own.Count == 1 && product.Factors.Any(g => !ReferenceEquals(g, f) && Traversal.FreeSymbols(g).Any(s => !own.Contains(s)))) yield return f;
        }
    }

    private static Verdict Unsupported(string reason) => new(VerdictKind.Unsupported, reason, null, null, 0);

    /// <summary>An integral of plain algebra (no nested integral, sum, density or function application).</summary>
    private static bool PlainIntegral(Expr e) =>
        e is Integral ig && !Traversal.Any(ig.Body, x => x is BinderNode or Functional or Apply)
        && new[] { ig.Lower, ig.Upper }.All(l => l is null || !Traversal.Any(l, x => x is BinderNode or Functional or Apply));

    /// <summary>Gauss–Newton with the minimum-norm step Δ = −Jᵀ(JJᵀ + μI)⁻¹F, backtracking to stay admissible; true when every premise holds.</summary>
    private static bool Solve(double[] x, int[] movable, List<Func<double[], double>> pl, List<Func<double[], double>> pr, IReadOnlyList<Sym> symbols, Assumptions assumptions)
    {
        var m = pl.Count;
        if (m == 0) return true;
        var f = new double[m];
        var j = new double[m, movable.Length];
        for (var iteration = 0; iteration <= Iterations; iteration++)
        {
            // One unit of work (WorkBudget) per evaluation of a premise's sides: residuals, Jacobian columns, a trial step.
            WorkBudget.Charge((long)m * (movable.Length + 2));
            if (!Residuals(x, pl, pr, f, out var converged)) return false;
            if (converged) return Admissible(x, symbols, assumptions);
            if (iteration == Iterations || movable.Length == 0) return false;
            for (var c = 0; c < movable.Length; c++)
            {
                var k = movable[c];
                var h = 1e-7 * Math.Max(1, Math.Abs(x[k]));
                var keep = x[k];
                x[k] = keep + h;
                for (var r = 0; r < m; r++) j[r, c] = (pl[r](x) - pr[r](x) - f[r]) / h;
                x[k] = keep;
            }
            var step = MinimumNormStep(j, f, m, movable.Length);
            if (step is null) return false;
            var accepted = false;
            var before = Norm(f);
            for (var t = 1.0; t > 1e-4 && !accepted; t /= 2)
            {
                var trial = (double[])x.Clone();
                for (var c = 0; c < movable.Length; c++) trial[movable[c]] -= t * step[c];
                if (!Admissible(trial, symbols, assumptions)) continue;
                var g = new double[m];
                if (!Residuals(trial, pl, pr, g, out _) || Norm(g) >= before) continue;
                Array.Copy(trial, x, x.Length);
                accepted = true;
            }
            if (!accepted) return false;
        }
        return false;
    }

    /// <summary>F = lhs − rhs of every premise; converged when each is within the tolerance of its terms.</summary>
    private static bool Residuals(double[] x, List<Func<double[], double>> pl, List<Func<double[], double>> pr, double[] f, out bool converged)
    {
        converged = true;
        for (var r = 0; r < pl.Count; r++)
        {
            var a = pl[r](x);
            var b = pr[r](x);
            if (!IsFinite(a) || !IsFinite(b)) return false;
            f[r] = a - b;
            if (Math.Abs(f[r]) > PremiseTolerance * Math.Max(Math.Abs(a) + Math.Abs(b), 1)) converged = false;
        }
        return true;
    }

    private static double[]? MinimumNormStep(double[,] j, double[] f, int m, int n)
    {
        // More equations than moving symbols (a worked solution restated, the conclusion's symbols held): JJᵀ is singular
        // there, and the least-squares step (JᵀJ + μI)⁻¹JᵀF reaches the points where consistent equations all hold.
        if (m > n)
        {
            var normal = new double[n, n + 1];
            for (var r = 0; r < n; r++)
            {
                for (var s = 0; s < n; s++)
                {
                    var sum = 0.0;
                    for (var k = 0; k < m; k++) sum += j[k, r] * j[k, s];
                    normal[r, s] = sum;
                }
                var g = 0.0;
                for (var k = 0; k < m; k++) g += j[k, r] * f[k];
                normal[r, n] = g;
            }
            return Regularised(normal, n) is { } delta && delta.All(IsFinite) ? delta : null;
        }
        // A = JJᵀ + μI (m × m), solve A y = F, Δ = Jᵀ y.
        var a = new double[m, m + 1];
        for (var r = 0; r < m; r++)
        {
            for (var s = 0; s < m; s++)
            {
                var sum = 0.0;
                for (var c = 0; c < n; c++) sum += j[r, c] * j[s, c];
                a[r, s] = sum;
            }
            a[r, m] = f[r];
        }
        if (Regularised(a, m) is not { } y) return null;
        var step = new double[n];
        for (var c = 0; c < n; c++)
        {
            var sum = 0.0;
            for (var r = 0; r < m; r++) sum += j[r, c] * y[r];
            step[c] = sum;
        }
        return step.All(IsFinite) ? step : null;
    }

    /// <summary>
    /// Solves (A + μI) y = b for the k × (k + 1) augmented matrix [A | b] (A symmetric positive semidefinite), μ = 10⁻¹² tr A,
    /// by Gauss–Jordan elimination with partial pivoting (in place); null when A is zero, infinite or singular.
    /// </summary>
    private static double[]? Regularised(double[,] a, int k)
    {
        var trace = 0.0;
        for (var r = 0; r < k; r++) trace += a[r, r];
        if (!(trace > 0) || double.IsInfinity(trace)) return null;
        for (var r = 0; r < k; r++) a[r, r] += 1e-12 * trace;
        for (var col = 0; col < k; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < k; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (a[pivot, col] == 0) return null;
            for (var c = 0; c <= k; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            for (var r = 0; r < k; r++)
            {
                if (r == col) continue;
                var factor = a[r, col] / a[col, col];
                for (var c = col; c <= k; c++) a[r, c] -= factor * a[col, c];
            }
        }
        var y = new double[k];
        for (var r = 0; r < k; r++) y[r] = a[r, k] / a[r, r];
        return y;
    }

    private static bool Admissible(double[] x, IReadOnlyList<Sym> symbols, Assumptions assumptions)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (!IsFinite(x[i])) return false;
            var ok = assumptions.DomainOf(symbols[i]) switch
            {
                Domain.Positive or Domain.PositiveInteger => x[i] > 0,
                Domain.NonNegative or Domain.NonNegativeInteger => x[i] >= 0,
                Domain.Negative => x[i] < 0,
                Domain.UnitInterval => x[i] > 0 && x[i] < 1,
                Domain.NonZero => x[i] != 0,
                _ => true,
            };
            if (!ok) return false;
        }
        var names = symbols.Select((s, i) => (s.Name, i)).ToDictionary(t => t.Name, t => t.i, StringComparer.Ordinal);
        return assumptions.Admits(n => names.TryGetValue(n, out var i) ? x[i] : null);
    }

    private static double Norm(double[] f) => Math.Sqrt(f.Sum(v => v * v));

    private static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);
}
