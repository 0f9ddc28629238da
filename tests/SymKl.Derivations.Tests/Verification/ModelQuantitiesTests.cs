using SymKl.Derivations.Verification;

namespace SymKl.Derivations.Tests.Verification;

/// <summary>The words that make a lone symbol a quantity the model computes (<see cref="ModelQuantities"/>), in several phrasings.</summary>
public class ModelQuantitiesTests
{
    [Theory]
    [InlineData("Let", " be the output of the network and let", "output of the network")]
    [InlineData("where", " is the predicted probability of class one", "predicted probability of")]
    [InlineData("Here", " denotes the loss of the model.", "loss")]
    [InlineData("We write", " for the network output.", "network output")]
    [InlineData("The activation", " of the hidden layer", "activation")]
    [InlineData("and the cross-entropy loss", ",", "loss")]
    [InlineData("denote the hidden state by", ". Then", "hidden state")]
    [InlineData("Let", " be the logits of the last layer", "logits")]
    [InlineData("", " is the negative log-likelihood", "negative log-likelihood")]
    [InlineData("the softmax output", " sums to one", "softmax output")]
    public void NamesAModelQuantity(string before, string after, string noun) =>
        Assert.Equal(noun, ModelQuantities.Read(before, after)?.Trim());

    [Theory]
    [InlineData("Given the input", " and")]
    [InlineData("the observed output", ".")]
    [InlineData("the output", " of the data set")]
    [InlineData("Let", " be the true output of the network")]
    [InlineData("Let", " be the number of terms in the loss")]
    [InlineData("Let", " be the output of the network, held fixed while w varies")]
    [InlineData("Let", " be a constant")]
    [InlineData("where", " is the sigmoid activation function")]
    [InlineData("the gradient of the loss", " is")]
    [InlineData("the weights", " of the layer")]
    [InlineData("Let", " be the learning rate")]
    [InlineData("the derivative of", " with respect to the activation")]
    public void NamesNoModelQuantity(string before, string after) => Assert.Null(ModelQuantities.Read(before, after));
}
