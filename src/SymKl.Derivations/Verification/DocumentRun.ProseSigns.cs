using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Signs the prose leaves open: "a time variable $t$ of either sign", "$x$ can be negative", "$a$ may be positive or
/// negative". A symbol with no stated domain is otherwise taken to be positive when a refutation hinges on its sign (texts
/// mean their parameters positive); words like these state the opposite, so the symbol is real for what follows.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex EitherSign = new(
        @"\b(?:(?:of\s+)?(?:either|any|arbitrary)\s+sign|(?:can|could|may|might)\s+(?:also\s+)?(?:be|take|become)\s+(?:\w+\s+)?negative|positive\s+or\s+negative|negative\s+or\s+positive|not\s+necessarily\s+positive)\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex ProseMath = new(@"(?<!\\)\$\$?([^$]+)\$\$?", RegexOptions.CultureInvariant);

    private List<(int Offset, string Name)>? _proseSigns;

    /// <summary>The assumptions in force with every symbol whose sign the prose before the current math leaves open declared real.</summary>
    private Assumptions WithProseSigns(Assumptions assumptions)
    {
        if (_block is not { } block) return assumptions;
        _proseSigns ??= FindProseSigns(document.Source.Text);
        foreach (var (offset, name) in _proseSigns)
            if (offset < block.Offset && !assumptions.Declared.ContainsKey(name)) assumptions = assumptions.With(name, Domain.Real);
        return assumptions;
    }

    /// <summary>The names written in inline math of each sentence that says a sign is open, with where the sentence starts.</summary>
    private static List<(int Offset, string Name)> FindProseSigns(string source)
    {
        var found = new List<(int, string)>();
        var seen = new HashSet<int>();
        foreach (Match m in EitherSign.Matches(source))
        {
            var start = Math.Max(source.LastIndexOfAny(['.', '!', '?', '\n'], Math.Max(0, m.Index - 1)) + 1, 0);
            if (!seen.Add(start)) continue;
            var end = m.Index + m.Length;
            foreach (Match math in ProseMath.Matches(source.Substring(start, end - start)))
            {
                var parsed = LatexParser.ParseMath(math.Groups[1].Value);
                // Only a name written alone ("$t$", "$x_i$"): a formula in the sentence is what is said to be negative, not its letters.
                if (parsed.Root?.Rows is [{ Items: [Identifier id] }]) found.Add((start, MathBinder.SymbolName(id, parsed)));
            }
        }
        return found;
    }
}
