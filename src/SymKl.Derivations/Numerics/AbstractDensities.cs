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

    public static DistributionContext Instantiate(IEnumerable<Expr> expressions, DistributionContext context)
    {
        var continuous = new HashSet<string>(StringComparer.Ordinal);
        var discrete = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in expressions) Collect(e, context, continuous, discrete, inSum: false);
        // P and p name one distribution (P(x) and p(x) are its density): decide by how any spelling is used.
        var usedContinuous = new HashSet<string>(continuous.Select(n => n.ToLowerInvariant()), StringComparer.Ordinal);
        var usedDiscrete = new HashSet<string>(discrete.Select(n => n.ToLowerInvariant()), StringComparer.Ordinal);
        foreach (var name in continuous.Concat(discrete).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal))
        {
            if (context.IsKnownFunction(name) || Families.Find(name) is not null) continue;
            var key = name.ToLowerInvariant();
            var instance = usedDiscrete.Contains(key) && !usedContinuous.Contains(key)
                ? new DistributionInstance(Families.Binomial, [Ex.Num(DiscreteSupportSize), Ex.Sym("pi_" + key)])
                : new DistributionInstance(Families.Normal, [Ex.Sym("mu_" + key), Ex.Sym("v_" + key)]);
            context = context.WithDistribution(name, instance);
        }
        return context;
    }

    /// <summary>The assumptions for the fresh parameters: variances positive, probabilities in (0, 1).</summary>
    public static Assumptions Constrain(Assumptions a, DistributionContext numeric)
    {
        foreach (var d in numeric.Bound.Values) a = d.Constrain(a);
        return a;
    }

    private static void Collect(Expr e, DistributionContext ctx, HashSet<string> continuous, HashSet<string> discrete, bool inSum)
    {
        switch (e)
        {
            case Apply ap when !ctx.IsKnownFunction(ap.Name) && ap.Name.Length <= 2:
                (inSum ? discrete : continuous).Add(ap.Name);
                break;
            case Functional f:
                foreach (var a in f.Args)
                    if (a is Sym s && !ctx.IsKnownFunction(s.Name)) (inSum ? discrete : continuous).Add(s.Name);
                    else if (a is Apply ap2 && !ctx.IsKnownFunction(ap2.Name)) (inSum ? discrete : continuous).Add(ap2.Name);
                break;
            case Summation sm when sm.Lower is null:
                Collect(sm.Body, ctx, continuous, discrete, inSum: true);
                return;
            case Integral ig:
                Collect(ig.Body, ctx, continuous, discrete, inSum: false);
                return;
        }
        foreach (var c in e.Children) Collect(c, ctx, continuous, discrete, inSum);
    }
}
