using System.Text.RegularExpressions;
using SymKl.Derivations.Checking;
using SymKl.Derivations.Markdown;
using SymKl.Latex;
using SymKl.Latex.Binding;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Verification;

/// <summary>
/// The law of the samples x_1 … x_n a document takes expectations over (<see cref="SampleMoments"/>): an indexed name
/// drawn with <c>x_i \sim \mathcal{N}(\mu, \sigma^2)</c> (any family with a moment table), or prose that gives the
/// samples' mean and variance in one sentence ("each $x_i$ is drawn from a Gaussian with mean $\mu$ and variance
/// $\sigma^2$"). Different samples are independent only where the text says so (i.i.d., independent draws).
/// </summary>
internal sealed partial class DocumentRun
{
    /// <summary>The law the prose gives (read once, before the walk), or null.</summary>
    private SampleLaw? _proseLaw;

    private bool _independentSamples;

    private static readonly Regex Independence = new(@"\bi\.?\s?i\.?\s?d\b|\bindependent(ly)?\b[^.]{0,60}\b(sampl|draw|observ|identical|copies|data)|\b(sampl|draw|observ)\w*\b[^.]{0,30}\bindependent", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    /// <summary>"with (unknown) mean", "has mean", "distribution of mean"; never "sample mean" (an estimate, not the law's).</summary>
    private static readonly Regex MeanCue = new(@"\b(with|has|have|having|of)\s+(an?\s+|the\s+)?(unknown\s+|common\s+|true\s+|population\s+)?(mean|expectation|expected value)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex VarianceCue = new(@"^\W*(and\s+)?(a\s+|the\s+)?(common\s+)?(variance|standard deviation)\s*(of\s*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex NormalCue = new(@"\b(gaussian|normal)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Before the walk: whether the text calls the samples independent, and the law its prose gives them.</summary>
    private void FindSampleLaw()
    {
        _independentSamples = Independence.IsMatch(document.Source.Text);
        MathBlock? before = null;
        MathBlock? twoBefore = null;
        foreach (var block in document.Blocks)
        {
            if (document.IsSkipped(block)) continue;
            // "… $x_i$ … with mean $\mu$ and variance $\sigma^2$": the sample, the mean, the variance, in one sentence.
            if (twoBefore is not null && before is not null && block.Kind == MathBlockKind.Inline && before.Kind == MathBlockKind.Inline
                && before.ContinuesSentence && block.ContinuesSentence && MeanCue.IsMatch(before.ProseBefore.Trim()) && VarianceCue.IsMatch(block.ProseBefore.Trim())
                && InlineValue(twoBefore) is { } sample && InlineValue(before) is { } mean && InlineValue(block) is { } spread
                && SampleFamily(sample) is { } family && !Traversal.Any(mean, IsIndexed) && !Traversal.Any(spread, IsIndexed))
            {
                var variance = block.ProseBefore.IndexOf("deviation", StringComparison.OrdinalIgnoreCase) >= 0 ? Ex.Pow(spread, Ex.Two) : spread;
                var normal = NormalCue.IsMatch(before.ProseBefore);
                _proseLaw = new SampleLaw(family, mean, variance, normal ? new DistributionInstance(Families.Normal, [mean, variance]) : null, _independentSamples,
                    (normal ? "normal, " : "") + "mean " + LatexPrinter.Print(mean) + ", variance " + LatexPrinter.Print(variance) + " (line " + block.Line + ")" + (_independentSamples ? ", independent" : ""));
                return;
            }
            twoBefore = before;
            before = block;
        }
    }

    private static bool IsIndexed(Expr e) => e is Sym s && IndexedSums.Split(s.Name) is not null;

    /// <summary>The value of a short piece of inline math, or null.</summary>
    private Expr? InlineValue(MathBlock block)
    {
        if (block.Text.Length > 60) return null;
        var parsed = LatexParser.ParseExpression(Expanded(block, out _));
        if (parsed.Expression is null) return null;
        return MathBinder.Bind(parsed.Expression, parsed, _scope).Value;
    }

    /// <summary>x of $x_i$ or of $x_1, \dots, x_n$: the letter of the first indexed name (index a letter or a numeral).</summary>
    private static string? SampleFamily(Expr sample)
    {
        string? found = null;
        Traversal.Any(sample, e =>
        {
            if (e is Sym s && IndexedSums.Split(s.Name) is { } parts && parts.Key.Trim('{', '}') is { Length: > 0 } key && (key.Length == 1 && char.IsLetter(key[0]) || key.All(char.IsDigit)))
            {
                found = parts.Base;
                return true;
            }
            return false;
        });
        return found;
    }

    /// <summary>The laws of samples in force: those drawn here with \sim (x_i ∼ family), then the prose's.</summary>
    private List<SampleLaw> SampleLawsInForce()
    {
        var laws = new List<SampleLaw>();
        foreach (var bound in _scope.Context.Bound)
        {
            var (name, instance) = (bound.Key, bound.Value);
            if (IndexedSums.Split(name) is not { } parts || parts.Key.Trim('{', '}') is not { Length: 1 } key || !char.IsLetter(key[0])) continue;
            var parameters = instance.Parameters;
            // x_i ∼ 𝒩(μ_i, σ²): a law that changes with the index is not one law of identically distributed samples.
            if (parameters.Any(p => Traversal.Any(p, IsIndexed))) continue;
            laws.Add(new SampleLaw(parts.Base, parameters.Count > 0 ? parameters[0] : Ex.Zero, parameters.Count > 1 ? parameters[1] : Ex.Zero, instance, _independentSamples,
                name + " \u223c " + instance + (_independentSamples ? ", independent" : "")));
        }
        if (_proseLaw is not null && laws.All(l => l.Family != _proseLaw.Family)) laws.Add(_proseLaw);
        // μ drawn itself (a prior μ ∼ 𝒩(0, 1)): E[x_i] = μ is then a conditional expectation, not the value of E[x_i].
        return laws.Where(l => !l.Parameters.Any(p => _scope.Context.Bound.ContainsKey(p.Name) || _randomBases.Contains(RandomBase(p.Name)))).ToList();
    }

    /// <summary>A step with expectations over the samples, decided by their exact values; null when it is not one.</summary>
    private Verdict? SampleExpectations(Expr lhs, Symbolic.Relation relation, Expr rhs)
    {
        var laws = SampleLawsInForce();
        if (laws.Count == 0) return null;
        using var budget = StepBudget.Open(options);
        try
        {
            foreach (var law in laws)
                if (SampleMoments.Decide(lhs, relation, rhs, law, _scope.Assumptions, _scope.Context, options.Seed, budget?.Token ?? default) is { } verdict) return verdict;
            return null;
        }
        catch (Exception ex) when (ex is OperationCanceledException or InsufficientExecutionStackException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
        {
            // Left to the usual checks.
            return null;
        }
    }

    /// <summary>
    /// The expectations over the samples alone replaced by their exact values, when others stay unknown values: the
    /// step is then decided only if it holds whatever those are (never refuted on this reading).
    /// </summary>
    private (Expr Lhs, Expr Rhs, string Values)? PartialSampleExpectations(Expr lhs, Expr rhs)
    {
        try
        {
            foreach (var law in SampleLawsInForce())
                if (SampleMoments.Partially(lhs, rhs, law, _scope.Assumptions, out var values) is { } sides
                    && OpaqueTerms.In(sides.Lhs).Count + OpaqueTerms.In(sides.Rhs).Count > 0)
                    return (sides.Lhs, sides.Rhs, values);
        }
        catch (Exception ex) when (ex is InsufficientExecutionStackException or NotSupportedException or ArgumentException or InvalidOperationException or ArithmeticException)
        {
            // Left as it was.
        }
        return null;
    }
}
