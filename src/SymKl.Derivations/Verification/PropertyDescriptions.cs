using System.Text.RegularExpressions;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "let $x$ be an eigenvector of $A$", "where $P$ is a permutation matrix", "the minimizer $x_0$", "suppose $f$ is convex":
/// words that say what kind of object a name stands for, or what it satisfies, with a property SymKl does not model when it
/// draws values. A name so described is no free parameter. Only the head of the phrase counts ("$x$ is the input to the
/// projection layer" describes nothing), and only properties no draw honours: orthogonal, orthonormal, unitary, symmetric,
/// diagonal and positive (semi)definite matrices are drawn with their property where the text states it (StatedMatrixProperties), so they
/// are left out. Pure: tested on phrasings.
/// </summary>
internal static class PropertyDescriptions
{
    /// <summary>Property words of mathematics (stems; a plural or -s form follows from the pattern).</summary>
    private const string Property =
        @"eigen-?vector|eigen-?value|eigen-?function|eigen-?pair|singular\s+vector|singular\s+value|"
        + @"projection|projector|permutation|pseudo-?inverse|inverse|"
        + @"minimi[sz]er|maximi[sz]er|optimi[sz]er|optimum|optimal\s+solution|argmin|argmax|solution|root|"
        + @"fixed\s+point|stationary\s+point|critical\s+point|saddle\s+point|extremum|"
        + @"convex|concave|injective|surjective|bijective|monotone|monotonic|increasing|decreasing|"
        + @"idempotent|nilpotent|invertible|non-?singular|singular|full[\s-]+rank|rank[\s-]+(?:one|deficient)|"
        + @"null\s*space|kernel|basis|hermitian|triangular|diagonali[sz]able|stochastic|"
        + @"linear\s+(?:map|transformation|operator|function)|linear|isometry|lipschitz|unit\s+vector|unit[\s-]+(?:norm|length)";

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    /// <summary>A word that is not a preposition or conjunction: the words of a noun phrase before its head.</summary>
    private const string Modifier = @"(?:(?!(?:of|to|in|on|for|with|from|by|at|as|that|which|who|where|and|or|if|then|is|are|be)\b)[A-Za-z][A-Za-z\-]*\s+)";

    /// <summary>After the name: "be an eigenvector", "is a unit lower triangular matrix", "is convex", "minimizes …".</summary>
    private static readonly Regex After = new(
        @"^\s*,?\s*(?:is|are|be|being|to\s+be|was|were|denotes?|stands?\s+for|represents?)\s+(?:not\s+)?(?:(?:a|an|the|some|any|its|their|our|also|both|all)\s+)?"
        + Modifier + @"{0,3}?(?<word>(?:" + Property + @")(?:s|es)?)\b(?:\s+(?:matrix|matrices|vector|vectors|function|functions|map|maps|operator|operators|point|points|value|values)\b)?", Options);

    /// <summary>After the name: "minimizes f", "solves …": a verb of optimisation or solving.</summary>
    private static readonly Regex VerbAfter = new(@"^\s*,?\s*(?<word>minimi[sz]es|maximi[sz]es|solves|optimi[sz]es)\b", Options);

    /// <summary>Before the name: "an eigenvector $x$", "the projection matrix $P$", "and their eigenvalues $λ_i$".</summary>
    private static readonly Regex Before = new(
        @"\b(?<word>(?:" + Property + @")(?:s|es)?)(?:\s+(?:matrix|matrices|vector|vectors|function|functions|map|maps|operator|operators|point|points|value|values))?\s*,?\s*$", Options);

    /// <summary>The name opens a conclusion ("then", "hence", "so").</summary>
    private static readonly Regex Conclusion = new(@"\b(?:then|thus|hence|therefore|so|implies|follows\s+that|shows?\s+that|prove\s+that)\s*,?\s*$", Options);

    /// <summary>The property is the subject of a condition ("is convex if and only if", "is invertible when").</summary>
    private static readonly Regex Condition = new(@"^[^,]{0,30}?\b(?:if|iff|when|whenever|exactly|precisely|provided)\b", Options);

    /// <summary>The property word the words around a name give it ("eigenvector", "permutation"), or null.</summary>
    /// <param name="before">The words before the name in its sentence.</param>
    /// <param name="after">The words right after it.</param>
    public static string? Read(string before, string after)
    {
        before = Clean(before);
        after = Clean(after);
        if (before.Length > 120) before = before.Substring(before.Length - 120);
        if (after.Length > 80) after = after.Substring(0, 80);
        var cut = after.IndexOfAny(['.', ';', ':', '!', '?', '$']);
        var clause = cut >= 0 ? after.Substring(0, cut) : after;
        // "Then $f$ is convex if and only if …", "hence $x$ is a root": a claim or a characterisation, not a premise.
        if (Conclusion.IsMatch(before)) return null;
        if (After.Match(clause) is { Success: true } a) return Condition.IsMatch(clause.Substring(a.Index + a.Length)) ? null : Phrase(clause, a);
        if (VerbAfter.Match(clause) is { Success: true } v) return Phrase(clause, v);
        if (Before.Match(before) is { Success: true } b) return b.Value.Trim().TrimEnd(',').Trim();
        return null;
    }

    /// <summary>"x \in \operatorname{null}(T)", "v, w \in \ker A": the names a membership in a null space, kernel or range
    /// describes, with the set; null when the math is no such membership.</summary>
    public static (IReadOnlyList<string> Names, string Set)? Membership(string latex)
    {
        var at = latex.IndexOf("\\in", StringComparison.Ordinal);
        if (at <= 0 || at + 3 < latex.Length && char.IsLetter(latex[at + 3])) return null;
        var set = latex.Substring(at + 3).Trim();
        if (!PropertySet.IsMatch(set)) return null;
        var names = latex.Substring(0, at).Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        return names.Count is > 0 and <= 6 ? (names, set) : null;
    }

    private static readonly Regex PropertySet = new(
        @"^(?:(?:\\operatorname\{|\\text\{|\\mathrm\{)?(?:null|nullspace|ker|kernel|range|im|col|row|image)\}?\s*\(|\\ker\b|\\mathcal\{[NR]\}\s*\()",
        Options);

    private static string Phrase(string clause, Match m) => clause.Substring(0, m.Index + m.Length).Trim().TrimStart(',').Trim();

    /// <summary>Markdown emphasis and line breaks removed, whitespace collapsed.</summary>
    private static string Clean(string text) => Regex.Replace(text.Replace("**", string.Empty).Replace("__", string.Empty), @"\s+", " ", RegexOptions.CultureInvariant);
}
