using SymKl.Latex;
using SymKl.Latex.Syntax;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The arguments of a density as the names of its variables, a run written with an ellipsis being one variable:
/// x_1, \ldots, x_d is x_{1:d} (the name a written range subscript has), and x_1, \ldots, x_{i-1}, x_{i+1}, \ldots, x_d
/// is x_{1:d\setminus i}. Only plain one-letter names are read so; null when an argument is not a name or the dots
/// follow no such run.
/// </summary>
internal static class ArgumentRuns
{
    public static (List<string> Names, List<string> Separators)? Read(Call call, ParseResult parsed) =>
        ReadWithLetters(call, parsed) is { } read ? (read.Names, read.Separators) : null;

    /// <summary>As <see cref="Read"/>, with each variable's letter (x of x_1 and of x_{1:d}).</summary>
    public static (List<string> Names, List<string> Letters, List<string> Separators)? ReadWithLetters(Call call, ParseResult parsed)
    {
        var items = call.Arguments;
        var separators = call.Separators.Select(s => s.Text).ToList();
        var names = new List<string>();
        var letters = new List<string>();
        var between = new List<string>();
        var k = 0;
        while (k < items.Count)
        {
            if (items[k] is not Identifier id) return null;
            var end = k;
            var name = Atom(items[k], parsed);
            if (Run(items, separators, k, parsed) is { } run)
            {
                (end, name) = (run.End, Range(run.Base, run.Lower, run.Upper, null));
                // x_1, …, x_{i-1}, x_{i+1}, …, x_d: every index but i.
                if (Run(items, separators, run.End + 1, parsed) is { } next && Comma(separators, run.End) && next.Base == run.Base
                    && Skipped(run.Upper, next.Lower) is { } skipped)
                    (end, name) = (next.End, Range(run.Base, run.Lower, next.Upper, skipped));
            }
            if (end > k && !name.Contains("\\setminus") && Written(items[k], items[end], parsed) is { } each)
            {
                // x_1, \ldots, x_3: the names written out.
                names.AddRange(each);
                letters.AddRange(each.Select(_ => id.Name));
                between.AddRange(each.Skip(1).Select(_ => ","));
            }
            else
            {
                names.Add(name);
                letters.Add(id.Name);
            }
            if (end < separators.Count && end + 1 < items.Count) between.Add(separators[end]);
            k = end + 1;
        }
        return (names, letters, between);
    }

    /// <summary>x_1 … x_3 as x_1, x_2, x_3 when both ends are whole numbers (and only a few); else null.</summary>
    private static List<string>? Written(SyntaxNode first, SyntaxNode last, ParseResult parsed)
    {
        if (Indexed(first, parsed) is not { } a || Indexed(last, parsed) is not { } b || !int.TryParse(a.Index, out var lo) || !int.TryParse(b.Index, out var hi) || hi < lo || hi - lo > 100) return null;
        return [.. Enumerable.Range(lo, hi - lo + 1).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(k => a.Base + "_" + (k.Length == 1 ? k : "{" + k + "}"))];
    }

    private static string Range(string name, string lower, string upper, string? without) =>
        name + "_{" + lower + ":" + upper + (without is null ? "" : "\\setminus" + without) + "}";

    /// <summary>x_lo, [x_{lo+1},] \ldots, x_hi from item k with commas between: the run's last item, letter and bounds.</summary>
    private static (int End, string Base, string Lower, string Upper)? Run(IReadOnlyList<SyntaxNode> items, List<string> separators, int k, ParseResult parsed)
    {
        if (k >= items.Count || Indexed(items[k], parsed) is not { } first) return null;
        var dots = k + 1;
        if (dots < items.Count && Indexed(items[dots], parsed) is { } second)
        {
            // Two written before the dots: consecutive numbers (x_1, x_2).
            if (second.Base != first.Base || !int.TryParse(first.Index, out var a) || !int.TryParse(second.Index, out var b) || b != a + 1) return null;
            dots++;
        }
        if (dots + 1 >= items.Count || items[dots] is not Ellipsis || Indexed(items[dots + 1], parsed) is not { } last || last.Base != first.Base || last.Index == first.Index) return null;
        for (var s = k; s <= dots; s++)
            if (!Comma(separators, s)) return null;
        return (dots + 1, first.Base, first.Index, last.Index);
    }

    private static bool Comma(List<string> separators, int after) => after < separators.Count && separators[after] == ",";

    /// <summary>K-1 and K+1: the index K between them; else null.</summary>
    private static string? Skipped(string upper, string lower) =>
        upper.EndsWith("-1", StringComparison.Ordinal) && lower.EndsWith("+1", StringComparison.Ordinal) && upper.Length > 2
        && upper.Substring(0, upper.Length - 2) == lower.Substring(0, lower.Length - 2) ? upper.Substring(0, upper.Length - 2) : null;

    /// <summary>x_1, x_d, x_{i-1}: a plain one-letter name with a subscript, as its letter and the subscript's text.</summary>
    private static (string Base, string Index)? Indexed(SyntaxNode node, ParseResult parsed)
    {
        if (node is not Identifier { Subscript: { } sub, Primes: 0, Accent: null, Decoration: null, Style: NameStyle.Normal or NameStyle.Italic } id
            || id.Name.Length != 1 || !char.IsLetter(id.Name[0])) return null;
        var index = Atom(sub, parsed);
        if (index.Length > 2 && index[0] == '{' && index[index.Length - 1] == '}') index = index.Substring(1, index.Length - 2);
        return index.Length == 0 || index.Contains(":") || index.Contains(",") ? null : (id.Name, index);
    }

    private static string Atom(SyntaxNode node, ParseResult parsed) => ModelCheck.Atom(node, parsed);
}
