using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Operators a document defines its own way. Posts sometimes give a standard name a convention of their own
/// ("where $H(q, p) = \int q(x) \log p(x)$ is the cross-entropy", without the minus sign), often after using it.
/// Read with the standard meaning, every step that uses the name would fail; so before the walk, each definition
/// of a known operator (after a definition cue or with :=) is checked against the standard meaning, and when it
/// disagrees (or cannot be decided), a failure of any statement that uses the name is not reported as a mistake.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Known operator names the document defines differently: name → where and how.</summary>
    private readonly Dictionary<string, string> _ownConventions = new(StringComparer.Ordinal);

    private void FindOwnConventions()
    {
        foreach (var block in document.Blocks)
        {
            if (document.IsSkipped(block)) continue;
            var cue = RoleCues.Find(block.ProseBefore);
            var parsed = LatexParser.ParseMath(Expanded(block, out var toBlock));
            foreach (var relation in (parsed.Root?.Rows ?? []).SelectMany(r => r.Items).OfType<LatexRelation>())
            {
                if (relation.Operands.Count < 2) continue;
                var op = relation.Operators[0];
                if (op.Kind == RelationKind.Sim && relation.Operands[0] is Identifier random)
                    _randomBases.Add(RandomBase(MathBinder.SymbolName(random, parsed)));
                var defining = op.Kind == RelationKind.Define || op.Kind == RelationKind.Equal && cue.Kind == CueKind.Definition;
                if (!defining || relation.Operands[0] is not Call { Callee: Identifier callee } || !MathBinder.IsKnownOperatorName(callee)) continue;
                var name = MathBinder.FunctionName(callee, parsed);
                if (_ownConventions.ContainsKey(name) || AgreesWithStandardMeaning(relation.Operands[0], relation.Operands[1], parsed)) continue;
                var p = block.GetPosition(toBlock(relation.Span.Start));
                var text = Shorten(parsed.GetText(relation.Operands[0].Span) + " = " + parsed.GetText(relation.Operands[1].Span));
                _ownConventions[name] = "line " + p.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + text;
                Warnings.Add(new DocumentWarning(ToFile(p), WarningKind.Suspicious, DiagnosticCodes.OwnConvention,
                    "the document defines " + name + " as " + text + ", which is not its standard meaning (or not one SymKl can confirm); statements that use " + name + " are not refuted"));
            }
        }
    }

    /// <summary>The definition holds with the operator's standard meaning (checked in a scope of its own).</summary>
    private bool AgreesWithStandardMeaning(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        var scope = new ScopeState();
        var l = MathBinder.Bind(target, parsed, scope);
        var r = MathBinder.Bind(formula, parsed, scope);
        if (l.Value is null || r.Value is null) return false;
        try
        {
            using var budget = new CancellationTokenSource(options.StepTimeout ?? TimeSpan.FromSeconds(10));
            return StepChecker.Check(l.Value, Symbolic.Relation.Equal, r.Value, scope.Assumptions, scope.Context, options.Seed, budget.Token).Holds;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (InsufficientExecutionStackException)
        {
            return false;
        }
    }

    /// <summary>The own convention of an operator the statement uses, if any ("H (line 90: H(q, p) = …)").</summary>
    private string? OwnConventionUsed(params Operand[] operands)
    {
        if (_ownConventions.Count == 0) return null;
        foreach (var operand in operands)
        {
            var stack = new Stack<SyntaxNode>();
            stack.Push(operand.Node);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (n is Call { Callee: Identifier id } && _ownConventions.TryGetValue(MathBinder.FunctionName(id, operand.Parsed), out var where))
                    return MathBinder.FunctionName(id, operand.Parsed) + " (" + where + ")";
                foreach (var child in n.Children()) stack.Push(child);
            }
        }
        return null;
    }

    /// <summary>A refutation that rests on the standard meaning of an operator the document defines its own way.</summary>
    private static Verdict UnderOwnConvention(Verdict verdict, string convention) =>
        verdict.Kind != VerdictKind.Refuted ? verdict : new Verdict(VerdictKind.Unsupported,
            "it uses " + convention + ", which the document defines its own way; SymKl checks it with the standard meaning, under which it fails",
            verdict.Residue, verdict.Counterexample, verdict.PointsChecked);

    /// <summary>"where H(q, p) = …" for an operator the document defines its own way: its definition, which SymKl does not use.</summary>
    private bool IsOwnConventionDefinition(SyntaxNode node, ParseResult parsed) =>
        node is Call { Callee: Identifier id } && _ownConventions.ContainsKey(MathBinder.FunctionName(id, parsed));

    // ---------------------------------------------------------------- random variables

    /// <summary>Base names of the symbols the document draws at random (ε in "ε_{t-1} ∼ 𝒩(0, I)"), subscripts and accents removed.</summary>
    private readonly HashSet<string> _randomBases = new(StringComparer.Ordinal);

    /// <summary>
    /// "σ₁ε₁ + σ₂ε₂ = √(σ₁² + σ₂²) ε̃": two sides that combine different random variables can be equal in distribution
    /// (independent Gaussians merged into one) while no identity holds between the symbols. A failure then shows nothing.
    /// </summary>
    private string? DifferentRandomVariables(Expr lhs, Expr rhs)
    {
        if (_randomBases.Count == 0) return null;
        var left = RandomSymbols(lhs);
        var right = RandomSymbols(rhs);
        if (left.Count + right.Count == 0 || left.SetEquals(right)) return null;
        var only = left.Except(right).Concat(right.Except(left)).First();
        return "its sides combine different random variables (" + only + " is on one side only); as random variables they may be equal in distribution " +
            "(independent Gaussians merged into one, a reparameterisation), which SymKl does not check";
    }

    /// <summary>The random symbols that appear as values, outside expectations, integrals and sums (which average them out).</summary>
    private HashSet<string> RandomSymbols(Expr e)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is Symbolic.Expectation or Symbolic.Integral or Summation or Functional) continue;
            if (n is Sym s && _randomBases.Contains(RandomBase(s.Name))) found.Add(s.Name);
            foreach (var c in n.Children) stack.Push(c);
        }
        return found;
    }

    /// <summary>"	ilde{\epsilon}_{t-1}" → "epsilon": the letter, without accents, subscripts or superscripts.</summary>
    private static string RandomBase(string name)
    {
        var cut = name.IndexOfAny(['_', '^']);
        var head = cut < 0 ? name : name.Substring(0, cut);
        foreach (var accent in new[] { "\\tilde", "\\bar", "\\hat", "\\overline", "\\widetilde", "\\widehat", "\\boldsymbol", "\\mathbf", "\\bm", "tilde", "bar", "hat" })
            if (head.StartsWith(accent, StringComparison.Ordinal)) head = head.Substring(accent.Length);
        return head.Trim('{', '}', '\\', ' ');
    }

    // ---------------------------------------------------------------- definitions through a logarithm

    /// <summary>
    /// "log p(x | α, β) = (α − 1) log x + …" with p new: a log-density (or log-likelihood) given by its formula, which
    /// defines p as the exponential of it. Returns the call and the base of the logarithm (null: natural).
    /// </summary>
    private (Call Call, Expr? Base)? LogOfNewFunction(SyntaxNode node, ParseResult parsed)
    {
        if (node is not FunctionApplication { Function: "log" or "ln", Arguments.Count: 1 } log) return null;
        var argument = log.Arguments[0];
        while (argument is Group { Body: var inner }) argument = inner;
        if (argument is not Call { Callee: Identifier id } call || MathBinder.IsKnownOperatorName(id)) return null;
        var name = MathBinder.FunctionName(id, parsed);
        // New, or a function of an earlier section given a new formula (the multivariate case after the univariate one).
        var definedHere = _definedInSection.TryGetValue(name, out var section) && section == _section;
        if (_scope.IsDefinedFunction(name) && (definedHere || !_definedInSection.ContainsKey(name)) || MathBinder.Parameters(call, parsed) is null) return null;
        Expr? logBase = null;
        if (log.Function == "log")
        {
            if (log.Base is not null)
            {
                logBase = MathBinder.Bind(log.Base, parsed, _scope).Value;
                if (logBase is null) return null;
            }
            else if (_scope.LogBase == "2") logBase = Ex.Two;
            else if (_scope.LogBase == "10") logBase = Ex.Num(10);
            else if (_scope.LogBase is not ("e" or "" or "ln")) return null;
        }
        return (call, logBase);
    }

    private bool TryDefineThroughLog(Call target, Expr? logBase, SyntaxNode formula, ParseResult parsed, Func<int, SourcePosition> at)
    {
        var id = (Identifier)target.Callee;
        var name = MathBinder.FunctionName(id, parsed);
        var parameters = MathBinder.Parameters(target, parsed);
        var body = MathBinder.Bind(formula, parsed, _scope);
        if (parameters is null || body.Value is null || MentionsFunction(body.Value, name) || WritesTranspose(formula))
        {
            // A new formula SymKl cannot read replaces the old one all the same: the function is unknown from here on.
            _scope.Context = _scope.Context.Without(name);
            return false;
        }
        var value = logBase is null ? Ex.Exp(body.Value) : Ex.Pow(logBase, body.Value);
        _scope.Context = _scope.Context.WithDefinition(new FunctionDefinition(name, parameters, value));
        var position = ToFile(at(target.Span.Start));
        Definitions.Add(new DefinitionInfo(position, name, "exp(" + parsed.GetText(formula.Span).Trim() + ")", "function"));
        DefinedHere(name, position);
        _definedInSection[name] = _section;
        return true;
    }

    /// <summary>
    /// A density written through its logarithm must integrate to 1 over its variable: "log p(x | μ, σ) = −½ log 2π −
    /// (x − μ)²/(2σ²)" has lost its −log σ. Checked for p and q of a conditional bar or of one variable, over the real
    /// line; a failure there is a refutation of the formula as a density (and p stays undefined). Null when it
    /// integrates to 1, or when that cannot be decided (another support, a divergent integral, no closed form).
    /// </summary>
    private Verdict? NotNormalised(Call target, Expr? logBase, SyntaxNode formula, ParseResult parsed)
    {
        var id = (Identifier)target.Callee;
        if (id.Name is not ("p" or "q") || !(target.Separators.Any(s => s.Text == "|") || target.Arguments.Count == 1)) return null;
        var parameters = MathBinder.Parameters(target, parsed);
        var body = MathBinder.Bind(formula, parsed, _scope);
        if (parameters is not { Count: > 0 } || body.Value is null || WritesTranspose(formula)) return null;
        var density = logBase is null ? Ex.Exp(body.Value) : Ex.Pow(logBase, body.Value);
        var variable = parameters[0];
        if (!Traversal.FreeSymbols(body.Value).Contains(variable)) return null;
        var total = Ex.Integral(density, variable, Ex.Neg(Ex.Sym("infinity")), Ex.Sym("infinity"));
        try
        {
            using var budget = new CancellationTokenSource(options.StepTimeout ?? TimeSpan.FromSeconds(10));
            var verdict = StepChecker.Check(total, Symbolic.Relation.Equal, Ex.One, _scope.Assumptions, _scope.Context, options.Seed, budget.Token);
            // Only a closed form of the integral is trusted here (quadrature over the real line can miss a narrow peak
            // far from 0); the counterexample is then re-evaluated from it: the integral is residue + 1.
            if (verdict.Kind != VerdictKind.Refuted || verdict.Residue is not { } residue || verdict.Counterexample is not { } ce) return null;
            if (Traversal.Any(residue, e => e is Symbolic.Integral or Summation or Symbolic.Expectation or Functional or Apply)) return null;
            var values = ce.Values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var integral = new NumericEvaluator(sym => values.TryGetValue(sym.Name, out var v) ? v : double.NaN).Evaluate(Ex.Add(residue, Ex.One));
            if (!integral.IsDefined || integral.Value < 0 || Math.Abs(integral.Value - 1) <= 1e-6) return null;
            var point = new Counterexample([.. ce.Values.Where(kv => kv.Key != "infinity")], integral.Value, 1);
            return new Verdict(VerdictKind.Refuted,
                "as a density of " + variable.Name + " (the log of " + MathBinder.FunctionName(id, parsed) + " given by a formula), it does not integrate to 1 over the real line: the integral is " + LatexPrinter.Print(Ex.Add(residue, Ex.One)),
                residue, point, verdict.PointsChecked);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InsufficientExecutionStackException or ArithmeticException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>x^T, x^{\top}: a transpose, which a scalar reading would take for a power.</summary>
    private static bool WritesTranspose(SyntaxNode node)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is Power { Exponent: var e } && (e is Identifier { Name: "T" or "top" or "intercal" } || e is MathSymbol { Name: "top" or "intercal" })) return true;
            foreach (var child in n.Children()) stack.Push(child);
        }
        return false;
    }

    // ---------------------------------------------------------------- units of information

    /// <summary>True once the document (or an annotation) has said which logarithm it uses.</summary>
    private bool _logBaseDeclared;

    /// <summary>
    /// H(½, ½) = 1 is right in bits and wrong in nats. When the document has not said which base its logarithms
    /// have and the statement is about entropy or information, a failure in nats that disappears in bits is the
    /// text's unit, not a mistake.
    /// </summary>
    private bool HoldsInBits(Operand left, Operand right, Symbolic.Relation relation)
    {
        if (_logBaseDeclared || _scope.LogBase != "e" || !MentionsInformation(left) && !MentionsInformation(right)) return false;
        var saved = _scope.LogBase;
        _scope.LogBase = "2";
        try
        {
            var l = MathBinder.Bind(left.Node, left.Parsed, _scope);
            var r = MathBinder.Bind(right.Node, right.Parsed, _scope);
            if (l.Value is null || r.Value is null) return false;
            using var budget = new CancellationTokenSource(options.StepTimeout ?? TimeSpan.FromSeconds(10));
            return StepChecker.Check(_scope.SubstituteSymbols(l.Value), relation, _scope.SubstituteSymbols(r.Value), _scope.Assumptions, _scope.Context, options.Seed, budget.Token).Holds;
        }
        catch (Exception ex) when (ex is OperationCanceledException or InsufficientExecutionStackException)
        {
            return false;
        }
        finally
        {
            _scope.LogBase = saved;
        }
    }

    /// <summary>An entropy, cross-entropy, information or divergence written in the operand (H(…), h(…), I(…), KL(…)).</summary>
    private static bool MentionsInformation(Operand operand)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(operand.Node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is Call { Callee: Identifier id } && (MathBinder.IsKnownOperatorName(id) || id.Name is "H" or "h" or "I")) return true;
            foreach (var child in n.Children()) stack.Push(child);
        }
        return false;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "…";
}
