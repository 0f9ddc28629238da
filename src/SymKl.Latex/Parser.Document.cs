using SymKl.Latex.Syntax;

namespace SymKl.Latex;

internal sealed partial class Parser
{
    private sealed class OpenEnvironment
    {
        public OpenEnvironment(string name, TextSpan begin, int firstRow, bool alignLike)
        {
            Name = name;
            Begin = begin;
            FirstRow = firstRow;
            AlignLike = alignLike;
        }

        public string Name { get; }

        public TextSpan Begin { get; }

        public int FirstRow { get; }

        public bool AlignLike { get; }
    }

    /// <summary>
    /// The whole display: rows separated by \\; row environments (align, aligned, split ...) are flattened,
    /// each row remembering its innermost environment; cases/matrices inside expressions stay nodes.
    /// </summary>
    public MathDocument ParseDocument()
    {
        var rows = new List<MathRow>();
        var environments = new List<EnvironmentInfo>();
        var stack = new List<OpenEnvironment>();
        while (true)
        {
            int rowStart = _pos; // before trivia: a row's leading '&' belongs to the row
            var t = Current;
            if (t.Kind == TokenKind.EndOfInput) break;
            if (t.Kind == TokenKind.Begin && IsRowEnvironment(t.Text))
            {
                Advance();
                bool alignLike = Symbols.IsAlignLike(t.Text);
                if (!Symbols.RowEnvironments.Contains(t.Text))
                {
                    _diagnostics.Warning(t.Span, DiagnosticCodes.UnknownCommand,
                        "unknown environment '" + t.Text + "' read as rows of equations");
                }
                stack.Add(new OpenEnvironment(t.Text, t.Span, rows.Count, alignLike));
                if (alignLike) _alignEnvDepth++;
                continue;
            }
            if (t.Kind == TokenKind.End)
            {
                Advance();
                CloseEnvironment(t, stack, rows, environments);
                continue;
            }
            if (t.Kind == TokenKind.RowBreak)
            {
                Advance();
                continue;
            }
            var row = ParseRow(stack.Count > 0 ? stack[stack.Count - 1].Name : null, rowStart);
            if (row.Items.Count > 0) rows.Add(row);
        }
        for (int i = stack.Count - 1; i >= 0; i--)
        {
            var open = stack[i];
            _diagnostics.Warning(open.Begin, DiagnosticCodes.UnclosedEnvironment,
                "missing '\\end{" + open.Name + "}': the environment opened at " + Describe(open.Begin.Start)
                + " is closed at the end of the input");
            environments.Add(new EnvironmentInfo(open.Name, open.Begin, null, open.FirstRow, rows.Count - open.FirstRow));
        }
        environments.Sort((a, b) => a.BeginSpan.Start.CompareTo(b.BeginSpan.Start));
        return new MathDocument(new TextSpan(0, _text.Length), rows, environments);
    }

    /// <summary>Environments that hold rows at the document level (everything but cases and matrices).</summary>
    private static bool IsRowEnvironment(string name) =>
        !Symbols.CasesEnvironments.Contains(name) && !Symbols.MatrixEnvironments.Contains(name);

    private void CloseEnvironment(Token end, List<OpenEnvironment> stack, List<MathRow> rows, List<EnvironmentInfo> environments)
    {
        if (stack.Count == 0)
        {
            _diagnostics.Error(end.Span, DiagnosticCodes.UnexpectedEnd,
                "unexpected '\\end{" + end.Text + "}': no environment is open");
            return;
        }
        int match = -1;
        for (int i = stack.Count - 1; i >= 0; i--)
        {
            if (stack[i].Name == end.Text)
            {
                match = i;
                break;
            }
        }
        if (match < 0)
        {
            // \begin{align} ... \end{split}: the writer closed the environment under another name.
            var top = stack[stack.Count - 1];
            _diagnostics.Warning(end.Span, DiagnosticCodes.MismatchedEnd,
                "accepted '\\end{" + end.Text + "}' as the end of '\\begin{" + top.Name + "}' opened at " + Describe(top.Begin.Start));
            match = stack.Count - 1;
        }
        for (int i = stack.Count - 1; i >= match; i--)
        {
            var open = stack[i];
            if (i > match)
            {
                _diagnostics.Warning(open.Begin, DiagnosticCodes.UnclosedEnvironment,
                    "missing '\\end{" + open.Name + "}': the environment opened at " + Describe(open.Begin.Start)
                    + " is closed by '\\end{" + end.Text + "}'");
            }
            environments.Add(new EnvironmentInfo(open.Name, open.Begin, i == match ? end.Span : null, open.FirstRow, rows.Count - open.FirstRow));
            if (open.AlignLike) _alignEnvDepth--;
            stack.RemoveAt(i);
        }
    }

