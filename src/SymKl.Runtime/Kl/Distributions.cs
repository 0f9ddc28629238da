using System.Globalization;

namespace SymKl.Runtime.Divergences;

/// <summary>A univariate distribution with a log-density (or log-mass) and a sampler.</summary>
public interface IDistribution
{
    /// <summary>log p(x); −∞ outside the support.</summary>
    double LogProb(double x);

    /// <summary>One draw, using <paramref name="random"/> (reproducible for a seeded generator).</summary>
    double Sample(Random random);

    double Mean { get; }
}

/// <summary>Argument checks shared by the distributions: a message that names the parameter and the rule.</summary>
internal static class Check
{
    public static double Finite(double v, string name) =>
        double.IsFinite(v) ? v : throw new ArgumentOutOfRangeException(name, v, name + " must be finite.");

    public static double Positive(double v, string name) =>
        double.IsFinite(v) && v > 0 ? v : throw new ArgumentOutOfRangeException(name, v, name + " must be positive and finite.");

    public static double NonNegative(double v, string name) =>
        double.IsFinite(v) && v >= 0 ? v : throw new ArgumentOutOfRangeException(name, v, name + " must be non-negative and finite.");

    public static double Probability(double v, string name) =>
        v >= 0 && v <= 1 ? v : throw new ArgumentOutOfRangeException(name, v, name + " must be in [0, 1].");

    public static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>Draws shared by the samplers.</summary>
internal static class Draw
{
    /// <summary>Uniform in (0, 1): never 0, so logarithms of it are finite.</summary>
    public static double Open(Random r)
    {
        double u;
        do { u = r.NextDouble(); } while (u == 0);
        return u;
    }

