using System.Buffers.Binary;
using System.Security.Cryptography;
using SymKl.Vae.Data;
using SymKl.Vae.Regularizers;

namespace SymKl.Vae.Tests;

/// <summary>Checkpoints are read only when they are exactly what was written: checksum, sizes, finite weights.</summary>
public sealed class CheckpointTests
{
    private const float Sentinel = 12345.678f;

    private static VaeConfig Small => new() { ImageRows = 4, ImageColumns = 5, Hidden = [7, 5], Latent = 3, BatchSize = 8, LearningRate = 1e-2, Seed = 4 };

    /// <summary>A trained small model's checkpoint whose first parameter is <see cref="Sentinel"/>, and where that parameter starts.</summary>
    private static (byte[] Bytes, int ParametersAt) Checkpoint(VaeConfig? config = null)
    {
        using var vae = new VariationalAutoencoder(config ?? Small, threads: 1);
        vae.TrainEpoch(TestData.Random(20, 4, 5, seed: 1), TestData.Random(6, 4, 5, seed: 2));
        var p = vae.GetParameters();
        p[0] = Sentinel;
        vae.SetParameters(p);
        var stream = new MemoryStream();
        vae.Save(stream);
        var bytes = stream.ToArray();
        var sentinel = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(sentinel, Sentinel);
        return (bytes, bytes.AsSpan().IndexOf(sentinel));
    }

