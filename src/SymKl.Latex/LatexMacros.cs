using System.Text;

namespace SymKl.Latex;

/// <summary>One user macro: <c>\newcommand{\dadb}[2]{\frac{\partial #1}{\partial #2}}</c>.</summary>
public sealed record MacroDefinition(string Name, int Arity, string? OptionalDefault, string Body);

/// <summary>
/// The macros a document defines for MathJax or KaTeX (<c>\newcommand</c>, <c>\renewcommand</c>, <c>\providecommand</c>,
/// <c>\def</c>, <c>\DeclareMathOperator</c>), usually in a hidden display at the top of a post. They are expanded
/// in the text before it is parsed, as MathJax does, so that <c>\bx</c> reads as <c>\mathbf{x}</c> and
/// <c>\dadb{L}{\beta}</c> as a derivative. Expansion keeps a map from every character of the expanded text to the
/// file, so positions still point at what the author wrote (the macro's name for the characters it produced).
/// </summary>
public sealed class LatexMacros
{
    /// <summary>Nested expansions deeper than this are a loop (<c>\def\a{\a}</c>).</summary>
    public const int MaxDepth = 32;

    /// <summary>An expansion may grow the text to at most this many times its length (plus a constant).</summary>
    private const int MaxGrowth = 16;

    private static readonly string[] DefiningCommands = ["newcommand", "renewcommand", "providecommand", "def", "DeclareMathOperator"];

    private readonly Dictionary<string, MacroDefinition> _macros = new(StringComparer.Ordinal);

    public int Count => _macros.Count;

    public IEnumerable<MacroDefinition> Definitions => _macros.Values;

    public bool TryGet(string name, out MacroDefinition definition) => _macros.TryGetValue(name, out definition!);

