namespace SymKl.Derivations.Verification;

/// <summary>What the prose before a statement says it is.</summary>
internal enum CueKind { None, Definition, Hypothesis, Solving, Implication }

/// <summary>The cue word (or phrase) nearest the math, its kind, whether the words before the math are only connectives, and how many words stand between the cue and the math.</summary>
/// <remarks><see cref="ThroughCopula"/>: a supposition read through the copula nearest the math ("suppose we have … $k = 0.95$").</remarks>
internal readonly record struct Cue(CueKind Kind, string Text, bool OnlyConnectives, int WordsAfter = 0, bool ThroughCopula = false)
{
    public static readonly Cue None = new(CueKind.None, string.Empty, true);
}

/// <summary>
/// Reads the prose before a statement for the words that decide its role. The cue nearest the math wins
/// ("for the Gaussian case we have" is a plain statement: "have" is nearer than "for"). The vocabulary is
/// that of written mathematics in English, not of any particular post.
/// </summary>
internal static class RoleCues
{
    // Longer phrases first: "such that" before "that".
    private static readonly (string Phrase, CueKind Kind)[] Phrases =
    [
        ("is defined as", CueKind.Definition), ("are defined as", CueKind.Definition), ("is defined by", CueKind.Definition),
        ("we define", CueKind.Definition), ("define", CueKind.Definition), ("defined", CueKind.Definition), ("defines", CueKind.Definition),
        ("denote", CueKind.Definition), ("denotes", CueKind.Definition), ("denoted", CueKind.Definition), ("denoting", CueKind.Definition),
        ("we write", CueKind.Definition), ("write", CueKind.Definition), ("let", CueKind.Definition), ("where", CueKind.Definition),
        ("take", CueKind.Definition), ("choose", CueKind.Definition), ("pick", CueKind.Definition), ("fix", CueKind.Definition), ("call", CueKind.Definition),
        ("such that", CueKind.Hypothesis), ("as long as", CueKind.Hypothesis), ("provided that", CueKind.Hypothesis), ("provided", CueKind.Hypothesis),
        ("assume", CueKind.Hypothesis), ("assuming", CueKind.Hypothesis), ("assumes", CueKind.Hypothesis), ("suppose", CueKind.Hypothesis),
        ("supposing", CueKind.Hypothesis), ("if", CueKind.Hypothesis), ("given", CueKind.Hypothesis), ("when", CueKind.Hypothesis),
        ("whenever", CueKind.Hypothesis), ("until", CueKind.Hypothesis), ("satisfying", CueKind.Hypothesis), ("in the case that", CueKind.Hypothesis),
        // "W must satisfy $$WW^T = Σ^{-1}$$": a requirement on W ("the ratio satisfies …" states a property, and is a claim).
        ("must satisfy", CueKind.Hypothesis), ("has to satisfy", CueKind.Hypothesis), ("have to satisfy", CueKind.Hypothesis),
        ("needs to satisfy", CueKind.Hypothesis), ("need to satisfy", CueKind.Hypothesis), ("should satisfy", CueKind.Hypothesis),
        // "the constraint above that $WW^T = Σ^{-1}$", "the condition $x > 0$": the math is the condition the noun names.
        ("constraint", CueKind.Hypothesis), ("constraints", CueKind.Hypothesis), ("condition", CueKind.Hypothesis), ("conditions", CueKind.Hypothesis), ("requirement", CueKind.Hypothesis), ("with", CueKind.Hypothesis), ("for", CueKind.Hypothesis), ("s.t.", CueKind.Hypothesis),
        ("setting", CueKind.Solving), ("set", CueKind.Solving), ("solving", CueKind.Solving), ("solve", CueKind.Solving),
        ("equating", CueKind.Solving), ("imposing", CueKind.Solving), ("requiring", CueKind.Solving),
        ("so", CueKind.Implication), ("hence", CueKind.Implication), ("thus", CueKind.Implication), ("therefore", CueKind.Implication),
        ("then", CueKind.Implication), ("implies", CueKind.Implication), ("implying", CueKind.Implication), ("gives", CueKind.Implication),
        ("giving", CueKind.Implication), ("yields", CueKind.Implication), ("i.e.", CueKind.Implication), ("it follows that", CueKind.Implication),
        ("we get", CueKind.Implication), ("we obtain", CueKind.Implication), ("we find", CueKind.Implication), ("or equivalently", CueKind.Implication),
        ("we have", CueKind.None), ("have", CueKind.None), ("is", CueKind.None), ("are", CueKind.None), ("becomes", CueKind.None),
    ];

