namespace SymKl.Latex;

internal enum TokenKind
{
    EndOfInput,
    /// <summary>One ASCII letter. Letters whose spans touch form a "run" (a word).</summary>
    Letter,
    /// <summary>Digits with an optional decimal part, kept as text.</summary>
    Number,
    /// <summary>A control sequence; Text is the name without the backslash ("frac", "{", "|").</summary>
    Command,
    /// <summary>One ASCII punctuation/operator character.</summary>
    Symbol,
    /// <summary>\begin{name}; Text is the environment name.</summary>
    Begin,
    /// <summary>\end{name}; Text is the environment name.</summary>
    End,
    /// <summary>\text{...}, \mbox{...}: Text is the raw content.</summary>
    Text,
    /// <summary>\operatorname{...}: Text is the operator name (letters only).</summary>
    OperatorName,
    /// <summary>\\ (with an optional [dimension]).</summary>
    RowBreak,
    /// <summary>'\ ' control space: spacing, or a damaged row break inside align.</summary>
    Space,
    /// <summary>\quad, \qquad: spacing that may separate clauses at the top of a row.</summary>
    Quad,
    /// <summary>A character that is not LaTeX math (reported by the parser).</summary>
    Unknown,
}

internal readonly struct Token
{
    public Token(TokenKind kind, string text, TextSpan span)
    {
        Kind = kind;
        Text = text;
        Span = span;
    }

    public TokenKind Kind { get; }

    public string Text { get; }

    public TextSpan Span { get; }

    public bool IsSymbol(string s) => Kind == TokenKind.Symbol && Text == s;

    public bool IsCommand(string name) => Kind == TokenKind.Command && Text == name;

    public override string ToString() => Kind + " '" + Text + "' " + Span;
}
