using System.Text.RegularExpressions;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "If the power is at least $1 - β$, then [display] 1 − β ≤ Φ(…)": a statement the sentence makes under a condition on
/// magnitudes stated in words (at least, at most, greater, smaller, positive …) before "then". SymKl reads no condition
/// from such words, so a failure found without it is no mistake of the text; it is withheld (unsupported), saying why. A
/// condition written in math ("if $x > 0$, then") is read as a hypothesis as usual and does not come here.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>"if … then" in the last sentence before the math, the condition between them.</summary>
    private static readonly Regex IfThen = new(@"\b(?<cue>if|when|whenever|suppose|supposing|assuming|provided)\b(?<condition>[^.!?]*?)\bthen\b[^.!?]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Words that compare magnitudes.</summary>
    private static readonly Regex MagnitudeWords = new(@"\b(?:at least|at most|greater|larger|bigger|smaller|less|more|exceeds?|exceeding|positive|negative|non-?negative|above|below|bounded)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Inline math that states a relation: a condition SymKl reads itself.</summary>
    private static readonly Regex InlineRelation = new(@"\$[^$]*(?:[<>=]|\\(?:le|ge|leq|geq|neq|ne|in|lt|gt)(?![A-Za-z]))[^$]*\$", RegexOptions.CultureInvariant);

    private Verdict UnderWordCondition(Verdict v)
    {
        if (v.Kind != VerdictKind.Refuted || _block is null) return v;
        var sentence = LastSentence(ParagraphBefore());
        if (IfThen.Match(sentence) is not { Success: true } m) return v;
        var condition = m.Groups["condition"].Value;
        if (!MagnitudeWords.IsMatch(condition) || InlineRelation.IsMatch(condition)) return v;
        return new Verdict(VerdictKind.Unsupported, "the sentence states it under a condition in words ('" + m.Groups["cue"].Value + " " + condition.Trim().TrimEnd(',') + "'), which SymKl cannot read; not refuted (" + v.Reason + ")", v.Residue, null, v.PointsChecked);
    }

    /// <summary>\mathrm{F}[q(θ)], \mathrm{F}(q): an upright name applied to an argument names a function or functional.</summary>
    private static readonly Regex UprightApplied = new(@"\\(?:mathrm|operatorname|text|mathcal)\s*\{\s*(?<name>[A-Za-z]+)\s*\}\s*(?:\\left\s*)?[\[(]", RegexOptions.CultureInvariant);

    /// <summary>
    /// A counterexample that gives a number to a name the text applies to an argument (\mathrm{F}[q(θ)] read as F times [q(θ)])
    /// refutes a reading, not the text: the name is a function or functional the text does not define. Unsupported.
    /// </summary>
    private static Verdict WithoutFunctionalValue(Verdict v, string lhsText, string rhsText)
    {
        if (v.Kind != VerdictKind.Refuted || v.Counterexample is not { } point) return v;
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in UprightApplied.Matches(lhsText + " " + rhsText)) applied.Add(m.Groups["name"].Value);
        var named = point.Values.Select(kv => kv.Key).FirstOrDefault(applied.Contains);
        if (named is null) return v;
        return new Verdict(VerdictKind.Unsupported, "it gives a value to " + named + ", which the text applies to an argument (a function or functional it does not define), not a free parameter; not refuted (" + v.Reason + ")", v.Residue, null, v.PointsChecked);
    }
}
