using SymKl.Vae.Numerics;

namespace SymKl.Vae;

/// <summary>
/// Preallocated buffers for the rows of a batch that one thread processes: activations and their
/// gradients per layer (row stride = the layer's padded width), the latent quantities, and a
/// private copy of the parameter gradient. Nothing is allocated after construction.
/// </summary>
internal sealed class VaeShard
{
    public VaeShard(VaeLayout layout, int capacity)
    {
        Capacity = capacity;
        X = new AlignedBuffer(capacity * layout.PaddedInput);
        Activations = new AlignedBuffer[layout.Layers.Length];
        Gradients = new AlignedBuffer[layout.Layers.Length];
        for (var l = 0; l < layout.Layers.Length; l++)
        {
            Activations[l] = new AlignedBuffer(capacity * layout.Layers[l].PaddedOut);
            Gradients[l] = new AlignedBuffer(capacity * layout.Layers[l].PaddedOut);
        }

        Z = new AlignedBuffer(capacity * layout.PaddedLatent);
        DZ = new AlignedBuffer(capacity * layout.PaddedLatent);
        var latent = capacity * layout.Latent;
        Mu = new float[latent];
        LogVar = new float[latent];
        Std = new float[latent];
        Eps = new float[latent];
        DMu = new float[latent];
        DLogVar = new float[latent];
        ParameterGradient = new AlignedBuffer(layout.Size);
    }

    public int Capacity { get; }

    public AlignedBuffer X { get; }

    public AlignedBuffer[] Activations { get; }

    public AlignedBuffer[] Gradients { get; }

    public AlignedBuffer Z { get; }

    public AlignedBuffer DZ { get; }

    public float[] Mu { get; }

    public float[] LogVar { get; }

    public float[] Std { get; }

    public float[] Eps { get; }

    public float[] DMu { get; }

    public float[] DLogVar { get; }

    public AlignedBuffer ParameterGradient { get; }

    public double Reconstruction { get; set; }

    public double Regularizer { get; set; }
}
