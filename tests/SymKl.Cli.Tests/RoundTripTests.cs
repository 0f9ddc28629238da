using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Symbolic;
using SymKl.Symbolic.Tests;

namespace SymKl.Cli.Tests;

/// <summary>Property: a random expression printed as LaTeX and read back is the same expression (canonical forms are unique).</summary>
public class RoundTripTests
{
    [Fact]
    public void RandomTreesPrintedToLatexParseBackEqual()
    {
        var gen = new RandomExpressions(2026);
        for (var i = 0; i < 500; i++)
        {
            var e = gen.Next(4);
            var latex = LatexPrinter.Print(e);
            var parsed = LatexParser.ParseExpression(latex);
            Assert.False(parsed.HasErrors, latex + ": " + string.Join("; ", parsed.Errors.Select(d => d.Message)));
            var bound = ExprBinder.Bind(parsed.Expression!, BindingContext.Default, parsed);
            Assert.True(bound.Value is not null, latex + ": " + bound.Problem);
            // Same expression: equal normal forms (the constructors may arrange c·(a + b) differently from (c·(a + b))⁻¹).
            var a = Normalizer.Normalize(e, Assumptions.Default);
            var b = Normalizer.Normalize(bound.Value!, Assumptions.Default);
            Assert.True(a.Equals(b), $"{latex}\n  read back as {LatexPrinter.Print(bound.Value!)}");
        }
    }

    [Theory]
    [InlineData(@"\frac{1}{\sqrt{2\pi\sigma^2}} e^{-\frac{(z-\mu)^2}{2\sigma^2}}")]
    [InlineData(@"-\log\sigma_1 - \frac{1}{2} + \log\sigma_2 + \frac{(\mu_1 - \mu_2)^2 + \sigma_1^2}{2\sigma_2^2}")]
    [InlineData(@"\log\Gamma(\alpha) - \psi(\alpha + \beta) + \left|x - m\right|")]
    public void SeedLikeFormulasSurviveAPrintParseRoundTrip(string latex)
    {
        Expr Read(string text)
        {
            var p = LatexParser.ParseExpression(text);
            var b = ExprBinder.Bind(p.Expression!, BindingContext.Default, p);
            return b.Value ?? throw new InvalidOperationException(text + ": " + b.Problem);
        }
        var e = Read(latex);
        Assert.Equal(Normalizer.Normalize(e, Assumptions.Default), Normalizer.Normalize(Read(LatexPrinter.Print(e)), Assumptions.Default));
    }
}
