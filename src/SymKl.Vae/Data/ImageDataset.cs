namespace SymKl.Vae.Data;

/// <summary>Images scaled to [0, 1] (row-major, one row of <see cref="Pixels"/> floats per image) and their labels.</summary>
public sealed class ImageDataset
{
    public ImageDataset(float[] images, byte[] labels, int rows, int columns, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (images.Length != labels.Length * rows * columns)
        {
            throw new ArgumentException("The number of pixels does not match the number of labels.", nameof(images));
        }

        Images = images;
        Labels = labels;
        Rows = rows;
        Columns = columns;
        Source = source;
    }

    /// <summary>The file the images came from, for messages; null for data made in memory.</summary>
    public string? Source { get; }

    /// <summary>The source file in quotes, or a description of in-memory data.</summary>
    public string Describe() => Source is null ? "the images" : $"'{Source}'";

    public float[] Images { get; }

    public byte[] Labels { get; }

    public int Rows { get; }

    public int Columns { get; }

    public int Pixels => Rows * Columns;

    public int Count => Labels.Length;

    public ReadOnlySpan<float> Image(int index) => Images.AsSpan(index * Pixels, Pixels);

    /// <summary>The first <paramref name="count"/> images (for quick runs and tests).</summary>
    public ImageDataset Take(int count) => Slice(0, Math.Clamp(count, 0, Count));

    /// <summary>A copy of images [start, start + count).</summary>
    public ImageDataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count);
        return new ImageDataset(Images.AsSpan(start * Pixels, count * Pixels).ToArray(), Labels.AsSpan(start, count).ToArray(), Rows, Columns, Source);
    }
}
