using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "X ∼ 𝒩(μ, σ²). … −log f(x) = ½ log(2πσ²) + (x − μ)²/(2σ²)": the (negative) log-density of a variable whose law the
/// document states, at a point, written out. The density letter is new, but a reader takes f(x) (or p(y | x) after
/// y ∼ 𝒩(f_θ(x), σ²)) for that law's density: the formula is a claim about it, checked against the law. The variable is
/// the density's first argument, or the capital of that lower-case letter (x for X). Read so only when the law is
/// unambiguous (one law for that variable, every other argument a name its parameters mention) and the formula agrees;
/// otherwise the statement is what it was (the definition of a new density through its logarithm), never refuted.
/// </summary>
internal sealed partial class DocumentRun
{
    private bool LogDensityOfLawInForce(Call density, Expr? logBase, bool negated, Operand left, RelationOperator op, Operand right, ParseResult parsed)
    {
        if (op is not { Kind: RelationKind.Equal, Negated: false } || density.Arguments.Count == 0) return false;
        if (LawAt(density, parsed) is not { } law) return false;
        if (MathBinder.Bind(right.Node, parsed, _scope).Value is not { } formula) return false;
        var logDensity = law.Law.LogDensity(law.Point);
        if (logBase is not null) logDensity = Ex.Div(logDensity, Ex.Log(logBase));
        var expected = negated ? Ex.Neg(logDensity) : logDensity;
        var written = _scope.SubstituteSymbols(formula);
        if (AuxiliaryCheck(expected, Symbolic.Relation.Equal, written, _scope.Assumptions, _scope.Context) is not { Holds: true } verdict) return false;
        var rhsStart = right.At(right.Node.Span.Start);
        Steps.Add(new StepResult(left.At(left.Node.Span.Start), rhsStart, right.At(right.Node.Span.End), left.Text, op.Symbol, right.Text, Symbolic.Relation.Equal,
            verdict with { Reason = "the " + (negated ? "negative " : "") + "log-density of the law the document gives " + law.Variable + " (" + law.Law.Family.Name + "(" + string.Join(", ", law.Law.Parameters.Select(LatexPrinter.Print)) + ")) at " + LatexPrinter.Print(law.Point) + ": " + verdict.Reason },
            StatementRole.Claim, "the log-density of a variable whose law is in force, written out"));
        Snapshot(rhsStart);
        // The density letter names that law from here on, as the definition through its logarithm would have made it.
        TryDefineThroughLog(density, logBase, negated, right.Node, parsed, off => ToSource(left.At(off)));
        return true;
    }

    /// <summary>
    /// The law in force of the variable the density is of (its first argument, or the capital of that letter), the point
    /// it is evaluated at, and the variable's name; null when there is none, or when another argument is no name of the
    /// law's parameters (p(y | z) with y ∼ 𝒩(f(x), σ²) is another density).
    /// </summary>
    private (DistributionInstance Law, Expr Point, string Variable)? LawAt(Call density, ParseResult parsed)
    {
        var first = density.Arguments[0];
        while (first is Group { Body: var inner }) first = inner;
        if (first is not Identifier point) return null;
        var name = MathBinder.SymbolName(point, parsed);
        string variable;
        if (_scope.Context.Bound.ContainsKey(name)) variable = name;
        else if (point is { Name.Length: 1 } && char.IsLower(point.Name[0]) && MathBinder.SymbolName(point with { Name = point.Name.ToUpperInvariant() }, parsed) is var capital
            && _scope.Context.Bound.ContainsKey(capital) && !_scope.DefinesSymbol(name)) variable = capital;
        else return null;
        var law = _scope.Context.Bound[variable];
        var parameters = new HashSet<Sym>(law.Parameters.SelectMany(p => Traversal.FreeSymbols(p)));
        foreach (var other in density.Arguments.Skip(1))
        {
            if (MathBinder.Bind(other, parsed, _scope).Value is not { } given) return null;
            var symbols = Traversal.FreeSymbols(given);
            if (symbols.Count == 0 || !symbols.All(parameters.Contains)) return null;
        }
        return (law, Ex.Sym(name), variable);
    }
}
