using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// ∂‖w‖²/∂w_l = 2w_l, ∂/∂w Σ_j w_j x_j = x: a derivative by a name with an index of an expression in the bare name (or by
/// the bare name of an expression in its indexed entries). The indexed name is an entry, a block or a layer of the bare
/// one to every reader, while SymKl reads them as unrelated variables (the derivative 0); a failure is then the reading's.
/// </summary>
internal sealed partial class DocumentRun
{
    private const int MaxPartScan = 4096;

    /// <summary>The derivative whose variable is a part of a name its operand uses whole (or the reverse), as words; null: none.</summary>
    private static string? PartDerivative(Operand side)
    {
        var seen = 0;
        foreach (var node in side.Node.DescendantsAndSelf())
        {
            if (++seen > MaxPartScan) return null;
            if (node is not Derivative { Operand: { } of, Variables: var variables }) continue;
            foreach (var variable in variables)
            {
                if (Named(variable) is not { } by) continue;
                foreach (var used in of.DescendantsAndSelf())
                {
                    if (Named(used) is not { } name || name.Base != by.Base || name.Indexed == by.Indexed) continue;
                    var (part, whole) = by.Indexed ? (side.Parsed.GetText(variable.Span).Trim(), by.Base) : (side.Parsed.GetText(used.Span).Trim(), by.Base);
                    return "it differentiates by " + (by.Indexed ? part + " an expression in " + whole : whole + " an expression in " + part)
                        + ", and " + part + " is to be read as an entry or a block of " + whole + ", which SymKl reads as an unrelated variable";
                }
            }
        }
        return null;

        // w, \mathbf{w}, w_l, w_{1:L}, \mathbf{x}_i: the letter and whether an index is written on it.
        static (string Base, bool Indexed)? Named(SyntaxNode node) => node switch
        {
            Identifier { Subscript: var index } id => (id.Name, index is not null),
            Subscript { Base: Identifier { Subscript: null } id } => (id.Name, true),
            _ => null,
        };
    }
}
