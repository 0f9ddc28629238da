using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using LatexRelation = SymKl.Latex.Syntax.Relation;

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
        run.Execute();
        return new DocumentResult(document.Path, run.Steps, run.Warnings, run.Definitions, document.FrontMatter);
    }
}

/// <summary>The state of one document's verification as it walks the math in order.</summary>
internal sealed class DocumentRun(DerivationDocument document, VerifyOptions options)
{
    public readonly List<StepResult> Steps = [];
    public readonly List<DocumentWarning> Warnings = [];
    public readonly List<DefinitionInfo> Definitions = [];

    private readonly ScopeState _scope = new();

    /// <summary>The last expression of the previous row or display, for a row that begins with a relation.</summary>
    private Operand? _previous;

    public void Execute()
    {
        foreach (var w in document.Warnings)
            Warnings.Add(new DocumentWarning(new FilePosition(w.Line, w.Column), WarningKind.Note, "SK201", w.Message));

        // Annotations apply from where they stand: merge them with the math blocks by offset.
        var annotations = document.Annotations.OrderBy(a => a.Offset).ToList();
        var next = 0;
        foreach (var block in document.Blocks)
        {
            while (next < annotations.Count && annotations[next].Offset < block.Offset) Annotate(annotations[next++]);
            if (document.IsSkipped(block)) continue;
            VerifyBlock(block);
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
                _scope.LogBase = a.Text.Trim();
                break;
            case AnnotationKind.Assumption:
                {
                    var parsed = LatexParser.ParseExpression(a.Text);
                    ReportDiagnostics(parsed, off => a.GetPosition(off));
                    if (parsed.Expression is null || !_scope.Assume(parsed.Expression, parsed, out var why))
                        Warnings.Add(new DocumentWarning(position, WarningKind.ParseError, "SK301", "cannot read the assumption '" + a.Text.Trim() + "': " + (parsed.Expression is null ? "not an expression" : "it is not of a form SymKl understands (x > 0, 0 < p < 1, n \\in \\mathbb{N})")));
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
                                Warnings.Add(new DocumentWarning(position, WarningKind.ParseError, "SK302", "the annotation is not a definition (expected name(args) = formula or name \\sim Family(...))"));
                    break;
                }
        }
    }

    // ------------------------------------------------------------------ math blocks

