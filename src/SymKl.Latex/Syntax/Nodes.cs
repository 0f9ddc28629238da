namespace SymKl.Latex.Syntax;

// ---------------------------------------------------------------- atoms

/// <summary>A decimal number, kept as written ("0.5", "10"): exactness is the binder's business.</summary>
public sealed record Number(TextSpan Span, string Text) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Array.Empty<SyntaxNode>();
}

/// <summary>
/// A name: a letter, a Greek letter by name (\sigma → "sigma"), a known word ("KL"), possibly styled
/// (\mathbf{x}), subscripted (\mu_1, \sigma_{12}, q_\theta), primed (f'), decorated by a superscript
/// that is not a power (\theta^*), or accented (\hat{x}).
/// </summary>
public sealed record Identifier(
    TextSpan Span,
    string Name,
    NameStyle Style = NameStyle.Normal,
    SyntaxNode? Subscript = null,
    int Primes = 0,
    string? Decoration = null,
    string? Accent = null) : SyntaxNode(Span)
{
    /// <summary>True for a one-letter name or a Greek letter (a name that could be a factor of a product).</summary>
    public bool IsSingleSymbol => Name.Length == 1 || SymKl.Latex.Symbols.Greek.Contains(Name);

    /// <summary>True for a name written with no style, subscript, prime, decoration or accent.</summary>
    public bool IsUndecorated =>
        Style == NameStyle.Normal && Subscript is null && Primes == 0 && Decoration is null && Accent is null;

    /// <summary>True for a name written as a Greek-letter command (\sigma), not as letters.</summary>
    public bool IsGreek => SymKl.Latex.Symbols.Greek.Contains(Name);

    public override IEnumerable<SyntaxNode> Children() => Of(Subscript);
}

/// <summary>\infty</summary>
public sealed record Infinity(TextSpan Span) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Array.Empty<SyntaxNode>();
}

/// <summary>\cdots, \ldots, \dots ...</summary>
public sealed record Ellipsis(TextSpan Span) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Array.Empty<SyntaxNode>();
}

/// <summary>A symbol without algebraic meaning here (\partial, \nabla, \forall, a '*' used as exponent ...).</summary>
public sealed record MathSymbol(TextSpan Span, string Name) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Array.Empty<SyntaxNode>();
}

/// <summary>Words in \text{...} (or \mbox) that are not a name.</summary>
public sealed record Text(TextSpan Span, string Content) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Array.Empty<SyntaxNode>();
}

/// <summary>Input that could not be read; an Error diagnostic with the same span says why.</summary>
public sealed record ErrorNode(TextSpan Span, string Message) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Array.Empty<SyntaxNode>();
}

/// <summary>
/// The missing left operand of a row that begins with a relation ("&amp;= b"): the verifier chains it
/// to the last expression of the previous row. Its span is empty, at the relation.
/// </summary>
public sealed record Continuation(TextSpan Span) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Array.Empty<SyntaxNode>();
}

// ---------------------------------------------------------------- arithmetic

public sealed record Binary(TextSpan Span, BinaryOperator Operator, SyntaxNode Left, SyntaxNode Right, string Token) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Left, Right);
}

public sealed record Unary(TextSpan Span, UnaryOperator Operator, SyntaxNode Operand) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Operand);
}

/// <summary>
/// Juxtaposition: 2\pi\sigma^2, \frac{1}{2}\log x. <see cref="FromLetterRun"/> marks a product made by
/// splitting a run of letters that is not a known word ("ab" = a·b): a later step may warn about it.
/// </summary>
public sealed record ImplicitMultiplication(TextSpan Span, IReadOnlyList<SyntaxNode> Factors, bool FromLetterRun) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Factors;
}

public sealed record Fraction(TextSpan Span, SyntaxNode Numerator, SyntaxNode Denominator, FractionStyle Style) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Numerator, Denominator);
}

