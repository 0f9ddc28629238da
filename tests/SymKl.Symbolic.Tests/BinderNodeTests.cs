using SymKl.Symbolic;

namespace SymKl.Symbolic.Tests;

/// <summary>∫, Σ and E bind their variable alike: it is not free in the body, and substitution does not reach it.</summary>
public class BinderNodeTests
{
    private static readonly Sym X = Ex.Sym("x"), Y = Ex.Sym("y"), A = Ex.Sym("a"), B = Ex.Sym("b");

    public static TheoryData<string> Kinds => new() { "integral", "sum", "expectation" };

    private static BinderNode Make(string kind, Expr body) => kind switch
    {
        "integral" => (BinderNode)Ex.Integral(body, X, A, B),
        "sum" => (BinderNode)Ex.Summation(body, X, A, B),
        _ => (BinderNode)Ex.Expectation(body, X, Ex.Apply("q", A, B)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheVariableIsBoundAndTheRestIsFree(string kind)
    {
        var node = Make(kind, Ex.Mul(Ex.Function(FunctionKind.Sin, X), Y));
        Assert.Equal(X, node.Variable);
        Assert.Equal(Ex.Mul(Ex.Function(FunctionKind.Sin, X), Y), node.Body);
        Assert.Equal(new[] { "a", "b", "y" }, Traversal.FreeSymbols(node).Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(node, Traversal.Substitute(node, new Dictionary<Sym, Expr> { [X] = Ex.One }));
        Assert.Equal(Make(kind, Ex.Mul(Ex.Function(FunctionKind.Sin, X), Ex.Two)), Traversal.Substitute(node, new Dictionary<Sym, Expr> { [Y] = Ex.Two }));
    }

    /// <summary>e^{y + x} under ∫, Σ or E: the canonical form merges e^y e^x into one power; its factor free of x still moves out.</summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void AnIndexFreePartOfAnExponentMovesOut(string kind)
    {
        var inside = Make(kind, Ex.Mul(Ex.Exp(Ex.Sub(Y, Ex.One)), Ex.Exp(Ex.Mul(A, X))));
        var outside = Ex.Mul(Ex.Exp(Ex.Sub(Y, Ex.One)), Make(kind, Ex.Exp(Ex.Mul(A, X))));
        Assert.True(Normalizer.Normalize(Ex.Sub(inside, outside), Assumptions.Default).IsZero);
        // The part with the variable stays inside: e^{y + a x} is not e^{y} e^{a} under the binder.
        var wrong = Ex.Mul(Ex.Exp(Ex.Add(Y, A)), Make(kind, Ex.Exp(X)));
        Assert.False(Normalizer.Normalize(Ex.Sub(inside, wrong), Assumptions.Default).IsZero);
    }
}
