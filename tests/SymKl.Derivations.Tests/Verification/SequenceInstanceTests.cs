using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>Runs and terms of one sequence (x_0, x_{1:T}, x_{0:T}) written out at small lengths for the random models.</summary>
public class SequenceInstanceTests
{
    [Fact]
    public void ARunAndItsFirstTermAreWrittenOutAtTheShortestLengthsFirst()
    {
        var instances = SequenceInstance.Find(["x_0", "x_{1:T}", "x_{0:T}"], 2);
        Assert.Equal(2, instances.Count);
        Assert.Equal(["x_0", "x_1"], instances[0].Expand("x_{0:T}"));
        Assert.Equal(["x_1"], instances[0].Expand("x_{1:T}"));
        Assert.Equal(["x_0", "x_1", "x_2"], instances[1].Expand("x_{0:T}"));
        Assert.Equal(["x_1", "x_2"], instances[1].Expand("x_{1:T}"));
        Assert.Equal(["z"], instances[1].Expand("z"));
        Assert.StartsWith("T = 2", instances[1].Describe);
    }

    [Fact]
    public void TermsWithSymbolicIndicesStayDistinctAndInsideTheRuns()
    {
        // x_t, x_{t-1}, x_0 and x_{0:T}: t ≥ 2 (x_{t-1} is not x_0), t ≤ T.
        var instances = SequenceInstance.Find(["x_t", "x_{t-1}", "x_0", "x_{0:T}"], 3);
        Assert.NotEmpty(instances);
        foreach (var instance in instances)
        {
            var t = instance.Expand("x_t").Single();
            var before = instance.Expand("x_{t-1}").Single();
            Assert.NotEqual("x_0", before);
            Assert.NotEqual(t, before);
            Assert.Contains(t, instance.Expand("x_{0:T}"));
        }
    }

    [Fact]
    public void ABoldLetterIsTheWholeVectorAndARunMayLeaveOneIndexOut()
    {
        var instances = SequenceInstance.Find(["\\boldsymbolx", "x_{1:d}", "x_i", "x_{1:d\\setminusi}"], 2);
        Assert.NotEmpty(instances);
        foreach (var instance in instances)
        {
            var whole = instance.Expand("\\boldsymbolx");
            Assert.Equal(instance.Expand("x_{1:d}"), whole);
            var i = instance.Expand("x_i").Single();
            Assert.Equal(whole.Where(c => c != i), instance.Expand("x_{1:d\\setminusi}"));
        }
    }

    [Theory]
    [InlineData("x_t", "x_{t-1}", "x_0")]           // no run: the terms are distinct variables already
    [InlineData("x_{1:d\\setminus\\{i,j\\}}", "x_i", "x")]  // a run with a set left out, a plain letter
    [InlineData("x_{0:T}", "y_0", "z")]             // one spelling per letter
    public void NothingIsWrittenOutWithoutARunBesideAnotherSpellingOfItsLetter(string a, string b, string c) =>
        Assert.Empty(SequenceInstance.Find([a, b, c], 2));
}
