using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;
using SymKl.Latex;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// Equations a text works with (setting a derivative to zero, a constraint, a value) make their symbols unknowns:
/// later statements in them are equations those determine, never identities refuted at a random value of an
/// unknown. Each case has its boundary: a statement that no value of the unknown satisfies, and a computed
/// derivative, stay refuted; without the earlier equation the same link is a rewrite claimed for all values.
/// </summary>
public class EquationsBeingSolvedTests
{
    private static List<StepResult> Verify(string markdown) => [.. DocumentVerifier.Verify(MarkdownReader.Parse(markdown, "snippet.md")).Steps];

    private static string Verdicts(string markdown) =>
        string.Join("; ", Verify(markdown).Select(s => StatementRoles.Name(s.Role) + " " + s.Verdict.Kind.ToString().ToLowerInvariant()));

    private const string Lagrange = "By solving the following equations,\n\n$$\n\\begin{cases}\n(k+2)\\left(\\ln u + 1 + \\mu\\right) = 0 \\\\\n(k-2)\\left(\\ln v + 1 + \\mu\\right) = 0 \\\\\n(k+2)u + (k-2)v = 1\n\\end{cases}\n$$\n\n";

    private const string SolvedDensity = "## Uniform\n\nSetting the derivative to zero,\n\n$$\n\\log p(x) + 1 - \\lambda = 0\n$$\n\n$$\np(x) = e^{\\lambda - 1}\n$$\n\n";

    private const string Gaussian = "Setting the derivative to zero,\n\n$$\n1 + \\ln p(x) - \\lambda_0 + \\lambda_1 x^2 = 0\n$$\n\n$$\np(x) = e^{\\lambda_0 - 1 - \\lambda_1 x^2}\n$$\n\n";

    private const string WithFunction = "$$\nf(t) = t^2\n$$\n\nSolving\n\n$$\n\\begin{cases}\nu - v = 0 \\\\\n2u = 1\n\\end{cases}\n$$\n\nhence\n\n";

    private const string Stationary = "Setting the derivative to zero,\n\n$$\n\\frac{d}{dp}\\left(p \\log p - \\lambda p\\right) = \\log p + 1 - \\lambda = 0\n$$\n\n";

