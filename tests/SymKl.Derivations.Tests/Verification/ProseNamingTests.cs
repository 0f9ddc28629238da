using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>The words that make a lone symbol a name for a quantity (<see cref="ProseNaming"/>), in several phrasings.</summary>
public class ProseNamingTests
{
    [Theory]
    [InlineData("We denote the denominator by", ". Then", "Denominator")]
    [InlineData("denote the denominator", " and", "Denominator")]
    [InlineData("and write the numerator as", ". Factoring,", "Numerator")]
    [InlineData("; call the denominator", ". Then", "Denominator")]
    [InlineData("Let us call this quantity", ". Then", "Whole")]
    [InlineData("This is called", ".", "Whole")]
    [InlineData(", with denominator", ".", "Denominator")]
    [InlineData("with the normaliser", ", so", "Denominator")]
    [InlineData("and we use", " for the sum above.", "Sum")]
    [InlineData("we denote by", " the normalizing constant", "Denominator")]
    [InlineData("The partition function, denoted", ", is", "Denominator")]
    [InlineData("Let", " be the log-likelihood of the data", "None")]
    [InlineData("Define", " as the lower bound on the evidence", "None")]
    [InlineData("We write", " for the log-likelihood", "None")]
    [InlineData("the loss", " is convex", "None")]
    [InlineData("Denote the number of ones by", ".", "None")]
    public void NamesAQuantity(string before, string after, string pointer)
    {
        var named = ProseNaming.Read(before, after);
        Assert.NotNull(named);
        Assert.Equal(pointer, named!.Pointer.ToString());
    }

    [Theory]
    [InlineData("Denote the dimension by", ". Then")]
    [InlineData("We denote the sample size by", ".")]
    [InlineData("Let", " be a real number")]
    [InlineData("For every", " we have")]
    [InlineData("the parameter", " is positive")]
    [InlineData("we can write", " = 2")]
    [InlineData("taking the sum over", " gives")]
    [InlineData("Let the learning rate be", ".")]
    [InlineData("Several write-ups give the variance term with", " instead of")]
    [InlineData("Some call-outs mark the bound with", ".")]
    public void LeavesParametersFree(string before, string after) => Assert.Null(ProseNaming.Read(before, after));
}
