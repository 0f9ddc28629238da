using System.Text.RegularExpressions;
using SymKl.Derivations.Checking;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>Equations between information measures of functions of random variables (H(X, f(X)) = H(X)), decided in random joint laws (<see cref="InformationModels.DecideWithFunctions"/>).</summary>
internal sealed partial class DocumentRun
{
    /// <summary>
    /// An equation whose measures include one of a function of the variables, f(X): confirmed when it holds in every random
    /// law (functions one-to-one or merging values); refuted in one where it fails only when neither its math, its sentence
    /// nor its section states a condition or a concrete law ("if f is one-to-one", "X ⊥ Y", a fair coin). Null when the step
    /// has no such measure. Inequalities go through <see cref="InformationInequality"/>, which decides them the same way.
    /// </summary>
    private Verdict? FunctionMeasureEquality(Expr lhs, Relation relation, Expr rhs, StatementRole role, bool refutable)
    {
        if (relation != Relation.Equal || role == StatementRole.Implication || _block is null) return null;
        if (InformationModels.Terms(lhs, rhs) is not { } terms || terms.All(t => t.Derived.Count == 0)) return null;
        var units = UnitsPerNat() ?? 1;
        _variableKinds ??= InformationModels.KindsIn(document.Source.Text);
        var math = document.Source.Text.Substring(_block.Offset, Math.Min(_block.Length, document.Source.Text.Length - _block.Offset));
        var after = WordsAfterBlock();
        var refusal = SumRefusal(refutable, sectionToo: true) ?? LawRefusal()
            ?? (MathConditionCue.IsMatch(math) ? "its math states a condition, which the random laws do not respect"
            : SectionRelationCue.Match(after) is { Success: true } related ? "the words after it relate the variables ('" + related.Value.Trim() + "'), which the random laws do not respect"
            : null);
        return InformationModels.DecideWithFunctions(lhs, relation, rhs, terms, _variableKinds.Value, units, refusal, options.Seed);
    }

    /// <summary>
    /// A random variable the text sets equal to an expression of others or to words: Y = f(X), Z = \phi(X), Y = aX + b,
    /// "$X$ = the number on a die". Not X = Y (a copy, which texts state as a case) nor X = x (an event).
    /// </summary>
    private static readonly Regex DefinedVariableCue = new(
        @"(?<![A-Za-z\\])(?<![(,|\[{]\s*)(?:\\(?:mathbf|boldsymbol|bm)\{)?(?<v>[S-Z](?:_\{?\w+\}?)?)\}?\s*\$?\s*=\s*\$?\s*(?:(?:[a-z]|\\[a-z]+)\s*\(|\p{L}{2})",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// The words in the current math's section that define one of the step's variables from others (<see cref="DefinedVariableCue"/>),
    /// or null: random joint laws that treat it as a variable of its own do not respect that.
    /// </summary>
    private string? DefinedInSection(IReadOnlyList<InformationModels.Term> terms)
    {
        if (_block is null) return null;
        var variables = new HashSet<string>(terms.SelectMany(t => t.Variables).Select(Plain), StringComparer.Ordinal);
        foreach (Match m in DefinedVariableCue.Matches(SectionProse()))
            if (variables.Contains(Plain(m.Groups["v"].Value))) return Spaced(m.Value);
        return null;
    }
}