    /// <summary>Recomputes the trailing SHA-256, as a file crafted (not damaged) would carry it.</summary>
    private static byte[] Rehash(byte[] bytes)
    {
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);
        return bytes;
    }

    private static DataFileException Refused(byte[] bytes) =>
        Assert.Throws<DataFileException>(() => VariationalAutoencoder.Load(new MemoryStream(bytes), "model.ckpt", threads: 1));

    [Fact]
    public void EveryFlippedBitIsRefused()
    {
        var (bytes, _) = Checkpoint();
        for (var i = 0; i < bytes.Length; i++)
        {
            foreach (var bit in new[] { 0x01, 0x80 })
            {
                var damaged = (byte[])bytes.Clone();
                damaged[i] ^= (byte)bit;
                var message = Refused(damaged).Message;
                Assert.Contains("model.ckpt", message);
                if (i >= 12)
                {
                    Assert.Contains("checksum", message);
                }
            }
        }
    }

    [Fact]
    public void TwoThousandChangedBytesOfTheSeedModelAreRefused()
    {
        using var vae = new VariationalAutoencoder(new VaeConfig(), threads: 1);
        var stream = new MemoryStream();
        vae.Save(stream);
        var bytes = stream.ToArray();
        var random = new Random(5);
        for (var k = 0; k < 2000; k++)
        {
            bytes[12 + random.Next(bytes.Length - 12)] ^= (byte)(1 + random.Next(255));
        }

        Assert.Contains("checksum does not match", Refused(bytes).Message);
    }

    [Fact]
    public void NonFiniteWeightsAreRefusedEvenWithAValidChecksum()
    {
        foreach (var bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            var (bytes, at) = Checkpoint();
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), bad);
            var message = Refused(Rehash(bytes)).Message;
            Assert.Contains("not finite", message);
            Assert.Contains("diverged", message);
        }
    }

    [Fact]
    public void AModelWithNonFiniteWeightsIsNotSaved()
    {
        using var vae = new VariationalAutoencoder(Small, threads: 1);
        var p = vae.GetParameters();
        p[^1] = float.NaN;
        vae.SetParameters(p);
        Assert.Throws<InvalidOperationException>(() => vae.Save(new MemoryStream()));
    }

    [Fact]
    public void DeclaredSizesThatDoNotFitTheFileAreRefused()
    {
        var (bytes, at) = Checkpoint();
        var declared = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at - 4));

        // The parameter count, and a layer width that makes the configuration need far more bytes than the file has.
        var more = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(more.AsSpan(at - 4), declared + 1);
        Assert.Contains($"declares {declared + 1} parameters", Refused(Rehash(more)).Message);
        var wide = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(wide.AsSpan(8 + 4 + 12), 60_000); // the first hidden width
        Assert.Contains("declares", Refused(Rehash(wide)).Message);

        // The history count: more epochs than the bytes after the weights hold.
        var historyAt = at + 3 * declared * sizeof(float);
        var history = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(history.AsSpan(historyAt), 1_000);
        Assert.Contains("epochs of history", Refused(Rehash(history)).Message);
    }

    [Fact]
    public void ExtremeValuesInAnyHeaderFieldLoadOrAreRefusedCleanly()
    {
        // Every 4-byte word of the header (all fields are 4 or 8 bytes) set to extreme values, with a valid
        // checksum: the result is a model or a DataFileException, never another exception or a huge allocation.
        var (bytes, at) = Checkpoint();
        int[] values = [0, -1, 1, 3, int.MinValue, int.MaxValue, 1 << 16, 0x7FC00000 /* NaN as float */];
        for (var offset = 12; offset < at; offset += 4)
        {
            foreach (var value in values)
            {
                var crafted = (byte[])bytes.Clone();
                BinaryPrimitives.WriteInt32LittleEndian(crafted.AsSpan(offset), value);
                try
                {
                    VariationalAutoencoder.Load(new MemoryStream(Rehash(crafted)), "model.ckpt", threads: 1).Dispose();
                }
                catch (DataFileException ex)
                {
                    Assert.Contains("model.ckpt", ex.Message);
                }
            }
        }
    }

    [Fact]
    public void VersionOneCheckpointsAreRefusedWithHowToRetrain()
    {
        var (bytes, _) = Checkpoint();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 1);
        var message = Refused(bytes).Message;
        Assert.Contains("version 1", message);
        Assert.Contains("symkl vae train", message);
    }

    [Fact]
    public void ACheckpointSavedInTheMiddleOfAnEpochKeepsItsProgress()
    {
        var data = TestData.Random(40, 4, 5, seed: 8);
        using var vae = new VariationalAutoencoder(Small, threads: 2);
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => vae.TrainEpoch(data, data, p =>
        {
            if (p.Batch == 3)
            {
                stop.Cancel();
            }
        }, stop.Token));
        Assert.Equal(3, vae.EpochInProgress.BatchesDone);
        Assert.Equal(40, vae.EpochInProgress.TrainImages);
        Assert.Equal(0, vae.EpochsCompleted);

        var stream = new MemoryStream();
        vae.Save(stream);
        using var loaded = VariationalAutoencoder.Load(new MemoryStream(stream.ToArray()), "memory", threads: 2);
        Assert.Equal(vae.EpochInProgress, loaded.EpochInProgress);
        Assert.Equal(vae.Step, loaded.Step);
    }

    [Fact]
    public void ConfigurationsTooLargeToAllocateAreRejectedBeforeAllocating()
    {
        var ex = Assert.Throws<ArgumentException>(() => new VariationalAutoencoder(new VaeConfig { Hidden = [65536, 65536] }, threads: 1));
        Assert.Contains("parameters", ex.Message);
        Assert.Throws<ArgumentException>(() => new VaeConfig { ImageRows = 1 << 16, ImageColumns = 1 << 16 }.Validate());
    }

    [Fact]
    public void CheckpointsOfEveryRegularizerRoundTrip()
    {
        foreach (var kind in Enum.GetValues<RegularizerKind>())
        {
            var (bytes, _) = Checkpoint(Small with { Regularizer = kind });
            using var loaded = VariationalAutoencoder.Load(new MemoryStream(bytes), "model.ckpt", threads: 1);
            Assert.Equal(kind, loaded.Config.Regularizer);
            Assert.Equal(Sentinel, loaded.GetParameters()[0]);
        }
    }
}
