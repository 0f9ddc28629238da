using System.Runtime.CompilerServices;
using SymKl.Latex.Syntax;

namespace SymKl.Latex;

/// <summary>
/// Recursive-descent parser over the token list. Precedence, loosest first:
/// rows → items (split by top-level ',' \quad \text) → relation chains → + - → explicit * / \cdot →
/// juxtaposition → unary-free factors (atom + scripts + call). Juxtaposition binds tighter than explicit
/// '*' and '/', so a/bc = a/(bc) (the reading of handwritten maths).
/// Nothing throws: unreadable input becomes an <see cref="ErrorNode"/> plus an Error diagnostic.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Budget on bracket nesting ((, [, {, |, \left, scripts in braces, environments).</summary>
    internal const int MaxDepth = 200;

    /// <summary>Backstop on recursion through the grammar (\sqrt\sqrt..., - - - x, \log\log ...) so hostile input cannot overflow the stack.</summary>
    internal const int MaxFrames = 5 * MaxDepth;

    private enum OpenerKind
    {
        TexGroup,
        Paren,
        Square,
        BraceSet,
        Angle,
        Floor,
        Ceil,
        Sized,
        Abs,
        Norm,
        Cell,
    }

    private readonly record struct Opener(OpenerKind Kind, TextSpan Span);

    private readonly record struct State(int Pos, int NumberSplit, int LastEnd, int DiagnosticCount);

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly DiagnosticBag _diagnostics;
    private readonly bool _expressionMode;
    private readonly List<Opener> _openers = new();
    private readonly HashSet<int> _alignmentTokens = new();
    private readonly List<int> _integralDepths = new();

    private int _pos;
    /// <summary>Digits of the current Number token already taken by a one-character script (x^10 → x^1 then 0).</summary>
    private int _numberSplit;
    private int _lastEnd;
    private int _depth;
    private bool _abandoned;
    private int _alignEnvDepth;
    private bool _ampersandIsAlignment = true;
    /// <summary>Group depth at which \text{...} separates clauses (the row's top level, or an environment cell).</summary>
    private int _cellDepth;
    /// <summary>Group depth at which \quad ends a clause (set while reading the right side of a top-level relation).</summary>
    private int _quadStopDepth = -1;
    /// <summary>Group depth of the innermost integral body: only there does 'dx' end a product.</summary>
    private int _differentialDepth = -1;
    private int _rowFirstToken = -1;
    private NameStyle _style = NameStyle.Normal;

    public Parser(string text, List<Token> tokens, DiagnosticBag diagnostics, bool expressionMode)
    {
        _text = text;
        _tokens = tokens;
        _diagnostics = diagnostics;
        _expressionMode = expressionMode;
    }

    private int GroupDepth => _openers.Count;

    // ------------------------------------------------------------ tokens

    private Token Current
    {
        get
        {
            SkipTrivia();
            if (_numberSplit > 0)
            {
                var raw = _tokens[_pos];
                return new Token(TokenKind.Number, raw.Text.Substring(_numberSplit),
                    TextSpan.FromBounds(raw.Span.Start + _numberSplit, raw.Span.End));
            }
            return _tokens[_pos];
        }
    }

    private int CurrentIndex
    {
        get
        {
            SkipTrivia();
            return _pos;
        }
    }

    private Token Raw(int index) => _tokens[Math.Min(Math.Max(index, 0), _tokens.Count - 1)];

    /// <summary>The token after the current one (raw: no trivia skipped).</summary>
    private Token Next => _numberSplit > 0 ? Raw(_pos + 1) : Raw(CurrentIndex + 1);

    private Token Advance()
    {
        var t = Current;
        if (t.Kind == TokenKind.EndOfInput) return t;
        _pos++;
        _numberSplit = 0;
        _lastEnd = t.Span.End;
        return t;
    }

    private static bool Adjacent(Token a, Token b) => a.Span.End == b.Span.Start;

    /// <summary>Alignment '&amp;' (recorded), '\ ' that is only spacing, and \quad that does not end a clause.</summary>
    private void SkipTrivia()
    {
        while (_numberSplit == 0)
        {
            var t = _tokens[_pos];
            if (t.Kind == TokenKind.Symbol && t.Text == "&" && _ampersandIsAlignment)
            {
                _alignmentTokens.Add(_pos);
                _pos++;
            }
            else if (t.Kind == TokenKind.Space && !IsSpaceRowBreak(_pos))
            {
                _pos++;
            }
            else if (t.Kind == TokenKind.Quad && _quadStopDepth != GroupDepth)
            {
                _pos++;
            }
            else if (t.Kind == TokenKind.RowBreak && IsContinuationBreak(_pos))
            {
                // The break and the layout after it (&, \quad): the + that follows joins the expression.
                _pos++;
                while (_pos < _tokens.Count - 1 && IsLayout(_tokens[_pos]))
                {
                    if (_tokens[_pos].Kind == TokenKind.Symbol) _alignmentTokens.Add(_pos);
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>
    /// a &amp;= x + y \\ &amp;\quad + z: a row that begins after its alignment point with + or − (or \cdot, \times)
    /// continues the expression the row before ended with; the break is only layout. Read as one row, the sum is not cut in two.
    /// </summary>
    private bool IsContinuationBreak(int index)
    {
        if (GroupDepth != 0 || _rowFirstToken < 0 || index <= _rowFirstToken) return false;
        var before = index - 1;
        while (before > _rowFirstToken && IsLayout(_tokens[before])) before--;
        var last = _tokens[before];
        // f &= (a + b) \cdot \\ &\hphantom{=} (a - b): a row that ends with a binary operator is unfinished, and the operand
        // that begins the next row (after its alignment point and any phantom spacing) completes it.
        if (last.Kind == TokenKind.Symbol && last.Text is "+" or "-" || last.Kind == TokenKind.Command && last.Text is "cdot" or "times")
        {
            var start = index + 1;
            while (start < _tokens.Count && IsLayout(_tokens[start])) start++;
            if (start >= _tokens.Count) return false;
            var first = _tokens[start];
            // a + \\ & -b is a + (−b), which is also a − b if the '+' was an operator repeated at the break: one reading.
            // "a - \\ & + b" or "a - \\ & - b" reads one way as the sign of the operand and another as a repeated operator.
            var signedOperand = first.Kind == TokenKind.Symbol && last.Kind == TokenKind.Symbol && last.Text == "+" && first.Text == "-";
            return first.Kind is not (TokenKind.RowBreak or TokenKind.End or TokenKind.Begin or TokenKind.EndOfInput)
                && !(first.Kind == TokenKind.Symbol && first.Text is "=" or "<" or ">" or "+" or "-" && !signedOperand)
                && !(first.Kind == TokenKind.Command && Symbols.TryGetRelation(first.Text, out _, out _));
        }
        // The row before must end with an operand, not an operator or a relation waiting for one.
        if (last.Kind == TokenKind.Symbol && last.Text is "+" or "-" or "=" or "<" or ">" or "&" or "(" or "[" or "," or ";" or ":" or "." or "{") return false;
        if (last.Kind == TokenKind.Command && last.Text is "cdot" or "times" or "leq" or "geq" or "le" or "ge" or "approx" or "propto" or "neq" or "ne") return false;
        var after = index + 1;
        var aligned = false;
        while (after < _tokens.Count && IsLayout(_tokens[after]))
        {
            aligned |= _tokens[after].Kind == TokenKind.Symbol;
            after++;
        }
        // Only "&+ …" (after the alignment point) continues: in gather, or before the &, "-x = y" is an equation of its own.
        if (!aligned || after >= _tokens.Count) return false;
        var next = _tokens[after];
        return next.Kind == TokenKind.Symbol && next.Text is "+" or "-" || next.Kind == TokenKind.Command && next.Text is "cdot" or "times";
    }

    private bool IsLayout(Token t) => t.Kind is TokenKind.Space or TokenKind.Quad || t.Kind == TokenKind.Symbol && t.Text == "&" && _ampersandIsAlignment;

    /// <summary>
    /// '\ ' directly before '&amp;' inside an align-like environment, after the row has begun, is a damaged
    /// '\\' (PDF extraction keeps one backslash). '\ \\' stays spacing: the '\\' is the break.
    /// </summary>
    private bool IsSpaceRowBreak(int index)
    {
        if (_alignEnvDepth == 0 || GroupDepth != 0 || !_ampersandIsAlignment || _rowFirstToken < 0 || index <= _rowFirstToken)
        {
            return false;
        }
        int j = index + 1;
        while (Raw(j).Kind == TokenKind.Space) j++;
        return Raw(j).IsSymbol("&");
    }

    private State Save() => new(_pos, _numberSplit, _lastEnd, _diagnostics.Count);

    private void Restore(State s)
    {
        _pos = s.Pos;
        _numberSplit = s.NumberSplit;
        _lastEnd = s.LastEnd;
        _diagnostics.Truncate(s.DiagnosticCount);
    }

    // ------------------------------------------------------------ nesting budget

    private ref struct DepthGuard
    {
        private readonly Parser _parser;

        public DepthGuard(Parser parser)
        {
            _parser = parser;
            parser._depth++;
            if (parser._depth > MaxFrames && !parser._abandoned)
            {
                parser.Abandon("expression nested too deeply (more than "
                    + MaxFrames.ToString(System.Globalization.CultureInfo.InvariantCulture) + " nested operations)");
            }
            if (!parser._abandoned && !HasStackLeft())
            {
                parser.Abandon("expression nested too deeply for the available stack");
            }
        }

        private static bool HasStackLeft()
        {
#if NETSTANDARD2_0
            try
            {
                RuntimeHelpers.EnsureSufficientExecutionStack();
                return true;
            }
            catch (InsufficientExecutionStackException)
            {
                return false;
            }
#else
            return RuntimeHelpers.TryEnsureSufficientExecutionStack();
#endif
        }

        public void Dispose() => _parser._depth--;
    }

    private DepthGuard Nest() => new(this);

    /// <summary>Gives up on the rest of the input: one error, then the parser unwinds to the end quietly.</summary>
    private void Abandon(string what)
    {
        var at = Current.Span;
        _diagnostics.Error(at, DiagnosticCodes.TooDeep, what + " at " + Describe(at.Start) + "; the rest of the input is not read");
        _abandoned = true;
        _diagnostics.Suppressed = true;
        _pos = _tokens.Count - 1;
        _numberSplit = 0;
    }

    private ErrorNode Abandoned() => new(new TextSpan(_text.Length, 0), "nesting budget exceeded");

    // ------------------------------------------------------------ brackets

    private void PushOpener(OpenerKind kind, TextSpan span)
    {
        if (_openers.Count >= MaxDepth && !_abandoned)
        {
            Abandon("brackets nested too deeply (more than " + MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) + " levels)");
        }
        _openers.Add(new Opener(kind, span));
    }

    private void PopOpener() => _openers.RemoveAt(_openers.Count - 1);

    private OpenerKind? Innermost => _openers.Count == 0 ? null : _openers[_openers.Count - 1].Kind;

    private bool HasOpener(OpenerKind kind)
    {
        foreach (var o in _openers)
        {
            if (o.Kind == kind) return true;
        }
        return false;
    }

    /// <summary>A ')' or ']' that no open bracket is waiting for.</summary>
    private bool IsStrayCloser(Token t) =>
        (t.IsSymbol(")") && !HasOpener(OpenerKind.Paren)) || (t.IsSymbol("]") && !HasOpener(OpenerKind.Square));

    /// <summary>After an operand, does '|' open a new |x| here (rather than close one or separate arguments)?</summary>
    private bool BarOpensHere() => Innermost is null or OpenerKind.TexGroup or OpenerKind.Cell;

    /// <summary>
    /// \| after an operand inside brackets: the separator of KL(p \| q), unless another \| follows before the bracket
    /// closes (E[c \|a − b\|^2] is a norm). Brackets opened on the way are skipped whole. With <paramref name="doubleBar"/>
    /// the current token and the next are the two bars of '||', and a later '||' (or \|) closes the norm.
    /// </summary>
    private bool NormClosesLater(bool doubleBar = false)
    {
        // Inside a norm or an absolute value the bar closes it.
        if (Innermost is not (OpenerKind.Paren or OpenerKind.Square or OpenerKind.BraceSet or OpenerKind.Angle or OpenerKind.Sized)) return false;
        return FirstAtSameDepth(CurrentIndex + (doubleBar ? 2 : 1), i =>
            doubleBar && _tokens[i].IsSymbol("|") && i + 1 < _tokens.Count && _tokens[i + 1].IsSymbol("|")
            || _tokens[i].Kind == TokenKind.Command && _tokens[i].Text is "|" or "Vert") >= 0;
    }

    /// <summary>
    /// \lVert at <paramref name="t"/>, inside a norm, before what no operand starts with ('_', '^', a relation, a closing
    /// bracket, the end): it closes that norm (the writer's \lVert for \rVert, which renders the same).
    /// </summary>
    /// <param name="closing">The norm's own parse is at its closer (its opener already popped).</param>
    private bool LVertClosesNorm(Token t, bool closing = false)
    {
        if (!closing && Innermost is not OpenerKind.Norm || t.Span.Start != Current.Span.Start) return false;
        var after = Next;
        if (after.Kind is TokenKind.EndOfInput or TokenKind.RowBreak) return true;
        if (after.Kind == TokenKind.Symbol && after.Text is "_" or "^" or ")" or "]" or "}" or "," or "=" or "<" or ">" or "+" or "-") return true;
        return after.Kind == TokenKind.Command && (Symbols.TryGetRelation(after.Text, out _, out _) || after.Text is "right" or "rVert" or "quad" or "qquad");
    }

    /// <summary>
    /// The index of the first token from <paramref name="start"/> outside every bracket opened on the way for which
    /// <paramref name="stop"/> holds; -1 when the enclosing bracket closes or the row ends first.
    /// </summary>
    private int FirstAtSameDepth(int start, Func<int, bool> stop)
    {
        var depth = 0;
        for (var i = start; i < _tokens.Count; i++)
        {
            var t = _tokens[i];
            if (t.Kind is TokenKind.EndOfInput or TokenKind.RowBreak) return -1;
            var text = t.Kind is TokenKind.Symbol or TokenKind.Command ? t.Text : null;
            if (text is "(" or "[" or "{" or "left" or "langle" or "lbrace") depth++;
            else if (text is ")" or "]" or "}" or "right" or "rangle" or "rbrace")
            {
                if (depth == 0) return -1;
                depth--;
                // \right) closes one opener: the bracket token after \right is not another.
                if (text == "right") i++;
            }
            else if (depth == 0 && stop(i)) return i;
        }
        return -1;
    }

    // ------------------------------------------------------------ diagnostics

    private string Describe(int offset) => SourceLocation.Describe(_text, offset);

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.EndOfInput => "the end of the input",
        TokenKind.RowBreak => "'\\\\'",
        TokenKind.Command => "'\\" + t.Text + "'",
        TokenKind.Begin => "'\\begin{" + t.Text + "}'",
        TokenKind.End => "'\\end{" + t.Text + "}'",
        TokenKind.Text => "'\\text{" + t.Text + "}'",
        TokenKind.OperatorName => "'\\operatorname{" + t.Text + "}'",
        TokenKind.Space => "'\\ '",
        TokenKind.Quad => "'\\" + t.Text + "'",
        _ => "'" + t.Text + "'",
    };

    private ErrorNode Error(TextSpan span, string code, string message)
    {
        _diagnostics.Error(span, code, message);
        return new ErrorNode(span, message);
    }

    /// <summary>Where something was expected: the found token (or an empty span at the end of the input).</summary>
    private static TextSpan At(Token t) => t.Kind == TokenKind.EndOfInput ? new TextSpan(t.Span.Start, 0) : t.Span;

    private ErrorNode Expected(string what, Token found) =>
        Error(At(found), DiagnosticCodes.ExpectedExpression, "expected " + what + ", found " + Describe(found));

    private static TextSpan Cover(SyntaxNode a, SyntaxNode b) => TextSpan.FromBounds(a.Span.Start, Math.Max(a.Span.End, b.Span.End));

    private TextSpan From(int start) => TextSpan.FromBounds(start, Math.Max(start, _lastEnd));
}
