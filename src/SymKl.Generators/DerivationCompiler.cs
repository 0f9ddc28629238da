using System.Globalization;
using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Derivations.Reports;
using SymKl.Derivations.Verification;
using SymKl.Generators.Derivations;
using SymKl.Generators.Emit;
using SymKl.Generators.Model;
using SymKl.Latex;
using SymKl.Symbolic;

namespace SymKl.Generators;

/// <summary>
/// Turns one Markdown derivation into C#: reads the <c>generate:</c> front matter, verifies every step of the
/// derivation, checks that a verified step equates something to the declared result, and emits the methods.
/// Everything the source generator and <c>symkl gen</c> print comes from here, so they agree. No Roslyn types
/// appear in this API (the command line uses it without loading the compiler).
/// </summary>
public static class DerivationCompiler
{
    /// <summary>SKG001: a step of the derivation is refuted or unsupported.</summary>
    public const string StepFailed = DiagnosticCodes.GeneratorStepFailed;

    /// <summary>SKG002: the generate block is incomplete or malformed.</summary>
    public const string BadFrontMatter = DiagnosticCodes.GeneratorBadFrontMatter;

    /// <summary>SKG003: no verified step of the derivation has the declared result as its right side.</summary>
    public const string ResultNotVerified = DiagnosticCodes.GeneratorResultNotVerified;

    /// <summary>SKG004: the result has no code form (or the emitted code failed its self-check).</summary>
    public const string CannotEmit = DiagnosticCodes.GeneratorCannotEmit;

    /// <summary>SKG005: a note from the emitter (the form it chose, a fallback).</summary>
    public const string EmitterNote = DiagnosticCodes.GeneratorNote;

    /// <summary>SKG006: the result's LaTeX cannot be read.</summary>
    public const string UnreadableResult = DiagnosticCodes.GeneratorUnreadableResult;

    /// <summary>SKG007: two derivations generate the same method.</summary>
    public const string DuplicateMethod = DiagnosticCodes.GeneratorDuplicateMethod;

    /// <summary>SKG008: the verifier itself failed on the derivation (an internal error of SymKl, not of the mathematics).</summary>
    public const string VerifierFailed = DiagnosticCodes.GeneratorVerifierFailed;

    /// <summary>The KlMath helper class that generated code calls (emitted once per compilation by the generator).</summary>
    public static string HelperSource => KlMathSource.Text(GeneratorNames.RuntimeNamespace);

    /// <summary>Compiles one derivation into the runtime's namespace. With a null <paramref name="verifier"/> the steps are not checked (emission from the front matter alone).</summary>
    public static DerivationOutput Compile(string path, string text, IDerivationVerifier? verifier, CancellationToken cancellationToken = default) =>
        Compile(path, text, verifier, GeneratorNames.RuntimeNamespace, cancellationToken);