    private bool IsRowTerminator(Token t) =>
        t.Kind is TokenKind.EndOfInput or TokenKind.RowBreak or TokenKind.End or TokenKind.Space
        || (t.Kind == TokenKind.Begin && IsRowEnvironment(t.Text));

    /// <summary>One row: clauses up to \\ (or a damaged '\ '), \end, or the end of the input.</summary>
    private MathRow ParseRow(string? environment, int firstIndex)
    {
        _rowFirstToken = -1;
        _rowFirstToken = CurrentIndex;
        var items = new List<SyntaxNode>();
        // Items that follow a separator (',', \quad, words) start a clause; the others continue the clause before them.
        var startsClause = new List<bool>();
        var separated = true;
        // Closing brackets with nothing open ('\color{b}{x \big)}' closes the group after its bracket): nothing follows them.
        var strayClosers = new HashSet<int>();
        // Items with a ':' right before them (128:192 = 4:6 — a ratio, not two clauses).
        var afterColon = new HashSet<int>();
        try
        {
            while (true)
            {
                var t = Current;
                if (IsRowTerminator(t)) break;
                if (t.Kind == TokenKind.Symbol && t.Text is "," or ";" or "." or ":")
                {
                    if (t.Text == ":" && items.Count > 0) afterColon.Add(items.Count);
                    Advance(); // clause separator, or punctuation ending the display
                    separated = true;
                    continue;
                }
                if (t.Kind == TokenKind.Quad)
                {
                    Advance();
                    separated = true;
                    continue;
                }
                if (t.Kind == TokenKind.Text && !IsNameLikeText(t))
                {
                    Advance();
                    items.Add(new Text(t.Span, t.Text));
                    startsClause.Add(true);
                    separated = true;
                    continue;
                }
                if (IsClosingToken(t))
                {
                    var count = items.Count;
                    HandleStrayClosersInRow(items);
                    if (items.Count > count) strayClosers.Add(count);
                    for (; startsClause.Count < items.Count; separated = false) startsClause.Add(separated);
                    continue;
                }
                if (!CanStartOperand(t) && !PeekRelation())
                {
                    Advance();
                    items.Add(Error(t.Span, DiagnosticCodes.Unexpected, "unexpected " + Describe(t)));
                    startsClause.Add(separated);
                    separated = false;
                    continue;
                }
                int before = _pos;
                int beforeSplit = _numberSplit;
                items.Add(ParseItem());
                if (_pos == before && _numberSplit == beforeSplit)
                {
                    var bad = Advance();
                    items.Add(Error(bad.Span, DiagnosticCodes.Unexpected, "unexpected " + Describe(bad)));
                }
                for (; startsClause.Count < items.Count; separated = false) startsClause.Add(separated);
            }
            MarkDamagedRelations(items, startsClause, strayClosers);
            MarkRatios(items, afterColon);
            int lastIndex = _pos;
            var marks = new List<TextSpan>();
            for (int i = firstIndex; i < lastIndex; i++)
            {
                if (_alignmentTokens.Contains(i)) marks.Add(_tokens[i].Span);
            }
            var term = Current;
            if (term.Kind == TokenKind.RowBreak)
            {
                Advance();
            }
            else if (term.Kind == TokenKind.Space)
            {
                _diagnostics.Warning(term.Span, DiagnosticCodes.SpaceAsRowBreak,
                    "repaired '\\ ' before '&' to a row break '\\\\' (text damaged by PDF extraction)");
                Advance();
            }
            var span = items.Count == 0
                ? new TextSpan(term.Span.Start, 0)
                : TextSpan.FromBounds(items[0].Span.Start, items[items.Count - 1].Span.End);
            return new MathRow(span, items, marks, environment);
        }
        finally
        {
            _rowFirstToken = -1;
        }
    }

