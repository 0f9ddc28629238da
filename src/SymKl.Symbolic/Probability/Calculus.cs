namespace SymKl.Symbolic.Probability;

/// <summary>An expression with every integral, sum, expectation and functional that has a closed form replaced by it.</summary>
public sealed record CalculusResult(Expr Value, IReadOnlyList<string> Unresolved)
{
    public bool IsComplete => Unresolved.Count == 0;
}

/// <summary>
/// Rewrites integrals ∫ p(x) g(x) dx, sums Σ_x p(x) g(x), expectations E_{x~p}[g], and the functionals
/// KL(p‖q), H(p), H(p, q) into closed forms, using the densities the context binds to families; defined
/// functions are substituted by their formulas. What has no closed form is left in place, with the reason.
/// </summary>
public static class Calculus
{
    /// <summary>A sum with numeric limits and at most this many terms is written out.</summary>
    private const int MaxExpandedTerms = 1000;

    public static CalculusResult Evaluate(Expr e, DistributionContext context, Assumptions a, Budget? budget = null)
    {
        budget ??= new Budget();
        // Nothing to rewrite: no integral, sum, expectation, functional or function application.
        if (!Traversal.Any(e, n => n is BinderNode or Functional or Apply)) return new CalculusResult(e, []);
        // Parameters of every bound distribution live in their domains (a scale is positive, a probability in (0, 1)).
        foreach (var d in context.Bound.Values) a = d.Constrain(a);
        var unresolved = new List<string>();
        var value = Rewrite(e, context, a, budget, unresolved);
        return new CalculusResult(value, unresolved);
    }

    private static Expr Rewrite(Expr e, DistributionContext ctx, Assumptions a, Budget budget, List<string> unresolved)
    {
        budget.Charge(1, "integration");
        switch (e)
        {
            case Integral ig:
                return Resolve(e, IntegralOf(ig, ctx, a, budget), unresolved);
            case Summation sm when sm.Lower is null && sm.Upper is null:
                return Resolve(e, SupportSum(sm, ctx, a, budget), unresolved);
            case Summation { Lower: Num { Value.IsInteger: true } lo, Upper: Num { Value.IsInteger: true } hi } sm
                when hi.Value.Numerator - lo.Value.Numerator < MaxExpandedTerms && !NamesIndexed(sm.Body, sm.Variable):
                {
                    // Σ_{k=1}^{3} k² = 1 + 4 + 9: a sum with numeric limits is its terms (none when hi < lo).
                    var terms = new List<Expr>();
                    for (var k = lo.Value.Numerator; k <= hi.Value.Numerator; k++)
                    {
                        budget.Charge(1, "integration");
                        terms.Add(Traversal.Substitute(sm.Body, sm.Variable, Ex.Num(new Rational(k))));
                    }
                    return Rewrite(Ex.Add(terms), ctx, a, budget, unresolved);
                }
            case Summation sm when !Traversal.FreeSymbols(sm.Body).Contains(sm.Variable) && sm.Lower is not null && sm.Upper is not null && !NamesIndexed(sm.Body, sm.Variable):
                // Σ_{i=l}^{u} c = (u − l + 1)·c
                return Ex.Mul(Ex.Add(Ex.Sub(sm.Upper, sm.Lower), Ex.One), Rewrite(sm.Body, ctx, a, budget, unresolved));
            case Expectation ex when InstanceOf(ex.Distribution, ctx) is null && !Mentions(ex.Body, ex.Variable):
                // 𝔼_{z∼p}[c] = c whatever the law p: the operand does not involve the variable.
                return Rewrite(ex.Body, ctx, a, budget, unresolved);
            case Expectation ex:
                return Resolve(e, ExpectationOf(ex, ctx, a, budget), unresolved);
            case Functional f:
                return Resolve(e, FunctionalOf(f, ctx, a, budget), unresolved);
            case Apply ap:
                {
                    var args = ap.Args.Select(x => Rewrite(x, ctx, a, budget, unresolved)).ToArray();
                    // A definition in terms of another (L(μ) = ∏ p(x_i | μ) with p defined too) is written out
                    // all the way; definitions never mention themselves, and the budget bounds the depth.
                    if (Substitute(ap.Name, args, ctx) is not { } formula) return Ex.Apply(ap.Name, args);
                    return ctx.Defined.ContainsKey(ap.Name) && Traversal.Any(formula, n => n is Apply or BinderNode or Functional)
                        ? Rewrite(formula, ctx, a, budget, unresolved)
                        : formula;
                }
        }
        if (e.Children.Count == 0) return e;
        var kids = e.Children.Select(c => Rewrite(c, ctx, a, budget, unresolved)).ToArray();
        // Unchanged children: keep the node (rebuilding through the constructors costs as much as building it).
        return kids.Where((k, i) => !ReferenceEquals(k, e.Children[i])).Any() ? Ex.Rebuild(e, kids) : e;
    }