    private void VerifyBlock(MathBlock block)
    {
        var text = block.Text;
        var prefix = ProseFunctionBefore(block);
        if (prefix is not null)
        {
            // "log$\frac{p}{q} = …$": the function name was typed outside the math; it belongs to the first expression.
            Warnings.Add(new DocumentWarning(ToFile(block.GetPosition(0)), WarningKind.Repair, "SK120",
                "repaired '" + prefix + "$' to '$\\" + prefix + "': the function name before the math belongs to it"));
        }
        var parsed = prefix is null ? LatexParser.ParseMath(text) : LatexParser.ParseMath("\\" + prefix + " " + text);
        // With a repaired prefix, offsets in the parse are shifted by its length; positions refer to the file.
        var shift = prefix is null ? 0 : prefix.Length + 2;
        SourcePosition Source(int off) => block.GetPosition(Math.Min(Math.Max(0, off - shift), text.Length));
        Func<int, FilePosition> at = off => ToFile(Source(off));
        ReportDiagnostics(parsed, Source);
        var rows = parsed.Root?.Rows ?? [];
        var hasRelation = rows.Any(r => r.Items.Any(i => i is LatexRelation));
        // Inline math is checked only when it states a relation; it does not start or continue chains.
        if (block.Kind == MathBlockKind.Inline && !hasRelation) return;

        foreach (var row in rows)
        {
            foreach (var item in row.Items)
            {
                switch (item)
                {
                    case LatexRelation relation:
                        VerifyChain(relation, parsed, at, block);
                        break;
                    case ErrorNode:
                    case Ellipsis:
                        // A row that is only \vdots elides steps: the chain continues from the row before it.
                        break;
                    default:
                        if (block.Kind != MathBlockKind.Inline) _previous = new Operand(item, parsed, at);
                        break;
                }
            }
        }
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
            var kind = d.Severity == Severity.Warning ? WarningKind.Repair : WarningKind.ParseError;
            Warnings.Add(new DocumentWarning(new FilePosition(p.Line, p.Column), kind, d.Code, d.Message));
        }
    }

    /// <summary>a R1 b R2 c …: each adjacent pair is a step, except a leading definition.</summary>
    private void VerifyChain(LatexRelation chain, ParseResult parsed, Func<int, FilePosition> at, MathBlock block)
    {
        var operands = chain.Operands.Select(o => new Operand(o, parsed, at)).ToList();
        if (chain.Operands[0] is Continuation)
        {
            if (_previous is null)
            {
                Warnings.Add(new DocumentWarning(at(chain.Span.Start), WarningKind.Suspicious, "SK303", "the row begins with a relation but no expression precedes it"));
                operands.RemoveAt(0);
                if (operands.Count < 2) return;
                VerifyOperands(operands, chain.Operators.Skip(1).ToList(), parsed, at);
                return;
            }
            operands[0] = _previous;
        }
        VerifyOperands(operands, chain.Operators.ToList(), parsed, at);
        if (block.Kind != MathBlockKind.Inline) _previous = operands[operands.Count - 1];
    }

    private void VerifyOperands(List<Operand> operands, List<RelationOperator> operators, ParseResult parsed, Func<int, FilePosition> at)
    {
        for (var i = 0; i < operators.Count; i++)
        {
            var op = operators[i];
            var left = operands[i];
            var right = operands[i + 1];
            if (i == 0 && !options.ClaimsOnly && (op.Kind is RelationKind.Equal or RelationKind.Define or RelationKind.Equivalent) && !op.Negated && left.Parsed == parsed && DefinitionTarget(left.Node, parsed))
            {
                if (TryDefine(left.Node, right.Node, parsed, off => ToSource(at(off)), op.Kind == RelationKind.Define)) continue;
            }
            if (op.Kind == RelationKind.Sim && !op.Negated)
            {
                if (!TryBindDistribution(left.Node, right.Node, parsed, at))
                    Note(at(op.Span.Start), "SK304", "'~' read as a sampling statement; nothing to check");
                continue;
            }
            Step(left, op, right, at);
        }
    }

    private static SourcePosition ToSource(FilePosition p) => new(p.Line, p.Column);

    private void Note(FilePosition p, string code, string message) => Warnings.Add(new DocumentWarning(p, WarningKind.Note, code, message));

    // ------------------------------------------------------------------ definitions

    /// <summary>A fresh name on the left of '=': f(x), q(z; μ, σ²), θ^*.</summary>
    private bool DefinitionTarget(SyntaxNode node, ParseResult parsed) => node switch
    {
        Call { Callee: Identifier id } => !_scope.IsDefinedFunction(MathBinder.FunctionName(id, parsed)) && !MathBinder.IsKnownOperatorName(id),
        Identifier id => !_scope.HasSeen(MathBinder.SymbolName(id, parsed)),
        _ => false,
    };

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
                    var parameters = MathBinder.Parameters(call, parsed);
                    if (parameters is null) return false;
                    var body = MathBinder.Bind(formula, parsed, _scope);
                    if (body.Value is null)
                    {
                        Warnings.Add(new DocumentWarning(ToFile(at(formula.Span.Start)), WarningKind.ParseError, "SK305", "cannot read the definition of " + name + ": " + body.Problem));
                        return true;
                    }
                    if (parameters.Count == 1) _scope.MarkDensityVariable(name, parameters[0].Name);
                    // A written-out Gaussian density is a member of the Normal family; N(z; μ, σ²) written inline is its family's.
                    if (parameters.Count == 1 && (DensityRecognizer.TryRecognize(body.Value, parameters[0], _scope.Assumptions) ?? InlineFamily(body.Value, parameters[0])) is { } normal)
                    {
                        _scope.Context = _scope.Context.WithDistribution(name, normal);
                        Definitions.Add(new DefinitionInfo(position, name, parsed.GetText(formula.Span), "density " + normal));
                    }
                    else
                    {
                        _scope.Context = _scope.Context.WithDefinition(new FunctionDefinition(name, parameters, body.Value));
                        Definitions.Add(new DefinitionInfo(position, name, parsed.GetText(formula.Span), "function"));
                    }
                    DefinedHere(name, position);
                    return true;
                }
            case Identifier id:
                {
                    var body = MathBinder.Bind(formula, parsed, _scope);
                    var name = MathBinder.SymbolName(id, parsed);
                    if (body.Value is null || Traversal.FreeSymbols(body.Value).Any(s => s.Name == name)) return false;
                    _scope.DefineSymbol(name, body.Value);
                    Definitions.Add(new DefinitionInfo(position, name, parsed.GetText(formula.Span), explicitDefinition ? "definition" : "symbol"));
                    return true;
                }
        }
        return false;
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
        var args = fcall.Arguments.Select(a => MathBinder.Bind(a, parsed, _scope)).ToList();
        if (args.Any(a => a.Value is null) || args.Count != f.Parameters.Count)
        {
            Warnings.Add(new DocumentWarning(at(family.Span.Start), WarningKind.ParseError, "SK306", $"{f.Name} takes {f.Parameters.Count} parameters ({string.Join(", ", f.Parameters.Select(p => p.Name))})"));
            return true;
        }
        var instance = new DistributionInstance(f, [.. args.Select(a => a.Value!)]);
        _scope.Context = _scope.Context.WithDistribution(name, instance);
        if (target is Identifier variable && MathBinder.SymbolName(variable, parsed) == name) _scope.MarkRandomVariable(name);
        if (target is Call { Arguments: [Identifier argument] }) _scope.MarkDensityVariable(name, MathBinder.SymbolName(argument, parsed));
        DefinedHere(name, at(target.Span.Start));
        Definitions.Add(new DefinitionInfo(at(target.Span.Start), name, parsed.GetText(family.Span), "density " + instance));
        return true;
    }

    // ------------------------------------------------------------------ steps

    private void Step(Operand left, RelationOperator op, Operand right, Func<int, FilePosition> at)
    {
        var start = left.At(left.Node.Span.Start);
        var rhsStart = right.At(right.Node.Span.Start);
        var end = right.At(right.Node.Span.End);
        var lhsText = left.Text;
        var rhsText = right.Text;
        var symbol = op.Symbol;

        Verdict Record(Verdict v)
        {
            Steps.Add(new StepResult(start, rhsStart, end, lhsText, symbol, rhsText, MapRelation(op) ?? Symbolic.Relation.Equal, v));
            return v;
        }

        var relation = MapRelation(op);
        if (relation is null)
        {
            Record(new Verdict(VerdictKind.Skipped, "'" + symbol + "' statements are not checked", null, null, 0));
            return;
        }
        var l = MathBinder.Bind(left.Node, left.Parsed, _scope);
        var r = MathBinder.Bind(right.Node, right.Parsed, _scope);
        foreach (var w in l.Warnings.Concat(r.Warnings).Distinct(StringComparer.Ordinal)) WarnOnce(rhsStart, w);
        if (l.Value is null || r.Value is null)
        {
            Record(new Verdict(VerdictKind.Unsupported, "cannot read " + (l.Value is null ? "the left side: " + l.Problem : "the right side: " + r.Problem), null, null, 0));
            return;
        }
        _scope.Observe(l.Value);
        _scope.Observe(r.Value);
        var lhs = _scope.SubstituteSymbols(l.Value);
        var rhs = _scope.SubstituteSymbols(r.Value);
        _scope.RememberAbstractUses(lhs, rhs, rhsStart);
        if (Suspicious.IndexedSymbol(lhs, rhs) is { } indexed)
        {
            Record(new Verdict(VerdictKind.Unsupported, "the sum runs over indexed values such as " + indexed + ", which SymKl does not model yet", null, null, 0));
            return;
        }
        if (Suspicious.SummandIgnoresIndex(lhs, rhs) is { } index)
        {
            var message = "the summand does not depend on the summation index " + index + "; the sum probably ranges over components written without an index (such as \\mu_" + index + ")";
            Warnings.Add(new DocumentWarning(rhsStart, WarningKind.Suspicious, "SK312", message));
            Record(new Verdict(VerdictKind.Unsupported, message, null, null, 0));
            return;
        }
        try
        {
            Record(StepChecker.Check(lhs, relation.Value, rhs, _scope.Assumptions, _scope.Context, options.Seed));
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
        {
            Record(new Verdict(VerdictKind.Unsupported, "internal limitation: " + ex.Message, null, null, 0));
        }
    }

    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>A binder remark (an undefined function read as an application…) once per document, where first met.</summary>
    private void WarnOnce(FilePosition at, string message)
    {
        if (_warned.Add(message)) Warnings.Add(new DocumentWarning(at, WarningKind.Suspicious, "SK310", message));
    }

    private void DefinedHere(string name, FilePosition position)
    {
        _scope.MarkDefinedFunction(name);
        if (_scope.FirstAbstractUse(name) is { } earlier)
            Warnings.Add(new DocumentWarning(earlier, WarningKind.Suspicious, "SK311",
                name + " is used here before the document defines it (at line " + position.Line + "); steps before the definition treat it as an arbitrary density"));
    }

    private static Symbolic.Relation? MapRelation(RelationOperator op) => (op.Kind, op.Negated) switch
    {
        (RelationKind.Equal, false) or (RelationKind.Equivalent, false) or (RelationKind.Define, false) => Symbolic.Relation.Equal,
        (RelationKind.Equal, true) or (RelationKind.Equivalent, true) => Symbolic.Relation.NotEqual,
        (RelationKind.Approx, false) => Symbolic.Relation.Approx,
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
