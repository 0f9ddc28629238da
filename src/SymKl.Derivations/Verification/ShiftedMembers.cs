using System.Text.RegularExpressions;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// x_{k+1} = F_k x_k + w_k, then a step with x_{k-1} and x_k: members of one sequence at shifted indices. The text's laws
/// of the sequence (a recursion stated for every k, a definition made at k+1 and used at k) relate them, but the
/// equations SymKl works with hold each member as an unrelated unknown, so points where those hold and the step fails
/// say nothing against the step.
/// </summary>
internal static class ShiftedMembers
{
    /// <summary>True when two symbols of the expressions share a letter and differ only in an offset of one index (x_k, x_{k-1}; P_{k,l}, P_{k+1,l}).</summary>
    public static bool Any(IEnumerable<Expr> expressions)
    {
        var seen = new Dictionary<string, List<(string Var, long Offset)[]>>(StringComparer.Ordinal);
        foreach (var s in expressions.SelectMany(Traversal.FreeSymbols).Distinct())
        {
            if (Read(s.Name) is not { } member) continue;
            if (!seen.TryGetValue(member.Base, out var list)) seen[member.Base] = list = [];
            if (list.Any(other => Shifted(other, member.Indices))) return true;
            list.Add(member.Indices);
        }
        return false;
    }

    private static bool Shifted((string Var, long Offset)[] a, (string Var, long Offset)[] b) =>
        a.Length == b.Length && Enumerable.Range(0, a.Length).All(i => a[i].Var == b[i].Var) && Enumerable.Range(0, a.Length).Any(i => a[i].Offset != b[i].Offset);

    /// <summary>The same name with every index that is <paramref name="variable"/> ± a whole number moved by <paramref name="by"/> (x_k → x_{k-1}); null when it has none.</summary>
    public static string? Moved(string name, string variable, long by)
    {
        if (Read(name) is not { } member || member.Indices.All(i => i.Var != variable)) return null;
        return member.Base + "_" + string.Join(",", member.Indices.Select(i => Format(i.Var, i.Var == variable ? i.Offset + by : i.Offset)));
    }

    /// <summary>The letter and the single index of a member (x_{k-1} as x, k, −1); null for other names.</summary>
    public static (string Base, string Var, long Offset)? Single(string name) =>
        Read(name) is { Indices: [var only] } member ? (member.Base, only.Var, only.Offset) : null;

    private static string Format(string variable, long offset) =>
        offset == 0 ? variable : variable + (offset > 0 ? "+" : "-") + Math.Abs(offset).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"x_k-1" or "x_{k-1}" as (x, [(k, −1)]); null for a name whose subscript is not index ± whole number, comma separated.</summary>
    private static (string Base, (string Var, long Offset)[] Indices)? Read(string name)
    {
        var i = name.IndexOf('_');
        if (i <= 0) return null;
        var sub = name.Substring(i + 1);
        if (sub.StartsWith("{", StringComparison.Ordinal) && sub.EndsWith("}", StringComparison.Ordinal)) sub = sub.Substring(1, sub.Length - 2);
        var parts = sub.Split(',');
        var indices = new (string, long)[parts.Length];
        for (var p = 0; p < parts.Length; p++)
        {
            var m = IndexPattern().Match(parts[p].Trim());
            if (!m.Success) return null;
            var offset = m.Groups[3].Success ? long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            indices[p] = (m.Groups[1].Value, m.Groups[2].Value == "-" ? -offset : offset);
        }
        return (name.Substring(0, i), indices);
    }

    private static readonly Regex IndexPatternRegex = new(@"^([a-zA-Z])(?:([+-])(\d{1,6}))?$", RegexOptions.CultureInvariant);

    private static Regex IndexPattern() => IndexPatternRegex;
}
