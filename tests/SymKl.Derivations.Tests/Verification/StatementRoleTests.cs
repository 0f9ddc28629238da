using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Symbolic;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// Markdown snippets → the role and verdict of every statement, in document order. Each kind of statement that
/// real posts write (conditions, definitions, equations being solved, claims about undefined names) comes with a
/// right and a wrong variant, so that the roles never hide a mistake SymKl could show.
/// </summary>
public class StatementRoleTests
{
    private static List<StepResult> Verify(string markdown) => [.. DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps];

    /// <summary>"role verdict; role verdict; …" of every statement.</summary>
    private static string Roles(string markdown) =>
        string.Join("; ", Verify(markdown).Select(s => StatementRoles.Name(s.Role) + " " + s.Verdict.Kind.ToString().ToLowerInvariant()));

    public static TheoryData<string, string> Hypotheses => new()
    {
        // A condition in prose is assumed for what follows, and makes a later step decidable.
        { @"Assume $x > 0$. Then $\sqrt{x^2} = x$.", "hypothesis skipped; claim proved" },
        { @"Then $\sqrt{x^2} = x$.", "claim unsupported" },
        { "For every real x,\n\n$$\n\\sqrt{x^2} = x\n$$\n", "step refuted" },
        { @"For $t \geq 1$ we have $\log t \geq 0$.", "hypothesis skipped; claim confirmed" },
        { @"We have $\log t \geq 0$.", "claim refuted" },
        { @"where $q_i > 0$, so that $\sqrt{q_i^2} = q_i$.", "hypothesis skipped; claim proved" },
        // "and" joins a condition to the one before it.
        { @"with $a > 0$ and $b > 0$ we get $\sqrt{a^2 b^2} = a b$.", "hypothesis skipped; hypothesis skipped; claim proved" },
        // The scope is the section: a heading of the same level ends it, a subsection does not.
        { "## A\n\nAssume $x > 0$.\n\n## B\n\nHere, for every real x,\n\n$$\n\\sqrt{x^2} = x\n$$\n", "hypothesis skipped; step refuted" },
        { "## A\n\nAssume $x > 0$.\n\n### A.1\n\nHere $\\sqrt{x^2} = x$.", "hypothesis skipped; claim proved" },
        { "Assume $x > 0$.\n\n## A\n\nHere $\\sqrt{x^2} = x$.", "hypothesis skipped; claim proved" },
        // "for" before display math is not a condition: the display is a claim of its own.
        { "For every real x,\n\n$$\nx^2 + 1 \\geq 1\n$$\n", "step confirmed" },
        { "For every real x,\n\n$$\nx^2 + 1 \\geq 2\n$$\n", "step refuted" },
        // An equation under "if" is a condition, not an identity in its symbols.
        { @"If $Q = P$ the divergence vanishes.", "hypothesis skipped" },
        // What a name "must satisfy", and "the constraint (above) that …", is a condition on it, not an identity.
        { @"The weight $w$ must satisfy $w^2 = 4$.", "hypothesis skipped" },
        { "The matrix $A$ has to satisfy\n\n$$\nA A = A + 2\n$$\n", "hypothesis skipped" },
        { "The ratio satisfies\n\n$$\n(y + 1)^2 = y^2 + 1\n$$\n", "step refuted" },
        { @"For this to be the case, $a$ must satisfy $a + 1 = 3$.", "hypothesis skipped" },
        { @"However, the constraint above that $b^2 = 2$ does not fix the sign of $b$.", "hypothesis skipped" },
        { @"Every root satisfies the constraint, and we have $(x + 1)^2 = x^2 + 1$.", "claim refuted" },
        { @"The condition number is $\kappa = \kappa + 1$.", "claim refuted" },
    };

    [Theory]
    [MemberData(nameof(Hypotheses))]
    public void ConditionsInProseAreHypotheses(string markdown, string expected) => Assert.Equal(expected, Roles(markdown));

