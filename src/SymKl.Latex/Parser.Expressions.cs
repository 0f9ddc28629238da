using SymKl.Latex.Syntax;

namespace SymKl.Latex;

internal sealed partial class Parser
{
    // ------------------------------------------------------------ classification

    private static bool IsSign(Token t) =>
        (t.Kind == TokenKind.Symbol && t.Text is "+" or "-") || (t.Kind == TokenKind.Command && t.Text is "pm" or "mp");

    /// <summary>"..." written with three touching periods where an operand may begin (a + ... + b, x_1, ..., x_n): the end of its span, or null.</summary>
    private int? DotsAt(Token t)
    {
        var i = CurrentIndex;
        if (_numberSplit > 0 || _tokens[i].Span.Start != t.Span.Start) return null;
        Token second = Raw(i + 1), third = Raw(i + 2);
        return second.IsSymbol(".") && third.IsSymbol(".") && Adjacent(t, second) && Adjacent(second, third) ? third.Span.End : null;
    }

    private bool CanStartOperand(Token t) => IsSign(t) || CanStartFactor(t, afterOperand: false);

    /// <summary>Can this token begin a factor? After an operand, '|' may close or separate instead.</summary>
    private bool CanStartFactor(Token t, bool afterOperand)
    {
        switch (t.Kind)
        {
            case TokenKind.Letter:
            case TokenKind.Number:
            case TokenKind.Begin:
            case TokenKind.OperatorName:
            case TokenKind.Unknown:
                return true;
            case TokenKind.Text:
                return IsNameLikeText(t) || GroupDepth != _cellDepth || t.Span.Start == _operandExpectedAt;
            case TokenKind.Symbol:
                return t.Text switch
                {
                    "(" or "[" => true,
                    // {=}, {\le}: a relation in braces (spacing), not a group.
                    "{" => !(afterOperand && t.Span.Start == Current.Span.Start && PeekRelation()),
                    // c || a − b ||^2 inside brackets: a norm when another || follows before the bracket closes.
                    "|" => !afterOperand || BarOpensHere() || (t.Span.Start == Current.Span.Start && Next.IsSymbol("|") && NormClosesLater(doubleBar: true))
                        // \ln(|V|^n |U|^p): a bar pair raised to a power is an absolute value (Parser.Bars).
                        || t.Span.Start == Current.Span.Start && PoweredBarAhead(),
                    "." => !afterOperand && DotsAt(t) is not null,
                    _ => false,
                };
            case TokenKind.Command:
                string name = t.Text;
                if (Symbols.TryGetRelation(name, out _, out _)) return false;
                if (IsArgumentPlaceholder(t)) return true;
                if (Symbols.MultiplicativeCommands.Contains(name) || Symbols.AdditiveCommands.Contains(name)) return false;
                switch (name)
                {
                    case "not":
                    case "mid":
                    case "parallel":
                    case "over":
                    case "choose":
                    case "right":
                    case "}":
                    case "rbrace":
                    case "rangle":
                    case "rvert":
                    case "rVert":
                    case "rfloor":
                    case "rceil":
                    case "rbrack":
                        return false;
                    case "|":
                    case "Vert":
                        return !afterOperand || BarOpensHere() || NormClosesLater();
                    case "vert":
                        return !afterOperand || BarOpensHere();
                    // \lVert w \lVert_2: both render as ‖, and a second \lVert right before a subscript, a power, a
                    // relation or the end closes the norm the first opened.
                    case "lVert":
                        return !(afterOperand && LVertClosesNorm(t));
                    case "overset":
                    case "stackrel":
                        return !PeekRelation();
                    case "xrightarrow":
                    case "xleftarrow":
                    case "xlongrightarrow":
                        return false;
                    default:
                        return true;
                }
            default:
                return false;
        }
    }

