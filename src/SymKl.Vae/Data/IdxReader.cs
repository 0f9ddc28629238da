using System.Buffers.Binary;
using System.IO.Compression;

namespace SymKl.Vae.Data;

/// <summary>A data file that is missing, unreadable or not what it claims to be.</summary>
public sealed class DataFileException : Exception
{
    public DataFileException(string message)
        : base(message)
    {
    }

    public DataFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>An IDX array of unsigned bytes (the MNIST file format): its shape and its data.</summary>
public sealed class IdxArray
{
    public IdxArray(int[] shape, byte[] data)
    {
        Shape = shape;
        Data = data;
    }

    public int[] Shape { get; }

    public byte[] Data { get; }
}

/// <summary>
/// Reads IDX files of unsigned bytes, plain or gzip-compressed (detected from the content, not the
/// name). Format: two zero bytes, a type byte (0x08 = unsigned byte), the number of dimensions,
/// then each dimension as a big-endian 32-bit integer, then the data in row-major order.
/// </summary>
public static class IdxReader
{
    private const int MaxElements = 1 << 30;

    public static IdxArray Read(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            if (file.Length == 0)
            {
                throw new DataFileException($"'{path}' is empty (0 bytes).");
            }

            var first = file.ReadByte();
            var second = file.ReadByte();
            file.Position = 0;
            if (first == 0x1F && second == 0x8B)
            {
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                using var buffered = new BufferedStream(gzip, 1 << 16);
                return ReadStream(buffered, path);
            }

            return ReadStream(file, path);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFileException($"'{path}' is a damaged gzip file: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"Cannot read '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Reads the header, then the data straight into an array of the declared size.</summary>
    private static IdxArray ReadStream(Stream stream, string path)
    {
        Span<byte> magic = stackalloc byte[4];
        var got = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (got == 0)
        {
            throw new DataFileException($"'{path}' is empty (no data after decompression).");
        }

        if (got < 4)
        {
            Parse(magic[..got], path); // reports the wrong magic or the truncation
        }

        var dims = magic[3];
        var header = new byte[4 + 4 * Math.Min((int)dims, 8)];
        magic.CopyTo(header);
        var headerRead = 4 + stream.ReadAtLeast(header.AsSpan(4), header.Length - 4, throwOnEndOfStream: false);
        var (shape, count) = ParseHeader(header.AsSpan(0, headerRead), path);
        var data = new byte[count];
        var read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
        {
            throw new DataFileException($"'{path}' is truncated: its header declares {count} bytes of data, the file has {read}.");
        }

        if (stream.ReadByte() >= 0)
        {
            throw new DataFileException($"'{path}' has more bytes after the {count} bytes of data its header declares.");
        }

        return new IdxArray(shape, data);
    }

    internal static IdxArray Parse(ReadOnlySpan<byte> raw, string path)
    {
        var (shape, count) = ParseHeader(raw, path);
        var headerLength = 4 + 4 * shape.Length;
        var available = raw.Length - headerLength;
        if (available < count)
        {
            throw new DataFileException($"'{path}' is truncated: its header declares {count} bytes of data, the file has {available}.");
        }

        if (available > count)
        {
            throw new DataFileException($"'{path}' has {available - count} bytes after the {count} bytes of data its header declares.");
        }

        return new IdxArray(shape, raw.Slice(headerLength).ToArray());
    }

    private static (int[] Shape, int Count) ParseHeader(ReadOnlySpan<byte> raw, string path)
    {
        if (raw.Length < 4 || raw[0] != 0 || raw[1] != 0)
        {
            throw new DataFileException($"'{path}' is not an IDX file (wrong magic number).");
        }

        if (raw[2] != 0x08)
        {
            throw new DataFileException($"'{path}' holds IDX type 0x{raw[2]:X2}; only unsigned bytes (0x08) are supported.");
        }

        int dims = raw[3];
        if (dims is < 1 or > 4)
        {
            throw new DataFileException($"'{path}' declares {dims} dimensions; expected 1 to 4.");
        }

        var headerLength = 4 + 4 * dims;
        if (raw.Length < headerLength)
        {
            throw new DataFileException($"'{path}' is truncated: the header needs {headerLength} bytes, the file has {raw.Length}.");
        }

        var shape = new int[dims];
        long count = 1;
        for (var d = 0; d < dims; d++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(raw.Slice(4 + 4 * d));
            if (size > MaxElements)
            {
                throw new DataFileException($"'{path}' declares an implausible dimension size {size}.");
            }

            shape[d] = (int)size;
            count *= size;
            if (count > MaxElements)
            {
                throw new DataFileException($"'{path}' declares more than {MaxElements} elements.");
            }
        }

        return (shape, (int)count);
    }
}
