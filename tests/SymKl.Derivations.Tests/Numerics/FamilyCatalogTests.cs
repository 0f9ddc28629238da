using SymKl.Derivations.Markdown;
using SymKl.Derivations.Numerics;
using SymKl.Derivations.Verification;
using SymKl.Symbolic;
using SymKl.Symbolic.Probability;

namespace SymKl.Derivations.Tests.Numerics;

/// <summary>
/// Every family of the catalog (<see cref="Families.All"/>) is complete: a document can name it (the recogniser), the
/// numeric check can draw from it (the sampler, keyed by the family) and quadrature knows where its mass is (a scale,
/// or a bounded support). A new family that misses one of these fails here, not in a derivation far away.
/// </summary>
public class FamilyCatalogTests
{
    public static TheoryData<string> Names => [.. Families.All.Select(f => f.Name)];

    /// <summary>Parameters valid for every family: a count first for the binomial, probabilities below 1, low &lt; high, a Pareto shape above 2 (finite variance).</summary>
    private static double[] Parameters(Family f) =>
        f == Families.Binomial ? [6, 0.3] : f.Parameters.Select((p, i) => p.Domain == Domain.UnitInterval ? 0.3 : 0.5 + 2.25 * i).ToArray();

    [Fact]
    public void EveryFamilyHasASampler() =>
        Assert.Empty(Families.All.Where(f => !FamilySampler.Covered.Contains(f)).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void DrawsLieInTheSupportAndAverageToTheMean(string name)
    {
        var family = Families.All.Single(f => f.Name == name);
        var θ = Parameters(family);
        var draw = FamilySampler.For(family, θ)!;
        var (low, high) = family.SupportRange(θ);
        var random = new Random(7);
        const int n = 40_000;
        var sum = 0.0;
        var sumSquares = 0.0;
        for (var i = 0; i < n; i++)
        {
            var x = draw(random);
            Assert.InRange(x, low, high);
            if (family.IsDiscrete) Assert.Equal(Math.Floor(x), x);
            sum += x;
            sumSquares += x * x;
        }
        // The sampler's parameterisation is the family's: the sample mean agrees with E[x] from the moment table.
        var x0 = Ex.Sym("x");
        var mean = family.Moment(x0, x0, [.. θ.Select(v => Ex.Num(new Rational((long)Math.Round(v * 100), 100)))]);
        Assert.NotNull(mean);
        var expected = new NumericEvaluator(_ => double.NaN).Evaluate(mean).Value;
        var sd = Math.Sqrt(Math.Max(sumSquares / n - sum * sum / ((double)n * n), 1e-12));
        Assert.True(Math.Abs(sum / n - expected) < 5 * sd / Math.Sqrt(n), $"{name}: sample mean {sum / n}, E[x] = {expected}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ADocumentNamesTheFamilyByItsNameOrAnyAlias(string name)
    {
        var family = Families.All.Single(f => f.Name == name);
        foreach (var alias in family.Aliases.Append(family.Name)) Assert.Same(family, Families.Find(alias));
        // x \sim Name(…) in a document binds a member of the family.
        var arguments = string.Join(", ", Parameters(family).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var document = DocumentVerifier.Verify(MarkdownReader.Parse("Let $x \\sim \\mathrm{" + family.Name + "}(" + arguments + ")$.", "family.md"));
        Assert.Contains(document.Definitions, d => d.Name == "x" && d.Kind.StartsWith("density " + family.Name + "(", StringComparison.Ordinal));
    }
}