    /// <summary>The Unicode code point a token starts with (a surrogate pair is one character outside the BMP: 𝑥 is U+1D465).</summary>
    private static int CodePoint(string text) =>
        text.Length >= 2 && char.IsSurrogatePair(text[0], text[1]) ? char.ConvertToUtf32(text[0], text[1]) : text.Length > 0 ? text[0] : 0;

    /// <summary>
    /// \text{...} that is a name: one letter, a known word, or any one word directly followed by '(' (\text{softplus}(x),
    /// an unknown word applied to arguments, is a function, read as an opaque one when it has no meaning here).
    /// </summary>
    private bool IsNameLikeText(Token t)
    {
        string s = t.Text.Trim();
        if (s.Length == 0) return false;
        foreach (char c in s)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
        }
        return s.Length == 1 || Symbols.ClassifyWord(s) != WordKind.None || TextFollowedByParen().Contains(t.Span.Start);
    }

    private HashSet<int>? _textCalls;

    private HashSet<int> TextFollowedByParen()
    {
        if (_textCalls is not null) return _textCalls;
        _textCalls = new HashSet<int>();
        for (int i = 0; i + 1 < _tokens.Count; i++)
        {
            if (_tokens[i].Kind == TokenKind.Text && _tokens[i + 1].IsSymbol("(") && Adjacent(_tokens[i], _tokens[i + 1])) _textCalls.Add(_tokens[i].Span.Start);
        }
        return _textCalls;
    }

    /// <summary>Tokens that begin an operator with its own operand (\log, \sum, \int, argmin ...): they end a function's bracket-less argument.</summary>
    private bool IsOperatorStart(Token t)
    {
        switch (t.Kind)
        {
            case TokenKind.Command:
                return Symbols.FunctionCommands.Contains(t.Text) || Symbols.LimitCommands.Contains(t.Text)
                    || t.Text is "arg" or "int" or "iint" or "iiint" or "oint" or "sum" or "prod" or "coprod" or "underset";
            case TokenKind.OperatorName:
                return Symbols.ClassifyWord(t.Text) is WordKind.Function or WordKind.LimitOperator;
            case TokenKind.Letter:
                return Symbols.ClassifyWord(RunText(CurrentIndex)) is WordKind.Function or WordKind.LimitOperator;
            default:
                return false;
        }
    }

    /// <summary>The letters of the run (touching letters) that starts at a raw token index.</summary>
    private string RunText(int index)
    {
        var sb = new System.Text.StringBuilder();
        var t = Raw(index);
        if (t.Kind != TokenKind.Letter) return "";
        sb.Append(t.Text);
        for (int i = index + 1; ; i++)
        {
            var n = Raw(i);
            if (n.Kind != TokenKind.Letter || !Adjacent(Raw(i - 1), n)) break;
            sb.Append(n.Text);
        }
        return sb.ToString();
    }

    private static bool IsAdditive(Token t, out BinaryOperator op)
    {
        op = BinaryOperator.Add;
        if (t.IsSymbol("+")) return true;
        if (t.IsSymbol("-")) { op = BinaryOperator.Subtract; return true; }
        if (t.IsCommand("pm")) { op = BinaryOperator.PlusMinus; return true; }
        if (t.IsCommand("mp")) { op = BinaryOperator.MinusPlus; return true; }
        return false;
    }

    private static bool IsMultiplicative(Token t, out BinaryOperator op)
    {
        op = BinaryOperator.Multiply;
        // a \odot b: the elementwise product, of numbers their product (the vector reading keeps it elementwise).
        if (t.IsSymbol("*") || t.IsCommand("cdot") || t.IsCommand("times") || t.IsCommand("ast") || t.IsCommand("odot")) return true;
        if (t.IsSymbol("/") || t.IsCommand("div")) { op = BinaryOperator.Divide; return true; }
        return false;
    }

    private static string OperatorText(Token t) => t.Kind == TokenKind.Command ? "\\" + t.Text : t.Text;

    private static UnaryOperator UnaryOf(Token t) => t.Text switch
    {
        "-" => UnaryOperator.Negate,
        "+" => UnaryOperator.Plus,
        "pm" => UnaryOperator.PlusMinus,
        _ => UnaryOperator.MinusPlus,
    };

    // ------------------------------------------------------------ arithmetic

    /// <summary>Terms joined by + - \pm \mp.</summary>
    /// <summary>
    /// Where an operator has just been read: what starts there is an operand, even words in \text{…} that elsewhere at
    /// the top level are a remark ("a + \text{# tails} \cdot b").
    /// </summary>
    private int _operandExpectedAt = -1;

    private SyntaxNode ParseAdditive()
    {
        var first = Current;
        if (!CanStartOperand(first)) return Expected("an expression", first);
        var left = ParseSignedTerm();
        while (IsAdditive(Current, out var op))
        {
            var opToken = Advance();
            _operandExpectedAt = Current.Span.Start;
            string opText = OperatorText(opToken);
            var next = Current;
            if (!CanStartOperand(next))
            {
                var err = Expected("an expression after '" + opText + "'", next);
                left = new Binary(TextSpan.FromBounds(left.Span.Start, opToken.Span.End), op, left, err, opText);
                break;
            }
            var right = ParseSignedTerm();
            left = new Binary(Cover(left, right), op, left, right, opText);
        }
        return left;
    }

    /// <summary>A term with leading signs: -a b = -(a b); "+ - x" (seen in the seeds) is + (-x).</summary>
    private SyntaxNode ParseSignedTerm()
    {
        using var guard = Nest();
        if (_abandoned) return Abandoned();
        var t = Current;
        if (IsSign(t))
        {
            Advance();
            var next = Current;
            if (!CanStartOperand(next)) return Expected("an expression after '" + OperatorText(t) + "'", next);
            var operand = ParseSignedTerm();
            return new Unary(TextSpan.FromBounds(t.Span.Start, operand.Span.End), UnaryOf(t), operand);
        }
        return ParseTerm();
    }

    /// <summary>Juxtaposed products joined by explicit *, /, \cdot, \times, \div (left to right).</summary>
    private SyntaxNode ParseTerm()
    {
        var left = ParseJuxtaposition(operatorArgument: false);
        while (IsMultiplicative(Current, out var op))
        {
            // \int p(y \mid x)\cdot p(x) \cdot dx: a product sign before the integral's differential ends the integrand.
            if (op == BinaryOperator.Multiply && _differentialDepth >= 0 && _differentialDepth == GroupDepth && _numberSplit == 0
                && TryMatchDifferential(SkipSpaceTokens(CurrentIndex + 1)))
            {
                Advance();
                break;
            }
            var opToken = Advance();
            _operandExpectedAt = Current.Span.Start;
            string opText = OperatorText(opToken);
            var next = Current;
            SyntaxNode right;
            if (IsSign(next))
            {
                right = ParseSignedFactor();
            }
            else if (!CanStartFactor(next, afterOperand: false))
            {
                right = Expected("an expression after '" + opText + "'", next);
                left = new Binary(TextSpan.FromBounds(left.Span.Start, opToken.Span.End), op, left, right, opText);
                break;
            }
            else
            {
                right = ParseJuxtaposition(operatorArgument: false);
            }
            left = new Binary(Cover(left, right), op, left, right, opText);
        }
        return left;
    }

    /// <summary>a * -b: a sign after an explicit operator applies to the following product.</summary>
    private SyntaxNode ParseSignedFactor()
    {
        using var guard = Nest();
        if (_abandoned) return Abandoned();
        var t = Advance();
        var next = Current;
        SyntaxNode operand;
        if (IsSign(next)) operand = ParseSignedFactor();
        else if (CanStartFactor(next, afterOperand: false)) operand = ParseJuxtaposition(operatorArgument: false);
        else return Expected("an expression after '" + OperatorText(t) + "'", next);
        return new Unary(TextSpan.FromBounds(t.Span.Start, operand.Span.End), UnaryOf(t), operand);
    }

    /// <summary>
    /// Factors written side by side. Stops at an integral's differential and, for a bracket-less function
    /// argument (\log 2\pi x), at the next operator (\log x \log y = log(x)·log(y)).
    /// </summary>
    private SyntaxNode ParseJuxtaposition(bool operatorArgument)
    {
        var factors = new List<SyntaxNode> { ParseFactor() };
        while (true)
        {
            SkipEmptyBraces();
            var t = Current;
            if (IsStrayInsideExpression(t))
            {
                // ((a))) - (b): an extra ')' with more of the expression after it is ambiguous (where was
                // its '(' meant?). The error stays inside the expression, so no step is checked without it.
                Advance();
                factors.Add(Error(t.Span, DiagnosticCodes.Unexpected, "unexpected '" + t.Text + "': no bracket is open"));
                continue;
            }
            if (!CanStartFactor(t, afterOperand: true)) break;
            if (IsDifferentialAhead()) break;
            if (operatorArgument && IsOperatorStart(t))
            {
                if (!ContinuesScaledExponential(factors, t)) break;
                _diagnostics.Warning(t.Span, DiagnosticCodes.LogOfScaledExponential,
                    "'\\exp' after a fraction continues the function's argument, as 'e^{…}' would: the function of the fraction times the exponential");
            }
            factors.Add(ParseFactor());
        }
        FoldDerivativeOperators(factors);
        if (factors.Count == 1) return factors[0];
        return new ImplicitMultiplication(Cover(factors[0], factors[factors.Count - 1]), factors, FromLetterRun: false);
    }

    /// <summary>\ln \frac{1}{Z} \exp(u): a normalised exponential, read like \ln \frac{1}{Z} e^{u} (one argument).</summary>
    private static bool ContinuesScaledExponential(List<SyntaxNode> factors, Token t) =>
        factors is [Fraction] && t.Kind == TokenKind.Command && t.Text == "exp";

    /// <summary>
    /// A ')' or ']' that closes nothing and is not one of the unambiguous cases repaired elsewhere (before
    /// the row ends, before an integral's differential, right before the '}' of a group).
    /// </summary>
    private bool IsStrayInsideExpression(Token t)
    {
        if (_numberSplit > 0 || !IsStrayCloser(t)) return false;
        int index = CurrentIndex;
        if (OnlyClosersUntilRowEnd(index)) return false;
        if (Raw(index + 1).IsSymbol("}")) return false;
        if (_differentialDepth >= 0 && TryMatchDifferential(index + 1)) return false;
        return true;
    }

    private void SkipEmptyBraces()
    {
        while (Current.IsSymbol("{") && Next.IsSymbol("}"))
        {
            Advance();
            Advance();
        }
    }

    /// <summary>An atom with its scripts, primes, call parentheses and factorials.</summary>
    private SyntaxNode ParseFactor()
    {
        using var guard = Nest();
        if (_abandoned) return Abandoned();
        var primary = ParsePrimary();
        if (primary is Identifier { Name: "E" } id)
        {
            var expectation = TryParseExpectation(id);
            if (expectation is not null) return ParsePostfix(expectation, allowCall: false);
        }
        // \mathbb{V}[X], \mathbb{V}(X): the variance, as Var[X].
        if (primary is Identifier { Name: "V", Style: NameStyle.Blackboard, Subscript: null, Primes: 0, Decoration: null, Accent: null } v && (Current.IsSymbol("[") || Current.IsSymbol("(")))
            return ParsePostfix(ParseFunction("Var", v.Span), allowCall: true);
        return ParsePostfix(primary, allowCall: true);
    }

    // ------------------------------------------------------------ scripts and calls

    /// <summary>
    /// Scripts follow TeX: a base takes at most one subscript and one superscript, in either order.
    /// On a name they become part of the name (\mu_1, \theta^*, f'); otherwise Subscript/Power nodes.
    /// </summary>
    private SyntaxNode ParsePostfix(SyntaxNode node, bool allowCall)
    {
        var scripts = new Scripts();
        while (true)
        {
            var t = Current;
            if (_numberSplit > 0) break;
            if (t.IsSymbol("_") || t.IsSymbol("^"))
            {
                bool isSub = t.Text == "_";
                Advance();
                var arg = ParseScriptArgument(t);
                if ((isSub && scripts.Sub is not null) || (!isSub && scripts.Sup is not null))
                {
                    // x_1_2: TeX rejects it; the extra script is read (to move on) and left out of the tree.
                    Error(TextSpan.FromBounds(t.Span.Start, _lastEnd), DiagnosticCodes.DoubleScript,
                        isSub ? "double subscript: write x_{a b} or {x_a}_b" : "double superscript: write x^{a b} or {x^a}^b");
                    continue;
                }
                if (isSub)
                {
                    scripts.Sub = arg;
                    scripts.SubEnd = _lastEnd;
                }
                else
                {
                    scripts.Sup = arg;
                    scripts.SupEnd = _lastEnd;
                }
                continue;
            }
            if (t.IsSymbol("'") && scripts.Sup is null)
            {
                Advance();
                scripts.Primes++;
                scripts.PrimesEnd = _lastEnd;
                continue;
            }
            break;
        }
        node = BuildScripted(node, scripts, bareLabels: !IsParenAhead());
        if (allowCall && node is Identifier callee && (IsParenAhead() || (IsDivergenceName(callee) && IsSquareAhead())))
        {
            node = ParseCall(callee);
            node = ParsePostfix(node, allowCall: false);
        }
        while (Current.IsSymbol("!") && _numberSplit == 0 && !(Next.IsSymbol("=") && Adjacent(Current, Next)))
        {
            Advance();
            node = new Factorial(From(node.Span.Start), node);
        }
        return node;
    }

    private sealed class Scripts
    {
        public SyntaxNode? Sub;
        public int SubEnd;
        public SyntaxNode? Sup;
        public int SupEnd;
        public int Primes;
        public int PrimesEnd;
    }

    private static string? DecorationOf(SyntaxNode? sup) => sup switch
    {
        MathSymbol { Name: "*" or "ast" or "star" } => "*",
        MathSymbol { Name: "dagger" } => "dagger",
        MathSymbol { Name: "-" } => "-",
        MathSymbol { Name: "+" } => "+",
        _ => null,
    };

    private static string? LabelOf(SyntaxNode? sup) =>
        sup is Group { Left: Bracket.Paren, Right: Bracket.Paren, Body: Identifier { Subscript: null, Primes: 0, Decoration: null, Accent: null, Name.Length: 1 } letter }
            && char.IsLetter(letter.Name[0]) ? "(" + letter.Name + ")" : null;

    /// <summary>
    /// x^{(i)}, h^{(l-1)}, W^{(1)} over a name without a subscript: the i-th sample, the layer l-1 (machine-learning notation),
    /// never a power. A letter, a whole number, or a letter plus or minus a whole number; anything else stays a power.
    /// </summary>
    private static string? BareLabelOf(SyntaxNode? sup)
    {
        if (LabelOf(sup) is { } letter) return letter;
        if (sup is not Group { Left: Bracket.Paren, Right: Bracket.Paren, Sized: false, Body: var body }) return null;
        return body switch
        {
            Number n when IsWholeNumber(n.Text) => "(" + n.Text + ")",
            Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract, Left: Identifier { Subscript: null, Primes: 0, Decoration: null, Accent: null, Name.Length: 1 } l, Right: Number r } b
                when l.Name[0] is >= 'a' and <= 'z' or >= 'A' and <= 'Z' && IsWholeNumber(r.Text) => "(" + l.Name + (b.Operator == BinaryOperator.Add ? "+" : "-") + r.Text + ")",
            _ => null,
        };
        static bool IsWholeNumber(string t) => t.Length > 0 && t.All(c => c is >= '0' and <= '9');
    }

    private static SyntaxNode BuildScripted(SyntaxNode node, Scripts s, bool bareLabels = false)
    {
        var sub = s.Sub;
        var sup = s.Sup;
        int primes = s.Primes;
        int primesEnd = s.PrimesEnd;
        if (sub is null && sup is null && primes == 0) return node;
        if (sup is MathSymbol { Name: "prime" })
        {
            primes++;
            primesEnd = Math.Max(primesEnd, s.SupEnd);
            sup = null;
        }
        string? decoration = DecorationOf(sup);
        // u_k^{(t)}, \xi_{k+1}^{(p)}: a parenthesised letter over a subscripted name labels the quantity (true, background,
        // model error), it is no power; x^{(i)} without a subscript keeps its reading.
        // Λ_n^{(1)}, a_0^{(2)}: a whole number in parentheses over a subscripted name labels it too (the posterior after the
        // first data set), as over a bare one; a call after it (f_k^{(2)}(x)) keeps the power reading.
        if (decoration is null && sub is not null && node is Identifier { Subscript: null } && (LabelOf(sup) ?? (bareLabels && primes == 0 ? BareLabelOf(sup) : null)) is { } label) decoration = label;
        // x^{(i)}, h^{(l-1)} with no subscript: a sample or layer label; f^{(n)}(x) (a call follows) keeps the power reading.
        else if (decoration is null && bareLabels && sub is null && primes == 0 && node is Identifier { Subscript: null, Primes: 0, Decoration: null } && BareLabelOf(sup) is { } bare) decoration = bare;
        int decorationEnd = 0;
        if (decoration is not null)
        {
            decorationEnd = s.SupEnd;
            sup = null;
        }
        // X^{\ast T}: the star and a transpose in one superscript; the transpose stays a superscript of the starred name.
        else if (node is Identifier { Subscript: null } && sup is ImplicitMultiplication { Factors: [MathSymbol { Name: "*" } star, var starred] }
            && starred is Identifier { Name: "T", Subscript: null } or MathSymbol { Name: "top" or "intercal" })
        {
            decoration = "*";
            decorationEnd = star.Span.End;
            sup = starred;
        }
        // \eta_k^{(a)T}: the label and a transpose in one superscript; the transpose stays a superscript of the labelled name.
        else if (sub is not null && node is Identifier { Subscript: null } && sup is ImplicitMultiplication { Factors: [var labelled, var transpose] }
            && LabelOf(labelled) is { } labelFirst && transpose is Identifier { Name: "T", Subscript: null, Primes: 0, Decoration: null } or MathSymbol { Name: "top" or "intercal" })
        {
            decoration = labelFirst;
            decorationEnd = labelled.Span.End;
            sup = transpose;
        }
        int start = node.Span.Start;
        int end = Math.Max(node.Span.End, Math.Max(Math.Max(s.SubEnd, s.SupEnd), primesEnd));
        if (node is Identifier id && id.Subscript is null && id.Primes == 0 && id.Decoration is null)
        {
            int idEnd = Math.Max(id.Span.End, Math.Max(s.SubEnd, Math.Max(primesEnd, decorationEnd)));
            var named = id with
            {
                Span = TextSpan.FromBounds(start, idEnd),
                Subscript = sub,
                Primes = primes,
                Decoration = decoration,
            };
            return sup is null ? named : new Power(TextSpan.FromBounds(start, end), named, sup);
        }
        SyntaxNode result = node;
        if (primes > 0) result = new Accented(TextSpan.FromBounds(start, Math.Max(node.Span.End, primesEnd)), new string('\'', primes), result);
        if (sub is not null) result = new Subscript(TextSpan.FromBounds(start, Math.Max(result.Span.End, s.SubEnd)), result, sub);
        if (decoration is not null) sup = new MathSymbol(TextSpan.FromBounds(Math.Max(start, decorationEnd - 1), decorationEnd), decoration);
        if (sup is not null) result = new Power(TextSpan.FromBounds(start, end), result, sup);
        return result;
    }

    /// <summary>
    /// The argument of ^ or _ (TeX: one token or a braced group). Repairs e^-{...} / e^-x to e^{-...}.
    /// '*', \ast, \star, \dagger, \prime come back as MathSymbol decorations.
    /// </summary>
    private SyntaxNode ParseScriptArgument(Token script)
    {
        using var guard = Nest();
        if (_abandoned) return Abandoned();
        string kind = script.Text;
        string what = kind == "^" ? "a superscript" : "a subscript";
        var c = Current;
        if (c.IsSymbol("{"))
        {
            var inner = Next;
            // P_k^{-}, \hat{x}^{+}: a sign alone in the braces marks the a priori / a posteriori quantity; no power is a lone sign.
            if ((IsDecorationToken(inner) || inner.Kind == TokenKind.Symbol && inner.Text is "-" or "+") && Raw(CurrentIndex + 2).IsSymbol("}"))
            {
                Advance();
                Advance();
                var close = Advance();
                return new MathSymbol(TextSpan.FromBounds(c.Span.Start, close.Span.End), DecorationName(inner));
            }
            // X^{\ast T}, x^{*\top}: the starred name transposed (a new input's design matrix X* and its transpose).
            var after = Raw(CurrentIndex + 2);
            if ((inner.IsSymbol("*") || inner.IsCommand("ast") || inner.IsCommand("star")) && Raw(CurrentIndex + 3).IsSymbol("}")
                && (after.Kind == TokenKind.Letter && after.Text == "T" || after.IsCommand("top") || after.IsCommand("intercal")))
            {
                Advance();
                Advance();
                Advance();
                Advance();
                SyntaxNode transpose = after.Kind == TokenKind.Letter ? new Identifier(after.Span, "T", NameStyle.Normal) : new MathSymbol(after.Span, after.Text);
                return new ImplicitMultiplication(TextSpan.FromBounds(inner.Span.Start, after.Span.End), [new MathSymbol(inner.Span, "*"), transpose], false);
            }
            return ParseBraceGroup();
        }
        if (c.Kind == TokenKind.Symbol && c.Text is "-" or "+")
        {
            // e^-{\frac{a}{b}} and e^-x: the sign was meant inside the braces.
            Advance();
            var after = Current;
            // \hat{x}_k^- = ...: TeX takes the sign alone as the superscript, and nothing after it continues an exponent: the label.
            // A^+ \mathbf{A}, P^- H: a space after the sign ends the superscript, as in TeX (the pseudoinverse, the prior label).
            if (IsSign(after) || !Adjacent(c, after) || !(after.IsSymbol("{") || CanStartFactor(after, afterOperand: false))) return new MathSymbol(c.Span, c.Text);
            var arg = ParseScriptArgument(script);
            var damage = TextSpan.FromBounds(script.Span.Start, _lastEnd);
            string written = _text.Substring(damage.Start, damage.Length);
            string inner = written.Substring(2).Trim();
            if (inner.Length >= 2 && inner[0] == '{' && inner[inner.Length - 1] == '}') inner = inner.Substring(1, inner.Length - 2);
            string meant = kind + "{" + c.Text + inner + "}";
            _diagnostics.Warning(damage, DiagnosticCodes.ExponentSignOutsideBraces,
                "repaired '" + Repairs.Quote(_text, damage, 60) + "' to '" + (meant.Length > 60 ? meant.Substring(0, 59) + "…" : meant)
                + "' (the sign was outside the braces)");
            return new Unary(TextSpan.FromBounds(c.Span.Start, _lastEnd), UnaryOf(c), arg);
        }
        if (IsDecorationToken(c))
        {
            Advance();
            return new MathSymbol(c.Span, DecorationName(c));
        }
        if (c.Kind == TokenKind.Letter)
        {
            Advance();
            var n = Current;
            if (n.Kind == TokenKind.Letter && Adjacent(c, n)) WarnOneToken(script, c, RunText(CurrentIndex));
            return new Identifier(c.Span, c.Text, _style);
        }
        if (c.Kind == TokenKind.Number)
        {
            if (c.Text.Length > 1) WarnOneToken(script, new Token(TokenKind.Number, c.Text.Substring(0, 1), new TextSpan(c.Span.Start, 1)), c.Text.Substring(1));
            return TakeSingleCharacter();
        }
        if (CanStartFactor(c, afterOperand: false) && c.Kind != TokenKind.Symbol) return ParsePrimary();
        return Expected(what + " after '" + kind + "'", c);
    }

    private void WarnOneToken(Token script, Token taken, string rest)
    {
        var span = TextSpan.FromBounds(script.Span.Start, taken.Span.End + rest.Length);
        _diagnostics.Warning(span, DiagnosticCodes.ScriptTakesOneToken,
            "'" + script.Text + "' takes one character: '" + script.Text + taken.Text + rest + "' reads as '" + script.Text + taken.Text
            + "' followed by '" + rest + "'; write '" + script.Text + "{" + taken.Text + rest + "}' if the whole was meant");
    }

    private static bool IsDecorationToken(Token t) =>
        t.IsSymbol("*") || (t.Kind == TokenKind.Command && t.Text is "ast" or "star" or "dagger" or "prime");

    private static string DecorationName(Token t) => t.Kind == TokenKind.Symbol ? (t.Text is "-" or "+" ? t.Text : "*") : t.Text;

    /// <summary>Takes the first character of the current Number token (TeX: \frac12 is 1/2, x^10 is x^1 0).</summary>
    private SyntaxNode TakeSingleCharacter()
    {
        var c = Current;
        if (c.Text.Length <= 1)
        {
            Advance();
            return new Number(c.Span, c.Text);
        }
        _numberSplit++;
        _lastEnd = c.Span.Start + 1;
        return new Number(new TextSpan(c.Span.Start, 1), c.Text.Substring(0, 1));
    }

    /// <summary>KL, D_{KL}, H, \mathbb{H}, Entropy: names whose argument list may be in square brackets (H[p], D_{KL}[q \| p]).</summary>
    private static bool IsDivergenceName(Identifier id) =>
        id.Primes == 0 && id.Decoration is null && id.Accent is null
        && ((id.Subscript is null && id.Name is "KL" or "KLD" or "H" or "Entropy" or "CrossEntropy")
            || (id.Name == "D" && id.Subscript is not null));

    private bool IsSquareAhead()
    {
        var t = Current;
        if (_numberSplit > 0) return false;
        return t.IsSymbol("[") || (t.IsCommand("left") && Next.IsSymbol("["));
    }

    private bool IsParenAhead()
    {
        var t = Current;
        if (_numberSplit > 0) return false;
        return t.IsSymbol("(") || (t.IsCommand("left") && Next.IsSymbol("("));
    }

    /// <summary>p(x), q(z; \mu, \sigma^2), KL(q || p): a name and its parenthesised arguments.</summary>
    private SyntaxNode ParseCall(Identifier callee)
    {
        var d = ParseDelimited();
        bool mayBeProduct = callee.IsSingleSymbol && callee.IsUndecorated && d.Items.Count == 1 && d.Separators.Count == 0;
        return new Call(TextSpan.FromBounds(callee.Span.Start, d.Span.End), callee, d.Items, EscapedConditionalBar(callee, d.Separators), d.Left, mayBeProduct);
    }
}