    /// <summary>Compiles one derivation into the class KlGenerated of <paramref name="generatedNamespace"/>.</summary>
    public static DerivationOutput Compile(string path, string text, IDerivationVerifier? verifier, string generatedNamespace, CancellationToken cancellationToken = default)
    {
        var hint = HintName(path);
        var prepared = Prepare(path, text, verifier, cancellationToken);
        var messages = prepared.Messages;
        var request = prepared.Request;
        var verifiedLine = prepared.VerifiedStep?.Line ?? 0;
        if (prepared.Spec is null) return new DerivationOutput(hint, null, new(messages), null);
        var spec = prepared.Spec;
        var ctx = prepared.Context!;
        if (request is null || messages.Any(m => m.Severity == MessageSeverity.Error))
            return new DerivationOutput(hint, null, new(messages), null);

        var emit = request.Emit;
        emit = new EmitRequest
        {
            Method = emit.Method,
            Title = emit.Title,
            Namespace = generatedNamespace,
            SourceFile = emit.SourceFile,
            VerifiedLine = verifiedLine,
            ResultLine = emit.ResultLine,
            Parameters = emit.Parameters,
            Result = emit.Result,
            ResultLatex = emit.ResultLatex,
            Careful = emit.Careful,
            CarefulLatex = emit.CarefulLatex,
            SumIndex = emit.SumIndex,
            FiniteWhen = emit.FiniteWhen,
            FiniteWhenLatex = emit.FiniteWhenLatex,
            Assumptions = emit.Assumptions,
        };
        EmitResult result;
        try
        {
            result = DerivationEmitter.Emit(emit);
        }
        catch (Exception e) when (e is EmitException or NotSupportedException or BudgetExceededException or ArgumentException)
        {
            ctx.Error(CannotEmit, "cannot generate code for the result: " + e.Message, spec.Result!, spec.Result!.Text.Length);
            return new DerivationOutput(hint, null, new(messages), null);
        }
        foreach (var note in result.Notes) ctx.Add(EmitterNote, MessageSeverity.Info, note, spec.Result!, spec.Result!.Text.Length);
        var info = new GeneratedMethodInfo(emit.Method, new(emit.Parameters.Select(p => p.Identifier)), emit.SourceFile, verifiedLine, emit.ResultLatex, emit.IsSum, result.Vectorized, request.Pair);
        return new DerivationOutput(hint, result.Source, new(messages), info);
    }

    /// <summary>What reading and verifying a derivation gives, before any code is emitted.</summary>
    private sealed record Prepared(List<GeneratorMessage> Messages, GenerateSpec? Spec, Context? Context, Request? Request, StepResult? VerifiedStep);

