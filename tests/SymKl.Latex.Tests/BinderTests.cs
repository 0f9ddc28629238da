using SymKl.Latex.Binding;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Latex.Tests;

/// <summary>Syntax → kernel expressions: notation, call-or-product decisions, and "unsupported" reports.</summary>
public class BinderTests
{
    private static Sym S(string name) => Ex.Sym(name);

    private static readonly Sym X = S("x"), Y = S("y"), Z = S("z"), Mu = S("mu"), Sigma = S("sigma");

    private static BindingResult BindResult(string latex, BindingContext? context = null)
    {
        var parsed = LatexParser.ParseExpression(latex);
        Assert.False(parsed.HasErrors, TestHelpers.Diagnostics(parsed));
        return ExprBinder.Bind(parsed.Expression!, context, parsed);
    }

    private static Expr B(string latex, BindingContext? context = null)
    {
        var r = BindResult(latex, context);
        Assert.True(r.Value is not null, string.Join("\n", r.Diagnostics));
        return r.Value!;
    }

    private static void AssertBinds(string latex, Expr expected, BindingContext? context = null) =>
        Assert.Equal(LatexPrinter.Print(expected), LatexPrinter.Print(B(latex, context)));

    [Fact]
    public void Decimals_are_exact_rationals()
    {
        Assert.Equal(Ex.Half, B("0.5"));
        Assert.Equal(Ex.Num(1, 125), B("0.008"));
        Assert.Equal(Ex.Num(1, 1_000_000_000), B("10^{-9}"));
        Assert.Equal(Ex.Num(3, 2), B("1.5"));
    }

    [Fact]
    public void Constants_pi_and_e_unless_bound()
    {
        Assert.Equal(Ex.Pi, B("\\pi"));
        Assert.Equal(Ex.Exp(X), B("e^{x}"));
        Assert.Equal(Ex.Exp(X), B("\\mathrm{e}^x"));
        var context = new BindingContext();
        context.Variables.Add("e");
        Assert.Equal(Ex.Pow(S("e"), X), B("e^{x}", context));
        Assert.Equal(S("e_1"), B("e_1"));
    }

    [Fact]
    public void Logarithms_and_their_bases()
    {
        Assert.Equal(Ex.Log(X), B("\\log x"));
        Assert.Equal(Ex.Log(X), B("log(x)"));
        Assert.Equal(Ex.Log(X), B("\\ln x"));
        Assert.Equal(Ex.Log(X, Ex.Two), B("\\log_2 x"));
        Assert.Equal(Ex.Log(X, Ex.Num(10)), B("\\log_{10} x"));
        var bits = new BindingContext { LogBase = LogBase.Two };
        Assert.Equal(Ex.Log(X, Ex.Two), B("\\log x", bits));
        Assert.Equal(Ex.Log(X), B("\\ln x", bits));
        Assert.Equal(Ex.Log(X, Ex.Num(10)), B("\\log x", new BindingContext { LogBase = LogBase.Parse(" 10 ") }));
        Assert.Equal(Ex.Log(X), B("\\log x", new BindingContext { LogBase = LogBase.Parse("ln") }));
        Assert.Contains("the log base '3'", BindResult("\\log x", new BindingContext { LogBase = LogBase.Parse("3") }).Problem, StringComparison.Ordinal);
        Assert.Equal(Ex.Log(Ex.Mul(Ex.Two, Ex.Pi)), B("\\log 2\\pi"));
    }

    [Fact]
    public void Roots_fractions_and_powers()
    {
        Assert.Equal(Ex.Pow(X, Ex.Num(1, 3)), B("\\sqrt[3]{x}"));
        Assert.Equal(Ex.Sqrt(X), B("\\sqrt{x}"));
        AssertBinds("\\frac{1}{\\sqrt{2 \\pi \\sigma^2}}", Ex.Div(Ex.One, Ex.Sqrt(Ex.Mul(Ex.Two, Ex.Pi, Ex.Pow(Sigma, Ex.Two)))));
        AssertBinds("e^-{\\frac{(z - \\mu)^2}{2 \\sigma^2}}",
            Ex.Exp(Ex.Neg(Ex.Div(Ex.Pow(Ex.Sub(Z, Mu), Ex.Two), Ex.Mul(Ex.Two, Ex.Pow(Sigma, Ex.Two))))));
        Assert.Equal(Ex.Function(FunctionKind.Gamma, Ex.Add(S("n"), Ex.One)), B("n!"));
    }

