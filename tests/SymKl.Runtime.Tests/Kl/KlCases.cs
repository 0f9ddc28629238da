using SymKl.Runtime.Divergences;

namespace SymKl.Runtime.Tests.Kl;

/// <summary>
/// Parameter grids for every generated KL function (pairs of distributions), shared by the Monte Carlo,
/// quadrature, gradient and batch tests. <see cref="GeneratedFunctionsTests"/> checks that every method in
/// the generated catalog has an entry here, so a new derivation cannot go untested.
/// </summary>
internal static class KlCases
{
    /// <summary>Scalar methods: parameters in the order of the generated method.</summary>
    public static readonly Dictionary<string, double[][]> Scalar = new(StringComparer.Ordinal)
    {
        ["NormalNormal"] = [[0.3, 1.2, -0.5, 0.6], [1.0, 0.25, 0.0, 1.0], [-2.0, 4.0, 1.0, 2.0], [0.0, 1.0, 0.8, 1.3]],
        ["Exponential"] = [[0.5, 2.0], [3.0, 1.0], [1.0, 2.2]],
        ["Gamma"] = [[2.0, 1.5, 3.5, 0.7], [0.8, 2.0, 1.5, 1.0], [5.0, 3.0, 2.0, 2.0]],
        ["Beta"] = [[2.0, 3.0, 1.2, 0.8], [0.7, 1.5, 2.0, 2.0], [4.0, 1.5, 1.0, 3.0]],
        ["Laplace"] = [[0.0, 1.0, 1.5, 2.0], [-1.0, 0.5, 0.5, 1.0], [0.3, 2.0, 0.0, 0.7]],
        ["Uniform"] = [[0.0, 1.0, -1.0, 2.0], [0.2, 0.5, 0.0, 3.0]],
        ["Bernoulli"] = [[0.3, 0.6], [0.9, 0.2], [0.05, 0.4]],
        ["Poisson"] = [[2.0, 5.0], [7.5, 3.0], [30.0, 22.0]],
        ["Geometric"] = [[0.3, 0.6], [0.8, 0.25], [0.1, 0.3]],
        ["Binomial"] = [[10.0, 0.3, 0.6], [25.0, 0.5, 0.35]],
        ["ExponentialGamma"] = [[1.5, 2.0, 1.0], [0.5, 0.7, 2.0]],
        ["GammaExponential"] = [[2.0, 1.5, 0.5], [0.7, 2.0, 3.0]],
        ["ExponentialNormal"] = [[1.0, 0.5, 1.2], [2.0, 1.0, 0.8]],
        ["LaplaceNormal"] = [[0.0, 1.0, 0.5, 1.5], [1.0, 0.5, -0.5, 1.0]],
        ["GammaNormal"] = [[3.0, 2.0, 1.0, 1.0], [1.5, 0.5, 2.0, 2.5]],
        ["BetaNormal"] = [[2.0, 3.0, 0.5, 0.3], [0.8, 1.5, 0.2, 0.5]],
        ["Gumbel"] = [[0.0, 1.0, 0.5, 1.5], [-1.0, 0.5, 0.5, 1.0], [0.3, 2.0, 0.0, 0.7]],
        ["HalfNormal"] = [[1.0, 2.0], [1.5, 0.7], [0.3, 0.5]],
        // Scale of q at most the scale of p (finite); tails heavy enough to matter, light enough for Monte Carlo.
        ["Pareto"] = [[2.0, 3.0, 1.0, 1.5], [1.0, 1.5, 0.5, 4.0], [1.0, 5.0, 1.0, 2.0]],
        ["ExponentialGumbel"] = [[1.0, 0.5, 1.2], [2.0, -0.3, 0.8]],
        ["NormalGumbel"] = [[0.3, 1.0, 0.0, 1.5], [1.0, 0.5, -0.5, 1.0]],
        ["GumbelNormal"] = [[0.0, 1.0, 0.5, 1.5], [1.0, 0.5, 0.0, 1.0]],
        // Shapes with finite variance of the log-ratio (α > 2 against the exponential, α > 4 against the normal).
        ["ParetoExponential"] = [[1.0, 5.0, 0.8], [0.5, 6.0, 2.0]],
        ["ParetoNormal"] = [[1.0, 8.0, 0.5, 1.0], [0.5, 6.0, 2.0, 1.5]],
        ["NormalLaplace"] = [[0.0, 1.0, 0.5, 1.5], [1.0, 0.5, -0.5, 1.0], [0.3, 2.0, 0.3, 0.7]],
        ["UniformNormal"] = [[-1.0, 2.0, 0.5, 1.0], [0.0, 1.0, 2.0, 0.5]],
        ["UniformExponential"] = [[0.5, 2.0, 1.5], [0.1, 3.0, 0.4]],
        ["UniformGamma"] = [[0.5, 2.0, 3.0, 2.0], [0.2, 4.0, 0.7, 0.5]],
        ["UniformBeta"] = [[0.1, 0.6, 2.0, 3.0], [0.3, 0.9, 0.7, 1.5]],
        ["BetaUniform"] = [[2.0, 3.0, -0.5, 1.5], [0.8, 1.5, -0.2, 2.0]],
        ["BetaExponential"] = [[2.0, 3.0, 1.5], [0.8, 1.5, 0.3]],
        ["BetaGamma"] = [[2.0, 3.0, 2.0, 1.5], [0.8, 1.5, 0.7, 3.0]],
        ["GammaGumbel"] = [[3.0, 2.0, 1.0, 1.0], [1.5, 0.5, 2.0, 2.5], [0.8, 2.0, -0.5, 0.7]],
        // Shapes with finite variance of the log-ratio (α > 2: it is linear in x far out).
        ["ParetoGamma"] = [[1.0, 5.0, 2.0, 0.8], [0.5, 6.0, 0.7, 2.0]],
        // Scale of q at most the low end of p (finite), the second case with the interval starting at the scale.
        ["UniformPareto"] = [[1.0, 3.0, 0.5, 2.0], [2.0, 2.5, 2.0, 1.5], [0.5, 4.0, 0.2, 0.7]],
        ["UniformGumbel"] = [[-1.0, 2.0, 0.5, 1.0], [0.0, 1.0, 2.0, 0.5], [1.0, 4.0, -0.5, 2.0]],
        // One dimension's term of the sums over dimensions (the span methods are tested separately).
        ["DiagonalNormalStandardNormalTerm"] = [[0.5, -0.7], [-1.2, 0.9], [2.0, 0.1]],
        ["DiagonalNormalDiagonalNormalTerm"] = [[0.3, 1.2, -0.5, 0.6], [1.0, 0.25, 0.0, 1.0]],
        ["CategoricalTerm"] = [[0.3, 0.6], [0.05, 0.2]],
    };