    public static TheoryData<string, string> Documents => new()
    {
        // λ is an unknown after the stationarity equation: a constraint on it in a chain is an equation, not a rewrite; the
        // next link follows from it (the same equation rearranged).
        { Stationary + "Next,\n\n$$\n(b - a)\\, e^{\\lambda - 1} = 1 = \\frac{b - a}{e^{1 - \\lambda}}\n$$\n",
          "step proved; hypothesis skipped; step unsupported; step confirmed" },
        // No value of λ satisfies 1 = 1 + e^{−λ}: wrong under every reading.
        { Stationary + "Next,\n\n$$\n(b - a)\\, e^{\\lambda - 1} = 1 = 1 + e^{-\\lambda}\n$$\n",
          "step proved; hypothesis skipped; step unsupported; step refuted" },
        // Without the earlier equation, λ is a parameter and the link is a rewrite claimed for all values; the second
        // link fails against the 1 (it undoes that mistake, as its reason says).
        { "Next,\n\n$$\n(b - a)\\, e^{\\lambda - 1} = 1 = \\frac{b - a}{e^{1 - \\lambda}}\n$$\n",
          "step refuted; step refuted" },
        // A derivative computed after the unknowns appeared is claimed for every value: a wrong one stays refuted.
        { Stationary + "Likewise\n\n$$\n\\frac{d}{dq}\\left(q \\log q - \\lambda q\\right) = \\log q + 1 - 2\\lambda\n$$\n",
          "step proved; hypothesis skipped; step refuted" },
        { Stationary + "Likewise\n\n$$\n\\frac{d}{dq}\\left(q \\log q - \\lambda q\\right) = \\log q + 1 - \\lambda\n$$\n",
          "step proved; hypothesis skipped; step proved" },
        // J is a function the text defined; written bare (as in a functional derivative δJ/δp) it is not a free parameter.
        { "$$\nJ(p) = p^2 + \\lambda p\n$$\n\nand\n\n$$\n\\frac{\\delta J}{\\delta p} = 2p + \\lambda\n$$\n", "definition skipped; step unsupported" },
        // Displays one after another with no words solve on: each follows from the equations before it.
        { Stationary + "$$\n\\log p = \\lambda - 1\n$$\n\n$$\np = e^{\\lambda - 1}\n$$\n",
          "step proved; hypothesis skipped; implication confirmed; implication confirmed" },
        { Stationary + "$$\n\\log p = 1 - \\lambda\n$$\n", "step proved; hypothesis skipped; implication refuted" },
        // A fresh name given a value there is a definition, not a consequence.
        { Stationary + "$$\nr = 2\\lambda\n$$\n\n$$\nr + 1 = 2\\lambda + 1\n$$\n", "step proved; hypothesis skipped; definition skipped; step proved" },
        // "by solving …, [system] we have [display]": words that only carry on keep the equations; every link of the chain
        // drawn from them is a consequence. The factors (k + 2), (k − 2) leave degenerate branches (k = 2) that points on the
        // system must avoid to be found.
        { Lagrange + "we have\n\n$$\n\\mu = -\\ln u - 1 = -\\ln v - 1\n$$\n", "hypothesis skipped; hypothesis skipped; hypothesis skipped; implication confirmed; implication confirmed" },
        { Lagrange + "we have\n\n$$\n\\mu = \\ln u + 1\n$$\n", "hypothesis skipped; hypothesis skipped; hypothesis skipped; implication refuted" },
        { Lagrange + "we have\n\n$$\n\\mu = -\\ln u - 1 = -\\ln v + 1\n$$\n", "hypothesis skipped; hypothesis skipped; hypothesis skipped; implication confirmed; implication refuted" },
        { Lagrange + "we have $\\mu = -\\ln u - 1$ and nothing more.\n", "hypothesis skipped; hypothesis skipped; hypothesis skipped; implication confirmed" },
        { Lagrange + "we have $\\mu = \\ln u + 1$ and nothing more.\n", "hypothesis skipped; hypothesis skipped; hypothesis skipped; implication refuted" },
        // A premise with the text's function (f(u) + v = u² + v) cannot be solved: the algebraic ones alone confirm the next
        // link, and never refute it (a point on fewer equations shows nothing).
        { WithFunction + "$$\nf(u) + v = u^2 + v = \\frac{3}{4}\n$$\n", "definition skipped; hypothesis skipped; hypothesis skipped; implication proved; implication confirmed" },
        { WithFunction + "$$\nf(u) + v = u^2 + v = 1\n$$\n", "definition skipped; hypothesis skipped; hypothesis skipped; implication proved; implication unsupported" },
        // The constant first or in the middle: the links at it are the equation, the others rewrite its sides.
        { "Setting the derivative to zero,\n\n$$\n0 = \\ln u + u\\frac{1}{u} + \\mu = \\ln u + 1 + \\mu\n$$\n", "hypothesis skipped; step proved" },
        { "Setting the derivative to zero,\n\n$$\n0 = \\ln u + u\\frac{1}{u} + \\mu = \\ln u + 2 + \\mu\n$$\n", "hypothesis skipped; step unsupported" },
        // ln u on both sides: u > 0 where the last link speaks, so ln(eu) = 1 + ln u is proved (LogDomains).
        { "Setting it to zero,\n\n$$\n\\frac{d}{du}\\left(u \\ln u + \\mu u\\right) = 0 = \\ln u + 1 + \\mu = \\ln(e u) + \\mu\n$$\n", "hypothesis skipped; hypothesis skipped; step proved" },
        // A condition the equations being solved already give is their consequence stated again; any other stays a hypothesis.
        { Lagrange + "we have $\\mu = -\\ln u - 1$, so the entropy is largest when $u = v$.\n", "hypothesis skipped; hypothesis skipped; hypothesis skipped; implication confirmed; implication confirmed" },
        { Lagrange + "we have $\\mu = -\\ln u - 1$, so the entropy is largest when $u = 2v$.\n", "hypothesis skipped; hypothesis skipped; hypothesis skipped; implication confirmed; hypothesis skipped" },
        // Other words end it, as before: a plain step, not an implication; the equations solved stay the ones the text works
        // with, and a lone display that follows from them is confirmed as their consequence (never refuted for not following).
        { Lagrange + "a known fact is\n\n$$\n\\mu = -\\ln u - 1\n$$\n", "hypothesis skipped; hypothesis skipped; hypothesis skipped; step confirmed" },
        { Lagrange + "a known fact is\n\n$$\n\\mu = \\ln u + 1\n$$\n", "hypothesis skipped; hypothesis skipped; hypothesis skipped; step unsupported" },
        // A function the text solves for is defined by the formula it follows to, from there on.
        { SolvedDensity + "Its integral over the unit interval is\n\n$$\n\\int_0^1 p(x)\\,dx = e^{\\lambda - 1}\n$$\n",
          "hypothesis skipped; implication confirmed; step confirmed" },
        // That solution ends with its derivation: the next one (## heading) solves for p anew, rightly or not.
        { SolvedDensity + "## Another constraint\n\nSetting the derivative to zero,\n\n$$\n\\log p(x) + 1 - \\lambda - \\mu x = 0\n$$\n\n$$\n\\log p(x) = 1 - \\lambda - \\mu x\n$$\n",
          "hypothesis skipped; implication confirmed; hypothesis skipped; implication refuted" },
        { SolvedDensity + "## Another constraint\n\nSetting the derivative to zero,\n\n$$\n\\log p(x) + 1 - \\lambda - \\mu x = 0\n$$\n\n$$\np(x) = e^{\\lambda + \\mu x - 1}\n$$\n",
          "hypothesis skipped; implication confirmed; hypothesis skipped; implication confirmed" },
        // The solved p written out inside integrals: the constraint ∫ p dx = 1 is an equation in the multipliers, and the
        // next link, the same constraint with p written out, follows from it. A wrong one makes the chain claim
        // ∫ e^{λ₀ − 1 − λ₁x²} dx = ∫ e^{λ₀ + 1 − λ₁x²} dx, which no value of λ₀ satisfies.
        { Gaussian + "which must satisfy\n\n$$\n\\int_{-\\infty}^{\\infty} p(x)dx = 1 = \\int_{-\\infty}^{\\infty} e^{\\lambda_0 - 1 - \\lambda_1 x^2}dx\n$$\n",
          "hypothesis skipped; implication confirmed; step unsupported; step confirmed" },
        { Gaussian + "which must satisfy\n\n$$\n\\int_{-\\infty}^{\\infty} p(x)dx = 1 = \\int_{-\\infty}^{\\infty} e^{\\lambda_0 + 1 - \\lambda_1 x^2}dx\n$$\n",
          "hypothesis skipped; implication confirmed; step unsupported; step refuted" },
        // A subsection carries on with the same derivation: the solution holds there.
        { SolvedDensity + "### Normalising\n\nIts integral over the unit interval is\n\n$$\n\\int_0^1 p(x)\\,dx = e^{\\lambda - 1}\n$$\n",
          "hypothesis skipped; implication confirmed; step confirmed" },
        // Words between the displays end the solving: the next display is a statement of its own.
        { Stationary + "Another fact:\n\n$$\n\\log p = 1 - \\lambda\n$$\n", "step proved; hypothesis skipped; step unsupported" },
        // A worked solution with no words: lone equations in unknowns; each one that follows from those before is confirmed.
        { Worked("1 = 2\\lambda_1\\sigma^2", "\\lambda_1 = \\frac{1}{2\\sigma^2}"), "hypothesis skipped; step unsupported; step confirmed" },
        // One that does not follow is not refuted on this reading (a display may start a new equation of a system), unless it
        // gives the quantity the display before it solved for a value that can never agree with that one (below).
        { Worked("1 = 2\\lambda_1\\sigma^2", "\\lambda_1 = \\frac{1}{\\sigma^2}"), "hypothesis skipped; step unsupported; step unsupported" },
        // Integrals of algebra are evaluated by quadrature at the points on the equations.
        { Worked("e^{\\lambda_0 - 1} = \\int_{-\\infty}^{\\infty} e^{-\\lambda_1 z^2}\\,dz", "e^{\\lambda_0 - 1} = \\sqrt{\\frac{\\pi}{\\lambda_1}}"),
          "hypothesis skipped; step unsupported; step confirmed" },
        { Worked("e^{\\lambda_0 - 1} = \\int_{-\\infty}^{\\infty} e^{-\\lambda_1 z^2}\\,dz", "e^{\\lambda_0 - 1} = \\sqrt{\\frac{2\\pi}{\\lambda_1}}"),
          "hypothesis skipped; step unsupported; step refuted" },
        // One quantity given two values in successive displays: refuted only when the values can never agree.
        { Worked("\\sigma^2 = \\int_{-\\infty}^{\\infty} e^{\\lambda_0 - 1 - \\lambda_1 z^2} z^2\\,dz", "\\sigma^2 = \\int_{-\\infty}^{\\infty} e^{\\lambda_0 + 1 - \\lambda_1 z^2} z^2\\,dz"),
          "hypothesis skipped; step unsupported; step refuted" },
        { Worked("\\sigma^2 = 2\\lambda_1", "\\sigma^2 = 3 - \\lambda_0"), "hypothesis skipped; step unsupported; step unsupported" },
        // The quantity written another way (the integral evaluated): one quantity all the same, and two values that never agree.
        { Worked("\\int_0^{\\infty} e^{-\\lambda_1 x}\\,dx = e^{\\lambda_0 - 1}", "\\frac{1}{\\lambda_1} = e^{\\lambda_0 + 2}"),
          "hypothesis skipped; step unsupported; step refuted" },
        { Worked("\\int_0^{\\infty} e^{-\\lambda_1 x}\\,dx = e^{\\lambda_0 - 1}", "\\frac{1}{\\lambda_1} = e^{\\lambda_0 - 1}"),
          "hypothesis skipped; step unsupported; step confirmed" },
        // Values that agree somewhere (e^{λ₀} = 2λ₀ + 1 at one λ₀ > 0): a new equation of the system, maybe.
        { Worked("\\int_0^{\\infty} e^{-\\lambda_1 x}\\,dx = e^{\\lambda_0}", "\\frac{1}{\\lambda_1} = 2\\lambda_0 + 1"),
          "hypothesis skipped; step unsupported; step unsupported" },
        // Values that agree only at a negative multiplier (e^{λ₀} = λ₀² at λ₀ ≈ −0.70): λ is positive by convention as a rate,
        // not as an unknown of the equations, so "whatever the unknowns are" includes every sign.
        { Worked("\\sigma^2 = e^{\\lambda_0}", "\\sigma^2 = \\lambda_0^2"), "hypothesis skipped; step unsupported; step unsupported" },
        { Worked("\\sigma^2 = e^{\\lambda_0}", "\\sigma^2 = -\\lambda_0^2"), "hypothesis skipped; step unsupported; step refuted" },
        // Not against a display that was itself contradicted: the next one may be its correction, and it follows from the first.
        { Worked("\\sigma^2 = 2\\lambda_1", "\\sigma^2 = 2\\lambda_1 + 1", "\\sigma^2 = 2\\lambda_1"),
          "hypothesis skipped; step unsupported; step refuted; step confirmed" },
        // A constraint with the solved value put in: a sum of one term that does not vary is that many copies of it.
        { Counted("1", "M", "\\frac{1}{M}"), "definition skipped; step unsupported; step confirmed" },
        { Counted("1", "M", "\\frac{1}{M+1}"), "definition skipped; step unsupported; step unsupported" },
        { Counted("a", "b", "\\frac{1}{b-a+1}"), "definition skipped; step unsupported; step confirmed" },
        { Counted("a", "b", "\\frac{1}{b-a}"), "definition skipped; step unsupported; step unsupported" },
        // Integrals whose mass sits away from 0 (a shifted Gaussian): quadrature good enough for points on the equations.
        { Worked("1 = \\int_{-\\infty}^{\\infty} e^{\\lambda_0 - 1 - \\lambda_1 (x - m)^2}\\,dx", "1 = \\int_{-\\infty}^{\\infty} e^{\\lambda_0 - 1 - \\lambda_1 t^2}\\,dt"),
          "hypothesis skipped; step unsupported; step confirmed" },
        { Worked("1 = \\int_{-\\infty}^{\\infty} e^{\\lambda_0 - 1 - \\lambda_1 (x - m)^2}\\,dx", "1 = \\int_{-\\infty}^{\\infty} e^{\\lambda_0 - 1 - 2\\lambda_1 t^2}\\,dt"),
          "hypothesis skipped; step unsupported; step unsupported" },
        // A typo that contradicts the equations before it is set aside when they then have no common solution.
        { Worked("1 = 2\\lambda_1\\sigma^2", "1 = 3\\lambda_1\\sigma^2", "\\lambda_1 = \\frac{1}{2\\sigma^2}"), "hypothesis skipped; step unsupported; step unsupported; step confirmed" },
        // A symbol set to a number is a case; a later claim is not confirmed just because it holds in that case.
        { Worked("\\lambda_1 = 2", "\\lambda_1^2 = 2\\lambda_1"), "hypothesis skipped; step unsupported; step unsupported" },
        // A sub-subsection heading divides the steps of one derivation: its working equations carry on.
        { Worked("1 = 2\\lambda_1\\sigma^2") + "### Solving for the multiplier\n\n$$\n\\lambda_1 = \\frac{1}{2\\sigma^2}\n$$\n", "hypothesis skipped; step unsupported; step confirmed" },
        { Worked("1 = 2\\lambda_1\\sigma^2") + "## Another problem\n\n$$\n\\lambda_1 = \\frac{1}{2\\sigma^2}\n$$\n", "hypothesis skipped; step unsupported; step unsupported" },
        // With nothing before it to follow from, the lone display stays unsupported.
        { Worked("\\lambda_1 = \\frac{1}{2\\sigma^2}"), "hypothesis skipped; step unsupported" },
        // Estimating equations with sums over the data (derivatives set to zero): written out at n = 2 … 4 together with
        // the estimate, which is named for the unknown it solves for (σ̂ for σ; μ̂ is defined on the way, and confirmed).
        { Estimating("\\hat{\\sigma}^2 = \\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\hat{\\mu})^2"), "step unsupported; implication confirmed; step unsupported; step confirmed" },
        { Estimating("\\frac{1}{n} \\sum_{i=1}^{n} (x_i - \\hat{\\mu})^2 = \\hat{\\sigma}^2"), "step unsupported; implication confirmed; step unsupported; step confirmed" },
        // The unbiased variance is not the solution of these equations, nor is a 1/(n + 1); never refuted on this reading.
        { Estimating("\\hat{\\sigma}^2 = \\frac{1}{n-1} \\sum_{i=1}^{n} (x_i - \\hat{\\mu})^2"), "step unsupported; implication confirmed; step unsupported; step unsupported" },
        { Estimating("\\hat{\\sigma}^2 = \\frac{1}{n+1} \\sum_{i=1}^{n} (x_i - \\hat{\\mu})^2"), "step unsupported; implication confirmed; step unsupported; step unsupported" },
        // A mean taken for the spread: does not follow.
        { Estimating("\\hat{\\sigma}^2 = \\frac{1}{n} \\sum_{i=1}^{n} x_i^2"), "step unsupported; implication confirmed; step unsupported; step unsupported" },
        // The estimate of an exponential rate, written as a power of the unknown's name so that it is not a definition.
        { "$$\n\\frac{n}{\\lambda} - \\sum_{j=1}^{n} t_j = 0\n$$\n\n$$\n\\hat{\\lambda}^{-1} = \\frac{1}{n} \\sum_{j=1}^{n} t_j\n$$\n", "step unsupported; step confirmed" },
        { "$$\n\\frac{n}{\\lambda} - \\sum_{j=1}^{n} t_j = 0\n$$\n\n$$\n\\hat{\\lambda}^{-1} = \\frac{1}{n+1} \\sum_{j=1}^{n} t_j\n$$\n", "step unsupported; step unsupported" },
        // A fresh name for the estimate of an unknown (θ^*, \\hat{\\lambda}) given the value that solves the equations: it
        // defines the name and is confirmed as their consequence; a value that does not solve them is only a definition.
        { "$$\n\\frac{a}{\\theta} - \\frac{b}{1-\\theta} = 0\n$$\n\n$$\n\\theta^* = \\frac{a}{a+b}\n$$\n\n$$\n\\theta^* + 1 = \\frac{2a+b}{a+b}\n$$\n",
          "step unsupported; implication confirmed; step proved" },
        { "$$\n\\frac{a}{\\theta} - \\frac{b}{1-\\theta} = 0\n$$\n\n$$\n\\theta^* = \\frac{b}{a+b}\n$$\n", "step unsupported; definition skipped" },
        { "$$\n\\frac{n}{\\lambda} - \\sum_{j=1}^{n} t_j = 0\n$$\n\n$$\n\\hat{\\lambda} = \\frac{n}{\\sum_{j=1}^{n} t_j}\n$$\n", "step unsupported; implication confirmed" },
        { "$$\n\\frac{n}{\\lambda} - \\sum_{j=1}^{n} t_j = 0\n$$\n\n$$\n\\hat{\\lambda} = \\frac{n-1}{\\sum_{j=1}^{n} t_j}\n$$\n", "step unsupported; definition skipped" },
        // A hatted name with no unknown of that name in the equations is a plain definition.
        { "$$\n\\frac{a}{\\theta} - \\frac{b}{1-\\theta} = 0\n$$\n\n$$\n\\hat{\\beta} = \\frac{a}{a+b}\n$$\n", "step unsupported; definition skipped" },
        // An estimate the text already wrote, given the value that solves the equations: confirmed, and from there on it
        // has that value (a later claim about it is checked with it, and refuted when it does not hold).
        { "$$\n2\\hat{\\mu} = \\hat{\\mu} + \\hat{\\mu}\n$$\n\n$$\n\\frac{1}{\\sigma^2} \\sum_{i=1}^{n} (x_i - \\mu) = 0\n$$\n\n$$\n\\hat{\\mu} = \\frac{1}{n} \\sum_{i=1}^{n} x_i\n$$\n\n" +
          "$$\nn\\hat{\\mu} = \\sum_{i=1}^{n} x_i\n$$\n\n$$\nn\\hat{\\mu} = \\sum_{i=1}^{n} x_i + 1\n$$\n",
          "step proved; step unsupported; step confirmed; step confirmed; step refuted" },
        // Not when it does not follow: the estimate stays an unknown.
        { "$$\n2\\hat{\\mu} = \\hat{\\mu} + \\hat{\\mu}\n$$\n\n$$\n\\frac{1}{\\sigma^2} \\sum_{i=1}^{n} (x_i - \\mu) = 0\n$$\n\n$$\n\\hat{\\mu} = \\frac{1}{n+1} \\sum_{i=1}^{n} x_i\n$$\n\n" +
          "$$\nn\\hat{\\mu} = \\sum_{i=1}^{n} x_i + 1\n$$\n",
          "step proved; step unsupported; step unsupported; step unsupported" },
        // A measure of a variable with no law (H(Y)) given a value, then another: the second is confirmed when the two
        // formulas agree (the grouping property of entropy here), and stays an unused definition when they do not.
        { "Hence $H(Y) = H(\\frac14, \\frac14 + \\frac14 u, \\frac12 - \\frac14 u)$.\n\n$$\nH(Y) = H(\\frac14, \\frac34) + \\frac34 H(\\frac43(\\frac14 + \\frac14 u), \\frac43(\\frac12 - \\frac14 u))\n$$\n",
          "definition skipped; claim confirmed" },
        { "Hence $H(Y) = H(\\frac14, \\frac14 + \\frac14 u, \\frac12 - \\frac14 u)$.\n\n$$\nH(Y) = H(\\frac14, \\frac34) + \\frac12 H(\\frac43(\\frac14 + \\frac14 u), \\frac43(\\frac12 - \\frac14 u))\n$$\n",
          "definition skipped; definition skipped" },
        { "With $a > 0$:\n\n$$\nH(Z) = \\log 2 + \\log a\n$$\n\n$$\nH(Z) = \\log(2a)\n$$\n\n$$\nH(Z) = \\log(3a)\n$$\n", "hypothesis skipped; definition skipped; claim confirmed; definition skipped" },
        // Sums written without limits beside one count n: n may be their number of terms (read so only to confirm).
        { "$$\nH(Z) = \\frac12 \\left(\\sum_i s_i^2 - n\\right)\n$$\n\n$$\nH(Z) = \\frac12 \\sum_i (s_i^2 - 1)\n$$\n", "definition skipped; claim confirmed" },
        { "$$\nH(Z) = \\frac12 \\left(\\sum_i s_i^2 - n\\right)\n$$\n\n$$\nH(Z) = \\frac12 \\sum_i (s_i^2 - 2)\n$$\n", "definition skipped; definition skipped" },
        // "Putting together": a display several displays back restated (it left the window of the latest equations): confirmed
        // as following from that equation alone; a restatement with another value is not (and not refuted either).
        { "## Multipliers\n\nAssume $b > 0$.\n\n$$e^{c-1} = \\sqrt{\\frac{\\pi}{b}}$$\n\n### Second constraint\n\n$$s^2 e^{c-1} = \\frac{1}{2b}\\sqrt{\\frac{\\pi}{b}}$$\n\n$$2 b s^2 e^{c-1} = \\sqrt{\\frac{\\pi}{b}}$$\n\n$$4 b s^2 e^{c-1} = 2\\sqrt{\\frac{\\pi}{b}}$$\n\n$$b s^2 e^{c-1} = \\frac{1}{2}\\sqrt{\\frac{\\pi}{b}}$$\n\n$$b s^2 e^{c} = \\frac{e}{2}\\sqrt{\\frac{\\pi}{b}}$$\n\n$$2 b s^2 e^{c} = e\\sqrt{\\frac{\\pi}{b}}$$\n\n$$4 b^2 s^4 e^{2c} = \\frac{e^2 \\pi}{b}$$\n\n### Putting together\n\n$$\\sqrt{\\frac{\\pi}{b}} = e^{c-1}$$\n", "hypothesis skipped; step unsupported; step unsupported; step confirmed; step confirmed; step confirmed; step confirmed; step confirmed; step confirmed; step confirmed" },
        { "## Multipliers\n\nAssume $b > 0$.\n\n$$e^{c-1} = \\sqrt{\\frac{\\pi}{b}}$$\n\n### Second constraint\n\n$$s^2 e^{c-1} = \\frac{1}{2b}\\sqrt{\\frac{\\pi}{b}}$$\n\n$$2 b s^2 e^{c-1} = \\sqrt{\\frac{\\pi}{b}}$$\n\n$$4 b s^2 e^{c-1} = 2\\sqrt{\\frac{\\pi}{b}}$$\n\n$$b s^2 e^{c-1} = \\frac{1}{2}\\sqrt{\\frac{\\pi}{b}}$$\n\n$$b s^2 e^{c} = \\frac{e}{2}\\sqrt{\\frac{\\pi}{b}}$$\n\n$$2 b s^2 e^{c} = e\\sqrt{\\frac{\\pi}{b}}$$\n\n$$4 b^2 s^4 e^{2c} = \\frac{e^2 \\pi}{b}$$\n\n### Putting together\n\n$$\\sqrt{\\frac{\\pi}{b}} = e^{c+1}$$\n", "hypothesis skipped; step unsupported; step unsupported; step confirmed; step confirmed; step confirmed; step confirmed; step confirmed; step confirmed; step unsupported" },
    };

