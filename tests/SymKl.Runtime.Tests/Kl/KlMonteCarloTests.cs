using SymKl.Runtime.Divergences;
using SymKl.Runtime.Generated;
using KlApi = SymKl.Runtime.Divergences.Kl;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// Every generated KL function against Monte Carlo (10⁶ draws from p, relative error below 1%) and against
/// quadrature or summation of p·log(p/q) (relative error below 1e-7), over the parameter grids of <see cref="KlCases"/>.
/// </summary>
public sealed class KlMonteCarloTests
{
    private const int Samples = 1_000_000;

    /// <summary>The sample mean of log p(x) − log q(x) over x ~ p, and its standard error.</summary>
    /// <remarks>At least 10⁶ draws; more (up to 1.6·10⁷) while four standard errors exceed 1% of <paramref name="target"/>.</remarks>
    private static (double Mean, double StandardError) MonteCarlo(IDistribution p, IDistribution q, int seed, double target = 0)
    {
        var random = new Random(seed);
        double sum = 0, sumSq = 0;
        long n = 0;
        while (true)
        {
            for (var i = 0; i < Samples; i++)
            {
                var x = p.Sample(random);
                var term = p.LogProb(x) - q.LogProb(x);
                sum += term;
                sumSq += term * term;
            }
            n += Samples;
            var mean = sum / n;
            var se = Math.Sqrt(Math.Max(0, sumSq / n - mean * mean) / n);
            if (4 * se < 0.01 * target || n >= 16L * Samples || target == 0) return (mean, se);
        }
    }

    [Theory]
    [MemberData(nameof(KlCases.Families), MemberType = typeof(KlCases))]
    public void ClosedFormMatchesAMillionSamples(string method, double[] t)
    {
        var (p, q) = KlCases.Distributions(method, t);
        var exact = KlApi.Divergence(p, q);
        var (mc, se) = MonteCarlo(p, q, 20240501 + method.Length * 31 + (int)(t[0] * 1000), exact);
        Assert.True(exact > 0 && double.IsFinite(exact), method + ": " + exact);
        Assert.True(Math.Abs(mc - exact) < 0.01 * exact, $"{method}({string.Join(", ", t)}): closed form {exact}, Monte Carlo {mc} ± {se}");
        // The grid is chosen so that the check has power: four standard errors are below 1%.
        Assert.True(4 * se < 0.01 * exact, $"{method}: standard error {se} too large for a 1% check of {exact}");
    }

    [Theory]
    [MemberData(nameof(KlCases.Families), MemberType = typeof(KlCases))]
    public void ClosedFormMatchesQuadratureOrSummation(string method, double[] t)
    {
        var (p, q) = KlCases.Distributions(method, t);
        var exact = KlApi.Divergence(p, q);
        double Integrand(double x)
        {
            var lp = p.LogProb(x);
            if (double.IsNegativeInfinity(lp)) return 0;
            return Math.Exp(lp) * (lp - q.LogProb(x));
        }
        double reference = method switch
        {
            "NormalNormal" => Quadrature.FromMinusInfinity(Integrand, t[0], t[1]) + Quadrature.ToInfinity(Integrand, t[0], t[1]),
            "Laplace" => Split(Integrand, Math.Min(t[0], t[2]), Math.Max(t[0], t[2]), t[1]),
            "Exponential" or "Gamma" or "ExponentialGamma" or "GammaExponential" or "ExponentialNormal" or "GammaNormal" or "GammaGumbel" => Quadrature.ToInfinity(Integrand, 0, p.Mean),
            "Beta" or "BetaNormal" => Quadrature.Finite(Integrand, 0, 1),
            "LaplaceNormal" => Split(Integrand, t[0], t[0], t[1]),
            "Gumbel" or "GumbelNormal" or "NormalGumbel" => Split(Integrand, p.Mean, p.Mean, t[1]),
            "HalfNormal" or "ExponentialGumbel" => Quadrature.ToInfinity(Integrand, 0, p.Mean),
            "Pareto" or "ParetoExponential" or "ParetoNormal" or "ParetoGamma" => Quadrature.ToInfinity(Integrand, t[0], t[0]),
            "NormalLaplace" => Split(Integrand, Math.Min(t[0], t[2]), Math.Max(t[0], t[2]), t[1]),
            "Binomial" => Enumerable.Range(0, (int)t[0] + 1).Sum(x => Integrand(x)),
            "Uniform" or "UniformNormal" or "UniformExponential" or "UniformGamma" or "UniformBeta" or "UniformPareto" or "UniformGumbel" => Quadrature.Finite(Integrand, t[0], t[1]),
            "BetaUniform" or "BetaExponential" or "BetaGamma" => Quadrature.Finite(Integrand, 0, 1),
            "Bernoulli" => Integrand(0) + Integrand(1),
            "Poisson" or "Geometric" => Summation(Integrand),
            _ => throw new ArgumentException(method),
        };
        Assert.True(Math.Abs(reference - exact) <= 1e-7 * Math.Max(1, exact), $"{method}({string.Join(", ", t)}): closed form {exact}, numeric {reference}");
    }

