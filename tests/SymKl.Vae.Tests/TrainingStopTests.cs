using System.Text.Json;
using SymKl.Vae.Data;

namespace SymKl.Vae.Tests;

/// <summary>Training that diverges, is interrupted, or is resumed from the wrong place stops with a clear message.</summary>
public sealed class TrainingStopTests : IDisposable
{
    private readonly string _dir = TestData.TempFolder();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static VaeConfig Small => new() { ImageRows = 4, ImageColumns = 5, Hidden = [7, 5], Latent = 3, BatchSize = 8, LearningRate = 1e-2, Seed = 6 };

    private VaeRunOptions Options(int epochs, VaeConfig? config = null) => new()
    {
        OutputFolder = _dir,
        Epochs = epochs,
        Threads = 2,
        Pictures = false,
        Config = config ?? Small,
    };

    [Theory]
    [InlineData(1e308)]
    [InlineData(1e30)]
    public void ADivergingLearningRateStopsWithAClearErrorAndNoCheckpoint(double learningRate)
    {
        var data = TestData.Random(40, 4, 5, seed: 1);
        var ex = Assert.Throws<TrainingDivergedException>(() => VaeExperiment.Train(Options(3, Small with { LearningRate = learningRate }), data, data));
        Assert.Equal(1, ex.Epoch);
        Assert.Contains("diverged in epoch 1", ex.Message);
        Assert.Contains("No checkpoint", ex.Message);
        Assert.False(File.Exists(Path.Combine(_dir, VaeExperiment.CheckpointName)));
    }

    [Fact]
    public void ADivergedModelCannotBeTrainedOnOrSaved()
    {
        var data = TestData.Random(40, 4, 5, seed: 1);
        using var vae = new VariationalAutoencoder(Small with { LearningRate = 1e308 }, threads: 1);
        var ex = Assert.Throws<TrainingDivergedException>(() => vae.TrainEpoch(data, data));
        Assert.Equal(2, ex.Batch); // the first step makes the weights infinite; the second batch's loss shows it
        Assert.Contains("NaN", ex.Message);
        Assert.Throws<InvalidOperationException>(() => vae.Save(new MemoryStream()));
        Assert.Throws<InvalidOperationException>(() => vae.TrainEpoch(data, data));
    }

    [Fact]
    public void ALastStepThatBreaksTheWeightsIsCaughtAtTheEndOfTheEpoch()
    {
        // One batch per epoch: its loss is finite, the step after it is not.
        var data = TestData.Random(8, 4, 5, seed: 2);
        using var vae = new VariationalAutoencoder(Small with { LearningRate = 1e308 }, threads: 1);
        var ex = Assert.Throws<TrainingDivergedException>(() => vae.TrainEpoch(data));
        Assert.Contains("parameter", ex.Message);
    }

