using SymKl.Derivations.Reports;
using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using LatexRelation = SymKl.Latex.Syntax.Relation;
using LogBase = SymKl.Latex.Binding.LogBase;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Operators a document defines its own way. Posts sometimes give a standard name a convention of their own
/// ("where $H(q, p) = \int q(x) \log p(x)$ is the cross-entropy", without the minus sign), often after using it.
/// Read with the standard meaning, every step that uses the name would fail; so before the walk, each definition
/// of a known operator (after a definition cue or with :=) is checked against the standard meaning, and when it
/// disagrees (or cannot be decided), a failure of any statement that uses the name is not reported as a mistake.
/// The unit of information is the document's convention too: H(½, ½) = 1 is right in bits.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Known operator names the document defines differently: name → where and how.</summary>
    private readonly Dictionary<string, string> _ownConventions = new(StringComparer.Ordinal);

    /// <summary>
    /// The own conventions defined over random variables (H(X, Y) = …). One defined over laws (H(P, Q), a cross-entropy)
    /// says nothing of H(X, Y) or H(X | Y) of random variables, another operator with the same name.
    /// </summary>
    private readonly HashSet<string> _ownConventionsOfVariables = new(StringComparer.Ordinal);

    /// <summary>A call of random variables: every argument a plain capital S … Z, or separated by '|' or ';' (H(X | Y), I(X; Y)).</summary>
    private static bool OfRandomVariables(Call call) =>
        call.Arguments.All(a => a is Identifier { Name: [>= 'S' and <= 'Z'] } id && id.IsUndecorated)
        || call.Separators.Any(s => s.Text is "|" or ";") && call.Arguments.All(a => a is Identifier { Name: [>= 'A' and <= 'Z'] });

    /// <summary>
    /// Logarithms the document writes with base 2 (\log_2) and with another base or natural ones (\ln, \log_e, \log_{10});
    /// \ln 2, the constant a derivative of \log_2 brings in, is not a natural logarithm of the text's quantities.
    /// </summary>
    private int _baseTwoLogs, _otherBaseLogs;

    /// <summary>
    /// Every logarithm the document writes with a base is base 2, at least three of them, and none is natural: its bare
    /// \log is most likely base 2 too. Only ever used to confirm a statement that holds in bits.
    /// </summary>
    private bool LeansToBits => _baseTwoLogs >= 3 && _otherBaseLogs == 0;

    private static readonly System.Text.RegularExpressions.Regex BaseTwoLog = new(@"\\log_\{?\s*2\s*\}?", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private static readonly System.Text.RegularExpressions.Regex OtherBaseLog = new(@"(?:\\ln\b|\\log_(?:\{\s*(?:e|10|[3-9])\s*\}|e|[3-9])|\\operatorname\{ln\})(?!\s*[({]?\s*2\b)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private void FindOwnConventions()
    {
        FindOwnConventionsInBlocks();
        NoteWrittenDensityVariables();
    }

    private void FindOwnConventionsInBlocks()
    {
        foreach (var block in document.Blocks)
        {
            if (document.IsSkipped(block)) continue;
            var cue = RoleCues.Find(block.ProseBefore);
            var expandedMath = Expanded(block, out var toBlock);
            _baseTwoLogs += BaseTwoLog.Matches(expandedMath).Count;
            _otherBaseLogs += OtherBaseLog.Matches(expandedMath).Count;
            var parsed = LatexParser.ParseMath(expandedMath);
            if (parsed.Root is { } root) CollectApplied(root, parsed);
            CollectGivenNames((parsed.Root?.Rows ?? []).SelectMany(r => r.Items).OfType<LatexRelation>(), parsed);
            CollectConventionValues(expandedMath, (parsed.Root?.Rows ?? []).SelectMany(r => r.Items).OfType<LatexRelation>(), parsed);
            if (parsed.Root is { } written) CollectFirstWritten(block, written, parsed);
            foreach (var relation in (parsed.Root?.Rows ?? []).SelectMany(r => r.Items).OfType<LatexRelation>())
            {
                if (relation.Operands.Count < 2) continue;
                var op = relation.Operators[0];
                if (op.Kind == RelationKind.Sim && relation.Operands[0] is Identifier random)
                {
                    var drawn = RandomBase(MathBinder.SymbolName(random, parsed));
                    _randomBases.Add(drawn);
                    _drawnNames.Add(MathBinder.SymbolName(random, parsed));
                    if (IsStandardNormal(relation.Operands[1], parsed)) _standardNormalBases.Add(drawn); else _otherLawBases.Add(drawn);
                    if (IsStandardNormal(relation.Operands[1], parsed)) _drawnStandardNormal.Add(MathBinder.SymbolName(random, parsed));
                }
                // The binary entropy needs no cue: written so, H(p) has its standard meaning (a Bernoulli law's entropy).
                if (op.Kind is RelationKind.Define or RelationKind.Equal && relation.Operands[0] is Call { Callee: Identifier { Name: "H" } head } binary
                    && IsBinaryEntropy(binary, relation.Operands[1], parsed))
                {
                    _binaryEntropies.Add(ConventionKey(MathBinder.FunctionName(head, parsed), 1));
                    continue;
                }
                var defining = op.Kind == RelationKind.Define || op.Kind == RelationKind.Equal && cue.Kind == CueKind.Definition;
                if (!defining || relation.Operands[0] is not Call { Callee: Identifier callee } || !MathBinder.IsKnownOperatorName(callee)
                    || MathBinder.IsNameWithoutMeaning(callee)) continue;
                var name = MathBinder.FunctionName(callee, parsed);
                var key = ConventionKey(name, ((Call)relation.Operands[0]).Arguments.Count);
                if (_ownConventions.ContainsKey(key) || AgreesWithStandardMeaning(relation.Operands[0], relation.Operands[1], parsed)) continue;
                if (DefinesEntropyOfVariables(relation.Operands[0], relation.Operands[1], parsed)) continue;
                var p = block.GetPosition(toBlock(relation.Span.Start));
                var text = Shorten(parsed.GetText(relation.Operands[0].Span) + " = " + parsed.GetText(relation.Operands[1].Span));
                _ownConventions[key] = "line " + p.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + text;
                if (OfRandomVariables((Call)relation.Operands[0])) _ownConventionsOfVariables.Add(key);
                Warnings.Add(new DocumentWarning(ToFile(p), WarningKind.Suspicious, DiagnosticCodes.OwnConvention,
                    "the document defines " + name + " as " + text + ", which is not its standard meaning (or not one SymKl can confirm); statements that use " + name + " are not refuted"));
            }
        }
    }

    /// <summary>H/1 when the document defines H(p) as the binary entropy (<see cref="IsBinaryEntropy"/>): a function it defines.</summary>
    private readonly HashSet<string> _binaryEntropies = new(StringComparer.Ordinal);

    /// <summary>
    /// H(p) = −p log p − (1 − p) log(1 − p): the binary entropy, the standard meaning of H of one probability (the entropy of
    /// a Bernoulli(p) law), in any unit. The formula is one name's, written in that name alone, and agrees with the binary
    /// entropy up to a positive constant factor (the base of its logarithms) at several p in (0, 1). The definition is then
    /// the document's function H of a number, which H(1/2) = 1 is read with, not a convention of its own.
    /// </summary>
    private static bool IsBinaryEntropy(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        if (target is not Call { Callee: Identifier { Name: "H", Subscript: null }, Arguments: [Identifier argument], Separators.Count: 0 }) return false;
        if (Latex.Binding.ExprBinder.IsRandomVariableName(argument)) return false;
        var bound = MathBinder.Bind(formula, parsed, new ScopeState()).Value;
        if (bound is null || Traversal.FreeSymbols(bound) is not [var p] || p.Name != MathBinder.SymbolName(argument, parsed)) return false;
        // Only a formula of elementary functions (H(p) = H[p], an entropy functional, is no formula of the number p).
        if (Traversal.Any(bound, n => n is not (Num or Constant or Sym or Add or Mul or Pow or Fn))) return false;
        double? ratio = null;
        foreach (var x in new[] { 0.1, 0.23, 0.37, 0.5, 0.64, 0.81 })
        {
            var value = new NumericEvaluator(s => s.Equals(p) ? x : double.NaN).Evaluate(bound);
            var nats = -x * Math.Log(x) - (1 - x) * Math.Log(1 - x);
            if (!value.IsDefined || !(value.Value > 0)) return false;
            var r = value.Value / nats;
            ratio ??= r;
            if (Math.Abs(r - ratio.Value) > 1e-9 * ratio.Value) return false;
        }
        return true;
    }

    /// <summary>h, H: measures the document defined by their standard formula (<see cref="StandardEntropyDefinition"/>).</summary>
    private readonly HashSet<string> _standardMeasures = new(StringComparer.Ordinal);

    /// <summary>Standard formulas of information measures the document has written (spaces removed), with the line of the first.</summary>
    private readonly Dictionary<string, int> _standardFormulas = new(StringComparer.Ordinal);

    /// <summary>Names the document applies as functions somewhere (f in f(x), h in h(X)): collected by the pre-pass.</summary>
    private readonly HashSet<string> _appliedNames = new(StringComparer.Ordinal);

    private void CollectApplied(SyntaxNode node, ParseResult parsed)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            // x(x − 1) may be a product; f(x), h(X), p(x) are applications of a function letter.
            if (n is Call { Callee: Identifier { Name.Length: 1 } id, Arguments.Count: > 0 } call && (!call.MayBeProduct || id.Name is "f" or "g" or "h" or "p" or "q"))
                _appliedNames.Add(MathBinder.SymbolName(id, parsed));
            if (n is Call { Callee: Identifier density, Arguments: [var first, ..] } && density.Name is "p" or "q" or "r" or "P" or "Q")
            {
                var name = MathBinder.FunctionName(density, parsed);
                NoteWrittenArgument(name, Matrices.MatrixScope.Unwrap(first) is Identifier v ? MathBinder.SymbolName(v, parsed) : null);
                if (Matrices.MatrixScope.Unwrap(first) is Identifier && !_writtenArgumentText.ContainsKey(name)) _writtenArgumentText[name] = parsed.GetText(first.Span);
            }
            foreach (var c in n.Children()) stack.Push(c);
        }
    }

    /// <summary>The first arguments each density name is written with (null: something other than one name), for <see cref="NoteWrittenDensityVariables"/>.</summary>
    private readonly Dictionary<string, HashSet<string?>> _writtenArguments = new(StringComparer.Ordinal);

    private void NoteWrittenArgument(string density, string? variable)
    {
        if (!_writtenArguments.TryGetValue(density, out var set)) _writtenArguments[density] = set = [];
        set.Add(variable);
    }

    /// <summary>
    /// 𝔼_q[log p(x)] over a q the document writes only as q(z) or q(z | x): the expectation is over z. A name written
    /// with two different first arguments (p(x), p(z)) gives none, and a definition's variable comes first.
    /// </summary>
    private void NoteWrittenDensityVariables()
    {
        foreach (var written in _writtenArguments)
        {
            if (written.Value.Count == 1 && written.Value.First() is { } variable) _scope.NoteWrittenDensityVariable(written.Key, variable);
        }
    }

    /// <summary>The definition holds with the operator's standard meaning (checked in a scope of its own).</summary>
    private bool AgreesWithStandardMeaning(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        var scope = new ScopeState();
        var l = MathBinder.Bind(target, parsed, scope);
        var r = MathBinder.Bind(formula, parsed, scope);
        if (l.Value is not null && r.Value is not null &&
            AuxiliaryCheck(l.Value, Symbolic.Relation.Equal, r.Value, scope.Assumptions, scope.Context) is { Holds: true })
            return true;
        return HoldsInEveryModel(target, formula, parsed);
    }

    /// <summary>Work the check of the standard meaning in random models may do (it had 5 s of wall-clock time); the guard only stops a hang.</summary>
    private static readonly long StandardMeaningUnits = WorkBudget.Seconds(5);
    private static readonly TimeSpan StandardMeaningGuard = TimeSpan.FromSeconds(60);

    /// <summary>
    /// KL(q(z) ‖ p(z | x)) = 𝔼_q[log q(z) − log p(x, z)] + log p(x): the standard meaning once the densities are one
    /// model's (Bayes' rule inside), which only the consistent random models see; nothing in the document is defined yet.
    /// </summary>
    private bool HoldsInEveryModel(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        static bool Undefined(string name) => false;
        if (!ModelCheck.Applies(target, parsed, formula, parsed, Undefined)) return false;
        if (ProbabilityRules.Prove(target, formula, parsed, parsed, Undefined) is not null) return true;
        using var budget = new WorkBudget("the check of the standard meaning", StandardMeaningUnits, StandardMeaningGuard);
        return ModelCheck.Decide(target, parsed, Symbolic.Relation.Equal, formula, parsed, Undefined, mayRefute: false, options.Seed, budget.Token)
            is { Kind: Symbolic.VerdictKind.Proved or Symbolic.VerdictKind.Confirmed };
    }

    /// <summary>
    /// H(X, Y) = −∫∫ p_{X,Y} log p_{X,Y} (or −Σ …, −E[log p(y | x)] for H(Y | X)): the entropy of random variables written through their
    /// law, which SymKl reads as the information measure itself (<see cref="InformationModels"/>), not as a cross-entropy
    /// of densities named X and Y. The standard meaning needs the minus sign in front of an integral, sum or expectation
    /// of a logarithm; anything else stays the document's own convention.
    /// </summary>
    private static bool DefinesEntropyOfVariables(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        if (target is not Call { Callee: Identifier { Name: "H" or "h" } } call || !Latex.Binding.ExprBinder.IsRandomVariableMeasure(call)) return false;
        if (call.Separators.Any(s => s.Text == ";")) return false;
        var text = new string(parsed.GetText(formula.Span).Where(c => !char.IsWhiteSpace(c) && c != '\\' && c != ',' && c != ';' && c != '!').ToArray());
        // −∫ f log f, or the minus inside the expectation: E[−log f(X)], 𝔼_{X∼f}[−log f(X)].
        var minus = text.StartsWith("-", StringComparison.Ordinal) || text.StartsWith("−", StringComparison.Ordinal)
            || System.Text.RegularExpressions.Regex.IsMatch(text, @"^(mathbb\{E\}|E|operatorname\{E\})(_\{[^{}]*(\{[^{}]*\}[^{}]*)*\}|_\w)?(left|bigg|Bigg|big|Big)?[\[(][-−]log");
        var averaged = text.Contains("int") || text.Contains("sum") || text.Contains("E_") || text.Contains("mathbb{E}") || text.Contains("E[");
        return minus && averaged && text.Contains("log");
    }

    /// <summary>
    /// h(X) = −∫ f(x) log f(x) dx, H(X) = −Σ_x p(x) log p(x), h(X) = E[−log f(X)]: the standard formula of the entropy of a
    /// random variable through its law, with one density the document does not define (an entropy of the law, not of a
    /// formula of its own). Returns "differential entropy" or "entropy", or null. A second density name (p log q, a
    /// cross-entropy) or a density the document defines keeps the definition as written.
    /// </summary>
    private string? StandardEntropyDefinition(SyntaxNode target, SyntaxNode formula, ParseResult parsed)
    {
        if (!DefinesEntropyOfVariables(target, formula, parsed) || target is not Call { Callee: Identifier callee } call) return null;
        static IEnumerable<SyntaxNode> All(SyntaxNode n) => new[] { n }.Concat(n.Children().SelectMany(All));
        var nodes = All(formula).ToList();
        var densities = nodes.OfType<Call>().Select(c => c.Callee).OfType<Identifier>().ToList();
        if (densities.Count == 0 || densities.Any(f => f.Name.Length != 1 || !char.IsLetter(f.Name[0]) || f.Primes > 0 || f.Accent is not null)) return null;
        var names = densities.Select(f => MathBinder.FunctionName(f, parsed)).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count != 1 || _scope.IsDefinedFunction(names[0]) || _scope.Context.Bound.ContainsKey(names[0])) return null;
        // Without a condition the density is of the same variables everywhere (f(x) log f(x), not f(x) log f(x, y)).
        var densityCalls = nodes.OfType<Call>().Where(c => c.Callee is Identifier).ToList();
        if (call.Separators.All(s => s.Text != "|") && densityCalls.Select(c => string.Join(",", c.Arguments.Select(a => parsed.GetText(a.Span).Replace(" ", "")))).Distinct(StringComparer.Ordinal).Count() > 1) return null;
        // Every other name is a variable of the measure (X, x), one an integral, sum or expectation runs over, or a set
        // (𝒮, 𝒳): −∫ f log f, never −∫ f log f + c or −∫ f log(f/g).
        var allowed = new HashSet<string>(StringComparer.Ordinal) { densities[0].Name, densities[0].Name.ToUpperInvariant(), densities[0].Name.ToLowerInvariant() };
        foreach (var a in call.Arguments.OfType<Identifier>()) { allowed.Add(a.Name); allowed.Add(a.Name.ToLowerInvariant()); }
        foreach (var n in nodes)
        {
            var bound = n switch { Differential d => d.Variable, Sum { Lower: { } lower } => lower, Latex.Syntax.Expectation { Subscript: { } sub } => sub, _ => null };
            if (bound is null) continue;
            foreach (var id in All(bound).OfType<Identifier>()) allowed.Add(id.Name);
        }
        bool Allowed(SyntaxNode n) => n switch
        {
            Identifier id => id.Style is NameStyle.Calligraphic or NameStyle.Blackboard || allowed.Contains(id.Name),
            Number or Differential => true,
            _ => n.Children().All(Allowed),
        };
        return Allowed(formula) ? callee.Name == "h" ? "differential entropy" : "entropy" : null;
    }

    /// <summary>
    /// A check SymKl makes for itself rather than for a statement (a convention, a unit, a normalisation): within the
    /// step's time budget (10 s when none is set), and no verdict when the budget or the stack runs out or the kernel gives up.
    /// </summary>
    private Verdict? AuxiliaryCheck(Expr lhs, Symbolic.Relation relation, Expr rhs, Assumptions assumptions, DistributionContext context)
    {
        try
        {
            using var budget = StepBudget.Open(options, TimeSpan.FromSeconds(10))!;
            return StepChecker.Check(lhs, relation, rhs, assumptions, context, options.Seed, budget.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InsufficientExecutionStackException or ArithmeticException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The own convention of an operator the statement uses, if any ("H (line 90: H(q, p) = …)").</summary>
    private string? OwnConventionUsed(params Operand[] operands)
    {
        if (_ownConventions.Count == 0) return null;
        foreach (var operand in operands)
        {
            var stack = new Stack<SyntaxNode>();
            stack.Push(operand.Node);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (n is Call { Callee: Identifier id } call && _ownConventions.TryGetValue(ConventionKey(MathBinder.FunctionName(id, operand.Parsed), call.Arguments.Count), out var where)
                    && !(OfRandomVariables(call) && !_ownConventionsOfVariables.Contains(ConventionKey(MathBinder.FunctionName(id, operand.Parsed), call.Arguments.Count))))
                    return MathBinder.FunctionName(id, operand.Parsed) + " (" + where + ")";
                foreach (var child in n.Children()) stack.Push(child);
            }
        }
        return null;
    }

    /// <summary>A refutation that rests on the standard meaning of an operator the document defines its own way.</summary>
    private static Verdict UnderOwnConvention(Verdict verdict, string convention) =>
        verdict.Kind != VerdictKind.Refuted ? verdict : new Verdict(VerdictKind.Unsupported,
            "it uses " + convention + ", which the document defines its own way; SymKl checks it with the standard meaning, under which it fails",
            verdict.Residue, verdict.Counterexample, verdict.PointsChecked);

    /// <summary>"where H(q, p) = …" for an operator the document defines its own way: its definition, which SymKl does not use.</summary>
    /// <summary>
    /// The pre-pass reads every definition of a known name with nothing defined (<see cref="AgreesWithStandardMeaning"/>), so
    /// "where $H(P) = -p\log p - (1-p)\log(1-p)$ is the entropy" of the document's P = Bernoulli(p) cannot agree there.
    /// Reached in the walk, with the laws defined so far in scope, it is checked again; when it agrees, the name keeps its
    /// standard meaning from here on (statements before it were only spared refutation) and the warning is withdrawn.
    /// Null when it still does not agree.
    /// </summary>
    private string? StandardMeaningHere(Operand left, Operand right)
    {
        if (left.Node is not Call { Callee: Identifier id } call || left.Parsed != right.Parsed) return null;
        var key = ConventionKey(MathBinder.FunctionName(id, left.Parsed), call.Arguments.Count);
        var l = MathBinder.Bind(left.Node, left.Parsed, _scope);
        var r = MathBinder.Bind(right.Node, right.Parsed, _scope);
        if (l.Value is null || r.Value is null || l.Value.Equals(r.Value)) return null;
        // The standard meaning must have been evaluated (the entropy of the law), not left as the name applied.
        if (Traversal.Any(l.Value, n => n is Apply a && a.Name == MathBinder.FunctionName(id, left.Parsed))) return null;
        if (AuxiliaryCheck(_scope.SubstituteSymbols(l.Value), Symbolic.Relation.Equal, _scope.SubstituteSymbols(r.Value), _scope.Assumptions, _scope.Context) is not { Holds: true } verdict) return null;
        _ownConventions.Remove(key);
        _ownConventionsOfVariables.Remove(key);
        var line = left.At(left.Node.Span.Start).Line;
        Warnings.RemoveAll(w => w.Code == DiagnosticCodes.OwnConvention && w.Position.Line == line);
        return verdict.Reason;
    }

    private bool IsOwnConventionDefinition(SyntaxNode node, ParseResult parsed) =>
        node is Call { Callee: Identifier id } call && _ownConventions.ContainsKey(ConventionKey(MathBinder.FunctionName(id, parsed), call.Arguments.Count));

    /// <summary>
    /// An operator with its number of arguments: a document that gives H(q, p) a convention of its own (the cross-entropy
    /// without its minus sign) still means the entropy by H(q), which it uses beside it (−H(q, p) − H(q) = KL(q ‖ p)).
    /// </summary>
    private static string ConventionKey(string name, int arguments) => name + "/" + arguments.ToString(System.Globalization.CultureInfo.InvariantCulture);
    // ---------------------------------------------------------------- units of information

    /// <summary>True once the document (or an annotation) has said which logarithm it uses.</summary>
    private bool _logBaseDeclared;

    /// <summary>
    /// H(½, ½) = 1 is right in bits and wrong in nats. When the document has not said which base its logarithms
    /// have and the statement is about entropy or information, a failure in nats that disappears in bits is the
    /// text's unit, not a mistake.
    /// </summary>
    private bool HoldsInBits(Operand left, Operand right, Symbolic.Relation relation)
    {
        if (_logBaseDeclared || _scope.LogBase != LogBase.Natural || !MentionsInformation(left) && !MentionsInformation(right)) return false;
        var saved = _scope.LogBase;
        _scope.LogBase = LogBase.Two;
        try
        {
            var l = MathBinder.Bind(left.Node, left.Parsed, _scope);
            var r = MathBinder.Bind(right.Node, right.Parsed, _scope);
            if (l.Value is null || r.Value is null) return false;
            var (lhs, rhs) = (MeasuresInExtremes(_scope.SubstituteSymbols(l.Value)), MeasuresInExtremes(_scope.SubstituteSymbols(r.Value)));
            // Maxima evaluated in bits too; one left unknown decides nothing.
            if (SymKl.Latex.Binding.OpaqueTerms.In(lhs).Count + SymKl.Latex.Binding.OpaqueTerms.In(rhs).Count > 0
                && (OpaqueSteps.Prepare(ref lhs, ref rhs, _scope.Assumptions, _scope.Context, options.Seed, relation: relation) is null || SymKl.Latex.Binding.OpaqueTerms.In(lhs).Count + SymKl.Latex.Binding.OpaqueTerms.In(rhs).Count > 0)) return false;
            return AuxiliaryCheck(lhs, relation, rhs, _scope.Assumptions, _scope.Context) is { Holds: true };
        }
        finally
        {
            _scope.LogBase = saved;
        }
    }

    /// <summary>An entropy, cross-entropy, information or divergence written in the operand (H(…), h(…), I(…), KL(…)).</summary>
    private static bool MentionsInformation(Operand operand)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(operand.Node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is Call { Callee: Identifier id } && (MathBinder.IsKnownOperatorName(id) || id.Name is "H" or "h" or "I")) return true;
            foreach (var child in n.Children()) stack.Push(child);
        }
        return false;
    }
    private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "…";
}