    /// <summary>Words that add nothing to a consequence: "so", "hence we get", "which gives". Any other word brings in something SymKl cannot follow.</summary>
    private static readonly HashSet<string> Connectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "so", "hence", "thus", "therefore", "then", "implies", "implying", "gives", "giving", "yields", "i.e.", "ie", "it", "follows",
        "that", "we", "get", "obtain", "find", "have", "or", "equivalently", "and", "which", "this", "is", "i.e", "e", "and so",
    };

    /// <summary>The cue of <paramref name="prose"/> (the text before a statement, nearest word last).</summary>
    public static Cue Find(string prose) => Find(prose, out _);

    /// <summary>
    /// The cue of the words since the math before (<paramref name="prose"/>); when they hold no cue word at all and the
    /// whole sentence (<paramref name="sentence"/>, inline math in it written "$") solves or sets something to a value, that
    /// cue: "we set the derivative with respect to $r_j$ to zero:" is set to zero although "to zero:" alone says nothing.
    /// Other cues before inline math belong to that math ("a network given by $p_θ$, we maximise:" states no condition).
    /// </summary>
    public static Cue FindInSentence(string prose, string sentence)
    {
        var cue = Find(prose, out var found);
        if (found || sentence.Length <= prose.Length) return cue;
        var whole = Find(sentence);
        if (whole.Kind != CueKind.Solving) return cue;
        // "set"/"setting" solves only with a value after it ("… to zero", "equal to 0"): "the set $A$ contains:" does not.
        var words = Words(sentence);
        var at = words.FindLastIndex(w => string.Equals(w, whole.Text, StringComparison.OrdinalIgnoreCase));
        var valued = whole.Text is not ("set" or "setting") || at >= 0 && words.Skip(at + 1).Any(w => w.ToLowerInvariant() is "zero" or "0" or "equal" or "equals");
        // "Setting $A$ to the identity matrix and $B$ to …": a name set to a chosen value is defined so, as after "let".
        if (!valued && at >= 0 && at + 2 < words.Count && words[at + 1] == "$" && string.Equals(words[at + 2], "to", StringComparison.OrdinalIgnoreCase))
            return new Cue(CueKind.Definition, "setting", false, cue.WordsAfter);
        return valued ? whole : cue;
    }

    /// <summary>True when the cue phrase nearest the math states it plainly ("we have", "is", "are", "becomes").</summary>
    public static bool States(string prose) => Find(prose, out var found).Kind == CueKind.None && found;

    private static Cue Find(string prose, out bool found)
    {
        found = true;
        var words = Words(prose);
        for (var end = words.Count; end > 0; end--)
        {
            foreach (var (phrase, kind) in Phrases)
            {
                var parts = phrase.Split(' ');
                if (parts.Length > end) continue;
                var match = true;
                for (var k = 0; k < parts.Length && match; k++)
                    match = string.Equals(words[end - parts.Length + k], parts[k], StringComparison.OrdinalIgnoreCase);
                if (!match) continue;
                // "with respect to r" names a variable; it states no condition.
                if (phrase == "with" && end < words.Count && string.Equals(words[end], "respect", StringComparison.OrdinalIgnoreCase)) continue;
                // "the training set", "a set of": the noun, which sets nothing.
                if (phrase == "set" && IsNounSet(words, end - 1) && !(end < words.Count && words[end].ToLowerInvariant() is "to" or "equal" or "equals")) continue;
                // "assume that they are ordered as $…$", "suppose we have a stronger correlation, $…$": the copula belongs to the supposition.
                if (kind == CueKind.None) return SupposedBefore(prose, phrase, words.Count - end) ?? Cue.None;
                // "We assume the two constraints:": the noun names what an earlier cue of its sentence already says.
                if (ConditionNouns.Contains(phrase) && end > 1 && Find(string.Join(" ", words.Take(end - 1)), out var earlier) is { Kind: not CueKind.None } before && earlier)
                    return before with { WordsAfter = before.WordsAfter + words.Count - end + 1 };
                // "until convergence (i.e. $|w_{t+1} - w_t| < ε$)", "if it is positive, i.e. $x > 0$": a restatement of a condition
                // stated a few words before is that condition, not a consequence.
                if (phrase == "i.e." && RestatedCondition(words, end - 1) is { } condition) return new Cue(CueKind.Hypothesis, condition, false, words.Count - end);
                var only = kind == CueKind.Implication && words.Skip(end - parts.Length).All(Connectives.Contains) && words.Take(end - parts.Length).All(Connectives.Contains);
                return new Cue(kind, phrase, only, words.Count - end);
            }
        }
        found = false;
        return Cue.None;
    }

    /// <summary>"assume", "suppose" and their forms, then words with no punctuation and no cue up to the copula.</summary>
    private static readonly System.Text.RegularExpressions.Regex Supposition = new(@"\b(?<verb>assume|assumes|assuming|suppose|supposes|supposing)\b(?<between>[^,;:.!?()]*)$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// A copula or "we have" nearest the math (<paramref name="copula"/>, <paramref name="wordsAfter"/> words before it) that
    /// completes a supposition: "assume that they are ordered in the order $…$", "suppose we have … $k = 0.95$". The verb
    /// reaches through its own clause only: a comma, a cue or a sentence end between them ("assuming independence, we
    /// have $…$", "if we assume it is small, we have $…$") leaves the statement to the words nearer it.
    /// </summary>
    private static Cue? SupposedBefore(string prose, string copula, int wordsAfter)
    {
        var at = LastWord(prose, copula);
        if (at < 0) return null;
        var m = Supposition.Match(prose.Substring(0, at));
        if (!m.Success) return null;
        Find(m.Groups["between"].Value, out var cued);
        if (cued) return null;
        var between = Words(m.Groups["between"].Value).Count + copula.Split(' ').Length + wordsAfter;
        return between > 10 ? null : new Cue(CueKind.Hypothesis, m.Groups["verb"].Value.ToLowerInvariant(), false, between, ThroughCopula: true);
    }

    /// <summary>Where the last occurrence of <paramref name="phrase"/> as whole words starts in <paramref name="prose"/>, or −1.</summary>
    private static int LastWord(string prose, string phrase)
    {
        for (var at = prose.LastIndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = at == 0 ? -1 : prose.LastIndexOf(phrase, at - 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + phrase.Length;
            if ((at == 0 || !char.IsLetter(prose[at - 1])) && (end >= prose.Length || !char.IsLetter(prose[end]))) return at;
        }
        return -1;
    }

    /// <summary>
    /// "Since $f(x) \leq b$", "because $k > 2$": the math is a premise the sentence builds on ("since" or "because" at most
    /// three words before it, none of them a cue).
    /// </summary>
    public static bool StatesPremise(string prose)
    {
        var words = Words(prose);
        var at = words.FindLastIndex(w => string.Equals(w, "since", StringComparison.OrdinalIgnoreCase) || string.Equals(w, "because", StringComparison.OrdinalIgnoreCase));
        if (at < 0 || words.Count - at - 1 > 3) return false;
        Find(string.Join(" ", words.Skip(at + 1)), out var cued);
        return !cued;
    }

    private static readonly HashSet<string> ConditionNouns = new(StringComparer.OrdinalIgnoreCase) { "constraint", "constraints", "condition", "conditions", "requirement" };

    /// <summary>A one-word condition cue ("until", "if", "when", "whenever") at most three words before <paramref name="at"/>.</summary>
    private static string? RestatedCondition(List<string> words, int at)
    {
        for (var k = at - 1; k >= 0 && k >= at - 3; k--)
        {
            var w = words[k].ToLowerInvariant();
            if (w is "until" or "if" or "when" or "whenever") return w;
        }
        return null;
    }

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "this", "that", "each", "every", "our", "its", "their", "whole", "entire", "same",
    };

    /// <summary>
    /// "set" at <paramref name="at"/> is the noun: an article or determiner stands one or two words before it (unless "to" or
    /// "equal" follows: "the gradient set to zero" sets).
    /// </summary>
    private static bool IsNounSet(List<string> words, int at) =>
        at >= 1 && (Determiners.Contains(words[at - 1]) || SetNouns.Contains(words[at - 1])) || at >= 2 && Determiners.Contains(words[at - 2]);

    /// <summary>"the first data set", "each training set": a noun before "set" makes it the noun, however many words precede it.</summary>
    private static readonly HashSet<string> SetNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "data", "training", "test", "validation", "sample", "feature", "parameter", "solution", "index", "level", "power", "support", "candidate", "confidence", "active", "working",
    };

    /// <summary>
    /// "we have", "which gives", "so we get": words that only carry on from the math before (at least one, all of them
    /// connectives). After the displays of the equations being solved, the next display solves on.
    /// </summary>
    public static bool CarriesOn(string prose)
    {
        var words = Words(prose);
        return words.Count > 0 && words.All(Connectives.Contains);
    }

    /// <summary>True when a word of the prose draws a result or solves ("gives", "so", "solving"), wherever it stands.</summary>
    public static bool MentionsResult(string prose)
    {
        var words = Words(prose);
        return Phrases.Where(p => p.Kind is CueKind.Implication or CueKind.Solving && !p.Phrase.Contains(' ') && p.Phrase is not ("set" or "then"))
            .Any(p => words.Any(w => string.Equals(w, p.Phrase, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>True when the words are all connectives ("and", ",", "or"): math joined to the math before it.</summary>
    public static bool IsJoin(string prose) =>
        prose.IndexOf(':') < 0 && Words(prose).All(w => string.Equals(w, "and", StringComparison.OrdinalIgnoreCase) || string.Equals(w, "or", StringComparison.OrdinalIgnoreCase));

    private static List<string> Words(string prose)
    {
        var words = new List<string>();
        foreach (var raw in prose.Split([' ', '\t', '\n', ',', ';', ':', '(', ')', '"', '“', '”'], StringSplitOptions.RemoveEmptyEntries))
        {
            var w = raw.Trim('.', '!', '?', '\'', '_');
            if (raw is "i.e." or "s.t.") w = raw;
            if (w.Length > 0) words.Add(w);
        }
        return words;
    }
}
