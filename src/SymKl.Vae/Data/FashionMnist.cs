using System.Diagnostics;

namespace SymKl.Vae.Data;

/// <summary>
/// Loads Fashion-MNIST from its four IDX files (gzip-compressed or not). The default folder is
/// the one where Debian's <c>dataset-fashion-mnist</c> package installs them, found with
/// <c>dpkg -L</c>; the FASHION_MNIST environment variable or an explicit folder override it.
/// </summary>
public static class FashionMnist
{
    public const string DebianPackage = "dataset-fashion-mnist";

    public static readonly string[] ClassNames =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    public static string HowToGet =>
        $"Install Debian's '{DebianPackage}' package (apt-get install {DebianPackage}), or download the four "
        + "*-ubyte.gz files of Fashion-MNIST into a folder and pass it with --data DIR.";

    /// <summary>Loads the training and test sets.</summary>
    public static (ImageDataset Train, ImageDataset Test) Load(string? folder = null)
    {
        var dir = ResolveFolder(folder);
        return (LoadSplit(dir, "train"), LoadSplit(dir, "t10k"));
    }

    /// <summary>Loads one split: <paramref name="prefix"/> is "train" or "t10k".</summary>
    public static ImageDataset LoadSplit(string folder, string prefix)
    {
        var imagesPath = FindFile(folder, $"{prefix}-images-idx3-ubyte");
        var labelsPath = FindFile(folder, $"{prefix}-labels-idx1-ubyte");
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        if (images.Shape.Length != 3)
        {
            throw new DataFileException($"'{imagesPath}' should hold a 3-dimensional array (images × rows × columns), not {images.Shape.Length}-dimensional. {HowToGet}");
        }

        if (labels.Shape.Length != 1)
        {
            throw new DataFileException($"'{labelsPath}' should hold a 1-dimensional array of labels, not {labels.Shape.Length}-dimensional. {HowToGet}");
        }

        if (images.Shape[0] == 0)
        {
            throw new DataFileException($"'{imagesPath}' holds no images. {HowToGet}");
        }

        if (images.Shape[1] == 0 || images.Shape[2] == 0)
        {
            throw new DataFileException($"'{imagesPath}' declares images of {images.Shape[1]}×{images.Shape[2]} pixels. {HowToGet}");
        }

        if (labels.Shape[0] != images.Shape[0])
        {
            throw new DataFileException($"'{imagesPath}' has {images.Shape[0]} images but '{labelsPath}' has {labels.Shape[0]} labels.");
        }

        foreach (var label in labels.Data)
        {
            if (label > 9)
            {
                throw new DataFileException($"'{labelsPath}' contains the label {label}; Fashion-MNIST labels are 0 to 9.");
            }
        }

        var pixels = new float[images.Data.Length];
        const float scale = 1f / 255f;
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = images.Data[i] * scale;
        }

        return new ImageDataset(pixels, labels.Data, images.Shape[1], images.Shape[2], imagesPath);
    }

    /// <summary>The data folder: the argument (which must not be empty), else $FASHION_MNIST, else the Debian package's folder.</summary>
    public static string ResolveFolder(string? folder)
    {
        if (folder is not null && string.IsNullOrWhiteSpace(folder))
        {
            throw new DataFileException("The data folder is an empty path. " + HowToGet);
        }

        if (folder is not null)
        {
            if (!Directory.Exists(folder))
            {
                throw new DataFileException($"The data folder '{folder}' does not exist. {HowToGet}");
            }

            return folder;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("FASHION_MNIST");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return ResolveFolder(fromEnvironment);
        }

        return FindDebianFolder() ?? throw new DataFileException($"Fashion-MNIST was not found: the '{DebianPackage}' package is not installed. {HowToGet}");
    }

    private static string FindFile(string folder, string stem)
    {
        foreach (var name in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new DataFileException($"Missing '{Path.Combine(folder, stem + ".gz")}' (or the uncompressed '{stem}'). {HowToGet}");
    }

    private static string? FindDebianFolder()
    {
        try
        {
            var start = new ProcessStartInfo("dpkg", ["-L", DebianPackage])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                return null;
            }

            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.EndsWith("train-images-idx3-ubyte.gz", StringComparison.Ordinal) || line.EndsWith("train-images-idx3-ubyte", StringComparison.Ordinal))
                {
                    return Path.GetDirectoryName(line);
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // dpkg is not available on this system.
        }

        return null;
    }
}
