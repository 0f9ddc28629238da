using System.Text.RegularExpressions;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Derivations.Verification;

/// <summary>
/// "log q(x_t | x_{t−1}) = −(x_t − √α_t x_{t−1})²/(2β_t) + C_1": a log-density written up to a constant the text names
/// (C, C_1, C', c, const) and never defines. It claims the two sides differ by a term free of the density's variable
/// (its first argument), not that they are equal for every C: confirmed when the derivative of their difference in that
/// variable vanishes (at dimension 1 the identity matrix I is 1). A failure keeps its verdict.
/// </summary>
internal sealed partial class DocumentRun
{
    private static readonly Regex ConstantName = new(@"^(?:C|c|K|const|constant|\\text\{const\}|\\mathrm\{const\})(?:_.+|'+)?$", RegexOptions.CultureInvariant);

    private Verdict UpToNamedConstant(Verdict v, Operand left, Symbolic.Relation relation, Expr lhs, Expr rhs)
    {
        if (v.Holds || relation != Symbolic.Relation.Equal || DensityVariable(left) is not { } variable) return v;
        // The constant: a term of the right side by itself, a name nothing defines and the left side does not have.
        IReadOnlyList<Expr> terms = rhs is Add sum ? sum.Children : new[] { rhs };
        var constants = terms.OfType<Sym>().Where(s => ConstantName.IsMatch(s.Name) && !_scope.DefinesSymbol(s.Name) && !_givenNames.Contains(s.Name) && !Traversal.FreeSymbols(lhs).Contains(s)).ToList();
        if (constants.Count != 1) return v;
        var constant = constants[0];
        var identity = new Dictionary<Sym, Expr>();
        Expr difference;
        Verdict slope;
        try
        {
            // The text's densities written out (q(x_t | x_{t−1}) as its Gaussian), then I = 1.
            difference = _scope.Expand(Ex.Sub(lhs, Traversal.Substitute(rhs, constant, Ex.Zero)));
            foreach (var s in Traversal.FreeSymbols(difference))
                if (s.Name is "I" or "\\mathbf{I}" or "\\boldsymbol{I}" or "\\mathbb{I}" && !_scope.DefinesSymbol(s.Name)) identity[s] = Ex.One;
            difference = Traversal.Substitute(difference, identity);
            if (!Traversal.FreeSymbols(difference).Contains(variable) || Traversal.Any(difference, x => x is Apply)) return v;
            slope = Checking.StepChecker.Check(Differentiator.Derivative(difference, variable), Symbolic.Relation.Equal, Ex.Zero, _scope.Assumptions, _scope.Context, options.Seed);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException) { return v; }
        if (!slope.Holds) return v;
        return new Verdict(VerdictKind.Confirmed, "equal up to " + constant.Name + ", a constant the text names: the two sides differ by a term free of " + variable.Name +
            " (the derivative of their difference in it is 0" + (identity.Count > 0 ? ", the identity matrix read at dimension 1" : "") + "); not a claim for every value of " + constant.Name,
            null, null, slope.PointsChecked);
    }

    /// <summary>x in "log p(x | …)" or "−log p(x)": the variable of the density whose logarithm the side is.</summary>
    private static Sym? DensityVariable(Operand side)
    {
        var node = side.Node;
        if (node is Unary { Operator: UnaryOperator.Negate, Operand: var operand }) node = operand;
        if (node is not FunctionApplication { Function: "log" or "ln", Arguments.Count: 1 } log) return null;
        var argument = log.Arguments[0];
        while (argument is SymKl.Latex.Syntax.Group { Body: var inner }) argument = inner;
        return argument is Call { Arguments: [Identifier first, ..] } ? Ex.Sym(MathBinder.SymbolName(first, side.Parsed)) : null;
    }
}
