using System.Reflection;
using SymKl.Runtime.Divergences;
using SymKl.Runtime.Generated;
using KlApi = SymKl.Runtime.Divergences.Kl;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// <see cref="KlApi.Divergence(IDistribution, IDistribution)"/> is written by the generator from the derivations'
/// <c>pair:</c> (<see cref="KlPairs"/>) plus the pairs the library composes or knows to be +∞. Every public typed
/// overload <c>Kl.Divergence(P, Q)</c> must give exactly what that dispatch gives, for every pair of members below.
/// </summary>
public class DispatchTests
{
    /// <summary>Members of every distribution type, two or three each (different supports, so +∞ cases occur too).</summary>
    private static readonly IDistribution[] Members =
    [
        new Normal(0.3, 1.2), new Normal(-1.0, 0.5),
        new Exponential(1.5), new Exponential(0.4),
        new Gamma(2.0, 1.5), new Gamma(0.8, 3.0),
        new Beta(2.0, 3.0), new Beta(0.7, 1.4),
        new Laplace(0.2, 1.0), new Laplace(-0.5, 2.0),
        new Uniform(0.1, 0.6), new Uniform(-1.0, 2.0), new Uniform(1.0, 3.0),
        new Bernoulli(0.3), new Bernoulli(0.8),
        new Poisson(2.0), new Poisson(0.5),
        new Geometric(0.3), new Geometric(0.6),
        new Categorical([0.2, 0.3, 0.5]), new Categorical([0.6, 0.1, 0.3]), new Categorical([0.5, 0.5]),
        new Binomial(5, 0.3), new Binomial(5, 0.6), new Binomial(7, 0.4),
        new Gumbel(0.0, 1.0), new Gumbel(0.5, 2.0),
        new HalfNormal(1.0), new HalfNormal(0.5),
        new Pareto(1.0, 3.0), new Pareto(0.5, 2.0),
        new ContinuousBernoulli(0.3), new ContinuousBernoulli(0.7),
        new Cauchy(0.0, 1.0), new Cauchy(1.0, 0.5),
    ];

    /// <summary>Kl.Divergence(P, Q) for P, Q distribution types.</summary>
    private static readonly MethodInfo[] TypedOverloads =
    [
        .. typeof(KlApi).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m =>
            m.Name == nameof(KlApi.Divergence) && m.GetParameters() is [var p, var q]
            && p.ParameterType != typeof(IDistribution) && typeof(IDistribution).IsAssignableFrom(p.ParameterType)
            && q.ParameterType != typeof(IDistribution) && typeof(IDistribution).IsAssignableFrom(q.ParameterType)),
    ];

    [Fact]
    public void EveryTypedOverloadAgreesWithTheDispatch()
    {
        var compared = 0;
        foreach (var method in TypedOverloads)
        {
            var (pType, qType) = (method.GetParameters()[0].ParameterType, method.GetParameters()[1].ParameterType);
            var ps = Members.Where(m => m.GetType() == pType).ToList();
            var qs = Members.Where(m => m.GetType() == qType).ToList();
            Assert.True(ps.Count > 0 && qs.Count > 0, "no members of " + pType.Name + " or " + qType.Name + " in the table");
            foreach (var p in ps)
            foreach (var q in qs)
            {
                Assert.True(KlApi.IsSupported(p, q), p + " ‖ " + q);
                double typed;
                try
                {
                    typed = (double)method.Invoke(null, [p, q])!;
                }
                catch (TargetInvocationException e) when (e.InnerException is ArgumentException)
                {
                    // Categoricals of different sizes: the dispatch refuses them too.
                    Assert.ThrowsAny<ArgumentException>(() => KlApi.Divergence(p, q));
                    continue;
                }
                Assert.Equal(BitConverter.DoubleToInt64Bits(typed), BitConverter.DoubleToInt64Bits(KlApi.Divergence(p, q)));
                compared++;
            }
        }
        Assert.True(compared > 100, compared + " pairs compared");
    }

    [Fact]
    public void TheGeneratedDispatchCoversThePairsOfTheDerivations()
    {
        // A pair with a derivation is dispatched by KlPairs, not by hand; binomials only when their trials agree.
        Assert.Equal(KlGenerated.NormalNormal(0.3, 1.2, -1.0, 0.5), KlPairs.Divergence(new Normal(0.3, 1.2), new Normal(-1.0, 0.5)));
        Assert.Equal(KlGenerated.UniformPareto(1.0, 3.0, 1.0, 3.0), KlPairs.Divergence(new Uniform(1.0, 3.0), new Pareto(1.0, 3.0)));
        Assert.NotNull(KlPairs.Divergence(new Binomial(5, 0.3), new Binomial(5, 0.6)));
        Assert.Null(KlPairs.Divergence(new Binomial(5, 0.3), new Binomial(7, 0.6)));
        Assert.Equal(double.PositiveInfinity, KlApi.Divergence(new Binomial(5, 0.3), new Binomial(7, 0.6)));
        Assert.Null(KlPairs.Divergence(new Cauchy(0, 1), new Cauchy(0, 2)));
        // Every typed overload that only forwards to a generated method is reached through KlPairs.
        var composed = new[] { typeof(ContinuousBernoulli), typeof(Cauchy) };
        foreach (var method in TypedOverloads.Where(m => !m.GetParameters().Any(p => composed.Contains(p.ParameterType))))
        {
            var (pType, qType) = (method.GetParameters()[0].ParameterType, method.GetParameters()[1].ParameterType);
            if ((pType, qType) == (typeof(Bernoulli), typeof(Poisson))) continue;
            var p = Members.First(m => m.GetType() == pType);
            var q = Members.First(m => m.GetType() == qType);
            Assert.True(KlPairs.Covers(p, q), pType.Name + " ‖ " + qType.Name + " has a typed overload but no pair: in its derivation");
        }
        Assert.Throws<NotSupportedException>(() => KlApi.Divergence(new Cauchy(0, 1), new Normal(0, 1)));
        Assert.False(KlApi.IsSupported(new Cauchy(0, 1), new Normal(0, 1)));
    }
}