    public static TheoryData<string, string> Definitions => new()
    {
        { "The differential entropy is\n\n$$\nH(X) = -\\int f(x)\\log f(x)\\,dx\n$$\n", "definition skipped" },
        { "Let $n = 2$. Then $n^2 = 4$.", "definition skipped; claim proved" },
        { "Let $n = 2$. Then $n^2 = 5$.", "definition skipped; claim refuted" },
        // "let" defines a name already used: from here on it has the value.
        { "We have $(n + 1)^2 = n^2 + 2n + 1$. Let $n = 3$. Then $n^2 = 9$.", "claim proved; definition skipped; claim proved" },
        { "$$\n\\Sigma_2 = \\sigma_t^2 I\n$$\n", "definition skipped" },
        { "$$\nx_t = \\sqrt{\\alpha_t}\\,x_{t-1} + \\sqrt{1-\\alpha_t}\\,\\epsilon\n$$\n", "definition skipped" },
        { "$$\nq(x_t \\mid x_{t-1}) = \\mathcal{N}(x_t; \\sqrt{1-\\beta_t}\\,x_{t-1}, \\beta_t I)\n$$\n", "definition skipped" },
        { "Then $g^{-1}(x) = -\\log x$.", "definition skipped" },
        { "$$\nx^2 = x \\cdot x\n$$\n\n$$\nx := 3\n$$\n\n$$\nx + 1 = 4\n$$\n", "step proved; definition skipped; step proved" },
        // A function defined anew in a later section; in the same section it is a claim about the first definition.
        { "## A\n\n$$\nf(x) = 2x\n$$\n\n$$\nf(1) = 2\n$$\n\n## B\n\n$$\nf(x) = 3x\n$$\n\n$$\nf(1) = 3\n$$\n", "definition skipped; step proved; definition skipped; step proved" },
        { "$$\nf(x) = 2x\n$$\n\n$$\nf(x) = 3x\n$$\n", "definition skipped; step unsupported" },
        { "$$\nf(x) = 2x\n$$\n\nFor all x,\n\n$$\nf(x) = 3x\n$$\n", "definition skipped; step refuted" },
        // A formula that mentions the name it would define is not a definition.
        { "## A\n\n$$\ns(x) = x^2\n$$\n\n## B\n\n$$\ns(x) = s(x) + 1\n$$\n", "definition skipped; step refuted" },
        { "$$\ny = 2y - 1\n$$\n", "step unsupported" },
        { "$$\ny = y - 1\n$$\n", "step refuted" },
    };

    [Theory]
    [MemberData(nameof(Definitions))]
    public void DefinitionsAreRecognisedAndUsed(string markdown, string expected) => Assert.Equal(expected, Roles(markdown));

