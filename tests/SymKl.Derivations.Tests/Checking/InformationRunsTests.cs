using SymKl.Derivations.Checking;

namespace SymKl.Derivations.Tests.Checking;

/// <summary>n-variable statements written out at small n: runs listed, Σ_{i=1}^{n} and bare ∏ expanded, empty runs dropped.</summary>
public class InformationRunsTests
{
    private static (string Lhs, string Rhs) At(string lhs, string rhs, int n) =>
        InformationRuns.Instances(lhs, rhs, [n]) is [var (_, l, r)] ? (l, r) : throw new Xunit.Sdk.XunitException("no instance of " + lhs + " = " + rhs);

    [Fact]
    public void AnAscendingRunIsListed()
    {
        var (l, _) = At(@"H(X_1, X_2, \ldots, X_n)", @"H(X_1)", 3);
        Assert.Equal("H(X_{1}, X_{2}, X_{3})", l);
    }

    [Fact]
    public void ARunUnderASumIsListed()
    {
        var (l, _) = At(@"\sum_{x_1, \cdots, x_n, z} p(x_1, \cdots, x_n, z)", @"H(Z)", 2);
        Assert.Equal("\\sum_{x_{1}, x_{2}, z} p(x_{1}, x_{2}, z)", l);
    }

    [Fact]
    public void ASumOverTheIndexIsExpandedWithTheRunBelowEachTerm()
    {
        var (_, r) = At(@"H(X_1,X_2,\cdots,X_n)", @"\sum\limits_{i=1}^{n}H(X_i|X_{i-1},\cdots,X_1)", 3);
        Assert.Equal("(H(X_{1}) + H(X_{2}|X_{1}) + H(X_{3}|X_{2}, X_{1}))", r);
    }

    [Fact]
    public void ABareProductTakesTheIndexOfItsTerm()
    {
        var (l, _) = At(@"\frac{p(x_1, \ldots, x_n \mid z)}{\prod p(x_i \mid z)}", @"H(X_1, \ldots, X_n)", 2);
        Assert.Equal("\\frac{p(x_{1}, x_{2} \\mid z)}{(p(x_{1} \\mid z) p(x_{2} \\mid z))}", l);
    }

    // x_n right before the closing brace of a subscript: the brace stays the subscript's.
    [Fact]
    public void TheSubscriptsBraceIsKept()
    {
        var (l, _) = At(@"\sum_{x_1, x_2, \ldots, x_n} p(x_1, x_2, \ldots, x_n)", @"H(X_1, \ldots, X_n)", 2);
        Assert.Equal("\\sum_{x_{1}, x_{2}} p(x_{1}, x_{2})", l);
    }

    // Each instance is a step of the information-sums kind, decided in random tables.
    [Theory]
    [InlineData(@"-\sum_{x_1, x_2, \ldots, x_n} p(x_1, x_2, \ldots, x_n) \log p(x_1, x_2, \ldots, x_n)", @"H(X_1, X_2, \ldots, X_n)", true)]
    [InlineData(@"\sum_{x_1, x_2, \ldots, x_n} p(x_1, x_2, \ldots, x_n) \log p(x_1, x_2, \ldots, x_n)", @"H(X_1, X_2, \ldots, X_n)", false)]
    [InlineData(@"H(Y_1, \ldots, Y_m)", @"\sum_{j=1}^{m} H(Y_j \mid Y_{j-1}, \ldots, Y_1)", true)]
    [InlineData(@"H(Y_1, \ldots, Y_m)", @"\sum_{j=1}^{m} H(Y_j)", false)]
    public void EveryInstanceIsDecided(string lhs, string rhs, bool holds)
    {
        var instances = InformationRuns.Instances(lhs, rhs, [2, 3]);
        Assert.Equal(2, instances.Count);
        foreach (var (n, l, r) in instances)
        {
            var left = SymKl.Latex.LatexParser.ParseExpression(l).Expression!;
            var right = SymKl.Latex.LatexParser.ParseExpression(r).Expression!;
            var reading = InformationSums.Read(left, right);
            Assert.True(reading is not null, n + ": not read " + l + " = " + r);
            var verdict = InformationSums.Decide(left, SymKl.Symbolic.Relation.Equal, right, reading!, 1, null, false, 0);
            Assert.True(verdict is not null && verdict.Holds == holds, n + ": " + verdict?.Kind + " " + verdict?.Reason);
        }
    }

    [Fact]
    public void NoRunNoInstance() => Assert.Empty(InformationRuns.Instances(@"\sum_{i=1}^n H(X_i)", @"H(X)", [2]));

    [Fact]
    public void ALengthOfAnotherNameIsNotWrittenOut() =>
        Assert.Empty(InformationRuns.Instances(@"H(X_1, \ldots, X_n)", @"\sum_{i=1}^{m} H(X_i)", [2]));
}
