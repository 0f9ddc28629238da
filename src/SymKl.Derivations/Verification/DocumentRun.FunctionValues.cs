using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// f(e^2) = e^2 \ln(e^2) in a subsection of the section that defined f(x) = x \ln x: the function written at a point
/// (arguments that are numbers or constants, no free name) is its value there, to check, not a new definition of f. A
/// definition holds through the subsections of its section, so the rule applies while that section (or the text before
/// the first heading) is still open; a sibling section may reuse the letter for a function of its own (f(0) = 1 as the
/// initial condition of a new f), where the earlier reading stands. A wrong value (h(1) = 2e after h(t) = t e^t) is then
/// a claim that fails, not "a value given to h" — when the definition's formula has no free name besides its parameters,
/// so that the value at the point is a number (f(0) = 1 after f(x) = c e^x is a condition on c).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>True when <paramref name="node"/> is a defined function of an enclosing open section written at constant arguments.</summary>
    private bool ValueOfEnclosingFunction(SyntaxNode node, RelationOperator op, ParseResult parsed)
    {
        if (op is not { Kind: RelationKind.Equal, Negated: false }) return false;
        if (node is not Call { Callee: Identifier callee, Arguments.Count: > 0 } call) return false;
        var name = MathBinder.FunctionName(callee, parsed);
        if (!_scope.IsDefinedFunction(name) || !_definedInSection.TryGetValue(name, out var section)) return false;
        if (section != 0 && !_frames.Any(f => f.Section == section)) return false;
        foreach (var argument in call.Arguments)
            if (MathBinder.Bind(argument, parsed, new ScopeState()).Value is not { } value || Traversal.FreeSymbols(value).Count > 0) return false;
        return true;
    }

    /// <summary>A function defined in an open section (this one, an enclosing one, or before the first heading) by a formula in its parameters alone.</summary>
    private bool ClosedFunctionInForce(string name)
    {
        if (!_scope.Context.Defined.TryGetValue(name, out var definition) || !_definedInSection.TryGetValue(name, out var section)) return false;
        if (section != 0 && section != _section && !_frames.Any(f => f.Section == section)) return false;
        var parameters = new HashSet<string>(definition.Parameters.Select(p => p.Name), StringComparer.Ordinal);
        return Traversal.FreeSymbols(definition.Body).All(s => parameters.Contains(s.Name));
    }
}
