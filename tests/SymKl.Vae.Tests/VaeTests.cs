using SymKl.Vae.Data;
using SymKl.Vae.Regularizers;

namespace SymKl.Vae.Tests;

public sealed class VaeTests
{
    private static VaeConfig Small(RegularizerKind regularizer = RegularizerKind.Kl, Activation activation = Activation.Relu, ulong seed = 3, int batch = 8) => new()
    {
        ImageRows = 4,
        ImageColumns = 5,
        Hidden = [7, 5],
        Latent = 3,
        Activation = activation,
        Regularizer = regularizer,
        Beta = 0.7f,
        LearningRate = 1e-2,
        BatchSize = batch,
        Seed = seed,
    };

    /// <summary>The VAE's loss in double precision, written independently of the runtime's kernels.</summary>
    private static double ReferenceLoss(VaeConfig config, double[] p, ImageDataset data, int[] indices, float[] eps)
    {
        var sizes = new List<(int In, int Out, bool Act)>();
        var prev = config.InputSize;
        foreach (var h in config.Hidden)
        {
            sizes.Add((prev, h, true));
            prev = h;
        }

        sizes.Add((prev, 2 * config.Latent, false));
        var encoderLayers = sizes.Count;
        prev = config.Latent;
        foreach (var h in config.Hidden.Reverse())
        {
            sizes.Add((prev, h, true));
            prev = h;
        }

        sizes.Add((prev, config.InputSize, false));
        double Act(double x) => config.Activation switch
        {
            Activation.Relu => Math.Max(0, x),
            Activation.Tanh => Math.Tanh(x),
            Activation.Sigmoid => 1 / (1 + Math.Exp(-x)),
            _ => x > 0 ? x : Math.Exp(x) - 1,
        };

        double total = 0;
        var L = config.Latent;
        for (var r = 0; r < indices.Length; r++)
        {
            var x = data.Image(indices[r]).ToArray().Select(v => (double)v).ToArray();
            var h = x;
            var offset = 0;
            double[]? head = null;
            for (var l = 0; l < sizes.Count; l++)
            {
                var (inputs, outputs, act) = sizes[l];
                var y = new double[outputs];
                for (var o = 0; o < outputs; o++)
                {
                    var s = p[offset + inputs * outputs + o];
                    for (var i = 0; i < inputs; i++)
                    {
                        s += h[i] * p[offset + i * outputs + o];
                    }

                    y[o] = act ? Act(s) : s;
                }

                offset += inputs * outputs + outputs;
                h = y;
                if (l == encoderLayers - 1)
                {
                    head = y;
                    h = new double[L];
                    for (var j = 0; j < L; j++)
                    {
                        h[j] = y[j] + eps[r * L + j] * Math.Exp(0.5 * y[L + j]);
                    }
                }
            }

            for (var i = 0; i < x.Length; i++)
            {
                total += Math.Max(h[i], 0) + Math.Log(1 + Math.Exp(-Math.Abs(h[i]))) - x[i] * h[i];
            }

            for (var j = 0; j < L; j++)
            {
                double mu = head![j], lv = head[L + j];
                var reg = config.Regularizer switch
                {
                    RegularizerKind.Kl => 0.5 * (mu * mu + Math.Exp(lv) - 1 - lv),
                    RegularizerKind.Euclidean => mu * mu + Math.Pow(Math.Exp(lv) - 1, 2),
                    _ => 0,
                };
                total += config.Beta * reg;
            }
        }

        return total;
    }

    public static TheoryData<RegularizerKind, Activation, int> GradientCases => new()
    {
        { RegularizerKind.Kl, Activation.Relu, 1 },
        { RegularizerKind.Kl, Activation.Relu, 2 },
        { RegularizerKind.Euclidean, Activation.Tanh, 2 },
        { RegularizerKind.None, Activation.Sigmoid, 1 },
        { RegularizerKind.Kl, Activation.Elu, 3 },
    };

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void NetworkGradientMatchesFiniteDifferencesOfADoubleReference(RegularizerKind regularizer, Activation activation, int threads)
    {
        var config = Small(regularizer, activation);
        using var vae = new VariationalAutoencoder(config, threads);
        var data = TestData.Random(10, 4, 5, seed: 5);
        int[] indices = [3, 1, 4, 1, 5, 9, 2];
        var random = new Random(6);
        var eps = Enumerable.Range(0, indices.Length * config.Latent).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var gradient = new float[vae.ParameterCount];
        var sums = vae.LossAndGradient(data, indices, eps, gradient);

        var p = vae.GetParameters().Select(v => (double)v).ToArray();
        var reference = ReferenceLoss(config, p, data, indices, eps);
        Assert.True(Math.Abs(sums.Total - reference) < 1e-5 * Math.Abs(reference), $"loss {sums.Total} vs reference {reference}");

        // Every parameter of the small network, each against a central difference in double precision.
        for (var k = 0; k < p.Length; k++)
        {
            var fd = KernelTests.FiniteDifference(p, k, 1e-6, () => ReferenceLoss(config, p, data, indices, eps));
            Assert.True(Math.Abs(fd - gradient[k]) <= 2e-4 * (1 + Math.Abs(fd)), $"parameter {k}: analytic {gradient[k]} vs finite difference {fd}");
        }
    }