    /// <summary>The normal model's estimating equations in μ and σ² (no words between the displays), μ̂ defined, then a claim about σ̂².</summary>
    private static string Estimating(string claim) =>
        "$$\n\\frac{1}{\\sigma^2} \\sum_{i=1}^{n} (x_i - \\mu) = 0\n$$\n\n$$\n\\hat{\\mu} = \\frac{1}{n} \\sum_{i=1}^{n} x_i\n$$\n\n" +
        "$$\n-\\frac{n}{2\\sigma^2} + \\frac{1}{2\\sigma^4} \\sum_{i=1}^{n} (x_i - \\mu)^2 = 0\n$$\n\n$$\n" + claim + "\n$$\n";

    /// <summary>A solved value q_k = e^{−μ−1} put in the constraint Σ_{k=from}^{to} q_k = 1, then a value claimed for it.</summary>
    private static string Counted(string from, string to, string value) =>
        "Setting the derivative to zero, we get $q_k = e^{-\\mu - 1}$.\n\n$$\n\\sum_{k=" + from + "}^{" + to + "} e^{-\\mu - 1} = 1\n$$\n\n$$\ne^{-\\mu - 1} = " + value + "\n$$\n";

    /// <summary>Lone displays one after another once the unknowns appeared (λ₀ and λ₁ in a stationarity equation).</summary>
    private static string Worked(params string[] displays) =>
        "Setting the derivative to zero,\n\n$$\n1 + \\log p - \\lambda_0 - \\lambda_1 x^2 = 0\n$$\n\nNext,\n\n" + string.Concat(displays.Select(d => "$$\n" + d + "\n$$\n\n"));