    /// <summary>
    /// A name in the summand subscripted by the index (x_k, θ_{k}, T_k(…), x_{k+1} under Σ_k): a different value for
    /// each term, which the kernel cannot tell from a constant by its symbols (Σ_{k=1}^{K} x_k is not K·x_k).
    /// </summary>
    internal static bool NamesIndexed(Expr body, Sym index) => Traversal.Any(body, e => e switch
    {
        Sym s => SubscriptMentions(s.Name, index.Name),
        Apply ap => SubscriptMentions(ap.Name, index.Name),
        _ => false,
    });

    private static bool SubscriptMentions(string name, string index)
    {
        var cut = name.IndexOf('_');
        if (cut < 0 || name == index) return false;
        var token = new System.Text.StringBuilder();
        foreach (var c in name.Substring(cut + 1) + " ")
        {
            if (char.IsLetterOrDigit(c)) { token.Append(c); continue; }
            if (token.ToString() == index) return true;
            token.Clear();
        }
        return false;
    }

    private static Expr Resolve(Expr original, ClosedForm result, List<string> unresolved)
    {
        if (result.Value is not null) return result.Value;
        unresolved.Add(LatexPrinter.Print(original) + ": " + result.Failure);
        return original;
    }

    /// <summary>The formula for name(args): a defined function's body, or a bound density's exp(log-density).</summary>
    private static Expr? Substitute(string name, IReadOnlyList<Expr> args, DistributionContext ctx)
    {
        if (ctx.Defined.TryGetValue(name, out var def) && def.Parameters.Count == args.Count)
        {
            var map = new Dictionary<Sym, Expr>();
            for (var i = 0; i < args.Count; i++) map[def.Parameters[i]] = args[i];
            return Traversal.Substitute(def.Body, map);
        }
        if (args.Count >= 1 && ctx.Resolve(name) is { } d)
            return Ex.Exp(d.LogDensity(args[0]));
        if (InlineDensity(name, args) is { } inline)
            return Ex.Exp(inline.LogDensity(args[0]));
        return null;
    }

    /// <summary>A family written with its variable first: N(x | μ, σ²), \mathcal{N}(x; μ, σ²), Gamma(x; α, β).</summary>
    public static DistributionInstance? InlineDensity(string name, IReadOnlyList<Expr> args) =>
        Families.Find(name) is { } f && args.Count == f.Parameters.Count + 1 ? new DistributionInstance(f, [.. args.Skip(1)]) : null;

    /// <summary>The distribution of a density application whose first argument is x: bound p(x), or an inline family.</summary>
    private static DistributionInstance? DensityAt(Apply ap, Sym x, DistributionContext ctx) =>
        ap.Args.Count >= 1 && ap.Args[0].Equals(x) ? ctx.Resolve(ap.Name) ?? InlineDensity(ap.Name, ap.Args) : null;