    [Fact]
    public void The_seed_VAE_closed_form()
    {
        var expected = Ex.Mul(Ex.Neg(Ex.Half), Ex.Add(Ex.One, Ex.Log(Ex.Pow(Sigma, Ex.Two)), Ex.Neg(Ex.Pow(Mu, Ex.Two)), Ex.Neg(Ex.Pow(Sigma, Ex.Two))));
        AssertBinds("- \\frac{1}{2} (1 + \\log(\\sigma^2) + - \\mu^2 - \\sigma^2)", expected);
    }

    [Theory]
    // Raw kernel names (a counterexample's keys, names in a message).
    [InlineData("x^{()}_i = 2.5", "x^{(i)} = 2.5")]
    [InlineData("(T = 1.6, h^{()}_L = 3.8, h^{()}_l-1 = -1.3)", "(T = 1.6, h^{(L)} = 3.8, h^{(l-1)} = -1.3)")]
    [InlineData("\\partial_{z^{()}_L} h^{()}_L", "\\partial_{z^{(L)}} h^{(L)}")]
    [InlineData("\\mathbf{W}^{()}_1 = 0.02", "\\mathbf{W}^{(1)} = 0.02")]
    [InlineData("x^{()}_i[1] = 0.5", "x^{(i)}[1] = 0.5")]
    // As the LaTeX printer writes them.
    [InlineData("\\frac{b \\mathrm{x^{()}}_{i[1]}}{\\sigma^{2}}", "\\frac{b x^{(i)}[1]}{\\sigma^{2}}")]
    [InlineData("\\mathrm{h^{()}}_{l-1} w_{L}", "h^{(l-1)} w_{L}")]
    [InlineData("\\mathrm{\\mathbf{W}^{()}}_{2} + 1", "\\mathbf{W}^{(2)} + 1")]
    // Nothing else changes.
    [InlineData("x^{(i)} + \\mathrm{KL}_{q} - x_{i}^{2}", "x^{(i)} + \\mathrm{KL}_{q} - x_{i}^{2}")]
    public void Label_names_are_shown_as_the_text_writes_them(string text, string shown) =>
        Assert.Equal(shown, ExprBinder.ForDisplay(text));

    [Theory]
    [InlineData("\\mu_1", "mu_1")]
    [InlineData("\\sigma_{12}", "sigma_12")]
    [InlineData("x_i", "x_i")]
    [InlineData("x_{i+1}", "x_i+1")]
    [InlineData("D_{KL}", "D_KL")]
    [InlineData("\\theta^*", "theta^*")]
    [InlineData("\\mathbf{x}", "\\mathbf{x}")]
    [InlineData("\\boldsymbol{\\mu}", "\\boldsymbol{\\mu}")]
    [InlineData("\\mathcal{X}", "\\mathcal{X}")]
    [InlineData("\\hat{x}", "\\hat{x}")]
    [InlineData("\\mathrm{KL}", "KL")]
    [InlineData("\\mathbf{x}_i", "\\mathbf{x}_i")]
    // A sign alone over a name marks the a priori / a posteriori quantity (TeX takes only the sign after a bare ^).
    [InlineData("P_k^{-}", "P^{-}_k")]
    [InlineData("P_k^-", "P^{-}_k")]
    [InlineData("\\hat{x}_{k}^{+}", "\\hat{x}^{+}_k")]
    [InlineData("x^{-}", "x^{-}")]
    public void Names_keep_subscripts_and_meaningful_typography(string latex, string name)
    {
        var parsed = LatexParser.ParseExpression(latex);
        var id = Assert.IsType<Identifier>(parsed.Expression);
        Assert.Equal(name, ExprBinder.SymbolName(id, parsed));
        Assert.Equal(S(name), B(latex));
    }