    /// <summary>Standard normal by the Marsaglia polar method.</summary>
    public static double StandardNormal(Random r)
    {
        while (true)
        {
            var u = 2 * r.NextDouble() - 1;
            var v = 2 * r.NextDouble() - 1;
            var s = u * u + v * v;
            if (s > 0 && s < 1) return u * Math.Sqrt(-2 * Math.Log(s) / s);
        }
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (shape &lt; 1 boosted by U^(1/shape)).</summary>
    public static double StandardGamma(Random r, double shape)
    {
        if (shape < 1) return StandardGamma(r, shape + 1) * Math.Pow(Open(r), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = StandardNormal(r);
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = Open(r);
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }
}

/// <summary>Normal distribution with mean μ and standard deviation σ &gt; 0.</summary>
public sealed record Normal : IDistribution
{
    public Normal(double mean, double stdDev)
    {
        Mean = Check.Finite(mean, nameof(mean));
        StdDev = Check.Positive(stdDev, nameof(stdDev));
    }

    public double Mean { get; }
    public double StdDev { get; }

    public double LogProb(double x)
    {
        var z = (x - Mean) / StdDev;
        return -0.5 * z * z - Math.Log(StdDev) - 0.91893853320467274178;
    }

    public double Sample(Random random) => Mean + StdDev * Draw.StandardNormal(random);
}

/// <summary>Exponential distribution with rate λ &gt; 0 (mean 1/λ).</summary>
public sealed record Exponential : IDistribution
{
    public Exponential(double rate) => Rate = Check.Positive(rate, nameof(rate));

    public double Rate { get; }
    public double Mean => 1 / Rate;

    public double LogProb(double x) => x < 0 ? double.NegativeInfinity : Math.Log(Rate) - Rate * x;

    public double Sample(Random random) => -Math.Log(Draw.Open(random)) / Rate;
}

/// <summary>Gamma distribution with shape α &gt; 0 and rate β &gt; 0 (mean α/β).</summary>
public sealed record Gamma : IDistribution
{
    public Gamma(double shape, double rate)
    {
        Shape = Check.Positive(shape, nameof(shape));
        Rate = Check.Positive(rate, nameof(rate));
    }

    public double Shape { get; }
    public double Rate { get; }
    public double Mean => Shape / Rate;

    public double LogProb(double x) =>
        x <= 0 ? double.NegativeInfinity : Shape * Math.Log(Rate) - SpecialMath.LogGamma(Shape) + (Shape - 1) * Math.Log(x) - Rate * x;

    public double Sample(Random random) => Draw.StandardGamma(random, Shape) / Rate;
}

/// <summary>Beta distribution with α &gt; 0 and β &gt; 0 on (0, 1).</summary>
public sealed record Beta : IDistribution
{
    public Beta(double alpha, double beta)
    {
        Alpha = Check.Positive(alpha, nameof(alpha));
        BetaParameter = Check.Positive(beta, nameof(beta));
    }

    public double Alpha { get; }

    /// <summary>The second shape parameter β.</summary>
    public double BetaParameter { get; }

    public double Mean => Alpha / (Alpha + BetaParameter);

    public double LogProb(double x) =>
        x <= 0 || x >= 1 ? double.NegativeInfinity
        : (Alpha - 1) * Math.Log(x) + (BetaParameter - 1) * Math.Log(1 - x) - SpecialMath.LogBeta(Alpha, BetaParameter);

    public double Sample(Random random)
    {
        var a = Draw.StandardGamma(random, Alpha);
        var b = Draw.StandardGamma(random, BetaParameter);
        return a / (a + b);
    }
}

/// <summary>Laplace distribution with location μ and scale b &gt; 0.</summary>
public sealed record Laplace : IDistribution
{
    public Laplace(double location, double scale)
    {
        Location = Check.Finite(location, nameof(location));
        Scale = Check.Positive(scale, nameof(scale));
    }

    public double Location { get; }
    public double Scale { get; }
    public double Mean => Location;

    public double LogProb(double x) => -Math.Abs(x - Location) / Scale - Math.Log(2 * Scale);

    public double Sample(Random random)
    {
        var u = Draw.Open(random) - 0.5;
        return Location - Scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }
}

/// <summary>Uniform distribution on [low, high] with low &lt; high.</summary>
public sealed record Uniform : IDistribution
{
    public Uniform(double low, double high)
    {
        Low = Check.Finite(low, nameof(low));
        High = Check.Finite(high, nameof(high));
        if (!(low < high)) throw new ArgumentOutOfRangeException(nameof(high), high, "high must be greater than low (" + Check.Format(low) + ").");
    }

    public double Low { get; }
    public double High { get; }
    public double Mean => 0.5 * (Low + High);

    public double LogProb(double x) => x < Low || x > High ? double.NegativeInfinity : -Math.Log(High - Low);

    public double Sample(Random random) => Low + (High - Low) * random.NextDouble();
}

/// <summary>Bernoulli distribution: 1 with probability p in [0, 1], else 0.</summary>
public sealed record Bernoulli : IDistribution
{
    public Bernoulli(double probability) => Probability = Check.Probability(probability, nameof(probability));

    public double Probability { get; }
    public double Mean => Probability;

    public double LogProb(double x) => x switch
    {
        1 => Math.Log(Probability),
        0 => Math.Log(1 - Probability),
        _ => double.NegativeInfinity,
    };

    public double Sample(Random random) => random.NextDouble() < Probability ? 1 : 0;
}

/// <summary>Poisson distribution with rate λ &gt; 0 on {0, 1, 2, …}.</summary>
public sealed record Poisson : IDistribution
{
    public Poisson(double rate) => Rate = Check.Positive(rate, nameof(rate));

    public double Rate { get; }
    public double Mean => Rate;

    public double LogProb(double x) =>
        x < 0 || x != Math.Floor(x) ? double.NegativeInfinity : x * Math.Log(Rate) - Rate - SpecialMath.LogGamma(x + 1);

    /// <summary>Inversion for small rates; Hörmann's PTRS (transformed rejection) for rates of 10 and more.</summary>
    public double Sample(Random random)
    {
        if (Rate < 10)
        {
            var u = random.NextDouble();
            var k = 0;
            var p = Math.Exp(-Rate);
            var cdf = p;
            while (u > cdf && k < 10_000)
            {
                k++;
                p *= Rate / k;
                cdf += p;
            }
            return k;
        }
        var slam = Math.Sqrt(Rate);
        var loglam = Math.Log(Rate);
        var b = 0.931 + 2.53 * slam;
        var a = -0.059 + 0.02483 * b;
        var invalpha = 1.1239 + 1.1328 / (b - 3.4);
        var vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            var u = random.NextDouble() - 0.5;
            var v = Draw.Open(random);
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + Rate + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(invalpha) - Math.Log(a / (us * us) + b) <= -Rate + k * loglam - SpecialMath.LogGamma(k + 1)) return k;
        }
    }
}

/// <summary>Geometric distribution: the number of failures before the first success, success probability p in (0, 1].</summary>
public sealed record Geometric : IDistribution
{
    public Geometric(double probability)
    {
        Probability = Check.Probability(probability, nameof(probability));
        if (probability == 0) throw new ArgumentOutOfRangeException(nameof(probability), probability, "probability must be in (0, 1].");
    }

    public double Probability { get; }
    public double Mean => (1 - Probability) / Probability;

