using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "For $p = 𝒩(0, σ_1^2)$, $q = 𝒩(0, σ_2^2)$ check that $σ_1 = σ_2$ makes $D = 0$" (or a condition whose cue word
/// follows the math, as in languages that put "when" after it): an equation in running prose between parameters the
/// text's definitions already use, with no defining word before it, is a condition on them. Read as a definition it
/// would tie σ₁ to σ₂ for the rest of the document (a later σ₁ = 2σ₂ case, or a step that needs σ₁ ≠ σ₂, would be
/// checked against it); read as a hypothesis its equation is a premise of what follows it in its paragraph only.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Cue ParameterConditionCue = new(CueKind.Hypothesis, "an equation between parameters of the definitions", false);

    private bool ParameterCondition(LatexRelation chain, ParseResult parsed, MathBlock block)
    {
        if (block.Kind != MathBlockKind.Inline || chain.Operators is not [{ Kind: RelationKind.Equal, Negated: false }] || chain.Operands[0] is not Identifier left) return false;
        var name = MathBinder.SymbolName(left, parsed);
        if (_scope.DefinesSymbol(name) || _scope.IsDefinedFunction(name) || !_scope.UsedInDefinitions(name)) return false;
        if (MathBinder.Bind(chain.Operands[1], parsed, _scope).Value is not { } right) return false;
        // σ₁ = 2 is a value of one parameter (an example the text works with); only parameters on both sides make a condition.
        var others = Traversal.FreeSymbols(right).ToList();
        return others.Count > 0 && others.All(s => s.Name != name && !_scope.DefinesSymbol(s.Name) && _scope.UsedInDefinitions(s.Name));
    }
}
