using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SyntaxIntegral = SymKl.Latex.Syntax.Integral;
using SyntaxExpectation = SymKl.Latex.Syntax.Expectation;
using SyntaxPower = SymKl.Latex.Syntax.Power;
using SyntaxSum = SymKl.Latex.Syntax.Sum;
using SyntaxProduct = SymKl.Latex.Syntax.Product;

namespace SymKl.Derivations.Matrices;

/// <summary>A scalar name read as a vector after all (μ in x − μ with x a vector): the statement is read again.</summary>
internal sealed class ReclassifyException(string key, bool asMatrix = false) : Exception("read " + key + " as a " + (asMatrix ? "matrix" : "vector"))
{
    public string Key { get; } = key;
    public bool AsMatrix { get; } = asMatrix;
}

/// <summary>
/// How a gradient of a scalar by a matrix is laid out. Texts differ: the denominator layout gives ∂f/∂X the shape of X
/// ((∂f/∂X)ᵢⱼ = ∂f/∂Xᵢⱼ, so ∂ tr(AX)/∂X = Aᵀ); the numerator layout its transpose; and for a symmetric X, some texts
/// differentiate by its distinct entries (G + Gᵀ − diag G) or take the symmetric part ((G + Gᵀ)/2).
/// </summary>
internal enum GradientLayout { Denominator, Numerator, SymmetricEntries, SymmetricPart }

/// <summary>An instance this layer does not evaluate (too large for an entrywise derivative): the next dimension is tried.</summary>
internal sealed class SkippedInstanceException(string message) : Exception(message);

/// <summary>
/// Reads a statement's side in one instance: declared and inferred vectors and matrices take the instance's values,
/// scalar parts go through the scalar binder, and traces, determinants, quadratic forms, multivariate normal densities,
/// their expectations, entropies and divergences come out as scalar expressions.
/// </summary>
internal sealed partial class MatrixReader(MatrixInstance instance, StatementShapes shapes, MatrixScope scope, IBindingScope binding)
{
    private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

    /// <summary>The random vector of the expectation being read, and its law (for log p inside E_p).</summary>
    private (MatrixValue Variable, Gaussian Law)? _expectation;

    /// <summary>A density was read as 𝒩(μ_p, Σ_p) by the subscripts of its parameters, not by a definition.</summary>
    public string? Convention { get; private set; }

    /// <param name="asWritten">
    /// The density is applied to the very arguments its formula was written with (p(x | μ, L) after log p(x | μ, L) = …):
    /// reading it through the formula is the document's own definition, not a convention, so a failure stands.
    /// </param>
    private GaussianVector? Law(string key, bool asWritten = false)
    {
        if (scope.Gaussians.TryGetValue(key, out var g)) return g;
        if (scope.Conventional(key) is { } c)
        {
            Convention ??= key + " as the normal with the parameters subscripted " + key;
            return c;
        }
        if (scope.WrittenOut(key) is { } written)
        {
            // The formula may be the family's, written once with generic parameters: what holds speaks for the text, a failure may be the reading's.
            var law = Checked(key, written);
            if (!asWritten) Convention ??= key + " as the normal whose density the document writes out";
            return law;
        }
        return null;
    }

    /// <summary>Written densities checked in this instance: true when the formula is the normal's density.</summary>
    private readonly Dictionary<string, bool> _written = new(StringComparer.Ordinal);

    /// <summary>A written density is read as its normal only when its formula is that normal's density in this instance.</summary>
    private GaussianVector Checked(string key, GaussianVector g)
    {
        if (g.Written is null) return g;
        if (!_written.TryGetValue(key, out var matches))
        {
            _written[key] = false;
            _written[key] = matches = WrittenMatches(g);
        }
        if (!matches) throw new MatrixReadException("the formula the document gives for " + key + " is not the density of the normal of its quadratic form (at " + instance.Describe() + ")");
        return g;
    }

    private const int WrittenPoints = 3;