    [Fact]
    public void DivergingAfterACheckpointKeepsThatCheckpointUnchanged()
    {
        // A run whose checkpoint (epoch 0, a learning rate that diverges) is resumed.
        var data = TestData.Random(40, 4, 5, seed: 3);
        var checkpoint = Path.Combine(_dir, VaeExperiment.CheckpointName);
        using (var start = new VariationalAutoencoder(Small with { LearningRate = 1e308 }, threads: 2))
        {
            start.Save(checkpoint);
        }

        var before = File.ReadAllBytes(checkpoint);
        var ex = Assert.Throws<TrainingDivergedException>(() => VaeExperiment.Train(Options(2) with { Resume = true }, data, data));
        Assert.Equal(checkpoint, ex.Checkpoint);
        Assert.Contains("last good checkpoint", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(checkpoint));
        using var reloaded = VariationalAutoencoder.Load(checkpoint);
        Assert.All(reloaded.GetParameters(), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void AnInterruptedRunSavesItsPlaceAndResumesToTheSameModelAsAnUninterruptedOne()
    {
        var all = TestData.Prototypes(60, 4, 5, seed: 4);
        var train = all.Slice(0, 44);
        var test = all.Slice(44, 16);
        using var stop = new CancellationTokenSource();
        var interrupted = VaeExperiment.Train(Options(3), train, test, p =>
        {
            if (p.Epoch == 2 && p.Batch == 4)
            {
                stop.Cancel();
            }
        }, cancellation: stop.Token);
        Assert.Equal(new TrainingInterruption(2, 4, 6, Path.Combine(_dir, VaeExperiment.CheckpointName)), interrupted.Interrupted);
        Assert.Single(interrupted.History);
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, VaeExperiment.MetricsName))))
        {
            Assert.Equal(4, json.RootElement.GetProperty("interrupted").GetProperty("batchesDone").GetInt32());
        }

        var resumed = VaeExperiment.Train(Options(3) with { Resume = true }, train, test);
        Assert.Null(resumed.Interrupted);

        var straightDir = Path.Combine(_dir, "straight");
        var straight = VaeExperiment.Train(Options(3) with { OutputFolder = straightDir }, train, test);
        Assert.Equal(straight.History.Select(h => (h.TrainLoss, h.TestLoss)), resumed.History.Select(h => (h.TrainLoss, h.TestLoss)));
        using var a = VariationalAutoencoder.Load(Path.Combine(straightDir, VaeExperiment.CheckpointName), threads: 2);
        using var b = VariationalAutoencoder.Load(Path.Combine(_dir, VaeExperiment.CheckpointName), threads: 2);
        Assert.Equal(a.GetParameters(), b.GetParameters());
        Assert.Equal(a.Step, b.Step);
    }

    [Fact]
    public void AStopBeforeTheFirstBatchSavesAFreshModel()
    {
        var data = TestData.Random(20, 4, 5, seed: 5);
        var summary = VaeExperiment.Train(Options(2), data, data, cancellation: new CancellationToken(canceled: true));
        Assert.Equal(1, summary.Interrupted!.Epoch);
        Assert.Equal(0, summary.Interrupted.BatchesDone);
        using var loaded = VariationalAutoencoder.Load(Path.Combine(_dir, VaeExperiment.CheckpointName));
        Assert.Equal(0, loaded.Step);
    }

    [Fact]
    public void ResumingWithoutACheckpointIsAnError()
    {
        var data = TestData.Random(20, 4, 5, seed: 5);
        var ex = Assert.Throws<DataFileException>(() => VaeExperiment.Train(Options(2) with { Resume = true }, data, data));
        Assert.Contains("no checkpoint", ex.Message);
        Assert.Contains(Path.Combine(_dir, VaeExperiment.CheckpointName), ex.Message);
    }

    [Fact]
    public void ResumingAnEpochInProgressOverOtherImagesIsAnError()
    {
        var data = TestData.Random(40, 4, 5, seed: 6);
        using var stop = new CancellationTokenSource();
        VaeExperiment.Train(Options(2), data, data, p => stop.Cancel(), cancellation: stop.Token);
        var ex = Assert.Throws<DataFileException>(() => VaeExperiment.Train(Options(2) with { Resume = true, TrainLimit = 30 }, data, data));
        Assert.Contains("same images", ex.Message);
    }

    [Fact]
    public void ImagesOfTheWrongSizeAreNamed()
    {
        var small = new ImageDataset(new float[3 * 20], new byte[3], 4, 5, "train-images-idx3-ubyte");
        var other = new ImageDataset(new float[3 * 30], new byte[3], 5, 6, "t10k-images-idx3-ubyte");
        var mismatch = Assert.Throws<DataFileException>(() => VaeExperiment.Train(Options(1), small, other));
        Assert.Contains("'train-images-idx3-ubyte'", mismatch.Message);
        Assert.Contains("test images ('t10k-images-idx3-ubyte') are 5×6", mismatch.Message);

        var model = Assert.Throws<DataFileException>(() => VaeExperiment.Train(Options(1), other, other));
        Assert.Contains("takes images of 4×5 pixels but 't10k-images-idx3-ubyte' holds images of 5×6", model.Message);

        var empty = new ImageDataset([], [], 4, 5, "train-images-idx3-ubyte");
        Assert.Contains("has no images", Assert.Throws<DataFileException>(() => VaeExperiment.Train(Options(1), empty, small)).Message);
    }
}
