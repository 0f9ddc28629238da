using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SymKl.Vae.Data;
using SymKl.Vae.Imaging;
using SymKl.Vae.Plots;
using SymKl.Vae.Regularizers;

namespace SymKl.Vae;

/// <summary>Settings of one training run of the seed's experiment.</summary>
public sealed record VaeRunOptions
{
    public string? DataFolder { get; init; }

    public required string OutputFolder { get; init; }

    /// <summary>Total epochs; with <see cref="Resume"/>, training continues until this many are done.</summary>
    public int Epochs { get; init; } = 10;

    public VaeConfig Config { get; init; } = new();

    public int Threads { get; init; }

    public bool Resume { get; init; }

    /// <summary>Use only the first N training images (quick runs); null for all.</summary>
    public int? TrainLimit { get; init; }

    public bool Pictures { get; init; } = true;
}

/// <summary>Latent ranges and sizes measured on the test set after training.</summary>
public sealed record VaeRunSummary(
    VaeConfig Config,
    int Threads,
    IReadOnlyList<EpochMetrics> History,
    float[] LatentMin,
    float[] LatentMax,
    CompressionFigures Compression,
    long PeakWorkingSetBytes,
    double AllocatedBytesPerStep,
    string OutputFolder)
{
    /// <summary>Where training stopped when it was interrupted; null when it ran to the end.</summary>
    public TrainingInterruption? Interrupted { get; init; }

    /// <summary>KL(q(z|x) ‖ N(0, I)) per test image, whatever regulariser the model was trained with.</summary>
    public double TestKl { get; init; }

    /// <summary>Test reconstruction (BCE) + <see cref="TestKl"/>: the negative ELBO, comparable across regularisers.</summary>
    public double TestNegativeElbo => (History.Count > 0 ? History[^1].TestReconstruction : double.NaN) + TestKl;
}

/// <summary>Training stopped at a batch boundary of <paramref name="Epoch"/> after <paramref name="BatchesDone"/> of its batches; the checkpoint holds that state.</summary>
public sealed record TrainingInterruption(int Epoch, int BatchesDone, int Batches, string Checkpoint);

/// <summary>
/// Bytes of the training images against bytes of their latent codes. The seed reports the images as
/// float64 (NumPy's default: 60000·784·8 B = 358.9 MiB) and the 2-D codes as float32 (0.46 MiB).
/// </summary>
public sealed record CompressionFigures(int Images, int Pixels, int Latent)
{
    public long ImageBytesUInt8 => (long)Images * Pixels;

    public long ImageBytesFloat32 => ImageBytesUInt8 * 4;

    public long ImageBytesFloat64 => ImageBytesUInt8 * 8;

    public long LatentBytesFloat32 => (long)Images * Latent * 4;

    public double RatioFloat64 => (double)ImageBytesFloat64 / LatentBytesFloat32;

    public double RatioUInt8 => (double)ImageBytesUInt8 / LatentBytesFloat32;

    public static string MiB(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.###", CultureInfo.InvariantCulture) + " MiB";
}

/// <summary>The seed's experiment: train, save metrics, checkpoint and pictures; compare regularisers.</summary>
public static class VaeExperiment
{
    public const string CheckpointName = "model.ckpt";
    public const string MetricsName = "metrics.json";

