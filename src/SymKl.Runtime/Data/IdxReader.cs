using System.Buffers.Binary;
using System.IO.Compression;

namespace SymKl.Runtime.Data;

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
        byte[] raw;
        try
        {
            raw = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"Cannot read '{path}': {ex.Message}", ex);
        }

        if (raw.Length >= 2 && raw[0] == 0x1F && raw[1] == 0x8B)
        {
            try
            {
                using var input = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
                using var output = new MemoryStream();
                input.CopyTo(output);
                raw = output.ToArray();
            }
            catch (InvalidDataException ex)
            {
                throw new DataFileException($"'{path}' is a damaged gzip file: {ex.Message}", ex);
            }
        }

        return Parse(raw, path);
    }

    internal static IdxArray Parse(ReadOnlySpan<byte> raw, string path)
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

        var available = raw.Length - headerLength;
        if (available < count)
        {
            throw new DataFileException($"'{path}' is truncated: its header declares {count} bytes of data, the file has {available}.");
        }

        if (available > count)
        {
            throw new DataFileException($"'{path}' has {available - count} bytes after the {count} bytes its header declares.");
        }

        return new IdxArray(shape, raw.Slice(headerLength).ToArray());
    }
}