    [Theory]
    [MemberData(nameof(Documents))]
    public void UnknownsOfTheTextAreNotFreeParameters(string markdown, string expected) => Assert.Equal(expected, Verdicts(markdown));

    [Fact]
    public void ANegatedLogDensityDefinesTheDensity()
    {
        // −log f(x) = … defines f (as a loss or a surprisal is written); the expectation of −log f is then the entropy.
        // With X's law in force, f is X's density: the formula is also a claim about that law, which holds.
        var steps = Verify("Let $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$ with density $f$:\n\n$$\n-\\log f(x) = \\frac{1}{2}\\log(2\\pi\\sigma^2) + \\frac{(x-\\mu)^2}{2\\sigma^2}\n$$\n\n" +
            "$$\n\\mathbb{E}[-\\log f(X)] = \\frac{1}{2}\\log(2\\pi\\sigma^2) + \\frac{\\mathbb{E}[(X-\\mu)^2]}{2\\sigma^2} = \\frac{1}{2}\\log(2\\pi\\sigma^2) + \\frac{1}{2}\n$$\n");
        Assert.Contains(steps, s => s.Role == StatementRole.Claim && s.Line == 4 && s.Verdict.Holds);
        Assert.All(steps.Where(s => s.Line == 8), s => Assert.True(s.Verdict.Holds, s.Verdict.Reason));
        // The same with −1 for ½ is wrong.
        var wrong = Verify("Let $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$ with density $f$:\n\n$$\n-\\log f(x) = \\frac{1}{2}\\log(2\\pi\\sigma^2) + \\frac{(x-\\mu)^2}{2\\sigma^2}\n$$\n\n" +
            "$$\n\\mathbb{E}[-\\log f(X)] = \\frac{1}{2}\\log(2\\pi\\sigma^2) - 1\n$$\n");
        Assert.Contains(wrong, s => s.Line == 8 && s.Verdict.Kind == VerdictKind.Refuted);
    }

