using System.Globalization;
using System.Numerics;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using Families = SymKl.Symbolic.Probability.Families;
using LatexCall = SymKl.Latex.Syntax.Call;

namespace SymKl.Latex.Binding;

/// <summary>
/// Syntax tree → kernel <see cref="Expr"/>. Decides what the syntax leaves open (is p(x) an application or a
/// product?), maps notation to the kernel's nodes (\log → natural log unless the context says otherwise,
/// \log_2 → log base 2, e → Euler's number, 0.5 → 1/2, \sqrt[n]{x} → x^(1/n), KL(q || p) → the KL functional),
/// and reports every construct the kernel has no node for as "unsupported: …" with its span. Never throws.
/// </summary>
public static class ExprBinder
{
    /// <summary>The function a count \#(…) is read as: unknown, non-negative, never a reason to refute.</summary>
    public const string CountFunction = "\\#";

    /// <summary>Binds one expression. <paramref name="source"/> (the parse it came from) gives quotes for
    /// messages and the whole formula for context ("is x used as a plain variable elsewhere?").</summary>
    public static BindingResult Bind(SyntaxNode node, BindingContext? context = null, ParseResult? source = null)
    {
        var binder = new Binder(context ?? BindingContext.Default, source?.Text, (SyntaxNode?)source?.Root ?? node);
        Expr? value;
        try
        {
            value = binder.Bind(node);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            binder.Report(Severity.Error, node.Span, DiagnosticCodes.BinderInternalError,
                "internal error in the binder: " + ex.Message);
            value = null;
        }
        return new BindingResult(binder.HasErrors ? null : value, binder.Diagnostics);
    }

    /// <summary>The kernel symbol name of a name: "sigma_1", "x", "theta^*", "\mathbf{x}", "D_KL".</summary>
    public static string SymbolName(Identifier id, ParseResult? source = null) => Names.Symbol(id, source?.Text);

    /// <summary>The kernel function name of a callee: "p", "q_theta", "\mathcal{N}" (found by Families.Find), "f'".</summary>
    public static string FunctionName(Identifier id, ParseResult? source = null) => Names.Symbol(id, source?.Text);

    /// <summary>A message or a printed expression with the kernel names of labelled symbols (x^{(i)}) as the text writes them.</summary>
    public static string ForDisplay(string text) => Names.ForDisplay(text);

    /// <summary>
    /// The parameters of a definition's left side: f(x, y) → [x, y]; q(z; \mu, \sigma^2) → [z] (what follows
    /// ';' are fixed parameters). Null when an argument is not a plain name.
    /// </summary>
    public static IReadOnlyList<Sym>? Parameters(LatexCall call, ParseResult? source = null)
    {
        var list = new List<Sym>();
        for (int i = 0; i < call.Arguments.Count; i++)
        {
            if (i > 0 && i - 1 < call.Separators.Count && call.Separators[i - 1].Text == ";") break;
            if (call.Arguments[i] is not Identifier id) return null;
            list.Add(Ex.Sym(Names.Symbol(id, source?.Text)));
        }
        return list;
    }

    /// <summary>True for names that are operators or families, never user definitions: KL, D_{KL}, H, Entropy, N, \mathcal{N}, Beta …</summary>
    public static bool IsKnownOperatorName(Identifier id) =>
        FunctionalName(id) is not null || Families.Find(Names.Symbol(id)) is not null
        || (id.Subscript is null && Symbols.ClassifyWord(id.Name) != WordKind.None);

    /// <summary>
    /// ELBO, NLL, MSE, MI: a word SymKl recognises as a name but gives no meaning of its own (it binds to an undefined
    /// function). A document that defines one gives it its only meaning; it is never a standard name defined another way.
    /// </summary>
    public static bool IsNameWithoutMeaning(Identifier id) =>
        id.Subscript is null && id.Primes == 0 && id.Decoration is null && id.Accent is null && id.Name != "const"
        && Symbols.ClassifyWord(id.Name) == WordKind.Name && FunctionalName(id) is null && Families.Find(Names.Symbol(id)) is null;

    /// <summary>H(X | Y), H(X; Y), I(X; Y), I(X; Y | Z): an information measure of random variables, never a user definition.</summary>
    public static bool IsInformationMeasure(LatexCall call) =>
        call.Callee is Identifier { Name: "H" or "I", Subscript: null, Primes: 0 } && call.Arguments.Count >= 2
        && call.Arguments.All(a => a is Identifier) && call.Separators.Any(s => s.Text is "|" or ";");

    /// <summary>
    /// H(X), H(X, Y), h(X), I(X, Y) of random variables: every argument a capital from the end of the alphabet
    /// (S … Z, as random variables are conventionally named; P and Q name distributions), with or without a subscript.
    /// </summary>
    public static bool IsRandomVariableMeasure(LatexCall call) =>
        call.Callee is Identifier { Name: "H" or "I" or "h", Subscript: null, Primes: 0, Decoration: null, Accent: null } callee
        && call.Arguments.Count >= (callee.Name == "I" ? 2 : 1)
        && call.Arguments.All(a => IsRandomVariableName(a) || IsAffineImage(a) || IsFunctionOfVariables(a)) && call.Separators.All(s => s.Text is "," or "|" or ";");

    /// <summary>
    /// f(X), g(X, Y), \phi(X): a function the text names with one letter (never a density p or q, an entropy h or a bare
    /// scale) applied to random variables (<see cref="IsRandomVariableName"/>): another random variable, determined by them.
    /// </summary>
    public static bool IsFunctionOfVariables(SyntaxNode node) =>
        node is LatexCall { Callee: Identifier { Subscript: null, Primes: 0, Decoration: null, Accent: null, Style: NameStyle.Normal, Name: var name }, Arguments.Count: >= 1 } call
        && name is "f" or "g" or "phi" or "varphi" or "psi"
        && call.Arguments.All(IsRandomVariableName) && call.Separators.All(s => s.Text == ",");

    /// <summary>
    /// aX + b, X/2 − 1, 3X as written: one random variable (<see cref="IsRandomVariableName"/>), once, under sums, products
    /// and quotients by other names and numbers only (never in a denominator, a power or a function). The binder checks
    /// that the value is affine in it.
    /// </summary>
    public static bool IsAffineImage(SyntaxNode node)
    {
        if (node is Identifier) return false;
        var variables = 0;
        bool Walk(SyntaxNode n, bool denominator)
        {
            switch (n)
            {
                case Identifier id when IsRandomVariableName(id):
                    variables++;
                    return !denominator;
                case Identifier { Name: [var first, ..] } other:
                    return !char.IsUpper(first) || other.Subscript is null && other.Name.Length > 1;
                case Number:
                    return true;
                case Group g:
                    return Walk(g.Body, denominator);
                case Unary u:
                    return u.Operator is UnaryOperator.Negate or UnaryOperator.Plus && Walk(u.Operand, denominator);
                case Binary b when b.Operator is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply:
                    return Walk(b.Left, denominator) && Walk(b.Right, denominator);
                case Binary { Operator: BinaryOperator.Divide } d:
                    return Walk(d.Left, denominator) && Walk(d.Right, true);
                case Fraction f:
                    return Walk(f.Numerator, denominator) && Walk(f.Denominator, true);
                case ImplicitMultiplication m:
                    return m.Factors.All(x => Walk(x, denominator));
                // a(X − m): a scale times a bracket, not a function a.
                case Call { Callee: Identifier { Name: [var letter], Subscript: null } scale, Arguments: [var inner], MayBeProduct: true } when char.IsLower(letter) && letter is not ('f' or 'g' or 'h' or 'p' or 'q'):
                    return Walk(scale, denominator) && Walk(inner, denominator);
                default:
                    return false;
            }
        }
        return Walk(node, false) && variables == 1;
    }

    /// <summary>A capital S … Z, plain or italic, possibly subscripted (X_1): the conventional name of a random variable.</summary>
    public static bool IsRandomVariableName(SyntaxNode node) =>
        node is Identifier { Name: ['S' or 'T' or 'U' or 'V' or 'W' or 'X' or 'Y' or 'Z'], Primes: 0, Decoration: null, Accent: null, Style: NameStyle.Normal };

    /// <summary>
    /// A formula whose every H, h and I is of random variables and that relates information measures: two or more of
    /// them, one of several variables, or one in an inequality (H(X) ≥ 0). Its entropies are then of the variables'
    /// joint law (H(X, Y) the joint entropy, not a cross-entropy). A lone h(X) equated to a formula (h(X) = log(b − a))
    /// is the entropy of the law the text has in mind, and is read as before.
    /// </summary>
    public static bool IsRandomVariableFormula(SyntaxNode formula)
    {
        var calls = formula.DescendantsAndSelf().OfType<LatexCall>()
            .Where(c => c.Callee is Identifier { Name: "H" or "I" or "h", Subscript: null }).ToList();
        if (calls.Count == 0 || !calls.All(IsRandomVariableMeasure)) return false;
        return calls.Count >= 2 || calls[0].Arguments.Count >= 2
            || !formula.DescendantsAndSelf().OfType<Syntax.Relation>().Any(r => r.Operators.Any(o => o.Kind is RelationKind.Equal or RelationKind.Define));
    }

    /// <summary>An information measure, or I(X, Y) / H(X, Y) of random variables in a formula that writes one.</summary>
    public static bool IsInformationMeasure(LatexCall call, SyntaxNode formula) =>
        IsInformationMeasure(call)
        || (IsRandomVariableMeasure(call) && IsRandomVariableFormula(formula))
        || (call.Callee is Identifier { Name: "H" or "I", Subscript: null, Primes: 0 } && call.Arguments.Count >= 2 && call.Arguments.All(a => a is Identifier)
            && formula.DescendantsAndSelf().OfType<LatexCall>().Any(IsInformationMeasure));

    /// <summary>D(p ‖ q), D(p || q): a plain D of two arguments with a double bar between them, the relative entropy.</summary>
    public static bool IsRelativeEntropyCall(LatexCall c) =>
        c.Arguments.Count == 2 && c.Separators.Count == 1 && c.Separators[0].Text == "||"
        && c.Callee is Identifier { Name: "D", Subscript: null, Primes: 0, Decoration: null, Accent: null, Style: NameStyle.Normal or NameStyle.Roman };

    /// <summary>The relative entropy's names: KL, KLD, D_{KL} (any spelling of that subscript); D_{\chi^2}, D_f, D_{JS} are other divergences.</summary>
    public static bool IsKlName(Identifier id) => FunctionalName(id) == "KL";

    /// <summary>KL, KLD, D_{KL} → KL; H, Entropy → entropy (one argument) or cross-entropy (two); CrossEntropy.</summary>
    internal static string? FunctionalName(Identifier id)
    {
        if (id.Primes != 0 || id.Decoration is not null || id.Accent is not null) return null;
        if (id.Subscript is null)
        {
            return id.Name switch
            {
                "KL" or "KLD" => "KL",
                "H" when id.Style is NameStyle.Normal or NameStyle.Roman or NameStyle.Blackboard => "H",
                "Entropy" => "H",
                "CrossEntropy" => "CrossEntropy",
                // \mathrm{CE}(P, Q): the cross-entropy, as machine-learning texts abbreviate it.
                "CE" when id.Style is NameStyle.Roman => "CrossEntropy",
                _ => null,
            };
        }
        return id.Name == "D" && Names.SubscriptKey(id.Subscript, null) is "KL" ? "KL" : null;
    }
}

/// <summary>One binding run: the diagnostics it collects and the formula it looks at.</summary>
internal sealed partial class Binder
{
    private const int MaxDepth = 1000;

    /// <summary>Single letters that conventionally name functions: f(x), p(x) are applications.</summary>
    private static readonly HashSet<string> FunctionLetters = new(StringComparer.Ordinal) { "f", "g", "h", "p", "q", "P", "Q", "F", "G" };

    private readonly BindingContext _context;
    private readonly string? _text;
    private readonly SyntaxNode _formula;
    private readonly List<LatexDiagnostic> _diagnostics = new();
    private HashSet<string>? _plainNames;

    /// <summary>The indices of the sums (over every value) around the node being bound: z_j under Σ_j may be z_i.</summary>
    private readonly List<string> _enclosingIndices = new();
    private int _depth;
    private int _limits;

    public Binder(BindingContext context, string? text, SyntaxNode formula)
    {
        _context = context;
        _text = text;
        _formula = formula;
    }

    public IReadOnlyList<LatexDiagnostic> Diagnostics => _diagnostics;

    public bool HasErrors => _diagnostics.Any(d => d.Severity == Severity.Error);

    public void Report(Severity severity, TextSpan span, string code, string message) =>
        _diagnostics.Add(new LatexDiagnostic(severity, span, code, message));

    private string Quote(SyntaxNode node)
    {
        if (_text is not null && node.Span.End <= _text.Length) return Repairs.Quote(_text, node.Span, 60).Trim();
        return SyntaxPrinter.Print(node);
    }

    private Expr? Unsupported(SyntaxNode node, string what)
    {
        Report(Severity.Error, node.Span, DiagnosticCodes.Unsupported, "unsupported: " + what + " ('" + Quote(node) + "')");
        return null;
    }

    private void Warn(SyntaxNode node, string code, string message) => Report(Severity.Warning, node.Span, code, message);

    private string Name(Identifier id) => Names.Symbol(id, _text);

    // ------------------------------------------------------------ dispatch

    public Expr? Bind(SyntaxNode node)
    {
        if (++_depth > MaxDepth)
        {
            _depth--;
            return Unsupported(node, "an expression nested this deeply");
        }
        try
        {
            return BindCore(node);
        }
        finally
        {
            _depth--;
        }
    }

    private Expr? BindCore(SyntaxNode node) => node switch
    {
        Number n => BindNumber(n),
        // dr = dy/(2√y): an upright d left over outside integrals and derivatives is a differential, not a factor.
        Identifier { Name: "d", Style: NameStyle.Roman, Subscript: null, Primes: 0 } upright => Unsupported(upright, "an upright d outside an integral or a derivative: a differential (dr = …), a relation SymKl does not check"),
        Identifier id => BindIdentifier(id),
        Infinity inf => _limits > 0 ? Ex.Infinity : Unsupported(inf, "∞ outside the limits of an integral or a sum"),
        Binary b => BindBinary(b),
        Unary u => BindUnary(u),
        ImplicitMultiplication m => BindProduct(m),
        Fraction f => Both(f.Numerator, f.Denominator, Ex.Div),
        Derivative d => BindDerivative(d),
        Sqrt s => s.Index is null ? Map(Bind(s.Radicand), Ex.Sqrt) : Both(s.Radicand, s.Index, (r, n) => Ex.Pow(r, Ex.Div(Ex.One, n))),
        Power { Base: Subscript { Base: Group { Left: Bracket.Brace, Right: Bracket.Brace } g, Index: Syntax.Relation } s } p => DataSet(p, g, s.Index, p.Exponent),
        // [F]_a^b, \left. F \right|_{x=a}^{b}: F(b) − F(a) (ExprBinder.Evaluation).
        Power { Base: Subscript { Base: Group { Left: Bracket.Square, Right: Bracket.Square } or Group { Left: Bracket.None, Right: Bracket.Bar } } ends } p
            when EvaluationEnds((Group)ends.Base, ends.Index, p.Exponent) => BindEvaluation(p, (Group)ends.Base, ends.Index),
        // (x − μ)^\mathrm{T}: an upright T is a transpose, never a power by a number T (read only with vectors and matrices).
        Power { Exponent: Identifier { Name: "T", Subscript: null, Primes: 0, Style: NameStyle.Roman or NameStyle.SansSerif } } transpose =>
            Unsupported(transpose, "a transpose (an upright T), which SymKl reads only with vectors and matrices"),
        Power p => p.Exponent is MathSymbol ? Unsupported(p, "the superscript " + Quote(p.Exponent)) : BindPower(p),
        Group g => BindGroup(g),
        Abs a => Map(Bind(a.Body), Ex.Abs),
        LatexCall c => BindCall(c),
        FunctionApplication fa => BindFunction(fa),
        Syntax.Integral i => BindIntegral(i),
        Sum s => BindSum(s),
        Syntax.Expectation e => BindExpectation(e),
        Factorial f => Map(Bind(f.Operand), x => Ex.Function(FunctionKind.Gamma, Ex.Add(x, Ex.One))),
        ErrorNode e => Error(e, "the formula could not be read here: " + e.Message),
        Syntax.Relation r => Unsupported(r, "a relation inside an expression"),
        Continuation c => Unsupported(c, "a row that continues the previous one (bind the previous row's expression)"),
        Norm => Unsupported(node, "a norm"),
        Product p => BindProductOperator(p),
        Operator o => BindOperator(o),
        // ⟨f⟩_q, the physicists' expectation, is \mathbb{E}_q[f].
        Subscript { Base: Group { Left: Bracket.Angle, Right: Bracket.Angle } g, Index: var q } s
            => BindExpectation(new Syntax.Expectation(s.Span, q, g.Body, Bracket.Angle)),
        // softmax(z)_k: the k-th output of the softmax of a vector (ExprBinder.SoftmaxEntry).
        Subscript { Base: FunctionApplication { Function: "softmax", Base: null, Arguments.Count: 1 } softmax, Index: var k } s
            when !_context.KnowsFunction("softmax") && SoftmaxEntry(softmax.Arguments[0], k) is { } entry => entry,
        Subscript { Base: Accented accented, Index: var index } s when IsAccentedPowerOfName(accented, out _, out _) => BindAccentedPower(accented, index, s.Span),
        Subscript s => Unsupported(s, "a subscript on an expression"),
        Sequence s => Unsupported(s, "a list of expressions"),
        Cases c => Unsupported(c, "cases"),
        Matrix m => Unsupported(m, "a matrix"),
        Text t => TextName(t) is { } named ? Ex.Sym(named) : Unsupported(t, "text"),
        Ellipsis e => Unsupported(e, "an ellipsis"),
        MathSymbol s => Unsupported(s, "the symbol \\" + s.Name),
        Accented a when IsAccentedPowerOfName(a, out _, out _) => BindAccentedPower(a, null, a.Span),
        Accented a => Unsupported(a, "an accent on an expression"),
        Differential d => Unsupported(d, "a differential outside an integral"),
        _ => Unsupported(node, "this construct"),
    };