    /// <summary>
    /// Trains (or resumes) a VAE, writing after every epoch the checkpoint and metrics JSON to the output
    /// folder, and at the end the pictures: latent.png, samples.png, manifold.png, loss.png.
    /// </summary>
    /// <param name="cancellation">
    /// Stops training at the next batch boundary: the checkpoint (with the epoch's progress) and metrics are
    /// written, no pictures, and the summary's <see cref="VaeRunSummary.Interrupted"/> says where it stopped.
    /// </param>
    /// <exception cref="DataFileException">
    /// The images do not fit the model or each other, or <see cref="VaeRunOptions.Resume"/> is set and there
    /// is no checkpoint (or a damaged one).
    /// </exception>
    /// <exception cref="TrainingDivergedException">The loss or the weights stopped being finite; the last good checkpoint is kept.</exception>
    public static VaeRunSummary Train(VaeRunOptions options, ImageDataset train, ImageDataset test, Action<BatchProgress>? progress = null, Action<EpochMetrics>? epochDone = null, CancellationToken cancellation = default)
    {
        var checkpoint = Path.Combine(options.OutputFolder, CheckpointName);
        if (options.Resume && !File.Exists(checkpoint))
        {
            throw new DataFileException($"There is no checkpoint at '{checkpoint}' to resume from.");
        }

        if (options.TrainLimit is { } limit)
        {
            train = train.Take(limit);
        }

        CheckImages(train, "training");
        CheckImages(test, "test");
        if (test.Rows != train.Rows || test.Columns != train.Columns)
        {
            throw new DataFileException(FormattableString.Invariant($"The training images ({train.Describe()}) are {train.Rows}×{train.Columns} pixels but the test images ({test.Describe()}) are {test.Rows}×{test.Columns}."));
        }

        Directory.CreateDirectory(options.OutputFolder);
        using var vae = options.Resume
            ? VariationalAutoencoder.Load(checkpoint, options.Threads)
            : new VariationalAutoencoder(options.Config, options.Threads);
        var source = options.Resume ? $"the checkpoint '{checkpoint}'" : "the model";
        CheckFits(vae, train, source);
        var inProgress = vae.EpochInProgress;
        if (inProgress.BatchesDone > 0 && inProgress.TrainImages != train.Count)
        {
            throw new DataFileException(FormattableString.Invariant(
                $"The checkpoint '{checkpoint}' stopped after batch {inProgress.BatchesDone} of an epoch over {inProgress.TrainImages} training images; resume with the same images (the same data and --limit), not {train.Count}."));
        }

        var saved = options.Resume;
        while (vae.EpochsCompleted < options.Epochs)
        {
            EpochMetrics metrics;
            try
            {
                metrics = vae.TrainEpoch(train, test, progress, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                var stoppedIn = vae.EpochsCompleted + 1;
                var batches = (train.Count + vae.Config.BatchSize - 1) / vae.Config.BatchSize;
                vae.Save(checkpoint);
                var stopped = Summarize(vae, test, train.Count, options.OutputFolder) with
                {
                    Interrupted = new TrainingInterruption(stoppedIn, vae.EpochInProgress.BatchesDone, batches, checkpoint),
                };
                File.WriteAllText(Path.Combine(options.OutputFolder, MetricsName), ToJson(stopped));
                return stopped;
            }
            catch (TrainingDivergedException ex)
            {
                throw new TrainingDivergedException(ex.Epoch, ex.Batch, ex.Batches, ex.Reason) { Checkpoint = saved ? checkpoint : null };
            }

            vae.Save(checkpoint);
            saved = true;
            var partial = Summarize(vae, test, train.Count, options.OutputFolder);
            File.WriteAllText(Path.Combine(options.OutputFolder, MetricsName), ToJson(partial));
            epochDone?.Invoke(metrics);
        }

        var summary = Summarize(vae, test, train.Count, options.OutputFolder);
        File.WriteAllText(Path.Combine(options.OutputFolder, MetricsName), ToJson(summary));
        if (options.Pictures)
        {
            WritePictures(vae, test, options.OutputFolder);
        }

        return summary;
    }

    private static void CheckImages(ImageDataset data, string role)
    {
        if (data.Count == 0)
        {
            throw new DataFileException($"The {role} set ({data.Describe()}) has no images.");
        }
    }

    /// <summary>Throws a <see cref="DataFileException"/> naming both sides when the images are not the size the model was built for.</summary>
    public static void CheckFits(VariationalAutoencoder vae, ImageDataset data, string model)
    {
        var c = vae.Config;
        if (data.Rows != c.ImageRows || data.Columns != c.ImageColumns)
        {
            throw new DataFileException(FormattableString.Invariant(
                $"{char.ToUpperInvariant(model[0])}{model[1..]} takes images of {c.ImageRows}×{c.ImageColumns} pixels but {data.Describe()} holds images of {data.Rows}×{data.Columns}."));
        }
    }

    private static VaeRunSummary Summarize(VariationalAutoencoder vae, ImageDataset test, int trainCount, string folder)
    {
        var (mu, logVar) = vae.Encode(test);
        var (min, max) = Ranges(mu, vae.Config.Latent);
        var kl = new DiagonalNormalKl().ValueAndGradient(mu, logVar, new float[mu.Length], new float[mu.Length]) / (double)test.Count;
        using var process = Process.GetCurrentProcess();
        return new VaeRunSummary(
            vae.Config,
            vae.Threads,
            vae.History.ToArray(),
            min,
            max,
            new CompressionFigures(trainCount, vae.Config.InputSize, vae.Config.Latent),
            process.PeakWorkingSet64,
            vae.LastEpochAllocatedBytesPerStep,
            folder)
        {
            TestKl = kl,
        };
    }

    /// <summary>Per-dimension minimum and maximum of codes stored <paramref name="latent"/> per image.</summary>
    public static (float[] Min, float[] Max) Ranges(ReadOnlySpan<float> codes, int latent)
    {
        var min = Enumerable.Repeat(float.PositiveInfinity, latent).ToArray();
        var max = Enumerable.Repeat(float.NegativeInfinity, latent).ToArray();
        for (var i = 0; i < codes.Length; i++)
        {
            var d = i % latent;
            min[d] = Math.Min(min[d], codes[i]);
            max[d] = Math.Max(max[d], codes[i]);
        }

        return (min, max);
    }

    /// <summary>latent.png (test μ by class), samples.png (decoded z ~ N(0, I)), manifold.png (decoded grid), loss.png.</summary>
    public static void WritePictures(VariationalAutoencoder vae, ImageDataset test, string folder)
    {
        var config = vae.Config;
        var name = config.Regularizer.ToName();
        var (mu, _) = vae.Encode(test);
        VaePlots.LatentScatter(
            Path.Combine(folder, "latent.png"),
            mu,
            config.Latent,
            test.Labels,
            test.Pixels == 784 ? FashionMnist.ClassNames : Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
            $"Test set in latent space (regularizer: {name}, {vae.EpochsCompleted} epochs)");
        VaePlots.LossCurves(Path.Combine(folder, "loss.png"), vae.History, $"Loss per epoch (regularizer: {name})");
        WriteSamples(vae, Path.Combine(folder, "samples.png"), 100, config.Seed + 1);
        var (min, max) = Ranges(mu, config.Latent);
        var extent = config.Regularizer == RegularizerKind.Kl ? 3f : Math.Max(Math.Max(Math.Abs(min[0]), Math.Abs(max[0])), config.Latent > 1 ? Math.Max(Math.Abs(min[1]), Math.Abs(max[1])) : 0);
        var grid = VaePlots.LatentGridCodes(config.Latent, 15, Math.Max(extent, 1e-3f));
        PngWriter.WriteImageGrid(Path.Combine(folder, "manifold.png"), vae.Decode(grid), config.ImageRows, config.ImageColumns, 15, scale: 1);
    }

    /// <summary>Decodes <paramref name="count"/> codes drawn from the prior N(0, I) into a grid of images.</summary>
    public static void WriteSamples(VariationalAutoencoder vae, string path, int count, ulong seed)
    {
        var rng = new Numerics.Rng(seed, 99);
        var z = new float[count * vae.Config.Latent];
        rng.FillNormal(z);
        var images = vae.Decode(z);
        PngWriter.WriteImageGrid(path, images, vae.Config.ImageRows, vae.Config.ImageColumns, (int)Math.Ceiling(Math.Sqrt(count)), scale: 2);
    }

    public static string ToJson(VaeRunSummary s)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteStartObject("config");
            w.WriteString("architecture", $"{s.Config.InputSize}-{string.Join('-', s.Config.Hidden)}-{s.Config.Latent}");
            w.WriteStartArray("hidden");
            foreach (var h in s.Config.Hidden)
            {
                w.WriteNumberValue(h);
            }

            w.WriteEndArray();
            w.WriteNumber("latent", s.Config.Latent);
            w.WriteString("activation", s.Config.Activation.ToString().ToLowerInvariant());
            w.WriteString("regularizer", s.Config.Regularizer.ToName());
            w.WriteNumber("beta", s.Config.Beta);
            w.WriteNumber("learningRate", s.Config.LearningRate);
            w.WriteNumber("batchSize", s.Config.BatchSize);
            w.WriteNumber("seed", s.Config.Seed);
            w.WriteNumber("threads", s.Threads);
            w.WriteEndObject();
            w.WriteStartArray("epochs");
            foreach (var e in s.History)
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", e.Epoch);
                Number(w, "trainLoss", e.TrainLoss, 4);
                Number(w, "trainReconstruction", e.TrainReconstruction, 4);
                Number(w, "trainRegularizer", e.TrainRegularizer, 4);
                Number(w, "testLoss", e.TestLoss, 4);
                Number(w, "testReconstruction", e.TestReconstruction, 4);
                Number(w, "testRegularizer", e.TestRegularizer, 4);
                Number(w, "seconds", e.Seconds, 4);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("latentRange");
            w.WriteStartArray("min");
            foreach (var v in s.LatentMin)
            {
                NumberValue(w, v, 4);
            }

            w.WriteEndArray();
            w.WriteStartArray("max");
            foreach (var v in s.LatentMax)
            {
                NumberValue(w, v, 4);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            Number(w, "testKl", s.TestKl, 4);
            Number(w, "testNegativeElbo", s.TestNegativeElbo, 4);
            w.WriteStartObject("compression");
            w.WriteNumber("images", s.Compression.Images);
            w.WriteNumber("imageBytesUInt8", s.Compression.ImageBytesUInt8);
            w.WriteNumber("imageBytesFloat32", s.Compression.ImageBytesFloat32);
            w.WriteNumber("imageBytesFloat64", s.Compression.ImageBytesFloat64);
            w.WriteNumber("latentBytesFloat32", s.Compression.LatentBytesFloat32);
            Number(w, "ratioFloat64", s.Compression.RatioFloat64, 2);
            Number(w, "ratioUInt8", s.Compression.RatioUInt8, 2);
            w.WriteEndObject();
            w.WriteNumber("peakWorkingSetBytes", s.PeakWorkingSetBytes);
            Number(w, "allocatedBytesPerStep", s.AllocatedBytesPerStep, 1);
            if (s.Interrupted is { } stop)
            {
                w.WriteStartObject("interrupted");
                w.WriteNumber("epoch", stop.Epoch);
                w.WriteNumber("batchesDone", stop.BatchesDone);
                w.WriteNumber("batches", stop.Batches);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A rounded number, or null for a value that is not finite (JSON has no NaN or ∞).</summary>
    private static void Number(Utf8JsonWriter w, string name, double value, int digits)
    {
        w.WritePropertyName(name);
        NumberValue(w, value, digits);
    }

    private static void NumberValue(Utf8JsonWriter w, double value, int digits)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumberValue(Math.Round(value, digits));
        }
        else
        {
            w.WriteNullValue();
        }
    }

    /// <summary>A Markdown table comparing finished runs (one per regulariser).</summary>
    public static string ComparisonMarkdown(IReadOnlyList<VaeRunSummary> runs)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("| regularizer | test loss (final) | test BCE | test regularizer | test KL | test −ELBO (BCE + KL) | latent range z1 | latent range z2 | s/epoch |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in runs)
        {
            var last = r.History.Count > 0 ? r.History[^1] : null;
            string Range(int d) => d < r.LatentMin.Length ? string.Create(inv, $"[{r.LatentMin[d]:0.00}, {r.LatentMax[d]:0.00}]") : "";
            var secondsPerEpoch = r.History.Count > 0 ? r.History.Average(h => h.Seconds) : 0;
            sb.AppendLine(string.Create(inv, $"| {r.Config.Regularizer.ToName()} | {last?.TestLoss:0.00} | {last?.TestReconstruction:0.00} | {last?.TestRegularizer:0.00} | {r.TestKl:0.00} | {r.TestNegativeElbo:0.00} | {Range(0)} | {Range(1)} | {secondsPerEpoch:0.000} |"));
        }

        sb.AppendLine();
        sb.AppendLine("Test loss per epoch (nats per image):");
        sb.AppendLine();
        var epochs = runs.Max(r => r.History.Count);
        sb.Append("| epoch |");
        foreach (var r in runs)
        {
            sb.Append(' ').Append(r.Config.Regularizer.ToName()).Append(" |");
        }

        sb.AppendLine();
        sb.Append("|---|").AppendLine(string.Concat(Enumerable.Repeat("---|", runs.Count)));
        for (var e = 0; e < epochs; e++)
        {
            sb.Append(inv, $"| {e + 1} |");
            foreach (var r in runs)
            {
                sb.Append(e < r.History.Count ? string.Create(inv, $" {r.History[e].TestLoss:0.00} |") : " |");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }
}
