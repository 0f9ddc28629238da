using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SyntaxExpectation = SymKl.Latex.Syntax.Expectation;

namespace SymKl.Derivations.Matrices;

/// <summary>
/// Moments given random vectors: E[a | y], Var(a | y), Cov(a, b | y), also E[a | y = v]. The vectors read jointly normal
/// (their laws, and the cross-covariances of blocks of one stacked normal) give the law of the others given y:
/// mean m_r + S_ry S_yy⁻¹ (y − m_y) and covariance S_rr − S_ry S_yy⁻¹ S_yr, over which a is averaged with y held. So
/// what is a function of y stays itself (E[y | y] = y, Var(g(y) | y) = 0), and a vector uncorrelated with y (independent,
/// being jointly normal) loses the condition. A value written for y's lower-case name (x₂ beside E[X₁ | X₂]) is the value
/// y is conditioned on; any other vector the document never introduces leaves the statement unread.
/// </summary>
internal sealed partial class MatrixReader
{
    /// <summary>The random vectors some moment of the statement is conditioned on without a value written for them.</summary>
    private readonly HashSet<string> _conditionedOn = new(StringComparer.Ordinal);

    /// <summary>The random vectors some moment of the statement is conditioned on (with a value written or not).</summary>
    public IReadOnlyCollection<string> ConditionedOn => _conditioned;

    private readonly HashSet<string> _conditioned = new(StringComparer.Ordinal);

    /// <summary>E[a | y]: null when the brackets hold no single bar.</summary>
    private MatrixValue? ConditionalExpectation(SyntaxExpectation e, ParseResult parsed)
    {
        if (e.Subscript is not null || MatrixScope.Unwrap(e.Body) is not Sequence { Items.Count: >= 2 } given || given.Separators.Count != given.Items.Count - 1
            || given.Separators[0].Text != "|" || given.Separators.Skip(1).Any(x => x.Text != ",")) return null;
        return Given([given.Items[0]], given.Items.Skip(1).SelectMany(Conditions).ToList(), parsed, "E[" + parsed.GetText(e.Body.Span).Trim() + "]", (values, expect) => expect(values[0]));
    }

    /// <summary>Var(a | y), Cov(a | y), Cov(a, b | y): null without a bar before the last argument.</summary>
    private MatrixValue? ConditionalMoment(FunctionApplication f, ParseResult parsed)
    {
        var bar = f.Separators.Count == f.Arguments.Count - 1 ? f.Separators.ToList().FindIndex(s => s.Text == "|") : -1;
        if (f.Base is not null || bar < 0 || f.Separators.Skip(bar + 1).Any(s => s.Text == "|")) return null;
        var moment = f.Arguments.Take(bar + 1).ToList();
        if (moment.Count is < 1 or > 2 || f.Function == "Var" && moment.Count != 1) throw new MatrixReadException(f.Function + " of " + moment.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " arguments given others");
        var conditions = f.Arguments.Skip(bar + 1).SelectMany(Conditions).ToList();
        var what = f.Function + "(" + parsed.GetText(f.Span).Trim() + ")";
        return Given(moment, conditions, parsed, what, (values, expect) =>
        {
            var ca = MatrixValue.Add(values[0], MatrixValue.Negate(expect(values[0])));
            var cb = values.Count == 2 ? MatrixValue.Add(values[1], MatrixValue.Negate(expect(values[1]))) : ca;
            if (!ca.IsScalar && !ca.IsVector || !cb.IsScalar && !cb.IsVector) throw new MatrixReadException(f.Function + " of a matrix");
            return expect(MatrixValue.Multiply(ca, cb.IsScalar ? cb : cb.Transpose()));
        });
    }

    /// <summary>The conditions after a bar: y, or y = v; several separated by commas.</summary>
    private static IEnumerable<SyntaxNode> Conditions(SyntaxNode node) => MatrixScope.Unwrap(node) is Sequence { Separators: var s } list && s.All(x => x.Text == ",") ? list.Items : [node];