    /// <summary>The distributions of a scalar case, for sampling and densities.</summary>
    public static (IDistribution P, IDistribution Q) Distributions(string method, double[] t) => method switch
    {
        "NormalNormal" => (new Normal(t[0], t[1]), new Normal(t[2], t[3])),
        "Exponential" => (new Exponential(t[0]), new Exponential(t[1])),
        "Gamma" => (new Gamma(t[0], t[1]), new Gamma(t[2], t[3])),
        "Beta" => (new Beta(t[0], t[1]), new Beta(t[2], t[3])),
        "Laplace" => (new Laplace(t[0], t[1]), new Laplace(t[2], t[3])),
        "Uniform" => (new Uniform(t[0], t[1]), new Uniform(t[2], t[3])),
        "Bernoulli" => (new Bernoulli(t[0]), new Bernoulli(t[1])),
        "Poisson" => (new Poisson(t[0]), new Poisson(t[1])),
        "Geometric" => (new Geometric(t[0]), new Geometric(t[1])),
        "Binomial" => (new Binomial((int)t[0], t[1]), new Binomial((int)t[0], t[2])),
        "ExponentialGamma" => (new Exponential(t[0]), new Gamma(t[1], t[2])),
        "GammaExponential" => (new Gamma(t[0], t[1]), new Exponential(t[2])),
        "ExponentialNormal" => (new Exponential(t[0]), new Normal(t[1], t[2])),
        "LaplaceNormal" => (new Laplace(t[0], t[1]), new Normal(t[2], t[3])),
        "GammaNormal" => (new Gamma(t[0], t[1]), new Normal(t[2], t[3])),
        "BetaNormal" => (new Beta(t[0], t[1]), new Normal(t[2], t[3])),
        "Gumbel" => (new Gumbel(t[0], t[1]), new Gumbel(t[2], t[3])),
        "HalfNormal" => (new HalfNormal(t[0]), new HalfNormal(t[1])),
        "Pareto" => (new Pareto(t[0], t[1]), new Pareto(t[2], t[3])),
        "ExponentialGumbel" => (new Exponential(t[0]), new Gumbel(t[1], t[2])),
        "NormalGumbel" => (new Normal(t[0], t[1]), new Gumbel(t[2], t[3])),
        "GumbelNormal" => (new Gumbel(t[0], t[1]), new Normal(t[2], t[3])),
        "ParetoExponential" => (new Pareto(t[0], t[1]), new Exponential(t[2])),
        "ParetoNormal" => (new Pareto(t[0], t[1]), new Normal(t[2], t[3])),
        "NormalLaplace" => (new Normal(t[0], t[1]), new Laplace(t[2], t[3])),
        "UniformNormal" => (new Uniform(t[0], t[1]), new Normal(t[2], t[3])),
        "UniformExponential" => (new Uniform(t[0], t[1]), new Exponential(t[2])),
        "UniformGamma" => (new Uniform(t[0], t[1]), new Gamma(t[2], t[3])),
        "UniformBeta" => (new Uniform(t[0], t[1]), new Beta(t[2], t[3])),
        "BetaUniform" => (new Beta(t[0], t[1]), new Uniform(t[2], t[3])),
        "BetaExponential" => (new Beta(t[0], t[1]), new Exponential(t[2])),
        "BetaGamma" => (new Beta(t[0], t[1]), new Gamma(t[2], t[3])),
        "GammaGumbel" => (new Gamma(t[0], t[1]), new Gumbel(t[2], t[3])),
        "ParetoGamma" => (new Pareto(t[0], t[1]), new Gamma(t[2], t[3])),
        "UniformPareto" => (new Uniform(t[0], t[1]), new Pareto(t[2], t[3])),
        "UniformGumbel" => (new Uniform(t[0], t[1]), new Gumbel(t[2], t[3])),
        _ => throw new ArgumentException("no distributions for " + method),
    };

