using SymKl.Latex.Syntax;

namespace SymKl.Latex;

internal sealed partial class Parser
{
    /// <summary>( [ \{ \left( \left[ \left\{ : a bracket that holds a function's arguments.</summary>
    private bool IsOpenBracketAhead()
    {
        if (_numberSplit > 0) return false;
        var t = Current;
        if (t.IsSymbol("(") || t.IsSymbol("[") || t.IsCommand("{") || t.IsCommand("lbrace")) return true;
        if (!t.IsCommand("left")) return false;
        var n = Next;
        return n.IsSymbol("(") || n.IsSymbol("[") || n.IsCommand("{") || n.IsCommand("lbrace");
    }

    /// <summary>
    /// \log x, \log(x), \log_2 x, \sin^2 x, log\left(...\right). With brackets the argument is the bracket;
    /// without, it is the following product of factors up to the next operator: \log 2\pi\sigma^2 is
    /// log(2πσ²), \log x + y is log(x) + y, \log x \log y is log(x)·log(y).
    /// </summary>
    private SyntaxNode ParseFunction(string name, TextSpan nameSpan)
    {
        SyntaxNode? baseNode = null, power = null;
        while (_numberSplit == 0)
        {
            var t = Current;
            if (t.IsSymbol("_") && baseNode is null)
            {
                Advance();
                baseNode = ParseScriptArgument(t);
            }
            else if (t.IsSymbol("^") && power is null)
            {
                Advance();
                power = ParseScriptArgument(t);
            }
            else
            {
                break;
            }
        }
        int start = nameSpan.Start;
        SyntaxNode result;
        if (IsOpenBracketAhead())
        {
            var d = ParseDelimited();
            var args = d.Items.Count == 0
                ? new List<SyntaxNode> { Error(new TextSpan(d.Span.End, 0), DiagnosticCodes.ExpectedArgument, "expected an argument inside the brackets of '" + name + "'") }
                : d.Items;
            result = new FunctionApplication(TextSpan.FromBounds(start, d.Span.End), name, baseNode, args, d.Separators, d.Left);
        }
        else if (Current.IsSymbol("{") && BracedBracketArgument() is { } braced)
        {
            // \exp{\Bigg( … \Bigg)}\frac{a}{b}: braces that only hold a bracketed argument end it, as the bracket would.
            result = new FunctionApplication(From(start), name, baseNode, new[] { braced.Body }, Array.Empty<Separator>(), braced.Left);
        }
        else
        {
            var t = Current;
            var arg = CanStartOperand(t) ? ParseOperatorArgument() : Expected("an argument after '" + name + "'", t);
            result = new FunctionApplication(From(start), name, baseNode, new[] { arg }, Array.Empty<Separator>(), null);
        }
        if (power is not null) result = new Power(From(start), result, power);
        return result;
    }

    /// <summary>{( … )} or {[ … ]} at the cursor (a TeX group is read as its content): the bracket the braces hold, else nothing read.</summary>
    private Group? BracedBracketArgument()
    {
        var saved = Save();
        if (ParsePrimary() is Group { Left: Bracket.Paren or Bracket.Square } inner && inner.Left == inner.Right && Raw(CurrentIndex - 1).IsSymbol("}"))
            return inner;
        Restore(saved);
        return null;
    }

    private SyntaxNode ParseOperatorArgument()
    {
        using var guard = Nest();
        if (_abandoned) return Abandoned();
        var t = Current;
        if (IsSign(t))
        {
            Advance();
            var next = Current;
            var operand = CanStartOperand(next) ? ParseOperatorArgument() : Expected("an expression after '" + OperatorText(t) + "'", next);
            return new Unary(TextSpan.FromBounds(t.Span.Start, operand.Span.End), UnaryOf(t), operand);
        }
        return ParseJuxtaposition(operatorArgument: true);
    }

    /// <summary>_lower and ^upper of a big operator, in either order.</summary>
    private (SyntaxNode? Lower, SyntaxNode? Upper) ParseLimits()
    {
        SyntaxNode? lower = null, upper = null;
        while (_numberSplit == 0)
        {
            var t = Current;
            if (!t.IsSymbol("_") && !t.IsSymbol("^")) break;
            bool isLower = t.Text == "_";
            if ((isLower && lower is not null) || (!isLower && upper is not null))
            {
                _diagnostics.Error(t.Span, DiagnosticCodes.DoubleScript, isLower ? "double subscript on an operator" : "double superscript on an operator");
            }
            Advance();
            var arg = ParseScriptArgument(t);
            if (isLower) lower = arg;
            else upper = arg;
        }
        return (lower, upper);
    }

