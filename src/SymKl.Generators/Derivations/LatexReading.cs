using SymKl.Derivations.Markdown;
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

    /// <summary>
    /// The assumptions of a document's <c>symkl: assume …</c> directives: a symbol compared with 0 sets its
    /// domain (x &gt; 0 positive, x \ge 0 non-negative, 0 &lt; p &lt; 1 a probability); a relation between
    /// expressions (a_1 &lt; b_1) becomes a constraint for the sample points of the generator's self-checks.
    /// </summary>
    public static (Assumptions Assumptions, List<Constraint> Constraints) Assumptions(DerivationDocument document)
    {
        var a = Symbolic.Assumptions.Default;
        var constraints = new List<Constraint>();
        foreach (var annotation in document.Annotations.Where(x => x.Kind == AnnotationKind.Assumption))
        {
            var relations = Relations(annotation.Text, out _);
            if (relations is null) continue;
            foreach (var c in relations)
            {
                var d = Domain(c);
                if (d is { Domain: Symbolic.Domain.UnitInterval } u && !(a.Declared.TryGetValue(u.Symbol, out var old) && old is Symbolic.Domain.Positive or Symbolic.Domain.UnitInterval)) d = null;
                if (d is { } known) a = a.With(known.Symbol, Merge(a, known.Symbol, known.Domain));
                else constraints.Add(c);
                // α > 2: a constraint, and α is positive (so the sampler draws it there and the algebra knows it).
                if (d is null && c.Lhs is Sym bounded && c.Rhs is Num { Value.Sign: > 0 } && c.Relation is Symbolic.Relation.Greater or Symbolic.Relation.GreaterOrEqual)
                    a = a.With(bounded.Name, Symbolic.Domain.Positive);
            }
        }
        return (a, constraints);
    }

    /// <summary>0 &lt; p and p &lt; 1 together make a probability.</summary>
    private static Symbolic.Domain Merge(Assumptions a, string symbol, Domain d)
    {
        if (!a.Declared.TryGetValue(symbol, out var old)) return d;
        if ((old == Symbolic.Domain.Positive && d == Symbolic.Domain.UnitInterval) || (old == Symbolic.Domain.UnitInterval && d == Symbolic.Domain.Positive)) return Symbolic.Domain.UnitInterval;
        return d;
    }

    private static (string Symbol, Symbolic.Domain Domain)? Domain(Constraint c)
    {
        var (sym, other, relation) = c.Lhs is Sym s ? (s, c.Rhs, c.Relation) : c.Rhs is Sym t ? (t, c.Lhs, Flip(c.Relation)) : (null, null, c.Relation);
        if (sym is null || other is not Num n) return null;
        if (n.Value.IsZero)
        {
            return relation switch
            {
                Symbolic.Relation.Greater => (sym.Name, Symbolic.Domain.Positive),
                Symbolic.Relation.GreaterOrEqual => (sym.Name, Symbolic.Domain.NonNegative),
                Symbolic.Relation.Less => (sym.Name, Symbolic.Domain.Negative),
                Symbolic.Relation.NotEqual => (sym.Name, Symbolic.Domain.NonZero),
                _ => null,
            };
        }
        // p < 1 alone says nothing the sampler can use; with 0 < p it makes (0, 1).
        if (n.Value.IsOne && relation is Symbolic.Relation.Less or Symbolic.Relation.LessOrEqual) return (sym.Name, Symbolic.Domain.UnitInterval);
        return null;
    }

    private static Symbolic.Relation Flip(Symbolic.Relation r) => r switch
    {
        Symbolic.Relation.Less => Symbolic.Relation.Greater,
        Symbolic.Relation.LessOrEqual => Symbolic.Relation.GreaterOrEqual,
        Symbolic.Relation.Greater => Symbolic.Relation.Less,
        Symbolic.Relation.GreaterOrEqual => Symbolic.Relation.LessOrEqual,
        _ => r,
    };
}
