using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using SymKl.Vae.Imaging;
using SymKl.Vae.Regularizers;

namespace SymKl.Vae.Tests;

public sealed class ExperimentTests : IDisposable
{
    private readonly string _dir = TestData.TempFolder();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PngWriterWritesAValidGrayscalePng()
    {
        var path = Path.Combine(_dir, "g.png");
        byte[] pixels = [0, 50, 100, 150, 200, 250];
        PngWriter.WriteGrayscale(path, 3, 2, pixels);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);

        // Walk the chunks: IHDR, IDAT, IEND, each with a valid CRC; inflate IDAT back to the pixels.
        var offset = 8;
        var types = new List<string>();
        var idat = new MemoryStream();
        while (offset < bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            types.Add(type);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 8 + length));
            Assert.Equal(Crc32(bytes.AsSpan(offset + 4, length + 4)), crc);
            if (type == "IHDR")
            {
                Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset + 8)));
                Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset + 12)));
            }
            else if (type == "IDAT")
            {
                idat.Write(bytes, offset + 8, length);
            }

            offset += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        Assert.Equal(new byte[] { 0, 0, 50, 100, 0, 150, 200, 250 }, raw.ToArray());
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
        }

        return c ^ 0xFFFFFFFFu;
    }

    [Fact]
    public void TrainWritesMetricsCheckpointAndPicturesAndResumes()
    {
        var all = TestData.Prototypes(300, 28, 28, seed: 21);
        var train = all.Slice(0, 200);
        var test = all.Slice(200, 100);
        var options = new VaeRunOptions
        {
            OutputFolder = _dir,
            Epochs = 2,
            Threads = 2,
            Config = new VaeConfig { Hidden = [16], Latent = 2, BatchSize = 50, LearningRate = 1e-3, Regularizer = RegularizerKind.Kl },
        };
        var epochs = new List<EpochMetrics>();
        var summary = VaeExperiment.Train(options, train, test, epochDone: epochs.Add);
        Assert.Equal(2, epochs.Count);
        foreach (var name in new[] { "metrics.json", "model.ckpt", "latent.png", "samples.png", "manifold.png", "loss.png" })
        {
            Assert.True(File.Exists(Path.Combine(_dir, name)), name);
        }

        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "metrics.json"))))
        {
            var root = json.RootElement;
            Assert.Equal(2, root.GetProperty("epochs").GetArrayLength());
            Assert.Equal("kl", root.GetProperty("config").GetProperty("regularizer").GetString());
            Assert.Equal(2, root.GetProperty("latentRange").GetProperty("min").GetArrayLength());
            Assert.Equal(200L * 784, root.GetProperty("compression").GetProperty("imageBytesUInt8").GetInt64());
            Assert.Equal(200L * 2 * 4, root.GetProperty("compression").GetProperty("latentBytesFloat32").GetInt64());
            Assert.True(root.GetProperty("epochs")[1].GetProperty("testLoss").GetDouble() > 0);
        }

        Assert.Equal(summary.History[^1].TestReconstruction + summary.TestKl, summary.TestNegativeElbo, 9);
        Assert.Equal(summary.History[^1].TestRegularizer, summary.TestKl, 1);

        // Resume: continues from the checkpoint up to the new epoch total, the same as an uninterrupted run.
        var resumed = VaeExperiment.Train(options with { Epochs = 3, Resume = true, Pictures = false }, train, test);
        Assert.Equal(3, resumed.History.Count);
        var straightDir = Path.Combine(_dir, "straight");
        var straight = VaeExperiment.Train(options with { OutputFolder = straightDir, Epochs = 3, Pictures = false }, train, test);
        Assert.Equal(straight.History.Select(h => h.TestLoss), resumed.History.Select(h => h.TestLoss));
        using var a = VariationalAutoencoder.Load(Path.Combine(straightDir, "model.ckpt"), threads: 2);
        using var b = VariationalAutoencoder.Load(Path.Combine(_dir, "model.ckpt"), threads: 2);
        Assert.Equal(a.GetParameters(), b.GetParameters());
        Assert.Equal(a.Step, b.Step);
    }

    [Fact]
    public void ComparisonMarkdownListsEveryRun()
    {
        var history = new[] { new EpochMetrics(1, 300, 290, 10, 280, 272, 8, 0.5) };
        var runs = new[] { RegularizerKind.Kl, RegularizerKind.None, RegularizerKind.Euclidean }
            .Select(k => new VaeRunSummary(new VaeConfig { Regularizer = k }, 2, history, [-1f, -2f], [3f, 4f], new CompressionFigures(10, 784, 2), 0, 0, "x") { TestKl = 8 })
            .ToList();
        var markdown = VaeExperiment.ComparisonMarkdown(runs);
        Assert.Contains("| kl | 280.00 | 272.00 | 8.00 | 8.00 | 280.00 | [-1.00, 3.00] | [-2.00, 4.00] |", markdown);
        Assert.Contains("| none |", markdown);
        Assert.Contains("| euclidean |", markdown);
    }

    [Fact]
    public void CompressionFiguresMatchTheSeed()
    {
        // The seed: 358.88671875 MB of images (float64) and 0.457763671875 MB of 2-D codes (float32).
        var c = new CompressionFigures(60000, 784, 2);
        Assert.Equal(358.88671875, c.ImageBytesFloat64 / 1048576.0, 9);
        Assert.Equal(0.457763671875, c.LatentBytesFloat32 / 1048576.0, 12);
        Assert.Equal(784, c.RatioFloat64, 9);
    }
}