    public double LogProb(double x) =>
        x < 0 || x != Math.Floor(x) ? double.NegativeInfinity
        : Probability == 1 ? (x == 0 ? 0 : double.NegativeInfinity)
        : x * Math.Log(1 - Probability) + Math.Log(Probability);

    public double Sample(Random random) => Probability == 1 ? 0 : Math.Floor(Math.Log(Draw.Open(random)) / Math.Log(1 - Probability));
}

/// <summary>Categorical distribution over {0, …, K − 1}: non-negative probabilities that sum to 1 (within 1e-9).</summary>
public sealed class Categorical : IDistribution
{
    private readonly double[] _p;
    private readonly double[] _cdf;

    public Categorical(ReadOnlySpan<double> probabilities)
    {
        if (probabilities.Length == 0) throw new ArgumentException("A categorical distribution needs at least one outcome.", nameof(probabilities));
        _p = probabilities.ToArray();
        _cdf = new double[_p.Length];
        var sum = 0.0;
        for (var i = 0; i < _p.Length; i++)
        {
            if (!(_p[i] >= 0 && double.IsFinite(_p[i]))) throw new ArgumentOutOfRangeException(nameof(probabilities), _p[i], "probability " + i + " must be non-negative and finite.");
            sum += _p[i];
            _cdf[i] = sum;
        }
        if (Math.Abs(sum - 1) > 1e-9) throw new ArgumentException("The probabilities sum to " + Check.Format(sum) + ", not 1.", nameof(probabilities));
    }

    /// <summary>The probabilities, in order.</summary>
    public ReadOnlySpan<double> Probabilities => _p;

    public int Count => _p.Length;

    public double Mean
    {
        get
        {
            var m = 0.0;
            for (var i = 0; i < _p.Length; i++) m += i * _p[i];
            return m;
        }
    }

    public double LogProb(double x) =>
        x < 0 || x >= _p.Length || x != Math.Floor(x) ? double.NegativeInfinity : Math.Log(_p[(int)x]);

    public double Sample(Random random)
    {
        var u = random.NextDouble() * _cdf[^1];
        var i = Array.BinarySearch(_cdf, u);
        if (i < 0) i = ~i;
        while (i < _p.Length - 1 && _p[i] == 0) i++;
        return Math.Min(i, _p.Length - 1);
    }
}

/// <summary>
/// One-hot categorical distribution (torch.distributions.OneHotCategorical): the categorical over K
/// outcomes, with outcome k written as the k-th unit vector of ℝᴷ. Its KL divergence is the categorical's.
/// </summary>
public sealed class OneHotCategorical
{
    public OneHotCategorical(ReadOnlySpan<double> probabilities) => Categorical = new Categorical(probabilities);

    /// <summary>The same distribution over the indices 0, …, K − 1.</summary>
    public Categorical Categorical { get; }

    public ReadOnlySpan<double> Probabilities => Categorical.Probabilities;

    public int Count => Categorical.Count;

    /// <summary>log p(x) for a one-hot vector x; −∞ for a vector that is not one-hot or has the wrong length.</summary>
    public double LogProb(ReadOnlySpan<double> x)
    {
        if (x.Length != Count) return double.NegativeInfinity;
        var hot = -1;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] == 1 && hot < 0) hot = i;
            else if (x[i] != 0) return double.NegativeInfinity;
        }
        return hot < 0 ? double.NegativeInfinity : Categorical.LogProb(hot);
    }

    /// <summary>One draw, as a one-hot vector.</summary>
    public double[] Sample(Random random)
    {
        var x = new double[Count];
        x[(int)Categorical.Sample(random)] = 1;
        return x;
    }
}

/// <summary>Gaussian on ℝᴰ with a diagonal covariance: a mean and a standard deviation per dimension.</summary>
public sealed class DiagonalNormal
{
    private readonly double[] _mean;
    private readonly double[] _stdDev;

    public DiagonalNormal(ReadOnlySpan<double> mean, ReadOnlySpan<double> stdDev)
    {
        if (mean.Length != stdDev.Length) throw new ArgumentException("mean has " + mean.Length + " dimensions and stdDev " + stdDev.Length + ".", nameof(stdDev));
        foreach (var m in mean) Check.Finite(m, nameof(mean));
        foreach (var s in stdDev) Check.Positive(s, nameof(stdDev));
        _mean = mean.ToArray();
        _stdDev = stdDev.ToArray();
    }

    public int Dimension => _mean.Length;
    public ReadOnlySpan<double> Mean => _mean;
    public ReadOnlySpan<double> StdDev => _stdDev;
}
