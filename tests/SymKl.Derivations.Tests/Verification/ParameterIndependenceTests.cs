using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>
/// The structural models behind a parameter written only behind a bar: θ must be independent of the variables the text
/// writes without it (p(x | θ) = p(x)), while what depends on θ (p(y | x, θ)) still changes with it.
/// </summary>
public sealed class ParameterIndependenceTests
{
    private static readonly IReadOnlyList<string> X = ["x"], Theta = ["theta"], Y = ["y"], XTheta = ["x", "theta"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheParameterIsIndependentOfWhatIsWrittenWithoutIt(bool mixtures)
    {
        var free = new Dictionary<string, IReadOnlyDictionary<string, HashSet<string>>>
        {
            ["p"] = new Dictionary<string, HashSet<string>> { ["theta"] = ["x"] },
        };
        for (var seed = 0; seed < 10; seed++)
        {
            var model = AbstractModel.Random([("p", ["y", "x", "theta"], null)], discrete: false, new Random(seed), mixtures, free);
            var env = new Dictionary<string, double> { ["x"] = 0.3, ["theta"] = -0.8, ["y"] = 0.1 };
            var other = new Dictionary<string, double>(env) { ["theta"] = 1.1 };
            Assert.Equal(model.LogDensity("p", X, [], env), model.LogDensity("p", X, Theta, env), 9);
            Assert.Equal(model.LogDensity("p", X, Theta, env), model.LogDensity("p", X, Theta, other), 9);
            // y still depends on θ given x (in at least most draws): the parameter is not simply dropped.
            if (seed == 0) Assert.NotEqual(model.LogDensity("p", Y, XTheta, env), model.LogDensity("p", Y, XTheta, other), 6);
        }
    }
}
