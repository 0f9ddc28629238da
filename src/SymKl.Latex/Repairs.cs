using System.Text;

namespace SymKl.Latex;

/// <summary>
/// Recognisers for damaged input. They only LOOK at the original string and say what was meant;
/// the lexer then emits the intended token with the span of the damage, so positions stay exact.
/// </summary>
internal static class Repairs
{
    /// <summary>
    /// C escape sequences that eat the first letter of a command when LaTeX passes through a string literal
    /// or a PDF extractor: "\frac" becomes form feed + "rac", "\begin" backspace + "egin", "\theta" tab + "heta".
    /// </summary>
    public static bool TryGetEscapedLetter(char control, out char letter, out string controlName)
    {
        switch (control)
        {
            case '\a': letter = 'a'; controlName = "bell (\\a)"; return true;
            case '\b': letter = 'b'; controlName = "backspace (\\b)"; return true;
            case '\t': letter = 't'; controlName = "tab (\\t)"; return true;
            case '\v': letter = 'v'; controlName = "vertical tab (\\v)"; return true;
            case '\f': letter = 'f'; controlName = "form feed (\\f)"; return true;
            case '\r': letter = 'r'; controlName = "carriage return (\\r)"; return true;
            default: letter = '\0'; controlName = ""; return false;
        }
    }

    /// <summary>
    /// Letter runs that are a command whose backslash and first letter were lost (PDF extraction):
    /// 'rac' directly before '{' is '\frac', 'egin' before '{' is '\begin'. Also commands that lost only
    /// the backslash ('frac{'). Returns the command name, or null.
    /// </summary>
    public static string? DamagedCommand(string word, char next, out string code, out string what)
    {
        code = "";
        what = "";
        if (next == '{')
        {
            switch (word)
            {
                case "rac":
                    code = DiagnosticCodes.RepairedFrac;
                    what = "text damaged by PDF extraction: the '\\f' was read as a form feed";
                    return "frac";
                case "egin":
                    code = DiagnosticCodes.RepairedBegin;
                    what = "text damaged by PDF extraction: the '\\b' was read as a backspace";
                    return "begin";
                case "frac":
                case "dfrac":
                case "sqrt":
                case "mathbf":
                case "mathrm":
                case "mathcal":
                case "mathbb":
                    code = DiagnosticCodes.MissingBackslash;
                    what = "the backslash is missing";
                    return word;
            }
        }
        return null;
    }

    private static readonly Dictionary<char, byte> Cp1252High = BuildCp1252();

    private static Dictionary<char, byte> BuildCp1252()
    {
        // Windows-1252 bytes 0x80..0x9F; the other high bytes are Latin-1 (char code == byte).
        string map = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
                   + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";
        var d = new Dictionary<char, byte>();
        for (int i = 0; i < map.Length; i++) d[map[i]] = (byte)(0x80 + i);
        return d;
    }

    private static bool TryCp1252Byte(char c, out byte b)
    {
        if (c >= '\u00A0' && c <= '\u00FF') { b = (byte)c; return true; }
        if (Cp1252High.TryGetValue(c, out b)) return true;
        if (c >= '\u0080' && c <= '\u009F') { b = (byte)c; return true; }
        b = 0;
        return false;
    }

    /// <summary>
    /// UTF-8 text that was decoded as Windows-1252 ('âˆ«' for '∫', 'â€“' for '–'). At <paramref name="index"/>,
    /// tries to read 2-4 such characters back into bytes and decode them as one UTF-8 character.
    /// </summary>
    public static bool TryDecodeMojibake(string text, int index, out string decoded, out int length)
    {
        decoded = "";
        length = 0;
        char lead = text[index];
        int count = lead switch
        {
            >= '\u00C2' and <= '\u00DF' => 2,
            >= '\u00E0' and <= '\u00EF' => 3,
            >= '\u00F0' and <= '\u00F4' => 4,
            _ => 0,
        };
        if (count == 0 || index + count > text.Length) return false;
        var bytes = new byte[count];
        bytes[0] = (byte)lead;
        for (int k = 1; k < count; k++)
        {
            if (!TryCp1252Byte(text[index + k], out byte b) || b < 0x80 || b > 0xBF) return false;
            bytes[k] = b;
        }
        int cp = count switch
        {
            2 => ((bytes[0] & 0x1F) << 6) | (bytes[1] & 0x3F),
            3 => ((bytes[0] & 0x0F) << 12) | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F),
            _ => ((bytes[0] & 0x07) << 18) | ((bytes[1] & 0x3F) << 12) | ((bytes[2] & 0x3F) << 6) | (bytes[3] & 0x3F),
        };
        // Reject overlong forms and surrogates: they are not what an encoder writes.
        if ((count == 2 && cp < 0x80) || (count == 3 && cp < 0x800) || (count == 4 && (cp < 0x10000 || cp > 0x10FFFF))
            || (cp >= 0xD800 && cp <= 0xDFFF))
        {
            return false;
        }
        decoded = char.ConvertFromUtf32(cp);
        length = count;
        return true;
    }

    /// <summary>Repairs mojibake inside raw text (\text{...}); returns the text unchanged when there is none.</summary>
    public static string RepairTextMojibake(string text, int start, int end, DiagnosticBag diagnostics)
    {
        StringBuilder? sb = null;
        int copied = start;
        for (int i = start; i < end; i++)
        {
            if (TryDecodeMojibake(text, i, out var decoded, out int len) && i + len <= end)
            {
                sb ??= new StringBuilder();
                sb.Append(text, copied, i - copied).Append(decoded);
                diagnostics.Warning(new TextSpan(i, len), DiagnosticCodes.Mojibake,
                    "repaired mojibake '" + text.Substring(i, len) + "' to '" + decoded + "' (UTF-8 read as Windows-1252)");
                i += len - 1;
                copied = i + 1;
            }
        }
        if (sb is null) return text.Substring(start, end - start);
        sb.Append(text, copied, end - copied);
        return sb.ToString();
    }

    /// <summary>A short quotation of the source for messages (newlines shown as spaces, long text elided).</summary>
    public static string Quote(string text, TextSpan span, int max = 40)
    {
        int start = Math.Max(0, Math.Min(span.Start, text.Length));
        int end = Math.Max(start, Math.Min(span.End, text.Length));
        string s = text.Substring(start, end - start).Replace('\n', ' ').Replace('\r', ' ');
        return s.Length <= max ? s : s.Substring(0, max - 1) + "…";
    }
}
