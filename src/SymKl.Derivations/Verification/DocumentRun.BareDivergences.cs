using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using Relation = SymKl.Symbolic.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "KL ≥ 0", "D_{KL} \geq 0": Gibbs' inequality with the divergence written without its arguments. Whatever pair of
/// laws the text means, a Kullback–Leibler divergence is non-negative, so the claim holds; only that direction is
/// decided (KL ≤ 0 or KL = 0 state a condition: the two laws are equal).
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly System.Text.RegularExpressions.Regex Markup = new(@"\\(?:text|mathrm|operatorname|mathsf|textrm|rm)\b|[{}_\s\\]", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private Verdict? BareDivergenceBound(Operand left, Relation relation, Operand right)
    {
        var (divergence, zero) = relation switch
        {
            Relation.GreaterOrEqual => (left, right),
            Relation.LessOrEqual => (right, left),
            _ => (null, null),
        };
        if (divergence is null || zero is null) return null;
        if (Matrices.MatrixScope.Unwrap(zero.Node) is not Number { Text: "0" }) return null;
        if (Matrices.MatrixScope.Unwrap(divergence.Node) is not Identifier { Primes: 0 } id) return null;
        var letters = Markup.Replace(divergence.Parsed.GetText(id.Span), "");
        if (letters is not ("KL" or "DKL")) return null;
        // A name the document gives a value or a law of its own is not the divergence.
        var name = MathBinder.SymbolName(id, divergence.Parsed);
        if (_scope.DefinesSymbol(name) || _scope.HasDistribution(name) || _scope.IsDefinedFunction(name)) return null;
        return new Verdict(VerdictKind.Proved,
            "Gibbs' inequality: a Kullback–Leibler divergence is non-negative for every pair of laws (" + letters + " is written without its arguments)", null, null, 0);
    }
}
