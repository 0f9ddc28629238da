using SymKl.Vae.Regularizers;

namespace SymKl.Vae.Tests;

public sealed class RegularizerTests
{
    private static (float[] Mu, float[] LogVar) Inputs(int n, int seed)
    {
        var random = new Random(seed);
        var mu = new float[n];
        var logVar = new float[n];
        for (var i = 0; i < n; i++)
        {
            mu[i] = (float)((random.NextDouble() * 2 - 1) * 3);
            logVar[i] = (float)((random.NextDouble() * 2 - 1) * 4);
        }

        return (mu, logVar);
    }

    // The closed forms, in double precision.
    private static double Kl(double mu, double logVar) => 0.5 * (mu * mu + Math.Exp(logVar) - 1 - logVar);

    private static double Euclidean(double mu, double logVar) => mu * mu + Math.Pow(Math.Exp(logVar) - 1, 2);

    public static TheoryData<string, int> Cases => new() { { "kl", 1 }, { "kl", 37 }, { "kl", 256 }, { "euclidean", 1 }, { "euclidean", 37 }, { "euclidean", 256 } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueAndGradientMatchTheClosedFormAndFiniteDifferences(string name, int n)
    {
        Assert.True(VaeRegularizers.TryParse(name, out var kind));
        var regularizer = VaeRegularizers.Create(kind);
        Assert.Equal(name, regularizer.Name);
        Func<double, double, double> f = kind == RegularizerKind.Kl ? Kl : Euclidean;
        var (mu, logVar) = Inputs(n, n);
        var dMu = new float[n];
        var dLogVar = new float[n];
        var value = regularizer.ValueAndGradient(mu, logVar, dMu, dLogVar);
        double expected = 0;
        const double h = 1e-6;
        for (var i = 0; i < n; i++)
        {
            expected += f(mu[i], logVar[i]);
            var fdMu = (f(mu[i] + h, logVar[i]) - f(mu[i] - h, logVar[i])) / (2 * h);
            var fdLogVar = (f(mu[i], logVar[i] + h) - f(mu[i], logVar[i] - h)) / (2 * h);
            Assert.True(Math.Abs(fdMu - dMu[i]) <= 1e-5 * (1 + Math.Abs(fdMu)), $"dMu[{i}] {dMu[i]} vs {fdMu}");
            Assert.True(Math.Abs(fdLogVar - dLogVar[i]) <= 1e-5 * (1 + Math.Abs(fdLogVar)), $"dLogVar[{i}] {dLogVar[i]} vs {fdLogVar}");
        }

        Assert.True(Math.Abs(value - expected) <= 1e-5 * (n + Math.Abs(expected)), $"{value} vs {expected}");
    }

    [Fact]
    public void KlIsZeroAtThePriorAndPositiveElsewhere()
    {
        var kl = new DiagonalNormalKl();
        var zeros = new float[20];
        var dMu = new float[20];
        var dLogVar = new float[20];
        Assert.Equal(0f, kl.ValueAndGradient(zeros, zeros, dMu, dLogVar));
        Assert.All(dMu, v => Assert.Equal(0f, v));
        Assert.All(dLogVar, v => Assert.Equal(0f, v));
        var (mu, logVar) = Inputs(20, 3);
        Assert.True(kl.ValueAndGradient(mu, logVar, dMu, dLogVar) > 0);
    }

    [Fact]
    public void KlOfOneDimensionIsTheTextbookValue()
    {
        // KL(N(1, e) ‖ N(0, 1)) = ½ (1 + e − 1 − 1) = ½ (e − 1).
        var dMu = new float[1];
        var dLogVar = new float[1];
        var value = new DiagonalNormalKl().ValueAndGradient([1f], [1f], dMu, dLogVar);
        Assert.Equal(0.5 * (Math.E - 1), value, 6);
        Assert.Equal(1f, dMu[0]);
        Assert.Equal(0.5 * (Math.E - 1), dLogVar[0], 6);
    }

    [Fact]
    public void NoneIsZeroWithZeroGradient()
    {
        var (mu, logVar) = Inputs(9, 4);
        var dMu = Enumerable.Repeat(5f, 9).ToArray();
        var dLogVar = Enumerable.Repeat(5f, 9).ToArray();
        Assert.Equal(0f, new NoRegularizer().ValueAndGradient(mu, logVar, dMu, dLogVar));
        Assert.All(dMu, v => Assert.Equal(0f, v));
        Assert.All(dLogVar, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new DiagonalNormalKl().ValueAndGradient(new float[3], new float[2], new float[3], new float[3]));
    }

    [Fact]
    public void UnknownNamesAreNotParsed() => Assert.False(VaeRegularizers.TryParse("wasserstein", out _));
}
