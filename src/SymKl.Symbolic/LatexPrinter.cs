using System.Globalization;
using System.Text;

namespace SymKl.Symbolic;

/// <summary>
/// Prints expressions as LaTeX that SymKl's own reader parses back to the same expression:
/// sums with explicit signs, quotients as \frac, square roots as \sqrt, e^x, \log\left(…\right).
/// </summary>
public static class LatexPrinter
{
    private const int SumLevel = 1, ProductLevel = 2, PowerLevel = 3, AtomLevel = 4;

    private static readonly HashSet<string> Greek = new(StringComparer.Ordinal)
    {
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "rho", "varrho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    };

    public static string Print(Expr e)
    {
        var sb = new StringBuilder();
        Write(sb, e, 0);
        return sb.ToString();
    }

    public static string SymbolName(string name)
    {
        if (name == Ex.Infinity.Name) return "\\infty";
        var i = name.IndexOf('_');
        var baseName = i < 0 ? name : name.Substring(0, i);
        var sub = i < 0 ? null : name.Substring(i + 1);
        var b = Greek.Contains(baseName) ? "\\" + baseName : baseName.Length == 1 ? baseName : "\\mathrm{" + baseName + "}";
        return sub is null ? b : b + "_{" + sub + "}";
    }

    private static void Write(StringBuilder sb, Expr e, int parent)
    {
        var level = Level(e);
        var paren = level < parent;
        if (paren) sb.Append("\\left(");
        WriteBare(sb, e);
        if (paren) sb.Append("\\right)");
    }

    private static int Level(Expr e) => e switch
    {
        Add => SumLevel,
        Num n when n.Value.Sign < 0 || !n.Value.IsInteger => ProductLevel,
        Mul m when m.Factors[0] is Num c && c.Value.Sign < 0 => SumLevel,
        Mul => ProductLevel,
        Pow { Exponent: Num n } when n.Value.Sign < 0 || n.Value == Rational.Half => ProductLevel,
        Pow => PowerLevel,
        Integral or Summation or IndexedProduct => SumLevel,
        _ => AtomLevel,
    };

    private static void WriteBare(StringBuilder sb, Expr e)
    {
        switch (e)
        {
            case Num n:
                WriteRational(sb, n.Value);
                return;
            case Constant c:
                sb.Append(c.Which == ConstantKind.Pi ? "\\pi" : "e");
                return;
            case Sym s:
                sb.Append(SymbolName(s.Name));
                return;
            case Add a:
                for (var i = 0; i < a.Terms.Count; i++)
                {
                    var t = a.Terms[i];
                    var (c, m) = Ex.SplitCoefficient(t);
                    if (i > 0 && c.Sign < 0)
                    {
                        sb.Append(" - ");
                        Write(sb, Ex.Mul(Ex.Num(-c), m), ProductLevel);
                    }
                    else
                    {
                        if (i > 0) sb.Append(" + ");
                        Write(sb, t, SumLevel + (i == 0 ? 0 : 1));
                    }
                }
                return;
            case Mul or Pow:
                WriteProduct(sb, e);
                return;
            case Fn f:
                WriteFunction(sb, f);
                return;
            case Apply ap when AbstractDerivatives.IsDerivative(ap.Name):
                sb.Append(AbstractDerivatives.ToLatex(ap.Name));
                if (ap.Args.Count == 0) return;
                sb.Append("\\left(");
                WriteList(sb, ap.Args, ", ");
                sb.Append("\\right)");
                return;
            case Apply ap:
                sb.Append(ap.Name.Length == 1 ? ap.Name : "\\operatorname{" + ap.Name + "}").Append("\\left(");
                WriteList(sb, ap.Args, ", ");
                sb.Append("\\right)");
                return;
            case Functional fx:
                sb.Append(fx.Which switch { FunctionalKind.KL => "\\mathrm{KL}", _ => "\\mathrm{H}" }).Append("\\left(");
                WriteList(sb, fx.Args, fx.Which == FunctionalKind.KL ? " \\,\\|\\, " : ", ");
                sb.Append("\\right)");
                return;
            case Integral ig:
                sb.Append("\\int");
                if (ig.Lower is not null && ig.Upper is not null)
                {
                    sb.Append("_{"); Write(sb, ig.Lower, 0); sb.Append("}^{"); Write(sb, ig.Upper, 0); sb.Append('}');
                }
                sb.Append(' ');
                Write(sb, ig.Body, ProductLevel);
                sb.Append(" \\, d").Append(SymbolName(ig.Variable.Name));
                return;
            case Summation or IndexedProduct:
                {
                    var big = (RangedBinderNode)e;
                    sb.Append(big is Summation ? "\\sum_{" : "\\prod_{").Append(SymbolName(big.Variable.Name));
                    if (big.Lower is not null) { sb.Append('='); Write(sb, big.Lower, 0); }
                    sb.Append('}');
                    if (big.Upper is not null) { sb.Append("^{"); Write(sb, big.Upper, 0); sb.Append('}'); }
                    sb.Append(' ');
                    Write(sb, big.Body, ProductLevel);
                    return;
                }
            case Expectation ex:
                sb.Append("\\mathbb{E}_{").Append(SymbolName(ex.Variable.Name)).Append(" \\sim ");
                Write(sb, ex.Distribution, 0);
                sb.Append("}\\left[");
                Write(sb, ex.Body, 0);
                sb.Append("\\right]");
                return;
            default:
                sb.Append(e.GetType().Name);
                return;
        }
    }

    private static void WriteList(StringBuilder sb, IReadOnlyList<Expr> items, string separator)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(separator);
            Write(sb, items[i], 0);
        }
    }

    private static void WriteRational(StringBuilder sb, Rational r)
    {
        if (r.IsInteger)
        {
            sb.Append(r.Numerator.ToString(CultureInfo.InvariantCulture));
            return;
        }
        if (r.Sign < 0) sb.Append('-');
        sb.Append("\\frac{").Append(System.Numerics.BigInteger.Abs(r.Numerator).ToString(CultureInfo.InvariantCulture))
          .Append("}{").Append(r.Denominator.ToString(CultureInfo.InvariantCulture)).Append('}');
    }

    private static void WriteFunction(StringBuilder sb, Fn f)
    {
        if (f.Function == FunctionKind.Abs)
        {
            sb.Append("\\left|");
            Write(sb, f.Arg, 0);
            sb.Append("\\right|");
            return;
        }
        sb.Append(f.Function switch
        {
            FunctionKind.Log => "\\log",
            FunctionKind.Sin => "\\sin",
            FunctionKind.Cos => "\\cos",
            FunctionKind.Tan => "\\tan",
            FunctionKind.Atan => "\\arctan",
            FunctionKind.Erf => "\\operatorname{erf}",
            FunctionKind.Gamma => "\\Gamma",
            FunctionKind.LogGamma => "\\log\\Gamma",
            FunctionKind.Digamma => "\\psi",
            _ => "\\operatorname{" + f.Function + "}",
        });
        sb.Append("\\left(");
        WriteList(sb, f.Args, ", ");
        sb.Append("\\right)");
    }

    /// <summary>Products and powers: a leading sign, then \frac{numerator}{denominator} when any exponent is negative.</summary>
    private static void WriteProduct(StringBuilder sb, Expr e)
    {
        var factors = e is Mul m ? m.Factors.ToList() : [e];
        var coefficient = Rational.One;
        if (factors[0] is Num c) { coefficient = c.Value; factors.RemoveAt(0); }
        if (coefficient.Sign < 0) { sb.Append('-'); coefficient = -coefficient; }

        var numerator = new List<Expr>();
        var denominator = new List<Expr>();
        foreach (var f in factors)
        {
            if (f is Pow { Exponent: Num n } p && n.Value.Sign < 0) denominator.Add(Ex.Pow(p.Base, Ex.Num(-n.Value)));
            else numerator.Add(f);
        }
        var numCoeff = new Rational(coefficient.Numerator);
        var denCoeff = new Rational(coefficient.Denominator);
        if (denominator.Count == 0 && denCoeff.IsOne)
        {
            WriteFactors(sb, numCoeff, numerator);
            return;
        }
        sb.Append("\\frac{");
        WriteFactors(sb, numCoeff, numerator);
        sb.Append("}{");
        WriteFactors(sb, denCoeff, denominator);
        sb.Append('}');
    }

    private static void WriteFactors(StringBuilder sb, Rational coefficient, List<Expr> factors)
    {
        var first = true;
        if (!coefficient.IsOne || factors.Count == 0)
        {
            WriteRational(sb, coefficient);
            first = false;
        }
        if (first && factors.Count == 1 && factors[0] is not Pow)
        {
            // A lone factor needs no brackets: \frac{1}{x + y}, not \frac{1}{(x + y)}.
            Write(sb, factors[0], 0);
            return;
        }
        foreach (var f in factors)
        {
            // An explicit \cdot before a digit or a bracket: "\mu_{1} \left(x\right)" would read back as a call of \mu_1.
            if (!first) sb.Append(StartsWithDigit(f) || StartsWithBracket(f) ? " \\cdot " : " ");
            if (f is Pow p) WritePower(sb, p);
            else Write(sb, f, PowerLevel);
            first = false;
        }
    }

    private static bool StartsWithDigit(Expr f) => f is Num || (f is Pow p && p.Base is Num);

    private static bool StartsWithBracket(Expr f) => Level(f is Pow p && p.Exponent is not Num { Value.IsInteger: false } ? p.Base : f) < PowerLevel
        || (f is Pow pb && (pb.Base is Fn { Function: not FunctionKind.Abs } or Apply or Functional));

    private static void WritePower(StringBuilder sb, Pow p)
    {
        if (p.Exponent is Num n && n.Value == Rational.Half)
        {
            sb.Append("\\sqrt{");
            Write(sb, p.Base, 0);
            sb.Append('}');
            return;
        }
        if (p.Base is Fn { Function: not FunctionKind.Abs } || p.Base is Apply || p.Base is Functional) { sb.Append("\\left("); WriteBare(sb, p.Base); sb.Append("\\right)"); }
        else Write(sb, p.Base, AtomLevel);
        sb.Append("^{");
        Write(sb, p.Exponent, 0);
        sb.Append('}');
    }
}
