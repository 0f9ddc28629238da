using SymKl.Latex.Syntax;
using static SymKl.Latex.Tests.TestHelpers;

namespace SymKl.Latex.Tests;

/// <summary>
/// The notation of vectors and matrices reads into the nodes the verifier's matrix layer interprets: traces and
/// determinants as function applications, transposes as superscripts on the transposed expression, |Σ| and ‖x‖ as
/// their own nodes, declarations as relations with ℝ^{d×d}, multivariate normals as calls with a ';' or '|' separator.
/// </summary>
public class MatrixNotationTests
{
    [Theory]
    [InlineData(@"\operatorname{tr}(AB)", "tr")]
    [InlineData(@"\mathrm{tr}(A)", "tr")]
    [InlineData(@"\text{tr}(A)", "tr")]
    [InlineData(@"\mathrm{Tr}(A)", "Tr")]
    [InlineData(@"tr\{A\}", "tr")]
    [InlineData(@"tr\left\{(x-\mu)(x-\mu)^T\Sigma^{-1}\right\}", "tr")]
    [InlineData(@"\det\Sigma", "det")]
    [InlineData(@"\det(AB)", "det")]
    [InlineData(@"\operatorname{diag}(\sigma^2)", "diag")]
    public void TraceDeterminantAndDiagAreFunctionsOfOneArgument(string latex, string function)
    {
        var parsed = LatexParser.ParseMath(latex);
        Assert.Empty(parsed.Errors);
        var f = Single<FunctionApplication>(parsed);
        Assert.Equal(function, f.Function);
        Assert.Single(f.Arguments);
    }

    [Theory]
    [InlineData(@"x^T")]
    [InlineData(@"x^\top")]
    [InlineData(@"x^{\top}")]
    [InlineData(@"x^{\mathsf T}")]
    [InlineData(@"x^\intercal")]
    [InlineData(@"(x-\mu)^T")]
    public void ATransposeIsASuperscriptOnTheTransposedExpression(string latex)
    {
        var parsed = LatexParser.ParseMath(latex);
        Assert.Empty(parsed.Errors);
        var power = Single<Power>(parsed);
        Assert.True(power.Exponent is MathSymbol or Identifier { Name: "T" or "top" or "intercal" }, SyntaxPrinter.Print(power.Exponent));
    }

    [Fact]
    public void APrimeStaysOnTheName()
    {
        var id = Single<Identifier>(LatexParser.ParseMath("x'"), i => i.Name == "x");
        Assert.Equal(1, id.Primes);
    }

    [Fact]
    public void DeterminantBarsAndNormsAreTheirOwnNodes()
    {
        var abs = LatexParser.ParseMath(@"|\Sigma|^{1/2}");
        Assert.Empty(abs.Errors);
        Assert.IsType<Abs>(Single<Power>(abs).Base);

        var norm = LatexParser.ParseMath(@"\|x\|_2^2");
        Assert.Empty(norm.Errors);
        var squared = Single<Power>(norm);
        Assert.IsType<Norm>(Assert.IsType<Subscript>(squared.Base).Base);
    }

    [Fact]
    public void AMatrixDeclarationIsAMembershipInAPowerOfR()
    {
        var parsed = LatexParser.ParseMath(@"A \in \mathbb{R}^{d \times d}");
        Assert.Empty(parsed.Errors);
        var relation = Single<Relation>(parsed);
        Assert.Equal(RelationKind.In, relation.Operators[0].Kind);
        var space = Assert.IsType<Power>(relation.Operands[1]);
        Assert.Equal(NameStyle.Blackboard, Assert.IsType<Identifier>(space.Base).Style);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<Binary>(space.Exponent is Group g ? g.Body : space.Exponent).Operator);
    }

    [Fact]
    public void TheIdentityKeepsItsSize()
    {
        var id = Single<Identifier>(LatexParser.ParseMath("I_d"), i => i.Name == "I");
        Assert.Equal("d", Assert.IsType<Identifier>(id.Subscript).Name);
    }

    [Theory]
    [InlineData(@"\mathcal{N}(x; \mu, \Sigma)", ";")]
    [InlineData(@"\mathcal{N}(x \mid \mu, \Sigma)", "|")]
    public void AMultivariateNormalIsACallWithItsVariableFirst(string latex, string separator)
    {
        var parsed = LatexParser.ParseMath(latex);
        Assert.Empty(parsed.Errors);
        var call = Single<Call>(parsed);
        Assert.Equal(3, call.Arguments.Count);
        Assert.Equal(separator, call.Separators[0].Text);
    }
}
