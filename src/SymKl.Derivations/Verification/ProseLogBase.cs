using System.Text.RegularExpressions;
using LogBase = SymKl.Latex.Binding.LogBase;

namespace SymKl.Derivations.Verification;

/// <summary>
/// What a bare \log means, as the prose declares it: "we use base-2 logarithms", "logarithms to base 2",
/// "\log(.) refers to \log_2(.)". A declaration holds from where it stands to the next one (as the
/// <c>symkl: log base</c> annotation does).
/// </summary>
internal static class ProseLogBase
{
    private static readonly Regex[] Patterns =
    [
        new(@"\bbase[- ](?<b>2|two|10|ten)[- ]log", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        new(@"\blog(?:arithm)?s?\s+(?:to|in|of|with)\s+(?:the\s+)?base[- ]?(?<b>2|two|10|ten)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        new(@"\\log\s*\(?\s*\.?\s*\)?\$?\s+(?:always\s+)?(?:refers to|means|denotes|stands for)\s+\$?\\log_\{?(?<b>2|10)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
    ];

    public static IReadOnlyList<(int Offset, LogBase Base)> Declarations(string text)
    {
        var found = new List<(int Offset, LogBase Base)>();
        foreach (var pattern in Patterns)
            foreach (Match m in pattern.Matches(text))
                found.Add((m.Index, m.Groups["b"].Value.ToLowerInvariant() is "2" or "two" ? LogBase.Two : LogBase.Ten));
        return [.. found.OrderBy(f => f.Offset)];
    }
}
