using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>Steps with the subscripted densities of named random variables, decided in random joint tables (<see cref="JointTables"/>).</summary>
internal sealed partial class DocumentRun
{
    /// <summary>A condition on the variables in the sentence before: "independent", "a function of", "if X …", "given Y".</summary>
    private static readonly System.Text.RegularExpressions.Regex TableConditionCue = new(
        @"(?i:\b(if|when|whenever|suppose|assum\w*|provided|given|unless)\b)[^.;]{0,40}?(?<![A-Za-z\\])[S-Z](?![A-Za-z])|(?i:\b(independent|function of|deterministic|identically|uniform(ly)?)\b)",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private Verdict? JointTableStep(Expr lhs, Relation relation, Expr rhs, StatementRole role, bool refutable)
    {
        if (role == StatementRole.Implication) return null;
        if (UnitsPerNat() is not { } units) return null;
        _variableKinds ??= InformationModels.KindsIn(document.Source.Text);
        var sentence = LastSentence(_block?.ProseBefore ?? string.Empty);
        var refusal = !refutable ? "it is a rewrite inside an equation being solved"
            : TableConditionCue.Match(sentence) is { Success: true } cue ? "the sentence before it states a condition ('" + cue.Value + "') that the random tables do not respect"
            : null;
        return JointTables.Decide(lhs, relation, rhs, _variableKinds.Value, units, refusal, options.Seed);
    }
}