    /// <summary>The written formula against the log-density of 𝒩(m, S) at random points (dimension letters at the instance's dimension).</summary>
    private bool WrittenMatches(GaussianVector g)
    {
        if (g.Form != WrittenForm.Density && !ReferenceEquals(binding.LogBase, SymKl.Latex.Binding.LogBase.Natural)) return false;
        var x = instance.ValueOf(g.Variable!, MatrixShape.Vector(MatrixScope.Common));
        var law = Gaussian(g.Mean, g.Covariance, g.Parsed);
        var log = GaussianAlgebra.LogDensity(x, law);
        var expected = g.Form switch { WrittenForm.Density => Ex.Exp(log), WrittenForm.Log => log, _ => Ex.Neg(log) };
        if (Read(g.Written!, g.Parsed).AsScalar() is not { } formula) return false;
        var dimension = (double)law.Dimension;
        var random = new Random(law.Dimension * 7919 + 17);
        for (var point = 0; point < WrittenPoints; point++)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            double ValueOf(Sym s)
            {
                if (values.TryGetValue(s.Name, out var v)) return v;
                v = MatrixScope.DimensionLetters.Contains(s.Name) || shapes.DimensionSymbols.Contains(s.Name) || instance.Dimensions.ContainsKey(s.Name) ? dimension : Math.Round(random.NextDouble() * 3 - 1.5, 3);
                values[s.Name] = v;
                return v;
            }
            var a = new NumericEvaluator(ValueOf).Evaluate(formula);
            var b = new NumericEvaluator(ValueOf).Evaluate(expected);
            if (!a.IsDefined || !b.IsDefined || Math.Abs(a.Value - b.Value) > 1e-9 * (1 + Math.Abs(a.Value) + Math.Abs(b.Value))) return false;
        }
        return true;
    }

    public MatrixValue Read(SyntaxNode node, ParseResult parsed)
    {
        if (!VariesArguments(node)) return ReadNode(node, parsed);
        _binders++;
        try { return ReadNode(node, parsed); }
        finally { _binders--; }
    }

    private MatrixValue ReadNode(SyntaxNode node, ParseResult parsed)
    {
        // Inside ∂f/∂g(…): the expression held as the variable, wherever the operand (or a formula read through it) writes it.
        if (_held is { } held && node is not Identifier && held.Text == Spaceless(parsed.GetText(node.Span))) return MatrixValue.Of(held.Symbol);
        switch (node)
        {
            // [x, y] beside a matrix written out: a row vector written with brackets.
            case Group { Left: Bracket.Square, Right: Bracket.Square, Body: Sequence list } when shapes.HasExplicitMatrices && list.Separators.Count == list.Items.Count - 1 && list.Separators.All(s => s.Text == ","):
                return Explicit([list.Items], parsed);
            // [u\ \ 1-u] beside a matrix written out is a row whose entries are set apart by spaces, which the parse reads as
            // one product (u · 1 − u): not read at all rather than read so.
            case Group { Left: Bracket.Square } g when shapes.HasExplicitMatrices && SpacedEntries(parsed.GetText(g.Span)):
                throw new MatrixReadException("a bracketed row whose entries are set apart by spaces ('" + parsed.GetText(g.Span).Trim() + "'); write it as \\begin{bmatrix} u & 1-u \\end{bmatrix} or [u, 1-u]");
            case Group g when IsInnerProduct(g):
                return InnerProduct(g, parsed);
            // ⟨β⟩, ⟨τ⟩: an average (an expectation whose law is left to the reader), never the name itself; with a vector in it,
            // not read here.
            case Group { Left: Bracket.Angle, Right: Bracket.Angle } angle:
                return shapes.MentionsMatrices(angle, parsed)
                    ? throw new MatrixReadException("'" + parsed.GetText(angle.Span).Trim() + "', an average of a vector whose law the document does not give here")
                    : Scalar(angle, parsed);
            case Group g:
                return Read(g.Body, parsed);
            case Identifier id:
                return ReadName(id, parsed);
            case Number:
                return Scalar(node, parsed);
            case Unary { Operator: UnaryOperator.Negate } u:
                return MatrixValue.Negate(Read(u.Operand, parsed));
            case Unary { Operator: UnaryOperator.Plus } u:
                return Read(u.Operand, parsed);
            case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
                return Sum(b, parsed);
            // σ ⊙ ε: the elementwise product, never the matrix product.
            case Binary { Operator: BinaryOperator.Multiply, Token: "\\odot" } b:
                return MatrixValue.Elementwise(Read(b.Left, parsed), Read(b.Right, parsed));
            case Binary { Operator: BinaryOperator.Multiply } b:
                return Times(b.Left, Read(b.Left, parsed), b.Right, parsed);
            case Binary { Operator: BinaryOperator.Divide } b:
                return MatrixValue.Multiply(Read(b.Left, parsed), MatrixValue.Of(Ex.Pow(Read(b.Right, parsed).RequireScalar("a division"), Ex.MinusOne)));
            case ImplicitMultiplication m:
                {
                    var value = Read(m.Factors[0], parsed);
                    for (var i = 1; i < m.Factors.Count; i++) value = Times(m.Factors[i - 1], value, m.Factors[i], parsed);
                    return value;
                }
            case Fraction f:
                {
                    var numerator = Read(f.Numerator, parsed);
                    var denominator = Read(f.Denominator, parsed).RequireScalar("a fraction's denominator");
                    return MatrixValue.Multiply(numerator, MatrixValue.Of(Ex.Pow(denominator, Ex.MinusOne)));
                }
            case Sqrt { Index: null } s:
                return MatrixValue.Of(Ex.Sqrt(Read(s.Radicand, parsed).RequireScalar("a square root")));
            case SyntaxPower p:
                return Power(p, parsed);
            case Abs a:
                {
                    var body = Read(a.Body, parsed);
                    if (body.AsScalar() is { } s) return MatrixValue.Of(Ex.Abs(s));
                    if (body.IsSquare) return MatrixValue.Of(body.Determinant());
                    throw new MatrixReadException("|…| of a " + body.Shape + " value");
                }
            case Norm n:
                return MatrixValue.Of(Ex.Sqrt(SquaredNorm(Read(n.Body, parsed))));
            case Subscript { Base: Norm n, Index: Number { Text: "2" } }:
                return MatrixValue.Of(Ex.Sqrt(SquaredNorm(Read(n.Body, parsed))));
            case FunctionApplication f:
                return Function(f, parsed);
            case Call c:
                return Call(c, parsed);
            case SyntaxExpectation e:
                return ExpectationOrPointwise(e, parsed);
            case SyntaxIntegral i:
                return Integral(i, parsed);
            case Derivative d:
                return Gradient(d, parsed);
            case SyntaxSum sum when shapes.MentionsMatrices(sum, parsed):
                return IndexedSum(sum, parsed);
            // ∏_{n=1}^{N} σ(βᵀx_n)^{y_n}: a product of scalars each read with the term's own vectors.
            case SyntaxProduct product when shapes.MentionsMatrices(product, parsed):
                return IndexedTerms(product.Lower, product.Upper, product.Body, parsed, "product", (total, term) =>
                    MatrixValue.Of(Ex.Mul(total.RequireScalar("a product over an index"), term.RequireScalar("a product over an index"))));
            case Matrix m when StatementShapes.IsExplicitMatrix(m):
                return Explicit(m.Rows, parsed);
        }
        if (!shapes.MentionsMatrices(node, parsed)) return Scalar(node, parsed);
        throw new MatrixReadException("'" + parsed.GetText(node.Span).Trim() + "' with vectors or matrices");
    }

    /// <summary>
    /// left · right, where wᵀx with w a vector is an inner product: a name x right after a transposed vector, read as a
    /// number only because nothing declared it, is a vector of that length (a row times a number is written x wᵀ, and
    /// σ(wᵀx_i) needs a number). The reader then reads the statement again with x a vector.
    /// </summary>
    private MatrixValue Times(SyntaxNode leftNode, MatrixValue left, SyntaxNode rightNode, ParseResult parsed)
    {
        var right = Read(rightNode, parsed);
        if (left.Rows == 1 && left.Columns >= 2 && right.IsScalar && MatrixScope.Unwrap(leftNode) is SyntaxPower { Exponent: var t } && (StatementShapes.IsTransposeMarker(t) || StatementShapes.IsT(t))
            && MatrixScope.Unwrap(rightNode) is Identifier id && shapes.CanBeVector(id, parsed))
            throw new ReclassifyException(MatrixScope.Key(id, parsed));
        return MatrixValue.Multiply(left, right);
    }

    private static bool SpacedEntries(string text) => text.Contains("\\ ") || text.Contains("~") || text.Contains("\\quad") || text.Contains("\\qquad");

    /// <summary>A matrix written out: every entry a scalar, every row as long as the first.</summary>
    private MatrixValue Explicit(IReadOnlyList<IReadOnlyList<SyntaxNode>> rows, ParseResult parsed)
    {
        if (rows.Count == 0 || rows[0].Count == 0) throw new MatrixReadException("an empty matrix");
        if (rows.Any(r => r.Count != rows[0].Count)) throw new MatrixReadException("a matrix whose rows have different lengths");
        var cells = new MatrixValue[rows.Count, rows[0].Count];
        for (var i = 0; i < rows.Count; i++)
            for (var j = 0; j < rows[i].Count; j++) cells[i, j] = Read(rows[i][j], parsed);
        if (Blocks(cells) is { } blocks) return blocks;
        var entries = new Expr[rows.Count, rows[0].Count];
        for (var i = 0; i < rows.Count; i++)
            for (var j = 0; j < rows[i].Count; j++) entries[i, j] = cells[i, j].AsScalar()!;
        return MatrixValue.Of(entries);
    }

    /// <summary>
    /// ∂f/∂x of a scalar f: with respect to a scalar, the derivative; with respect to a vector, the column of the partial
    /// derivatives by its components (the gradient ∇ₓf). Derivatives of vectors or matrices and with respect to matrices
    /// are not read (their layouts and the symmetric-matrix conventions differ between texts).
    /// </summary>
    private MatrixValue Gradient(Derivative d, ParseResult parsed)
    {
        if (d.Problem is not null || d.Operand is null || d.Variables.Count is not (1 or 2)) throw new MatrixReadException("a derivative of this form with vectors or matrices");
        if (d.Variables.Count == 2 && !SameVariable(d.Variables[0], d.Variables[1], parsed)) throw new MatrixReadException("a mixed second derivative with vectors or matrices");
        if (MatrixScope.Unwrap(d.Variables[0]) is Identifier matrixName && IsMatrixName(matrixName, parsed))
            return d.Variables.Count == 1 ? MatrixGradient(d.Operand, matrixName, parsed) : throw new MatrixReadException("a second derivative by a matrix");
        if (d.Variables.Count == 1 && ByNamedNumber(d, parsed) is { } held) return held;
        if (d.Variables.Count == 1 && ByExpression(d, parsed) is { } byExpression) return byExpression;
        var of = Read(d.Operand, parsed);
        var by = Read(MatrixScope.Unwrap(d.Variables[0]), parsed);
        if (d.Variables.Count == 2) return Hessian(d.Operand, of, by, parsed);
        if (of.IsVector && of.Rows > 1 && by.IsVector) return Jacobian(d.Operand, of, by, parsed);
        if (of.AsScalar() is not { } f) throw new MatrixReadException("the derivative of a " + of.Shape + " value");
        // The functions the document defines (σ(z) = 1/(1 + e^{−z})) are written out before differentiating.
        f = Expand(f);
        RequireDependenceKnown(d.Operand, f, by, parsed);
        NoteLabels(f);
        if (by.AsScalar() is Sym s) return MatrixValue.Of(Differentiator.Derivative(f, s));
        if (!by.IsVector) throw new MatrixReadException("a derivative with respect to a " + by.Shape + " value");
        var column = new Expr[by.Rows, 1];
        for (var i = 0; i < by.Rows; i++)
            column[i, 0] = by[i, 0] is Sym component ? Differentiator.Derivative(f, component) : throw new MatrixReadException("a derivative with respect to a matrix, or to a vector that is not a variable");
        return MatrixValue.Of(column);
    }

    /// <summary>
    /// dℓ/dp̂ with p̂ = σ(wᵀx) a number the document defines in vectors: the derivative by the named quantity, with the
    /// operand written in that name (ℓ = −[y log p̂ + (1 − y) log(1 − p̂)]), as the chain rule through named intermediates
    /// means it; then p̂ is read through its formula again. Not read when the operand does not mention the name once its
    /// other names are written out, or still involves what the name is made of (ℓ in p̂ and in w: which of them would be
    /// held is the text's choice), since that partial derivative has no single meaning. Null when the variable is no such name.
    /// </summary>
    private MatrixValue? ByNamedNumber(Derivative d, ParseResult parsed)
    {
        if (d.Operand is not { } operand || MatrixScope.Unwrap(d.Variables[0]) is not Identifier id) return null;
        var key = MatrixScope.Key(id, parsed);
        if (!scope.ScalarDefinitions.ContainsKey(key) || _expanding.Contains(key)) return null;
        var made = Read(id, parsed).AsScalar() ?? throw new MatrixReadException("a derivative by " + key + ", which is not a number here");
        // z = w with a scalar w: a renaming, differentiated by w as before.
        if (made is Sym) return null;
        var parts = new HashSet<Sym>(Traversal.FreeSymbols(made));
        // A name of its own for the held quantity, which no definition of the document expands.
        var held = Ex.Sym(key + "†held");
        Expr f;
        _expanding.Add(key);
        try
        {
            if (Read(id, parsed).AsScalar() is not Sym named) throw new MatrixReadException("a derivative by " + key + ", which this reading cannot hold as a variable");
            var of = Read(operand, parsed).AsScalar() ?? throw new MatrixReadException("the derivative of a vector or matrix by the number " + key);
            f = ExpandHolding(of, named, held);
            RequireDependenceKnown(operand, f, MatrixValue.Of(held), parsed);
        }
        finally { _expanding.Remove(key); }
        var free = Traversal.FreeSymbols(f).ToList();
        if (!free.Contains(held)) throw new MatrixReadException("the derivative by " + key + " of an expression not written in " + key);
        if (free.FirstOrDefault(parts.Contains) is { } shared)
            throw new MatrixReadException("the derivative by " + key + " of an expression that also involves " + shared.Name + ", which " + key + " is made of (which of them is held fixed is not said)");
        NoteLabels(f);
        var derivative = Differentiator.Derivative(f, held);
        return MatrixValue.Of(Traversal.Substitute(derivative, new Dictionary<Sym, Expr> { [held] = made }));
    }

    /// <summary>The expression held as a variable while the operand of ∂f/∂g(…) is read: its text without spaces, and its symbol.</summary>
    private (string Text, Sym Symbol)? _held;

    private static string Spaceless(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>
    /// ∂𝓛_i/∂σ(wᵀx_i), ∂σ(wᵀx_i)/∂(wᵀx_i): the chain rule's factors by an intermediate written as an expression rather than
    /// named. The operand is read with that expression, wherever it is written (also inside a formula read through), held as
    /// one variable; the derivative by it is then taken at the expression's value. Not read when the operand does not write
    /// the expression, or still depends on what the expression is made of (wᵀx_i beside w elsewhere: which is held fixed
    /// is not said), or when the expression is not a number. Null when the variable is a name (the other readings apply).
    /// </summary>
    private MatrixValue? ByExpression(Derivative d, ParseResult parsed)
    {
        if (d.Operand is not { } operand || _held is not null) return null;
        var variable = MatrixScope.Unwrap(d.Variables[0]);
        if (variable is Identifier or Number) return null;
        if (Read(variable, parsed).AsScalar() is not { } made || made is Sym) return null;
        var symbol = Ex.Sym("#held" + _heldCount++.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _held = (Spaceless(parsed.GetText(variable.Span)), symbol);
        Expr f;
        try { f = Read(operand, parsed).AsScalar() ?? throw new MatrixReadException("the derivative of a vector or matrix by an expression"); }
        finally { _held = null; }
        f = Expand(f);
        var free = Traversal.FreeSymbols(f).ToList();
        if (!free.Contains(symbol)) throw new MatrixReadException("the derivative by '" + parsed.GetText(variable.Span).Trim() + "' of an expression not written in it");
        var parts = new HashSet<Sym>(Traversal.FreeSymbols(made));
        if (free.FirstOrDefault(parts.Contains) is { } shared)
            throw new MatrixReadException("the derivative by '" + parsed.GetText(variable.Span).Trim() + "' of an expression that also involves " + shared.Name + ", which it is made of (which of them is held fixed is not said)");
        if (Traversal.Any(f, e => e is Apply)) throw new MatrixReadException("the derivative by '" + parsed.GetText(variable.Span).Trim() + "' of an expression with a function the document does not define");
        NoteLabels(f);
        return MatrixValue.Of(Traversal.Substitute(Differentiator.Derivative(f, symbol), new Dictionary<Sym, Expr> { [symbol] = made }));
    }

    private int _heldCount;

    /// <summary>The operand's names written out through the document's formulas (ℓ in a, then σ), the held name kept as <paramref name="held"/>.</summary>
    private Expr ExpandHolding(Expr e, Sym variable, Sym held)
    {
        var rename = new Dictionary<Sym, Expr> { [variable] = held };
        e = Traversal.Substitute(e, rename);
        // Each round writes out one level of names; a chain of definitions is short, so a few rounds reach the end.
        for (var round = 0; round < 16; round++)
        {
            var map = new Dictionary<Sym, Expr>();
            foreach (var s in Traversal.FreeSymbols(e))
                if (!s.Equals(held) && binding.SymbolValue(s.Name) is { } value) map[s] = Traversal.Substitute(value, rename);
            if (map.Count == 0) break;
            e = Traversal.Substitute(e, map);
        }
        return Traversal.Substitute(Expand(e), rename);
    }

    private static bool SameVariable(SyntaxNode a, SyntaxNode b, ParseResult parsed) =>
        parsed.GetText(a.Span).Trim() == parsed.GetText(b.Span).Trim();

    /// <summary>The components of a vector variable (or the variable itself, a scalar), each a symbol; otherwise not read.</summary>
    private static IReadOnlyList<Sym> Components(MatrixValue by)
    {
        if (by.AsScalar() is Sym s) return [s];
        if (!by.IsVector) throw new MatrixReadException("a derivative with respect to a " + by.Shape + " value");
        var list = new List<Sym>();
        for (var i = 0; i < by.Rows; i++)
            list.Add(by[i, 0] as Sym ?? throw new MatrixReadException("a derivative with respect to a vector that is not a variable"));
        return list;
    }

    /// <summary>
    /// p in ∇_w[(p − y)x]: a number that is not an entry of the vectors and matrices read here may depend on w through a
    /// definition SymKl did not keep (p = σ(wᵀx) with p(…) elsewhere) or one the text leaves to the reader; taken as a
    /// constant, the derivative would be wrong both ways, so the statement is not read. A label the text declares to take
    /// values in a finite set of integers (y_i ∈ {0, 1}) is the exception: its derivative is 0 wherever it exists.
    /// </summary>
    private void RequireNoOpenNumbers(Expr f, IReadOnlyList<Sym> components)
    {
        foreach (var s in Traversal.FreeSymbols(f))
        {
            if (s.Name.Contains('[') || components.Contains(s)) continue;
            if (scope.StatedDiscrete(s.Name))
            {
                DiscreteLabels.Add(s.Name);
                continue;
            }
            throw new MatrixReadException("the derivative of an expression in " + s.Name + ", a number whose dependence on the variable is not known");
        }
    }

    /// <summary>Labels (y ∈ {0, 1}) a derivative takes as constants: the numeric check then samples them as real numbers.</summary>
    private void NoteLabels(Expr f)
    {
        foreach (var s in Traversal.FreeSymbols(f))
            if (scope.StatedDiscrete(s.Name)) DiscreteLabels.Add(s.Name);
    }

    /// <summary>
    /// ∇²_w f of a scalar f: the Hessian, (∂²f/∂wᵢ∂wⱼ), symmetric, so no layout question; by a scalar, the second derivative.
    /// </summary>
    private MatrixValue Hessian(SyntaxNode operand, MatrixValue of, MatrixValue by, ParseResult parsed)
    {
        if (of.AsScalar() is not { } f0) throw new MatrixReadException("the second derivative of a " + of.Shape + " value");
        var f = Expand(f0);
        RequireDependenceKnown(operand, f, by, parsed);
        var components = Components(by);
        RequireNoOpenNumbers(f, components);
        var first = components.Select(c => Differentiator.Derivative(f, c)).ToList();
        var hessian = new Expr[components.Count, components.Count];
        for (var i = 0; i < components.Count; i++)
            for (var j = 0; j < components.Count; j++)
                hessian[i, j] = Differentiator.Derivative(first[i], components[j]);
        return MatrixValue.Of(hessian);
    }

    /// <summary>
    /// ∇_w v of a column v by a vector w: laid out with a row per component of w, (∂vⱼ/∂wᵢ), so that ∇_w(g x) = (∇_w g) xᵀ;
    /// texts that use the numerator layout (the Jacobian ∂vᵢ/∂wⱼ) get its transpose (<see cref="Layout"/>), and a statement
    /// that holds in one layout only is not refuted (<see cref="TookMatrixGradient"/>).
    /// </summary>
    private MatrixValue Jacobian(SyntaxNode operand, MatrixValue of, MatrixValue by, ParseResult parsed)
    {
        var components = Components(by);
        var entries = new Expr[components.Count, of.Rows];
        for (var j = 0; j < of.Rows; j++)
        {
            var v = Expand(of[j, 0]);
            RequireDependenceKnown(operand, v, by, parsed);
            RequireNoOpenNumbers(v, components);
            for (var i = 0; i < components.Count; i++) entries[i, j] = Differentiator.Derivative(v, components[i]);
        }
        TookMatrixGradient = true;
        var g = MatrixValue.Of(entries);
        return Layout == GradientLayout.Numerator ? g.Transpose() : g;
    }

    /// <summary>
    /// A name with no definition, or a function nothing defines, depends on the variable in a way nobody said: its
    /// derivative is never 0, it is not read.
    /// </summary>
    private void RequireDependenceKnown(SyntaxNode operand, Expr f, MatrixValue by, ParseResult parsed, string? variableKey = null)
    {
        RequireDefinitionsRead(operand, by, parsed, variableKey);
        if (MatrixScope.Unwrap(operand) is Identifier named && shapes.ShapeOf(MatrixScope.Key(named, parsed)) is not null
            && !scope.Definitions.ContainsKey(MatrixScope.Key(named, parsed)))
            throw new MatrixReadException("the derivative of " + parsed.GetText(named.Span).Trim() + ", which has no definition here (how it depends on the variable is unknown)");
        if (MatrixScope.Unwrap(operand) is Identifier && f is Sym undefined && !Enumerable.Range(0, by.Rows).Any(i => Enumerable.Range(0, by.Columns).Any(j => by[i, j].Equals(undefined))))
            throw new MatrixReadException("the derivative of " + undefined.Name + ", which has no definition here (how it depends on the variable is unknown)");
        if (Traversal.Any(f, e => e is Apply or BinderNode or Functional && !(e is SymKl.Symbolic.Integral)))
            throw new MatrixReadException("the derivative of a function with no definition here (how it depends on the variable is unknown)");
        // p, the output of the network, in ∇_w (p wᵀx): a quantity of the model may depend on w; it is no constant here.
        if (Traversal.FreeSymbols(f).FirstOrDefault(s => binding.IsDependentQuantity(s.Name)) is { } dependent)
            throw new MatrixReadException("the derivative of an expression in " + dependent.Name + ", a quantity of the model with no value here (it may depend on the variable)");
    }

    /// <summary>
    /// ŷ = Xw in the text, read here as a vector drawn free (this layer keeps no formula for it): under ∇_w its derivative
    /// would be 0, proving ∇_w‖ŷ − y‖² = 0 or refuting a right gradient. A vector or matrix under the derivative that the
    /// document defines, other than the variable and the names read through their formulas, is not read.
    /// </summary>
    private void RequireDefinitionsRead(SyntaxNode operand, MatrixValue by, ParseResult parsed, string? variableKey)
    {
        if (binding is not ScopeState state) return;
        var variable = new HashSet<string>(StringComparer.Ordinal);
        if (variableKey is not null) variable.Add(variableKey);
        for (var i = 0; i < by.Rows; i++)
            for (var j = 0; j < by.Columns; j++)
                if (by[i, j] is Sym s && s.Name.IndexOf('[') is > 0 and var bracket) variable.Add(s.Name.Substring(0, bracket));
        string? found = null;
        MatrixScope.Visit(operand, n =>
        {
            if (found is not null || n is not Identifier id) return;
            var key = MatrixScope.Key(id, parsed);
            if (variable.Contains(key) || shapes.ShapeOf(key) is null || scope.Definitions.ContainsKey(key) || scope.ScalarDefinitions.ContainsKey(key)
                || scope.RandomDefinitions.ContainsKey(key) || _overrides.ContainsKey(key)) return;
            if (state.DefinesSymbol(MathBinder.SymbolName(id, parsed)) || state.DefinesSymbol(key)
                || state.HasUnreadableValue(MathBinder.SymbolName(id, parsed)) || state.HasUnreadableValue(key)) found = parsed.GetText(id.Span).Trim();
        });
        if (found is not null)
            throw new MatrixReadException("the derivative of an expression in " + found + ", which the document defines by a formula this reading of vectors and matrices does not use (taken as free, its derivative would be 0)");
    }

    /// <summary>A name that is a matrix here (declared, inferred, or defined as a formula of matrices such as Σ = L Lᵀ).</summary>
    private bool IsMatrixName(Identifier id, ParseResult parsed)
    {
        var key = MatrixScope.Key(id, parsed);
        return shapes.ShapeOf(key) is { IsVector: false } || scope.Definitions.ContainsKey(key) && !StatementShapes.IsIdentity(id);
    }

    /// <summary>Values that replace a name while a derivative by it is taken (X₀ + t Eᵢⱼ for X).</summary>
    private readonly Dictionary<string, MatrixValue> _overrides = new(StringComparer.Ordinal);

    /// <summary>How the gradient of a scalar by a matrix is laid out (the conventions of texts differ; see <see cref="GradientLayout"/>).</summary>
    public GradientLayout Layout { get; init; }

    /// <summary>The statement took a derivative by a matrix (whose layout texts choose differently).</summary>
    public bool TookMatrixGradient { get; private set; }

    /// <summary>
    /// Labels with values in a finite set of integers (y_i ∈ {0, 1}) taken as constants under a derivative: the numeric
    /// check samples them as real numbers, so agreement speaks for every label value and a failure may not.
    /// </summary>
    public HashSet<string> DiscreteLabels { get; } = new(StringComparer.Ordinal);

    /// <summary>A derivative was taken by a symmetric matrix (where the symmetric conventions apply too).</summary>
    public bool TookSymmetricGradient { get; private set; }

    /// <summary>The most entries of a matrix a derivative is taken by (one reading of the operand per entry).</summary>
    private const int MaxGradientEntries = 16;

    /// <summary>
    /// ∂f/∂X of a scalar f by a matrix X, entry by entry: (∂f/∂X)ᵢⱼ = d/dt f(X + t Eᵢⱼ) at t = 0, with X the instance's
    /// exact matrix and t a symbol, so the derivative is exact (symbolic in t, then t = 0). Everything read through X moves
    /// with it (Σ = L Lᵀ moves with L: the chain rule), and X given by a formula is replaced as a whole (∂/∂Σ holds L still).
    /// The gradient has X's shape (denominator layout) unless <see cref="Layout"/> says otherwise. A derivative of a matrix
    /// by a matrix (four indices) is read only where both are 1 × 1.
    /// </summary>
    private MatrixValue MatrixGradient(SyntaxNode operand, Identifier variable, ParseResult parsed)
    {
        var key = MatrixScope.Key(variable, parsed);
        if (_overrides.ContainsKey(key)) throw new MatrixReadException("a second derivative by the matrix " + parsed.GetText(variable.Span).Trim());
        var at = ReadName(variable, parsed);
        if (at.IsScalar) throw new MatrixReadException("a derivative by " + parsed.GetText(variable.Span).Trim() + ", which is not a matrix here");
        if (at.Rows * at.Columns > MaxGradientEntries) throw new SkippedInstanceException("a derivative by a " + at.Shape + " matrix has more entries than are read (" + MaxGradientEntries.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        var unmoved = Read(operand, parsed);
        if (unmoved.AsScalar() is not { } f0) throw new MatrixReadException("the derivative of a " + unmoved.Shape + " value by a matrix (a four-index array, whose layout and products texts define differently)");
        RequireDependenceKnown(operand, Expand(f0), at, parsed, key);
        var t = Ex.Sym("#t");
        var gradient = new Expr[at.Rows, at.Columns];
        for (var i = 0; i < at.Rows; i++)
            for (var j = 0; j < at.Columns; j++)
            {
                var moved = new Expr[at.Rows, at.Columns];
                for (var r = 0; r < at.Rows; r++)
                    for (var c = 0; c < at.Columns; c++) moved[r, c] = r == i && c == j ? Ex.Add(at[r, c], t) : at[r, c];
                _overrides[key] = MatrixValue.Of(moved);
                try
                {
                    var f = Expand(Read(operand, parsed).AsScalar()!);
                    gradient[i, j] = Traversal.Substitute(Differentiator.Derivative(f, t), t, Ex.Zero);
                }
                finally { _overrides.Remove(key); }
            }
        TookMatrixGradient = true;
        var symmetric = at.IsSquare && Enumerable.Range(0, at.Rows).All(i => Enumerable.Range(0, i).All(j => at[i, j].Equals(at[j, i])));
        TookSymmetricGradient |= symmetric && at.Rows > 1;
        var g = MatrixValue.Of(gradient);
        return Layout switch
        {
            GradientLayout.Numerator => g.Transpose(),
            // The gradient on symmetric matrices as a function of their distinct entries: G + Gᵀ − diag(G).
            GradientLayout.SymmetricEntries when symmetric => MatrixValue.Add(MatrixValue.Add(g, g.Transpose()), MatrixValue.Negate(DiagonalOf(g))),
            // The gradient projected onto symmetric matrices: (G + Gᵀ)/2.
            GradientLayout.SymmetricPart when symmetric => MatrixValue.Multiply(MatrixValue.Of(Ex.Half), MatrixValue.Add(g, g.Transpose())),
            _ => g,
        };
    }

    private static MatrixValue DiagonalOf(MatrixValue m) => MatrixValue.Diagonal(Enumerable.Range(0, m.Rows).Select(i => m[i, i]).ToList());

    private MatrixValue Sum(Binary b, ParseResult parsed)
    {
        if (Extended(b, parsed) is { } extended)
        {
            ExtendedSum ??= parsed.GetText(b.Span).Trim();
            return IndexedSum(extended, parsed);
        }
        var left = Read(b.Left, parsed);
        var right = Read(b.Right, parsed);
        if (b.Operator == BinaryOperator.Subtract) right = MatrixValue.Negate(right);
        // 0 is the zero of every shape (x − 0, 𝒩(0, I)).
        if (left.Scalar is { IsZero: true }) return right;
        if (right.Scalar is { IsZero: true }) return left;
        if (left.IsScalar != right.IsScalar && !(left.AsScalar() is not null && right.AsScalar() is not null))
        {
            // x − μ with x a vector: μ is a vector too.
            var scalarSide = left.IsScalar ? b.Left : b.Right;
            if (VectorCandidate(scalarSide) is { } id && shapes.CanBeVector(id, parsed) && (left.IsVector || right.IsVector))
                throw new ReclassifyException(MatrixScope.Key(id, parsed));
        }
        // 𝐗_{k−2} + 𝐙_k with 𝐙_k a vector: the bold capital read as a matrix by default is a vector too.
        if (!left.IsScalar && !right.IsScalar && left.IsVector != right.IsVector && OpenCapitalIn(left.IsVector ? b.Right : b.Left, parsed) is { } capital)
            throw new ReclassifyException(capital);
        return MatrixValue.Add(left, right);
    }

    /// <summary>A bold X, Y or Z of the term that the statement read as a matrix only by default (its key), or null.</summary>
    private string? OpenCapitalIn(SyntaxNode term, ParseResult parsed)
    {
        string? found = null;
        MatrixScope.Visit(term, n => { if (found is null && n is Identifier id && shapes.IsOpenCapital(MatrixScope.Key(id, parsed))) found = MatrixScope.Key(id, parsed); });
        return found;
    }

    /// <summary>
    /// The name in a term added to a vector that must be a vector too: the term itself (μ in x − μ), or the one letter of a
    /// product whose other factors are coefficients written with no letter standing alone (√ᾱ_t x_0, ½ x_0); null when
    /// two letters could be the vector (a x_0).
    /// </summary>
    private static Identifier? VectorCandidate(SyntaxNode term) => MatrixScope.Unwrap(term) switch
    {
        Identifier id => id,
        Unary { Operator: UnaryOperator.Negate } u => VectorCandidate(u.Operand),
        ImplicitMultiplication m when m.Factors.Count(f => MatrixScope.Unwrap(f) is Identifier) == 1 && m.Factors.All(f => MatrixScope.Unwrap(f) is Identifier or Sqrt or Fraction or Number) =>
            m.Factors.Select(MatrixScope.Unwrap).OfType<Identifier>().First(),
        _ => null,
    };

    /// <summary>The indices of the sums being written out (n in Σ_{n=1}^{N}) and their values in the current term.</summary>
    private readonly Dictionary<string, int> _indices = new(StringComparer.Ordinal);

    /// <summary>The most terms one sum of vectors or matrices is written out to.</summary>
    private const int MaxSumTerms = 8;

    /// <summary>
    /// Σ_{n=1}^{N} of vectors or matrices indexed by n (y_n x_n, x_n x_nᵀ, σ(βᵀx_n) x_n): written out term by term, each
    /// indexed name a value of its own (x_n at n = 2 is x_2); a symbolic upper limit takes a length of its own in this
    /// instance (never the dimension, so that confusing N with d shows). A name whose subscript mixes the index with
    /// anything else cannot be told apart term by term, and the sum is not read.
    /// </summary>
    private MatrixValue IndexedSum(SyntaxSum sum, ParseResult parsed) => IndexedTerms(sum.Lower, sum.Upper, sum.Body, parsed, "sum", MatrixValue.Add);

    /// <summary>The terms of a sum or product over an index written out one by one and combined (see <see cref="IndexedSum"/>).</summary>
    private MatrixValue IndexedTerms(SyntaxNode? lower, SyntaxNode? upper, SyntaxNode body, ParseResult parsed, string kind, Func<MatrixValue, MatrixValue, MatrixValue> combine)
    {
        // Σ_i u_i u_iᵀ / λ_i with no limits: over some finite range the text leaves open. Read over a length of its own in
        // each instance; what holds then holds term by term for every range, a failure may be the range's (UnlimitedSum).
        string? openIndex = null;
        SyntaxNode? fromNode = null;
        if (kind == "sum" && upper is null && lower is not null && MatrixScope.Unwrap(lower) is Identifier { Subscript: null, Accent: null, Primes: 0 } bare
            && bare.Name.Length == 1 && char.IsLower(bare.Name[0]))
            openIndex = MathBinder.SymbolName(bare, parsed);
        else if (lower is Latex.Syntax.Relation { Operands.Count: 2 } range && range.Operators[0].Kind == RelationKind.Equal && !range.Operators[0].Negated
            && MatrixScope.Unwrap(range.Operands[0]) is Identifier { Subscript: null } indexName && upper is not null)
        {
            fromNode = range.Operands[1];
            lower = indexName;
        }
        else
            throw new MatrixReadException("a " + kind + " of vectors or matrices whose index and limits cannot be read (write \\" + (kind == "sum" ? "sum" : "prod") + "_{n=1}^{N})");
        var index = openIndex ?? MathBinder.SymbolName((Identifier)lower!, parsed);
        if (_indices.ContainsKey(index)) throw new MatrixReadException("two sums or products over the same index " + index);
        // Σ_j written without its index next to vectors (Σ_j (1 + log σ² − μ²)) probably means components: not guessed.
        if (!UsesIndex(body, index, parsed)) throw new MatrixReadException("a " + kind + " over " + index + " whose terms do not use " + index + " beside vectors or matrices");
        var from = fromNode is null ? 1 : Limit(fromNode);
        var to = fromNode is null ? instance.Length("#range " + index) : Limit(upper!);
        if (openIndex is not null) UnlimitedSum ??= "\\sum_" + index;
        if (to - from + 1 is < 1 or > MaxSumTerms) throw new MatrixReadException("a " + kind + " of vectors or matrices over " + (to - from + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " terms");
        MatrixValue? total = null;
        for (var i = from; i <= to; i++)
        {
            _indices[index] = i;
            try
            {
                var term = Read(body, parsed).Map(e => AtIndex(e, index, i, _families));
                total = total is null ? term : combine(total, term);
            }
            finally { _indices.Remove(index); }
        }
        return total!;

        int Limit(SyntaxNode limit)
        {
            switch (MatrixScope.Unwrap(limit))
            {
                case Number n when int.TryParse(n.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value):
                    return value;
                case Identifier { Subscript: null } length when shapes.ShapeOf(MatrixScope.Key(length, parsed)) is null:
                    return instance.Length(MathBinder.SymbolName(length, parsed));
                default:
                    throw new MatrixReadException("a " + kind + " of vectors or matrices with the limit '" + parsed.GetText(limit.Span).Trim() + "'");
            }
        }
    }

    /// <summary>
    /// Σ_n a_n − b_n where b_n uses the index too: strictly (Σ_n a_n) − b_n with n free, but written as the sum of the
    /// whole difference (nothing else gives b_n a meaning). Null when the terms after the sum do not use its index, or
    /// brackets close the sum. Under this reading a statement may be confirmed, never refuted (<see cref="ExtendedSum"/>).
    /// </summary>
    private SyntaxSum? Extended(Binary b, ParseResult parsed)
    {
        if (b.Operator is not (BinaryOperator.Add or BinaryOperator.Subtract)) return null;
        var sum = b.Left switch
        {
            SyntaxSum s => s,
            Binary inner => Extended(inner, parsed),
            _ => null,
        };
        if (sum?.Lower is not Latex.Syntax.Relation { Operands.Count: 2 } range || MatrixScope.Unwrap(range.Operands[0]) is not Identifier { Subscript: null } indexName) return null;
        var index = MathBinder.SymbolName(indexName, parsed);
        if (_indices.ContainsKey(index) || !UsesIndex(b.Right, index, parsed)) return null;
        return sum with { Span = b.Span, Body = b with { Left = sum.Body } };
    }

    /// <summary>True when a name subscripted by the index appears outside any sum over that same index.</summary>
    private static bool UsesIndex(SyntaxNode node, string index, ParseResult parsed) => node switch
    {
        Identifier { Subscript: { } sub } when MatrixScope.Unwrap(sub) is Identifier { Subscript: null } i && IndexName(i, parsed) == index => true,
        Identifier sample when SampleIndex(sample) == index => true,
        SyntaxSum { Lower: Latex.Syntax.Relation { Operands.Count: 2 } range } when MatrixScope.Unwrap(range.Operands[0]) is Identifier { Subscript: null } own
            && MathBinder.SymbolName(own, parsed) == index => false,
        SyntaxProduct { Lower: Latex.Syntax.Relation { Operands.Count: 2 } range } when MatrixScope.Unwrap(range.Operands[0]) is Identifier { Subscript: null } own
            && MathBinder.SymbolName(own, parsed) == index => false,
        _ => node.Children().Any(c => UsesIndex(c, index, parsed)),
    };

    /// <summary>
    /// i in x^{(i)}, \mathbf{x}^{(i)}: the i-th sample written with a parenthesised superscript, indexed as x_i is (the
    /// binder names it x^{()}_i). Null for any other name (x^{(i)}_j, an entry of a sample, is not read so).
    /// </summary>
    private static string? SampleIndex(Identifier id) =>
        id is { Subscript: null, Primes: 0, Decoration: { Length: > 2 } label } && label[0] == '(' && label[label.Length - 1] == ')'
        && label.Substring(1, label.Length - 2) is var inner && inner.Length > 0 && inner.All(char.IsLetter) ? inner : null;

    /// <summary>
    /// The index a subscript names: \mathbf{x_i} styles its subscript with the letter, but i is the sum's index all the
    /// same (as \mathbf{x}_i).
    /// </summary>
    private static string IndexName(Identifier index, ParseResult parsed) =>
        MathBinder.SymbolName(index.Style is NameStyle.Bold or NameStyle.Roman or NameStyle.Italic ? index with { Style = NameStyle.Normal } : index, parsed);

    /// <summary>A sum without limits (Σ_i) read over a length of the instance's own, if any: what holds speaks for the text, a failure may be the range's.</summary>
    public string? UnlimitedSum { get; private set; }

    /// <summary>The text of a sum read as running over the terms written after it (Σ_n a_n − b_n), if any: a failure may be the reading's.</summary>
    public string? ExtendedSum { get; private set; }

    /// <summary>A term of a written-out sum: the index its value, y_n the value y_2 (at n = 2).</summary>
    private static Expr AtIndex(Expr e, string index, int value, HashSet<string> families)
    {
        var map = new Dictionary<Sym, Expr>();
        var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var s in Traversal.FreeSymbols(e))
        {
            if (s.Name == index) { map[s] = Ex.Num(value); continue; }
            if (Checking.IndexedSums.Split(s.Name) is not { } parts) continue;
            if (parts.Key == index) { map[s] = Ex.Sym(parts.Base + "_" + text); families.Add(parts.Base); }
            else if (MentionsIndex(parts.Key, index)) throw new MatrixReadException("the subscript of " + s.Name + " mixes the index " + index + " with something else");
        }
        if (Traversal.Any(e, x => x is Apply a && Checking.IndexedSums.Split(a.Name) is { } named && MentionsIndex(named.Key, index)))
            throw new MatrixReadException("a function whose name carries the index " + index);
        return map.Count == 0 ? e : Traversal.Substitute(e, map);
    }

    /// <summary>Bases of the indexed names written out by sums (y for y_n, \mathbf{x} for \mathbf{x}_n).</summary>
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    /// <summary>
    /// x_n outside the sum that wrote out x_1 … x_N (Σ_n a_n − b_n read as (Σ_n a_n) − b_n): n may be any of the values
    /// the sum runs over, so x_n is not a value of its own and the statement is not read. Null when there is none.
    /// </summary>
    public string? FreeIndex(params MatrixValue[] sides)
    {
        foreach (var side in sides)
            for (var i = 0; i < side.Rows; i++)
                for (var j = 0; j < side.Columns; j++)
                    foreach (var s in Traversal.FreeSymbols(side[i, j]))
                    {
                        if (Checking.IndexedSums.Split(s.Name) is not { } parts || !_families.Contains(parts.Base)) continue;
                        var bracket = parts.Key.IndexOf('[');
                        var key = bracket >= 0 ? parts.Key.Substring(0, bracket) : parts.Key;
                        if (key.Length == 0 || !key.All(char.IsDigit))
                            return s.Name + " has a free index: it may be one of the values the sum beside it runs over, which SymKl cannot tell";
                    }
        return null;
    }

    /// <summary>True when a subscript may involve the index (n in "n,k", "nk", "n+1"); a vector's component "[2]" is not.</summary>
    private static bool MentionsIndex(string key, string index)
    {
        var bracket = key.IndexOf('[');
        var subscript = bracket >= 0 ? key.Substring(0, bracket) : key;
        return subscript.Contains(index);
    }

    private MatrixValue ReadName(Identifier id, ParseResult parsed)
    {
        // x_n inside Σ_n: the value of the term's own x (x_2 at n = 2), of the shape declared for x_n.
        if (id.Subscript is { } subscript && MatrixScope.Unwrap(subscript) is Identifier { Subscript: null } indexName
            && _indices.TryGetValue(IndexName(indexName, parsed), out var at)
            && shapes.ShapeOf(MatrixScope.Key(id, parsed)) is { } indexedShape && !scope.Definitions.ContainsKey(MatrixScope.Key(id, parsed)))
        {
            var term = id with { Subscript = new Number(subscript.Span, at.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            if (Checking.IndexedSums.Split(MatrixScope.Key(id, parsed)) is { } family) _families.Add(family.Base);
            return instance.ValueOf(MatrixScope.Key(term, parsed), indexedShape);
        }
        // x^{(i)} inside Σ_i: the same, the term's own sample x^{(2)} at i = 2.
        if (SampleIndex(id) is { } sample && _indices.TryGetValue(sample, out var atSample)
            && shapes.ShapeOf(MatrixScope.Key(id, parsed)) is { } sampleShape && !scope.Definitions.ContainsKey(MatrixScope.Key(id, parsed)))
        {
            var term = id with { Decoration = "(" + atSample.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")" };
            if (Checking.IndexedSums.Split(MatrixScope.Key(id, parsed)) is { } family) _families.Add(family.Base);
            return instance.ValueOf(MatrixScope.Key(term, parsed), sampleShape);
        }
        // I_{np}: of the size the product of those dimensions takes here (at most 64).
        if (StatementShapes.IsIdentity(id) && id.Subscript is { } product && MatrixScope.Unwrap(product) is ImplicitMultiplication { Factors: var factors } && factors.All(f => f is Identifier { Subscript: null } or Number))
        {
            var size = factors.Aggregate(1L, (n, f) => Math.Min(1024, n * instance.Dimension(Dimension(f, parsed))));
            return size <= 64 ? MatrixValue.Identity((int)size) : throw new SkippedInstanceException("I_" + parsed.GetText(product.Span).Trim() + " larger than 64 × 64");
        }
        if (StatementShapes.IsIdentity(id))
            return MatrixValue.Identity(id.Subscript is null ? instance.Dimension(MatrixScope.Common) : instance.Dimension(Dimension(id.Subscript, parsed)));
        // x' (a prime on a declared vector or matrix) is its transpose, unless the document defines x' (x' = F x + G u).
        if (id.Primes == 1 && MatrixScope.Key(id with { Primes = 0 }, parsed) is var plain && shapes.Primed.Contains(plain) && !scope.RandomDefinitions.ContainsKey(MatrixScope.Key(id, parsed)))
            return instance.ValueOf(plain, shapes.ShapeOf(plain)!).Transpose();
        var key = MatrixScope.Key(id, parsed);
        if (_overrides.TryGetValue(key, out var moved)) return moved;
        if (RandomDefinition(key) is { } defined) return defined;
        if (MomentName(key) is { } moment) return moment;
        if (scope.Definitions.TryGetValue(key, out var definition) && _expanding.Add(key))
        {
            try { return Read(definition.Formula, definition.Parsed); }
            finally { _expanding.Remove(key); }
        }
        if (shapes.ShapeOf(key) is { } shape)
        {
            if (shape.IsVector) MeetVector(key, id);
            return instance.ValueOf(key, shape);
        }
        // z_i = wᵀx_i: a number defined in vectors is its formula (so ∇_w of it moves with w).
        if (scope.ScalarDefinitions.TryGetValue(key, out var number) && _expanding.Add(key))
        {
            try
            {
                var value = Read(number.Formula, number.Parsed);
                return value.AsScalar() is { } one ? MatrixValue.Of(one) : throw new MatrixReadException(parsed.GetText(id.Span).Trim() + ", defined as a " + value.Shape + " matrix");
            }
            finally { _expanding.Remove(key); }
        }
        if (PerSampleTerm(id, parsed) is { } perSample) return perSample;
        return Scalar(id, parsed);
    }

    /// <summary>
    /// 𝓛_i inside Σ_i, where the document gives 𝓛 (nothing gives 𝓛_i) as one sum over i, 𝓛 = Σ_i […] or −Σ_i […]: the
    /// loss of sample i, by the convention 𝓛 = Σ_i 𝓛_i, is that sum's term (with its sign). Only a calligraphic or script
    /// capital (a loss, an objective), only with the sum's own index, and not under a factor (with 𝓛 = (1/n)Σ_i …, 𝓛_i may
    /// or may not carry the 1/n). Null otherwise.
    /// </summary>
    private MatrixValue? PerSampleTerm(Identifier id, ParseResult parsed)
    {
        if (id is not { Style: NameStyle.Calligraphic or NameStyle.Script, Subscript: { } subscript } || MatrixScope.Unwrap(subscript) is not Identifier { Subscript: null } index
            || !_indices.ContainsKey(IndexName(index, parsed))) return null;
        var whole = MatrixScope.Key(id with { Subscript = null }, parsed);
        if (scope.SumForm(whole) is not { } definition || !_expanding.Add(whole)) return null;
        try
        {
            var formula = MatrixScope.Unwrap(definition.Formula);
            var negated = formula is Unary { Operator: UnaryOperator.Negate } u && (formula = MatrixScope.Unwrap(u.Operand)) is not null;
            if (formula is not SyntaxSum { Lower: Latex.Syntax.Relation { Operands.Count: 2 } range, Body: { } body } || MatrixScope.Unwrap(range.Operands[0]) is not Identifier { Subscript: null } own
                || MathBinder.SymbolName(own, definition.Parsed) != IndexName(index, parsed)) return null;
            var value = Read(body, definition.Parsed);
            return negated ? MatrixValue.Negate(value) : value;
        }
        finally { _expanding.Remove(whole); }
    }

    private static string Dimension(SyntaxNode subscript, ParseResult parsed) => MatrixScope.Unwrap(subscript) switch
    {
        Identifier d => MathBinder.SymbolName(d, parsed),
        Number n => "#" + n.Text,
        _ => throw new MatrixReadException("the size of I_" + parsed.GetText(subscript.Span).Trim()),
    };

    private MatrixValue Scalar(SyntaxNode node, ParseResult parsed)
    {
        var bound = MathBinder.Bind(node, parsed, binding);
        if (bound.Value is null) throw new MatrixReadException(bound.Problem ?? "cannot read '" + parsed.GetText(node.Span).Trim() + "'");
        return MatrixValue.Of(ThroughNumbers(bound.Value));
    }

    private MatrixValue Power(SyntaxPower p, ParseResult parsed)
    {
        // a(b)ᵀ and P(I − KH)ᵀ parse as (a(b))ᵀ, (P(I − KH))ᵀ; in TeX the ᵀ is the group's. A vector or matrix before brackets
        // multiplies them (as in Call), so the product is a bᵀ, P (I − KH)ᵀ (not for a function the text defines or a
        // normal's parameter); for a vector, only before a column (a product of two columns would mean nothing).
        if (MatrixScope.Unwrap(p.Base) is Call { Callee: Identifier left, Arguments.Count: 1, Separators.Count: 0 } outer && shapes.ShapeOf(MatrixScope.Key(left, parsed)) is { } leftShape
            && (StatementShapes.IsTransposeMarker(p.Exponent) || StatementShapes.IsT(p.Exponent)) && shapes.ParameterFunctionIsVector(MatrixScope.Key(left, parsed)) is null
            && !binding.IsDefinedFunction(MathBinder.SymbolName(left, parsed)) && Read(outer.Arguments[0], parsed) is var grouped && (!leftShape.IsVector || grouped.IsVector))
            return MatrixValue.Multiply(ReadName(left, parsed), grouped.Transpose());
        // B(D − C A⁻¹ B)^{-1}, A(x)^2 likewise: the exponent is the group's, and a matrix before the brackets multiplies. So
        // does a vector (X(XᵀX)^{-1}Xᵀ with X a column): a vector has no powers, so the exponent cannot be the product's.
        if (MatrixScope.Unwrap(p.Base) is Call { Callee: Identifier factor, Arguments.Count: 1, Separators.Count: 0 } applied && shapes.ShapeOf(MatrixScope.Key(factor, parsed)) is not null
            && !(StatementShapes.IsTransposeMarker(p.Exponent) || StatementShapes.IsT(p.Exponent)) && shapes.ParameterFunctionIsVector(MatrixScope.Key(factor, parsed)) is null
            && !binding.IsDefinedFunction(MathBinder.SymbolName(factor, parsed)))
            return MatrixValue.Multiply(ReadName(factor, parsed), Read(p with { Base = applied.Arguments[0] }, parsed));
        if (shapes.IsTranspose(p, parsed)) return Read(p.Base, parsed).Transpose();
        // X^{-T}, X^{-\top}: the inverse of the transpose.
        if (MatrixScope.Unwrap(p.Exponent) is Unary { Operator: UnaryOperator.Negate, Operand: var marker } && shapes.IsTranspose(p with { Exponent = marker }, parsed))
            return Read(p.Base, parsed).Transpose().Inverse();
        var baseValue = Read(p.Base, parsed);
        // (y_a; y_b)^T where the text also uses T as a number: a vector or a matrix that is not square has no powers, so the T transposes it.
        if (StatementShapes.IsT(p.Exponent) && !baseValue.IsScalar && !baseValue.IsSquare) return baseValue.Transpose();
        var exponent = Read(p.Exponent, parsed).RequireScalar("an exponent");
        if (baseValue.AsScalar() is { } s) return MatrixValue.Of(Ex.Pow(s, exponent));
        if (HalfPower(p.Base, baseValue, exponent, parsed) is { } rooted) return rooted;
        if (baseValue.IsSquare && exponent is Num { Value.IsInteger: true } n && n.Value.Numerator >= -8 && n.Value.Numerator <= 8)
        {
            var k = (int)n.Value.Numerator;
            var m = k < 0 ? baseValue.Inverse() : baseValue;
            var result = MatrixValue.Identity(baseValue.Rows);
            for (var i = 0; i < Math.Abs(k); i++) result = MatrixValue.Multiply(result, m);
            return result;
        }
        throw new MatrixReadException("a " + baseValue.Shape + " matrix to the power " + LatexPrinter.Print(exponent));
    }

    private static Expr SquaredNorm(MatrixValue v)
    {
        if (v.AsScalar() is { } s) return Ex.Pow(s, Ex.Two);
        if (!v.IsVector && v.Rows != 1) throw new MatrixReadException("the norm of a " + v.Shape + " matrix");
        var terms = new List<Expr>();
        for (var i = 0; i < v.Rows; i++)
            for (var j = 0; j < v.Columns; j++) terms.Add(Ex.Pow(v[i, j], Ex.Two));
        return Ex.Add(terms);
    }

    private MatrixValue Function(FunctionApplication f, ParseResult parsed)
    {
        var name = f.Function;
        if (name is "Var" or "Cov" && shapes.MentionsMatrices(f, parsed)) return ConditionalMoment(f, parsed) ?? Moment(f, parsed);
        if (f.Arguments.Count != 1)
        {
            if (!shapes.MentionsMatrices(f, parsed)) return Scalar(f, parsed);
            throw new MatrixReadException(name + " of several arguments");
        }
        var argument = f.Arguments[0];
        switch (name)
        {
            case "tr" or "Tr" or "trace":
                return MatrixValue.Of(Read(argument, parsed).Trace());
            case "det":
                return MatrixValue.Of(Read(argument, parsed).Determinant());
            case "diag":
                {
                    // diag(s), diag(σ²): the diagonal of a vector, squared entry by entry.
                    var inner = MatrixScope.Unwrap(argument);
                    var (vectorNode, exponent) = inner is SyntaxPower { Base: var b, Exponent: var e } && !shapes.IsTranspose((SyntaxPower)inner, parsed) ? (MatrixScope.Unwrap(b), e) : (inner, null);
                    // diag(Σ⁻¹): a power of a matrix is the matrix power, not a power entry by entry.
                    if (exponent is not null && shapes.ShapeOf(vectorNode is Identifier named ? MatrixScope.Key(named, parsed) : "") is { IsVector: false }) (vectorNode, exponent) = (inner, null);
                    if (vectorNode is Identifier candidate && shapes.ShapeOf(MatrixScope.Key(candidate, parsed)) is null && shapes.CanBeVector(candidate, parsed))
                        throw new ReclassifyException(MatrixScope.Key(candidate, parsed));
                    var v = Read(vectorNode, parsed);
                    if (exponent is not null)
                    {
                        var power = Read(exponent, parsed).RequireScalar("an exponent");
                        v = v.Map(x => Ex.Pow(x, power));
                    }
                    // A 1 × 1 matrix to a power comes out as a number: its diagonal is itself.
                    if (v.Scalar is { } number && exponent is null && vectorNode is SyntaxPower) return MatrixValue.Of(new[,] { { number } });
                    if (v.IsVector) return MatrixValue.Diagonal(Enumerable.Range(0, v.Rows).Select(i => v[i, 0]).ToList());
                    // diag(A) of a square matrix: the matrix of its diagonal (a vector would not fit where a matrix is added).
                    if (v.IsSquare && exponent is null) return DiagonalOf(v);
                    throw new MatrixReadException("diag of a " + v.Shape + " value");
                }
            case "log" or "ln":
                {
                    if (f.Base is not null && !shapes.MentionsMatrices(f.Base, parsed) && name == "log")
                    {
                        var logBase = Read(f.Base, parsed).RequireScalar("a logarithm's base");
                        return MatrixValue.Of(Ex.Div(LogOf(argument, parsed), Ex.Log(logBase)));
                    }
                    var natural = LogOf(argument, parsed);
                    if (name == "ln" || ReferenceEquals(binding.LogBase, SymKl.Latex.Binding.LogBase.Natural)) return MatrixValue.Of(natural);
                    if (binding.LogBase.Base is not { } declared) throw new MatrixReadException("a logarithm in the base " + binding.LogBase.Text);
                    return MatrixValue.Of(Ex.Div(natural, Ex.Log(declared)));
                }
            case "exp":
                return MatrixValue.Of(Ex.Exp(Read(argument, parsed).RequireScalar("exp")));
            // softmax(v)ₖ = e^{vₖ} / Σⱼ e^{vⱼ}, LSE(v) = log Σⱼ e^{vⱼ}: the standard meanings, unless the document defines its own.
            // softmax_k(z) (an entry, subscripted) is not the function; a matrix (row-wise, by texts' choice) is not read, and at
            // dimension 1, where a matrix looks like a vector, nothing is.
            case "softmax" or "logsumexp" or "LSE" when f.Base is null && !binding.IsDefinedFunction(name) && Read(argument, parsed) is { IsVector: true } v:
                {
                    if (v.Rows == 1) throw new SkippedInstanceException(name + " of a 1×1 value (a matrix at dimension 1 looks like a vector) is read from dimension 2 on");
                    var exps = Enumerable.Range(0, v.Rows).Select(i => Ex.Exp(v[i, 0])).ToList();
                    if (name != "softmax") return MatrixValue.Of(Ex.Log(Ex.Add(exps)));
                    var total = Ex.Add(exps);
                    var column = new Expr[v.Rows, 1];
                    for (var i = 0; i < v.Rows; i++) column[i, 0] = Ex.Div(exps[i], total);
                    return MatrixValue.Of(column);
                }
        }
        if (!shapes.MentionsMatrices(f, parsed)) return Scalar(f, parsed);
        if (OfScalars(f.Arguments, parsed, args => f with { Arguments = args }) is { } applied) return applied;
        throw new MatrixReadException("the function " + name + " of a vector or matrix");
    }

    /// <summary>The natural log, split over products and powers so that the log of a written-out density is a polynomial in its variable.</summary>
    private Expr LogOf(SyntaxNode argument, ParseResult parsed)
    {
        if (MatrixScope.Unwrap(argument) is Call c && Density(c, parsed) is { } density) return density;
        // log p inside E_p[…]: the log-density at the expectation's variable.
        if (MatrixScope.Unwrap(argument) is Identifier named && _expectation is { } e && Law(MatrixScope.Key(named, parsed)) is { } law)
            return GaussianAlgebra.LogDensity(e.Variable, Gaussian(law.Mean, law.Covariance, law.Parsed));
        return LogSplit(Read(argument, parsed).RequireScalar("a logarithm"));
    }

    internal static Expr LogSplit(Expr e) => e switch
    {
        Mul m => Ex.Add(m.Factors.Select(LogSplit)),
        Pow { Base: Constant { Which: ConstantKind.E } } p => p.Exponent,
        Pow { Exponent: Num } p => Ex.Mul(p.Exponent, LogSplit(p.Base)),
        _ => Ex.Log(e),
    };

    /// <summary>log 𝒩(x; μ, Σ) or log p(x) for a multivariate normal p; null when the call is neither.</summary>
    private Expr? Density(Call c, ParseResult parsed)
    {
        if (c.Callee is not Identifier callee) return null;
        if (MatrixScope.Normal(c) is { Variable: { } variable } normal)
            return GaussianAlgebra.LogDensity(Read(variable, parsed), Gaussian(normal.Mean, normal.Covariance, parsed));
        if (c.Arguments.Count == 1 && Law(MatrixScope.Key(callee, parsed), AsWritten(scope.WrittenOut(MatrixScope.Key(callee, parsed)), c, parsed)) is { } g)
            return GaussianAlgebra.LogDensity(Read(c.Arguments[0], parsed), Gaussian(g.Mean, g.Covariance, g.Parsed));
        // p(x | μ, L) as the document wrote it when it gave the density's formula.
        if (c.Arguments.Count > 1 && scope.WrittenOut(MatrixScope.Key(callee, parsed)) is { Given: { } written }
            && written == MatrixScope.Given(c, parsed) && Law(MatrixScope.Key(callee, parsed), AsWritten(scope.WrittenOut(MatrixScope.Key(callee, parsed)), c, parsed)) is { } conditional)
            return GaussianAlgebra.LogDensity(Read(c.Arguments[0], parsed), Gaussian(conditional.Mean, conditional.Covariance, conditional.Parsed));
        return null;
    }

    /// <summary>The call names the written density's own variable and conditioning arguments (p(x | μ, L) as in its formula).</summary>
    private static bool AsWritten(GaussianVector? written, Call c, ParseResult parsed) =>
        written is { Variable: { } variable } && MatrixScope.Unwrap(c.Arguments[0]) is Identifier v && MatrixScope.Key(v, parsed) == variable
        && (written.Given ?? "") == MatrixScope.Given(c, parsed);

    private MatrixValue Call(Call c, ParseResult parsed)
    {
        RequireDefinedLaw(c, parsed);
        // J(\mathbf{w}) after J(\mathbf{w}) = … in vectors: the formula, applied to the argument it was written with.
        if (c.Callee is Identifier definedNumber && c.Arguments.Count == 1 && c.Separators.Count == 0 && MatrixScope.Unwrap(c.Arguments[0]) is Identifier definedAt
            && MatrixScope.Key(definedNumber, parsed) is var numberKey && scope.ScalarArgument(numberKey) == MatrixScope.Key(definedAt, parsed)
            && scope.ScalarDefinitions.ContainsKey(numberKey))
            return ReadName(definedNumber, parsed);
        if (_integrated is { } integrated && c.Callee is Identifier density && c.Arguments.Count == 1 && MatrixScope.Key(density, parsed) == integrated.Key
            && MatrixScope.Unwrap(c.Arguments[0]) is Identifier point && MatrixScope.Key(point, parsed) == integrated.Variable)
            return MatrixValue.Of(integrated.Value);
        // vec(A), \mathrm{Vec}(A): the columns of A stacked into one vector (the standard meaning, unless the document defines it).
        if (c.Callee is Identifier { Name: "vec" or "Vec", Subscript: null, Style: NameStyle.Roman or NameStyle.Normal } vec && c.Arguments.Count == 1
            && !binding.IsDefinedFunction(MathBinder.SymbolName(vec, parsed)))
        {
            // A sum of 1 × 1 matrices comes out as a number: its vec is itself.
            var stacked = Read(c.Arguments[0], parsed);
            if (stacked.Scalar is { } number) stacked = MatrixValue.Of(new[,] { { number } });
            var column = new Expr[stacked.Rows * stacked.Columns, 1];
            for (var j = 0; j < stacked.Columns; j++)
                for (var i = 0; i < stacked.Rows; i++) column[j * stacked.Rows + i, 0] = stacked[i, j];
            return MatrixValue.Of(column);
        }
        // μ(X), Σ(X) of a normal 𝒩(μ(X), Σ(X)) the statement writes: one unknown vector (covariance) per function and argument.
        if (c.Callee is Identifier parameter && shapes.ParameterFunctionIsVector(MatrixScope.Key(parameter, parsed)) is { } isVector
            && !binding.IsDefinedFunction(MathBinder.SymbolName(parameter, parsed)))
        {
            var name = MatrixScope.Key(parameter, parsed);
            // Keyed by the arguments' values (μ(x_t) in a sum written out is μ(x_1), μ(x_2) …), as for any unknown function.
            var at = ConstantUnknowns ? "" : _indices.Count == 0 ? string.Join(", ", c.Arguments.Select(a => parsed.GetText(a.Span).Trim())) : string.Join(";", c.Arguments.Select(a => Read(a, parsed).Describe()));
            if (!_unknownAt.TryGetValue(name, out var keys)) _unknownAt[name] = keys = [];
            if (!keys.Contains(at)) keys.Add(at);
            return instance.ValueOf(name + "(" + at + ")", isVector ? MatrixShape.Vector(MatrixScope.Common) : MatrixShape.Square(MatrixScope.Common, MatrixKind.PositiveDefinite));
        }
        // A(x − μ), Σ(x): a vector or matrix before brackets multiplies what they hold; so does any name before a transpose, ξ(ξ)ᵀ.
        if (c.Callee is Identifier named && c.Arguments.Count == 1 && c.Separators.Count == 0
            && (shapes.ShapeOf(MatrixScope.Key(named, parsed)) is not null || StatementShapes.IsIdentity(named) || StatementShapes.TransposedProduct(c) is not null
                || ProductNames.Contains(MathBinder.SymbolName(named, parsed))))
            return MatrixValue.Multiply(ReadName(named, parsed), Read(c.Arguments[0], parsed));
        if (Density(c, parsed) is { } log) return MatrixValue.Of(Ex.Exp(log));
        if (c.Callee is Identifier callee)
        {
            var name = MathBinder.SymbolName(callee, parsed);
            if (name is "KL" or "KLD" or "D_KL" or "D" && c.Arguments.Count == 2)
            {
                var (p, q) = (Distribution(c.Arguments[0], parsed), Distribution(c.Arguments[1], parsed));
                return MatrixValue.Of(GaussianAlgebra.Kl(p, q));
            }
            if (name is "H" or "h" && c.Arguments.Count == 1)
                return MatrixValue.Of(GaussianAlgebra.Entropy(Distribution(c.Arguments[0], parsed)));
        }
        if (!shapes.MentionsMatrices(c, parsed)) return Scalar(c, parsed);
        // \boldsymbol{\epsilon}_\theta(\mathbf{x}_t, t): bold by its values, but applied to a list of arguments, a function of them.
        if (c.Callee is Identifier vectorFunction && (shapes.ShapeOf(MatrixScope.Key(vectorFunction, parsed)) is null
                || c.Separators.Count > 0 && vectorFunction.Style == NameStyle.Bold && !scope.Shapes.ContainsKey(MatrixScope.Key(vectorFunction, parsed)))
            && c.Arguments.Any(a => MatrixScope.Unwrap(a) is Identifier v ? shapes.ShapeOf(MatrixScope.Key(v, parsed)) is { IsVector: true }
                // ε_θ(√ᾱ_t x_0 + √(1 − ᾱ_t) ε, t): an argument that is a combination of vectors.
                : MatrixScope.Unwrap(a) is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } && shapes.MentionsMatrices(a, parsed) && Read(a, parsed).IsVector)
            && OfVectors(c, vectorFunction, parsed) is { } vectorValue)
            return vectorValue;
        if (c.Callee is Identifier scalarFunction && shapes.ShapeOf(MatrixScope.Key(scalarFunction, parsed)) is null
            && OfScalars(c.Arguments, parsed, args => c with { Arguments = args }) is { } applied)
            return applied;
        if (DensityValue(c, parsed) is { } opaqueDensity) return opaqueDensity;
        throw new MatrixReadException("'" + parsed.GetText(c.Span).Trim() + "' with vectors or matrices");
    }

    /// <summary>
    /// f(x_t, t) with a vector among its arguments: a function the document defines by a formula (μ(x_t, x_0) = a x_t + b x_0)
    /// is that formula with each parameter the argument's value, read as a linear combination (a scalar times a vector,
    /// vectors of one shape added; anything else is not read, so μ(x_t, t) with the scalar t for the vector x_0 is not
    /// read); a function nothing defines (the network ε_θ) is an unknown vector of the common dimension, one per function
    /// and argument values. Null when the function is standard or defined otherwise (the scalar readings then apply).
    /// </summary>
    private MatrixValue? OfVectors(Call c, Identifier callee, ParseResult parsed)
    {
        var name = MathBinder.SymbolName(callee, parsed);
        var values = c.Arguments.Select(a => Read(a, parsed)).ToList();
        // μ(x_t, t) renamed by the text (μ(x_t, x_0) = … = μ(x_t, t)): its written value, x_t the argument and ε the statement's.
        if (c.Arguments.All(a => a is Identifier) && (binding as Verification.ScopeState)?.WrittenApplication(name, c.Arguments.Select(a => MathBinder.SymbolName((Identifier)a, parsed))) is { } written)
        {
            var vectors = new Dictionary<Sym, MatrixValue>();
            foreach (var v in written.Vectors)
            {
                var at = c.Arguments.Select((a, i) => MathBinder.SymbolName((Identifier)a, parsed) == v.Name ? i : -1).Where(i => i >= 0).DefaultIfEmpty(-1).First();
                vectors[v] = at >= 0 ? values[at] : instance.ValueOf(v.Name, shapes.ShapeOf(v.Name) ?? MatrixShape.Vector(MatrixScope.Common));
            }
            if (Traversal.FreeSymbols(written.Value).FirstOrDefault(x => !vectors.ContainsKey(x) && shapes.ShapeOf(x.Name) is not null) is { } other)
                throw new MatrixReadException("'" + parsed.GetText(c.Span).Trim() + "' through the value the text gave it uses " + other.Name + ", which is a vector or matrix here");
            return Combination(written.Value, vectors, parsed.GetText(c.Span).Trim());
        }
        if (binding.FunctionParameters(name) is { } parameters)
        {
            if (parameters.Count != values.Count) return null;
            var placeholders = c.Arguments.Select((a, i) => new Identifier(a.Span, "#vec" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            var bound = MathBinder.Bind(c with { Arguments = placeholders }, parsed, binding);
            if (bound.Value is null) return null;
            var body = Expand(bound.Value);
            var map = new Dictionary<Sym, MatrixValue>();
            for (var i = 0; i < placeholders.Count; i++) map[Ex.Sym(MathBinder.SymbolName(placeholders[i], parsed))] = values[i];
            if (!Traversal.FreeSymbols(body).Any(map.ContainsKey)) return null;
            // The formula's own names are scalars of the binder: one that is a vector or matrix in this statement would be two things at once.
            if (Traversal.FreeSymbols(body).FirstOrDefault(x => !map.ContainsKey(x) && shapes.ShapeOf(x.Name) is not null) is { } clash)
                throw new MatrixReadException("'" + parsed.GetText(c.Span).Trim() + "' through its definition uses " + clash.Name + ", which is a vector or matrix here");
            return Combination(body, map, parsed.GetText(c.Span).Trim());
        }
        // A density or probability (p(x), f_X(x), P(c | x)) has scalar values: not an unknown vector.
        if (binding.IsDefinedFunction(name) || ModelCheck.IsDensityName(callee, parsed, binding.IsDefinedFunction) || callee is { Name: "f", Subscript: not null }) return null;
        // η(βv + Λz): a bare letter before one bracketed combination of vectors may be a factor as well as a function.
        if (callee is { IsSingleSymbol: true, IsUndecorated: true, Name: not ("f" or "g" or "h") } && c.Arguments.Count == 1 && c.Separators.Count == 0
            && MatrixScope.Unwrap(c.Arguments[0]) is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract })
        {
            _productOrFunction.Add(parsed.GetText(c.Span).Trim());
            _productOrFunctionNames.Add(name);
        }
        return Unknown(name, values);
    }

    private readonly List<string> _productOrFunction = [];
    private readonly HashSet<string> _productOrFunctionNames = new(StringComparer.Ordinal);

    /// <summary>The names of <see cref="ProductOrFunction"/>'s callees, to read them again as factors (<see cref="ProductNames"/>).</summary>
    public ICollection<string> ProductOrFunctionNames => _productOrFunctionNames;

    /// <summary>Names read as factors before a bracket (η(βv + Λz) = η·(βv + Λz)): the second reading of <see cref="ProductOrFunction"/>.</summary>
    public ICollection<string> ProductNames { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Applications read as unknown functions that the text may mean as products (η(βv + Λz), a learning rate times a
    /// vector): a step that fails under the function reading is not refuted for that reading alone.
    /// </summary>
    public IReadOnlyList<string> ProductOrFunction => _productOrFunction;

    /// <summary>The unknown functions applied here, each with the keys of the argument values it was applied to.</summary>
    private readonly Dictionary<string, List<string>> _unknownAt = new(StringComparer.Ordinal);

    /// <summary>An unknown function applied at two different arguments (ε_θ(x_t, t) and ε_θ(√ᾱ x_0 + …, t)), whose values may be one.</summary>
    public string? UnknownAtSeveralPoints => _unknownAt.FirstOrDefault(kv => kv.Value.Count > 1).Key;

    /// <summary>The unknown functions of vectors the statement applies.</summary>
    public IEnumerable<string> UnknownFunctions => _unknownAt.Keys;

    /// <summary>Every undefined function of vectors read as a constant (one unknown vector whatever its arguments): one function it may be.</summary>
    public bool ConstantUnknowns { get; init; }

    private MatrixValue Unknown(string name, IReadOnlyList<MatrixValue> arguments)
    {
        // At dimension 1 a vector passes for a number, so a function with scalar values (a density f_X(x), P(c | x)) would
        // read as one; from dimension 2 on, a use that needs a number is not read at all.
        if (instance.Dimension(MatrixScope.Common) < 2) throw new SkippedInstanceException("an undefined function of vectors is read from dimension 2 on");
        var key = ConstantUnknowns ? "" : string.Join(";", arguments.Select(a => a.Describe()));
        if (!_unknownAt.TryGetValue(name, out var keys)) _unknownAt[name] = keys = [];
        var at = keys.IndexOf(key);
        if (at < 0) { keys.Add(key); at = keys.Count - 1; }
        var label = name + "(" + (at + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
        return instance.ValueOf(label, MatrixShape.Vector(MatrixScope.Common));
    }

    /// <summary>A formula in vectors read as a linear combination: sums of one shape, products with at most one vector factor.</summary>
    private MatrixValue Combination(Expr e, IReadOnlyDictionary<Sym, MatrixValue> map, string what)
    {
        if (!Traversal.FreeSymbols(e).Any(map.ContainsKey)) return MatrixValue.Of(e);
        switch (e)
        {
            case Sym s when map.TryGetValue(s, out var value):
                return value;
            case Add a:
                {
                    var terms = a.Terms.Select(t => Combination(t, map, what)).ToList();
                    var total = terms[0];
                    foreach (var t in terms.Skip(1))
                    {
                        if (total.IsScalar != t.IsScalar || total.Rows != t.Rows || total.Columns != t.Columns)
                            throw new MatrixReadException("'" + what + "' through its definition adds a " + total.Shape + " value to a " + t.Shape + " value");
                        total = MatrixValue.Add(total, t);
                    }
                    return total;
                }
            case Mul m:
                {
                    var factors = m.Factors.Select(f => Combination(f, map, what)).ToList();
                    if (factors.Count(f => !f.IsScalar) > 1) throw new MatrixReadException("'" + what + "' through its definition multiplies vectors or matrices in an order the formula does not keep");
                    return factors.Aggregate(MatrixValue.Multiply);
                }
            case Apply ap when !binding.IsDefinedFunction(ap.Name):
                return Unknown(ap.Name, ap.Args.Select(x => Combination(x, map, what)).ToList());
        }
        throw new MatrixReadException("'" + what + "' through its definition applies " + LatexPrinter.Print(e) + " to vectors");
    }

    /// <summary>
    /// A scalar function of arguments that are 1×1 here (σ(βᵀx), f(xᵀAx)): the call is bound by the scalar binder with a
    /// placeholder name in each argument's place (so the function's definition or standard meaning applies), and each
    /// placeholder is then replaced by the argument's value. Null when an argument is not 1×1.
    /// </summary>
    private MatrixValue? OfScalars(IReadOnlyList<SyntaxNode> arguments, ParseResult parsed, Func<IReadOnlyList<SyntaxNode>, SyntaxNode> rebuild)
    {
        var values = new List<Expr>();
        foreach (var argument in arguments)
        {
            if (Read(argument, parsed).AsScalar() is not { } value) return null;
            values.Add(value);
        }
        var placeholders = arguments.Select((a, i) => new Identifier(a.Span, "#arg" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var bound = MathBinder.Bind(rebuild(placeholders), parsed, binding);
        if (bound.Value is null) return null;
        var map = new Dictionary<Sym, Expr>();
        for (var i = 0; i < placeholders.Count; i++) map[Ex.Sym(MathBinder.SymbolName(placeholders[i], parsed))] = values[i];
        // The binder may have taken a placeholder for something else (a density's variable): then the reading is not this one.
        var free = new HashSet<string>(Traversal.FreeSymbols(bound.Value).Select(x => x.Name), StringComparer.Ordinal);
        if (map.Keys.Any(k => !free.Contains(k.Name))) return null;
        // Only functions with a meaning here (defined by the document, or standard): a function nothing defines may be
        // anything, and a vector at dimension 1 is 1×1 too (p(x) is not a function of a number).
        var expanded = Expand(bound.Value);
        if (Traversal.Any(expanded, e => e is Apply)) return null;
        return MatrixValue.Of(Traversal.Substitute(expanded, map));
    }

    /// <summary>A multivariate normal named as a density (p), a random vector (x ∼ 𝒩), p(x), or written as 𝒩(μ, Σ).</summary>
    private Gaussian Distribution(SyntaxNode node, ParseResult parsed)
    {
        node = MatrixScope.Unwrap(node);
        if (MatrixScope.Normal(node) is { } normal) return Gaussian(normal.Mean, normal.Covariance, parsed);
        var id = node switch { Identifier i => i, Call { Callee: Identifier f } => f, _ => null };
        if (id is not null && Law(MatrixScope.Key(id, parsed)) is { } g) return Gaussian(g.Mean, g.Covariance, g.Parsed);
        // H(x) with x the variable of the one density the document writes out for it (p(x) = …).
        if (node is Identifier variable)
        {
            var laws = scope.WrittenLaws.Where(kv => kv.Value.Variable == MatrixScope.Key(variable, parsed)).ToList();
            if (laws.Count == 1 && Law(laws[0].Key) is { } law) return Gaussian(law.Mean, law.Covariance, law.Parsed);
        }
        throw new MatrixReadException("'" + parsed.GetText(node.Span).Trim() + "' is not a multivariate normal the document defines");
    }

    private Gaussian Gaussian(SyntaxNode meanNode, SyntaxNode covarianceNode, ParseResult parsed)
    {
        if (MatrixScope.Unwrap(covarianceNode) is Identifier cov && MatrixScope.IsMatrixLetter(cov) && !StatementShapes.IsIdentity(cov) && shapes.ShapeOf(MatrixScope.Key(cov, parsed)) is null)
            throw new ReclassifyException(MatrixScope.Key(cov, parsed), asMatrix: true);
        var covariance = Read(covarianceNode, parsed);
        var mean = Read(meanNode, parsed);
        if (mean.IsScalar && !mean.Scalar!.IsZero && MatrixScope.Unwrap(meanNode) is Identifier m && shapes.CanBeVector(m, parsed))
            throw new ReclassifyException(MatrixScope.Key(m, parsed));
        if (covariance.AsScalar() is { } c && !covariance.IsSquare)
        {
            var n = mean.IsVector ? mean.Rows : instance.Dimension(MatrixScope.Common);
            covariance = MatrixValue.Multiply(MatrixValue.Of(c), MatrixValue.Identity(n));
        }
        if (!covariance.IsSquare) throw new MatrixReadException("a covariance of shape " + covariance.Shape);
        if (mean.Scalar is { IsZero: true }) mean = MatrixValue.Of(new Expr[covariance.Rows, 1].Fill(Ex.Zero));
        else if (mean.Scalar is { } single && covariance.Rows == 1) mean = MatrixValue.Of(new Expr[,] { { single } });
        if (!mean.IsVector || mean.Rows != covariance.Rows) throw new MatrixReadException("a mean of shape " + mean.Shape + " with a " + covariance.Shape + " covariance");
        return new Gaussian(mean, covariance);
    }

    private MatrixValue Expectation(SyntaxExpectation e, ParseResult parsed)
    {
        string? variable;
        Gaussian gaussian;
        // No law for any vector of the body: the expectation by linearity, in means and second moments (FreeMoments).
        try { (variable, gaussian) = ExpectationLaw(e.Subscript, e.Body, parsed); }
        catch (MatrixReadException) when (e.Subscript is null && RandomVectors([e.Body], parsed).Count == 0) { return FreeMoments(e, parsed); }
        // E_p[log p − log q]: no vector in the body; the expectation's variable is a fresh one.
        var key = variable ?? "#E";
        var value = instance.ValueOf(key, MatrixShape.Vector(MatrixScope.Common));
        var outer = _expectation;
        _expectation = (value, gaussian);
        try { return GaussianAlgebra.Expect(Read(e.Body, parsed), instance.Components(key), gaussian); }
        finally { _expectation = outer; }
    }

    /// <summary>∫ p(x) f(x) dx with p a multivariate normal density in x: the expectation of f.</summary>
    private MatrixValue Integral(SyntaxIntegral i, ParseResult parsed)
    {
        // ∫ f(x) p(x | y) dx with p a density the text never gives: 𝔼[f(x)] by linearity (MatrixReader.FreeIntegrals).
        if (FreeIntegral(i, parsed) is { } free) return free;
        if (i.Lower is not null || i.Upper is not null || i.Body is null || i.Differentials.Count > 1) return ScalarOrFail(i, parsed);
        var factors = i.Body is ImplicitMultiplication m ? m.Factors.ToList() : i.Body is Binary { Operator: BinaryOperator.Multiply } b ? [b.Left, b.Right] : [i.Body];
        for (var k = 0; k < factors.Count; k++)
        {
            if (MatrixScope.Unwrap(factors[k]) is not Call { Callee: Identifier f, Arguments.Count: 1 } c || c.Arguments[0] is not Identifier v) continue;
            if ((scope.Gaussians.TryGetValue(MatrixScope.Key(f, parsed), out var defined) ? defined : Law(MatrixScope.Key(f, parsed))) is not { } g) continue;
            var variable = MatrixScope.Key(v, parsed);
            if (i.Differentials.Count == 1 && !(MatrixScope.Unwrap(i.Differentials[0].Variable) is Identifier dv && MatrixScope.Key(dv, parsed) == variable)) continue;
            var rest = factors.Where((_, j) => j != k).ToList();
            MatrixValue body = MatrixValue.Of(Ex.One);
            foreach (var r in rest) body = MatrixValue.Multiply(body, Read(r, parsed));
            return GaussianAlgebra.Expect(body, instance.Components(variable), Gaussian(g.Mean, g.Covariance, g.Parsed));
        }
        return Inside(i, parsed) ?? (UngivenDensityIn(i, parsed) is { } why ? throw new MatrixReadException(why) : ScalarOrFail(i, parsed));
    }

    /// <summary>The density being integrated against, while an integrand that holds it inside other operations is read.</summary>
    private (string Key, string Variable, Sym Value)? _integrated;

    /// <summary>
    /// ∫ ln(e^{tr[A p(x) B]}) dx: the density p(x) of a normal the document defines, written inside the integrand rather than
    /// as its factor. The integrand is read with p(x) as a number P; when it is P·h(x) (no other dependence on P, nothing
    /// without P), the integral is the expectation of h. Null when p(x) appears other than once linearly.
    /// </summary>
    private MatrixValue? Inside(SyntaxIntegral i, ParseResult parsed)
    {
        if (_integrated is not null || i.Differentials.Count != 1 || MatrixScope.Unwrap(i.Differentials[0].Variable) is not Identifier dv) return null;
        var variable = MatrixScope.Key(dv, parsed);
        var densities = new List<string>();
        MatrixScope.Visit(i.Body!, n =>
        {
            if (n is Call { Callee: Identifier f, Arguments.Count: 1 } c && MatrixScope.Unwrap(c.Arguments[0]) is Identifier v && MatrixScope.Key(v, parsed) == variable) densities.Add(MatrixScope.Key(f, parsed));
        });
        if (densities.Distinct().Count() != 1 || Law(densities[0]) is not { } g) return null;
        var p = Ex.Sym("#p(" + variable + ")");
        _integrated = (densities[0], variable, p);
        MatrixValue body;
        try { body = Read(i.Body!, parsed); }
        finally { _integrated = null; }
        if (body.AsScalar() is not { } b) return null;
        var h = Differentiator.Derivative(b, p);
        if (Traversal.FreeSymbols(h).Contains(p) || !Traversal.Substitute(b, p, Ex.Zero).IsZero) return null;
        return GaussianAlgebra.Expect(MatrixValue.Of(h), instance.Components(variable), Gaussian(g.Mean, g.Covariance, g.Parsed));
    }

    private MatrixValue ScalarOrFail(SyntaxNode node, ParseResult parsed)
    {
        if (!shapes.MentionsMatrices(node, parsed)) return Scalar(node, parsed);
        throw new MatrixReadException("'" + parsed.GetText(node.Span).Trim() + "' with vectors or matrices");
    }

    /// <summary>The random vector and its law: E_p, E_{x∼p}, E_{x∼𝒩(μ,Σ)}, E_{p(x)}, or E alone with one declared Gaussian vector in the body.</summary>
    private (string? Variable, Gaussian Law) ExpectationLaw(SyntaxNode? subscript, SyntaxNode body, ParseResult parsed)
    {
        subscript = subscript is null ? null : MatrixScope.Unwrap(subscript);
        switch (subscript)
        {
            case Latex.Syntax.Relation { Operators.Count: 1 } r when r.Operators[0].Kind == RelationKind.Sim && MatrixScope.Unwrap(r.Operands[0]) is Identifier x:
                return (MatrixScope.Key(x, parsed), Distribution(r.Operands[1], parsed));
            case Call { Callee: Identifier f, Arguments.Count: 1 } c when c.Arguments[0] is Identifier x && Law(MatrixScope.Key(f, parsed)) is not null:
                return (MatrixScope.Key(x, parsed), Distribution(c, parsed));
            case Identifier p when Law(MatrixScope.Key(p, parsed)) is { } g:
                {
                    var law = Distribution(p, parsed);
                    return (g.Variable ?? OnlyVector(body, g, parsed), law);
                }
            case null:
                {
                    var random = new List<string>();
                    MatrixScope.Visit(body, n =>
                    {
                        if (n is Identifier id && scope.Gaussians.TryGetValue(MatrixScope.Key(id, parsed), out var g) && g.Variable == MatrixScope.Key(id, parsed)) random.Add(g.Variable);
                    });
                    if (random.Distinct().Count() == 1) return (random[0], Gaussian(scope.Gaussians[random[0]].Mean, scope.Gaussians[random[0]].Covariance, scope.Gaussians[random[0]].Parsed));
                    if (random.Count == 0 && CapitalVariable(body, parsed) is { } capital) return capital;
                    break;
                }
        }
        throw new MatrixReadException("an expectation whose law is not a multivariate normal the document defines");
    }

    /// <summary>
    /// E[(X − E[X])(X − E[X])ᵀ] beside p(x) = 𝒩(x; μ, Σ) written out: the capital X is the random vector whose values x
    /// the document's one density of x describes (the convention of probability texts). Read as a convention: what holds
    /// speaks for the text, a failure may be the reading's.
    /// </summary>
    private (string? Variable, Gaussian Law)? CapitalVariable(SyntaxNode body, ParseResult parsed)
    {
        var capitals = new HashSet<string>(StringComparer.Ordinal);
        Identifier? capital = null;
        MatrixScope.Visit(body, n =>
        {
            if (n is Identifier { Name.Length: 1, Subscript: null, Primes: 0 } id && char.IsUpper(id.Name[0]) && id.Name is "X" or "Y" or "Z" && !scope.Definitions.ContainsKey(MatrixScope.Key(id, parsed)))
            {
                capitals.Add(MatrixScope.Key(id, parsed));
                capital = id;
            }
        });
        if (capitals.Count != 1 || capital is null) return null;
        var lower = MatrixScope.Key(capital with { Name = capital.Name.ToLowerInvariant() }, parsed);
        var laws = scope.AllLaws.Where(g => g.Variable == lower).Distinct().ToList();
        if (laws.Count != 1) return null;
        var key = MatrixScope.Key(capital, parsed);
        if (shapes.ShapeOf(key) is null) throw new ReclassifyException(key);
        // The density's formula is read in x, which must be the vector here too.
        if (shapes.ShapeOf(lower) is null) throw new ReclassifyException(lower);
        Convention ??= capital.Name + " as the random vector whose density the document gives for " + capital.Name.ToLowerInvariant();
        var named = scope.Gaussians.Concat(scope.WrittenLaws).FirstOrDefault(kv => ReferenceEquals(kv.Value, laws[0]));
        var law = named.Key is not null && Law(named.Key) is { } checkedLaw ? checkedLaw : laws[0];
        return (key, Gaussian(law.Mean, law.Covariance, law.Parsed));
    }

    /// <summary>The one vector of the body that is not a parameter of the law (x in E_p[(x − μ)ᵀ A (x − μ)]).</summary>
    private string? OnlyVector(SyntaxNode body, GaussianVector law, ParseResult parsed)
    {
        // Not a parameter of this or any other normal of the document (μ_q in E_p[(x − μ_q)ᵀ …]).
        var parameters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in scope.AllLaws.Append(law))
            foreach (var n in new[] { g.Mean, g.Covariance })
                MatrixScope.Visit(n, x => { if (x is Identifier id) parameters.Add(MatrixScope.Key(id, g.Parsed)); });
        var vectors = new HashSet<string>(StringComparer.Ordinal);
        MatrixScope.Visit(body, x =>
        {
            if (x is Identifier id && shapes.ShapeOf(MatrixScope.Key(id, parsed)) is { IsVector: true } && !parameters.Contains(MatrixScope.Key(id, parsed))) vectors.Add(MatrixScope.Key(id, parsed));
        });
        return vectors.Count == 1 ? vectors.First() : null;
    }
}

internal static class ArrayExtensions
{
    public static Expr[,] Fill(this Expr[,] array, Expr value)
    {
        for (var i = 0; i < array.GetLength(0); i++)
            for (var j = 0; j < array.GetLength(1); j++) array[i, j] = value;
        return array;
    }
}
