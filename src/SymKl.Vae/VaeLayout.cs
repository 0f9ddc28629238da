using SymKl.Vae.Numerics;

namespace SymKl.Vae;

/// <summary>
/// One dense layer y = x·W + b. W is stored transposed to PyTorch's convention, [In rows × PaddedOut
/// columns], with the padding columns (and the matching bias entries) kept at zero so that every
/// activation row is a whole number of 16-float vectors.
/// </summary>
internal readonly record struct DenseLayer(int In, int Out, int PaddedOut, int WeightOffset, int BiasOffset, bool Activated)
{
    public int LogicalParameterCount => In * Out + Out;
}

/// <summary>Where each layer's parameters live in the flat, padded parameter buffer.</summary>
internal sealed class VaeLayout
{
    public VaeLayout(VaeConfig config)
    {
        var layers = new List<DenseLayer>();
        var offset = 0;
        foreach (var (inputs, outputs, activated) in Shapes(config))
        {
            var padded = Pad(outputs);
            var weights = offset;
            offset += Pad(inputs * padded);
            var bias = offset;
            offset += padded;
            layers.Add(new DenseLayer(inputs, outputs, padded, weights, bias, activated));
        }

        Layers = layers.ToArray();
        EncoderLayers = config.Hidden.Count + 1;
        Size = offset;
        Latent = config.Latent;
        PaddedLatent = Pad(config.Latent);
        Input = config.InputSize;
        PaddedInput = Pad(config.InputSize);
        LogicalParameterCount = Layers.Sum(l => l.LogicalParameterCount);
    }

    /// <summary>
    /// The dense layers in order (inputs, outputs, whether the activation follows): encoder hidden layers,
    /// the (μ, log σ²) head, decoder hidden layers (mirrored), the output layer.
    /// </summary>
    public static IEnumerable<(int In, int Out, bool Activated)> Shapes(VaeConfig config)
    {
        var previous = config.InputSize;
        foreach (var width in config.Hidden)
        {
            yield return (previous, width, true);
            previous = width;
        }

        yield return (previous, 2 * config.Latent, false);
        previous = config.Latent;
        for (var h = config.Hidden.Count - 1; h >= 0; h--)
        {
            yield return (previous, config.Hidden[h], true);
            previous = config.Hidden[h];
        }

        yield return (previous, config.InputSize, false);
    }

    /// <summary>Parameters without and with padding, counted in 64 bits (before anything is allocated).</summary>
    public static (long Logical, long Padded) Sizes(VaeConfig config)
    {
        long logical = 0, padded = 0;
        foreach (var (inputs, outputs, _) in Shapes(config))
        {
            logical += (long)inputs * outputs + outputs;
            var paddedOut = PadLong(outputs);
            padded += PadLong(inputs * paddedOut) + paddedOut;
        }

        return (logical, padded);
    }

    private static long PadLong(long n) => (n + Gemm.Alignment - 1) / Gemm.Alignment * Gemm.Alignment;

    public DenseLayer[] Layers { get; }

    /// <summary>Layers [0, EncoderLayers) are the encoder; its last one is the (μ, log σ²) head.</summary>
    public int EncoderLayers { get; }

    public int HeadIndex => EncoderLayers - 1;

    public int Size { get; }

    public int LogicalParameterCount { get; }

    public int Latent { get; }

    public int PaddedLatent { get; }

    public int Input { get; }

    public int PaddedInput { get; }

    public static int Pad(int n) => (n + Gemm.Alignment - 1) / Gemm.Alignment * Gemm.Alignment;

    /// <summary>Copies the logical parameters (per layer: W as [in][out], then b) out of a padded buffer.</summary>
    public void Pack(ReadOnlySpan<float> padded, Span<float> logical)
    {
        var k = 0;
        foreach (var layer in Layers)
        {
            for (var i = 0; i < layer.In; i++)
            {
                padded.Slice(layer.WeightOffset + i * layer.PaddedOut, layer.Out).CopyTo(logical.Slice(k, layer.Out));
                k += layer.Out;
            }

            padded.Slice(layer.BiasOffset, layer.Out).CopyTo(logical.Slice(k, layer.Out));
            k += layer.Out;
        }
    }

    /// <summary>The inverse of <see cref="Pack"/>; padding entries are set to zero.</summary>
    public void Unpack(ReadOnlySpan<float> logical, Span<float> padded)
    {
        padded.Clear();
        var k = 0;
        foreach (var layer in Layers)
        {
            for (var i = 0; i < layer.In; i++)
            {
                logical.Slice(k, layer.Out).CopyTo(padded.Slice(layer.WeightOffset + i * layer.PaddedOut, layer.Out));
                k += layer.Out;
            }

            logical.Slice(k, layer.Out).CopyTo(padded.Slice(layer.BiasOffset, layer.Out));
            k += layer.Out;
        }
    }
}