/// <summary>\sqrt{x}, \sqrt[n]{x}.</summary>
public sealed record Sqrt(TextSpan Span, SyntaxNode Radicand, SyntaxNode? Index) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Index, Radicand);
}

public sealed record Power(TextSpan Span, SyntaxNode Base, SyntaxNode Exponent) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Base, Exponent);
}

/// <summary>A subscript on something that is not a name ((x)_i, \|x\|_2); names keep their subscript.</summary>
public sealed record Subscript(TextSpan Span, SyntaxNode Base, SyntaxNode Index) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Base, Index);
}

/// <summary>n!</summary>
public sealed record Factorial(TextSpan Span, SyntaxNode Operand) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Operand);
}

/// <summary>An accent (or prime) on something that is not a single name: \hat{f(x)}, \overline{a+b}.</summary>
public sealed record Accented(TextSpan Span, string Accent, SyntaxNode Body) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Body);
}

/// <summary>
/// A derivative: \frac{d}{dx} f, \frac{df}{dx}, \frac{\partial^2 f}{\partial x \partial y}, \nabla_\theta f.
/// <see cref="Variables"/> holds one entry per differentiation, in the order written (d²/dx² → x, x).
/// <see cref="Operand"/> is null when nothing follows the operator. <see cref="Problem"/> says why a
/// derivative-like fraction cannot be read (orders that do not add up, mixed d and ∂); the binder reports it.
/// </summary>
/// <remarks><see cref="PowerOf"/> k: with respect to the k-th power of the one variable (\frac{\partial}{\partial \sigma^2}).
/// <see cref="Variational"/>: δJ/δp(x), the functional derivative; its one variable is the application p(x).</remarks>
public sealed record Derivative(
    TextSpan Span,
    IReadOnlyList<SyntaxNode> Variables,
    bool Partial,
    SyntaxNode? Operand,
    string? Problem = null,
    int PowerOf = 1,
    bool Variational = false) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Variables.Concat(Of(Operand));
}

// ---------------------------------------------------------------- brackets

/// <summary>A bracketed expression; Left/Right say how it was written ([0, 1) has Square and Paren).</summary>
public sealed record Group(TextSpan Span, Bracket Left, Bracket Right, SyntaxNode Body, bool Sized) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Body);
}

/// <summary>Several items with separators inside one bracket: (\mu_1, \sigma_1), \{x | x &gt; 0\}.</summary>
public sealed record Sequence(TextSpan Span, IReadOnlyList<SyntaxNode> Items, IReadOnlyList<Separator> Separators) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Items;
}

/// <summary>|x|, \lvert x \rvert, \left| x \right|.</summary>
public sealed record Abs(TextSpan Span, SyntaxNode Body) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Body);
}

/// <summary>\|x\|, \lVert x \rVert.</summary>
public sealed record Norm(TextSpan Span, SyntaxNode Body) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Body);
}

// ---------------------------------------------------------------- applications

/// <summary>
/// A name followed by a parenthesised argument list: p(x), q(z; \mu, \sigma^2), N(x|\mu,\sigma^2), KL(q || p).
/// <see cref="MayBeProduct"/>: the callee is a bare one-letter name with one plain argument, so the text
/// could equally be a product (x(x-1)); the binding step decides from context.
/// </summary>
public sealed record Call(
    TextSpan Span,
    SyntaxNode Callee,
    IReadOnlyList<SyntaxNode> Arguments,
    IReadOnlyList<Separator> Separators,
    Bracket Bracket,
    bool MayBeProduct) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Callee).Concat(Arguments);
}

/// <summary>
/// A function operator: \log, log, \ln, \exp, \sin, Var, softmax ... with an optional base (\log_2) and
/// its argument(s). <see cref="Bracket"/> is null when written without brackets (\log x, \log 2\pi).
/// </summary>
public sealed record FunctionApplication(
    TextSpan Span,
    string Function,
    SyntaxNode? Base,
    IReadOnlyList<SyntaxNode> Arguments,
    IReadOnlyList<Separator> Separators,
    Bracket? Bracket) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Base).Concat(Arguments);
}

