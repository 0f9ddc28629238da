using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "Y = X B + E, \; E \sim \mathcal{MN}(0, V, Σ)", "y = Xβ + ε, \quad ε \sim 𝒩(0, σ²I)": an equation that writes a name in
/// terms of a random quantity whose law the same row gives is a model, stating how that name arises; it is no identity
/// in free symbols. A failure found by giving the noise and the data arbitrary values refutes nothing.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex BareName = new(@"^\s*\\?[A-Za-z]+\s*(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?\s*$", RegexOptions.CultureInvariant);

    /// <summary>Reads a model equation of the row that was refuted as an identity as the hypothesis it is (see the type's summary).</summary>
    private void ReviewModelEquations(IReadOnlyList<SyntaxNode> items, ParseResult parsed, int rowStart)
    {
        if (Steps.Count <= rowStart) return;
        var noises = items.OfType<LatexRelation>()
            .Where(r => r.Operators is [{ Kind: RelationKind.Sim, Negated: false }] && r.Operands[0] is Identifier)
            .Select(r => parsed.GetText(r.Operands[0].Span).Trim()).Where(n => n.Length > 0).ToList();
        if (noises.Count == 0) return;
        for (var i = rowStart; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.Verdict.Kind != VerdictKind.Refuted || step.Relation != "=") continue;
            if (!BareName.IsMatch(step.Lhs))
            {
                ReviewParametrisation(i, items, parsed, noises);
                continue;
            }
            var noise = noises.FirstOrDefault(n => MentionsName(step.Rhs, n) && !MentionsName(step.Lhs, n));
            if (noise is null)
            {
                ReviewParametrisation(i, items, parsed, noises);
                continue;
            }
            Steps[i] = step with
            {
                Role = StatementRole.Hypothesis,
                RoleCue = "a model: the law of " + noise + " is stated beside it",
                Verdict = new Verdict(VerdictKind.Skipped, "hypothesis: a model equation: it states how " + step.Lhs.Trim() + " arises from " + noise + ", whose law the same row gives; not an identity in free symbols; not checked", null, null, 0),
            };
        }
    }

    /// <summary>
    /// "y = Xβ + ε, \; ε ∼ 𝒩(0, σ²V), \; σ²V = (τP)⁻¹": an equation in the row of a model that writes parameters of the law
    /// the row states (σ, V) and not the noise itself ties that law to another parametrisation (a precision P, τ = 1/σ²):
    /// part of the model the row assumes, not an identity in free symbols.
    /// </summary>
    private void ReviewParametrisation(int index, IReadOnlyList<SyntaxNode> items, ParseResult parsed, List<string> noises)
    {
        var step = Steps[index];
        if (noises.Any(n => MentionsName(step.Lhs, n) || MentionsName(step.Rhs, n))) return;
        var parameters = new List<string>();
        foreach (var law in items.OfType<LatexRelation>().Where(r => r.Operators is [{ Kind: RelationKind.Sim, Negated: false }] && r.Operands[0] is Identifier))
            if (MatrixScope(law.Operands[1]) is Call { Callee: var family } call)
                foreach (var argument in call.Arguments)
                    foreach (var id in argument.DescendantsAndSelf().OfType<Identifier>())
                        if (!ReferenceEquals(id, family) && parsed.GetText(id.Span).Trim() is { Length: > 0 } name && !parameters.Contains(name)) parameters.Add(name);
        var written = parameters.Where(p => MentionsName(step.Lhs, p) || MentionsName(step.Rhs, p)).ToList();
        if (written.Count == 0) return;
        Steps[index] = step with
        {
            Role = StatementRole.Hypothesis,
            RoleCue = "a parametrisation of the law stated beside it",
            Verdict = new Verdict(VerdictKind.Skipped, "hypothesis: it ties " + string.Join(", ", written) + ", parameters of the law the same row states, to other quantities (another parametrisation of the model); not an identity in free symbols; not checked", null, null, 0),
        };

        static SyntaxNode MatrixScope(SyntaxNode node) => Matrices.MatrixScope.Unwrap(node);
    }

    /// <summary>The name written as a whole token in the LaTeX text (E in X B + E, not in \exp or E_1).</summary>
    private static bool MentionsName(string text, string name) =>
        Regex.IsMatch(text, (char.IsLetter(name[0]) ? @"(?<![A-Za-z\\])" : "") + Regex.Escape(name) + @"(?![A-Za-z_])", RegexOptions.CultureInvariant);
}
