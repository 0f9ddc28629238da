using System.Globalization;
using System.Text;

namespace SymKl.Symbolic;

/// <summary>
/// Prints an expression as a C# double expression. Symbols become identifiers (sigma_1 → sigma1);
/// special functions call <see cref="CSharpPrinterOptions.SpecialFunctionsClass"/>.
/// </summary>
public static class CSharpPrinter
{
    public static string Print(Expr e, CSharpPrinterOptions? options = null)
    {
        var sb = new StringBuilder();
        Write(sb, e, options ?? CSharpPrinterOptions.Default);
        return sb.ToString();
    }

    /// <summary>A valid C# identifier for a symbol name: "sigma_1" → "sigma1", "mu_q" → "muQ".</summary>
    public static string Identifier(string name)
    {
        var sb = new StringBuilder();
        var upper = false;
        foreach (var ch in name)
        {
            if (ch == '_' || !char.IsLetterOrDigit(ch)) { upper = true; continue; }
            sb.Append(upper && char.IsLetter(ch) ? char.ToUpperInvariant(ch) : ch);
            upper = false;
        }
        var id = sb.ToString();
        if (id.Length == 0 || char.IsDigit(id[0])) id = "v" + id;
        return CSharpKeywords.Contains(id) ? "@" + id : id;
    }

    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal) { "in", "out", "ref", "base", "this", "params", "event", "fixed", "lock", "is", "as", "do", "if", "for" };

    private static void Write(StringBuilder sb, Expr e, CSharpPrinterOptions o)
    {
        switch (e)
        {
            case Num n:
                var d = n.Value.ToDouble();
                sb.Append('(').Append(d.ToString("R", CultureInfo.InvariantCulture));
                if (n.Value.IsInteger && Math.Abs(d) < 1e15) sb.Append(".0");
                sb.Append(')');
                return;
            case Constant c:
                sb.Append(c.Which == ConstantKind.Pi ? "Math.PI" : "Math.E");
                return;
            case Sym s:
                sb.Append(Identifier(s.Name));
                return;
            case Add a:
                sb.Append('(');
                for (var i = 0; i < a.Terms.Count; i++)
                {
                    if (i > 0) sb.Append(" + ");
                    Write(sb, a.Terms[i], o);
                }
                sb.Append(')');
                return;
            case Mul m:
                sb.Append('(');
                for (var i = 0; i < m.Factors.Count; i++)
                {
                    var f = m.Factors[i];
                    if (f is Pow { Exponent: Num ne } pf && ne.Value.Sign < 0 && i > 0)
                    {
                        sb.Append(" / ");
                        Write(sb, Ex.Pow(pf.Base, Ex.Num(-ne.Value)), o);
                        continue;
                    }
                    if (i > 0) sb.Append(" * ");
                    Write(sb, f, o);
                }
                sb.Append(')');
                return;
            case Pow p:
                WritePow(sb, p, o);
                return;
            case Fn f:
                sb.Append(f.Function switch
                {
                    FunctionKind.Log => "Math.Log(",
                    FunctionKind.Abs => "Math.Abs(",
                    FunctionKind.Sin => "Math.Sin(",
                    FunctionKind.Cos => "Math.Cos(",
                    FunctionKind.Tan => "Math.Tan(",
                    FunctionKind.Atan => "Math.Atan(",
                    _ => o.SpecialFunctionsClass + "." + f.Function + "(",
                });
                Write(sb, f.Arg, o);
                sb.Append(')');
                return;
            default:
                throw new NotSupportedException("No C# form for " + e.GetType().Name + ": " + LatexPrinter.Print(e));
        }
    }

    private static void WritePow(StringBuilder sb, Pow p, CSharpPrinterOptions o)
    {
        if (p.Base is Constant { Which: ConstantKind.E })
        {
            sb.Append("Math.Exp(");
            Write(sb, p.Exponent, o);
            sb.Append(')');
            return;
        }
        if (p.Exponent is Num n)
        {
            var r = n.Value;
            if (r == Rational.Half) { sb.Append("Math.Sqrt("); Write(sb, p.Base, o); sb.Append(')'); return; }
            if (r == -Rational.Half) { sb.Append("(1.0 / Math.Sqrt("); Write(sb, p.Base, o); sb.Append("))"); return; }
            if (r.IsInteger && BigAbs(r) <= 4)
            {
                var k = (int)r.Numerator;
                if (k < 0) sb.Append("(1.0 / ");
                sb.Append('(');
                for (var i = 0; i < Math.Abs(k); i++)
                {
                    if (i > 0) sb.Append(" * ");
                    Write(sb, p.Base, o);
                }
                sb.Append(')');
                if (k < 0) sb.Append(')');
                return;
            }
        }
        sb.Append("Math.Pow(");
        Write(sb, p.Base, o);
        sb.Append(", ");
        Write(sb, p.Exponent, o);
        sb.Append(')');
    }

    private static int BigAbs(Rational r) => (int)System.Numerics.BigInteger.Min(System.Numerics.BigInteger.Abs(r.Numerator), 1000);
}

public sealed class CSharpPrinterOptions
{
    public static readonly CSharpPrinterOptions Default = new();

    /// <summary>The class whose static methods provide LogGamma, Digamma, Gamma, Erf in generated code.</summary>
    public string SpecialFunctionsClass { get; init; } = "SymKl.Symbolic.SpecialFunctions";
}
