using System.Buffers.Binary;
using System.IO.Compression;
using SymKl.Vae.Data;

namespace SymKl.Vae.Tests;

/// <summary>Small IDX files and synthetic datasets written by the tests themselves.</summary>
internal static class TestData
{
    public static byte[] Idx(int[] shape, byte[] data)
    {
        var bytes = new byte[4 + 4 * shape.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)shape.Length;
        for (var d = 0; d < shape.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), shape[d]);
        }

        data.CopyTo(bytes, 4 + 4 * shape.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest))
        {
            gz.Write(raw);
        }

        return output.ToArray();
    }

    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "symkl-runtime-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes a tiny Fashion-MNIST-shaped split (count images of rows×cols) and returns the pixel bytes.</summary>
    public static byte[] WriteSplit(string dir, string prefix, int count, int rows, int cols, bool gzip, int seed = 1)
    {
        var random = new Random(seed);
        var pixels = new byte[count * rows * cols];
        random.NextBytes(pixels);
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 10);
        }

        var images = Idx([count, rows, cols], pixels);
        var labelFile = Idx([count], labels);
        var suffix = gzip ? ".gz" : string.Empty;
        File.WriteAllBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte{suffix}"), gzip ? Gzip(images) : images);
        File.WriteAllBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte{suffix}"), gzip ? Gzip(labelFile) : labelFile);
        return pixels;
    }

    /// <summary>
    /// A learnable toy dataset: each image is one of four fixed binary-ish prototypes with a little noise.
    /// </summary>
    public static ImageDataset Prototypes(int count, int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var pixels = rows * cols;
        var prototypes = new float[4][];
        for (var p = 0; p < 4; p++)
        {
            prototypes[p] = new float[pixels];
            for (var i = 0; i < pixels; i++)
            {
                prototypes[p][i] = random.NextDouble() < 0.4 ? 0.95f : 0.05f;
            }
        }

        var images = new float[count * pixels];
        var labels = new byte[count];
        for (var n = 0; n < count; n++)
        {
            var p = n % 4;
            labels[n] = (byte)p;
            for (var i = 0; i < pixels; i++)
            {
                images[n * pixels + i] = Math.Clamp(prototypes[p][i] + (float)(random.NextDouble() - 0.5) * 0.1f, 0f, 1f);
            }
        }

        return new ImageDataset(images, labels, rows, cols);
    }

    /// <summary>Uniform random pixels in [0, 1].</summary>
    public static ImageDataset Random(int count, int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var images = new float[count * rows * cols];
        for (var i = 0; i < images.Length; i++)
        {
            images[i] = (float)random.NextDouble();
        }

        return new ImageDataset(images, new byte[count], rows, cols);
    }
}
