using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SymKl.Vae.Imaging;

/// <summary>A minimal PNG encoder for 8-bit grayscale images (no native dependencies, deterministic output).</summary>
public static class PngWriter
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Writes <paramref name="pixels"/> (row-major, one byte per pixel) as a grayscale PNG.</summary>
    public static void WriteGrayscale(string path, int width, int height, ReadOnlySpan<byte> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != width * height)
        {
            throw new ArgumentException("The pixel count does not match the size.", nameof(pixels));
        }

        using var output = File.Create(path);
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // grayscale
        WriteChunk(output, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter: none
                z.Write(pixels.Slice(y * width, width));
            }
        }

        WriteChunk(output, "IDAT", compressed.ToArray());
        WriteChunk(output, "IEND", []);
    }

    /// <summary>
    /// Tiles images (each <paramref name="rows"/>×<paramref name="columns"/> floats in [0, 1]) into a
    /// grid of <paramref name="gridColumns"/> columns, with a 1-pixel border, enlarged by <paramref name="scale"/>.
    /// Ink is drawn light on dark, as the dataset stores it (set <paramref name="invert"/> for dark on light).
    /// </summary>
    public static void WriteImageGrid(string path, ReadOnlySpan<float> images, int rows, int columns, int gridColumns, int scale = 2, bool invert = false)
    {
        var size = rows * columns;
        var count = images.Length / size;
        if (count == 0)
        {
            throw new ArgumentException("No images to draw.", nameof(images));
        }

        var gridRows = (count + gridColumns - 1) / gridColumns;
        var cellW = columns + 1;
        var cellH = rows + 1;
        var width = (gridColumns * cellW + 1) * scale;
        var height = (gridRows * cellH + 1) * scale;
        var pixels = new byte[width * height];
        pixels.AsSpan().Fill(96);
        for (var n = 0; n < count; n++)
        {
            var ox = (n % gridColumns * cellW + 1) * scale;
            var oy = (n / gridColumns * cellH + 1) * scale;
            for (var y = 0; y < rows * scale; y++)
            {
                for (var x = 0; x < columns * scale; x++)
                {
                    var v = Math.Clamp(images[n * size + y / scale * columns + x / scale], 0f, 1f);
                    var b = (byte)MathF.Round(255f * (invert ? 1f - v : v));
                    pixels[(oy + y) * width + ox + x] = b;
                }
            }
        }

        WriteGrayscale(path, width, height, pixels);
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = Crc(typeBytes, data);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc);
        output.Write(buffer);
    }

    private static uint Crc(byte[] type, byte[] data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in type)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        foreach (var b in data)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
