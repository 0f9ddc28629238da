using SymKl.Derivations.Checking;
using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A Gaussian Markov chain the document defines step by step, q(x_t | x_{t−1}) = 𝒩(x_t; a_t x_{t−1}, v_t I) (a diffusion
/// model's forward process), with a running product ᾱ_t = ∏_{i≤t} α_i of its squared scales. From them follow, by
/// induction and by the product of two Gaussians in x_{t−1}, the marginal q(x_t | x_0) and the posterior
/// q(x_{t−1} | x_t, x_0); statements of those laws are checked against them, and the names the text gives to the
/// posterior's mean and variance (μ̃_t(x_t, x_0), β̃_t) take the derived values, so a wrong formula given for them is
/// refuted rather than used.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>q(x_t | x_{t−1}) = 𝒩(x_t; Scale·x_{t−1}, Variance·I), Letter x, Index t.</summary>
    private sealed record ForwardChain(string Density, string Letter, string Index, Expr Scale, Expr Variance);

    /// <summary>ᾱ_t = ∏_{i=1}^{t} α_i: its factor at t (α_t, written out) and the name of its value at t − 1.</summary>
    private sealed record RunningProduct(string Name, string Index, Expr Factor, string Previous);

    private ForwardChain? _chain;

    /// <summary>The value each running product was defined as (ᾱ_t = α_t ᾱ_{t−1}), to tell it from a later meaning of the name.</summary>
    private readonly Dictionary<string, Expr> _runningProductValues = new(StringComparer.Ordinal);
    private readonly List<RunningProduct> _runningProducts = [];

    /// <summary>Domains the forward chain implies (a variance β_t in (0, 1) when √(1 − β_t) scales the mean); kept across sections.</summary>
    private readonly Dictionary<string, Domain> _chainDomains = new(StringComparer.Ordinal);

    /// <summary>Names the text gave a derived value before giving its formula (the posterior's mean and variance).</summary>
    private readonly Dictionary<string, (IReadOnlyList<Sym> Parameters, Expr Value, string What)> _derivedNames = new(StringComparer.Ordinal);

    private void ReassumeChainDomains()
    {
        foreach (var kv in _chainDomains) _scope.AssumeDomain(kv.Key, kv.Value);
    }

    /// <summary>
    /// ᾱ_t = ∏_{i=1}^{t} α_i, kept as a name: it is α_t ᾱ_{t−1} (the product's last factor split off), which ties ᾱ_t to
    /// ᾱ_{t−1} where a statement uses both; ᾱ_{t−1} stays a value of its own.
    /// </summary>
    private void RememberRunningProduct(string name, string index, Expr value)
    {
        if (value is not IndexedProduct { Lower: { } lower, Upper: Sym upper } product || upper.Name != index || !lower.Equals(Ex.One)) return;
        if (Checking.IndexedSums.Split(name) is not { } parts || parts.Key != index) return;
        var variable = product.Variable.Name;
        var renaming = new Dictionary<Sym, Expr> { [product.Variable] = Ex.Sym(index) };
        foreach (var s in Traversal.FreeSymbols(product.Body))
            if (Checking.IndexedSums.Split(s.Name) is { } p && p.Key == variable) renaming[s] = Ex.Sym(p.Base + "_" + index);
        var factor = Traversal.Substitute(product.Body, renaming);
        if (Traversal.FreeSymbols(factor).Any(s => s.Name == variable || s.Name == name)) return;
        var previous = parts.Base + "_" + index + "-1";
        var written = Resolved(factor);
        _runningProducts.Add(new RunningProduct(name, index, written, previous));
        var running = Ex.Mul(written, Ex.Sym(previous));
        _runningProductValues[name] = running;
        _scope.DefineSymbol(name, running);
        ChainDomains();
    }

    /// <summary>q(x_t | x_{t−1}) = 𝒩(x_t; a x_{t−1}, v I): remembered as the forward chain (the statement is still read as before).</summary>
    private void NoteForwardChain(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        if (Conditional(target, parsed) is not { Targets: [var current], Given: [var given] } law || Normal(formula, parsed, current) is not { } normal) return;
        if (Checking.IndexedSums.Split(current) is not { } c || Checking.IndexedSums.Split(given) is not { } g || c.Base != g.Base || g.Key != c.Key + "-1") return;
        if (normal.Variable != current) return;
        // The same kernel written again in the same derivation (a list of the laws used, 𝒩(√α_t x_{t−1}, β_t I)) restates
        // the first one: it is checked against it (ForwardChainClaim), not taken as the chain, which would make it hold by itself.
        if (_chain is { } known && known.Density == law.Density && known.Letter == c.Base && known.Index == c.Key
            && (_chainSection >= _derivationStart || SameKernel(known, normal.Mean, normal.Variance, Ex.Sym(given)))) return;
        var previous = Ex.Sym(given);
        Expr scale;
        try { scale = Differentiator.Derivative(normal.Mean, previous); }
        catch (NotSupportedException) { return; }
        if (Traversal.FreeSymbols(scale).Contains(previous) || !Zero(Ex.Sub(normal.Mean, Ex.Mul(scale, previous)))) return;
        _chain = new ForwardChain(law.Density, c.Base, c.Key, scale, normal.Variance);
        _chainSection = _section;
        ChainDomains();
    }

    /// <summary>
    /// The kernel 𝒩(mean, variance) is the chain's, exactly or once α_t = 1 − β_t is put in (√α_t x_{t−1} for
    /// √(1 − β_t) x_{t−1}): written again in a later section it restates the chain rather than starting a new one.
    /// </summary>
    private bool SameKernel(ForwardChain chain, Expr mean, Expr variance, Sym previous)
    {
        bool Same(Expr written, Expr known) =>
            Zero(Ex.Sub(written, known)) || WithStandardConvention(written, known) is { } tied && Zero(Ex.Sub(tied.Lhs, tied.Rhs));
        try { return Same(mean, Ex.Mul(chain.Scale, previous)) && Same(variance, chain.Variance); }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { return false; }
    }

    /// <summary>The section the forward chain was given in: a kernel written again in the same derivation restates it.</summary>
    private int _chainSection = -1;

    /// <summary>The document writes the chain's joint as the product of its transitions (q(x_{1:T} | x_0) = ∏_{t=1}^{T} q(x_t | x_{t−1})): it is Markov.</summary>
    private bool _chainMarkov;

    private void NoteMarkovJoint(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        if (_chain is not { } chain || Conditional(target, parsed) is not { Targets: [var run], Given: [var start] } joint || joint.Density != chain.Density) return;
        if (Checking.IndexedSums.Split(run) is not { } r || r.Base != chain.Letter || !r.Key.StartsWith("1:", StringComparison.Ordinal) || start != chain.Letter + "_0") return;
        if (MatrixScope.Unwrap(formula) is not Product { Lower: { } lower, Body: var body }) return;
        var from = parsed.GetText(lower.Span).Replace(" ", "").Replace("{", "").Replace("}", "");
        if (from != chain.Index + "=1" || Conditional(MatrixScope.Unwrap(body), parsed) is not { Targets: [var next], Given: [var previous] } factor || factor.Density != chain.Density) return;
        _chainMarkov = next == chain.Letter + "_" + chain.Index && previous == chain.Letter + "_" + chain.Index + "-1";
    }

    /// <summary>q(x_t | x_{t−1}, x_0) = q(x_t | x_{t−1}) for a chain whose joint is the product of its transitions: proved (Markov).</summary>
    private Verdict? MarkovStep(SyntaxNode left, SyntaxNode right, ParseResult parsed)
    {
        if (!_chainMarkov || _chain is not { } chain) return null;
        string At(string key) => chain.Letter + "_" + key;
        if (Conditional(left, parsed) is not { Targets: [var target], Given: var given } full || Conditional(right, parsed) is not { Targets: [var target2], Given: [var last] } reduced) return null;
        if (full.Density != chain.Density || reduced.Density != chain.Density || target != At(chain.Index) || target2 != target || last != At(chain.Index + "-1")) return null;
        if (given.Count != 2 || !given.Contains(At(chain.Index + "-1")) || !given.Contains(At("0"))) return null;
        return new Verdict(VerdictKind.Proved, "the Markov property of the forward chain: the document writes " + chain.Density + "(" + At("1:T") + " | " + At("0") + ") as the product of its transitions "
            + chain.Density + "(" + At(chain.Index) + " | " + At(chain.Index + "-1") + "), so given " + At(chain.Index + "-1") + " the next state does not depend on " + At("0"), null, null, 0);
    }

    /// <summary>
    /// A variance v_t = β_t is positive; with the mean scaled by √(1 − β_t) (a² + v = 1, the variance-preserving chain)
    /// β_t lies in (0, 1), so does each factor α_t = 1 − β_t of a running product of a², and so the product ᾱ_{t−1}.
    /// </summary>
    private void ChainDomains()
    {
        if (_chain is not { } chain) return;
        var preserving = Zero(Ex.Sub(Ex.Add(Ex.Pow(chain.Scale, Ex.Two), chain.Variance), Ex.One));
        // Written in α: q(x_t | x_{t−1}) = 𝒩(√α_t x_{t−1}, (1 − α_t) I), a positive variance 1 − α_t with a real scale √α_t.
        if (chain.Variance is not Sym variance)
        {
            if (!preserving || Ex.Pow(chain.Scale, Ex.Two) is not Sym squared) return;
            _chainDomains[squared.Name] = Domain.UnitInterval;
        }
        else _chainDomains[variance.Name] = preserving ? Domain.UnitInterval : Domain.Positive;
        if (preserving)
            foreach (var r in _runningProducts.Where(r => r.Index == chain.Index && Zero(Ex.Sub(r.Factor, Ex.Pow(chain.Scale, Ex.Two)))))
                _chainDomains[r.Previous] = Domain.UnitInterval;
        ReassumeChainDomains();
    }

    /// <summary>The running product whose factor is the chain's squared scale, when the chain preserves variance (a² + v = 1).</summary>
    private RunningProduct? ChainProduct(ForwardChain chain) =>
        Zero(Ex.Sub(Ex.Add(Ex.Pow(chain.Scale, Ex.Two), chain.Variance), Ex.One))
            ? _runningProducts.FirstOrDefault(r => r.Index == chain.Index && Zero(Ex.Sub(r.Factor, Ex.Pow(chain.Scale, Ex.Two))))
            : null;

    /// <summary>
    /// q(x_t | x_0) = 𝒩(x_t; m, s I) or q(x_{t−1} | x_t, x_0) = 𝒩(x_{t−1}; m, s I) for the document's forward chain: checked
    /// against the laws that follow from it. True when the statement was decided here.
    /// </summary>
    private bool ForwardChainClaim(Operand left, RelationOperator op, Operand right, ParseResult parsed)
    {
        if (_chain is null || op.Kind != RelationKind.Equal || op.Negated) return false;
        if (MarkovStep(left.Node, right.Node, parsed) is { } markov)
        {
            var at = right.At(right.Node.Span.Start);
            Steps.Add(new StepResult(left.At(left.Node.Span.Start), at, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal, markov, StatementRole.Claim, "the Markov property of the forward chain"));
            Snapshot(at);
            return true;
        }
        if (_chain is not { } chain || ChainProduct(chain) is not { } product) return false;
        if (Conditional(left.Node, parsed) is not { } law || law.Density != chain.Density
            || Normal(right.Node, parsed, law.Targets is [var single] ? single : null) is not { } normal) return false;
        string At(string key) => chain.Letter + "_" + key;
        var t = chain.Index;
        var before = Ex.Sym(product.Previous);
        var x0 = Ex.Sym(At("0"));
        var xt = Ex.Sym(At(t));
        // With ᾱ_t = α_t ᾱ_{t−1} = a_t² ᾱ_{t−1}: x_t | x_0 ∼ 𝒩(√ᾱ_t x_0, (1 − ᾱ_t) I), by induction on t (ᾱ_0 = 1): the
        // mean's factor multiplies by a_t, the variance becomes a_t²(1 − ᾱ_{t−1}) + v_t = 1 − a_t² ᾱ_{t−1}.
        var barNow = Ex.Mul(product.Factor, before);
        var reason = "";
        Expr mean, variance;
        Sym[] variables = [xt, x0];
        if (law.Targets is [var target] && target == At(t) && law.Given is [var start] && start == At("0"))
        {
            mean = Ex.Mul(Ex.Sqrt(barNow), x0);
            variance = Ex.Sub(Ex.One, barNow);
            reason += "by induction on " + t + " from the forward chain (" + product.Name + " = " + LatexPrinter.Print(product.Factor) + " · " + product.Previous
                + ", the empty product 1 at " + t + " = 0): the mean's factor multiplies by √(" + LatexPrinter.Print(product.Factor) + ") at each step and the variance becomes a²(1 − "
                + product.Previous + ") + v = 1 − " + product.Name + "; so " + chain.Density + "(" + At(t) + " | " + At("0") + ") = 𝒩(√" + product.Name + " " + At("0") + ", (1 − " + product.Name + ") I)";
        }
        else if (law.Targets is [var previousState] && previousState == At(t + "-1") && law.Given is [var origin] && origin == At("0"))
        {
            // The same marginal one step earlier: q(x_{t−1} | x_0) = 𝒩(√ᾱ_{t−1} x_0, (1 − ᾱ_{t−1}) I).
            mean = Ex.Mul(Ex.Sqrt(before), x0);
            variance = Ex.Sub(Ex.One, before);
            variables = [Ex.Sym(previousState), x0];
            reason += "by induction on " + t + " from the forward chain (" + product.Name + " = " + LatexPrinter.Print(product.Factor) + " · " + product.Previous
                + ", the empty product 1 at " + t + " = 0), at " + t + " − 1: " + chain.Density + "(" + previousState + " | " + At("0") + ") = 𝒩(√" + product.Previous + " " + At("0") + ", (1 − " + product.Previous + ") I)";
        }
        else if (law.Targets is [var next] && next == At(t) && law.Given is [var last] && last == At(t + "-1")
            && (_chainSection >= _derivationStart || SameKernel(chain, normal.Mean, normal.Variance, Ex.Sym(last))))
        {
            // The kernel written again in the same derivation (often with α_t for 1 − β_t): it must be the kernel the text gave.
            mean = Ex.Mul(chain.Scale, Ex.Sym(last));
            variance = chain.Variance;
            variables = [xt, Ex.Sym(last)];
            reason += "the forward kernel the document gave, " + chain.Density + "(" + At(t) + " | " + last + ") = 𝒩(" + LatexPrinter.Print(mean) + ", " + LatexPrinter.Print(variance) + " I), written again";
        }
        else if (law.Targets is [var earlier] && earlier == At(t + "-1") && law.Given.Count == 2 && law.Given.Contains(At(t))
            && (law.Given.Contains(At("0")) || _reparametrisation is { } sample && law.Given.Contains(sample.Noise.Name)))
        {
            // q(x_{t−1} | x_t, x_0) ∝ q(x_t | x_{t−1}) q(x_{t−1} | x_0), a product of two Gaussians in x_{t−1}: precisions add
            // (a²/v + 1/(1 − ᾱ_{t−1})), the mean is the precision-weighted combination of x_t/a and √ᾱ_{t−1} x_0.
            var precision = Ex.Add(Ex.Div(Ex.Pow(chain.Scale, Ex.Two), chain.Variance), Ex.Div(Ex.One, Ex.Sub(Ex.One, before)));
            variance = Ex.Div(Ex.One, precision);
            mean = Ex.Mul(variance, Ex.Add(Ex.Mul(Ex.Div(chain.Scale, chain.Variance), xt), Ex.Mul(Ex.Div(Ex.Sqrt(before), Ex.Sub(Ex.One, before)), x0)));
            // Given x_t, the noise ε of the sample x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε determines x_0 and back: the same posterior.
            if (!law.Given.Contains(At("0")) && _reparametrisation is { } rep && ReadSample(rep, xt, x0) is { } first)
            {
                mean = Traversal.Substitute(mean, x0, first);
                reason = "given " + At(t) + ", " + rep.Noise.Name + " fixes " + At("0") + " = " + LatexPrinter.Print(first) + " (the sample the text wrote); ";
                variables = [xt, rep.Noise];
            }
            else if (!law.Given.Contains(At("0"))) return false;
            reason += "by Bayes' rule on the forward chain: " + chain.Density + "(" + At(t + "-1") + " | " + At(t) + ", " + At("0") + ") ∝ " + chain.Density + "(" + At(t) + " | " + At(t + "-1") + ") "
                + chain.Density + "(" + At(t + "-1") + " | " + At("0") + "), a product of two Gaussians in " + At(t + "-1") + " (the second 𝒩(√" + product.Previous + " " + At("0") + ", (1 − " + product.Previous
                + ") I) by induction), so the posterior is Gaussian with mean " + LatexPrinter.Print(mean) + " and variance " + LatexPrinter.Print(variance) + " times I";
        }
        else return false;
        var lhsStart = left.At(left.Node.Span.Start);
        var rhsStart = right.At(right.Node.Span.Start);
        var named = new List<string>();
        var failures = new List<(Verdict Verdict, Expr Written, Expr Value)>();
        var kinds = new List<VerdictKind>();
        (Verdict Verdict, Expr Written, Expr Value)? Part(SyntaxNode node, Expr value, string what)
        {
            // A name not given a value yet (μ̃_t(x_t, x_0), β̃_t) names the derived value: checked where the text writes it out.
            if (FreshName(WithoutIdentity(node, parsed), parsed, variables, chain.Index) is { } fresh)
            {
                _derivedNames[fresh.Name] = (fresh.Parameters, Traversal.Substitute(value, fresh.Renaming), what);
                named.Add(fresh.Name);
                return null;
            }
            if (MathBinder.Bind(node, parsed, _scope).Value is not { } written) return (new Verdict(VerdictKind.Unsupported, "cannot read the " + what + " " + parsed.GetText(node.Span), null, null, 0), value, value);
            written = Resolved(PerCoordinate(written));
            // μ̃_t(x_t, x_0) given its formula after "where": written out, and the names in that formula (ᾱ_t = α_t ᾱ_{t−1},
            // α_t = 1 − β_t) resolved too, or they would be read as free values beside the derived law's.
            try { written = Resolved(Written(written)); }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { }
            value = Resolved(value);
            return (CheckDerived(written, value), written, value);
        }
        foreach (var part in new[] { Part(normal.MeanNode, mean, "mean"), Part(normal.VarianceNode, variance, "variance") })
            if (part is { } v) { kinds.Add(v.Verdict.Kind); if (!v.Verdict.Holds) failures.Add(v); }
        Verdict result;
        if (failures.FirstOrDefault(f => f.Verdict.Kind == VerdictKind.Refuted) is { Verdict: { } wrong } refuted)
            result = UnknownIn(refuted.Written, refuted.Value) is { } unknown
                ? new Verdict(VerdictKind.Unsupported, reason + "; the law as written differs at values SymKl chose for " + unknown + ", a name the document does not define (not a parameter a counterexample may choose)", null, null, 0)
                : Sound(wrong with { Reason = reason + "; the law as written differs: " + wrong.Reason }, refuted.Written, refuted.Value);
        else if (failures.Count > 0)
            result = new Verdict(VerdictKind.Unsupported, reason + "; " + failures[0].Verdict.Reason, null, null, 0);
        else
            result = new Verdict(kinds.All(k => k == VerdictKind.Proved) ? VerdictKind.Proved : VerdictKind.Confirmed,
                reason + (named.Count > 0 ? "; " + string.Join(" and ", named) + " name" + (named.Count == 1 ? "s" : "") + " what it derives, checked where the text writes " + (named.Count == 1 ? "it" : "them") + " out" : ""), null, null, 0);
        Steps.Add(new StepResult(lhsStart, rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal, result, StatementRole.Claim,
            "a law that follows from the forward chain"));
        Snapshot(rhsStart);
        return true;
    }

    /// <summary>
    /// μ̃_t(x_t, x_0) = …, β̃_t = … after a statement of the posterior named them: the formula is checked against the derived
    /// value, and the name takes the derived value (a wrong formula is refuted, not used by what follows).
    /// </summary>
    private bool DerivedNameValue(Operand left, RelationOperator op, Operand right, ParseResult parsed)
    {
        if (_derivedNames.Count + _derivedFunctions.Count == 0 && _reparametrisation is null || op.Kind is not (RelationKind.Equal or RelationKind.Define) || op.Negated) return false;
        string name;
        IReadOnlyList<Sym> arguments = [];
        switch (left.Node)
        {
            case Call { Callee: Identifier id } call when call.Arguments.All(a => a is Identifier):
                name = MathBinder.FunctionName(id, parsed);
                arguments = call.Arguments.Select(a => Ex.Sym(MathBinder.SymbolName((Identifier)a, parsed))).ToList();
                break;
            case Identifier id:
                name = MathBinder.SymbolName(id, parsed);
                break;
            default:
                return false;
        }
        if (!_derivedNames.TryGetValue(name, out var derived))
        {
            if (arguments.Count == 0) return left.Node is Identifier bare && BareDerivedName(left, op, right, MathBinder.FunctionName(bare, parsed));
            if (_derivedFunctions.TryGetValue(name, out var known)) return DerivedInNoise(left, op, right, name, arguments, known);
            // μ̃_t(x_t, x_0) the text defined itself, written again with the sample's noise in place of x_0: the same rename.
            return _scope.Context.Defined.TryGetValue(name, out var own) && DerivedInNoise(left, op, right, name, arguments, (own.Parameters, own.Body, "value (the text's own definition)"));
        }
        // μ̃_t written without its arguments stands for μ̃_t(x_t, x_0); with other arguments it is another function.
        if (arguments.Count > 0 && !arguments.SequenceEqual(derived.Parameters)) return false;
        if (MathBinder.Bind(right.Node, right.Parsed, _scope).Value is not { } written) return false;
        _derivedNames.Remove(name);
        var verdict = CheckDerived(Resolved(written), Resolved(derived.Value));
        if (verdict.Kind == VerdictKind.Refuted)
            verdict = UnknownIn(Resolved(written), Resolved(derived.Value)) is { } unknown
                ? new Verdict(VerdictKind.Unsupported, "it differs at values SymKl chose for " + unknown + ", a name the document does not define (not a parameter a counterexample may choose)", verdict.Residue, null, verdict.PointsChecked)
                : Sound(verdict, written, derived.Value);
        var because = "the " + derived.What + " of the posterior the text stated before, derived from the forward chain, is " + LatexPrinter.Print(derived.Value);
        verdict = verdict with { Reason = because + "; " + verdict.Reason };
        var rhsStart = right.At(right.Node.Span.Start);
        Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal, verdict, StatementRole.Claim,
            "a formula for a name the text gave a derived value"));
        var position = left.At(left.Node.Span.Start);
        if (derived.Parameters.Count > 0)
        {
            _derivedFunctions[name] = (derived.Parameters, derived.Value, derived.What);
            _scope.Context = _scope.Context.WithDefinition(new FunctionDefinition(name, derived.Parameters, derived.Value));
            DefinedHere(name, position);
            _definedInSection[name] = _section;
        }
        else _scope.DefineSymbol(name, derived.Value);
        Definitions.Add(new DefinitionInfo(position, name, LatexPrinter.Print(derived.Value), "the derived " + derived.What + " (not the formula written, when that one is wrong)"));
        Snapshot(rhsStart);
        return true;
    }

    /// <summary>
    /// μ̃_t = … written bare after μ̃_t(x_t, x_0) took the value the forward chain derives, in the same derivation (no heading
    /// of level 1 or 2 between): the text restates the posterior mean, not a new meaning of the name. The formula is checked
    /// against the derived value (with x_0 written from the sample x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε when it holds ε), so a
    /// wrong coefficient is refuted; the derived value stays in force.
    /// </summary>
    private bool BareDerivedName(Operand left, RelationOperator op, Operand right, string name)
    {
        if (!_derivedFunctions.TryGetValue(name, out var known) || _chain is not { } chain || known.Parameters.Count != 2) return false;
        if (!_definedInSection.TryGetValue(name, out var section) || section < _derivationStart) return false;
        if (MathBinder.Bind(right.Node, right.Parsed, _scope).Value is not { } written) return false;
        var xt = Ex.Sym(chain.Letter + "_" + chain.Index);
        var x0 = Ex.Sym(chain.Letter + "_0");
        if (!known.Parameters.SequenceEqual([xt, x0])) return false;
        var value = known.Value;
        var how = "";
        var free = Traversal.FreeSymbols(written);
        if (_reparametrisation is { } rep && free.Contains(rep.Noise))
        {
            // Written with the sample's noise: x_0 through the sample, and not also x_0 itself (then the reading is not certain).
            if (free.Contains(x0) || ReadSample(rep, xt, x0) is not { } first) return false;
            value = Traversal.Substitute(value, x0, first);
            how = " with " + x0.Name + " = " + LatexPrinter.Print(first) + " (the sample the text wrote)";
        }
        // Only the chain's states and parameters: a name the text leaves open (μ_θ, ε_θ) makes it another statement.
        if (RandomSymbols(written).Any(n => n != xt.Name && n != x0.Name && !(_reparametrisation is { } r && r.Noise.Name == n))) return false;
        Verdict verdict;
        try { verdict = CheckDerived(Resolved(written), Resolved(value)); }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { return false; }
        if (verdict.Kind == VerdictKind.Refuted)
            verdict = UnknownIn(Resolved(written), Resolved(value)) is { } unknown
                ? new Verdict(VerdictKind.Unsupported, "it differs at values SymKl chose for " + unknown + ", a name the document does not define (not a parameter a counterexample may choose)", verdict.Residue, null, verdict.PointsChecked)
                : Sound(verdict, written, value);
        verdict = verdict with { Reason = name + " written without its arguments is the derived " + known.What + " " + name + "(" + xt.Name + ", " + x0.Name + ")" + how + ", "
            + LatexPrinter.Print(value) + "; " + verdict.Reason };
        var rhsStart = right.At(right.Node.Span.Start);
        Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal, verdict, StatementRole.Claim,
            "a derived quantity written again without its arguments"));
        Snapshot(rhsStart);
        return true;
    }

    /// <summary>x_t or x_0 of the forward chain: the chain gives it its law, so "x_t = …" is a claim about it, never its definition.</summary>
    private bool IsChainVariable(SyntaxNode node, ParseResult parsed) =>
        _chain is { } chain && node is Identifier id && MathBinder.SymbolName(id, parsed) is var name
        && (name == chain.Letter + "_" + chain.Index || name == chain.Letter + "_0");

    /// <summary>x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, once found equal in distribution to the chain's x_t: the noise and the formula.</summary>
    private (Sym Noise, Expr Value)? _reparametrisation;

    /// <summary>
    /// A step about the chain's samples: x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε with ε ∼ 𝒩(0, I) holds in distribution when its right
    /// side has the law q(x_t | x_0) derived from the chain (it then fixes what ε is: the noise that took x_0 to x_t); after
    /// it, a step that uses that ε with x_t (x_0 = (x_t − √(1 − ᾱ_t) ε)/√ᾱ_t, a mean written with ε) is read with x_t
    /// given by it. Only ever confirms: null when the reading does not apply or the step fails under it.
    /// </summary>
    private Verdict? ChainSample(Operand left, Operand right)
    {
        if (_chain is not { } chain || ChainProduct(chain) is not { } product) return null;
        if (MathBinder.Bind(left.Node, left.Parsed, _scope).Value is not { } l || MathBinder.Bind(right.Node, right.Parsed, _scope).Value is not { } r) return null;
        l = Resolved(l);
        r = Resolved(r);
        var xt = Ex.Sym(chain.Letter + "_" + chain.Index);
        var x0 = Ex.Sym(chain.Letter + "_0");
        try
        {
            foreach (var (lone, formula) in new[] { (l, r), (r, l) })
            {
                if (!lone.Equals(xt) || Traversal.FreeSymbols(formula).Any(s => Checking.IndexedSums.Split(s.Name) is { } p && p.Base == chain.Letter && s != x0)) continue;
                var noises = RandomSymbols(formula).Where(IsDrawnNoise).Select(Ex.Sym).ToList();
                // One noise, and no random value but x_0 (given) beside it.
                if (noises.Count != 1 || RandomSymbols(formula).Any(n => n != noises[0].Name && n != x0.Name)) return null;
                var noise = noises[0];
                var coefficient = Differentiator.Derivative(formula, noise);
                if (Traversal.FreeSymbols(coefficient).Contains(noise)) return null;
                var mean = Traversal.Substitute(formula, noise, Ex.Zero);
                var barNow = Ex.Mul(product.Factor, Ex.Sym(product.Previous));
                var meanCheck = StepChecker.Check(mean, Symbolic.Relation.Equal, Ex.Mul(Ex.Sqrt(barNow), x0), _scope.Assumptions, _scope.Context, options.Seed);
                var spreadCheck = StepChecker.Check(Ex.Pow(coefficient, Ex.Two), Symbolic.Relation.Equal, Ex.Sub(Ex.One, barNow), _scope.Assumptions, _scope.Context, options.Seed);
                if (!meanCheck.Holds || !spreadCheck.Holds) return null;
                _reparametrisation = (noise, formula);
                return new Verdict(meanCheck.Kind == VerdictKind.Proved && spreadCheck.Kind == VerdictKind.Proved ? VerdictKind.Proved : VerdictKind.Confirmed,
                    "equal in distribution given " + x0.Name + ": the forward chain gives " + chain.Density + "(" + xt.Name + " | " + x0.Name + ") = 𝒩(√" + product.Name + " " + x0.Name + ", (1 − " + product.Name
                    + ") I) (by induction on " + chain.Index + "), and with " + noise.Name + " standard normal the other side has that mean and variance", null, null, Math.Max(meanCheck.PointsChecked, spreadCheck.PointsChecked));
            }
            if (_reparametrisation is not { } rep || !Traversal.FreeSymbols(l).Concat(Traversal.FreeSymbols(r)).Contains(rep.Noise)) return null;
            var withSample = new Dictionary<Sym, Expr> { [xt] = rep.Value };
            var verdict = StepChecker.Check(Traversal.Substitute(l, withSample), Symbolic.Relation.Equal, Traversal.Substitute(r, withSample), _scope.Assumptions, _scope.Context, options.Seed);
            return verdict.Holds
                ? verdict with { Reason = "with " + xt.Name + " = " + LatexPrinter.Print(rep.Value) + " (the sample of the forward chain the text wrote with " + rep.Noise.Name + "): " + verdict.Reason }
                : null;
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { return null; }
    }

    /// <summary>x_0 from the sample x_t = m x_0 + c ε: (x_t − c ε)/m, or null when the sample is not of that form.</summary>
    private static Expr? ReadSample((Sym Noise, Expr Value) sample, Sym xt, Sym x0)
    {
        try
        {
            var m = Differentiator.Derivative(sample.Value, x0);
            var c = Differentiator.Derivative(sample.Value, sample.Noise);
            if (Traversal.FreeSymbols(m).Concat(Traversal.FreeSymbols(c)).Any(v => v == x0 || v == sample.Noise || v == xt)) return null;
            return Ex.Div(Ex.Sub(xt, Ex.Mul(c, sample.Noise)), m);
        }
        catch (NotSupportedException) { return null; }
    }

    /// <summary>Functions given a derived value (μ̃_t(x_t, x_0)), for the same name written later with the sample's noise.</summary>
    private readonly Dictionary<string, (IReadOnlyList<Sym> Parameters, Expr Value, string What)> _derivedFunctions = new(StringComparer.Ordinal);

    /// <summary>
    /// μ̃_t(x_t, ε) = … after μ̃_t(x_t, x_0) was derived: x_0 written from the sample x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε the text
    /// gave. The formula is checked against the derived value so rewritten; the definition in force is not changed.
    /// </summary>
    private bool DerivedInNoise(Operand left, RelationOperator op, Operand right, string name, IReadOnlyList<Sym> arguments, (IReadOnlyList<Sym> Parameters, Expr Value, string What) known)
    {
        if (_chain is not { } chain || _reparametrisation is not { } rep) return false;
        var xt = Ex.Sym(chain.Letter + "_" + chain.Index);
        var x0 = Ex.Sym(chain.Letter + "_0");
        if (!known.Parameters.SequenceEqual([xt, x0]) || !arguments.Contains(xt) || !arguments.Contains(rep.Noise) || arguments.Any(a => a != xt && a != rep.Noise && a.Name != chain.Index)) return false;
        if (ReadSample(rep, xt, x0) is not { } first || MathBinder.Bind(right.Node, right.Parsed, _scope).Value is not { } written) return false;
        var value = Traversal.Substitute(known.Value, x0, first);
        var verdict = CheckDerived(Resolved(written), Resolved(value));
        if (verdict.Kind == VerdictKind.Refuted)
            verdict = UnknownIn(Resolved(written), Resolved(value)) is { } unknown
                ? new Verdict(VerdictKind.Unsupported, "it differs at values SymKl chose for " + unknown + ", a name the document does not define (not a parameter a counterexample may choose)", verdict.Residue, null, verdict.PointsChecked)
                : Sound(verdict, written, value);
        verdict = verdict with { Reason = "the derived " + known.What + " " + name + "(" + xt.Name + ", " + x0.Name + ") with " + x0.Name + " = " + LatexPrinter.Print(first) + " (the sample the text wrote) is " + LatexPrinter.Print(value) + "; " + verdict.Reason };
        var rhsStart = right.At(right.Node.Span.Start);
        Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal, verdict, StatementRole.Claim,
            "a derived function written with the sample's noise"));
        Snapshot(rhsStart);
        return true;
    }

    /// <summary>
    /// … = μ(x_t, t) after μ(x_t, x_0) was derived and the sample x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε written: the text renames
    /// the mean with x_0 written from x_t and ε, the new arguments naming what it depends on (the step index for the noise
    /// of that step). When the other side is that value, μ applied to those argument names means it from here on (read
    /// with x_t and ε vectors). Only ever confirms: null when the reading does not apply or the other side differs.
    /// </summary>
    private Verdict? RenamedDerivedFunction(Operand left, Operand right)
    {
        if (_chain is not { } chain || _reparametrisation is not { } rep) return null;
        var xt = Ex.Sym(chain.Letter + "_" + chain.Index);
        var x0 = Ex.Sym(chain.Letter + "_0");
        foreach (var (named, other) in new[] { (right, left), (left, right) })
        {
            if (MatrixScope.Unwrap(named.Node) is not Call { Callee: Identifier id } call || call.Arguments.Any(a => a is not Identifier)) continue;
            var name = MathBinder.FunctionName(id, named.Parsed);
            if (!_derivedFunctions.TryGetValue(name, out var known) || !known.Parameters.SequenceEqual([xt, x0])) continue;
            var arguments = call.Arguments.Select(a => Ex.Sym(MathBinder.SymbolName((Identifier)a, named.Parsed))).ToList();
            if (arguments.SequenceEqual(known.Parameters) || !arguments.Contains(xt) || arguments.Distinct().Count() != arguments.Count
                || arguments.Any(a => a != xt && a != rep.Noise && a.Name != chain.Index)) continue;
            if (ReadSample(rep, xt, x0) is not { } first || MathBinder.Bind(other.Node, other.Parsed, _scope).Value is not { } written) return null;
            var value = Traversal.Substitute(known.Value, x0, first);
            try
            {
                var verdict = StepChecker.Check(Resolved(written), Symbolic.Relation.Equal, Resolved(value), _scope.Assumptions, _scope.Context, options.Seed);
                if (!verdict.Holds) return null;
                _scope.WriteApplication(name, arguments.Select(a => a.Name), value, [xt, rep.Noise]);
                return verdict with { Reason = "the text names the derived " + known.What + " " + name + "(" + xt.Name + ", " + x0.Name + ") with " + x0.Name + " = " + LatexPrinter.Print(first)
                    + " (the sample it wrote) " + name + "(" + string.Join(", ", arguments.Select(a => a.Name)) + "), read so from here on; " + verdict.Reason };
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { return null; }
        }
        return null;
    }

    /// <summary>A name with no value yet (μ(x_t, x_0) with arguments among the chain's variables, or γ_t), with the renaming of those variables to its parameters.</summary>
    private (string Name, IReadOnlyList<Sym> Parameters, Dictionary<Sym, Expr> Renaming)? FreshName(SyntaxNode node, ParseResult parsed, Sym[] variables, string index)
    {
        switch (MatrixScope.Unwrap(node))
        {
            case Identifier id:
                {
                    var name = MathBinder.SymbolName(id, parsed);
                    if (_scope.HasSeen(name) || _scope.DefinesSymbol(name) || _scope.IsDefinedFunction(name) || variables.Any(v => v.Name == name)) return null;
                    return (name, [], []);
                }
            case Call { Callee: Identifier id } call when call.Arguments.All(a => a is Identifier):
                {
                    var name = MathBinder.FunctionName(id, parsed);
                    var arguments = call.Arguments.Select(a => Ex.Sym(MathBinder.SymbolName((Identifier)a, parsed))).ToList();
                    // μ(x_t, ε, t) after μ(x_t, x_0): with other arguments the text names another function.
                    if (_scope.IsDefinedFunction(name) && _scope.FunctionParameters(name)?.Count == arguments.Count || MathBinder.IsKnownOperatorName(id)) return null;
                    // μ(x_t, ε, t): the variables, and the step index as a label.
                    if (arguments.Distinct().Count() != arguments.Count || !variables.All(arguments.Contains) || arguments.Any(a => !variables.Contains(a) && a.Name != index)) return null;
                    return (name, arguments, []);
                }
            default:
                return null;
        }
    }

    /// <summary>q(x_{t−1} | x_t, x_0): the density's name, the variables before the bar and those after it.</summary>
    private static (string Density, IReadOnlyList<string> Targets, IReadOnlyList<string> Given)? Conditional(SyntaxNode node, ParseResult parsed)
    {
        if (node is not Call { Callee: Identifier density } call || call.Arguments.Count < 1 || call.Arguments.Any(a => a is not Identifier)) return null;
        var bar = -1;
        for (var i = 0; i < call.Separators.Count; i++)
            if (call.Separators[i].Text is "|" or "\\mid" or "\\vert") { if (bar >= 0) return null; bar = i; }
            else if (call.Separators[i].Text != ",") return null;
        var names = call.Arguments.Select(a => MathBinder.SymbolName((Identifier)a, parsed)).ToList();
        var split = bar < 0 ? names.Count : bar + 1;
        return (MathBinder.FunctionName(density, parsed), names.Take(split).ToList(), names.Skip(split).ToList());
    }

    private sealed record NormalLaw(string Variable, Expr Mean, Expr Variance, SyntaxNode MeanNode, SyntaxNode VarianceNode);

    /// <summary>
    /// 𝒩(x; m, v I) or 𝒩(x; m, v): the variable, the mean and the variance per coordinate (I read as 1). With the law's
    /// variable known (the one target of q(x_t | x_0) = …), also 𝒩(m, v I), the variable left out.
    /// </summary>
    private NormalLaw? Normal(SyntaxNode node, ParseResult parsed, string? target = null)
    {
        if (node is not Call { Callee: Identifier family } call || Families.Find(MathBinder.SymbolName(family, parsed))?.Name != "Normal") return null;
        string variable;
        SyntaxNode meanNode, varianceNode;
        if (call.Arguments is [Identifier written, var m3, var v3] && call.Separators.Count == 2 && call.Separators[0].Text is ";" or "|")
            (variable, meanNode, varianceNode) = (MathBinder.SymbolName(written, parsed), m3, v3);
        else if (target is not null && call.Arguments is [var m2, var v2] && call.Separators is [{ Text: "," }])
            (variable, meanNode, varianceNode) = (target, m2, v2);
        else return null;
        if (MathBinder.Bind(meanNode, parsed, _scope).Value is not { } mean || MathBinder.Bind(varianceNode, parsed, _scope).Value is not { } covariance) return null;
        return new NormalLaw(variable, Resolved(mean), Resolved(PerCoordinate(covariance)), meanNode, varianceNode);
    }

    /// <summary>
    /// The document's symbol definitions applied until none is left (a value written with another defined name, as
    /// x_t = √ᾱ_t x_0 + … with ᾱ_t = α_t ᾱ_{t−1}): one pass would leave ᾱ_t free of its tie to ᾱ_{t−1}.
    /// </summary>
    private Expr Resolved(Expr e)
    {
        for (var round = 0; round < 6; round++)
        {
            var next = _scope.SubstituteSymbols(e);
            if (next.Equals(e)) return e;
            e = next;
        }
        return e;
    }

    /// <summary>
    /// A name in the text's formula that the derived value does not have and nothing defines (γ_t used before it was
    /// named, an undefined function): what it stands for is open, so a difference at a value chosen for it shows nothing.
    /// </summary>
    private string? UnknownIn(Expr written, Expr derived)
    {
        var known = new HashSet<Sym>(Traversal.FreeSymbols(derived));
        // The chain's own parameters (β_t of the kernel, the running products) are genuine parameters of the model, not
        // names left open: a formula that differs at values of them is wrong.
        if (_chain is { } chain)
        {
            known.UnionWith(Traversal.FreeSymbols(chain.Scale));
            known.UnionWith(Traversal.FreeSymbols(chain.Variance));
            foreach (var r in _runningProducts.Where(r => r.Index == chain.Index)) { known.Add(Ex.Sym(r.Name)); known.Add(Ex.Sym(r.Previous)); }
        }
        var extra = Traversal.FreeSymbols(written).FirstOrDefault(v => !known.Contains(v) && !IsIdentity(v.Name));
        if (extra is not null) return extra.Name;
        string? function = null;
        Traversal.Any(written, e => e is Apply ap && !_scope.IsDefinedFunction(ap.Name) && (function = ap.Name) is not null);
        return function;
    }

    /// <summary>γ_t I → γ_t: the variance per coordinate of an isotropic covariance.</summary>
    private static SyntaxNode WithoutIdentity(SyntaxNode node, ParseResult parsed) =>
        node is ImplicitMultiplication { Factors: [var scale, Identifier last] } && IsIdentity(MathBinder.SymbolName(last, parsed)) ? scale : node;

    private static bool IsIdentity(string name) => name is "I" or "\\mathbf{I}" or "\\boldsymbol{I}" or "\\mathbb{I}";

    /// <summary>The covariance with the identity matrix read as 1 (the variance per coordinate).</summary>
    private static Expr PerCoordinate(Expr covariance) =>
        Traversal.Substitute(covariance, Traversal.FreeSymbols(covariance).Where(s => IsIdentity(s.Name)).ToDictionary(s => s, _ => (Expr)Ex.One));

    /// <summary>
    /// The text's formula against the value derived from the chain. One written in α_t where the chain is in β_t (α_t never
    /// given a value, as posts take α_t = 1 − β_t for granted) that fails with α_t free but holds under the diffusion
    /// convention is confirmed under it; otherwise the verdict stands (a failure then names α_t as an unknown, never refutes on it).
    /// </summary>
    private Verdict CheckDerived(Expr written, Expr value)
    {
        var verdict = StepChecker.Check(written, Symbolic.Relation.Equal, value, _scope.Assumptions, _scope.Context, options.Seed);
        return verdict.Holds ? verdict : UnderStandardConvention(verdict, written, Symbolic.Relation.Equal, value);
    }

    /// <summary>True when e is 0 symbolically (no numeric guess: the chain's reading must be certain).</summary>
    private bool Zero(Expr e)
    {
        try { return StepChecker.Check(e, Symbolic.Relation.Equal, Ex.Zero, _scope.Assumptions, _scope.Context, options.Seed).Kind == VerdictKind.Proved; }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { return false; }
    }
}