    /// <summary>Every application of a function the document defined by a formula replaced by it, inside sums and integrals too (bound densities stay).</summary>
    public static Expr ApplyDefinitions(Expr e, DistributionContext ctx) =>
        ctx.Defined.Count == 0 || !Traversal.Any(e, n => n is Apply ap && ctx.Defined.ContainsKey(ap.Name))
            ? e
            : Ex.Map(e, n => n is Apply ap && ctx.Defined.ContainsKey(ap.Name) && Substitute(ap.Name, ap.Args, ctx) is { } s ? s : n);

    /// <summary>Replaces every application of a known function in e by its formula.</summary>
    private static Expr SubstituteAll(Expr e, DistributionContext ctx) => Ex.Map(e, n =>
        n is Apply ap && Substitute(ap.Name, ap.Args, ctx) is { } s ? s : n);

    /// <summary>
    /// For numeric evaluation: applications of known functions outside any integral, sum or expectation are
    /// replaced by their formulas; the bodies of integrals are left as written (their evaluator instantiates them).
    /// </summary>
    public static Expr Instantiate(Expr e, DistributionContext ctx)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (!Traversal.Any(e, n => n is Apply)) return e;
        switch (e)
        {
            case BinderNode or Functional:
                return e;
            case Fn { Function: FunctionKind.Log, Arg: Apply ap } when ap.Args.Count >= 1 && (ctx.Resolve(ap.Name) ?? InlineDensity(ap.Name, ap.Args)) is { } d:
                return d.LogDensity(Instantiate(ap.Args[0], ctx));
            // log(p(x)/q(x)) = log p(x) − log q(x) for densities (positive): evaluated as log-densities, which do not
            // underflow in the tails the way p(x)/q(x) does.
            case Fn { Function: FunctionKind.Log, Arg: Mul m } when m.Factors.All(f => IsDensityPower(f, ctx) || Ex.IsManifestlyPositive(f)):
                return Ex.Add(m.Factors.Select(f => f is Pow p
                    ? Ex.Mul(p.Exponent, Instantiate(Ex.Log(p.Base), ctx))
                    : Instantiate(Ex.Log(f), ctx)));
            case Apply ap:
                {
                    var args = ap.Args.Select(x => Instantiate(x, ctx)).ToArray();
                    return Substitute(ap.Name, args, ctx) ?? Ex.Apply(ap.Name, args);
                }
        }
        if (e.Children.Count == 0) return e;
        return Ex.Rebuild(e, e.Children.Select(c => Instantiate(c, ctx)).ToArray());
    }

    private static bool IsDensityPower(Expr f, DistributionContext ctx) =>
        (f is Pow { Exponent: Num } p ? p.Base : f) is Apply ap && ap.Args.Count >= 1 && (ctx.Resolve(ap.Name) ?? InlineDensity(ap.Name, ap.Args)) is not null;

    /// <summary>log q(x) of a bound density is its log-density formula (simpler than log exp(…)).</summary>
    private static Expr SubstituteLogs(Expr e, DistributionContext ctx) => Ex.Map(e, n =>
        n is Fn { Function: FunctionKind.Log, Arg: Apply ap } && ap.Args.Count >= 1 && (ctx.Resolve(ap.Name) ?? InlineDensity(ap.Name, ap.Args)) is { } d ? d.LogDensity(ap.Args[0]) : n);

    private static ClosedForm IntegralOf(Integral ig, DistributionContext ctx, Assumptions a, Budget budget)
    {
        var x = ig.Variable;
        var wholeLine = ig.Lower is null && ig.Upper is null || Ex.IsInfinity(ig.Lower, -1) && Ex.IsInfinity(ig.Upper, 1);
        var body = Rewrite(ig.Body, ctx, a, budget, []);
        // Route 1: ∫ p(x) g(x) dx with p a bound density = E_{x~p}[g(x)], term by term.
        var viaDensity = ByDensity(body, x, ctx, a, budget, discrete: false, wholeSupport: ig.Lower is null && ig.Upper is null || wholeLine);
        if (viaDensity.Value is not null) return viaDensity;
        if (!wholeLine) return ClosedForm.Fail(viaDensity.Failure ?? "only integrals over the whole support have closed forms here");
        // Route 2: an explicit Gaussian integrand over the real line.
        var explicitBody = SubstituteAll(SubstituteLogs(body, ctx), ctx);
        if (Traversal.Any(explicitBody, n => n is Apply)) return ClosedForm.Fail(viaDensity.Failure ?? "the integrand has an undefined function");
        var gauss = GaussianIntegral.Integrate(explicitBody, x, a, budget);
        return gauss.Value is not null ? gauss : ClosedForm.Fail(viaDensity.Failure + "; " + gauss.Failure);
    }

    private static ClosedForm SupportSum(Summation sm, DistributionContext ctx, Assumptions a, Budget budget)
    {
        var body = Rewrite(sm.Body, ctx, a, budget, []);
        return ByDensity(body, sm.Variable, ctx, a, budget, discrete: true, wholeSupport: true);
    }

    /// <summary>Σ over the terms of body of E_{x~p}[term / p(x)], where each term has a bound density p(x) as a factor.</summary>
    private static ClosedForm ByDensity(Expr body, Sym x, DistributionContext ctx, Assumptions a, Budget budget, bool discrete, bool wholeSupport)
    {
        if (!wholeSupport) return ClosedForm.Fail("the limits are not the whole support");
        var normal = Normalizer.Normalize(body, a, budget);
        var terms = normal is Add s ? (IReadOnlyList<Expr>)s.Terms : [normal];
        var results = new List<Expr>();
        foreach (var t in terms)
        {
            var factors = t is Mul m ? (IReadOnlyList<Expr>)m.Factors : [t];
            var densityIndex = -1;
            DistributionInstance? d = null;
            for (var i = 0; i < factors.Count && d is null; i++)
            {
                if (factors[i] is Apply ap && DensityAt(ap, x, ctx) is { } found)
                {
                    d = found;
                    densityIndex = i;
                }
            }
            if (d is null) return ClosedForm.Fail("a term has no density of " + x.Name + " as a factor: " + LatexPrinter.Print(t));
            if (d.Family.IsDiscrete != discrete)
                return ClosedForm.Fail((discrete ? "a sum over" : "an integral over") + " the " + (d.Family.IsDiscrete ? "discrete " : "continuous ") + d.Family.Name + " distribution");
            var g = Ex.Mul(factors.Where((_, i) => i != densityIndex));
            if (DensityOutsideSupport(g, x, d, ctx, a) is { } outside) return ClosedForm.Fail(outside);
            g = SubstituteAll(SubstituteLogs(g, ctx), ctx);
            var r = ExpectationEngine.Expect(g, x, d, a, budget);
            if (r.Value is null) return r;
            results.Add(r.Value);
        }
        return ClosedForm.Of(Ex.Add(results));
    }

    /// <summary>The variable is free in e, or a name in e carries it in its subscript (x_z, p_z(…)).</summary>
    private static bool Mentions(Expr e, Sym variable) => Traversal.Any(e, n => n switch
    {
        Sym s => s.Equals(variable) || SubscriptNames(s.Name, variable.Name),
        Apply ap => SubscriptNames(ap.Name, variable.Name),
        BinderNode => true,
        Functional => true,
        _ => false,
    });

    private static bool SubscriptNames(string name, string variable)
    {
        var underscore = name.IndexOf('_');
        if (underscore < 0) return false;
        var tokens = name.Substring(underscore + 1).Split(['{', '}', '(', ')', ',', '+', '-', ' ', '_', '^', '\\', ':', ';', '|'], StringSplitOptions.RemoveEmptyEntries);
        return tokens.Contains(variable, StringComparer.Ordinal);
    }

    private static ClosedForm ExpectationOf(Expectation ex, DistributionContext ctx, Assumptions a, Budget budget)
    {
        var d = InstanceOf(ex.Distribution, ctx);
        if (d is null) return ClosedForm.Fail("the distribution " + LatexPrinter.Print(ex.Distribution) + " is not defined");
        if (DensityOutsideSupport(ex.Body, ex.Variable, d, ctx, a) is { } outsideAsWritten) return ClosedForm.Fail(outsideAsWritten);
        var body = Rewrite(ex.Body, ctx, a, budget, []);
        if (DensityOutsideSupport(body, ex.Variable, d, ctx, a) is { } outside) return ClosedForm.Fail(outside);
        body = SubstituteAll(SubstituteLogs(body, ctx), ctx);
        return ExpectationEngine.Expect(body, ex.Variable, d, a, budget);
    }

    /// <summary>A distribution expression: a bound name p or p(x), or an inline family N(μ, σ²).</summary>
    public static DistributionInstance? InstanceOf(Expr dist, DistributionContext ctx)
    {
        switch (dist)
        {
            case Sym s:
                return ctx.Resolve(s.Name);
            case Apply ap:
                if (ctx.Resolve(ap.Name) is { } bound) return bound;
                if (Families.Find(ap.Name) is { } family && family.Parameters.Count == ap.Args.Count) return new DistributionInstance(family, [.. ap.Args]);
                return null;
        }
        return null;
    }

    /// <summary>Categorical(p_1, …, p_K): the probabilities of K categories (they are taken to sum to 1).</summary>
    public static IReadOnlyList<Expr>? CategoricalProbabilities(Expr dist, DistributionContext ctx) => dist switch
    {
        Apply ap when ap.Name is "Categorical" or "Cat" && ap.Args.Count >= 2 => ap.Args,
        Sym s when ctx.Defined.TryGetValue(s.Name, out var d) && d.Parameters.Count == 0 => CategoricalProbabilities(d.Body, ctx),
        _ => null,
    };

    /// <summary>KL, entropy and cross-entropy of categoricals with the same number of categories, as finite sums.</summary>
    private static ClosedForm? CategoricalFunctional(Functional f, DistributionContext ctx, Assumptions a, Budget budget)
    {
        var ps = f.Args.Select(x => CategoricalProbabilities(x, ctx)).ToList();
        if (ps.Any(p => p is null)) return null;
        if (ps.Select(p => p!.Count).Distinct().Count() != 1) return ClosedForm.Fail("categoricals over different numbers of categories");
        // Probabilities are positive: log p_k is defined term by term.
        foreach (var p in ps) foreach (var x in p!) if (x is Sym s && !a.Declared.ContainsKey(s.Name)) a = a.With(s.Name, Domain.UnitInterval);
        var p0 = ps[0]!;
        var q0 = ps[ps.Count - 1]!;
        Expr value = (f.Which, ps.Count) switch
        {
            (FunctionalKind.KL, 2) => Ex.Add(p0.Select((pk, k) => Ex.Mul(pk, Ex.Sub(Ex.Log(pk), Ex.Log(q0[k]))))),
            (FunctionalKind.Entropy, 1) => Ex.Neg(Ex.Add(p0.Select(pk => Ex.Mul(pk, Ex.Log(pk))))),
            (FunctionalKind.CrossEntropy or FunctionalKind.Entropy, 2) => Ex.Neg(Ex.Add(p0.Select((pk, k) => Ex.Mul(pk, Ex.Log(q0[k]))))),
            _ => Ex.Zero,
        };
        return ClosedForm.Of(Normalizer.Normalize(value, a, budget));
    }

    private static ClosedForm FunctionalOf(Functional f, DistributionContext ctx, Assumptions a, Budget budget)
    {
        if (CategoricalFunctional(f, ctx, a, budget) is { } categorical) return categorical;
        var ds = f.Args.Select(x => InstanceOf(x, ctx)).ToList();
        if (ds.Any(d => d is null)) return ClosedForm.Fail("the distributions of " + LatexPrinter.Print(f) + " are not defined");
        var x = Ex.Fresh("ξ_KL");
        var p = ds[0]!;
        foreach (var d in ds) a = d!.Constrain(a);
        switch (f.Which)
        {
            case FunctionalKind.Entropy when ds.Count == 1:
                return Negate(ExpectationEngine.Expect(p.LogDensity(x), x, p, a, budget), a, budget);
            case FunctionalKind.CrossEntropy or FunctionalKind.Entropy when ds.Count == 2:
                if (!SupportInside(p, ds[1]!, a)) return ClosedForm.Fail("the support of the first distribution is not inside the second's: the cross-entropy is infinite or needs conditions");
                return Negate(ExpectationEngine.Expect(ds[1]!.LogDensity(x), x, p, a, budget), a, budget);
            case FunctionalKind.KL when ds.Count == 2 && p.Family == Families.Uniform && ds[1]!.Family == Families.Uniform:
                {
                    // KL(U(a1,b1) ‖ U(a2,b2)) = log((b2 − a2)/(b1 − a1)) when [a1, b1] ⊆ [a2, b2]; +∞ otherwise.
                    var (a1, b1, a2, b2) = (p.Parameters[0], p.Parameters[1], ds[1]!.Parameters[0], ds[1]!.Parameters[1]);
                    if (!ProvablyAtMost(a2, a1, a) || !ProvablyAtMost(b1, b2, a))
                        return ClosedForm.Fail("KL between uniforms is finite only when [a_1, b_1] ⊆ [a_2, b_2]; state it as an assumption such as a_2 < a_1 < b_1 < b_2");
                    return ClosedForm.Of(Normalizer.Normalize(Ex.Log(Ex.Div(Ex.Sub(b2, a2), Ex.Sub(b1, a1))), a, budget));
                }
            case FunctionalKind.KL when ds.Count == 2 && p.Family.Support == SupportKind.LowerBounded && ds[1]!.Family.Support == SupportKind.LowerBounded
                && !p.Parameters[0].Equals(ds[1]!.Parameters[0]):
                // [m₁, ∞) ⊆ [m₂, ∞) needs m₂ ≤ m₁; otherwise the divergence is +∞.
                if (!ProvablyAtMost(ds[1]!.Parameters[0], p.Parameters[0], a))
                    return ClosedForm.Fail("KL is finite only when the support of the first distribution lies inside the second's (m_2 \\le m_1); state it as an assumption such as 0 < m_2 < m_1");
                return ExpectationEngine.Expect(Ex.Sub(p.LogDensity(x), ds[1]!.LogDensity(x)), x, p, a, budget);
            case FunctionalKind.KL when ds.Count == 2:
                if (!SupportInside(p, ds[1]!, a)) return ClosedForm.Fail("the support of the first distribution is not inside the second's: KL is infinite or needs conditions");
                return ExpectationEngine.Expect(Ex.Sub(p.LogDensity(x), ds[1]!.LogDensity(x)), x, p, a, budget);
        }
        return ClosedForm.Fail("unexpected arguments for " + f.Which);
    }

    /// <summary>x ≤ y for every admissible value (see <see cref="Order"/>).</summary>
    public static bool ProvablyAtMost(Expr x, Expr y, Assumptions a) => Order.ProvablyAtMost(x, y, a);

    private static ClosedForm Negate(ClosedForm r, Assumptions a, Budget b) =>
        r.Value is null ? r : ClosedForm.Of(Normalizer.Normalize(Ex.Neg(r.Value), a, b));

    /// <summary>
    /// Why a density of x in g cannot be replaced by its formula under x ~ p: the formula of q(x) holds on q's
    /// support only, so E_{x~p}[log q(x)] is the expectation of the formula only when p's support is inside
    /// q's (otherwise it is −∞, and a KL +∞). Null when every density of x in g is safe.
    /// </summary>
    private static string? DensityOutsideSupport(Expr g, Sym x, DistributionInstance p, DistributionContext ctx, Assumptions a)
    {
        string? why = null;
        Traversal.Any(g, n =>
        {
            if (n is not Apply ap || !ap.Args.Any(arg => Traversal.FreeSymbols(arg).Contains(x))) return false;
            var q = ctx.Resolve(ap.Name) ?? InlineDensity(ap.Name, ap.Args);
            if (q is null || ap.Args[0].Equals(x) && SupportInside(p, q, a)) return false;
            why = "the support of " + p + " is not provably inside that of " + q + " (" + ap.Name + "): state the conditions as assumptions";
            return true;
        });
        return why;
    }

    /// <summary>
    /// True when p's support is inside q's for every admissible value: <see cref="SupportContained"/>, or a
    /// uniform's interval whose ends are provably ordered against the other support (0 ≤ a for the positive
    /// half-line, [a, b] ⊆ [0, 1], [0, 1] ⊆ [c, d], [a, b] ⊆ [c, d], [m₁, ∞) ⊆ [m₂, ∞)).
    /// </summary>
    public static bool SupportInside(DistributionInstance p, DistributionInstance q, Assumptions a)
    {
        if (p.Family == q.Family && p.Parameters.SequenceEqual(q.Parameters)) return true;
        if (SupportContained(p, q)) return true;
        if (p.Family.IsDiscrete || q.Family.IsDiscrete) return false;
        // p's support as [lo, hi], hi null for [m, ∞).
        var (lo, hi) = p.Family.Support switch
        {
            SupportKind.Interval => (p.Parameters[0], p.Parameters[1]),
            SupportKind.UnitInterval => (Ex.Zero, Ex.One),
            SupportKind.LowerBounded => (p.Parameters[0], (Expr?)null),
            _ => ((Expr?)null, (Expr?)null),
        };
        if (lo is null) return false;
        return q.Family.Support switch
        {
            SupportKind.Real => true,
            SupportKind.Positive => Order.ProvablyAtMost(Ex.Zero, lo, a),
            SupportKind.LowerBounded => Order.ProvablyAtMost(q.Parameters[0], lo, a),
            SupportKind.UnitInterval => hi is not null && Order.ProvablyAtMost(Ex.Zero, lo, a) && Order.ProvablyAtMost(hi, Ex.One, a),
            SupportKind.Interval => hi is not null && Order.ProvablyAtMost(q.Parameters[0], lo, a) && Order.ProvablyAtMost(hi, q.Parameters[1], a),
            _ => false,
        };
    }

    /// <summary>True when p's support is inside q's for every parameter value (same support kind, or ℝ ⊇ anything continuous).</summary>
    public static bool SupportContained(DistributionInstance p, DistributionInstance q)
    {
        // [m, ∞) with m > 0 lies in (0, ∞) and ℝ; nothing but the same half-line lies in [m, ∞).
        if (q.Family.Support == SupportKind.LowerBounded)
            return p.Family.Support == SupportKind.LowerBounded && p.Parameters[0].Equals(q.Parameters[0]);
        if (p.Family.Support == SupportKind.LowerBounded)
            return q.Family.Support is SupportKind.Positive or SupportKind.Real;
        if (p.Family.Support == SupportKind.Interval || q.Family.Support == SupportKind.Interval || q.Family.Support == SupportKind.IntegerRange)
            return p.Family == q.Family && p.Family.Support != SupportKind.Interval && p.Parameters[0].Equals(q.Parameters[0]);
        if (p.Family.Support == q.Family.Support) return true;
        return q.Family.Support switch
        {
            SupportKind.Real => !p.Family.IsDiscrete,
            SupportKind.Positive => p.Family.Support == SupportKind.UnitInterval,
            SupportKind.NonNegativeIntegers => p.Family.Support is SupportKind.Binary,
            _ => false,
        };
    }
}
