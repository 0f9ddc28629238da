using System.Text;
using SymKl.Latex.Syntax;

namespace SymKl.Latex;

/// <summary>
/// Prints a syntax tree as a compact S-expression, e.g. (frac 1 (sqrt (* 2 pi (^ sigma 2)))).
/// Made for tests and debugging: every node kind has a distinct, stable shape.
/// <list type="bullet">
/// <item>implicit product (* a b), letter-run product (*w a b), explicit a*b (mul a b), a/b (div a b), unary (- a)</item>
/// <item>names: sigma, mu_1, x_{(+ i 1)}, bf:x, cal:N, rm:KL, theta^*, f', hat:x</item>
/// <item>call (call p x), may-be-product (call? x (- x 1)), separators inline (call KL q || p)</item>
/// <item>(log x), (log_2 x), (int_a^b body dx), (int body d?) for a missing differential, (sum_(= i 1)^N body)</item>
/// <item>(E_(~ x (call? p x)) body), (argmin_theta body), relation (= a b c) or mixed (rel a = b &lt;= c), continuation &lt;prev&gt;</item>
/// </list>
/// </summary>
public static class SyntaxPrinter
{
    public static string Print(SyntaxNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, SyntaxNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("<null>");
                break;
            case Number n:
                sb.Append(n.Text);
                break;
            case Identifier id:
                WriteIdentifier(sb, id);
                break;
            case Infinity:
                sb.Append("inf");
                break;
            case Ellipsis:
                sb.Append("...");
                break;
            case MathSymbol s:
                sb.Append('#').Append(s.Name);
                break;
            case Text t:
                sb.Append("(text \"").Append(t.Content.Trim()).Append("\")");
                break;
            case ErrorNode:
                sb.Append("(error)");
                break;
            case Continuation:
                sb.Append("<prev>");
                break;
            case Binary b:
                List(sb, BinaryName(b.Operator), b.Left, b.Right);
                break;
            case Unary u:
                List(sb, u.Operator switch
                {
                    UnaryOperator.Negate => "-",
                    UnaryOperator.Plus => "+",
                    UnaryOperator.PlusMinus => "+-",
                    _ => "-+",
                }, u.Operand);
                break;
            case ImplicitMultiplication m:
                List(sb, m.FromLetterRun ? "*w" : "*", m.Factors.ToArray());
                break;
            case Fraction f:
                List(sb, "frac", f.Numerator, f.Denominator);
                break;
            case Derivative d:
                sb.Append(d.Partial ? "(partial" : "(deriv");
                foreach (var v in d.Variables) { sb.Append(' '); Write(sb, v); }
                sb.Append(' ');
                if (d.Operand is null) sb.Append('?'); else Write(sb, d.Operand);
                sb.Append(')');
                break;
            case Sqrt s:
                if (s.Index is null) List(sb, "sqrt", s.Radicand);
                else List(sb, "root", s.Index, s.Radicand);
                break;
            case Power p:
                List(sb, "^", p.Base, p.Exponent);
                break;
            case Subscript s:
                List(sb, "_", s.Base, s.Index);
                break;
            case Factorial f:
                List(sb, "!", f.Operand);
                break;
            case Accented a:
                List(sb, a.Accent, a.Body);
                break;
            case Group g:
                if (g.Left == g.Right) List(sb, BracketName(g.Left), g.Body);
                else List(sb, "group " + BracketName(g.Left) + "/" + BracketName(g.Right), g.Body);
                break;
            case Sequence s:
                sb.Append("(seq");
                WriteSeparated(sb, s.Items, s.Separators);
                sb.Append(')');
                break;
            case Abs a:
                List(sb, "abs", a.Body);
                break;
            case Norm n:
                List(sb, "norm", n.Body);
                break;
            case Call c:
                sb.Append(c.MayBeProduct ? "(call? " : "(call ");
                Write(sb, c.Callee);
                WriteSeparated(sb, c.Arguments, c.Separators);
                sb.Append(')');
                break;
            case FunctionApplication fa:
                sb.Append('(').Append(fa.Function);
                if (fa.Base is not null) { sb.Append('_'); WriteScript(sb, fa.Base); }
                WriteSeparated(sb, fa.Arguments, fa.Separators);
                sb.Append(')');
                break;
            case Integral i:
                sb.Append('(').Append(i.Kind);
                WriteLimits(sb, i.Lower, i.Upper);
                sb.Append(' ');
                if (i.Body is null) sb.Append('1'); else Write(sb, i.Body);
                if (i.Differentials.Count == 0) sb.Append(" d?");
                foreach (var d in i.Differentials) { sb.Append(' '); Write(sb, d); }
                sb.Append(')');
                break;
            case Differential d:
                sb.Append('d');
                WriteScript(sb, d.Variable);
                break;
            case Sum s:
                sb.Append("(sum");
                WriteLimits(sb, s.Lower, s.Upper);
                sb.Append(' ');
                Write(sb, s.Body);
                sb.Append(')');
                break;
            case Product p:
                sb.Append("(prod");
                WriteLimits(sb, p.Lower, p.Upper);
                sb.Append(' ');
                Write(sb, p.Body);
                sb.Append(')');
                break;
            case Expectation e:
                sb.Append("(E");
                WriteLimits(sb, e.Subscript, null);
                sb.Append(' ');
                Write(sb, e.Body);
                sb.Append(')');
                break;
            case Operator o:
                sb.Append('(').Append(o.Name);
                WriteLimits(sb, o.Under, o.Over);
                sb.Append(' ');
                Write(sb, o.Operand);
                sb.Append(')');
                break;
            case Relation r:
                WriteRelation(sb, r);
                break;
            case CaseRow cr:
                if (cr.Condition is null) List(sb, "case", cr.Value);
                else List(sb, "case", cr.Value, cr.Condition);
                break;
            case Cases c:
                List(sb, "cases", c.Rows.ToArray<SyntaxNode>());
                break;
            case Matrix m:
                sb.Append("(matrix:").Append(m.Environment);
                foreach (var row in m.Rows)
                {
                    sb.Append(" (");
                    for (int k = 0; k < row.Count; k++)
                    {
                        if (k > 0) sb.Append(' ');
                        Write(sb, row[k]);
                    }
                    sb.Append(')');
                }
                sb.Append(')');
                break;
            case MathRow row:
                if (row.Items.Count == 1) Write(sb, row.Items[0]);
                else List(sb, "row", row.Items.ToArray());
                break;
            case MathDocument doc:
                List(sb, "doc", doc.Rows.ToArray<SyntaxNode>());
                break;
            default:
                sb.Append('(').Append(node.GetType().Name).Append(')');
                break;
        }
    }

    private static string BinaryName(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.PlusMinus => "+-",
        BinaryOperator.MinusPlus => "-+",
        BinaryOperator.Multiply => "mul",
        _ => "div",
    };

    public static string BracketName(Bracket b) => b switch
    {
        Bracket.Paren => "paren",
        Bracket.Square => "square",
        Bracket.Brace => "brace",
        Bracket.Angle => "angle",
        Bracket.Bar => "bar",
        Bracket.DoubleBar => "dbar",
        Bracket.Floor => "floor",
        Bracket.Ceil => "ceil",
        _ => "none",
    };

    public static string StylePrefix(NameStyle style) => style switch
    {
        NameStyle.Bold => "bf:",
        NameStyle.Roman => "rm:",
        NameStyle.Italic => "it:",
        NameStyle.Calligraphic => "cal:",
        NameStyle.Script => "scr:",
        NameStyle.Blackboard => "bb:",
        NameStyle.Fraktur => "frak:",
        NameStyle.SansSerif => "sf:",
        NameStyle.Typewriter => "tt:",
        _ => "",
    };

    private static void WriteIdentifier(StringBuilder sb, Identifier id)
    {
        if (id.Accent is not null) sb.Append(id.Accent).Append(':');
        sb.Append(StylePrefix(id.Style)).Append(id.Name);
        if (id.Subscript is not null)
        {
            sb.Append('_');
            WriteScript(sb, id.Subscript);
        }
        sb.Append('\'', id.Primes);
        if (id.Decoration is not null) sb.Append('^').Append(id.Decoration);
    }

    /// <summary>Atoms are written as they are; anything else in braces: x_{(+ i 1)}.</summary>
    private static void WriteScript(StringBuilder sb, SyntaxNode node)
    {
        bool atomic = node is Number or Identifier or Infinity or MathSymbol;
        if (!atomic) sb.Append('{');
        Write(sb, node);
        if (!atomic) sb.Append('}');
    }

    private static void WriteLimits(StringBuilder sb, SyntaxNode? lower, SyntaxNode? upper)
    {
        if (lower is not null) { sb.Append('_'); Write(sb, lower); }
        if (upper is not null) { sb.Append('^'); Write(sb, upper); }
    }

    private static void WriteSeparated(StringBuilder sb, IReadOnlyList<SyntaxNode> items, IReadOnlyList<Separator> separators)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0 && i - 1 < separators.Count) sb.Append(' ').Append(separators[i - 1].Text);
            sb.Append(' ');
            Write(sb, items[i]);
        }
    }

    private static void WriteRelation(StringBuilder sb, Relation r)
    {
        bool uniform = r.Operators.All(o => o.Kind == r.Operators[0].Kind && o.Negated == r.Operators[0].Negated);
        if (uniform)
        {
            sb.Append('(').Append(r.Operators[0].Symbol);
            foreach (var o in r.Operands) { sb.Append(' '); Write(sb, o); }
            sb.Append(')');
            return;
        }
        sb.Append("(rel");
        for (int i = 0; i < r.Operands.Count; i++)
        {
            if (i > 0) sb.Append(' ').Append(r.Operators[i - 1].Symbol);
            sb.Append(' ');
            Write(sb, r.Operands[i]);
        }
        sb.Append(')');
    }

    private static void List(StringBuilder sb, string head, params SyntaxNode[] items)
    {
        sb.Append('(').Append(head);
        foreach (var item in items)
        {
            sb.Append(' ');
            Write(sb, item);
        }
        sb.Append(')');
    }
}
