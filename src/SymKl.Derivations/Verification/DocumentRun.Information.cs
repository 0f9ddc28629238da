using System.Text.RegularExpressions;
using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>Inequalities between information measures of random variables, decided in random joint laws (<see cref="InformationModels"/>).</summary>
internal sealed partial class DocumentRun
{
    private VariableKinds? _variableKinds;

    /// <summary>"if", "when", "suppose", "independent" … in the sentence before: the inequality may hold under a condition the text states.</summary>
    private static readonly Regex ConditionCue = new(@"\b(if|when|whenever|suppose|supposing|assum\w*|independent|given|provided|unless|function of)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private Verdict? InformationInequality(Expr lhs, Relation relation, Expr rhs, StatementRole role, bool refutable)
    {
        if (relation is not (Relation.Greater or Relation.GreaterOrEqual or Relation.Less or Relation.LessOrEqual) || role == StatementRole.Implication) return null;
        if (InformationModels.Terms(lhs, rhs) is not { } terms) return null;
        if (UnitsPerNat() is not { } units) return null;
        _variableKinds ??= InformationModels.KindsIn(document.Source.Text);
        var sentence = LastSentence(_block?.ProseBefore ?? string.Empty);
        var refusal = !refutable ? "it is a rewrite inside an equation being solved"
            : ConditionCue.Match(sentence) is { Success: true } cue ? "the sentence before it states a condition ('" + cue.Value + "') that the random laws do not respect"
            : null;
        return InformationModels.Decide(lhs, relation, rhs, terms, _variableKinds.Value, units, refusal, options.Seed);
    }

    /// <summary>Nats per unit of the document's logarithms: 1 for natural logarithms, 1/ln 2 for bits; null for a base not read.</summary>
    private double? UnitsPerNat()
    {
        if (_scope.LogBase.Base is null) return _scope.LogBase.IsKnown ? 1 : null;
        var b = new NumericEvaluator(_ => double.NaN).Evaluate(_scope.LogBase.Base);
        return b.IsDefined && b.Value > 1 ? 1 / Math.Log(b.Value) : null;
    }

    private static string LastSentence(string prose)
    {
        var trimmed = prose.TrimEnd();
        var end = trimmed.LastIndexOfAny(['.', '!', '?'], Math.Max(0, trimmed.Length - 2));
        return end >= 0 ? trimmed.Substring(end + 1) : trimmed;
    }
}
