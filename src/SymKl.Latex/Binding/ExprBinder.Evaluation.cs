using SymKl.Latex.Syntax;
using SymKl.Symbolic;

namespace SymKl.Latex.Binding;

/// <summary>
/// Evaluation brackets: [F]_a^b, \left[ F \right]_{x=a}^{b}, \left. F \right|_a^b mean F(b) − F(a), each end the value of F
/// there (or its limit, at ∞ or where F is not continuous: an unknown value the verifier may evaluate, as \lim is). The
/// variable is the one the subscript names (x = a), else F's only free symbol, else the only one of them that is the
/// variable of a density or a random variable of the document; otherwise the bracket is not read.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>
    /// Whether ^upper over _lower on a bracket reads as the ends of an evaluation: not a transpose, an inverse or a star,
    /// and, for square brackets, not [v]_i^2 (an entry by a lone index letter, squared), which is left as it was.
    /// </summary>
    private static bool EvaluationEnds(Group g, SyntaxNode lower, SyntaxNode upper)
    {
        if (upper is MathSymbol or Identifier { Name: "T", Subscript: null } or Unary { Operator: UnaryOperator.Negate, Operand: Number { Text: "1" } }) return false;
        if (g.Left == Bracket.None && g.Right == Bracket.Bar) return true;
        return !(lower is Identifier { Subscript: null, Name.Length: 1 } && upper is Number);
    }

    private Expr? BindEvaluation(Power p, Group g, SyntaxNode lower)
    {
        SyntaxNode from = lower;
        Sym? variable = null;
        if (lower is Syntax.Relation { Operands: [Identifier named, var at], Operators: [{ Kind: RelationKind.Equal, Negated: false }] })
        {
            variable = Ex.Sym(Name(named));
            from = at;
        }
        // \Big|_{x=0}^{x=1}: the upper end may name the variable again.
        SyntaxNode to = p.Exponent;
        if (p.Exponent is Syntax.Relation { Operands: [Identifier again, var end], Operators: [{ Kind: RelationKind.Equal, Negated: false }] })
        {
            if (variable is null || Name(again) != variable.Name) return Unsupported(p, "an evaluation bracket whose ends name different variables");
            to = end;
        }
        var body = Bind(g.Body);
        if (body is null) return null;
        Expr? a, b;
        _limits++;
        try
        {
            a = Bind(from);
            b = Bind(to);
        }
        finally
        {
            _limits--;
        }
        if (a is null || b is null) return null;
        if (variable is null)
        {
            var free = Traversal.FreeSymbols(body).Where(s => !s.Equals(Ex.Infinity)).ToList();
            if (free.Count != 1)
                free = free.Where(s => _context.IsDensityVariable?.Invoke(s.Name) == true || _context.IsRandomVariable?.Invoke(s.Name) == true).ToList();
            if (free.Count != 1)
                return Unsupported(p, "an evaluation bracket whose variable cannot be told (write it in the subscript: [F]_{x=a}^{b})");
            variable = free[0];
        }
        if (Traversal.FreeSymbols(a).Contains(variable) || Traversal.FreeSymbols(b).Contains(variable))
            return Unsupported(p, "an evaluation bracket whose ends mention its variable " + variable.Name);
        var name = variable.Name;
        return Ex.Sub(LimitValue(body, variable, b, name + "\\to" + LatexPrinter.Print(b)), LimitValue(body, variable, a, name + "\\to" + LatexPrinter.Print(a)));
    }
}
