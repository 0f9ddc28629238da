namespace SymKl.Latex;

/// <summary>
/// F(t) \Big|_a^b, F \big\rvert_{t=a}^{b}, F \right|_a^b (no \left.): the bar after an antiderivative that evaluates it
/// between two ends, F(b) − F(a). TeX writers often drop the \left. that opens it; the bar then covers everything back to
/// the relation (or row start) before it, as the reader reads it. The tokens get the \left. the writer left out, so the
/// parser reads the evaluation bracket it already knows. Only when the reading is clear: both ends given, nothing after
/// the ends but the end of the side, and no other bar, \left or open bracket between the side's start and the bar
/// (|x|_a^b, \left| x \right|_2 stay as they were).
/// </summary>
internal static class EvaluationBars
{
    /// <summary>Budget: a display with more bars than this is left as written.</summary>
    private const int MaxBars = 64;

    public static void Restore(List<Token> tokens)
    {
        int seen = 0;
        for (int i = 0; i < tokens.Count && seen < MaxBars; i++)
        {
            int barLength = BarLength(tokens, i);
            if (barLength == 0) continue;
            seen++;
            int afterEnds = SkipEnds(tokens, i + barLength);
            if (afterEnds < 0 || !EndsSide(tokens, afterEnds)) continue;
            int start = SideStart(tokens, i);
            if (start < 0 || start == i) continue;
            var at = new TextSpan(tokens[start].Span.Start, 0);
            var bar = tokens[i];
            NameTheVariable(tokens, start, i, i + barLength);
            if (barLength == 1)
            {
                tokens[i] = new Token(TokenKind.Symbol, "|", bar.Span);
                tokens.Insert(i, new Token(TokenKind.Command, "right", new TextSpan(bar.Span.Start, 0)));
            }
            tokens.Insert(start, new Token(TokenKind.Symbol, ".", at));
            tokens.Insert(start, new Token(TokenKind.Command, "left", at));
            i += 3;
        }
    }

    /// <summary>
    /// -\frac12 (y - t)^2 \Big|_y^\mu after \int_y^\mu (y - t)\,dt: ends that repeat the limits of an integral of the same
    /// display evaluate over that integral's variable, written into the lower end (_{t=y}) so the reader need not guess
    /// between the free names. Only when every integral with those limits has the same one-letter variable and the side
    /// mentions it; ends that already name a variable (_{x=0}) are left alone.
    /// </summary>
    private static void NameTheVariable(List<Token> tokens, int sideStart, int bar, int endsStart)
    {
        if (!TryReadEnds(tokens, endsStart, out var lower, out var upper, out int lowerAt)) return;
        if (lower.Any(t => t.IsSymbol("="))) return;
        Token? variable = null;
        for (int k = 0; k < tokens.Count; k++)
        {
            if (!tokens[k].IsCommand("int") || !TryReadEnds(tokens, k + 1, out var from, out var to, out _)) continue;
            if (!SameText(from, lower) || !SameText(to, upper)) continue;
            var v = DifferentialAfter(tokens, k + 1);
            if (v is null || (variable is { } seen && seen.Text != v.Value.Text)) return;
            variable = v;
        }
        if (variable is not { } name) return;
        bool mentioned = false;
        for (int k = sideStart; k < bar; k++) mentioned |= tokens[k].Kind == name.Kind && tokens[k].Text == name.Text;
        if (!mentioned) return;
        var at = new TextSpan(tokens[lowerAt].Span.Start, 0);
        var named = new[] { new Token(name.Kind, name.Text, at), new Token(TokenKind.Symbol, "=", at) };
        if (tokens[lowerAt].IsSymbol("{"))
        {
            tokens.InsertRange(lowerAt + 1, named);
            return;
        }
        tokens.Insert(lowerAt + 1, new Token(TokenKind.Symbol, "}", new TextSpan(tokens[lowerAt].Span.End, 0)));
        tokens.InsertRange(lowerAt, named);
        tokens.Insert(lowerAt, new Token(TokenKind.Symbol, "{", at));
    }