    private Expr? Error(ErrorNode node, string message)
    {
        Report(Severity.Error, node.Span, DiagnosticCodes.InputError, message);
        return null;
    }

    private static Expr? Map(Expr? x, Func<Expr, Expr> f) => x is null ? null : f(x);

    private Expr? Both(SyntaxNode a, SyntaxNode b, Func<Expr, Expr, Expr> f)
    {
        var x = Bind(a);
        var y = Bind(b);
        return x is null || y is null ? null : f(x, y);
    }

    private List<Expr>? BindAll(IEnumerable<SyntaxNode> nodes)
    {
        var list = new List<Expr>();
        bool ok = true;
        foreach (var n in nodes)
        {
            var e = Bind(n);
            if (e is null) ok = false;
            else list.Add(e);
        }
        return ok ? list : null;
    }

    // ------------------------------------------------------------ atoms and arithmetic

    /// <summary>Decimal text is exact: 0.5 = 1/2, 0.008 = 1/125.</summary>
    /// <summary>Words that join phrases in a formula ("x \text{ for all } i"): never the name of a quantity.</summary>
    private static readonly HashSet<string> TextConnectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "if", "for", "and", "or", "where", "when", "with", "otherwise", "all", "else", "such", "that", "is", "as", "then", "of",
        "the", "in", "on", "to", "by", "since", "because", "so", "let", "any", "each", "every", "some", "s.t.", "iff", "const", "constant",
    };

    /// <summary>
    /// \text{# heads}, \text{``0010"}: a quantity named by a few words, read as one unknown value (the same words are the
    /// same value). Null for words that join phrases (\text{ if }, \text{for all}) and for longer text.
    /// </summary>
    private static string? TextName(Text t)
    {
        var words = t.Content.Replace("``", " ").Replace("''", " ").Replace('"', ' ').Replace('_', ' ')
            .Split([' ', '\t', '\n', '~'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 3 || words.Any(w => TextConnectives.Contains(w) || w.Any(c => c is '{' or '}' or '\\' or '$' or '(' or ')' or ',' or ';'))) return null;
        var name = string.Join(" ", words);
        return name.Length > 24 ? null : "\\text{" + name + "}";
    }

    private Expr? BindNumber(Number n)
    {
        string t = n.Text;
        // 60\% = 60/100
        var percent = t.EndsWith("%", StringComparison.Ordinal);
        if (percent) t = t.Substring(0, t.Length - 1);
        int dot = t.IndexOf('.');
        string whole = dot < 0 ? t : t.Substring(0, dot);
        string fraction = dot < 0 ? "" : t.Substring(dot + 1);
        string digits = (whole.Length == 0 ? "0" : whole) + fraction;
        foreach (char c in digits)
        {
            if (c < '0' || c > '9') return Unsupported(n, "the number " + t);
        }
        var numerator = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return Ex.Num(numerator, BigInteger.Pow(10, fraction.Length + (percent ? 2 : 0)));
    }

    /// <summary>\pi is π and e (or \mathrm{e}) is Euler's number unless the context says they are variables.</summary>
    private Expr BindIdentifier(Identifier id)
    {
        bool bare = id.Subscript is null && id.Primes == 0 && id.Decoration is null && id.Accent is null;
        if (bare && id.Name == "pi" && id.Style == NameStyle.Normal && !_context.KnowsVariable("pi")) return Ex.Pi;
        if (bare && id.Name == "e" && id.Style is NameStyle.Normal or NameStyle.Roman && !_context.KnowsVariable("e")) return Ex.E;
        return Ex.Sym(Name(id));
    }

    private Expr? BindBinary(Binary b)
    {
        switch (b.Operator)
        {
            case BinaryOperator.Add or BinaryOperator.Subtract:
                {
                    var elided = BindElidedSum(b, out var hasEllipsis);
                    if (hasEllipsis) return elided;
                    return b.Operator == BinaryOperator.Add ? Both(b.Left, b.Right, (x, y) => Ex.Add(x, y)) : Both(b.Left, b.Right, Ex.Sub);
                }
            case BinaryOperator.Multiply:
                {
                    // p(x_1) \cdot p(x_2) \cdots p(x_n): the explicit and the implicit products are one product around the ellipsis.
                    var factors = new List<SyntaxNode>();
                    MultipliedFactors(b, factors);
                    if (factors.Any(f => f is Ellipsis))
                        return BindElidedProduct(new ImplicitMultiplication(b.Span, factors, FromLetterRun: false), out _);
                    return Both(b.Left, b.Right, (x, y) => Ex.Mul(x, y));
                }
            case BinaryOperator.Divide: return Both(b.Left, b.Right, Ex.Div);
            default:
                Bind(b.Left);
                Bind(b.Right);
                return Unsupported(b, "'\\pm' (two values at once)");
        }
    }

    /// <summary>The factors of a chain of explicit and implicit multiplications, left to right.</summary>
    private static void MultipliedFactors(SyntaxNode node, List<SyntaxNode> factors)
    {
        switch (node)
        {
            case Binary { Operator: BinaryOperator.Multiply } b:
                MultipliedFactors(b.Left, factors);
                MultipliedFactors(b.Right, factors);
                break;
            case ImplicitMultiplication { FromLetterRun: false } m:
                foreach (var f in m.Factors) MultipliedFactors(f, factors);
                break;
            default:
                factors.Add(node);
                break;
        }
    }

    private Expr? BindUnary(Unary u) => u.Operator switch
    {
        UnaryOperator.Negate => Map(Bind(u.Operand), Ex.Neg),
        UnaryOperator.Plus => Bind(u.Operand),
        _ => Unsupported(u, "'\\pm' (two values at once)"),
    };

    private Expr? BindProduct(ImplicitMultiplication m)
    {
        if (m.FromLetterRun)
        {
            string letters = string.Concat(m.Factors.Select(f => f is Identifier id ? id.Name : Quote(f)));
            Warn(m, DiagnosticCodes.LetterRunProduct,
                "read the letters '" + Quote(m) + "' as the product " + string.Join("·", m.Factors.Select(Quote))
                + " ('" + letters + "' is not a known name)");
        }
        var elided = BindElidedProduct(m, out var hasEllipsis);
        if (hasEllipsis) return elided;
        var factors = BindAll(m.Factors);
        return factors is null ? null : Ex.Mul(factors);
    }

    /// <summary>How many derivative operands are being bound (an average inside one is not read).</summary>
    private int _derivativeOperands;

    /// <summary>
    /// ⟨…⟩ read as an average: one expression, no comma (⟨x, y⟩ is an inner product), no bar (⟨ψ|φ⟩, ⟨i(x;y|z)⟩) and no relation.
    /// </summary>
    private bool IsLawlessAverage(SyntaxNode body)
    {
        if (body is Sequence || body.DescendantsAndSelf().Any(n => n is Syntax.Relation or Sequence)) return false;
        var text = Quote(body);
        return text.IndexOf('|') < 0 && text.IndexOf(',') < 0 && text.IndexOf(';') < 0 && !text.Contains("\\mid") && !text.Contains("\\vert");
    }

    /// <summary>Brackets that only group. Angle brackets, floors, ceilings and half-open intervals are not grouping.</summary>
    private Expr? BindGroup(Group g)
    {
        bool grouping = (g.Left == g.Right && g.Left is Bracket.Paren or Bracket.Square or Bracket.Brace)
            || (g.Left == Bracket.Brace && g.Right == Bracket.None);
        if (g.Left == g.Right && g.Left is Bracket.Floor or Bracket.Ceil) return BindFloor(g, g.Left == Bracket.Floor);
        if (g.Left == Bracket.Angle && g.Right == Bracket.Angle && IsLawlessAverage(g.Body))
        {
            // ∂⟨f_j⟩/∂λ_k: the law of the average depends on λ in a way the text does not write; an unknown value would differentiate to 0.
            if (_derivativeOperands > 0) return Unsupported(g, "a derivative of an average " + Quote(g) + " whose law, and how it depends on the variable, the text does not give");
            // ⟨f_j f_k⟩, ⟨m⟩: the physicist's average, an expectation whose law the text does not write (never refuted on it).
            Warn(g, DiagnosticCodes.InferredVariable, "read " + Quote(g) + " as an expectation whose law the text does not give");
            return BindPlainExpectation(new Syntax.Expectation(g.Span, null, g.Body, Bracket.Angle));
        }
        if (!grouping)
        {
            return Unsupported(g, "the brackets " + SyntaxPrinter.BracketName(g.Left) + "/" + SyntaxPrinter.BracketName(g.Right));
        }
        return Bind(g.Body);
    }

    // ------------------------------------------------------------ calls: application or product

    /// <summary>
    /// Names used in the formula as plain variables: not the callee of a call, and not a distribution named
    /// without its argument (KL(q || p), \mathbb{E}_q, x \sim p), where a density's name stands alone.
    /// </summary>
    private HashSet<SyntaxNode>? _integrandCalls;

    /// <summary>f(x) inside an integral over x (\int p(x) \log p(x)\,dx): one letter applied to the integral's own variable.</summary>
    private bool AppliedToIntegrationVariable(LatexCall call)
    {
        if (_integrandCalls is null)
        {
            _integrandCalls = new HashSet<SyntaxNode>(SameNode.Instance);
            foreach (var integral in _formula.DescendantsAndSelf().OfType<Syntax.Integral>())
            {
                if (integral.Body is null) continue;
                var variables = new HashSet<string>(integral.Differentials.Select(d => d.Variable).OfType<Identifier>().Select(Name), StringComparer.Ordinal);
                foreach (var c in integral.Body.DescendantsAndSelf().OfType<LatexCall>())
                    if (c.MayBeProduct && c.Arguments is [Identifier argument] && variables.Contains(Name(argument))) _integrandCalls.Add(c);
            }
        }
        return _integrandCalls.Contains(call);
    }

    private HashSet<string> PlainNames()
    {
        if (_plainNames is not null) return _plainNames;
        var notVariables = new HashSet<SyntaxNode>(SameNode.Instance);
        foreach (var node in _formula.DescendantsAndSelf())
        {
            switch (node)
            {
                case LatexCall c:
                    notVariables.Add(c.Callee);
                    if (c.Callee is Identifier callee && ExprBinder.FunctionalName(callee) is not null)
                    {
                        foreach (var a in c.Arguments) notVariables.Add(a);
                    }
                    break;
                case Syntax.Expectation { Subscript: Identifier q }:
                    notVariables.Add(q);
                    break;
                // μ_f, σ_f: a label in a subscript says whose parameter it is, not that f is a variable (f(x) stays f applied to x).
                case Identifier { Subscript: { } label }:
                    foreach (var inner in label.DescendantsAndSelf().OfType<Identifier>()) notVariables.Add(inner);
                    break;
                case Syntax.Relation r:
                    for (int i = 0; i < r.Operators.Count; i++)
                    {
                        if (r.Operators[i].Kind == RelationKind.Sim) notVariables.Add(r.Operands[i + 1]);
                    }
                    break;
            }
        }
        _plainNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in _formula.DescendantsAndSelf().OfType<Identifier>())
        {
            if (!notVariables.Contains(id)) _plainNames.Add(Name(id));
        }
        return _plainNames;
    }

    private bool Mentions(SyntaxNode node, string name) =>
        node.DescendantsAndSelf().OfType<Identifier>().Any(id => Name(id) == name);

    private static bool IsFamily(string name, int arguments) =>
        Families.Find(name) is { } f && (arguments == f.Parameters.Count || arguments == f.Parameters.Count + 1);

    /// <summary>
    /// name(args): a divergence or entropy (KL, D_{KL}, H); a known function or a family (an application);
    /// for a bare one-letter name with one argument, a product when the name is a variable here (x(x-1),
    /// a(b+c) with a used elsewhere), else an application for f g h p q P Q F G (with a warning) and a
    /// product for other letters; any other name is an undefined function (with a warning).
    /// </summary>
    /// <summary>
    /// b^e. When b is a(…) read as a product, the exponent belongs to the bracket: a\left(x + 1\right)^2 = a·(x + 1)².
    /// </summary>
    private Expr? BindPower(Power p)
    {
        if (p.Base is LatexCall c && c.Arguments.Count == 1 && c.Separators.Count == 0)
        {
            var whole = BindCall(c);
            if (whole is Mul m && c.Callee is Identifier callee && m.Factors.Count >= 2 && !IsExpectationCall(c))
            {
                var factor = BindIdentifier(callee);
                var argument = Bind(c.Arguments[0]);
                var exponent = Bind(p.Exponent);
                if (argument is null || exponent is null) return null;
                return Ex.Mul(factor, Ex.Pow(argument, exponent));
            }
            var e = Bind(p.Exponent);
            return whole is null || e is null ? null : Ex.Pow(whole, e);
        }
        return Both(p.Base, p.Exponent, Ex.Pow);
    }

    private Expr? BindCall(LatexCall c)
    {
        if (c.Callee is not Identifier callee) return Unsupported(c, "a call of something that is not a name");
        // \#(a, b): a count, an unknown non-negative function of its arguments (never a reason to refute).
        if (callee is { Name: "#", Subscript: null }) return BindAll(c.Arguments) is { } counted ? Ex.Apply(ExprBinder.CountFunction, counted.ToArray()) : null;
        string name = Name(callee);
        // n(n + 1)/2 = O(n²), ε = o(1): a bound on growth, not a value; never a reason to refute.
        if (callee is { Name: "O" or "o", Subscript: null, Primes: 0, Decoration: null, Accent: null, Style: NameStyle.Normal or NameStyle.Calligraphic or NameStyle.Roman }
            && c.Arguments.Count == 1 && c.Separators.Count == 0 && !_context.KnowsFunction(name))
            return Unsupported(c, "asymptotic notation (" + callee.Name + "(…) bounds how a quantity grows; it is not a value)");
        string? functional = ExprBinder.FunctionalName(callee);
        if (InformationMeasure(c, callee, functional) is { } measure) return measure;
        if (IsExpectationCall(c)) return BindExpectation(new Syntax.Expectation(c.Span, null, c.Arguments[0], c.Bracket));
        if (functional is not null && !_context.KnowsFunction(name)) return BindFunctional(c, functional);
        // h(X) of a random variable whose law is in force (X ∼ U(a, b) before it): its differential entropy, as H(X).
        if (callee is { Name: "h", Subscript: null, Primes: 0, Decoration: null, Accent: null } && c.Arguments is [Identifier randomVariable] && c.Separators.Count == 0
            && _context.IsRandomVariable?.Invoke(Name(randomVariable)) == true && !_context.KnowsFunction(name))
            return BindFunctional(c, "H");
        // D(p ‖ q): the relative entropy as information theory writes it, unless the document gives D a meaning of its own.
        if (ExprBinder.IsRelativeEntropyCall(c) && !_context.KnowsFunction(name))
            return BindFunctional(c, "KL"); // a D given a value elsewhere (D = 0) is that divergence's value: D(… ‖ …) is no product
        if (c.Separators.Any(s => s.Text == "||"))
        {
            BindAll(c.Arguments);
            return Unsupported(c, "'" + name + "(… || …)': the known divergences are KL (also D_{KL}) and the entropies H");
        }
        if (callee.Primes > 0 && _context.KnowsFunction(Name(callee with { Primes = 0 }))) return BindPrimedCall(c, callee);
        // σ(1 − σ) with σ a defined function written bare for its value: a product (ExprBinder.SelfArgumentProducts).
        if (_context.KnowsFunction(name) && HoldsOwnNameBare(c, name)) return OwnValueTimesBracket(c, callee);
        if (_context.KnowsFunction(name) || IsFamily(name, c.Arguments.Count)) return Application(name, c);
        // \Gamma(x) is the gamma function and \psi(x) the digamma function, unless the document uses them as variables.
        if (c.Arguments.Count == 1 && callee.IsUndecorated && callee.Name is "Gamma" or "psi" or "digamma" or "lgamma" && !_context.KnowsVariable(name) && !PlainNames().Contains(name))
        {
            var kind = callee.Name switch { "Gamma" => FunctionKind.Gamma, "lgamma" => FunctionKind.LogGamma, _ => FunctionKind.Digamma };
            var arg = Bind(c.Arguments[0]);
            return arg is null ? null : Ex.Function(kind, arg);
        }
        // \mathrm{B}(a, b) (also \operatorname{B}, \Beta) is the beta function Γ(a)Γ(b)/Γ(a + b); a plain B(a, b) may be anything.
        if (c.Arguments.Count == 2 && c.Separators.All(s => s.Text == ",") && callee is { Name: "B", Style: NameStyle.Roman, Subscript: null, Primes: 0, Decoration: null, Accent: null }
            && !_context.KnowsVariable(name))
        {
            var a = Bind(c.Arguments[0]);
            var b = Bind(c.Arguments[1]);
            return a is null || b is null ? null
                : Ex.Mul(Ex.Function(FunctionKind.Gamma, a), Ex.Function(FunctionKind.Gamma, b), Ex.Pow(Ex.Function(FunctionKind.Gamma, Ex.Add(a, b)), Ex.MinusOne));
        }
        if (c.MayBeProduct)
        {
            var argument = c.Arguments[0];
            bool variable = _context.KnowsVariable(name) || Mentions(argument, name) || PlainNames().Contains(name);
            // ∫ p(x) log p(x) dx in J(p) = …: p applied to the integration variable is a function, though p is also written plain.
            if ((!variable || AppliedToIntegrationVariable(c)) && FunctionLetters.Contains(name))
            {
                Warn(c, DiagnosticCodes.UndefinedFunction, "read '" + Quote(c) + "' as an application of the undefined function " + name);
                return Application(name, c);
            }
            if (!variable && argument is Identifier)
            {
                Warn(c, DiagnosticCodes.ReadAsProduct, "read '" + Quote(c) + "' as the product " + Quote(callee) + "·" + Quote(argument)
                    + " (" + name + " is not known as a function)");
            }
            var left = BindIdentifier(callee);
            var right = Bind(argument);
            return right is null ? null : Ex.Mul(left, right);
        }
        // \lambda_1(\log\lambda_1 - \log\lambda_2) with \lambda_1 a variable of the formula is a product, subscript or not.
        if (c.Arguments.Count == 1 && c.Separators.Count == 0 && (_context.KnowsVariable(name) || PlainNames().Contains(name)))
        {
            var left = BindIdentifier(callee);
            var right = Bind(c.Arguments[0]);
            return right is null ? null : Ex.Mul(left, right);
        }
        // \lambda_1(x - \mu)^2, \lambda_0(\int p\,dx - 1): a subscripted Greek letter before a bracketed sum or difference is a
        // coefficient (a multiplier, a weight) times it; functions of a sum are written with function letters (f(x + h)).
        if (c.Arguments is [Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract }] && c.Separators.Count == 0 && callee.Subscript is not null
            && Symbols.Greek.Contains(callee.Name) && callee.Primes == 0 && callee.Decoration is null && callee.Accent is null)
        {
            Warn(c, DiagnosticCodes.ReadAsProduct, "read '" + Quote(c) + "' as the product " + Quote(callee) + "·(…) (" + name + " is not known as a function, and its argument is a sum)");
            var coefficient = BindIdentifier(callee);
            var sum = Bind(c.Arguments[0]);
            return sum is null ? null : Ex.Mul(coefficient, sum);
        }
        Warn(c, DiagnosticCodes.UndefinedFunction, "read '" + Quote(c) + "' as an application of the undefined function " + name);
        return Application(name, c);
    }

    /// <summary>N(x | \mu, \sigma^2) and q(z; \mu, \sigma^2): separators other than '||' are argument separators.</summary>
    private Expr? Application(string name, LatexCall c)
    {
        if (!c.Arguments.Any(a => EventValue(a) is not null))
        {
            var args = HasEllipsis(c.Arguments) ? RangeArguments(c) : BindAll(c.Arguments);
            return args is null ? null : Ex.Apply(name, args.ToArray());
        }
        // p(x \mid z = k), p(z = k): the density at the value k of z. Another call of the same density that gives another
        // variable a value at the same place (p(x = k)) would be the law of another variable under the same name.
        for (int i = 0; i < c.Arguments.Count; i++)
        {
            if (EventValue(c.Arguments[i]) is not { } e) continue;
            var variable = Name(e.Variable);
            var clash = _formula.DescendantsAndSelf().OfType<LatexCall>()
                .Where(o => o.Callee is Identifier oc && Name(oc) == Name((Identifier)c.Callee) && o.Arguments.Count == c.Arguments.Count)
                .Select(o => EventValue(o.Arguments[i]))
                .FirstOrDefault(o => o is not null && Name(o.Value.Variable) != variable);
            if (clash is { } other)
                return Unsupported(c, "the density " + name + " given values of different variables (" + variable + " and " + Name(other.Variable) + ") at the same place: the laws of two variables under one name");
        }
        var values = BindAll(c.Arguments.Select(a => EventValue(a)?.Value ?? a));
        if (values is null) return null;
        Warn(c, DiagnosticCodes.InferredVariable, "read " + Quote(c) + " as " + name + " at the value" + (c.Arguments.Count(a => EventValue(a) is not null) > 1 ? "s" : "") + " given to "
            + string.Join(", ", c.Arguments.Select(EventValue).Where(e => e is not null).Select(e => Name(e!.Value.Variable))));
        return Ex.Apply(name, values.ToArray());
    }

    /// <summary>z = k as an argument of a density: the variable z and the value k it takes.</summary>
    private static (Identifier Variable, SyntaxNode Value)? EventValue(SyntaxNode argument) =>
        argument is Syntax.Relation { Operands: [Identifier v, var value], Operators: [{ Kind: RelationKind.Equal, Negated: false }] } ? (v, value) : null;

    private Expr? BindFunctional(LatexCall c, string functional)
    {
        int n = c.Arguments.Count;
        FunctionalKind? kind = functional switch
        {
            "KL" when n == 2 => FunctionalKind.KL,
            "H" when n == 1 => FunctionalKind.Entropy,
            "H" when n == 2 => FunctionalKind.CrossEntropy,
            "CrossEntropy" when n == 2 => FunctionalKind.CrossEntropy,
            _ => null,
        };
        // H(p, 1 − p), H(1/4, 1/4, 1/2): the entropy of the listed probabilities, not of named distributions.
        if (functional == "H" && (n >= 2 || HasEllipsis(c.Arguments)) && c.Separators.All(s => s.Text == ",") && c.Arguments.Any(a => a is not Identifier and not LatexCall { Callee: Identifier }))
            return ProbabilityEntropy(c);
        if (functional == "H" && EventCondition(c) is { } condition) return EventEntropy(c, condition.Target, condition.Given, condition.Value);
        if (c.Separators.Any(s => s.Text is "|" or ";"))
        {
            return Unsupported(c, functional == "H" ? "a conditional entropy H(X | Y) or an information I(X; Y) (only H(p) and the cross-entropy H(p, q) are modelled)"
                : functional + " with '" + c.Separators.First(s => s.Text is "|" or ";").Text + "' between its arguments");
        }
        if (kind is null)
        {
            return Unsupported(c, functional == "KL" ? "KL takes two distributions" : functional == "H" ? "an entropy takes one or two distributions" : "cross-entropy takes two distributions");
        }
        var args = new List<Expr>();
        bool ok = true;
        foreach (var a in c.Arguments)
        {
            var d = BindDistribution(a, "the arguments of " + functional + " must name distributions");
            if (d is null) ok = false;
            else args.Add(d);
        }
        return ok ? Ex.Functional(kind.Value, args.ToArray()) : null;
    }

    /// <summary>H(Y | X = 0): the target, the conditioning variable and the event's value (a whole number), or null.</summary>
    private (string Target, string Given, int Value)? EventCondition(LatexCall c)
    {
        if (c.Arguments.Count != 2 || c.Separators.Count != 1 || c.Separators[0].Text != "|" || c.Arguments[0] is not Identifier target) return null;
        if (c.Arguments[1] is not Syntax.Relation { Operands: [Identifier given, Number { Text: var text }], Operators: [{ Kind: RelationKind.Equal, Negated: false }] }) return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return null;
        return (Name(target), Name(given), value);
    }

    /// <summary>H(Y | X = k) = −Σ_y p(y | X = k) log p(y | X = k), from the row of the table of p(y | x) the document defines.</summary>
    private Expr? EventEntropy(LatexCall c, string target, string given, int value)
    {
        if (_context.ConditionalRow?.Invoke(target, given, value) is not { } row)
            return Unsupported(c, "the entropy of " + target + " given the event " + given + " = " + value.ToString(CultureInfo.InvariantCulture)
                + ", which needs the table of p(y | x) (e.g. p_{" + target + "|" + given + "} = \\begin{bmatrix} … \\end{bmatrix}, a row per value of " + given + " from 0) that the document does not define");
        if (!_context.LogBase.IsKnown) return Unsupported(c, "the log base '" + _context.LogBase.Text + "'");
        return Ex.Neg(Ex.Add(row.Where(p => !p.IsZero).Select(p => Ex.Mul(p, _context.LogBase.Log(p)!)).ToArray()));
    }

    /// <summary>−Σ pᵢ log pᵢ over the arguments, in the document's log base; a probability written as 0 adds nothing (0 log 0 = 0).</summary>
    private Expr? ProbabilityEntropy(LatexCall c)
    {
        if (HasEllipsis(c.Arguments))
            return _context.LogBase.IsKnown ? ListEntropy(c, _context.LogBase) : Unsupported(c, "the log base '" + _context.LogBase.Text + "'");
        var probabilities = BindAll(c.Arguments);
        if (probabilities is null) return null;
        var logBase = _context.LogBase;
        if (!logBase.IsKnown) return Unsupported(c, "the log base '" + logBase.Text + "'");
        var terms = probabilities.Where(p => !p.IsZero).Select(p => Ex.Mul(p, logBase.Log(p)!));
        return Ex.Neg(Ex.Add(terms.ToArray()));
    }

    private bool IsFamilyNode(SyntaxNode f) => f is LatexCall { Callee: Identifier callee } && Families.Find(Name(callee)) is not null
        || f is Identifier id && Families.Find(Name(id)) is not null;

    /// <summary>A distribution: a name (P, q), a density written with its argument (q(z) → q), or a family member N(0, 1).</summary>
    private Expr? BindDistribution(SyntaxNode node, string what)
    {
        switch (node)
        {
            case Identifier id:
                return Ex.Sym(Name(id));
            case LatexCall { Callee: Identifier callee } call:
                {
                    string name = Name(callee);
                    if (Families.Find(name) is { } family && call.Arguments.Count == family.Parameters.Count) return Application(name, call);
                    return Ex.Sym(name);
                }
            case ImplicitMultiplication { FromLetterRun: false, Factors.Count: 2 } m
                when m.Factors.All(f => f is Identifier or LatexCall { Callee: Identifier }) && m.Factors.All(f => !IsFamilyNode(f)):
                {
                    // D(f_{XY} ‖ f_X f_Y): the product of two marginals is the density of the pair they make independent.
                    var names = m.Factors.Select(f => BindDistribution(f, what)).ToList();
                    if (names.Any(n => n is not Sym)) return Unsupported(node, what);
                    return Ex.Sym(string.Join(" \\otimes ", names.Select(n => ((Sym)n!).Name).OrderBy(n => n, StringComparer.Ordinal)));
                }
            default:
                return Unsupported(node, what);
        }
    }

    // ------------------------------------------------------------ functions

    private Expr? BindFunction(FunctionApplication fa)
    {
        string f = fa.Function;
        if (f == "binom")
        {
            if (fa.Arguments.Count != 2) return Unsupported(fa, "\\binom needs two arguments");
            return Both(fa.Arguments[0], fa.Arguments[1], (n, k) => Ex.Div(Gamma(Ex.Add(n, Ex.One)),
                Ex.Mul(Gamma(Ex.Add(k, Ex.One)), Gamma(Ex.Add(Ex.Sub(n, k), Ex.One)))));
        }
        if (f is "max" or "min" or "LSE" or "logsumexp" && fa.Arguments.Count >= 1)
        {
            var items = BindAll(fa.Arguments);
            if (items is null) return null;
            // max(a, b) = (a + b + |a − b|)/2 and min(a, b) = (a + b − |a − b|)/2, exactly; LSE(a, …) = log Σ e^a.
            if (f is "LSE" or "logsumexp") return Ex.Log(Ex.Add(items.Select(Ex.Exp)));
            return items.Aggregate((a, b) => Extreme(f == "max", a, b));
        }
        if (f is "Var" or "Cov" && fa.Base is null) return Moments(fa, f);
        if (fa.Arguments.Count != 1)
        {
            BindAll(fa.Arguments);
            return Unsupported(fa, f + " of " + fa.Arguments.Count.ToString(CultureInfo.InvariantCulture) + " arguments");
        }
        if (fa.Base is not null && f != "log")
        {
            if (f == "softmax" && !_context.KnowsFunction(f) && SoftmaxEntry(fa.Arguments[0], fa.Base) is { } entry) return entry;
            return Unsupported(fa, SubscriptedFunction(f));
        }
        var x = Bind(fa.Arguments[0]);
        switch (f)
        {
            case "log":
                {
                    Expr? logBase;
                    if (fa.Base is not null) logBase = Bind(fa.Base);
                    else if (_context.LogBase.IsKnown) logBase = _context.LogBase.Base;
                    else return Unsupported(fa, "the log base '" + _context.LogBase.Text + "'");
                    if (x is null || (fa.Base is not null && logBase is null)) return null;
                    // \log\Gamma(x) is the log-gamma function (defined for x > 0, like its numeric form).
                    if (logBase is null && x is Fn { Function: FunctionKind.Gamma } gamma) return Ex.Function(FunctionKind.LogGamma, gamma.Arg);
                    return logBase is null ? Ex.Log(x) : Ex.Log(x, logBase);
                }
            case "ln": return Map(x, Ex.Log);
            case "lg": return Map(x, v => Ex.Log(v, Ex.Num(10)));
            case "exp": return Map(x, Ex.Exp);
            case "sin": return Map(x, v => Ex.Function(FunctionKind.Sin, v));
            case "cos": return Map(x, v => Ex.Function(FunctionKind.Cos, v));
            case "tan": return Map(x, v => Ex.Function(FunctionKind.Tan, v));
            case "arctan": return Map(x, v => Ex.Function(FunctionKind.Atan, v));
            case "erf": return Map(x, v => Ex.Function(FunctionKind.Erf, v));
            // Exact identities onto the kernel's functions:
            case "cot": return Map(x, v => Ex.Div(Ex.Function(FunctionKind.Cos, v), Ex.Function(FunctionKind.Sin, v)));
            case "sec": return Map(x, v => Ex.Div(Ex.One, Ex.Function(FunctionKind.Cos, v)));
            case "csc": return Map(x, v => Ex.Div(Ex.One, Ex.Function(FunctionKind.Sin, v)));
            case "sinh": return Map(x, v => Ex.Div(Ex.Sub(Ex.Exp(v), Ex.Exp(Ex.Neg(v))), Ex.Two));
            case "cosh": return Map(x, v => Ex.Div(Ex.Add(Ex.Exp(v), Ex.Exp(Ex.Neg(v))), Ex.Two));
            case "tanh": return Map(x, v => Ex.Div(Ex.Sub(Ex.Exp(v), Ex.Exp(Ex.Neg(v))), Ex.Add(Ex.Exp(v), Ex.Exp(Ex.Neg(v)))));
            case "sigmoid": return Map(x, v => Ex.Div(Ex.One, Ex.Add(Ex.One, Ex.Exp(Ex.Neg(v)))));
            case "softplus": return Map(x, v => Ex.Log(Ex.Add(Ex.One, Ex.Exp(v))));
            case "logit": return Map(x, v => Ex.Log(Ex.Div(v, Ex.Sub(Ex.One, v))));
            case "relu" or "ReLU": return Map(x, v => Extreme(true, Ex.Zero, v));
            case "erfc": return Map(x, v => Ex.Sub(Ex.One, Ex.Function(FunctionKind.Erf, v)));
            // sgn x = x/|x| away from 0 (at 0 the right side is undefined, so sgn 0 = 0 is never claimed by it).
            case "sgn" or "sign": return Map(x, v => Ex.Div(v, Ex.Abs(v)));
            default: return Unsupported(fa, "the function " + f);
        }
    }

    /// <summary>
    /// \{y_n, x_n\}_{n=1}^N, a data set (the argument of a likelihood L(β; \{…\}_{n=1}^N)): one unknown value named by
    /// what it collects and its range, so two data sets written differently are never taken to be the same one.
    /// </summary>
    private Expr? DataSet(SyntaxNode whole, Group members, SyntaxNode range, SyntaxNode upper)
    {
        if (_text is null || whole.Span.End > _text.Length) return Unsupported(whole, "a data set written \\{…\\}_{n=1}^N");
        string Compact(SyntaxNode n) => new string(_text.Substring(n.Span.Start, n.Span.End - n.Span.Start)
            .Where(c => !char.IsWhiteSpace(c)).Select(c => c is '_' ? '.' : c).Where(c => c != '^').ToArray());
        return Ex.Sym("\\{" + Compact(members.Body) + "\\}[" + Compact(range) + ".." + Compact(upper) + "]");
    }

    private static Expr Gamma(Expr x) => Ex.Function(FunctionKind.Gamma, x);

    /// <summary>max(a, b) = (a + b + |a − b|)/2; min(a, b) = (a + b − |a − b|)/2.</summary>
    private static Expr Extreme(bool max, Expr a, Expr b)
    {
        var spread = Ex.Abs(Ex.Sub(a, b));
        return Ex.Div(max ? Ex.Add(a, b, spread) : Ex.Sub(Ex.Add(a, b), spread), Ex.Two);
    }

    // ------------------------------------------------------------ derivatives

    /// <summary>
    /// d/dx f, ∂²f/∂x∂y, ∇_θ f: the kernel's derivative of f with the document's definitions applied (a
    /// defined function, a KL of defined densities). What cannot be differentiated honestly is unsupported:
    /// an undefined function or name (its dependence on x is unknown), an integral without a closed form.
    /// </summary>
    /// <summary>
    /// The name written as a plain term of the formula outside every integral: not as a function's argument (p(x)), inside an
    /// expectation, a subscript or a differential, where it names the variable rather than a value.
    /// </summary>
    private bool VariableOutsideIntegrals(string name)
    {
        var shielded = _formula.DescendantsAndSelf().Where(n => n is Syntax.Integral or Syntax.Call or Syntax.Expectation or Syntax.Subscript or Syntax.Differential)
            .Select(n => n.Span).ToList();
        return _formula.DescendantsAndSelf().OfType<Identifier>().Any(id => id.Subscript is null && Name(id) == name
            && !shielded.Any(span => span.Start <= id.Span.Start && id.Span.End <= span.End));
    }

    /// <summary>
    /// d(√2 σ t + μ) ending ∫ exp(−t²) …: the variable is the one symbol of the expression that the integrand also holds and
    /// the limits do not (t; σ and μ are constants of the substitution); the factor is the expression's derivative in it.
    /// Null when that symbol is not unique or the expression does not bind.
    /// </summary>
    private (Sym Variable, Expr Factor)? SubstitutedDifferential(SyntaxNode written, Expr body, Expr? lower, Expr? upper)
    {
        if (Bind(written) is not { } g) return null;
        var inLimits = new HashSet<Sym>();
        foreach (var limit in new[] { lower, upper })
            if (limit is not null) inLimits.UnionWith(Traversal.FreeSymbols(limit));
        var candidates = Traversal.FreeSymbols(g).Where(s => !s.Equals(Ex.Infinity) && Traversal.FreeSymbols(body).Contains(s) && !inLimits.Contains(s)).ToList();
        if (candidates is not [var variable]) return null;
        return (variable, Differentiator.Derivative(g, variable));
    }

    private Expr? BindDerivative(Derivative d)
    {
        if (d.Problem is not null) return Unsupported(d, d.Problem);
        if (d.Operand is null) return Unsupported(d, "a derivative with nothing after it to differentiate");
        if (d.Variational) return BindFunctionalDerivative(d);
        var variables = new List<Sym>();
        foreach (var v in d.Variables)
        {
            if (v is not Identifier id) return Unsupported(v, "a derivative with respect to something that is not a name");
            variables.Add(Ex.Sym(Name(id)));
        }
        Expr? operand;
        _derivativeOperands++;
        try { operand = Bind(d.Operand); }
        finally { _derivativeOperands--; }
        if (operand is null) return null;
        var derivative = Differentiate(d, operand, variables, d.Operand is Identifier);
        if (d.PowerOf == 1 || derivative is null) return derivative;
        // With respect to u = x^k: df/du = (df/dx) / (k x^{k-1}), the chain rule (where x ≠ 0).
        var x = variables[0];
        return Ex.Div(derivative, Ex.Mul(Ex.Num(d.PowerOf, 1), Ex.Pow(x, Ex.Num(d.PowerOf - 1, 1))));
    }

    /// <summary>
    /// δJ/δp(x) for J given by integrals of p (J(p) = ∫ p log p dx − λ(∫ p dx − 1)): each integral ∫ g(p(t), t) dt
    /// contributes ∂g/∂p at t = x (the Euler–Lagrange derivative of a functional local in p, with no derivatives of p), by
    /// the chain rule through whatever J does with the integrals; p(x) outside integrals is differentiated as a value.
    /// p at any other point, or inside anything else, is unsupported. Read for x inside the limits of the integrals.
    /// A sum Σ_t g(p(t), t) is read the same way (∂/∂p(x) of the sum is ∂g/∂p at t = x, the one term that holds p(x)).
    /// </summary>
    private Expr? BindFunctionalDerivative(Derivative d)
    {
        var target = (LatexCall)d.Variables[0];
        var function = Name((Identifier)target.Callee);
        if (Bind(target.Arguments[0]) is not Sym at) return Unsupported(target, "a functional derivative at something that is not a variable");
        var operand = Bind(d.Operand!);
        if (operand is null) return null;
        var expanded = _context.Expand?.Invoke(operand) ?? operand;
        // δJ/δp with J(p) = … defined: its formula, at its own parameters.
        if (expanded is Sym named && _context.FunctionParameters?.Invoke(named.Name) is { Count: > 0 } parameters)
            expanded = _context.Expand?.Invoke(Ex.Apply(named.Name, parameters.Cast<Expr>().ToArray())) ?? expanded;
        var value = Ex.Fresh("ξ_value");
        var integrals = new Dictionary<Sym, (Expr Integral, Expr Local)>();
        string? problem = null;
        Expr Walk(Expr e)
        {
            if (problem is not null || !Mentions(e)) return e;
            switch (e)
            {
                // Σ_t g(p(t), t) by the value p(x): the one term t = x contributes ∂g/∂p there (x taken among the t summed
                // over), the discrete twin of the integral below.
                case SymKl.Symbolic.Integral or Summation when e is RangedBinderNode ig && !Mentions(ig.Lower) && !Mentions(ig.Upper):
                    {
                        var integrand = Replace(ig.Body, function, ig.Variable, value);
                        if (Mentions(integrand)) { problem = "it involves " + function + " at other points than the integration variable"; return e; }
                        var local = Traversal.Substitute(Differentiator.Derivative(integrand, value), new Dictionary<Sym, Expr> { [ig.Variable] = at, [value] = Ex.Apply(function, at) });
                        var placeholder = Ex.Fresh("ξ_integral" + integrals.Count.ToString(CultureInfo.InvariantCulture));
                        integrals[placeholder] = (ig, local);
                        return placeholder;
                    }
                case Apply ap when ap.Name == function:
                    if (ap.Args is [var argument] && argument.Equals(at)) return value;
                    problem = "it involves " + function + " at another point than " + at.Name;
                    return e;
                case BinderNode or Functional:
                    problem = "it involves " + function + " inside " + LatexPrinter.Print(e);
                    return e;
            }
            var children = e.Children.Select(Walk).ToArray();
            return children.SequenceEqual(e.Children) ? e : Ex.Rebuild(e, children);
        }
        bool Mentions(Expr? e) => e is not null && Traversal.Any(e, n => n is Apply ap && ap.Name == function);
        var outer = Walk(expanded);
        // λ(∫ p dx − 1) read as an undefined function λ of the integral: how J depends on it is unknown.
        if (problem is null && Traversal.Any(outer, n => n is Apply ap && Traversal.FreeSymbols(ap).Any(x => x.Equals(value) || integrals.ContainsKey(x))) )
            problem = "it passes " + function + " through a function with no definition here";
        if (problem is not null) return Unsupported(d, "the functional derivative: " + problem);
        if (integrals.Count == 0 && !Traversal.FreeSymbols(outer).Contains(value))
            return Unsupported(d, "the functional derivative of something that does not involve " + function + " (δJ/δp needs J defined through " + function + ")");
        try
        {
            var result = Differentiator.Derivative(outer, value);
            foreach (var entry in integrals) result = Ex.Add(result, Ex.Mul(Differentiator.Derivative(outer, entry.Key), entry.Value.Local));
            var back = integrals.ToDictionary(kv => kv.Key, kv => kv.Value.Integral);
            back[value] = Ex.Apply(function, at);
            return Traversal.Substitute(result, back);
        }
        catch (NotSupportedException ex)
        {
            return Unsupported(d, "the functional derivative: " + ex.Message);
        }
    }

    /// <summary>e with every <paramref name="function"/>(v), applied to exactly the variable v, replaced by <paramref name="value"/>.</summary>
    private static Expr Replace(Expr e, string function, Sym v, Sym value)
    {
        if (e is Apply { Args: [var argument] } ap && ap.Name == function && argument.Equals(v)) return value;
        if (e.Children.Count == 0) return e;
        var children = e.Children.Select(c => Replace(c, function, v, value)).ToArray();
        return children.SequenceEqual(e.Children) ? e : Ex.Rebuild(e, children);
    }

    /// <summary>f'(x), f''(x) for a function the document defines: the derivative of its formula, at the argument.</summary>
    private Expr? BindPrimedCall(LatexCall c, Identifier callee)
    {
        if (c.Arguments.Count != 1 || c.Separators.Count != 0) return Unsupported(c, "a primed function of several arguments");
        var argument = Bind(c.Arguments[0]);
        if (argument is null) return null;
        var t = Ex.Fresh("ξ_primed");
        string name = Name(callee with { Primes = 0 });
        if (ThroughArgumentDefinition(c, name, t, argument) is { } unread) return unread;
        var derivative = Differentiate(c, Ex.Apply(name, t), Enumerable.Repeat(t, callee.Primes).ToList(), writtenAsName: false);
        return derivative is null ? null : Traversal.Substitute(derivative, new Dictionary<Sym, Expr> { [t] = argument });
    }

    private Expr? Differentiate(SyntaxNode at, Expr operand, IReadOnlyList<Sym> variables, bool writtenAsName)
    {
        var expanded = _context.Expand?.Invoke(operand) ?? operand;
        if (OpenLawExpectation(at, variables) is { } open)
            return Unsupported(at, "the derivative of " + open + ", an expectation under a law the text does not give: its body does not involve "
                + string.Join(", ", variables.Select(v => LatexPrinter.Print(v))) + ", but the law may (a derivative of 0 would assume it does not)");
        // ∂L/∂p with L(p, q, λ) = … defined: the derivative of L at its own parameters. ℓ(μ, σ²) = …: a parameter written σ²
        // is a variable v of its own in the formula; at its own parameters v is σ² again, as the statement writes it, and
        // ∂ℓ/∂σ² is taken through σ (the chain rule of the caller).
        static Sym Squared(Sym v) => Ex.Sym(v.Name + "^2");
        // ∂J/∂q_k with J(q, α) = Σ_k … defined: q_k is a component of the parameter q (the sum rule takes the term k).
        static bool MemberOf(Sym v, IReadOnlyList<Sym> parameters) => IndexedFamily(v) is { } family && parameters.Contains(Ex.Sym(family.Base));
        if (writtenAsName && expanded is Sym named && !variables.Contains(named) &&
            _context.FunctionParameters?.Invoke(named.Name) is { Count: > 0 } parameters && variables.All(v => parameters.Contains(v) || parameters.Contains(Squared(v)) || MemberOf(v, parameters)))
        {
            expanded = _context.Expand?.Invoke(Ex.Apply(named.Name, parameters.Select(p => p.Name.Length > 2 && p.Name.EndsWith("^2", StringComparison.Ordinal)
                ? Ex.Pow(Ex.Sym(p.Name.Substring(0, p.Name.Length - 2)), Ex.Two) : (Expr)p).ToArray())) ?? expanded;
        }
        // ∂/∂x log p_m with p_m(x; μ, σ²) defined: a bare name inside the operand at its own parameters (ExprBinder.BareFunctionNames).
        if (expanded is not Sym) expanded = BareNamesAtOwnParameters(expanded, variables);
        // −Σ_j y_j ∂ log o_j/∂z_i with o_j in z_j: the term j = i differentiates z_i itself, which the summand alone cannot see.
        if (!_splittingDiagonal && MemberAtEnclosingIndex(expanded, variables) is { } member)
            return DiagonalSplit(at, expanded, variables, member) ?? Unsupported(at, "a derivative with respect to " + LatexPrinter.Print(variables[0])
                + " inside a sum, of an expression in " + member + ", which is that variable at one term of the sum (write the derivative of the whole sum)");
        // ∂/∂f of Σ_m f_m log f_m, ∂/∂p of ∫ p(x) log p(x) dx: the text differentiates by a component or a value of what
        // it names, which a derivative by the bare name (zero here) does not read.
        if ((ComponentOfVariable(expanded, variables, expanded) ?? ComponentOfVariable(operand, variables, expanded)) is { } component)
            return Unsupported(at, "a derivative with respect to " + component.Variable + " of an expression in " + component.Member
                + " only (a component or value of it: write the derivative with respect to that component)");
        // dZ/dθ with Z nothing defines: an unknown quantity's derivative, one unknown value (never a reason to refute).
        if (writtenAsName && expanded is Sym s && !variables.Contains(s))
            return Ex.Apply(variables.Aggregate(s.Name, (name, v) => AbstractDerivatives.OfNamedVariable(name, v.Name)));
        // ∂/∂x of B(α, β): an undefined function whose arguments do not mention the variable is a constant to a
        // partial derivative (other arguments are held fixed); it stays as written, and the rest is differentiated.
        expanded = LogsOfProducts(expanded);
        if (ThroughNamedValue(at, operand, expanded, variables) is var valued && valued.Handled) return valued.Result;
        var unheld = expanded;
        var held = new Dictionary<Sym, Expr>();
        if (at is Syntax.Derivative { Partial: true })
            expanded = HoldConstantApplications(expanded, variables, held);
        if (Blocks(expanded, variables))
        {
            var what = FirstOpaque(expanded, variables);
            // ∇_λ E_{q_λ}[f]: the law moves with λ; the score-function and reparameterisation identities need the law.
            if (what is SymKl.Symbolic.Expectation ex && variables.Any(v => Traversal.FreeSymbols(ex.Distribution).Contains(v) || NamesVariable(ex.Distribution, v)))
            {
                // The whole operand is that expectation: the score-function rule moves the derivative inside.
                if (variables.Count == 1 && expanded.Equals(ex) && ScoreFunction(ex, variables[0]) is { } moved)
                    return held.Count == 0 ? moved : Traversal.Substitute(moved, held);
                return Unsupported(at, "the derivative of an expectation under a law that depends on the variable (" + LatexPrinter.Print(ex.Distribution)
                    + "): moving the derivative inside (score function or reparameterisation) needs that law, which the document does not give SymKl");
            }
            return Unsupported(at, "the derivative of " + LatexPrinter.Print(what) + (what is Apply ap
                ? ", a function with no definition here (how it depends on the variable is unknown)"
                : ", which has no closed form here"));
        }
        // ∂Z/∂β with β = 1/(k_B T) defined and Z written in T: through the definition.
        if (ThroughDefinition(at, operand, expanded, variables, out var handled) is var chained && handled)
            return chained is null || held.Count == 0 ? chained : Traversal.Substitute(chained, held);
        // ∂² log Z/∂λ² with Z nothing defines: read literally the operand does not involve λ and its derivative is 0, but
        // nobody differentiates a constant; the text takes Z to depend on λ in a way it does not say (a partition function).
        if (UnexplainedConstant(unheld, variables) is { } unexplained)
            return Unsupported(at, "the derivative of " + LatexPrinter.Print(operand) + ", which does not involve " + string.Join(", ", variables.Distinct().Select(v => LatexPrinter.Print(v)))
                + " as written; the text differentiates it, so it takes " + (UnexplainedConstant(operand, variables) ?? unexplained) + " to depend on " + (variables.Distinct().Count() == 1 ? "that variable" : "those variables") + " in a way it does not say (a derivative of 0 would assume it does not)");
        // ∂(w_j x_j)/∂w_i: w_j is w_i when j = i, which the text does not exclude; reading them as two values gives the case
        // j ≠ i only (0 here), which is wrong for j = i.
        if (OtherFreeMember(expanded, variables) is { } other)
            return Unsupported(at, "a derivative with respect to " + other.Variable + " of an expression in " + other.Member
                + ", which is that variable when their indices are equal; the text does not say whether they may be (write the two cases, or the Kronecker delta)");
        try
        {
            var result = expanded;
            foreach (var v in variables) result = Differentiator.Derivative(result, v, Rule, DependsOn);
            return held.Count == 0 ? result : Traversal.Substitute(result, held);
        }
        catch (NotSupportedException ex)
        {
            return Unsupported(at, "the derivative: " + ex.Message);
        }
    }

    /// <summary>
    /// The first name (a symbol, or a function nothing defines) in an operand that involves none of the variables — not
    /// as a free symbol, a family member, a name subscripted by one, or a quantity of the model; null when the operand
    /// involves one, or is a number (whose derivative 0 is right).
    /// </summary>
    private string? UnexplainedConstant(Expr operand, IReadOnlyList<Sym> variables)
    {
        var free = Traversal.FreeSymbols(operand);
        if (variables.Any(v => free.Contains(v) || DependsOn(operand, v) || Traversal.Any(operand, n => n is Apply ap && NamesVariable(ap, v)))) return null;
        // w_j under a sum over j beside the variable w_i: another member of the variable's family, which may be it.
        // (also bound inside a sum, Σ_i p_i ln p_i by p_i: the term of the sum at the variable's index).
        if (variables.Any(v => IndexedFamily(v) is { } family && Traversal.Any(operand, n => n is Sym s && IndexedFamily(s) is { } other && other.Base == family.Base))) return null;
        var names = new List<string>();
        Traversal.Any(operand, n => { if (n is Apply ap && !names.Contains(ap.Name)) names.Add(ap.Name); return false; });
        names.AddRange(free.OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => LatexPrinter.Print(v)).Where(n => !names.Contains(n)));
        return names.Count switch { 0 => null, 1 => names[0], _ => "one of " + string.Join(", ", names.Take(3)) + (names.Count > 3 ? ", …" : "") };
    }

    /// <summary>
    /// A variable v (a plain name) that the expression (as written, or with the document's definitions applied:
    /// <paramref name="expanded"/>) never holds, while e holds members v_k of v's family, applications v(…), or v in
    /// bold (the vector): the text means the derivative by a component or a value, not by the bare name.
    /// </summary>
    private static (string Variable, string Member)? ComponentOfVariable(Expr e, IReadOnlyList<Sym> variables, Expr expanded)
    {
        var free = Traversal.FreeSymbols(expanded);
        foreach (var v in variables)
        {
            if (free.Contains(v) || IndexedFamily(v) is not null || v.Name.IndexOf('_') >= 0) continue;
            string[] heads = [v.Name, "\\mathbf{" + v.Name + "}", "\\boldsymbol{" + v.Name + "}"];
            bool Member(string name) => heads.Any(h => name.StartsWith(h + "_", StringComparison.Ordinal) || h != v.Name && name == h);
            Expr? member = null;
            Traversal.Any(e, n =>
            {
                if (n is Sym sym && Member(sym.Name) || n is Apply ap && (ap.Name == v.Name || Member(ap.Name)))
                    member = n;
                return member is not null;
            });
            if (member is not null) return (v.Name, LatexPrinter.Print(member));
        }
        return null;
    }

    /// <summary>
    /// log ∏_i f_i as Σ_i log f_i, for taking a derivative: the two derivatives agree wherever the product is defined
    /// and not zero (d log|∏ f_i| = Σ f_i′/f_i), whatever the signs of the factors.
    /// </summary>
    private static Expr LogsOfProducts(Expr e)
    {
        static Expr LogOf(Expr factor) => factor is SymKl.Symbolic.IndexedProduct p ? Ex.Summation(LogOfFactors(p.Body), p.Variable, p.Lower, p.Upper) : Ex.Log(factor);
        // θ^{y_k}(1 − θ)^{1 − y_k}: log of each factor, and a symbolic exponent moved out (such a power is defined
        // only for a positive base), which keeps the summand's derivative simple enough to prove.
        static Expr LogOfFactors(Expr body) => body switch
        {
            Mul m => Ex.Add(m.Factors.Select(LogOfFactors)),
            Pow { Exponent: not Num } pw => Ex.Mul(pw.Exponent, Ex.Log(pw.Base)),
            _ => Ex.Log(body),
        };
        return Ex.Map(e, n => n switch
        {
            Fn { Function: FunctionKind.Log, Arg: SymKl.Symbolic.IndexedProduct p } => LogOf(p),
            // log(c^n ∏_i f_i): the same rule, factor by factor.
            Fn { Function: FunctionKind.Log, Arg: Mul m } when m.Factors.Any(f => f is SymKl.Symbolic.IndexedProduct) => Ex.Add(m.Factors.Select(LogOf)),
            _ => n,
        });
    }

    private static bool IsOpaque(Expr e) => e is Apply or BinderNode or Functional;

    /// <summary>Each application of a function nothing defines, with no variable among its arguments or in its name, replaced by a fresh constant.</summary>
    private static Expr HoldConstantApplications(Expr e, IReadOnlyList<Sym> variables, Dictionary<Sym, Expr> held)
    {
        if (e is Apply ap && !Traversal.FreeSymbols(ap).Any(variables.Contains) && !variables.Any(v => NamesVariable(ap, v)))
        {
            var constant = Ex.Fresh("ξ_held" + held.Count.ToString(CultureInfo.InvariantCulture));
            held[constant] = ap;
            return constant;
        }
        if (e is BinderNode or Functional || e.Children.Count == 0) return e;
        var children = e.Children.Select(c => HoldConstantApplications(c, variables, held)).ToArray();
        return children.SequenceEqual(e.Children) ? e : Ex.Rebuild(e, children);
    }

    /// <summary>
    /// An application of a function nothing defines (not a density of the context, not a count): its derivative is
    /// taken with the chain rule into abstract derivatives f′(u), ∂_k p(…) (<see cref="AbstractDerivatives"/>).
    /// </summary>
    private bool IsAbstract(Apply ap) => ap.Name != ExprBinder.CountFunction && !_context.KnowsFunction(ap.Name) && !_context.KnowsFunction(AbstractDerivatives.Base(ap.Name));

    /// <summary>The derivative rules beyond the kernel's: sums term by term, then functions nothing defines.</summary>
    private Expr? Rule(Expr node, Sym x, Func<Expr, Expr> derive) => SumRule(node, x, derive) ?? AbstractRule(node, x, derive);

    /// <summary>
    /// Depends on x without x free in it: a family member under a sum, a name whose subscript names x, or a quantity of
    /// the text's model with no value here (p, the output of the network: ∂(p z)/∂w is not p ∂z/∂w).
    /// </summary>
    private bool DependsOn(Expr e, Sym x) => HasFamilyMember(e, x) || NamesVariable(e, x) || Traversal.Any(e, n => n is Sym s && !s.Equals(x) && IsDependent(s));

    /// <summary>A quantity of the text's model (the output, the loss) with no value SymKl can read: not a constant to a derivative.</summary>
    private bool IsDependent(Sym s) => _context.IsDependentQuantity?.Invoke(s.Name) == true;

    /// <summary>
    /// A name whose subscript names x (Z_θ for θ), or x's family when x is one member of it (Z_θ for θ_j): such a name
    /// depends on x in a way the text does not say.
    /// </summary>
    private static bool NamesVariable(Expr e, Sym x) =>
        OpaqueTerms.NamesVariable(e, x) || IndexedFamily(x) is { } family && family.Base.All(char.IsLetter) && OpaqueTerms.NamesVariable(e, Ex.Sym(family.Base));

    /// <summary>
    /// d/dx f(u_1, …, u_n) = Σ_k ∂_k f(u) · du_k/dx (the chain rule, f smooth), plus ∂_x f(u) when f's name depends on x
    /// (p_θ(z) by θ); d/dx Z_θ of a bare name that depends on x through its subscript is the unknown ∂_x Z_θ.
    /// </summary>
    private Expr? AbstractRule(Expr node, Sym x, Func<Expr, Expr> derive)
    {
        switch (node)
        {
            case Apply ap when IsAbstract(ap):
                {
                    var terms = new List<Expr>();
                    var args = ap.Args.ToArray();
                    if (NamesVariable(Ex.Apply(ap.Name), x)) terms.Add(Ex.Apply(AbstractDerivatives.OfNamedVariable(ap.Name, x.Name), args));
                    for (int k = 0; k < args.Length; k++)
                    {
                        var d = derive(args[k]);
                        if (!d.IsZero) terms.Add(Ex.Mul(Ex.Apply(AbstractDerivatives.OfArgument(ap.Name, k, args.Length), args), d));
                    }
                    return Ex.Add(terms);
                }
            case Sym s when !s.Equals(x) && (NamesVariable(s, x) || IsDependent(s)):
                return Ex.Apply(AbstractDerivatives.OfNamedVariable(s.Name, x.Name));
            default:
                return null;
        }
    }

    /// <summary>An integral over finite limits of a formula: differentiated under the integral sign (Leibniz).</summary>
    private bool IsDifferentiableIntegral(Expr e) =>
        e is SymKl.Symbolic.Integral i && Differentiator.IsFinite(i.Lower) && Differentiator.IsFinite(i.Upper) && !Traversal.Any(i.Body, n => IsOpaque(n) && !(n is Apply ap && IsAbstract(ap)));

    private bool BlocksDerivative(Expr e) => IsOpaque(e) && !IsDifferentiableIntegral(e) && !(e is Apply ap && IsAbstract(ap));

    /// <summary>
    /// ∂𝔼[f]/∂λ, d/dθ 𝔼[g(X)]: an expectation written with no law, whose body does not involve the variable. Read literally its
    /// derivative is 0, which holds only if the unstated law does not move with the variable (in a text about p_λ it does).
    /// The text of the first such expectation, or null. A body in the variable (𝔼[(y − wx)²] by w) is differentiated inside.
    /// </summary>
    private string? OpenLawExpectation(SyntaxNode at, IReadOnlyList<Sym> variables)
    {
        foreach (var e in at.DescendantsAndSelf().OfType<Syntax.Expectation>())
        {
            if (e.Subscript is not null) continue;
            var body = Bind(e.Body);
            if (body is null) continue;
            var expanded = _context.Expand?.Invoke(body) ?? body;
            var free = Traversal.FreeSymbols(expanded);
            if (!variables.Any(v => free.Contains(v) || Traversal.Any(expanded, n => n is Apply a && OpaqueTerms.NamesVariable(a, v)))) return Quote(e);
        }
        return null;
    }

    /// <summary>Something in e whose derivative SymKl cannot take (with sums over formulas taken apart term by term).</summary>
    private bool Blocks(Expr e, IReadOnlyList<Sym> variables) => FirstBlocking(e, variables) is not null;

    private Expr FirstOpaque(Expr e, IReadOnlyList<Sym> variables) => FirstBlocking(e, variables) ?? e;

    private Expr? FirstBlocking(Expr e, IReadOnlyList<Sym> variables)
    {
        if (e is Summation sum && !variables.Contains(sum.Variable))
        {
            // Σ_k f_k: differentiated term by term; inside, a function nothing defines only blocks when it involves the variable.
            Expr? found = null;
            Traversal.Any(sum.Body, node =>
            {
                var blocks = node is Apply ap
                    ? !IsAbstract(ap) && Traversal.FreeSymbols(ap).Any(s => variables.Any(v => SameFamily(s, v, sum.Variable))) || variables.Any(v => OpaqueTerms.NamesVariable(ap, v))
                    : node is BinderNode or Functional && node is not Summation && !IsDifferentiableIntegral(node);
                if (blocks) found = node;
                return blocks;
            });
            return found;
        }
        if (BlocksDerivative(e)) return e;
        foreach (var c in e.Children)
            if (FirstBlocking(c, variables) is { } inner) return inner;
        return null;
    }

    /// <summary>
    /// A member of a variable's indexed family at another plain letter (w_j beside the variable w_i) that no sum, product or
    /// integral binds, in the operand or around the derivative: a member at a number (w_1 by w_i), at the same letter, or at
    /// a sum's index is not one.
    /// </summary>
    private (string Variable, string Member)? OtherFreeMember(Expr e, IReadOnlyList<Sym> variables)
    {
        var bound = new HashSet<string>(_enclosingIndices, StringComparer.Ordinal);
        Traversal.Any(e, n =>
        {
            if (n is BinderNode && n.Children.Count > 1 && n.Children[1] is Sym index) bound.Add(index.Name);
            return false;
        });
        var free = Traversal.FreeSymbols(e);
        foreach (var v in variables)
        {
            if (IndexedFamily(v) is not { } family || !IsLetterIndex(family.Key)) continue;
            foreach (var s in free)
                if (!s.Equals(v) && IndexedFamily(s) is { } other && other.Base == family.Base && IsLetterIndex(other.Key) && other.Key != family.Key && !bound.Contains(other.Key)
                    && !_apartIndices.Contains((other.Key, family.Key)) && !_apartIndices.Contains((family.Key, other.Key)))
                    return (LatexPrinter.Print(v), LatexPrinter.Print(s));
        }
        return null;

        // The letters that name an index far more often than a count or a limit (w_m, x_n: the last member).
        static bool IsLetterIndex(string key) => key is "i" or "j" or "k" or "l";
    }

    /// <summary>s is v, or the member of v's indexed family at the sum's index (θ_k beside θ_j, summing over k).</summary>
    private static bool SameFamily(Sym s, Sym v, Sym index) =>
        s.Equals(v) || IndexedFamily(v) is { } family && s.Name == family.Base + "_" + index.Name;

    /// <summary>θ_j → (θ, j): a symbol whose subscript is one plain name or an integer.</summary>
    private static (string Base, string Key)? IndexedFamily(Sym v)
    {
        var cut = v.Name.LastIndexOf('_');
        if (cut <= 0 || cut == v.Name.Length - 1) return null;
        var key = v.Name.Substring(cut + 1);
        if (key.Any(c => c is '{' or '}' or ',' or '_' or '^')) return null;
        var head = v.Name.Substring(0, cut);
        return head.Count(c => c == '{') == head.Count(c => c == '}') ? (head, key) : null;
    }

    /// <summary>
    /// d/dx of Σ_k f(k): term by term, Σ_k ∂f/∂x; and when x is θ_j of an indexed family written θ_k in the summand,
    /// the term k = j as well (∂/∂θ_j Σ_k θ_k T_k = T_j), j taken to be among the values the sum runs over. The bound
    /// index is renamed first, so that Σ_j θ_j T_j differentiated by θ_j (the same letter outside) reads the same way.
    /// </summary>
    private Expr? SumRule(Expr node, Sym x, Func<Expr, Expr> derive)
    {
        if (node is not Summation sum) return null;
        var family = IndexedFamily(x);
        var k = sum.Variable;
        var body = sum.Body;
        if (family is { } clash && clash.Key == k.Name)
        {
            // Σ_j θ_j T_j by θ_j: the bound j is another letter, one the summand and x do not use.
            var used = new HashSet<string>(Traversal.FreeSymbols(sum.Body).Concat([x]).SelectMany(v => new[] { v.Name, IndexedFamily(v)?.Key ?? "" }), StringComparer.Ordinal);
            if (IndexLetters.FirstOrDefault(letter => !used.Contains(letter)) is not { } free) return null;
            k = Ex.Sym(free);
            body = RenameIndex(sum.Body, sum.Variable, free, k);
        }
        var inner = Differentiator.Derivative(body, x, Rule, DependsOn);
        var termwise = inner.IsZero ? Ex.Zero : Ex.Summation(inner, k, sum.Lower, sum.Upper);
        if (family is not { } f) return termwise;
        var member = Ex.Sym(f.Base + "_" + k.Name);
        if (!Traversal.FreeSymbols(body).Contains(member)) return termwise;
        var at = int.TryParse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Ex.Num(number) : (Expr)Ex.Sym(f.Key);
        // The term k = j differentiated whole, less what the termwise part already counts for it (through an inner sum over
        // the family, Σ_j y_j log(e^{z_j}/Σ_k e^{z_k}) by z_i: the inner sum's share was counted twice).
        var diagonal = Ex.Sub(Differentiator.Derivative(RenameIndex(body, k, f.Key, at), x, Rule, DependsOn), RenameIndex(inner, k, f.Key, at));
        return Ex.Add(termwise, diagonal);
    }

    /// <summary>A sum in e whose summand holds a member of x's indexed family at its index (θ_k under Σ_k, for x = θ_j).</summary>
    private static bool HasFamilyMember(Expr e, Sym x) =>
        IndexedFamily(x) is { } family && Traversal.Any(e, n => n is Summation s && Traversal.FreeSymbols(s.Body).Any(v => v.Name == family.Base + "_" + s.Variable.Name));

    private static readonly string[] IndexLetters = ["k", "l", "m", "r", "s", "t", "u", "v", "w", "q"];

    /// <summary>The summand with its index renamed: the index symbol becomes <paramref name="value"/>, and θ_k, T_k(…) become θ_key, T_key(…).</summary>
    private static Expr RenameIndex(Expr e, Sym index, string key, Expr value) => Ex.Map(e, x => x switch
    {
        Sym s when s.Equals(index) => value,
        Sym s when s.Name.EndsWith("_" + index.Name, StringComparison.Ordinal) && s.Name.Length > index.Name.Length + 1 => Ex.Sym(s.Name.Substring(0, s.Name.Length - index.Name.Length) + key),
        Apply a when a.Name.EndsWith("_" + index.Name, StringComparison.Ordinal) && a.Name.Length > index.Name.Length + 1 => Ex.Apply(a.Name.Substring(0, a.Name.Length - index.Name.Length) + key, a.Args.ToArray()),
        _ => x,
    });

    // ------------------------------------------------------------ integrals, sums, expectations

    private Expr? BindLimit(SyntaxNode? node)
    {
        if (node is null) return null;
        _limits++;
        try
        {
            return Bind(node);
        }
        finally
        {
            _limits--;
        }
    }

    /// <summary>
    /// X when the integrand never mentions the integration variable x but applies a function to X (or x for dX): the
    /// other case of the same letter, written as a density's or function's argument.
    /// </summary>
    private static Sym? CaseSwappedArgument(Expr body, Sym variable)
    {
        var name = variable.Name;
        if (name.Length != 1 || !char.IsLetter(name[0])) return null;
        var other = char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) : char.ToUpperInvariant(name[0]);
        if (other == name[0]) return null;
        var free = Traversal.FreeSymbols(body);
        if (free.Any(s => s.Name == name)) return null;
        var swapped = Ex.Sym(other.ToString());
        return Traversal.Any(body, x => x is Apply ap && ap.Args.Any(a => a.Equals(swapped))) ? swapped : null;
    }

    private Expr? BindIntegral(Syntax.Integral i)
    {
        if (i.Kind == "oint") return Unsupported(i, "a contour integral");
        var body = i.Body is null ? Ex.One : Bind(i.Body);
        IntegralDomain? domain = i.Lower is not null && i.Upper is null ? WholeDomain(i) : null;
        if (domain is IntegralDomain.NotWhole) return null;
        var lower = domain is null ? BindLimit(i.Lower) : null;
        var upper = BindLimit(i.Upper);
        if (domain is null && (i.Lower is null) != (i.Upper is null)) return Unsupported(i, "an integral with only one limit");
        if ((i.Lower is not null && domain is null && lower is null) || (i.Upper is not null && upper is null)) return null;
        var variables = new List<Sym>();
        Expr? substituted = null;
        foreach (var d in i.Differentials)
        {
            var written = d.Variable is Group { Body: var inside } ? inside : d.Variable;
            if (written is Identifier id) variables.Add(Ex.Sym(Name(id)));
            else if (i.Differentials.Count == 1 && body is not null && SubstitutedDifferential(written, body, lower, upper) is { } substitution)
                (substituted, variables) = (substitution.Factor, [substitution.Variable]);
            else return Unsupported(d, "the differential of something that is not a name");
        }
        if (body is null) return null;
        // ∫ f d(g(u)) = ∫ f g'(u) du: the differential of an expression, a substitution written in place.
        if (substituted is not null) body = Ex.Mul(body, substituted);
        if (variables.Count == 0)
        {
            // \int q(z) \log \frac{q(z)}{p(z)} without dz: integrate over the one variable all its densities share.
            var inferred = SharedDensityArgument(body);
            var why = " (the variable of the densities in its integrand)";
            if (inferred is null && FormulaIntegralVariable() is { } written && Traversal.FreeSymbols(body).Contains(written))
                (inferred, why) = (written, " (the variable of every other integral in the formula, which writes d" + written.Name + ")");
            // \int_{-\infty}^{\infty} \frac{1}{\sqrt{2\pi}} e^{-x^2/2} after p(x) = …: the one symbol of the integrand the
            // document writes its densities in.
            if (inferred is null && Traversal.FreeSymbols(body).Where(s => _context.IsDensityVariable?.Invoke(s.Name) == true).ToList() is [var densityVariable])
                (inferred, why) = (densityVariable, " (the variable the document's densities are written in)");
            if (inferred is null) return Unsupported(i, "an integral without a differential (write dx)");
            Warn(i, DiagnosticCodes.InferredVariable, "the integral has no differential: read as integrating over " + inferred.Name + why);
            variables.Add(inferred);
        }
        if (variables.Count == 1 && CaseSwappedArgument(body, variables[0]) is { } swapped)
        {
            // -\int f(X) \log f(X)\, dx: the random variable's capital written for the integration variable; integrating a
            // function of a fixed X over all x has no meaning, so X is read as x.
            Warn(i, DiagnosticCodes.InferredVariable, "the integrand is written in " + swapped.Name + " but the differential is d" + variables[0].Name + ": read " + swapped.Name + " as " + variables[0].Name);
            var v = variables[0];
            body = Ex.Map(body, x => x.Equals(swapped) ? v : x);
        }
        if (variables.Count > 1 && (lower is not null || domain is not null)) return Unsupported(i, "limits on a multiple integral");
        // ∫ e^{−x²/2} dx = x e^{−x²/2} + ∫ x² e^{−x²/2} dx: with x also outside the integrals, ∫ … dx is an antiderivative,
        // defined only up to a constant, not an integral over the whole space.
        // (Not with a function of x in the integrand, ∫ p(x) log p(x) dx beside −log p(x) − βx: there x outside is the point of a
        // functional derivative, and the integral is over the support.)
        if (i.Lower is null && i.Upper is null && variables.Count == 1 && !Traversal.Any(body, n => n is Apply) && VariableOutsideIntegrals(variables[0].Name))
            return Unsupported(i, "an indefinite integral (an antiderivative in " + variables[0].Name + ", defined only up to a constant, since " + variables[0].Name + " also stands outside the integrals)");
        if (domain is IntegralDomain.RealLine)
            (lower, upper) = (Ex.Neg(Ex.Infinity), Ex.Infinity);
        else if (domain is IntegralDomain.OtherSet || (domain is IntegralDomain.Support or IntegralDomain.VariableName && !HasDensityOf(body, variables[0])))
            return SetIntegral(i, variables[0], body);
        else if (domain is not null)
        {
            // \int_{\mathcal{S}} f \log f: the support of the density in the integrand, which the kernel's unbounded ∫ is over.
            if (domain is IntegralDomain.VariableName && Name((Identifier)i.Lower!) != variables[0].Name)
                return Unsupported(i, "an integral under " + Quote(i.Lower!) + " over d" + variables[0].Name);
            Warn(i, DiagnosticCodes.InferredVariable, "read the integral over " + Quote(i.Lower!) + " as over the whole support of the density of " + variables[0].Name);
        }
        var result = body;
        foreach (var v in variables) result = Ex.Integral(result, v, lower, upper);
        return result;
    }

    /// <summary>
    /// What a single set under ∫ is: the real line, the support (or whole space) of the variable, a set the text names
    /// without saying what it is (\int_A, \int_{z \in \mathcal{X}}), or something else (reported).
    /// </summary>
    private enum IntegralDomain { RealLine, Support, VariableName, OtherSet, NotWhole }

    /// <summary>
    /// ∫ over a set the text does not describe, or over the support of a variable when the integrand has no density of it
    /// (\int_{x \in \mathcal{X}} e^{\lambda - 1} dx): not a value SymKl can compute, but linear in the integrand, so it is read
    /// as unknown values (<see cref="OpaqueTerms.SetIntegral"/>); a step is then decided only when it holds whatever they are.
    /// </summary>
    private Expr SetIntegral(Syntax.Integral i, Sym variable, Expr body)
    {
        var set = i.Lower is Syntax.Relation { Operands.Count: 2 } r && r.Operators[0].Kind == RelationKind.In && r.Operands[0] is Identifier v && Name(v) == variable.Name
            ? r.Operands[1]
            : i.Lower!;
        var scope = set is Identifier id && Name(id) == variable.Name ? variable.Name : variable.Name + " \\in " + ScopeText(set);
        Warn(i, DiagnosticCodes.InferredVariable, "read the integral over " + Quote(i.Lower!) + " as an unknown value, linear in its integrand (the text does not say what the set is, nor is the integrand weighted by a density of " + variable.Name + ")");
        return OpaqueTerms.SetIntegral(scope, variable, body);
    }

    /// <summary>
    /// \int_{\mathbb{R}}, \int_{x \in \mathbb{R}} (the real line); \int_{\mathcal{S}}, \int_{\mathcal{X}} (for dx), \int_\Omega,
    /// \int_x (the whole space of the variable: the density's support). Any other set (\int_A, \int_{\mathbb{R}^d}) may be a
    /// part of the space: reported and NotWhole.
    /// </summary>
    private IntegralDomain WholeDomain(Syntax.Integral i)
    {
        var set = i.Lower!;
        if (set is Syntax.Relation { Operands.Count: 2 } r && r.Operators[0].Kind == RelationKind.In && !r.Operators[0].Negated && r.Operands[0] is Identifier v
            && i.Differentials is [{ Variable: Identifier dv }] && Name(dv) == Name(v) && r.Operands[1] is not Syntax.Relation)
            set = r.Operands[1];
        var letter = i.Differentials is [{ Variable: Identifier { Name.Length: 1 } d }] ? d.Name.ToUpperInvariant() : null;
        switch (set)
        {
            case Identifier { Name: "R", Style: NameStyle.Blackboard, Subscript: null, Primes: 0 }:
                return IntegralDomain.RealLine;
            case Identifier { Subscript: null, Primes: 0, Decoration: null, Accent: null } s
                when (s.Style is NameStyle.Calligraphic or NameStyle.Script && (s.Name == "S" || s.Name == letter))
                     || (s.Style == NameStyle.Normal && s.Name == "Omega"):
                return IntegralDomain.Support;
            case Identifier { Subscript: null, Primes: 0, Decoration: null, Accent: null, Style: NameStyle.Normal } s when set == i.Lower && s.Name.Length == 1 && char.IsLower(s.Name[0]):
                return IntegralDomain.VariableName;
            case Number or Infinity or Unary or Binary or Fraction:
                Unsupported(i, "an integral with only one limit");
                return IntegralDomain.NotWhole;
            // \int_A, \int_{\Omega_1}, \int_{z \in \mathcal{X}}: a set named, not described.
            case Identifier { Primes: 0 } named when IsSetName(named):
                return IntegralDomain.OtherSet;
            default:
                Unsupported(i, "an integral over the set " + Quote(set) + ", which may be only a part of the space (SymKl reads \\int_{\\mathbb{R}}, \\int_{\\mathcal{S}} or \\int_{\\mathcal{X}} for the whole support)");
                return IntegralDomain.NotWhole;
        }
    }

    /// <summary>
    /// A name that reads as a set: a calligraphic, script or blackboard letter other than ℝ (ℝ^d is a power, not a name),
    /// or a capital letter or \Omega, with at most a plain subscript; never a lower-case letter, which would be a value.
    /// </summary>
    private static bool IsSetName(Identifier s) =>
        s.Decoration is null && s.Accent is null
        && (s.Style is NameStyle.Calligraphic or NameStyle.Script || (s.Style == NameStyle.Blackboard && s.Name != "R")
            || (s.Style == NameStyle.Normal && (s.Name == "Omega" || (s.Name.Length == 1 && char.IsUpper(s.Name[0])))));

    /// <summary>Every term with a function of x as a factor (p(x) \log p(x), f(x) g(x)): an integrand weighted by a density of x.</summary>
    private static bool HasDensityOf(Expr body, Sym x)
    {
        var terms = body is Add sum ? (IReadOnlyList<Expr>)sum.Terms : [body];
        return terms.All(t => (t is Mul m ? (IReadOnlyList<Expr>)m.Factors : [t])
            .Any(f => (f is Pow p ? p.Base : f) is Apply ap && ap.Args.Count >= 1 && ap.Args[0].Equals(x)));
    }

    /// <summary>
    /// H(p) = -\int p(x) \log p(x) dx = -\int_{-\infty}^{\infty} \frac{1}{\sqrt{2\pi}} e^{-x^2/2} \log(…): the one variable of
    /// the integrals of the formula that write their differential (each a single plain name), or null.
    /// </summary>
    private Sym? FormulaIntegralVariable()
    {
        var names = _formula.DescendantsAndSelf().OfType<Syntax.Integral>().Where(n => !n.MissingDifferential)
            .Select(n => n.Differentials is [{ Variable: Identifier id }] ? Name(id) : null).ToList();
        return names.Count > 0 && names.All(n => n is not null && n == names[0]) ? Ex.Sym(names[0]!) : null;
    }

    /// <summary>The symbol that is the first argument of every undefined-function application in e, if there is exactly one.</summary>
    private static Sym? SharedDensityArgument(Expr e)
    {
        Sym? shared = null;
        bool ok = true;
        void Walk(Expr x)
        {
            if (x is Apply ap)
            {
                if (ap.Args.Count == 0 || ap.Args[0] is not Sym s || (shared is not null && !shared.Equals(s))) ok = false;
                else shared = s;
            }
            foreach (var c in x.Children) Walk(c);
        }
        Walk(e);
        return ok ? shared : null;
    }

    /// <summary>⌊x⌋ and ⌈x⌉ of a number are exact; of anything else the kernel has no node.</summary>
    private Expr? BindFloor(Group g, bool floor)
    {
        var x = Bind(g.Body);
        if (x is null) return null;
        if (x is not Num n) return Unsupported(g, (floor ? "the floor" : "the ceiling") + " of an expression that is not a number");
        var q = System.Numerics.BigInteger.DivRem(n.Value.Numerator, n.Value.Denominator, out var remainder);
        if (remainder.Sign < 0 && floor) q -= 1;
        if (remainder.Sign > 0 && !floor) q += 1;
        return Ex.Num(q, System.Numerics.BigInteger.One);
    }

    private const int MaxWrittenOutTerms = 1000;

    /// <summary>
    /// \prod_{i=l}^{u} f, \prod_{i} f, \prod_{x \in D} f (over the whole set, unlisted), \prod_{x \in \{a, b\}} f (written out):
    /// the kernel's indexed product, which writes out numeric limits and takes f^(u − l + 1) for an f free of i.
    /// </summary>
    private Expr? BindProductOperator(Product p)
    {
        if (ReadIndexRange(p, p.Lower, p.Upper, "a product", "a product \\prod whose index and limits cannot be read (write \\prod_{i=1}^{n} or \\prod_{i})") is not { } range) return null;
        var body = Bind(p.Body);
        if (body is null) return null;
        if (range.Listed is { } elements)
        {
            // \prod_{x \in \{0, 1\}} f = f(0) f(1)
            if (IndexedBy(body, range.Variable) is { } indexed)
                return Unsupported(p, "a product over a listed set of indexed values such as " + indexed + ", which SymKl does not write out");
            return Ex.Mul(elements.Select(e => Traversal.Substitute(body, range.Variable, e)));
        }
        if (range.AllBut is not null) return Unsupported(p, "a product over every value of " + range.Variable.Name + " but one, which SymKl does not read (the factor left out may be 0)");
        if (range.DataSet is { } set)
            return OverSamples(body, range.Variable, set, product: true) ?? Unsupported(p, "a product over a data set with no free name for its index");
        return Ex.IndexedProduct(body, range.Variable, range.Lower, range.Upper);
    }

    /// <summary>The index of Σ or ∏ and its range: i = l … u, the whole set (\sum_{x}, \sum_{x \in \mathcal{X}}), or a listed set.</summary>
    private sealed record IndexRange(Sym Variable, Expr? Lower, Expr? Upper, List<Expr>? Listed, Sym? DataSet = null, Expr? AllBut = null);

    /// <summary>D or \mathcal{D} under Σ or ∏ (x \in D): the usual name of a data set, read as its samples x_1 … x_{|D|}.</summary>
    private static bool IsDataSetName(SyntaxNode node) =>
        node is Identifier { Name: "D", Subscript: null, Primes: 0, Decoration: null, Accent: null, Style: NameStyle.Normal or NameStyle.Italic or NameStyle.Calligraphic or NameStyle.Script };

    private static readonly string[] SampleIndexNames = ["n", "i", "m", "j", "l", "s"];

    /// <summary>
    /// Σ_{x \in D} f(x) as Σ_{n=1}^{|D|} f(x_n): one fresh symbol per sample, so linearity, constants (Σ_{x \in D} c = c|D|)
    /// and weights over the data are decided by writing the sum out. Null when no index name is free.
    /// </summary>
    private static Expr? OverSamples(Expr body, Sym variable, Sym dataSet, bool product)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Traversal.Any(body, e => { if (e is Sym s) names.Add(s.Name); else if (e is Apply a) names.Add(a.Name); return false; });
        var index = SampleIndexNames.FirstOrDefault(n => n != variable.Name && n != dataSet.Name
            && !names.Any(x => x == n || x.IndexOf("_" + n, StringComparison.Ordinal) >= 0 || x.IndexOf("_{" + n, StringComparison.Ordinal) >= 0));
        if (index is null) return null;
        var i = Ex.Sym(index);
        // The n-th sample is named after the set (D_n), so Σ_{x \in D} and Σ_{y \in D} run over the same values.
        var summand = Traversal.Substitute(body, variable, Ex.Sym(dataSet.Name + "_" + index));
        var size = Ex.Abs(dataSet);
        return product ? Ex.IndexedProduct(summand, i, Ex.One, size) : Ex.Summation(summand, i, Ex.One, size);
    }

    /// <summary>Null when the range cannot be read (the problem is reported at <paramref name="at"/>).</summary>
    private IndexRange? ReadIndexRange(SyntaxNode at, SyntaxNode? lowerNode, SyntaxNode? upperNode, string what, string unreadable)
    {
        switch (lowerNode)
        {
            case Syntax.Relation { Operands.Count: 2 } r when r.Operators[0].Kind == RelationKind.Equal && !r.Operators[0].Negated && r.Operands[0] is Identifier v:
                {
                    if (upperNode is null) { Unsupported(at, what + " with a lower limit and no upper limit"); return null; }
                    var lower = BindLimit(r.Operands[1]);
                    var upper = BindLimit(upperNode);
                    return lower is null || upper is null ? null : new IndexRange(Ex.Sym(Name(v)), lower, upper, null);
                }
            case Syntax.Relation { Operands.Count: 2 } r when r.Operators[0].Kind == RelationKind.In && !r.Operators[0].Negated && r.Operands[0] is Identifier v && upperNode is null
                && IsDataSetName(r.Operands[1]):
                Warn(at, DiagnosticCodes.InferredVariable, "read " + what + " over " + Name(v) + " \\in " + Quote(r.Operands[1]) + " as over the samples D_1 … D_{|D|} of a data set " + Quote(r.Operands[1]));
                return new IndexRange(Ex.Sym(Name(v)), null, null, null, Ex.Sym(Name((Identifier)r.Operands[1])));
            case Syntax.Relation { Operands.Count: 2 } r when r.Operators[0].Kind == RelationKind.In && !r.Operators[0].Negated && r.Operands[0] is Identifier v && upperNode is null:
                return new IndexRange(Ex.Sym(Name(v)), null, null, ListedSet(r.Operands[1]));
            case Syntax.Relation { Operands.Count: 2 } r when r.Operators[0].Kind == RelationKind.Equal && r.Operators[0].Negated && r.Operands[0] is Identifier v && upperNode is null:
                {
                    // \sum_{j \neq y_i}: over every value of j but one (ExprBinder.ExcludedIndex.cs).
                    var excluded = Bind(r.Operands[1]);
                    return excluded is null ? null : new IndexRange(Ex.Sym(Name(v)), null, null, null, AllBut: excluded);
                }
            case Syntax.Relation { Operands.Count: 2 } r when r.Operators[0].Kind == RelationKind.Equal && r.Operators[0].Negated && r.Operands[0] is Identifier v && IsIndexLetter(v)
                && upperNode is Identifier { Subscript: null } or Number:
                {
                    // \sum_{j \neq i}^{p}: j = 1 … p but i, read like \sum_j^p (from 1).
                    var excluded = Bind(r.Operands[1]);
                    var upper = BindLimit(upperNode);
                    if (excluded is null || upper is null) return null;
                    Warn(at, DiagnosticCodes.InferredVariable, "read " + what + " over " + Name(v) + " \\neq " + Quote(r.Operands[1]) + " up to " + Quote(upperNode) + " as over " + Name(v) + " = 1 … " + Quote(upperNode) + " but " + Quote(r.Operands[1]));
                    return new IndexRange(Ex.Sym(Name(v)), Ex.One, upper, null, AllBut: excluded);
                }
            case Identifier v when upperNode is null:
                return new IndexRange(Ex.Sym(Name(v)), null, null, null);
            case Identifier v when IsIndexLetter(v) && upperNode is Identifier { Subscript: null } or Number or Infinity:
                {
                    // \sum_i^N: the index runs from 1 to N (the usual reading of an index written without a start).
                    var upper = BindLimit(upperNode);
                    if (upper is null) return null;
                    Warn(at, DiagnosticCodes.InferredVariable, "read " + what + " over " + Name(v) + " with no start value as " + Name(v) + " = 1 … " + Quote(upperNode));
                    return new IndexRange(Ex.Sym(Name(v)), Ex.One, upper, null);
                }
            case Identifier v when IsIndexLetter(v):
                Unsupported(at, what + " over " + Name(v) + " with an upper limit " + Quote(upperNode!) + " and no start value (it may start at 0 or 1: write " + Name(v) + "=1 or " + Name(v) + "=0)");
                return null;
            default:
                Unsupported(at, unreadable);
                return null;
        }
    }

    /// <summary>A symbol written with the index as its subscript (x_i under Σ_i or Π_i): one name to the kernel, not a family of values.</summary>
    private static string? IndexedBy(Expr body, Sym index) =>
        Traversal.FreeSymbols(body).FirstOrDefault(s => s.Name.EndsWith("_" + index.Name, StringComparison.Ordinal) || s.Name.Contains("_" + index.Name + "_"))?.Name;

    /// <summary>The elements of a set written out: \{0, 1\}, \{1, 2, 3\} (numbers or expressions; no ellipsis).</summary>
    private List<Expr>? ListedSet(SyntaxNode node)
    {
        if (node is not Group { Left: Bracket.Brace, Right: Bracket.Brace } g) return null;
        var items = g.Body is Sequence seq ? seq.Items : new[] { g.Body };
        if (g.Body is Sequence sq && sq.Separators.Any(s => s.Text != ",")) return null;
        if (items.Any(i => i is Ellipsis) || items.Count > MaxWrittenOutTerms) return null;
        return BindAll(items);
    }

    private static readonly string[] FreshIndexNames = ["x", "y", "z", "u", "w", "k"];

    /// <summary>
    /// Σ with nothing under it. \sum p_i \log p_i: over the one index its values are written with (as \sum_i). \sum p \log p:
    /// over the support of the one distribution it names (as \sum_x p(x) \log p(x)). Anything else names no range.
    /// </summary>
    private Expr? BindSumWithoutIndex(Sum s)
    {
        var names = s.Body.DescendantsAndSelf().OfType<Identifier>().ToList();
        var subscripts = new HashSet<SyntaxNode>(names.Select(n => n.Subscript).OfType<SyntaxNode>(), SameNode.Instance);
        var indices = names.Where(n => n.Subscript is Identifier sub && IsIndexLetter(sub)).Select(n => Name((Identifier)n.Subscript!)).Distinct().ToList();
        if (indices.Count > 1)
            return Unsupported(s, "a sum with no index whose summand is written with several indices (" + string.Join(", ", indices) + ")");
        var inner = new HashSet<string>(s.Body.DescendantsAndSelf().Where(n => n is Sum or Product).Select(n => n is Sum sm ? sm.Lower : ((Product)n).Lower)
            .SelectMany(l => l is null ? Enumerable.Empty<Identifier>() : l.DescendantsAndSelf().OfType<Identifier>()).Select(Name), StringComparer.Ordinal);
        if (indices.Count == 1 && inner.Contains(indices[0]))
            return Unsupported(s, "a sum with no index whose summand's index " + indices[0] + " belongs to an inner sum");
        if (indices.Count == 1)
        {
            var index = indices[0];
            // i also used on its own (\sum p_i \cdot i) would still be this index; a different use of the letter would not.
            var body = BindUnder(index, s.Body);
            if (body is null) return null;
            Warn(s, DiagnosticCodes.InferredVariable, "the sum has no index: read as over " + index + " (the index its values are written with)");
            return WithDiagonal(s, body, Ex.Sym(index), b => Ex.Summation(b, Ex.Sym(index), null, null));
        }
        var densities = names.Where(n => !subscripts.Contains(n) && n.Name is "p" or "q" or "P" or "Q" && n.Style is NameStyle.Normal or NameStyle.Italic or NameStyle.Roman)
            .Select(Name).Distinct().ToList();
        if (densities.Count != 1)
            return Unsupported(s, densities.Count == 0
                ? "a sum with no index whose summand names no indexed value and no distribution (write \\sum_{i=1}^{N} or \\sum_{x})"
                : "a sum with no index over several distributions (" + string.Join(", ", densities) + "): their common support is not written (write \\sum_{x})");
        var density = densities[0];
        if (_context.KnowsVariable(density)) return Unsupported(s, "a sum with no index whose " + density + " is a plain value in this document");
        // The variable its densities are written in (p(x)), else a fresh one for a bare p.
        var calls = s.Body.DescendantsAndSelf().OfType<LatexCall>().Where(c => c.Callee is Identifier ci && Name(ci) == density).ToList();
        var variables = calls.Select(c => c.Arguments is [Identifier a] && c.Separators.Count == 0 ? Name(a) : null).Distinct().ToList();
        if (variables.Count > 1 || variables.Any(v => v is null))
            return Unsupported(s, "a sum with no index over " + density + " written with different or several arguments");
        var bound = Bind(s.Body);
        if (bound is null) return null;
        var free = new HashSet<string>(Traversal.FreeSymbols(bound).Select(x => x.Name), StringComparer.Ordinal);
        var variable = variables.Count == 1 ? variables[0]! : FreshIndexNames.FirstOrDefault(n => !free.Contains(n) && !PlainNames().Contains(n));
        if (variable is null) return Unsupported(s, "a sum with no index over " + density + ": no free name for its variable");
        var x = Ex.Sym(variable);
        var summand = Traversal.Substitute(bound, Ex.Sym(density), Ex.Apply(density, x));
        Warn(s, DiagnosticCodes.InferredVariable, "the sum has no index: read as over the support of " + density + " (\\sum_" + variable + " with " + density + "(" + variable + "))");
        return Ex.Summation(summand, x, null, null);
    }

    /// <summary>Indices of the sums being bound that the sum's range keeps apart from a name (Σ_{j ≠ i}: j ≠ i).</summary>
    private readonly List<(string Index, string Other)> _apartIndices = new();

    /// <summary>The summand of Σ_{j ≠ c} f_j, bound knowing that j is never c (a derivative by z_c of z_j is 0 there).</summary>
    private Expr? BindApart(string index, Expr excluded, SyntaxNode body)
    {
        if (excluded is not Sym other) return Bind(body);
        _apartIndices.Add((index, other.Name));
        try { return Bind(body); }
        finally { _apartIndices.RemoveAt(_apartIndices.Count - 1); }
    }

    /// <summary>The summand bound with its index among the enclosing ones (for derivatives by another member of a family).</summary>
    private Expr? BindUnder(string index, SyntaxNode body)
    {
        _enclosingIndices.Add(index);
        try { return Bind(body); }
        finally { _enclosingIndices.RemoveAt(_enclosingIndices.Count - 1); }
    }

    /// <summary>
    /// z_j in the operand of ∂/∂z_i under a sum over j: at the term j = i it is z_i itself (∂z_j/∂z_i is 1 there, 0 elsewhere),
    /// which a derivative of the summand alone takes for 0; the member found, or null.
    /// </summary>
    private string? MemberAtEnclosingIndex(Expr operand, IReadOnlyList<Sym> variables)
    {
        if (_enclosingIndices.Count == 0) return null;
        foreach (var v in variables)
        {
            if (IndexedFamily(v) is not { } family) continue;
            string? found = null;
            Traversal.Any(operand, n =>
            {
                var name = n switch { Sym x => x.Name, Apply a => a.Name, _ => null };
                if (name is not null && IndexedFamily(Ex.Sym(name)) is { } member && member.Base == family.Base && member.Key != family.Key && _enclosingIndices.Contains(member.Key))
                    found = name;
                return found is not null;
            });
            if (found is not null) return found;
        }
        return null;
    }

    /// <summary>While the two cases of a derivative by z_i of an expression in z_j are taken (no split inside them).</summary>
    private bool _splittingDiagonal;

    /// <summary>The marker δ(j, i) of a derivative by z_i of an expression in z_j: 1 at the term j = i of the sum over j, 0 elsewhere.</summary>
    private const string KroneckerName = "\u27e6\u03b4\u27e7";

    /// <summary>
    /// ∂/∂z_i of f(z_j) under Σ_j: the derivative with z_j apart from z_i (every term j ≠ i), plus δ(j, i) times what the
    /// term j = i adds (f written at i, differentiated, less the first case at i). The sum around resolves δ
    /// (<see cref="WithDiagonal"/>). One variable, with an index that is a letter or a whole number; null otherwise.
    /// </summary>
    private Expr? DiagonalSplit(SyntaxNode at, Expr expanded, IReadOnlyList<Sym> variables, string member)
    {
        if (variables.Count != 1 || IndexedFamily(variables[0]) is not { } family || IndexedFamily(Ex.Sym(member)) is not { } written) return null;
        var key = family.Key;
        Expr value = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Ex.Num(number) : Ex.Sym(key);
        if (value is Sym && !IsIndexName(key)) return null;
        var index = Ex.Sym(written.Key);
        _splittingDiagonal = true;
        try
        {
            var apart = Differentiate(at, expanded, variables, writtenAsName: false);
            var diagonal = Differentiate(at, RenameIndex(expanded, index, key, value), variables, writtenAsName: false);
            if (apart is null || diagonal is null) return null;
            return Ex.Add(apart, Ex.Mul(Ex.Apply(KroneckerName, index, value), Ex.Sub(diagonal, RenameIndex(apart, index, key, value))));
        }
        finally { _splittingDiagonal = false; }
    }

    private static bool IsIndexName(string key) => key.Length == 1 && key[0] is >= 'a' and <= 'z';

    /// <summary>
    /// The sum over <paramref name="index"/> of a summand that may hold δ(index, i) markers: the summand with δ = 0 summed (the
    /// terms j ≠ i), plus its change at the term j = i (δ = 1 there), with i taken to be among the values the sum runs over,
    /// as the sum rule of a derivative takes it. Two different i: not read.
    /// </summary>
    private Expr? WithDiagonal(SyntaxNode at, Expr body, Sym index, Func<Expr, Expr>? sum)
    {
        var keys = new List<Expr>();
        Traversal.Any(body, n =>
        {
            if (n is Apply { Name: KroneckerName, Args: [var j, var i] } && j.Equals(index) && !keys.Contains(i)) keys.Add(i);
            return false;
        });
        if (keys.Count == 0) return sum is null ? body : sum(body);
        if (sum is null || keys.Count > 1)
            return Unsupported(at, "a sum whose terms are differentiated by a member of their own family at " + (keys.Count > 1 ? "several indices" : "an index this kind of sum does not read"));
        var key = keys[0];
        var keyName = key is Sym ks ? ks.Name : LatexPrinter.Print(key);
        Expr Delta(Expr e, Expr v) => Ex.Map(e, n => n is Apply { Name: KroneckerName, Args: [var j, _] } && j.Equals(index) ? v : n);
        var apart = Delta(body, Ex.Zero);
        var at1 = RenameIndex(Delta(body, Ex.One), index, keyName, key);
        return Ex.Add(sum(apart), Ex.Sub(at1, RenameIndex(apart, index, keyName, key)));
    }

    /// <summary>
    /// \sum_{x, y} f (two to four plain index letters, no limits): the sum over each, nested (Σ_x Σ_y f), every one over
    /// its whole unspecified range. Null when the subscript is no such list (then it is read as one index or reported).
    /// </summary>
    private Expr? SeveralIndices(Sum s)
    {
        if (s.Upper is not null || s.Lower is not Sequence { Items.Count: >= 2 and <= 4 } list || list.Separators.Any(p => p.Text != ",")
            || !list.Items.All(i => i is Identifier v && IsIndexLetter(v))) return null;
        var names = list.Items.Select(i => Name((Identifier)i)).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count) return null;
        foreach (var n in names) _enclosingIndices.Add(n);
        Expr? body;
        try { body = Bind(s.Body); }
        finally { _enclosingIndices.RemoveRange(_enclosingIndices.Count - names.Count, names.Count); }
        if (body is null) return null;
        for (var k = names.Count - 1; k >= 0; k--) body = Ex.Summation(body, Ex.Sym(names[k]));
        return body;
    }

    /// <summary>A plain one-letter Latin name (i, j, k, n, t, x): what an index under Σ or ∏ is written as.</summary>
    private static bool IsIndexLetter(Identifier v) =>
        v is { Name.Length: 1, Subscript: null, Primes: 0, Decoration: null, Accent: null } && v.Name[0] is >= 'a' and <= 'z';

    /// <summary>\sum_{i=1}^{N}, \sum_i^N (i = 1 … N), \sum_{x}, \sum_{x \in \mathcal{X}} (the whole support), \sum p \log p.</summary>
    private Expr? BindSum(Sum s)
    {
        if (s.Lower is null && s.Upper is null) return BindSumWithoutIndex(s);
        if (SeveralIndices(s) is { } nested) return nested;
        if ((IsConditionIndex(s) ? ConditionRange(s) : BinomialRange(s) ?? ReadIndexRange(s, s.Lower, s.Upper, "a sum", "a sum whose index cannot be read (write \\sum_{i=1}^{N} or \\sum_{x})")) is not { } range) return null;
        // Σ_{j≠i}: the one value a derivative by z_i could meet is left out, so z_j stays apart from z_i there.
        var body = range.AllBut is null ? BindUnder(range.Variable.Name, s.Body) : BindApart(range.Variable.Name, range.AllBut, s.Body);
        if (body is null) return null;
        var plain = range.Listed is null && range.DataSet is null && range.AllBut is null;
        if (!plain && WithDiagonal(s, body, range.Variable, null) is null) return null;
        if (plain) return WithDiagonal(s, body, range.Variable, b => Ex.Summation(b, range.Variable, range.Lower, range.Upper));
        if (range.Listed is { } elements)
        {
            // \sum_{x \in \{0, 1\}} f = f(0) + f(1)
            if (IndexedBy(body, range.Variable) is { } indexed)
                return Unsupported(s, "a sum over indexed values such as " + indexed + ", which SymKl does not model yet");
            return Ex.Add(elements.Select(e => Traversal.Substitute(body, range.Variable, e)));
        }
        if (range.DataSet is { } set)
            return OverSamples(body, range.Variable, set, product: false) ?? Unsupported(s, "a sum over a data set with no free name for its index");
        if (range.AllBut is { } excluded) return AllButOne(s, body, range.Variable, excluded, range.Lower, range.Upper);
        return Ex.Summation(body, range.Variable, range.Lower, range.Upper);
    }

    /// <summary>
    /// \mathbb{E}_{x \sim p(x)}[f] (variable x, distribution p(x)), \mathbb{E}_{q(z)}[f], \mathbb{E}_{x \sim \mathcal{N}(\mu, \sigma^2)}[f],
    /// \mathbb{E}_q[f(z)] (the variable is the argument of q in the body).
    /// </summary>
    private Expr? BindExpectation(Syntax.Expectation e)
    {
        Sym? variable = null;
        Expr? distribution = null;
        switch (e.Subscript)
        {
            case null:
                return BindPlainExpectation(e);
            case Syntax.Relation { Operands.Count: 2 } r when r.Operators[0].Kind == RelationKind.Sim && !r.Operators[0].Negated && r.Operands[0] is Identifier v:
                variable = Ex.Sym(Name(v));
                distribution = DensityExpression(r.Operands[1]);
                break;
            // ⟨y⟩_{Gam(a, b)}: the subscript is a named law of the body's one variable, its arguments the law's parameters.
            case LatexCall { Callee: Identifier lawName } law when NamesLaw(lawName) && DrawnFromLaw(e.Body, law) is { } drawn:
                variable = Ex.Sym(drawn);
                distribution = DensityExpression(law);
                break;
            case LatexCall { Callee: Identifier } call when call.Arguments.Count >= 1 && call.Arguments[0] is Identifier v:
                variable = Ex.Sym(Name(v));
                distribution = DensityExpression(call);
                break;
            case Identifier q:
                {
                    string name = Name(q);
                    var use = e.Body.DescendantsAndSelf().OfType<LatexCall>()
                        .FirstOrDefault(c => c.Callee is Identifier ci && Name(ci) == name && c.Arguments.Count >= 1 && c.Arguments[0] is Identifier);
                    if (use is null)
                    {
                        // Not in the body: the variable the document defined the density in, if it did.
                        if (_context.DensityVariable?.Invoke(name) is not { } defined)
                            return WrittenLawOfConstant(e, name) ?? OpaqueExpectation(e);
                        variable = Ex.Sym(defined);
                        distribution = Ex.Apply(name, variable);
                        Warn(e, DiagnosticCodes.InferredVariable, "read the expectation over " + name + " as over " + variable.Name + " (the variable of its definition)");
                        break;
                    }
                    variable = Ex.Sym(Name((Identifier)use.Arguments[0]));
                    distribution = Ex.Apply(name, variable);
                    Warn(e, DiagnosticCodes.InferredVariable, "read the expectation over " + name + " as over " + variable.Name + " (the argument of " + name + " in its body)");
                    break;
                }
            default:
                return OpaqueExpectation(e);
        }
        var body = Bind(e.Body);
        if (body is not null && e.Subscript is Identifier && variable is not null) body = DensitiesAt(body, variable);
        return body is null || distribution is null || variable is null ? null : Ex.Expectation(body, variable, distribution);
    }

    /// <summary>Gam, \mathcal{N}, \mathrm{Bet}: a family, or a name written as laws are (upright with several letters, calligraphic).</summary>
    private bool NamesLaw(Identifier id) =>
        Families.Find(Name(id)) is not null || id.Style == NameStyle.Roman && id.Name.Length > 1 || id.Style == NameStyle.Calligraphic;

    /// <summary>
    /// The one name the body of ⟨…⟩_{law} is written in besides the law's own arguments (⟨y⟩_{Gam(a, b)}: y; ⟨(y − μ)²⟩_{𝒩(μ, σ²)}:
    /// y); null when there is none or several (⟨log 𝒩(x; μ, σ²)⟩_{𝒩(x; μ, σ²)} averages over the law's own argument x).
    /// </summary>
    private string? DrawnFromLaw(SyntaxNode body, LatexCall law)
    {
        var parameters = new HashSet<string>(law.Arguments.SelectMany(a => a.DescendantsAndSelf()).OfType<Identifier>().Select(Name), StringComparer.Ordinal);
        var callees = new HashSet<SyntaxNode>(body.DescendantsAndSelf().OfType<LatexCall>().Select(c => c.Callee), SameNode.Instance);
        var names = body.DescendantsAndSelf().OfType<Identifier>().Where(i => !callees.Contains(i)).Select(Name).Distinct(StringComparer.Ordinal).ToList();
        var drawn = names.Where(n => !parameters.Contains(n)).ToList();
        return drawn.Count == 1 ? drawn[0] : null;
    }

    /// <summary>
    /// 𝔼_q[log p(x)] with q written only as q(z) in the document: the expectation over z of something free of z is that
    /// thing, whatever q is. A body that depends on z stays opaque: q has no law here, and a stated moment of it
    /// (𝔼_q[(x − μ)²] = σ²) is read as an unknown value.
    /// </summary>
    private Expr? WrittenLawOfConstant(Syntax.Expectation e, string name)
    {
        if (_context.WrittenDensityVariable?.Invoke(name) is not { } written) return null;
        var body = Bind(e.Body);
        if (body is null) return null;
        var variable = Ex.Sym(written);
        if (Traversal.FreeSymbols(body).Any(s => s.Equals(variable) || s.Name == written.ToUpperInvariant())) return null;
        Warn(e, DiagnosticCodes.InferredVariable, "read the expectation over " + name + " as over " + written + " (the one variable the document writes " + name + " in), of something free of " + written);
        return Ex.Expectation(body, variable, Ex.Apply(name, variable));
    }

    /// <summary>
    /// 𝔼_q[log q − log p] over z: a bare density written in z (q, p defined as q(z), p(z)) is its value at z, and the
    /// capital Z is the random variable whose values z are (𝔼_q[Z²]), unless the document uses Z as a name of its own.
    /// </summary>
    private Expr DensitiesAt(Expr body, Sym variable)
    {
        var map = new Dictionary<Sym, Expr>();
        foreach (var s in Traversal.FreeSymbols(body))
        {
            if (s.Equals(variable)) continue;
            if (_context.DensityVariable?.Invoke(s.Name) == variable.Name && _context.KnowsFunction(s.Name)) map[s] = Ex.Apply(s.Name, variable);
            else if (variable.Name.Length == 1 && char.IsLower(variable.Name[0]) && s.Name == variable.Name.ToUpperInvariant()
                && !_context.KnowsVariable(s.Name) && _context.SymbolValue?.Invoke(s.Name) is null)
                map[s] = variable;
        }
        return map.Count == 0 ? body : Traversal.Substitute(body, map);
    }

    /// <summary>
    /// \mathbb{E}[f] with no subscript: over the one symbol of f that has a distribution in force (z in
    /// \mathbb{E}[(z − μ)^2] after z ∼ 𝒩(μ, σ²)); with none or several, the distribution is not known.
    /// </summary>
    private Expr? BindPlainExpectation(Syntax.Expectation e)
    {
        var body = Bind(e.Body);
        return body is null ? null : PlainExpectation(body, e);
    }

    private Expr PlainExpectation(Expr body, SyntaxNode at)
    {
        if (_context.IsRandomVariable is not { } isRandom) return OpaqueTerms.Expectation("", body);
        body = DerivedRandomVariables(body, isRandom);
        var random = Traversal.FreeSymbols(body).Where(s => isRandom(s.Name)).ToList();
        // E(\frac{1}{n} \sum_i x_i) after x_i ∼ …: each x_i is another draw, not one variable; left to the samples' law.
        if (random.Count != 1 || Traversal.Any(body, x => x is Summation s && IndexedBy(s.Body, s.Variable) is not null)) return OpaqueTerms.Expectation("", body);
        var variable = random[0];
        Warn(at, DiagnosticCodes.InferredVariable, "read the expectation as over " + variable.Name + " (the one symbol in it with a distribution)");
        // The distribution is named by the variable itself: the document's x ∼ … binds that name.
        return Ex.Expectation(body, variable, Ex.Sym(variable.Name));
    }

    /// <summary>
    /// E(X), E\left(\frac{1}{n}\sum_i x_i\right): a plain E with one argument in parentheses, in a document that uses E as
    /// the expectation operator and where no function or variable E is known.
    /// </summary>
    private bool IsExpectationCall(LatexCall c) =>
        _context.ExpectationCalls && c.Callee is Identifier { Name: "E", Subscript: null, Primes: 0, Decoration: null, Accent: null, Style: NameStyle.Normal or NameStyle.Roman }
        && c.Arguments.Count == 1 && c.Separators.Count == 0 && !_context.KnowsFunction("E") && !_context.KnowsVariable("E") && !PlainNames().Contains("E");

    /// <summary>
    /// Y = aX + b, Z = (X − μ)/σ after X ∼ 𝒩(μ, σ²): a name the document defines as a formula in a random variable is a
    /// random variable too, so inside E, Var and Cov it stands for its formula (E[Y] = aμ + b). Only names whose formula
    /// mentions a variable with a law are replaced, a bounded number of times (a definition may mention another).
    /// </summary>
    private Expr DerivedRandomVariables(Expr body, Func<string, bool> isRandom)
    {
        if (_context.SymbolValue is not { } valueOf) return body;
        for (var round = 0; round < 3; round++)
        {
            var map = new Dictionary<Sym, Expr>();
            foreach (var s in Traversal.FreeSymbols(body))
                if (!isRandom(s.Name) && valueOf(s.Name) is { } value && !Traversal.FreeSymbols(value).Contains(s) && DependsOnRandom(value, isRandom, valueOf, 3))
                    map[s] = value;
            if (map.Count == 0) return body;
            body = Traversal.Substitute(body, map);
        }
        return body;
    }

    /// <summary>Whether the value mentions a variable with a law, directly or through names it is defined by (W = 2Y, Y = X + 1).</summary>
    private static bool DependsOnRandom(Expr value, Func<string, bool> isRandom, Func<string, Expr?> valueOf, int depth) =>
        Traversal.FreeSymbols(value).Any(v => isRandom(v.Name)
            || depth > 0 && valueOf(v.Name) is { } inner && !Traversal.FreeSymbols(inner).Contains(v) && DependsOnRandom(inner, isRandom, valueOf, depth - 1));

    /// <summary>Var(X) = E[X²] − E[X]², Cov(X, Y) = E[XY] − E[X] E[Y]: over the law of X when the document gives it, else unknown values.</summary>
    private Expr? Moments(FunctionApplication fa, string f)
    {
        var items = BindAll(fa.Arguments);
        if (items is null) return null;
        if (f == "Var" && items.Count == 1)
            return Ex.Sub(PlainExpectation(Ex.Pow(items[0], Ex.Two), fa), Ex.Pow(PlainExpectation(items[0], fa), Ex.Two));
        if (f == "Cov" && items.Count == 2)
            return Ex.Sub(PlainExpectation(Ex.Mul(items[0], items[1]), fa), Ex.Mul(PlainExpectation(items[0], fa), PlainExpectation(items[1], fa)));
        return Unsupported(fa, f + " of " + items.Count.ToString(CultureInfo.InvariantCulture) + " arguments");
    }

    /// <summary>In x \sim p(x) the right side is a density: always an application, never a product.</summary>
    private Expr? DensityExpression(SyntaxNode node) => node switch
    {
        LatexCall { Callee: Identifier callee } call => Application(Name(callee), call),
        Identifier id => Ex.Sym(Name(id)),
        _ => Unsupported(node, "a distribution that is not a name or a family"),
    };
}

/// <summary>Identity comparison of nodes (records compare by value; two equal-looking names are different uses).</summary>
internal sealed class SameNode : IEqualityComparer<SyntaxNode>
{
    public static readonly SameNode Instance = new();

    public bool Equals(SyntaxNode? x, SyntaxNode? y) => ReferenceEquals(x, y);

    public int GetHashCode(SyntaxNode obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
