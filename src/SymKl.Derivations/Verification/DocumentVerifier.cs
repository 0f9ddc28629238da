using SymKl.Derivations.Reports;
using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using LatexRelation = SymKl.Latex.Syntax.Relation;
using LogBase = SymKl.Latex.Binding.LogBase;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Verifies a Markdown derivation: walks its math in document order, keeps the context (definitions,
/// distributions, assumptions, log base) as it grows, splits every chain into steps, and decides each step.
/// A display that begins with a relation continues the previous display's last expression.
/// </summary>
public static class DocumentVerifier
{
    public static DocumentResult VerifyFile(string path, VerifyOptions? options = null) =>
        Verify(MarkdownReader.ReadFile(path), options);

    public static DocumentResult Verify(DerivationDocument document, VerifyOptions? options = null)
    {
        var run = new DocumentRun(document, options ?? VerifyOptions.Default);
        var failure = Run(run);
        // A function used before the document defines it: read once more, each such step checked with the later definition
        // (confirm-only; DocumentRun.ForwardDefinitions).
        if (failure is null && run.Failure is null && run.ForwardDefinitionsNeeded() is { Count: > 0 } forward)
        {
            var again = new DocumentRun(document, options ?? VerifyOptions.Default) { ForwardDefinitions = forward };
            if (Run(again) is null && again.Failure is null) run = again;
        }
        failure ??= run.Failure;
        return new DocumentResult(document.Path, run.Steps, run.Warnings, run.Definitions, document.FrontMatter, run.Contexts) { InternalError = failure };
    }

    private static InternalError? Run(DocumentRun run)
    {
        try
        {
            run.Execute();
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug outside any one display (the passes over the whole text): the steps checked so far are kept.
            InternalError.Trace(ex);
            return new InternalError(run.Position, InternalError.Describe(ex));
        }
    }

    /// <summary>
    /// What a document's <c>symkl: assume</c> directives state, read as the verifier reads them (domains, orderings such
    /// as 0 &lt; a &lt; b, lower bounds such as α &gt; 2): for the source generator's own checks of the code it emits.
    /// Directives the verifier cannot read add nothing (it warns about them).
    /// </summary>
    public static Assumptions Assumptions(DerivationDocument document)
    {
        var scope = new ScopeState();
        foreach (var annotation in document.Annotations.Where(a => a.Kind == AnnotationKind.Assumption))
        {
            var parsed = LatexParser.ParseExpression(annotation.Text);
            if (parsed.Expression is not null) scope.Assume(parsed.Expression, parsed, out _);
        }
        return scope.Assumptions;
    }
}

/// <summary>The state of one document's verification as it walks the math in order.</summary>
internal sealed partial class DocumentRun(DerivationDocument document, VerifyOptions options)
{
    public readonly List<StepResult> Steps = [];
    /// <summary>The first internal error in a display (that display is not checked; the others are).</summary>
    public InternalError? Failure { get; private set; }
    public readonly List<DocumentWarning> Warnings = [];

    /// <summary>Inline math that is only an operator's name (\log, \exp, \tanh, \det, \operatorname{softmax}).</summary>
    private static readonly System.Text.RegularExpressions.Regex BareOperatorName = new(
        @"^\s*\\(?:log|ln|exp|sin|cos|tan|sinh|cosh|tanh|det|max|min|arg|sup|inf|lim|Pr|operatorname\*?\s*\{[A-Za-z]+\})\s*$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    public readonly List<DefinitionInfo> Definitions = [];
    public readonly List<ContextSnapshot> Contexts = [];

    private readonly ScopeState _scope = new();

    /// <summary>The last expression of the previous row or display, for a row that begins with a relation.</summary>
    private Operand? _previous;

    /// <summary>Where the walk is (the start of the math block being read), for an internal error's position.</summary>
    public FilePosition Position { get; private set; } = new(1, 1);

    public void Execute()
    {
        foreach (var w in document.Warnings)
            Warnings.Add(new DocumentWarning(new FilePosition(w.Line, w.Column), WarningKind.Note, DiagnosticCodes.MarkdownNote, w.Message));

        // Annotations apply from where they stand: merge them with the math blocks by offset.
        CollectMacros();
        FindNamedQuantities();
        FindProseNames();
        FindDeclaredMaps();
        FindDescribedNames();
        FindModelQuantities();
        FindBracketOnlyNames();
        FindConditionalTables();
        FindOwnConventions();
        FindExpectationOperator();
        FindSampleLaw();
        FindGibbsLaws();
        var annotations = document.Annotations.OrderBy(a => a.Offset).ToList();
        var next = 0;
        var heading = 0;
        var logBases = ProseLogBase.Declarations(document.Source.Text);
        var nextBase = 0;
        for (var index = 0; index < document.Blocks.Count; index++)
        {
            var block = document.Blocks[index];
            while (next < annotations.Count && annotations[next].Offset < block.Offset) Annotate(annotations[next++]);
            while (nextBase < logBases.Count && logBases[nextBase].Offset < block.Offset) { _scope.LogBase = logBases[nextBase++].Base; _logBaseDeclared = true; }
            while (heading < document.Headings.Count && document.Headings[heading].Offset < block.Offset) EnterSection(document.Headings[heading++]);
            if (document.IsSkipped(block)) continue;
            Position = ToFile(block.GetPosition(0));
            try
            {
                BindProseName(document.Blocks, index);
                DefineWhereAfter(document.Blocks, index);
                DeclareShapesAfter(document.Blocks, index);
                _disjunct = IsDisjunct(document.Blocks, index);
                VerifyBlock(block);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A bug costs only the display it happened in: the first one is the document's internal error (exit 3,
                // "not fully checked"), and the displays after it are still checked.
                InternalError.Trace(ex);
                Failure ??= new InternalError(Position, InternalError.Describe(ex));
            }
        }
        while (next < annotations.Count) Annotate(annotations[next++]);
    }

    // ------------------------------------------------------------------ annotations

    private void Annotate(Annotation a)
    {
        var position = new FilePosition(a.Line, a.Column);
        switch (a.Kind)
        {
            case AnnotationKind.LogBase:
                _scope.LogBase = LogBase.Parse(a.Text);
                _logBaseDeclared = true;
                break;
            case AnnotationKind.Assumption:
                {
                    var parsed = LatexParser.ParseExpression(a.Text);
                    ReportDiagnostics(parsed, off => a.GetPosition(off));
                    if (parsed.Expression is not null && _scope.Assume(parsed.Expression, parsed, out _))
                        _assumed.Add(new AssumedCondition(parsed.Expression, parsed, 0));
                    else
                        Warnings.Add(DocumentWarning.CannotRead(position, DiagnosticCodes.UnreadableAssumption, "cannot read the assumption '" + a.Text.Trim() + "': " + (parsed.Expression is null ? "not an expression" : "it is not of a form SymKl understands (x > 0, 0 < p < 1, n \\in \\mathbb{N})")));
                    break;
                }
            case AnnotationKind.Definition:
                {
                    var parsed = LatexParser.ParseMath(a.Text);
                    ReportDiagnostics(parsed, off => a.GetPosition(off));
                    foreach (var row in parsed.Root?.Rows ?? [])
                        foreach (var item in row.Items)
                            if (item is LatexRelation r && r.Operands.Count == 2 && TryDefine(r, parsed, off => a.GetPosition(off)))
                                continue;
                            else
                                Warnings.Add(DocumentWarning.CannotRead(position, DiagnosticCodes.NotADefinition, "the annotation is not a definition (expected name(args) = formula or name \\sim Family(...))"));
                    break;
                }
        }
    }

    // ------------------------------------------------------------------ sections

    /// <summary>A condition in force: from an annotation (level 0, the whole document) or stated in prose (to the end of its section).</summary>
    private sealed record AssumedCondition(SyntaxNode Node, ParseResult Parsed, int Level);

    private readonly List<AssumedCondition> _assumed = [];

    /// <summary>The level of the heading in force (0 before the first heading), and a count of sections seen.</summary>
    private int _level;
    private int _section;

    /// <summary>The section that began the current derivation (the last heading of level 1 or 2).</summary>
    private int _derivationStart;

    /// <summary>The equations being solved: hypotheses with '=' ("setting … to zero") and the implications drawn from them.</summary>
    private readonly List<(Expr Lhs, Expr Rhs)> _premises = [];

    /// <summary>The last checked equation (its index in <see cref="Steps"/>): the premise of a leading \Rightarrow or \therefore.</summary>
    private (int Index, Expr Lhs, Expr Rhs)? _lastEquation;

    /// <summary>The cue of the previous math when this math continues its sentence ("with $a > 0$ and $b > 0$").</summary>
    private Cue _sentenceCue = Cue.None;
    private bool _sentenceInSystem;

    /// <summary>This display follows the display of the equations being solved with no words between: it solves on.</summary>
    private bool _solvingOn;

    /// <summary>The section each document-defined function was last defined in: a later section may define it anew.</summary>
    private readonly Dictionary<string, int> _definedInSection = new(StringComparer.Ordinal);

    /// <summary>Symbols the prose names as quantities ("where $L$ is the evidence lower bound").</summary>
    private readonly HashSet<string> _namedInProse = new(StringComparer.Ordinal);

    /// <summary>The same names as the matrix layer keys them (no bold), with where the prose names them.</summary>
    private readonly Dictionary<string, List<int>> _namedInProseAt = new(StringComparer.Ordinal);

    /// <summary>Symbols the text set equal to something SymKl cannot read (a list, a matrix): not free parameters afterwards.</summary>
    private Dictionary<string, int> _unreadableValues => _scope.UnreadableValues;

    /// <summary>
    /// A heading of level <paramref name="level"/> ends every section at that level or deeper: the hypotheses stated in
    /// them are dropped (annotations and hypotheses stated before the first heading hold for the whole document), and so
    /// are the equations being solved.
    /// </summary>
    private void EnterSection(Heading heading)
    {
        var level = heading.Level;
        if (level <= 2) ForgetSolutions();
        ScopeSection(level, document.Source.GetPosition(heading.Offset).Line, document.Source.Text.Substring(heading.Offset, heading.End - heading.Offset).Trim().TrimStart('#').Trim());
        EndCases();
        _section++;
        if (level <= 2) _derivationStart = _section;
        _level = level;
        _premises.Clear();
        ForgetWorkingAt(level);
        ForgetConditionUnknowns(level);
        ForgetStatedPremises(level);
        ForgetSolvedValues(level);
        _lastEquation = null;
        _sentenceCue = Cue.None;
        _sentenceInSystem = false;
        if (_assumed.RemoveAll(c => c.Level > 0 && c.Level >= level) == 0) return;
        _scope.ResetAssumptions();
        foreach (var c in _assumed) _scope.Assume(c.Node, c.Parsed, out _);
        ReassumeChainDomains();
    }

    /// <summary>
    /// A derivation's solution ends with it: p(x) = e^{1 − λ₀}, defined in terms of the multipliers of equations the text
    /// solved before it in the same section, is the answer of that section, and the next derivation (a new constraint,
    /// new multipliers) solves for p anew. Such functions are forgotten at a heading of level 1 or 2 (a definition in
    /// a later section is then a new one); every other definition holds on, the objective J(p) = … − λ₀(…) among them.
    /// </summary>
    private void ForgetSolutions()
    {
        foreach (var definition in _scope.Context.Defined.Values.ToList())
        {
            var line = Definitions.LastOrDefault(d => d.Name == definition.Name)?.Position.Line;
            var solvedFor = Traversal.FreeSymbols(definition.Body).Where(s => !definition.Parameters.Contains(s))
                .Any(s => _sectionUnknowns.TryGetValue(s.Name, out var noted) && noted < line);
            if (line is null || !_definedInSection.TryGetValue(definition.Name, out var section) || section < _derivationStart || !solvedFor) continue;
            _scope.Context = _scope.Context.Without(definition.Name);
        }
        _sectionUnknowns.Clear();
    }

    // ------------------------------------------------------------------ math blocks

    private MathBlock? _block;

    /// <summary>An equation being solved that SymKl could not read, in the sentence being verified: what "so" draws from it is not an identity.</summary>
    private (MathBlock Block, int Line)? _unreadPremise;

    private void VerifyBlock(MathBlock block)
    {
        // The equation SymKl could not read binds the rest of its sentence only.
        if (_unreadPremise is { } unread && !ReferenceEquals(unread.Block, block) && !block.ContinuesSentence) _unreadPremise = null;
        _block = block;
        _blocksSeen.Add(block);

        // The equations being solved belong to their paragraph, unless the next one goes on with "hence", "so" …, or
        // is a display right after the display before it (each line of a worked solution, with no words between).
        // "By solving the following equations, [display] we have [display]": words that only carry on count as none.
        // "… = 0 [display] we have $p = \frac12$": inline math after such words solves on as well.
        _solvingOn = (block.IsDisplay && block.FollowsMath || RoleCues.CarriesOn(block.ProseBefore)) && _sentenceInSystem && _premises.Count > 0;
        if (!block.ContinuesSentence) { _sentenceCue = Cue.None; _sentenceInSystem = false; _caseSentence = false; }
        if (block.NewParagraph && RoleCues.Find(block.ProseBefore).Kind != CueKind.Implication && !_solvingOn) _premises.Clear();
        // "given a convex function $f$": f is from here on an arbitrary function, not an earlier example.
        ForgetGenericFunction(block);
        TakeDerivativesSetToZero(block);
        TakeStationary(block);
        var text = Expanded(block, out var toBlock, warn: true);
        var prefix = ProseFunctionBefore(block);
        if (prefix is not null)
        {
            // "log$\frac{p}{q} = …$": the function name was typed outside the math; it belongs to the first expression.
            Warnings.Add(new DocumentWarning(ToFile(block.GetPosition(0)), WarningKind.Repair, DiagnosticCodes.ProseFunctionName,
                "repaired '" + prefix + "$' to '$\\" + prefix + "': the function name before the math belongs to it"));
        }
        // "since $\log$ is concave": a function named in the prose, with nothing to check and nothing unreadable in it.
        if (block.Kind == MathBlockKind.Inline && prefix is null && BareOperatorName.IsMatch(text)) return;
        // "$$\therefore x = 2$$", "$$\Rightarrow x = 2$$": the leading symbol is a cue, not math (blanked, so offsets stay).
        _leadingCue = LeadingCue(ref text);
        var parsed = prefix is null ? LatexParser.ParseMath(text) : LatexParser.ParseMath("\\" + prefix + " " + text);
        // With a repaired prefix, offsets in the parse are shifted by its length; positions refer to the file.
        var shift = prefix is null ? 0 : prefix.Length + 2;
        SourcePosition Source(int off) => block.GetPosition(toBlock(Math.Min(Math.Max(0, off - shift), text.Length)));
        Func<int, FilePosition> at = off => ToFile(Source(off));
        ReportDiagnostics(parsed, Source);
        _matrices.Observe(parsed);
        _matrices.SeeProse(document.Source.Text, block.Offset);
        AssumeTrailingCondition(block, parsed);
        var rows = parsed.Root?.Rows ?? [];
        var hasRelation = rows.Any(r => r.Items.Any(i => i is LatexRelation));
        // Inline math is checked only when it states a relation; it does not start or continue chains.
        if (block.Kind == MathBlockKind.Inline && !hasRelation) return;

        foreach (var row in rows)
        {
            SyntaxNode? before = null;
            // f(y) = …, \quad y > 0: the domain is assumed before the formula it is stated for is checked.
            var items = WithJoinedArrows(WithSharedBounds(row.Items, parsed), parsed);
            // "H_0: \; p = p_0": a statement named by a label (DocumentRun.LabelledStatements.cs).
            var labelledFrom = options.ClaimsOnly ? -1 : LabelledFrom(items, parsed);
            var domains = block.Kind == MathBlockKind.Inline || options.ClaimsOnly || labelledFrom >= 0 ? [] : DomainConditions(items, parsed);
            var rowStart = Steps.Count;
            var rowConditions = AssumeRowConditions(domains, items, parsed, at);
            foreach (var item in items)
            {
                var earlier = before;
                before = item;
                if (item is LatexRelation assumed && domains.Contains(assumed)) continue;
                switch (item)
                {
                    case var label when labelledFrom >= 0 && ReferenceEquals(label, items[0]):
                        break;
                    case LatexRelation labelled when labelledFrom >= 0 && !labelled.Operators.All(o => o.Kind == RelationKind.Sim):
                        StateLabelled(labelled, items[0], parsed, at);
                        break;
                    case LatexRelation condition when IndexCondition(condition, earlier, parsed):
                        // ∂a_j/∂z_i = a_i(1 − a_i), \quad i = j: the case the formula before it is stated for, neither a
                        // definition of i nor a claim (the next row's "i \neq j" is another case, not a contradiction).
                        Unchecked(new Operand(condition.Operands[0], parsed, at), condition.Operators[0], new Operand(condition.Operands[^1], parsed, at),
                            StatementRole.Hypothesis, "a condition on the indices of the formula before it",
                            "a condition on the indices of the formula before it (the case it is stated for); not used");
                        break;
                    case LatexRelation relation when TupleLengths(relation) is { } lengths:
                        VerifyTuples(relation, lengths, parsed, at, block);
                        break;
                    case LatexRelation relation:
                        // "w_0, w_1 \sim 𝒩(0, 1)": the names before the comma take the law too (DocumentRun.ListedLaws).
                        BindListedLaws(items, relation, parsed, at);
                        VerifyChain(relation, parsed, at, block);
                        break;
                    case ErrorNode:
                    case Ellipsis:
                        // A row that is only \vdots elides steps: the chain continues from the row before it.
                        break;
                    case Cases system when SystemRows(system) is { } equations:
                        // \begin{cases} a &= b \\ c &= d \end{cases} holding relations: a system, each row a chain of its own.
                        foreach (var equation in equations) VerifyChain(equation, parsed, at, block);
                        break;
                    case Cases piecewise when piecewise.Rows.Any(r => r.Value is LatexRelation && r.Condition is not null):
                        VerifyCases(piecewise, parsed, at, block);
                        break;
                    case Latex.Syntax.Text:
                        // "\text{ with }", "\text{for all } …": words between clauses; the next row continues the math before them.
                        break;
                    default:
                        if (block.Kind != MathBlockKind.Inline) _previous = new Operand(item, parsed, at);
                        break;
                }
            }
            EndRowConditions(rowConditions, rowStart, parsed);
            ReviewModelEquations(items, parsed, rowStart);
        }
    }

    /// <summary>
    /// i = j, i \neq j, k = 1, \ldots, K after a formula in the same row, set off by a comma or \quad, and relating only
    /// single letters, numbers and ellipses among which is an index of that formula: the case the formula is stated for.
    /// </summary>
    private static bool IndexCondition(LatexRelation relation, SyntaxNode? formula, ParseResult parsed)
    {
        if (formula is null || relation.Operands[0] is Continuation) return false;
        if (!relation.Operators.All(o => o.Kind is RelationKind.Equal or RelationKind.Less or RelationKind.LessEqual or RelationKind.Greater or RelationKind.GreaterEqual or RelationKind.In))
            return false;
        // A bound may be primed (1 \leq j \leq d'); the index itself must be a plain letter of the formula.
        if (!relation.Operands.All(o => o is Number or Ellipsis || o is Identifier { Subscript: null } id && id.Name.Length == 1 && char.IsLetter(id.Name[0])))
            return false;
        var gap = relation.Span.Start > formula.Span.End ? parsed.GetText(TextSpan.FromBounds(formula.Span.End, relation.Span.Start)) : "";
        if (!gap.Contains(',') && !gap.Contains("quad", StringComparison.Ordinal)) return false;
        var indices = new HashSet<string>(formula.DescendantsAndSelf().OfType<Identifier>().Where(i => i.Subscript is not null)
            .SelectMany(i => i.Subscript!.DescendantsAndSelf().OfType<Identifier>()).Select(i => i.Name), StringComparer.Ordinal);
        // "\mathbf{F}^j \in \mathbb{R}^{h \times k}": the superscript of a name declared a member of a space labels it (which
        // filter), as a subscript would; it is no power.
        if (formula is LatexRelation { Operators: [{ Kind: RelationKind.In, Negated: false }] } declared && declared.Operands[0] is Power { Base: Identifier, Exponent: var label })
            foreach (var i in label.DescendantsAndSelf().OfType<Identifier>()) indices.Add(i.Name);
        return relation.Operands.OfType<Identifier>().Any(i => indices.Contains(i.Name) && i.Primes == 0);
    }

    /// <summary>(p, q), [a, b]: the components of a tuple written in brackets (commas only), or null.</summary>
    private static IReadOnlyList<SyntaxNode>? TupleItems(SyntaxNode node) =>
        node is Group { Left: Bracket.Paren or Bracket.Square, Body: Sequence { Items.Count: >= 2 } list } g && g.Left == g.Right
        && list.Separators.Count == list.Items.Count - 1 && list.Separators.All(s => s.Text == ",") && !list.Items.Any(i => i is Ellipsis)
            ? list.Items
            : null;

    /// <summary>
    /// The component counts of a chain of equations between tuples ((p, q) = (\frac12, \frac12), (a, b) := (1, 2)), or
    /// null when an operand is not a tuple, a relation is not an equation, or the chain continues the row before it.
    /// </summary>
    private static List<int>? TupleLengths(LatexRelation chain)
    {
        if (chain.Operands[0] is Continuation || !chain.Operators.All(o => o.Kind is RelationKind.Equal or RelationKind.Define && !o.Negated)) return null;
        var lengths = new List<int>();
        foreach (var operand in chain.Operands)
        {
            if (TupleItems(operand) is not { } items) return null;
            lengths.Add(items.Count);
        }
        return lengths;
    }

    /// <summary>
    /// (p, q) = (\frac12, \frac12): tuples are equal when their components are, so the chain is one chain per component,
    /// each read as a single equation would be (a solution, a definition, a claim: the same cues decide). Tuples of
    /// different lengths are never equal as tuples, but texts write such a line for something else (a pair set equal to
    /// a point of a plane given by its coordinates in another form): unsupported, saying why.
    /// </summary>
    private void VerifyTuples(LatexRelation chain, List<int> lengths, ParseResult parsed, Func<int, FilePosition> at, MathBlock block)
    {
        if (lengths.Distinct().Count() != 1)
        {
            for (var i = 0; i < chain.Operators.Count; i++)
                Unchecked(new Operand(chain.Operands[i], parsed, at), chain.Operators[i], new Operand(chain.Operands[i + 1], parsed, at), StatementRole.Claim, "tuples",
                    "a tuple of " + lengths[i] + " components set equal to one of " + lengths[i + 1] + ": SymKl compares tuples of the same length, component by component", kind: VerdictKind.Unsupported);
            return;
        }
        // (u, v) = (v, u): the same entries in another order reads as an inner product or a symmetric function (a gcd), not as pairs.
        var texts = chain.Operands.Select(o => TupleItems(o)!.Select(i => new string(parsed.GetText(i.Span).Where(c => !char.IsWhiteSpace(c)).ToArray())).ToList()).ToList();
        for (var i = 0; i < chain.Operators.Count; i++)
            if (!texts[i].SequenceEqual(texts[i + 1], StringComparer.Ordinal) && texts[i].OrderBy(t => t, StringComparer.Ordinal).SequenceEqual(texts[i + 1].OrderBy(t => t, StringComparer.Ordinal), StringComparer.Ordinal))
            {
                Unchecked(new Operand(chain.Operands[i], parsed, at), chain.Operators[i], new Operand(chain.Operands[i + 1], parsed, at), StatementRole.Claim, "tuples",
                    "the same entries in another order: '(u, v)' may be an inner product or a symmetric function here, not a pair, so it is not compared component by component", kind: VerdictKind.Unsupported);
                return;
            }
        var leadingCue = _leadingCue;
        for (var k = 0; k < lengths[0]; k++)
        {
            var components = chain.Operands.Select(o => TupleItems(o)![k]).ToList();
            _leadingCue = leadingCue;
            VerifyChain(new LatexRelation(TextSpan.FromBounds(components[0].Span.Start, components[^1].Span.End), components, chain.Operators), parsed, at, block);
        }
        if (block.Kind != MathBlockKind.Inline) _previous = new Operand(chain.Operands[^1], parsed, at);
    }

    /// <summary>
    /// \begin{cases} a = b, &amp; x &gt; 0 \\ a = c, &amp; \text{otherwise} \end{cases}: relations that hold under their
    /// conditions. A row whose condition reads as an assumption (x &gt; 0, 0 &lt; p &lt; 1) is checked under it; any other
    /// ("otherwise", j = k) is listed as a claim SymKl does not check, saying why, never silently dropped.
    /// </summary>
    private void VerifyCases(Cases cases, ParseResult parsed, Func<int, FilePosition> at, MathBlock block)
    {
        foreach (var row in cases.Rows)
        {
            if (row.Value is not LatexRelation relation) continue;
            var saved = _scope.Assumptions;
            if (row.Condition is { } condition && _scope.Assume(condition, parsed, out _))
            {
                try { VerifyChain(relation, parsed, at, block); }
                finally { _scope.RestoreAssumptions(saved); }
                continue;
            }
            var written = row.Condition is null ? "none" : parsed.GetText(row.Condition.Span).Trim();
            for (var i = 0; i < relation.Operators.Count; i++)
                if (relation.Operands[i] is not Continuation)
                    Unchecked(new Operand(relation.Operands[i], parsed, at), relation.Operators[i], new Operand(relation.Operands[i + 1], parsed, at), StatementRole.Claim,
                        "a case", "a case of a piecewise statement, under the condition '" + written + "', which SymKl cannot read as an assumption: not checked", kind: VerdictKind.Unsupported);
        }
    }

    /// <summary>
    /// The rows of a <c>cases</c> block used as a system of relations (every row a relation: "a &amp;= b" with the
    /// relation in the second cell, or the whole relation in the first), or null for a piecewise value (value &amp; condition).
    /// </summary>
    private static List<LatexRelation>? SystemRows(Cases cases)
    {
        var rows = new List<LatexRelation>();
        foreach (var row in cases.Rows)
        {
            switch (row)
            {
                case { Value: LatexRelation whole, Condition: null }:
                    rows.Add(whole);
                    break;
                case { Condition: LatexRelation { Operands.Count: > 1 } tail } when tail.Operands[0] is Continuation:
                    rows.Add(new LatexRelation(TextSpan.FromBounds(row.Value.Span.Start, tail.Span.End), [row.Value, .. tail.Operands.Skip(1)], tail.Operators));
                    break;
                default:
                    return null;
            }
        }
        return rows.Count > 0 ? rows : null;
    }

    /// <summary>Before the walk: symbols the prose names as quantities anywhere in the document (the naming often follows the claim).</summary>
    private void FindNamedQuantities()
    {
        foreach (var block in document.Blocks)
        {
            if (block.Kind != MathBlockKind.Inline || block.Text.Length > 40 || !NamedAsQuantity(block)) continue;
            var parsed = LatexParser.ParseExpression(Expanded(block, out _));
            if (parsed.Expression is not Identifier named) continue;
            _namedInProse.Add(MathBinder.SymbolName(named, parsed));
            // Where, as the matrix layer keys it (\bar{\mathbf{x}}_0 without its bold, as its counterexamples say \bar{x}_0).
            var key = Matrices.MatrixScope.Key(named, parsed);
            if (!_namedInProseAt.TryGetValue(key, out var at)) _namedInProseAt[key] = at = [];
            at.Add(block.Offset);
        }
    }

    private Cue? _leadingCue;

    private static readonly string[] LeadingCues = ["\\therefore", "\\Rightarrow", "\\implies", "\\Longrightarrow", "\\iff", "\u2234", "\\because"];

    /// <summary>\therefore or \because opening a row of an environment (\begin{gather} \therefore d = …, \\ \therefore …): words between rows.</summary>
    private static readonly System.Text.RegularExpressions.Regex RowCue = new(@"(?<=(?:\\begin\{[A-Za-z*]+\}|\\\\)\s*&?\s*)(?:\\therefore|\\because|\u2234)(?![A-Za-z])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static Cue? LeadingCue(ref string text)
    {
        // A cue opening a row inside an environment is blanked, never read as a name; only one at the block's start is its cue.
        text = RowCue.Replace(text, m => new string(' ', m.Length));
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        foreach (var c in LeadingCues)
        {
            if (string.CompareOrdinal(text, start, c, 0, c.Length) != 0) continue;
            var end = start + c.Length;
            if (end < text.Length && char.IsLetter(text[end])) continue;
            text = text.Substring(0, start) + new string(' ', c.Length) + text.Substring(end);
            // \because gives a reason, not a consequence: it is only blanked.
            return c == "\\because" ? Cue.None : new Cue(CueKind.Implication, c, true);
        }
        return null;
    }

    private static readonly string[] NamingVerbs = ["is", "denotes", "represents", "stands for", "is called", "be"];

    /// <summary>"$L$ is the …", "$C$ denotes a …": the prose names the symbol as a quantity, not a free parameter.</summary>
    private bool NamedAsQuantity(MathBlock block)
    {
        var source = document.Source.Text;
        var i = block.Offset + block.Length;
        while (i < source.Length && source[i] is '$' or ')' or '\\') i++;
        var after = source.Substring(i, Math.Min(40, source.Length - i)).TrimStart();
        foreach (var verb in NamingVerbs)
        {
            if (!after.StartsWith(verb + " ", StringComparison.OrdinalIgnoreCase)) continue;
            var rest = after.Substring(verb.Length + 1).TrimStart();
            if (rest.StartsWith("the ", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("a ", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("an ", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("our ", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static FilePosition ToFile(SourcePosition p) => new(p.Line, p.Column);

    private static readonly string[] ProseFunctions = ["log", "ln", "exp"];

    /// <summary>A function name written in prose directly against an inline math delimiter: "log$x$".</summary>
    private string? ProseFunctionBefore(MathBlock block)
    {
        if (block.Kind != MathBlockKind.Inline) return null;
        var source = document.Source.Text;
        var delimiter = block.Offset - 1;
        if (delimiter <= 0 || source[delimiter] != '$') return null;
        foreach (var f in ProseFunctions)
        {
            var start = delimiter - f.Length;
            if (start < 0 || string.CompareOrdinal(source, start, f, 0, f.Length) != 0) continue;
            if (start > 0 && char.IsLetter(source[start - 1])) continue;
            return f;
        }
        return null;
    }


    private void ReportDiagnostics(ParseResult parsed, Func<int, SourcePosition> at)
    {
        foreach (var d in parsed.Diagnostics)
        {
            var p = at(d.Span.Start);
            var position = new FilePosition(p.Line, p.Column);
            Warnings.Add(d.Severity == Severity.Warning ? new DocumentWarning(position, WarningKind.Repair, d.Code, d.Message) : DocumentWarning.CannotRead(position, d.Code, d.Message));
        }
    }

    /// <summary>
    /// True when a later relation of the display starts with a continuation (a row "&amp;= …" after "a &amp;= b"): the chain goes
    /// on there. A one-relation row that no row continues is a statement of its own among others (a system, a list of
    /// results), which stands alone as much as a display holding only it.
    /// </summary>
    private static bool ContinuedLater(LatexRelation chain, ParseResult parsed)
    {
        var rows = parsed.Root?.Rows ?? [];
        // Beside another relation in its row (f = …, \quad k = 1, …, K), the row is read as a whole, as before.
        if (rows.FirstOrDefault(r => r.Items.Any(i => ReferenceEquals(i, chain))) is not { } own || own.Items.Count(i => i is LatexRelation) > 1) return true;
        var relations = rows.SelectMany(r => r.Items).OfType<LatexRelation>().ToList();
        var at = relations.FindIndex(r => ReferenceEquals(r, chain));
        return at < 0 || at + 1 < relations.Count && relations[at + 1].Operands[0] is Continuation;
    }

    /// <summary>a R1 b R2 c …: each adjacent pair is a statement; the prose before the chain decides what the first one is.</summary>
    private void VerifyChain(LatexRelation chain, ParseResult parsed, Func<int, FilePosition> at, MathBlock block)
    {
        var operands = chain.Operands.Select(o => new Operand(o, parsed, at)).ToList();
        var continued = chain.Operands[0] is Continuation;
        _chainContinued = continued;
        // The only relation of its display, not carried on from the display before it: it stands alone.
        // A chain of inequalities alone (0 < β_t < 1) reads like one relation: a condition, or a claim.
        var equalities = parsed.Root?.Rows.Sum(r => r.Items.OfType<LatexRelation>().Sum(x => x.Operators.Count(o => o.Kind is not (RelationKind.Less or RelationKind.LessEqual or RelationKind.Greater or RelationKind.GreaterEqual or RelationKind.Implies or RelationKind.Iff)))) ?? 0;
        var relations = parsed.Root?.Rows.Sum(r => r.Items.OfType<LatexRelation>().Sum(x => x.Operators.Count)) ?? 0;
        _place = ClaimReading.ClaimsForAllValues(block.ProseBefore) ? StatementPlace.Universal
            : !continued && (relations == 1 || equalities == 0 || chain.Operators.Count == 1 && !ContinuedLater(chain, parsed)) ? StatementPlace.Standalone : StatementPlace.ChainLink;
        // Math joined to the math before it by "and" / "," shares its cue ("with $a > 0$ and $b > 0$").
        var cue = continued || options.ClaimsOnly ? Cue.None
            : _leadingCue is { Kind: CueKind.Implication } arrow ? arrow
            : block.ContinuesSentence && RoleCues.IsJoin(block.ProseBefore) && _sentenceCue.Kind != CueKind.None && !(_sentenceCue.Text == "for" && ClaimAfterCondition(chain, block)) ? _sentenceCue
            : RoleCues.FindInSentence(block.ProseBefore, block.SentenceBefore);
        // "Suppose we have the following expression: $$f(x) = …$$" introduces the display's object (a definition), as before;
        // only inline math reached through a copula ("suppose we have a stronger correlation, $k = 0.95$") is supposed.
        if (cue.ThroughCopula && block.Kind != MathBlockKind.Inline) cue = Cue.None;
        // "如果 … $p(x)>0$，则 …": math inside a Chinese or Japanese conditional clause is a condition, as after "if".
        if (cue.Kind == CueKind.None && !continued && block.InCjkCondition && block.Kind == MathBlockKind.Inline) cue = new Cue(CueKind.Hypothesis, "if", false);
        // "Setting the first equation to zero, we have": the block draws on the derivatives those words set to zero.
        if (_zeroCue is { } zero && !continued) cue = zero;
        // Conditions the words around the math make of it: "(i.e. …)" inside an open "if" clause, "there exists … $α > 0$",
        // "the terms for which $…$", "s.t." written in the math (DocumentRun.RestatedConditions, BoundRanges, CaseSelectors, SubjectTo).
        if (!options.ClaimsOnly && !(block.ContinuesSentence && RoleCues.IsJoin(block.ProseBefore) && IsCaseSelector(_sentenceCue)))
        {
            cue = RestatedInCondition(cue, chain, block, continued);
            cue = ExistentialRange(cue, chain, parsed, block);
            cue = CaseSelector(cue, block, continued);
            cue = SubjectTo(cue, chain, parsed, continued);
        }
        // "sample ε and set $z = μ + σε$": 'set' right before a fresh name given a formula names it, as 'let' does.
        // "Let" or "the following defining properties:" before a list: its words are said of every item (DocumentRun.ListedDefinitions).
        // The item's own words decide (not a cue carried over from the item before, which the list's lead gave it).
        var listed = continued || options.ClaimsOnly || cue.Kind == CueKind.Implication ? null : ListedCue(RoleCues.FindInSentence(block.ProseBefore, block.SentenceBefore), block);
        if (listed is { } fromList) cue = fromList;
        // "w satisfies the normal equations: $$XᵀXw = Xᵀy$$": a condition on the unknown (DocumentRun.SatisfiedEquations).
        var satisfied = !continued && !options.ClaimsOnly && listed is null && SatisfiedEquation(chain, cue, block, parsed);
        if (satisfied) cue = new Cue(CueKind.Hypothesis, "satisfies the equation", false);
        if (cue is { Kind: CueKind.Solving, Text: "set", WordsAfter: 0 } && !continued && chain.Operators is [{ Kind: RelationKind.Equal, Negated: false }]
            && chain.Operands[0] is Identifier && DefinitionTarget(chain.Operands[0], parsed) && !IsConstant(operands[1], parsed))
            cue = new Cue(CueKind.Definition, "set", false);
        _definingCue = cue;
        // "$n = m$ or $n \neq m$": one alternative of a disjunction, stated on its own by neither (DocumentRun.Disjunctions.cs).
        if (_disjunct && !continued && cue.Kind != CueKind.Implication && !options.ClaimsOnly)
        {
            for (var i = 0; i < chain.Operators.Count; i++)
                Unchecked(operands[i], chain.Operators[i], operands[i + 1], StatementRole.Remark, "one of alternatives joined by 'or'",
                    "one of alternatives joined by 'or' in the prose: neither is stated on its own; not checked");
            _sentenceCue = cue;
            return;
        }
        // "* $\det Q = 1$: … * $\det Q = -1$: …": the cases a list goes through, none a claim (DocumentRun.ListedCases).
        if (!continued && !options.ClaimsOnly && cue.Kind != CueKind.Implication && ListedCase(chain, parsed, block))
        {
            Unchecked(operands[0], chain.Operators[0], operands[1], StatementRole.Remark, "one of the cases a list goes through",
                "another item of the same list sets the same expression to another value: the items name cases, none of them is claimed outright; not checked");
            _sentenceCue = cue;
            return;
        }
        var joinsSystem = block.ContinuesSentence && _sentenceInSystem;
        // An explicit arrow or \therefore makes the equation before it a premise, even when it was read as a step.
        if (_leadingCue is { Kind: CueKind.Implication } && _premises.Count == 0 && _lastEquation is { } last && Steps.Count > last.Index
            && StatementRoles.IsRefutable(Steps[last.Index].Role) && Steps[last.Index].Role != StatementRole.Implication)
        {
            Steps[last.Index] = Steps[last.Index] with
            {
                Role = StatementRole.Hypothesis,
                RoleCue = "the premise of '" + _leadingCue.Value.Text + "' after it",
                Verdict = new Verdict(VerdictKind.Skipped, "hypothesis: the premise of the implication after it", null, null, 0),
            };
            _premises.Add((last.Lhs, last.Rhs));
            NoteUnknowns(last.Lhs, last.Rhs, Steps[last.Index].Start.Line);
        }
        _leadingCue = null;
        NoteComputedDerivative(chain, operands, parsed, block, continued);
        // "x = 2 or x = 3": alternatives are not consequences one by one; neither may be refuted alone.
        var alternative = block.ContinuesSentence && RoleCues.IsJoin(block.ProseBefore) && block.ProseBefore.Split(' ').Contains("or") && Steps.Count > 0 && Steps[Steps.Count - 1].Role == StatementRole.Implication;
        if (alternative && Steps[Steps.Count - 1].Verdict.Kind == VerdictKind.Refuted)
            Steps[Steps.Count - 1] = Steps[Steps.Count - 1] with { Verdict = new Verdict(VerdictKind.Unsupported, "one of alternatives joined by 'or': SymKl checks consequences one at a time", null, null, 0) };
        _sentenceCue = cue;
        _sentenceInSystem = false;
        if (!continued && !options.ClaimsOnly && NotClaimed(chain, cue, block) is { } notClaimed)
        {
            for (var i = 0; i < chain.Operators.Count; i++)
                Unchecked(operands[i], chain.Operators[i], operands[i + 1], notClaimed.Role, notClaimed.Cue, notClaimed.Reason);
            if (cue == RestatedEquationCue) RestatedEquationNames(chain, operands, parsed);
            if (block.Kind != MathBlockKind.Inline) _previous = operands[^1];
            return;
        }
        // "check that $σ_1 = σ_2$ makes $D = 0$": an equation between the parameters is a condition, never a definition.
        var condition = !continued && !options.ClaimsOnly && cue.Kind == CueKind.None && ParameterCondition(chain, parsed, block);
        // κ < ½ ln 2 ≈ 0.347 after "if": the condition is the comparison; the ≈ link gives its bound's value (DocumentRun.ApproximatedBounds).
        if (!condition && !continued && !options.ClaimsOnly && ConditionBeforeApproximation(chain) is { } bounded && IsHypothesis(bounded, cue, block))
        {
            ConditionWithApproximateBound(bounded, operands, cue);
            ApproximationsAfterCondition(chain, operands, bounded.Operators.Count);
            return;
        }
        var listedCondition = listed is not null && ListedCondition(chain, parsed, cue);
        if (listedCondition) cue = cue with { Kind = CueKind.Hypothesis };
        if (condition || listedCondition || satisfied || !continued && !options.ClaimsOnly && IsHypothesis(chain, cue, block))
        {
            // "Now suppose … $k = 0.95$" after k = 0.9: a new scenario, the name's new value (DocumentRun.NewScenarios).
            if (!condition && NewScenarioValue(chain, operands, parsed, cue)) return;
            if (listedCondition) ConstrainListedNames(operands);
            _listedItem = listedCondition;
            // "Solving the equation leads to $p(x) = …$": 'solving' names the stationarity equation, and what it leads to is its result.
            var solvedFirst = !condition && ResultOfSolving(block) ? StationaryConsequence(operands, chain.Operators.ToList(), parsed, cue) : null;
            var before = Steps.Count;
            // "such that $f_{max} = …$": the fresh name is stated by the equation, never a free parameter (DocumentRun.StatedNames).
            if (!condition) NoteSuchThatName(chain, parsed, cue, operands[0].At(operands[0].Node.Span.Start).Line);
            try { Hypothesize(chain, operands, condition ? ParameterConditionCue : cue); }
            finally { _listedItem = false; }
            if (solvedFirst is { } result) ApplyStationary(result, before, operands[0]);
            // A row "&= …" after it continues this row's last side, not the display read before it (a side clause binding a
            // law in the row of a chain, "…, \; ε ∼ 𝒩(0, I)", is not what the next row continues).
            if (block.Kind != MathBlockKind.Inline && !(chain.Operators.Any(o => o.Kind == RelationKind.Sim) && _previous is not null && SameRow(_previous, operands[0])))
                _previous = operands[^1];
            return;
        }
        // The first operand of the chain across its rows: what a later "\propto" row is proportional in.
        if (!continued) (_chainHead, _chainSecond) = (operands[0], operands.Count > 1 ? operands[1] : null);
        if (!continued) _beforeMistake = null;
        if (continued)
        {
            if (_previous is null)
            {
                Warnings.Add(new DocumentWarning(at(chain.Span.Start), WarningKind.Suspicious, DiagnosticCodes.DanglingContinuation, "the row begins with a relation but no expression precedes it"));
                operands.RemoveAt(0);
                if (operands.Count < 2) return;
                VerifyOperands(operands, chain.Operators.Skip(1).ToList(), parsed, Cue.None, false);
                return;
            }
            operands[0] = _previous;
        }
        var operators = chain.Operators.ToList();
        // a = \cdots = b, or a row "&= \cdots" before "&= b": the dots elide steps, and the chain claims a = b.
        for (var j = operands.Count - 1; j >= 1; j--)
        {
            if (operands[j].Node is not Ellipsis || operators[j - 1] is not { Kind: RelationKind.Equal, Negated: false }) continue;
            if (j < operators.Count)
            {
                if (operators[j] is not { Kind: RelationKind.Equal, Negated: false }) continue;
                operators.RemoveAt(j);
            }
            else operators.RemoveAt(j - 1);
            operands.RemoveAt(j);
        }
        if (operands.Count < 2)
        {
            if (block.Kind != MathBlockKind.Inline) _previous = operands[0];
            return;
        }
        var chainRecorded = Steps.Count;
        VerifyOperands(operands, operators, parsed, cue, joinsSystem, alternative);
        // "Σ_{12} = Σ_{21}^T = Λ^T" after a matrix written in blocks: names its blocks (DocumentRun.BlockNames).
        if (!options.ClaimsOnly) NameWrittenBlocks(chainRecorded);
        RememberChainResult(operands, operators, continued);
        // "x_t = …, with ε ∼ 𝒩(0, I) \\ &= …": a side clause binding a law is not what the next row continues.
        var sideClause = !continued && chain.Operators.Count == 1 && chain.Operators[0].Kind == RelationKind.Sim && _previous is not null && SameRow(_previous, operands[0]);
        if (block.Kind != MathBlockKind.Inline && !sideClause) _previous = operands[operands.Count - 1];
    }

    /// <summary>The earlier operand ends on the row where the later one starts (no row break between them in the same math).</summary>
    private static bool SameRow(Operand earlier, Operand later)
    {
        if (!ReferenceEquals(earlier.Parsed, later.Parsed)) return false;
        var from = earlier.Node.Span.End;
        var to = later.Node.Span.Start;
        return from <= to && earlier.Parsed.Text.IndexOf("\\\\", from, to - from, StringComparison.Ordinal) < 0;
    }

    /// <summary>
    /// "For $x > 0$, $\log x \le x - 1$": after a condition under "for", a comparison joined by a comma alone whose sides
    /// are not all plain names and numbers is what holds under that condition, a claim; "for $t \ge 1$, $\beta_t < 1$" and
    /// "for $a > 0$ and $b > 0$" still list conditions.
    /// </summary>
    private static bool ClaimAfterCondition(LatexRelation chain, MathBlock block) =>
        block.ProseBefore.Trim().Trim(',').Trim().Length == 0 && chain.Operators.All(o => o.Kind is RelationKind.Less or RelationKind.LessEqual or RelationKind.Greater or RelationKind.GreaterEqual)
        && chain.Operands.Any(o => !PlainConditionOperand(o));

    private static bool PlainConditionOperand(SyntaxNode node) => node switch
    {
        Number or Identifier or Infinity => true,
        Unary { Operand: Number or Infinity } => true,
        Subscript { Base: Identifier } => true,
        Accented { Body: Identifier } => true,
        _ => false,
    };

    private static bool IsCondition(RelationOperator op) =>
        op.Kind is RelationKind.Less or RelationKind.LessEqual or RelationKind.Greater or RelationKind.GreaterEqual or RelationKind.In or RelationKind.Subset or RelationKind.SubsetEqual
        || op.Kind is RelationKind.Equal && op.Negated;

    // Cues that state a condition even before display math; "with" and "for" do so only in running prose.
    private static readonly HashSet<string> StrongConditionCues = new(StringComparer.OrdinalIgnoreCase)
    {
        "assume", "assuming", "assumes", "suppose", "supposing", "if", "given", "when", "whenever", "provided", "provided that", "such that", "as long as", "s.t.", "let", "where",
        "satisfying", "in the case that",
    };

    // Cues under which an equation is a condition imposed on its symbols, not an identity.
    private static readonly HashSet<string> EquationConditionCues = new(StringComparer.OrdinalIgnoreCase)
    {
        "assume", "assuming", "assumes", "suppose", "supposing", "if", "when", "whenever", "provided", "provided that", "such that", "s.t.",
    };

    /// <summary>
    /// "the constraint above that $b^2 = 2$", "W must satisfy $$WW^T = Σ^{-1}$$": what a name is required to satisfy. Inline,
    /// or one equation alone in a display after "must satisfy"; a chain after them ("must satisfy $$∫p = 1 = ∫e^{1−λ}dx$$")
    /// rewrites the condition as it goes, and its links are checked as links.
    /// </summary>
    private static readonly HashSet<string> RequirementCues = new(StringComparer.OrdinalIgnoreCase)
    {
        "must satisfy", "has to satisfy", "have to satisfy", "needs to satisfy", "need to satisfy", "should satisfy",
        "constraint", "constraints", "condition", "conditions", "requirement",
    };

    private static bool IsRequirement(LatexRelation chain, Cue cue, bool inline) =>
        cue.Kind == CueKind.Hypothesis && RequirementCues.Contains(cue.Text)
        && (inline || cue.WordsAfter <= 1 && chain.Operators.Count == 1 && cue.Text.EndsWith("satisfy", StringComparison.Ordinal));

    /// <summary>A derivative written in the syntax (∂, ∇, d/dx, a prime): the binder has taken it, reading differently indexed values as different.</summary>
    private static bool Differentiates(SyntaxNode node) =>
        node.DescendantsAndSelf().Any(n => n is Derivative || n is MathSymbol { Name: "partial" or "nabla" } || n is Identifier { Primes: > 0 });

    /// <summary>
    /// A stated condition: comparisons, memberships and ≠ after a condition cue ("for $t \geq 1$", "assume $\sigma > 0$",
    /// "where $q_i > 0$"), or equations after "if", "suppose", "setting … to zero", "solving".
    /// </summary>
    private static bool IsHypothesis(LatexRelation chain, Cue cue, MathBlock block)
    {
        var inline = block.Kind == MathBlockKind.Inline;
        if (chain.Operators.All(IsCondition))
        {
            if (cue.Kind == CueKind.Hypothesis) return inline || StrongConditionCues.Contains(cue.Text) || IsRequirement(chain, cue, inline);
            return cue.Kind == CueKind.Definition && cue.Text is "let" or "where" || ChoiceCue(cue);
        }
        // Before display math, "if"/"suppose" must stand right before it ("If", "Suppose that"): "if the two agree, we get" is prose.
        if (chain.Operators.All(o => o.Kind is RelationKind.Equal && !o.Negated))
            return cue.Kind == CueKind.Solving || cue.Kind == CueKind.Hypothesis && EquationConditionCues.Contains(cue.Text) && (inline || cue.WordsAfter <= 1 || AssumesInSentence(cue, block))
                || IsRequirement(chain, cue, inline)
                || cue.Kind is CueKind.Hypothesis or CueKind.Definition && inline && SelfConstraint(chain)
                || DefinesByEquation(chain, cue);
        return false;
    }

    /// <summary>
    /// "We assume the constraints:", "Suppose the following holds": "assume" and "suppose" state conditions however many words
    /// stand between them and the display, within their sentence ("if" does not: "if we expand the square, we get" is prose,
    /// and a nearer cue such as "we get" wins anyway).
    /// </summary>
    private static bool AssumesInSentence(Cue cue, MathBlock block)
    {
        if (cue.Text is not ("assume" or "assuming" or "assumes" or "suppose" or "supposing") || cue.WordsAfter > 8) return false;
        var prose = block.ProseBefore;
        var at = prose.LastIndexOf(cue.Text, StringComparison.OrdinalIgnoreCase);
        return at >= 0 && prose.AsSpan(at + cue.Text.Length).IndexOfAny('.', '!', '?') < 0;
    }

    /// <summary>
    /// "the decision boundary is defined by $p(y=1 | x) = \sigma(w^\top x) = 0.5$": an equation setting an expression to a
    /// number after "defined by" defines a set (the points where it holds), as a condition does; the links before the
    /// number rewrite the expression and are checked. Only a chain (an expression rewritten, then set to the number): a
    /// lone f(x) = 3 or c = 3 stays what it was (a definition, a value).
    /// </summary>
    private static bool DefinesByEquation(LatexRelation chain, Cue cue) =>
        cue.Kind == CueKind.Definition && cue.Text is "is defined by" && chain.Operators.Count >= 2 && chain.Operands[^1] is Number or Unary { Operand: Number }
        && chain.Operands[0] is not Identifier;

    /// <summary>
    /// "$\text{ReLU}(x) = x$ for $x > 0$ and $\text{ReLU}(x) = 0$ for $x \le 0$": a condition written right after an equation in
    /// the same sentence (only "for", "when", "if" … between them) is that equation's case, not an assumption for the rest of
    /// the section; assumed there, the next case would be checked under the wrong one.
    /// </summary>
    private bool PostfixCondition()
    {
        if (_block is not { Kind: MathBlockKind.Inline } block) return false;
        var index = BlockIndex(block);
        if (index <= 0 || document.Blocks[index - 1] is not { Kind: MathBlockKind.Inline } previous || document.IsSkipped(previous)) return false;
        var gapStart = previous.Offset + previous.Length;
        if (block.Offset < gapStart) return false;
        var gap = document.Source.Text.Substring(gapStart, block.Offset - gapStart).Trim(' ', '\t', '\n', '\r', '$', '(', ')', '\\');
        return PostfixCue.IsMatch(gap) && previous.Text.Contains('=');
    }

    /// <summary>The position of a math block among the document's blocks (−1 when it is not one of them).</summary>
    private int BlockIndex(MathBlock block)
    {
        for (var i = 0; i < document.Blocks.Count; i++) if (ReferenceEquals(document.Blocks[i], block)) return i;
        return -1;
    }

    private static readonly System.Text.RegularExpressions.Regex PostfixCue = new(@"^,?\s*(?:for|when|whenever|if)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// "with $A = A^\top$", "where $P = P^2$": a name set equal to a formula in itself after a condition or naming cue is a
    /// property imposed on it (symmetric, idempotent), neither a definition (it mentions the name) nor a claim about every A.
    /// </summary>
    private static bool SelfConstraint(LatexRelation chain) =>
        chain.Operands is [Identifier name, var formula] && formula is not Identifier
        && formula.DescendantsAndSelf().OfType<Identifier>().Any(i => SyntaxPrinter.Print(i) == SyntaxPrinter.Print(name));

    /// <summary>Records a stated condition: comparisons become assumptions to the end of the section; equations become premises.</summary>
    private void Hypothesize(LatexRelation chain, List<Operand> operands, Cue cue)
    {
        var parsed = operands[0].Parsed;
        // The context shown for a hypothesis is the one it was stated in, before it takes effect.
        for (var i = 1; i < operands.Count; i++) Snapshot(operands[i].At(operands[i].Node.Span.Start));
        if (AffineHypothesis(chain, operands, cue)) return;
        string reason;
        // The links the equations before it already give, with their verdicts.
        var following = new Dictionary<int, Verdict>();
        if (chain.Operators.All(IsCondition))
        {
            var scope = _level == 0 ? "the document" : "the end of the section";
            foreach (var operand in operands)
                if (MathBinder.Bind(operand.Node, parsed, _scope).Value is { } value) _scope.Observe(value);
            if (PostfixCondition())
                reason = "hypothesis ('" + cue.Text + "'): the condition of the equation just before it in the sentence; not assumed for what follows";
            else if (_scope.Assume(chain, parsed, out var why))
            {
                _assumed.Add(new AssumedCondition(chain, parsed, _level));
                reason = "hypothesis ('" + cue.Text + "'): assumed to " + scope;
            }
            else reason = "hypothesis ('" + cue.Text + "'): not used, SymKl cannot read it as an assumption (" + why + ")";
        }
        else
        {
            // "solving f'(p) = −log p + log(1 − p) = log((1 − p)/p) = 0": the links before the last rewrite one expression;
            // only the last one, with its constant, is the equation being solved.
            // "setting 0 = −ln p − p·(1/p) − λ = −ln p − 1 − λ": the constant first, the links after the first rewrite it.
            var (first, end) = HypothesisLinks(chain, operands, parsed);
            // A computed derivative is claimed outright; links between plain quantities may be equations themselves.
            var derivative = ComputedDerivative(operands[0].Node);
            for (var i = 0; i < first; i++)
                Step(operands[i], chain.Operators[i], operands[i + 1], StatementRole.Step, "a link before the equation being solved ('" + cue.Text + "')", derivative, cue.Text);
            var added = 0;
            var before = _premises.ToList();
            for (var i = first; i < end; i++)
            {
                var l = MathBinder.Bind(operands[i].Node, parsed, _scope);
                var r = MathBinder.Bind(operands[i + 1].Node, parsed, _scope);
                if (l.Value is null || r.Value is null) continue;
                _scope.Observe(l.Value);
                _scope.Observe(r.Value);
                var (lhs, rhs) = (_scope.SubstituteSymbols(l.Value), _scope.SubstituteSymbols(r.Value));
                // "suppose 𝔼_q[x] = μ": a law the text gives its open q, for the steps that use it.
                _statedExpectations.Remember(lhs, rhs);
                // "hence L is maximised when p = q = 1/(2m)": a condition that the equations being solved already give is
                // their consequence, stated again; confirmed as such (never refuted: it may as well be a new condition).
                if (cue.Kind == CueKind.Hypothesis && before.Count > 0 && !_listedItem
                    && ImplicationChecker.Check(before, lhs, rhs, _scope.Assumptions, mayRefute: false, cue.Text, options.Seed, _scope.Context.IsKnownFunction) is { Kind: VerdictKind.Confirmed } follows)
                    following[i] = follows with { Reason = "a condition the equations being solved already give: it " + follows.Reason };
                _premises.Add((lhs, rhs));
                if (cue.Kind == CueKind.Hypothesis) NoteConditionUnknowns(_premises[^1].Lhs, _premises[^1].Rhs, operands[i].At(operands[i].Node.Span.Start).Line, _premises[^1]);
                else NoteUnknowns(_premises[^1].Lhs, _premises[^1].Rhs, operands[i].At(operands[i].Node.Span.Start).Line);
                if (cue.Kind == CueKind.Solving) NoteSolvedHypothesis(lhs, rhs, operands[i].At(operands[i].Node.Span.Start).Line);
                added++;
            }
            reason = added > 0
                ? "hypothesis ('" + cue.Text + "'): an equation the statements after it may solve"
                : "hypothesis ('" + cue.Text + "'): not used, SymKl cannot read it";
            if (added == 0 && _block is { } here) _unreadPremise = (here, operands[0].At(operands[0].Node.Span.Start).Line);
            // "with A = Aᵀ" that SymKl cannot use: A is no longer an arbitrary matrix, so no later refutation may choose it freely.
            if (added == 0 && SelfConstraint(chain) && chain.Operands[0] is Identifier constrained && !_unreadableValues.ContainsKey(MathBinder.SymbolName(constrained, parsed)))
                _unreadableValues[MathBinder.SymbolName(constrained, parsed)] = operands[0].At(operands[0].Node.Span.Start).Line;
            _sentenceInSystem = added > 0;
        }
        var (from, to) = chain.Operators.All(IsCondition) ? (0, chain.Operators.Count) : HypothesisLinks(chain, operands, parsed);
        for (var i = from; i < to; i++)
        {
            if (following.TryGetValue(i, out var follows))
            {
                var rhsStart = operands[i + 1].At(operands[i + 1].Node.Span.Start);
                Steps.Add(new StepResult(operands[i].At(operands[i].Node.Span.Start), rhsStart, operands[i + 1].At(operands[i + 1].Node.Span.End), operands[i].Text,
                    chain.Operators[i].Symbol, operands[i + 1].Text, Symbolic.Relation.Equal, follows, StatementRole.Implication, "'" + cue.Text + "' before an equation the ones being solved give"));
                continue;
            }
            Unchecked(operands[i], chain.Operators[i], operands[i + 1], StatementRole.Hypothesis, "'" + cue.Text + "' before a condition", reason, snapshot: false);
        }
        // The links after the equation rewrite its side (0 = −ln p − p·(1/p) − λ = −ln p − 1 − λ), refutable as the links before it are.
        for (var i = to; i < chain.Operators.Count; i++)
            Step(operands[i], chain.Operators[i], operands[i + 1], StatementRole.Step, "a link after the equation being solved ('" + cue.Text + "')",
                ComputedDerivative(operands[to].Node), cue.Text);
    }

    /// <summary>The link's symbols and functions all occur in the equations being solved (so it can only be a consequence of them).</summary>
    private bool WithinPremises(Operand left, Operand right)
    {
        // Bound without observing: a fresh name here must still read as fresh to the definition that may follow.
        var lhs = MathBinder.Bind(left.Node, left.Parsed, _scope).Value;
        var rhs = MathBinder.Bind(right.Node, right.Parsed, _scope).Value;
        if (lhs is null || rhs is null) return false;
        var link = (_scope.SubstituteSymbols(lhs), _scope.SubstituteSymbols(rhs));
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (l, r) in _premises)
            foreach (var side in new[] { l, r }) Names(side, known);
        var used = new HashSet<string>(StringComparer.Ordinal);
        Names(link.Item1, used);
        Names(link.Item2, used);
        return used.IsSubsetOf(known);
    }

    private static void Names(Expr e, HashSet<string> into)
    {
        foreach (var s in Traversal.FreeSymbols(e)) into.Add(s.Name);
        Traversal.Any(e, n =>
        {
            if (n is Apply ap) into.Add(ap.Name + "()");
            return false;
        });
    }

    /// <summary>dx/dz, d\sigma/dz, dy / dt: Leibniz's notation with a slash, which the parser reads as letters multiplied.</summary>
    private static readonly System.Text.RegularExpressions.Regex SlashDerivative = new(@"(?<![A-Za-z\\])d\s*(\\[A-Za-z]+|[A-Za-z])\s*/\s*d\s*(\\[A-Za-z]+|[A-Za-z])(?![A-Za-z])",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>"the derivative of x by z" for a derivative of a plain name by another one the document defines neither in terms of, or null.</summary>
    private string? UnstatedDependence(Operand side)
    {
        foreach (var node in side.Node.DescendantsAndSelf())
            if (node is Derivative { Operand: Identifier { Subscript: null } of, Variables: [Identifier by] }
                && MathBinder.SymbolName(of, side.Parsed) is var name && name != MathBinder.SymbolName(by, side.Parsed)
                && !_scope.DefinesSymbol(name) && !_scope.IsDefinedFunction(name)
                // 𝓛(w) = Σᵢ (wᵀxᵢ)²: a number the matrix reading takes through its formula in vectors, whose dependence is stated.
                && !_matrices.ScalarDefinitions.ContainsKey(Matrices.MatrixScope.Key(of, side.Parsed)))
                return "the derivative of " + name + " by " + MathBinder.SymbolName(by, side.Parsed);
        return null;
    }

    /// <summary>
    /// ∇_x log q, d/dθ log p_θ: a density or function the document writes with arguments, named bare under a derivative.
    /// The text means q at the arguments it had (q(x_t | x_0)); read as a constant its derivative is 0, which proves nothing.
    /// </summary>
    private string? BareDensityDifferentiated(Operand side)
    {
        foreach (var node in side.Node.DescendantsAndSelf())
        {
            if (node is not Derivative { Operand: { } of }) continue;
            // Names inside p(x) or KL(q ‖ p) are applications or a measure's densities, read as such.
            var applied = new HashSet<SyntaxNode>(of.DescendantsAndSelf().OfType<Call>().SelectMany(c => c.DescendantsAndSelf()));
            // The shorthand is a density under a logarithm (∇ log q, the score); a function with a formula written bare
            // (dG/dt after G(t) = ∫ …) is read through its formula.
            foreach (var log in of.DescendantsAndSelf().OfType<FunctionApplication>().Where(f => f.Function is "log" or "ln"))
                foreach (var id in log.Arguments.SelectMany(a => a.DescendantsAndSelf()).OfType<Identifier>())
                    if (!applied.Contains(id) && MathBinder.SymbolName(id, side.Parsed) is var name && _scope.IsDefinedFunction(name) && !_scope.DefinesSymbol(name))
                        return name;
        }
        return null;
    }

    /// <summary>∂L/∂p, f'(x), f': a derivative being computed, claimed for every value of its variables.</summary>
    /// <summary>∂, ∇ or d/dx written in a side, even where the parser could not read it (∂J/∂p(x)).</summary>
    private static bool WritesDerivative(string text) =>
        text.Contains("\\partial", StringComparison.Ordinal) || text.Contains("\\nabla", StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(text, @"\\frac\{\s*(\\mathrm\{d\}|d)");

    private static bool ComputedDerivative(SyntaxNode node) =>
        node is Derivative || node is Call { Callee: Identifier { Primes: > 0 } } || node is Identifier { Primes: > 0 };

    /// <summary>
    /// The links of an equation chain that are the equation being solved, [first, end): the last one when the chain ends in a
    /// constant (f'(p) = … = 0), the first one when it starts with one (0 = −ln p − 1 − λ = …), every link otherwise.
    /// </summary>
    private static (int First, int End) HypothesisLinks(LatexRelation chain, List<Operand> operands, ParseResult parsed)
    {
        var count = chain.Operators.Count;
        if (operands.Count < 3 || !chain.Operators.All(o => o.Kind == RelationKind.Equal && !o.Negated)) return (0, count);
        if (IsConstant(operands[^1], parsed)) return (count - 1, count);
        // ∂S/∂p = 0 = −ln p − 1 − λ = …: the two links at the constant are the equation, the others rewrite its sides.
        var constants = Enumerable.Range(0, operands.Count).Where(k => IsConstant(operands[k], parsed)).ToList();
        return constants switch
        {
            [0] => (0, 1),
            [var k] => (k - 1, k + 1),
            _ => (0, count),
        };
    }

    /// <summary>A number or a constant expression (0, 1, \frac12, \log 2).</summary>
    private static bool IsConstant(Operand operand, ParseResult parsed) =>
        MathBinder.Bind(operand.Node, parsed, new ScopeState()).Value is { } value && Traversal.FreeSymbols(value).Count == 0;


    private void VerifyOperands(List<Operand> operands, List<RelationOperator> operators, ParseResult parsed, Cue cue, bool joinsSystem, bool alternative = false)
    {
        var implies = false;
        RelationOperator? unreadArrow = null;
        var unreadPremiseOfArrow = false;
        var firstStep = Steps.Count;
        // "λ = A = B" drawn from the equations being solved: every link is a consequence of them, not an identity.
        (bool Refutable, string Cue)? drawn = null;
        foreach (var operand in operands) NoteDensityVariables(operand.Node, operand.Parsed);
        // The first link checked against the stationarity equation before it (its verdict replaces an undecided one below).
        var stationary = StationaryConsequence(operands, operators, parsed, cue);
        // η = [η₁; η₂] = [μ/σ²; 1/(2σ²)]: a vector of new names and their formulas, named entry by entry (DocumentRun.NamedEntries).
        if (NamedVectorChain(operands, operators, parsed, cue)) return;
        for (var i = 0; i < operators.Count; i++)
        {
            var op = operators[i];
            var left = operands[i];
            var right = operands[i + 1];
            var first = i == 0;
            if (IsArrow(op))
            {
                // a = b \Rightarrow c = d: the link after the arrow follows from the one before it.
                implies = _premises.Count > 0;
                // "v \perp w \Leftrightarrow vᵀw = 0", "X \sim Gam(a, b) \Rightarrow mode(X) = …": the arrow's left is no equation
                // SymKl reads; what follows holds under it and is not checked without it.
                if (unreadPremiseOfArrow && !operators.Skip(i + 1).Any(IsArrow) || !implies && (i == 0 && !_chainContinued && operands[0].Node is not LatexRelation || i > 0 && IsCondition(operators[i - 1]) || i > 0 && (MapRelation(operators[i - 1]) is null && operators[i - 1].Kind != RelationKind.Sim || operators[i - 1].Kind == RelationKind.Sim && Steps.Count > firstStep && Steps[^1].Role == StatementRole.Remark)))
                    unreadArrow = op;
                continue;
            }
            if (unreadArrow is { } fromUnread && !IsArrow(op) && MapRelation(op) is not null && op.Kind != RelationKind.Sim)
            {
                // a − b ≥ 0 ⟹ a ≥ b: a comparison right before the arrow, rearranged (DocumentRun.ComparisonPremise).
                if (i >= 2 && IsArrow(operators[i - 1]) && !options.ClaimsOnly
                    && FollowsFromComparison(operands[i - 2], operators[i - 2], operands[i - 1], left, op, right) is { } follows)
                {
                    Steps.Add(new StepResult(left.At(left.Node.Span.Start), right.At(right.Node.Span.Start), right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text,
                        MapRelation(op) ?? Symbolic.Relation.Equal, follows, StatementRole.Implication, "'" + fromUnread.Symbol + "' after a comparison"));
                    continue;
                }
                Unchecked(left, op, right, StatementRole.Implication, "'" + fromUnread.Symbol + "' after a statement SymKl cannot read",
                    "it follows from the statement before '" + fromUnread.Symbol + "', which SymKl cannot read as an equation; not checked", kind: VerdictKind.Unsupported);
                continue;
            }
            // r_i > r_j \Leftrightarrow q_i > q_j: a comparison before an arrow is a condition, neither side of the equivalence a claim.
            if (i + 1 < operators.Count && IsArrow(operators[i + 1]) && IsCondition(op) && !options.ClaimsOnly && unreadArrow is null)
            {
                Unchecked(left, op, right, StatementRole.Hypothesis, "the premise of '" + operators[i + 1].Symbol + "'", "hypothesis: a condition before the arrow after it; not used");
                continue;
            }
            // The link before an arrow is its premise (unless it is itself drawn from the equations being solved).
            var premiseOfArrow = i + 1 < operators.Count && IsArrow(operators[i + 1]) && op.Kind == RelationKind.Equal && !op.Negated && !options.ClaimsOnly;
            if (premiseOfArrow && !(implies || first && _premises.Count > 0 && (cue.Kind == CueKind.Implication || joinsSystem)))
            {
                if (Bound(left, right) is { } premise)
                {
                    _premises.Add(premise);
                    NoteUnknowns(premise.Item1, premise.Item2, left.At(left.Node.Span.Start).Line);
                    unreadPremiseOfArrow = false;
                }
                // α₀ = 0_{1k} \Rightarrow …: what follows the arrow draws on a premise SymKl could not read, like any unread statement before it.
                else unreadPremiseOfArrow = true;
                Unchecked(left, op, right, StatementRole.Hypothesis, "the premise of '" + operators[i + 1].Symbol + "'", "hypothesis: the premise of the implication after it");
                continue;
            }
            // An equation after the equations being solved ("so", "hence", \Rightarrow, or the same sentence) follows from them.
            var equation = op.Kind is RelationKind.Equal or RelationKind.Equivalent or RelationKind.Define && !op.Negated;
            // A display solving on with no words is a consequence when it brings in nothing the equations do not have
            // (a fresh name given a value there is a definition).
            var solvingOn = first && equation && _solvingOn && cue.Kind == CueKind.None && _premises.Count > 0 && WithinPremises(left, right);
            if (!first && equation && drawn is { } chain && !implies && _premises.Count > 0)
            {
                Step(left, op, right, StatementRole.Implication, "a later link of a chain drawn from the equations being solved", chain.Refutable, chain.Cue);
                continue;
            }
            // "setting … to zero gives $aᵀw = aᵀb$, so $aᵀw − aᵀb = 0$": drawn from an equation SymKl could not read.
            if (equation && _premises.Count == 0 && first && cue.Kind == CueKind.Implication && _unreadPremise is { } unreadPremise)
            {
                Unchecked(left, op, right, StatementRole.Implication, "'" + cue.Text + "' after an equation being solved",
                    "it follows from the equation on line " + unreadPremise.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", which SymKl could not read; not checked",
                    kind: VerdictKind.Unsupported);
                continue;
            }
            if (equation && _premises.Count > 0 && (implies || first && (cue.Kind == CueKind.Implication || joinsSystem || solvingOn)))
            {
                var refutable = !alternative && (implies || cue.Kind == CueKind.Implication && cue.OnlyConnectives || solvingOn);
                var why = implies ? "'\\Rightarrow' after an equation" : solvingOn && !joinsSystem ? "a display right after the equations being solved" : cue.Kind == CueKind.Implication ? "'" + cue.Text + "' after the equations being solved" : "continues the sentence of the equations being solved";
                var cueText = implies ? "\\Rightarrow" : alternative ? "or" : cue.Text.Length > 0 ? cue.Text : (_block?.ProseBefore ?? "").Trim(' ', ';', ',', ':');
                Step(left, op, right, StatementRole.Implication, why, refutable, cueText);
                if (first && !implies) drawn = (refutable, cueText);
                if (first) DefineSolvedFunction(left, right, parsed);
                _sentenceInSystem = true;
                continue;
            }
            // "a condition such as $…$ would be called …": an example of a kind of statement (DocumentRun.ExampleStatements).
            if (IsExampleStatement())
            {
                Unchecked(left, op, right, StatementRole.Remark, "a statement given as an example ('such as')",
                    "an example of the kind of statement the words before it name, not a claim; nothing to check");
                continue;
            }
            // "$p(x) = 0$ otherwise": the value on the rest of the domain, a piece of a piecewise definition (DocumentRun.PiecewisePieces).
            if (IsOtherPiece(left, op, first, operators.Count))
            {
                Unchecked(left, op, right, StatementRole.Definition, "'" + TextAfter(_block!).Trim().Split(' ')[0].Trim(',', '.') + "' after the equation",
                    "the value of " + left.Text + " on the rest of its domain: a piece of a piecewise definition, not a claim against the piece before it");
                continue;
            }
            // A later link after 'is defined as' whose left is a name without a value defines it too (DocumentRun.StatedNames).
            if ((first || DefiningLink(left, cue, parsed, firstStep)) && !options.ClaimsOnly && (op.Kind is RelationKind.Equal or RelationKind.Define or RelationKind.Equivalent) && !op.Negated && left.Parsed == parsed
                && Define(left, op, right, parsed, cue))
                continue;
            // w := w + Δw, w_j := w_j + η ∂l/∂w_j: ':=' whose left name recurs on its right is an update rule of an algorithm
            // (the new value from the old), not an equation; read as one it would be refuted.
            if (op.Kind == RelationKind.Define && !op.Negated && Mentions(right.Node, left.Node, parsed))
            {
                Unchecked(left, op, right, StatementRole.Definition, "':=' setting a name from its old value",
                    "an update rule: the name set by '" + op.Symbol + "' is used on its right (an assignment, not an equation); nothing to check");
                continue;
            }
            if (op.Kind == RelationKind.Sim && !op.Negated)
            {
                if (TryBindDistribution(left.Node, right.Node, parsed, left.At))
                    Unchecked(left, op, right, StatementRole.Definition, "'~' binds a distribution", "definition of " + Definitions[Definitions.Count - 1].Name + " (a distribution)");
                else
                {
                    Note(left.At(op.Span.Start), DiagnosticCodes.SamplingStatement, "'~' read as a sampling statement; nothing to check");
                    Unchecked(left, op, right, StatementRole.Remark, "'~' read as a sampling statement", "a sampling statement; nothing to check");
                }
                continue;
            }
            if (op.Kind == RelationKind.Propto && !op.Negated)
            {
                _premises.Clear();
                Proportional(_chainHead ?? operands[0], left, op, right);
                continue;
            }
            if (op.Kind == RelationKind.In && !op.Negated && ProbabilityInInterval(left, right) is { } range)
            {
                Unchecked(left, op, right, StatementRole.Claim, "a probability placed in an interval", range.Reason, kind: range.Kind);
                continue;
            }
            if (MapRelation(op) is null)
            {
                if (op.Kind == RelationKind.To && !op.Negated) NoteTendsTo(left, right, right.At(right.Node.Span.Start).Line);
                Unchecked(left, op, right, StatementRole.Remark, "'" + op.Symbol + "' is not a relation SymKl checks", "'" + op.Symbol + "' statements are not checked");
                continue;
            }
            // "setting the gradient to zero gives $X^\top X w = X^\top y$" when no equation before it was read: the equation
            // the text solves, never an identity in its unknowns (a computed derivative is still claimed outright).
            if (first && operators.Count == 1 && op.Kind == RelationKind.Equal && !op.Negated && !_chainContinued && !options.ClaimsOnly && _premises.Count == 0 && _zeroCue is null
                && SetToZeroWords.IsMatch(_block?.ProseBefore ?? "") && !ComputedDerivative(left.Node) && !WritesDerivative(left.Text) && !DerivativesReadInSection)
            {
                if (Bound(left, right) is { } solved)
                {
                    _premises.Add(solved);
                    NoteUnknowns(solved.Item1, solved.Item2, left.At(left.Node.Span.Start).Line);
                }
                else if (_block is { } here) _unreadPremise = (here, left.At(left.Node.Span.Start).Line);
                Unchecked(left, op, right, StatementRole.Hypothesis, "an equation after words that set something to zero",
                    "hypothesis: the equation the text solves after setting something to zero" + (_premises.Count > 0 ? "; the statements after it may solve it" : "; SymKl cannot read it"));
                continue;
            }
            _premises.Clear();
            var inline = _block?.Kind == MathBlockKind.Inline && left.Parsed == parsed;
            _rewriteLink = !first || _chainContinued;
            var recorded = Steps.Count;
            try { Step(left, op, right, inline ? StatementRole.Claim : StatementRole.Step, inline ? "a relation in running prose" : "a link of a chain in display math", true, ""); }
            finally { _rewriteLink = false; }
            // "Since $f(x) \leq b$": a premise, checked and assumed (DocumentRun.SincePremises).
            if (inline && cue.Kind == CueKind.None && !options.ClaimsOnly) ReviewPremise(recorded, left, op, right);
            if (!inline) CorrectedMistake(left, op, right, recorded);
            if (first) PossibleRedefinition(left, op, right, recorded, cue);
        }
        if (stationary is { } fromStationary) ApplyStationary(fromStationary, firstStep, operands[0]);
        NoteHeldValue(operands, operators, firstStep, parsed);
    }

    /// <summary>
    /// "Setting the derivative to zero, … hence p(x) = e^{λ₀ − 1}": a function the document does not define, given a formula
    /// that follows from the equations being solved, is defined by it from here on (the text solved for it).
    /// </summary>
    private void DefineSolvedFunction(Operand left, Operand right, ParseResult parsed)
    {
        if (Steps.Count == 0 || !Steps[^1].Verdict.Holds || left.Parsed != parsed || left.Node is not Call { Callee: Identifier id }) return;
        var name = MathBinder.FunctionName(id, parsed);
        if (_scope.Context.IsKnownFunction(name) || MathBinder.IsKnownOperatorName(id) || Mentions(right.Node, left.Node, parsed)) return;
        var before = Definitions.Count;
        var warned = Warnings.Count;
        _definingSolution = true;
        try
        {
            if (!TryDefine(left.Node, right.Node, parsed, off => ToSource(left.At(off)), false) || Definitions.Count == before) return;
        }
        finally { _definingSolution = false; }
        // Its uses before were the unknown p(x) of the equations being solved, not an arbitrary density.
        for (var i = Warnings.Count - 1; i >= warned; i--)
            if (Warnings[i].Code == DiagnosticCodes.UsedBeforeDefinition) Warnings.RemoveAt(i);
        _solvedIn[name] = _derivationStart;
        Steps[^1] = Steps[^1] with { Verdict = Steps[^1].Verdict with { Reason = Steps[^1].Verdict.Reason + "; it also defines " + name } };
    }

    /// <summary>Functions the text solved for (<see cref="DefineSolvedFunction"/>), with the derivation (its first section) they were solved in.</summary>
    private readonly Dictionary<string, int> _solvedIn = new(StringComparer.Ordinal);

    private static bool IsArrow(RelationOperator op) => op.Kind is RelationKind.Implies or RelationKind.Iff && !op.Negated;

    private (Expr, Expr)? Bound(Operand a, Operand b)
    {
        var l = MathBinder.Bind(a.Node, a.Parsed, _scope);
        var r = MathBinder.Bind(b.Node, b.Parsed, _scope);
        if (l.Value is null || r.Value is null) return null;
        _scope.Observe(l.Value);
        _scope.Observe(r.Value);
        return (_scope.SubstituteSymbols(l.Value), _scope.SubstituteSymbols(r.Value));
    }

    /// <summary>
    /// The first link as a definition: a fresh name, or any name after a definition cue (:=, "let", "define", "where"),
    /// or a function defined in an earlier section defined anew; a formula that mentions the name is not a definition.
    /// Targets SymKl cannot use (q(x_t \mid x_{t-1}), g^{-1}(x), a known operator of undefined arguments) are definitions it does not use.
    /// </summary>
    private bool Define(Operand left, RelationOperator op, Operand right, ParseResult parsed, Cue cue)
    {
        var node = left.Node;
        // H(X, Y) = Σ p log p: the standard measure's formula with a sign or a conditional wrong is a claim (refuted), not a definition.
        if (MisdefinedMeasure(left, op, right)) return false;
        if (DefinesOptimiser(left, op, right)) return true;
        // The forward chain of a diffusion model and the laws that follow from it (DocumentRun.ForwardChain.cs).
        NoteForwardChain(node, right.Node, parsed);
        NoteMarkovJoint(node, right.Node, parsed);
        if (ForwardChainClaim(left, op, right, parsed) || DerivedNameValue(left, op, right, parsed)) return true;
        if (IsChainVariable(node, parsed)) return false;
        if (RecursionOfDefinedFamily(node, right.Node, parsed)) return false;
        if (NamedLaw(node, right.Node, parsed) && TryBindDistribution(node, right.Node, parsed, left.At))
        {
            // q(z | x) = 𝒩(μ, σ²), p(z) = 𝒩(0, 1): the density is that law, as with '∼'.
            Unchecked(left, op, right, StatementRole.Definition, "a density set equal to a named law", "definition of " + Definitions[Definitions.Count - 1].Name + " (a distribution)");
            return true;
        }
        if (StandardEntropyDefinition(node, right.Node, parsed) is { } measure)
        {
            // The same formula again (a property list restating H(X) = −E[log p(x)] before a bound): the definition, so it holds.
            var formula = new string((left.Text + "=" + right.Text).Where(ch => !char.IsWhiteSpace(ch)).ToArray());
            if (op.Kind != RelationKind.Define && _standardFormulas.TryGetValue(formula, out var definedOn))
            {
                Unchecked(left, op, right, StatementRole.Claim, "the standard formula of an information measure, written again",
                    "the " + measure + "'s standard formula, as the document defined it on line " + definedOn.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    kind: VerdictKind.Proved);
                return true;
            }
            if (!_standardFormulas.ContainsKey(formula)) _standardFormulas[formula] = left.At(left.Node.Span.Start).Line;
            _standardMeasures.Add(((Identifier)((Call)node).Callee).Name);
            // h(X) = −∫ f(x) log f(x) dx with f the undefined density of X: the measure itself, so that h(X) of a law
            // the text names later (X ∼ U(a, b)) is that law's entropy, not an integral of an unknown f.
            Unchecked(left, op, right, StatementRole.Definition, "the standard formula of an information measure",
                "definition of " + left.Text.Trim() + ": the " + measure + " of the variables' law, read with its standard meaning");
            return true;
        }
        // h(𝐗) = ½ log((2πe)ⁿ |Σ|) after h was given its standard formula: a claim about the measure, never a new h.
        // h(aX + b) = h(X) + log|a|: an entropy of an affine image is never a definition of h either.
        if (op.Kind != RelationKind.Define && node is Call { Callee: Identifier { Name: "h", Subscript: null } measureName, Arguments: [var measured] }
            && (measured is Identifier { Name: ['S' or 'T' or 'U' or 'V' or 'W' or 'X' or 'Y' or 'Z'], Style: NameStyle.Normal or NameStyle.Bold } && _standardMeasures.Contains(measureName.Name)
                || ExprBinder.IsAffineImage(measured) && !_scope.IsDefinedFunction("h")))
            return false;
        var explicitCue = op.Kind == RelationKind.Define ? "'" + op.Symbol + "'" : cue.Kind == CueKind.Definition ? "'" + cue.Text + "'" : null;
        // \text{KL} = 0 or ELBO = … with no cue is a claim about a name SymKl does not know, not a definition of it.
        // A script letter (𝓛, 𝒥) given a formula where it is first written is named by it, as L would be.
        var fresh = DefinitionTarget(node, parsed) && !(explicitCue is null && node is Identifier opaque && OpaqueName(MathBinder.SymbolName(opaque, parsed))
            && !(opaque is { Name.Length: 1, Style: NameStyle.Calligraphic or NameStyle.Script } && !IsConstant(right, parsed)));
        // I(X, Y) of random variables after an earlier section's I(x) (the self-information): the mutual information, a claim.
        // A function the text solved for in this derivation (a subsection may follow) is its answer: a formula for it
        // later in the same derivation is a claim about it, not a new definition.
        var redefined = node is Call { Callee: Identifier fid } redefinedCall && _definedInSection.TryGetValue(MathBinder.FunctionName(fid, parsed), out var section) && section != _section
            && !(fid.Name == "I" && ExprBinder.IsRandomVariableMeasure(redefinedCall))
            && !(_solvedIn.TryGetValue(MathBinder.FunctionName(fid, parsed), out var solvedAt) && solvedAt == _derivationStart && _derivationStart > 0)
            // f(e^2) = … under the heading that defined f(x): its value at a point, to check (DocumentRun.FunctionValues).
            && !ValueOfEnclosingFunction(node, op, parsed);
        var nameLike = node is Identifier || node is Call { Callee: Identifier cid } call && (!MathBinder.IsKnownOperatorName(cid) || MathBinder.IsNameWithoutMeaning(cid)) && !ExprBinder.IsRelativeEntropyCall(call);
        if (fresh && explicitCue is null && CaseAfterFor(left, op, right, cue)) return true;
        // p(y_i | μ) = 𝒩(x; μ, σ²): the density at a letter that is none of its arguments; not used (DocumentRun.StatedNames).
        if (op.Kind != RelationKind.Define && IllFormedDensity(node, right.Node, parsed) is { } illFormed)
        {
            if (node is Call { Callee: Identifier illFormedName }) _illFormedDensities[MathBinder.FunctionName(illFormedName, parsed)] = right.At(right.Node.Span.Start).Line;
            Unchecked(left, op, right, StatementRole.Definition, "a density given a formula in a letter that is not its variable", "definition; not used: " + illFormed);
            return true;
        }
        if (LogOfNewFunction(node, parsed, right.Node) is { } logged && !Mentions(right.Node, logged.Call, parsed))
        {
            if (explicitCue is null && LogDensityOfLawInForce(logged.Call, logged.Base, logged.Negated, left, op, right, parsed)) return true;
            if (NotNormalised(logged.Call, logged.Base, logged.Negated, right.Node, parsed) is { } unnormalised)
            {
                Steps.Add(new StepResult(left.At(left.Node.Span.Start), right.At(right.Node.Span.Start), right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text,
                    Symbolic.Relation.Equal, unnormalised, StatementRole.Claim, "a log-density given by its formula"));
                Snapshot(right.At(right.Node.Span.Start));
                // Wrong as a density, the formula still gives p up to its normalisation: what follows (∂ log p/∂σ) is read
                // through the normalised density, exp(formula)/∫exp(formula), the one density the text can mean.
                if (unnormalised.Residue is { } residue)
                    TryDefineThroughLog(logged.Call, logged.Base, logged.Negated, right.Node, parsed, off => ToSource(left.At(off)), Ex.Add(residue, Ex.One));
                return true;
            }
            var before = Definitions.Count;
            if (TryDefineThroughLog(logged.Call, logged.Base, logged.Negated, right.Node, parsed, off => ToSource(left.At(off))))
            {
                Unchecked(left, op, right, StatementRole.Definition, "the logarithm of a function not used before, given a formula",
                    Definitions.Count > before ? "definition of " + Definitions[Definitions.Count - 1].Name + " (through its logarithm)" : "definition; not used (SymKl cannot read its formula)");
                return true;
            }
        }
        // \ln Λ = … with Λ written first here: Λ named through its logarithm (DocumentRun.StatedNames).
        if (LogOfFreshName(left, op, right, parsed)) return true;
        if (op.Kind != RelationKind.Define && node is Identifier { Subscript: null } bare && _appliedNames.Contains(MathBinder.SymbolName(bare, parsed))
            && !_scope.IsDefinedFunction(MathBinder.SymbolName(bare, parsed)) && right.Node is not Identifier && !right.Node.DescendantsAndSelf().OfType<Call>().Any())
        {
            // "the density is f = 10", "its entropy h = −log 10" beside f(x) and h(X): the function's value in one
            // setting (an example), not a constant for the rest of the document.
            var applied = MathBinder.SymbolName(bare, parsed);
            if (BareMeasureValue(left, op, right, applied)) return true;
            // Not a free parameter of later statements either: p = σ(wᵀx) beside p(1 − p) still gives p a value.
            if (!_unreadableValues.ContainsKey(applied)) _unreadableValues[applied] = right.At(right.Node.Span.Start).Line;
            Unchecked(left, op, right, StatementRole.Remark, "a value of a name the document also applies as a function",
                "not used as a definition: the document also writes " + applied + "(…), so this is " + applied + "'s value in one setting (an example), not a constant of the document");
            return true;
        }
        if ((fresh || explicitCue is not null) && node is Identifier valued && UndefinedEventLaw(right) is { } law)
        {
            // p_n = P(Y_n = 1): a value of a law the document does not give; p_n is not a free parameter either.
            var valuedName = MathBinder.SymbolName(valued, parsed);
            if (!_unreadableValues.ContainsKey(valuedName)) _unreadableValues[valuedName] = right.At(right.Node.Span.Start).Line;
            Unchecked(left, op, right, StatementRole.Definition, "a name given the law of a variable at a value",
                "definition of " + valuedName + "; not used (" + law + " is the law of a variable at a value, which the document does not give)");
            return true;
        }
        var affineAnew = !fresh && RedefinedAffineVariable(node, right.Node, parsed);
        var symbolAnew = !fresh && explicitCue is null && RedefinedSymbol(node, right.Node, op, parsed, cue);
        // A name the document already gave a value, written again with a formula that agrees: a claim, not a new definition.
        if ((fresh || redefined) && explicitCue is null && RestatedValue(left, op, right, parsed)) return true;
        // A matrix an earlier display defined, written again with a formula that agrees with it: a claim that holds. The
        // scope is left as the definition would have left it.
        if ((fresh || redefined || affineAnew || symbolAnew) && explicitCue is null && !Mentions(right.Node, node, parsed) && MatrixRestatement(left, op, right))
        {
            if (TryDefine(node, right.Node, parsed, off => ToSource(left.At(off)), false))
            {
                NoteAffineVariable(node, right.Node, parsed);
                NoteDefinedSymbol(node, parsed);
            }
            return true;
        }
        if (fresh || redefined || affineAnew || symbolAnew || explicitCue is not null && nameLike)
        {
            var before = Definitions.Count;
            if (Mentions(right.Node, node, parsed)) return false;
            var estimate = EstimateOfWorkingUnknown(left, right, op);
            if (!TryDefine(node, right.Node, parsed, off => ToSource(left.At(off)), op.Kind == RelationKind.Define))
            {
                // "$$\hat{R} = PQ^\top$$ where $\hat{R}$ is the predicted rating matrix": named by the words after the display (DocumentRun.NamedAfterDisplay).
                if (explicitCue is null && fresh && NamedAfterDisplay(node, parsed))
                {
                    var namedKey = Matrices.MatrixScope.Key((Identifier)node, parsed);
                    if (!_matrices.ScalarDefinitions.ContainsKey(namedKey) && !_matrices.Definitions.ContainsKey(namedKey) && !_matrices.RandomDefinitions.ContainsKey(namedKey))
                        UnreadableValue(MathBinder.SymbolName((Identifier)node, parsed), right.At(right.Node.Span.Start).Line);
                    Unchecked(left, op, right, StatementRole.Definition, "a name the words after the display explain ('where … is')",
                        "definition; not used as a number (SymKl cannot read its formula without vectors and matrices)");
                    return true;
                }
                // "Let $z_i = \mathbf{w}^\top \mathbf{x}_i$": the text says it defines z_i; a formula this layer cannot read
                // keeps the line a definition (not used, z_i no free parameter after it), never a claim about a free z_i.
                // An optimiser (θ̂ := argmax_θ …) is left to the chain, which compares later argmax displays with it.
                if (explicitCue is null || node is not Identifier named || MathBinder.Bind(right.Node, parsed, _scope).Value is not null
                    || Matrices.MatrixScope.Unwrap(right.Node) is Operator { Name: "argmax" or "argmin" or "max" or "min" or "sup" or "inf" }) return false;
                // The matrix reading may keep the formula (z = wᵀx): then z is read through it there, not left open.
                var key = Matrices.MatrixScope.Key(named, parsed);
                if (!_matrices.ScalarDefinitions.ContainsKey(key) && !_matrices.Definitions.ContainsKey(key) && !_matrices.RandomDefinitions.ContainsKey(key))
                    UnreadableValue(MathBinder.SymbolName(named, parsed), right.At(right.Node.Span.Start).Line);
                Unchecked(left, op, right, StatementRole.Definition, explicitCue + " before a name", "definition; not used as a number (SymKl cannot read its formula without vectors and matrices)");
                return true;
            }
            NoteAffineVariable(node, right.Node, parsed);
            NoteDefinedSymbol(node, parsed);
            if (estimate is { } solved && FollowsFromWorking(solved.Lhs, solved.Rhs, right.At(right.Node.Span.Start).Line) is { Kind: VerdictKind.Confirmed } consequence)
            {
                var rhsStart = right.At(right.Node.Span.Start);
                Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal,
                    consequence with { Reason = consequence.Reason + "; it also defines " + left.Text.Trim() }, StatementRole.Implication,
                    "an estimate given the value that solves the equations before it"));
                Snapshot(rhsStart);
                return true;
            }
            if (Definitions.Count > before && StatedOptimum(left, op, right) is { } optimum)
            {
                var rhsStart = right.At(right.Node.Span.Start);
                Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal,
                    optimum.Verdict, StatementRole.Implication, "the optimiser the words name of the objective " + optimum.Objective + " the text defined"));
                Snapshot(rhsStart);
                return true;
            }
            // A name given a value SymKl cannot read (a matrix of rows with \vdots) is not a free parameter of later claims.
            if (Definitions.Count == before && node is Identifier unreadable && !_unreadableValues.ContainsKey(MathBinder.SymbolName(unreadable, parsed)))
                _unreadableValues[MathBinder.SymbolName(unreadable, parsed)] = right.At(right.Node.Span.Start).Line;
            var why = explicitCue is not null ? explicitCue + " before a name" : fresh ? "a name not used before, given a formula"
                : affineAnew ? "a random variable of an earlier section given a new affine formula"
                : symbolAnew ? "a name of an earlier, closed section given a new formula" : "a function of an earlier section defined anew";
            Unchecked(left, op, right, StatementRole.Definition, why,
                Definitions.Count > before ? "definition of " + Definitions[Definitions.Count - 1].Name : "definition; not used (SymKl cannot read its formula)");
            return true;
        }
        if (explicitCue is not null && IsOwnConventionDefinition(node, parsed) && StandardMeaningHere(left, right) is { } standard)
        {
            Unchecked(left, op, right, StatementRole.Definition, explicitCue + " before a known name",
                "definition of " + left.Text + " by its standard meaning (" + standard + ")");
            return true;
        }
        if (explicitCue is not null && IsOwnConventionDefinition(node, parsed))
        {
            // Not in force (its own convention), but a step that applies it before or elsewhere may be confirmed with it.
            if (CandidateFunction(node, right.Node, parsed) is { } candidate) FunctionsDefined.Add((right.At(right.Node.Span.Start).Line, candidate, new DefinitionSyntax(node, right.Node, parsed)));
            Unchecked(left, op, right, StatementRole.Definition, explicitCue + " before a known name the document defines its own way",
                "definition of " + left.Text + "; not used (it differs from the standard meaning, so statements that use it are not refuted)");
            return true;
        }
        if (UnusableTarget(node, right.Node, parsed) is { } what)
        {
            // H(Y) = H(¼, ¼ + ¼u, ½ − ¼u), then H(Y) = H(¼, ¾) + ¾ H(…): the quantity is unknown, but a later value given
            // to it that follows from an earlier one (the two formulas agree) is confirmed; one that does not stays unchecked.
            var stated = OperatorValue(left, op, right);
            if (stated is not null) RememberMeasureValue(stated.Value, right);
            if (stated is not null && FollowsFromWorking(stated.Value.Lhs, stated.Value.Rhs, right.At(right.Node.Span.Start).Line) is { Kind: VerdictKind.Confirmed } agrees)
            {
                var rhsStart = right.At(right.Node.Span.Start);
                Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal,
                    agrees, StatementRole.Claim, "a value of a quantity the text gave a value before"));
                Snapshot(rhsStart);
                return true;
            }
            Unchecked(left, op, right, StatementRole.Definition, what, "definition of " + left.Text + (stated is null ? "; not used (" : "; used only inside a maximum or minimum over a variable it mentions (") + what + ")");
            return true;
        }
        return false;
    }

    /// <summary>
    /// e_{t+1} = (1 + η) e_t with e_t = w_t − 3 defined: a member the family gives its value, related to its siblings, is a claim
    /// about the family (a slip in it is refuted), never another value given to e_{t+1} as a case.
    /// </summary>
    private Expr FamilyRelationAsWritten(Expr written, Expr expanded, Expr other) =>
        written is Sym member && _scope.DefinesMember(member) && IndexedSums.Split(member.Name) is { } parts
        && Traversal.FreeSymbols(other).Any(s => s != member && IndexedSums.Split(s.Name) is { } sibling && sibling.Base == parts.Base)
            ? expanded : written;

    /// <summary>
    /// e_{t+1} = (1 − η) e_t after e_t = w_t − 3: the family already has its formula at every index, so a relation between
    /// its members is a claim that follows (or not) from it, not a definition of e_{t+1}.
    /// </summary>
    private bool RecursionOfDefinedFamily(SyntaxNode target, SyntaxNode formula, ParseResult parsed) =>
        target is Identifier { Subscript: not null } member
        && _scope.DefinesMember(Ex.Sym(MathBinder.SymbolName(member, parsed)))
        && formula.DescendantsAndSelf().OfType<Identifier>().Any(i => i.Name == member.Name && i.Style == member.Style && i.Subscript is not null && i.Primes == member.Primes && i.Accent == member.Accent);

    /// <summary>
    /// q(z | x) = 𝒩(μ, σ²), p_θ(z) = 𝒩(0, 1): a density of a lower-case name, set equal to a family with exactly its
    /// parameters (𝒩(x; μ, σ²), the density at x, has one more and is a formula, read as before).
    /// </summary>
    private bool NamedLaw(SyntaxNode target, SyntaxNode formula, ParseResult parsed) =>
        (target is Call { Callee: Identifier { Name: [var letter], Primes: 0 } called, Arguments: [Identifier, ..] } && char.IsLower(letter) ? called : BareLawName(target, parsed)) is { } density
        && (!_scope.IsDefinedFunction(MathBinder.FunctionName(density, parsed))
            // a density of an earlier section set up anew (p(z) = 𝒩(0, 1) in an exercise after p(y | x) = …)
            || _definedInSection.TryGetValue(MathBinder.FunctionName(density, parsed), out var section) && section != _section)
        && formula is Call { Callee: Identifier family } law && Families.Find(family.Name) is { } f && law.Arguments.Count == f.Parameters.Count
        && law.Separators.All(s => s.Text == ",");

    /// <summary>
    /// "For p = 𝒩(μ₁, σ₁²) and q = 𝒩(μ₂, σ₂²)", "let p ∼ 𝒩(μ, σ²)": a one-letter name the document writes elsewhere only
    /// as a density of one variable (p(x), E_p, KL(p ‖ q)) names the law of that variable, not a random quantity p.
    /// </summary>
    private Identifier? BareLawName(SyntaxNode target, ParseResult parsed) =>
        target is Identifier { Name: [var letter], IsUndecorated: true } name
        && letter is 'p' or 'q' or 'r' or 'P' or 'Q'
        && _scope.WrittenDensityVariable(MathBinder.FunctionName(name, parsed)) is { } variable && variable != MathBinder.SymbolName(name, parsed)
            ? name : null;

    /// <summary>The formula mentions the name it would define (x = x/2 + 1, f(x) = f(x - 1) + 1): an equation, not a definition.</summary>
    private static bool Mentions(SyntaxNode formula, SyntaxNode target, ParseResult parsed)
    {
        var name = target switch
        {
            Identifier id => MathBinder.SymbolName(id, parsed),
            Call { Callee: Identifier cid } => MathBinder.FunctionName(cid, parsed),
            _ => null,
        };
        if (name is null) return false;
        // a_h, σ_f: a label in a subscript says whose parameter it is (h(y) = a_h y² + b_h defines h); the names are not visited.
        static IEnumerable<SyntaxNode> All(SyntaxNode n) => new[] { n }.Concat(n is Identifier ? [] : n.Children().SelectMany(All));
        return All(formula).Any(n => n is Identifier id && (MathBinder.SymbolName(id, parsed) == name || MathBinder.FunctionName(id, parsed) == name));
    }

    /// <summary>Why a definition target is one SymKl records but cannot use, or null when it is not such a target.</summary>
    private string? UnusableTarget(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        switch (target)
        {
            // q(x_t \mid x_{t-1}) = …: a conditional law of an undefined function.
            case Call { Callee: Identifier id } call when !MathBinder.IsKnownOperatorName(id) && !_scope.IsDefinedFunction(MathBinder.FunctionName(id, parsed)) && DefinitionSignature.Read(call, formula, parsed) is null && !IsExpectationCall(call)
                && !ExprBinder.IsRelativeEntropyCall(call):
                return "its arguments are not plain variables";
            // g^{-1}(x) = …, f'(x) = … of an undefined f.
            case Call { Callee: Power { Base: Identifier pid } } when !_scope.IsDefinedFunction(MathBinder.FunctionName(pid, parsed)) && !Mentions(formula, pid, parsed):
                return "an inverse or power of an undefined function";
            // g^{-1}(x) = … read as g^{-1} times (x).
            case ImplicitMultiplication { Factors: [Power { Base: Identifier mid }, Group] } when !_scope.IsDefinedFunction(MathBinder.FunctionName(mid, parsed)) && !Mentions(formula, mid, parsed):
                return "an inverse or power of an undefined function";
            // H(X) = -\int f \log f: a known operator of arguments that name nothing in the document nor in the formula.
            case Call { Callee: Identifier oid } op when MathBinder.IsKnownOperatorName(oid) && op.Arguments.Count > 0 && op.Arguments.All(a => ArgumentNamesNothing(a, formula, parsed)):
                return "a known operator of arguments the document does not define";
        }
        return null;
    }

    private bool ArgumentNamesNothing(SyntaxNode argument, SyntaxNode formula, ParseResult parsed)
    {
        if (argument is not Identifier id) return false;
        var name = MathBinder.SymbolName(id, parsed);
        // p = 𝒩(μ₁, σ₁²) before KL(p ‖ q) = …: a law the document gives names it.
        if (_scope.IsDefinedFunction(name) || _scope.IsDefinedFunction(MathBinder.FunctionName(id, parsed)) || _matrices.Gaussians.ContainsKey(Matrices.MatrixScope.Key(id, parsed))
            || _scope.Context.Bound.ContainsKey(name) || _scope.Context.Bound.ContainsKey(MathBinder.FunctionName(id, parsed)) || _scope.DefinesSymbol(name)) return false;
        static IEnumerable<SyntaxNode> All(SyntaxNode n) => new[] { n }.Concat(n.Children().SelectMany(All));
        // P is named by p(x) (a distribution and its density share a letter); a variable only by itself.
        var nodes = All(formula).ToList();
        var densities = nodes.OfType<Call>().Select(c => c.Callee).OfType<Identifier>().Select(f => MathBinder.FunctionName(f, parsed).ToLowerInvariant());
        var symbols = nodes.OfType<Identifier>().Select(f => MathBinder.SymbolName(f, parsed));
        return !densities.Contains(name.ToLowerInvariant()) && !symbols.Contains(name);
    }

    /// <summary>A statement that is not checked (definition, hypothesis, remark): recorded with its role, verdict skipped.</summary>
    private void Unchecked(Operand left, RelationOperator op, Operand right, StatementRole role, string cue, string reason, bool snapshot = true, VerdictKind kind = VerdictKind.Skipped)
    {
        var rhsStart = right.At(right.Node.Span.Start);
        Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text,
            MapRelation(op) ?? Symbolic.Relation.Equal, new Verdict(kind, reason, null, null, 0), role, cue));
        if (snapshot) Snapshot(rhsStart);
        // ∫ x p(x) dx = μ as a hypothesis: a constraint the density the text solves for must meet (DocumentRun.Constraints).
        if (role == StatementRole.Hypothesis && op.Kind == RelationKind.Equal && !op.Negated && !options.ClaimsOnly
            && MathBinder.Bind(left.Node, left.Parsed, _scope).Value is { } l && MathBinder.Bind(right.Node, right.Parsed, _scope).Value is { } r)
            NoteConstraint(_scope.SubstituteSymbols(l), _scope.SubstituteSymbols(r), rhsStart.Line);
    }

    /// <summary>For --explain: what was in force at a statement of the line asked about.</summary>
    private void Snapshot(FilePosition at)
    {
        if (options.ExplainLine != at.Line) return;
        Contexts.Add(new ContextSnapshot(at, _block?.ProseBefore ?? string.Empty,
            DefinitionsInForce(),
            _scope.DescribeAssumptions(),
            [.. _scope.Context.Bound.Select(b => b.Key + " ~ " + b.Value)],
            [.. _premises.Select(p => LatexPrinter.Print(p.Lhs) + " = " + LatexPrinter.Print(p.Rhs))]));
    }

    private static SourcePosition ToSource(FilePosition p) => new(p.Line, p.Column);

    private void Note(FilePosition p, string code, string message) => Warnings.Add(new DocumentWarning(p, WarningKind.Note, code, message));

    // ------------------------------------------------------------------ definitions

    /// <summary>A fresh name on the left of '=': f(x), q(z; μ, σ²), θ^*.</summary>
    private bool DefinitionTarget(SyntaxNode node, ParseResult parsed) => node switch
    {
        // f'(x) = … after f(x) = …: the derivative of a defined function is a claim about it, not a new function f'.
        Call { Callee: Identifier { Primes: > 0 } primed } when _scope.IsDefinedFunction(MathBinder.FunctionName(primed with { Primes = 0 }, parsed)) => false,
        // ELBO(q) = … where the document first writes ELBO: a name SymKl knows no meaning for, defined here.
        // H(p) = −p log p − (1 − p) log(1 − p): the binary entropy, a function of a number the text defines.
        Call { Callee: Identifier bid } binary when _binaryEntropies.Contains(ConventionKey(MathBinder.FunctionName(bid, parsed), binary.Arguments.Count))
            && binary.Arguments is [Identifier] => !_scope.IsDefinedFunction(MathBinder.FunctionName(bid, parsed)),
        Call { Callee: Identifier id } call => !_scope.IsDefinedFunction(MathBinder.FunctionName(id, parsed))
            && (!MathBinder.IsKnownOperatorName(id) || MathBinder.IsNameWithoutMeaning(id) && FirstWrittenHere(id, parsed)) && !MathBinder.IsInformationMeasure(call, (SyntaxNode?)parsed.Root ?? call)
            && !IsExpectationCall(call) && !MeasuresLawsInForce(call, parsed) && !ExprBinder.IsRelativeEntropyCall(call),
        Identifier id => !_scope.HasSeen(MathBinder.SymbolName(id, parsed)),
        // σ² = \frac{1}{n}\sum_i (x_i − m)²: a fresh name defined through its square. Not an estimate (σ̂², with the
        // equations it solves) and not σ_t² = β_t, one name set to another (a choice among cases more often than a definition).
        // Nor σ² = ∫ e^{λ₀ − 1 − λ₁z²} z² dz among equations being solved: a constraint on their unknowns.
        Power { Base: Identifier { Primes: 0, Accent: null } squared, Exponent: Number { Text: "2" } } => !_scope.HasSeen(MathBinder.SymbolName(squared, parsed)) && _working.Count == 0 && _premises.Count == 0,
        _ => false,
    };

    /// <summary>h(X), H(X, Y) of random variables whose law is in force (X ∼ U(a, b) before it): their entropy, a claim, never a definition of h.</summary>
    private bool MeasuresLawsInForce(Call call, ParseResult parsed) =>
        ExprBinder.IsRandomVariableMeasure(call) && call.Arguments.All(a => a is Identifier v && _scope.HasDistribution(MathBinder.SymbolName(v, parsed)));

    private bool TryDefine(LatexRelation r, ParseResult parsed, Func<int, SourcePosition> at) =>
        r.Operators[0].Kind == RelationKind.Sim
            ? TryBindDistribution(r.Operands[0], r.Operands[1], parsed, off => ToFile(at(off)))
            : TryDefine(r.Operands[0], r.Operands[1], parsed, at, r.Operators[0].Kind == RelationKind.Define);

    /// <summary>q(z) = 𝒩(z; μ, σ²): an inline family density at the parameter, with parameters free of it.</summary>
    private static DistributionInstance? InlineFamily(Expr body, Sym parameter) =>
        body is Apply ap && ap.Args.Count >= 1 && ap.Args[0].Equals(parameter) &&
        ap.Args.Skip(1).All(a => !Traversal.FreeSymbols(a).Contains(parameter))
            ? Calculus.InlineDensity(ap.Name, ap.Args)
            : null;

    private bool TryDefine(SyntaxNode target, SyntaxNode formula, ParseResult parsed, Func<int, SourcePosition> at, bool explicitDefinition)
    {
        var position = ToFile(at(target.Span.Start));
        switch (target)
        {
            case Call { Callee: Identifier id } call:
                {
                    var name = MathBinder.FunctionName(id, parsed);
                    var signature = DefinitionSignature.Read(call, formula, parsed);
                    // 𝓛(p_1, …, p_n, λ) = …: the elided list only names the variables the formula is in, so the
                    // definition gives the name 𝓛 that formula (∂𝓛/∂p_i then differentiates it).
                    // Not when the formula applies the name itself (p(x_1, …, x_n) = ∏ p(x_i) is a property of p).
                    // σ(wᵀx) = 1/(1 + e^{−wᵀx}): defined at an expression, a function of one variable standing for it.
                    if (signature is null && AtExpressionArgument(name, call, formula, parsed) is { } atExpression)
                    {
                        _scope.Context = _scope.Context.WithDefinition(atExpression);
                        Definitions.Add(new DefinitionInfo(position, name, parsed.GetText(formula.Span), "function"));
                        FunctionsDefined.Add((position.Line, atExpression, null));
                        DefinedHere(name, position);
                        _definedInSection[name] = _section;
                        NoteSectionDefinition(name, atExpression.Body);
                        return true;
                    }
                    if (signature is null)
                        return call.Arguments.Any(a => a is Ellipsis) && MathBinder.Bind(formula, parsed, _scope).Value is { } elided
                            && !MentionsFunction(elided, name) && TryDefine(id, formula, parsed, at, explicitDefinition);
                    var parameters = signature.Parameters;
                    var body = MathBinder.Bind(formula, parsed, _scope);
                    RememberModelDefinition(target, formula, parsed);
                    if (body.Value is null)
                    {
                        Warnings.Add(DocumentWarning.CannotRead(ToFile(at(formula.Span.Start)), DiagnosticCodes.UnreadableDefinition, "cannot read the definition of " + name + ": " + body.Problem));
                        // An earlier definition no longer holds: from here on the function is one SymKl does not know.
                        _scope.Context = _scope.Context.Without(name);
                        return true;
                    }
                    // P(y|x) = ∫ P(y|θ) P(θ|x) dθ states a property of P, it does not define it: as a definition every
                    // use of P would expand without end. Left to the caller, it is checked as a claim.
                    if (MentionsFunction(body.Value, name)) return false;
                    if (signature.Rewrite(body.Value) is not { } formulaValue) return false;
                    if (parameters.Count == 1) _scope.MarkDensityVariable(name, parameters[0].Name);
                    // A written-out Gaussian density is a member of the Normal family; N(z; μ, σ²) written inline is its family's.
                    if (parameters.Count == 1 && (DensityRecognizer.TryRecognize(formulaValue, parameters[0], _scope.Assumptions) ?? InlineFamily(formulaValue, parameters[0])) is { } normal)
                    {
                        _scope.Context = _scope.Context.WithDistribution(name, normal);
                        NoteBoundShape(name, call, parsed, position.Line);
                        _scope.AssumeSupport(normal);
                        Definitions.Add(new DefinitionInfo(position, name, parsed.GetText(formula.Span), "density " + normal));
                    }
                    else
                    {
                        _scope.Context = _scope.Context.WithDefinition(new FunctionDefinition(name, parameters, formulaValue));
                        Definitions.Add(new DefinitionInfo(position, name, parsed.GetText(formula.Span), "function"));
                        FunctionsDefined.Add((position.Line, new FunctionDefinition(name, parameters, formulaValue), new DefinitionSyntax(target, formula, parsed)));
                    }
                    DefinedHere(name, position);
                    _definedInSection[name] = _section;
                    NoteSectionDefinition(name, formulaValue);
                    return true;
                }
            case Power { Base: Identifier squared, Exponent: Number { Text: "2" } } when formula is not (Identifier or Number or Unary { Operand: Identifier or Number }):
                {
                    // σ² = …: σ is the positive root when the name is a positive quantity (a standard deviation, a
                    // scale); any other name's sign is unknown, so it is no free parameter of later claims either.
                    var body = MathBinder.Bind(formula, parsed, _scope);
                    var name = MathBinder.SymbolName(squared, parsed);
                    if (body.Value is null || Traversal.FreeSymbols(body.Value).Any(s => s.Name == name)) return false;
                    if (_scope.Assumptions.IsPositive(Ex.Sym(name)))
                    {
                        _scope.DefineSymbol(name, Ex.Sqrt(body.Value));
                        _unreadableValues.Remove(name);
                        Definitions.Add(new DefinitionInfo(position, name, "\\sqrt{" + parsed.GetText(formula.Span).Trim() + "}", "definition (through its square)"));
                    }
                    else
                    {
                        _unreadableValues[name] = position.Line;
                        _scope.Observe(Ex.Sym(name));
                    }
                    return true;
                }
            case Identifier id:
                {
                    var body = MathBinder.Bind(formula, parsed, _scope);
                    var name = MathBinder.SymbolName(id, parsed);
                    if (body.Value is null || Traversal.FreeSymbols(body.Value).Any(s => s.Name == name)) return false;
                    RememberModelDefinition(target, formula, parsed);
                    if (IndexedStep.RunningRange(name, body.Value) is { } index)
                    {
                        // ᾱ_t = ∏_{i=1}^{t} α_i: unfolded, t would become a length written out from 1, renaming the
                        // statement's other names indexed by t (x_t → x_1) away from their own definitions. The name is
                        // kept as a value of its own, which is sound: what holds for every value holds for this one.
                        Definitions.Add(new DefinitionInfo(position, name, parsed.GetText(formula.Span), "definition (kept as a name: a running product over " + index + ")"));
                        RememberRunningProduct(name, index, body.Value);
                        return true;
                    }
                    _scope.DefineSymbol(name, body.Value);
                    // P = Bernoulli(p), p = 𝒩(μ, σ²): the law's parameters lie in their domains, as with '∼'.
                    if (formula is Call { Callee: Identifier familyName } law && Families.Find(familyName.Name) is { } family && law.Arguments.Count == family.Parameters.Count
                        && law.Arguments.Select(a => MathBinder.Bind(a, parsed, _scope).Value).ToList() is var values && values.All(v => v is not null))
                        _scope.AssumeSupport(new DistributionInstance(family, [.. values.Select(v => v!)]));
                    NoteCaseValue(name);
                    NoteSectionDefinition(name, body.Value);
                    // A readable value given later (a new section's L_i = …) replaces one SymKl could not read.
                    _unreadableValues.Remove(name);
                    Definitions.Add(new DefinitionInfo(position, name, parsed.GetText(formula.Span), explicitDefinition ? "definition" : "symbol"));
                    return true;
                }
        }
        return false;
    }

    /// <summary>Whether e applies <paramref name="name"/>, directly or through the functions defined so far.</summary>
    private bool MentionsFunction(Expr e, string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Expr>();
        pending.Push(e);
        while (pending.Count > 0)
        {
            var found = Traversal.Any(pending.Pop(), n => n is Apply ap && (ap.Name == name || seen.Add(ap.Name) && Push(ap.Name)));
            if (found) return true;
        }
        return false;

        bool Push(string callee)
        {
            if (_scope.Context.Defined.TryGetValue(callee, out var f)) pending.Push(f.Body);
            return false;
        }
    }

    /// <summary>q(z) \sim \mathcal{N}(\mu, \sigma^2), p \sim Gamma(\alpha, \beta).</summary>
    private bool TryBindDistribution(SyntaxNode target, SyntaxNode family, ParseResult parsed, Func<int, FilePosition> at)
    {
        var name = target switch
        {
            Call { Callee: Identifier id } => MathBinder.FunctionName(id, parsed),
            Identifier id => MathBinder.FunctionName(id, parsed),
            _ => null,
        };
        if (name is null || family is not Call { Callee: Identifier fid } fcall) return false;
        var f = Families.Find(fid.Name);
        if (f is null) return false;
        // x \sim p(x) says x is drawn from p: a sampling statement, not a binding.
        if (target is Identifier && _scope.IsDefinedFunction(MathBinder.FunctionName(fid, parsed))) return false;
        var arguments = fcall.Arguments.ToList();
        // x ∼ 𝒩(x | μ, σ²), p(x) = 𝒩(x; μ, σ²): the law written as its density at the variable; the point is not a parameter.
        if (arguments.Count == f.Parameters.Count + 1 && fcall.Separators.Count > 0 && fcall.Separators[0].Text is ";" or "|"
            && arguments[0] is Identifier point && IsVariableOf(target, point, parsed))
            arguments.RemoveAt(0);
        var args = arguments.Select(a => MathBinder.Bind(a, parsed, _scope)).ToList();
        if (args.Any(a => a.Value is null) || args.Count != f.Parameters.Count)
        {
            // Not a binding: the caller reads the statement another way (a sampling statement, another definition).
            Warnings.Add(DocumentWarning.CannotRead(at(family.Span.Start), DiagnosticCodes.FamilyArity, $"{f.Name} takes {f.Parameters.Count} parameters ({string.Join(", ", f.Parameters.Select(p => p.Name))})"));
            return false;
        }
        var instance = new DistributionInstance(f, [.. args.Select(a => a.Value!)]);
        RememberChainDefinition(target, family, parsed);
        _scope.Context = _scope.Context.WithDistribution(name, instance);
        NoteBoundShape(name, target, parsed, at(target.Span.Start).Line);
        _scope.AssumeSupport(instance);
        // Only a law that is never multivariate here (U(0, L), Exp(λ)): 𝒩(μ, Σ) of a vector is the matrix scope's own.
        if (target is Identifier { Style: NameStyle.Normal } scalar && f != Families.Normal) _matrices.ForgetLaw(Matrices.MatrixScope.Key(scalar, parsed));
        if (BareLawName(target, parsed) is not null) _scope.MarkDensityVariable(name, _scope.WrittenDensityVariable(name)!);
        else if (target is Identifier variable && MathBinder.SymbolName(variable, parsed) == name) _scope.MarkRandomVariable(name);
        if (target is Call { Arguments: [Identifier argument] }) _scope.MarkDensityVariable(name, MathBinder.SymbolName(argument, parsed));
        // q(z | x) ∼ 𝒩(μ, σ²): a law of z given x; expectations over q are over z.
        else if (target is Call { Arguments: [Identifier first, ..], Separators: [{ Text: "|" }, ..] }) _scope.MarkDensityVariable(name, MathBinder.SymbolName(first, parsed));
        DefinedHere(name, at(target.Span.Start));
        Definitions.Add(new DefinitionInfo(at(target.Span.Start), name, parsed.GetText(family.Span), "density " + instance));
        return true;
    }

    /// <summary>Whether <paramref name="point"/> is the variable a law is stated for: x in x ∼ …, or the first argument of p(x ∣ …) ∼ ….</summary>
    private static bool IsVariableOf(SyntaxNode target, Identifier point, ParseResult parsed)
    {
        var name = MathBinder.SymbolName(point, parsed);
        return target switch
        {
            Identifier v => MathBinder.SymbolName(v, parsed) == name,
            Call { Arguments: [Identifier first, ..] } => MathBinder.SymbolName(first, parsed) == name,
            _ => false,
        };
    }

    // ------------------------------------------------------------------ steps

    /// <summary>Where the statement being checked stands (set for each chain by <see cref="VerifyOperands"/>).</summary>
    private StatementPlace _place;

    /// <summary>The unknown values (\max_u f, \lim f, an expectation of unknown law) of the step being checked, if any.</summary>
    private OpaqueSteps? _opaque;

    /// <summary>Values the text has stated for expectations under laws it leaves open, for the steps that use them.</summary>
    private readonly StatedExpectations _statedExpectations = new();

    /// <summary>
    /// \log_2 6 = 2.585, \int_0^1 e^{-x^2} dx = 0.7468: a number written as a decimal beside a constant is that constant
    /// rounded to the digits written. It holds when the constant rounds to it; a difference in the last digit only (a
    /// truncated value) is not refuted unless the constant itself has no more digits than written; anything larger stays
    /// refuted.
    /// </summary>
    private static Verdict RoundedDecimal(Verdict refuted, SyntaxNode left, SyntaxNode right)
    {
        if (WrittenDecimal(refuted, left, right) is not var (written, decimals, value, gap)) return RoundedDecimalSum(refuted, left, right);
        var unit = Math.Pow(10, -decimals);
        var shown = value.ToString("G10", System.Globalization.CultureInfo.InvariantCulture);
        if (gap <= unit / 2 * (1 + 1e-9))
            return new Verdict(VerdictKind.Confirmed, "holds to the " + decimals.ToString(System.Globalization.CultureInfo.InvariantCulture) + " decimals written: the exact value " + shown + " rounds to " + written, refuted.Residue, null, refuted.PointsChecked);
        // π = 3.1415 (truncated) is not a mistake; 1/4 + 1/4 = 0.6 is: an exact value with no more digits than written is compared exactly.
        var scaled = value / unit;
        if (gap <= unit * (1 + 1e-9) && Math.Abs(scaled - Math.Round(scaled)) > 1e-6)
            return new Verdict(VerdictKind.Unsupported, "the exact value " + shown + " differs from " + written + " in its last written digit only (a truncated or differently rounded value); not refuted", refuted.Residue, refuted.Counterexample, refuted.PointsChecked);
        return refuted;
    }

    /// <summary>
    /// \log 2 \approx 0.693: a constant approximated by a decimal (the sides differ, so the step was skipped) is confirmed when
    /// it agrees to the last digit written, rounded or truncated (one unit there, the digits counted as written, trailing
    /// zeros included); otherwise it stays skipped, never refuted: how rough an approximation may be is the author's choice.
    /// </summary>
    private static Verdict ApproximatedDecimal(Verdict skipped, SyntaxNode left, SyntaxNode right)
    {
        if (WrittenDecimal(skipped, left, right) is not var (written, decimals, value, gap) || gap > Math.Pow(10, -decimals) * (1 + 1e-9)) return skipped;
        return new Verdict(VerdictKind.Confirmed, "an approximation that agrees with the " + decimals.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + " decimals written: the exact value is " + value.ToString("G10", System.Globalization.CultureInfo.InvariantCulture) + ", written " + written, skipped.Residue, null, skipped.PointsChecked);
    }

    /// <summary>A side that is a decimal, with its sign (−0.230); null for any other side.</summary>
    private static string? SignedDecimal(SyntaxNode side) => side switch
    {
        Number { Text: var digits } => digits,
        Unary { Operator: UnaryOperator.Negate, Operand: Number { Text: var digits } } => "-" + digits,
        _ => null,
    };

    /// <summary>
    /// The decimal one side writes (its text, its number of decimals), the value of the other side and their gap, when the
    /// verdict's counterexample is a point with no symbol (both sides are numbers); else null.
    /// </summary>
    private static (string Written, int Decimals, double Value, double Gap)? WrittenDecimal(Verdict verdict, SyntaxNode left, SyntaxNode right)
    {
        // A point with no symbol; with vectors, only the dimension the instance was read at, when the residue is a constant.
        if (verdict.Counterexample is not { } ce || ce.Values.Count > 0 && !(verdict.Residue is { } constant && Traversal.FreeSymbols(constant).Count == 0)) return null;
        // −0.230: a negative decimal is written the same way, its digits after the sign.
        var (written, value) = SignedDecimal(right) is { } r && r.Contains('.') ? (r, ce.Lhs)
            : SignedDecimal(left) is { } l && l.Contains('.') ? (l, ce.Rhs) : (null, double.NaN);
        if (written is null || double.IsNaN(value) || double.IsInfinity(value)) return null;
        var decimals = written.Length - written.IndexOf('.') - 1;
        if (decimals < 1 || !double.TryParse(written, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)) return null;
        return (written, decimals, value, Math.Abs(value - number));
    }

    /// <summary>
    /// "x = [1, 1, 1, 1]", "Substituting Σ = diag(σ₁², …, σ_d²)": the name now stands for a value SymKl could not read — not a
    /// free parameter of later claims, and no longer the value an earlier section gave it (Σ = s² for d = 1).
    /// </summary>
    private void UnreadableValue(string name, int line)
    {
        _scope.ForgetSymbol(name);
        if (!_unreadableValues.ContainsKey(name)) _unreadableValues[name] = line;
    }

    /// <summary>A refutation of a document's statement, read again as a value, a condition or an equation (<see cref="ClaimReading"/>).</summary>
    /// <param name="plain">The sides are the statement itself (not sums written out at some lengths): a lone equation may then
    /// be checked as a consequence of the equations the text is working with.</param>
    /// <param name="statement">With sums written out (the verdict is on an instance): the statement's own sides, for the
    /// working equations.</param>
    /// <param name="condition">A sum set equal to a number (a derivative set to zero): an equation the text works with.</param>
    private Verdict Reviewed(Verdict verdict, Expr lhs, Symbolic.Relation relation, Expr rhs, Expr writtenLhs, Expr writtenRhs, int line, bool claimedOutright, bool plain = false,
        (Expr Lhs, Expr Rhs)? statement = null, bool condition = false)
    {
        var reviewed = ReviewedCore(verdict, lhs, relation, rhs, writtenLhs, writtenRhs, line, claimedOutright, plain, statement, condition);
        // Still refuted with a name the text solved for earlier given a value of its own (DocumentRun.SolvedBindings).
        return reviewed.Kind == VerdictKind.Refuted && relation == Symbolic.Relation.Equal && !options.ClaimsOnly ? WithSolvedBindings(reviewed, statement ?? (lhs, rhs)) : reviewed;
    }

    private Verdict ReviewedCore(Verdict verdict, Expr lhs, Symbolic.Relation relation, Expr rhs, Expr writtenLhs, Expr writtenRhs, int line, bool claimedOutright, bool plain,
        (Expr Lhs, Expr Rhs)? statement, bool condition)
    {
        if (options.ClaimsOnly || _opaque is not null) return verdict;
        var unconstrained = Unconstrained(verdict, lhs, rhs, relation, claimedOutright);
        // ∂Z/∂β = −E_i e^{−βE_i}: a computed derivative given in its own terms is claimed outright (DocumentRun.ComputedDerivatives).
        if (claimedOutright && unconstrained.Kind == VerdictKind.Refuted && relation == Symbolic.Relation.Equal && InOwnTerms(statement?.Lhs ?? lhs, statement?.Rhs ?? rhs))
            // …unless it fails only where a symbol of no stated domain is not positive (M'(t) with √(a²) read as a).
            return _place != StatementPlace.Universal && ClaimReading.SignsTakenForGranted(unconstrained, lhs, relation, rhs, WithProseSigns(_scope.Assumptions), _scope.Context, options.Seed) is { } granted
                ? granted : unconstrained;
        // A name bound to a formula from words ("denote the denominator by Z") stands for that formula: Z = 2/β is a claim about it.
        (writtenLhs, writtenRhs) = (ProseBoundAsWritten(writtenLhs, lhs), ProseBoundAsWritten(writtenRhs, rhs));
        (writtenLhs, writtenRhs) = (FamilyRelationAsWritten(writtenLhs, lhs, writtenRhs), FamilyRelationAsWritten(writtenRhs, rhs, writtenLhs));
        var reviewed = ClaimReading.Review(unconstrained, new ClaimSides(lhs, rhs, writtenLhs, writtenRhs), relation, _place, WithProseSigns(_scope.Assumptions), _scope.Context, options.Seed, out var equation,
            name => _scope.UsedInDefinitions(name) && !_unknowns.ContainsKey(name), ClosedFunctionInForce);
        var (ownLhs, ownRhs) = statement ?? (lhs, rhs);
        // ∫₀^∞ x θe^{−θx} dx = θ after p(x) = θe^{−θx} with θ > 0, no word of solving: an equation only in the parameters
        // the text declared for its laws is a claim about the law that fails, not an equation that later displays follow
        // from (a wrong mean pins θ = 1, where a wrong entropy 1 + log θ then "follows"). Not refuted alone, not a premise.
        if (verdict.Kind == VerdictKind.Refuted && reviewed.Kind == VerdictKind.Unsupported && !condition && LawParametersOnly(ownLhs, ownRhs)
            && RoleCues.Find(_block?.ProseBefore ?? string.Empty).Kind is not (CueKind.Solving or CueKind.Implication))
            return reviewed;
        // Withdrawn because a symbol is an unknown of the equations in force: the statement is one more equation in them, and
        // its other symbols (λ₁ beside λ₀) are unknowns too.
        var byUnknowns = verdict.Kind == VerdictKind.Refuted && unconstrained.Kind == VerdictKind.Unsupported;
        if (equation || byUnknowns && relation == Symbolic.Relation.Equal) NoteUnknowns(lhs, rhs, line);
        // Withdrawn because it reads as an equation the text works with (its unknowns, a value, an equation being solved).
        var working = equation || condition || byUnknowns;
        // A later link of a chain withheld only for its unknowns (no equation or condition of its own): a rewrite claimed
        // under the equations in force, refuted when they hold and it fails at generic points of its own symbols.
        var refutable = _rewriteLink && byUnknowns && !equation && !condition
            && Traversal.FreeSymbols(ownLhs).Count > 0 && Traversal.FreeSymbols(ownRhs).Count > 0;
        if ((plain || statement is not null) && working && relation == Symbolic.Relation.Equal && _block is { IsDisplay: true } && FollowsFromWorking(ownLhs, ownRhs, line, _rewriteLink, refutable) is { } consequence)
        {
            if (consequence.Kind == VerdictKind.Confirmed) NameSolvedEstimate(ownLhs, ownRhs, line);
            // An identity proved outright stays proved: that it also follows from the equations says less.
            var followed = consequence.Kind == VerdictKind.Confirmed && reviewed.Kind == VerdictKind.Proved ? reviewed : consequence;
            // Withheld for its unknowns and not shown to follow: checked at the values the text solved them for.
            return !followed.Holds && byUnknowns && AtSolvedValues(lhs, rhs, relation) is { } atSolution ? atSolution : followed;
        }
        if (byUnknowns && !reviewed.Holds && AtSolvedValues(lhs, rhs, relation) is { } solvedHere) return solvedHere;
        // Σ_k e^{λ₀−1} e^{λ₁k} = 1, then e^{λ₀−1} Σ_k e^{λ₁k} = 1: undecided equations in the unknowns, each the one before rearranged.
        if (!working && reviewed.Kind == VerdictKind.Unsupported && (plain || statement is not null) && relation == Symbolic.Relation.Equal && _block is { IsDisplay: true }
            && RearrangedUndecided(ownLhs, ownRhs, line) is { } rearranged)
            return rearranged;
        return reviewed;
    }

    /// <summary>Every symbol is a parameter of the text's laws (used in its definitions) with a domain the text declared (θ &gt; 0).</summary>
    private bool LawParametersOnly(Expr lhs, Expr rhs)
    {
        var symbols = Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Where(x => !x.Equals(Ex.Infinity)).Select(x => x.Name).Distinct().ToList();
        return symbols.Count > 0 && symbols.All(n => _scope.UsedInDefinitions(n) && !_unknowns.ContainsKey(n) && _scope.Assumptions.Declared.ContainsKey(n));
    }

    /// <summary>The step being checked is a later link of a chain (or continues the row before): a rewrite, not an equation of its own.</summary>
    private bool _rewriteLink;

    /// <summary>The chain being verified continues the row before it (its first operand is a continuation).</summary>
    private bool _chainContinued;

    /// <summary>
    /// An implication's verdict: from the equations being solved (all of them, else the algebraic ones, else with the
    /// text's terms held fixed), or from the statement holding identically. Runs inside the caller's step budget.
    /// </summary>
    private Verdict CheckImplicationWithin(Expr lhs, Symbolic.Relation relation, Expr rhs, bool refutable, string cueText, int line, CancellationToken token)
    {
        var verdict = CheckImplication(lhs, rhs, refutable, cueText, line);
        // Premises with the text's functions (H(p, q) = …) cannot be solved; the algebraic ones alone say less, so what
        // follows from them follows from all (confirmed only: a point on fewer premises refutes nothing).
        if (verdict.Reason == ImplicationChecker.NotAlgebra && ImplicationChecker.Solvable(lhs, _scope.Context.IsKnownFunction) && ImplicationChecker.Solvable(rhs, _scope.Context.IsKnownFunction)
            && _premises.Where(p => ImplicationChecker.Solvable(p.Lhs, _scope.Context.IsKnownFunction) && ImplicationChecker.Solvable(p.Rhs, _scope.Context.IsKnownFunction)).ToList() is { Count: > 0 } algebraic
            && ImplicationChecker.Check(algebraic, lhs, rhs, _scope.Assumptions, mayRefute: false, cueText, options.Seed, _scope.Context.IsKnownFunction) is { Kind: VerdictKind.Confirmed } fromAlgebra)
            verdict = fromAlgebra with { Reason = fromAlgebra.Reason + " (the algebraic ones; those with the text's functions or integrals set aside)" };
        if (verdict.Reason == ImplicationChecker.NotAlgebra)
            verdict = ImplicationChecker.CheckWithTermsHeld(_premises, lhs, rhs, _scope.Assumptions, cueText, options.Seed, _scope.Context.IsKnownFunction);
        // An equation that holds identically follows from anything: checked as a step when the premises cannot be solved,
        // and proved rather than confirmed when it is a plain rewrite.
        if (verdict.Kind is VerdictKind.Unsupported or VerdictKind.Confirmed && StepChecker.Check(lhs, relation, rhs, _scope.Assumptions, _scope.Context, options.Seed, token) is { Holds: true } identity
            && (verdict.Kind == VerdictKind.Unsupported || identity.Kind == VerdictKind.Proved))
            verdict = identity;
        return verdict;
    }

    private void StepCore(Operand left, RelationOperator op, Operand right, StatementRole role, string why, bool refutable, string cueText)
    {
        // 0.69\ldots: a decimal cut short, read as the digits written (DocumentRun.TruncatedDecimals).
        (left, right) = (WithoutTrailingEllipsis(left, out var truncatedLeft), WithoutTrailingEllipsis(right, out var truncatedRight));
        var truncated = truncatedLeft || truncatedRight;
        var start = left.At(left.Node.Span.Start);
        var rhsStart = right.At(right.Node.Span.Start);
        var end = right.At(right.Node.Span.End);
        var lhsText = left.Text;
        var rhsText = right.Text;
        var symbol = op.Symbol;
        Snapshot(rhsStart);
        NoteStatedLaw(left, op, right);

        Expr? lhsBound = null, rhsBound = null;
        var convention = OwnConventionUsed(left, right);
        (Expr Lhs, Expr Rhs)? checkedSides = null;
        _opaque = null;
        _limitsUsed.Clear();
        string? exactValues = null;
        Verdict Record(Verdict v)
        {
            if (_opaque is not null && checkedSides is { } read) v = _opaque.Review(v, read.Lhs, read.Rhs);
            if (exactValues is not null && v.Holds) v = v with { Reason = "with the expectations over the samples taken exactly (" + exactValues + "): " + v.Reason };
            if (convention is not null) v = UnderOwnConvention(v, convention);
            // \ln \frac{a}{b} (b − a): a refutation that holds with the bracket-less argument cut to its first factor is ambiguous notation (DocumentRun.ArgumentExtent).
            if (v.Kind == VerdictKind.Refuted && NarrowArgumentReading(left, right, MapRelation(op) ?? Symbolic.Relation.Equal, v) is { } narrow) v = narrow;
            // M/H beside "the Schur complement": a name of the text, not a division (DocumentRun.SlashNames).
            if (v.Kind == VerdictKind.Refuted && SlashNameReading(left, right, v) is { } slashName) v = slashName;
            // F_X(g^{-1}(z)) with g applied elsewhere (g(X)): the inverse function, not g⁻¹ times z (DocumentRun.InverseFunctions).
            if (v.Kind == VerdictKind.Refuted && InverseFunctionReading(left, right, v) is { } inverse) v = inverse;
            // p(y_i | μ) = 𝒩(x; μ, σ²) earlier (a slip): p is neither that formula nor an arbitrary density (DocumentRun.StatedNames).
            if (v.Kind == VerdictKind.Refuted && IllFormedDensityReview(v, left, right) is { } illFormed) v = illFormed;
            // "let $x$ be an eigenvector of $A$": a name described by a property SymKl does not model is no free parameter (DocumentRun.DescribedNames).
            if (v.Kind == VerdictKind.Refuted && DescribedNameReview(v, left, right) is { } described) v = described;
            // a \overset{\eqref{h0}}{=} b: checked again as a consequence of the display it cites (DocumentRun.CitedEquations).
            if (v.Kind is VerdictKind.Refuted or VerdictKind.Unsupported && ByCitedDisplay(left, op, right, MapRelation(op) ?? Symbolic.Relation.Equal, v) is { } cited) v = cited;
            // \cancelto{v}{e} is read as e: what holds so is an identity; a failure may be the cancellation the text claims.
            if (v.Kind == VerdictKind.Refuted && (lhsText.Contains("\\cancelto") || rhsText.Contains("\\cancelto")))
                v = new Verdict(VerdictKind.Unsupported, "it fails reading \\cancelto{v}{e} as the e written under it; the text claims e becomes v there (a limit, a condition), which SymKl does not check; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            // A failure withheld (an unknown of the equations in force, a reading in doubt) that is an identity in bits is one too.
            if ((v.Kind == VerdictKind.Refuted || v.Kind == VerdictKind.Unsupported && (_opaque is { EvaluatedExtremes: true } || v.Counterexample is not null)) && HoldsInBits(left, right, MapRelation(op) ?? Symbolic.Relation.Equal))
                v = LeansToBits
                    ? new Verdict(VerdictKind.Confirmed, "it holds in bits (base-2 logarithms), the base of every logarithm the document writes with one (" + _baseTwoLogs.ToString(System.Globalization.CultureInfo.InvariantCulture) + " times, none natural); it fails in nats", null, null, v.PointsChecked)
                    : new Verdict(VerdictKind.Unsupported, "it fails with entropies in nats (natural logarithms) but holds in bits (base-2 logarithms); the document does not say which (declare it, e.g. <!-- symkl: log base 2 -->)", v.Residue, v.Counterexample, v.PointsChecked);
            // Implications pass refutable to their checker; a step that may not be refuted is one inside an equation being solved.
            if (!refutable && role != StatementRole.Implication && checkedSides is { } solved) NoteUnknowns(solved.Lhs, solved.Rhs, rhsStart.Line);
            if (v.Kind == VerdictKind.Refuted && !refutable && role != StatementRole.Implication)
                v = new Verdict(VerdictKind.Unsupported, "a rewrite inside an equation being solved ('" + cueText + "'): the links of such a chain may themselves be equations, so a failure is not reported as a mistake", v.Residue, v.Counterexample, v.PointsChecked);
            // The equation a derivative set to zero states, whatever its verdict: the next statement may solve it.
            if (op.Kind == RelationKind.Equal && (right.Node is Number { Text: "0" } || left.Node is Number { Text: "0" })) NoteStationary(left, op, right, checkedSides, rhsStart.Line);
            // ∂L/∂p_i = −log p_i − 1 − λ = 0 with no word before it: the derivative set to zero (a stationarity condition the
            // text goes on to solve), not a claim that the expression vanishes everywhere.
            // A head SymKl could not read that writes the derivative (δ/δp(x) 𝓛(p(·), λ)) sets it to zero all the same.
            // f'(x) = 0 = (μ − x)·…: the link from the zero on is the same equation, its derivative written out.
            if (v.Kind == VerdictKind.Refuted && (right.Node is Number { Text: "0" } || _rewriteLink && left.Node is Number { Text: "0" }) && op.Kind == RelationKind.Equal
                && (_chainHead is { } head && ComputedDerivative(head.Node) || _block is { IsDisplay: true } shown && (WritesDerivative(shown.Text) || shown.Text.Contains("\\frac{\\delta", StringComparison.Ordinal))))
                v = new Verdict(VerdictKind.Unsupported, "a derivative set to zero: the equation the text goes on to solve, not an identity; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            // dx/dz with x a plain name the text never writes in terms of z (a substitution z = 1 + e^{−x} left unsaid): its
            // value depends on how x depends on z, and reading the two as independent (a derivative of 0) proves nothing.
            // dx/dz written with a slash: the letters are read as d·x/(d·z), which may be the derivative the text means.
            if (v.Kind == VerdictKind.Refuted && (SlashDerivative.Match(left.Text) is { Success: true } slash || (slash = SlashDerivative.Match(right.Text)).Success))
                v = new Verdict(VerdictKind.Unsupported, "it reads '" + slash.Value.Trim() + "' as a quotient of products d·…, where the text may mean a derivative; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            if (v.Kind == VerdictKind.Refuted && (UnstatedDependence(left) ?? UnstatedDependence(right)) is { } dependence)
                v = new Verdict(VerdictKind.Unsupported, "it takes " + dependence + ", and the text does not say how the one depends on the other; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            if (v.Kind == VerdictKind.Refuted && NamedByTheChain(v.Counterexample, left, right) is { } named)
                v = new Verdict(VerdictKind.Unsupported, named + " (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            if (v.Holds && ProductOfCalledFunction(left, right) is { } calledFunction)
                v = new Verdict(VerdictKind.Unsupported, calledFunction + "; not accepted", v.Residue, null, v.PointsChecked);
            if (v.Kind == VerdictKind.Refuted && ReadAsProductOnly(v.Counterexample) is { } product)
                v = new Verdict(VerdictKind.Unsupported, product + "; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            if (v.Kind == VerdictKind.Refuted && UntiedDerivedName(v.Counterexample) is { } untied)
                v = new Verdict(VerdictKind.Unsupported, untied + " (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            // "Using the [relationship …](/P/…), we conclude: … = r_{xy}²": a name of the cited result (DocumentRun.CitedResultNames).
            if (v.Kind == VerdictKind.Refuted && NameOfCitedResult(v.Counterexample, left, right) is { } citedName)
                v = new Verdict(VerdictKind.Unsupported, citedName + "; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            if (v.Kind == VerdictKind.Refuted && (BareDensityDifferentiated(left) ?? BareDensityDifferentiated(right)) is { } bare)
                v = new Verdict(VerdictKind.Unsupported, "it differentiates " + bare + " written without its arguments, short for the density the text writes as " + bare + "(…), which SymKl would read as a constant; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            if (v.Kind == VerdictKind.Refuted && (PartDerivative(left) ?? PartDerivative(right)) is { } part)
                v = new Verdict(VerdictKind.Unsupported, part + "; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            if (v.Kind == VerdictKind.Refuted && (HasCount(left) || HasCount(right)))
                v = new Verdict(VerdictKind.Unsupported, "its truth depends on a count (\\#), a number the document does not give; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            if (v.Kind == VerdictKind.Refuted && (UndefinedEventLaw(left) ?? UndefinedEventLaw(right)) is { } eventLaw)
                v = new Verdict(VerdictKind.Unsupported, "it writes " + eventLaw + ", the law of a variable at a value, which the document does not give: SymKl tries arbitrary densities there, and a discrete law may satisfy the step; not refuted (" + v.Reason + ")", v.Residue, v.Counterexample, v.PointsChecked);
            if (!v.Holds && checkedSides is { } sides && DifferentRandomVariables(sides.Lhs, sides.Rhs) is { } random)
            {
                // Sides that combine independent standard normal noises: equal in distribution when their laws agree.
                if (MapRelation(op) == Symbolic.Relation.Equal && EqualInDistribution(sides.Lhs, sides.Rhs) is { } law) v = law;
                else if (v.Kind == VerdictKind.Refuted) v = new Verdict(VerdictKind.Unsupported, random, v.Residue, v.Counterexample, v.PointsChecked);
            }
            // A failure with random densities in place of the text's own refutes only what must hold for every density.
            v = OwnDensityReview(v, left, right, checkedSides ?? (lhsBound is { } ownL && rhsBound is { } ownR ? (ownL, ownR) : null));
            if (MapRelation(op) == Symbolic.Relation.NotEqual && checkedSides is { } unequal) v = ReviewInequation(v, unequal.Lhs, unequal.Rhs, op.Kind == RelationKind.Equal);
            if (v.Kind == VerdictKind.Refuted && op.Kind == RelationKind.Equal && !options.ClaimsOnly) v = truncated ? TruncatedDecimalReview(v, left.Node, right.Node) : RoundedDecimal(v, left.Node, right.Node);
            if (v.Kind == VerdictKind.Skipped && op.Kind == RelationKind.Approx && !op.Negated) v = ApproximatedDecimal(v, left.Node, right.Node);
            v = GivenStatedLimits(v);
            v = UnderTrailingCondition(v);
            v = UnderStatedPremise(v);
            v = WithoutFunctionalValue(UnderWordCondition(v), lhsText, rhsText);
            v = AtDegeneratePointOnly(v, role, op.Kind, op.Negated);
            if (!v.Holds && (checkedSides ?? ScalarSides(left, right)) is { } tied) v = UnderStandardConvention(v, tied.Lhs, MapRelation(op) ?? Symbolic.Relation.Equal, tied.Rhs);
            if (!v.Holds && checkedSides is { } logSides) v = UpToNamedConstant(v, left, MapRelation(op) ?? Symbolic.Relation.Equal, logSides.Lhs, logSides.Rhs);
            // Noted after the verdict: a stated limit is a premise for later steps, never a proof of itself.
            if (op.Kind == RelationKind.Equal && !op.Negated) NoteStatedLimit(_chainHead ?? left, right, rhsStart.Line);
            NoteSolvedValue(role, v, checkedSides, rhsStart.Line);
            Steps.Add(new StepResult(start, rhsStart, end, lhsText, symbol, rhsText, MapRelation(op) ?? Symbolic.Relation.Equal, v, role, why)
            {
                LhsExpr = lhsBound,
                RhsExpr = rhsBound,
                Assumptions = _scope.Assumptions,
                Context = _scope.Context,
            });
            return v;
        }

        var relation = MapRelation(op)!.Value;
        // [a, b] + [c, d] = [e, f]: lists written out on both sides, checked entry by entry (DocumentRun.ComponentLists).
        if (ComponentwiseStep(left, op, right, role, why, refutable, cueText, Record)) return;
        if (relation == Symbolic.Relation.Equal && (ChainSample(left, right) ?? RenamedDerivedFunction(left, right)) is { } sampled) { Record(sampled); return; }
        if (relation == Symbolic.Relation.Equal && VectorArgmaxStep(left, right, Record)) return;
        if (relation == Symbolic.Relation.Equal && UpToConstantStep(left, right, Record)) return;
        // A matrix an earlier display gave a certain value, written again (in a summary) with a formula that agrees.
        if (relation == Symbolic.Relation.Equal && role is StatementRole.Claim or StatementRole.Step && RestatedMatrixVerdict(left, right) is { } restated) { Record(restated); return; }
        if (MatrixStep(left, right, relation, role, Record)) return;
        // p(x, y | z) summed over the values next to H, I of the variables: read from the syntax, where p(x | z) ≠ p(x, z).
        if (InformationSumStep(left, relation, right, role, refutable) is { } summed) { Record(summed); return; }
        ReleaseGibbsFunctions();
        var l = MathBinder.Bind(left.Node, left.Parsed, _scope);
        var r = MathBinder.Bind(right.Node, right.Parsed, _scope);
        // Each remark points at what it is about, with the binder's own id.
        foreach (var w in l.Warnings) WarnOnce(left.At(w.Span.Start), w);
        foreach (var w in r.Warnings) WarnOnce(right.At(w.Span.Start), w);
        if ((DivergenceOutsideSupport(left.Node, right.Node, l.Value, r.Value, relation) ?? InfiniteSide(left.Node, right.Node, l.Value, r.Value, relation)) is { } infinite)
        {
            (lhsBound, rhsBound) = (l.Value, r.Value);
            Record(infinite);
            return;
        }
        if (l.Value is not null && r.Value is not null && GibbsStep(l.Value, relation, r.Value, role, refutable) is { } gibbs)
        {
            (lhsBound, rhsBound) = (l.Value, r.Value);
            Record(gibbs);
            return;
        }
        if ((BareDivergenceBound(left, relation, right) ?? JensenStatement(left, relation, right)) is { } gibbsBound)
        {
            (lhsBound, rhsBound) = (l.Value, r.Value);
            Record(gibbsBound);
            return;
        }
        if (IndependenceStatement(left, relation, right) is { } independence)
        {
            // p(x, y) = p(x) p(y): the variables stated independent, not an identity of every law.
            (lhsBound, rhsBound) = (l.Value, r.Value);
            Record(independence);
            return;
        }
        if (ModelledStep(left, relation, right, role) is { } modelled)
        {
            // A rule of one probability model (normalisation, marginalisation) settles what random models left open.
            if (modelled.Kind == VerdictKind.Unsupported && relation == Symbolic.Relation.Equal
                && ProbabilityRules.Prove(left.Node, right.Node, left.Parsed, right.Parsed, name => _scope.IsDefinedFunction(name) || _scope.ExpectationCalls && name == "E") is { } ruled)
                modelled = new Verdict(VerdictKind.Proved, ruled, null, null, 0);
            (lhsBound, rhsBound) = (l.Value, r.Value);
            Record(modelled);
            return;
        }
        if (l.Value is null || r.Value is null)
        {
            Record(new Verdict(VerdictKind.Unsupported, "cannot read " + (l.Value is null ? "the left side: " + l.Problem : "the right side: " + r.Problem), null, null, 0));
            // "x = [1, 1, 1, 1]": x now stands for a value SymKl could not read, not for a free parameter.
            if (r.Value is null && relation == Symbolic.Relation.Equal && left.Node is Identifier named)
                UnreadableValue(MathBinder.SymbolName(named, left.Parsed), rhsStart.Line);
            return;
        }
        (lhsBound, rhsBound) = (l.Value, r.Value);
        _scope.Observe(l.Value);
        _scope.Observe(r.Value);
        var lhs = ResolveExpectations(_scope.SubstituteSymbols(l.Value));
        var rhs = ResolveExpectations(_scope.SubstituteSymbols(r.Value));
        if (role != StatementRole.Implication && SampleExpectations(lhs, relation, rhs) is { } moments)
        {
            checkedSides = (lhs, rhs);
            Record(Sound(moments, lhs, rhs));
            return;
        }
        if (role != StatementRole.Implication && PartialSampleExpectations(lhs, rhs) is { } partial)
        {
            (lhs, rhs) = (partial.Lhs, partial.Rhs);
            exactValues = partial.Values;
        }
        (lhs, rhs) = (MeasuresInExtremes(lhs), MeasuresInExtremes(rhs));
        (lhs, rhs) = (WithStatedLimits(lhs), WithStatedLimits(rhs));
        _opaque = OpaqueSteps.Prepare(ref lhs, ref rhs, _scope.Assumptions, _scope.Context, options.Seed, relation: relation);
        if (_opaque is not null)
        {
            _opaque.StepRelation = relation;
            _opaque.Stated = _statedExpectations;
            // Only what the prose states ("we know that 𝔼_q[…] = σ²") gives a law; a link of a derivation may be its mistake.
            _opaque.StatesValues = role is StatementRole.Claim or StatementRole.Hypothesis;
        }
        checkedSides = (lhs, rhs);
        _scope.RememberAbstractUses(lhs, rhs, rhsStart);
        _lastEquation = relation == Symbolic.Relation.Equal ? (Steps.Count, lhs, rhs) : null;
        if (CountBound(lhs, relation, rhs) is { } bounded)
        {
            // A bound in the number of values the text gives the variable: decided in laws on that many values.
            _opaque = null;
            Record(bounded);
            return;
        }
        if (InformationUnderCondition(lhs, relation, rhs) is { } conditioned)
        {
            // A claim about every joint law that respects the relation the sentence states between the variables.
            _opaque = null;
            Record(conditioned);
            return;
        }
        if (InformationInequality(lhs, relation, rhs, role, refutable) is { } informed)
        {
            // A claim about every joint law of the variables, decided in random ones: not about arbitrary values.
            _opaque = null;
            Record(informed);
            return;
        }
        if (InformationMeasureEquality(left, relation, right, lhs, rhs, role, refutable) is { } measured)
        {
            // An identity between H, I of the variables that no chain rule proves: it fails in some joint law.
            _opaque = null;
            Record(measured);
            return;
        }
        if (FunctionMeasureEquality(lhs, relation, rhs, role, refutable) is { } functions)
        {
            // H, I of f(X): a function of the variables, modelled as a random map of their values.
            _opaque = null;
            Record(functions);
            return;
        }
        if (JointTableStep(lhs, relation, rhs, role, refutable) is { } tabled)
        {
            // Subscripted densities p_{X,Y}, p_X, p_Y summed or averaged over all values: a joint law and its marginals.
            _opaque = null;
            Record(tabled);
            return;
        }
        if (relation == Symbolic.Relation.Equal && ProbabilityRules.Prove(left.Node, right.Node, left.Parsed, right.Parsed, name => _scope.IsDefinedFunction(name) || _scope.ExpectationCalls && name == "E") is { } rules)
        {
            Record(new Verdict(VerdictKind.Proved, rules, null, null, 0));
            return;
        }
        if (ConditionalNotation.Conflated([(left.Node, left.Parsed), (right.Node, right.Parsed)]) is { } spellings)
        {
            Record(new Verdict(VerdictKind.Unsupported, "it writes " + spellings + ", a conditional, a parametrised density or a joint over the same arguments, which SymKl reads as one function; the step is not decided", null, null, 0));
            return;
        }
        if (role == StatementRole.Implication)
        {
            // The solving and the identity re-check share one step budget, as every other check of a step does.
            Verdict verdict;
            using (var implicationBudget = StepBudget.Open(options))
            {
                try
                {
                    verdict = CheckImplicationWithin(lhs, relation, rhs, refutable, cueText, rhsStart.Line, implicationBudget?.Token ?? default);
                }
                catch (OperationCanceledException) when (StepBudget.Stopped(implicationBudget))
                {
                    verdict = new Verdict(VerdictKind.Unsupported, StepBudget.Exceeded(implicationBudget, options), null, null, 0);
                }
            }
            var recorded = Record(Sound(verdict, lhs, rhs));
            // A statement about one draw (ε drawn from 𝒩(0, I)) is no equation in unknowns: a premise only once it holds.
            if (!recorded.Holds && RandomSymbols(lhs).Union(RandomSymbols(rhs)).Any(IsDrawnNoise)) return;
            // What follows from a stated condition holds as long as the condition does (to the end of its section).
            var underCondition = UnderCondition();
            _premises.Add((lhs, rhs));
            NoteUnknowns(lhs, rhs, rhsStart.Line, underCondition);
            return;
        }
        (Expr Lhs, Expr Rhs)? copies = null;
        if (Suspicious.SummandIgnoresIndex(lhs, rhs) is { } index)
        {
            var message = "the summand does not depend on the summation index " + index + "; the sum probably ranges over components written without an index (such as \\mu_" + index + ")";
            Warnings.Add(new DocumentWarning(rhsStart, WarningKind.Suspicious, DiagnosticCodes.SummandIgnoresIndex, message));
            var refusal = IndexedStep.RefusesIndexFreeSummand(lhs, rhs, index);
            copies = refusal is null ? null : IndexedStep.ProductReading(lhs, rhs);
            if (refusal is not null && copies is null)
            {
                Record(new Verdict(VerdictKind.Unsupported, message + "; " + refusal, null, null, 0));
                return;
            }
        }
        using var timeBudget = StepBudget.Open(options);
        try
        {
            if (copies is { } product)
            {
                var read = IndexedSums.Check(product.Lhs, relation, product.Rhs, _scope.Assumptions, _scope.Context, options.Seed, timeBudget?.Token ?? default);
                var v = read.Verdict;
                Record(Sound(v with { Reason = IndexedStep.ProductReadingText + "; " + v.Reason }, read.InstanceLhs ?? product.Lhs, read.InstanceRhs ?? product.Rhs));
            }
            else if (IndexedStep.Applies(lhs, rhs))
            {
                // A refuted instance (the sums written out at some lengths) is judged as the statement it is.
                if (_opaque is not null) _opaque.SumsWrittenOut = true;
                var outcome = IndexedSums.Check(lhs, relation, rhs, _scope.Assumptions, _scope.Context, options.Seed, timeBudget?.Token ?? default,
                    pairsOfIndices: !Differentiates(left.Node) && !Differentiates(right.Node));
                var (il, ir) = (outcome.InstanceLhs ?? lhs, outcome.InstanceRhs ?? rhs);
                var indexed = IndexedStep.Review(outcome.Verdict, l.Value, r.Value, lhs, rhs, _scope.DefinesMember);
                var condition = outcome.Verdict.Kind == VerdictKind.Refuted && indexed.Kind == VerdictKind.Unsupported && (l.Value is Num || r.Value is Num);
                Record(Reviewed(Sound(indexed, il, ir), il, relation, ir, l.Value, r.Value, rhsStart.Line, ComputedDerivative(left.Node), statement: (lhs, rhs), condition: condition));
            }
            else
                Record(Reviewed(Sound(StepChecker.Check(lhs, relation, rhs, _scope.Assumptions, _scope.Context, options.Seed, timeBudget?.Token ?? default), lhs, rhs), lhs, relation, rhs, l.Value, r.Value, rhsStart.Line, ComputedDerivative(left.Node), plain: true));
        }
        catch (OperationCanceledException) when (StepBudget.Stopped(timeBudget))
        {
            Record(new Verdict(VerdictKind.Unsupported, StepBudget.Exceeded(timeBudget, options), null, null, 0));
        }
        catch (InsufficientExecutionStackException)
        {
            Record(new Verdict(VerdictKind.Unsupported, "the expression is nested too deeply to check", null, null, 0));
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
        {
            Record(new Verdict(VerdictKind.Unsupported, "internal limitation: " + ex.Message, null, null, 0));
        }
    }

    /// <summary>\#(…), \#\text{heads}, \#heads, \text{# heads}: a count written in the statement.</summary>
    private static bool HasCount(Operand side) =>
        side.Node.DescendantsAndSelf().Any(n => n is Call { Callee: Identifier { Name: "#" } } || n is Text t && t.Content.TrimStart().StartsWith("#", StringComparison.Ordinal));

    /// <summary>P(X = 1), p(x \mid z = k) of a density the document does not define: its text, or null.</summary>
    private string? UndefinedEventLaw(Operand side)
    {
        foreach (var n in side.Node.DescendantsAndSelf())
        {
            if (n is not Call { Callee: Identifier id } call) continue;
            if (!call.Arguments.Any(a => a is LatexRelation { Operands: [Identifier, _], Operators: [{ Kind: RelationKind.Equal }] })) continue;
            var name = MathBinder.FunctionName(id, side.Parsed);
            // H(Y | X = 0) is an entropy: read from a table the document gives, or not read at all (never a density at a value).
            if (_scope.IsDefinedFunction(name) || Families.Find(name) is not null || MathBinder.IsKnownOperatorName(id)) continue;
            return side.Parsed.GetText(call.Span).Trim();
        }
        return null;
    }

    /// <summary>+1 for a side written \infty (or +\infty), −1 for -\infty, 0 for anything else.</summary>
    private static int InfinitySign(SyntaxNode node) => node switch
    {
        Infinity => 1,
        Unary { Operator: UnaryOperator.Plus, Operand: Infinity } => 1,
        Unary { Operator: UnaryOperator.Negate, Operand: Infinity } => -1,
        _ => 0,
    };

    /// <summary>
    /// D_{KL}(P \| Q) = \infty: a side that is ∞ says the other diverges. Decided only when the other side is ∞ too or a
    /// number (finite by its evaluation); anything else is read but not decided: values at sample points, all finite,
    /// are no counterexample to a divergence. Null when neither side is ∞.
    /// </summary>
    private static Verdict? InfiniteSide(SyntaxNode left, SyntaxNode right, Expr? lhs, Expr? rhs, Symbolic.Relation relation)
    {
        int ls = InfinitySign(left), rs = InfinitySign(right);
        if (ls == 0 && rs == 0) return null;
        if (ls != 0 && rs != 0)
        {
            if (relation != Symbolic.Relation.Equal) return new Verdict(VerdictKind.Unsupported, "a comparison of two infinite values", null, null, 0);
            return ls == rs ? new Verdict(VerdictKind.Proved, "both sides are the same infinity", null, null, 0)
                : new Verdict(VerdictKind.Refuted, "+∞ and −∞ are not equal", null, null, 0);
        }
        var other = ls != 0 ? rhs : lhs;
        if (other is null) return new Verdict(VerdictKind.Unsupported, "a side is ∞ and the other cannot be read", null, null, 0);
        if (relation == Symbolic.Relation.Equal && Traversal.FreeSymbols(other).Count == 0 && !Traversal.Any(other, x => x is BinderNode or Functional or Apply))
        {
            var value = Approx.Undefined;
            try { value = new NumericEvaluator(_ => double.NaN).Evaluate(other); }
            catch (NotEvaluableException) { }
            if (value.IsDefined)
                return new Verdict(VerdictKind.Refuted, "one side is " + (ls + rs > 0 ? "∞" : "−∞") + " and the other the finite number " + value.Value.ToString("G10", System.Globalization.CultureInfo.InvariantCulture), null, null, 0);
        }
        return new Verdict(VerdictKind.Unsupported, "it says " + (ls != 0 ? "the left side is " : "the right side is ") + (ls + rs > 0 ? "∞" : "−∞")
            + ": SymKl reads it but does not decide whether the other side diverges (finite values at sample points are no counterexample)", null, null, 0);
    }

    /// <summary>
    /// \mathbf{z}_j inside ∫ … d\mathbf{z} or 𝔼 over \mathbf{z}: the kernel names the component as a symbol of its own, so the
    /// check holds it fixed while the vector varies (∫ q(z) log q_j(z_j) dz "equals" log q_j(z_j)). Only vectors written as such
    /// (bold, arrow), and not the subscript 0 (z_0, x_0: a given point, not a component).
    /// </summary>
    private static (string Member, string Vector)? ComponentUnderBinder(Expr e)
    {
        (string, string)? found = null;
        Traversal.Any(e, n =>
        {
            if (found is not null || n is not (Symbolic.Integral or Symbolic.Expectation) || n is not BinderNode binder) return found is not null;
            var v = binder.Variable.Name;
            if (!(v.StartsWith("\\mathbf{", StringComparison.Ordinal) || v.StartsWith("\\boldsymbol{", StringComparison.Ordinal) || v.StartsWith("\\vec{", StringComparison.Ordinal) || v.StartsWith("\\bm{", StringComparison.Ordinal))) return false;
            if (Traversal.FreeSymbols(binder.Body).FirstOrDefault(s => s.Name.StartsWith(v + "_", StringComparison.Ordinal) && s.Name != v + "_0") is { } member) found = (member.Name, v);
            return found is not null;
        });
        return found;
    }

    /// <summary>Whether the symbol occurs in e outside every integral and expectation over the vector it is a component of.</summary>
    private static bool FreeOutsideBinders(Expr e, (string Member, string Vector) component)
    {
        var (member, vector) = component;
        var stripped = Ex.Map(e, n => n is BinderNode b && b.Variable.Name == vector && n is Symbolic.Integral or Symbolic.Expectation ? Ex.Zero : n);
        return Traversal.FreeSymbols(stripped).Any(s => s.Name == member);
    }

    /// <summary>
    /// A refutation may assign values only to genuine free parameters. When its counterexample gives a value to a name
    /// that stands for an undefined quantity — a multi-letter or calligraphic name (\text{KL}, ELBO, \mathcal{L}), a
    /// name the prose calls a quantity ("$L$ is the bound"), the argument of an information operator (X in H(X)) —
    /// or the step applies an undefined function outside integrals, sums and expectations, the step is unsupported.
    /// Undefined densities under integrals, sums, expectations and KL keep their random family members.
    /// </summary>
    private Verdict Sound(Verdict verdict, Expr lhs, Expr rhs)
    {
        if (_opaque is not null) verdict = _opaque.Review(verdict, lhs, rhs);
        if ((verdict.Holds || verdict.Kind == VerdictKind.Refuted) && (ComponentUnderBinder(lhs) ?? ComponentUnderBinder(rhs)) is { } component
            // A rewrite that keeps every use of the component under the binders over its vector holds whatever the component is.
            && (verdict.Kind == VerdictKind.Refuted || FreeOutsideBinders(lhs, component) || FreeOutsideBinders(rhs, component)))
            return new Verdict(VerdictKind.Unsupported, "it holds " + component.Member + ", a component of the vector " + component.Vector
                + " that an integral or expectation there runs over, as a quantity of its own (held fixed while " + component.Vector + " varies); not decided", verdict.Residue, null, verdict.PointsChecked);
        if (verdict.Kind != VerdictKind.Refuted) return verdict;
        if (ValueForDeclaredMap(verdict) is { } map) return map;
        var free = new HashSet<string>(Traversal.FreeSymbols(lhs).Concat(Traversal.FreeSymbols(rhs)).Select(x => x.Name), StringComparer.Ordinal);
        var operatorArguments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, e =>
            {
                // X in H(X) names a random variable; P, q and the document's densities are densities (instantiated at random).
                if (e is Functional f)
                    foreach (var a in f.Args)
                        if (a is Sym s && !IsConventionalDensity(s.Name) && !_scope.Context.IsKnownFunction(s.Name)) operatorArguments.Add(s.Name);
                return false;
            });
        // H(p) or D_KL(p ‖ q) beside p_k: the measure reads p as a density, the p_k as numbers unrelated to it, where the
        // text means p's probabilities (H(p) = −Σ_k p_k log p_k). Read so, a right step fails.
        var measured = new HashSet<string>(StringComparer.Ordinal);
        foreach (var side in new[] { lhs, rhs })
            Traversal.Any(side, e =>
            {
                if (e is Functional measure)
                    foreach (var a in measure.Args)
                        if (a is Sym s) measured.Add(s.Name);
                return false;
            });
        if (free.Select(Checking.IndexedSums.Split).FirstOrDefault(parts => parts is { } p && measured.Contains(p.Base)) is { } member)
            return new Verdict(VerdictKind.Unsupported, "it reads " + member.Base + " inside an information measure as a density and " + member.Base + "_" + member.Key
                + " as numbers unrelated to it, where the text most likely means its probabilities; not refuted", verdict.Residue, null, verdict.PointsChecked);
        foreach (var kv in verdict.Counterexample?.Values ?? [])
        {
            if (!free.Contains(kv.Key)) continue;
            string? why = OpaqueName(kv.Key) ? "a name SymKl does not know"
                : _namedInProse.Contains(kv.Key) ? "named in the prose as a quantity"
                : _unreadableValues.TryGetValue(kv.Key, out var line) ? "given a value on line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + " that SymKl cannot read"
                // Only when the difference involves it: ½g + 1 = ½g + 2 is wrong whatever g is.
                : _statedNames.TryGetValue(kv.Key, out var statedAt) && Traversal.FreeSymbols(verdict.Residue ?? Ex.Sub(lhs, rhs)).Any(x => x.Name == kv.Key) ? "named by the equation after 'such that' on line " + statedAt.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", which SymKl keeps as an equation"
                : operatorArguments.Contains(kv.Key) ? "the argument of an information measure the document does not define"
                : _scope.IsDefinedFunction(kv.Key) && _scope.Context.Resolve(kv.Key) is null && verdict.Residue is { } residue && Traversal.FreeSymbols(residue).Any(x => x.Name == kv.Key)
                    ? "a function the document defines, written here without its arguments"
                : null;
            if (why is not null)
                return new Verdict(VerdictKind.Unsupported, "its truth depends on " + kv.Key + " (" + why + "), which the document does not define for SymKl; a counterexample may only choose genuine free parameters", verdict.Residue, null, verdict.PointsChecked);
        }
        if ((ReviewBareLabels(verdict, lhs, rhs) ?? ReviewSequenceMembers(verdict, lhs, rhs)) is { } sequence) return sequence;
        if (Traversal.Any(lhs, IsCount) || Traversal.Any(rhs, IsCount))
            return new Verdict(VerdictKind.Unsupported, "its truth depends on a count \\#(…), a number the document does not give; a counterexample may only choose genuine free parameters", verdict.Residue, null, verdict.PointsChecked);
        // A network's outputs were chosen freely (NetworkOutputs): any network may compute them, so that is a counterexample.
        var networks = Checking.NetworkOutputs.RefutedWithOutputs(verdict);
        if ((UndefinedFunctionOutsideIntegrals(lhs, networks) ?? UndefinedFunctionOutsideIntegrals(rhs, networks)) is { } function)
            return new Verdict(VerdictKind.Unsupported, "its truth depends on the undefined function " + function + ", which the document does not define for SymKl", verdict.Residue, null, verdict.PointsChecked);
        return verdict;
    }

    private static bool IsCount(Expr e) => e is Apply { Name: ExprBinder.CountFunction };

    /// <summary>\text{KL}, ELBO, \mathcal{L}: a name of two or more letters that is not a Greek letter, or a calligraphic one.</summary>
    private static bool OpaqueName(string name)
    {
        if (IsConventionalDensity(name)) return false;
        if (name.StartsWith("\\text{", StringComparison.Ordinal)) return true;
        if (name.StartsWith("\\mathcal{", StringComparison.Ordinal) || name.StartsWith("\\mathscr{", StringComparison.Ordinal) || name.StartsWith("\\mathfrak{", StringComparison.Ordinal)) return true;
        if (name.StartsWith("\\", StringComparison.Ordinal)) return false;
        var underscore = name.IndexOf('_');
        var core = (underscore >= 0 ? name.Substring(0, underscore) : name).TrimEnd('\'');
        // Δx, Δt: an increment (\Delta x read as one name) is a quantity of its own, as x is, not a word.
        if (core.Length == 2 && core[0] == 'Δ') return false;
        // ℓ (\ell), ħ: a symbol command is one letter, as a Greek one is, not a word such as ELBO.
        return core.Length >= 2 && core.All(char.IsLetter) && !IsSymbolLetter(core);
    }

    private static bool IsSymbolLetter(string name)
    {
        // \ELBO is an unknown command repaired to a name (a diagnostic), not a symbol letter.
        var parsed = LatexParser.ParseExpression("\\" + name);
        return parsed.Diagnostics.Count == 0 && parsed.Expression is Identifier id && id.Name == name;
    }

    private static bool IsGreek(string name) => LatexParser.ParseExpression("\\" + name).Expression is Identifier { IsGreek: true };

    /// <summary>An application of a function nothing defines, outside integrals, sums, expectations and information measures (densities p, q, P, Q excepted).</summary>
    private string? UndefinedFunctionOutsideIntegrals(Expr e, bool networksFree = false)
    {
        switch (e)
        {
            case BinderNode or Functional:
                return null;
            case Apply ap when !_scope.Context.IsKnownFunction(ap.Name) && Calculus.InlineDensity(ap.Name, ap.Args) is null && !IsConventionalDensity(ap.Name)
                && !(networksFree && Checking.NetworkOutputs.IsNetwork(ap.Name)):
                return ap.Name;
        }
        foreach (var c in e.Children)
            if (UndefinedFunctionOutsideIntegrals(c, networksFree) is { } name) return name;
        return null;
    }

    private static bool IsConventionalDensity(string name)
    {
        var underscore = name.IndexOf('_');
        var core = underscore >= 0 ? name.Substring(0, underscore) : name;
        return Assumptions.DensitiesByConvention.Contains(core);
    }

    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>A binder remark (an undefined function read as an application…) once per document, where first met, at the level its table entry gives.</summary>
    private void WarnOnce(FilePosition at, LatexDiagnostic remark)
    {
        if (!_warned.Add(remark.Message)) return;
        var kind = DiagnosticTable.Find(remark.Code)?.Level == DiagnosticLevel.Note ? WarningKind.Note : WarningKind.Suspicious;
        Warnings.Add(new DocumentWarning(at, kind, remark.Code, remark.Message));
    }

    private void DefinedHere(string name, FilePosition position)
    {
        _scope.MarkDefinedFunction(name);
        if (_scope.FirstAbstractUse(name) is { } earlier)
            Warnings.Add(new DocumentWarning(earlier, WarningKind.Suspicious, DiagnosticCodes.UsedBeforeDefinition,
                name + " is used here before the document defines it (at line " + position.Line + "); steps before the definition treat it as an arbitrary density"));
    }

    private static Symbolic.Relation? MapRelation(RelationOperator op) => (op.Kind, op.Negated) switch
    {
        (RelationKind.Equal, false) or (RelationKind.Equivalent, false) or (RelationKind.Define, false) => Symbolic.Relation.Equal,
        (RelationKind.Equal, true) or (RelationKind.Equivalent, true) => Symbolic.Relation.NotEqual,
        (RelationKind.Approx, false) => Symbolic.Relation.Approx,
        (RelationKind.Propto, false) => Symbolic.Relation.Proportional,
        (RelationKind.Less, false) => Symbolic.Relation.Less,
        (RelationKind.LessEqual, false) => Symbolic.Relation.LessOrEqual,
        (RelationKind.Greater, false) => Symbolic.Relation.Greater,
        (RelationKind.GreaterEqual, false) => Symbolic.Relation.GreaterOrEqual,
        _ => null,
    };
}

/// <summary>An operand of a chain with the parse it came from (a continuation's operand comes from an earlier display).</summary>
internal sealed class Operand(SyntaxNode node, ParseResult parsed, Func<int, FilePosition> at)
{
    public SyntaxNode Node { get; } = node;
    public ParseResult Parsed { get; } = parsed;
    public FilePosition At(int offset) => at(offset);
    public string Text => Parsed.GetText(Node.Span).Trim();
}