    [Fact]
    public void AdamStepMatchesAHandComputedStep()
    {
        var config = new VaeConfig { LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8 };
        float[] p = [1f, -2f, 0.5f];
        float[] m = [0f, 0f, 0f];
        float[] v = [0f, 0f, 0f];
        float[] g1 = [0.1f, -0.3f, 2f];
        float[] g2 = [0.2f, 0.1f, -1f];
        VariationalAutoencoder.AdamUpdate(p, m, v, g1, 1, config);
        VariationalAutoencoder.AdamUpdate(p, m, v, g2, 2, config);

        for (var i = 0; i < 3; i++)
        {
            double pe = new[] { 1.0, -2.0, 0.5 }[i], me = 0, ve = 0;
            var grads = new[] { (double)g1[i], g2[i] };
            for (var t = 1; t <= 2; t++)
            {
                var g = grads[t - 1];
                me = 0.9 * me + 0.1 * g;
                ve = 0.999 * ve + 0.001 * g * g;
                var mHat = me / (1 - Math.Pow(0.9, t));
                var vHat = ve / (1 - Math.Pow(0.999, t));
                pe -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }

            Assert.Equal(pe, p[i], 5);
            Assert.Equal(me, m[i], 6);
            Assert.True(Math.Abs(ve - v[i]) <= 1e-6 * ve, $"v {v[i]} vs {ve}");
        }

        // The first Adam step moves each parameter by about lr, whatever the gradient's size.
        Assert.Equal(1.0 - 0.01 - 0.01 * (0.9 * 0.1 * 0.1 + 0.1 * 0.2) / 0.19 / Math.Sqrt((0.999 * 0.001 * 0.01 + 0.001 * 0.04) / (1 - 0.998001)), p[0], 4);
    }

    [Fact]
    public void ShortTrainingRunDecreasesTheLoss()
    {
        var config = Small() with { Hidden = [32, 16], Latent = 2, BatchSize = 32, LearningRate = 3e-3, Beta = 1f };
        var all = TestData.Prototypes(640, 4, 5, seed: 7);
        var train = all.Slice(0, 512);
        var test = all.Slice(512, 128);
        using var vae = new VariationalAutoencoder(config, threads: 2);
        var before = vae.Evaluate(test).PerImage;
        var progressCalls = 0;
        EpochMetrics? first = null, last = null;
        for (var e = 0; e < 15; e++)
        {
            last = vae.TrainEpoch(train, test, _ => progressCalls++);
            first ??= last;
        }

        Assert.Equal(15 * 16, progressCalls);
        Assert.Equal(15, vae.EpochsCompleted);
        Assert.Equal(15 * 16, vae.Step);
        Assert.True(last!.TestLoss < 0.8 * before, $"test loss {before} → {last.TestLoss}");
        Assert.True(last.TrainLoss < first!.TrainLoss, $"train loss {first.TrainLoss} → {last.TrainLoss}");
        Assert.True(double.IsFinite(last.TestRegularizer) && last.TestRegularizer > 0);
        Assert.Equal(last.TestReconstruction + last.TestRegularizer, last.TestLoss, 6);
    }