    [Fact]
    public void ANegatedLogThatIsNotADensityIsRefuted()
    {
        var steps = Verify("$$\n-\\log p(x \\mid \\mu, \\sigma) = \\frac{1}{2}\\log(2\\pi) + \\frac{(x-\\mu)^2}{2\\sigma^2}\n$$\n");
        Assert.Equal(VerdictKind.Refuted, Assert.Single(steps).Verdict.Kind);
    }

    private static Expr U => Ex.Sym("u");
    private static Expr N => Ex.Sym("n");

    [Fact]
    public void AnImplicationFailingOnlyInADegenerateCaseIsNotRefuted()
    {
        // (n − 2) u = (n − 2)/2 ⇒ u = ½ for every integer n ≥ 1 except n = 2, where every u satisfies the premise.
        var premise = (Ex.Mul(Ex.Sub(N, 2), U), Ex.Div(Ex.Sub(N, 2), 2));
        var a = Assumptions.Default.With("n", Domain.PositiveInteger);
        var verdict = ImplicationChecker.Check([premise], U, Ex.Div(1, 2), a, mayRefute: true, cue: "i.e.");
        Assert.NotEqual(VerdictKind.Refuted, verdict.Kind);
    }

    [Fact]
    public void AnImplicationFailingAlmostEverywhereIsRefuted()
    {
        var premise = (Ex.Mul(2, U), Ex.Sub(N, 1));
        var a = Assumptions.Default.With("n", Domain.PositiveInteger);
        var verdict = ImplicationChecker.Check([premise], U, Ex.Div(1, 2), a, mayRefute: true, cue: "so");
        Assert.Equal(VerdictKind.Refuted, verdict.Kind);
    }

