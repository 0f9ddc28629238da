using System.Buffers.Binary;
using System.IO.Compression;

namespace SymKl.Vae.Imaging;

/// <summary>A decoded image as 8-bit luminance, row by row.</summary>
public sealed class GrayImage
{
    public GrayImage(int width, int height, byte[] pixels)
    {
        if (pixels.Length != width * height) throw new ArgumentException("expected " + (width * height) + " pixels, got " + pixels.Length + ".", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Luminance 0…255, row-major.</summary>
    public byte[] Pixels { get; }
}

/// <summary>
/// A small PNG decoder to luminance: every colour type (grey, RGB, palette, with or without alpha), bit depths
/// 1 to 16, interlaced or not. Colour becomes luminance with the Rec. 601 weights (0.299 R + 0.587 G + 0.114 B);
/// alpha is ignored. Malformed files give an <see cref="InvalidDataException"/> that says what is wrong.
/// </summary>
public static class PngGray
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static GrayImage Read(string path) => Decode(File.ReadAllBytes(path), path);

    public static GrayImage Decode(ReadOnlySpan<byte> data, string name = "image")
    {
        if (data.Length < 8 || !data[..8].SequenceEqual(Signature)) throw new InvalidDataException(name + " is not a PNG file (no PNG signature).");
        int width = 0, height = 0, depth = 0, colour = 0, interlace = 0;
        byte[]? palette = null;
        using var idat = new MemoryStream();
        var at = 8;
        var sawHeader = false;
        while (at + 8 <= data.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data.Slice(at, 4));
            var type = System.Text.Encoding.ASCII.GetString(data.Slice(at + 4, 4));
            if (length < 0 || at + 12 + (long)length > data.Length) throw new InvalidDataException(name + ": the " + type + " chunk runs past the end of the file.");
            var body = data.Slice(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(body[..4]);
                    height = BinaryPrimitives.ReadInt32BigEndian(body.Slice(4, 4));
                    depth = body[8];
                    colour = body[9];
                    interlace = body[12];
                    sawHeader = true;
                    break;
                case "PLTE":
                    palette = body.ToArray();
                    break;
                case "IDAT":
                    idat.Write(body);
                    break;
            }
            at += 12 + length;
            if (type == "IEND") break;
        }
        if (!sawHeader) throw new InvalidDataException(name + ": no IHDR chunk.");
        if (width <= 0 || height <= 0 || (long)width * height > 1L << 28) throw new InvalidDataException(name + ": unsupported size " + width + "×" + height + ".");
        var channels = colour switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new InvalidDataException(name + ": unknown colour type " + colour + ".") };
        if (depth is not (1 or 2 or 4 or 8 or 16) || (colour is 2 or 4 or 6 && depth < 8) || (colour == 3 && depth > 8))
            throw new InvalidDataException(name + ": bit depth " + depth + " is not valid for colour type " + colour + ".");
        if (colour == 3 && palette is null) throw new InvalidDataException(name + ": a palette image without a PLTE chunk.");

        idat.Position = 0;
        byte[] raw;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        using (var buffer = new MemoryStream())
        {
            z.CopyTo(buffer);
            raw = buffer.ToArray();
        }

        var pixels = new byte[width * height];
        var bitsPerPixel = channels * depth;
        var bytesPerPixel = Math.Max(1, bitsPerPixel / 8);
        var offset = 0;
        // Adam7 passes: (x0, y0, dx, dy); a non-interlaced image is one pass over everything.
        (int X0, int Y0, int Dx, int Dy)[] passes = interlace == 1
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)];
        foreach (var (x0, y0, dx, dy) in passes)
        {
            var pw = (width - x0 + dx - 1) / dx;
            var ph = (height - y0 + dy - 1) / dy;
            if (pw <= 0 || ph <= 0) continue;
            var stride = (pw * bitsPerPixel + 7) / 8;
            var previous = new byte[stride];
            var current = new byte[stride];
            for (var row = 0; row < ph; row++)
            {
                if (offset + 1 + stride > raw.Length) throw new InvalidDataException(name + ": the image data is shorter than its size says.");
                var filter = raw[offset];
                Array.Copy(raw, offset + 1, current, 0, stride);
                offset += 1 + stride;
                Unfilter(filter, current, previous, bytesPerPixel, name);
                for (var col = 0; col < pw; col++)
                    pixels[(y0 + row * dy) * width + x0 + col * dx] = Luminance(current, col, channels, depth, colour, palette);
                (previous, current) = (current, previous);
            }
        }
        return new GrayImage(width, height, pixels);
    }

    private static void Unfilter(byte filter, byte[] line, byte[] previous, int bpp, string name)
    {
        for (var i = 0; i < line.Length; i++)
        {
            int a = i >= bpp ? line[i - bpp] : 0;
            int b = previous[i];
            int c = i >= bpp ? previous[i - bpp] : 0;
            line[i] = filter switch
            {
                0 => line[i],
                1 => (byte)(line[i] + a),
                2 => (byte)(line[i] + b),
                3 => (byte)(line[i] + ((a + b) >> 1)),
                4 => (byte)(line[i] + Paeth(a, b, c)),
                _ => throw new InvalidDataException(name + ": unknown row filter " + filter + "."),
            };
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Sample k of pixel col, scaled to 0…255.</summary>
    private static int Sample(byte[] line, int col, int channels, int depth, int k)
    {
        switch (depth)
        {
            case 8:
                return line[col * channels + k];
            case 16:
                return line[2 * (col * channels + k)];
            default:
                {
                    var bit = (col * channels + k) * depth;
                    var v = (line[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
                    return v;
                }
        }
    }

    private static byte Luminance(byte[] line, int col, int channels, int depth, int colour, byte[]? palette)
    {
        switch (colour)
        {
            case 3:
                {
                    var index = Sample(line, col, 1, depth, 0);
                    if (3 * index + 2 >= palette!.Length) return 0;
                    return Rgb(palette[3 * index], palette[3 * index + 1], palette[3 * index + 2]);
                }
            case 0 or 4:
                {
                    var g = Sample(line, col, channels, depth, 0);
                    return (byte)(depth < 8 ? g * 255 / ((1 << depth) - 1) : g);
                }
            default:
                return Rgb(Sample(line, col, channels, depth, 0), Sample(line, col, channels, depth, 1), Sample(line, col, channels, depth, 2));
        }
    }

    private static byte Rgb(int r, int g, int b) => (byte)Math.Min(255, (int)Math.Round(0.299 * r + 0.587 * g + 0.114 * b));
}