    /// <summary>
    /// A relation in the same clause as a token the parser could not place (no separator between them) is a fragment:
    /// in `X \mid N \sim Poisson(λ)` the chain after the error is `N ∼ …`, in `Y = a \mid b` it is `Y = a`, and either,
    /// checked as written, asserts something the text does not say. The operand next to the damage becomes the error,
    /// so the statement is reported as unreadable instead of being checked without its missing part. Closing brackets
    /// with nothing open after the chain are left alone: a bracket closed twice hides nothing.
    /// </summary>
    private static void MarkDamagedRelations(List<SyntaxNode> items, List<bool> startsClause, HashSet<int> strayClosers)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not Relation relation) continue;
            var clauseStart = i;
            while (clauseStart > 0 && !startsClause[clauseStart]) clauseStart--;
            var clauseEnd = i;
            while (clauseEnd + 1 < items.Count && !startsClause[clauseEnd + 1]) clauseEnd++;
            var before = items.Skip(clauseStart).Take(i - clauseStart).OfType<ErrorNode>().FirstOrDefault();
            // Only stray closers after the chain: a bracket closed twice, nothing of the statement is missing.
            var after = Enumerable.Range(i + 1, clauseEnd - i).All(strayClosers.Contains)
                ? null
                : items.Skip(i + 1).Take(clauseEnd - i).OfType<ErrorNode>().FirstOrDefault();
            if (before is null && after is null) continue;
            var operands = relation.Operands.ToList();
            if (before is not null)
                operands[0] = new ErrorNode(TextSpan.FromBounds(items[clauseStart].Span.Start, operands[0].Span.End), before.Message);
            if (after is not null)
                operands[^1] = new ErrorNode(TextSpan.FromBounds(operands[^1].Span.Start, items[clauseEnd].Span.End), after.Message);
            items[i] = relation with { Span = TextSpan.FromBounds(operands[0].Span.Start, operands[^1].Span.End), Operands = operands };
        }
    }

    /// <summary>
    /// A relation with a ':' on both sides is the middle of a ratio (128:192:96:64 = 4:6:3:2, a : b = c : d): read as
    /// clauses it would claim 64 = 4. Its operands become errors, so the statement is reported as unreadable.
    /// </summary>
    private static void MarkRatios(List<SyntaxNode> items, HashSet<int> afterColon)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not Relation relation || !afterColon.Contains(i) || !afterColon.Contains(i + 1)) continue;
            const string message = "unsupported: a ratio (a:b = c:d), which SymKl does not read";
            var operands = relation.Operands.Select(o => (SyntaxNode)new ErrorNode(o.Span, message)).ToList();
            items[i] = relation with { Operands = operands };
        }
    }

    private static bool IsClosingToken(Token t) =>
        (t.Kind == TokenKind.Symbol && t.Text is ")" or "]" or "}")
        || (t.Kind == TokenKind.Command && t.Text is "}" or "right" or "rbrace" or "rangle" or "rvert" or "rVert" or "rfloor" or "rceil" or "rbrack");

    /// <summary>
    /// A closing bracket at the top of a row. Extra ')' or ']' with nothing but the end of the row after
    /// them are removed with a warning (unambiguous: there is nothing left to close); anything else is an error.
    /// </summary>
    private void HandleStrayClosersInRow(List<SyntaxNode> items)
    {
        var t = Current;
        if ((t.IsSymbol(")") || t.IsSymbol("]")) && OnlyClosersUntilRowEnd(CurrentIndex))
        {
            while (Current.IsSymbol(")") || Current.IsSymbol("]"))
            {
                var c = Advance();
                _diagnostics.Warning(c.Span, DiagnosticCodes.StrayClosingBracket,
                    "removed unmatched '" + c.Text + "' at the end of the row");
            }
            return;
        }
        Advance();
        string what = t.Kind == TokenKind.Command && t.Text == "right" ? "'\\right' without '\\left'" : Describe(t) + ": no bracket is open";
        items.Add(Error(t.Span, DiagnosticCodes.Unexpected, "unexpected " + what));
    }

    private bool OnlyClosersUntilRowEnd(int index)
    {
        for (int i = index; ; i++)
        {
            var t = Raw(i);
            if (t.Kind is TokenKind.EndOfInput or TokenKind.RowBreak or TokenKind.End) return true;
            if (t.Kind == TokenKind.Space)
            {
                if (IsSpaceRowBreak(i)) return true;
                continue;
            }
            if (t.Kind == TokenKind.Quad) continue;
            if (t.Kind == TokenKind.Symbol && t.Text is ")" or "]" or "." or ",") continue;
            return false;
        }
    }

    /// <summary>A clause at the top of a row: a relation chain, possibly starting with the relation (a continuation).</summary>
    private SyntaxNode ParseItem()
    {
        SyntaxNode left;
        if (PeekRelation())
        {
            var t = Current;
            left = _expressionMode
                ? Error(new TextSpan(t.Span.Start, 0), DiagnosticCodes.ExpectedExpression, "expected an expression before " + Describe(t))
                : new Continuation(new TextSpan(t.Span.Start, 0));
        }
        else
        {
            left = ParseAdditive();
        }
        return ParseRelationTail(left, topLevel: true);
    }

    /// <summary>A relation chain inside brackets, scripts or cells.</summary>
    private SyntaxNode ParseRelationChain()
    {
        using var guard = Nest();
        if (_abandoned) return Abandoned();
        SyntaxNode left;
        if (PeekRelation())
        {
            var t = Current;
            left = _ampersandIsAlignment
                ? Error(new TextSpan(t.Span.Start, 0), DiagnosticCodes.ExpectedExpression, "expected an expression before " + Describe(t))
                : new Continuation(new TextSpan(t.Span.Start, 0)); // '&= b' in an aligned block inside an expression
        }
        else
        {
            left = ParseAdditive();
        }
        return ParseRelationTail(left, topLevel: false);
    }

    private SyntaxNode ParseRelationTail(SyntaxNode left, bool topLevel)
    {
        var operands = new List<SyntaxNode> { left };
        var operators = new List<RelationOperator>();
        int savedQuad = _quadStopDepth;
        try
        {
            while (TryReadRelation(out var op, out string opText))
            {
                operators.Add(op);
                if (topLevel) _quadStopDepth = GroupDepth; // "a = b \quad c = d": \quad ends the clause
                _operandExpectedAt = Current.Span.Start;
                var next = Current;
                if (!CanStartOperand(next))
                {
                    operands.Add(Expected("an expression after '" + opText + "'", next));
                    break;
                }
                operands.Add(ParseAdditive());
            }
        }
        finally
        {
            _quadStopDepth = savedQuad;
        }
        if (operators.Count == 0) return left;
        return new Relation(TextSpan.FromBounds(left.Span.Start, Math.Max(_lastEnd, operands[operands.Count - 1].Span.End)), operands, operators);
    }

    private bool PeekRelation()
    {
        var s = Save();
        bool ok = TryReadRelation(out _, out _);
        Restore(s);
        return ok;
    }

    private bool TryReadRelation(out RelationOperator op, out string text)
    {
        op = default;
        text = "";
        var t = Current;
        if (_numberSplit > 0) return false;
        if (t.Kind == TokenKind.Symbol)
        {
            var n = Next;
            bool equalsNext = n.IsSymbol("=") && Adjacent(t, n);
            switch (t.Text)
            {
                case "=":
                    Advance();
                    op = new RelationOperator(RelationKind.Equal, false, t.Span);
                    text = "=";
                    return true;
                case ":" when equalsNext:
                    return Two(RelationKind.Define, false, ":=", out op, out text);
                case "<":
                    if (equalsNext) return Two(RelationKind.LessEqual, false, "<=", out op, out text);
                    // n << m in plain text: \ll (much less than), not n < (< m).
                    if (n.IsSymbol("<") && Adjacent(t, n)) return Two(RelationKind.MuchLess, false, "<<", out op, out text);
                    Advance();
                    op = new RelationOperator(RelationKind.Less, false, t.Span);
                    text = "<";
                    return true;
                case ">":
                    if (equalsNext) return Two(RelationKind.GreaterEqual, false, ">=", out op, out text);
                    // n >> m in plain text: \gg (much greater than), not n > (> m).
                    if (n.IsSymbol(">") && Adjacent(t, n)) return Two(RelationKind.MuchGreater, false, ">>", out op, out text);
                    Advance();
                    op = new RelationOperator(RelationKind.Greater, false, t.Span);
                    text = ">";
                    return true;
                case "!" when equalsNext:
                    return Two(RelationKind.Equal, true, "!=", out op, out text);
                case "{":
                    {
                        // {=}, {\le}: braces around a relation only space it.
                        var s = Save();
                        Advance();
                        if (!Current.IsSymbol("{") && TryReadRelation(out var inner, out var innerText) && Current.IsSymbol("}"))
                        {
                            Advance();
                            op = new RelationOperator(inner.Kind, inner.Negated, TextSpan.FromBounds(t.Span.Start, _lastEnd));
                            text = innerText;
                            return true;
                        }
                        Restore(s);
                        return false;
                    }
            }
            return false;
        }
        if (t.Kind != TokenKind.Command) return false;
        if (Symbols.TryGetRelation(t.Text, out var kind, out bool negated))
        {
            Advance();
            op = new RelationOperator(kind, negated, t.Span);
            text = "\\" + t.Text;
            return true;
        }
        if (t.Text == "not")
        {
            var s = Save();
            Advance();
            if (TryReadRelation(out var inner, out string innerText))
            {
                op = new RelationOperator(inner.Kind, !inner.Negated, TextSpan.FromBounds(t.Span.Start, inner.Span.End));
                text = "\\not" + innerText;
                return true;
            }
            Restore(s);
            return false;
        }
        if (t.Text is "xrightarrow" or "xlongrightarrow" or "xleftarrow")
        {
            // \xrightarrow[t \to \infty]{} is an arrow (a limit): its labels are skipped. \xleftarrow is read the same way
            // (an arrow relation, never checked).
            Advance();
            if (Current.IsSymbol("["))
            {
                var depth = 0;
                while (Current.Kind != TokenKind.EndOfInput)
                {
                    if (Current.IsSymbol("[")) depth++;
                    else if (Current.IsSymbol("]") && --depth == 0) { Advance(); break; }
                    Advance();
                }
            }
            if (Current.IsSymbol("{")) SkipRawArgument();
            op = new RelationOperator(RelationKind.To, false, TextSpan.FromBounds(t.Span.Start, _lastEnd));
            text = "\\to";
            return true;
        }
        if (t.Text is "overset" or "stackrel")
        {
            // \overset{def}{=} is a definition; \overset{!}{=} and the like are the relation underneath.
            var s = Save();
            Advance();
            int overStart = Current.Span.Start;
            SkipRawArgument();
            string over = _text.Substring(overStart, Math.Max(0, _lastEnd - overStart));
            bool braced = Current.IsSymbol("{");
            if (braced) Advance();
            if (TryReadRelation(out var baseOp, out string baseText) && (!braced || Current.IsSymbol("}")))
            {
                if (braced) Advance();
                bool definition = over.IndexOf("def", StringComparison.Ordinal) >= 0
                    || over.IndexOf("Delta", StringComparison.Ordinal) >= 0
                    || over.IndexOf("triangle", StringComparison.Ordinal) >= 0;
                op = new RelationOperator(definition ? RelationKind.Define : baseOp.Kind, !definition && baseOp.Negated,
                    TextSpan.FromBounds(t.Span.Start, _lastEnd));
                text = "\\" + t.Text + "{" + over.Trim('{', '}') + "}{" + baseText + "}";
                return true;
            }
            Restore(s);
            return false;
        }
        return false;
    }

    private bool Two(RelationKind kind, bool negated, string symbol, out RelationOperator op, out string text)
    {
        var a = Advance();
        var b = Advance();
        op = new RelationOperator(kind, negated, TextSpan.FromBounds(a.Span.Start, b.Span.End));
        text = symbol;
        return true;
    }

    /// <summary>Skips a braced argument token-wise (or one token) without parsing it.</summary>
    private void SkipRawArgument()
    {
        if (!Current.IsSymbol("{"))
        {
            if (Current.Kind != TokenKind.EndOfInput) Advance();
            return;
        }
        int depth = 0;
        while (true)
        {
            var t = Current;
            if (t.Kind == TokenKind.EndOfInput) return;
            Advance();
            if (t.IsSymbol("{")) depth++;
            else if (t.IsSymbol("}") && --depth == 0) return;
        }
    }
}