    /// <summary>How a failing statement is read again before it is reported refuted (ClaimReading, ProseLogBase).</summary>
    public static TheoryData<string, string> Readings => new()
    {
        // A lone rewrite in the same symbols stays refuted; a lone equation in other symbols may be being solved.
        { "$$\n(a+b)^2 = a^2 + b^2\n$$\n", "step refuted" },
        { "$$\ne^{\\lambda - 1} = \\sqrt{\\pi / \\mu}\n$$\n", "step unsupported" },
        { "$$\n\\lambda = 1 - \\log(b - a)\n$$\n", "definition skipped" },
        // ... unless it has no solution at all.
        { "$$\ne^{\\lambda} = -\\mu^2 - 1\n$$\n", "step refuted" },
        // A case of a name the text defined, and a symbol set to a number.
        { "Let $p = 1/2$. The case $p = 0$ is excluded.", "definition skipped; claim unsupported" },
        { "$$\n(x+1)^2 = x^2 + 2x + 1\n$$\n\nAt $x = 0$ both are 1.", "step proved; claim unsupported" },
        // A domain taken for granted.
        { "$$\n\\log(x^2) = 2\\log x\n$$\n", "step unsupported" },
        // Properties of the text's own densities, and a joint with its conditionals, are not refuted with random ones.
        { "$$\n\\int_a^b p(x) dx = 1\n$$\n", "step unsupported" },
        { "$$\n\\log p(x, z) = \\log p(x \\mid z) + \\log p(z)\n$$\n", "step proved" },
        { "$$\n\\log p(x, z) = \\log p(x \\mid z) + \\log p(x)\n$$\n", "step refuted" },
        // A lone condition between plain quantities; the same words claimed for all values.
        { "$$\nb - a < 1\n$$\n", "step unsupported" },
        { "For all real a and b,\n\n$$\nb - a < 1\n$$\n", "step refuted" },
        // A base declared in the prose.
        { "We use base-2 logarithms throughout.\n\n$$\n-\\log\\left(\\frac{1}{2^4}\\right) = 4\n$$\n", "step proved" },
        { "$$\n-\\log\\left(\\frac{1}{2^4}\\right) = 4\n$$\n", "step refuted" },
        // A known operator the text defines its own way (often after using it): no statement using it is refuted.
        { "$$\nD(q, p) = \\int q(x) \\log \\frac{q(x)}{p(x)} dx = -H(q, p) - H(q)\n$$\n\nwhere $H(q, p) = \\int q(x) \\log p(x) dx$ is the cross-entropy.",
          "definition skipped; step unsupported; definition skipped" },
        // ... while a definition that agrees with the standard meaning changes nothing.
        { "$$\n\\mathrm{KL}(q \\| p) = \\int q(x) \\log \\frac{q(x)}{p(x)} dx = H(q, p) + H(q)\n$$\n\nwhere $H(q, p) = -\\int q(x) \\log p(x) dx$ is the cross-entropy.",
          "step confirmed; step refuted; claim confirmed" },
        // Sides that combine different random variables may be equal in distribution; the same ones must be equal.
        { "$$\nx = a u + b v, \\text{ with } u \\sim \\mathcal{N}(0, 1), v \\sim \\mathcal{N}(0, 1)\n$$\n\n$$\na u + b v = \\sqrt{a^2 + b^2} w\n$$\n",
          "definition skipped; definition skipped; definition skipped; step unsupported" },
        { "$$\nx = a u + b v, \\text{ with } u \\sim \\mathcal{N}(0, 1), v \\sim \\mathcal{N}(0, 1)\n$$\n\n$$\na u + b v = (a + b)(u + v)\n$$\n",
          "definition skipped; definition skipped; definition skipped; step refuted" },
        // The document's own macros are expanded, wherever they are defined.
        { "$$\n\\newcommand{\\dadb}[2]{\\frac{\\partial #1}{\\partial #2}}\n$$\n\n$$\n\\dadb{}{z} (z^3 + z) = 3z^2 + 1\n$$\n", "step proved" },
        { "$$\n\\newcommand{\\dadb}[2]{\\frac{\\partial #1}{\\partial #2}}\n$$\n\n$$\n\\dadb{}{z} (z^3 + z) = 3z^2\n$$\n", "step refuted" },
        // The entropy of listed probabilities; its unit (bits or nats) is the document's to say.
        { "We have $H(p, 1 - p) = -p \\log p - (1 - p) \\log(1 - p)$ and $H(0, 1) = 0$.", "claim proved; claim proved" },
        { "We have $H(p, 1 - p) = -p \\log p$.", "claim refuted" },
        { "We have $H(\\frac12, \\frac12) = \\log 2$.", "claim proved" },
        { "We have $H(\\frac12, \\frac12) = 1$.", "claim unsupported" },
        { "We have $H(\\frac12, \\frac12) = 2$.", "claim refuted" },
        { "We use base-2 logarithms. We have $H(\\frac12, \\frac12) = 1$.", "claim proved" },
        // A log-density given by its formula defines the density; its derivatives are then checked.
        { "$$\n\\log p(x \\mid \\mu) = -\\frac{1}{2} \\log(2\\pi) - \\frac{(x - \\mu)^2}{2}\n$$\n\n$$\n\\frac{\\partial \\log p(x \\mid \\mu)}{\\partial \\mu} = x - \\mu\n$$\n", "definition skipped; step proved" },
        { "$$\n\\log p(x \\mid \\mu) = -\\frac{1}{2} \\log(2\\pi) - \\frac{(x - \\mu)^2}{2}\n$$\n\n$$\n\\frac{\\partial \\log p(x \\mid \\mu)}{\\partial \\mu} = \\mu - x\n$$\n", "definition skipped; step refuted" },
        // ... and must integrate to 1 over its variable: a lost normaliser is a mistake, not a definition.
        { "$$\n\\log p(x \\mid \\mu, \\sigma) = -\\frac{1}{2} \\log(2\\pi) - \\frac{(x - \\mu)^2}{2 \\sigma^2}\n$$\n", "claim refuted" },
        { "$$\n\\log p(x \\mid \\mu, \\sigma) = -\\frac{1}{2} \\log(2\\pi \\sigma^2) - \\frac{(x - \\mu)^2}{2 \\sigma^2}\n$$\n", "definition skipped" },
        // Refuted as a density, it still gives q up to normalisation: what follows reads the normalised density.
        { "$$\n\\log q(y \\mid m, \\sigma) = -\\frac{(y - m)^2}{2 \\sigma^2}\n$$\n\n$$\n\\frac{\\partial \\log q(y \\mid m, \\sigma)}{\\partial m} = \\frac{y - m}{\\sigma^2}\n$$\n", "claim refuted; step proved" },
        { "$$\n\\log q(y \\mid m, \\sigma) = -\\frac{(y - m)^2}{2 \\sigma^2}\n$$\n\n$$\n\\frac{\\partial \\log q(y \\mid m, \\sigma)}{\\partial m} = \\frac{m - y}{\\sigma^2}\n$$\n", "claim refuted; step refuted" },
        { "$$\n\\log q(y \\mid m, \\sigma) = -\\frac{(y - m)^2}{2 \\sigma^2}\n$$\n\n$$\n\\frac{\\partial \\log q(y \\mid m, \\sigma)}{\\partial \\sigma} = \\frac{(y - m)^2}{\\sigma^3} - \\frac{1}{\\sigma}\n$$\n", "claim refuted; step proved" },
        { "$$\n\\log q(y \\mid m, \\sigma) = -\\frac{(y - m)^2}{2 \\sigma^2}\n$$\n\n$$\n\\frac{\\partial \\log q(y \\mid m, \\sigma)}{\\partial \\sigma} = \\frac{(y - m)^2}{\\sigma^3}\n$$\n", "claim refuted; step refuted" },
        // A log-likelihood is not a density of its first argument: only p and q of a variable are checked.
        { "$$\n\\log L(\\theta) = 3 \\log \\theta + 2 \\log(1 - \\theta)\n$$\n", "definition skipped" },
        // A later section's new formula replaces the old one even when SymKl cannot read it (x^T s x is not x to the power T).
        { "## A\n\n$$\n\\log q(s \\mid x) = -x^2 s\n$$\n\n## B\n\n$$\n\\log q(s \\mid x) = -x^T s x\n$$\n\n$$\n\\frac{\\partial \\log q(s \\mid x)}{\\partial s} = -x^2\n$$\n",
          "definition skipped; step unsupported; step unsupported" },
        // ... but a random variable averaged out by an expectation is not a value on either side.
        { "Let $z \\sim \\mathcal{N}(\\mu, \\sigma^2)$.\n\n$$\n\\mathbb{E}[z^2] = \\mu^2\n$$\n", "definition skipped; step refuted" },
        // A symbol given a value SymKl cannot read is not a free parameter afterwards ("Take" defines it: not a claim).
        { "Take $w = [1, 0]$ and $x = [2, 3]$. Then $w^\\top x = 2$.", "definition skipped; definition skipped; claim unsupported" },
    };

