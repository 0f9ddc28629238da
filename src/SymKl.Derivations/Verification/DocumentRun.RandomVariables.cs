using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Random variables a document draws with <c>\sim</c> (ε ∼ 𝒩(0, I)). Two sides that combine different ones can be
/// equal in distribution (independent Gaussians merged into one) while no identity between the symbols holds.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Base names of the symbols the document draws at random (ε in "ε_{t-1} ∼ 𝒩(0, I)"), subscripts and accents removed; collected by the pre-pass.</summary>
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
}
