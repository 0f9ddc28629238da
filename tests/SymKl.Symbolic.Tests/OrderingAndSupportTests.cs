using SymKl.Symbolic.Probability;

namespace SymKl.Symbolic.Tests;

/// <summary>
/// Numeric lower bounds (α &gt; 2) and orderings with numbers (2 &lt; α) are one fact stated two ways; and a
/// Pareto law's support [m₁, ∞) lies in another's [m₂, ∞) only when m₂ ≤ m₁ follows from the assumptions.
/// </summary>
public class OrderingAndSupportTests
{
    private static readonly Sym Alpha = Ex.Sym("alpha");

    [Fact]
    public void ALowerBoundAndAnOrderingWithANumberProveTheSameThings()
    {
        var bound = Assumptions.Default.With("alpha", Domain.Positive).WithLowerBound("alpha", new Rational(2), strict: true);
        var ordering = Assumptions.Default.With("alpha", Domain.Positive).WithOrdering("2", "alpha", strict: true);
        foreach (var a in new[] { bound, ordering })
        {
            Assert.True(a.ProvablyAbove(Alpha, new Rational(2), strict: true));
            Assert.True(a.ProvablyAbove(Alpha, new Rational(1), strict: true));
            Assert.False(a.ProvablyAbove(Alpha, new Rational(3), strict: false));
            Assert.True(Order.ProvablyLess(Ex.Num(1), Alpha, a));
            Assert.False(Order.ProvablyLess(Ex.Num(5, 2), Alpha, a));
        }
        Assert.False(Assumptions.Default.With("alpha", Domain.Positive).ProvablyAbove(Alpha, new Rational(1), strict: true));
    }

    [Fact]
    public void ParetoSupportsNestOnlyWhenTheScalesAreProvablyOrdered()
    {
        var (m1, m2) = (Ex.Sym("m_1"), Ex.Sym("m_2"));
        var p = new DistributionInstance(Families.Find("Pareto")!, [m1, Ex.Sym("alpha_1")]);
        var q = new DistributionInstance(Families.Find("Pareto")!, [m2, Ex.Sym("alpha_2")]);
        var positive = Assumptions.Default.With("m_1", Domain.Positive).With("m_2", Domain.Positive);
        Assert.False(Calculus.SupportInside(p, q, positive));
        Assert.True(Calculus.SupportInside(p, q, positive.WithOrdering("m_2", "m_1", strict: true)));
        Assert.True(Calculus.SupportInside(p, q, positive.WithOrdering("m_2", "m_1")));
        Assert.False(Calculus.SupportInside(p, q, positive.WithOrdering("m_1", "m_2", strict: true)));
        // A uniform on [a, b] sits in [m, ∞) when m ≤ a.
        var u = new DistributionInstance(Families.Uniform, [Ex.Sym("a"), Ex.Sym("b")]);
        Assert.True(Calculus.SupportInside(u, q, positive.WithOrdering("m_2", "a").WithOrdering("a", "b", strict: true)));
        Assert.False(Calculus.SupportInside(u, q, positive.WithOrdering("a", "b", strict: true)));
    }
}
