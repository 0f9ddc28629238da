using System.Globalization;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Let's consider $k(x, x_1) = 0.9$ … Now suppose we have a stronger correlation, $k(x, x_1) = 0.95$": a supposition that gives
/// a name the document already gave a number another number starts a new scenario. The new value replaces the old one for
/// what follows (a caption "… with $k(x, x_1) = 0.95$" after it is checked against 0.95, not 0.9); it is not a claim against
/// the earlier value. Only numbers on both sides, and only after a supposition ("suppose", "assume", "let", "now take"): a
/// restatement with no such word is read as before.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly HashSet<string> ScenarioCues = new(StringComparer.OrdinalIgnoreCase)
    {
        "suppose", "supposing", "assume", "assuming", "let", "take", "choose", "pick", "consider",
    };

    /// <summary>Gives the name its new number when the supposition replaces an earlier one; true when it did.</summary>
    private bool NewScenarioValue(LatexRelation chain, List<Operand> operands, ParseResult parsed, Cue cue)
    {
        if (!ScenarioCues.Contains(cue.Text) || chain.Operators is not [{ Kind: RelationKind.Equal, Negated: false }]) return false;
        if (MathBinder.Bind(operands[1].Node, parsed, new ScopeState()).Value is not Num value) return false;
        string name;
        Num old;
        switch (operands[0].Node)
        {
            case Identifier id when _scope.SymbolValue(MathBinder.SymbolName(id, parsed)) is Num symbolValue:
                name = MathBinder.SymbolName(id, parsed);
                old = symbolValue;
                if (old.Equals(value)) return false;
                _scope.DefineSymbol(name, value);
                break;
            // k(x, x_1) = 0.9 read as a function of its written arguments with a constant value.
            case Call { Callee: Identifier f, Arguments: var arguments } when arguments.All(a => a is Identifier)
                && _scope.Context.Defined.TryGetValue(MathBinder.FunctionName(f, parsed), out var defined) && defined.Parameters.Count == arguments.Count && defined.Body is Num functionValue:
                name = MathBinder.FunctionName(f, parsed);
                old = functionValue;
                if (old.Equals(value)) return false;
                _scope.Context = _scope.Context.Without(name).WithDefinition(defined with { Body = value });
                break;
            default:
                return false;
        }
        var line = Definitions.LastOrDefault(d => d.Name == name)?.Position.Line;
        Unchecked(operands[0], chain.Operators[0], operands[1], StatementRole.Definition, "'" + cue.Text + "' giving a name a new value",
            "a new scenario: " + name + " takes this value for what follows (it was " + LatexPrinter.Print(old)
            + (line is { } at ? " on line " + at.ToString(CultureInfo.InvariantCulture) : "") + "); not a claim against the earlier value");
        return true;
    }
}
