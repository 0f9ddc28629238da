using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Densities given through their logarithm (<c>log p(x | α, β) = …</c>): a definition of p when p is new, which
/// must integrate to 1 over its variable when p or q is a density of one.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>
    /// "log p(x | α, β) = (α − 1) log x + …" with p new: a log-density (or log-likelihood) given by its formula, which
    /// defines p as the exponential of it; so does "−log f(x) = …" (a negative log-density, a loss). Returns the call,
    /// the base of the logarithm (null: natural) and whether the logarithm is negated.
    /// </summary>
    private (Call Call, Expr? Base, bool Negated)? LogOfNewFunction(SyntaxNode node, ParseResult parsed, SyntaxNode formula)
    {
        var negated = node is Unary { Operator: UnaryOperator.Negate };
        if (node is Unary { Operator: UnaryOperator.Negate, Operand: var operand }) node = operand;
        if (node is not FunctionApplication { Function: "log" or "ln", Arguments.Count: 1 } log) return null;
        var argument = log.Arguments[0];
        while (argument is Group { Body: var inner }) argument = inner;
        if (argument is not Call { Callee: Identifier id } call || MathBinder.IsKnownOperatorName(id)) return null;
        var name = MathBinder.FunctionName(id, parsed);
        // New, or a function of an earlier section given a new formula (the multivariate case after the univariate one).
        var definedHere = _definedInSection.TryGetValue(name, out var section) && section == _section;
        if (_scope.IsDefinedFunction(name) && (definedHere || !_definedInSection.ContainsKey(name)) || DefinitionSignature.Read(call, formula, parsed) is null) return null;
        Expr? logBase = null;
        if (log.Function == "log")
        {
            if (log.Base is not null)
            {
                logBase = MathBinder.Bind(log.Base, parsed, _scope).Value;
                if (logBase is null) return null;
            }
            else if (_scope.LogBase.IsKnown) logBase = _scope.LogBase.Base;
            else return null;
        }
        return (call, logBase, negated);
    }

    /// <summary>The function whose (possibly negated) logarithm is the formula: base^(±formula).</summary>
    private static Expr FromLog(Expr formula, Expr? logBase, bool negated)
    {
        var exponent = negated ? Ex.Neg(formula) : formula;
        return logBase is null ? Ex.Exp(exponent) : Ex.Pow(logBase, exponent);
    }

    /// <param name="normaliser">∫ base^(±formula) over the variable when that is not 1: the function defined is then the
    /// normalised density, base^(±formula) / normaliser.</param>
    private bool TryDefineThroughLog(Call target, Expr? logBase, bool negated, SyntaxNode formula, ParseResult parsed, Func<int, SourcePosition> at, Expr? normaliser = null)
    {
        var id = (Identifier)target.Callee;
        var name = MathBinder.FunctionName(id, parsed);
        var signature = DefinitionSignature.Read(target, formula, parsed);
        var body = MathBinder.Bind(formula, parsed, _scope);
        var rewritten = body.Value is null || signature is null ? null : signature.Rewrite(body.Value);
        if (signature is null || rewritten is null || MentionsFunction(rewritten, name) || WritesTranspose(formula))
        {
            // A new formula SymKl cannot read replaces the old one all the same: the function is unknown from here on.
            _scope.Context = _scope.Context.Without(name);
            return false;
        }
        var value = FromLog(rewritten, logBase, negated);
        if (normaliser is not null) value = Ex.Div(value, normaliser);
        _scope.Context = _scope.Context.WithDefinition(new FunctionDefinition(name, signature.Parameters, value));
        var position = ToFile(at(target.Span.Start));
        Definitions.Add(new DefinitionInfo(position, name, (negated ? "exp(−(" : "exp(") + parsed.GetText(formula.Span).Trim() + (negated ? "))" : ")")
            + (normaliser is null ? "" : " / (" + LatexPrinter.Print(normaliser) + "), normalised"), "function"));
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
    private Verdict? NotNormalised(Call target, Expr? logBase, bool negated, SyntaxNode formula, ParseResult parsed)
    {
        var id = (Identifier)target.Callee;
        if (id.Name is not ("p" or "q") || !(target.Separators.Any(s => s.Text == "|") || target.Arguments.Count == 1)) return null;
        var signature = DefinitionSignature.Read(target, formula, parsed);
        var body = MathBinder.Bind(formula, parsed, _scope);
        if (signature is not { Parameters.Count: > 0 } || body.Value is null || WritesTranspose(formula)) return null;
        if (signature.Rewrite(body.Value) is not { } rewritten) return null;
        var density = FromLog(rewritten, logBase, negated);
        var variable = signature.Parameters[0];
        if (!Traversal.FreeSymbols(rewritten).Contains(variable)) return null;
        var total = Ex.Integral(density, variable, Ex.Neg(Ex.Infinity), Ex.Infinity);
        // Only a closed form of the integral is trusted here (quadrature over the real line can miss a narrow peak
        // far from 0); the counterexample is then re-evaluated from it: the integral is residue + 1.
        var verdict = AuxiliaryCheck(total, Symbolic.Relation.Equal, Ex.One, _scope.Assumptions, _scope.Context);
        if (verdict is not { Kind: VerdictKind.Refuted, Residue: { } residue, Counterexample: { } ce }) return null;
        if (Traversal.Any(residue, e => e is BinderNode or Functional or Apply)) return null;
        var values = ce.Values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var integral = new NumericEvaluator(sym => values.TryGetValue(sym.Name, out var v) ? v : double.NaN).Evaluate(Ex.Add(residue, Ex.One));
        if (!integral.IsDefined || integral.Value < 0 || Math.Abs(integral.Value - 1) <= 1e-6) return null;
        var point = new Counterexample([.. ce.Values.Where(kv => kv.Key != Ex.Infinity.Name)], integral.Value, 1);
        return new Verdict(VerdictKind.Refuted,
            "as a density of " + variable.Name + " (the log of " + MathBinder.FunctionName(id, parsed) + " given by a formula), it does not integrate to 1 over the real line: the integral is " + LatexPrinter.Print(Ex.Add(residue, Ex.One)),
            residue, point, verdict.PointsChecked);
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
}
