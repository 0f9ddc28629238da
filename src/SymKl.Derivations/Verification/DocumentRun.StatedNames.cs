using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Names the text gives a value in ways the definition reader does not take as definitions, and definitions it must not
/// use. Each keeps a counterexample from choosing a value for a quantity the text fixed:
/// <list type="bullet">
/// <item>"such that $f_{max} = f(\hat x) = …$": a fresh name set to a formula after 'such that' is named by that equation; it
/// stays an equation (the statements after it may solve it), and its name is no free parameter of a later refutation.</item>
/// <item>"$\ln \Lambda = -\frac{n}{2} \ln r$" where Λ is written first: the logarithm of a fresh name given a formula names
/// the quantity through its logarithm (as log p(x) = … defines p), a definition, not a claim about a free Λ.</item>
/// <item>"$p(y_i \mid \mu) = \mathcal{N}(x; \mu, \sigma^2)$": a conditional density whose formula is the density at a letter
/// that is none of its arguments is ill-formed (x for y_i, a slip); it is not used, so later lines are not refuted against it.</item>
/// <item>"is defined as $F(X) = \Delta x = x_2 - x_1$": every link of a chain after 'is defined as' whose left side is a
/// name not yet given a value defines that name as well.</item>
/// </list>
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Names an equation after 'such that' gave a value, with its line.</summary>
    private readonly Dictionary<string, int> _statedNames = new(StringComparer.Ordinal);

    /// <summary>Cues under which an equation whose left side is a fresh name names it (it need not be solved for it).</summary>
    private static readonly HashSet<string> NamingConditionCues = new(StringComparer.OrdinalIgnoreCase) { "such that", "so that" };

    /// <summary>
    /// "such that $f_{max} = f(m) = c$": records the fresh name on the left of an equation chain after 'such that' as stated by
    /// it. The chain is still read as the hypothesis it was.
    /// </summary>
    private void NoteSuchThatName(LatexRelation chain, ParseResult parsed, Cue cue, int line)
    {
        if (cue.Kind != CueKind.Hypothesis || !NamingConditionCues.Contains(cue.Text)) return;
        if (chain.Operands.Count < 2 || !chain.Operators.All(o => o.Kind is RelationKind.Equal or RelationKind.Define && !o.Negated)) return;
        if (chain.Operands[0] is not Identifier head || SelfConstraint(chain) || Mentions(chain.Operands[1], head, parsed)) return;
        var name = MathBinder.SymbolName(head, parsed);
        if (_scope.HasSeen(name) || _scope.DefinesSymbol(name) || _statedNames.ContainsKey(name)) return;
        _statedNames[name] = line;
    }

    /// <summary>
    /// \ln Λ = formula (or −\log Λ = …) with Λ a plain name not written before and not in the formula: Λ is named through its
    /// logarithm. Recorded as a definition SymKl does not use as a number, so Λ is no free parameter after it.
    /// </summary>
    private bool LogOfFreshName(Operand left, RelationOperator op, Operand right, ParseResult parsed)
    {
        if (op.Kind is not (RelationKind.Equal or RelationKind.Define) || op.Negated) return false;
        var node = left.Node is Unary { Operator: UnaryOperator.Negate, Operand: var negated } ? negated : left.Node;
        if (node is not FunctionApplication { Function: "log" or "ln", Arguments.Count: 1 } log) return false;
        var argument = log.Arguments[0];
        for (var depth = 0; argument is Group { Body: var inner } && depth < 8; depth++) argument = inner;
        if (argument is not Identifier { Primes: 0 } named || MathBinder.IsKnownOperatorName(named) || Mentions(right.Node, named, parsed)) return false;
        var name = MathBinder.SymbolName(named, parsed);
        if (_scope.HasSeen(name) || _scope.DefinesSymbol(name)) return false;
        if (!_unreadableValues.ContainsKey(name)) _unreadableValues[name] = right.At(right.Node.Span.Start).Line;
        Unchecked(left, op, right, StatementRole.Definition, "the logarithm of a name not used before, given a formula",
            "definition of " + name + " through its logarithm; not used as a number (so " + name + " is no free parameter after it)");
        return true;
    }

    /// <summary>
    /// p(y_i | μ) = 𝒩(x; μ, σ²): a conditional density (a bar among its arguments) whose formula is a family's density at a
    /// plain letter that is none of its arguments. Null when the definition is well formed.
    /// </summary>
    private string? IllFormedDensity(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        if (target is not Call { Callee: Identifier, Arguments: [Identifier variable, ..] } call || !call.Separators.Any(s => s.Text == "|")) return null;
        if (call.Arguments.Any(a => a is not Identifier)) return null;
        if (formula is not Call { Callee: Identifier family, Arguments: [Identifier point, _, ..] } law || law.Separators.Count == 0 || law.Separators[0].Text is not (";" or "|")) return null;
        if (Symbolic.Probability.Families.Find(MathBinder.FunctionName(family, parsed)) is null) return null;
        var pointName = MathBinder.SymbolName(point, parsed);
        if (call.Arguments.Any(a => MathBinder.SymbolName((Identifier)a, parsed) == pointName) || _scope.DefinesSymbol(pointName)) return null;
        return "its formula is the density at " + parsed.GetText(point.Span).Trim() + ", which is none of its arguments (the variable is "
            + parsed.GetText(variable.Span).Trim() + "): an ill-formed definition, most likely a slip; not used, so no statement is refuted against it";
    }

    /// <summary>Functions whose definition was ill formed (a density at a letter that is none of its arguments), with its line.</summary>
    private readonly Dictionary<string, int> _illFormedDensities = new(StringComparer.Ordinal);

    /// <summary>
    /// A refutation of a statement that applies a function whose definition was ill formed: the text gave it a formula (with a
    /// slip), so it is no arbitrary density a random model may stand in for, and the formula cannot be used either. Unsupported.
    /// </summary>
    private Verdict? IllFormedDensityReview(Verdict v, Operand left, Operand right)
    {
        if (v.Kind != VerdictKind.Refuted || _illFormedDensities.Count == 0) return null;
        foreach (var side in new[] { left, right })
        {
            var seen = 0;
            foreach (var node in side.Node.DescendantsAndSelf())
            {
                if (++seen > 4_000) return null;
                if (node is Call { Callee: Identifier f } && _illFormedDensities.TryGetValue(MathBinder.FunctionName(f, side.Parsed), out var line))
                    return new Verdict(VerdictKind.Unsupported, "it applies " + MathBinder.FunctionName(f, side.Parsed) + ", whose definition on line "
                        + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is ill formed (the density at a letter that is none of its arguments), so SymKl has no formula for it; not refuted ("
                        + v.Reason + ")", v.Residue, null, v.PointsChecked);
            }
        }
        return null;
    }

    /// <summary>
    /// A later link of a chain after 'is defined as' (F(X) = Δx = x_2 − x_1): its left side is a name not yet given a value,
    /// so the text defines it too, rather than claiming it equals the formula for any value.
    /// </summary>
    private bool DefiningLink(Operand left, Cue cue, ParseResult parsed, int firstStep) =>
        cue.Kind == CueKind.Definition && cue.Text is "is defined as" or "are defined as" or "is defined by" or "we define" or "define" or "defined"
        && Steps.Count > firstStep && Steps[^1].Role == StatementRole.Definition
        && left.Node is Identifier { Primes: 0 } name && !_scope.DefinesSymbol(MathBinder.SymbolName(name, parsed)) && !_scope.IsDefinedFunction(MathBinder.SymbolName(name, parsed));
}
