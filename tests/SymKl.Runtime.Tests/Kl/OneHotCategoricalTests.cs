using SymKl.Runtime.Divergences;
using KlApi = SymKl.Runtime.Divergences.Kl;

namespace SymKl.Runtime.Tests.Kl;

public class OneHotCategoricalTests
{
    [Fact]
    public void DivergenceIsTheCategoricalOneAndMatchesSampling()
    {
        double[] pp = [0.1, 0.6, 0.3], qq = [0.4, 0.2, 0.4];
        var p = new OneHotCategorical(pp);
        var q = new OneHotCategorical(qq);
        var exact = KlApi.Divergence(p, q);
        Assert.Equal(KlApi.Divergence(new Categorical(pp), new Categorical(qq)), exact);
        Assert.Equal(pp.Select((pk, k) => pk * Math.Log(pk / qq[k])).Sum(), exact, 14);
        // E_p[log p(x) − log q(x)] over one-hot draws.
        var random = new Random(20261123);
        const int n = 1_000_000;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var x = p.Sample(random);
            Assert.Equal(1.0, x.Sum());
            sum += p.LogProb(x) - q.LogProb(x);
        }
        Assert.True(Math.Abs(sum / n - exact) <= 0.01 * exact, $"Monte Carlo {sum / n}, closed form {exact}");
        Assert.Equal(0.0, KlApi.Divergence(p, new OneHotCategorical(pp)));
    }

    [Fact]
    public void LogProbIsMinusInfinityOffTheOneHotVectors()
    {
        var p = new OneHotCategorical([0.5, 0.5]);
        Assert.Equal(Math.Log(0.5), p.LogProb([0.0, 1.0]));
        Assert.Equal(double.NegativeInfinity, p.LogProb([1.0, 1.0]));
        Assert.Equal(double.NegativeInfinity, p.LogProb([0.5, 0.5]));
        Assert.Equal(double.NegativeInfinity, p.LogProb([0.0, 0.0]));
        Assert.Equal(double.NegativeInfinity, p.LogProb([1.0]));
    }
}
