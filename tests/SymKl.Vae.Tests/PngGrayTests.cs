using System.Buffers.Binary;
using System.IO.Compression;
using SymKl.Runtime.Divergences;
using SymKl.Vae.Imaging;

namespace SymKl.Vae.Tests;

/// <summary>The PNG luminance reader of <c>hist-kl</c> (on PNG files the tests write themselves), and histogram divergences of decoded images.</summary>
public sealed class PngGrayTests
{
    // ------------------------------------------------------------------ a minimal PNG writer for the tests

    private static byte[] Png(int width, int height, int colour, int depth, Func<int, int, byte[]> pixel, byte[]? palette = null, int filter = 0)
    {
        var channels = colour switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        var stride = (width * channels * depth + 7) / 8;
        var raw = new MemoryStream();
        var previous = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var line = new byte[stride];
            for (var x = 0; x < width; x++)
            {
                var samples = pixel(x, y);
                for (var k = 0; k < channels; k++)
                {
                    if (depth == 8) line[x * channels + k] = samples[k];
                    else if (depth == 16) { line[2 * (x * channels + k)] = samples[k]; line[2 * (x * channels + k) + 1] = 0x5A; }
                    else
                    {
                        var bit = (x * channels + k) * depth;
                        line[bit >> 3] |= (byte)(samples[k] << (8 - depth - (bit & 7)));
                    }
                }
            }
            raw.WriteByte((byte)filter);
            var bpp = Math.Max(1, channels * depth / 8);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= bpp ? line[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                var predicted = filter switch { 1 => a, 2 => b, 3 => (a + b) >> 1, 4 => Paeth(a, b, c), _ => 0 };
                raw.WriteByte((byte)(line[i] - predicted));
            }
            previous = line;
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw.ToArray());
        var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)depth;
        header[9] = (byte)colour;
        Chunk(png, "IHDR", header);
        if (palette is not null) Chunk(png, "PLTE", palette);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        s.Write(length);
        s.Write(System.Text.Encoding.ASCII.GetBytes(type));
        s.Write(data);
        s.Write([0, 0, 0, 0]); // the reader does not check CRCs
    }

    // ------------------------------------------------------------------ decoding

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void GreyAndRgbImagesDecodeToLuminanceWithEveryRowFilter(int filter)
    {
        var grey = PngGray.Decode(Png(5, 3, 0, 8, (x, y) => [(byte)(40 * x + y)], filter: filter));
        Assert.Equal((5, 3), (grey.Width, grey.Height));
        Assert.Equal(40 * 4 + 2, grey.Pixels[2 * 5 + 4]);
        var rgb = PngGray.Decode(Png(4, 2, 2, 8, (x, y) => [(byte)(60 * x), (byte)(100 * y), 200], filter: filter));
        Assert.Equal((byte)Math.Round(0.299 * 180 + 0.587 * 100 + 0.114 * 200), rgb.Pixels[1 * 4 + 3]);
        var rgba = PngGray.Decode(Png(3, 3, 6, 8, (x, y) => [255, 255, 255, (byte)(x * 80)], filter: filter));
        Assert.All(rgba.Pixels, p => Assert.Equal(255, p));
    }

    [Fact]
    public void PaletteSixteenBitAndLowBitDepthImagesDecode()
    {
        byte[] palette = [0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255];
        var indexed = PngGray.Decode(Png(7, 2, 3, 2, (x, y) => [(byte)((x + y) % 4)], palette));
        Assert.Equal((byte)Math.Round(0.299 * 255), indexed.Pixels[1]);
        Assert.Equal(255, indexed.Pixels[3]);
        var deep = PngGray.Decode(Png(3, 1, 0, 16, (x, _) => [(byte)(100 + x)]));
        Assert.Equal([100, 101, 102], deep.Pixels);
        var bits = PngGray.Decode(Png(9, 1, 0, 1, (x, _) => [(byte)(x % 2)]));
        Assert.Equal([0, 255, 0, 255, 0, 255, 0, 255, 0], bits.Pixels);
    }

    [Fact]
    public void DamagedFilesAreReportedNotMisread()
    {
        Assert.Throws<InvalidDataException>(() => PngGray.Decode("not a png at all"u8));
        var png = Png(4, 4, 0, 8, (x, y) => [(byte)x]);
        Assert.Throws<InvalidDataException>(() => PngGray.Decode(png.AsSpan(0, 40)));
    }

    // ------------------------------------------------------------------ the image-similarity example

    [Fact]
    public void TwoDaytimeImagesAreCloserThanADaytimeAndANightImage()
    {
        // The exposé's example, synthetically: two bright scenes with slightly different light, and a dark one.
        static byte Clamp(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
        var random = new Random(3);
        double Noise() => 25 * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
        var day = PngGray.Decode(Png(64, 64, 2, 8, (x, y) => [Clamp(170 + x + Noise()), Clamp(180 + y / 2 + Noise()), Clamp(210 + Noise())]));
        var otherDay = PngGray.Decode(Png(64, 64, 2, 8, (x, y) => [Clamp(160 + x + Noise()), Clamp(175 + y / 2 + Noise()), Clamp(205 + Noise())]));
        var night = PngGray.Decode(Png(64, 64, 2, 8, (x, y) => [Clamp(30 + x / 2 + Noise()), Clamp(35 + Noise()), Clamp(70 + y / 3 + Noise())]));
        var close = Histograms.Divergence(Histograms.Intensities(day.Pixels), Histograms.Intensities(otherDay.Pixels));
        var far = Histograms.Divergence(Histograms.Intensities(day.Pixels), Histograms.Intensities(night.Pixels));
        Assert.True(close.PQ < far.PQ && close.QP < far.QP, $"day/day {close}, day/night {far}");
        Assert.True(close.PQ > 0 && double.IsFinite(far.PQ));
    }
}
