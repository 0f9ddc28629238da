using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SymKl.Vae.Data;
using SymKl.Vae.Regularizers;

namespace SymKl.Vae;

/// <summary>
/// Checkpoint files, format version 2 (little-endian):
/// <code>
///   "SYMKLVAE" · int32 version
///   configuration: rows, columns, hidden count, hidden widths, latent, activation, regularizer (int32);
///                  β (float32); learning rate, β1, β2, ε (float64); batch size (int32); seed (uint64)
///   step (int64) · epochs completed (int32)
///   epoch in progress: batches done, training images (int32); reconstruction, regularizer, total (float64);
///                      images seen (int32); seconds (float64)
///   parameter count N (int32) · parameters, Adam's m, Adam's v (N float32 each)
///   history count H (int32) · H × (epoch int32, 7 float64)
///   "END!" · SHA-256 of every byte before it (32 bytes)
/// </code>
/// A file is read only if its checksum matches, every declared size fits the file and every weight is
/// finite. Version 1 files (no checksum) are refused with a message that says to train again.
/// </summary>
public sealed partial class VariationalAutoencoder
{
    private static readonly byte[] Magic = "SYMKLVAE"u8.ToArray();
    private static readonly byte[] Trailer = "END!"u8.ToArray();
    private const int FormatVersion = 2;
    private const int ChecksumLength = 32;
    private const int HistoryEntryLength = sizeof(int) + 7 * sizeof(double);

    /// <summary>
    /// Writes a checkpoint: configuration, step and epoch counters, the part of an epoch in progress,
    /// parameters, Adam's moments and the per-epoch metrics, with a checksum. Loading it and training on
    /// gives the same result, bit for bit, as never having stopped (with the same thread count). The file
    /// is written beside the target and then moved over it, so an earlier checkpoint is never left half-written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model diverged: its parameters are not finite.</exception>
    public void Save(string path)
    {
        var bytes = Serialize();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    public void Save(Stream stream) => stream.Write(Serialize());

    private byte[] Serialize()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfDiverged();
        if (!ParametersAreFinite())
        {
            throw new InvalidOperationException("The model's parameters are not finite; it is not saved.");
        }

        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            var c = Config;
            w.Write(c.ImageRows);
            w.Write(c.ImageColumns);
            w.Write(c.Hidden.Count);
            foreach (var h in c.Hidden)
            {
                w.Write(h);
            }

            w.Write(c.Latent);
            w.Write((int)c.Activation);
            w.Write((int)c.Regularizer);
            w.Write(c.Beta);
            w.Write(c.LearningRate);
            w.Write(c.Beta1);
            w.Write(c.Beta2);
            w.Write(c.Epsilon);
            w.Write(c.BatchSize);
            w.Write(c.Seed);
            w.Write(Step);
            w.Write(EpochsCompleted);
            var e = _epochInProgress;
            w.Write(e.BatchesDone);
            w.Write(e.TrainImages);
            w.Write(e.Reconstruction);
            w.Write(e.Regularizer);
            w.Write(e.Total);
            w.Write(e.Seen);
            w.Write(e.Seconds);
            w.Write(ParameterCount);
            var logical = new float[ParameterCount];
            foreach (var source in new[] { _parameters, _adamM, _adamV })
            {
                _layout.Pack(source.Span, logical);
                foreach (var value in logical)
                {
                    w.Write(value);
                }
            }

            w.Write(_history.Count);
            foreach (var h in _history)
            {
                w.Write(h.Epoch);
                w.Write(h.TrainLoss);
                w.Write(h.TrainReconstruction);
                w.Write(h.TrainRegularizer);
                w.Write(h.TestLoss);
                w.Write(h.TestReconstruction);
                w.Write(h.TestRegularizer);
                w.Write(h.Seconds);
            }

            w.Write(Trailer);
        }