    /// <summary>Reads the front matter, verifies the steps and finds the verified step that ties the KL to the result.</summary>
    private static Prepared Prepare(string path, string text, IDerivationVerifier? verifier, CancellationToken cancellationToken)
    {
        var messages = new List<GeneratorMessage>();
        DerivationDocument document;
        try
        {
            document = MarkdownReader.Parse(text, path);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            messages.Add(new GeneratorMessage(BadFrontMatter, MessageSeverity.Error, "cannot read the Markdown: " + e.Message, path, 0, 0, 1, 1, 1, 1));
            return new Prepared(messages, null, null, null, null);
        }
        var spec = GenerateSpec.Read(document);
        if (spec is null) return new Prepared(messages, null, null, null, null);

        var ctx = new Context(path, document.Source, messages);
        var request = BuildRequest(spec, document, ctx);
        cancellationToken.ThrowIfCancellationRequested();

        StepResult? verified = null;
        if (verifier is not null && request is not null)
        {
            IReadOnlyList<StepResult> steps;
            try
            {
                steps = verifier.Verify(document);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ctx.Error(VerifierFailed, "the verifier failed on this derivation: " + e.Message, spec.Block, 8);
                steps = [];
            }
            foreach (var s in steps.Where(s => s.Verdict.Kind is VerdictKind.Refuted or VerdictKind.Unsupported))
            {
                ctx.ErrorAt(StepFailed, "step " + ReportText.VerdictName(s.Verdict.Kind) + ": " + Short(s.Lhs) + " " + s.Relation + " " + Short(s.Rhs) + " — " + s.Verdict.Reason, s.Line, s.Column, s.End.Line, s.End.Column);
            }
            if (steps.Count > 0 || messages.All(m => m.Severity != MessageSeverity.Error))
            {
                verified = TiedStep(steps, request.Full, request.Emit.Assumptions);
                // An indexed sum is not checked by the verifier yet: a verified step for one term ties it.
                if (verified is null && request.Emit.IsSum) verified = TiedStep(steps, request.Emit.Result, request.Emit.Assumptions);
                if (verified is null)
                    ctx.Error(ResultNotVerified, "no verified step of the derivation has the declared result" + (request.Emit.IsSum ? " (or its term)" : "") + " as its right side; end the derivation with a line that equates the KL to the result", spec.Result!, spec.Result!.Text.Length);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new Prepared(messages, spec, ctx, request, verified);

    }

    /// <summary>
    /// The declared result of a derivation as the analyzer compares hand-written code with it: the closed form (for a
    /// sum, its term), the parameters in order, and the assumptions in force at the verified step that ties the KL to it.
    /// Null when the file has no generate block. With a null <paramref name="verifier"/> nothing is checked and the
    /// assumptions are the front matter's.
    /// </summary>
    public static DerivationResult? ReadResult(string path, string text, IDerivationVerifier? verifier, CancellationToken cancellationToken = default)
    {
        var prepared = Prepare(path, text, verifier, cancellationToken);
        if (prepared.Spec is null && prepared.Messages.Count == 0) return null;
        var errors = prepared.Messages.Where(m => m.Severity == MessageSeverity.Error).ToList();
        var request = prepared.Request;
        if (request is null) return new DerivationResult(prepared.Spec?.Method?.Text ?? "", [], null, false, Assumptions.Default, 0, errors);
        var emit = request.Emit;
        var parameters = emit.Parameters.Select(p => new ResultParameter(p.Symbol, p.Identifier, p.Latex)).ToList();
        var assumptions = prepared.VerifiedStep?.Assumptions ?? emit.Assumptions;
        return new DerivationResult(emit.Method, parameters, emit.Result, emit.IsSum, assumptions, prepared.VerifiedStep?.Line ?? 0, errors);
    }

    /// <summary>"KlGenerated.NormalNormal.g.cs" is set later from the method; this is the file's stem.</summary>
    private static string HintName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var chars = name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        return "KlGenerated." + new string(chars) + ".g.cs";
    }

    /// <summary>The path cited in documentation: from the last "derivations" folder on, else the file name.</summary>
    public static string CitedPath(string path)
    {
        var normal = path.Replace('\\', '/');
        var i = normal.LastIndexOf("/derivations/", StringComparison.OrdinalIgnoreCase);
        if (i >= 0) return normal.Substring(i + 1);
        if (normal.StartsWith("derivations/", StringComparison.OrdinalIgnoreCase)) return normal;
        return "derivations/" + Path.GetFileName(normal);
    }

    private static string Short(string s) => s.Length <= 60 ? s : s.Substring(0, 57) + "...";

    // ------------------------------------------------------------------ the request

    private sealed class Request(EmitRequest emit, Expr full, DistributionPair? pair)
    {
        public EmitRequest Emit { get; } = emit;

        /// <summary>The distribution types the method is KL of, when the front matter names them.</summary>
        public DistributionPair? Pair { get; } = pair;

        /// <summary>The whole declared result (with its Σ when there is one).</summary>
        public Expr Full { get; } = full;
    }

    private static Request? BuildRequest(GenerateSpec spec, DerivationDocument document, Context ctx)
    {
        foreach (var u in spec.Unknown)
            ctx.Add(BadFrontMatter, MessageSeverity.Warning, "unknown key '" + u.Text + "' in the generate block (known: method, parameters, result, sum, finite-when, title, careful, pair)", u, u.Text.Length);
        if (spec.Method is null || MethodNameProblem(spec.Method.Text) is not null)
        {
            ctx.Error(BadFrontMatter, spec.Method is null ? "the generate block has no 'method:' (the name of the generated C# method)" : "'" + spec.Method.Text + "' cannot be the method name: " + MethodNameProblem(spec.Method.Text), spec.Method ?? spec.Block, spec.Method?.Text.Length ?? 8);
            return null;
        }
        if (spec.Result is null)
        {
            ctx.Error(BadFrontMatter, "the generate block has no 'result:' (the LaTeX of the closed form)", spec.Block, 8);
            return null;
        }
        if (spec.Parameters.Count == 0)
        {
            ctx.Error(BadFrontMatter, "the generate block has no 'parameters:' (the symbols of the result, in the order of the C# parameters)", spec.Block, 8);
            return null;
        }

        var assumptions = DocumentVerifier.Assumptions(document);

        var full = LatexReading.Expression(spec.Result.Text, out var problem, out var at);
        if (full is null)
        {
            ctx.Error(UnreadableResult, "cannot read the result: " + problem, new Located(spec.Result.Text, spec.Result.Offset + at, spec.Result.Line, spec.Result.Column + at), 1);
            return null;
        }

        string? index = null;
        var body = full;
        if (spec.Sum is not null)
        {
            if (full is not Summation sum || sum.Variable.Name != spec.Sum.Text.Trim().TrimStart('\\'))
            {
                ctx.Error(BadFrontMatter, "'sum: " + spec.Sum.Text + "' says the result is a sum over " + spec.Sum.Text + ", but it is not written as \\sum_{" + spec.Sum.Text + "=1}^{D} …", spec.Result, spec.Result.Text.Length);
                return null;
            }
            index = sum.Variable.Name;
            body = sum.Body;
        }

        var parameters = new List<EmitParameter>();
        foreach (var p in spec.Parameters)
        {
            var text = p.Text;
            string? identifier = null;
            var asAt = text.IndexOf(" as ", StringComparison.Ordinal);
            if (asAt > 0)
            {
                identifier = text.Substring(asAt + 4).Trim();
                text = text.Substring(0, asAt).Trim();
            }
            var e = LatexReading.Expression(text, out var why, out _);
            if (e is not Sym s)
            {
                ctx.Error(BadFrontMatter, "the parameter '" + p.Text + "' is not a symbol" + (why is null ? "" : ": " + why), p, p.Text.Length);
                return null;
            }
            identifier ??= CSharpPrinter.Identifier(index is not null && s.Name.EndsWith("_" + index, StringComparison.Ordinal) ? s.Name.Substring(0, s.Name.Length - index.Length - 1) : s.Name);
            if (!IsIdentifier(identifier) || identifier.StartsWith("__", StringComparison.Ordinal) || identifier == "result")
            {
                ctx.Error(BadFrontMatter, "'" + identifier + "' cannot be a parameter name", p, p.Text.Length);
                return null;
            }
            if (parameters.Any(x => x.Identifier == identifier || x.Symbol.Equals(s)))
            {
                ctx.Error(BadFrontMatter, "the parameter '" + p.Text + "' is listed twice", p, p.Text.Length);
                return null;
            }
            parameters.Add(new EmitParameter(s, identifier, text));
        }

        var missing = Traversal.FreeSymbols(body).Where(s => !parameters.Any(p => p.Symbol.Equals(s))).ToList();
        if (missing.Count > 0)
        {
            ctx.Error(BadFrontMatter, "the result uses " + string.Join(", ", missing.Select(m => m.Name)) + ", which " + (missing.Count == 1 ? "is" : "are") + " not in 'parameters'", spec.Result, spec.Result.Text.Length);
            return null;
        }

        var finite = new List<Constraint>();
        foreach (var f in spec.FiniteWhen)
        {
            var relations = LatexReading.Relations(f.Text, out var why);
            if (relations is null)
            {
                ctx.Error(BadFrontMatter, "cannot read the condition '" + f.Text + "': " + why, f, f.Text.Length);
                return null;
            }
            finite.AddRange(relations);
        }

        Expr? careful = null;
        if (spec.Careful is not null)
        {
            var read = LatexReading.Expression(spec.Careful.Text, out var cproblem, out var cat);
            if (read is null)
            {
                ctx.Error(UnreadableResult, "cannot read the careful form: " + cproblem, new Located(spec.Careful.Text, spec.Careful.Offset + cat, spec.Careful.Line, spec.Careful.Column + cat), 1);
                return null;
            }
            careful = Markers.FromLatex(read, out var unknownFunction);
            if (careful is null)
            {
                ctx.Error(BadFrontMatter, "the careful form applies " + unknownFunction + ", which is not one of the careful functions (" + string.Join(", ", Markers.FromLatexName.Keys) + ")", spec.Careful, spec.Careful.Text.Length);
                return null;
            }
            var extra = Traversal.FreeSymbols(careful).Where(s => !parameters.Any(p => p.Symbol.Equals(s))).ToList();
            if (extra.Count > 0)
            {
                ctx.Error(BadFrontMatter, "the careful form uses " + string.Join(", ", extra.Select(m => m.Name)) + ", which " + (extra.Count == 1 ? "is" : "are") + " not in 'parameters'", spec.Careful, spec.Careful.Text.Length);
                return null;
            }
        }

        DistributionPair? pair = null;
        if (spec.Pair is not null && (pair = ReadPair(spec.Pair, parameters, ctx)) is null) return null;

        var title = spec.Title?.Text ?? (document.FrontMatter.TryGetValue("title", out var t) ? t : spec.Method.Text);
        var emit = new EmitRequest
        {
            Method = spec.Method.Text,
            Title = title.TrimEnd('.'),
            SourceFile = CitedPath(ctx.Path),
            ResultLine = spec.Result.Line,
            Parameters = parameters,
            Result = body,
            ResultLatex = spec.Result.Text,
            Careful = careful,
            CarefulLatex = spec.Careful?.Text,
            SumIndex = index,
            FiniteWhen = finite,
            FiniteWhenLatex = spec.FiniteWhen.Select(f => f.Text).ToList(),
            Assumptions = assumptions,
        };
        return new Request(emit, full, pair);
    }

    /// <summary>
    /// <c>P(Member = symbol, …) || Q(Member = symbol, …)</c>: every parameter of the method given by a member of p (bound
    /// to <c>a</c>) or of q (<c>b</c>); a parameter given by both (a binomial's n) must be equal in both for the closed form.
    /// </summary>
    private static DistributionPair? ReadPair(Located pair, IReadOnlyList<EmitParameter> parameters, Context ctx)
    {
        var sides = pair.Text.Split(new[] { "||" }, StringSplitOptions.None);
        if (sides.Length != 2)
        {
            ctx.Error(BadFrontMatter, "'pair:' is written P(Member = symbol, …) || Q(Member = symbol, …)", pair, pair.Text.Length);
            return null;
        }
        var bound = parameters.Select(_ => new List<string>()).ToList();
        var types = new string[2];
        for (var side = 0; side < 2; side++)
        {
            var text = sides[side].Trim();
            var open = text.IndexOf('(');
            if (open <= 0 || !text.EndsWith(")", StringComparison.Ordinal) || !text.Substring(0, open).Trim().Split('.').All(IsIdentifier))
            {
                ctx.Error(BadFrontMatter, "'" + text + "' is not a type with its members, Type(Member = symbol, …)", pair, pair.Text.Length);
                return null;
            }
            types[side] = text.Substring(0, open).Trim();
            foreach (var binding in SplitTopLevel(text.Substring(open + 1, text.Length - open - 2)))
            {
                var equals = binding.IndexOf('=');
                var member = equals < 0 ? "" : binding.Substring(0, equals).Trim();
                var symbol = equals < 0 ? null : LatexReading.Expression(binding.Substring(equals + 1).Trim(), out _, out _);
                var index = symbol is Sym s ? parameters.ToList().FindIndex(p => p.Symbol.Equals(s)) : -1;
                if (!IsIdentifier(member) || index < 0)
                {
                    ctx.Error(BadFrontMatter, "in 'pair:', '" + binding.Trim() + "' is not Member = one of the parameters", pair, pair.Text.Length);
                    return null;
                }
                bound[index].Add((side == 0 ? "a." : "b.") + member);
            }
        }
        var unbound = parameters.Where((_, i) => bound[i].Count == 0).Select(p => p.Latex).ToList();
        if (unbound.Count > 0)
        {
            ctx.Error(BadFrontMatter, "'pair:' gives no member for " + string.Join(", ", unbound), pair, pair.Text.Length);
            return null;
        }
        var guards = bound.SelectMany(b => b.Skip(1).Select(other => b[0] + " == " + other));
        return new DistributionPair(types[0], types[1], new(bound.Select(b => b[0])), new(guards));
    }

    /// <summary>Items separated by commas outside (), {}, [].</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ',';
            if (c is '(' or '{' or '[') depth++;
            else if (c is ')' or '}' or ']') depth--;
            else if (c == ',' && depth == 0)
            {
                if (text.Substring(start, i - start).Trim().Length > 0) yield return text.Substring(start, i - start);
                start = i + 1;
            }
        }
    }

    /// <summary>A C# identifier that is not a keyword (<c>class</c>, <c>int</c>, <c>return</c> would not compile as names).</summary>
    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_') && !Keywords.Contains(s);

    /// <summary>C#'s reserved keywords (contextual ones such as <c>var</c> are valid method names). Not Roslyn's
    /// SyntaxFacts: <c>symkl gen</c> runs this compiler outside a compiler, where Roslyn is not loaded.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long",
        "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch",
        "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void",
        "volatile", "while",
    };

    /// <summary>Why a front matter 'method:' cannot name the generated methods; null when it can.</summary>
    private static string? MethodNameProblem(string s)
    {
        if (Keywords.Contains(s)) return "it is a C# keyword";
        if (!IsIdentifier(s)) return "it is not a C# identifier (letters, digits and '_', not starting with a digit)";
        if (s.StartsWith("__", StringComparison.Ordinal)) return "names starting with '__' are reserved for the generated helpers";
        if (s == GeneratorNames.ClassName) return "it is the name of the generated class";
        return null;
    }

    // ------------------------------------------------------------------ the tie to a verified step

    /// <summary>
    /// The last verified equality whose right side equals the result; null when there is none. The step's
    /// right side is the verifier's bound expression (no text round trip), and equality is decided by the verifier's
    /// own decision policy under the assumptions in force at that step.
    /// </summary>
    private static StepResult? TiedStep(IReadOnlyList<StepResult> steps, Expr result, Assumptions a)
    {
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            var s = steps[i];
            if (!s.Verdict.Holds || s.Kind != Symbolic.Relation.Equal || s.Relation != "=" || s.RhsExpr is null) continue;
            if (SameValue(s.RhsExpr, result, s.Assumptions ?? a)) return s;
        }
        return null;
    }

    private static bool SameValue(Expr x, Expr y, Assumptions a)
    {
        if (x is Summation sx && y is Summation sy)
        {
            if (!sx.Variable.Equals(sy.Variable) || !Equals(sx.Lower, sy.Lower) || !Equals(sx.Upper, sy.Upper)) return false;
            return SameValue(sx.Body, sy.Body, a);
        }
        if (x.Equals(y)) return true;
        return StepChecker.Check(x, Symbolic.Relation.Equal, y, a, Symbolic.Probability.DistributionContext.Empty).Holds;
    }

    // ------------------------------------------------------------------ messages

    private sealed class Context(string path, SourceText source, List<GeneratorMessage> messages)
    {
        public string Path { get; } = path;

        public void Error(string id, string message, Located at, int length) => Add(id, MessageSeverity.Error, message, at, length);

        public void Add(string id, MessageSeverity severity, string message, Located at, int length)
        {
            var end = source.GetPosition(Math.Min(source.Text.Length, at.Offset + Math.Max(0, length)));
            messages.Add(new GeneratorMessage(id, severity, message, Path, at.Offset, Math.Max(0, length), at.Line, at.Column, end.Line, end.Column));
        }

        public void ErrorAt(string id, string message, int line, int column, int endLine, int endColumn)
        {
            var offset = source.GetOffset(line, column);
            var endOffset = Math.Max(offset, endLine > 0 ? source.GetOffset(endLine, endColumn) : offset);
            messages.Add(new GeneratorMessage(id, MessageSeverity.Error, message, Path, offset, endOffset - offset, line, column, Math.Max(line, endLine), endLine > 0 ? endColumn : column));
        }
    }

    /// <summary>The line and column of an offset, for messages.</summary>
    internal static string Describe(GeneratorMessage m) => m.Line.ToString(CultureInfo.InvariantCulture) + ":" + m.Column.ToString(CultureInfo.InvariantCulture);
}