    [Fact]
    public void SameSeedGivesTheSameWeightsAndAnotherSeedDoesNot()
    {
        var data = TestData.Random(50, 4, 5, seed: 9);
        float[] Train(ulong seed)
        {
            using var vae = new VariationalAutoencoder(Small(seed: seed), threads: 2);
            vae.TrainEpoch(data);
            vae.TrainEpoch(data);
            return vae.GetParameters();
        }

        var a = Train(11);
        var b = Train(11);
        var c = Train(12);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void CheckpointRoundTripIsBitIdenticalAndResumesExactly()
    {
        var data = TestData.Random(40, 4, 5, seed: 10);
        using var original = new VariationalAutoencoder(Small(RegularizerKind.Euclidean, Activation.Tanh), threads: 2);
        original.TrainEpoch(data, data);
        original.TrainEpoch(data, data);

        var first = new MemoryStream();
        original.Save(first);
        first.Position = 0;
        using var loaded = VariationalAutoencoder.Load(first, "memory", threads: 2);
        var second = new MemoryStream();
        loaded.Save(second);

        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(original.GetParameters(), loaded.GetParameters());
        Assert.Equal(original.Config.Describe(), loaded.Config.Describe());
        Assert.Equal(original.Step, loaded.Step);
        Assert.Equal(original.History, loaded.History);

        // Training on from the checkpoint is the same as never having stopped.
        original.TrainEpoch(data, data);
        loaded.TrainEpoch(data, data);
        Assert.Equal(original.GetParameters(), loaded.GetParameters());
        Assert.Equal(original.History[^1].TestLoss, loaded.History[^1].TestLoss);
    }

    [Fact]
    public void CheckpointFileRoundTripAndDamagedFilesAreClearErrors()
    {
        var dir = TestData.TempFolder();
        try
        {
            var path = Path.Combine(dir, "sub", "model.ckpt");
            using (var vae = new VariationalAutoencoder(Small(), threads: 1))
            {
                vae.Save(path);
            }

            using (var loaded = VariationalAutoencoder.Load(path))
            {
                Assert.Equal(3, loaded.Config.Latent);
            }

            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 10).ToArray());
            var truncated = Assert.Throws<DataFileException>(() => VariationalAutoencoder.Load(path));
            Assert.Contains(path, truncated.Message);

            File.WriteAllBytes(path, "not a checkpoint at all"u8.ToArray());
            Assert.Contains("not a SymKl VAE checkpoint", Assert.Throws<DataFileException>(() => VariationalAutoencoder.Load(path)).Message);
            Assert.Throws<DataFileException>(() => VariationalAutoencoder.Load(Path.Combine(dir, "missing.ckpt")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TrainingStepDoesNotAllocate()
    {
        var config = new VaeConfig { Hidden = [100, 100], Latent = 2, BatchSize = 128 };
        var data = TestData.Random(256, 28, 28, seed: 11);
        using var vae = new VariationalAutoencoder(config, threads: 2);
        var indices = Enumerable.Range(0, 128).ToArray();
        for (var i = 0; i < 3; i++)
        {
            vae.TrainBatch(data, indices);
        }

        var workerBefore = vae.WorkerAllocatedBytes;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 6; i++)
        {
            vae.TrainBatch(data, indices.AsSpan(i % 2 * 50, 128 - i % 2 * 50));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(workerBefore, vae.WorkerAllocatedBytes);
    }

    [Fact]
    public void EncodeAndDecodeHaveTheRightShapes()
    {
        var config = Small();
        var data = TestData.Random(19, 4, 5, seed: 12);
        using var vae = new VariationalAutoencoder(config, threads: 2);
        var (mu, logVar) = vae.Encode(data);
        Assert.Equal(19 * 3, mu.Length);
        Assert.Equal(19 * 3, logVar.Length);
        var images = vae.Decode(mu);
        Assert.Equal(19 * 20, images.Length);
        Assert.All(images, v => Assert.InRange(v, 0f, 1f));

        // Encoding agrees with the μ that evaluation reports, and with a single-thread model.
        var muFromEvaluation = new float[mu.Length];
        vae.Evaluate(data, 0, muFromEvaluation);
        Assert.Equal(mu, muFromEvaluation);
        using var single = new VariationalAutoencoder(config, threads: 1);
        Assert.Equal(mu, single.Encode(data).Mu);
    }

    [Fact]
    public void BadConfigurationAndBatchesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new VariationalAutoencoder(Small() with { Latent = 0 }));
        Assert.Throws<ArgumentException>(() => new VariationalAutoencoder(Small() with { Hidden = [] }));
        Assert.Throws<ArgumentException>(() => new VariationalAutoencoder(Small() with { LearningRate = -1 }));
        using var vae = new VariationalAutoencoder(Small(batch: 4), threads: 1);
        var data = TestData.Random(10, 4, 5, seed: 13);
        Assert.Throws<ArgumentException>(() => vae.TrainBatch(data, [0, 1, 2, 3, 4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => vae.TrainBatch(data, [0, 10]));
        Assert.Throws<ArgumentException>(() => vae.TrainBatch(TestData.Random(10, 5, 5, seed: 1), [0]));
    }

    [Fact]
    public void SeedArchitectureHasTheSeedsParameterCount()
    {
        using var vae = new VariationalAutoencoder(new VaeConfig(), threads: 1);

        // 784·100+100 + 100·100+100 + 100·4+4 + 2·100+100 + 100·100+100 + 100·784+784
        Assert.Equal(178_588, vae.ParameterCount);
        var p = vae.GetParameters();
        Assert.All(p.AsSpan(0, 78_400).ToArray(), w => Assert.InRange(w, -1 / 28f, 1 / 28f));
    }

    private sealed class CountingKl : IVaeRegularizer
    {
        private readonly DiagonalNormalKl _inner = new();

        public int Calls { get; private set; }

        public string Name => "kl";

        public float ValueAndGradient(ReadOnlySpan<float> mu, ReadOnlySpan<float> logVar, Span<float> dMu, Span<float> dLogVar)
        {
            Calls++;
            return _inner.ValueAndGradient(mu, logVar, dMu, dLogVar);
        }
    }

    [Fact]
    public void AnInjectedRegularizerIsUsedAndGivesTheSameResult()
    {
        var data = TestData.Random(24, 4, 5, seed: 14);
        var counting = new CountingKl();
        using var injected = new VariationalAutoencoder(Small(), threads: 1, regularizer: counting);
        using var builtIn = new VariationalAutoencoder(Small(), threads: 1);
        injected.TrainEpoch(data);
        builtIn.TrainEpoch(data);
        Assert.Equal(3, counting.Calls);
        Assert.Equal(builtIn.GetParameters(), injected.GetParameters());
    }
}
