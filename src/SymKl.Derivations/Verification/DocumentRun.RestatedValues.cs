using System.Globalization;
using SymKl.Derivations.Checking;
using SymKl.Derivations.Matrices;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// A formula for a name whose value the document already gave: a result written again ("recall that the mean is …", a
/// summary list, the mean derived in one section restated in the next). A careful reader checks it against the value in
/// force rather than reading a new definition. The value comes from one of two places: the definition of a function in an
/// earlier section (a new section may define it anew, but one that writes the same function again is restating it), or
/// an earlier statement that gave the name a formula in its first link and was shown to hold (a derived value: the
/// posterior mean a chain of Gaussian algebra arrived at). When the new formula agrees it is a claim that holds; when it
/// does not, or when that cannot be decided, it stays what it was (a definition for what follows), since a later
/// section may give the name a new meaning.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Values of names (and functions, with their parameters) that statements shown to hold gave them, by <see cref="ValueKey"/>.</summary>
    private readonly Dictionary<string, (FunctionDefinition Value, int Line)> _heldValues = new(StringComparer.Ordinal);

    private static string ValueKey(string name, int parameters) => name + "/" + parameters.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// After a chain: its first link gave a name (or a function of its arguments) a formula and was proved or confirmed,
    /// so the formula is a value of that name a later restatement is checked against.
    /// </summary>
    private void NoteHeldValue(List<Operand> operands, List<RelationOperator> operators, int firstStep, ParseResult parsed)
    {
        if (operators.Count == 0 || operands.Count < 2 || firstStep >= Steps.Count) return;
        if (operators[0] is not { Kind: RelationKind.Equal, Negated: false }) return;
        var (left, right) = (operands[0], operands[1]);
        var step = Steps[firstStep];
        if (left.Parsed != parsed || step.Lhs != left.Text || step.Rhs != right.Text) return;
        if (step.Verdict.Kind is not (VerdictKind.Proved or VerdictKind.Confirmed) || step.Role is StatementRole.Definition or StatementRole.Hypothesis or StatementRole.Remark) return;
        if (MatrixStatement.Shapes(_matrices, left.Node, left.Parsed, right.Node, right.Parsed, _scope.HasSeen("T")) is not null) return;
        if (NamedValue(left.Node, right.Node, parsed) is not { } value) return;
        _heldValues[ValueKey(value.Name, value.Parameters.Count)] = (value, step.Line);
    }

    /// <summary>
    /// The formula as the value of the name on the left: a symbol's value (no parameters), or a function's body in its
    /// parameters (the arguments written, plain names), with the document's defined symbols substituted. Null when the
    /// left side is no plain name (an operator, a known function), the formula mentions it, or either side cannot be read.
    /// </summary>
    private FunctionDefinition? NamedValue(SyntaxNode node, SyntaxNode formula, ParseResult parsed)
    {
        switch (node)
        {
            case Identifier id:
            {
                var name = MathBinder.SymbolName(id, parsed);
                if (Mentions(formula, node, parsed) || MathBinder.Bind(formula, parsed, _scope).Value is not { } value) return null;
                return new FunctionDefinition(name, [], _scope.SubstituteSymbols(value));
            }
            case Call { Callee: Identifier id } call when !MathBinder.IsKnownOperatorName(id) && !ExprBinder.IsRelativeEntropyCall(call)
                && !MathBinder.IsInformationMeasure(call, (SyntaxNode?)parsed.Root ?? call) && !IsExpectationCall(call):
                return CandidateFunction(node, formula, parsed) is { } function ? function with { Body = _scope.SubstituteSymbols(function.Body) } : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// "name = formula" that would be read as a definition (a name new to the scope, or a function of an earlier section),
    /// while the document already gave that name a value: when the formula agrees with it, a claim that holds (the
    /// definition still takes effect, with the same value). False otherwise, and the statement is read as before.
    /// </summary>
    private bool RestatedValue(Operand left, RelationOperator op, Operand right, ParseResult parsed)
    {
        if (op is not { Kind: RelationKind.Equal, Negated: false } || NamedValue(left.Node, right.Node, parsed) is not { } now) return false;
        if (ValueInForce(now) is not { } earlier || earlier.Value.Parameters.Count != now.Parameters.Count) return false;
        var restated = Renamed(now.Body, now.Parameters, earlier.Value.Parameters);
        if (!ScalarReadingSpeaks(left, right, earlier.Value, restated) || Agreement(earlier.Value.Body, restated) is not { } verdict) return false;
        var line = earlier.Line.ToString(CultureInfo.InvariantCulture);
        var rhsStart = right.At(right.Node.Span.Start);
        Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal,
            verdict with { Reason = "it writes again the value the document gave " + now.Name + " on line " + line + " (" + LatexPrinter.Print(earlier.Value.Body) + "): " + verdict.Reason },
            StatementRole.Claim, "a formula for a name already given a value, agreeing with it"));
        Snapshot(rhsStart);
        // The same value from here on, as the definition it would have been.
        if (earlier.FromDefinition) return true;
        TryDefine(left.Node, right.Node, parsed, off => ToSource(left.At(off)), false);
        NoteDefinedSymbol(left.Node, parsed);
        return true;
    }

    /// <summary>The check that the two formulas agree (with the diffusion convention the text may write in), or null when that is not shown.</summary>
    private Verdict? Agreement(Expr earlier, Expr now)
    {
        if (AuxiliaryCheck(earlier, Symbolic.Relation.Equal, now, _scope.Assumptions, _scope.Context) is not { } verdict) return null;
        if (!verdict.Holds) verdict = UnderStandardConvention(verdict, earlier, Symbolic.Relation.Equal, now);
        return verdict.Holds ? verdict : null;
    }

    /// <summary>
    /// Whether two formulas that agree as scalars agree as written. With no vector or matrix notation they do. Products
    /// of matrices do not commute, so a statement with a matrix (or a transpose, a trace) is left to the matrix reading.
    /// With vectors only, formulas affine in them (ã x_t + b̃ x_0, scalar coefficients) that agree for every scalar value
    /// have equal coefficients, so they agree for vectors too; anything else (a product of two vectors) is not decided here.
    /// </summary>
    private bool ScalarReadingSpeaks(Operand left, Operand right, FunctionDefinition earlier, Expr restated)
    {
        var vectorish = new HashSet<Sym>(earlier.Parameters);
        foreach (var body in new[] { earlier.Body, restated })
            foreach (var s in Traversal.FreeSymbols(body))
                if (s.Name.Contains("\\mathbf") || s.Name.Contains("\\boldsymbol") || s.Name.Contains("\\bm")) vectorish.Add(s);
        var shapes = MatrixStatement.Shapes(_matrices, left.Node, left.Parsed, right.Node, right.Parsed, _scope.HasSeen("T"));
        if (shapes is null && vectorish.Count == earlier.Parameters.Count && !earlier.Parameters.Any(p => p.Name.Contains("\\mathbf") || p.Name.Contains("\\boldsymbol"))) return true;
        if (shapes is { } known && (known.HasOperations || known.HasExplicitMatrices || known.HasOpenKinds || known.InferredMatrices.Count > 0)) return false;
        if (shapes is { } read)
            foreach (var side in new[] { left, right })
                foreach (var id in side.Node.DescendantsAndSelf().OfType<Identifier>())
                {
                    if (read.ShapeOf(MatrixScope.Key(id, side.Parsed)) is not { } shape) continue;
                    if (!shape.IsVector) return false;
                    vectorish.Add(Ex.Sym(MathBinder.SymbolName(id, side.Parsed)));
                }
        return AffineIn(earlier.Body, vectorish) && AffineIn(restated, vectorish);
    }

    /// <summary>Each first derivative by one of the names is free of all of them: the formula is affine in them jointly.</summary>
    private static bool AffineIn(Expr body, HashSet<Sym> names)
    {
        try
        {
            foreach (var name in names)
                if (Traversal.FreeSymbols(Differentiator.Derivative(body, name)).Any(names.Contains)) return false;
            return true;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or ArithmeticException)
        {
            return false;
        }
    }

    /// <summary>The value the document gave the name before: a function's definition in force, else a value a held statement gave it.</summary>
    private (FunctionDefinition Value, int Line, bool FromDefinition)? ValueInForce(FunctionDefinition now)
    {
        if (now.Parameters.Count > 0 && _scope.Context.Defined.TryGetValue(now.Name, out var defined))
        {
            var at = Definitions.LastOrDefault(d => d.Name == now.Name)?.Position.Line;
            return at is { } line ? (defined, line, true) : null;
        }
        if (_scope.IsDefinedFunction(now.Name) || _scope.DefinesSymbol(now.Name)) return null;
        return _heldValues.TryGetValue(ValueKey(now.Name, now.Parameters.Count), out var held) ? (held.Value, held.Line, false) : null;
    }

    /// <summary>The body in another function's parameter names (position by position, through fresh names so that a swap stays a swap).</summary>
    private static Expr Renamed(Expr body, IReadOnlyList<Sym> from, IReadOnlyList<Sym> to)
    {
        for (var i = 0; i < from.Count; i++) body = Traversal.Substitute(body, from[i], Ex.Sym("\u27e8restated " + i.ToString(CultureInfo.InvariantCulture) + "\u27e9"));
        for (var i = 0; i < to.Count; i++) body = Traversal.Substitute(body, Ex.Sym("\u27e8restated " + i.ToString(CultureInfo.InvariantCulture) + "\u27e9"), to[i]);
        return body;
    }
}
