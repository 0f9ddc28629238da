using SymKl.Symbolic;

namespace SymKl.Symbolic.Tests;

/// <summary>The smart constructors' invariants: equal mathematics in the same structure.</summary>
public class CanonicalFormTests
{
    private static readonly Sym X = Ex.Sym("x"), Y = Ex.Sym("y"), S = Ex.Sym("sigma");

    [Fact]
    public void SumsAreFlattenedOrderedAndCollected()
    {
        Assert.Equal(Ex.Add(X, Y), Ex.Add(Y, X));
        Assert.Equal(Ex.Mul(Ex.Num(2), X), Ex.Add(X, X));
        Assert.Equal(Ex.Zero, Ex.Sub(Ex.Add(X, Y), Ex.Add(Y, X)));
        Assert.Equal(Ex.Add(Ex.Num(3), X), Ex.Add(Ex.One, Ex.Add(X, Ex.Two)));
        var sum = Assert.IsType<Add>(Ex.Add(Y, Ex.Num(5), X));
        Assert.IsType<Num>(sum.Terms[0]);
    }

    [Fact]
    public void ProductsCollectPowersOfTheSameBase()
    {
        Assert.Equal(Ex.Pow(X, Ex.Two), Ex.Mul(X, X));
        Assert.Equal(Ex.One, Ex.Div(X, X));
        Assert.Equal(Ex.Mul(X, Y), Ex.Mul(Y, X));
        Assert.Equal(Ex.Zero, Ex.Mul(Ex.Zero, Ex.Log(X)));
        Assert.Equal(Ex.Pow(X, Ex.Add(Y, Ex.One)), Ex.Mul(X, Ex.Pow(X, Y)));
    }

    [Theory]
    [InlineData(4, 1, 2, "2")]
    [InlineData(8, 1, 2, "2 \\cdot \\sqrt{2}")]
    [InlineData(12, 1, 2, "2 \\cdot \\sqrt{3}")]
    [InlineData(2, 3, 2, "2 \\cdot \\sqrt{2}")]
    [InlineData(2, -1, 2, "\\frac{\\sqrt{2}}{2}")]
    [InlineData(27, 2, 3, "9")]
    [InlineData(2, 10, 1, "1024")]
    public void NumericPowersAreReducedToPrimeRadicals(int b, int p, int q, string latex) =>
        Assert.Equal(latex, LatexPrinter.Print(Ex.Pow(Ex.Num(b), Ex.Num(new Rational(p, q)))));

    [Fact]
    public void RadicalsMultiplyBack()
    {
        var r2 = Ex.Sqrt(Ex.Two);
        Assert.Equal(Ex.Two, Ex.Mul(r2, r2));
        Assert.Equal(Ex.Sqrt(Ex.Num(6)), Ex.Mul(r2, Ex.Sqrt(Ex.Num(3))));
    }

    [Fact]
    public void LogsOfRationalsSplitIntoPrimes()
    {
        var log2 = Ex.Log(Ex.Two);
        Assert.Equal(Ex.Mul(Ex.Two, log2), Ex.Log(Ex.Num(4)));
        Assert.Equal(Ex.Neg(log2), Ex.Log(Ex.Half));
        Assert.Equal(Ex.Add(log2, Ex.Log(Ex.Num(3))), Ex.Log(Ex.Num(6)));
        Assert.Equal(Ex.Zero, Ex.Log(Ex.One));
        Assert.Equal(Ex.One, Ex.Log(Ex.E));
    }

    [Fact]
    public void ExpAndLogCancelWhereValid()
    {
        Assert.Equal(X, Ex.Log(Ex.Exp(X)));
        Assert.Equal(X, Ex.Exp(Ex.Log(X)));
        Assert.Equal(Ex.Mul(Ex.Pow(X, Ex.Two), Ex.Exp(Y)), Ex.Exp(Ex.Add(Ex.Mul(Ex.Two, Ex.Log(X)), Y)));
        Assert.Equal(Ex.Exp(Ex.Add(X, Y)), Ex.Mul(Ex.Exp(X), Ex.Exp(Y)));
    }

    [Fact]
    public void PowerOfPowerKeepsTheSignOfEvenPowers()
    {
        Assert.Equal(Ex.Abs(X), Ex.Sqrt(Ex.Pow(X, Ex.Two)));
        Assert.Equal(X, Ex.Pow(Ex.Sqrt(X), Ex.Two));
        Assert.Equal(Ex.Pow(X, Ex.Num(6)), Ex.Pow(Ex.Pow(X, Ex.Two), Ex.Num(3)));
        Assert.Equal(X, Ex.Pow(Ex.Pow(X, Ex.Num(3)), Ex.Num(new Rational(1, 3))));
    }

    [Fact]
    public void AbsoluteValuesFold()
    {
        Assert.Equal(Ex.Num(3), Ex.Abs(Ex.Num(-3)));
        Assert.Equal(Ex.Pow(X, Ex.Two), Ex.Abs(Ex.Pow(X, Ex.Two)));
        Assert.Equal(Ex.Mul(Ex.Two, Ex.Abs(X)), Ex.Abs(Ex.Mul(Ex.Num(-2), X)));
        Assert.Equal(Ex.Abs(X), Ex.Abs(Ex.Abs(X)));
        Assert.Equal(Ex.Pow(X, Ex.Two), Ex.Pow(Ex.Abs(X), Ex.Two));
    }

    [Fact]
    public void ProductsUnderRootsPullOutPositiveFactors()
    {
        // sqrt(2 π σ²) = √2 · √π · |σ|
        var e = Ex.Sqrt(Ex.Mul(Ex.Two, Ex.Pi, Ex.Pow(S, Ex.Two)));
        Assert.Equal(Ex.Mul(Ex.Sqrt(Ex.Two), Ex.Sqrt(Ex.Pi), Ex.Abs(S)), e);
    }

    [Fact]
    public void RebuildingThroughMapKeepsUnchangedTreesIdentical()
    {
        var e = Ex.Add(Ex.Log(X), Ex.Mul(Y, Ex.Exp(X)));
        Assert.Same(e, Ex.Map(e, n => n));
    }

    [Fact]
    public void SubstitutionRespectsBoundVariables()
    {
        var integral = Ex.Integral(Ex.Mul(X, Y), X);
        var substituted = Traversal.Substitute(integral, new Dictionary<Sym, Expr> { [X] = Ex.Two, [Y] = Ex.Num(3) });
        Assert.Equal(Ex.Integral(Ex.Mul(Ex.Num(3), X), X), substituted);
        Assert.Equal([Y], Traversal.FreeSymbols(integral));
    }
}