    [Theory]
    [MemberData(nameof(Readings))]
    public void FailuresAreReadAsValuesEquationsAndConditionsBeforeTheyAreRefuted(string markdown, string expected) => Assert.Equal(expected, Roles(markdown));

    public static TheoryData<string, string> Implications => new()
    {
        { @"Setting the derivative to zero, $-p/q + \lambda = 0$, so $p = \lambda q$.", "hypothesis skipped; implication confirmed" },
        { @"Setting the derivative to zero, $-p/q + \lambda = 0$, so $p = \lambda + q$.", "hypothesis skipped; implication refuted" },
        // "summing" brings in something the equations do not say: not refutable; "hence" is.
        { @"Setting the derivative to zero, $-p_i/q_i + \lambda = 0$, so $p_i = \lambda q_i$; summing, $\lambda = 1$; hence $p_i = q_i$.",
          "hypothesis skipped; implication confirmed; implication unsupported; implication confirmed" },
        { @"Setting the derivative to zero, $-p_i/q_i + \lambda = 0$, so $p_i = \lambda q_i$; summing, $\lambda = 1$; hence $p_i = 2 q_i$.",
          "hypothesis skipped; implication confirmed; implication unsupported; implication refuted" },
        { "$$\nx^2 = 4 \\Rightarrow x^4 = 16\n$$\n", "hypothesis skipped; implication confirmed" },
        { "$$\nx^2 = 4 \\Rightarrow x = 2\n$$\n", "hypothesis skipped; implication refuted" },
        { "Solving $2x - 4 = 0$ gives $x = 2$.", "hypothesis skipped; implication confirmed" },
        // A leading \therefore or arrow makes the equation before it a premise, even one that was read as a step.
        { "$$\n2x - 4 = 0\n$$\n\n$$\n\\therefore x = 2\n$$\n", "hypothesis skipped; implication confirmed" },
        { "$$\n2x - 4 = 0\n$$\n\n$$\n\\Rightarrow x = 3\n$$\n", "hypothesis skipped; implication refuted" },
        // Alternatives joined by "or" are not consequences one by one.
        { "Solving $x^2 - 5x + 6 = 0$: $x = 2$ or $x = 3$.", "hypothesis skipped; implication unsupported; implication unsupported" },
        // The equations being solved belong to their paragraph: a later paragraph goes on with them only after "so", "then" ….
        { "Solving $2x - 4 = 0$ gives $x = 2$.\n\nThen $x + 1 = 3$.", "hypothesis skipped; implication confirmed; implication confirmed" },
        { "Solving $2x - 4 = 0$ gives $x = 2$.\n\nAlso $x + 1 = 3$.", "hypothesis skipped; implication confirmed; claim unsupported" },
        // A system written as cases: each row is an equation being solved.
        { "Solving\n\n$$\n\\begin{cases} x + y &= 3 \\\\ x - y &= 1 \\end{cases}\n$$\n\ngives $x = 2$.", "hypothesis skipped; hypothesis skipped; implication confirmed" },
        { "Solving\n\n$$\n\\begin{cases} x + y &= 3 \\\\ x - y &= 1 \\end{cases}\n$$\n\ngives $x = 3$.", "hypothesis skipped; hypothesis skipped; implication refuted" },
        // In "solving a = b = 0" only the last link is the equation; a derivative before it is computed and checked.
        { "Let $f(p) = p^2 - 2p$. Setting the derivative to zero,\n\n$$\nf'(p) = 2p - 2 = 0\n$$\n\ngives $p = 1$.",
          "definition skipped; step proved; hypothesis skipped; implication confirmed" },
        { "Let $f(p) = p^2 - 2p$. Setting the derivative to zero,\n\n$$\nf'(p) = 2p - 1 = 0\n$$\n\ngives $p = 1/2$.",
          "definition skipped; step refuted; hypothesis skipped; implication confirmed" },
        { "With $L(p, \\lambda) = p^2 + \\lambda (1 - p)$, solving\n\n$$\n\\frac{\\partial L}{\\partial p} = 2p - \\lambda = 0\n$$\n",
          "definition skipped; step proved; hypothesis skipped" },
        // ... but the links of a chain of plain quantities may be equations themselves ("x = 2y = 4").
        { "Solving\n\n$$\nx = 2y = 4\n$$\n\ngives $y = 2$.", "step unsupported; hypothesis skipped; implication confirmed" },
        // A piecewise value is not a system.
        { "$$\nf(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}\n$$\n", "definition skipped" },
    };