    /// <summary>The tokens of _lower and ^upper (braces dropped) in either order, and where the lower argument starts.</summary>
    private static bool TryReadEnds(List<Token> tokens, int i, out List<Token> lower, out List<Token> upper, out int lowerAt)
    {
        lower = new List<Token>();
        upper = new List<Token>();
        lowerAt = -1;
        for (int k = 0; k < 2; k++)
        {
            if (i >= tokens.Count) return false;
            bool isLower = tokens[i].IsSymbol("_");
            if (!isLower && !tokens[i].IsSymbol("^")) return false;
            int end = SkipScriptArgument(tokens, i + 1);
            if (end < 0) return false;
            if (isLower) lowerAt = i + 1;
            var target = isLower ? lower : upper;
            for (int j = i + 1; j < end; j++)
            {
                if (!(tokens[j].IsSymbol("{") || tokens[j].IsSymbol("}"))) target.Add(tokens[j]);
            }
            i = end;
        }
        return lowerAt >= 0 && upper.Count > 0;
    }

    private static bool SameText(List<Token> a, List<Token> b) =>
        a.Count == b.Count && a.Count > 0 && a.Zip(b, (x, y) => x.Kind == y.Kind && x.Text == y.Text).All(same => same);

    /// <summary>The variable of the first differential (dt, d\rho, \mathrm{d}t) after an integral sign, at its depth.</summary>
    private static Token? DifferentialAfter(List<Token> tokens, int i)
    {
        int depth = 0;
        for (int k = i; k < tokens.Count && k < i + 400; k++)
        {
            var t = tokens[k];
            if (t.IsSymbol("{") || t.IsSymbol("(") || t.IsSymbol("[")) depth++;
            else if (t.IsSymbol("}") || t.IsSymbol(")") || t.IsSymbol("]")) depth--;
            if (depth < 0 || t.Kind is TokenKind.RowBreak or TokenKind.End || t.IsSymbol("=") || t.IsSymbol("&")) return null;
            if (!t.IsCommand("mathrm") && !(t.Kind == TokenKind.Letter && t.Text == "d" && !Touches(tokens, k - 1, k))) continue;
            int v = k + 1;
            if (t.IsCommand("mathrm"))
            {
                if (!(k + 3 < tokens.Count && tokens[k + 1].IsSymbol("{") && tokens[k + 2].Kind == TokenKind.Letter && tokens[k + 2].Text == "d" && tokens[k + 3].IsSymbol("}"))) continue;
                v = k + 4;
            }
            if (v >= tokens.Count) return null;
            var name = tokens[v];
            bool letter = name.Kind == TokenKind.Letter && !Touches(tokens, v, v + 1);
            bool greek = name.Kind == TokenKind.Command && Symbols.Greek.Contains(name.Text);
            if ((letter || greek) && !(v + 1 < tokens.Count && tokens[v + 1].IsSymbol("_"))) return depth == 0 ? name : null;
        }
        return null;
    }

    /// <summary>Two letters whose spans touch (one word).</summary>
    private static bool Touches(List<Token> tokens, int a, int b) =>
        a >= 0 && b < tokens.Count && tokens[a].Kind == TokenKind.Letter && tokens[b].Kind == TokenKind.Letter && tokens[a].Span.End == tokens[b].Span.Start;

    /// <summary>1 for |, \vert, \rvert; 2 for \right| and \right\vert; 0 when no single bar starts here.</summary>
    private static int BarLength(List<Token> tokens, int i)
    {
        // The delimiter of a \left or \right is read with it (\right| is the two-token bar below).
        if (IsSingleBar(tokens[i]) && i > 0 && (tokens[i - 1].IsCommand("right") || tokens[i - 1].IsCommand("left") || tokens[i - 1].IsCommand("middle"))) return 0;
        if (IsSingleBar(tokens[i])) return i + 1 < tokens.Count && (tokens[i + 1].IsSymbol("_") || tokens[i + 1].IsSymbol("^")) ? 1 : 0;
        if (tokens[i].IsCommand("right") && i + 1 < tokens.Count && IsSingleBar(tokens[i + 1])) return 2;
        return 0;
    }

