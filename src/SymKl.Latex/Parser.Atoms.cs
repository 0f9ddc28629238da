using SymKl.Latex.Syntax;

namespace SymKl.Latex;

internal sealed partial class Parser
{
    /// <summary>One atom: a name, number, bracket, fraction, root, operator ... (scripts are the caller's).</summary>
    private SyntaxNode ParsePrimary()
    {
        using var guard = Nest();
        if (_abandoned) return Abandoned();
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Letter:
                return ParseLetterRun();
            case TokenKind.Number:
                Advance();
                // 60\% is the number 0.6: the percent sign right after the digits.
                if (Current is { Kind: TokenKind.Command, Text: "%" } percent && percent.Span.Start == t.Span.End)
                {
                    Advance();
                    return new Number(TextSpan.FromBounds(t.Span.Start, percent.Span.End), t.Text + "%");
                }
                return new Number(t.Span, t.Text);
            case TokenKind.Command when IsArgumentPlaceholder(t):
                return ParsePlaceholder();
            case TokenKind.Command:
                return ParseCommand(t);
            case TokenKind.Symbol:
                switch (t.Text)
                {
                    case "(":
                    case "[":
                        return BuildGroup(ParseDelimited());
                    case "{":
                        if (Next.IsSymbol("}"))
                        {
                            Advance();
                            Advance();
                            return CanStartFactor(Current, afterOperand: false)
                                ? ParsePrimary()
                                : Expected("an expression after '{}'", Current);
                        }
                        return ParseBraceGroup();
                    case "|":
                        return ParseAbs();
                    case "." when DotsAt(t) is { } end:
                        Advance();
                        Advance();
                        Advance();
                        return new Ellipsis(TextSpan.FromBounds(t.Span.Start, end));
                }
                break;
            case TokenKind.Begin:
                return ParseEnvironmentAtom();
            case TokenKind.OperatorName:
                Advance();
                return ParseNamed(t.Text, t.Span, NameStyle.Roman);
            case TokenKind.Text:
                Advance();
                if (IsNameLikeText(t)) return ParseNamed(t.Text.Trim(), t.Span, NameStyle.Roman);
                return new Text(t.Span, t.Text);
            case TokenKind.Unknown:
                Advance();
                return Error(t.Span, DiagnosticCodes.InvalidCharacter, (t.Text.Length == 1 && char.IsSurrogate(t.Text[0])
                    ? "unexpected unpaired surrogate U+" + CodePoint(t.Text).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + " (the text is not valid Unicode)"
                    : "unexpected character '" + t.Text + "' (U+" + CodePoint(t.Text).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + ")"));
        }
        return Expected("an expression", t);
    }

    /// <summary>
    /// \Sigma_{i=1}^{n} A_{ii}, \Pi_{k=1}^{K} p_k: a capital Sigma or Pi with an index range below and a limit above is a
    /// summation or product sign typed with the letter (a covariance is never subscripted "i = 1" and raised to n at once).
    /// Null, with nothing consumed, for anything else (Σ_{ij}, Σ^{-1}, Σ_1).
    /// </summary>
    private SyntaxNode? CapitalAsBigOperator(Token t)
    {
        var saved = Save();
        Advance();
        if (!Current.IsSymbol("_") && !Current.IsSymbol("^")) { Restore(saved); return null; }
        var (lower, upper) = ParseLimits();
        if (upper is null || lower is not Relation { Operands.Count: 2, Operators.Count: 1 } range || range.Operators[0].Kind != RelationKind.Equal
            || range.Operators[0].Negated || Unwrap(range.Operands[0]) is not Identifier { Subscript: null } || !CanStartOperand(Current))
        {
            Restore(saved);
            return null;
        }
        var body = ParseSignedTerm();
        var span = From(t.Span.Start);
        _diagnostics.Warning(t.Span, DiagnosticCodes.CapitalAsBigOperator, "'\\" + t.Text + "' with an index range below and a limit above read as " + (t.Text == "Sigma" ? "a summation sign (\\sum)" : "a product sign (\\prod)"));
        return t.Text == "Sigma" ? new Sum(span, lower, upper, body) : new Product(span, lower, upper, body);

        static SyntaxNode Unwrap(SyntaxNode n) => n is Group { Left: Bracket.Brace } g ? Unwrap(g.Body) : n;
    }

    /// <summary>A multi-letter name from \mathrm{...}, \operatorname{...} or \text{...}: function, operator or plain name.</summary>
    private SyntaxNode ParseNamed(string word, TextSpan span, NameStyle style)
    {
        if (word.Length == 0) return Error(span, DiagnosticCodes.ExpectedArgument, "expected a name inside " + Repairs.Quote(_text, span));
        // \text{var}(X), \operatorname{cov}(X, Y): the variance and covariance, written in lower case.
        if (word is "var" or "cov") return ParseFunction(word == "var" ? "Var" : "Cov", span);
        switch (Symbols.ClassifyWord(word))
        {
            case WordKind.Function:
                return ParseFunction(word, span);
            case WordKind.LimitOperator:
                return ParseLimitOperator(word, span);
            default:
                return new Identifier(span, word, word.Length == 1 && style == NameStyle.Normal ? _style : style);
        }
    }

    private SyntaxNode ParseCommand(Token t)
    {
        string name = t.Text;
        if (name is "Sigma" or "Pi" && CapitalAsBigOperator(t) is { } bigOperator) return bigOperator;
        if (Symbols.Greek.Contains(name) || Symbols.IdentifierCommands.Contains(name))
        {
            Advance();
            // \Delta x, \Delta t: an increment is one name, not Δ times x (Parser.Bars).
            if (IncrementAfter(name) is { } increment) return increment;
            return new Identifier(t.Span, name, _style);
        }
        if (name == "infty")
        {
            Advance();
            return new Infinity(t.Span);
        }
        if (Symbols.EllipsisCommands.Contains(name))
        {
            Advance();
            return new Ellipsis(t.Span);
        }
        if (name == "#") return ParseCount(t);
        if (Symbols.OtherSymbolCommands.Contains(name) || name is "%" or "_" or "&" or "$")
        {
            Advance();
            return new MathSymbol(t.Span, name);
        }
        if (Symbols.FractionCommands.TryGetValue(name, out var fractionStyle))
        {
            Advance();
            var numerator = ParseMacroArgument("'\\" + name + "' (numerator)");
            var denominator = ParseMacroArgument("'\\" + name + "' (denominator)");
            var span = From(t.Span.Start);
            return AsDerivative(span, numerator, denominator) ?? new Fraction(span, numerator, denominator, fractionStyle);
        }
        if (name is "binom" or "dbinom" or "tbinom")
        {
            Advance();
            var n = ParseMacroArgument("'\\" + name + "'");
            var k = ParseMacroArgument("'\\" + name + "'");
            return new FunctionApplication(From(t.Span.Start), "binom", null, new[] { n, k }, Array.Empty<Separator>(), null);
        }
        if (name == "sqrt") return ParseSqrt(t);
        if (name == "left" || name is "{" or "lbrace" or "langle" or "lfloor" or "lceil" or "lbrack") return BuildGroup(ParseDelimited());
        if (name is "vert" or "lvert") return ParseAbs();
        if (name is "|" or "Vert" or "lVert") return ParseNorm();
        if (Symbols.StyleCommands.TryGetValue(name, out var style)) return ParseStyled(t, style);
        if (Symbols.OldFontSwitches.TryGetValue(name, out var switched)) return ParseSwitched(t, switched);
        if (Symbols.AccentCommands.Contains(name))
        {
            Advance();
            var body = ParseMacroArgument("'\\" + name + "'");
            string accent = Symbols.AccentName(name);
            if (body is Identifier id && id.Accent is null) return id with { Span = From(t.Span.Start), Accent = accent };
            return new Accented(From(t.Span.Start), accent, body);
        }
        if (name is "int" or "iint" or "iiint" or "oint") return ParseIntegral(t);
        if (name is "sum" or "prod" or "coprod") return ParseSumOrProduct(t);
        if (Symbols.FunctionCommands.Contains(name))
        {
            Advance();
            return ParseFunction(name, t.Span);
        }
        if (Symbols.LimitCommands.Contains(name))
        {
            Advance();
            return ParseLimitOperator(name, t.Span);
        }
        if (name == "arg")
        {
            Advance();
            var n = Current;
            if (n.IsCommand("min") || n.IsCommand("max"))
            {
                Advance();
                return ParseLimitOperator("arg" + n.Text, TextSpan.FromBounds(t.Span.Start, n.Span.End));
            }
            return ParseFunction("arg", t.Span);
        }
        if (name == "underset") return ParseUnderset(t);
        if (name is "overset" or "stackrel")
        {
            Advance();
            var over = ParseMacroArgument("'\\" + name + "'");
            var baseNode = ParseMacroArgument("'\\" + name + "'");
            _diagnostics.Warning(over.Span, DiagnosticCodes.IgnoredAnnotation,
                "ignored the annotation '" + Repairs.Quote(_text, over.Span) + "' of '\\" + name + "'");
            return baseNode;
        }
        if (name is "overbrace" or "underbrace")
        {
            // The brace's label is commentary: keep the body, drop the label.
            Advance();
            var body = ParseMacroArgument("'\\" + name + "'");
            var n = Current;
            if ((name == "overbrace" && n.IsSymbol("^")) || (name == "underbrace" && n.IsSymbol("_")))
            {
                Advance();
                var label = ParseScriptArgument(n);
                // \underbrace{c, c, \dots, c}_{n}: the label of a list with an ellipsis counts its terms; kept as a subscript.
                if (body is Sequence list && list.Items.Any(i => i is Ellipsis)) return new Subscript(From(t.Span.Start), body, label);
            }
            return body;
        }
        if (name == "E")
        {
            Advance(); // a common macro for the expectation operator
            return new Identifier(t.Span, "E", NameStyle.Blackboard);
        }
        if (name == "Beta")
        {
            Advance(); // a common macro for the beta function B(a, b), written like \mathrm{B}
            return new Identifier(t.Span, "B", NameStyle.Roman);
        }
        if (!CanStartFactor(t, afterOperand: false)) return Expected("an expression", t);
        Advance();
        _diagnostics.Warning(t.Span, DiagnosticCodes.UnknownCommand, "unknown command '\\" + name + "' read as the name '" + name + "'");
        return new Identifier(t.Span, name, _style);
    }

    /// <summary>
    /// \#(x_i, x_{pa(i)}), \#\text{heads}, \#heads: a count. Before brackets, a call of the count "#" (a function of its
    /// arguments); before a word, one name, the same as \text{# heads}; anything else stays the symbol \#.
    /// </summary>
    private SyntaxNode ParseCount(Token t)
    {
        Advance();
        var n = Current;
        if (IsParenAhead()) return ParseCall(new Identifier(t.Span, "#"));
        if (n.Kind is TokenKind.Text or TokenKind.OperatorName && n.Text.Trim().Length > 0)
        {
            Advance();
            return new Text(From(t.Span.Start), "# " + n.Text.Trim());
        }
        if (n.Kind == TokenKind.Letter)
        {
            var run = RunText(CurrentIndex);
            for (int k = 0; k < run.Length; k++) Advance();
            return new Text(From(t.Span.Start), "# " + run);
        }
        return new MathSymbol(t.Span, "#");
    }

    /// <summary>
    /// A run of touching letters. Known words are what they are (log, KL, argmin, Entropy; "Cross Entropy");
    /// other runs are products of one-letter names, flagged as coming from a letter run (ab = a·b).
    /// </summary>
    private SyntaxNode ParseLetterRun()
    {
        int index = CurrentIndex;
        string run = RunText(index);
        int take = run.Length;
        if (_differentialDepth == GroupDepth)
        {
            // \int xdx: the run ends where its differential begins.
            for (int k = 1; k < run.Length; k++)
            {
                if (IsDifferentialRun(run.Substring(k)))
                {
                    take = k;
                    break;
                }
            }
        }
        string word = run.Substring(0, take);
        var first = Raw(index);
        if (take == 1)
        {
            Advance();
            return new Identifier(first.Span, first.Text, _style);
        }
        var wordSpan = TextSpan.FromBounds(first.Span.Start, Raw(index + take - 1).Span.End);
        if (word == "Cross" && RunText(index + take) == "Entropy")
        {
            for (int k = 0; k < take + 7; k++) Advance();
            return new Identifier(From(first.Span.Start), "CrossEntropy", _style);
        }
        var kind = Symbols.ClassifyWord(word);
        if (kind != WordKind.None)
        {
            for (int k = 0; k < take; k++) Advance();
            return kind switch
            {
                WordKind.Function => ParseFunction(word, wordSpan),
                WordKind.LimitOperator => ParseLimitOperator(word, wordSpan),
                _ => new Identifier(wordSpan, word, _style),
            };
        }
        foreach (string f in Symbols.GluableFunctions)
        {
            if (word.Length == f.Length + 1 && word.StartsWith(f, StringComparison.Ordinal))
            {
                var fSpan = TextSpan.FromBounds(first.Span.Start, Raw(index + f.Length - 1).Span.End);
                _diagnostics.Warning(wordSpan, DiagnosticCodes.GluedFunctionName,
                    "read '" + word + "' as '" + f + " " + word.Substring(f.Length) + "'");
                for (int k = 0; k < f.Length; k++) Advance();
                return ParseFunction(f, fSpan);
            }
        }
        var factors = new List<SyntaxNode>();
        for (int k = 0; k < take - 1; k++)
        {
            var letter = Advance();
            factors.Add(new Identifier(letter.Span, letter.Text, _style));
        }
        var last = Advance();
        factors.Add(ParsePostfix(new Identifier(last.Span, last.Text, _style), allowCall: true));
        return new ImplicitMultiplication(Cover(factors[0], factors[factors.Count - 1]), factors, FromLetterRun: true);
    }

    /// <summary>\mathbf{x}, \mathcal{N}, \mathbb{E}, \mathrm{KL}, \boldsymbol{\mu} ... (single tokens too: \mathcal N).</summary>
    /// <summary>
    /// {\rm T}, {\bf x}, {\rm KL}: a font switch and the letters up to the end of its group are one styled name (the
    /// transpose in x^{\rm T}); before anything else the switch only styles what follows, read as it stands.
    /// </summary>
    private SyntaxNode ParseSwitched(Token command, NameStyle style)
    {
        Advance();
        int start = command.Span.Start;
        int i = CurrentIndex;
        var sb = new System.Text.StringBuilder();
        while (Raw(i).Kind == TokenKind.Letter) sb.Append(Raw(i++).Text);
        if (sb.Length > 0 && Raw(i).IsSymbol("}"))
        {
            while (_pos < i) Advance();
            var word = sb.ToString();
            if (word.Length == 1 || style is not (NameStyle.Roman or NameStyle.Italic or NameStyle.SansSerif or NameStyle.Typewriter))
                return word.Length == 1 ? new Identifier(From(start), word, style) : Error(From(start), DiagnosticCodes.ExpectedArgument, "a font switch over several letters ('\\" + command.Text + " " + word + "')");
            return ParseNamed(word, From(start), style);
        }
        return CanStartOperand(Current) ? ParsePrimary() : Error(At(Current), DiagnosticCodes.ExpectedArgument, "expected a name after '\\" + command.Text + "', found " + Describe(Current));
    }

    private SyntaxNode ParseStyled(Token command, NameStyle style)
    {
        Advance();
        var c = Current;
        int start = command.Span.Start;
        if (c.Kind == TokenKind.Letter)
        {
            Advance();
            return new Identifier(From(start), c.Text, style);
        }
        if (c.Kind == TokenKind.Command && (Symbols.Greek.Contains(c.Text) || Symbols.IdentifierCommands.Contains(c.Text)))
        {
            Advance();
            return new Identifier(From(start), c.Text, style);
        }
        if (c.Kind == TokenKind.Number && c.Text.Length == 1)
        {
            // \pmb 0, \mathbf 1: a styled digit (the zero vector, the vector of ones), as \mathbf{0} reads.
            var savedStyle = _style;
            _style = style;
            try { return ParsePrimary(); } finally { _style = savedStyle; }
        }
        // T\mathbf(x): TeX gives the style to the bracket alone (its one-token argument), so the bracket and what it holds
        // read as written, in the style around them.
        if (c.IsSymbol("(") || c.IsSymbol("[")) return ParsePrimary();
        if (!c.IsSymbol("{"))
        {
            return Error(At(c), DiagnosticCodes.ExpectedArgument, "expected '{' after '\\" + command.Text + "', found " + Describe(c));
        }
        int open = CurrentIndex;
        int i = open + 1;
        var sb = new System.Text.StringBuilder();
        while (Raw(i).Kind == TokenKind.Letter) sb.Append(Raw(i++).Text);
        if (sb.Length > 0 && Raw(i).IsSymbol("}"))
        {
            string word = sb.ToString();
            if (word.Length == 1)
            {
                while (_pos <= i) Advance();
                return new Identifier(From(start), word, style);
            }
            bool upright = style is NameStyle.Roman or NameStyle.Italic or NameStyle.Normal or NameStyle.SansSerif or NameStyle.Typewriter;
            if (upright)
            {
                while (_pos <= i) Advance();
                return ParseNamed(word, From(start), style);
            }
            if ((Raw(i + 1).IsSymbol("^") || Raw(i + 1).IsSymbol("_")) && Symbols.ClassifyWord(word) == WordKind.None)
                return StyledLettersWithScript(open, i, style, start);
        }
        if (Raw(open + 1).Kind == TokenKind.Command && Symbols.Greek.Contains(Raw(open + 1).Text) && Raw(open + 2).IsSymbol("}"))
        {
            string greek = Raw(open + 1).Text;
            Advance();
            Advance();
            Advance();
            return new Identifier(From(start), greek, style);
        }
        var saved = _style;
        _style = style;
        try
        {
            return ParseBraceGroup();
        }
        finally
        {
            _style = saved;
        }
    }

    /// <summary>
    /// \mathbf{PQ}^\top, \mathbf{AB}^{-1}: a script after a styled group of several letters is set after the last letter, and
    /// a reader reads what is printed, P Qᵀ (a transposed product is written (PQ)ᵀ). The letters are the product of the
    /// styled letters, the script on the last, as in a plain letter run (xy^2).
    /// </summary>
    private SyntaxNode StyledLettersWithScript(int open, int close, NameStyle style, int start)
    {
        while (CurrentIndex <= open) Advance();
        var factors = new List<SyntaxNode>();
        while (CurrentIndex < close - 1)
        {
            var letter = Advance();
            factors.Add(new Identifier(letter.Span, letter.Text, style));
        }
        var last = Advance();
        Advance(); // the closing brace
        factors.Add(ParsePostfix(new Identifier(last.Span, last.Text, style), allowCall: false));
        return new ImplicitMultiplication(From(start), factors, FromLetterRun: true);
    }

    private SyntaxNode ParseSqrt(Token t)
    {
        Advance();
        SyntaxNode? index = null;
        if (Current.IsSymbol("["))
        {
            var open = Advance();
            PushOpener(OpenerKind.Square, open.Span);
            try
            {
                index = CanStartOperand(Current) ? ParseRelationChain() : Expected("the index of the root after '['", Current);
            }
            finally
            {
                PopOpener();
            }
            if (Current.IsSymbol("]")) Advance();
            else Error(At(Current), DiagnosticCodes.UnclosedGroup, "expected ']' to close the index of '\\sqrt' opened at " + Describe(open.Span.Start) + ", found " + Describe(Current));
        }
        var radicand = ParseMacroArgument("'\\sqrt'");
        return new Sqrt(From(t.Span.Start), radicand, index);
    }

    /// <summary>An argument of \frac, \sqrt, \hat ... : a braced group, or (TeX) a single token: \frac12 = 1/2.</summary>
    private SyntaxNode ParseMacroArgument(string owner)
    {
        var c = Current;
        if (c.IsSymbol("{"))
        {
            if (Next.IsSymbol("}"))
            {
                var open = Advance();
                var close = Advance();
                return Error(TextSpan.FromBounds(open.Span.Start, close.Span.End), DiagnosticCodes.ExpectedArgument, "expected an expression inside '{}' of " + owner);
            }
            return ParseBraceGroup();
        }
        if (c.Kind == TokenKind.Letter)
        {
            Advance();
            return new Identifier(c.Span, c.Text, _style);
        }
        if (c.Kind == TokenKind.Number) return TakeSingleCharacter();
        if (c.Kind is TokenKind.Command or TokenKind.Text or TokenKind.OperatorName or TokenKind.Begin && CanStartFactor(c, afterOperand: false))
        {
            return ParsePrimary();
        }
        return Error(At(c), DiagnosticCodes.ExpectedArgument, "expected '{' after " + owner + ", found " + Describe(c));
    }

    /// <summary>A TeX group {...}: invisible, so the content itself is returned. Handles {a \over b}.</summary>
    private SyntaxNode ParseBraceGroup()
    {
        var open = Advance();
        PushOpener(OpenerKind.TexGroup, open.Span);
        SyntaxNode body;
        try
        {
            var items = new List<SyntaxNode>();
            var separators = new List<Separator>();
            ParseDelimitedItems(items, separators);
            body = BodyOf(items, separators);
            var over = Current;
            if (over.IsCommand("over") || over.IsCommand("choose"))
            {
                Advance();
                var denominator = CanStartOperand(Current) ? ParseRelationChain() : Expected("an expression after '\\" + over.Text + "'", Current);
                body = over.Text == "over"
                    ? new Fraction(Cover(body, denominator), body, denominator, FractionStyle.Over)
                    : new FunctionApplication(Cover(body, denominator), "binom", null, new[] { body, denominator }, Array.Empty<Separator>(), null);
            }
        }
        finally
        {
            PopOpener();
        }
        var c = Current;
        if (c.IsSymbol("}"))
        {
            Advance();
        }
        else if (IsStrayCloser(c) && Next.IsSymbol("}"))
        {
            // \frac{(a+b))}{c}: one closing bracket too many, right before the group ends.
            _diagnostics.Warning(c.Span, DiagnosticCodes.StrayClosingBracket, "removed unmatched '" + c.Text + "' at the end of the group opened at " + Describe(open.Span.Start));
            Advance();
            Advance();
        }
        else
        {
            Error(At(c), DiagnosticCodes.UnclosedGroup, "expected '}' to close the group opened at " + Describe(open.Span.Start) + ", found " + Describe(c));
        }
        return body;
    }

    private SyntaxNode BodyOf(List<SyntaxNode> items, List<Separator> separators)
    {
        if (items.Count == 0) return Expected("an expression", Current);
        if (items.Count == 1 && separators.Count == 0) return items[0];
        return new Sequence(Cover(items[0], items[items.Count - 1]), items, separators);
    }

    // ------------------------------------------------------------ brackets

    private readonly record struct Delimited(Bracket Left, Bracket Right, List<SyntaxNode> Items, List<Separator> Separators, TextSpan Span, bool Sized);

    private static Bracket? OpeningBracket(Token t)
    {
        if (t.IsSymbol("(")) return Bracket.Paren;
        if (t.IsSymbol("[")) return Bracket.Square;
        if (t.Kind != TokenKind.Command) return null;
        return t.Text switch
        {
            "{" or "lbrace" => Bracket.Brace,
            "langle" => Bracket.Angle,
            "lfloor" => Bracket.Floor,
            "lceil" => Bracket.Ceil,
            "lbrack" => Bracket.Square,
            _ => null,
        };
    }

    /// <summary>A delimiter after \left or \right.</summary>
    private static Bracket? DelimiterOf(Token t)
    {
        if (t.Kind == TokenKind.Symbol)
        {
            return t.Text switch
            {
                "(" or ")" => Bracket.Paren,
                "[" or "]" => Bracket.Square,
                "." => Bracket.None,
                "|" => Bracket.Bar,
                "<" or ">" => Bracket.Angle,
                _ => null,
            };
        }
        if (t.Kind != TokenKind.Command) return null;
        return t.Text switch
        {
            "{" or "}" or "lbrace" or "rbrace" => Bracket.Brace,
            "langle" or "rangle" => Bracket.Angle,
            "|" or "Vert" or "lVert" or "rVert" => Bracket.DoubleBar,
            "vert" or "lvert" or "rvert" => Bracket.Bar,
            "lfloor" or "rfloor" => Bracket.Floor,
            "lceil" or "rceil" => Bracket.Ceil,
            "lbrack" or "rbrack" => Bracket.Square,
            _ => null,
        };
    }

    private static bool IsCloserFor(Token c, Bracket left) => left switch
    {
        Bracket.Paren => c.IsSymbol(")"),
        Bracket.Square => c.IsSymbol("]") || c.IsCommand("rbrack"),
        Bracket.Brace => c.IsCommand("}") || c.IsCommand("rbrace"),
        Bracket.Angle => c.IsCommand("rangle"),
        Bracket.Floor => c.IsCommand("rfloor"),
        Bracket.Ceil => c.IsCommand("rceil"),
        _ => false,
    };

    private static string CloserText(Bracket left) => left switch
    {
        Bracket.Paren => ")",
        Bracket.Square => "]",
        Bracket.Brace => "\\}",
        Bracket.Angle => "\\rangle",
        Bracket.Floor => "\\rfloor",
        Bracket.Ceil => "\\rceil",
        _ => "?",
    };

    private static OpenerKind OpenerOf(Bracket b) => b switch
    {
        Bracket.Paren => OpenerKind.Paren,
        Bracket.Square => OpenerKind.Square,
        Bracket.Brace => OpenerKind.BraceSet,
        Bracket.Angle => OpenerKind.Angle,
        Bracket.Floor => OpenerKind.Floor,
        _ => OpenerKind.Ceil,
    };

    private bool IsHardStop(Token t) =>
        t.Kind is TokenKind.EndOfInput or TokenKind.RowBreak or TokenKind.End or TokenKind.Space;

    private bool IsGroupEnd(Token t) =>
        IsClosingToken(t) || IsHardStop(t) || (t.IsSymbol("&") && !_ampersandIsAlignment);

    /// <summary>
    /// A bracketed list: ( ... ), [ ... ], \{ ... \}, \left( ... \right), with separators kept.
    /// A missing ')' or ']' at the end of the row is inserted with a warning; other mismatches are errors.
    /// </summary>
    private Delimited ParseDelimited()
    {
        var open = Current;
        int start = open.Span.Start;
        bool sized = false;
        Bracket left;
        if (open.IsCommand("left"))
        {
            Advance();
            sized = true;
            var d = Current;
            var b = DelimiterOf(d);
            if (b is null)
            {
                Error(At(d), DiagnosticCodes.ExpectedArgument, "expected a delimiter after '\\left', found " + Describe(d));
                left = Bracket.None;
            }
            else
            {
                Advance();
                left = b.Value;
            }
        }
        else
        {
            left = OpeningBracket(open) ?? Bracket.Paren;
            Advance();
        }
        var openSpan = From(start);
        string openText = _text.Substring(openSpan.Start, openSpan.Length);
        var items = new List<SyntaxNode>();
        var separators = new List<Separator>();
        PushOpener(sized ? OpenerKind.Sized : OpenerOf(left), openSpan);
        try
        {
            ParseDelimitedItems(items, separators);
        }
        finally
        {
            PopOpener();
        }
        var right = left;
        var c = Current;
        if (sized)
        {
            if (c.IsCommand("right"))
            {
                Advance();
                var d = Current;
                var b = DelimiterOf(d);
                if (b is null)
                {
                    Error(At(d), DiagnosticCodes.ExpectedArgument, "expected a delimiter after '\\right', found " + Describe(d));
                }
                else
                {
                    Advance();
                    right = b.Value;
                }
            }
            else
            {
                Error(At(c), DiagnosticCodes.UnclosedGroup,
                    "expected '\\right' to close '" + openText + "' opened at " + Describe(start) + ", found " + Describe(c));
            }
        }
        else if (IsCloserFor(c, left))
        {
            Advance();
        }
        else if (((left == Bracket.Paren && c.IsSymbol("]")) || (left == Bracket.Square && c.IsSymbol(")")))
                 && items.Count == 2 && separators.Count == 1 && separators[0].Text == ",")
        {
            Advance(); // a half-open interval [0, 1)
            right = left == Bracket.Paren ? Bracket.Square : Bracket.Paren;
        }
        else if (left is Bracket.Paren or Bracket.Square && IsHardStop(c))
        {
            _diagnostics.Warning(new TextSpan(c.Span.Start, 0), DiagnosticCodes.MissingClosingBracket,
                "inserted missing '" + CloserText(left) + "' at the end of the row to close the '" + openText + "' opened at " + Describe(start));
        }
        else
        {
            Error(At(c), DiagnosticCodes.UnclosedGroup,
                "expected '" + CloserText(left) + "' to close the group opened at " + Describe(start) + ", found " + Describe(c));
        }
        return new Delimited(left, right, items, separators, From(start), sized);
    }

    private void ParseDelimitedItems(List<SyntaxNode> items, List<Separator> separators)
    {
        while (true)
        {
            var t = Current;
            if (IsGroupEnd(t)) break;
            // A bar where an item begins opens |x| or \|x\| ({|x - m|}, f(a, |b|)); only other tokens are early separators.
            if (!CanStartOperand(t) && TryReadSeparator(out var early))
            {
                items.Add(Expected("an expression before '" + early.Text + "'", t));
                separators.Add(early);
                continue;
            }
            if (!CanStartOperand(t) && !PeekRelation()) break;
            items.Add(ParseRelationChain());
            if (TryReadSeparator(out var separator))
            {
                // \log(a |S|): a bar right before the closing bracket closes the |S| the bar before it opened (an argument
                // is never empty, so neither bar separates arguments): a times |S|.
                if (IsGroupEnd(Current) && separator.Text == "|" && separators.Count > 0 && separators[separators.Count - 1].Text == "|" && items.Count >= 2)
                {
                    var opened = separators[separators.Count - 1];
                    var before = items[items.Count - 2];
                    var abs = new Abs(TextSpan.FromBounds(opened.Span.Start, separator.Span.End), items[items.Count - 1]);
                    items.RemoveRange(items.Count - 2, 2);
                    separators.RemoveAt(separators.Count - 1);
                    items.Add(new ImplicitMultiplication(TextSpan.FromBounds(before.Span.Start, abs.Span.End), [before, abs], false));
                    break;
                }
                separators.Add(separator);
                if (IsGroupEnd(Current))
                {
                    items.Add(Expected("an expression after '" + separator.Text + "'", Current));
                    break;
                }
                continue;
            }
            break;
        }
    }

    /// <summary>, ; : | || \| \parallel \mid between arguments.</summary>
    private bool TryReadSeparator(out Separator separator)
    {
        separator = default;
        var t = Current;
        if (_numberSplit > 0) return false;
        if (t.Kind == TokenKind.Symbol)
        {
            switch (t.Text)
            {
                case ",":
                case ";":
                    Advance();
                    separator = new Separator(t.Text, t.Span);
                    return true;
                case ":":
                    if (Next.IsSymbol("=") && Adjacent(t, Next)) return false;
                    Advance();
                    separator = new Separator(":", t.Span);
                    return true;
                case "|":
                    // q || p, and q | | p with a space: an argument is never empty, so two bars in a row are one separator.
                    if (Next.IsSymbol("|"))
                    {
                        Advance();
                        var second = Advance();
                        separator = new Separator("||", TextSpan.FromBounds(t.Span.Start, second.Span.End));
                        return true;
                    }
                    Advance();
                    separator = new Separator("|", t.Span);
                    return true;
            }
            return false;
        }
        if (t.Kind == TokenKind.Command)
        {
            switch (t.Text)
            {
                case "|" when TryEscapedDoubleBar(t, out separator):
                    return true;
                case "|":
                case "Vert":
                case "parallel":
                    Advance();
                    separator = new Separator("||", t.Span);
                    return true;
                case "vert" when Next.Kind == TokenKind.Command && Next.Text == "vert":
                    {
                        // D_{KL}(P \vert\vert Q): two \vert in a row are the divergence's bars, as | | is never an argument.
                        Advance();
                        var second = Advance();
                        separator = new Separator("||", TextSpan.FromBounds(t.Span.Start, second.Span.End));
                        return true;
                    }
                case "mid":
                case "vert":
                    Advance();
                    separator = new Separator("|", t.Span);
                    return true;
            }
        }
        return false;
    }

    private SyntaxNode BuildGroup(Delimited d)
    {
        var body = d.Items.Count == 0
            ? Error(new TextSpan(Math.Min(d.Span.End, d.Span.Start + 1), 0), DiagnosticCodes.ExpectedExpression,
                "expected an expression inside the brackets opened at " + Describe(d.Span.Start))
            : BodyOf(d.Items, d.Separators);
        // \left|\left| x \right|\right|: the norm written with sized single bars, not |(|x|)|.
        if (d.Sized && d.Left == Bracket.Bar && d.Right == Bracket.Bar && body is Abs inner && OnlyBarsAround(d.Span, inner.Span))
            return new Norm(d.Span, inner.Body);
        if (d.Sized && d.Left == Bracket.Bar && d.Right == Bracket.Bar) return new Abs(d.Span, body);
        if (d.Sized && d.Left == Bracket.DoubleBar && d.Right == Bracket.DoubleBar) return new Norm(d.Span, body);
        return new Group(d.Span, d.Left, d.Right, body, d.Sized);
    }

    /// <summary>Between the outer group's span and the inner one's there is only '\left|' and '\right|' (and spaces).</summary>
    private bool OnlyBarsAround(TextSpan outer, TextSpan inner)
    {
        static string Squeeze(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (inner.Start < outer.Start || inner.End > outer.End) return false;
        return Squeeze(_text.Substring(outer.Start, inner.Start - outer.Start)) == "\\left|"
            && Squeeze(_text.Substring(inner.End, outer.End - inner.End)) == "\\right|";
    }

    private SyntaxNode ParseAbs() =>
        Current.IsSymbol("|") && Next.IsSymbol("|") && FirstBarsArePair() ? ParseDoubleBarNorm() : ParseBars(OpenerKind.Abs, "|", "absolute value");

    /// <summary>
    /// '||' opening a norm written with plain bars (||a − b||^2): the first bar after it at the same depth is again a
    /// pair. ||x| − |y|| closes with a single bar first, so it stays the absolute value of a difference of absolute values.
    /// </summary>
    private bool FirstBarsArePair()
    {
        var i = FirstAtSameDepth(CurrentIndex + 2, k => _tokens[k].IsSymbol("|"));
        return i >= 0 && i + 1 < _tokens.Count && _tokens[i + 1].IsSymbol("|");
    }

    private SyntaxNode ParseDoubleBarNorm()
    {
        var open = Advance();
        Advance();
        PushOpener(OpenerKind.Norm, open.Span);
        SyntaxNode body;
        try
        {
            var t = Current;
            body = CanStartOperand(t) || PeekRelation() ? ParseRelationChain() : Expected("an expression after '||'", t);
        }
        finally
        {
            PopOpener();
        }
        if (Current.IsSymbol("|") && Next.IsSymbol("|"))
        {
            Advance();
            Advance();
        }
        else Error(At(Current), DiagnosticCodes.UnclosedGroup, "expected '||' to close the norm opened at " + Describe(open.Span.Start) + ", found " + Describe(Current));
        return new Norm(From(open.Span.Start), body);
    }

    private SyntaxNode ParseNorm() => ParseBars(OpenerKind.Norm, "\\|", "norm");

    private SyntaxNode ParseBars(OpenerKind kind, string closer, string what)
    {
        var open = Advance();
        PushOpener(kind, open.Span);
        SyntaxNode body;
        try
        {
            var t = Current;
            body = CanStartOperand(t) || PeekRelation() ? ParseRelationChain() : Expected("an expression after " + Describe(open), t);
        }
        finally
        {
            PopOpener();
        }
        var c = Current;
        bool closes = kind == OpenerKind.Abs
            ? c.IsSymbol("|") || c.IsCommand("vert") || c.IsCommand("rvert")
            : c.IsCommand("|") || c.IsCommand("Vert") || c.IsCommand("rVert") || c.IsCommand("lVert") && LVertClosesNorm(c, closing: true);
        if (closes) Advance();
        else Error(At(c), DiagnosticCodes.UnclosedGroup, "expected '" + closer + "' to close the " + what + " opened at " + Describe(open.Span.Start) + ", found " + Describe(c));
        var span = From(open.Span.Start);
        return kind == OpenerKind.Abs ? new Abs(span, body) : new Norm(span, body);
    }

    // ------------------------------------------------------------ environments inside expressions

    /// <summary>\begin{cases} (a node) or a matrix-like block: cells split by '&amp;', rows by \\.</summary>
    private SyntaxNode ParseEnvironmentAtom()
    {
        var begin = Advance();
        string name = begin.Text;
        var rows = new List<List<SyntaxNode>>();
        var cells = new List<SyntaxNode>();
        var cellItems = new List<SyntaxNode>();
        bool savedAmp = _ampersandIsAlignment;
        int savedCell = _cellDepth;
        int savedQuad = _quadStopDepth;
        _ampersandIsAlignment = false;
        _quadStopDepth = -1;
        PushOpener(OpenerKind.Cell, begin.Span);
        _cellDepth = GroupDepth;
        try
        {
            while (true)
            {
                var c = Current;
                if (c.Kind == TokenKind.End)
                {
                    Advance();
                    if (c.Text != name)
                    {
                        _diagnostics.Warning(c.Span, DiagnosticCodes.MismatchedEnd,
                            "accepted '\\end{" + c.Text + "}' as the end of '\\begin{" + name + "}' opened at " + Describe(begin.Span.Start));
                    }
                    break;
                }
                if (c.Kind == TokenKind.EndOfInput)
                {
                    Error(At(c), DiagnosticCodes.UnclosedGroup,
                        "expected '\\end{" + name + "}' to close the environment opened at " + Describe(begin.Span.Start) + ", found the end of the input");
                    break;
                }
                if (c.IsSymbol("&"))
                {
                    Advance();
                    FinishCell();
                    continue;
                }
                if (c.Kind is TokenKind.RowBreak or TokenKind.Space)
                {
                    Advance();
                    FinishCell();
                    FinishRow();
                    continue;
                }
                if (c.Kind == TokenKind.Text && !IsNameLikeText(c))
                {
                    Advance();
                    cellItems.Add(new Text(c.Span, c.Text));
                    continue;
                }
                if (c.Kind == TokenKind.Symbol && c.Text is "," or ";" or "." or ":")
                {
                    Advance();
                    continue;
                }
                if (!CanStartOperand(c) && !PeekRelation())
                {
                    Advance();
                    cellItems.Add(Error(c.Span, DiagnosticCodes.Unexpected, "unexpected " + Describe(c) + " in '\\begin{" + name + "}'"));
                    continue;
                }
                int before = _pos;
                cellItems.Add(ParseRelationChain());
                if (_pos == before)
                {
                    var bad = Advance();
                    cellItems.Add(Error(bad.Span, DiagnosticCodes.Unexpected, "unexpected " + Describe(bad)));
                }
            }
            FinishCell();
            FinishRow();
        }
        finally
        {
            PopOpener();
            _ampersandIsAlignment = savedAmp;
            _cellDepth = savedCell;
            _quadStopDepth = savedQuad;
        }
        var span = From(begin.Span.Start);
        if (Symbols.CasesEnvironments.Contains(name))
        {
            var caseRows = new List<CaseRow>();
            foreach (var row in rows)
            {
                var rowSpan = Cover(row[0], row[row.Count - 1]);
                if (row.Count > 2)
                {
                    Error(row[2].Span, DiagnosticCodes.Unexpected, "a row of '\\begin{" + name + "}' has more than two cells (value & condition)");
                }
                caseRows.Add(new CaseRow(rowSpan, row[0], row.Count > 1 ? row[1] : null));
            }
            return new Cases(span, caseRows);
        }
        return new Matrix(span, name, rows.Select(r => (IReadOnlyList<SyntaxNode>)r).ToList());

        void FinishCell()
        {
            if (cellItems.Count == 0) return;
            cells.Add(cellItems.Count == 1
                ? cellItems[0]
                : new Sequence(Cover(cellItems[0], cellItems[cellItems.Count - 1]), cellItems.ToList(), Array.Empty<Separator>()));
            cellItems.Clear();
        }

        void FinishRow()
        {
            if (cells.Count == 0) return;
            rows.Add(cells.ToList());
            cells.Clear();
        }
    }
}