    [Theory]
    [MemberData(nameof(Implications))]
    public void EquationsBeingSolvedAreCheckedAsImplications(string markdown, string expected) => Assert.Equal(expected, Roles(markdown));

    [Theory]
    [InlineData(@"Setting the derivative to zero, $-p/q + \lambda = 0$, so $p = \lambda + q$.", @"-p/q + \lambda", "0", "p", @"\lambda + q")]
    [InlineData("$$\nx^2 = 4 \\Rightarrow x = 2\n$$\n", "x^2", "4", "x", "2")]
    public void ARefutedImplicationGivesAPointOnThePremiseWhereTheConclusionFails(string markdown, string premiseLhs, string premiseRhs, string lhs, string rhs)
    {
        var refuted = Assert.Single(Verify(markdown), s => s.Verdict.Kind == VerdictKind.Refuted);
        Assert.Equal(StatementRole.Implication, refuted.Role);
        var point = refuted.Verdict.Counterexample!.Values.ToDictionary(kv => kv.Key, kv => kv.Value);
        double Value(string latex) => new NumericEvaluator(s => point[s.Name]).Evaluate(ExprBinder.Bind(LatexParser.ParseExpression(latex).Expression!, new BindingContext()).Value!).Value;
        Assert.True(Math.Abs(Value(premiseLhs) - Value(premiseRhs)) < 1e-8, "the premise holds at the counterexample");
        Assert.True(Math.Abs(Value(lhs) - Value(rhs)) > 1e-3, "the conclusion fails there");
    }

