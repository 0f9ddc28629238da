using SymKl.Generators.Emit;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Generators.Derivations;

/// <summary>LaTeX in the front matter read into kernel expressions, with the offset of any problem.</summary>
internal static class LatexReading
{
    /// <summary>Parses and binds one expression; on failure, the message and its offset in the text.</summary>
    public static Expr? Expression(string latex, out string? problem, out int problemOffset)
    {
        problem = null;
        problemOffset = 0;
        var parsed = LatexParser.ParseExpression(latex);
        var error = parsed.Errors.FirstOrDefault();
        if (error is not null || parsed.Expression is null)
        {
            problem = error?.Message ?? "not an expression";
            problemOffset = error?.Span.Start ?? 0;
            return null;
        }
        var bound = ExprBinder.Bind(parsed.Expression, BindingContext.Default, parsed);
        if (bound.Value is null)
        {
            var d = bound.Diagnostics.FirstOrDefault(x => x.Severity == Severity.Error);
            problem = bound.Problem ?? "cannot read the expression";
            problemOffset = d?.Span.Start ?? 0;
            return null;
        }
        return bound.Value;
    }

    /// <summary>A relation "a &lt; b" (or "0 &lt; p &lt; 1", read as two) as constraints.</summary>
    public static IReadOnlyList<Constraint>? Relations(string latex, out string? problem)
    {
        problem = null;
        var parsed = LatexParser.ParseExpression(latex);
        if (parsed.HasErrors || parsed.Expression is not LatexRelation r)
        {
            problem = "expected a relation such as a_2 \\le a_1";
            return null;
        }
        var sides = new List<Expr>();
        foreach (var o in r.Operands)
        {
            var b = ExprBinder.Bind(o, BindingContext.Default, parsed);
            if (b.Value is null) { problem = b.Problem; return null; }
            sides.Add(b.Value);
        }
        var list = new List<Constraint>();
        for (var i = 0; i < r.Operators.Count; i++)
        {
            var op = r.Operators[i];
            Symbolic.Relation? rel = (op.Kind, op.Negated) switch
            {
                (RelationKind.Less, false) => Symbolic.Relation.Less,
                (RelationKind.LessEqual, false) => Symbolic.Relation.LessOrEqual,
                (RelationKind.Greater, false) => Symbolic.Relation.Greater,
                (RelationKind.GreaterEqual, false) => Symbolic.Relation.GreaterOrEqual,
                (RelationKind.Equal, true) => Symbolic.Relation.NotEqual,
                _ => null,
            };
            if (rel is null) { problem = "only <, \\le, >, \\ge and \\neq are understood here"; return null; }
            list.Add(new Constraint(sides[i], rel.Value, sides[i + 1]));
        }
        return list;
    }
}
