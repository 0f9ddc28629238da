namespace SymKl.Runtime.Data;

/// <summary>Images scaled to [0, 1] (row-major, one row of <see cref="Pixels"/> floats per image) and their labels.</summary>
public sealed class ImageDataset
{
    public ImageDataset(float[] images, byte[] labels, int rows, int columns)
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
    }

    public float[] Images { get; }

    public byte[] Labels { get; }

    public int Rows { get; }

    public int Columns { get; }

    public int Pixels => Rows * Columns;

    public int Count => Labels.Length;

    public ReadOnlySpan<float> Image(int index) => Images.AsSpan(index * Pixels, Pixels);

    /// <summary>The first <paramref name="count"/> images (for quick runs and tests).</summary>
    public ImageDataset Take(int count)
    {
        count = Math.Clamp(count, 0, Count);
        return new ImageDataset(Images.AsSpan(0, count * Pixels).ToArray(), Labels.AsSpan(0, count).ToArray(), Rows, Columns);
    }
}
