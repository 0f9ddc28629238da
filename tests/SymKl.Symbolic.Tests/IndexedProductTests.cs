using System.Numerics;
using SymKl.Symbolic;

namespace SymKl.Symbolic.Tests;

/// <summary>∏ over an index: a binder like Σ, in canonical form through its smart constructor's sound rewrites.</summary>
public class IndexedProductTests
{
    private static readonly Sym I = Ex.Sym("i"), N = Ex.Sym("n"), C = Ex.Sym("c"), Xi = Ex.Sym("x_i"), Yi = Ex.Sym("y_i");

    private static Expr Int(int k) => Ex.Num(k, BigInteger.One);

    [Fact]
    public void TheIndexIsBoundAndTheLimitsAreFree()
    {
        var node = Assert.IsType<IndexedProduct>(Ex.IndexedProduct(Ex.Add(I, C), I, Ex.One, N));
        Assert.Equal(new[] { "c", "n" }, Traversal.FreeSymbols(node).Select(s => s.Name).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(node, Traversal.Substitute(node, new Dictionary<Sym, Expr> { [I] = Ex.Two }));
        Assert.Equal(Ex.IndexedProduct(Ex.Add(I, Ex.Two), I, Ex.One, N), Traversal.Substitute(node, new Dictionary<Sym, Expr> { [C] = Ex.Two }));
    }

    [Fact]
    public void EqualProductsHashAlikeAndDifferFromTheSum()
    {
        var a = Ex.IndexedProduct(Ex.Add(I, C), I, Ex.One, N);
        var b = Ex.IndexedProduct(Ex.Add(C, I), I, Ex.One, N);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        var sum = Ex.Summation(Ex.Add(I, C), I, Ex.One, N);
        Assert.NotEqual(a, sum);
        Assert.NotEqual(0, a.CompareTo(sum));
        Assert.Equal(a, Ex.Rebuild(a, a.Children));
    }

    [Fact]
    public void AFactorFreeOfTheIndexCountsTheFactors()
    {
        Assert.Equal(Ex.Pow(C, N), Ex.IndexedProduct(C, I, Ex.One, N));
        Assert.Equal(Ex.Pow(C, Ex.Sub(N, Ex.One)), Ex.IndexedProduct(C, I, Ex.Two, N));
        // Without limits the set is not known: no count to take.
        Assert.IsType<IndexedProduct>(Ex.IndexedProduct(C, I));
    }

    [Fact]
    public void AnIndexedNameIsNotFreeOfTheIndex()
    {
        // x_i depends on i through its subscript, so ∏ x_i is not x_i^n, and numeric limits do not write it out by substitution.
        Assert.IsType<IndexedProduct>(Ex.IndexedProduct(Xi, I, Ex.One, N));
        Assert.IsType<IndexedProduct>(Ex.IndexedProduct(Xi, I, Ex.One, Int(3)));
        Assert.IsType<IndexedProduct>(Ex.IndexedProduct(Ex.Apply("p", Ex.Sym("x_{i-1}")), I, Ex.One, N));
    }

    [Fact]
    public void NumericLimitsWriteTheFactorsOut()
    {
        Assert.Equal(Int(24), Ex.IndexedProduct(I, I, Ex.One, Int(4)));
        Assert.Equal(Ex.One, Ex.IndexedProduct(I, I, Int(5), Int(4)));
        Assert.Equal(Ex.Mul(Ex.Add(C, Ex.One), Ex.Add(C, Ex.Two)), Ex.IndexedProduct(Ex.Add(C, I), I, Ex.One, Int(2)));
        // Beyond the budget the node stays.
        Assert.IsType<IndexedProduct>(Ex.IndexedProduct(I, I, Ex.One, Int(Ex.MaxWrittenOutFactors + 5)));
    }

    [Fact]
    public void AProductOfFactorsIsAProductOfProducts()
    {
        Assert.Equal(Ex.Mul(Ex.IndexedProduct(Xi, I, Ex.One, N), Ex.IndexedProduct(Yi, I, Ex.One, N)), Ex.IndexedProduct(Ex.Mul(Xi, Yi), I, Ex.One, N));
        Assert.Equal(Ex.Mul(Ex.Pow(Ex.Two, N), Ex.IndexedProduct(Xi, I, Ex.One, N)), Ex.IndexedProduct(Ex.Mul(Ex.Two, Xi), I, Ex.One, N));
    }

    [Fact]
    public void AnIntegerPowerMovesOutButNotOtherPowers()
    {
        Assert.Equal(Ex.Pow(Ex.IndexedProduct(Xi, I, Ex.One, N), Ex.Two), Ex.IndexedProduct(Ex.Pow(Xi, Ex.Two), I, Ex.One, N));
        // (∏ x_i)^{1/2} = ∏ x_i^{1/2} fails for negative factors (√((-1)(-1)) = 1, but i·i = −1): kept whole.
        var half = Ex.Pow(Xi, Ex.Num(1, 2));
        Assert.Equal(half, Assert.IsType<IndexedProduct>(Ex.IndexedProduct(half, I, Ex.One, N)).Body);
        // An exponent that depends on the index stays: π_k^{z_k}.
        Assert.IsType<IndexedProduct>(Ex.IndexedProduct(Ex.Pow(Ex.Sym("pi_i"), Ex.Sym("z_i")), I, Ex.One, N));
    }

    [Fact]
    public void PrintsInLatex()
    {
        Assert.Equal("\\prod_{i=1}^{n} x_{i}", LatexPrinter.Print(Ex.IndexedProduct(Xi, I, Ex.One, N)).Replace("x_i", "x_{i}"));
        Assert.StartsWith("\\prod_{i} ", LatexPrinter.Print(Ex.IndexedProduct(Xi, I)), StringComparison.Ordinal);
    }

    [Fact]
    public void IsNotEvaluatedNumericallyOverAnUnwrittenRange()
    {
        var e = Ex.IndexedProduct(Ex.Add(I, C), I, Ex.One, N);
        var values = new Dictionary<Sym, double> { [C] = 1, [N] = 3 };
        Assert.Throws<NotEvaluableException>(() => new NumericEvaluator(s => values[s]).Evaluate(e));
    }
}