// ---------------------------------------------------------------- big operators

/// <summary>The 'dx' of an integral (also d\mathbf{x}, \mathrm{d}x, d\theta).</summary>
public sealed record Differential(TextSpan Span, SyntaxNode Variable) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Variable);
}

/// <summary>
/// \int_a^b body dx. <see cref="Kind"/> is "int", "iint", "iiint" or "oint". <see cref="Body"/> is null
/// for \int dx. No differentials means the differential was missing (a warning was reported).
/// </summary>
public sealed record Integral(
    TextSpan Span,
    string Kind,
    SyntaxNode? Lower,
    SyntaxNode? Upper,
    SyntaxNode? Body,
    IReadOnlyList<Differential> Differentials) : SyntaxNode(Span)
{
    public bool MissingDifferential => Differentials.Count == 0;

    public override IEnumerable<SyntaxNode> Children() => Of(Lower, Upper, Body).Concat(Differentials);
}

/// <summary>\sum_{lower}^{upper} body.</summary>
public sealed record Sum(TextSpan Span, SyntaxNode? Lower, SyntaxNode? Upper, SyntaxNode Body) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Lower, Upper, Body);
}

/// <summary>\prod_{lower}^{upper} body.</summary>
public sealed record Product(TextSpan Span, SyntaxNode? Lower, SyntaxNode? Upper, SyntaxNode Body) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Lower, Upper, Body);
}

/// <summary>\mathbb{E}_{x \sim p(x)}[body], E_q[f]; Bracket is None when the body had no brackets.</summary>
public sealed record Expectation(TextSpan Span, SyntaxNode? Subscript, SyntaxNode Body, Bracket Bracket) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Subscript, Body);
}

/// <summary>argmin, argmax, min, max, sup, inf, lim ... with an under-script: \underset{\theta}{argmin} f, \lim_{n\to\infty} a_n.</summary>
public sealed record Operator(TextSpan Span, string Name, SyntaxNode? Under, SyntaxNode? Over, SyntaxNode Operand) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Under, Over, Operand);
}

// ---------------------------------------------------------------- relations and structure

/// <summary>A chain a = b = c &lt; d: n operands, n-1 relation tokens.</summary>
public sealed record Relation(TextSpan Span, IReadOnlyList<SyntaxNode> Operands, IReadOnlyList<RelationOperator> Operators) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Operands;
}

/// <summary>One line of \begin{cases}: value &amp; condition.</summary>
public sealed record CaseRow(TextSpan Span, SyntaxNode Value, SyntaxNode? Condition) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Of(Value, Condition);
}

public sealed record Cases(TextSpan Span, IReadOnlyList<CaseRow> Rows) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Rows;
}

/// <summary>A matrix-like environment (pmatrix, array, or an aligned block used inside an expression).</summary>
public sealed record Matrix(TextSpan Span, string Environment, IReadOnlyList<IReadOnlyList<SyntaxNode>> Rows) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Rows.SelectMany(r => r);
}

/// <summary>
/// One row of a display (rows are separated by \\). Items are the row's clauses: usually one relation
/// chain; several when separated at the top level by ',' or \quad or \text{...}. Alignment markers '&amp;'
/// are not in the tree; their positions are kept here.
/// </summary>
public sealed record MathRow(TextSpan Span, IReadOnlyList<SyntaxNode> Items, IReadOnlyList<TextSpan> AlignmentMarks, string? Environment) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Items;
}

/// <summary>An environment of a display (align, aligned, split ...) and the rows it holds.</summary>
public sealed record EnvironmentInfo(string Name, TextSpan BeginSpan, TextSpan? EndSpan, int FirstRow, int RowCount);

/// <summary>The content of one display or inline math block: its rows, in order, environments flattened.</summary>
public sealed record MathDocument(TextSpan Span, IReadOnlyList<MathRow> Rows, IReadOnlyList<EnvironmentInfo> Environments) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children() => Rows;
}
