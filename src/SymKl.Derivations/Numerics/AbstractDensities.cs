using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Numerics;

/// <summary>
/// For the numeric check only: densities a step names but nothing defines (p(x) in an identity about KL in
/// general) become members of a family with fresh parameter symbols, which the sampler then draws at random
/// (random Gaussians under integrals, random binomials on {0..6} under sums). Identities that hold for all
/// densities hold for these; a symbolic proof never uses them.
/// </summary>
public static class AbstractDensities
{
    private const int DiscreteSupportSize = 6;

    /// <param name="laplace">Continuous densities become Laplace instead of normal members: a second family, heavier-tailed
    /// and not smooth, so that a statement true of Gaussians only (an entropy formula, a sign of the differential entropy)
    /// is not confirmed as if true of every density.</param>
    public static DistributionContext Instantiate(IEnumerable<Expr> expressions, DistributionContext context, bool laplace = false)
    {
        expressions = expressions.ToList();
        var continuous = new HashSet<string>(StringComparer.Ordinal);
        var discrete = new HashSet<string>(StringComparer.Ordinal);
        var neutral = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in expressions) Collect(e, context, continuous, discrete, neutral, inSum: false);
        // P and p name one distribution (P(x) and p(x) are its density): decide by how any spelling is used.
        var usedContinuous = new HashSet<string>(continuous.Select(n => n.ToLowerInvariant()), StringComparer.Ordinal);
        var usedDiscrete = new HashSet<string>(discrete.Select(n => n.ToLowerInvariant()), StringComparer.Ordinal);
        // p(x, z), p(x | z), q(z | x): a joint or a conditional is not a one-variable density, and a random density of its
        // first argument in its place would make p(x, z) and p(x) one function (log p(x, z) = log p(x) confirmed). Such a
        // name is left undefined, so the steps that use it are not decided numerically.
        var severalVariables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in expressions)
            Traversal.Any(e, n =>
            {
                if (n is Apply ap && ap.Args.Count != 1 && !context.IsKnownFunction(ap.Name) && Families.Find(ap.Name) is null) severalVariables.Add(ap.Name.ToLowerInvariant());
                return false;
            });
        var names = continuous.Concat(discrete).Concat(neutral).Distinct(StringComparer.Ordinal)
            .Where(n => !context.IsKnownFunction(n) && Families.Find(n) is null && !severalVariables.Contains(n.ToLowerInvariant())).OrderBy(n => n, StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            var key = Key(name, names);
            var lower = name.ToLowerInvariant();
            var instance = (usedDiscrete.Contains(lower) || usedDiscrete.Contains(key)) && !usedContinuous.Contains(lower) && !usedContinuous.Contains(key)
                ? new DistributionInstance(Families.Binomial, [Ex.Num(DiscreteSupportSize), Ex.Fresh("π_" + key)])
                : laplace ? new DistributionInstance(Families.Laplace, [Ex.Fresh("μ_" + key), Ex.Fresh("β_" + key)])
                : new DistributionInstance(Families.Normal, [Ex.Fresh("μ_" + key), Ex.Fresh("σ²_" + key)]);
            context = context.WithDistribution(name, instance);
        }
        return context;
    }

    /// <summary>A parameter of a random instance made here (μ_p, σ²_p, π_p, β_p): a counterexample that holds one rests on
    /// a random density in place of the text's own.</summary>
    public static bool IsInstanceParameter(string name) =>
        name.StartsWith("μ_", StringComparison.Ordinal) || name.StartsWith("σ²_", StringComparison.Ordinal)
        || name.StartsWith("π_", StringComparison.Ordinal) || name.StartsWith("β_", StringComparison.Ordinal);

    /// <summary>
    /// The instance a name shares: P with p, and a bare capital Q with the one subscripted density of the same
    /// letter (q_θ) when the step has exactly one — the distribution Q and its density q_θ.
    /// </summary>
    private static string Key(string name, IReadOnlyList<string> all)
    {
        static string Letter(string n) => (n.IndexOf('_') is var i && i >= 0 ? n.Substring(0, i) : n).ToLowerInvariant();
        var letter = Letter(name);
        var family = all.Where(n => Letter(n) == letter).ToList();
        var subscripted = family.Select(n => n.ToLowerInvariant()).Where(n => n != letter).Distinct(StringComparer.Ordinal).ToList();
        // Only when the bare lower-case letter is not a density of its own here (q and q_θ both present are two densities).
        var bareLowerUsed = family.Contains(letter, StringComparer.Ordinal);
        if (subscripted.Count == 1 && !bareLowerUsed && (name.ToLowerInvariant() == letter || name.ToLowerInvariant() == subscripted[0])) return subscripted[0];
        return name.ToLowerInvariant();
    }

    /// <summary>The assumptions for the fresh parameters: variances positive, probabilities in (0, 1).</summary>
    public static Assumptions Constrain(Assumptions a, DistributionContext numeric)
    {
        foreach (var d in numeric.Bound.Values) a = d.Constrain(a);
        return a;
    }

    private static void Collect(Expr e, DistributionContext ctx, HashSet<string> continuous, HashSet<string> discrete, HashSet<string> neutral, bool inSum)
    {
        switch (e)
        {
            case Apply ap when !ctx.IsKnownFunction(ap.Name) && Families.Find(ap.Name) is null && ap.Args.Count == 1:
                (inSum ? discrete : continuous).Add(ap.Name);
                break;
            case Expectation ex:
                // E_{x~p}[…] holds for discrete and continuous p alike: its distribution and body are neutral.
                if (ex.Distribution is Apply d && !ctx.IsKnownFunction(d.Name) && Families.Find(d.Name) is null) neutral.Add(d.Name);
                var inner = new HashSet<string>(StringComparer.Ordinal);
                Collect(ex.Body, ctx, inner, inner, neutral, inSum);
                foreach (var n in inner) neutral.Add(n);
                return;
            case Functional f:
                // KL(P‖Q) says nothing about whether P is discrete: neutral (continuous unless a sum says otherwise).
                foreach (var a in f.Args)
                    if (a is Sym s && !ctx.IsKnownFunction(s.Name)) neutral.Add(s.Name);
                    else if (a is Apply ap2 && !ctx.IsKnownFunction(ap2.Name)) neutral.Add(ap2.Name);
                break;
            case Summation sm when sm.Lower is null:
                Collect(sm.Body, ctx, continuous, discrete, neutral, inSum: true);
                return;
            case Integral ig:
                Collect(ig.Body, ctx, continuous, discrete, neutral, inSum: false);
                return;
        }
        foreach (var c in e.Children) Collect(c, ctx, continuous, discrete, neutral, inSum);
    }
}
