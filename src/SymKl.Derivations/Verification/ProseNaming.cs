using System.Text.RegularExpressions;

namespace SymKl.Derivations.Verification;

/// <summary>What part of the formula before it a name given in words points at ("the denominator", "this quantity").</summary>
internal enum ProsePointer
{
    /// <summary>No formula: a quantity named in words only ("let $L$ be the log-likelihood").</summary>
    None,
    Denominator,
    Numerator,
    /// <summary>The one sum the formula writes ("the sum above").</summary>
    Sum,
    /// <summary>The whole expression ("call this quantity $Z$").</summary>
    Whole,
}

/// <summary>A symbol the prose introduces as a name for a quantity, and what it points at.</summary>
internal sealed record ProseName(string Noun, ProsePointer Pointer);

/// <summary>
/// "denote the denominator $S$", "call this quantity $Z$", "let $L$ be the log-likelihood", "we write $S$ for the sum",
/// "define $Z$ as the normaliser", "with denominator $S$", "this is called $Z$": the words around a lone symbol that make it
/// a name for a quantity the text writes (or names), not a free parameter. Only nouns of computed quantities count
/// ("denote the dimension by $d$" and "the sample size $m$" name genuine parameters). Pure: tested on phrasings.
/// </summary>
internal static class ProseNaming
{
    /// <summary>Nouns of quantities a text computes, each with what it points at in the formula before.</summary>
    private static readonly (string Noun, ProsePointer Pointer)[] Nouns =
    [
        ("denominator", ProsePointer.Denominator), ("numerator", ProsePointer.Numerator),
        ("normaliser", ProsePointer.Denominator), ("normalizer", ProsePointer.Denominator),
        ("normalising constant", ProsePointer.Denominator), ("normalizing constant", ProsePointer.Denominator),
        ("normalisation constant", ProsePointer.Denominator), ("normalization constant", ProsePointer.Denominator),
        ("normalising factor", ProsePointer.Denominator), ("normalizing factor", ProsePointer.Denominator),
        ("partition function", ProsePointer.Denominator),
        ("sum", ProsePointer.Sum),
        ("quantity", ProsePointer.Whole), ("expression", ProsePointer.Whole),
        ("log-likelihood", ProsePointer.None), ("log likelihood", ProsePointer.None), ("likelihood", ProsePointer.None),
        ("loss", ProsePointer.None), ("objective", ProsePointer.None), ("cost", ProsePointer.None), ("bound", ProsePointer.None),
        ("evidence", ProsePointer.None), ("elbo", ProsePointer.None), ("lagrangian", ProsePointer.None), ("entropy", ProsePointer.None),
        ("divergence", ProsePointer.None), ("ratio", ProsePointer.None), ("product", ProsePointer.None), ("integral", ProsePointer.None),
        ("expectation", ProsePointer.None), ("gradient", ProsePointer.None), ("derivative", ProsePointer.None), ("term", ProsePointer.None),
        ("score", ProsePointer.None), ("residual", ProsePointer.None), ("result", ProsePointer.Whole),
        ("number of", ProsePointer.None), ("count", ProsePointer.None),
    ];

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    /// <summary>A naming verb at the end of the words before the symbol, with what stands between it and the symbol.</summary>
    private static readonly Regex VerbBefore = new(
        @"\b(?<verb>denote|denotes|denoted|call|calls|called|write|name|named|label|labelled|labeled|abbreviate|refer\s+to|known\s+as)\b(?!-)(?<object>[^.;:!?$]{0,60}?)\s*(?:\b(?:by|as)\s*)?$", Options);

    /// <summary>"let $L$ …", "define $Z$ …", "we use $S$ …": a verb whose object is the symbol, the noun after it.</summary>
    private static readonly Regex LeadBefore = new(@"\b(?<verb>let|define|we\s+use|use|set)\s*$", Options);

    /// <summary>What follows the symbol after "let"/"define"/"use"/"write"/"denote by": "be the …", "as the …", "for the …", "the …".</summary>
    private static readonly Regex NounAfter = new(
        @"^\s*(?:(?:be|denote|stand\s+for|represent|as|to\s+be|to\s+denote|for|be\s+called)\s+)?(?<noun>(?:the|this|our|a|an)\s+[^.;:,!?$]{1,50})", Options);

    /// <summary>Apposition: "with denominator $S$", "the normaliser $Z$", "the quantity $Z$".</summary>
    private static readonly Regex Apposition = new(@"(?:^|\b(?:with|the|its|our|a|an|this|by)\s+)(?<noun>[a-z][a-z\- ]{2,40}?)\s*,?\s*$", Options);

