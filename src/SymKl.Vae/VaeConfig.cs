using SymKl.Vae.Regularizers;

namespace SymKl.Vae;

/// <summary>
/// Architecture and training settings of the MLP VAE. The defaults are the seed's experiment:
/// 784-100-100-(μ, log σ²: 2 each), decoder 2-100-100-784 with a Bernoulli (sigmoid) output,
/// ReLU, the KL regulariser with weight 1, Adam (lr 1e-4, β 0.9/0.999, ε 1e-8), batches of 128.
/// </summary>
public sealed record VaeConfig
{
    /// <summary>Largest image, in pixels.</summary>
    public const int MaxPixels = 1 << 24;

    /// <summary>Largest parameter buffer (with padding), in floats: 1 GiB for the parameters and as much for each Adam moment.</summary>
    public const long MaxParameters = 1 << 28;

    public int ImageRows { get; init; } = 28;

    public int ImageColumns { get; init; } = 28;

    public int InputSize => ImageRows * ImageColumns;

    /// <summary>Encoder hidden widths, first to last; the decoder mirrors them.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [100, 100];

    public int Latent { get; init; } = 2;

    public Activation Activation { get; init; } = Activation.Relu;

    public RegularizerKind Regularizer { get; init; } = RegularizerKind.Kl;

    /// <summary>Weight of the regulariser: loss = reconstruction + β · R.</summary>
    public float Beta { get; init; } = 1f;

    public double LearningRate { get; init; } = 1e-4;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    public double Epsilon { get; init; } = 1e-8;

    public int BatchSize { get; init; } = 128;

    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (ImageRows <= 0 || ImageColumns <= 0)
        {
            throw new ArgumentException("The image size must be positive.");
        }

        if ((long)ImageRows * ImageColumns > MaxPixels)
        {
            throw new ArgumentException(FormattableString.Invariant($"Images of {ImageRows}×{ImageColumns} pixels are too large (at most {MaxPixels} pixels)."));
        }

        if (Hidden.Count == 0 || Hidden.Any(h => h <= 0 || h > 65536))
        {
            throw new ArgumentException("Hidden sizes must be one or more positive integers (at most 65536).");
        }

        if (Latent is <= 0 or > 4096)
        {
            throw new ArgumentException("The latent size must be between 1 and 4096.");
        }

        if (!float.IsFinite(Beta) || Beta < 0)
        {
            throw new ArgumentException("Beta must be a finite number ≥ 0.");
        }

        if (!double.IsFinite(LearningRate) || LearningRate <= 0)
        {
            throw new ArgumentException("The learning rate must be a positive number.");
        }

        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1 || !(Epsilon > 0))
        {
            throw new ArgumentException("Adam needs 0 ≤ β1, β2 < 1 and ε > 0.");
        }

        if (BatchSize is <= 0 or > 1 << 20)
        {
            throw new ArgumentException("The batch size must be a positive integer.");
        }

        var (logical, padded) = VaeLayout.Sizes(this);
        if (padded > MaxParameters)
        {
            throw new ArgumentException(FormattableString.Invariant($"The network would have {logical} parameters; at most about {MaxParameters} fit in memory."));
        }
    }

    public string Describe() =>
        FormattableString.Invariant(
            $"{InputSize}-{string.Join('-', Hidden)}-{Latent}, {Activation.ToString().ToLowerInvariant()}, regularizer {Regularizer.ToName()} (beta {Beta}), Adam lr {LearningRate}, batch {BatchSize}, seed {Seed}");
}

/// <summary>Losses of one epoch, per image (nats), and its duration.</summary>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainReconstruction,
    double TrainRegularizer,
    double TestLoss,
    double TestReconstruction,
    double TestRegularizer,
    double Seconds);

/// <summary>
/// The trained part of an epoch that was stopped at a batch boundary: batches done, the size of the
/// training set it runs over, the summed losses and images so far, and the seconds spent.
/// </summary>
public readonly record struct EpochProgress(int BatchesDone, int TrainImages, double Reconstruction, double Regularizer, double Total, int Seen, double Seconds);

/// <summary>Progress of training, reported after every batch.</summary>
public readonly record struct BatchProgress(int Epoch, int Batch, int Batches, double Loss, double ImagesPerSecond);

/// <summary>Summed losses over a set of images, with their count.</summary>
public readonly record struct LossSums(double Reconstruction, double Regularizer, double Total, int Images)
{
    public double PerImage => Images == 0 ? 0 : Total / Images;

    public double ReconstructionPerImage => Images == 0 ? 0 : Reconstruction / Images;

    public double RegularizerPerImage => Images == 0 ? 0 : Regularizer / Images;
}
