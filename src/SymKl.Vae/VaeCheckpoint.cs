using System.Text;
using SymKl.Vae.Data;
using SymKl.Vae.Regularizers;

namespace SymKl.Vae;

public sealed partial class VariationalAutoencoder
{
    private static readonly byte[] Magic = "SYMKLVAE"u8.ToArray();
    private static readonly byte[] Trailer = "END!"u8.ToArray();
    private const int FormatVersion = 1;

    /// <summary>
    /// Writes a checkpoint: configuration, step and epoch counters, parameters, Adam's moments and the
    /// per-epoch metrics, little-endian float32/float64. Loading it and training on gives the same
    /// result, bit for bit, as never having stopped (with the same thread count).
    /// </summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            Save(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public void Save(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
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
        w.Write(ParameterCount);
        var logical = new float[ParameterCount];
        foreach (var buffer in new[] { _parameters, _adamM, _adamV })
        {
            _layout.Pack(buffer.Span, logical);
            foreach (var value in logical)
            {
                w.Write(value);
            }
        }

        w.Write(_history.Count);
        foreach (var e in _history)
        {
            w.Write(e.Epoch);
            w.Write(e.TrainLoss);
            w.Write(e.TrainReconstruction);
            w.Write(e.TrainRegularizer);
            w.Write(e.TestLoss);
            w.Write(e.TestReconstruction);
            w.Write(e.TestRegularizer);
            w.Write(e.Seconds);
        }

        w.Write(Trailer);
    }

    /// <summary>Loads a checkpoint written by <see cref="Save(string)"/>; a bad file is a <see cref="DataFileException"/>.</summary>
    public static VariationalAutoencoder Load(string path, int threads = 0)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Load(stream, path, threads);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"Cannot read the checkpoint '{path}': {ex.Message}", ex);
        }
    }

    public static VariationalAutoencoder Load(Stream stream, string name, int threads = 0)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new DataFileException($"'{name}' is not a SymKl VAE checkpoint.");
            }

            var version = r.ReadInt32();
            if (version != FormatVersion)
            {
                throw new DataFileException($"'{name}' is a checkpoint of format version {version}; this build reads version {FormatVersion}.");
            }

            var rows = r.ReadInt32();
            var columns = r.ReadInt32();
            var hiddenCount = r.ReadInt32();
            if (hiddenCount is <= 0 or > 64)
            {
                throw new DataFileException($"'{name}' is damaged (implausible layer count {hiddenCount}).");
            }

            var hidden = new int[hiddenCount];
            for (var i = 0; i < hidden.Length; i++)
            {
                hidden[i] = r.ReadInt32();
            }

            var config = new VaeConfig
            {
                ImageRows = rows,
                ImageColumns = columns,
                Hidden = hidden,
                Latent = r.ReadInt32(),
                Activation = (Activation)r.ReadInt32(),
                Regularizer = (RegularizerKind)r.ReadInt32(),
                Beta = r.ReadSingle(),
                LearningRate = r.ReadDouble(),
                Beta1 = r.ReadDouble(),
                Beta2 = r.ReadDouble(),
                Epsilon = r.ReadDouble(),
                BatchSize = r.ReadInt32(),
                Seed = r.ReadUInt64(),
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

            var step = r.ReadInt64();
            var epochs = r.ReadInt32();
            var count = r.ReadInt32();
            var model = new VariationalAutoencoder(config, threads);
            try
            {
                if (count != model.ParameterCount || step < 0 || epochs < 0)
                {
                    throw new DataFileException($"'{name}' is damaged (it declares {count} parameters; its configuration has {model.ParameterCount}).");
                }

                var logical = new float[count];
                foreach (var buffer in new[] { model._parameters, model._adamM, model._adamV })
                {
                    var bytes = r.ReadBytes(count * sizeof(float));
                    if (bytes.Length != count * sizeof(float))
                    {
                        throw new EndOfStreamException();
                    }

                    for (var i = 0; i < count; i++)
                    {
                        logical[i] = BitConverter.ToSingle(bytes, i * sizeof(float));
                    }

                    model._layout.Unpack(logical, buffer.Span);
                }

                var historyCount = r.ReadInt32();
                if (historyCount < 0 || historyCount > 1_000_000)
                {
                    throw new DataFileException($"'{name}' is damaged (implausible history length).");
                }

                for (var i = 0; i < historyCount; i++)
                {
                    model._history.Add(new EpochMetrics(r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble()));
                }

                if (!r.ReadBytes(Trailer.Length).AsSpan().SequenceEqual(Trailer))
                {
                    throw new DataFileException($"'{name}' is damaged (no end marker).");
                }

                model.Step = step;
                model.EpochsCompleted = epochs;
                return model;
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        catch (EndOfStreamException ex)
        {
            throw new DataFileException($"'{name}' is truncated.", ex);
        }
    }
}
