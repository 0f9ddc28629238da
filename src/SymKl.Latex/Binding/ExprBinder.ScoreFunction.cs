using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// ∇_λ 𝔼_{q_λ(z)}[f]: the law moves with λ. For every family differentiable in λ (and regular enough to differentiate
/// under the integral sign) ∇_λ 𝔼_{q_λ}[f] = 𝔼_{q_λ}[∇_λ f] + 𝔼_{q_λ}[f ∇_λ log q_λ(z)] (the score-function or
/// log-derivative identity), and the score has mean zero, 𝔼_{q_λ}[c ∇_λ log q_λ(z)] = c ∇_λ ∫ q_λ = 0 for c free of z.
/// Both are rules, not facts about a particular law, so they hold for the law the text leaves unnamed.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>The derivative of the expectation by the rule above; null when the law is not a density applied to the variable.</summary>
    private Expr? ScoreFunction(SymKl.Symbolic.Expectation ex, Sym v)
    {
        if (ex.Distribution is not Apply law || !Traversal.FreeSymbols(law).Contains(ex.Variable)) return null;
        Expr score, inner;
        try
        {
            score = Differentiator.Derivative(Ex.Log(law), v, Rule, DependsOn);
            inner = Differentiator.Derivative(ex.Body, v, Rule, DependsOn);
        }
        catch (NotSupportedException)
        {
            return null;
        }
        if (score.IsZero) return null;
        // The terms of ∇_λ f that are c · ∇_λ log q_λ(z) with c free of z average to 0: the law's own derivative
        // ∂_λ q_λ(z) written as S · q_λ(z) makes the score S, and ∇_λ f = α + β S with β free of S and of z drops β S.
        var derivatives = new List<Apply>();
        Traversal.Any(score, n =>
        {
            if (n is Apply ap && !ap.Equals(law) && !derivatives.Contains(ap)) derivatives.Add(ap);
            return false;
        });
        if (derivatives.Count == 1)
        {
            var s = Ex.Fresh("ξ_score");
            var d = derivatives[0];
            var written = Ex.Map(inner, n => n.Equals(d) ? Ex.Mul(s, law) : n);
            try
            {
                var beta = Differentiator.Derivative(written, s);
                if (!Traversal.FreeSymbols(beta).Contains(s) && !Traversal.FreeSymbols(beta).Contains(ex.Variable) && !Traversal.Any(beta, n => n is Apply or BinderNode))
                    inner = Traversal.Substitute(written, s, Ex.Zero);
            }
            catch (NotSupportedException)
            {
                // Not a formula in S: ∇_λ f stays whole.
            }
            if (Traversal.FreeSymbols(inner).Contains(s)) inner = Traversal.Substitute(inner, s, Ex.Div(d, law));
        }
        return Ex.Expectation(Ex.Add(inner, Ex.Mul(ex.Body, score)), ex.Variable, ex.Distribution);
    }
}
