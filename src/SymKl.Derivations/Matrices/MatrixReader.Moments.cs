using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SyntaxExpectation = SymKl.Latex.Syntax.Expectation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// Moments of random vectors: Var(a) and Cov(a, b) = E[(a − E a)(b − E b)ᵀ], and E[…] over several random vectors at
/// once. Every random vector is one the document gives a law (x ∼ 𝒩(μ, Σ)); degree-2 moments need only its mean and
/// covariance, so the law's family does not matter. Random vectors are joined into one vector: uncorrelated where the
/// text says they are independent; otherwise a reading that assumes it is flagged (<see cref="AssumedIndependence"/>)
/// and checked again with a free cross-covariance, so that only what holds whatever the dependence is decided.
/// </summary>
internal sealed partial class MatrixReader
{
    /// <summary>Random vectors the text does not call independent get a cross-covariance of free symbols instead of 0.</summary>
    public bool FreeCrossCovariance { get; init; }

    /// <summary>The random vectors joined as uncorrelated although the text never says they are independent; null when none.</summary>
    public string? AssumedIndependence { get; private set; }

    /// <summary>The random vectors of one reading, stacked: their component symbols and the joint mean and covariance.</summary>
    private sealed record JointLaw(IReadOnlyList<Sym> Components, Gaussian Law);

    /// <summary>Var(a) = Cov(a, a); Cov(a) is the covariance matrix of a; Cov(a, b) = E[(a − E a)(b − E b)ᵀ].</summary>
    private MatrixValue Moment(FunctionApplication f, ParseResult parsed)
    {
        if (f.Base is not null || f.Arguments.Count is < 1 or > 2 || f.Function == "Var" && f.Arguments.Count != 1)
            throw new MatrixReadException(f.Function + " of " + f.Arguments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " arguments");
        var what = f.Function + "(" + string.Join(", ", f.Arguments.Select(a => parsed.GetText(a.Span).Trim())) + ")";
        // No vector with a law in it: the moment by linearity, in free means and second moments (MatrixReader.FreeIntegrals).
        if (RandomVectors(f.Arguments, parsed).Count == 0) return FreeCovariance(f, parsed, what);
        var law = Joint(f.Arguments, parsed, what);
        MatrixValue a, b;
        _moments++;
        try
        {
            a = Read(f.Arguments[0], parsed);
            b = f.Arguments.Count == 2 ? Read(f.Arguments[1], parsed) : a;
        }
        finally { _moments--; }
        var ca = MatrixValue.Add(a, MatrixValue.Negate(GaussianAlgebra.Expect(a, law.Components, law.Law)));
        var cb = MatrixValue.Add(b, MatrixValue.Negate(GaussianAlgebra.Expect(b, law.Components, law.Law)));
        if (!ca.IsScalar && !ca.IsVector || !cb.IsScalar && !cb.IsVector) throw new MatrixReadException(f.Function + " of a matrix");
        return GaussianAlgebra.Expect(MatrixValue.Multiply(ca, cb.IsScalar ? cb : cb.Transpose()), law.Components, law.Law);
    }

    /// <summary>
    /// The keys of the random vectors (names with a law of their own, x in x ∼ 𝒩(μ, Σ)) that the nodes mention, also through
    /// the formulas of vectors the document defines from them (y = Hx + v).
    /// </summary>
    private List<string> RandomVectors(IEnumerable<SyntaxNode> nodes, ParseResult parsed)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(SyntaxNode node, ParseResult p, int depth) => MatrixScope.Visit(node, n =>
        {
            if (n is not Identifier id || MatrixScope.Key(id, p) is not { } key || !seen.Add(key)) return;
            if (IsRandomVector(key)) found.Add(key);
            else if (depth < MaxDefinitionDepth && scope.RandomDefinitions.TryGetValue(key, out var definition)) Walk(definition.Formula, definition.Parsed, depth + 1);
        });
        foreach (var node in nodes) Walk(node, parsed, 0);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private const int MaxDefinitionDepth = 8;

    /// <summary>Inside a moment: names defined from random vectors read through their formulas.</summary>
    private int _moments;