    private static double Split(Func<double, double> f, double a, double b, double scale)
    {
        var middle = a < b ? Quadrature.Finite(f, a, b) : 0;
        return Quadrature.FromMinusInfinity(f, a, scale) + middle + Quadrature.ToInfinity(f, b, scale);
    }

    /// <summary>Σ over x = 0, 1, … until the terms are negligible.</summary>
    private static double Summation(Func<double, double> term)
    {
        double sum = 0;
        var small = 0;
        for (var x = 0; x < 100_000; x++)
        {
            var v = term(x);
            sum += v;
            small = Math.Abs(v) < 1e-18 * Math.Max(1, Math.Abs(sum)) ? small + 1 : 0;
            if (small > 50 && x > 100) break;
        }
        return sum;
    }

    // ------------------------------------------------------------------ sums over dimensions

    [Fact]
    public void DiagonalNormalsMatchAMillionSamples()
    {
        double[] mu1 = [0.3, -1.0, 2.0], s1 = [1.2, 0.5, 0.9], mu2 = [-0.5, 0.0, 1.5], s2 = [0.6, 1.0, 1.1];
        var exact = KlGenerated.DiagonalNormalDiagonalNormal(mu1, s1, mu2, s2);
        var p = mu1.Select((m, i) => new Normal(m, s1[i])).ToArray();
        var q = mu2.Select((m, i) => new Normal(m, s2[i])).ToArray();
        var (mc, se) = VectorMonteCarlo(p, q, 7);
        Assert.True(Math.Abs(mc - exact) < 0.01 * exact && 4 * se < 0.01 * exact, $"closed form {exact}, Monte Carlo {mc} ± {se}");
        Assert.Equal(exact, Enumerable.Range(0, 3).Sum(i => KlApi.Divergence(p[i], q[i])), 12);
    }

    [Fact]
    public void VaeTermMatchesAMillionSamples()
    {
        double[] mu = [0.5, -1.2, 2.0, 0.0], logVar = [-0.7, 0.9, 0.1, -2.5];
        var exact = KlGenerated.DiagonalNormalStandardNormal(mu, logVar);
        var p = mu.Select((m, i) => new Normal(m, Math.Exp(0.5 * logVar[i]))).ToArray();
        var q = mu.Select(_ => new Normal(0, 1)).ToArray();
        var (mc, se) = VectorMonteCarlo(p, q, 11);
        Assert.True(Math.Abs(mc - exact) < 0.01 * exact && 4 * se < 0.01 * exact, $"closed form {exact}, Monte Carlo {mc} ± {se}");
        // Quadrature, dimension by dimension.
        var reference = 0.0;
        for (var d = 0; d < mu.Length; d++)
        {
            var (pd, qd) = (p[d], q[d]);
            double F(double x) => Math.Exp(pd.LogProb(x)) * (pd.LogProb(x) - qd.LogProb(x));
            reference += Quadrature.FromMinusInfinity(F, pd.Mean, pd.StdDev) + Quadrature.ToInfinity(F, pd.Mean, pd.StdDev);
        }
        Assert.Equal(reference, exact, 1e-8);
    }

    [Fact]
    public void CategoricalMatchesAMillionSamplesAndTheSum()
    {
        double[] pp = [0.1, 0.2, 0.3, 0.4, 0.0], qq = [0.25, 0.25, 0.2, 0.2, 0.1];
        var p = new Categorical(pp);
        var q = new Categorical(qq);
        var exact = KlApi.Divergence(p, q);
        var (mc, se) = MonteCarlo(p, q, 5, exact);
        Assert.True(Math.Abs(mc - exact) < 0.01 * exact && 4 * se < 0.01 * exact, $"closed form {exact}, Monte Carlo {mc} ± {se}");
        var sum = 0.0;
        for (var i = 0; i < pp.Length; i++) if (pp[i] > 0) sum += pp[i] * Math.Log(pp[i] / qq[i]);
        Assert.Equal(sum, exact, 1e-14);
    }

    private static (double Mean, double StandardError) VectorMonteCarlo(Normal[] p, Normal[] q, int seed)
    {
        var random = new Random(seed);
        double sum = 0, sumSq = 0;
        for (var i = 0; i < Samples; i++)
        {
            var logR = 0.0;
            for (var d = 0; d < p.Length; d++)
            {
                var x = p[d].Sample(random);
                logR += q[d].LogProb(x) - p[d].LogProb(x);
            }
            var term = -logR;
            sum += term;
            sumSq += term * term;
        }
        var mean = sum / Samples;
        return (mean, Math.Sqrt(Math.Max(0, sumSq / Samples - mean * mean) / Samples));
    }
}