    [Fact]
    public void PointsOnASystemWithDegenerateFactorsAreFound()
    {
        // (k + 2)(ln u + 1 + μ) = 0, (k − 2)(ln v + 1 + μ) = 0, (k + 2)u + (k − 2)v = 1: all symbols moving at once slide
        // towards k = 2, where the second equation holds for every v and the steps crawl; square systems reach the points.
        Sym k = Ex.Sym("k"), u = Ex.Sym("u"), v = Ex.Sym("v"), mu = Ex.Sym("mu");
        var premises = new List<(Expr, Expr)>
        {
            (Ex.Mul(Ex.Add(k, 2), Ex.Add(Ex.Log(u), 1, mu)), Ex.Zero),
            (Ex.Mul(Ex.Sub(k, 2), Ex.Add(Ex.Log(v), 1, mu)), Ex.Zero),
            (Ex.Add(Ex.Mul(Ex.Add(k, 2), u), Ex.Mul(Ex.Sub(k, 2), v)), Ex.One),
        };
        Assert.Equal(VerdictKind.Confirmed, ImplicationChecker.Check(premises, Ex.Log(u), Ex.Log(v), Assumptions.Default, mayRefute: true, cue: "so").Kind);
        Assert.Equal(VerdictKind.Refuted, ImplicationChecker.Check(premises, Ex.Log(u), Ex.Add(Ex.Log(v), 1), Assumptions.Default, mayRefute: true, cue: "so").Kind);
    }