    private MatrixValue Given(IReadOnlyList<SyntaxNode> moment, IReadOnlyList<SyntaxNode> conditions, ParseResult parsed, string what,
        Func<IReadOnlyList<MatrixValue>, Func<MatrixValue, MatrixValue>, MatrixValue> compute)
    {
        var given = new List<(string Key, SyntaxNode Variable, SyntaxNode? Value)>();
        foreach (var condition in conditions.Select(MatrixScope.Unwrap))
        {
            var (variable, value) = condition is Latex.Syntax.Relation { Operators: [{ Kind: RelationKind.Equal, Negated: false }] } equation ? (MatrixScope.Unwrap(equation.Operands[0]), equation.Operands[1]) : (condition, (SyntaxNode?)null);
            if (variable is not Identifier id || !IsRandomVector(MatrixScope.Key(id, parsed)))
                throw new MatrixReadException(what + " is conditioned on " + parsed.GetText(condition.Span).Trim() + ", not a random vector the document gives a law");
            given.Add((MatrixScope.Key(id, parsed), id, value));
        }
        var law = Joint(moment.Concat(given.Select(g => g.Variable)).ToList(), parsed, what);
        var held = new HashSet<Sym>(given.SelectMany(g => instance.Components(g.Key)));
        var y = law.Components.Select((s, i) => (s, i)).Where(p => held.Contains(p.s)).Select(p => p.i).ToList();
        var r = law.Components.Select((s, i) => (s, i)).Where(p => !held.Contains(p.s)).Select(p => p.i).ToList();
        if (y.Count != held.Count) throw new MatrixReadException(what + ": the conditioning vectors are not among the joint law's");
        MatrixValue Block(MatrixValue m, IReadOnlyList<int> rows, IReadOnlyList<int> columns)
        {
            var b = new Expr[rows.Count, columns.Count];
            for (var i = 0; i < rows.Count; i++)
                for (var j = 0; j < columns.Count; j++) b[i, j] = m[rows[i], columns[j]];
            return MatrixValue.Of(b);
        }
        var (mean, covariance) = (law.Law.Mean, law.Law.Covariance);
        var column = new Expr[y.Count, 1];
        for (var i = 0; i < y.Count; i++) column[i, 0] = law.Components[y[i]];
        var syy = Block(covariance, y, y).Inverse();
        var sry = Block(covariance, r, y);
        var conditional = r.Count == 0 ? null : new Gaussian(
            MatrixValue.Add(Block(mean, r, [0]), MatrixValue.Multiply(MatrixValue.Multiply(sry, syy), MatrixValue.Add(MatrixValue.Of(column), MatrixValue.Negate(Block(mean, y, [0]))))),
            MatrixValue.Add(Block(covariance, r, r), MatrixValue.Negate(MatrixValue.Multiply(MatrixValue.Multiply(sry, syy), Block(covariance, y, r)))));
        var rest = r.Select(i => law.Components[i]).ToList();
        MatrixValue Expect(MatrixValue v) => conditional is null ? v : GaussianAlgebra.Expect(v, rest, conditional);
        _moments++;
        MatrixValue result;
        try { result = compute(moment.Select(m => Read(m, parsed)).ToList(), Expect); }
        finally { _moments--; }
        // y = v: the value written for y in place of y.
        var values = new Dictionary<Sym, Expr>();
        foreach (var (key, _, value) in given)
        {
            _conditioned.Add(key);
            if (value is null) { _conditionedOn.Add(key); continue; }
            var v = Read(value, parsed);
            var components = instance.Components(key);
            if (v.AsScalar() is { } s && components.Count == 1) values[components[0]] = s;
            else if (v.IsVector && v.Rows == components.Count) for (var i = 0; i < components.Count; i++) values[components[i]] = v[i, 0];
            else throw new MatrixReadException(what + ": the value given for " + key + " has shape " + v.Shape);
        }
        return values.Count == 0 ? result : result.Map(e => Traversal.Substitute(e, values));
    }

