namespace SymKl.Latex;

/// <summary>
/// Turns a LaTeX math string into tokens whose spans point into the original string. Spacing, sizing
/// and numbering commands are dropped here; Unicode math characters become the commands they stand for;
/// damaged text (PDF extraction, control characters, mojibake) becomes the intended token plus a warning.
/// </summary>
internal sealed partial class Lexer
{
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<Token> _tokens = new();
    private int _pos;

    private Lexer(string text, DiagnosticBag diagnostics)
    {
        _text = text;
        _diagnostics = diagnostics;
    }

    public static List<Token> Tokenize(string text, DiagnosticBag diagnostics)
    {
        var lexer = new Lexer(text, diagnostics);
        lexer.Run();
        return lexer._tokens;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private char At(int i) => i < _text.Length ? _text[i] : '\0';

    private void Add(TokenKind kind, string text, int start, int end) =>
        _tokens.Add(new Token(kind, text, TextSpan.FromBounds(start, end)));

    private void Run()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\\' && _skippedLabels.TryGetValue(_pos, out var escapedLabelEnd)) _pos = escapedLabelEnd; // \_{label}
            else if (c == '\\') LexBackslash();
            else if (IsAsciiLetter(c)) LexLetters();
            else if (IsDigit(c) || (c == '.' && IsDigit(At(_pos + 1)) && !IsDigit(At(_pos - 1)))) LexNumber();
            else if (c == ' ' || c == '\n') _pos++;
            else if (c is '{' or '}' && _splicedBraces.Contains(_pos)) _pos++;
            else if (c == '{' && TrySpliceSizedDelimiter()) { }
            else if (_skippedLabels.TryGetValue(_pos, out var labelEnd)) _pos = labelEnd;
            else if (c < ' ' || c == '\u007F') LexControl();
            else if (c == '(' && TrySkipEquationLabel()) { }
            else if (c == '%') SkipComment();
            else if (c == '~') _pos++; // non-breaking space
            else if (c < '\u0080') { Add(IsSymbolChar(c) ? TokenKind.Symbol : TokenKind.Unknown, c.ToString(), _pos, _pos + 1); _pos++; }
            else LexNonAscii();
        }
        Add(TokenKind.EndOfInput, "", _text.Length, _text.Length);
    }

    /// <summary>
    /// An equation number or a remark in brackets after spacing at the end of a row: "\;\;(2)", "\quad (3.1a)",
    /// "\ (\text{variance})". Read as math it would multiply the row (x^2 (2) is 2x^2), so it is dropped with
    /// a warning. Only after explicit spacing and only where the row ends, so a factor (x)(2) stays a factor.
    /// </summary>
    private bool TrySkipEquationLabel()
    {
        int open = _pos;
        int close = _text.IndexOf(')', open);
        if (close < 0 || close - open > 80) return false;
        string inner = _text.Substring(open + 1, close - open - 1).Trim();
        if (!IsEquationNumber(inner) && !IsTextOnly(inner)) return false;
        if (!EndsWithSpacing(open)) return false;
        int after = SkipSpaces(close + 1);
        while (At(after) is '.' or ',') after = SkipSpaces(after + 1);
        bool rowEnds = after >= _text.Length
            || (At(after) == '\\' && (At(after + 1) == '\\' || string.CompareOrdinal(_text, after, "\\end", 0, 4) == 0))
            || At(after) == '&';
        if (!rowEnds) return false;
        _diagnostics.Warning(TextSpan.FromBounds(open, close + 1), DiagnosticCodes.IgnoredAnnotation,
            "ignored the equation number or remark '" + _text.Substring(open, close + 1 - open) + "' at the end of the row");
        _pos = close + 1;
        return true;
    }

    /// <summary>2, 3.1, 12a, A.1, *: what equation numbers look like.</summary>
    private static bool IsEquationNumber(string s)
    {
        if (s.Length == 0 || s.Length > 12) return false;
        if (s == "*") return true;
        int i = 0;
        if (s.Length > 1 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] == '.' || IsDigit(s[1]))) i = s[1] == '.' ? 2 : 1;
        if (i >= s.Length || !IsDigit(s[i])) return false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (IsDigit(c) || c == '.' || c == '-') continue;
            return i == s.Length - 1 && c >= 'a' && c <= 'z';
        }
        return true;
    }

    /// <summary>Content that is only \text{...} (or \mbox, \textrm, \textit): a remark, no mathematics.</summary>
    private static bool IsTextOnly(string s)
    {
        int i = 0;
        bool any = false;
        while (i < s.Length)
        {
            if (s[i] == ' ') { i++; continue; }
            if (s[i] != '\\') return false;
            int j = i + 1;
            while (j < s.Length && IsAsciiLetter(s[j])) j++;
            string name = s.Substring(i + 1, j - i - 1);
            if (!Symbols.TextCommands.Contains(name) || j >= s.Length || s[j] != '{') return false;
            int close = s.IndexOf('}', j);
            if (close < 0) return false;
            i = close + 1;
            any = true;
        }
        return any;
    }

    /// <summary>Does the text before this offset end with spacing (\; \, \: \  \quad \qquad ~ \hfill)?</summary>
    private bool EndsWithSpacing(int offset)
    {
        int i = offset - 1;
        while (i >= 0 && (_text[i] == ' ' || _text[i] == '\t')) i--;
        if (i < 0) return false;
        if (_text[i] == '~') return true;
        if (_text[i] == '\\' && i + 1 < offset && _text[i + 1] == ' ' && (i == 0 || _text[i - 1] != '\\')) return true;
        if (i >= 1 && _text[i - 1] == '\\' && _text[i] is ';' or ',' or ':' or ' ' or '>') return true;
        int end = i + 1;
        while (i >= 0 && IsAsciiLetter(_text[i])) i--;
        if (i < 0 || _text[i] != '\\' || end - i < 2) return false;
        string name = _text.Substring(i + 1, end - i - 1);
        return name is "quad" or "qquad" or "hfill" or "enspace" or "thickspace" or "medspace" or "thinspace";
    }

    private static bool IsSymbolChar(char c) => "+-*/=<>()[]{}|,;:!'^_&.".IndexOf(c) >= 0;

    private void SkipComment()
    {
        while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r') _pos++;
    }

    private int ReadLetters(int i)
    {
        while (i < _text.Length && IsAsciiLetter(_text[i])) i++;
        return i;
    }

    private int SkipSpaces(int i)
    {
        while (i < _text.Length && (_text[i] == ' ' || _text[i] == '\t' || _text[i] == '\n' || _text[i] == '\r')) i++;
        return i;
    }

    private void LexLetters()
    {
        int start = _pos;
        int end = ReadLetters(start);
        string word = _text.Substring(start, end - start);
        char next = At(SkipSpaces(end));
        string? command = Repairs.DamagedCommand(word, next, out string code, out string what);
        if (command is not null)
        {
            _diagnostics.Warning(TextSpan.FromBounds(start, end), code,
                "repaired '" + word + "{' to '\\" + command + "{' (" + what + ")");
            _pos = end;
            EmitCommand(command, start);
            return;
        }
        for (int i = start; i < end; i++) Add(TokenKind.Letter, _text[i].ToString(), i, i + 1);
        _pos = end;
    }

    private void LexNumber()
    {
        int start = _pos;
        int i = start;
        while (i < _text.Length && IsDigit(_text[i])) i++;
        if (At(i) == '.' && IsDigit(At(i + 1)))
        {
            i++;
            while (i < _text.Length && IsDigit(_text[i])) i++;
        }
        Add(TokenKind.Number, _text.Substring(start, i - start), start, i);
        _pos = i;
    }

    private void LexControl()
    {
        int start = _pos;
        char c = _text[start];
        if (Repairs.TryGetEscapedLetter(c, out char letter, out string controlName))
        {
            int end = ReadLetters(start + 1);
            if (end > start + 1)
            {
                string name = letter + _text.Substring(start + 1, end - start - 1);
                if (Symbols.KnownCommands.Contains(name))
                {
                    string code = name == "frac" ? DiagnosticCodes.RepairedFrac
                        : name == "begin" ? DiagnosticCodes.RepairedBegin
                        : DiagnosticCodes.RepairedControlCharacter;
                    _diagnostics.Warning(TextSpan.FromBounds(start, end), code,
                        "repaired " + controlName + " + '" + _text.Substring(start + 1, end - start - 1) + "' to '\\" + name
                        + "' (the '\\" + letter + "' was read as a control character)");
                    _pos = end;
                    EmitCommand(name, start);
                    return;
                }
            }
        }
        _pos++;
        if (c == '\t' || c == '\r') return; // ordinary whitespace
        _diagnostics.Warning(new TextSpan(start, 1), DiagnosticCodes.IgnoredControlCharacter,
            "ignored control character U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
    }

    private void LexNonAscii()
    {
        int start = _pos;
        char c = _text[start];
        if (c >= '\u00C2' && c <= '\u00F4' && Repairs.TryDecodeMojibake(_text, start, out string decoded, out int length))
        {
            _diagnostics.Warning(new TextSpan(start, length), DiagnosticCodes.Mojibake,
                "repaired mojibake '" + _text.Substring(start, length) + "' to '" + decoded + "' (UTF-8 read as Windows-1252)");
            _pos = start + length;
            if (decoded.Length == 1) EmitUnicode(decoded[0], start, _pos);
            else Add(TokenKind.Unknown, decoded, start, _pos);
            return;
        }
        if (char.IsHighSurrogate(c) && char.IsLowSurrogate(At(start + 1)))
        {
            Add(TokenKind.Unknown, _text.Substring(start, 2), start, start + 2);
            _pos = start + 2;
            return;
        }
        if (ScriptDigit(c, out _, out bool isSuper))
        {
            LexScriptRun(isSuper);
            return;
        }
        if (FullWidth(c) is { } ascii)
        {
            // Full-width punctuation typed in CJK text (，：；（）) is the ASCII character.
            _pos = start + 1;
            if (ascii != ' ') Add(TokenKind.Symbol, ascii.ToString(), start, _pos);
            return;
        }
        _pos = start + 1;
        EmitUnicode(c, start, _pos);
    }

    /// <summary>x² x⁻¹ x₁₂: a run of Unicode superscript (subscript) digits and signs is ^{…} (_{…}).</summary>
    private void LexScriptRun(bool super)
    {
        int start = _pos;
        Add(TokenKind.Symbol, super ? "^" : "_", start, start);
        Add(TokenKind.Symbol, "{", start, start);
        int digitsStart = -1;
        var digits = new System.Text.StringBuilder();
        while (_pos < _text.Length && ScriptDigit(_text[_pos], out char ascii, out bool s) && s == super)
        {
            if (IsDigit(ascii))
            {
                if (digitsStart < 0) digitsStart = _pos;
                digits.Append(ascii);
            }
            else
            {
                FlushDigits();
                Add(TokenKind.Symbol, ascii.ToString(), _pos, _pos + 1);
            }
            _pos++;
        }
        FlushDigits();
        Add(TokenKind.Symbol, "}", _pos, _pos);

        void FlushDigits()
        {
            if (digitsStart < 0) return;
            Add(TokenKind.Number, digits.ToString(), digitsStart, _pos);
            digits.Clear();
            digitsStart = -1;
        }
    }

    private static bool ScriptDigit(char c, out char ascii, out bool super)
    {
        super = true;
        ascii = c switch
        {
            '\u2070' => '0', '\u00B9' => '1', '\u00B2' => '2', '\u00B3' => '3', '\u2074' => '4', '\u2075' => '5',
            '\u2076' => '6', '\u2077' => '7', '\u2078' => '8', '\u2079' => '9', '\u207A' => '+', '\u207B' => '-',
            _ => '\0',
        };
        if (ascii != '\0') return true;
        super = false;
        if (c >= '\u2080' && c <= '\u2089') ascii = (char)('0' + (c - '\u2080'));
        else if (c == '\u208A') ascii = '+';
        else if (c == '\u208B') ascii = '-';
        return ascii != '\0';
    }

    private static char? FullWidth(char c) => c switch
    {
        '\uFF0C' or '\u3001' => ',',
        '\uFF1A' => ':',
        '\uFF1B' => ';',
        '\uFF08' => '(',
        '\uFF09' => ')',
        '\uFF1D' => '=',
        '\uFF0B' => '+',
        '\u3002' or '\uFF0E' => '.',
        _ => null,
    };

    private void EmitUnicode(char c, int start, int end)
    {
        if (Symbols.IsUnicodeSpace(c)) return;
        if (Symbols.IsDash(c))
        {
            _diagnostics.Warning(TextSpan.FromBounds(start, end), DiagnosticCodes.DashAsMinus,
                "read the dash '" + c + "' as a minus sign");
            Add(TokenKind.Symbol, "-", start, end);
            return;
        }
        if (c == '\u2033')
        {
            // double prime: two prime tokens sharing the character's span
            Add(TokenKind.Symbol, "'", start, end);
            Add(TokenKind.Symbol, "'", start, end);
            return;
        }
        if (Symbols.UnicodeTokens.TryGetValue(c, out var t))
        {
            Add(t.Kind, t.Text, start, end);
            return;
        }
        Add(TokenKind.Unknown, c.ToString(), start, end);
    }

    private void LexBackslash()
    {
        int start = _pos;
        if (start + 1 >= _text.Length)
        {
            Add(TokenKind.Unknown, "\\", start, start + 1);
            _pos++;
            return;
        }
        char c1 = _text[start + 1];
        if (IsAsciiLetter(c1))
        {
            int end = ReadLetters(start + 1);
            string name = _text.Substring(start + 1, end - start - 1);
            _pos = end;
            EmitCommand(name, start);
            return;
        }
        _pos = start + 2;
        switch (c1)
        {
            case '\\':
                if (At(_pos) == '*') _pos++;
                SkipRowBreakDimension();
                Add(TokenKind.RowBreak, "\\\\", start, _pos);
                return;
            case ' ':
            case '\t':
            case '\n':
            case '\r':
                Add(TokenKind.Space, " ", start, _pos);
                return;
            case ',':
            case ';':
            case ':':
            case '!':
            case '>':
                return; // thin/medium/thick/negative space
            case '_' or '*' when IsMarkdownEscape(start):
                // kramdown and Jekyll posts escape '_' and '*' so that Markdown does not read them as emphasis.
                _diagnostics.Warning(TextSpan.FromBounds(start, _pos), DiagnosticCodes.MarkdownEscape,
                    "read '\\" + c1 + "' as '" + c1 + "' (a Markdown escape)");
                Add(TokenKind.Symbol, c1.ToString(), start, _pos);
                return;
            default:
                if (c1 < ' ' || c1 >= '\u0080')
                {
                    Add(TokenKind.Unknown, "\\", start, start + 1);
                    _pos = start + 1;
                    return;
                }
                Add(TokenKind.Command, c1.ToString(), start, _pos);
                return;
        }
    }

    /// <summary>\\_ between a base and its subscript (x\\_1, \\mu\\_{q}), \\* between factors: escaped for Markdown, not literal.</summary>
    private bool IsMarkdownEscape(int start)
    {
        char before = start > 0 ? _text[start - 1] : ' ';
        char after = At(start + 2);
        bool operandBefore = IsAsciiLetter(before) || IsDigit(before) || before is '}' or ')' or ']' or ' ';
        bool operandAfter = IsAsciiLetter(after) || IsDigit(after) || after is '{' or '\\' or '(' or ' ';
        return operandBefore && operandAfter && !(before == ' ' && _text[start + 1] == '_');
    }

    /// <summary>\\[2pt]: the optional vertical space after a row break.</summary>
    private void SkipRowBreakDimension()
    {
        int i = SkipSpaces(_pos);
        if (At(i) != '[') return;
        int close = _text.IndexOf(']', i);
        if (close < 0 || close - i > 20) return;
        string inner = _text.Substring(i + 1, close - i - 1).Trim();
        int k = 0;
        if (k < inner.Length && (inner[k] == '-' || inner[k] == '+')) k++;
        int digits = k;
        while (k < inner.Length && (IsDigit(inner[k]) || inner[k] == '.')) k++;
        if (k == digits) return;
        string unit = inner.Substring(k).Trim();
        if (unit is "pt" or "em" or "ex" or "mm" or "cm" or "in" or "mu" or "bp" or "pc" or "dd" or "cc" or "sp")
        {
            _pos = close + 1;
        }
    }

    /// <summary>Emits a control sequence whose name ends at _pos; commands with raw arguments read them here.</summary>
    private void EmitCommand(string name, int start)
    {
        if (name is "underbrace" or "overbrace" && TrySpliceBraceTerms(name, start)) return;
        if (name is "begin" or "end")
        {
            string env = ReadRawArgument(name, out bool ok) ?? "";
            if (!ok)
            {
                _diagnostics.Error(TextSpan.FromBounds(start, _pos), DiagnosticCodes.ExpectedArgument,
                    "expected '{name}' after '\\" + name + "'");
            }
            env = env.Trim();
            if (name == "begin" && Symbols.EnvironmentsWithArgument.Contains(env)) ReadRawArgument(name, out _);
            Add(name == "begin" ? TokenKind.Begin : TokenKind.End, env, start, _pos);
            return;
        }
        if (Symbols.TextCommands.Contains(name))
        {
            int save = _pos;
            int open = SkipSpaces(_pos);
            if (At(open) != '{')
            {
                _pos = save;
                _diagnostics.Error(TextSpan.FromBounds(start, _pos), DiagnosticCodes.ExpectedArgument,
                    "expected '{' after '\\" + name + "'");
                Add(TokenKind.Text, "", start, _pos);
                return;
            }
            int close = FindClosingBrace(open);
            int contentEnd = close < 0 ? _text.Length : close;
            if (close < 0)
            {
                _diagnostics.Error(TextSpan.FromBounds(start, _text.Length), DiagnosticCodes.UnterminatedArgument,
                    "expected '}' to close '\\" + name + "{' opened at " + SourceLocation.Describe(_text, open));
            }
            string content = Repairs.RepairTextMojibake(_text, open + 1, contentEnd, _diagnostics);
            _pos = close < 0 ? _text.Length : close + 1;
            if (content.Trim() == "arg" && TryReadArgExtremum(start)) return;
            // \text{arg max}, \text{arg\,min}: the operator word with a space inside.
            if (LettersOnly(content) is "argmax" or "argmin" && content.All(c => IsAsciiLetter(c) || c is ' ' or '\\' or ',' or ';' or '!' or ':'))
            {
                Add(TokenKind.OperatorName, LettersOnly(content), start, _pos);
                return;
            }
            // \text{-}, \text{+}: a sign set in text type (the sign of what follows, never a remark).
            if (content.Trim() is "-" or "\u2212" or "+")
            {
                Add(TokenKind.Symbol, content.Trim() == "+" ? "+" : "-", start, _pos);
                return;
            }
            if (content.Trim().Length > 0) Add(TokenKind.Text, content, start, _pos);
            return;
        }
        if (name == "mathop" && TryReadOperatorWord(start)) return;
        if (name is "mathrm" or "rm")
        {
            // \mathrm{arg}\max: "arg" in roman, then the extremum (as \text{arg}\max).
            int save = _pos;
            int open = SkipSpaces(_pos);
            int close = At(open) == '{' ? FindClosingBrace(open) : -1;
            if (close > open && _text.Substring(open + 1, close - open - 1).Trim() == "arg")
            {
                _pos = close + 1;
                if (TryReadArgExtremum(start)) return;
            }
            _pos = save;
        }
        if (name == "operatorname")
        {
            if (At(_pos) == '*') _pos++;
            string? raw = ReadRawArgument(name, out bool ok);
            if (!ok)
            {
                _diagnostics.Error(TextSpan.FromBounds(start, _pos), DiagnosticCodes.ExpectedArgument,
                    "expected '{' after '\\operatorname'");
            }
            if (LettersOnly(raw ?? "") == "arg" && TryReadArgExtremum(start)) return;
            Add(TokenKind.OperatorName, LettersOnly(raw ?? ""), start, _pos);
            return;
        }
        if (Symbols.DroppedWithArgument.Contains(name))
        {
            if (At(_pos) == '*') _pos++;
            ReadRawArgument(name, out _);
            if (name is "color" or "textcolor") SpliceColouredGroup();
            return;
        }
        if (Symbols.DroppedCommands.Contains(name))
        {
            if (name.StartsWith("big", StringComparison.Ordinal) || name.StartsWith("Big", StringComparison.Ordinal)) TrySpliceSizedArgument();
            return;
        }
        if (Symbols.QuadCommands.Contains(name))
        {
            Add(TokenKind.Quad, name, start, _pos);
            return;
        }
        if (name == "newline")
        {
            Add(TokenKind.RowBreak, "\\\\", start, _pos);
            return;
        }
        // \intop and \ointop are the integral signs \int and \oint are built from (TeX writes \int as \intop\nolimits).
        Add(TokenKind.Command, name switch { "intop" => "int", "ointop" => "oint", _ => name }, start, _pos);
    }

    /// <summary>Positions of the braces of coloured groups, which are not read as braces.</summary>
    private readonly HashSet<int> _splicedBraces = new();

    /// <summary>
    /// \color{red}{(x+} \color{blue}{d})^2, \color{black}{+ e}: the braces after a colour only paint what they hold, which
    /// is read where it stands, as a reader sees it (a bracket may open in one colour and close in another, a term may start
    /// with its sign). A group followed by ^ or _ keeps its braces, as the script applies to the whole group.
    /// </summary>
    private void SpliceColouredGroup()
    {
        int open = SkipSpaces(_pos);
        if (At(open) != '{') return;
        int close = FindClosingBrace(open);
        if (close < 0 || At(SkipSpaces(close + 1)) is '^' or '_' or '\'') return;
        _splicedBraces.Add(open);
        _splicedBraces.Add(close);
    }

    /// <summary>Labels of braces read as the terms they mark: from the '_' (or '^') to the end of the label.</summary>
    private readonly Dictionary<int, int> _skippedLabels = new();

    /// <summary>
    /// a − \underbrace{b − c}_{\text{label}} + d prints as a − b − c + d with a brace under b − c: the brace marks terms of
    /// the sum, it does not bracket them, and a reader reads a − b − c + d (as a group it would be a − (b − c) + d, a sign
    /// the text never wrote). So a brace whose body is a sum of terms, standing as terms of a sum (a sign, a relation,
    /// an alignment point or an opening before it; a sign, a relation or the end after its label), is read as its body
    /// with the braces and the label dropped. Anywhere else (a factor beside it, a list with \dots, a body that starts
    /// with a sign) it stays one group, as before.
    /// </summary>
    private bool TrySpliceBraceTerms(string name, int start)
    {
        int open = SkipSpaces(_pos);
        if (At(open) != '{') return false;
        int close = FindClosingBrace(open);
        if (close < 0) return false;
        int script = SkipSpaces(close + 1);
        // \underbrace{…}\_{label}: kramdown posts escape the '_' of the label; it is the same label.
        int scriptLength = name == "underbrace" && At(script) == '\\' && At(script + 1) == '_' ? 2 : 1;
        if (scriptLength == 1 && At(script) != (name == "underbrace" ? '_' : '^')) return false;
        int labelStart = SkipSpaces(script + scriptLength);
        int labelEnd = At(labelStart) == '{' ? FindClosingBrace(labelStart) + 1
            : At(labelStart) == '\\' ? ReadLetters(labelStart + 1)
            : labelStart + 1;
        if (labelEnd <= labelStart || labelEnd > _text.Length) return false;
        string body = _text.Substring(open + 1, close - open - 1);
        int before = start - 1;
        while (before >= 0 && _text[before] is ' ' or '\t' or '\n' or '\r') before--;
        int after = SkipSpaces(labelEnd);
        bool endsTerm = after >= _text.Length || At(after) is '+' or '-' or '=' or '&' or '}' or ')' or ']' or ',' or '.'
            || At(after) == '\\' && (At(after + 1) == '\\' || StartsWithAt(after + 1, "right") || StartsWithAt(after + 1, "end") || StartsWithAt(after + 1, "quad") || StartsWithAt(after + 1, "qquad"));
        if (IsSignedTerm(body))
        {
            // A \underbrace{-b}_{l}: the sign opens the body, so after an operand the brace prints as the next term of
            // the sum (a − b), never as a factor a·(−b). Spliced when its label ends the term or another brace follows.
            bool operandBefore = before >= 0 && (IsAsciiLetter(_text[before]) || IsDigit(_text[before]) || _text[before] is '}' or ')' or ']' or '|');
            bool braceAfter = At(after) == '\\' && (StartsWithAt(after + 1, "underbrace") || StartsWithAt(after + 1, "overbrace"));
            if (!operandBefore || !(endsTerm || braceAfter)) return false;
        }
        else
        {
            if (!IsSumOfTerms(body)) return false;
            if (!(before < 0 || _text[before] is '+' or '-' or '=' or '&' or '{' or '(' or '[')) return false;
            if (!endsTerm) return false;
        }
        _splicedBraces.Add(open);
        _splicedBraces.Add(close);
        _skippedLabels[script] = labelEnd;
        _pos = open;
        return true;
    }

    private bool StartsWithAt(int i, string word) =>
        string.CompareOrdinal(_text, i, word, 0, word.Length) == 0 && !IsAsciiLetter(At(i + word.Length));

    /// <summary>A body with a + or − between terms at its top level, no list (comma, \dots), no relation, no leading sign.</summary>
    private static bool IsSumOfTerms(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.Length == 0 || trimmed[0] is '+' or '-') return false;
        if (trimmed.IndexOf(',') >= 0 || trimmed.IndexOf("dots", StringComparison.Ordinal) >= 0 || trimmed.IndexOf('=') >= 0
            || trimmed.IndexOf('<') >= 0 || trimmed.IndexOf('>') >= 0 || trimmed.IndexOf('&') >= 0 || trimmed.IndexOf("\\\\", StringComparison.Ordinal) >= 0) return false;
        int depth = 0;
        var sign = false;
        for (int i = 0; i < trimmed.Length; i++)
        {
            char c = trimmed[i];
            if (c == '\\') { i++; continue; }
            if (c is '{' or '(' or '[') depth++;
            else if (c is '}' or ')' or ']') depth--;
            else if (c is '+' or '-' && depth == 0 && i > 0) sign = true;
        }
        return sign && depth == 0;
    }

    /// <summary>A body that opens with + or − and is one or more terms (no list, no relation, balanced brackets).</summary>
    private static bool IsSignedTerm(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.Length < 2 || trimmed[0] is not ('+' or '-')) return false;
        var rest = trimmed.Substring(1).Trim();
        if (rest.Length == 0 || rest[0] is '+' or '-') return false;
        if (rest.IndexOf(',') >= 0 || rest.IndexOf("dots", StringComparison.Ordinal) >= 0 || rest.IndexOf('=') >= 0
            || rest.IndexOf('<') >= 0 || rest.IndexOf('>') >= 0 || rest.IndexOf('&') >= 0 || rest.IndexOf("\\\\", StringComparison.Ordinal) >= 0) return false;
        int depth = 0;
        for (int i = 0; i < rest.Length; i++)
        {
            char c = rest[i];
            if (c == '\\') { i++; continue; }
            if (c is '{' or '(' or '[') depth++;
            else if (c is '}' or ')' or ']') depth--;
            if (depth < 0) return false;
        }
        return depth == 0;
    }

    private static string LettersOnly(string raw)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c == '\\' && i + 1 < raw.Length && !IsAsciiLetter(raw[i + 1])) { i++; continue; } // \, \! \;
            if (IsAsciiLetter(c)) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// \text{arg}\max, \operatorname{arg}\min: the operator word spelt as "arg" and the extremum after it, read as argmax or
    /// argmin (as \arg\max is); "arg" before anything else stays what it was.
    /// </summary>
    private bool TryReadArgExtremum(int start)
    {
        int next = SkipSpaces(_pos);
        // \text{arg}\,\max: thin spaces between the two words.
        while (At(next) == '\\' && At(next + 1) is ',' or ';' or '!' or ':' or ' ') next = SkipSpaces(next + 2);
        foreach (var extremum in new[] { "max", "min" })
        {
            if (string.CompareOrdinal(_text, next, "\\" + extremum, 0, extremum.Length + 1) != 0 || IsAsciiLetter(At(next + extremum.Length + 1))) continue;
            _pos = next + extremum.Length + 1;
            Add(TokenKind.OperatorName, "arg" + extremum, start, _pos);
            return true;
        }
        return false;
    }

    /// <summary>
    /// \mathop{\mathrm{arg\,min}}, \mathop{\rm argmax}: argmin or argmax spelt with a thin space inside, read as the
    /// operator word (as \operatorname*{argmin}); any other \mathop argument is left to the parser.
    /// </summary>
    private bool TryReadOperatorWord(int start)
    {
        int open = SkipSpaces(_pos);
        if (At(open) != '{') return false;
        int close = FindClosingBrace(open);
        if (close < 0) return false;
        var word = _text.Substring(open + 1, close - open - 1);
        foreach (var noise in new[] { "\\mathrm", "\\operatorname", "\\rm", "\\,", "\\;", "\\!", "\\:", "\\ ", "{", "}", " " })
            word = word.Replace(noise, "");
        if (word is not ("argmin" or "argmax")) return false;
        _pos = close + 1;
        Add(TokenKind.OperatorName, word, start, _pos);
        return true;
    }

    private string? ReadRawArgument(string command, out bool ok)
    {
        int open = SkipSpaces(_pos);
        if (At(open) != '{')
        {
            ok = false;
            return null;
        }
        int close = FindClosingBrace(open);
        ok = close >= 0;
        if (close < 0)
        {
            _diagnostics.Error(TextSpan.FromBounds(open, _text.Length), DiagnosticCodes.UnterminatedArgument,
                "expected '}' to close the argument of '\\" + command + "' opened at " + SourceLocation.Describe(_text, open));
            _pos = _text.Length;
            ok = true; // reported here; do not report again
            return _text.Substring(open + 1);
        }
        _pos = close + 1;
        return _text.Substring(open + 1, close - open - 1);
    }

    private int FindClosingBrace(int open) => ClosingBrace(_text, open);

    /// <summary>The '}' that closes the '{' at <paramref name="open"/> (escaped braces skipped), or -1.</summary>
    internal static int ClosingBrace(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\') { i++; continue; }
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }
}