    [Fact]
    public void Definition_parameters()
    {
        var q = Assert.IsType<SymKl.Latex.Syntax.Call>(LatexParser.ParseExpression("q(z; \\mu, \\sigma^2)").Expression);
        Assert.Equal(new[] { Z }, ExprBinder.Parameters(q));
        var f = Assert.IsType<SymKl.Latex.Syntax.Call>(LatexParser.ParseExpression("f(x, y)").Expression);
        Assert.Equal(new[] { X, Y }, ExprBinder.Parameters(f));
        var g = Assert.IsType<SymKl.Latex.Syntax.Call>(LatexParser.ParseExpression("g(2)").Expression);
        Assert.Null(ExprBinder.Parameters(g));
    }

    [Theory]
    [InlineData("KL", true)]
    [InlineData("D_{KL}", true)]
    [InlineData("H", true)]
    [InlineData("\\mathcal{N}", true)]
    [InlineData("N", true)]
    [InlineData("Entropy", true)]
    [InlineData("f", false)]
    [InlineData("q_\\theta", false)]
    public void Known_operator_names(string latex, bool known)
    {
        var id = Assert.IsType<Identifier>(LatexParser.ParseExpression(latex).Expression);
        Assert.Equal(known, ExprBinder.IsKnownOperatorName(id));
    }

    // ------------------------------------------------------------ call or product