    // ------------------------------------------------------------ integrals

    /// <summary>
    /// \int_a^b body dx. The body is a sum that ends at its differential (dx, d\mathbf{x}, \mathrm{d}x,
    /// d\theta). An extra ')' right before the differential is removed with a warning; a missing
    /// differential is recorded (no Differentials) with a warning.
    /// </summary>
    private SyntaxNode ParseIntegral(Token t)
    {
        Advance();
        int multiplicity = t.Text switch
        {
            "iint" => 2,
            "iiint" => 3,
            _ => 1,
        };
        var (lower, upper) = ParseLimits();
        int savedDifferential = _differentialDepth;
        int savedQuad = _quadStopDepth;
        _quadStopDepth = -1; // \int f \quad dx: spacing inside the integral does not end the clause
        _differentialDepth = GroupDepth;
        _integralDepths.Add(GroupDepth);
        var differentials = new List<Differential>();
        SyntaxNode? body = null;
        bool popped = false;
        try
        {
            if (IsDifferentialAhead())
            {
                // \int dx\, f(x): the differential first
                PopIntegral(ref popped);
                differentials.AddRange(ParseDifferentials(multiplicity));
                if (CanStartOperand(Current)) body = ParseAdditive();
            }
            else
            {
                var first = Current;
                var beforeBody = Save();
                body = CanStartOperand(first) ? ParseAdditive() : Expected("the integrand after '\\" + t.Text + "'", first);
                PopIntegral(ref popped);
                // No differential anywhere after a sum: nothing marks where the integrand ends, and a '+' at the top
                // level ends a term ("∫ f + ½ ∫ g" written without dx is two integrals, not one of f + ½ ∫ g).
                if (body is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } && !IsDifferentialAhead()
                    && !(IsStrayCloser(Current) && TryMatchDifferential(CurrentIndex + 1)))
                {
                    Restore(beforeBody);
                    body = ParseSignedTerm();
                }
                if (IsDifferentialAhead())
                {
                    differentials.AddRange(ParseDifferentials(multiplicity));
                }
                else if (IsStrayCloser(Current) && TryMatchDifferential(CurrentIndex + 1))
                {
                    var stray = Advance();
                    _diagnostics.Warning(stray.Span, DiagnosticCodes.StrayClosingBracket,
                        "removed unmatched '" + stray.Text + "' before the differential of the integral at " + Describe(t.Span.Start));
                    differentials.AddRange(ParseDifferentials(multiplicity));
                }
                else if (DifferentialInFraction(body) is { } moved)
                {
                    // \int_0^1 \frac{dx}{1 + x^2}, \int \frac{2\,dt}{t}: the differential written in the numerator.
                    body = moved.Body;
                    differentials.Add(moved.Differential);
                }
                else
                {
                    _diagnostics.Warning(t.Span, DiagnosticCodes.MissingDifferential,
                        "missing differential: the integral at " + Describe(t.Span.Start) + " has no 'dx' after its integrand");
                }
            }
        }
        finally
        {
            PopIntegral(ref popped);
            _differentialDepth = savedDifferential;
            _quadStopDepth = savedQuad;
        }
        return new Integral(From(t.Span.Start), t.Text, lower, upper, body, differentials);
    }

    /// <summary>
    /// An integrand that is, or ends with, a fraction whose numerator ends with d and a name (\frac{dx}{1+x^2},
    /// x \frac{du}{2}, \frac{2\,dt}{t}): ∫ f \frac{c\,dx}{g} = ∫ \frac{c f}{g} dx, so the integrand with that fraction's
    /// numerator c (1 when only dx is written) and the differential. Null for anything else, and when the denominator
    /// starts with d too (\frac{dy}{dx} is a derivative, not a differential).
    /// </summary>
    private static (SyntaxNode Body, Differential Differential)? DifferentialInFraction(SyntaxNode? body)
    {
        var fraction = body switch
        {
            Fraction f => f,
            ImplicitMultiplication { Factors.Count: > 1 } im => im.Factors[im.Factors.Count - 1] as Fraction,
            _ => null,
        };
        if (fraction is null || fraction.Style is not (FractionStyle.Frac or FractionStyle.DFrac or FractionStyle.TFrac)) return null;
        var factors = Factors(fraction.Numerator);
        if (factors.Count < 2 || !IsPlainD(factors[factors.Count - 2]) || factors[factors.Count - 1] is not Identifier { Primes: 0 } variable) return null;
        if (fraction.Denominator is ImplicitMultiplication { Factors: [var first, ..] } && IsPlainD(first)) return null;
        var d = factors[factors.Count - 2];
        var rest = factors.Take(factors.Count - 2).ToList();
        SyntaxNode numerator = rest.Count switch
        {
            0 => new Number(d.Span, "1"),
            1 => rest[0],
            _ => new ImplicitMultiplication(TextSpan.FromBounds(rest[0].Span.Start, rest[rest.Count - 1].Span.End), rest, false),
        };
        var moved = fraction with { Numerator = numerator };
        var newBody = body is ImplicitMultiplication product
            ? product with { Factors = product.Factors.Take(product.Factors.Count - 1).Append(moved).ToList() }
            : (SyntaxNode)moved;
        return (newBody, new Differential(TextSpan.FromBounds(d.Span.Start, variable.Span.End), variable));
    }

    /// <summary>The factors of an implicit product, with a product in its last place (2\,dt: 2 times the run dt) opened up.</summary>
    private static List<SyntaxNode> Factors(SyntaxNode node)
    {
        var factors = new List<SyntaxNode> { node };
        for (var depth = 0; depth < 8 && factors[factors.Count - 1] is ImplicitMultiplication last; depth++)
        {
            factors.RemoveAt(factors.Count - 1);
            factors.AddRange(last.Factors);
        }
        return factors;
    }

    private static bool IsPlainD(SyntaxNode node) =>
        node is Identifier { Name: "d", Subscript: null, Primes: 0, Decoration: null, Accent: null, Style: NameStyle.Normal or NameStyle.Roman };

    private void PopIntegral(ref bool popped)
    {
        if (popped) return;
        popped = true;
        _integralDepths.RemoveAt(_integralDepths.Count - 1);
    }

    /// <summary>
    /// An inner integral takes as many differentials as it has signs when an outer integral at the same
    /// level is still waiting (\int\int f dx dy); otherwise it takes all that follow.
    /// </summary>
    private List<Differential> ParseDifferentials(int multiplicity)
    {
        bool outerWaiting = _integralDepths.Contains(GroupDepth);
        int max = outerWaiting ? multiplicity : int.MaxValue;
        var list = new List<Differential>();
        while (list.Count < max && IsDifferentialAhead()) list.Add(ParseDifferential());
        return list;
    }

    private bool IsDifferentialAhead() =>
        _differentialDepth >= 0 && _differentialDepth == GroupDepth && _numberSplit == 0 && TryMatchDifferential(CurrentIndex);

    /// <summary>A run "dx", "dxdy" (pairs of 'd' and a letter).</summary>
    private static bool IsDifferentialRun(string run)
    {
        if (run.Length < 2 || run.Length % 2 != 0) return false;
        for (int i = 0; i < run.Length; i += 2)
        {
            if (run[i] != 'd') return false;
        }
        return true;
    }

    private int SkipSpaceTokens(int index)
    {
        while (Raw(index).Kind is TokenKind.Space or TokenKind.Quad) index++;
        return index;
    }

    /// <summary>Does a differential start at this raw token index? (d x, dx, d\mathbf{x}, \mathrm{d}x, d\theta)</summary>
    private bool TryMatchDifferential(int index)
    {
        var t = Raw(index);
        if (t.Kind == TokenKind.Letter && t.Text == "d")
        {
            var n = Raw(index + 1);
            if (n.Kind == TokenKind.Letter && Adjacent(t, n)) return IsDifferentialRun(RunText(index));
            var after = SkipSpaceTokens(index + 1);
            return IsDifferentialVariable(after) || IsBracedDifferentialVariable(after) || IsParenthesisedDifferential(after);
        }
        if (t.Kind == TokenKind.Command && t.Text is "mathrm" or "mathit" or "mathup"
            && Raw(index + 1).IsSymbol("{") && Raw(index + 2).Kind == TokenKind.Letter && Raw(index + 2).Text == "d" && Raw(index + 3).IsSymbol("}"))
        {
            var after = SkipSpaceTokens(index + 4);
            return IsDifferentialVariable(after) || IsParenthesisedDifferential(after);
        }
        // \mathrm dz, \mathrm d z: the style command takes the single letter d as its argument.
        if (IsUnbracedStyledD(index))
            return IsDifferentialVariable(SkipSpaceTokens(SkipSpaceTokens(index + 1) + 1));
        if (t.Kind is TokenKind.Text or TokenKind.OperatorName && t.Text.Trim() == "d")
        {
            return IsDifferentialVariable(SkipSpaceTokens(index + 1));
        }
        return UprightDifferentialWord(index) is not null;
    }

    /// <summary>
    /// \text{dz}, \mathrm{dx}, \operatorname{dt}: the whole differential set upright as one word (the letter d and the
    /// variable's one letter), as \mathrm{d}x is. The token that holds the variable's letter, or null.
    /// </summary>
    private Token? UprightDifferentialWord(int index)
    {
        var t = Raw(index);
        if (t.Kind is TokenKind.Text or TokenKind.OperatorName)
        {
            var word = t.Text.Trim();
            return word.Length == 2 && word[0] == 'd' && IsAsciiLetter(word[1]) ? t : null;
        }
        if (t.Kind == TokenKind.Command && t.Text is "mathrm" or "mathit" or "mathup" or "rm" && Raw(index + 1).IsSymbol("{")
            && Raw(index + 2) is { Kind: TokenKind.Letter, Text: "d" } d && Raw(index + 3) is { Kind: TokenKind.Letter } v
            && Adjacent(d, v) && Raw(index + 4).IsSymbol("}"))
            return v;
        return null;
    }

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>
    /// d(z + μ), \mathrm{d}\left(\sqrt{2}\sigma t + \mu\right) ending an integral: the differential of an expression (a
    /// substitution written in place). Only where the integral ends right after the closing bracket, so that d(x, y) inside
    /// an integrand (a distance, a density named d) stays a function applied.
    /// </summary>
    private bool IsParenthesisedDifferential(int index)
    {
        var open = Raw(index);
        int inner;
        if (open.IsSymbol("(")) inner = index + 1;
        else if (open.Kind == TokenKind.Command && open.Text is "left" or "big" or "Big" or "bigl" or "Bigl" && Raw(index + 1).IsSymbol("(")) inner = index + 2;
        else return false;
        var depth = 1;
        var i = inner;
        for (var steps = 0; steps < 10_000 && depth > 0; steps++, i++)
        {
            var t = Raw(i);
            if (t.Kind is TokenKind.EndOfInput or TokenKind.RowBreak) return false;
            if (t.IsSymbol("(")) depth++;
            else if (t.IsSymbol(")")) depth--;
        }
        if (depth != 0) return false;
        var next = Raw(SkipSpaceTokens(i));
        return next.Kind is TokenKind.EndOfInput or TokenKind.RowBreak or TokenKind.Quad or TokenKind.End
            || next.Kind == TokenKind.Symbol && next.Text is "}" or ")" or "]" or "&" or "=" or "+" or "-" or "," or "." or ";" or "<" or ">"
            || next.Kind == TokenKind.Command && next.Text is "right" or "leq" or "geq" or "le" or "ge" or "approx" or "neq" or "quad" or "qquad" or "label" or "tag" or "," or ";";
    }

    private bool IsUnbracedStyledD(int index)
    {
        var t = Raw(index);
        var d = Raw(SkipSpaceTokens(index + 1));
        return t.Kind == TokenKind.Command && t.Text is "mathrm" or "mathit" or "mathup" && d.Kind == TokenKind.Letter && d.Text == "d";
    }

    /// <summary>d{z}, d{\theta}: the variable of a differential in braces of its own (one letter or Greek name).</summary>
    private bool IsBracedDifferentialVariable(int index)
    {
        if (!Raw(index).IsSymbol("{") || !Raw(index + 2).IsSymbol("}")) return false;
        var v = Raw(index + 1);
        return v.Kind == TokenKind.Letter || v.Kind == TokenKind.Command && Symbols.Greek.Contains(v.Text);
    }

    private bool IsDifferentialVariable(int index)
    {
        var v = Raw(index);
        if (v.Kind == TokenKind.Letter) return true;
        if (v.Kind != TokenKind.Command) return false;
        return Symbols.Greek.Contains(v.Text) || Symbols.StyleCommands.ContainsKey(v.Text) || v.Text is "vec" or "hat" or "bar" or "tilde";
    }

    private Differential ParseDifferential()
    {
        var t = Current;
        int start = t.Span.Start;
        if (UprightDifferentialWord(CurrentIndex) is { } word)
        {
            // \text{dz} (one token) or \mathrm{dz} (the command, braces and letters): the variable is the word's last letter.
            var letter = word.Kind == TokenKind.Letter ? word.Text : word.Text.Trim().Substring(1);
            var letterSpan = word.Kind == TokenKind.Letter ? word.Span : t.Span;
            var count = t.Kind == TokenKind.Command ? 5 : 1;
            for (var k = 0; k < count; k++) Advance();
            return new Differential(From(start), new Identifier(letterSpan, letter, _style));
        }
        if (IsUnbracedStyledD(CurrentIndex))
        {
            // \mathrm d
            Advance();
            Advance();
        }
        else if (t.Kind == TokenKind.Command)
        {
            // \mathrm{d}
            Advance();
            Advance();
            Advance();
            Advance();
        }
        else
        {
            Advance(); // 'd', \text{d} or \operatorname{d}
        }
        var v = Current;
        SyntaxNode variable;
        if (IsBracedDifferentialVariable(CurrentIndex))
        {
            // d{z}: the braces only hold the variable
            Advance();
            var inner = Advance();
            variable = new Identifier(inner.Span, inner.Text, _style);
            Advance();
        }
        else if (v.Kind == TokenKind.Letter)
        {
            Advance();
            variable = new Identifier(v.Span, v.Text, _style);
        }
        else
        {
            variable = ParsePrimary();
        }
        if (Current.IsSymbol("_") && _numberSplit == 0 && variable is Identifier id && id.Subscript is null)
        {
            var u = Advance();
            var sub = ParseScriptArgument(u);
            variable = id with { Span = From(id.Span.Start), Subscript = sub };
        }
        // dθ', dx'': the dummy variable of ∫ p(x | θ') p(θ') dθ' carries its primes (not a prime on the whole integral).
        if (variable is Identifier { Primes: 0 } primed && Current.IsSymbol("'") && Adjacent(Raw(CurrentIndex - 1), Current))
        {
            var primes = 0;
            while (Current.IsSymbol("'"))
            {
                Advance();
                primes++;
            }
            variable = primed with { Span = From(primed.Span.Start), Primes = primes };
        }
        // dσ^2: the differential of the variance (∫ f dσ²), not a power of the whole integral.
        if (variable is Identifier && Current.IsSymbol("^") && _numberSplit == 0)
        {
            var caret = Advance();
            var exponent = ParseScriptArgument(caret);
            variable = new Power(From(variable.Span.Start), variable, exponent);
        }
        return new Differential(From(start), variable);
    }

    // ------------------------------------------------------------ sums, products, operators

    /// <summary>\sum_{i=1}^{N} body: the body is the following term (a product, with its sign), so \sum_i a_i + b = (\sum_i a_i) + b.</summary>
    private SyntaxNode ParseSumOrProduct(Token t)
    {
        Advance();
        var (lower, upper) = ParseLimits();
        var first = Current;
        var body = CanStartOperand(first) ? ParseSignedTerm() : Expected("an expression after '\\" + t.Text + "'", first);
        var span = From(t.Span.Start);
        return t.Text switch
        {
            "sum" => new Sum(span, lower, upper, body),
            "prod" => ProductClosedAtBracket(t.Span, lower, upper, body, end => TextSpan.FromBounds(t.Span.Start, end.End)),
            _ => new Operator(span, t.Text, lower, upper, body),
        };
    }

    /// <summary>
    /// argmin/argmax/min/max/sup/inf take the rest of the sum as operand (argmin_θ a - b is argmin of a - b);
    /// lim takes the following term. \max(a, b) without a script is a function of its arguments.
    /// </summary>
    private SyntaxNode ParseLimitOperator(string name, TextSpan nameSpan)
    {
        var (under, over) = ParseLimits();
        return ParseOperatorOperand(name, nameSpan.Start, under, over);
    }

    private SyntaxNode ParseOperatorOperand(string name, int start, SyntaxNode? under, SyntaxNode? over)
    {
        if (under is null && over is null && name is "max" or "min" or "sup" or "inf" && IsOpenBracketAhead())
        {
            var d = ParseDelimited();
            return new FunctionApplication(From(start), name, null, d.Items, d.Separators, d.Left);
        }
        var first = Current;
        SyntaxNode operand;
        if (!CanStartOperand(first)) operand = Expected("an operand after '" + name + "'", first);
        else operand = Symbols.TakesWholeSum(name) ? ParseAdditive() : ParseSignedTerm();
        return new Operator(From(start), name, under, over, operand);
    }

    /// <summary>\underset{\theta}{argmin} f: an operator with an under-script; any other \underset keeps its base.</summary>
    private SyntaxNode ParseUnderset(Token t)
    {
        Advance();
        var under = ParseMacroArgument("'\\underset'");
        var s = Save();
        if (Current.IsSymbol("{"))
        {
            Advance();
            string? op = ReadOperatorWord();
            if (op is not null && Current.IsSymbol("}"))
            {
                Advance();
                var (extraUnder, over) = ParseLimits();
                return ParseOperatorOperand(op, t.Span.Start, extraUnder ?? under, over);
            }
            Restore(s);
        }
        else
        {
            string? op = ReadOperatorWord();
            if (op is not null) return ParseOperatorOperand(op, t.Span.Start, under, null);
            Restore(s);
        }
        var baseNode = ParseMacroArgument("'\\underset'");
        _diagnostics.Warning(under.Span, DiagnosticCodes.IgnoredAnnotation,
            "ignored the annotation '" + Repairs.Quote(_text, under.Span) + "' of '\\underset' (its base is not an operator)");
        return baseNode;
    }

    /// <summary>argmin, \arg\min, \min, \operatorname{argmin}, \mathrm{argmax} ... as the base of \underset.</summary>
    private string? ReadOperatorWord()
    {
        var t = Current;
        if (t.Kind == TokenKind.Letter)
        {
            string run = RunText(CurrentIndex);
            if (Symbols.ClassifyWord(run) != WordKind.LimitOperator) return null;
            for (int k = 0; k < run.Length; k++) Advance();
            return run;
        }
        if (t.Kind == TokenKind.OperatorName || (t.Kind == TokenKind.Text && IsNameLikeText(t)))
        {
            string word = t.Text.Trim();
            if (Symbols.ClassifyWord(word) != WordKind.LimitOperator) return null;
            Advance();
            return word;
        }
        if (t.Kind != TokenKind.Command) return null;
        if (Symbols.LimitCommands.Contains(t.Text))
        {
            Advance();
            return t.Text;
        }
        if (t.Text == "arg" && (Next.IsCommand("min") || Next.IsCommand("max")))
        {
            Advance();
            return "arg" + Advance().Text;
        }
        if (t.Text is "mathrm" or "mathop" && Next.IsSymbol("{"))
        {
            Advance();
            Advance();
            string? inner = ReadOperatorWord();
            if (inner is null || !Current.IsSymbol("}")) return null;
            Advance();
            return inner;
        }
        return null;
    }

    // ------------------------------------------------------------ expectation

    /// <summary>
    /// E[...], E_{x \sim p}[...], \mathbb{E}_q[f], \mathbb{E}_q f. A plain 'E' is an expectation only when
    /// a square bracket (or \left[) follows; E(x) stays a call.
    /// </summary>
    private SyntaxNode? TryParseExpectation(Identifier id)
    {
        if (id.Subscript is not null || id.Primes != 0 || id.Decoration is not null || id.Accent is not null) return null;
        if (id.Style is not (NameStyle.Normal or NameStyle.Blackboard or NameStyle.Roman or NameStyle.Calligraphic)) return null;
        var s = Save();
        SyntaxNode? sub = null;
        var t = Current;
        if (t.IsSymbol("_") && _numberSplit == 0)
        {
            Advance();
            sub = ParseScriptArgument(t);
        }
        bool plain = id.Style == NameStyle.Normal;
        var c = Current;
        bool square = c.IsSymbol("[") || (c.IsCommand("left") && Next.IsSymbol("["));
        bool otherBracket = IsOpenBracketAhead() && !square;
        if (square || (otherBracket && !plain))
        {
            var d = ParseDelimited();
            var body = d.Items.Count == 0
                ? Error(new TextSpan(d.Span.End, 0), DiagnosticCodes.ExpectedExpression, "expected an expression inside the brackets of the expectation")
                : BodyOf(d.Items, d.Separators);
            return new Expectation(TextSpan.FromBounds(id.Span.Start, d.Span.End), sub, body, d.Left);
        }
        if (!plain && CanStartOperand(c))
        {
            var body = ParseSignedTerm();
            return new Expectation(TextSpan.FromBounds(id.Span.Start, body.Span.End), sub, body, Bracket.None);
        }
        Restore(s);
        return null;
    }
}
