using SymKl.Latex.Binding;
using SymKl.Derivations.Checking;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>The two sides as checked (the text's definitions substituted) and as written.</summary>
internal readonly record struct ClaimSides(Expr Lhs, Expr Rhs, Expr WrittenLhs, Expr WrittenRhs);

/// <summary>Where a statement stands, which decides how much a failure at a sample point proves.</summary>
internal enum StatementPlace
{
    /// <summary>A link of a chain (a = b = c, or a display continuing the previous one): a rewrite, claimed for all values.</summary>
    ChainLink,

    /// <summary>A relation alone in its display or sentence: an identity, or an equation or condition the text is working with.</summary>
    Standalone,

    /// <summary>The words before it claim it for all values ("for every real x", "the identity").</summary>
    Universal,
}

/// <summary>
/// Second thoughts before a refutation of a document's statement is reported. A failure at a sample point refutes a
/// statement only when the statement is certainly claimed for every value of its symbols. Real writing also states
/// values (p = 1/2, λ₀ = 1 − log(b − a)), cases (x = 0), equations being solved and conditions (b − a &lt; 1), and
/// leaves domains implicit (log₂ p with p a probability). Those read as identities fail, yet nothing is wrong; so
/// each of the readings below turns such a refutation into <c>unsupported</c>, saying why. A lone relation whose two
/// sides are in the same symbols is a rewrite and keeps its refutation. A standalone equation that
/// has no solution at all is wrong under every reading and stays refuted. The command line's single step
/// (<c>symkl equal</c>) states an identity outright and is not reviewed.
/// </summary>
internal static class ClaimReading
{
    /// <param name="readAsEquation">True when the refutation was withdrawn because the statement reads as an equation the
    /// text is working with (a value, a case, an equation being solved): its symbols are then unknowns of the text.</param>
    /// <param name="lawParameter">True for a symbol the document's definitions use (λ in p(x) = λe^{−λx}): a parameter of the text.</param>
    /// <param name="evaluatedFunction">True for a function defined in force by a formula in its parameters alone: written at
    /// numbers (h(1) = 2e) it is a value to check, not a value the statement gives the name.</param>
    public static Verdict Review(Verdict verdict, ClaimSides sides, Relation relation, StatementPlace place, Assumptions assumptions, DistributionContext context, int seed, out bool readAsEquation,
        Func<string, bool>? lawParameter = null, Func<string, bool>? evaluatedFunction = null)
    {
        readAsEquation = false;
        if (verdict.Kind != VerdictKind.Refuted) return verdict;
        var reviewed = ReviewRefutation(verdict, sides, relation, place, assumptions, context, seed, out var equation, lawParameter ?? (_ => false), evaluatedFunction ?? (_ => false));
        readAsEquation = equation && reviewed.Kind == VerdictKind.Unsupported;
        return reviewed;
    }

    private static Verdict ReviewRefutation(Verdict verdict, ClaimSides sides, Relation relation, StatementPlace place, Assumptions assumptions, DistributionContext context, int seed, out bool equation,
        Func<string, bool> lawParameter, Func<string, bool> evaluatedFunction)
    {
        equation = relation == Relation.Equal;
        var (lhs, rhs) = (sides.Lhs, sides.Rhs);
        var ce = verdict.Counterexample;

        // p = 0 after p = 1/2 was defined: a case of a name the text has given a value, not a claim about it.
        foreach (var (written, checkedSide) in new[] { (sides.WrittenLhs, lhs), (sides.WrittenRhs, rhs) })
            if (relation == Relation.Equal && written is Sym defined && OpaqueTerms.Find(defined) is null && !written.Equals(checkedSide))
                return Unsupported(verdict, "it gives " + defined.Name + ", which the text defined earlier, another value (a case, or a new meaning), rather than claiming an identity");

        // The sides agree wherever both are defined; they differ only in where they are defined (log x² and 2 log x).
        if (ce is not null && (double.IsNaN(ce.Lhs) || double.IsNaN(ce.Rhs)))
            return NotAnEquation(out equation, verdict, "the " + (double.IsNaN(ce.Rhs) ? "right" : "left") + " side is undefined at " + Point(ce) +
                " where the other is defined; the text may take a domain for granted (state it, e.g. x > 0, to decide the step)");

        // σ, α, P in √(P²) = P: texts leave the sign of their parameters implicit, and nearly always mean them positive. A
        // failure only where a symbol of no stated domain is negative or zero shows a domain the text takes for granted,
        // not a mistake; the statement is checked again with those symbols positive, and stays refuted only when it fails there too.
        if (place != StatementPlace.Universal && SignsTakenForGranted(verdict, lhs, relation, rhs, assumptions, context, seed) is { } granted)
        {
            equation = false;
            return granted;
        }

        // p(x), p(x, z) and p(x | z) are one model's marginal, joint and conditional; random independent densities in
        // their place break the rules that tie them (p(x, z) = p(x | z) p(z)), so a failure proves nothing.
        if (RelatedDensities(lhs, rhs, context) is { } model)
            return NotAnEquation(out equation, verdict, "it relates " + model + " at different arguments (a joint, its marginals and conditionals), which SymKl instantiates as unrelated random densities; the failure does not show a mistake");

        if (place == StatementPlace.Universal) return verdict;

        // x = 0, t = 1, σ_t² = 0: a symbol (or a power of one) and a number written side by side name a case or a value.
        if (relation == Relation.Equal && (NamedValue(sides.WrittenLhs, lhs) && sides.WrittenRhs is Num || NamedValue(sides.WrittenRhs, rhs) && sides.WrittenLhs is Num))
            return Unsupported(verdict, "a symbol set equal to a number names a case or a value, not an identity");

        // …unless the name is a density the text has already stated a law for: after q(x) = 𝒩(x | μ₂, σ₂²), an equation
        // about q(x) (p(x) q(x)/p(x) = …, which the kernel reads as q(x)) is a claim about that law, not a value for q.
        // …nor for a parameter of the text's laws that the other side is written in too (∫₀^∞ x λe^{−λx} dx = λ after
        // p(x) = λe^{−λx}): an equation in λ stated without a word of solving is a claim about the law (its mean). So is
        // one in a parameter the text gave a domain (θ > 0): ∫₀^∞ xθe^{−θx} dx = θ is a claim in θ, not a value for it.
        if (relation == Relation.Equal && !WrittenLimit(sides) && (NameOf(lhs) ?? NameOf(rhs)) is { } name && context.Resolve(name) is null
            && !((lawParameter(name) || assumptions.Declared.ContainsKey(name)) && Traversal.FreeSymbols(NameOf(lhs) == name ? rhs : lhs).Any(x => x.Name == name))
            && !(EvaluatedAtNumbers(sides, name) && evaluatedFunction(name))
            && !NoSolution(lhs, rhs, assumptions, context, seed))
            return Unsupported(verdict, "it reads as giving " + name + " a value (a solution, a case or a definition) rather than as an identity; the two sides differ at " + Point(ce));

        if (place != StatementPlace.Standalone) return verdict;

        // Densities the text never writes out are instantiated at random for the check; a lone statement about them
        // may state a property of the text's own densities (normalisation, a maximum-entropy bound, a joint and its
        // conditionals), which random independent members of a family need not have.
        var sameSymbols = new HashSet<string>(Symbols(lhs), StringComparer.Ordinal).SetEquals(Symbols(rhs));
        if (relation == Relation.Equal && (IsMeasureFormula(lhs, rhs, context) || IsMeasureFormula(rhs, lhs, context))) return verdict;
        // A network's outputs chosen freely (ε_θ(x_t, t)) are not a density: any network may compute them.
        var networks = Checking.NetworkOutputs.RefutedWithOutputs(verdict);
        if ((relation != Relation.Equal || !sameSymbols) && (UndefinedDensity(lhs, context, networks) ?? UndefinedDensity(rhs, context, networks)) is { } density)
            return NotAnEquation(out equation, verdict, "it fails for random densities in place of " + density + ", but alone it may state a property of the text's own " + density + " (normalisation, an optimum, how a joint and its conditionals relate), which SymKl does not model");

        // Both sides in the same symbols: a rewrite of one into the other, claimed for all of them ((a+b)² = a² + b²).
        // A symbol on one side only is one the statement may be solving for, or a condition's bound (b − a < 1).
        var left = new HashSet<string>(Symbols(lhs), StringComparer.Ordinal);
        if (left.SetEquals(Symbols(rhs))) return verdict;

        if (relation == Relation.Equal)
        {
            if (!Symbols(Ex.Sub(lhs, rhs)).Any()) return verdict;
            // An equation with no solution is wrong as an identity and as an equation alike.
            if (NoSolution(lhs, rhs, assumptions, context, seed))
                return new Verdict(VerdictKind.Refuted, verdict.Reason + " (and the two sides are never equal, so it is wrong as an equation too)", verdict.Residue, ce, verdict.PointsChecked);
            return Unsupported(verdict, "it fails as an identity at " + Point(ce) +
                ", but standing alone (not a link of a chain) it may be an equation the text is solving, which SymKl cannot check without the equations it follows from");
        }

        if (relation is Relation.Less or Relation.LessOrEqual or Relation.Greater or Relation.GreaterOrEqual && IsPlainAlgebra(lhs) && IsPlainAlgebra(rhs))
            return Unsupported(verdict, "it fails at " + Point(ce) + ", but a lone inequality between plain quantities usually states a condition (for which values the text works), not a claim for all values");

        return verdict;
    }

    private static readonly string[] UniversalCues = ["for all", "for every", "for any", "\\forall", "identity", "identically", "always", "in general"];

    /// <summary>"For every real x, …", "the identity …": the words just before the math claim it for all values.</summary>
    public static bool ClaimsForAllValues(string proseBefore)
    {
        var tail = proseBefore.Length > 120 ? proseBefore.Substring(proseBefore.Length - 120) : proseBefore;
        var sentence = tail.LastIndexOfAny(['.', '!', '?', ':']) is var end and >= 0 && end < tail.TrimEnd().Length - 1 ? tail.Substring(end + 1) : tail;
        return UniversalCues.Any(c => sentence.IndexOf(c, StringComparison.OrdinalIgnoreCase) >= 0);
    }

    /// <summary>
    /// A refutation only where symbols of no stated domain are negative or zero, checked again with them positive: the
    /// unsupported verdict (the text may take their sign for granted) when it does not fail there, otherwise null.
    /// </summary>
    public static Verdict? SignsTakenForGranted(Verdict verdict, Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, DistributionContext context, int seed)
    {
        var ce = verdict.Counterexample;
        if (verdict.Kind != VerdictKind.Refuted || ImplicitSigns(ce, lhs, rhs, assumptions) is not { Count: > 0 } signs) return null;
        var again = AtPositiveValues(lhs, relation, rhs, assumptions, ImplicitDomains(lhs, rhs, assumptions), context, seed);
        // Refuted again only at a point where every one of them is positive (a sampler that ignored the domain proves nothing).
        if (again is { Kind: VerdictKind.Refuted } && ImplicitSigns(again.Counterexample, lhs, rhs, assumptions).Count > 0) again = null;
        // Refuted at positive values too: the first refutation stands as it was (the later readings judge its point).
        if (again is { Kind: VerdictKind.Refuted }) return null;
        return Unsupported(verdict, "it fails at " + Point(ce!) + ", where " + string.Join(", ", signs.Select(s => s.Name)) +
            (signs.Count == 1 ? " is" : " are") + " not positive, but " + (again is { Kind: VerdictKind.Proved or VerdictKind.Confirmed } ? "it holds" : "it was not refuted" + (again?.Reason is { } why && why.StartsWith("the re-check", StringComparison.Ordinal) ? " (" + why + ")" : "")) +
            " with " + (signs.Count == 1 ? "it" : "them") + " positive; the text may take that for granted (state the domain, e.g. " + signs[0].Name + " \\in \\mathbb{R}, to decide the step)");
    }

    /// <summary>The symbols of the statement with no stated domain (nor a conventional one) that the counterexample makes negative or zero.</summary>
    private static List<Sym> ImplicitSigns(Counterexample? ce, Expr lhs, Expr rhs, Assumptions assumptions) =>
        ce is null ? [] : [.. ImplicitDomains(lhs, rhs, assumptions).Where(s => ce.Values.Any(kv => kv.Key == s.Name && kv.Value <= 0))];

    /// <summary>The symbols of the statement with no stated domain (nor a conventional one, nor an ordering or a bound).</summary>
    private static List<Sym> ImplicitDomains(Expr lhs, Expr rhs, Assumptions assumptions) =>
        [.. Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Where(s => !s.Equals(Ex.Infinity)).Distinct().Where(s => Implicit(s, assumptions))];

    private static bool Implicit(Sym s, Assumptions assumptions) =>
        !assumptions.Declared.ContainsKey(s.Name) && assumptions.DomainOf(s) == Domain.Real
        && !assumptions.Orderings.Concat(assumptions.StrictOrderings).Any(o => o.Smaller == s.Name || o.Larger == s.Name) && !assumptions.LowerBounds.Any(b => b.Symbol == s.Name);

    /// <summary>The statement decided again with the given symbols positive, within a few seconds; null when that check did not finish.</summary>
    private static Verdict? AtPositiveValues(Expr lhs, Relation relation, Expr rhs, Assumptions assumptions, List<Sym> symbols, DistributionContext context, int seed)
    {
        var positive = symbols.Aggregate(assumptions, (a, s) => a.With(s.Name, Domain.Positive));
        try
        {
            // Stopped by its budget: unsupported, naming it (never a refutation).
            return WorkBudget.Run("the re-check at positive values", PositiveRecheckUnits, PositiveRecheckGuard,
                token => StepChecker.Check(lhs, relation, rhs, positive, context, seed, token),
                reason => new Verdict(VerdictKind.Unsupported, reason, null, null, 0));
        }
        catch (Exception e) when (e is OperationCanceledException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return null;
        }
    }

    /// <summary>Work the re-check at positive values may do (it had 5 s of wall-clock time): the same verdict on every machine.</summary>
    internal static readonly long PositiveRecheckUnits = WorkBudget.Seconds(5);

    /// <summary>Only against a hang: a re-check it stops did not finish, which leaves the step unsupported.</summary>
    private static readonly TimeSpan PositiveRecheckGuard = TimeSpan.FromSeconds(60);

    private static Verdict NotAnEquation(out bool equation, Verdict verdict, string reason)
    {
        equation = false;
        return Unsupported(verdict, reason);
    }

    /// <summary>
    /// True when lhs = rhs has certainly no solution: one side exceeds the other at every sampled point. Used with all
    /// symbols free (an equation wrong under every reading) and with one unknown of the text free, the others fixed.
    /// </summary>
    public static bool NoSolution(Expr lhs, Expr rhs, Assumptions a, DistributionContext context, int seed) =>
        Holds(lhs, Relation.Greater, rhs, a, context, seed) || Holds(lhs, Relation.Less, rhs, a, context, seed);

    private static bool Holds(Expr lhs, Relation relation, Expr rhs, Assumptions a, DistributionContext context, int seed)
    {
        try
        {
            return StepChecker.Check(lhs, relation, rhs, a, context, seed).Holds;
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return false;
        }
    }

    /// <summary>An undefined density applied to two different lists of arguments in the statement (p(x) and p(x, z)).</summary>
    private static string? RelatedDensities(Expr lhs, Expr rhs, DistributionContext context)
    {
        var seen = new Dictionary<string, Expr>(StringComparer.Ordinal);
        string? found = null;
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, x =>
            {
                if (x is Apply ap && !context.IsKnownFunction(ap.Name))
                {
                    if (seen.TryGetValue(ap.Name, out var other) && !ArgumentsAlike(other, ap)) found ??= ap.Name;
                    else seen[ap.Name] = ap;
                }
                return found is not null;
            });
        return found;
    }

    /// <summary>The same number of arguments: p(x) and p(y) are one density at two points, p(x) and p(x, z) two densities.</summary>
    private static bool ArgumentsAlike(Expr a, Apply b) => a is Apply ap && ap.Args.Count == b.Args.Count;

    /// <summary>
    /// KL[q(x) ‖ P(x)] = ∫ q(x) log(P(x)/q(x)) dx: an information measure of densities the text leaves open, set equal to
    /// an expression in exactly those densities and nothing else. That is a formula for the measure, which holds for
    /// every pair of densities or is wrong; a random pair that breaks it shows the mistake. (KL(q‖p) = 0, or H(q) = ½ log
    /// 2πeσ², may state a property of the text's own densities and is not such a formula.)
    /// </summary>
    private static bool IsMeasureFormula(Expr measure, Expr other, DistributionContext context)
    {
        if (measure is not Functional f) return false;
        var densities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in f.Args)
        {
            var name = a switch { Sym s => s.Name, Apply { Args: var args } ap when args.All(x => x is Sym) => ap.Name, _ => null };
            if (name is null || context.IsKnownFunction(name)) return false;
            densities.Add(name);
        }
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        var foreign = Traversal.Any(other, x =>
        {
            if (x is Functional) return true;
            if (x is Apply ap && !context.IsKnownFunction(ap.Name)) mentioned.Add(ap.Name);
            return false;
        });
        if (foreign || !mentioned.SetEquals(densities)) return false;
        var variables = new HashSet<string>(Traversal.FreeSymbols(measure).Select(x => x.Name), StringComparer.Ordinal);
        return Traversal.FreeSymbols(other).All(x => variables.Contains(x.Name));
    }

    /// <summary>The name of a density or function the context does not define, applied somewhere in the expression.</summary>
    private static string? UndefinedDensity(Expr e, DistributionContext context, bool networksFree = false)
    {
        string? found = null;
        Traversal.Any(e, x =>
        {
            if (x is Apply ap && !context.IsKnownFunction(ap.Name) && !(networksFree && Checking.NetworkOutputs.IsNetwork(ap.Name))) found ??= ap.Name;
            else if (x is Functional f) foreach (var a in f.Args) if (a is Sym s && !context.IsKnownFunction(s.Name)) found ??= s.Name;
            return found is not null;
        });
        return found;
    }

    /// <summary>
    /// The names a side is written in, without ∞: an integration limit is a constant, not an unknown, so ∫₀^∞ xθe^{−θx} dx = θ
    /// is in θ alone on both sides (a rewrite claimed for every θ), not an equation with a symbol on one side only.
    /// </summary>
    private static IEnumerable<string> Symbols(Expr e) => Traversal.FreeSymbols(e).Where(x => !x.Equals(Ex.Infinity)).Select(x => x.Name);

    /// <summary>A bare symbol, or an undefined function of symbols (p(x)): a name a statement may be giving a value.</summary>
    /// <summary>A side written as the function applied to numbers (h(1)) and the other free of names: a value of the function at a point.</summary>
    private static bool EvaluatedAtNumbers(ClaimSides sides, string name)
    {
        var (applied, other) = sides.Lhs is Apply { Name: var l } && l == name ? (sides.Lhs, sides.Rhs) : (sides.Rhs, sides.Lhs);
        return applied is Apply ap && ap.Name == name && ap.Args.Count > 0 && ap.Args.All(a => a is Num) && Traversal.FreeSymbols(other).Count == 0;
    }

    private static string? NameOf(Expr e) => e switch
    {
        Sym s => s.Name,
        Apply ap when ap.Args.All(a => a is Sym or Num) => ap.Name,
        _ => null,
    };

    /// <summary>A side written as a limit that the reading settled (lim σ √(1 − ᾱ_t) = 0 reads σ = 0): a claim about the limit.</summary>
    private static bool WrittenLimit(ClaimSides sides) =>
        sides.WrittenLhs is Sym l && OpaqueTerms.Find(l) is { Kind: OpaqueKind.Limit } && !sides.Lhs.Equals(l)
        || sides.WrittenRhs is Sym r && OpaqueTerms.Find(r) is { Kind: OpaqueKind.Limit } && !sides.Rhs.Equals(r);

    /// <summary>x or σ²: a name, or a power of one, that a statement such as σ² = 0 gives a value (a setting, not a claim).
    /// A limit written as one (lim_{t→∞} ᾱ_t = 0) is not such a name, whatever the reading settled it to; nor is the power of
    /// a name the text gave a value (n² = 5 after n = 2 is a claim about that value).</summary>
    private static bool NamedValue(Expr written, Expr read) => written is Sym s && OpaqueTerms.Find(s) is null
        || written is Pow { Base: Sym b, Exponent: Num } && OpaqueTerms.Find(b) is null && written.Equals(read);

    /// <summary>Numbers, symbols, + − × ÷ and powers only: the kind of quantity a condition compares.
    /// A constant written as a function (ln 2, √3) is a number too: "k ≥ ½ ln 2" is a condition on k.</summary>
    private static bool IsPlainAlgebra(Expr e) => !Traversal.Any(e, x => x is not (Num or Sym or Add or Mul or Pow) && Traversal.FreeSymbols(x).Count > 0);

    private static Verdict Unsupported(Verdict refuted, string reason) =>
        new(VerdictKind.Unsupported, reason, refuted.Residue, null, refuted.PointsChecked);

    private static string Point(Counterexample? ce) =>
        ce is null || ce.Values.Count == 0 ? "a sample point"
            : string.Join(", ", ce.Values.Select(kv => kv.Key + " = " + kv.Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
}
