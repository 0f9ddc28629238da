using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "p(θ | y_¬i, m) is the posterior obtained from y_¬i when using the prior p_{ni}(θ | m): p(θ | y_¬i) = p(y_¬i | θ) p_{ni}(θ) /
/// p(y_¬i)": a density letter and a variant of it with a tag (p and p_{ni}, p and p_0), neither written out, are two laws
/// of one model that the statement itself relates (the posterior under another prior). The random models give each name a
/// joint of its own, unrelated to the other, and any relation between them then fails at random; such a failure shows
/// nothing about the step, which is unsupported, naming the two. Two different letters (q and p in a KL) stay as
/// unrelated as the models make them.
/// </summary>
internal sealed partial class DocumentRun
{
    private Verdict UnrelatedDensityVariants(Verdict refuted, Operand left, Operand right)
    {
        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        var tagged = new List<(string Base, string Text)>();
        foreach (var side in new[] { left, right })
            foreach (var call in side.Node.DescendantsAndSelf().OfType<Call>())
            {
                if (call.Callee is not Identifier { Primes: 0, Decoration: null, Accent: null } id || !id.IsSingleSymbol) continue;
                var name = MathBinder.FunctionName(id, side.Parsed);
                if (_scope.IsDefinedFunction(name)) continue;
                var key = id.Style + ":" + id.Name;
                if (id.Subscript is null) plain[key] = name;
                // p_θ, p_φ: a parameter tag, one model with the untagged p (AbstractModels) — not a variant.
                else if (!(id.Subscript is Identifier { IsSingleSymbol: true }))
                    tagged.Add((key, side.Parsed.GetText(id.Span).Trim()));
            }
        var pair = tagged.FirstOrDefault(t => plain.ContainsKey(t.Base));
        if (pair.Text is null) return refuted;
        return new Verdict(VerdictKind.Unsupported, "it fails in random models that give " + plain[pair.Base] + " and " + pair.Text + " unrelated joints ("
            + refuted.Reason + "), but the text writes " + pair.Text + " as a variant of " + plain[pair.Base] + " (another law of the same model, such as a prior "
            + "it is built from) and relates the two nowhere SymKl reads; not refuted", refuted.Residue, null, refuted.PointsChecked);
    }
}