    /// <summary>Parameters with q made equal to p, for the methods whose two distributions are of one family (null otherwise).</summary>
    public static double[]? SelfPair(string method, double[] t) => method switch
    {
        "DiagonalNormalStandardNormalTerm" => [0.0, 0.0],
        "Binomial" => [t[0], t[1], t[1]],
        "ExponentialGamma" => [t[0], 1.0, t[0]],
        "GammaExponential" => [1.0, t[1], t[1]],
        _ when method.Contains("Normal", StringComparison.Ordinal) && method is not ("NormalNormal" or "DiagonalNormalDiagonalNormalTerm") => null,
        // Pairs of two different families have no case with q equal to p.
        "UniformGamma" or "UniformBeta" or "BetaUniform" or "BetaGamma" or "GammaGumbel" or "ParetoGamma" or "UniformPareto" or "UniformGumbel" => null,
        _ => t.Length % 2 == 0 ? [.. t.Take(t.Length / 2), .. t.Take(t.Length / 2)] : null,
    };

    public static IEnumerable<object[]> Rows(params string[] methods) =>
        Scalar.Where(kv => methods.Length == 0 || methods.Contains(kv.Key))
              .SelectMany(kv => kv.Value.Select(t => new object[] { kv.Key, t }));

    public static TheoryData<string, double[]> Families()
    {
        var data = new TheoryData<string, double[]>();
        foreach (var kv in Scalar.Where(kv => !kv.Key.EndsWith("Term", StringComparison.Ordinal)))
            foreach (var t in kv.Value) data.Add(kv.Key, t);
        return data;
    }
}