    /// <summary>Adds the definitions found in <paramref name="text"/> (later ones replace earlier ones, as \renewcommand does).</summary>
    public void Collect(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '\\') { i += 2; continue; }
            if (text[i] == '\\' && TryReadDefinition(text, i, out var definition, out var end))
            {
                // \providecommand defines only what is not defined yet.
                if (definition is not null && !(IsProvide(text, i) && _macros.ContainsKey(definition.Name)))
                    _macros[definition.Name] = definition;
                i = end;
                continue;
            }
            i++;
        }
    }

    private static bool IsProvide(string text, int at) => string.CompareOrdinal(text, at, "\\providecommand", 0, 15) == 0;

    /// <summary>
    /// The text with every definition blanked and every use of a defined macro expanded. <paramref name="sourceOffsets"/>
    /// gives, for each character of the result (and one past its end), the offset in <paramref name="text"/> it came from.
    /// Returns null with a <paramref name="problem"/> when the expansion loops or grows without bound.
    /// </summary>
    public string? Expand(string text, out int[] sourceOffsets, out string? problem)
    {
        var output = new StringBuilder(text.Length);
        var map = new List<int>(text.Length + 1);
        problem = null;
        var budget = text.Length * MaxGrowth + 4096;
        if (!ExpandInto(text, null, 0, output, map, ref budget, ref problem))
        {
            sourceOffsets = [];
            return null;
        }
        map.Add(text.Length);
        sourceOffsets = map.ToArray();
        return output.ToString();
    }

    /// <summary>True when the text defines or uses a macro of this table (or defines one): only then is expansion needed.</summary>
    public bool Touches(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length || !IsLetter(text[i + 1])) continue;
            var end = i + 1;
            while (end < text.Length && IsLetter(text[end])) end++;
            var name = text.Substring(i + 1, end - i - 1);
            if (_macros.ContainsKey(name) || Array.IndexOf(DefiningCommands, name) >= 0) return true;
            i = end - 1;
        }
        return false;
    }

    /// <param name="origin">Null at the top level (each character maps to itself); otherwise the offset every produced character maps to.</param>
    private bool ExpandInto(string text, int? origin, int depth, StringBuilder output, List<int> map, ref int budget, ref string? problem)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && !IsLetter(text[i + 1]))
            {
                Append(output, map, text.Substring(i, 2), origin ?? i, origin is null);
                i += 2;
                continue;
            }
            if (c != '\\' || i + 1 >= text.Length)
            {
                Append(output, map, c.ToString(), origin ?? i, false);
                i++;
                continue;
            }
            var nameEnd = i + 1;
            while (nameEnd < text.Length && IsLetter(text[nameEnd])) nameEnd++;
            var name = text.Substring(i + 1, nameEnd - i - 1);
            if (Array.IndexOf(DefiningCommands, name) >= 0 && TryReadDefinition(text, i, out _, out var defEnd))
            {
                // The definition itself is not math: blanked, line breaks kept.
                for (var k = i; k < defEnd; k++) Append(output, map, text[k] is '\n' or '\r' ? text[k].ToString() : " ", origin ?? k, false);
                i = defEnd;
                continue;
            }
            if (!_macros.TryGetValue(name, out var macro))
            {
                Append(output, map, text.Substring(i, nameEnd - i), origin ?? i, origin is null);
                i = nameEnd;
                continue;
            }
            if (depth >= MaxDepth)
            {
                problem = "the macro \\" + name + " expands into itself (more than " + MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) + " levels deep)";
                return false;
            }
            var args = ReadArguments(text, nameEnd, macro, out var after);
            if (args is null)
            {
                Append(output, map, text.Substring(i, nameEnd - i), origin ?? i, origin is null);
                i = nameEnd;
                continue;
            }
            var body = Substitute(macro.Body, args);
            budget -= body.Length;
            if (budget < 0)
            {
                problem = "the macros expand the math beyond " + (text.Length * MaxGrowth).ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters";
                return false;
            }
            // A macro's text never glues onto a following letter: \bx y stays two tokens.
            if (!ExpandInto(body, origin ?? i, depth + 1, output, map, ref budget, ref problem)) return false;
            if (after < text.Length && IsLetter(text[after]) && body.Length > 0 && IsCommandEnd(body)) Append(output, map, " ", origin ?? i, false);
            i = after;
        }
        return true;
    }

    private static void Append(StringBuilder output, List<int> map, string s, int at, bool consecutive)
    {
        for (var k = 0; k < s.Length; k++)
        {
            output.Append(s[k]);
            map.Add(consecutive ? at + k : at);
        }
    }

    /// <summary>Does the body end with a control word (\alpha), which a letter after it would extend?</summary>
    private static bool IsCommandEnd(string body)
    {
        var k = body.Length - 1;
        while (k >= 0 && IsLetter(body[k])) k--;
        return k >= 0 && k < body.Length - 1 && body[k] == '\\';
    }

    private static string Substitute(string body, IReadOnlyList<string> args)
    {
        if (args.Count == 0) return body;
        var sb = new StringBuilder(body.Length + 16);
        for (var k = 0; k < body.Length; k++)
        {
            if (body[k] == '#' && k + 1 < body.Length && body[k + 1] >= '1' && body[k + 1] <= '9')
            {
                var n = body[k + 1] - '1';
                if (n < args.Count) sb.Append(args[n]);
                k++;
                continue;
            }
            sb.Append(body[k]);
        }
        return sb.ToString();
    }

    /// <summary>The arguments after a macro's name: [optional] first when it has a default, then {groups} or single tokens.</summary>
    private static List<string>? ReadArguments(string text, int at, MacroDefinition macro, out int after)
    {
        after = at;
        var args = new List<string>(macro.Arity);
        var k = at;
        for (var n = 0; n < macro.Arity; n++)
        {
            if (n == 0 && macro.OptionalDefault is not null)
            {
                var s = SkipSpaces(text, k);
                if (s < text.Length && text[s] == '[')
                {
                    var close = text.IndexOf(']', s);
                    if (close < 0) return null;
                    args.Add(text.Substring(s + 1, close - s - 1));
                    k = close + 1;
                }
                else
                {
                    args.Add(macro.OptionalDefault);
                }
                continue;
            }
            k = SkipSpaces(text, k);
            if (k >= text.Length) return null;
            if (text[k] == '{')
            {
                var close = ClosingBrace(text, k);
                if (close < 0) return null;
                args.Add(text.Substring(k + 1, close - k - 1));
                k = close + 1;
            }
            else if (text[k] == '\\')
            {
                var e = k + 1;
                if (e < text.Length && IsLetter(text[e])) while (e < text.Length && IsLetter(text[e])) e++;
                else e = Math.Min(e + 1, text.Length);
                args.Add(text.Substring(k, e - k));
                k = e;
            }
            else
            {
                args.Add(text[k].ToString());
                k++;
            }
        }
        after = k;
        return args;
    }

    /// <summary>
    /// Reads one definition starting at the backslash at <paramref name="at"/>. A defining command that cannot be read is
    /// still consumed up to its name (definition null), so that it is never read as math.
    /// </summary>
    private static bool TryReadDefinition(string text, int at, out MacroDefinition? definition, out int end)
    {
        definition = null;
        end = at;
        var nameEnd = at + 1;
        while (nameEnd < text.Length && IsLetter(text[nameEnd])) nameEnd++;
        var command = text.Substring(at + 1, nameEnd - at - 1);
        if (Array.IndexOf(DefiningCommands, command) < 0) return false;
        var k = nameEnd;
        if (k < text.Length && text[k] == '*') k++;
        end = k;
        if (command == "def")
        {
            // \def\name#1#2{body}
            if (k >= text.Length || text[k] != '\\') return true;
            var n = k + 1;
            while (n < text.Length && IsLetter(text[n])) n++;
            if (n == k + 1) return true;
            var name = text.Substring(k + 1, n - k - 1);
            var arity = 0;
            while (n + 1 < text.Length && text[n] == '#' && text[n + 1] >= '1' && text[n + 1] <= '9') { arity++; n += 2; }
            if (n >= text.Length || text[n] != '{') return true;
            var close = ClosingBrace(text, n);
            if (close < 0) return true;
            definition = new MacroDefinition(name, arity, null, text.Substring(n + 1, close - n - 1));
            end = close + 1;
            return true;
        }
        // \newcommand{\name}[n][default]{body}, \newcommand\name{body}, \DeclareMathOperator{\name}{text}
        k = SkipSpaces(text, k);
        string? macroName = null;
        if (k < text.Length && text[k] == '{')
        {
            var close = ClosingBrace(text, k);
            if (close < 0) return true;
            var inner = text.Substring(k + 1, close - k - 1).Trim();
            if (inner.Length > 1 && inner[0] == '\\' && inner.Skip(1).All(IsLetter)) macroName = inner.Substring(1);
            k = close + 1;
        }
        else if (k < text.Length && text[k] == '\\')
        {
            var n = k + 1;
            while (n < text.Length && IsLetter(text[n])) n++;
            if (n > k + 1) macroName = text.Substring(k + 1, n - k - 1);
            k = n;
        }
        if (macroName is null) { end = k; return true; }
        var count = 0;
        string? optional = null;
        if (command != "DeclareMathOperator")
        {
            k = SkipSpaces(text, k);
            if (k < text.Length && text[k] == '[')
            {
                var close = text.IndexOf(']', k);
                if (close < 0 || !int.TryParse(text.Substring(k + 1, close - k - 1).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count > 9)
                {
                    end = k;
                    return true;
                }
                k = SkipSpaces(text, close + 1);
                if (k < text.Length && text[k] == '[')
                {
                    var closeDefault = text.IndexOf(']', k);
                    if (closeDefault < 0) { end = k; return true; }
                    optional = text.Substring(k + 1, closeDefault - k - 1);
                    k = closeDefault + 1;
                }
            }
        }
        k = SkipSpaces(text, k);
        if (k >= text.Length || text[k] != '{') { end = k; return true; }
        var bodyClose = ClosingBrace(text, k);
        if (bodyClose < 0) { end = k; return true; }
        var body = text.Substring(k + 1, bodyClose - k - 1);
        if (command == "DeclareMathOperator") body = "\\operatorname{" + body + "}";
        definition = new MacroDefinition(macroName, count, optional, body);
        end = bodyClose + 1;
        return true;
    }

    private static int SkipSpaces(string text, int k)
    {
        while (k < text.Length && char.IsWhiteSpace(text[k])) k++;
        return k;
    }

    private static int ClosingBrace(string text, int open) => Lexer.ClosingBrace(text, open);

    private static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
}