        var length = (int)buffer.Length;
        buffer.Write(SHA256.HashData(buffer.GetBuffer().AsSpan(0, length)));
        return buffer.ToArray();
    }

    /// <summary>Loads a checkpoint written by <see cref="Save(string)"/>; a bad file is a <see cref="DataFileException"/>.</summary>
    public static VariationalAutoencoder Load(string path, int threads = 0)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataFileException($"Cannot read the checkpoint '{path}': {ex.Message}", ex);
        }

        return Load(bytes, path, threads);
    }

    public static VariationalAutoencoder Load(Stream stream, string name, int threads = 0)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Load(copy.ToArray(), name, threads);
    }

    private static VariationalAutoencoder Load(byte[] bytes, string name, int threads)
    {
        var retrain = "Train the model again with 'symkl vae train'.";
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new DataFileException($"'{name}' is not a SymKl VAE checkpoint.");
        }

        if (bytes.Length < Magic.Length + sizeof(int) + Trailer.Length + ChecksumLength)
        {
            throw new DataFileException($"'{name}' is truncated ({bytes.Length} bytes).");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (version == 1)
        {
            throw new DataFileException($"'{name}' is a checkpoint of format version 1, written before checkpoints carried a checksum; this build reads only version {FormatVersion}. {retrain}");
        }

        if (version != FormatVersion)
        {
            throw new DataFileException($"'{name}' is a checkpoint of format version {version}; this build reads version {FormatVersion}.");
        }

        var body = bytes.AsSpan(0, bytes.Length - ChecksumLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(body.Length)))
        {
            throw new DataFileException($"'{name}' is damaged: its checksum does not match its contents (bytes were changed, lost or added). {retrain}");
        }

        var r = new CheckpointReader(bytes, body.Length, Magic.Length + sizeof(int), name);
        var rows = r.Int32();
        var columns = r.Int32();
        var hiddenCount = r.Int32();
        if (hiddenCount is <= 0 or > 64)
        {
            throw new DataFileException($"'{name}' is damaged (implausible layer count {hiddenCount}).");
        }

        var hidden = new int[hiddenCount];
        for (var i = 0; i < hidden.Length; i++)
        {
            hidden[i] = r.Int32();
        }

        var config = new VaeConfig
        {
            ImageRows = rows,
            ImageColumns = columns,
            Hidden = hidden,
            Latent = r.Int32(),
            Activation = (Activation)r.Int32(),
            Regularizer = (RegularizerKind)r.Int32(),
            Beta = r.Single(),
            LearningRate = r.Double(),
            Beta1 = r.Double(),
            Beta2 = r.Double(),
            Epsilon = r.Double(),
            BatchSize = r.Int32(),
            Seed = r.UInt64(),
        };
        if (!Enum.IsDefined(config.Activation) || !Enum.IsDefined(config.Regularizer))
        {
            throw new DataFileException($"'{name}' is damaged (unknown activation or regularizer).");
        }

        try
        {
            config.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new DataFileException($"'{name}' is damaged: {ex.Message}", ex);
        }

        var step = r.Int64();
        var epochs = r.Int32();
        var progress = new EpochProgress(r.Int32(), r.Int32(), r.Double(), r.Double(), r.Double(), r.Int32(), r.Double());
        if (step < 0 || epochs < 0 || !Plausible(progress, config.BatchSize))
        {
            throw new DataFileException($"'{name}' is damaged (implausible step, epoch or epoch-in-progress counters).");
        }

        // Every declared size is checked against the bytes that are there before anything is allocated.
        var declared = r.Int32();
        var (expected, _) = VaeLayout.Sizes(config);
        if (declared != expected)
        {
            throw new DataFileException($"'{name}' is damaged: it declares {declared} parameters; its configuration has {expected}.");
        }

        var weightBytes = 3L * declared * sizeof(float);
        if (r.Remaining < weightBytes + sizeof(int) + Trailer.Length)
        {
            throw new DataFileException($"'{name}' is damaged: it declares {declared} parameters ({weightBytes} bytes of weights and Adam moments) but holds only {r.Remaining} bytes after its header.");
        }

        var historyAt = r.Position + (int)weightBytes;
        var historyCount = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(historyAt));
        if (historyCount < 0 || r.Remaining - weightBytes - sizeof(int) - Trailer.Length != (long)historyCount * HistoryEntryLength)
        {
            throw new DataFileException($"'{name}' is damaged: it declares {historyCount} epochs of history, which do not fit the {r.Remaining - weightBytes - sizeof(int) - Trailer.Length} bytes left for them.");
        }

        var model = new VariationalAutoencoder(config, threads);
        try
        {
            var logical = new float[declared];
            foreach (var target in new[] { model._parameters, model._adamM, model._adamV })
            {
                for (var i = 0; i < logical.Length; i++)
                {
                    logical[i] = r.Single();
                    if (!float.IsFinite(logical[i]))
                    {
                        throw new DataFileException($"'{name}' holds weights that are not finite (NaN or ∞): it was saved from a training run that diverged. Train again with a smaller learning rate.");
                    }
                }

                model._layout.Unpack(logical, target.Span);
            }

            r.Int32(); // the history count, checked above
            for (var i = 0; i < historyCount; i++)
            {
                model._history.Add(new EpochMetrics(r.Int32(), r.Double(), r.Double(), r.Double(), r.Double(), r.Double(), r.Double(), r.Double()));
            }

            if (!r.Bytes(Trailer.Length).SequenceEqual(Trailer))
            {
                throw new DataFileException($"'{name}' is damaged (no end marker).");
            }

            model.Step = step;
            model.EpochsCompleted = epochs;
            model._epochInProgress = progress;
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static bool Plausible(EpochProgress p, int batchSize)
    {
        if (p.BatchesDone == 0)
        {
            return p == default;
        }

        return p.BatchesDone > 0 && p.TrainImages > 0
            && (long)p.BatchesDone * batchSize < p.TrainImages
            && p.Seen == p.BatchesDone * batchSize
            && double.IsFinite(p.Reconstruction) && double.IsFinite(p.Regularizer) && double.IsFinite(p.Total)
            && double.IsFinite(p.Seconds) && p.Seconds >= 0;
    }

    /// <summary>Reads little-endian values from a checkpoint's bytes; running past the end is a clear error.</summary>
    private sealed class CheckpointReader(byte[] bytes, int end, int position, string name)
    {
        public int Position { get; private set; } = position;

        public long Remaining => end - Position;

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count > Remaining)
            {
                throw new DataFileException($"'{name}' is truncated: it ends inside a value at byte {Position}.");
            }

            var span = bytes.AsSpan(Position, count);
            Position += count;
            return span;
        }

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(sizeof(int)));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(sizeof(long)));

        public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(sizeof(ulong)));

        public float Single() => BinaryPrimitives.ReadSingleLittleEndian(Bytes(sizeof(float)));

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Bytes(sizeof(double)));
    }
}
