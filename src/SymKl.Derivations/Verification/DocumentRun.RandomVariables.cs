using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Syntax;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;
using LatexRelation = SymKl.Latex.Syntax.Relation;

namespace SymKl.Derivations.Verification;

/// <summary>
/// Random variables a document draws with <c>\sim</c> (ε ∼ 𝒩(0, I)). Two sides that combine different ones can be
/// equal in distribution (independent Gaussians merged into one) while no identity between the symbols holds.
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>Base names of the symbols the document draws at random (ε in "ε_{t-1} ∼ 𝒩(0, I)"), subscripts and accents removed; collected by the pre-pass.</summary>
    private readonly HashSet<string> _randomBases = new(StringComparer.Ordinal);

    /// <summary>
    /// "σ₁ε₁ + σ₂ε₂ = √(σ₁² + σ₂²) ε̃": two sides that combine different random variables can be equal in distribution
    /// (independent Gaussians merged into one) while no identity holds between the symbols. A failure then shows nothing.
    /// </summary>
    private string? DifferentRandomVariables(Expr lhs, Expr rhs)
    {
        if (_randomBases.Count == 0) return null;
        // Σ_i Y_i² beside Σ_i (Z_i/√(V/ν))²: a sum of draws is as random as its terms (only its own index is bound).
        var left = new HashSet<string>(RandomSymbols(lhs, throughSums: true).Where(IsRandomName), StringComparer.Ordinal);
        var right = new HashSet<string>(RandomSymbols(rhs, throughSums: true).Where(IsRandomName), StringComparer.Ordinal);
        if (left.Count + right.Count == 0 || left.SetEquals(right)) return null;
        var only = left.Except(right).Concat(right.Except(left)).First();
        return "its sides combine different random variables (" + only + " is on one side only); as random variables they may be equal in distribution " +
            "(independent Gaussians merged into one, a reparameterisation), which SymKl does not check";
    }

    /// <summary>Bases drawn from 𝒩(0, I) or 𝒩(0, 1) (and only from it) in the document, and bases drawn from anything else.</summary>
    private readonly HashSet<string> _standardNormalBases = new(StringComparer.Ordinal), _otherLawBases = new(StringComparer.Ordinal);

    /// <summary>Letters that name noise in reparameterisations (ε, ϵ, η, ξ, ζ).</summary>
    /// <summary>Letters that name a noise draw (ε, η, ξ, ζ); the matrix reading uses them too.</summary>
    internal static readonly HashSet<string> NoiseLetters = new(StringComparer.Ordinal) { "epsilon", "varepsilon", "eta", "xi", "zeta" };

    /// <summary>𝒩(0, I), N(0, 1), \mathcal{N}(\mathbf{0}, \mathbf{I}).</summary>
    private static bool IsStandardNormal(SyntaxNode law, Latex.ParseResult parsed)
    {
        if (law is not Call { Callee: Identifier family, Arguments: [var mean, var covariance] } || Families.Find(MathBinder.SymbolName(family, parsed))?.Name != "Normal") return false;
        static string Plain(string text) => text.Replace(" ", "").Replace("\\mathbf", "").Replace("\\boldsymbol", "").Replace("\\bm", "").Replace("\\mathrm", "").Trim('{', '}');
        return Plain(parsed.GetText(mean.Span)) == "0" && Plain(parsed.GetText(covariance.Span)) is "I" or "1";
    }

    /// <summary>
    /// √(α(1−ᾱ)) ε₁ + √(1−α) ε₂ = √(1−αᾱ) ε̃ with ε's drawn from 𝒩(0, I): each side linear in independent standard
    /// normal noises is normal, with the noise-free part as its mean and the sum of the squared coefficients as its
    /// variance (times I); the sides are equal in distribution when both agree. Only ever confirms (the text may mean
    /// an identity between the symbols, which this does not show); null when the reading does not apply or fails.
    /// </summary>
    private Verdict? EqualInDistribution(Expr lhs, Expr rhs)
    {
        if (_standardNormalBases.Count == 0) return null;
        // Noise is what the text draws from 𝒩(0, I) under a letter that names noise; other random values (x_{t-1}) are
        // held fixed, as the noises added to them are drawn independently of them.
        var noises = RandomSymbols(lhs).Union(RandomSymbols(rhs)).Where(n => NoiseLetters.Contains(RandomBase(n))).ToList();
        // Every one must be noise as drawn (<see cref="IsDrawnNoise"/>): ε_θ or ε̂ beside ε is not a second noise.
        if (noises.Count == 0 || !noises.All(IsDrawnNoise)) return null;
        var symbols = noises.Select(Ex.Sym).ToList();
        (Expr Mean, Expr Variance)? Law(Expr side)
        {
            var zero = symbols.ToDictionary(s => s, _ => (Expr)Ex.Zero);
            var variance = new List<Expr>();
            foreach (var s in symbols)
            {
                Expr c;
                try { c = Differentiator.Derivative(side, s); }
                catch (NotSupportedException) { return null; }
                if (Traversal.FreeSymbols(c).Any(symbols.Contains)) return null;
                variance.Add(Ex.Pow(c, Ex.Two));
            }
            return (Traversal.Substitute(side, zero), Ex.Add(variance));
        }
        if (Law(lhs) is not { } l || Law(rhs) is not { } r) return null;
        var mean = StepChecker.Check(l.Mean, Symbolic.Relation.Equal, r.Mean, _scope.Assumptions, _scope.Context, options.Seed);
        var spread = StepChecker.Check(l.Variance, Symbolic.Relation.Equal, r.Variance, _scope.Assumptions, _scope.Context, options.Seed);
        if (!mean.Holds || !spread.Holds) return null;
        var symbolic = mean.Kind == VerdictKind.Proved && spread.Kind == VerdictKind.Proved;
        return new Verdict(VerdictKind.Confirmed, "equal in distribution: with " + string.Join(", ", noises) + " independent standard normal (as drawn) and independent of the rest, both sides are normal with mean "
            + LatexPrinter.Print(l.Mean) + " and variance " + LatexPrinter.Print(l.Variance) + (symbolic ? " (the means and variances agree symbolically)" : " (the means and variances agree at random points)"), null, null, Math.Max(mean.PointsChecked, spread.PointsChecked));
    }

    /// <summary>The random symbols that appear as values, outside expectations, integrals and sums (which average them out).</summary>
    /// <param name="throughSums">Sums too (the random terms of Σ_i Y_i, not its index), not only what stands outside them.</param>
    private HashSet<string> RandomSymbols(Expr e, bool throughSums = false)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<Expr>();
        stack.Push(e);
        for (var budget = 100_000; stack.Count > 0 && budget > 0; budget--)
        {
            var n = stack.Pop();
            if (n is Symbolic.Expectation or Symbolic.Integral or Functional || n is Summation && !throughSums) continue;
            if (n is Sym s && _randomBases.Contains(RandomBase(s.Name)) && !(throughSums && BoundBySum(e, s))) found.Add(s.Name);
            foreach (var c in n.Children) stack.Push(c);
        }
        return found;
    }

    /// <summary>The symbol is the index of a sum in e (bound there, not a random value).</summary>
    private static bool BoundBySum(Expr e, Sym s) => Traversal.Any(e, n => n is Summation sum && sum.Variable.Equals(s));

    /// <summary>"	ilde{\epsilon}_{t-1}" → "epsilon": the letter, without accents, subscripts or superscripts.</summary>
    private static string RandomBase(string name)
    {
        var cut = name.IndexOfAny(['_', '^']);
        var head = cut < 0 ? name : name.Substring(0, cut);
        foreach (var accent in new[] { "\\tilde", "\\bar", "\\hat", "\\overline", "\\widetilde", "\\widehat", "\\boldsymbol", "\\mathbf", "\\bm", "tilde", "bar", "hat" })
            if (head.StartsWith(accent, StringComparison.Ordinal)) head = head.Substring(accent.Length);
        return head.Trim('{', '}', '\\', ' ');
    }
}
