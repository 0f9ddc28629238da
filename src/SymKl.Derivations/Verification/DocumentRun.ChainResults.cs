using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "𝔼[X] = ∫₀^∞ xλe^{−λx} dx = 1/λ": a chain of equalities states that its first operand equals its last. When the first is
/// an expectation under a law the document leaves open and the last a closed value, that value is what the text has
/// established for it, and a later "Var(X) = 𝔼[X²] − 𝔼[X]² = 2/λ² − 1/λ²" may use it. Like any stated value
/// (<see cref="Checking.StatedExpectations"/>) it only confirms or proves a later step, never refutes one.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Every relation of the chain so far, across its rows, is '='.</summary>
    private bool _chainAllEqual;

    private void RememberChainResult(List<Operand> operands, IReadOnlyList<RelationOperator> operators, bool continued)
    {
        _chainAllEqual = (!continued || _chainAllEqual) && operators.All(o => o.Kind == RelationKind.Equal && !o.Negated);
        if (!_chainAllEqual || _chainHead is not { } head || operands.Count < 2 || ReferenceEquals(head.Node, operands[^1].Node)) return;
        if (head.Node is not Expectation) return;
        // Bound without being observed: what the chain established is remembered, not used as a use of its names.
        var l = MathBinder.Bind(head.Node, head.Parsed, _scope);
        var r = MathBinder.Bind(operands[^1].Node, operands[^1].Parsed, _scope);
        if (l.Value is not null && r.Value is not null) _statedExpectations.Remember(_scope.SubstituteSymbols(l.Value), _scope.SubstituteSymbols(r.Value));
    }
}
