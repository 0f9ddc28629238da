using SymKl.Vae.Data;

namespace SymKl.Vae.Tests;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _dir = TestData.TempFolder();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsShapeAndDataPlainAndGzip(bool gzip)
    {
        var data = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)i).ToArray();
        var raw = TestData.Idx([2, 3, 4], data);
        var path = Path.Combine(_dir, "a.idx");
        File.WriteAllBytes(path, gzip ? TestData.Gzip(raw) : raw);

        var array = IdxReader.Read(path);

        Assert.Equal([2, 3, 4], array.Shape);
        Assert.Equal(data, array.Data);
    }

    [Fact]
    public void WrongMagicIsAClearErrorNamingTheFile()
    {
        var path = Path.Combine(_dir, "bad.idx");
        File.WriteAllBytes(path, [1, 2, 8, 1, 0, 0, 0, 1, 5]);
        var ex = Assert.Throws<DataFileException>(() => IdxReader.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("magic", ex.Message);
    }

    [Fact]
    public void UnsupportedElementTypeIsReported()
    {
        var raw = TestData.Idx([1], [7]);
        raw[2] = 0x0D;
        var path = Path.Combine(_dir, "float.idx");
        File.WriteAllBytes(path, raw);
        var ex = Assert.Throws<DataFileException>(() => IdxReader.Read(path));
        Assert.Contains("0x0D", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedDataIsAClearError(bool gzip)
    {
        var raw = TestData.Idx([10, 28, 28], new byte[10 * 28 * 28]);
        var cut = raw.AsSpan(0, raw.Length - 100).ToArray();
        var path = Path.Combine(_dir, "cut.idx");
        File.WriteAllBytes(path, gzip ? TestData.Gzip(cut) : cut);
        var ex = Assert.Throws<DataFileException>(() => IdxReader.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void TruncatedHeaderIsAClearError()
    {
        var path = Path.Combine(_dir, "header.idx");
        File.WriteAllBytes(path, [0, 0, 8, 3, 0, 0]);
        var ex = Assert.Throws<DataFileException>(() => IdxReader.Read(path));
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void DamagedGzipIsAClearError()
    {
        var gz = TestData.Gzip(TestData.Idx([100], new byte[100]));
        var damaged = gz.AsSpan(0, gz.Length / 2).ToArray();
        var path = Path.Combine(_dir, "damaged.gz");
        File.WriteAllBytes(path, damaged);
        var ex = Assert.Throws<DataFileException>(() => IdxReader.Read(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void TrailingBytesAreReported()
    {
        var raw = TestData.Idx([3], [1, 2, 3]).Concat(new byte[] { 9 }).ToArray();
        var path = Path.Combine(_dir, "long.idx");
        File.WriteAllBytes(path, raw);
        Assert.Throws<DataFileException>(() => IdxReader.Read(path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LoadsAFashionMnistShapedFolder(bool gzip)
    {
        var trainPixels = TestData.WriteSplit(_dir, "train", 12, 28, 28, gzip, seed: 1);
        TestData.WriteSplit(_dir, "t10k", 5, 28, 28, gzip, seed: 2);

        var (train, test) = FashionMnist.Load(_dir);

        Assert.Equal(12, train.Count);
        Assert.Equal(5, test.Count);
        Assert.Equal(784, train.Pixels);
        Assert.Equal(28, train.Rows);
        Assert.Equal(12 * 784, train.Images.Length);
        Assert.Equal(trainPixels[100] / 255f, train.Images[100]);
        Assert.Equal(3, train.Labels[3]);
        Assert.All(train.Images, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void MissingFileSaysHowToGetIt()
    {
        TestData.WriteSplit(_dir, "train", 3, 28, 28, gzip: true);
        var ex = Assert.Throws<DataFileException>(() => FashionMnist.Load(_dir));
        Assert.Contains("t10k-images-idx3-ubyte", ex.Message);
        Assert.Contains("dataset-fashion-mnist", ex.Message);
        Assert.Contains("--data", ex.Message);
    }

    [Fact]
    public void MissingFolderIsAClearError()
    {
        var missing = Path.Combine(_dir, "nowhere");
        var ex = Assert.Throws<DataFileException>(() => FashionMnist.Load(missing));
        Assert.Contains(missing, ex.Message);
    }

    [Fact]
    public void LabelCountMustMatchImageCount()
    {
        TestData.WriteSplit(_dir, "train", 4, 28, 28, gzip: false);
        File.WriteAllBytes(Path.Combine(_dir, "train-labels-idx1-ubyte"), TestData.Idx([3], [0, 1, 2]));
        var ex = Assert.Throws<DataFileException>(() => FashionMnist.LoadSplit(_dir, "train"));
        Assert.Contains("labels", ex.Message);
    }

    [Fact]
    public void LabelsFileWithImageShapeIsRejected()
    {
        TestData.WriteSplit(_dir, "train", 4, 28, 28, gzip: false);
        File.Copy(Path.Combine(_dir, "train-images-idx3-ubyte"), Path.Combine(_dir, "train-labels-idx1-ubyte"), overwrite: true);
        var ex = Assert.Throws<DataFileException>(() => FashionMnist.LoadSplit(_dir, "train"));
        Assert.Contains("1-dimensional", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnEmptyFileIsAClearErrorNamingIt(bool gzip)
    {
        TestData.WriteSplit(_dir, "train", 4, 28, 28, gzip: false);
        var path = Path.Combine(_dir, "train-images-idx3-ubyte");
        File.WriteAllBytes(path, gzip ? TestData.Gzip([]) : []);
        var ex = Assert.Throws<DataFileException>(() => FashionMnist.LoadSplit(_dir, "train"));
        Assert.Contains(path, ex.Message);
        Assert.Contains("empty", ex.Message);
    }

    [Theory]
    [InlineData(0, 28, 28, "holds no images")]
    [InlineData(3, 0, 28, "0×28 pixels")]
    [InlineData(3, 28, 0, "28×0 pixels")]
    public void ASplitWithoutImagesOrPixelsIsAClearError(int count, int rows, int columns, string expected)
    {
        TestData.WriteSplit(_dir, "train", count, rows, columns, gzip: true);
        var ex = Assert.Throws<DataFileException>(() => FashionMnist.LoadSplit(_dir, "train"));
        Assert.Contains(Path.Combine(_dir, "train-images-idx3-ubyte.gz"), ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AnEmptyDataFolderIsAnErrorNotTheDefault(string folder)
    {
        var ex = Assert.Throws<DataFileException>(() => FashionMnist.ResolveFolder(folder));
        Assert.Contains("empty path", ex.Message);
    }

    [Fact]
    public void LoadedImagesRememberTheirFile()
    {
        TestData.WriteSplit(_dir, "t10k", 3, 28, 28, gzip: false);
        var test = FashionMnist.LoadSplit(_dir, "t10k");
        Assert.Equal(Path.Combine(_dir, "t10k-images-idx3-ubyte"), test.Source);
        Assert.Equal(test.Source, test.Take(2).Source);
    }
}
