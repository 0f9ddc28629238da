using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "We want W with cov(Z) = I … W Σ Wᵀ = I", then "W Σ Wᵀ W = W", "Wᵀ W = Σ^{-1}": a display that sets an expression in
/// matrices the document never defines equal to a constant states a property of them (Review leaves it unsupported), and
/// the steps after it that use the property are true of the matrices the text means, not of free draws. Those displays
/// count, like assumed equations, as relations SymKl does not impose (<see cref="UnderStatedMatrixRelations"/>).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>How many property displays are kept (the latest ones).</summary>
    private const int MaxStatedProperties = 200;

    private readonly List<(string Written, int Line, SyntaxNode Lhs, ParseResult LhsParsed, SyntaxNode Rhs, ParseResult RhsParsed)> _statedProperties = [];

    private void StatedProperty(Operand left, Operand right)
    {
        if (left.Parsed != right.Parsed) return;
        if (_statedProperties.Count >= MaxStatedProperties) _statedProperties.RemoveAt(0);
        _statedProperties.Add((left.Text + " = " + right.Text, right.At(right.Node.Span.Start).Line, left.Node, left.Parsed, right.Node, right.Parsed));
    }

    /// <summary>The property displays before <paramref name="line"/>, latest first.</summary>
    private IEnumerable<(string Written, int Line, SyntaxNode Lhs, ParseResult LhsParsed, SyntaxNode Rhs, ParseResult RhsParsed)> StatedPropertiesBefore(int line) =>
        Enumerable.Reverse(_statedProperties).Where(p => p.Line < line);
}
