using System.Text.RegularExpressions;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "let $p$ be the output of the network", "$L$ is the loss", "the activation $h$", "$\hat{y}$ denotes the prediction": the
/// words around a lone symbol that make it a quantity the model computes. Such a name, while it has no value SymKl can
/// read, may depend on any variable a derivative is taken by (the weights, the inputs), so ∂(p z)/∂w is not p ∂z/∂w.
/// Plain "the output $y$" (often the observed label), data, targets and names the text calls constant are not taken.
/// Pure: tested on phrasings.
/// </summary>
internal static class ModelQuantities
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    /// <summary>What a network or model computes (an output only when the words say whose: "of the network", "network output").</summary>
    private const string Noun =
        @"(?:loss(?:es)?|cost|objective(?:\s+function)?|(?:negative\s+)?(?:log[- ]?)?likelihood|(?:pre-?)?activations?(?!\s+functions?)|predictions?|logits?"
        + @"|hidden\s+(?:layers?|states?|units?|representations?|vectors?|activations?|values?)"
        + @"|(?:network|model|layer|neuron|unit|classifier|softmax|sigmoid|perceptron)(?:'s)?\s+outputs?"
        + @"|outputs?\s+(?:of|from)\s+(?:the\s+|our\s+|a\s+|an\s+|this\s+|each\s+|that\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:network|model|layer|neuron|unit|classifier|softmax|sigmoid|perceptron|net)"
        + @"|predicted\s+[\w-]+(?:\s+[\w-]+)?|estimated\s+probabilit(?:y|ies))";

    private static readonly Regex NounPattern = new(@"\b" + Noun + @"\b", Options);

    /// <summary>Words that make the quantity data or a constant: the target, the observed output, a fixed value.</summary>
    private static readonly Regex NotModelled = new(
        @"\b(?:true|target|desired|observed|actual|ground[- ]truth|labels?|inputs?|constants?|fixed|independent|data|given|known|sample)\b", Options);

    /// <summary>Words before the noun that make the phrase about something else (a count, a parameter, a derivative of the quantity).</summary>
    private static readonly Regex Modifier = new(
        @"\b(?:of|in|on|for|to|with|at|by|from|number|size|dimension|index|rate|step|parameters?|weights?|bias|variance|mean|derivative|gradient|partial|change)\b", Options);

    /// <summary>"$p$ is the …", "$p$ denotes the …", "(let $p$) be the …", "(denote by $L$) the …": the phrase naming the symbol.</summary>
    private static readonly Regex After = new(
        @"^\s*,?\s*(?:(?:is|are|be|denotes?|represents?|stands\s+for|as|for|to\s+be|to\s+denote|will\s+be|here\s+is)\s+)?(?<phrase>(?:the|our|its|a|an|this)\s+[^.;:!?$]{1,70})", Options);

    /// <summary>"the output of the network $p$", "with loss $L$", "denote the activation by $h$": the noun right before the symbol.</summary>
    private static readonly Regex Before = new(
        @"(?:^|\b(?:the|our|its|a|an|this|with|and)\s+)(?<phrase>[^.;:!?$,]{0,70}?)\s*,?\s*(?:(?:denoted|written|called)(?:\s+(?:by|as))?|by|as|is)?\s*$", Options);

    /// <summary>A verb before the symbol that takes the naming phrase after it ("let", "define", "denote by").</summary>
    private static readonly Regex Lead = new(@"\b(?:let|define|denote\s+by|write|call|where|with)\s*$", Options);

    /// <summary>The noun that makes the symbol a quantity of the model, or null.</summary>
    /// <param name="before">The words before the symbol in its sentence.</param>
    /// <param name="after">The words right after it.</param>
    public static string? Read(string before, string after)
    {
        before = Clean(before);
        after = Clean(after);
        if (before.Length > 160) before = before.Substring(before.Length - 160);
        if (after.Length > 100) after = after.Substring(0, 100);
        // "a constant $c$", "$p$ is fixed", "$z$ does not depend on $w$": the text says it is no function of the variable.
        if (Regex.IsMatch(after, @"^[^.;]{0,60}\b(?:constant|fixed|independent\s+of|does\s+not\s+depend|do\s+not\s+depend|doesn't\s+depend)\b", Options)) return null;
        var afterMatch = After.Match(after);
        if (afterMatch.Success && (afterMatch.Groups["phrase"].Index > 0 && HasVerb(after, afterMatch) || Lead.IsMatch(before)))
            return Named(Clause(afterMatch.Groups["phrase"].Value), atEnd: false);
        if (Before.Match(before) is { Success: true } preceding)
            return Named(preceding.Groups["phrase"].Value, atEnd: true);
        return null;
    }

    /// <summary>True when the words after the symbol begin with a naming verb (not only an article: "$p$ the output" is no naming).</summary>
    private static bool HasVerb(string after, Match match) => after.Substring(0, match.Groups["phrase"].Index).Trim().Trim(',').Length > 0;

    /// <summary>The phrase up to its first clause break ("the loss, which …" → "the loss").</summary>
    private static string Clause(string phrase)
    {
        var cut = Regex.Match(phrase, @",|\b(?:which|where|that|and|so|when|while|for\s+each)\b", Options);
        return cut.Success ? phrase.Substring(0, cut.Index) : phrase;
    }

    /// <summary>The model noun the phrase names (at its end, for a phrase before the symbol), unless it names data or a constant.</summary>
    private static string? Named(string phrase, bool atEnd)
    {
        var match = NounPattern.Match(phrase);
        if (!match.Success) return null;
        if (atEnd)
        {
            // The noun must close the phrase ("the network output $p$", not "the loss of sample $i$").
            Match? last = null;
            for (var m = match; m.Success; m = m.NextMatch()) last = m;
            if (last is null || phrase.Substring(last.Index + last.Length).Trim().Length > 0) return null;
            match = last;
        }
        // The noun heads the phrase: "the average loss", not "the number of terms in the loss" or "the gradient of the loss".
        var prefix = phrase.Substring(0, match.Index);
        if (prefix.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Length > 4 || Modifier.IsMatch(prefix)) return null;
        if (NotModelled.IsMatch(phrase.Substring(0, match.Index + match.Length))) return null;
        return match.Value.ToLowerInvariant();
    }

    private static string Clean(string text) =>
        Regex.Replace(text.Replace("*", "").Replace("_", " ").Replace("`", ""), @"\s+", " ").Trim();
}
