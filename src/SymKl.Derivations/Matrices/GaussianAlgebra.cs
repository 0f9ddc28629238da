using SymKl.Symbolic;

namespace SymKl.Derivations.Matrices;

/// <summary>A multivariate normal in one instance: its mean (a column) and covariance (symmetric positive definite).</summary>
internal sealed record Gaussian(MatrixValue Mean, MatrixValue Covariance)
{
    public int Dimension => Covariance.Rows;
}

/// <summary>
/// Multivariate normals, from their moments alone: the expectation of a polynomial of degree ≤ 2 in the components of
/// x ∼ 𝒩(m, S) uses E[xᵢ] = mᵢ and E[xᵢxⱼ] = Sᵢⱼ + mᵢmⱼ; the log-density is −d/2 log 2π − ½ log det S − ½ (x−m)ᵀS⁻¹(x−m);
/// KL and entropy are expectations of log-densities. Nothing here uses a closed form of KL or entropy, so a document's
/// closed form is checked against the definitions, not against itself.
/// </summary>
internal static class GaussianAlgebra
{
    private static int _fresh;

    public static Expr LogDensity(MatrixValue x, Gaussian g)
    {
        if (!x.IsVector || x.Rows != g.Dimension) throw new MatrixReadException("a density of dimension " + g.Dimension + " at a " + x.Shape + " value");
        var centred = MatrixValue.Add(x, MatrixValue.Negate(g.Mean));
        var quadratic = MatrixValue.Multiply(MatrixValue.Multiply(centred.Transpose(), g.Covariance.Inverse()), centred).RequireScalar("a quadratic form");
        var d = Ex.Num(g.Dimension);
        return Ex.Add(Ex.Mul(Ex.Neg(Ex.Div(d, Ex.Two)), Ex.Log(Ex.Mul(Ex.Two, Ex.Pi))), Ex.Mul(Ex.Neg(Ex.Half), Ex.Log(g.Covariance.Determinant())), Ex.Mul(Ex.Neg(Ex.Half), quadratic));
    }

    /// <summary>KL(p‖q) = E_p[log p(x) − log q(x)].</summary>
    public static Expr Kl(Gaussian p, Gaussian q)
    {
        if (p.Dimension != q.Dimension) throw new MatrixReadException("KL between normals of dimensions " + p.Dimension + " and " + q.Dimension);
        var x = Fresh(p.Dimension);
        var point = Column(x);
        var integrand = MatrixValue.Of(Ex.Sub(LogDensity(point, p), LogDensity(point, q)));
        return Expect(integrand, x, p).RequireScalar("KL");
    }

    /// <summary>H(p) = −E_p[log p(x)].</summary>
    public static Expr Entropy(Gaussian p)
    {
        var x = Fresh(p.Dimension);
        return Ex.Neg(Expect(MatrixValue.Of(LogDensity(Column(x), p)), x, p).RequireScalar("an entropy"));
    }

    private static Sym[] Fresh(int n)
    {
        var id = System.Threading.Interlocked.Increment(ref _fresh);
        return Enumerable.Range(1, n).Select(i => Ex.Sym("#x" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]")).ToArray();
    }

    private static MatrixValue Column(Sym[] x)
    {
        var m = new Expr[x.Length, 1];
        for (var i = 0; i < x.Length; i++) m[i, 0] = x[i];
        return MatrixValue.Of(m);
    }

    /// <summary>E over x ∼ g of every entry of value, a polynomial of degree ≤ 2 in x's components.</summary>
    public static MatrixValue Expect(MatrixValue value, IReadOnlyList<Sym> x, Gaussian g)
    {
        if (x.Count != g.Dimension) throw new MatrixReadException("an expectation over a " + g.Dimension + "-dimensional normal of a " + x.Count + "-dimensional vector");
        var index = new Dictionary<Sym, int>();
        for (var i = 0; i < x.Count; i++) index[x[i]] = i;
        return value.Map(e => ExpectScalar(e, index, g));
    }

    private static Expr ExpectScalar(Expr e, Dictionary<Sym, int> index, Gaussian g)
    {
        if (!Traversal.Any(e, n => n is Sym s && index.ContainsKey(s))) return e;
        var result = new List<Expr>();
        foreach (var (constant, components) in Monomials.Split(e, index, "an expectation of something other than a polynomial of degree at most 2 in the normal vector"))
        {
            Expr moment = components.Count switch
            {
                0 => Ex.One,
                1 => g.Mean[components[0], 0],
                2 => Ex.Add(g.Covariance[components[0], components[1]], Ex.Mul(g.Mean[components[0], 0], g.Mean[components[1], 0])),
                _ => throw new MatrixReadException("an expectation of a polynomial of degree above 2 in the normal vector"),
            };
            constant.Add(moment);
            result.Add(Ex.Mul(constant));
        }
        return Ex.Add(result);
    }
}