    private static bool IsSingleBar(Token t) => t.IsSymbol("|") || t.IsCommand("vert") || t.IsCommand("rvert");

    /// <summary>_lower^upper or ^upper_lower, both given; the index just past them, or −1.</summary>
    private static int SkipEnds(List<Token> tokens, int i)
    {
        bool lower = false, upper = false;
        for (int k = 0; k < 2; k++)
        {
            if (i >= tokens.Count) break;
            if (tokens[i].IsSymbol("_") && !lower) lower = true;
            else if (tokens[i].IsSymbol("^") && !upper) upper = true;
            else break;
            i = SkipScriptArgument(tokens, i + 1);
            if (i < 0) return -1;
        }
        return lower && upper ? i : -1;
    }

    /// <summary>One script argument: a {…} group, a number, a letter or a command without arguments (\mu, \infty).</summary>
    private static int SkipScriptArgument(List<Token> tokens, int i)
    {
        if (i >= tokens.Count) return -1;
        var t = tokens[i];
        if (t.IsSymbol("{"))
        {
            int depth = 0;
            for (int k = i; k < tokens.Count; k++)
            {
                if (tokens[k].IsSymbol("{")) depth++;
                else if (tokens[k].IsSymbol("}") && --depth == 0) return k + 1;
            }
            return -1;
        }
        if (t.Kind is TokenKind.Letter or TokenKind.Number) return i + 1;
        if (t.IsSymbol("-") && i + 1 < tokens.Count && tokens[i + 1].Kind is TokenKind.Letter or TokenKind.Number) return i + 2;
        if (t.Kind == TokenKind.Command && (Symbols.Greek.Contains(t.Text) || t.Text == "infty")) return i + 1;
        return -1;
    }

    /// <summary>The side ends here: a relation, an alignment point, a row break, the end, or closing punctuation.</summary>
    private static bool EndsSide(List<Token> tokens, int i)
    {
        if (i >= tokens.Count) return true;
        var t = tokens[i];
        return t.Kind is TokenKind.EndOfInput or TokenKind.RowBreak or TokenKind.End or TokenKind.Quad
            || t.Kind == TokenKind.Symbol && t.Text is "=" or "<" or ">" or "&" or "," or "." or ";"
            || t.Kind == TokenKind.Command && Symbols.TryGetRelation(t.Text, out _, out _);
    }

    /// <summary>The first token of the side the bar closes, or −1 when another bar, a \left or an open bracket is in the way.</summary>
    private static int SideStart(List<Token> tokens, int bar)
    {
        int depth = 0, sized = 0;
        for (int k = bar - 1; k >= 0; k--)
        {
            var t = tokens[k];
            if (depth == 0 && (t.Kind is TokenKind.RowBreak or TokenKind.Begin or TokenKind.Quad or TokenKind.Text
                || t.Kind == TokenKind.Symbol && t.Text is "=" or "<" or ">" or "&" or ","
                || t.Kind == TokenKind.Command && Symbols.TryGetRelation(t.Text, out _, out _)))
                return k + 1;
            // \left … \right pairs before the bar are brackets of the side; a \left without its \right encloses the bar.
            if (t.IsCommand("right")) { sized++; continue; }
            if (t.IsCommand("left"))
            {
                if (sized == 0) return -1;
                sized--;
                continue;
            }
            if (t.Kind == TokenKind.Command && t.Text is "|" or "Vert" or "lVert" or "rVert" or "lvert" or "rvert" or "vert" or "middle") return -1;
            if (t.IsSymbol("|")) return -1;
            if (t.IsSymbol(")") || t.IsSymbol("]") || t.IsSymbol("}") || t.IsCommand("}")) depth++;
            else if (t.IsSymbol("(") || t.IsSymbol("[") || t.IsSymbol("{") || t.IsCommand("{"))
            {
                if (depth == 0) return -1;
                depth--;
            }
        }
        return depth == 0 ? 0 : -1;
    }
}
