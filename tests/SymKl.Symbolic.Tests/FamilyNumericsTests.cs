using SymKl.Symbolic.Probability;

namespace SymKl.Symbolic.Tests;

/// <summary>What quadrature needs from a family lives on the family: its support at numeric parameters, and for an unbounded continuous support where the mass is.</summary>
public class FamilyNumericsTests
{
    public static TheoryData<string> Names => [.. Families.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void AnUnboundedContinuousFamilySaysWhereItsMassIs(string name)
    {
        var family = Families.All.Single(f => f.Name == name);
        var unbounded = !family.IsDiscrete && family.Support is SupportKind.Real or SupportKind.Positive or SupportKind.LowerBounded;
        Assert.Equal(unbounded, family.MassScale is not null);
        // At parameters 2, 3 (valid for every family here but the binomial's count) the mass is at a finite centre with a positive spread.
        if (family.MassScale is { } scale)
        {
            var (center, spread) = scale([2.0, 3.0]);
            Assert.True(double.IsFinite(center) && spread > 0 && double.IsFinite(spread), $"{name}: ({center}, {spread})");
            var (low, high) = family.SupportRange([2.0, 3.0]);
            Assert.True(center >= low && center <= high, $"{name}: centre {center} outside [{low}, {high}]");
        }
    }

    [Fact]
    public void SupportRangesFollowTheParameters()
    {
        Assert.Equal((-1.0, 4.0), Families.Uniform.SupportRange([-1.0, 4.0]));
        Assert.Equal((0.0, 6.0), Families.Binomial.SupportRange([6.0, 0.3]));
        Assert.Equal((2.0, double.PositiveInfinity), Families.Pareto.SupportRange([2.0, 3.0]));
        Assert.Equal((double.NegativeInfinity, double.PositiveInfinity), Families.Normal.SupportRange([0.0, 1.0]));
    }
}