    public static TheoryData<string, string, string?> UndefinedNames => new()
    {
        // KL ≥ 0 is Gibbs' inequality (proved, BareDivergenceTests); the other direction depends on which laws KL compares.
        { @"We know $\text{KL} \leq 0$.", "claim unsupported", "KL" },
        { @"We know $\text{KL} = 0$.", "claim unsupported", "KL" },
        { @"Hence $\log p(x) \geq L$, where $L$ is the evidence lower bound.", "claim unsupported", "L" },
        { @"We know $\mathcal{L} \leq 0$.", "claim unsupported", @"\mathcal{L}" },
        // Genuine free parameters still refute.
        { @"We know $x^2 \geq 1$.", "claim unsupported", null },
        { "We know that for all x,\n\n$$\nx^2 \\geq 1\n$$\n", "step refuted", null },
        // Undefined densities under integrals are random family members: that refutation stays.
        { "$$\n\\int p(x) \\log \\frac{p(x)}{q(x)} dx = \\int q(x) \\log \\frac{q(x)}{p(x)} dx\n$$\n", "step refuted", null },
    };

    [Theory]
    [MemberData(nameof(UndefinedNames))]
    public void ARefutationMayOnlyChooseGenuineFreeParameters(string markdown, string expected, string? name)
    {
        Assert.Equal(expected, Roles(markdown));
        if (name is not null) Assert.Contains(name + " (", Verify(markdown).Single().Verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRoleCueIsRecordedAndTheContextIsSnapshotForTheExplainedLine()
    {
        var text = "Assume $x > 0$.\n\n$$\n\\sqrt{x^2} = x\n$$\n";
        var result = DocumentVerifier.Verify(MarkdownReader.Parse(text, "snippet.md"), new VerifyOptions { ExplainLine = 4 });
        Assert.Equal("'assume' before a condition", result.Steps[0].RoleCue);
        var context = Assert.Single(result.Contexts);
        Assert.Equal(4, context.Position.Line);
        Assert.Contains(context.Assumptions, a => a.StartsWith("x ", StringComparison.Ordinal));
        var explanation = Explainer.Explain(result, 4)!;
        Assert.Contains("role: step", explanation, StringComparison.Ordinal);
        Assert.Contains("verdict: proved", explanation, StringComparison.Ordinal);
        Assert.Null(Explainer.Explain(result, 2));
    }
}