    /// <summary>The naming the words around a lone symbol make, or null when they make none (or name a genuine parameter).</summary>
    /// <param name="before">The words before the symbol in its sentence.</param>
    /// <param name="after">The words right after it.</param>
    public static ProseName? Read(string before, string after)
    {
        before = Clean(before);
        after = Clean(after);
        if (before.Length > 160) before = before.Substring(before.Length - 160);
        if (after.Length > 80) after = after.Substring(0, 80);

        var verb = VerbBefore.Match(before);
        if (verb.Success)
        {
            var written = verb.Groups["object"].Value.Trim();
            var kind = verb.Groups["verb"].Value.ToLowerInvariant();
            // "denote the denominator by $S$", "call this quantity $Z$", "is called $Z$", "we denote by $S$ the sum".
            if (written.Length > 0 && Noun(written) is { } named) return named;
            // "the partition function, denoted $Z$", "a quantity called $Q$": the noun stands before the participle.
            if (written.Length == 0 && kind is "denoted" or "called" or "named" or "labelled" or "labeled" or "known as"
                && Noun(Tail(before.Substring(0, verb.Index), 50)) is { } previous && previous.Noun != "this")
                return previous;
            if (written.Length == 0 || IsDemonstrative(written))
            {
                if (NounAfter.Match(after) is { Success: true } following && Noun(following.Groups["noun"].Value) is { } then) return then;
                // "this is called $Z$", "call it $Z$": the expression just written, named.
                if (IsDemonstrative(written) || kind is "called" or "named" or "known as")
                    return IsDemonstrative(written) || DemonstrativeSubject(before.Substring(0, verb.Index)) ? new ProseName("this", ProsePointer.Whole) : null;
            }
            return null;
        }
        if (LeadBefore.IsMatch(before))
            return NounAfter.Match(after) is { Success: true } lead ? Noun(lead.Groups["noun"].Value) : null;
        if (Apposition.Match(before) is { Success: true } apposition && Noun(apposition.Groups["noun"].Value) is { } noun && EndsWithNoun(apposition.Groups["noun"].Value, noun.Noun))
            return noun;
        return null;
    }

    /// <summary>The quantity noun a phrase names ("the denominator above" → denominator), or null for any other noun.</summary>
    private static ProseName? Noun(string phrase)
    {
        phrase = " " + phrase.Trim().ToLowerInvariant() + " ";
        // "the sample size", "the dimension": a genuine parameter even when a noun below follows. ("The number of ones" is
        // not: a count the data determine, k = Σ y_i, so it is a name.)
        if (Regex.IsMatch(phrase, @"\b(?:size|dimension|index|parameter|rate|step|constant)\b(?! function)", Options)
            && !Regex.IsMatch(phrase, @"\b(?:normali[sz](?:ing|ation)\s+constant)\b", Options))
            return null;
        foreach (var (noun, pointer) in Nouns)
            if (Regex.IsMatch(phrase, @"\b" + Regex.Escape(noun) + @"s?\b", Options))
            {
                // "this sum", "the sum above", "the denominator": a pointer; "the log-likelihood": a name only.
                return new ProseName(noun, pointer);
            }
        if (IsDemonstrative(phrase.Trim())) return new ProseName("this", ProsePointer.Whole);
        return null;
    }

    /// <summary>The apposition's noun ends the phrase ("with denominator", not "with the sum of squares and").</summary>
    private static bool EndsWithNoun(string phrase, string noun) =>
        Regex.IsMatch(phrase.Trim(), @"\b" + Regex.Escape(noun) + @"s?(?:\s+(?:above|here|below))?$", Options);

    private static bool IsDemonstrative(string phrase) =>
        Regex.IsMatch(phrase.Trim(), @"^(?:it|this|that|this\s+(?:quantity|expression|term|value|one)|the\s+(?:result|above|expression\s+above|quantity\s+above))$", Options);

    /// <summary>"This is called $Z$", "which is known as $Z$": the subject of the naming is what was just written.</summary>
    private static bool DemonstrativeSubject(string before) => Regex.IsMatch(before, @"\b(?:this|which|it|that)\s+(?:is|are)?\s*$", Options);

    private static string Tail(string text, int length) => text.Length <= length ? text : text.Substring(text.Length - length);

    private static string Clean(string text) =>
        Regex.Replace(text.Replace("*", "").Replace("_", " ").Replace("`", ""), @"\s+", " ").Trim();
}