    [Fact]
    public void Conventional_function_letters_are_applications_with_a_warning()
    {
        var r = BindResult("p(x)");
        Assert.Equal(Ex.Apply("p", X), r.Value);
        var w = Assert.Single(r.Diagnostics);
        Assert.Equal(DiagnosticCodes.UndefinedFunction, w.Code);
        Assert.Contains("undefined function p", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_functions_are_applications_without_a_warning()
    {
        var context = new BindingContext();
        context.Functions.Add("f");
        var r = BindResult("f(x)", context);
        Assert.Equal(Ex.Apply("f", X), r.Value);
        Assert.Empty(r.Diagnostics);
        var viaLookup = new BindingContext { IsFunction = n => n == "k" };
        Assert.Equal(Ex.Apply("k", X), BindResult("k(x)", viaLookup).Value);
    }

    [Fact]
    public void The_callee_inside_its_own_argument_makes_a_product()
    {
        Assert.Equal(Ex.Mul(X, Ex.Sub(X, Ex.One)), B("x(x-1)"));
        var p = S("p");
        Assert.Equal(Ex.Mul(p, Ex.Sub(Ex.One, p)), B("p(1-p)"));
    }

    [Fact]
    public void A_name_used_as_a_variable_elsewhere_makes_a_product()
    {
        var (a, b, c) = (S("a"), S("b"), S("c"));
        Assert.Equal(Ex.Add(Ex.Mul(a, Ex.Add(b, c)), a), B("a(b+c) + a"));
        var parsed = LatexParser.ParseMath("f(x) = f x");
        var rel = (SymKl.Latex.Syntax.Relation)parsed.Root!.Rows[0].Items[0];
        Assert.Equal(Ex.Mul(S("f"), X), ExprBinder.Bind(rel.Operands[0], null, parsed).Value);
        var context = new BindingContext();
        context.Variables.Add("g");
        Assert.Equal(Ex.Mul(S("g"), X), B("g(x)", context));
    }

    [Theory]
    [InlineData("KL(q || p) = \\int q(x) \\log \\frac{q(x)}{p(x)} dx")]
    [InlineData("\\mathbb{E}_q[\\log q(z)] + q(z)")]
    [InlineData("x \\sim q \\quad q(x) = 1")]
    public void Distribution_names_standing_alone_do_not_make_their_densities_products(string latex)
    {
        var parsed = LatexParser.ParseMath(latex);
        var calls = parsed.Root!.DescendantsAndSelf().OfType<SymKl.Latex.Syntax.Call>().Where(c => c.MayBeProduct).ToList();
        Assert.NotEmpty(calls);
        foreach (var call in calls)
        {
            Assert.IsType<Apply>(ExprBinder.Bind(call, null, parsed).Value);
        }
    }

    [Theory]
    // A subscripted Greek letter before a bracketed sum is a coefficient (a Lagrange multiplier, a weight).
    [InlineData("\\lambda_1(x-\\mu)^2", true)]
    [InlineData("\\lambda_{0}\\left(\\int p(x)\\,dx-1\\right)", true)]
    // Before a name or a list it stays a function (an encoder's mean \mu_\phi(x), a network \mu_\theta(x_t, t)).
    [InlineData("\\mu_\\phi(x)", false)]
    [InlineData("\\mu_\\theta(x_t, t)", false)]
    public void Subscripted_greek_letters_before_a_sum_are_coefficients(string latex, bool product)
    {
        var r = BindResult(latex);
        Assert.NotNull(r.Value);
        Assert.Equal(product, !Traversal.Any(r.Value!, e => e is Apply ap && ap.Name.StartsWith("lambda", StringComparison.Ordinal) || e is Apply { Name: "mu_phi" or "mu_theta" }));
        if (product) Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.ReadAsProduct);
    }

    [Theory]
    // p applied to the integral's own variable is a density, even where p is also written plain (J(p) = …).
    [InlineData("J(p) = \\int p(x) \\log p(x)\\,dx", true)]
    // p(1 - p) with p plain elsewhere is a product: its argument is no integration variable.
    [InlineData("V(p) = p(1-p)", false)]
    public void Letters_applied_to_the_integration_variable_are_functions(string latex, bool application)
    {
        var parsed = LatexParser.ParseMath(latex);
        var rhs = ((SymKl.Latex.Syntax.Relation)parsed.Root!.DescendantsAndSelf().OfType<SymKl.Latex.Syntax.Relation>().First()).Operands[1];
        var value = ExprBinder.Bind(rhs, null, parsed).Value;
        Assert.NotNull(value);
        Assert.Equal(application, Traversal.Any(value!, e => e is Apply { Name: "p" }));
    }

    [Fact]
    public void Other_letters_are_products_with_a_warning_when_the_argument_is_a_name()
    {
        var r = BindResult("\\sigma(x)");
        Assert.Equal(Ex.Mul(Sigma, X), r.Value);
        Assert.Equal(DiagnosticCodes.ReadAsProduct, Assert.Single(r.Diagnostics).Code);
        var quiet = BindResult("a(b+c)");
        Assert.Empty(quiet.Diagnostics);
        Assert.Equal(Ex.Pi * X, B("\\pi(x)"));
    }

    [Fact]
    public void Families_are_applications_the_kernel_recognises()
    {
        var r = BindResult("N(x|\\mu,\\sigma^2)");
        Assert.Empty(r.Diagnostics);
        var ap = Assert.IsType<Apply>(r.Value);
        Assert.NotNull(Calculus.InlineDensity(ap.Name, ap.Args));
        var cal = Assert.IsType<Apply>(B("\\mathcal{N}(\\mu, \\sigma^2)"));
        Assert.Same(Families.Normal, Families.Find(cal.Name));
        Assert.Equal(Ex.Apply("q", Z, Mu, Ex.Pow(Sigma, Ex.Two)), B("q(z; \\mu, \\sigma^2)"));
    }

    [Fact]
    public void Divergences_and_entropies_are_functionals()
    {
        var (p, q, P, Q) = (S("p"), S("q"), S("P"), S("Q"));
        Assert.Equal(Ex.Functional(FunctionalKind.KL, q, p), B("KL(q || p)"));
        Assert.Equal(Ex.Functional(FunctionalKind.KL, P, Q), B("D_{KL}(P \\parallel Q)"));
        Assert.Equal(Ex.Functional(FunctionalKind.KL, P, Q), B("D_{\\mathrm{KL}}(P \\parallel Q)"));
        Assert.Equal(Ex.Functional(FunctionalKind.KL, p, q), B("\\mathrm{KL}(p\\|q)"));
        Assert.Equal(Ex.Functional(FunctionalKind.KL, q, p), B("KL(q(z) || p(z))"));
        Assert.Equal(Ex.Functional(FunctionalKind.CrossEntropy, P, Q), B("H(P, Q)"));
        Assert.Equal(Ex.Functional(FunctionalKind.Entropy, P), B("\\mathrm{H}(P)"));
        Assert.Equal(Ex.Functional(FunctionalKind.CrossEntropy, q, p), B("Cross Entropy(q, p)"));
        Assert.Equal(Ex.Functional(FunctionalKind.Entropy, q), B("Entropy (q)"));
        var normal = Assert.IsType<Functional>(B("KL(N(0, 1) || N(1, 2))"));
        Assert.All(normal.Args, a => Assert.IsType<Apply>(a));
    }

    [Fact]
    public void A_misspelt_divergence_is_not_silently_read_as_KL()
    {
        var r = BindResult("D_{KI}(P \\parallel Q)");
        Assert.Null(r.Value);
        Assert.Contains("unsupported", r.Problem, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------ big operators

    [Fact]
    public void Integrals()
    {
        Assert.Equal(Ex.Integral(Ex.Apply("q", Z), Z), B("\\int q(z) dz"));
        Assert.Equal(Ex.Integral(X, X, Ex.Zero, Ex.One), B("\\int_0^1 x\\,dx"));
        var inf = Ex.Infinity;
        Assert.Equal(Ex.Integral(Ex.Exp(Ex.Neg(Ex.Pow(X, Ex.Two))), X, Ex.Neg(inf), inf), B("\\int_{-\\infty}^{\\infty} e^{-x^2} dx"));
        var bold = S("\\mathbf{x}");
        Assert.Equal(Ex.Integral(Ex.Apply("p", bold), bold), B("\\int p(\\mathbf{x}) \\, \\mathrm{d}\\mathbf{x}"));
        Assert.Equal(Ex.Integral(Ex.Integral(S("f"), X), Y), B("\\iint f dx dy"));
        Assert.Equal(Ex.Integral(Ex.One, X, Ex.Zero, Ex.One), B("\\int_0^1 dx"));
    }

    [Fact]
    public void A_missing_differential_is_inferred_from_the_densities()
    {
        var r = BindResult("\\int q(z) \\log \\frac{q(z)}{p(z)}");
        var integral = Assert.IsType<SymKl.Symbolic.Integral>(r.Value);
        Assert.Equal(Z, integral.Variable);
        Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.InferredVariable && d.Severity == Severity.Warning);
        var none = BindResult("\\int x^2 + y");
        Assert.Null(none.Value);
        Assert.Contains("without a differential", none.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Sums()
    {
        var d = S("d");
        Assert.Equal(Ex.Summation(S("x_d"), d, Ex.One, S("D")), B("\\sum_{d=1}^{D} x_d"));
        Assert.Equal(Ex.Summation(Ex.Apply("p", X), X), B("\\sum_{x} p(x)"));
        Assert.Equal(Ex.Summation(Ex.Apply("p", X), X), B("\\sum_{x \\in \\mathcal{X}} p(x)"));
        // Nothing under Σ: over the one index its values are written with, or the support of its one distribution.
        Assert.Equal(Ex.Summation(S("x_i"), S("i")), B("\\sum x_i"));
        Assert.Equal(Ex.Summation(Ex.Mul(Ex.Apply("p", X), Ex.Log(Ex.Apply("p", X))), X), B("\\sum p \\log p"));
        Assert.Null(BindResult("\\sum x_i y_j").Value);
        Assert.Null(BindResult("\\sum p \\log q").Value);
        // \sum_i^N: i = 1 … N; an upper limit such as N - 1 leaves the start open.
        Assert.Equal(Ex.Summation(S("x_i"), S("i"), Ex.One, S("N")), B("\\sum_i^N x_i"));
        Assert.Null(BindResult("\\sum_i^{N-1} x_i").Value);
    }

    [Fact]
    public void Products_over_indexed_values_are_kernel_products()
    {
        var (i, t, n) = (S("i"), S("t"), S("n"));
        Assert.Equal(Ex.IndexedProduct(S("x_i"), i, Ex.One, n), B("\\prod_{i=1}^{n} x_i"));
        Assert.Equal(Ex.IndexedProduct(S("x_i"), i, Ex.One, S("N")), B("\\prod_{i=1}^{N} x_i"));
        Assert.Equal(Ex.IndexedProduct(S("x_i"), i), B("\\prod_{i} x_i"));
        Assert.Equal(Ex.IndexedProduct(S("x_j"), S("j")), B("\\prod_j x_j"));
        Assert.Equal(Ex.IndexedProduct(Ex.Apply("q", S("x_t"), S("x_t-1")), t, Ex.Two, S("T")), B("\\prod_{t=2}^{T} q(x_t, x_{t-1})"));
        // x \in D: the samples D_1 … D_{|D|} of a data set.
        Assert.Equal(Ex.IndexedProduct(Ex.Apply("p", S("D_n")), n, Ex.One, Ex.Abs(S("D"))), B("\\prod_{x \\in D} p(x)"));
        Assert.Equal(Ex.IndexedProduct(Ex.Pow(S("pi_k"), S("z_k")), S("k"), Ex.One, S("K")), B("\\prod_{k=1}^{K} \\pi_k^{z_k}"));
        // A factor free of the index counts the factors; numeric limits write the factors out.
        Assert.Equal(Ex.Pow(S("c"), n), B("\\prod_{i=1}^{n} c"));
        Assert.Equal(Ex.Num(24, System.Numerics.BigInteger.One), B("\\prod_{i=1}^{4} i"));
        Assert.Null(BindResult("\\prod_{i=1} x_i").Value);
    }

    [Fact]
    public void A_product_over_an_abstract_density_with_a_condition_is_a_kernel_product()
    {
        var bound = B("\\prod_{i=1}^{n} p(x_i | \\theta)");
        var product = Assert.IsType<IndexedProduct>(bound);
        Assert.Equal("i", product.Variable.Name);
        Assert.Contains(Traversal.FreeSymbols(product.Body), s => s.Name == "x_i");
    }

    [Fact]
    public void Expectations()
    {
        Assert.Equal(Ex.Expectation(Ex.Apply("f", X), X, Ex.Apply("p", X)), B("\\mathbb{E}_{x \\sim p(x)}[f(x)]"));
        Assert.Equal(Ex.Expectation(Ex.Log(Ex.Apply("q", X)), X, Ex.Apply("p", X)), B("E_{x \\sim p(x)}\\left[\\log q(x)\\right]"));
        Assert.Equal(Ex.Expectation(Z, Z, Ex.Apply("q", Z)), B("\\mathbb{E}_{q(z)}[z]"));
        var family = Assert.IsType<SymKl.Symbolic.Expectation>(B("\\mathbb{E}_{x \\sim \\mathcal{N}(\\mu, \\sigma^2)}[x^2]"));
        Assert.NotNull(Calculus.InstanceOf(family.Distribution, DistributionContext.Empty));
        var inferred = BindResult("\\mathbb{E}_q[\\log q(z)]");
        Assert.Equal(Ex.Expectation(Ex.Log(Ex.Apply("q", Z)), Z, Ex.Apply("q", Z)), inferred.Value);
        Assert.Contains(inferred.Diagnostics, d => d.Code == DiagnosticCodes.InferredVariable);
    }

    [Fact]
    public void Hyperbolic_and_logistic_functions_are_exact_identities()
    {
        Assert.Equal(Ex.Div(Ex.Sub(Ex.Exp(X), Ex.Exp(Ex.Neg(X))), Ex.Two), B("\\sinh x"));
        Assert.Equal(Ex.Div(Ex.One, Ex.Add(Ex.One, Ex.Exp(Ex.Neg(X)))), B("sigmoid(x)"));
        Assert.Equal(Ex.Function(FunctionKind.Sin, X), B("\\sin x"));
        Assert.Equal(Ex.Pow(Ex.Function(FunctionKind.Sin, X), Ex.Two), B("\\sin^2 x"));
    }

    [Fact]
    public void Letter_runs_are_products_with_a_warning()
    {
        var r = BindResult("ab");
        Assert.Equal(Ex.Mul(S("a"), S("b")), r.Value);
        var w = Assert.Single(r.Diagnostics);
        Assert.Equal(DiagnosticCodes.LetterRunProduct, w.Code);
        Assert.Contains("'ab' as the product a·b", w.Message, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------ unsupported

    [Theory]
    [InlineData("\\prod^{n} x_j", "\\prod^{n} x_j", "index and limits cannot be read")]
    [InlineData("1 + \\arg\\min_\\theta f(\\theta)", "\\arg\\min_\\theta f(\\theta)", "argmin")]
    [InlineData("\\|x\\| + 1", "\\|x\\|", "norm")]
    [InlineData("\\langle x, y \\rangle", "\\langle x, y \\rangle", "brackets angle/angle")] // ⟨x⟩ alone is an average now; ⟨x, y⟩ an inner product
    [InlineData("\\operatorname{softmax}(a, b)", "\\operatorname{softmax}(a, b)", "softmax of 2 arguments")]
    [InlineData("x \\pm y", "x \\pm y", "\\pm")]
    [InlineData("\\det(A)", "\\det(A)", "the function det")]
    [InlineData("x + \\infty", "\\infty", "outside the limits")]
    [InlineData("a + \\cdots", "\\cdots", "ellipsis")]
    [InlineData("\\partial f", "\\partial", "\\partial")]
    [InlineData("\\begin{cases} 1 & x > 0 \\end{cases}", "\\begin{cases} 1 & x > 0 \\end{cases}", "cases")]
    [InlineData("f((a, b))", "a, b", "a list of expressions")]
    [InlineData("\\mathbb{E}[\\pm X]", "\\pm X", "two values at once")]
    [InlineData("(x)_i", "(x)_i", "subscript on an expression")]
    [InlineData("\\oint f dx", "\\oint f dx", "contour")]
    [InlineData("\\lim_{n} a_n", "\\lim_{n} a_n", "variable and point cannot be read")]
    public void Constructs_without_a_kernel_node_are_reported_with_their_span(string latex, string quoted, string what)
    {
        var parsed = LatexParser.ParseExpression(latex);
        var r = ExprBinder.Bind(parsed.Expression!, null, parsed);
        Assert.Null(r.Value);
        var error = r.Diagnostics.First(d => d.Severity == Severity.Error);
        Assert.True(error.Code is DiagnosticCodes.Unsupported, error.ToString());
        Assert.StartsWith("unsupported: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Equal(quoted, parsed.GetText(error.Span));
    }

    [Theory]
    [InlineData("\\max_u \\left[f(u) - 2\\right]", "Max", "u", -2)]
    [InlineData("\\min_w (1 - g(w))", "Max", "w", 1)]
    [InlineData("\\lim_{x \\to 0} (x \\log x + \\cos x)", "Limit", "x\\to0", 1)]
    [InlineData("\\mathbb{E}[f(z) + 3]", "Expectation", "", 3)]
    public void Operators_read_as_unknown_values_keep_only_numbers_outside(string latex, string kind, string scope, int outside)
    {
        var parsed = LatexParser.ParseExpression(latex);
        var r = ExprBinder.Bind(parsed.Expression!, null, parsed);
        Assert.NotNull(r.Value);
        var term = Assert.Single(OpaqueTerms.In(r.Value!));
        Assert.Equal(kind, term.Term.Kind.ToString());
        Assert.Equal(scope, term.Term.Scope);
        // The value with the unknown set to 0 is what moved out.
        Assert.Equal(Ex.Num(outside), Traversal.Substitute(r.Value!, term.Symbol, Ex.Zero));
    }

    [Fact]
    public void A_limit_does_not_take_the_value_of_a_name_indexed_by_its_variable()
    {
        var parsed = LatexParser.ParseExpression("\\lim_{t \\to 0} \\bar{\\alpha}_t");
        var r = ExprBinder.Bind(parsed.Expression!, null, parsed);
        Assert.Single(OpaqueTerms.In(r.Value!));
    }

    [Fact]
    public void Relations_and_continuations_are_not_expressions()
    {
        var parsed = LatexParser.ParseMath("a = b \\\\ &= c");
        Assert.Null(ExprBinder.Bind(parsed.Root!.Rows[0].Items[0], null, parsed).Value);
        var continuation = ((SymKl.Latex.Syntax.Relation)parsed.Root.Rows[1].Items[0]).Operands[0];
        Assert.Contains("continues the previous", ExprBinder.Bind(continuation, null, parsed).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_errors_in_the_tree_are_reported_not_bound()
    {
        var parsed = LatexParser.ParseMath("a + * b");
        var r = ExprBinder.Bind(parsed.Root!.Rows[0].Items[0], null, parsed);
        Assert.Null(r.Value);
        Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.InputError);
    }

    [Fact]
    public void A_step_with_an_ambiguous_bracket_is_not_bound()
    {
        // expose-on-kl-divergence.md line 179: KL(P||Q) &= ((A))) - (B)) — the middle ')' is ambiguous.
        var parsed = LatexParser.ParseMath("KL(P||Q) &= ((-log(\\sigma_1) - \\frac{1}{2}))) - (-log(\\sigma_2)))");
        var relation = Assert.IsType<SymKl.Latex.Syntax.Relation>(Assert.Single(parsed.Root!.Rows[0].Items));
        Assert.NotNull(ExprBinder.Bind(relation.Operands[0], null, parsed).Value);
        var right = ExprBinder.Bind(relation.Operands[1], null, parsed);
        Assert.Null(right.Value);
        Assert.Contains(right.Diagnostics, d => d.Code == DiagnosticCodes.InputError);
    }

    [Fact]
    public void Binding_without_the_parse_still_works()
    {
        var node = LatexParser.ParseExpression("\\frac{x}{2}").Expression!;
        Assert.Equal(Ex.Div(X, Ex.Two), ExprBinder.Bind(node).Value);
    }

    // ------------------------------------------------------------ end to end with the kernel

    [Fact]
    public void Seed_steps_bound_from_LaTeX_are_decided_by_the_kernel()
    {
        // deriving-kl-divergence.md: q is the written-out Gaussian, p = N(0, 1).
        var qBody = B("\\frac{1}{\\sqrt{2 \\pi \\sigma^2}} e^-{\\frac{(z - \\mu)^2}{2 \\sigma^2}}");
        var context = DistributionContext.Empty.WithDefinition(new FunctionDefinition("q", [Z], qBody))
            .WithDistribution("p", new DistributionInstance(Families.Normal, [Ex.Zero, Ex.One]));
        var binding = new BindingContext { IsFunction = context.IsKnownFunction };
        VerdictKind Decide(string lhs, string rhs) => Decider.Decide(B(lhs, binding), SymKl.Symbolic.Relation.Equal, B(rhs, binding),
            Assumptions.Default, new DecisionOptions { Context = context }).Kind;

        Assert.Equal(VerdictKind.Proved, Decide("\\int q(z) dz", "1"));
        Assert.Equal(VerdictKind.Proved, Decide("\\int z^2 q(z) dz", "\\mu^2 + \\sigma^2"));
        Assert.Equal(VerdictKind.Proved, Decide("\\int q(z) \\log \\frac{q(z)}{p(z)} dz", "- \\frac{1}{2} (1 + \\log(\\sigma^2) + - \\mu^2 - \\sigma^2)"));
        // line 90 of the post: the wrong cross-entropy line
        Assert.Equal(VerdictKind.Refuted, Decide(
            "\\int q(z) [\\frac{1}{2} \\log (2 \\pi \\sigma^2) + \\frac{1}{2 \\sigma^2} (z - \\mu)^2] dz",
            "\\frac{1}{2} \\log (2 \\pi) \\int q(z) dz + \\frac{1}{2} \\int z^2 q(z) dz"));
    }

    [Fact]
    public void Every_operand_of_the_seed_formulas_binds_or_says_why()
    {
        string? folder = SeedTests.SeedsFolder();
        if (folder is null) return;
        int operands = 0, bound = 0;
        foreach (var (_, _, formula) in SeedTests.Formulas(folder))
        {
            var parsed = LatexParser.ParseMath(formula);
            foreach (var relation in parsed.Root!.DescendantsAndSelf().OfType<SymKl.Latex.Syntax.Relation>())
            {
                foreach (var operand in relation.Operands.Where(o => o is not Continuation))
                {
                    operands++;
                    var r = ExprBinder.Bind(operand, null, parsed);
                    Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.BinderInternalError);
                    if (r.Value is not null) bound++;
                    else Assert.Contains(r.Diagnostics, d => d.Severity == Severity.Error && d.Span.End <= formula.Length);
                }
            }
        }
        Assert.True(bound > operands * 3 / 4, bound + " of " + operands + " seed operands bound");
    }
}
