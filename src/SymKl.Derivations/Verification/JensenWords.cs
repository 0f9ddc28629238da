using System.Text.RegularExpressions;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Whether a sentence says "convex" (or "concave") of one function: the word next to the function's own math, with only
/// the words that join a name to its property between ("$g$ is a strictly convex", "$g$ convex", "a convex function
/// $g$", "convex $g(\cdot)$"). The word elsewhere in the sentence ("since log is concave, for any $f$") says nothing about it.
/// </summary>
internal static class JensenWords
{
    // Inline math (with its delimiters), a word, or one other character.
    private static readonly Regex Token = new(@"\$\$?(?<math>[^$]*)\$\$?|\\\((?<math>.*?)\\\)|(?<word>[A-Za-z][A-Za-z'-]*)|(?<other>\S)", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> Joiners = new(StringComparer.OrdinalIgnoreCase) { "is", "be", "are", "was", "being", "a", "an", "also", "strictly" };
    private static readonly HashSet<string> Nouns = new(StringComparer.OrdinalIgnoreCase) { "function", "functions", "map", "mapping", "functional", "transformation" };

    /// <param name="written">The function's name as the formula writes it, blanks removed (<c>\varphi</c>, <c>g</c>).</param>
    public static bool SaidOf(string written, Regex word, string sentence)
    {
        var tokens = Token.Matches(sentence).Cast<Match>().ToList();
        for (var k = 0; k < tokens.Count; k++)
        {
            if (!tokens[k].Groups["word"].Success || !word.IsMatch(tokens[k].Value)) continue;
            // Back over the joining words to the name ("$g$ is a convex").
            var j = k - 1;
            for (var skipped = 0; j >= 0 && skipped < 4 && tokens[j].Groups["word"].Success && Joiners.Contains(tokens[j].Value); j--, skipped++) { }
            if (j >= 0 && Names(tokens[j], written)) return true;
            // On over the noun to the name ("a convex function $g$").
            j = k + 1;
            for (var skipped = 0; j < tokens.Count && skipped < 2 && tokens[j].Groups["word"].Success && Nouns.Contains(tokens[j].Value); j++, skipped++) { }
            if (j < tokens.Count && Names(tokens[j], written)) return true;
        }
        return false;
    }

    /// <summary>The token is the function's math (<c>$g$</c>, <c>$g(\cdot)$</c>, <c>$g(x)$</c>), or a one-letter name written as a plain word.</summary>
    private static bool Names(Match token, string written)
    {
        if (token.Groups["word"].Success) return written.Length == 1 && token.Value == written;
        if (!token.Groups["math"].Success) return false;
        var math = new string(token.Groups["math"].Value.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (math == written) return true;
        return math.StartsWith(written, StringComparison.Ordinal) && math.Length > written.Length
            && math[written.Length] == '(' && math.EndsWith(")", StringComparison.Ordinal) && !math[(written.Length + 1)..^1].Contains('(');
    }
}