    /// <summary>The formula of a vector defined from random vectors, while a moment is read; null otherwise.</summary>
    private MatrixValue? RandomDefinition(string key)
    {
        if (_moments == 0 || !scope.RandomDefinitions.TryGetValue(key, out var definition) || !_expanding.Add(key)) return null;
        try { return Read(definition.Formula, definition.Parsed); }
        finally { _expanding.Remove(key); }
    }

    private bool IsRandomVector(string key) => scope.Gaussians.TryGetValue(key, out var g) && g.Variable == key;

    /// <summary>
    /// The joint law of the random vectors the nodes mention. Refused: no random vector (the moment of a value with no law
    /// is not 0, it is unknown), a vector the document neither declares nor gives a law (it may be random), or a law whose
    /// parameters hold another random vector (a conditional law, not a joint one).
    /// </summary>
    private JointLaw Joint(IReadOnlyList<SyntaxNode> nodes, ParseResult parsed, string what)
    {
        var random = RandomVectors(nodes, parsed);
        if (random.Count == 0) throw new MatrixReadException(what + " holds no random vector the document gives a law");
        var parameters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in scope.AllLaws)
            foreach (var n in new[] { g.Mean, g.Covariance })
                MatrixScope.Visit(n, x => { if (x is Identifier id) parameters.Add(MatrixScope.Key(id, g.Parsed)); });
        var checkedNames = new HashSet<string>(StringComparer.Ordinal);
        void Guard(SyntaxNode node, ParseResult p, int depth) => MatrixScope.Visit(node, n =>
        {
            if (n is not Identifier id || MatrixScope.Key(id, p) is not { } key || !checkedNames.Add(key) || random.Contains(key) || parameters.Contains(key) || scope.Shapes.ContainsKey(key) || scope.Definitions.ContainsKey(key)) return;
            if (scope.RandomDefinitions.TryGetValue(key, out var definition))
            {
                // z = F s + u: every term of the formula must hold a vector the reading knows (u may be random noise with no law).
                foreach (var term in Terms(definition.Formula))
                    if (!KnownVectorIn(term, definition.Parsed))
                        throw new MatrixReadException("the formula of " + key + " has the term " + definition.Parsed.GetText(term.Span).Trim() + ", which holds no vector the document declares or gives a law (it may be random)");
                if (depth < MaxDefinitionDepth) Guard(definition.Formula, definition.Parsed, depth + 1);
                return;
            }
            if (shapes.ShapeOf(key) is { IsVector: true } || depth > 0 && !MatrixScope.IsMatrixLetter(id) && shapes.ShapeOf(key) is null && id.Style == NameStyle.Bold)
                throw new MatrixReadException(what + " holds " + p.GetText(id.Span).Trim() + ", a vector the document neither declares nor gives a law (it may be random)");
        });
        foreach (var node in nodes) Guard(node, parsed, 0);
        var laws = new List<Gaussian>();
        var components = new List<Sym>();
        foreach (var key in random)
        {
            var g = scope.Gaussians[key];
            foreach (var n in new[] { g.Mean, g.Covariance })
                MatrixScope.Visit(n, x =>
                {
                    if (x is Identifier id && IsRandomVector(MatrixScope.Key(id, g.Parsed)))
                        throw new MatrixReadException("the law of " + key + " depends on the random vector " + MatrixScope.Key(id, g.Parsed) + " (a conditional law, not a joint one)");
                });
            var law = Gaussian(g.Mean, g.Covariance, g.Parsed);
            // Drawn at its declared size (a block of one component, ℝ^{d₁}) before its components are named.
            if (scope.Shapes.TryGetValue(key, out var declared) && declared.IsVector) instance.ValueOf(key, declared);
            var own = instance.Components(key);
            if (own.Count != law.Dimension) throw new MatrixReadException("the law of " + key + " has dimension " + law.Dimension.ToString(System.Globalization.CultureInfo.InvariantCulture) + " but " + key + " has " + own.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " components");
            laws.Add(law);
            components.AddRange(own);
        }
        if (laws.Count == 1) return new JointLaw(components, laws[0]);
        var size = components.Count;
        var mean = new Expr[size, 1];
        var covariance = new Expr[size, size].Fill(Ex.Zero);
        var offsets = new int[laws.Count];
        for (int k = 0, at = 0; k < laws.Count; at += laws[k].Dimension, k++) offsets[k] = at;
        var assumed = new List<string>();
        for (var k = 0; k < laws.Count; k++)
        {
            for (var i = 0; i < laws[k].Dimension; i++)
            {
                mean[offsets[k] + i, 0] = laws[k].Mean[i, 0];
                for (var j = 0; j < laws[k].Dimension; j++) covariance[offsets[k] + i, offsets[k] + j] = laws[k].Covariance[i, j];
            }
            for (var l = k + 1; l < laws.Count; l++)
            {
                if (CrossCovariance(random[k], random[l], laws[k].Dimension, laws[l].Dimension) is { } cross)
                {
                    for (var i = 0; i < laws[k].Dimension; i++)
                        for (var j = 0; j < laws[l].Dimension; j++) covariance[offsets[k] + i, offsets[l] + j] = covariance[offsets[l] + j, offsets[k] + i] = cross[i, j];
                    continue;
                }
                if (scope.DeclaredIndependent(random[k], random[l])) continue;
                assumed.Add(random[k] + " and " + random[l]);
                if (!FreeCrossCovariance) continue;
                for (var i = 0; i < laws[k].Dimension; i++)
                    for (var j = 0; j < laws[l].Dimension; j++)
                    {
                        var c = Ex.Sym("#Cov(" + random[k] + "," + random[l] + ")[" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + (j + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
                        covariance[offsets[k] + i, offsets[l] + j] = c;
                        covariance[offsets[l] + j, offsets[k] + i] = c;
                    }
            }
        }
        if (assumed.Count > 0) AssumedIndependence ??= string.Join(", ", assumed);
        return new JointLaw(components, new Gaussian(MatrixValue.Of(mean), MatrixValue.Of(covariance)));
    }

    /// <summary>The terms of a sum (signs dropped); a formula that is no sum is its own one term.</summary>
    private static IEnumerable<SyntaxNode> Terms(SyntaxNode node)
    {
        node = MatrixScope.Unwrap(node);
        if (node is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b) return Terms(b.Left).Concat(Terms(b.Right));
        if (node is Unary { Operator: UnaryOperator.Negate or UnaryOperator.Plus } u) return Terms(u.Operand);
        return [node];
    }

    /// <summary>The term names a random vector, a declared vector, a parameter of a law or a vector defined from random ones.</summary>
    private bool KnownVectorIn(SyntaxNode term, ParseResult parsed)
    {
        var found = false;
        MatrixScope.Visit(term, n =>
        {
            if (n is not Identifier id || MatrixScope.Key(id, parsed) is not { } key) return;
            found |= IsRandomVector(key) || scope.RandomDefinitions.ContainsKey(key) || scope.Shapes.TryGetValue(key, out var shape) && shape.IsVector
                || scope.AllLaws.Any(g => MatrixScope.Unwrap(g.Mean) is Identifier m && MatrixScope.Key(m, g.Parsed) == key);
        });
        return found;
    }

    /// <summary>E[…] with no law written under it over two or more random vectors: the expectation over their joint law.</summary>
    private MatrixValue? JointExpectation(SyntaxExpectation e, ParseResult parsed)
    {
        if (e.Subscript is not null) return null;
        var random = RandomVectors([e.Body], parsed);
        var direct = 0;
        MatrixScope.Visit(e.Body, n => { if (n is Identifier id && IsRandomVector(MatrixScope.Key(id, parsed))) direct++; });
        // One random vector written in the body: the expectation over its law, as before.
        if (random.Count == 0 || random.Count == 1 && direct > 0 && !DefinesFromRandom(e.Body, parsed)) return null;
        var law = Joint([e.Body], parsed, "E[" + parsed.GetText(e.Body.Span).Trim() + "]");
        _moments++;
        try { return GaussianAlgebra.Expect(Read(e.Body, parsed), law.Components, law.Law); }
        finally { _moments--; }
    }

    private bool DefinesFromRandom(SyntaxNode node, ParseResult parsed)
    {
        var found = false;
        MatrixScope.Visit(node, n => found |= n is Identifier id && scope.RandomDefinitions.ContainsKey(MatrixScope.Key(id, parsed)));
        return found;
    }
}