    [Fact]
    public void AFunctionSolvedForIsNotReportedAsUsedBeforeItsDefinition()
    {
        var result = DocumentVerifier.Verify(MarkdownReader.Parse(SolvedDensity, "snippet.md"));
        Assert.Contains(result.Definitions, d => d.Name == "p");
        Assert.DoesNotContain(result.Warnings, w => w.Code == DiagnosticCodes.UsedBeforeDefinition);
    }

    /// <summary>
    /// An equation withdrawn because it is in an unknown of the equations in force (a) brings its other symbols (b, c) in
    /// as unknowns too: a later link solving for b is an equation in them, not an identity refuted at random b and c.
    /// </summary>
    [Fact]
    public void AnEquationInAnUnknownMakesItsOtherSymbolsUnknowns()
    {
        const string markdown = "## First\n\nNormalising,\n\n$$\nN e^{a} = 1\n$$\n\n## Second\n\nThe constraint is\n\n$$\n\\int_0^1 e^{a} b \\, dx = e^{a} b = c\n$$\n\n"
            + "Dividing the two, we solve for $b$:\n\n$$\n\\frac{c}{e^{a}} = b = 3c\n$$\n";
        var steps = Verify(markdown);
        Assert.DoesNotContain(steps, s => s.Verdict.Kind == VerdictKind.Refuted);
        var last = steps[^1];
        Assert.Equal(VerdictKind.Unsupported, last.Verdict.Kind);
        Assert.Contains("b is an unknown of the equations", last.Verdict.Reason, StringComparison.Ordinal);
    }
}