    /// <summary>
    /// After both sides of a statement with a moment given y are read: a vector named as y's lower-case letter (x₂ for X₂)
    /// that the document never introduces is the value y is conditioned on, and reads as y. Any other such vector may be that
    /// value under another name, so the statement is left unread.
    /// </summary>
    public (MatrixValue Left, MatrixValue Right) GivenValues(MatrixValue left, MatrixValue right)
    {
        if (_conditionedOn.Count == 0) return (left, right);
        var aliases = new Dictionary<Sym, Expr>();
        var loose = new List<string>();
        var onLeft = new HashSet<Sym>(Entries(left).SelectMany(Traversal.FreeSymbols));
        var onRight = new HashSet<Sym>(Entries(right).SelectMany(Traversal.FreeSymbols));
        // A vector on both sides is a parameter the identity holds for; one written on one side only may be a value.
        foreach (var s in onLeft.Concat(onRight).Distinct().Where(x => onLeft.Contains(x) != onRight.Contains(x)))
        {
            var at = s.Name.IndexOf('[');
            if (at <= 0 || !s.Name.EndsWith("]", StringComparison.Ordinal)) continue;
            var key = s.Name.Substring(0, at);
            if (IsRandomVector(key) || scope.Shapes.ContainsKey(key) || scope.RandomDefinitions.ContainsKey(key) || scope.Definitions.ContainsKey(key) || IsLawParameter(key)) continue;
            var named = _conditionedOn.FirstOrDefault(c => c.Length > 0 && char.IsUpper(c[0]) && char.ToLowerInvariant(c[0]) + c.Substring(1) == key);
            if (named is null) { loose.Add(key); continue; }
            var components = instance.Components(named);
            var index = s.Name.Substring(at + 1, s.Name.Length - at - 2);
            if (!int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) || i < 1 || i > components.Count) { loose.Add(key); continue; }
            aliases[s] = components[i - 1];
        }
        if (loose.Count > 0)
            throw new MatrixReadException("it holds " + loose.Distinct().First() + ", a vector the document neither declares nor gives a law, beside a moment given " + _conditionedOn.First() + " (it may be the value conditioned on)");
        return aliases.Count == 0 ? (left, right) : (left.Map(e => Traversal.Substitute(e, aliases)), right.Map(e => Traversal.Substitute(e, aliases)));
    }

    private static IEnumerable<Expr> Entries(MatrixValue m)
    {
        for (var i = 0; i < m.Rows; i++)
            for (var j = 0; j < m.Columns; j++) yield return m[i, j];
    }

    private bool IsLawParameter(string key)
    {
        foreach (var g in scope.AllLaws)
        {
            var found = false;
            foreach (var n in new[] { g.Mean, g.Covariance }) MatrixScope.Visit(n, x => found |= x is Identifier id && MatrixScope.Key(id, g.Parsed) == key);
            if (found) return true;
        }
        return false;
    }

    /// <summary>Cov(a, b) of two blocks of one stacked normal, in this instance (da × db); null when the document gives none.</summary>
    private MatrixValue? CrossCovariance(string a, string b, int da, int db)
    {
        if (scope.CrossCovariance(a, b) is not { } cross) return null;
        // A block written as a name is drawn with the shape the law gave it, whether or not the statement writes it.
        var value = MatrixScope.Unwrap(cross.Node) is Identifier id && MatrixScope.Key(id, cross.Parsed) is var key && !scope.Definitions.ContainsKey(key) && scope.Shapes.TryGetValue(key, out var shape) && !shape.IsVector
            ? instance.ValueOf(key, shape)
            : Read(cross.Node, cross.Parsed);
        if (cross.Transposed) value = value.Transpose();
        if (value.AsScalar() is { } s && da == 1 && db == 1) return MatrixValue.Of(new Expr[,] { { s } });
        if (value.Rows != da || value.Columns != db) throw new MatrixReadException("the cross-covariance of " + a + " and " + b + " has shape " + value.Shape);
        return value;
    }
}
