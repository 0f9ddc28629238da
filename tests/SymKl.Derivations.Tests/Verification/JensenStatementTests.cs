using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>Jensen's inequality for a function the text only names, decided by the word its sentence uses (convex, concave).</summary>
public class JensenStatementTests
{
    private static string Only(string document) =>
        Assert.Single(DocumentVerifier.Verify(MarkdownReader.Parse(document, "snippet.md")).Steps).Verdict.Kind.ToString().ToLowerInvariant();

    [Theory]
    [InlineData("Jensen's inequality reads\n\n$$\ng(\\mathbb{E}[X]) \\leq \\mathbb{E}[g(X)],\n$$\n\nwhere $g$ is a convex function.")]
    [InlineData("For a convex $\\varphi$, $\\varphi(\\mathbb{E}[X]) \\le \\mathbb{E}[\\varphi(X)]$.")]
    [InlineData("For a concave $f$ we have $f(\\mathbb{E}[X]) \\geq \\mathbb{E}[f(X)]$.")]
    [InlineData("For a concave $f$ we have $\\mathbb{E}[f(X)] \\leq f(\\mathbb{E}[X])$.")]
    [InlineData("Since $\\psi$ is convex, $\\psi(\\mathbb{E}_{q}[Y]) \\leq \\mathbb{E}_{q}[\\psi(Y)]$.")]
    [InlineData("Let $g$ be a strictly convex function. Then $g(\\mathbb{E}[X]) \\leq \\mathbb{E}[g(X)]$.")]
    [InlineData("Jensen: for $\\phi$ convex, $\\phi(\\mathbb{E}[X]) \\le \\mathbb{E}[\\phi(X)]$.")]
    [InlineData("If $u(\\cdot)$ is concave then\n\n$$\n\\mathbb{E}[u(W)] \\le u(\\mathbb{E}[W])\n$$\n\nholds.")]
    public void JensenForANamedConvexOrConcaveFunctionIsProved(string document) => Assert.Equal("proved", Only(document));

    [Theory]
    // The direction the word does not give, both words, different arguments or laws: not proved.
    [InlineData("For a concave $h$ we have $h(\\mathbb{E}[X]) \\leq \\mathbb{E}[h(X)]$.")]
    [InlineData("For a convex $h$ we have $h(\\mathbb{E}[X]) \\geq \\mathbb{E}[h(X)]$.")]
    [InlineData("Whether $h$ is convex or concave, $h(\\mathbb{E}[X]) \\leq \\mathbb{E}[h(X)]$.")]
    [InlineData("For a convex $u$ we have $u(\\mathbb{E}[X]) \\leq \\mathbb{E}[u(Y)]$.")]
    [InlineData("For a convex $u$ we have $u(\\mathbb{E}_{p}[X]) \\leq \\mathbb{E}_{q}[u(X)]$.")]
    // The word is said of something else: another function, or a function named in plain words.
    [InlineData("Since log is concave, for any $f$, $f(\\mathbb{E}[X]) \\ge \\mathbb{E}[f(X)]$.")]
    [InlineData("Because $\\log$ is concave and $f$ is arbitrary, $f(\\mathbb{E}[X]) \\ge \\mathbb{E}[f(X)]$.")]
    [InlineData("The loss is convex in $\\theta$, and $h(\\mathbb{E}[X]) \\leq \\mathbb{E}[h(X)]$.")]
    [InlineData("For a convex set $C$ and any $g$, $g(\\mathbb{E}[X]) \\leq \\mathbb{E}[g(X)]$.")]
    public void OtherFormsAreNotProved(string document) => Assert.NotEqual("proved", Only(document));
}
